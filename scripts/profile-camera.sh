#!/usr/bin/env bash
# Profiles our camera pipeline at one size (default 1920x1080, 30 fps) with perf: samples every thread of
# the browser's processes (JVM = Chromium's browser process + our capture, GPU, renderer, utility) during
# the benchmark's measuring window and prints where the CPU goes, by process and thread, by library, and
# the hottest symbols (Java methods through the JVM's perf map). Needs perf (Debian: linux-perf) and root
# or kernel.perf_event_paranoid <= 0.
#   scripts/profile-camera.sh [seconds, default 8] [WxH, default 1920x1080]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
size=${2:-1920x1080}
hz=${CALLSAFE_PROFILE_HZ:-199}
out=${CALLSAFE_PROFILE_DIR:-/tmp/callsafe-profile-camera}
mkdir -p "$out"
scripts/ensure-system.sh
mvn -B -q -ntp -Dstyle.color=never -pl browser -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
rm -f "$out/bench.out"
# frame pointers in JIT code so perf can walk Java stacks; the perf map is written on request below
scripts/with-display.sh java -Djava.awt.headless=false -Dcallsafe.devices=synthetic -XX:+PreserveFramePointer \
    -Dbench.sizes="$size" -Dbench.chromium=false -Dbench.profile=true -cp "$cp" \
    dev.callsafe.browser.bench.CameraBenchmark "$seconds" > "$out/bench.out" 2> "$out/bench.log" &
bench=$!
# wait (with a deadline) for the benchmark to open its measuring window
for _ in $(seq 1 1200); do
  grep -q '^MEASURING ' "$out/bench.out" 2>/dev/null && break
  kill -0 $bench 2>/dev/null || break
  sleep 0.1
done
pids=$(sed -n 's/^MEASURING //p' "$out/bench.out")
[ -n "$pids" ] || { echo "the benchmark did not start measuring" >&2; cat "$out/bench.out" >&2; exit 1; }
# what each process is (java, renderer, gpu-process, utility:...), for the report
for p in ${pids//,/ }; do
  t=$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -o -- '--type=[a-z-]*\|--utility-sub-type=[a-zA-Z.]*' | tr '\n' ' ' || true)
  echo "$p ${t:-$(cat /proc/$p/comm 2>/dev/null)}"
done > "$out/kinds.txt"
# -N: no copy of the 250 MB libcef.so into ~/.debug
perf record -N -q -F "$hz" -g --pid "$pids" -o "$out/perf.data" -- sleep "$((seconds - 1))" 2> "$out/perf-record.log" &
perf=$!
jvm=$(awk '$2 == "java" {print $1}' "$out/kinds.txt")
# the JIT's code addresses, written while the JVM still runs (it halts when the page's run ends)
sleep "$((seconds - 2))"
jcmd "$jvm" Compiler.perfmap > "$out/jcmd.log" 2>&1 || true
wait $perf
wait $bench || true
cat "$out/bench.out" | grep -v '^MEASURING'
perf script -i "$out/perf.data" -F comm,pid,tid,ip,sym,dso 2>/dev/null > "$out/samples.txt"
python3 scripts/profile-split.py "$out/samples.txt" "$out/kinds.txt" "$((seconds - 1))" "$hz"
