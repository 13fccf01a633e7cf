// What a hostile page does to the browser's bridge: generated messages over every channel (media, display,
// shell, unknown ones), random and structure-aware, with real requests in between, from this frame and from
// iframes it creates. Every message must be answered (an error for every malformed one); nothing may hang.
(() => {
  const CHANNELS = ['media', 'display', 'shell'];
  const EIGHT_MB = 'x'.repeat(8 * 1024 * 1024);

  function rng(seed) { // xorshift32: the same seed gives the same messages
    let s = (seed >>> 0) || 1;
    return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  }

  function generator(seed) {
    const r = rng(seed);
    const pick = (a) => a[Math.floor(r() * a.length)];
    const int = (n) => Math.floor(r() * n);
    const randomText = (n) => { let t = ''; for (let i = 0; i < n; i++) t += String.fromCharCode(int(0x10000)); return t; };
    const junk = (depth) => {
      const k = int(depth > 3 ? 6 : 9);
      switch (k) {
        case 0: return null;
        case 1: return r() < 0.5;
        case 2: return pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 3.5]);
        case 3: return randomText(int(20));
        case 4: return pick(['', 'camera', 'microphone', 'screen', 'browser', 'window', 'open', 'share', '__proto__']);
        case 5: return pick([[], {}]);
        case 6: return Array.from({length: int(4)}, () => junk(depth + 1));
        default: { const o = {}; for (let i = int(4); i > 0; i--) o[pick(['op', 'constraints', 'video', 'audio', 'name',
          'token', 'url', 'mediaSource', 'tabId', 'known', 'deviceId', 'width', 'exact', 'min', 'max', 'ideal',
          'advanced', '__proto__', randomText(3)])] = junk(depth + 1); return o; }
      }
    };
    const nested = (depth, open, close) => open.repeat(depth) + close.repeat(depth);
    // Constraints the Media Capture spec refuses (TypeError, or OverconstrainedError before any prompt).
    const badConstraints = () => pick([
      'yes', 5, [], [true], {video: 'yes'}, {video: 5}, {video: []}, {audio: 'loud'}, {video: false, audio: false}, {},
      {video: {width: 'wide'}}, {video: {width: {exact: 'x'}}}, {video: {width: {most: 5}}}, {video: {deviceId: 5}},
      {video: {deviceId: {exact: [{}]}}}, {video: {advanced: 'x'}}, {video: {advanced: [5]}}, {audio: {advanced: [[]]}},
      {video: {frameRate: {min: -1, max: 'a'}}}, {video: {height: -5}}, {video: {facingMode: 7}},
      {video: {deviceId: {exact: randomText(10)}}}, {audio: {deviceId: {exact: ['a', 'b']}}},
      {video: {width: {min: 1e308}}}, {video: {width: {exact: 5, min: 10}}}, {video: {width: junk(0), height: 'x'}}]);
    // Structure-aware: a known channel and a known or near-known operation with the wrong shape.
    const structured = () => {
      const channel = pick(CHANNELS);
      const shapes = [
        () => JSON.stringify({op: 'getUserMedia', constraints: badConstraints()}),
        () => JSON.stringify({op: pick([5, null, [], {}, true, 'getusermedia', 'getUserMedia ', 'share', 'open', '\u0000'])}),
        () => JSON.stringify({op: 'query', name: pick([5, null, [], {}, 'geolocation', 'CAMERA', ''])}),
        () => JSON.stringify({op: 'stop', token: pick([5, null, [], {}])}),
        () => JSON.stringify({op: 'share', mediaSource: pick([5, [], {}, 'moon', 'browser']), tabId: pick([1.5, 'one', [], {}, -1])}),
        () => JSON.stringify({op: 'share', video: {advanced: [{}], width: {min: 5}, frameRate: pick([{max: 'x'}, {ideal: []}, 'fast'])}}),
        () => JSON.stringify({op: 'open', url: pick([5, null, [], {}, 'javascript:alert(1)', 'file:///etc/passwd', 'callsafe-stream://media/x',
          'chrome://settings', 'http://', 'data:text/html,hi', 'about:blank'])}),
        () => JSON.stringify(junk(0)),
        () => JSON.stringify({op: randomText(8), payload: junk(0)}),
        () => nested(20000 + int(10000), '[', ']'),
        () => '{"op":"getUserMedia","constraints":' + nested(5000 + int(20000), '{"video":', '}') + '}',
        () => JSON.stringify({op: 'getUserMedia', constraints: {video: {deviceId: randomText(60000)}}}),
        () => '{"op":"getUserMedia","constraints":{"video":true', // cut short
      ];
      return channel + ':' + pick(shapes)();
    };
    // Random: anything at all as the request string.
    const random = () => pick([
      () => randomText(int(200)),
      () => pick(CHANNELS) + ':' + randomText(int(500)),
      () => pick(['', ':', '::', 'media', 'nope:{}', 'Media:{}', ' media:{}', 'media :{}', randomText(5) + ':{}']),
    ])();
    // 8 MB: one message in a hundred (each crosses from the page's process to the browser's).
    const huge = () => pick([
      () => pick(CHANNELS) + ':' + EIGHT_MB,
      () => EIGHT_MB,
      () => 'media:' + JSON.stringify({op: 'getUserMedia', constraints: {video: {deviceId: EIGHT_MB}}}),
    ])();
    return () => {
      const u = r();
      if (u < 0.01) return {request: huge(), expect: 'error'};
      if (u < 0.45) return {request: structured(), expect: 'error'};
      if (u < 0.85) return {request: random(), expect: 'error'};
      if (u < 0.93) return {binding: true, expect: 'error'}; // callsafeQuery itself called wrongly
      return {real: pick(['enumerateDevices', 'query', 'overconstrained'])};
    };
  }

  const bindingCalls = [
    () => window.callsafeQuery(),
    () => window.callsafeQuery(5),
    () => window.callsafeQuery('media:{}'),
    (h) => window.callsafeQuery({request: 5, ...h}),
    (h) => window.callsafeQuery({request: {}, ...h}),
    (h) => window.callsafeQuery({request: null, ...h}),
    (h) => window.callsafeQuery({...h}),
    (h) => window.callsafeQuery({request: 'media:{}', persistent: 'yes', ...h}),
  ];

  const crossOrigin = (() => { try { return !top.location.href; } catch (e) { return true; } })();
  const refusedHere = (e) => e.name === 'QuotaExceededError' || e.name === 'OverconstrainedError'
      || (crossOrigin && e.name === 'NotAllowedError'); // a cross-origin frame without allow= is refused first
  const realCalls = {
    enumerateDevices: () => navigator.mediaDevices.enumerateDevices().then(() => 'ok'),
    query: () => navigator.permissions.query({name: 'camera'}).then(() => 'ok'),
    overconstrained: () => navigator.mediaDevices.getUserMedia({video: {deviceId: {exact: 'no-such-camera'}}})
        .then(() => 'granted', (e) => { if (refusedHere(e)) throw e; return 'wrong ' + e.name; }),
  };

  // Sends `count` messages from this frame; resolves with what came back once every one is answered or the
  // deadline passed (the unanswered are the hangs).
  const inflight = window.__fuzzInflight = new Map(); // request text by number, while unanswered
  async function run(seed, count, deadlineMs) {
    const next = generator(seed);
    const f = {sent: 0, failure: 0, threw: 0, success: 0, wrongSuccess: [], real: 0, realOk: 0, realWrong: [],
      pending: 0, quota: 0, over64k: 0, biggest: 0, codes: {}};
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const m = next();
      f.sent++;
      f.pending++;
      inflight.set(i, String(m.request || m.real || 'binding').slice(0, 300));
      const done = () => { f.pending--; inflight.delete(i); };
      if (m.real) {
        f.real++;
        realCalls[m.real]().then((v) => { if (v === 'ok') f.realOk++; else f.realWrong.push(m.real + ': ' + v); },
          (e) => { if (refusedHere(e)) f.realOk++;
            else f.realWrong.push(m.real + ': ' + e.name + ' ' + e.message); }).finally(done);
        continue;
      }
      const handlers = {
        onSuccess: (v) => { f.success++; f.wrongSuccess.length < 20 && f.wrongSuccess.push(String(m.request).slice(0, 160) + ' -> ' + String(v).slice(0, 80)); done(); },
        onFailure: (code, message) => { f.failure++; f.codes[code] = (f.codes[code] || 0) + 1;
          if (String(message).includes('QuotaExceededError')) f.quota++; done(); },
      };
      try {
        if (m.binding) {
          bindingCalls[i % bindingCalls.length](handlers);
          // a call the binding accepted must be answered like any other
        } else {
          f.biggest = Math.max(f.biggest, m.request.length);
          if (m.request.length > 65536) f.over64k++;
          window.callsafeQuery({request: m.request, persistent: false, ...handlers});
        }
      } catch (e) {
        f.threw++;
        done();
      }
      if (i % 50 === 49) await new Promise((ok) => setTimeout(ok, 0)); // let answers in, as a page's loop does
    }
    while (f.pending > 0 && performance.now() - t0 < deadlineMs) {
      await new Promise((ok) => setTimeout(ok, 20));
    }
    f.ms = Math.round(performance.now() - t0);
    return f;
  }

  function add(total, f, where) {
    for (const [k, v] of Object.entries(f)) {
      if (k === 'biggest') total[k] = Math.max(total[k] || 0, v);
      else if (typeof v === 'number') total[k] = (total[k] || 0) + v;
      else if (Array.isArray(v)) total[k] = (total[k] || []).concat(v.map((x) => where + ': ' + x)).slice(0, 30);
      else if (k === 'codes') { total.codes = total.codes || {}; for (const [c, n] of Object.entries(v)) total.codes[c] = (total.codes[c] || 0) + n; }
    }
    total.frames = (total.frames || 0) + 1;
  }

  // The whole fuzz: `mainCount` messages from this (main) frame, then `frames` iframes one after another
  // each send `perFrame` (same-origin documents, srcdoc documents and documents of `crossOrigin`). The
  // `phase` field tells the test which part runs.
  async function drive({seed, mainCount, frames, perFrame, crossOrigin, deadlineMs}) {
    const total = {};
    window.__fuzzPhase = 'main';
    add(total, await run(seed, mainCount, deadlineMs), 'main');
    window.__fuzzPhase = 'frames';
    for (let k = 0; k < frames; k++) {
      const frame = document.createElement('iframe');
      const kind = ['same-origin', 'srcdoc', 'cross-origin'][k % 3];
      const loaded = new Promise((ok) => { frame.onload = ok; });
      if (kind === 'srcdoc') frame.srcdoc = '<script src="/fuzz.js"><' + '/script>';
      else frame.src = (kind === 'cross-origin' ? crossOrigin : '') + '/fuzz.html';
      document.body.appendChild(frame);
      await loaded;
      const result = new Promise((ok) => {
        const listen = (e) => { if (e.data && e.data.id === k) { window.removeEventListener('message', listen); ok(e.data.fuzzed); } };
        window.addEventListener('message', listen);
      });
      frame.contentWindow.postMessage({fuzz: true, seed: seed + 1 + k, count: perFrame, deadlineMs, id: k}, '*');
      add(total, await result, kind + ' ' + k);
      frame.remove();
    }
    window.__fuzzPhase = 'done';
    return total;
  }

  window.bridgeFuzz = {run, drive};
  // In an iframe made by the driver: run when told, post the figures back.
  window.addEventListener('message', async (e) => {
    if (e.data && e.data.fuzz) {
      const f = await run(e.data.seed, e.data.count, e.data.deadlineMs);
      e.source.postMessage({fuzzed: f, id: e.data.id}, '*');
    }
  });
})();
