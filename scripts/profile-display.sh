#!/usr/bin/env bash
# Profiles our screen share of a moving 1920x1080 desktop (the moving row of scripts/bench-display.sh, no
# comparator) with perf: where the CPU goes, by stage (the screen-capture thread split by our innermost
# method: grab, comparison, masking, conversion, copy, the pipe's damage), by thread and hottest symbol.
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 0.
#   scripts/profile-display.sh [seconds, default 8]
# CALLSAFE_BENCH_JAVA_OPTS adds JVM options to the browser's JVM, as for bench-display.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
hz=${CALLSAFE_PROFILE_HZ:-199}
out=${CALLSAFE_PROFILE_DIR:-/tmp/callsafe-profile-display}
mkdir -p "$out"
source scripts/reliability-classpath.sh   # builds in the reactor and sets $cp
rm -f "$out/bench.out"
unset DISPLAY
export CALLSAFE_XVFB_SCREEN=1920x1080x24
# frame pointers in JIT code so perf can walk Java stacks
scripts/with-display.sh java ${CALLSAFE_BENCH_JAVA_OPTS:-} -Djava.awt.headless=false -Dcallsafe.devices=synthetic \
    -XX:+PreserveFramePointer -Dbench.profile=true -cp "$cp" \
    dev.callsafe.browser.bench.DisplayBenchmark "$seconds" > "$out/bench.out" 2> "$out/bench.log" &
scripts/perf-window.sh $! "$out/bench.out" "$out" "$seconds" "$hz"
