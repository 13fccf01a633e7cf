#!/usr/bin/env bash
# Shared-capture benchmark: the synthetic camera at 1280x720/30 feeding 1-3 consumers through one shared
# capture or one capture each; prints a Markdown table (captures opened, frames/s per consumer, CPU).
#   scripts/bench-devices.sh [seconds per run, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Dstyle.color=never -pl capture -am test-compile
mvn -B -q -ntp -Dstyle.color=never -pl capture dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="capture/target/test-classes:capture/target/classes:$(cat capture/target/test-classpath.txt)"
exec java -cp "$cp" dev.callsafe.capture.SharedCaptureBenchmark "$@" 2> /tmp/callsafe-bench-devices.log
