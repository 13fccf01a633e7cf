'use strict';
const $ = (id) => document.getElementById(id);
let stream = null;
let audioCtx = null;

async function start(video, audio) {
  stop();
  $('status').textContent = 'Waiting for your answer above the page\u2026';
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio });
  } catch (e) {
    $('status').textContent = `${e.name}: ${e.message}`;
    return;
  }
  $('preview').srcObject = stream;
  $('stop').disabled = false;
  const labels = stream.getTracks().map((t) => `${t.kind}: ${t.label}`).join(', ');
  $('status').textContent = `Capturing ${labels}`;
  stream.getTracks().forEach((t) => t.addEventListener('ended', () => {
    $('status').textContent = `The browser ended the ${t.kind} track.`;
    if (stream && stream.getTracks().every((x) => x.readyState === 'ended')) stop();
  }));
  if (stream.getAudioTracks().length) meter(stream);
  listDevices();
}

function meter(s) {
  audioCtx = new AudioContext();
  const analyser = audioCtx.createAnalyser();
  analyser.fftSize = 512;
  audioCtx.createMediaStreamSource(s).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  const tick = () => {
    if (!audioCtx) return;
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    $('level').style.width = Math.min(100, Math.sqrt(sum / data.length) * 300) + '%';
    requestAnimationFrame(tick);
  };
  tick();
}

function stop() {
  if (stream) stream.getTracks().forEach((t) => t.stop());
  stream = null;
  if (audioCtx) { audioCtx.close(); audioCtx = null; }
  $('preview').srcObject = null;
  $('level').style.width = '0';
  $('stop').disabled = true;
}

async function listDevices() {
  const list = await navigator.mediaDevices.enumerateDevices();
  $('devices').replaceChildren(...list.map((d) => {
    const li = document.createElement('li');
    li.textContent = `${d.kind}: ${d.label || '(label hidden until you allow access)'}`;
    return li;
  }));
}

$('start-both').onclick = () => start(true, true);
$('start-camera').onclick = () => start(true, false);
$('start-mic').onclick = () => start(false, true);
$('stop').onclick = () => { stop(); $('status').textContent = 'Hung up.'; };

// Sharing: getDisplayMedia lets you pick anything you may share; the other buttons use seed 001's
// getUserMedia({video: {mediaSource}}). Either way the browser's picker decides what is shared.
let shared = null;
async function share(mediaSource) {
  stopSharing();
  $('share-status').textContent = 'Choose what to share in the browser\u2019s window\u2026';
  try {
    shared = mediaSource ? await navigator.mediaDevices.getUserMedia({ video: { mediaSource } })
      : await navigator.mediaDevices.getDisplayMedia({ video: true });
  } catch (e) {
    $('share-status').textContent = `${e.name}: ${e.message}`;
    return;
  }
  const track = shared.getVideoTracks()[0];
  $('shared').srcObject = shared;
  $('share-stop').disabled = false;
  $('share-status').textContent = `Sharing ${track.label} (${track.getSettings().displaySurface}).`;
  track.addEventListener('ended', () => {
    $('share-status').textContent = 'Sharing was stopped in the browser.';
    stopSharing();
  });
}
function stopSharing() {
  if (shared) shared.getTracks().forEach((t) => t.stop());
  shared = null;
  $('shared').srcObject = null;
  $('share-stop').disabled = true;
}
$('share-any').onclick = () => share(null);
$('share-screen').onclick = () => share('screen');
$('share-application').onclick = () => share('application');
$('share-tab').onclick = () => share('browser');
$('share-stop').onclick = () => { stopSharing(); $('share-status').textContent = 'Stopped sharing.'; };
listDevices();
