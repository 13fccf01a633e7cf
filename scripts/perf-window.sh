#!/usr/bin/env bash
# The perf part of scripts/profile-*.sh: waits (with a deadline) for a benchmark started with
# -Dbench.profile=true to print "MEASURING <pids>", samples every thread of those processes with call chains
# for the window, writes the JVM's perf map so Java frames are named, and prints the split by stage
# (scripts/profile-split.py). Needs perf (Debian: linux-perf) and kernel.perf_event_paranoid <= 0 or root.
#   scripts/perf-window.sh <benchmark pid> <benchmark stdout file> <out dir> <seconds> <Hz>
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$1 benchout=$2 out=$3 seconds=$4 hz=$5
for _ in $(seq 1 1800); do
  grep -q '^MEASURING ' "$benchout" 2>/dev/null && break
  kill -0 "$bench" 2>/dev/null || break
  sleep 0.1
done
pids=$(sed -n 's/^MEASURING //p' "$benchout" | head -1)
[ -n "$pids" ] || { echo "the benchmark did not start measuring" >&2; cat "$benchout" >&2; exit 1; }
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
wait "$bench" || true
grep -v '^MEASURING' "$benchout" || true
perf script -i "$out/perf.data" -F comm,pid,tid,ip,sym,dso 2>/dev/null > "$out/samples.txt"
python3 scripts/profile-split.py "$out/samples.txt" "$out/kinds.txt" "$((seconds - 1))" "$hz"
