#!/usr/bin/env bash
# Screen-capture benchmark: mask computation time, pipeline stages, frames and CPU of masked captures of a
# 1920x1080 screen at 30 fps (still, still converted every frame, changing) and JavaCV's x11grab for comparison.
#   scripts/bench-screen.sh [seconds per capture run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Dstyle.color=never -pl capture test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="capture/target/test-classes:capture/target/classes:$(cat capture/target/test-classpath.txt)"
# a private display of the benchmark's size, whatever DISPLAY says
unset DISPLAY
CALLSAFE_XVFB_SCREEN=1920x1080x24 exec scripts/with-display.sh java -Djava.awt.headless=false -cp "$cp" \
    dev.callsafe.capture.screen.ScreenCaptureBenchmark "$@" 2> /tmp/callsafe-bench-screen.log
