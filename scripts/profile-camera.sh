#!/usr/bin/env bash
# Profiles our camera pipeline at one size (default 1920x1080, 30 fps) with perf: samples every thread of
# the browser's processes (JVM = Chromium's browser process + our capture, GPU, renderer, utility) during
# the benchmark's measuring window and prints where the CPU goes, by process and thread, by library, and
# the hottest symbols (Java methods through the JVM's perf map). Needs perf (Debian: linux-perf) and root
# or kernel.perf_event_paranoid <= 0.
#   scripts/profile-camera.sh [seconds, default 8] [WxH, default 1920x1080]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
size=${2:-1920x1080}
hz=${CALLSAFE_PROFILE_HZ:-199}
out=${CALLSAFE_PROFILE_DIR:-/tmp/callsafe-profile-camera}
mkdir -p "$out"
source scripts/reliability-classpath.sh   # builds in the reactor and sets $cp
rm -f "$out/bench.out"
# frame pointers in JIT code so perf can walk Java stacks; the perf map is written on request below
scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -XX:+PreserveFramePointer \
    -Dbench.sizes="$size" -Dbench.chromium=false -Dbench.profile=true -cp "$cp" \
    dev.callsafe.browser.bench.CameraBenchmark "$seconds" > "$out/bench.out" 2> "$out/bench.log" &
bench=$!
scripts/perf-window.sh "$bench" "$out/bench.out" "$out" "$seconds" "$hz"
