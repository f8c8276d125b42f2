"""Run the benchmarks and print one table: `python -m benchmarks [NAME …]`.

NAME is a module `benchmarks/bench_NAME.py`; with none given, all of them run but
the long ones that run only when named (ON_DEMAND: the 30-minute soak).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from benchmarks.common import DATA_DIR, Row

HERE = Path(__file__).resolve().parent
ON_DEMAND = {"soak"}


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def format_table(rows: list[Row]) -> str:
    header = ("benchmark", "measure", "Studio", "reference", "tool", "ratio", "target", "met")
    body = [
        (
            r.benchmark,
            r.measure,
            _number(r.studio, r.unit),
            "" if r.reference is None else _number(r.reference, r.unit),
            r.reference_name,
            _ratio(r),
            r.target,
            {True: "yes", False: "NO", None: ""}[r.met],
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _ratio(row: Row) -> str:
    """How Studio compares, in words: "12.3x faster" or "4.0x slower"."""
    if row.ratio is None:
        return ""
    if row.unit in ("MiB",):  # more is worse for memory too, but say "less"/"more"
        return f"{row.ratio:.1f}x less" if row.ratio >= 1 else f"{1 / row.ratio:.1f}x more"
    return f"{row.ratio:.1f}x faster" if row.ratio >= 1 else f"{1 / row.ratio:.1f}x slower"


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:,.1f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"any of: {', '.join(available())}"
    )
    args = parser.parse_args()
    names = args.names or [n for n in available() if n not in ON_DEMAND]
    unknown = sorted(set(names) - set(available()))
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)} (have: {', '.join(available())})")
    DATA_DIR.mkdir(exist_ok=True)
    rows: list[Row] = []
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        rows.extend(module.run(DATA_DIR))
    print(format_table(rows))
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
