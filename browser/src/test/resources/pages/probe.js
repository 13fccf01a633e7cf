'use strict';
// Test probe: drives getUserMedia from a page and measures what arrived, as any calling site could.
window.probe = (() => {
  const st = { stream: null, error: null, settled: false, ended: [] };

  function errorOf(e) {
    return { name: e.name, message: e.message, constraint: e.constraint || null, isDOMException: e instanceof DOMException };
  }

  function start(constraints, md) {
    st.settled = false; st.error = null; st.stream = null; st.ended = [];
    (md || navigator.mediaDevices).getUserMedia(constraints).then((s) => {
      st.stream = s;
      s.getTracks().forEach((t) => t.addEventListener('ended', () => st.ended.push(t.kind)));
      st.settled = true;
    }, (e) => { st.error = errorOf(e); st.settled = true; });
    return true;
  }

  function state() {
    return {
      settled: st.settled, error: st.error, ended: st.ended,
      tracks: st.stream ? st.stream.getTracks().map((t) => ({
        kind: t.kind, label: t.label, readyState: t.readyState, settings: t.getSettings(),
      })) : [],
    };
  }

  function decodeStamp(data, width) {
    const b = Math.max(2, Math.min(8, Math.floor(width / 40) & ~1));
    const row = (y0) => {
      let v = 0;
      for (let bit = 39; bit >= 0; bit--) {
        const x = bit * b + (b >> 1), y = y0 + (b >> 1);
        v = v * 2 + (data[(y * width + x) * 4] > 128 ? 1 : 0);
      }
      return v;
    };
    const r0 = row(0), r1 = row(b);
    const seq = r0 % 4294967296, chk = Math.floor(r0 / 4294967296);
    const expect = Number((BigInt(seq) * 31n + BigInt(r1)) & 255n);
    return chk === expect ? { seq, time: r1 } : null;
  }

  // Collects n frames as shown by a <video> element: stamp, colour boxes and delay per frame.
  async function video(n, timeoutMs, which) {
    const track = which || st.stream.getVideoTracks()[0];
    const v = document.createElement('video');
    v.muted = true; v.autoplay = true; v.playsInline = true;
    v.srcObject = new MediaStream([track]);
    document.body.appendChild(v);
    await v.play();
    const frames = [];
    const deadline = performance.now() + (timeoutMs || 10000);
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    await new Promise((resolve) => {
      const onFrame = () => {
        if (frames.length >= n || performance.now() > deadline) { resolve(); return; }
        const w = v.videoWidth, h = v.videoHeight;
        canvas.width = w; canvas.height = h;
        ctx.drawImage(v, 0, 0, w, h);
        const data = ctx.getImageData(0, 0, w, h).data;
        const stamp = decodeStamp(data, w);
        const box = Math.floor(h / 6);
        const px = (x, y) => Array.from(data.slice((y * w + x) * 4, (y * w + x) * 4 + 3));
        frames.push({
          w, h, stamp,
          delay: stamp ? (Date.now() % 1099511627776) - stamp.time : null,
          red: px(box >> 1, h - (box >> 1)), green: px(w >> 1, h - (box >> 1)), blue: px(w - (box >> 1), h - (box >> 1)),
        });
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    });
    v.remove();
    return frames;
  }

  // Root-mean-square level of the audio track over about 300 ms.
  async function audioLevel() {
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    ctx.createMediaStreamSource(new MediaStream(st.stream.getAudioTracks())).connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    let best = 0;
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setTimeout(r, 20));
      analyser.getFloatTimeDomainData(buf);
      let s = 0;
      for (const x of buf) s += x * x;
      best = Math.max(best, Math.sqrt(s / buf.length));
    }
    await ctx.close();
    return best;
  }

  function stopAll() { if (st.stream) st.stream.getTracks().forEach((t) => t.stop()); }

  async function readStream(url) {
    try {
      const r = await fetch(url);
      if (!r.ok) return { ok: false, status: r.status, bytes: 0 };
      const reader = r.body.getReader();
      const { value } = await Promise.race([reader.read(), new Promise((res) => setTimeout(() => res({}), 1500))]);
      return { ok: true, status: r.status, bytes: value ? value.length : 0 };
    } catch (e) {
      return { ok: false, error: e.name, bytes: 0 };
    }
  }

  // Asks the page's first (or index-th) iframe, of any origin, to evaluate an expression; resolves with its value.
  let asked = 0;
  function inChild(expr, index) {
    const id = ++asked;
    return new Promise((resolve) => {
      const onReply = (e) => {
        if (e.data && e.data.probeReply === id) { removeEventListener('message', onReply); resolve(e.data.value); }
      };
      addEventListener('message', onReply);
      document.querySelectorAll('iframe')[index || 0].contentWindow.postMessage({ probeExpr: expr, id }, '*');
    });
  }
  addEventListener('message', async (e) => {
    if (!e.data || typeof e.data.probeExpr !== 'string') return;
    let value;
    try { value = await (0, eval)(e.data.probeExpr); } catch (err) { value = 'threw ' + err; }
    e.source.postMessage({ probeReply: e.data.id, value }, '*');
  });

  // permissions.query with a record of change events.
  const perm = { changes: [] };
  async function query(name) {
    const st = await navigator.permissions.query({ name });
    if (!perm[name]) {
      perm[name] = st;
      st.onchange = () => perm.changes.push(name + ':' + st.state);
    }
    return st.state;
  }
  function permissionChanges() { return perm.changes.slice(); }

  async function devices() {
    return (await navigator.mediaDevices.enumerateDevices()).map((d) => d.toJSON());
  }

  // Waits (at most 5 s) until a playing element's time has advanced by 0.2 s.
  async function advanced(el) {
    const t0 = el.currentTime, deadline = performance.now() + 5000;
    while (el.currentTime - t0 < 0.2 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return el.currentTime - t0;
  }

  // Plays a looped 440 Hz tone with sound in an <audio> (no click): the play() outcome and the time it played.
  async function playTone() {
    const rate = 8000, n = rate, buf = new ArrayBuffer(44 + n * 2), dv = new DataView(buf);
    const str = (o, s) => { for (let i = 0; i < s.length; i++) dv.setUint8(o + i, s.charCodeAt(i)); };
    str(0, 'RIFF'); dv.setUint32(4, 36 + n * 2, true); str(8, 'WAVE'); str(12, 'fmt ');
    dv.setUint32(16, 16, true); dv.setUint16(20, 1, true); dv.setUint16(22, 1, true); dv.setUint32(24, rate, true);
    dv.setUint32(28, rate * 2, true); dv.setUint16(32, 2, true); dv.setUint16(34, 16, true); str(36, 'data');
    dv.setUint32(40, n * 2, true);
    for (let i = 0; i < n; i++) dv.setInt16(44 + i * 2, Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)), true);
    const a = new Audio(URL.createObjectURL(new Blob([buf], { type: 'audio/wav' })));
    a.loop = true;
    document.body.appendChild(a);
    try {
      await a.play();
      return { error: null, muted: a.muted, volume: a.volume, advanced: await advanced(a) };
    } catch (e) {
      return { error: e.name, message: e.message };
    } finally {
      a.pause(); a.remove();
    }
  }

  // Plays the captured stream, camera and microphone, unmuted in a <video> (no click), as a call shows a peer.
  async function playStream() {
    const v = document.createElement('video');
    v.srcObject = st.stream;
    v.muted = false;
    document.body.appendChild(v);
    try {
      await v.play();
      return { error: null, muted: v.muted, advanced: await advanced(v) };
    } catch (e) {
      return { error: e.name, message: e.message };
    } finally {
      v.pause(); v.remove();
    }
  }

  return { stream: () => st.stream, playTone, playStream, start, state, video, audioLevel, stopAll, readStream, errorOf, inChild, query, permissionChanges, devices };
})();
