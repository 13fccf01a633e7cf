// Runs in the shared tab's DevTools isolated world "callsafe-tab-sound" (the page cannot see or change these
// globals). Takes the sound of every media element of the document and of its same-origin iframes through
// captureStream() (local playback is unchanged), mixes it to mono at 48 kHz in an AudioContext of this world
// and hands 16-bit little-endian PCM, base64, to the browser through the world's own binding. Idempotent: the
// browser runs it again every second, which also picks up a new document after a navigation.
(() => {
  const running = globalThis.__callsafeTabSound;
  if (running) {
    // A tab without a click yet has a suspended context (autoplay); it may start once the tab had one.
    if (running.ctx.state === 'suspended') running.ctx.resume().catch(() => { });
    return running.ctx.state;
  }
  const send = globalThis.callsafeTabSound;
  if (typeof send !== 'function') return 'no-binding';
  const CHUNK = 2048; // 42.7 ms at 48 kHz
  const ctx = new AudioContext({ sampleRate: 48000 });
  const mix = ctx.createGain();
  mix.channelCount = 1;
  mix.channelCountMode = 'explicit';
  mix.channelInterpretation = 'speakers';
  const proc = ctx.createScriptProcessor(CHUNK, 1, 1);
  mix.connect(proc);
  proc.connect(ctx.destination); // a processor runs only when connected; its output stays silent
  const seen = new WeakSet();
  const tracks = [];
  const state = { ctx, tracks, timer: 0 };
  globalThis.__callsafeTabSound = state;

  proc.onaudioprocess = (e) => {
    const x = e.inputBuffer.getChannelData(0);
    const pcm = new Int16Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = x[i] < -1 ? -1 : x[i] > 1 ? 1 : x[i];
      pcm[i] = v < 0 ? v * 32768 : v * 32767;
    }
    const bytes = new Uint8Array(pcm.buffer);
    let s = '';
    for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    try { send(btoa(s)); } catch (_) { /* the browser stopped listening */ }
  };

  function take(track) {
    if (track.kind !== 'audio' || seen.has(track)) return;
    seen.add(track);
    tracks.push(track);
    ctx.createMediaStreamSource(new MediaStream([track])).connect(mix);
  }

  function capture(el) {
    if (seen.has(el) || typeof el.captureStream !== 'function') return;
    seen.add(el);
    let stream;
    try { stream = el.captureStream(); } catch (_) { return; }
    stream.getAudioTracks().forEach(take);
    stream.addEventListener('addtrack', (e) => take(e.track)); // the element's source loads later
  }

  function scan(doc) {
    doc.querySelectorAll('audio, video').forEach(capture);
    doc.querySelectorAll('iframe, frame').forEach((f) => {
      let inner = null;
      try { inner = f.contentDocument; } catch (_) { /* cross-origin: not reachable from here */ }
      if (inner) scan(inner);
    });
  }

  const rescan = () => { try { scan(document); } catch (_) { } };
  rescan();
  state.timer = setInterval(rescan, 500);
  if (ctx.state !== 'running') ctx.resume().catch(() => { });
  return ctx.state;
})()
