#!/usr/bin/env bash
# Page embedding benchmark: CPU of all the browser's processes on a still page and on a page repainting
# 1280x720 at 30 fps, windowed CEF against off-screen rendering (what the browser uses), one JVM each.
#   scripts/bench-embedding.sh [seconds per page, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-browser-classpath.sh
echo "| embedding  | page           | CPU     | page fps | paints/s |"
echo "|------------|----------------|---------|----------|----------|"
for osr in false true; do
  scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.osr=$osr -Dcallsafe.devices=synthetic -cp "$cp" \
      dev.callsafe.browser.bench.EmbeddingBenchmark "$@" 2>> /tmp/callsafe-bench.log | grep '^|'
done
