"""Bad input reaches the revenue subledger's exception rows with a reason, and the close
stops on it instead of crashing or dropping the rows: usage with a negative quantity, usage of
an unknown customer or SKU, a contract without negotiated rates, a committed-spend contract
without its commitment, and a payment in a currency with no exchange rates."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.python.conftest import build_warehouse

REVENUE_SELECTION = (
    "+path:models/marts/revenue +path:models/marts/cash +int_revenue_journal_lines "
    "+int_revenue_exceptions path:tests/controls/revenue"
)


def _append(path, line):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@pytest.fixture(scope="module")
def bad_revenue_extracts(tmp_path_factory, project_root):
    extracts = tmp_path_factory.mktemp("bad_revenue_extracts")
    shutil.copytree(project_root / "seeds", extracts, dirs_exist_ok=True)
    _append(extracts / "metering" / "usage.csv", "990001,CUS-0004,GPU-H100-HR,DC01,2026-10-02,-5.0000,2026-10-03")
    _append(extracts / "metering" / "usage.csv", "990002,CUS-9999,GPU-H100-HR,DC01,2026-10-02,5.0000,2026-10-03")
    _append(extracts / "metering" / "usage.csv", "990003,CUS-0004,GPU-X999-HR,DC01,2026-10-02,5.0000,2026-10-03")
    # late usage of an unknown customer: consumed in August, delivered in October (reopens August)
    _append(extracts / "metering" / "usage.csv", "990005,CUS-9999,GPU-H100-HR,DC01,2026-08-14,3.0000,2026-10-05")
    _append(extracts / "erp" / "customers.csv", "CUS-9998,Norates Labs Inc.,US01,USD,US,30,startup")
    _append(extracts / "crm" / "contracts.csv",
            "CT-9998,CUS-9998,US01,on_demand,2026-10-01,,USD,,,,,,,2026-09-20,Priya Raman,,,")
    _append(extracts / "metering" / "usage.csv", "990004,CUS-9998,GPU-H100-HR,DC01,2026-10-02,5.0000,2026-10-03")
    _append(extracts / "erp" / "customers.csv", "CUS-9997,Nocommit Labs Inc.,US01,USD,US,30,startup")
    _append(extracts / "crm" / "contracts.csv",
            "CT-9997,CUS-9997,US01,committed_spend,2026-10-01,2027-09-30,USD,,annual,,,0,,2026-09-20,Priya Raman,,,")
    _append(extracts / "erp" / "payments.csv", "PMT-990001,CUS-0004,US01,2026-10-15,1000.00,XYZ,BA-US01-OPS,INV-000513")
    return extracts


@pytest.fixture(scope="module")
def bad_input_build(tmp_path_factory, bad_revenue_extracts):
    return build_warehouse(tmp_path_factory.mktemp("bad_revenue_build"), extracts_dir=bad_revenue_extracts,
                           select=REVENUE_SELECTION)


def _exceptions(build):
    return build.query(
        "select exception_type, extract_name, record_id, exception_severity, exception_reason "
        "from intermediate.int_revenue_exceptions"
    )


def test_close_stops_on_bad_revenue_input(bad_input_build):
    assert bad_input_build.exit_code != 0


def test_negative_usage_quantity_is_an_exception_with_its_reason(bad_input_build):
    rows = [row for row in _exceptions(bad_input_build) if row[1] == "metering/usage" and row[2] == "usage_id=990001"]
    assert len(rows) == 1
    assert rows[0][3] == "error" and "negative" in rows[0][4]


def test_unknown_customer_and_sku_usage_are_exceptions(bad_input_build):
    reasons = {row[2]: row[4] for row in _exceptions(bad_input_build) if row[0] == "usage_not_rated"}
    assert "CUS-9999" in reasons["990002"] and "not in the ERP customer master" in reasons["990002"]
    assert "CUS-9999" in reasons["990005"] and "not in the ERP customer master" in reasons["990005"]
    assert "GPU-X999-HR" in reasons["990003"] and "not in the SKU price list" in reasons["990003"]
    rated = bad_input_build.scalar(
        "select count(*) from marts.fct_rated_usage where usage_id in ('990001', '990002', '990003')"
    )
    assert rated == 0


def test_contract_without_rates_is_listed_and_rated_at_list_price(bad_input_build):
    rows = [row for row in _exceptions(bad_input_build) if row[0] == "contract_without_rates" and row[2] == "CT-9998"]
    assert len(rows) == 1 and rows[0][3] == "warn" and "list price" in rows[0][4]
    price = bad_input_build.scalar("select unit_price from marts.fct_rated_usage where usage_id = '990004'")
    assert str(price) == "2.49000000"


def test_committed_contract_without_commitment_is_an_error(bad_input_build):
    rows = [row for row in _exceptions(bad_input_build) if row[0] == "contract_missing_terms"]
    assert [row[2] for row in rows] == ["CT-9997"]
    assert "committed_amount" in rows[0][4]


def test_payment_in_unknown_currency_is_an_exception(bad_input_build):
    rows = [row for row in _exceptions(bad_input_build) if row[1] == "erp/payments" and row[2] == "payment_id=PMT-990001"]
    assert len(rows) == 1 and rows[0][3] == "error" and "XYZ" in rows[0][4]


def _unrated(path):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            "select usage_id, customer_id, sku, usage_date, usage_month, rating_status"
            " from intermediate.int_usage_records_unrated order by usage_id"
        ).fetchall()


def test_an_incremental_close_lists_the_same_unrated_records_as_a_full_build(
    bad_input_build, bad_revenue_extracts, tmp_path_factory
):
    """The unrated records are found from the summed groups of the months the close rates again.

    September is closed, then October incrementally into the same warehouse: the unknown
    customer's and SKU's October records and the unknown customer's August record delivered in
    October (which reopens August) must be listed exactly as by the full build of October
    (DECISIONLOG R-011).
    """
    directory = tmp_path_factory.mktemp("bad_revenue_incremental")
    build_warehouse(directory, extracts_dir=bad_revenue_extracts, select=REVENUE_SELECTION, close_period="2026-09")
    october = build_warehouse(directory, extracts_dir=bad_revenue_extracts, select=REVENUE_SELECTION)
    unrated_sql = (october.target_path / "run" / "infra_accounting" / "models" / "intermediate" / "revenue"
                  / "int_usage_records_unrated.sql").read_text().lower()
    assert "insert into" in unrated_sql and "create table" not in unrated_sql
    incremental = _unrated(october.path)
    assert {row[0]: row[5] for row in incremental} == {
        "990002": "unknown_customer",
        "990003": "unknown_sku",
        "990005": "unknown_customer",
    }
    assert incremental == _unrated(bad_input_build.path)
