"""The Parquet extracts a benchmark reads: generated per preset, completed from the seeds.

The generator writes the operating extracts (ERP, CRM, metering, bank, infra, leases) at a
preset's scale. Extracts it does not write (policy tables, rare event feeds) are reference data:
they are taken from the committed demo seeds, converted to Parquet, so every extract of the
contract is present. The preset's own directory is never modified: the benchmark reads an
overlay directory of symbolic links (generated files) and converted seeds (the rest).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT, load_contract

READY_MARKER = "_READY"


def default_extracts_dir(preset: str, parquet_types: str = "typed") -> Path:
    """Where a preset's generated extracts live by default (large data stays outside the repo)."""
    return Path("/tmp/infra-accounting-bench") / (preset if parquet_types == "text" else f"{preset}-{parquet_types}")


def _seed_to_parquet(source: str, name: str, target: Path, connection: duckdb.DuckDBPyConnection) -> None:
    seed = PROJECT_ROOT / "seeds" / source / f"{name}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.execute(
        f"copy (select * from read_csv('{seed}', all_varchar = true, header = true)) to '{target}' (format parquet)"
    )


def seeds_as_parquet(directory: Path) -> Path:
    """The committed demo seeds as one Parquet file per extract (the S preset)."""
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            target = directory / spec.source / f"{spec.name}.parquet"
            if not target.exists():
                _seed_to_parquet(spec.source, spec.name, target, connection)
    (directory / READY_MARKER).write_text("seeds\n", encoding="utf-8")
    return directory


def generate(preset: str, directory: Path, parquet_types: str = "typed") -> float:
    """Run the generator for a preset into directory; returns its wall time in seconds.

    parquet_types: typed (each column in its contract type, as a metering pipeline writes
    Parquet) or text (every column as text, like a CSV export)."""
    import time

    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "infra_accounting.demo", "--scale", preset, "--out", str(directory),
            "--format", "parquet", "--parquet-types", parquet_types,
        ],
        check=True,
        cwd=PROJECT_ROOT,
    )
    (directory / READY_MARKER).write_text("generated\n", encoding="utf-8")
    return time.perf_counter() - started


def is_present(directory: Path) -> bool:
    """A generated directory is usable once its ready marker exists (or, without one, its usage file)."""
    return (directory / READY_MARKER).exists() or (directory / "metering" / "usage.parquet").exists()


def overlay(generated: Path, overlay_dir: Path) -> dict[str, str]:
    """Every contract extract under overlay_dir: a link to the generated file, or the seed as Parquet.

    Returns {source/extract: "generated" | "seed"} - which extracts came from where."""
    origin: dict[str, str] = {}
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            target = overlay_dir / spec.source / f"{spec.name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() or target.is_symlink():
                target.unlink()
            candidate = generated / spec.source / f"{spec.name}.parquet"
            if candidate.exists():
                target.symlink_to(candidate.resolve())
                origin[f"{spec.source}/{spec.name}"] = "generated"
            else:
                _seed_to_parquet(spec.source, spec.name, target, connection)
                origin[f"{spec.source}/{spec.name}"] = "seed"
    return origin


def row_counts(directory: Path) -> dict[str, int]:
    """Rows per extract file (Parquet metadata only: cheap at any scale)."""
    counts: dict[str, int] = {}
    with duckdb.connect() as connection:
        for path in sorted(directory.glob("*/*.parquet")):
            counts[f"{path.parent.name}/{path.stem}"] = connection.execute(
                f"select coalesce(sum(num_rows), 0) from parquet_file_metadata('{path}')"
            ).fetchone()[0]
    return counts


def parquet_column_types(directory: Path) -> str:
    """'typed' when the usage extract holds its dates as DATE (the generator's --parquet-types
    typed), else 'text' (every column as text): read from the file, not from how it was asked for."""
    usage = directory / "metering" / "usage.parquet"
    if not usage.exists():
        return "absent"
    with duckdb.connect() as connection:
        column_type = connection.execute(
            f"select column_type from (describe select usage_date from read_parquet('{usage}'))"
        ).fetchone()[0]
    return "typed" if column_type.upper() == "DATE" else "text"
