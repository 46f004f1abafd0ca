"""CLI: python -m infra_accounting.demo --scale S --out seeds --format csv [--parquet-types text|typed]"""
from __future__ import annotations

import argparse
import sys

from .generate import generate


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m infra_accounting.demo",
                                 description="Generate the deterministic Helios Compute demo extracts.")
    ap.add_argument("--scale", choices=["S", "M", "L"], default="S")
    ap.add_argument("--out", default="seeds")
    ap.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="fmt")
    ap.add_argument("--parquet-types", choices=["text", "typed"], default="text", dest="parquet_types",
                    help="parquet only: every column as text like the CSV (default), or the contract's "
                         "types (DATE, DECIMAL(18,2) money, DECIMAL(18,8) rate, DECIMAL(18,4) quantity, "
                         "INTEGER, BOOLEAN, VARCHAR)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    a = ap.parse_args(argv)
    counts = generate(a.scale, a.out, a.fmt, a.parquet_types, log=None if a.quiet else sys.stderr)
    for k, v in counts.items():
        print(f"{k:36s} {v:>12,d}")


if __name__ == "__main__":
    main()
