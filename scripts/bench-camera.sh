#!/usr/bin/env bash
# Camera benchmark: frames per second delivered in the page, added latency and CPU of all processes,
# for our pipeline and Chromium's own, at 1280x720 and 1920x1080, 30 fps.
#   scripts/bench-camera.sh [seconds per run, default 10]
# -Dbench.warmup=30 in CALLSAFE_BENCH_JAVA_OPTS measures after 30 s instead of 1 s (a call's steady state, the
# JIT's compiling left out; the Chromium comparator waits as long).
# CALLSAFE_BENCH_JAVA_OPTS adds JVM options to the browser's JVM (to try a GC setting, for instance).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh
# Built in the reactor (nothing installed into ~/.m2); the class path lists the modules' target folders.
mvn -B -q -ntp -Dstyle.color=never -pl browser -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
exec scripts/with-display.sh java ${CALLSAFE_BENCH_JAVA_OPTS:-} -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.bench.CameraBenchmark "$@" 2> /tmp/callsafe-bench.log
