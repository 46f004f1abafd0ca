"""CLI: python -m infra_accounting.demo --scale S --out seeds --format csv"""
from __future__ import annotations

import argparse

from .generate import generate


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m infra_accounting.demo",
                                 description="Generate the deterministic Helios Compute demo extracts.")
    ap.add_argument("--scale", choices=["S", "M", "L"], default="S")
    ap.add_argument("--out", default="seeds")
    ap.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="fmt")
    a = ap.parse_args(argv)
    counts = generate(a.scale, a.out, a.fmt)
    for k, v in counts.items():
        print(f"{k:36s} {v:>12,d}")


if __name__ == "__main__":
    main()
