"""The close at a million times the demo's amounts: no decimal overflow (DECISIONLOG D-003).

DuckDB multiplies two decimals of width 18 in 64 bits, with the scales added: a money amount
decimal(18, 2) times a rate decimal(18, 8) is a decimal(18, 10), which overflows past 10^8,
and a quantity decimal(18, 4) times a price decimal(18, 8) past 10^6. A 150-million capex
line translated at an FX rate, or one usage record worth a million, stopped the close with
"Overflow in multiplication of DECIMAL(18)". Every product of money now widens one operand
to width 38 at its own scale first.

The demo's extracts with every money and quantity column of the contract multiplied by
1,000,000 (prices, rates and percentages unchanged) reach amounts of 10^14: every model of
the close must build. Some reconciliations then differ by construction: an invoice line's
amount is the demo's, rounded to the cent, times a million, where rating rounds the scaled
quantity times the price. So the controls are not asserted here; the demo's own tests
check them."""

import json

import duckdb
import pytest

from infra_accounting.contract import PROJECT_ROOT, load_contract
from tests.python.conftest import build_warehouse

SCALE = 1_000_000
SCALED_TYPES = {"money": 2, "quantity": 4}


def _scaled_extracts(directory):
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            source = PROJECT_ROOT / "seeds" / spec.source / f"{spec.name}.csv"
            if not source.exists():
                continue
            (directory / spec.source).mkdir(parents=True, exist_ok=True)
            header = connection.execute(f"select * from read_csv('{source}', all_varchar = true, header = true) limit 0").description
            types = {column.name: column.type for column in spec.columns}
            selected = []
            for name in (column[0] for column in header):
                scale = SCALED_TYPES.get(types.get(name))
                if scale is None:
                    selected.append(f'"{name}"')
                else:
                    # unparseable values stay as they are (staging sets them aside, as in the demo)
                    selected.append(
                        f'coalesce(cast(try_cast("{name}" as decimal(38, {scale})) * {SCALE} as varchar), "{name}") as "{name}"'
                    )
            target = directory / spec.source / f"{spec.name}.csv"
            connection.execute(
                f"copy (select {', '.join(selected)} from read_csv('{source}', all_varchar = true, header = true))"
                f" to '{target}' (header, delimiter ',')"
            )
    return directory


@pytest.fixture(scope="module")
def scaled_close(tmp_path_factory):
    root = tmp_path_factory.mktemp("decimal_scale")
    return build_warehouse(root / "warehouse", extracts_dir=_scaled_extracts(root / "extracts"))


def test_every_model_builds_at_a_million_times_the_demo_amounts(scaled_close):
    results = json.loads((scaled_close.target_path / "run_results.json").read_text(encoding="utf-8"))["results"]
    errors = [(result["unique_id"], (result.get("message") or "")[:200]) for result in results if result["status"] == "error"]
    assert not errors, f"nodes stopped by an error (decimal overflow?): {errors}"
    models = [result for result in results if result["unique_id"].startswith("model.")]
    assert len(models) > 150 and all(result["status"] == "success" for result in models)


def test_the_scaled_amounts_reach_the_marts(scaled_close):
    # the largest single amounts are far past the 10^8 at which money x rate used to overflow
    largest_capex = scaled_close.scalar("select max(abs(amount)) from staging.stg_erp__capex_lines")
    assert largest_capex > 10**8
    largest_rated_record = scaled_close.scalar("select max(rated_amount) from marts.fct_rated_usage")
    assert largest_rated_record > 10**6
    assert scaled_close.scalar("select count(*) from marts.fct_journal_entries") > 0
