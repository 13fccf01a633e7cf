#!/usr/bin/env bash
# Delegation benchmark: what reading a frame's permissions policy from Chromium costs, per lookup
# and per permissions.query as the page sees it.
#   scripts/bench-delegation.sh [rounds per case, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-browser-classpath.sh
exec scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.bench.DelegationBenchmark "$@" 2> /tmp/callsafe-bench.log
