"""Bad asset events (issue #3): a disposal dated before the asset was placed in service, a
partial disposal of more than the remaining cost and a transfer to an entity that does not
exist each get an exception row with its reason in int_fixed_asset_event_exceptions - the
build does not crash and none of them reaches the ledger."""

from __future__ import annotations

import shutil

import pytest

from tests.python.conftest import build_warehouse

SELECTION = "+int_fixed_asset_event_exceptions +int_asset_ledger_entries"
BAD_EVENTS = [
    "AE-9901,FA-0000001,disposal,2020-01-15,,0.00,,,",
    "AE-9902,FA-0000002,partial_disposal,2026-10-05,99999999.00,0.00,,,",
    "AE-9903,FA-0000003,transfer,2026-10-01,,,ZZ99,DC01,",
]


@pytest.fixture(scope="module")
def bad_events_build(tmp_path_factory, project_root):
    extracts = tmp_path_factory.mktemp("bad_asset_event_extracts")
    shutil.copytree(project_root / "seeds", extracts, dirs_exist_ok=True)
    with (extracts / "erp" / "asset_events.csv").open("a", encoding="utf-8") as handle:
        for line in BAD_EVENTS:
            handle.write(line + "\n")
    return build_warehouse(tmp_path_factory.mktemp("bad_asset_event_build"), extracts_dir=extracts, select=SELECTION)


def _reasons(build):
    rows = build.query(
        "select event_id, exception_source, exception_reason from intermediate.int_fixed_asset_event_exceptions "
        "where event_id like '%AE-99%'"
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def test_disposal_before_in_service_is_an_exception(bad_events_build):
    source, reason = next(value for key, value in _reasons(bad_events_build).items() if "AE-9901" in key)
    assert source == "fixed_asset_rules" and "before the asset was placed in service" in reason


def test_partial_disposal_of_more_than_the_remaining_cost_is_an_exception(bad_events_build):
    source, reason = next(value for key, value in _reasons(bad_events_build).items() if "AE-9902" in key)
    assert source == "fixed_asset_rules" and "more than the remaining cost" in reason


def test_transfer_to_an_unknown_entity_is_an_exception(bad_events_build):
    source, reason = next(value for key, value in _reasons(bad_events_build).items() if "AE-9903" in key)
    assert source == "extract_contract" and "ZZ99" in reason


def test_bad_events_do_not_reach_the_ledger(bad_events_build):
    booked = bad_events_build.scalar(
        "select count(*) from intermediate.int_asset_ledger_entries where event_id in ('AE-9901', 'AE-9902', 'AE-9903')"
    )
    assert booked == 0
