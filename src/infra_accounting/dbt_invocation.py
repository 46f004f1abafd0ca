"""Running dbt for the close: the command line, the environment, and its run results."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from infra_accounting.contract import PROJECT_ROOT

DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "infra_accounting.duckdb"
CLOSE_PERIOD_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# the environment variable that carries the close month to dbt (read by macro close_period())
CLOSE_PERIOD_VARIABLE = "INFRA_CLOSE_PERIOD"


def warehouse_path() -> Path:
    """The DuckDB file the close writes (INFRA_WAREHOUSE_PATH overrides the default)."""
    configured = os.environ.get("INFRA_WAREHOUSE_PATH")
    path = Path(configured) if configured else DEFAULT_WAREHOUSE
    return path if path.is_absolute() else PROJECT_ROOT / path


def posted_history_path(configured: str | None = None) -> Path:
    """Where closed months' journal lines live (INFRA_POSTED_HISTORY_DIR overrides the default)."""
    configured = configured or os.environ.get("INFRA_POSTED_HISTORY_DIR")
    path = Path(configured) if configured else PROJECT_ROOT / "output" / "posted_history"
    return path if path.is_absolute() else PROJECT_ROOT / path


def dbt_environment(**overrides: str) -> dict[str, str]:
    """The environment of every dbt subprocess: no usage statistics, and a file log at info level.

    dbt's file log defaults to debug, which writes the SQL of every statement: several
    thousand a close, formatted under dbt's single Python lock (about a tenth of the demo
    close's wall time; DECISIONLOG C-010). The SQL of each node stays in the target's compiled/ and run/
    directories. DBT_LOG_LEVEL_FILE=debug in the caller's environment brings the debug
    log back.
    """
    environment = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    environment.setdefault("DBT_LOG_LEVEL_FILE", "info")
    environment.update(overrides)
    return environment


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


@dataclass(frozen=True)
class DbtRun:
    """One dbt invocation for a close month."""

    command: str
    close_period: str
    target: str = "dev"
    extracts_dir: str | None = None
    extracts_format: str = "csv"
    select: str | None = None
    threads: int | None = None
    target_path: str | None = None
    posted_history_dir: str | None = None
    full_refresh: bool = False

    def variables(self) -> dict[str, str]:
        """dbt's --vars. The close month is not one of them: it goes in the environment (environment())."""
        variables = {"posted_history_dir": str(posted_history_path(self.posted_history_dir))}
        if self.extracts_dir:
            variables["extracts_dir"] = str(Path(self.extracts_dir).resolve())
            variables["extracts_format"] = self.extracts_format
        return variables

    def environment(self, **overrides: str) -> dict[str, str]:
        """The environment of this invocation: dbt_environment() and the close month, INFRA_CLOSE_PERIOD.

        The month is read by macro close_period(). Passed in --vars, a new month would change
        dbt's vars and make it parse the whole project again (9.4 s against 3.5 s for a
        partial parse); the environment variable is read only when dbt executes, so a new month
        re-parses nothing (DECISIONLOG C-012).
        """
        return dbt_environment(**{CLOSE_PERIOD_VARIABLE: self.close_period}, **overrides)

    def argv(self) -> list[str]:
        argv = [
            # dbt's own command line through the project's launcher (dbt_launcher.py: DECISIONLOG C-017 to C-019)
            sys.executable,
            "-m",
            "infra_accounting.dbt_launcher",
            self.command,
            "--project-dir",
            str(PROJECT_ROOT),
            "--profiles-dir",
            str(PROJECT_ROOT),
            "--target",
            self.target,
            "--vars",
            json.dumps(self.variables()),
        ]
        if self.full_refresh:
            # Rebuild the incremental models from every month of the extracts (after a code
            # change, a corrected closed month or late data beyond the lookback: D-007, R-011).
            argv += ["--full-refresh"]
        if self.select:
            # Only tests whose every parent is selected: a partial build is not failed by
            # a relationship test of a model outside the selection.
            argv += ["--select", self.select, "--indirect-selection", "cautious"]
        if self.extracts_dir and self.command in ("build", "seed"):
            # The extracts come from the files: the demo seeds are not loaded, and the dbt
            # unit tests (whose inputs are typed from the seed tables) run in seed builds.
            argv += ["--exclude", "resource_type:seed", "test_type:unit"]
        if self.threads:
            argv += ["--threads", str(self.threads)]
        if self.target_path:
            argv += ["--target-path", self.target_path]
        return argv


def run_dbt(run: DbtRun, quiet: bool = False) -> int:
    """Run dbt and return its exit code; output streams to the terminal unless quiet."""
    if not CLOSE_PERIOD_PATTERN.match(run.close_period):
        raise ValueError(f"The close month must be YYYY-MM (for example 2026-10), got {run.close_period!r}")
    warehouse_path().parent.mkdir(parents=True, exist_ok=True)
    environment = run.environment()
    completed = subprocess.run(
        run.argv(),
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL if quiet else None,
        check=False,
    )
    return completed.returncode


def load_run_results(target_path: str | None = None) -> list[dict]:
    """The results of the last dbt invocation (one entry per node)."""
    path = Path(target_path or PROJECT_ROOT / "target") / "run_results.json"
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8")).get("results", [])
