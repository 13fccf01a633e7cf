#!/usr/bin/env bash
# The browser on a screen scaled by 2 (GDK_SCALE=2, Java's UI scale): runs ScaledScreenEndToEndTest in a JVM
# of its own (the ordinary suite runs at scale 1 and skips it). Needs no DISPLAY (a private Xvfb is started).
#   scripts/test-hidpi.sh
set -euo pipefail
cd "$(dirname "$0")/.."
unset DISPLAY
# shellcheck disable=SC2086
# a 3200x2000 screen is 1600x1000 at scale 2, room for the whole browser window
GDK_SCALE=2 CALLSAFE_XVFB_SCREEN=3200x2000x24 scripts/with-display.sh mvn -B -ntp ${CALLSAFE_MVN_OPTS:-} -pl browser -am test \
    -Dtest=ScaledScreenEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false
