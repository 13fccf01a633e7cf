#!/usr/bin/env bash
# Camera discovery, webcam-capture (com.github.sarxos, its default driver) next to the capture module's own
# (DeviceCatalog): first list time, cameras found, threads started, natives unpacked, how plugs are noticed.
# Each in a fresh JVM, each run 3 times; prints Markdown table rows (see docs/ARCHITECTURE.md).
#   scripts/bench-webcam-capture.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Dstyle.color=never ${CALLSAFE_MVN_OPTS:-} -pl capture -am test-compile
mvn -B -q -ntp -Dstyle.color=never ${CALLSAFE_MVN_OPTS:-} -pl capture dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="capture/target/test-classes:capture/target/classes:$(cat capture/target/test-classpath.txt)"
echo "| library | first camera list | cameras | threads started | hot-plug | natives unpacked |"
echo "|---|---|---|---|---|---|"
for run in 1 2 3; do
  for lib in callsafe webcam-capture; do
    java -cp "$cp" dev.callsafe.capture.device.WebcamCaptureProbe "$lib" 2>>/tmp/callsafe-bench-webcam.log
  done
done
