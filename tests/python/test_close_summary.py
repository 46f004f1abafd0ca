"""The close summary an accountant reads after `infra-close close`: a model that fails to build
stops the close as a failed control does, and the summary says which and why."""

import json

from infra_accounting.close_summary import render_summary


def _write_run_results(target, results):
    target.mkdir(parents=True, exist_ok=True)
    (target / "run_results.json").write_text(json.dumps({"results": results}), encoding="utf-8")


def _result(unique_id, status, message=None, failures=None):
    return {"unique_id": unique_id, "status": status, "message": message, "failures": failures}


def test_a_model_that_fails_to_build_fails_the_close_and_is_named(tmp_path):
    target = tmp_path / "target"
    _write_run_results(
        target,
        [
            _result("model.infra_accounting.int_lease_schedules_discounted", "error", "Runtime Error in model\n  division by zero"),
            _result("test.infra_accounting.lease_schedule_ties.abc", "skipped"),
            _result("test.infra_accounting.primary_key_fct_revenue.def", "pass", failures=0),
            _result("model.infra_accounting.fct_revenue", "success"),
        ],
    )
    summary = render_summary("2026-10", target_path=str(target), database=tmp_path / "absent.duckdb")
    assert "Controls: 1 passed, 0 failed, 0 warnings, 1 not run (their inputs failed) (of 2)" in summary
    assert "  - model int_lease_schedules_discounted: Runtime Error in model division by zero" in summary
    assert summary.endswith("Result: CLOSE FAILED - fix what failed above and run again.")
    assert "close complete" not in summary


def test_a_failed_control_fails_the_close_and_a_clean_run_completes_it(tmp_path):
    target = tmp_path / "target"
    _write_run_results(target, [_result("test.infra_accounting.balanced_journal.x", "fail", "Got 2 results", 2)])
    failed = render_summary("2026-10", target_path=str(target), database=tmp_path / "absent.duckdb")
    assert "FAILED controls (the close stops here):" in failed
    assert failed.endswith("Result: CLOSE FAILED - fix what failed above and run again.")

    _write_run_results(target, [_result("test.infra_accounting.balanced_journal.x", "pass", failures=0)])
    clean = render_summary("2026-10", target_path=str(target), database=tmp_path / "absent.duckdb")
    assert "FAILED" not in clean
    assert clean.endswith("Result: close complete.")
