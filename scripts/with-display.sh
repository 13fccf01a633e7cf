#!/usr/bin/env bash
# Runs a command with an X display: the current one, or a private Xvfb with a window manager (openbox, as a
# person's desktop has one) started for it and stopped after. CALLSAFE_WM=none leaves the window manager out.
# CALLSAFE_XVFB_SCREEN sets the private Xvfb's screen (default 1600x1000x24); its pid is exported as
# CALLSAFE_XVFB_PID (benchmarks count its CPU: it does the copying of screen grabs).
set -euo pipefail
if [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi
for n in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
Xvfb "$display" -screen 0 "${CALLSAFE_XVFB_SCREEN:-1600x1000x24}" -nolisten tcp >/tmp/callsafe-xvfb-$n.log 2>&1 &
xvfb=$!
wm=""
trap 'kill $wm $xvfb 2>/dev/null || true' EXIT
# wait for the display's socket (with a deadline) before starting anything on it
for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$n" ] && break
  sleep 0.1
done
[ -e "/tmp/.X11-unix/X$n" ] || { echo "Xvfb did not start on $display" >&2; exit 1; }
export DISPLAY="$display"
export CALLSAFE_XVFB_PID=$xvfb
if [ "${CALLSAFE_WM:-openbox}" != none ] && command -v openbox >/dev/null 2>&1; then
  openbox --sm-disable >/tmp/callsafe-openbox-$n.log 2>&1 &
  wm=$!
  # wait until the window manager owns the screen (the WM_S0 selection) before anything maps a window
  for _ in $(seq 1 100); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
    sleep 0.1
  done
fi
"$@"
