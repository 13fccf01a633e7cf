'use strict';
// A calling site in miniature: two RTCPeerConnections in one page, the first sending our camera, microphone
// and (mid-call) a screen share, the second receiving; the test reads the decoded pictures and sound.
window.call = (() => {
  const st = { local: null, error: null, ready: false, senders: {}, received: {}, screen: null };
  const pc1 = new RTCPeerConnection(), pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => { if (e.candidate) pc2.addIceCandidate(e.candidate); };
  pc2.onicecandidate = (e) => { if (e.candidate) pc1.addIceCandidate(e.candidate); };
  // Remote tracks by the mid of their transceiver (camera, microphone, then the share).
  pc2.ontrack = (e) => { st.received[e.transceiver.mid] = e.track; };

  async function negotiate() {
    await pc1.setLocalDescription(await pc1.createOffer());
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription(await pc2.createAnswer());
    await pc1.setRemoteDescription(pc2.localDescription);
  }

  function midOf(sender) {
    return pc1.getTransceivers().find((t) => t.sender === sender).mid;
  }

  function run(step) {
    st.ready = false; st.error = null;
    step().then(() => { st.ready = true; }, (e) => { st.error = e.name + ': ' + e.message; st.ready = true; });
    return true;
  }

  function start() {
    return run(async () => {
      st.local = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
      for (const t of st.local.getTracks()) st.senders[t.kind] = pc1.addTrack(t, st.local);
      await negotiate();
    });
  }

  // Screen share added mid-call: a new sender, so the call is negotiated again.
  function share() {
    return run(async () => {
      const s = await navigator.mediaDevices.getDisplayMedia({ video: true });
      st.screen = s.getVideoTracks()[0];
      st.senders.screen = pc1.addTrack(st.screen, s);
      await negotiate();
    });
  }

  // Another camera by deviceId, swapped into the same sender (no renegotiation), as calling sites do.
  function switchCamera(label) {
    return run(async () => {
      const device = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.label.startsWith(label));
      const s = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: device.deviceId }, width: 320, height: 240 } });
      const old = st.senders.video.track;
      await st.senders.video.replaceTrack(s.getVideoTracks()[0]);
      old.stop();
    });
  }

  // A lower resolution for the sending camera, as a site does when the network or the layout asks for it.
  function resize(width, height) {
    return run(() => st.senders.video.track.applyConstraints({ width: { exact: width }, height: { exact: height } }));
  }

  function state() {
    return {
      ready: st.ready, error: st.error, connection: pc2.connectionState,
      mids: Object.fromEntries(Object.entries(st.senders).map(([k, s]) => [k, midOf(s)])),
    };
  }

  // The next n pictures decoded on the receiving side for that sender: size and the colour of the bottom-left
  // box and of the centre.
  async function pictures(kind, n) {
    const track = st.received[midOf(st.senders[kind])];
    const v = document.createElement('video');
    v.muted = true; v.playsInline = true; v.srcObject = new MediaStream([track]);
    document.body.appendChild(v);
    await v.play();
    const out = [];
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const deadline = performance.now() + 15000;
    await new Promise((resolve) => {
      const onFrame = () => {
        if (out.length >= n || performance.now() > deadline) { resolve(); return; }
        const w = v.videoWidth, h = v.videoHeight, box = Math.floor(h / 6);
        canvas.width = w; canvas.height = h;
        ctx.drawImage(v, 0, 0);
        const px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
        out.push({ w, h, left: px(box >> 1, h - (box >> 1)), centre: px(w >> 1, h >> 1) });
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    });
    v.remove();
    return out;
  }

  // The received sound: its loudest frequency and level, over about half a second. The remote track plays
  // in an <audio> too (Chromium gives Web Audio a remote track's samples only while an element plays it).
  async function sound() {
    const track = st.received[midOf(st.senders.audio)];
    const a = new Audio();
    a.srcObject = new MediaStream([track]);
    await a.play();
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 4096;
    ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount), wave = new Float32Array(analyser.fftSize);
    let best = { level: 0, hz: 0 };
    for (let i = 0; i < 25; i++) {
      await new Promise((r) => setTimeout(r, 20));
      analyser.getFloatTimeDomainData(wave);
      let s = 0;
      for (const x of wave) s += x * x;
      const level = Math.sqrt(s / wave.length);
      if (level > best.level) {
        analyser.getFloatFrequencyData(bins);
        let peak = 0;
        for (let b = 1; b < bins.length; b++) if (bins[b] > bins[peak]) peak = b;
        best = { level, hz: peak * ctx.sampleRate / analyser.fftSize };
      }
    }
    a.pause();
    await ctx.close();
    return best;
  }

  function hangUp() {
    for (const s of pc1.getSenders()) if (s.track) s.track.stop();
    if (st.local) st.local.getTracks().forEach((t) => t.stop());
    pc1.close(); pc2.close();
    return true;
  }

  return { start, share, switchCamera, resize, state, pictures, sound, hangUp };
})();
