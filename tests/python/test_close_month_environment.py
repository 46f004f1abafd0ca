"""The close month reaches dbt in the environment, INFRA_CLOSE_PERIOD (DECISIONLOG C-012).

A new month must not make dbt parse the whole project again, as a changed dbt var does; the
month must still reach what dbt renders when it parses (the key tests of the re-read months),
and a var given on the command line must still win."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun

KEY_TEST = "unique_stg_metering__usage_usage_id"
FULL_PARSE = "Unable to do partial parsing"


def _parse(tmp_path: Path, close_period: str, extra: list[str] | None = None) -> str:
    run = DbtRun(command="parse", close_period=close_period, target_path=str(tmp_path / "target"))
    completed = subprocess.run(
        run.argv() + ["--log-path", str(tmp_path / "logs")] + (extra or []),
        cwd=PROJECT_ROOT,
        env=run.environment(INFRA_WAREHOUSE_PATH=str(tmp_path / "warehouse.duckdb")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
    return completed.stdout


def _key_test_where(tmp_path: Path) -> str:
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    [where] = [node["config"]["where"] for node in manifest["nodes"].values() if node["name"].startswith(KEY_TEST)]
    return where


def test_a_new_close_month_is_parsed_partially_and_reaches_the_key_tests(tmp_path):
    assert "close_period" not in DbtRun(command="build", close_period="2026-09").variables()
    _parse(tmp_path, "2026-09")
    assert "date '2026-09-01'" in _key_test_where(tmp_path)

    october = _parse(tmp_path, "2026-10")
    assert FULL_PARSE not in october  # only the files that read the month were parsed again
    assert "date '2026-10-01'" in _key_test_where(tmp_path)

    # a var on the command line wins over the environment (and, being a var, re-parses all)
    august = _parse(tmp_path, "2026-10", ["--vars", json.dumps({"close_period": "2026-08"})])
    assert FULL_PARSE in august
    assert "date '2026-08-01'" in _key_test_where(tmp_path)
