#!/usr/bin/env python3
"""Sums perf samples (perf script -G -F comm,pid,tid,dso,sym) by process, thread, library and symbol.

Used by scripts/profile-camera.sh: profile-split.py samples.txt kinds.txt, where kinds.txt has a line
'<pid> <what the process is>' per process. Prints Markdown tables in % of one core.
"""
import collections
import re
import sys

LINE = re.compile(r'^\s*(.+?)\s+(\d+)/(\d+)\s+(.*?)\s*\(([^()]*)\)\s*$')


def main(samples_path, kinds_path, hz=499.0):
    kinds = {}
    for line in open(kinds_path):
        parts = line.split(None, 1)
        if parts:
            kinds[parts[0]] = parts[1].strip() if len(parts) > 1 else '?'
    procs, threads, libs, syms = (collections.Counter() for _ in range(4))
    total = 0
    for line in open(samples_path, errors='replace'):
        m = LINE.match(line)
        if not m:
            continue
        comm, pid, _tid, sym, dso = m.groups()
        kind = kinds.get(pid, pid)
        lib = dso.rsplit('/', 1)[-1]
        if lib.startswith('perf-') and lib.endswith('.map'):
            lib = 'JIT (Java)'
        sym = re.sub(r'\+0x[0-9a-f]+$', '', sym) or '[unknown]'
        procs[kind] += 1
        threads[(kind, comm)] += 1
        libs[(kind, lib)] += 1
        syms[(kind, comm, lib, sym)] += 1
        total += 1
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else None

    def pct(n):
        # share of all samples, and (with the window's length) % of one core at perf's sampling rate
        share = 100.0 * n / max(total, 1)
        return f'{share:5.1f} %' + (f' | {100.0 * n / hz / seconds:5.1f} %' if seconds else '')

    head = '| share |' + (' of one core |' if seconds else '')
    rule = '|---|' + ('---|' if seconds else '')
    print(f'\n{total} samples\n\n| process {head}\n|---{rule}')
    for k, n in procs.most_common():
        print(f'| {k} | {pct(n)} |')
    print(f'\n| process | thread {head}\n|---|---{rule}')
    for (k, c), n in threads.most_common(25):
        print(f'| {k} | {c} | {pct(n)} |')
    print(f'\n| process | library {head}\n|---|---{rule}')
    for (k, l), n in libs.most_common(25):
        print(f'| {k} | {l} | {pct(n)} |')
    print(f'\n| process | thread | library | symbol {head}\n|---|---|---|---{rule}')
    for (k, c, l, s), n in syms.most_common(45):
        print(f'| {k} | {c} | {l} | {s[:90]} | {pct(n)} |')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
