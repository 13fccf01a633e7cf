// Callsafe shell: window.open and links that open a new window become new tabs of this browser.
// Off-screen rendered pages cannot have native popups (JCEF cancels them), and a popup opened as our own
// tab gets the page scripts before its first script runs. The browser decides (user activation, allowed
// schemes); this script only asks. A page that bypasses it gets nothing: the engine cancels the popup.
(() => {
  'use strict';
  if (window.__callsafeNewTabs) return;
  Object.defineProperty(window, '__callsafeNewTabs', { value: true });
  const BRIDGE = 'callsafeQuery';
  const query = () => (typeof window[BRIDGE] === 'function' ? window[BRIDGE] : null);

  function openTab(url) {
    let absolute;
    try {
      absolute = new URL(url === undefined || url === null || url === '' ? 'about:blank' : String(url),
          document.baseURI).href;
    } catch (_) {
      return;
    }
    const q = query();
    if (!q) return;
    q({ request: 'shell:' + JSON.stringify({ op: 'open', url: absolute }), persistent: false,
        onSuccess() {}, onFailure() {} });
  }

  Object.defineProperty(window, 'open', {
    // No reference to the new tab is returned: like rel=noopener, the opener cannot script it.
    value: function open(url) { openTab(url); return null; },
    writable: true, configurable: true,
  });

  const SAME_WINDOW = ['', '_self', '_parent', '_top'];
  window.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0) return;
    const link = e.target instanceof Element ? e.target.closest('a[href], area[href]') : null;
    if (!link) return;
    const target = (link.getAttribute('target') || '').toLowerCase();
    if (SAME_WINDOW.includes(target) && !e.ctrlKey) return;
    e.preventDefault();
    openTab(link.href);
  });
})();
