#!/usr/bin/env bash
# Screen-sharing benchmark: a 1920x1080 screen shared at 30 fps with masking; frames per second delivered
# in the page, added latency and CPU of the browser's processes, for a moving and a still desktop, beside
# Chromium's own getDisplayMedia in the same build where it runs. Uses a private 1920x1080 Xvfb.
#   scripts/bench-display.sh [seconds per run, default 10] [tab: the tab share row only]
# -Dbench.warmup=30 in CALLSAFE_BENCH_JAVA_OPTS measures after 30 s instead of 1 s (a call's steady state, the
# JIT's compiling left out; the Chromium comparator waits as long).
# CALLSAFE_BENCH_JAVA_OPTS adds JVM options to the browser's JVM; -Dcallsafe.screenDamage=false sends every
# screen frame whole (the pipeline before damage-only frames), for a comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh
# Built in the reactor (nothing installed into ~/.m2); the class path lists the modules' target folders.
mvn -B -q -ntp -Dstyle.color=never -pl browser -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
unset DISPLAY
export CALLSAFE_XVFB_SCREEN=1920x1080x24
exec scripts/with-display.sh java ${CALLSAFE_BENCH_JAVA_OPTS:-} -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.bench.DisplayBenchmark "$@" 2> /tmp/callsafe-bench-display.log
