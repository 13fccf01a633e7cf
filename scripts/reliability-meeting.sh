#!/usr/bin/env bash
# A meeting: four tabs (camera and microphone in two, a screen share, a tab share) for N minutes; prints fps
# per track per minute, RSS, heap after GC, threads and file descriptors, then what is left after Stop.
#   scripts/reliability-meeting.sh [minutes, default 30]
# CALLSAFE_MEETING_JAVA_OPTS adds JVM options, e.g. -Dmeeting.camera=1280x720 for 720p cameras.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/reliability-classpath.sh
# A fixed, pre-touched heap: the resident size then grows only with native memory, not with the collector's
# choice of heap size.
exec scripts/with-display.sh java ${CALLSAFE_MEETING_JAVA_OPTS:-} -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Djava.awt.headless=false -Dcallsafe.devices=synthetic -cp "$cp" \
    dev.callsafe.browser.reliability.Meeting "$@" 2> /tmp/callsafe-reliability.log
