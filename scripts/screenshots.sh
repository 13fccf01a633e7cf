#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/*.png) from the real browser under a private Xvfb, driven
# by a person's input (XTest): the prompt with preview and level meter, the share picker, a masked screen
# share as the page receives it, the capture indicator, the sharing bar, site settings and all sites.
# Run it again after changing the UI, look at the PNGs, commit them.
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh
out="$PWD/docs/screenshots"
unset DISPLAY
# shellcheck disable=SC2086
scripts/with-display.sh mvn -B -q -ntp -Dstyle.color=never ${CALLSAFE_MVN_OPTS:-} -pl browser -am test \
    -Dtest=ReadmeScreenshots -Dsurefire.failIfNoSpecifiedTests=false -Dcallsafe.screenshots="$out"
if command -v optipng >/dev/null 2>&1; then
  optipng -quiet -o2 -strip all "$out"/*.png
else
  echo "optipng not installed: PNGs left as Java wrote them (apt-get install optipng)" >&2
fi
ls -l "$out"
