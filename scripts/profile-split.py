#!/usr/bin/env python3
"""Splits perf samples of the camera or screen pipeline into stages, from each sample's thread and call chain.

Used by scripts/perf-window.sh (scripts/profile-camera.sh, scripts/profile-display.sh):
    profile-split.py samples.txt kinds.txt seconds [Hz]
samples.txt is `perf script -F comm,pid,tid,ip,sym,dso` (with call chains), kinds.txt a line
'<pid> <what the process is>' per process. Prints Markdown tables in % of one core (at the sampling rate given, default 499 Hz).
"""
import collections
import re
import sys

HZ = float(sys.argv[4]) if len(sys.argv) > 4 else 499.0
HEAD = re.compile(r'^\s*(.+?)\s+(\d+)/(\d+)\s*$')
OURS = re.compile(r'dev[./]callsafe[./]([\w./$:;]+)')
FRAME = re.compile(r'^\s+[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)\s*$')


def samples(path):
    """Yields (comm, pid, frames), frames leaf first as (symbol, library)."""
    comm = pid = None
    frames = []
    for line in open(path, errors='replace'):
        if not line.strip():
            if comm is not None:
                yield comm, pid, frames
            comm, frames = None, []
            continue
        m = HEAD.match(line)
        if m and not line.startswith('\t'):
            comm, pid = m.group(1), m.group(2)
            continue
        f = FRAME.match(line)
        if f and comm is not None:
            frames.append((f.group(1), f.group(2).rsplit('/', 1)[-1]))
    if comm is not None:
        yield comm, pid, frames


def stage(kind, comm, frames):
    """The pipeline stage a sample belongs to."""
    text = ' '.join(s for s, _ in frames)
    leaf_lib = frames[0][1] if frames else ''
    if kind == 'java':
        if comm.startswith('screen-captur'):
            # our innermost method names the step: grab, comparison, masking, conversion, copy, the pipe's damage
            for sym, _ in frames:
                m = OURS.search(sym)
                if m:
                    parts = [p for p in re.split(r'[./:;]+', m.group(1)) if p]
                    return 'screen capture: ' + '.'.join(parts[-2:]) + (' (native)' if leaf_lib.startswith(('libsw', 'libav', 'libc', 'libxcb', '[kernel')) else '')
            return 'screen capture: other (' + leaf_lib + ')'
        if comm.startswith('video-capture'):
            if leaf_lib.startswith(('libav', 'libsw')):
                return 'capture: FFmpeg (test pattern, demuxing or decoding: ' + leaf_lib.split('.')[0] + ')'
            for sym, _ in frames:
                m = OURS.search(sym)
                if m:
                    parts = [p for p in re.split(r'[./:;]+', m.group(1)) if p]
                    return 'capture: ' + '.'.join(parts[-2:])
            return 'capture: other (' + leaf_lib + ')'
        if 'ResourceHandler::Read' in text or 'ResourceReadCallback' in text or 'StreamResourceHandler' in text:
            if 'jni_NewByteArray' in text:
                return 'transport: JCEF allocates a byte[] per 64 KiB read (NewByteArray, zeroing, page faults)'
            if 'FramedPipe' in text:
                return 'transport: FramedPipe.read copies into that byte[]'
            return 'transport: JCEF read, rest (JNI call, copy back into Chromium\'s buffer)'
        if comm.startswith(('GC Thread', 'G1 ', 'VM Thread')):
            return 'JVM: garbage collection'
        if comm.startswith(('C1 Compiler', 'C2 Compiler')):
            return 'JVM: JIT compilers'
        if comm.startswith(('ThreadPoolForeg', 'Chrome_IOThread')):
            return 'transport: Chromium network stack in the browser process (loader, Mojo data pipe, IPC)'
        if comm == 'CrBrowserMain':
            return 'browser main thread (CEF message loop)'
        return 'java, other threads'
    if 'renderer' in kind:
        if comm == 'jcef_helper' or comm == 'CrRendererMain':
            return 'renderer: main thread (fetch body, VideoFrame, track generator/processor, page script)'
        if comm.startswith('Chrome_ChildIOT'):
            return 'renderer: IO thread (IPC, data pipe)'
        return 'renderer: other threads (' + comm + ')'
    return kind.split()[0] + ' ' + comm


def main(samples_path, kinds_path, seconds):
    kinds = {}
    for line in open(kinds_path):
        parts = line.split(None, 1)
        if parts:
            kinds[parts[0]] = parts[1].strip() if len(parts) > 1 else '?'
    stages, threads, faults, leaves = (collections.Counter() for _ in range(4))
    total = 0
    for comm, pid, frames in samples(samples_path):
        kind = kinds.get(pid, pid)
        kind = 'renderer' if '--type=renderer' in kind else kind
        s = stage(kind, comm, frames)
        stages[s] += 1
        threads[(kind, comm)] += 1
        if any(sym == 'exc_page_fault' for sym, _ in frames):
            faults[s] += 1
        if frames:
            leaves[(s, frames[0][0][:70], frames[0][1])] += 1
        total += 1

    def core(n):
        return f'{100.0 * n / HZ / seconds:5.1f} %'

    print(f'\n{total} samples over {seconds:g} s ({core(total)} of one core in all)\n')
    print('| stage | of one core | of it in page faults |\n|---|---|---|')
    for s, n in stages.most_common():
        print(f'| {s} | {core(n)} | {core(faults[s])} |')
    print('\n| process | thread | of one core |\n|---|---|---|')
    for (k, c), n in threads.most_common(20):
        print(f'| {k.split()[0]} | {c} | {core(n)} |')
    print('\n| stage | hottest leaf | library | of one core |\n|---|---|---|---|')
    for (s, sym, lib), n in leaves.most_common(30):
        print(f'| {s[:40]} | {sym} | {lib} | {core(n)} |')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
