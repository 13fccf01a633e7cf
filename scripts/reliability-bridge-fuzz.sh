#!/usr/bin/env bash
# Fuzzed bridge: a page sends generated messages over every bridge channel from its main frame and from
# iframes while a person allows the camera and presses Stop; prints what was answered, hangs, stray prompts,
# Stop's delay, and whether a real request afterwards still asks.
#   scripts/reliability-bridge-fuzz.sh [messages, default 10000] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/reliability-classpath.sh
exec scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.reliability.BridgeFuzz "$@" 2> /tmp/callsafe-reliability.log
