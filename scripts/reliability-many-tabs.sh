#!/usr/bin/env bash
# Many tabs: N tabs of a calling page, M of them allowed the same camera through their prompts; prints how
# often the camera was opened, the Swing thread's CPU per camera frame with one and with M capturing tabs,
# and what the chrome shows.
#   scripts/reliability-many-tabs.sh [tabs, default 20] [capturing, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/reliability-classpath.sh
exec scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.reliability.ManyTabs "$@" 2> /tmp/callsafe-reliability.log
