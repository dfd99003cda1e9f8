#!/usr/bin/env python3
"""Merges benchmark results taken one workload at a time into one result file.

    merge.py FILE...

Each FILE is what `backprop bench --json` or bench/pytorch_reference.py printed
for one or more workloads; a workload may appear in several files (several
rounds). Prints one JSON object of the same shape: the other fields from the
first file, and for each workload, in order of first appearance, the median of
its values.
"""

import json
import statistics
import sys


def last_json_line(path):
    with open(path) as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"{path} is empty")
    report = json.loads(lines[-1])
    if not isinstance(report, dict) or not isinstance(report.get("results"), list):
        raise ValueError(f"{path} is not a benchmark result (no \"results\" list)")
    return report


def merge(reports):
    merged = {key: value for key, value in reports[0].items() if key != "results"}
    values, units = {}, {}
    for report in reports:
        for row in report["results"]:
            values.setdefault(row["workload"], []).append(float(row["value"]))
            units.setdefault(row["workload"], row["unit"])
    merged["results"] = [
        {"workload": name, "unit": units[name], "value": round(statistics.median(rates), 1), "rounds": rates}
        for name, rates in values.items()
    ]
    return merged


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        reports = [last_json_line(path) for path in paths]
        print(json.dumps(merge(reports), sort_keys=True))
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"merge.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
