'use strict';
// Test probe for display capture: starts a share as a calling site would, and reads the pixels of the
// VideoFrames that arrive (I420 planes, converted here), so tests assert what was really sent.
window.share = (() => {
  const st = { stream: null, error: null, settled: false, ended: 0, frames: 0, latest: null };

  function run(promise) {
    st.settled = false; st.error = null; st.stream = null; st.ended = 0; st.frames = 0;
    if (st.latest) { st.latest.close(); st.latest = null; }
    promise.then((s) => {
      st.stream = s;
      const track = s.getVideoTracks()[0];
      track.addEventListener('ended', () => st.ended++);
      watch(track);
      st.settled = true;
    }, (e) => { st.error = { name: e.name, message: e.message, isTypeError: e instanceof TypeError }; st.settled = true; });
    return true;
  }

  function watch(track) {
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
    (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        if (st.latest) st.latest.close();
        st.latest = value;
        st.frames++;
      }
    })().catch(() => {});
  }

  // A button the test clicks with the real mouse: a real user activation for the call.
  let onClick = null;
  addEventListener('DOMContentLoaded', () => {
    document.getElementById('go').addEventListener('click', () => { if (onClick) { const f = onClick; onClick = null; f(); } });
  });
  function armButton(js) { onClick = () => (0, eval)(js); return true; }

  function display(options) { return run(navigator.mediaDevices.getDisplayMedia(options)); }
  function viaUserMedia(c) { return run(navigator.mediaDevices.getUserMedia(c)); }

  function state() {
    return {
      settled: st.settled, error: st.error, ended: st.ended, frames: st.frames,
      tracks: st.stream ? st.stream.getTracks().map((t) => ({
        kind: t.kind, label: t.label, readyState: t.readyState, settings: t.getSettings(),
      })) : [],
    };
  }

  function toYuv([r, g, b]) {
    return [((66 * r + 129 * g + 25 * b + 128) >> 8) + 16, ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128,
      ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128];
  }

  // Waits for `n` fresh frames; for each, counts the pixels (on the chroma grid) near each colour
  // (all three of Y, U, V within `tol`), and samples the points (fractions of width/height) of the last.
  // `away` ({colour, rects: [[x0, y0, x1, y1] as fractions]}) counts, in the last frame, every pixel of each
  // rectangle that is not near that colour (what was drawn over a flat area).
  async function inspect({ n = 3, colours = [], points = [], tol = 14, timeoutMs = 10000, away = null } = {}) {
    const targets = colours.map(toYuv);
    const counts = colours.map(() => 0);
    let samples = [], w = 0, h = 0, seen = 0, off = [];
    const deadline = performance.now() + timeoutMs;
    let last = st.frames;
    while (seen < n) {
      if (performance.now() > deadline) throw new Error('only ' + seen + ' fresh frames arrived');
      if (st.frames === last || !st.latest) { await new Promise((r) => setTimeout(r, 15)); continue; }
      last = st.frames;
      const f = st.latest.clone();
      try {
        w = f.codedWidth; h = f.codedHeight;
        const buf = new Uint8Array(f.allocationSize());
        const layout = await f.copyTo(buf);
        const [Y, U, V] = layout;
        const at = (x, y) => [buf[Y.offset + y * Y.stride + x], buf[U.offset + (y >> 1) * U.stride + (x >> 1)],
          buf[V.offset + (y >> 1) * V.stride + (x >> 1)]];
        for (let y = 0; y < h; y += 2) {
          for (let x = 0; x < w; x += 2) {
            const p = at(x, y);
            for (let i = 0; i < targets.length; i++) {
              const t = targets[i];
              if (Math.abs(p[0] - t[0]) <= tol && Math.abs(p[1] - t[1]) <= tol && Math.abs(p[2] - t[2]) <= tol) counts[i]++;
            }
          }
        }
        samples = points.map(([fx, fy]) => at(Math.min(w - 1, Math.floor(fx * w)), Math.min(h - 1, Math.floor(fy * h))));
        if (away) {
          const t = toYuv(away.colour);
          off = away.rects.map(([x0, y0, x1, y1]) => {
            let count = 0;
            for (let y = Math.max(0, Math.floor(y0 * h)); y < Math.min(h, Math.ceil(y1 * h)); y++) {
              for (let x = Math.max(0, Math.floor(x0 * w)); x < Math.min(w, Math.ceil(x1 * w)); x++) {
                const p = at(x, y);
                if (Math.abs(p[0] - t[0]) > tol || Math.abs(p[1] - t[1]) > tol || Math.abs(p[2] - t[2]) > tol) count++;
              }
            }
            return count;
          });
        }
      } finally { f.close(); }
      seen++;
    }
    return { width: w, height: h, counts, total: (w >> 1) * (h >> 1), samples, yuv: targets, off };
  }

  function stopAll() { if (st.stream) st.stream.getTracks().forEach((t) => t.stop()); return true; }

  // applyConstraints on the shared track: its settings after, or the error it gave.
  function apply(c) {
    const t = st.stream.getVideoTracks()[0];
    return t.applyConstraints(c).then(() => ({ ok: true, settings: t.getSettings() }),
      (e) => ({ ok: false, name: e.name, constraint: e.constraint || null, settings: t.getSettings() }));
  }

  function capabilities() { return st.stream.getVideoTracks()[0].getCapabilities(); }

  // The loudest frequency of the share's audio track over about half a second, and its level (dBFS); null
  // without an audio track. Needs the page's sticky activation (the click that started the share).
  async function peakHz() {
    const tracks = st.stream ? st.stream.getAudioTracks() : [];
    if (!tracks.length) return null;
    const ctx = new AudioContext();
    await ctx.resume();
    const an = ctx.createAnalyser();
    an.fftSize = 4096;
    ctx.createMediaStreamSource(new MediaStream(tracks)).connect(an);
    const bins = new Float32Array(an.frequencyBinCount);
    let best = { hz: 0, db: -Infinity };
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 25));
      an.getFloatFrequencyData(bins);
      for (let k = 1; k < bins.length; k++) {
        if (bins[k] > best.db) best = { db: bins[k], hz: k * ctx.sampleRate / an.fftSize };
      }
    }
    await ctx.close();
    return best;
  }

  return { display, viaUserMedia, state, inspect, stopAll, armButton, apply, capabilities, peakHz };
})();
