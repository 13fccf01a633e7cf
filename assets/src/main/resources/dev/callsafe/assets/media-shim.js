// Callsafe media shim: the page-side API surface of the media-consent plugin.
// It runs before any page script in every frame. It decides nothing: the browser (Java) checks the
// frame's origin, asks the user and captures; this script only turns answers into MediaStreamTracks.
(() => {
  'use strict';
  if (window.__callsafeMediaShim) return;
  Object.defineProperty(window, '__callsafeMediaShim', { value: true });

  const BRIDGE = 'callsafeQuery';
  let bridge = typeof window[BRIDGE] === 'function' ? window[BRIDGE] : null;
  const STREAM_BASE = 'callsafe-stream://media/';
  const HEADER = 32;
  const VIDEO_MAGIC = 0x31565343;
  const AUDIO_MAGIC = 0x31415343;
  const JPEG_MAGIC = 0x314A5343;
  const DAMAGE_MAGIC = 0x31445343;
  const REPEAT_MAGIC = 0x31525343;
  const nativeStop = MediaStreamTrack.prototype.stop;
  const Generator = window.MediaStreamTrackGenerator;
  // Saved before page scripts run: which page track carries which capture must not depend on what a page
  // later puts on WeakMap.prototype (the call privacy report reads it to tell the browser's media).
  const savedApply = Reflect.apply;
  const savedWeakMapSet = WeakMap.prototype.set;

  function toError(text) {
    let e;
    try { e = JSON.parse(text); } catch (_) { e = { name: 'NotAllowedError', message: String(text) }; }
    if (e.name === 'TypeError') return new TypeError(e.message);
    if (e.name === 'OverconstrainedError' && typeof OverconstrainedError === 'function') {
      return new OverconstrainedError(e.constraint || '', e.message);
    }
    return new DOMException(e.message, e.name);
  }

  function call(op, args) {
    return callOn('media', op, args);
  }

  // In rare full-suite runs a cross-site iframe's document had no bridge function when it called (cause not
  // found; see the issue notes): give the engine a bounded moment to bind it before refusing.
  const BRIDGE_WAIT_MS = 1500;

  function findBridge() {
    return bridge || (typeof window[BRIDGE] === 'function' ? (bridge = window[BRIDGE]) : null);
  }

  function awaitBridge() {
    const deadline = Date.now() + BRIDGE_WAIT_MS;
    return new Promise((resolve, reject) => {
      const check = () => {
        const q = findBridge();
        if (q) resolve(q);
        else if (Date.now() >= deadline) {
          reject(new DOMException('The browser media bridge is unavailable', 'NotAllowedError'));
        } else setTimeout(check, 25);
      };
      check();
    });
  }

  function callOn(channel, op, args) {
    return awaitBridge().then((q) => new Promise((resolve, reject) => {
      q({
        request: channel + ':' + JSON.stringify(Object.assign({ op }, args || {})),
        persistent: false,
        onSuccess: (r) => resolve(JSON.parse(r)),
        onFailure: (_code, msg) => reject(toError(msg)),
      });
    }));
  }

  function plain(value, what) {
    if (value === undefined || value === false) return false;
    if (value === true) return true;
    if (typeof value !== 'object' || value === null) {
      throw new TypeError(`Failed to execute 'getUserMedia': ${what} must be a boolean or a constraints object`);
    }
    try { return JSON.parse(JSON.stringify(value)); } catch (_) {
      throw new TypeError(`Failed to execute 'getUserMedia': ${what} constraints are not plain data`);
    }
  }

  // One source per granted track: what the browser sends goes to every page track made of it (the first
  // and its clones, each its own generator), and the browser closes the capture only when the last stops.
  function newSource(t) {
    return { t, sinks: new Set(), finished: false, abort: new AbortController(), paused: false, lastData: 0, muted: false };
  }

  function decorate(track, t, source, sink) {
    const frozen = (o) => JSON.parse(JSON.stringify(o || {}));
    Object.defineProperties(track, {
      label: { get: () => t.label, configurable: true },
      getSettings: { value: () => frozen(t.settings), configurable: true },
      getCapabilities: { value: () => frozen(t.capabilities), configurable: true },
      getConstraints: { value: () => frozen(t.constraints), configurable: true },
      // The browser chooses new settings by the spec's algorithm and changes what the source delivers to
      // this track (size, crop, frame rate); settings and constraints change only when it succeeds.
      applyConstraints: {
        value: function applyConstraints(constraints) {
          return (async () => {
            if (constraints === undefined) constraints = {};
            if (typeof constraints !== 'object' || constraints === null) {
              throw new TypeError("Failed to execute 'applyConstraints': constraints must be an object");
            }
            let c;
            try { c = JSON.parse(JSON.stringify(constraints)); } catch (_) {
              throw new TypeError("Failed to execute 'applyConstraints': constraints are not plain data");
            }
            if (sink.ended || source.finished) return;
            const r = await call('applyConstraints', { token: t.token, constraints: c });
            t.settings = r.settings;
            t.constraints = r.constraints;
          })();
        },
        configurable: true,
      },
      stop: {
        value: function stop() {
          if (sink.ended) return;
          sink.ended = true;
          nativeStop.call(track);
          source.sinks.delete(sink);
          if (source.sinks.size === 0) finishSource(source);
          else sourcePaused(source);
        },
        configurable: true,
      },
      clone: { value: function clone() { return cloneTrack(source, sink); }, configurable: true },
    });
    trackBehaviour(track, source, sink);
  }

  function finishSource(source) {
    if (source.finished) return;
    source.finished = true;
    source.abort.abort();
    call('stop', { token: source.t.token }).catch(() => {});
  }

  // A page track of the source, with its own generator: stopping it leaves the others running.
  function addSink(source, ended) {
    const track = new Generator({ kind: source.t.kind });
    const sink = { track, writer: track.writable.getWriter(), ended: false, enabled: true };
    decorate(track, source.t, source, sink);
    ourTracks.add(track);
    savedApply(savedWeakMapSet, trackTokens, [track, source.t.token]); // clones too
    if (ended || source.finished) {
      sink.ended = true;
      nativeStop.call(track);
    } else {
      source.sinks.add(sink);
    }
    return { track, sink };
  }

  // MediaStreamTrack.clone(): a new track of the same source, with the original's enabled and muted state.
  function cloneTrack(source, sink) {
    const copy = addSink(source, sink.ended);
    copy.sink.enabled = sink.enabled;
    if (!copy.sink.ended) setNativeEnabled(copy.track, sink.enabled);
    return copy.track;
  }

  // The browser ended the source (Stop in the chrome, navigation, device gone): end every track of it as a
  // source end does, with an 'ended' event the page can observe.
  function endFromBrowser(source) {
    source.finished = true;
    for (const sink of Array.from(source.sinks)) {
      source.sinks.delete(sink);
      if (sink.ended) continue;
      sink.ended = true;
      nativeStop.call(sink.track);
      sink.track.dispatchEvent(new Event('ended'));
    }
  }

  // Reads exactly view.byteLength bytes into the view's memory (a BYOB read transfers the buffer, so
  // the filled view is returned); null at the end of the stream.
  async function readExact(reader, view) {
    let buffer = view.buffer, offset = 0;
    const start = view.byteOffset, length = view.byteLength;
    while (offset < length) {
      const { value, done } = await reader.read(new Uint8Array(buffer, start + offset, length - offset));
      if (done || !value) return null;
      buffer = value.buffer;
      offset += value.byteLength;
    }
    return new Uint8Array(buffer, start, length);
  }

  // Hands one frame (VideoFrame or AudioData) to every live track of the source; each gets its own copy.
  async function deliver(source, media) {
    const sinks = Array.from(source.sinks);
    try {
      await Promise.all(sinks.map((sink) => {
        const copy = media.clone();
        return sink.writer.write(copy).catch(() => {}).finally(() => copy.close());
      }));
    } finally {
      media.close();
    }
  }

  // A camera's JPEG frame (MJPEG webcam or file, passed through by the browser) as a VideoFrame: WebCodecs'
  // ImageDecoder copies the bytes when constructed (the payload buffer is free again at once) and decodes off
  // the main thread, to YUV planes when no colour conversion is asked for. A frame that does not decode is
  // skipped, as a camera drops a damaged one.
  // A picture one line or column larger than announced (a tab of odd size; frames have even sizes) is shown
  // without it.
  async function decodeJpeg(bytes, timeMillis, width, height) {
    let decoder = null;
    try {
      decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', colorSpaceConversion: 'none' });
      const { image } = await decoder.decode();
      try {
        const init = { timestamp: Math.round(timeMillis * 1000) };
        if (image.displayWidth !== width || image.displayHeight !== height) {
          if (image.displayWidth < width || image.displayHeight < height) return null;
          init.visibleRect = { x: 0, y: 0, width, height };
        }
        return new VideoFrame(image, init);
      } finally {
        image.close();
      }
    } catch (e) {
      return null;
    } finally {
      if (decoder) decoder.close();
    }
  }

  // A damage message's rectangles (x, y, w, h, even, within the picture), each with its Y, U and V rows,
  // written into the I420 picture the page holds; false when a rectangle does not fit it.
  function applyDamage(picture, width, height, d) {
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    const n = view.getUint32(0, true);
    const cw = width >> 1, uBase = width * height, vBase = uBase + (uBase >> 2);
    let at = 4 + 16 * n;
    for (let i = 0; i < n; i++) {
      const x = view.getUint32(4 + 16 * i, true), y = view.getUint32(8 + 16 * i, true);
      const w = view.getUint32(12 + 16 * i, true), h = view.getUint32(16 + 16 * i, true);
      if ((x | y | w | h) & 1 || x + w > width || y + h > height || at + w * h * 3 / 2 > d.byteLength) return false;
      at = copyRect(d, at, picture, 0, width, x, y, w, h);
      at = copyRect(d, at, picture, uBase, cw, x >> 1, y >> 1, w >> 1, h >> 1);
      at = copyRect(d, at, picture, vBase, cw, x >> 1, y >> 1, w >> 1, h >> 1);
    }
    return true;
  }

  // Copies h rows of w bytes from src at `at` into a plane of `stride` bytes a row; returns the next `at`.
  function copyRect(src, at, dst, base, stride, x, y, w, h) {
    if (x === 0 && w === stride) {
      dst.set(src.subarray(at, at + w * h), base + y * stride);
      return at + w * h;
    }
    for (let r = 0; r < h; r++, at += w) dst.set(src.subarray(at, at + w), base + (y + r) * stride + x);
    return at;
  }

  // Frames arrive as a 32-byte header and a payload; each payload is read straight into its own
  // buffer (no intermediate chunks), which becomes the VideoFrame or AudioData.
  async function pump(reader, source) {
    let header = new Uint8Array(HEADER);
    // one payload buffer for the stream's life: a new 3 MB buffer per 1080p frame costs the renderer its
    // page faults (VideoFrame and AudioData copy the payload, so it is free again once they exist)
    let spare = new Uint8Array(0);
    // A shared surface sends a whole picture, then only what changed: the whole picture stays in `spare`
    // (damage is read into `patch` and written into it), and each message still becomes a whole VideoFrame.
    let patch = new Uint8Array(0);
    let picture = null;
    // the last JPEG picture as decoded, for a repeat of it (a shared tab keeps its rate with repeats)
    let decoded = null;
    const keepDecoded = (frame) => { if (decoded) decoded.close(); decoded = frame; };
    try {
      for (;;) {
        header = await readExact(reader, header);
        if (!header) return;
        const view = new DataView(header.buffer, header.byteOffset, HEADER);
        const m = {
          magic: view.getUint32(0, true), a: view.getUint32(4, true), b: view.getUint32(8, true),
          len: view.getUint32(12, true), time: view.getFloat64(24, true),
        };
        if (m.magic === REPEAT_MAGIC) {
          if (source.finished) return;
          sourceAlive(source);
          if (decoded) await deliver(source, new VideoFrame(decoded, { timestamp: Math.round(m.time * 1000) }));
          continue;
        }
        if (m.magic === DAMAGE_MAGIC) {
          if (patch.buffer.byteLength < m.len) patch = new Uint8Array(m.len);
          const d = await readExact(reader, new Uint8Array(patch.buffer, 0, m.len));
          if (!d || source.finished) return;
          patch = new Uint8Array(d.buffer);
          sourceAlive(source);
          if (!picture || picture.w !== m.a || picture.h !== m.b) continue; // never after a whole picture
          const p = new Uint8Array(spare.buffer, 0, m.a * m.b * 3 / 2);
          if (!applyDamage(p, m.a, m.b, d)) { picture = null; continue; }
          await deliver(source, new VideoFrame(p, {
            format: 'I420', codedWidth: m.a, codedHeight: m.b, timestamp: Math.round(m.time * 1000),
          }));
          continue;
        }
        if (spare.buffer.byteLength < m.len) spare = new Uint8Array(m.len);
        const payload = await readExact(reader, new Uint8Array(spare.buffer, 0, m.len));
        if (!payload || source.finished) return;
        spare = new Uint8Array(payload.buffer);
        sourceAlive(source);
        if (m.magic === VIDEO_MAGIC) {
          keepDecoded(null);
          picture = { w: m.a, h: m.b };
          await deliver(source, new VideoFrame(payload, {
            format: 'I420', codedWidth: m.a, codedHeight: m.b, timestamp: Math.round(m.time * 1000),
          }));
        } else if (m.magic === JPEG_MAGIC) {
          picture = null; // `spare` no longer holds the picture damage would patch; a whole one comes next
          const frame = await decodeJpeg(payload, m.time, m.a, m.b);
          keepDecoded(frame && frame.clone());
          if (frame && !source.finished) await deliver(source, frame);
          else if (frame) frame.close();
        } else if (m.magic === AUDIO_MAGIC) {
          const samples = new Float32Array(payload.buffer, payload.byteOffset, m.len / 4);
          await deliver(source, new AudioData({
            format: 'f32-planar', sampleRate: m.a, numberOfChannels: m.b,
            numberOfFrames: samples.length / m.b, timestamp: Math.round(m.time * 1000), data: samples,
          }));
        }
      }
    } finally {
      keepDecoded(null);
    }
  }

  // Every track of a granted answer, or none: a track that cannot open stops the ones already opened.
  async function openStream(answer) {
    const tracks = [];
    try {
      for (const t of answer.tracks) tracks.push(await openTrack(t));
    } catch (e) {
      tracks.forEach((tr) => tr.stop());
      throw e;
    }
    return new MediaStream(tracks);
  }

  const trackTokens = new WeakMap();

  async function openTrack(t) {
    const source = newSource(t);
    const { track } = addSink(source, false);
    trackTokens.set(track, t.token);
    let response;
    try {
      response = await fetch(STREAM_BASE + t.token, { signal: source.abort.signal, cache: 'no-store' });
    } catch (e) {
      throw new DOMException('Could not open the ' + t.kind + ' source', 'NotReadableError');
    }
    if (!response.ok || !response.body) {
      throw new DOMException('Could not open the ' + t.kind + ' source', 'NotReadableError');
    }
    source.lastData = performance.now();
    watchStall(source);
    pump(response.body.getReader({ mode: 'byob' }), source)
      .catch(() => {})
      .finally(() => endFromBrowser(source));
    return track;
  }

  // --- Track behaviour: enabled (the browser sends black frames and silence while every track of a source
  // is disabled, and the chrome says paused), mute/unmute when the source stalls, ImageCapture.
  const ourTracks = new WeakSet();
  const enabledDescriptor = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled');
  const mutedDescriptor = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'muted');

  function setNativeEnabled(track, on) {
    enabledDescriptor.set.call(track, on);
  }

  function trackBehaviour(track, source, sink) {
    Object.defineProperties(track, {
      enabled: {
        get: () => sink.enabled,
        set: (value) => {
          sink.enabled = !!value;
          setNativeEnabled(track, sink.enabled);
          sourcePaused(source);
        },
        configurable: true,
      },
      muted: { get: () => (sink.ended ? mutedDescriptor.get.call(track) : source.muted), configurable: true },
    });
  }

  // The browser pauses the capture (black frames, silence; "paused" in the chrome) while no live track of
  // the source is enabled.
  function sourcePaused(source) {
    const live = Array.from(source.sinks).filter((s) => !s.ended);
    const paused = live.length > 0 && live.every((s) => !s.enabled);
    if (paused === source.paused || source.finished) return;
    source.paused = paused;
    call('enabled', { token: source.t.token, enabled: !paused }).catch(() => {});
  }

  // The longest gap between frames of a working source: 25 frame intervals for a camera (as Chromium's own
  // capture counts), more for a share (a still picture is sent again only once a second), 1 s for audio.
  function stallLimit(t) {
    if (t.kind === 'audio') return 1000;
    if (t.settings && t.settings.displaySurface) return 3000;
    const rate = (t.settings && t.settings.frameRate) || 30;
    return Math.max(1500, 25000 / rate);
  }

  function setMuted(source, muted) {
    if (source.muted === muted) return;
    source.muted = muted;
    for (const sink of source.sinks) {
      if (!sink.ended) sink.track.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
    }
  }

  function sourceAlive(source) {
    source.lastData = performance.now();
    if (source.muted) setMuted(source, false);
  }

  function watchStall(source) {
    const limit = stallLimit(source.t);
    const timer = setInterval(() => {
      if (source.finished) { clearInterval(timer); return; }
      if (!source.muted && performance.now() - source.lastData > limit) setMuted(source, true);
    }, Math.min(250, limit / 2));
  }

  async function getUserMedia(constraints) {
    if (constraints === undefined) constraints = {};
    if (typeof constraints !== 'object' || constraints === null) {
      throw new TypeError("Failed to execute 'getUserMedia': constraints must be an object");
    }
    const c = { video: plain(constraints.video, 'video'), audio: plain(constraints.audio, 'audio') };
    if (!c.video && !c.audio) {
      throw new TypeError("Failed to execute 'getUserMedia': At least one of audio and video must be requested");
    }
    const source = typeof c.video === 'object' ? c.video.mediaSource : undefined;
    if (source !== undefined && source !== 'camera') return displayFromUserMedia(c);
    const answer = await call('getUserMedia', { constraints: c });
    return openStream(answer);
  }

  async function enumerateDevices() {
    const list = await call('enumerateDevices');
    return list.map(deviceInfo);
  }

  // enumerateDevices() entries are real MediaDeviceInfo / InputDeviceInfo objects: their prototypes are the
  // native ones (instanceof, toString tag, constructor), whose getters and methods answer from what the
  // browser reported for our objects and keep their native behaviour for any other.
  const deviceInfos = new WeakMap();
  function deviceInfo(d) {
    const input = d.kind === 'videoinput' || d.kind === 'audioinput';
    const proto = input && window.InputDeviceInfo ? InputDeviceInfo.prototype : MediaDeviceInfo.prototype;
    const info = Object.create(proto);
    deviceInfos.set(info, Object.freeze({
      deviceId: String(d.deviceId), kind: String(d.kind), label: String(d.label), groupId: String(d.groupId),
      capabilities: d.capabilities || {},
    }));
    return info;
  }
  function patchDeviceInfo(proto, members) {
    for (const [name, own] of Object.entries(members)) {
      const native = Object.getOwnPropertyDescriptor(proto, name);
      if (!native) continue;
      if (native.get) {
        const getter = native.get;
        Object.defineProperty(proto, name, {
          get: { [name]() { const i = deviceInfos.get(this); return i ? own(i) : getter.call(this); } }[name],
          configurable: true, enumerable: native.enumerable,
        });
      } else if (typeof native.value === 'function') {
        const method = native.value;
        Object.defineProperty(proto, name, {
          value: { [name]() { const i = deviceInfos.get(this); return i ? own(i) : method.apply(this, arguments); } }[name],
          writable: true, configurable: true, enumerable: native.enumerable,
        });
      }
    }
  }
  if (window.MediaDeviceInfo) {
    patchDeviceInfo(MediaDeviceInfo.prototype, {
      deviceId: (i) => i.deviceId, kind: (i) => i.kind, label: (i) => i.label, groupId: (i) => i.groupId,
      toJSON: (i) => ({ deviceId: i.deviceId, kind: i.kind, label: i.label, groupId: i.groupId }),
    });
  }
  // The spec: a device not yet exposed to the document (empty deviceId) describes nothing.
  if (window.InputDeviceInfo) {
    patchDeviceInfo(InputDeviceInfo.prototype, {
      getCapabilities: (i) => (i.deviceId === '' ? {} : JSON.parse(JSON.stringify(i.capabilities))),
    });
  }

  // Display capture (screen, application, tab). The page-side activation check is only the spec's
  // early error: the browser checks real activation again where the page cannot reach (an isolated world).
  const activationState = (() => {
    const d = window.UserActivation && Object.getOwnPropertyDescriptor(UserActivation.prototype, 'isActive');
    const ua = navigator.userActivation;
    return () => { try { return !!(d && ua && d.get.call(ua)); } catch (_) { return false; } };
  })();
  const DISPLAY_SOURCES = ['screen', 'application', 'window', 'browser'];

  // The Screen Capture spec's constraint rules: no 'advanced', no 'min' or 'exact' anywhere.
  function displayTrackConstraints(value, what) {
    const v = plain(value, what);
    if (typeof v !== 'object') return v;
    if ('advanced' in v) throw new TypeError(`Failed to execute 'getDisplayMedia': ${what}.advanced is not allowed`);
    for (const [key, member] of Object.entries(v)) {
      if (member && typeof member === 'object' && ('min' in member || 'exact' in member)) {
        throw new TypeError(`Failed to execute 'getDisplayMedia': ${what}.${key} may not use min or exact`);
      }
    }
    return v;
  }

  async function displayStream(args) {
    const answer = await callOn('display', 'share', args);
    return openStream(answer);
  }

  // CaptureController (Screen Capture spec): the page may say, until just after getDisplayMedia resolves,
  // whether the shared tab or window should come to the front. The browser only ever brings forward what
  // the person chose to share.
  const FOCUS = ['focus-captured-surface', 'focus-capturing-application', 'no-focus-change'];
  const controllers = new WeakMap();
  function controllerState(c) {
    let st = controllers.get(c);
    if (!st) { st = { bound: false, finalized: false, behavior: null, surface: null }; controllers.set(c, st); }
    return st;
  }
  if (window.CaptureController) {
    Object.defineProperty(CaptureController.prototype, 'setFocusBehavior', {
      value: function setFocusBehavior(behavior) {
        if (!(this instanceof CaptureController)) throw new TypeError('Illegal invocation');
        const b = String(behavior);
        if (!FOCUS.includes(b)) {
          throw new TypeError(`Failed to execute 'setFocusBehavior': '${b}' is not a valid focus behavior`);
        }
        const st = controllerState(this);
        if (st.finalized) {
          throw new DOMException("Failed to execute 'setFocusBehavior': the focus decision was already made", 'InvalidStateError');
        }
        if (st.surface && st.surface !== 'browser' && st.surface !== 'window') {
          throw new DOMException("Failed to execute 'setFocusBehavior': the captured display surface must be either a tab or a window", 'InvalidStateError');
        }
        st.behavior = b;
      },
      writable: true, configurable: true, enumerable: true,
    });
  }

  const INCLUDE_EXCLUDE = ['include', 'exclude'];
  function includeExclude(options, name) {
    const v = options[name];
    if (v === undefined) return undefined;
    if (!INCLUDE_EXCLUDE.includes(v)) {
      throw new TypeError(`Failed to execute 'getDisplayMedia': ${name} must be 'include' or 'exclude'`);
    }
    return v;
  }

  async function getDisplayMedia(options) {
    if (!activationState()) {
      throw new DOMException("Failed to execute 'getDisplayMedia': it needs a user gesture (transient activation)", 'InvalidStateError');
    }
    if (options === undefined) options = {};
    if (typeof options !== 'object' || options === null) {
      throw new TypeError("Failed to execute 'getDisplayMedia': options must be an object");
    }
    const video = options.video === undefined ? true : displayTrackConstraints(options.video, 'video');
    const audio = displayTrackConstraints(options.audio, 'audio');
    if (video === false) throw new TypeError("Failed to execute 'getDisplayMedia': video must be requested");
    const hints = {
      preferCurrentTab: options.preferCurrentTab === undefined ? false : !!options.preferCurrentTab,
      selfBrowserSurface: includeExclude(options, 'selfBrowserSurface'),
      surfaceSwitching: includeExclude(options, 'surfaceSwitching'),
      monitorTypeSurfaces: includeExclude(options, 'monitorTypeSurfaces'),
      systemAudio: includeExclude(options, 'systemAudio'),
    };
    if (hints.preferCurrentTab && hints.selfBrowserSurface === 'exclude') {
      throw new TypeError("Failed to execute 'getDisplayMedia': preferCurrentTab and selfBrowserSurface 'exclude' contradict each other");
    }
    const surface = typeof video === 'object' ? video.displaySurface : undefined;
    if (hints.monitorTypeSurfaces === 'exclude' && (surface === 'monitor'
        || (surface && typeof surface === 'object' && (surface.ideal === 'monitor' || surface.exact === 'monitor')))) {
      throw new TypeError("Failed to execute 'getDisplayMedia': displaySurface 'monitor' with monitorTypeSurfaces 'exclude'");
    }
    const controller = options.controller;
    let cst = null;
    if (controller !== undefined) {
      if (!window.CaptureController || !(controller instanceof CaptureController)) {
        throw new TypeError("Failed to execute 'getDisplayMedia': controller must be a CaptureController");
      }
      cst = controllerState(controller);
      if (cst.bound) {
        throw new DOMException("Failed to execute 'getDisplayMedia': this CaptureController was already used", 'InvalidStateError');
      }
      cst.bound = true;
    }
    // Audio: a shared tab's sound when the person leaves "Share tab audio" on (the browser decides); screens
    // and windows have none (system audio is not captured). Audio is optional, so the stream may lack it.
    const stream = await displayStream(Object.assign({ video: video === true ? {} : video, audio: audio !== false }, hints));
    if (cst) {
      const track = stream.getVideoTracks()[0];
      cst.surface = track.getSettings().displaySurface;
      const token = trackTokens.get(track);
      // The decision is made once the task that resolved this promise has run (the page's continuation).
      setTimeout(() => {
        cst.finalized = true;
        if (cst.behavior === 'focus-captured-surface') callOn('display', 'focus', { token }).catch(() => {});
      }, 0);
    }
    return stream;
  }

  // Seed 001's getUserMedia({video: {mediaSource, tabId}}): the same consent rules as getDisplayMedia.
  async function displayFromUserMedia(c) {
    const source = c.video.mediaSource;
    if (typeof source !== 'string' || !DISPLAY_SOURCES.includes(source)) {
      throw new TypeError("Failed to execute 'getUserMedia': mediaSource must be one of camera, " + DISPLAY_SOURCES.join(', '));
    }
    if (c.video.tabId !== undefined && (!Number.isInteger(c.video.tabId) || source !== 'browser')) {
      throw new TypeError("Failed to execute 'getUserMedia': tabId must be an integer, with mediaSource 'browser'");
    }
    if (!activationState()) {
      throw new DOMException("Failed to execute 'getUserMedia': sharing the display needs a user gesture", 'InvalidStateError');
    }
    const video = displayTrackConstraints(c.video, 'video');
    const display = await displayStream({ video, mediaSource: source, tabId: c.video.tabId });
    if (!c.audio) return display;
    try {
      const mic = await getUserMedia({ audio: c.audio });
      return new MediaStream(display.getTracks().concat(mic.getTracks()));
    } catch (e) {
      display.getTracks().forEach((t) => t.stop());
      throw e;
    }
  }

  function install(target) {
    const define = (name, fn) => Object.defineProperty(target, name, {
      value: fn, writable: true, configurable: true, enumerable: true,
    });
    define('getUserMedia', function getUserMedia_(c) { return getUserMedia(c); });
    define('enumerateDevices', function enumerateDevices_() { return enumerateDevices(); });
    define('getDisplayMedia', function getDisplayMedia_(o) { return getDisplayMedia(o); });
  }

  // Secure contexts only, as the Media Capture spec says ([SecureContext]) and Chromium does: an insecure
  // page has no navigator.mediaDevices and no legacy getUserMedia (the browser refuses its bridge calls too).
  if (window.isSecureContext && window.MediaDevices && navigator.mediaDevices) {
    install(MediaDevices.prototype);
  }
  // devicechange: a long poll like the permission watch below, started when the page first listens
  // (addEventListener or ondevicechange); answered when a camera or microphone appears or disappears.
  if (window.isSecureContext && window.MediaDevices && navigator.mediaDevices) {
    let deviceKnown = null;
    let deviceWatching = false;
    const watchDevices = () => {
      if (deviceWatching) return;
      deviceWatching = true;
      call('watchDevices', { known: deviceKnown }).then((next) => {
        deviceWatching = false;
        const before = deviceKnown;
        deviceKnown = next.devices;
        if (before !== null && before !== deviceKnown) notifyDeviceChange();
        watchDevices();
      }, () => { deviceWatching = false; });
    };
    // As the spec says, a hidden document hears of a change only once it is visible again (one event).
    let changeWaiting = false;
    const notifyDeviceChange = () => {
      if (document.visibilityState === 'visible') {
        navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
        return;
      }
      if (changeWaiting) return;
      changeWaiting = true;
      document.addEventListener('visibilitychange', function shown() {
        if (document.visibilityState !== 'visible') return;
        document.removeEventListener('visibilitychange', shown);
        changeWaiting = false;
        navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      });
    };
    const nativeAdd = EventTarget.prototype.addEventListener;
    Object.defineProperty(MediaDevices.prototype, 'addEventListener', {
      value: function addEventListener(type, ...rest) {
        if (type === 'devicechange') watchDevices();
        return nativeAdd.call(this, type, ...rest);
      },
      writable: true, configurable: true, enumerable: true,
    });
    const handler = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'ondevicechange');
    if (handler && handler.set) {
      Object.defineProperty(MediaDevices.prototype, 'ondevicechange', {
        get: handler.get,
        set: function (fn) { watchDevices(); handler.set.call(this, fn); },
        configurable: true, enumerable: true,
      });
    }
  }
  // permissions.query for camera and microphone answers from the browser's consent engine; 'change'
  // fires when the user changes the permission in the chrome. Other names go to Chromium.
  const statuses = { camera: new Set(), microphone: new Set() };
  let current = null;
  let watching = false;
  // A long poll: answered when the states differ from what this document knows, then asked again.
  function watch() {
    if (watching) return;
    watching = true;
    call('watch', { known: current }).then((next) => {
      watching = false;
      const before = current;
      current = next;
      for (const name of ['camera', 'microphone']) {
        if (before && before[name] === next[name]) continue;
        for (const st of statuses[name]) st.dispatchEvent(new Event('change'));
      }
      watch();
    }, () => { watching = false; });
  }
  function permissionStatus(name) {
    const st = new EventTarget();
    let handler = null;
    Object.defineProperties(st, {
      name: { get: () => name, enumerable: true },
      state: { get: () => (current ? current[name] : 'prompt'), enumerable: true },
      onchange: {
        get: () => handler,
        set: (fn) => {
          if (handler) st.removeEventListener('change', handler);
          handler = typeof fn === 'function' ? fn : null;
          if (handler) st.addEventListener('change', handler);
        },
        enumerable: true,
      },
    });
    statuses[name].add(st);
    return st;
  }
  if (window.Permissions && navigator.permissions) {
    const nativeQuery = Permissions.prototype.query;
    Object.defineProperty(Permissions.prototype, 'query', {
      value: function query(descriptor) {
        const name = descriptor && descriptor.name;
        if (name !== 'camera' && name !== 'microphone') return nativeQuery.call(this, descriptor);
        return call('query', { name }).then((states) => {
          current = states;
          watch();
          return permissionStatus(name);
        });
      },
      writable: true, configurable: true, enumerable: true,
    });
  }

  // The legacy callback form (Media Capture spec, "Navigator.getUserMedia"): three required arguments, the
  // same consent path as mediaDevices.getUserMedia. Secure contexts only.
  for (const name of ['getUserMedia', 'webkitGetUserMedia']) {
    if (!window.isSecureContext) {
      delete Navigator.prototype[name];
      continue;
    }
    const legacy = { [name](constraints, successCallback, errorCallback) {
      if (arguments.length < 3) {
        throw new TypeError(`Failed to execute '${name}' on 'Navigator': 3 arguments required, but only ${arguments.length} present.`);
      }
      if (typeof successCallback !== 'function' || typeof errorCallback !== 'function') {
        throw new TypeError(`Failed to execute '${name}' on 'Navigator': The callbacks provided as parameters 2 and 3 are not functions.`);
      }
      getUserMedia(constraints).then((s) => successCallback(s), (e) => errorCallback(e));
    } }[name];
    Object.defineProperty(Navigator.prototype, name, { value: legacy, writable: true, configurable: true, enumerable: true });
  }

  // ImageCapture on our tracks: grabFrame is the engine's own (it reads the track's frames); takePhoto and the
  // photo settings would ask the engine's capture device, which our tracks do not have, so they are answered
  // from a frame of the track and the browser's settings.
  if (window.ImageCapture) {
    const trackOf = Object.getOwnPropertyDescriptor(ImageCapture.prototype, 'track').get;
    const nativeGrab = ImageCapture.prototype.grabFrame;
    const own = (ic) => { const t = trackOf.call(ic); return ourTracks.has(t) ? t : null; };
    const size = (t) => { const st = t.getSettings(); return { w: st.width || 0, h: st.height || 0 }; };
    const patch = (name, fn) => {
      const native = ImageCapture.prototype[name];
      Object.defineProperty(ImageCapture.prototype, name, {
        value: { [name](...args) { const t = own(this); return t ? fn.call(this, t, ...args) : native.apply(this, args); } }[name],
        writable: true, configurable: true, enumerable: true,
      });
    };
    patch('takePhoto', async function (t) {
      if (t.readyState !== 'live') throw new DOMException('The track has ended', 'InvalidStateError');
      const bitmap = await nativeGrab.call(this);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d').drawImage(bitmap, 0, 0);
      bitmap.close();
      return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    });
    patch('getPhotoCapabilities', async function (t) {
      const { w, h } = size(t);
      return { redEyeReduction: 'never', imageHeight: { min: h, max: h, step: 0 },
        imageWidth: { min: w, max: w, step: 0 }, fillLightMode: [] };
    });
    patch('getPhotoSettings', async function (t) {
      const { w, h } = size(t);
      return { fillLightMode: 'off', imageHeight: h, imageWidth: w, redEyeReduction: false };
    });
  }
  // WebRTC IP handling (issue 13). The browser decides, per frame, from the origin the engine reports for it,
  // whether this frame's peer connections may gather every candidate (Default: the engine's own behaviour,
  // mDNS names for host candidates) or only relay (TURN) ones. This script only applies the answer: every
  // RTCPeerConnection is made with iceTransportPolicy 'relay' until the answer says otherwise, whatever the
  // page passes to the constructor or to setConfiguration, and negotiation waits for the first answer so
  // that nothing is gathered under a policy the browser has not confirmed.
  (() => {
    const NativePC = window.RTCPeerConnection;
    if (typeof NativePC !== 'function') return;
    const proto = NativePC.prototype;
    const nat = {
      setConfiguration: proto.setConfiguration,
      getConfiguration: proto.getConfiguration,
      setLocalDescription: proto.setLocalDescription,
    };
    const CONFIG_KEYS = ['iceServers', 'iceTransportPolicy', 'bundlePolicy', 'rtcpMuxPolicy', 'certificates',
      'iceCandidatePoolSize', 'encodedInsertableStreams'];
    const pageWants = new WeakMap(); // connection -> the iceTransportPolicy the page asked for
    const firstAnswer = new WeakMap(); // connection -> the answer asked for when it was made, until it comes
    const relayServers = new WeakMap(); // connection -> whether the page gave it a TURN server
    const warned = new WeakSet();
    let known = null; // 'default' | 'relay-only', the browser's last answer for this frame
    let why = '';
    let overTcpOnly = false; // the engine itself allows relays over TCP only (every site relay only)
    let asking = null;

    // Asks the browser again (a change in site settings applies from the next negotiation), at most once a
    // second once an answer is known (a page negotiating in a loop must not exhaust its bridge quota); any
    // failure reads as relay only.
    let askedAt = 0;
    function ask(force) {
      if (!force && !asking && known !== null && performance.now() - askedAt < 1000) return Promise.resolve(known);
      if (!asking) {
        askedAt = performance.now();
        asking = callOn('webrtc', 'policy', {})
          .then((r) => r, () => ({ handling: 'relay-only', why: 'Relay only (the browser could not be asked)' }))
          .then((r) => {
            known = r && r.handling === 'default' ? 'default' : 'relay-only';
            why = r && typeof r.why === 'string' ? r.why : known;
            overTcpOnly = !!(r && r.relayOverTcpOnly);
            asking = null;
            return known;
          });
      }
      return asking;
    }

    const effective = (wants) => (known === 'default' ? wants : 'relay');
    // An answer older than a second may be stale (the person may have set the site to Relay only since): a
    // connection starts relay only and gathers only after a fresh answer, never under an old Default.
    const fresh = () => known !== null && performance.now() - askedAt < 1000;
    const initial = (wants) => (fresh() ? effective(wants) : 'relay');

    function copyConfig(config, what) {
      if (config === undefined || config === null) return {};
      if (typeof config !== 'object' && typeof config !== 'function') {
        throw new TypeError(`Failed to ${what}: The provided value is not of type 'RTCConfiguration'.`);
      }
      // Each member is read once, into a plain object of ours: a getter cannot answer one thing here and
      // another to the engine.
      const c = {};
      for (const k in config) c[k] = config[k];
      for (const k of CONFIG_KEYS) if (!(k in c) && config[k] !== undefined) c[k] = config[k];
      return c;
    }

    function wanted(c, what) {
      const p = c.iceTransportPolicy === undefined ? 'all' : String(c.iceTransportPolicy);
      if (p !== 'all' && p !== 'relay') {
        throw new TypeError(`Failed to ${what}: The provided value '${p}' is not a valid enum value of type RTCIceTransportPolicy.`);
      }
      return p;
    }

    // The TURN URLs of a configuration: [any, reachable over TCP or TLS].
    function turnServers(c) {
      const servers = Array.isArray(c.iceServers) ? c.iceServers : [];
      const urls = [];
      servers.forEach((s) => { const u = s && s.urls; (Array.isArray(u) ? u : [u]).forEach((x) => { if (typeof x === 'string') urls.push(x); }); });
      return { any: urls.some((u) => /^turns?:/i.test(u)),
        tcp: urls.some((u) => /^turns:/i.test(u) || /^turn:[^?]*\?(.*&)?transport=tcp(&|$)/i.test(u)) };
    }

    // Brings a connection's engine configuration in line with the latest answer (relaxing it only when the
    // browser said Default and the page asked for 'all').
    function apply(pc) {
      if (!pageWants.has(pc)) return;
      try {
        const cur = nat.getConfiguration.call(pc);
        const want = effective(pageWants.get(pc));
        if (cur.iceTransportPolicy !== want) {
          cur.iceTransportPolicy = want;
          nat.setConfiguration.call(pc, cur);
        }
      } catch (_) { /* a closed connection gathers nothing */ }
    }

    function warnNoRelay(pc) {
      const turn = relayServers.get(pc);
      if (known === 'default' || !turn || (overTcpOnly ? turn.tcp : turn.any) || warned.has(pc)) return;
      warned.add(pc);
      console.warn(`Callsafe: WebRTC IP handling for this frame is ${why}: only relay (TURN) candidates are`
        + ` gathered, and this RTCPeerConnection has no TURN server${overTcpOnly ? ' reachable over TCP or TLS'
          + ' (with Relay only for all sites the engine uses relays over TCP only)' : ''}, so it gathers no`
        + ' candidates and cannot connect. No address of this device is revealed.');
      callOn('webrtc', 'noRelay', {}).catch(() => {});
    }

    function remember(pc, c, wants) {
      pageWants.set(pc, wants);
      relayServers.set(pc, turnServers(c));
    }

    const RTCPeerConnection = function RTCPeerConnection(config, ...rest) {
      if (!new.target) {
        throw new TypeError("Failed to construct 'RTCPeerConnection': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
      }
      const what = "construct 'RTCPeerConnection'";
      const c = copyConfig(config, what);
      const wants = wanted(c, what);
      // Relay only until an answer asked now comes: one asked before may be older than the person's change.
      // (A page making connections in a loop runs into the bridge's quota, whose failures read as relay only.)
      c.iceTransportPolicy = 'relay';
      const pc = Reflect.construct(NativePC, [c, ...rest], new.target);
      remember(pc, c, wants);
      const answer = ask(true);
      firstAnswer.set(pc, answer);
      answer.then(() => { firstAnswer.delete(pc); apply(pc); });
      return pc;
    };
    Object.defineProperty(RTCPeerConnection, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(proto, 'constructor', { value: RTCPeerConnection, writable: true, enumerable: false, configurable: true });
    // Not NativePC itself: Object.getPrototypeOf(RTCPeerConnection) must not hand out the unchecked constructor.
    Object.setPrototypeOf(RTCPeerConnection, Object.getPrototypeOf(NativePC));
    if (typeof NativePC.generateCertificate === 'function') {
      const generate = NativePC.generateCertificate;
      Object.defineProperty(RTCPeerConnection, 'generateCertificate', {
        value: function generateCertificate(...args) { return generate.apply(NativePC, args); },
        writable: true, enumerable: true, configurable: true,
      });
    }
    for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) {
      Object.defineProperty(window, name, { value: RTCPeerConnection, writable: true, enumerable: false, configurable: true });
    }

    const method = (name, fn) => Object.defineProperty(proto, name, {
      value: { [name](...args) { return fn.call(this, ...args); } }[name],
      writable: true, enumerable: true, configurable: true,
    });

    method('setConfiguration', function (...args) {
      if (args.length < 1) return nat.setConfiguration.apply(this, args); // the engine's own TypeError
      const what = "execute 'setConfiguration' on 'RTCPeerConnection'";
      const c = copyConfig(args[0], what);
      const wants = wanted(c, what);
      c.iceTransportPolicy = initial(wants);
      const r = nat.setConfiguration.call(this, c);
      remember(this, c, wants);
      ask().then(() => apply(this));
      return r;
    });

    // Gathering starts at setLocalDescription: it waits for a fresh answer (less than a second old), so a
    // changed setting applies to the next negotiation, a new connection's first one included. While an answer
    // is awaited, the other negotiation steps wait behind it too, so the page's calls run in the order it made them.
    method('setLocalDescription', function (...args) {
      const pc = this;
      const go = () => {
        apply(pc);
        if (pageWants.has(pc)) warnNoRelay(pc);
        return nat.setLocalDescription.apply(pc, args);
      };
      const first = firstAnswer.get(pc);
      if (first) return first.then(go);
      if (!fresh() || asking) return ask().then(go);
      return go();
    });
    for (const name of ['createOffer', 'createAnswer', 'setRemoteDescription', 'addIceCandidate']) {
      const native = proto[name];
      if (typeof native !== 'function') continue;
      method(name, function (...args) {
        if (known === null || asking) return ask().then(() => native.apply(this, args));
        return native.apply(this, args);
      });
    }
  })();

  // --- Call privacy: the page's peer connections as the engine reports them. References to every
  // RTCPeerConnection the page makes (the constructor and the prototype's methods are wrapped before any page
  // script runs) and to the engine's own getStats, getSenders, getReceivers and getters, saved now: a page
  // that replaces them later cannot hide a connection or change what is reported. Reports go to the browser
  // when it asks (the call privacy panel, the pinned-peer check) and when a connection changes state.
  (() => {
    const NativePC = window.RTCPeerConnection;
    if (typeof NativePC !== 'function') return;
    const apply = Reflect.apply;
    const construct = Reflect.construct;
    const defineProperty = Object.defineProperty;
    const getDescriptor = Object.getOwnPropertyDescriptor;
    const hasOwn = Object.prototype.hasOwnProperty;
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    const weakGet = WeakMap.prototype.get;
    const weakSet = WeakMap.prototype.set;
    const weakHas = WeakSet.prototype.has;
    const weakAdd = WeakSet.prototype.add;
    const promiseThen = Promise.prototype.then;
    const now = performance.now.bind(performance);
    const setTimer = window.setTimeout.bind(window);
    const proto = NativePC.prototype;
    const getter = (o, name) => { const d = o && getDescriptor(o, name); return d && d.get; };
    const pcGet = {
      connection: getter(proto, 'connectionState'),
      ice: getter(proto, 'iceConnectionState'),
      signaling: getter(proto, 'signalingState'),
    };
    const pcGetStats = proto.getStats;
    const pcSenders = proto.getSenders;
    const pcReceivers = proto.getReceivers;
    const pcConfiguration = proto.getConfiguration;
    const pcAddListener = EventTarget.prototype.addEventListener;
    const senderTrack = getter(RTCRtpSender.prototype, 'track');
    const receiverTrack = getter(RTCRtpReceiver.prototype, 'track');
    const senderTransform = getter(RTCRtpSender.prototype, 'transform');
    const receiverTransform = getter(RTCRtpReceiver.prototype, 'transform');
    const trackKind = getter(MediaStreamTrack.prototype, 'kind');
    const reportForEach = window.RTCStatsReport && RTCStatsReport.prototype.forEach;
    // The engine caches certificate stats from the first getStats after each negotiation until the next one:
    // a getStats (ours or the page's) made before the DTLS handshake completes leaves the peer's certificate
    // out of every later report. The peer's certificate is then read from the connection's DTLS transport and
    // hashed here (SHA-256, as the engine fingerprints the certificates WebRTC endpoints make).
    const pcSctp = getter(proto, 'sctp');
    const sctpTransport = window.RTCSctpTransport ? getter(RTCSctpTransport.prototype, 'transport') : null;
    const senderDtls = getter(RTCRtpSender.prototype, 'transport');
    const receiverDtls = getter(RTCRtpReceiver.prototype, 'transport');
    const dtlsState = window.RTCDtlsTransport ? getter(RTCDtlsTransport.prototype, 'state') : null;
    const dtlsRemoteCertificates = window.RTCDtlsTransport ? RTCDtlsTransport.prototype.getRemoteCertificates : null;
    const subtle = window.isSecureContext && window.crypto ? window.crypto.subtle : null;
    const digest = subtle && window.SubtleCrypto ? SubtleCrypto.prototype.digest : null;
    const Bytes = Uint8Array;
    const HEX = '0123456789ABCDEF';
    const MAX_CONNECTIONS = 24;
    const known = new WeakMap();
    const encodedStreams = new WeakSet();
    const connections = []; // {pc, id}, in creation order
    let nextId = 1;
    let key = null;
    let listening = false;
    let reporting = false;
    let again = false;
    let lastReport = -1e9;

    const own = (o, k) => (o !== null && typeof o === 'object' && apply(hasOwn, o, [k]) ? o[k] : undefined);
    const slice = String.prototype.slice;
    const floor = Math.floor;
    const createObject = Object.create;
    const str = (v, max) => (typeof v === 'string' ? apply(slice, v, [0, max]) : null);
    const num = (v) => (typeof v === 'number' && v >= 0 && v < 2 ** 53 ? floor(v) : null);

    function seen(pc) {
      if (pc === null || typeof pc !== 'object' || apply(weakGet, known, [pc]) !== undefined) return;
      const entry = { pc, id: nextId++ };
      apply(weakSet, known, [pc, entry]);
      // keep the newest: closed ones go first once there are too many
      if (connections.length >= MAX_CONNECTIONS) {
        let drop = 0;
        for (let i = 0; i < connections.length; i++) {
          if (state(connections[i].pc, 'connection') === 'closed') { drop = i; break; }
        }
        for (let i = drop; i + 1 < connections.length; i++) connections[i] = connections[i + 1];
        connections.length--;
      }
      connections[connections.length] = entry;
      apply(pcAddListener, pc, ['connectionstatechange', () => changed()]);
      listen();
    }

    function state(pc, which) {
      try { return pcGet[which] ? str(apply(pcGet[which], pc, []), 16) : null; } catch (_) { return null; }
    }

    // The constructor, under the same name (and the legacy webkit alias): every connection is known, however made.
    const PC = { RTCPeerConnection: function (...args) {
      if (new.target === undefined) {
        throw new TypeError("Failed to construct 'RTCPeerConnection': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
      }
      const pc = construct(NativePC, args, new.target);
      seen(pc);
      return pc;
    } }.RTCPeerConnection;
    for (const k of Reflect.ownKeys(NativePC)) {
      if (k === 'prototype' || k === 'length' || k === 'name') continue;
      defineProperty(PC, k, getDescriptor(NativePC, k));
    }
    defineProperty(PC, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
    Object.setPrototypeOf(PC, Object.getPrototypeOf(NativePC));
    defineProperty(proto, 'constructor', { value: PC, writable: true, enumerable: false, configurable: true });
    for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) {
      const d = getDescriptor(window, name);
      if (d && d.value === NativePC) defineProperty(window, name, { value: PC, writable: true, enumerable: false, configurable: true });
    }
    // Any use of a connection's methods makes it known too (a connection made some other way is still seen).
    for (const name of ['addTrack', 'addTransceiver', 'createOffer', 'createAnswer', 'setLocalDescription',
      'setRemoteDescription', 'addIceCandidate', 'createDataChannel', 'getStats', 'getSenders', 'restartIce']) {
      const native = proto[name];
      if (typeof native !== 'function') continue;
      defineProperty(proto, name, {
        value: { [name](...args) { seen(this); return apply(native, this, args); } }[name],
        writable: true, enumerable: true, configurable: true,
      });
    }
    // Legacy insertable streams leave no trace the engine reports, so their use is noted here.
    for (const P of [window.RTCRtpSender && RTCRtpSender.prototype, window.RTCRtpReceiver && RTCRtpReceiver.prototype]) {
      const native = P && P.createEncodedStreams;
      if (typeof native !== 'function') continue;
      defineProperty(P, 'createEncodedStreams', {
        value: { createEncodedStreams() { const r = apply(native, this, []); apply(weakAdd, encodedStreams, [this]); return r; } }.createEncodedStreams,
        writable: true, enumerable: true, configurable: true,
      });
    }

    // Objects without a prototype, serialised by hand: a page's Object.prototype setters or toJSON, or its
    // Array.prototype methods, never see or change a report (they would otherwise be called with it).
    const bare = () => createObject(null);
    const isArray = Array.isArray;
    const keysOf = Object.keys;
    function encode(v) {
      if (v === null || v === undefined) return 'null';
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return stringify(v);
      let out = '';
      if (isArray(v)) {
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + encode(v[i]);
        return '[' + out + ']';
      }
      const keys = keysOf(v);
      for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + stringify(keys[i]) + ':' + encode(v[keys[i]]);
      return '{' + out + '}';
    }

    function send(text) {
      const q = bridge || findBridge();
      if (!q) return;
      q({ request: 'peers:' + text, persistent: false, onSuccess: () => {}, onFailure: () => {} });
    }

    // One subscription per document, then one long poll at a time that the browser answers when it wants a report.
    function listen() {
      if (listening) return;
      const q = bridge || findBridge();
      if (!q) { setTimer(listen, 50); return; }
      listening = true;
      q({
        request: 'peers:{"op":"listen"}',
        persistent: false,
        onSuccess: (text) => {
          let m;
          try { m = parse(text); } catch (_) { return; }
          if (typeof own(m, 'key') !== 'string') return;
          key = own(m, 'key');
          poll();
          collect();
        },
        onFailure: () => {},
      });
    }

    function poll() {
      const q = bridge || findBridge();
      q({
        request: 'peers:{"op":"wait","key":' + stringify(key) + '}',
        persistent: false,
        onSuccess: (text) => {
          let m;
          try { m = parse(text); } catch (_) { m = null; }
          poll();
          if (own(m, 'collect') === true) collect();
        },
        onFailure: () => { setTimer(poll, 1000); },
      });
    }

    // A connection changed state: report it (a connection starting to carry media is checked at once).
    function changed() {
      if (key !== null) collect();
    }

    // At most four reports a second; a change during a report is reported after it.
    function collect() {
      if (key === null) return;
      if (reporting) { again = true; return; }
      const wait = lastReport + 250 - now();
      if (wait > 0) { reporting = true; setTimer(() => { reporting = false; collect(); }, wait); return; }
      reporting = true;
      again = false;
      report((list) => {
        lastReport = now();
        let first = 0;
        let text;
        for (;;) {
          let body = '';
          for (let i = first; i < list.length; i++) body += (i > first ? ',' : '') + encode(list[i]);
          text = '{"op":"report","key":' + stringify(key) + ',"connections":[' + body + ']}';
          if (text.length <= 60000 || first >= list.length) break;
          first++; // the oldest connections give way
        }
        send(text);
        reporting = false;
        if (again) collect();
      });
    }

    function transceivers(list, trackOf, transformOf) {
      const out = [];
      for (let i = 0; i < list.length && i < 16; i++) {
        const x = list[i];
        let track = null;
        try { track = apply(trackOf, x, []); } catch (_) { /* ended */ }
        let transform = null;
        try { if (transformOf && apply(transformOf, x, [])) transform = 'script'; } catch (_) { /* none */ }
        if (!transform && apply(weakHas, encodedStreams, [x])) transform = 'streams';
        const t = bare();
        t.kind = track ? str(apply(trackKind, track, []), 8) : null;
        t.token = track ? (apply(weakGet, trackTokens, [track]) || null) : null;
        t.transform = transform;
        out[out.length] = t;
      }
      return out;
    }

    // The DTLS transport the connection uses, once its handshake is done (data channel, then senders, receivers).
    function connectedDtls(pc, senders, receivers) {
      const all = [];
      try {
        const sctp = pcSctp ? apply(pcSctp, pc, []) : null;
        if (sctp && sctpTransport) all[all.length] = apply(sctpTransport, sctp, []);
      } catch (_) { /* closed */ }
      for (let i = 0; i < senders.length && i < 16; i++) {
        try { all[all.length] = apply(senderDtls, senders[i], []); } catch (_) { /* stopped */ }
      }
      for (let i = 0; i < receivers.length && i < 16; i++) {
        try { all[all.length] = apply(receiverDtls, receivers[i], []); } catch (_) { /* stopped */ }
      }
      for (let i = 0; i < all.length; i++) {
        try { if (all[i] && apply(dtlsState, all[i], []) === 'connected') return all[i]; } catch (_) { /* gone */ }
      }
      return null;
    }

    function hexPairs(buffer) {
      const b = new Bytes(buffer);
      let out = '';
      for (let i = 0; i < b.length; i++) out += (i ? ':' : '') + HEX[b[i] >> 4] + HEX[b[i] & 15];
      return out;
    }

    // The peer's certificate as the engine received it (leaf first), when the stats left it out; then finish().
    function remoteFromTransport(pc, entry, senders, receivers, finish) {
      let der = null;
      try {
        const t = dtlsState && dtlsRemoteCertificates && digest ? connectedDtls(pc, senders, receivers) : null;
        const certs = t ? apply(dtlsRemoteCertificates, t, []) : null;
        der = certs && certs.length > 0 ? certs[0] : null;
      } catch (_) { der = null; }
      if (!der) { finish(); return; }
      let hashed;
      try { hashed = apply(digest, subtle, ['SHA-256', der]); } catch (_) { finish(); return; }
      apply(promiseThen, hashed, [(buffer) => {
        try {
          const o = bare();
          o.algorithm = 'sha-256';
          o.value = hexPairs(buffer);
          entry.remoteCertificate = o;
        } catch (_) { /* left out */ }
        finish();
      }, () => finish()]);
    }

    function fromStats(entry, stats) {
      const byId = bare();
      const transports = [];
      const rtp = [];
      apply(reportForEach, stats, [(v, k) => {
        byId[k] = v;
        const type = own(v, 'type');
        if (type === 'transport') transports[transports.length] = v;
        if (type === 'outbound-rtp' || type === 'inbound-rtp') rtp[rtp.length] = v;
      }]);
      let transport = transports[0];
      for (let i = 0; i < transports.length; i++) if (own(transports[i], 'selectedCandidatePairId')) { transport = transports[i]; break; }
      if (transport) {
        entry.dtls = str(own(transport, 'dtlsState'), 16);
        entry.bytesSent = num(own(transport, 'bytesSent'));
        entry.bytesReceived = num(own(transport, 'bytesReceived'));
        const cert = (id) => {
          const c = typeof id === 'string' ? byId[id] : undefined;
          if (!c) return null;
          const o = bare();
          o.algorithm = str(own(c, 'fingerprintAlgorithm'), 16);
          o.value = str(own(c, 'fingerprint'), 200);
          return o;
        };
        entry.localCertificate = cert(own(transport, 'localCertificateId'));
        entry.remoteCertificate = cert(own(transport, 'remoteCertificateId'));
        const pair = byId[own(transport, 'selectedCandidatePairId')];
        const candidate = (id) => {
          const c = typeof id === 'string' ? byId[id] : undefined;
          if (!c) return null;
          const o = bare();
          o.type = str(own(c, 'candidateType'), 8);
          o.address = str(own(c, 'address'), 256);
          o.port = num(own(c, 'port'));
          o.protocol = str(own(c, 'protocol'), 8);
          o.relayProtocol = str(own(c, 'relayProtocol'), 8);
          return o;
        };
        if (pair) {
          entry.local = candidate(own(pair, 'localCandidateId'));
          entry.remote = candidate(own(pair, 'remoteCandidateId'));
        }
      }
      const codecs = [];
      for (let i = 0; i < rtp.length && codecs.length < 16; i++) {
        const codec = byId[own(rtp[i], 'codecId')];
        const mime = codec ? str(own(codec, 'mimeType'), 48) : null;
        const direction = own(rtp[i], 'type') === 'outbound-rtp' ? 'send' : 'receive';
        let dup = false;
        for (let j = 0; j < codecs.length; j++) if (codecs[j].mime === mime && codecs[j].direction === direction) dup = true;
        if (mime && !dup) {
          const o = bare();
          o.mime = mime;
          o.direction = direction;
          codecs[codecs.length] = o;
        }
      }
      entry.codecs = codecs;
    }

    // One connection's entry, handed to done; the engine's getStats promise is followed with the saved then.
    function one(c, done) {
      const pc = c.pc;
      const entry = bare();
      entry.id = c.id;
      entry.connection = state(pc, 'connection');
      entry.ice = state(pc, 'ice');
      entry.signaling = state(pc, 'signaling');
      entry.insertableStreams = false;
      entry.senders = [];
      entry.receivers = [];
      entry.dataChannel = false;
      try { entry.insertableStreams = own(apply(pcConfiguration, pc, []), 'encodedInsertableStreams') === true; } catch (_) { /* closed */ }
      let senders = [];
      let receivers = [];
      try {
        senders = apply(pcSenders, pc, []);
        receivers = apply(pcReceivers, pc, []);
        entry.senders = transceivers(senders, senderTrack, senderTransform);
        entry.receivers = transceivers(receivers, receiverTrack, receiverTransform);
      } catch (_) { /* closed */ }
      try { entry.dataChannel = !!(pcSctp && apply(pcSctp, pc, [])); } catch (_) { /* closed */ }
      if (!reportForEach || entry.connection === 'closed') { done(entry); return; }
      let stats;
      try { stats = apply(pcGetStats, pc, []); } catch (_) { done(entry); return; }
      apply(promiseThen, stats, [(r) => {
        try { fromStats(entry, r); } catch (_) { entry.statsFailed = true; }
        if (entry.remoteCertificate) done(entry);
        else remoteFromTransport(pc, entry, senders, receivers, () => done(entry));
      }, () => { entry.statsFailed = true; done(entry); }]);
    }

    function report(done) {
      const list = [];
      for (let i = 0; i < connections.length; i++) list[i] = connections[i];
      const out = [];
      let i = 0;
      const next = () => {
        if (i >= list.length) { done(out); return; }
        one(list[i++], (entry) => { out[out.length] = entry; next(); });
      };
      next();
    }
  })();
})();
