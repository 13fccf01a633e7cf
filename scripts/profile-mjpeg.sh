#!/usr/bin/env bash
# Profiles our MJPEG file camera (the pass-through of scripts/bench-mjpeg.sh, no comparator) at one size
# (default 1920x1080) with perf: where the CPU goes by stage, thread and hottest symbol. Needs perf (Debian:
# linux-perf) and root or kernel.perf_event_paranoid <= 0; the perf part is scripts/perf-window.sh.
#   scripts/profile-mjpeg.sh [seconds, default 8] [WxH, default 1920x1080]
# CALLSAFE_BENCH_JAVA_OPTS adds JVM options (e.g. -Dcallsafe.mjpegPassThrough=false: decoded in Java).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
size=${2:-1920x1080}
hz=${CALLSAFE_PROFILE_HZ:-199}
out=${CALLSAFE_PROFILE_DIR:-/tmp/callsafe-profile-mjpeg}
mkdir -p "$out"
source scripts/reliability-classpath.sh   # builds in the reactor and sets $cp
rm -f "$out/bench.out"
scripts/with-display.sh java ${CALLSAFE_BENCH_JAVA_OPTS:-} -Djava.awt.headless=false -Dcallsafe.devices=synthetic \
    -XX:+PreserveFramePointer -Dbench.sizes="$size" -Dbench.chromium=false -Dbench.profile=true -cp "$cp" \
    dev.callsafe.browser.bench.MjpegBenchmark "$seconds" > "$out/bench.out" 2> "$out/bench.log" &
scripts/perf-window.sh $! "$out/bench.out" "$out" "$seconds" "$hz"
