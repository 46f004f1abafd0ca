"""A one-folder dbt project for tests of the close's dbt launcher and materializations: its
dbt_project.yml (models materialised as tables), a profile on a DuckDB file of the test's own,
and dbt run through `python -m infra_accounting.dbt_launcher`, as the close runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from infra_accounting.dbt_invocation import dbt_environment


def write_one_folder_project(project: Path, name: str, database: Path) -> Path:
    """dbt_project.yml and profiles.yml in `project` (created with its models/ folder)."""
    (project / "models").mkdir(parents=True, exist_ok=True)
    (project / "dbt_project.yml").write_text(
        f"name: {name}\nversion: '0.1.0'\nconfig-version: 2\nprofile: probe\n"
        f"models:\n  {name}:\n    +materialized: table\n",
        encoding="utf-8",
    )
    (project / "profiles.yml").write_text(
        f"probe:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: '{database}'\n      threads: 1\n",
        encoding="utf-8",
    )
    return project


def launch_dbt(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """dbt's command line through the close's launcher, on the project, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "infra_accounting.dbt_launcher", *arguments, "--project-dir", str(project), "--profiles-dir", str(project)],
        cwd=project,
        env=dbt_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
