#!/usr/bin/env python3
"""Issue checks over consecutive runs of one scenario (pyvs.run/1 JSON files).

    python3 tools/stability.py a.json b.json c.json

For every parallel Python row (more than one worker), its concurrency in
each run (the peak over its runs, as pyvs judges it) and its distance from the
middle run's, as a share of it; every flagged row with the figure it was
flagged for and what it passed; each run's native parallelism over its
rounds; and the notes under each table (a line per flagged row, and the
machine paragraph).
"""
import json
import sys


def rows(path):
    with open(path) as handle:
        document = json.load(handle)
    for scenario in document["scenarios"]:
        for row in scenario["variants"]:
            yield scenario, row


def concurrency(row):
    """The figure pyvs judges parallelism by: the peak over the runs, else the threads' or the process's."""
    for key in ("concurrency_peak", "concurrency", "parallelism"):
        if row.get(key) is not None:
            return row[key]
    return None


def main() -> None:
    args = sys.argv[1:]
    runs = [{row["label"]: row for _, row in rows(path)} for path in args]
    middle = runs[len(runs) // 2]
    worst = 0.0
    for label, row in middle.items():
        if row["language"] != "python" or row.get("workers", 1) < 2 or concurrency(row) is None:
            continue
        figures = [concurrency(run[label]) for run in runs if label in run and concurrency(run[label]) is not None]
        spread = max(abs(f - concurrency(row)) / concurrency(row) for f in figures)
        worst = max(worst, spread)
        print(f"{label:22} concurrency " + " / ".join(f"{f:.2f}" for f in figures) + f"  ±{spread * 100:.1f} % of the middle run")
    print(f"worst parallel Python row: ±{worst * 100:.1f} %")
    for index, path in enumerate(args):
        with open(path) as handle:
            document = json.load(handle)
        for scenario in document["scenarios"]:
            reference = scenario.get("native_reference")
            if reference:
                values = sorted(r["parallelism"] for r in reference["rounds"])
                print(f"run {index + 1} {scenario['name']}: {scenario.get('rounds', {}).get('count')} rounds "
                      f"({scenario.get('rounds', {}).get('stop')}), native parallelism {values[0]:.2f}–{values[-1]:.2f} "
                      f"(median {values[len(values) // 2]:.2f})")
            for row in scenario["variants"]:
                flag = row.get("flag")
                if flag:
                    backed = flag["kind"] != "speedup_above_concurrency" or (flag.get("low") or flag["figure"]) > flag["bound"]
                    print(f"run {index + 1} {row['label']}: flag {flag['kind']} {flag['figure']:.2f} over {flag['bound']:.2f}"
                          f" — {'backed' if backed else 'NOT BACKED'}")
        flagged = sum(1 for scenario in document["scenarios"] for row in scenario["variants"] if row.get("flag"))
        print(f"run {index + 1}: notes under the table: {flagged} flag line(s) and the machine paragraph")


if __name__ == "__main__":
    main()
