// A two-tab call: each tab of this page joins a room; the two tabs signal through a BroadcastChannel (same
// origin, same browser) and connect with WebRTC. Reused by tests: window.call has join(), hangUp(), state().
'use strict';
(() => {
  const params = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);
  const me = Math.random().toString(36).slice(2);
  let pc = null;
  let channel = null;
  let dataChannel = null;
  let peer = null;
  let localStream = null;
  const gathered = [];
  const received = [];
  const early = [];
  let gatheringDone = false;
  let error = null;
  let options = {};
  let ticker = null;

  function iceServers() {
    const turn = params.get('turn');
    const servers = [];
    if (params.get('stun')) servers.push({ urls: params.get('stun') });
    if (turn) servers.push({ urls: turn, username: params.get('user') || '', credential: params.get('pass') || '' });
    return servers;
  }

  function config() {
    return { iceServers: iceServers(), iceTransportPolicy: options.policy || params.get('policy') || 'all' };
  }

  function post(msg) {
    channel.postMessage(Object.assign({ from: me, to: peer }, msg));
  }

  function show() {
    if (!pc) { $('status').textContent = 'Not in a call.'; return; }
    $('status').textContent = `Connection: ${pc.connectionState}; gathering: ${pc.iceGatheringState}`
      + (error ? `; error: ${error}` : '');
  }

  function wire() {
    pc.onicecandidate = (e) => {
      if (!e.candidate) {
        gatheringDone = true;
        if (gathered.length === 0) $('path').textContent = 'No candidates were gathered: this call cannot connect.';
        show();
        return;
      }
      gathered.push(e.candidate.candidate);
      const li = document.createElement('li');
      li.textContent = e.candidate.candidate;
      $('candidates').appendChild(li);
      if (peer) post({ type: 'candidate', candidate: e.candidate.toJSON() });
    };
    pc.onicegatheringstatechange = show;
    pc.onconnectionstatechange = () => { show(); if (pc.connectionState === 'connected') describePath(); };
    pc.ondatachannel = (e) => listen(e.channel);
    pc.ontrack = (e) => { $('remote').srcObject = e.streams[0] || new MediaStream([e.track]); };
  }

  function listen(ch) {
    dataChannel = ch;
    ch.onmessage = (e) => received.push(String(e.data));
    // A channel handed over by ondatachannel may already be open: then its open event has passed.
    if (ch.readyState === 'open') ch.send('hello from ' + me);
    else ch.onopen = () => ch.send('hello from ' + me);
  }

  // The line of figures a calling app shows: bytes sent and received over the connection, from getStats. Read
  // after each step of the negotiation and every second, as calling apps' quality meters do.
  async function showStats() {
    if (!pc) return;
    const stats = await pc.getStats();
    let sent = 0;
    let got = 0;
    stats.forEach((s) => { if (s.type === 'transport') { sent += s.bytesSent || 0; got += s.bytesReceived || 0; } });
    $('stats').textContent = `Sent ${sent} bytes, received ${got} bytes.`;
    if (pc && pc.connectionState === 'connected' && !$('path').textContent) describePath();
  }

  // Tracks this tab added that the other tab's offer had no place for (it joined without media): offered anew,
  // so they reach the other tab too.
  async function offerUnsentTracks() {
    if (!localStream || !pc.getTransceivers().some((t) => t.mid === null && t.sender.track)) return;
    await pc.setLocalDescription(await pc.createOffer());
    post({ type: 'offer', sdp: pc.localDescription.toJSON() });
  }

  async function describePath() {
    const pair = await selectedPair();
    $('path').textContent = !pair ? '' : pair.local.candidateType === 'relay' || pair.remote.candidateType === 'relay'
      ? 'Media goes through a relay server.' : 'Media goes directly between the two devices.';
  }

  // The ICE candidate pair the connection uses, from getStats: its local and remote candidates.
  async function selectedPair() {
    if (!pc) return null;
    const stats = await pc.getStats();
    let pairId = null;
    stats.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
    if (!pairId) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pairId = s.id; });
    const pair = pairId && stats.get(pairId);
    if (!pair) return null;
    const c = (id) => { const s = stats.get(id) || {}; return { candidateType: s.candidateType, address: s.address, protocol: s.protocol, relayProtocol: s.relayProtocol }; };
    return { state: pair.state, local: c(pair.localCandidateId), remote: c(pair.remoteCandidateId) };
  }

  async function onSignal(e) {
    const m = e.data;
    if (!pc || !m || m.from === me || (m.to && m.to !== me)) return;
    try {
      if (m.type === 'hello' && !peer) {
        peer = m.from;
        post({ type: 'welcome' });
      } else if (m.type === 'welcome' && !peer) {
        peer = m.from;
        listen(pc.createDataChannel('chat'));
        await pc.setLocalDescription(await pc.createOffer());
        // sent before anything else is awaited: the candidates gathered from now on must follow it
        post({ type: 'offer', sdp: pc.localDescription.toJSON() });
        await showStats();
      } else if (m.from !== peer) {
        return;
      } else if (m.type === 'offer') {
        await pc.setRemoteDescription(m.sdp);
        await addEarlyCandidates();
        await pc.setLocalDescription(await pc.createAnswer());
        post({ type: 'answer', sdp: pc.localDescription.toJSON() });
        await showStats();
        await offerUnsentTracks();
      } else if (m.type === 'answer') {
        await pc.setRemoteDescription(m.sdp);
        await addEarlyCandidates();
        await showStats();
      } else if (m.type === 'candidate') {
        // one that arrives before the description it belongs to waits for it (adding it now would fail)
        if (pc.remoteDescription) await pc.addIceCandidate(m.candidate);
        else early.push(m.candidate);
      } else if (m.type === 'bye') {
        hangUp();
      }
    } catch (err) {
      error = String(err && err.message || err);
      show();
    }
  }

  // Candidates that came before the other tab's description (addIceCandidate needs one).
  async function addEarlyCandidates() {
    for (const c of early.splice(0)) await pc.addIceCandidate(c);
  }

  async function join(opts) {
    if (pc) return state();
    early.length = 0;
    options = opts || {};
    error = null;
    gathered.length = 0;
    received.length = 0;
    gatheringDone = false;
    $('candidates').textContent = '';
    $('path').textContent = '';
    $('stats').textContent = '';
    const room = $('room').value || params.get('room') || 'demo';
    if (options.media) {
      localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      $('local').srcObject = localStream;
    }
    pc = new (options.legacyName ? window.webkitRTCPeerConnection : RTCPeerConnection)(config());
    // A page may change its mind after the constructor: setConfiguration with its own policy.
    if (options.reconfigure) pc.setConfiguration(Object.assign(config(), { iceTransportPolicy: options.reconfigure }));
    wire();
    if (localStream) localStream.getTracks().forEach((t) => pc.addTrack(t, localStream));
    channel = new BroadcastChannel('callsafe-call-' + room);
    // One signal at a time, in order: a candidate must not overtake the offer it belongs to.
    let signals = Promise.resolve();
    channel.onmessage = (e) => { signals = signals.then(() => onSignal(e)); };
    channel.postMessage({ type: 'hello', from: me });
    ticker = setInterval(() => showStats().catch(() => {}), 1000);
    show();
    return state();
  }

  function hangUp() {
    if (channel && peer) post({ type: 'bye' });
    if (channel) channel.close();
    if (pc) pc.close();
    if (ticker) clearInterval(ticker);
    ticker = null;
    if (localStream) localStream.getTracks().forEach((t) => t.stop());
    pc = channel = dataChannel = peer = localStream = null;
    $('path').textContent = '';
    show();
    return true;
  }

  async function state() {
    return {
      joined: !!pc,
      peer: !!peer,
      connectionState: pc ? pc.connectionState : 'none',
      iceGatheringState: pc ? pc.iceGatheringState : 'none',
      gatheringDone,
      policy: pc ? pc.getConfiguration().iceTransportPolicy : null,
      candidates: gathered.slice(),
      localSdp: pc && pc.localDescription ? pc.localDescription.sdp : '',
      remoteSdp: pc && pc.remoteDescription ? pc.remoteDescription.sdp : '',
      selectedPair: await selectedPair(),
      received: received.slice(),
      error,
    };
  }

  $('room').value = params.get('room') || 'demo';
  $('join-media').onclick = () => join({ media: true }).catch((e) => { error = String(e); show(); });
  $('join-data').onclick = () => join({}).catch((e) => { error = String(e); show(); });
  $('hang-up').onclick = hangUp;
  window.call = { join, hangUp, state, get pc() { return pc; } };
})();
