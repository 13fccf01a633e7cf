'use strict';
// Loopback calls for the call privacy panel: each pair of RTCPeerConnections in this page calls itself, the
// first sending the captured tracks to the second, optionally with a given certificate on the receiving side
// (a pinned peer keeps its certificate), with an encoded transform, or through a constructor the page replaced.
window.peers = (() => {
  const st = { local: null, calls: [], certs: {} };
  const WORKER = 'onrtctransform = (e) => { const t = e.transformer; t.readable.pipeTo(t.writable); };';
  let worker = null;

  async function start(constraints) {
    const s = await navigator.mediaDevices.getUserMedia(constraints || { video: { width: 320, height: 240 } });
    if (!st.local) st.local = s; else for (const t of s.getTracks()) st.local.addTrack(t);
    return st.local.getTracks().map((t) => t.kind);
  }

  // A certificate kept under a name: the same peer in every call it takes part in.
  async function certificate(name) {
    if (!st.certs[name]) st.certs[name] = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
    return true;
  }

  function transformOf(kind) {
    if (kind !== 'script') return null;
    worker = worker || new Worker(URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' })));
    return new RTCRtpScriptTransform(worker, {});
  }

  // opts: peer (a certificate name for the receiving side), transform ('script' or 'streams'), turn (an
  // RTCIceServer: the call goes through that relay only), ctor (the
  // constructor to use, by default whatever window.RTCPeerConnection is now).
  async function call(opts) {
    opts = opts || {};
    const Ctor = opts.ctor || window.RTCPeerConnection;
    const streams = opts.transform === 'streams';
    const base = streams ? { encodedInsertableStreams: true } : {};
    if (opts.turn) Object.assign(base, { iceServers: [opts.turn], iceTransportPolicy: 'relay' });
    const pc1 = new Ctor(Object.assign({}, base));
    const pc2 = new Ctor(Object.assign(opts.peer ? { certificates: [st.certs[opts.peer]] } : {}, base));
    pc1.onicecandidate = (e) => { if (e.candidate) pc2.addIceCandidate(e.candidate); };
    pc2.onicecandidate = (e) => { if (e.candidate) pc1.addIceCandidate(e.candidate); };
    pc2.ontrack = (e) => {
      if (opts.transform === 'script') e.receiver.transform = transformOf('script');
      if (streams) { const s = e.receiver.createEncodedStreams(); s.readable.pipeTo(s.writable); }
    };
    for (const t of st.local.getTracks()) {
      const sender = pc1.addTrack(t, st.local);
      if (opts.transform === 'script') sender.transform = transformOf('script');
      if (streams) { const s = sender.createEncodedStreams(); s.readable.pipeTo(s.writable); }
    }
    await pc1.setLocalDescription(await pc1.createOffer());
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription(await pc2.createAnswer());
    await pc1.setRemoteDescription(pc2.localDescription);
    st.calls.push({ pc1, pc2 });
    return st.calls.length - 1;
  }

  function connected(i) {
    const c = st.calls[i];
    return c.pc1.connectionState === 'connected' && c.pc2.connectionState === 'connected';
  }

  // What the page's own getStats says about the sending side of call i (compared with the panel).
  async function ownStats(i, getStats) {
    const r = await (getStats || (st.Real || RTCPeerConnection).prototype.getStats).call(st.calls[i].pc1);
    const all = {};
    r.forEach((v, k) => { all[k] = v; });
    const transport = Object.values(all).find((v) => v.type === 'transport' && v.selectedCandidatePairId);
    if (!transport) return null;
    return {
      local: all[transport.localCertificateId].fingerprint,
      remote: all[transport.remoteCertificateId].fingerprint,
      bytesSent: transport.bytesSent,
    };
  }

  function hangUp(i) {
    st.calls[i].pc1.close();
    st.calls[i].pc2.close();
    return true;
  }

  // After load, as a page hiding its calls would: the constructor replaced by one that makes connections the
  // page keeps to itself, and getStats replaced by one that reports nothing.
  function hide() {
    const Real = window.RTCPeerConnection;
    const realGetStats = Real.prototype.getStats;
    st.realGetStats = realGetStats;
    st.Real = Real; // the prototype whose getStats the page replaced (the Hidden constructor has none)
    window.RTCPeerConnection = function Hidden(config) { return Reflect.construct(Real, [config]); };
    window.webkitRTCPeerConnection = window.RTCPeerConnection;
    Real.prototype.getStats = async function () { return new Map(); };
    return true;
  }

  function ownStatsUnhidden(i) {
    return ownStats(i, st.realGetStats);
  }

  // Ends every call and track (between tests).
  function stopAll() {
    for (const c of st.calls) { c.pc1.close(); c.pc2.close(); }
    if (st.local) for (const t of st.local.getTracks()) t.stop();
    return true;
  }

  function trackStates() {
    return st.local ? st.local.getTracks().map((t) => t.readyState) : [];
  }

  return { start, certificate, call, connected, ownStats, ownStatsUnhidden, hangUp, hide, trackStates, stopAll,
    hasScriptTransform: () => typeof RTCRtpScriptTransform === 'function' };
})();
