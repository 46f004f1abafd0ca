"""`infra-close close --full-refresh` rebuilds the incremental schedules from every month.

The incremental models (staging of usage and bank lines, rating sums, matching, the fixed-asset
ledger and roll-forward) recompute only the open months by default; after a code change or a
corrected closed month the close team needs the whole history recomputed (D-007, R-011).
"""

from __future__ import annotations

from infra_accounting import cli
from infra_accounting.dbt_invocation import DbtRun


def test_full_refresh_reaches_dbt():
    assert "--full-refresh" in DbtRun(command="build", close_period="2026-10", full_refresh=True).argv()


def test_default_close_is_incremental():
    assert "--full-refresh" not in DbtRun(command="build", close_period="2026-10").argv()


def test_close_command_accepts_full_refresh(monkeypatch):
    seen = {}

    def fake_run_dbt(run, quiet=False):
        seen["run"] = run
        raise ValueError("stop after building the invocation")

    monkeypatch.setattr(cli, "run_dbt", fake_run_dbt)
    assert cli.main(["close", "--month", "2026-10", "--full-refresh"]) == 2
    assert seen["run"].full_refresh is True
    assert "--full-refresh" in seen["run"].argv()
