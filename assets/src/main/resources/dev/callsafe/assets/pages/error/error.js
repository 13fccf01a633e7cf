'use strict';
// The query comes from whoever built the link: it is shown as text only, and "Try again" is offered only
// for a web address (never javascript:, data:, file: or the browser's own pages).
const q = new URLSearchParams(location.search);
const failed = q.get('url') || '';
document.getElementById('url').textContent = failed;
document.getElementById('reason').textContent = `${q.get('reason') || ''} ${q.get('text') || ''}`.trim();

function webAddress(text) {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

const retry = document.getElementById('retry');
if (q.get('crashed') === '1') { // the page's process ended (TabEvents): the page was there, reload it
  document.title = 'Page stopped';
  document.querySelector('h1').textContent = 'This page stopped working';
  document.querySelector('p').firstChild.textContent = 'The page\'s process ended while showing ';
  retry.textContent = 'Reload';
}
const target = webAddress(failed);
if (target) {
  retry.onclick = () => { location.href = target; };
} else {
  retry.hidden = true;
}
