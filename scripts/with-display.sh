#!/usr/bin/env bash
# Runs a command with an X display: the current one, or a private Xvfb started for it and stopped after.
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
trap 'kill $xvfb 2>/dev/null || true' EXIT
# wait for the display's socket (with a deadline) before starting anything on it
for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$n" ] && break
  sleep 0.1
done
[ -e "/tmp/.X11-unix/X$n" ] || { echo "Xvfb did not start on $display" >&2; exit 1; }
export DISPLAY="$display"
export CALLSAFE_XVFB_PID=$xvfb
"$@"
