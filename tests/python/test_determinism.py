"""Determinism: the same inputs give the same marts, whatever the order of the extract rows.

Side A is the session's demo close (built from the seeds, in file order). Side B is a second,
independent build of the same demo from extract files whose rows are shuffled and whose
columns are reversed. Every mart must have the same checksum on both sides (md5 of its rows
rendered as text and sorted, so the checksum does not depend on the order rows are stored
in, but any difference of one cent, one date or one row changes it). Equal checksums prove
both promises at once: a rebuild reproduces the close, and no figure depends on row order
(no "first row wins", no unordered window, no order-dependent rounding residual).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from infra_accounting.contract import load_contract
from infra_accounting.reliability.fault_drill import warehouse_checksums
from tests.python.conftest import build_warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write_shuffled_extracts(directory: Path, seed: int) -> int:
    """Every extract of the contract with its rows shuffled and its columns reversed."""
    rng = random.Random(seed)
    moved = 0
    for spec in load_contract().values():
        with (SEEDS / spec.source / f"{spec.name}.csv").open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or spec.column_names)
            rows = list(reader)
        shuffled = rows[:]
        rng.shuffle(shuffled)
        moved += sum(1 for before, after in zip(rows, shuffled) if before is not after)
        target = directory / spec.source / f"{spec.name}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(reversed(header)))
            writer.writeheader()
            writer.writerows(shuffled)
    return moved


@pytest.fixture(scope="module")
def shuffled_build(tmp_path_factory):
    extracts = tmp_path_factory.mktemp("shuffled_extracts")
    moved = write_shuffled_extracts(extracts, seed=20261031)
    assert moved > 1000  # the order really changed
    return build_warehouse(tmp_path_factory.mktemp("shuffled_build"), extracts_dir=extracts)


# rpt_close_controls is the record of one dbt run (its invocation id and start time, the
# failing rows as evidence in the order the test returned them, and the dbt unit tests, which
# run only in seed builds): it is compared on what the controls concluded instead.
RUN_RECORD_MARTS = ("rpt_close_controls",)
CONTROL_OUTCOMES = (
    "select control_id, status, exception_count from marts.rpt_close_controls"
    " where control_id like 'test.%' order by control_id"
)


def test_shuffled_extracts_stage_the_same_rows(demo_warehouse, shuffled_build):
    """Precondition and first property: both sides staged the same rows of every extract.

    (A failure here means the inputs differed - e.g. a seed rewritten by another process
    during the session - or staging depends on row or column order.)"""
    differing = []
    for spec in load_contract().values():
        columns = ", ".join(spec.column_names)
        sql = f"select {columns} from staging.{spec.staging_model} order by all"
        if demo_warehouse.query(sql) != shuffled_build.query(sql):
            differing.append(spec.qualified_name)
    assert differing == []


def test_same_inputs_in_any_row_order_give_identical_marts(demo_warehouse, shuffled_build):
    assert demo_warehouse.exit_code == 0
    assert shuffled_build.exit_code == 0
    ordered = warehouse_checksums(demo_warehouse.path)
    shuffled = warehouse_checksums(shuffled_build.path)
    assert len(ordered) >= 20  # every mart of the close is compared
    assert sorted(ordered) == sorted(shuffled)
    differing = sorted(name for name in ordered if ordered[name] != shuffled[name] and name not in RUN_RECORD_MARTS)
    assert differing == []


def test_every_control_concludes_the_same(demo_warehouse, shuffled_build):
    """Every data test run on both sides concludes the same (status and exception count).

    (Compared on the controls both builds ran: in a working tree where someone adds a test
    between the two builds the sets differ by that test, which says nothing about order.)"""
    ordered = {row[0]: row[1:] for row in demo_warehouse.query(CONTROL_OUTCOMES)}
    shuffled = {row[0]: row[1:] for row in shuffled_build.query(CONTROL_OUTCOMES)}
    common = sorted(set(ordered) & set(shuffled))
    assert len(common) > 100 and len(common) >= 0.95 * max(len(ordered), len(shuffled))
    assert [(control, ordered[control], shuffled[control]) for control in common if ordered[control] != shuffled[control]] == []


def test_the_journal_is_identical_line_by_line(demo_warehouse, shuffled_build):
    """The journal ids and line numbers themselves (not only the set of rows) are stable."""
    sql = (
        "select journal_id, journal_line_number, account_number, debit_amount, credit_amount, memo"
        " from marts.fct_journal_entries order by journal_id, journal_line_number"
    )
    assert demo_warehouse.query(sql) == shuffled_build.query(sql)
