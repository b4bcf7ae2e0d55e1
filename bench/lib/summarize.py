"""Prints medians (ms) from hyperfine JSON exports, with ratios against a baseline command."""
import argparse
import json
import statistics

parser = argparse.ArgumentParser()
parser.add_argument("--baseline", help="command name the ratios are taken against")
parser.add_argument("exports", nargs="+")
args = parser.parse_args()

results = [r for path in args.exports for r in json.load(open(path))["results"]]
medians = {r["command"]: statistics.median(r["times"]) * 1000 for r in results}
base = medians.get(args.baseline)
for r in results:
    name, ms = r["command"], medians[r["command"]]
    ratio = f"{ms / base:5.2f}x baseline" if base else ""
    spread = f"min {min(r['times']) * 1000:6.2f}  max {max(r['times']) * 1000:6.2f}"
    print(f"  {name:26s} median {ms:7.2f} ms  ({spread}, {len(r['times'])} runs)  {ratio}")
