#!/usr/bin/env python3
"""Prints Backprop's and PyTorch's benchmark results side by side.

    compare.py OURS.json [PYTORCH.json]

OURS.json is what `backprop bench --json` printed: {"results": [...],
"openblas_core": ..., "openblas_threads": ...}; PYTORCH.json is what
bench/pytorch_reference.py printed (either may be merged from rounds by
merge.py). Without the second file, or when it is empty, only Backprop's
column is shown. Ratio is backprop / pytorch: above 1 means Backprop is faster
(every unit is a rate, higher is better); with rounds on both sides, the ratio
of each round follows.
"""

import datetime
import json
import sys


class ResultsError(ValueError):
    """A results file that is missing, not JSON, or not of the agreed shape."""


def load_results(path, who):
    try:
        with open(path) as f:
            text = f.read()
    except OSError as error:
        raise ResultsError(f"{who}: cannot read {path}: {error.strerror}") from None
    # The last non-empty line is the JSON object, so stray log lines before it do no harm.
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    try:
        report = json.loads(lines[-1])
        rows = {row["workload"]: (row["unit"], float(row["value"])) for row in report["results"]}
        rounds = {row["workload"]: [float(value) for value in row["rounds"]] for row in report["results"] if "rounds" in row}
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise ResultsError(f"{who}: {path} is not a benchmark result ({error!r})") from None
    report["_rounds"] = rounds
    return report, rows


def format_rate(value):
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def table(ours, pytorch, now):
    ours_report, ours_rows = ours
    pytorch_report, pytorch_rows = pytorch if pytorch else ({}, {})
    names = list(ours_rows) + [name for name in pytorch_rows if name not in ours_rows]
    header = ("workload", "unit", "backprop", "pytorch", "ratio", "each round")
    rows = []
    for name in names:
        ours_unit, ours_value = ours_rows.get(name, (None, None))
        torch_unit, torch_value = pytorch_rows.get(name, (None, None))
        if ours_unit and torch_unit and ours_unit != torch_unit:
            ratio = f"units differ ({torch_unit})"
        elif ours_value is not None and torch_value:
            ratio = f"{ours_value / torch_value:.2f}x"
        else:
            ratio = "-"
        ours_rounds = ours_report.get("_rounds", {}).get(name, [])
        torch_rounds = pytorch_report.get("_rounds", {}).get(name, [])
        each = " ".join(f"{a / b:.2f}x" for a, b in zip(ours_rounds, torch_rounds) if b) \
            if len(ours_rounds) == len(torch_rounds) > 1 else ""
        rows.append((name, ours_unit or torch_unit, format_rate(ours_value), format_rate(torch_value), ratio, each))

    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    right_aligned = {2, 3, 4}

    def line(cells):
        return " | ".join(cell.rjust(w) if i in right_aligned else cell.ljust(w)
                          for i, (cell, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    out.append("")
    out.append(f"date:            {now:%Y-%m-%d %H:%M %Z}".rstrip())
    out.append(f"openblas core:   {ours_report.get('openblas_core', 'unknown')}"
               f" ({ours_report.get('openblas_threads', '?')} threads)")
    if pytorch:
        out.append(f"torch:           {pytorch_report.get('torch_version', 'unknown')}"
                   f" ({pytorch_report.get('threads', '?')} threads)")
    else:
        out.append("torch:           not installed; Backprop's numbers only (pip install torch to compare)")
    return "\n".join(out)


def main(argv):
    if len(argv) not in (1, 2):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        ours = load_results(argv[0], "backprop")
        pytorch = load_results(argv[1], "pytorch") if len(argv) == 2 else None
    except ResultsError as error:
        print(f"compare: {error}", file=sys.stderr)
        return 1
    if ours is None:
        print(f"compare: backprop: {argv[0]} is empty", file=sys.stderr)
        return 1
    print(table(ours, pytorch, datetime.datetime.now().astimezone()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
