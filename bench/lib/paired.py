"""Runs a baseline and other commands in pairs, round after round, and prints each one's median
and the median of its per-round ratios to the baseline. On a shared machine the load drifts
between hyperfine's blocks of runs; a pair measured back to back sees the same load.

Usage: paired.py RUNS NAME PREPARE COMMAND [NAME PREPARE COMMAND ...] (the first is the baseline;
PREPARE and COMMAND are shell lines; PREPARE is not timed). With PAIRED_DIRECT=1, COMMAND is
split like a shell line and run directly, without a shell in between (for commands of a few
milliseconds, where a shell's own start-up would blur the ratio).
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
specs = [sys.argv[i:i + 3] for i in range(2, len(sys.argv), 3)]
times = {name: [] for name, _, _ in specs}
for _ in range(runs + 1):  # the first round warms up and is not counted
    for name, prepare, command in specs:
        subprocess.run(prepare, shell=True, check=True)
        start = time.perf_counter()
        if os.environ.get("PAIRED_DIRECT") == "1":
            subprocess.run(shlex.split(command), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append((time.perf_counter() - start) * 1000)
baseline = specs[0][0]
for name, _, _ in specs:
    counted = times[name][1:]
    ratios = [t / b for t, b in zip(counted, times[baseline][1:])]
    print(f"  {name:38s} median {statistics.median(counted):7.2f} ms  (min {min(counted):6.2f}  max {max(counted):6.2f}, {runs} rounds)"
          f"  {statistics.median(ratios):5.2f}x baseline (median of per-round ratios)")
