#!/usr/bin/env bash
# MJPEG camera benchmark (issue 12): an MJPEG file of FFmpeg's testsrc2 (30 fps, 3 s, looped) as the camera,
# our pipeline (JPEGs passed through to the page, decoded there) against Chromium's own file capture of the
# same file (--use-file-for-fake-video-capture, every JPEG decoded) in a bare CEF, at 1280x720 and 1920x1080.
# Prints fps in the page, added latency, CPU of all processes (per process for ours) and the CPU ratio.
#   scripts/bench-mjpeg.sh [seconds per run, default 10]
# -Dbench.warmup=30 in CALLSAFE_BENCH_JAVA_OPTS measures after 30 s instead of 1 s (a call's steady state, the
# JIT's compiling left out; the Chromium comparator waits as long).
# CALLSAFE_BENCH_JAVA_OPTS adds JVM options (-Dcallsafe.mjpegPassThrough=false: the decoded path, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh
mvn -B -q -ntp -Dstyle.color=never -pl browser -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
exec scripts/with-display.sh java ${CALLSAFE_BENCH_JAVA_OPTS:-} -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.bench.MjpegBenchmark "$@" 2> /tmp/callsafe-bench-mjpeg.log
