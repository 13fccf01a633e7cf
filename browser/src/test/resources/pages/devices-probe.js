'use strict';
// Device-choice probe: several named streams in one page, what their pixels and tones are, ended tracks
// and devicechange events, as a calling site with several cameras would see them.
window.devprobe = (() => {
  const streams = {};
  const results = {};
  const ended = [];
  let changes = 0;
  let handlerChanges = 0;
  navigator.mediaDevices.addEventListener('devicechange', () => { changes++; });
  navigator.mediaDevices.ondevicechange = () => { handlerChanges++; };

  function get(name, constraints) {
    results[name] = { settled: false };
    navigator.mediaDevices.getUserMedia(constraints).then((s) => {
      streams[name] = s;
      s.getTracks().forEach((t) => t.addEventListener('ended', () => ended.push(name + ':' + t.kind)));
      results[name] = { settled: true, error: null, tracks: s.getTracks().map((t) => ({
        kind: t.kind, label: t.label, settings: t.getSettings() })) };
    }, (e) => { results[name] = { settled: true, error: { name: e.name, message: e.message } }; });
    return true;
  }

  function result(name) { return results[name] || null; }

  function readyStates(name) { return streams[name] ? streams[name].getTracks().map((t) => t.readyState) : []; }

  // Colours at the three box centres along the bottom edge and at the middle of a shown frame.
  async function colours(name) {
    const v = document.createElement('video');
    v.muted = true; v.autoplay = true; v.playsInline = true;
    v.srcObject = new MediaStream(streams[name].getVideoTracks());
    document.body.appendChild(v);
    await v.play();
    for (let i = 0; i < 3; i++) await new Promise((r) => v.requestVideoFrameCallback(r));
    const w = v.videoWidth, h = v.videoHeight;
    const c = document.createElement('canvas');
    c.width = w; c.height = h;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(v, 0, 0, w, h);
    const box = Math.floor(h / 6);
    const px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
    const out = {
      w, h, left: px(box >> 1, h - (box >> 1)), middle: px(w >> 1, h - (box >> 1)),
      right: px(w - (box >> 1), h - (box >> 1)), centre: px(w >> 1, h >> 1),
    };
    v.remove();
    return out;
  }

  // The strongest frequency of a stream's audio track (needs a user gesture for the AudioContext).
  async function peakHz(name) {
    const ctx = new AudioContext();
    await ctx.resume();
    const an = ctx.createAnalyser();
    an.fftSize = 4096;
    ctx.createMediaStreamSource(new MediaStream(streams[name].getAudioTracks())).connect(an);
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
    return best.hz;
  }

  function stopAll() { Object.values(streams).forEach((s) => s.getTracks().forEach((t) => t.stop())); return true; }

  return { get, result, readyStates, colours, peakHz, stopAll, ended: () => ended.slice(), changes: () => changes, handlerChanges: () => handlerChanges };
})();
