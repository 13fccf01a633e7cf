#!/usr/bin/env bash
# Installed-package test: builds the .deb (scripts/package.sh), unpacks it into a temporary root as dpkg
# would install it (dpkg -x), and starts the installed launcher as a person's first start would: a new home
# directory, the installed tree mounted read-only and no network (both when the kernel lets us make private
# namespaces; otherwise it says so and checks that nothing in the tree changed). Passes when the window
# shows the demo page: its title is the demo page's <title> (Chromium parsed the page served from the
# package's assets) and the page area is painted with the page's heading colours, not blank; when FFmpeg,
# JNA and JOGL load from the package's own unpacked natives (callsafe --check-natives); and when no native
# library was written into the new home or the start's private /tmp.
#   scripts/test-package.sh            build, install, launch
#   scripts/test-package.sh FILE.deb   install and launch an already built package
# Needs no DISPLAY (starts a private Xvfb when there is none). Building took 2-3 minutes on 2 cores; unpacking
# and the start took 7-11 minutes on a shared machine under heavy load (not yet measured on a quiet one).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ]; then
  exec scripts/with-display.sh "$0" "$@"
fi
start=$(date +%s)
say() { echo "[test-package] $(( $(date +%s) - start ))s $*" >&2; }

deb="${1:-}"
if [ -z "$deb" ]; then
  scripts/package.sh
  deb=$(ls target/package/callsafe_*_amd64.deb)
  say "package built: $(du -h "$deb" | cut -f1)"
fi

# Not under /tmp: the started browser gets a private /tmp of its own (below), whose files are then inspected.
work=$(mktemp -d /var/tmp/callsafe-package-test.XXXXXX)
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
root="$work/root"
home="$work/home"
mkdir -p "$root" "$home"
dpkg -x "$deb" "$root"
launcher="$root/opt/callsafe/bin/callsafe"
[ -x "$launcher" ] || { echo "FAIL: no launcher at /opt/callsafe/bin/callsafe in the package" >&2; exit 1; }
say "installed into $root"
find "$root" -printf '%p %s %T@ %m\n' | sort > "$work/tree-before"

# The first start: a new home (no ~/.cache, no profile), the installed tree read-only, no network and a /tmp
# of its own ($work/tmp, with the X server's socket bound in), so that every file the start writes is seen.
# Java takes its home from the password database, not $HOME: user.home is set through JAVA_TOOL_OPTIONS.
tmp="$work/tmp"
mkdir -p "$tmp/.X11-unix"
run=(env -i "PATH=$PATH" "DISPLAY=$DISPLAY" "HOME=$home" "XDG_CONFIG_HOME=$home/.config" "TMPDIR=$tmp"
     "JAVA_TOOL_OPTIONS=-Duser.home=$home -Djava.io.tmpdir=$tmp")
[ -n "${XAUTHORITY:-}" ] && run+=("XAUTHORITY=$XAUTHORITY")
if unshare -mn true 2>/dev/null; then
  isolation="installed tree read-only, no network, a private /tmp"
  # shellcheck disable=SC2016
  isolated() {
    unshare -mn sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" \
        && mount --bind /tmp/.X11-unix "$2/.X11-unix" && mount --rbind "$2" /tmp && shift 2 && exec "$@"' \
        sh "$root" "$tmp" "${run[@]}" "$@"
  }
else
  isolation="no private namespaces here: tree compared before and after, network not cut, TMPDIR redirected"
  isolated() { "${run[@]}" "$@"; }
fi
isolated "$launcher" >"$work/app.log" 2>&1 &
app=$!
say "launched ($isolation)"

fail() {
  echo "FAIL: $*" >&2
  echo "--- launcher output:" >&2
  tail -40 "$work/app.log" >&2
  exit 1
}

# Wait (with a deadline) for the window whose title is the demo page's title.
window=""
for _ in $(seq 1 1200); do
  window=$(xdotool search --name '^Callsafe demo call' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || fail "the launcher exited before showing the demo page"
  sleep 0.1
done
[ -n "$window" ] || fail "no window titled 'Callsafe demo call' within 120 s"
say "window $window: $(xdotool getwindowname "$window")"

# The page must be painted, not only titled: the lower half of the window is mostly the demo page's own
# background colour (#f4f5f7 in demo.css; Swing's grey is #f2f2f2, a blank or unpainted page has none).
# Wait for it with a deadline, since painting follows the title.
eval "$(xdotool getwindowgeometry --shell "$window")"
share=0
for _ in $(seq 1 300); do
  if import -window root -crop "${WIDTH}x$((HEIGHT / 2))+$X+$((Y + HEIGHT / 2))" +repage "$work/page.png" 2>/dev/null; then
    share=$(convert "$work/page.png" -fill black +opaque 'srgb(244,245,247)' -fill white -opaque 'srgb(244,245,247)' \
        -format '%[fx:round(100*mean)]' info: 2>/dev/null || echo 0)
  fi
  [ "$share" -ge 20 ] && break
  sleep 0.2
done
[ "$share" -ge 20 ] || fail "the page area is not painted with the demo page ($share % of its background colour)"
say "page painted ($share % of the lower half is the demo page's background)"

kill "$app"
wait "$app" 2>/dev/null || true
app=""

# FFmpeg, JNA and JOGL's natives: the demo page alone loads only JOGL, so the launcher loads all three as the
# browser does (--check-natives) and they must come from the package's own unpacked copies.
isolated "$launcher" --check-natives >"$work/natives.log" 2>&1 || { cat "$work/natives.log" >&2; fail "callsafe --check-natives failed"; }
for lib in libavcodec.so libjniavcodec.so libjnijavacpp.so libjnidispatch.so; do
  grep -qF "<- $root/opt/callsafe/lib/app/natives/$lib" "$work/natives.log" \
      || { cat "$work/natives.log" >&2; fail "$lib was not loaded from the package's natives"; }
done
say "FFmpeg, JNA and JOGL loaded from the package: $(grep -c ' <- ' "$work/natives.log") libraries"
say "the new home after the run: $(cd "$home" && find . -mindepth 1 -maxdepth 2 | sort | tr '\n' ' ')"
# No native library may have been written anywhere the browser could write: its home and its /tmp (JavaCPP
# unpacks into ~/.javacpp/cache, JNA into ~/.cache/JNA or /tmp, JOGL into /tmp/jogamp_*), found by content.
written=$(find "$home" "$tmp" -path "$tmp/.X11-unix" -prune -o -type f -size +1k -print0 \
    | xargs -0 -r sh -c 'for f; do [ "$(head -c4 "$f" | od -An -c | tr -d " ")" = "177ELF" ] && echo "$f"; done; true' sh)
[ -z "$written" ] || fail "native libraries were written at the first start: $written"
# ~/.cache/callsafe itself is Chromium's disk cache (it mirrors ~/.config/callsafe); Chromium's natives
# (jcefmaven unpacks them into ~/.cache/callsafe/jcef-*) must not be anywhere in the home.
[ -z "$(find "$home" -name 'libcef.so' -o -name 'jcef-*' -print -quit)" ] \
    || fail "the installed browser unpacked Chromium into the home: $(find "$home" -name 'libcef.so' -o -name 'jcef-*')"
find "$root" -printf '%p %s %T@ %m\n' | sort > "$work/tree-after"
diff "$work/tree-before" "$work/tree-after" >&2 || fail "the installed tree changed while the browser ran"
say "PASS: the installed package showed the demo page ($isolation; no native library written, the tree unchanged)"
