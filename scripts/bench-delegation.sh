#!/usr/bin/env bash
# Delegation benchmark: what reading a frame's permissions policy from Chromium costs, per lookup
# and per permissions.query as the page sees it.
#   scripts/bench-delegation.sh [rounds per case, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh
mvn -B -q -ntp -Dstyle.color=never -DskipTests install
mvn -B -q -ntp -Dstyle.color=never -pl browser test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
exec scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.bench.DelegationBenchmark "$@" 2> /tmp/callsafe-bench.log
