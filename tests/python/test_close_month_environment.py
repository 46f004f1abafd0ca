"""The close month reaches dbt in the environment, INFRA_CLOSE_PERIOD (DECISIONLOG C-012).

A new month must not make dbt parse the whole project again, as a changed dbt var does; the
month must still reach what dbt compiles (here the months a close re-rates), and a var given on
the command line must still win."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun

MONTHS_MODEL = "int_usage_months_reopened"
FULL_PARSE = "Unable to do partial parsing"


def _compile(tmp_path: Path, close_period: str, extra: list[str] | None = None) -> tuple[str, str]:
    """`dbt compile` of one model that reads the close month: dbt's output and the compiled SQL."""
    run = DbtRun(command="compile", close_period=close_period, target_path=str(tmp_path / "target"), select=MONTHS_MODEL)
    completed = subprocess.run(
        run.argv() + ["--log-path", str(tmp_path / "logs")] + (extra or []),
        cwd=PROJECT_ROOT,
        env=run.environment(INFRA_WAREHOUSE_PATH=str(tmp_path / "warehouse.duckdb")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
    [compiled] = (tmp_path / "target" / "compiled").glob(f"**/{MONTHS_MODEL}.sql")
    return completed.stdout, compiled.read_text(encoding="utf-8")


def test_a_new_close_month_is_parsed_partially_and_reaches_the_compiled_models(tmp_path):
    assert "close_period" not in DbtRun(command="build", close_period="2026-09").variables()
    _, september = _compile(tmp_path, "2026-09")
    assert "date '2026-09-01'" in september

    output, october = _compile(tmp_path, "2026-10")
    assert FULL_PARSE not in output  # the month is read when dbt executes, not when it parses
    assert "date '2026-10-01'" in october and "date '2026-09-01'" not in october

    # a var on the command line wins over the environment (and, being a var, re-parses all)
    output, august = _compile(tmp_path, "2026-10", ["--vars", json.dumps({"close_period": "2026-08"})])
    assert FULL_PARSE in output
    assert "date '2026-08-01'" in august and "date '2026-10-01'" not in august
