"""Security drills: masked bank and card numbers, no personal data in marts or exports, no
secrets in the repository, the dashboard bound to localhost and reading a read-only copy.

Rules checked (sources): PCI DSS v4.0 requirement 3.4.1 (a primary account number shown
is masked to at most the BIN and the last four digits; we keep the last four only);
OWASP ASVS 5.0 V13/V14 (no secrets in source, configuration from the environment); the
GDPR data-minimisation principle (Art. 5(1)(c)): accounting marts keep the customer's
legal name and country, not a person's e-mail, phone or address.
"""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from infra_accounting.close import netsuite
from infra_accounting.dashboard.data import SnapshotReader
from infra_accounting.publish import publish_snapshot

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# 9 or more digits in a row, or card-style groups (4-4-4-x / 4-6-5) joined by space or dash.
# A digit run inside a lowercase hex token (dbt's test-name hashes) is not a number.
# An amount written out (digits, a point, the cents) is a figure, not an account number.
LONG_DIGITS = re.compile(r"(?<![0-9a-f])\d{9,}(?![0-9a-f]|\.\d)|\b\d{4}[ -]\d{4,6}[ -]\d{4,5}(?:[ -]\d{1,4})?\b")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
PERSONAL_COLUMN = re.compile(r"(email|e_mail|phone|mobile|street|address_line|postal_address|date_of_birth|ssn|tax_id_number)")


def is_luhn(digits: str) -> bool:
    """The Luhn check every payment-card number passes (ISO/IEC 7812-1 annex B)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def test_long_digit_pattern_finds_account_and_card_numbers_not_hashes():
    for text in ("acct 021000021987654321", "Card 4111 1111 1111 1111", "3782-822463-10005", "ID4111111111111111"):
        assert LONG_DIGITS.search(text), text
    for text in ("primary_key_dim_periods_period_id.361798383c", "INV-2026-000123", "2026-10-31", "****4417",
                 "other GL activity -142856695.62"):
        assert not LONG_DIGITS.search(text), text


def test_luhn_matches_published_test_card_numbers():
    # Test PANs published by the card networks / payment processors (Visa 4111 1111 1111 1111,
    # Mastercard 5555 5555 5555 4444, Amex 3782 822463 10005); one digit changed fails.
    assert is_luhn("4111111111111111") and is_luhn("5555555555554444") and is_luhn("378282246310005")
    assert not is_luhn("4111111111111112")


def mart_text_values(warehouse: Path, schemas: tuple[str, ...] = ("marts",)) -> list[tuple[str, str, str]]:
    found = []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where data_type = 'VARCHAR' and table_catalog = current_database() and table_schema in ("
            + ", ".join(f"'{schema}'" for schema in schemas) + ")"
        ).fetchall()
        for schema, table, column in columns:
            rows = connection.execute(
                f'select distinct "{column}" from "{schema}"."{table}" where "{column}" is not null'
            ).fetchall()
            found += [(f"{schema}.{table}", column, value) for (value,) in rows]
    return found


def test_no_full_bank_or_card_number_and_no_personal_data_in_any_mart(demo_warehouse):
    values = mart_text_values(demo_warehouse.path)
    assert len({relation for relation, _, _ in values}) > 10  # the marts were really scanned
    dbt_node_id = re.compile(r"^(test|model|seed|unit_test)\.infra_accounting\.")
    # a dbt invocation id is a random UUID: its last 12 characters are all digits once in about 280 closes
    invocation_uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    long_digits = [(relation, column, value) for relation, column, value in values
                   if LONG_DIGITS.search(value) and not dbt_node_id.match(value) and not invocation_uuid.match(value)]
    assert long_digits == []
    personal = [(relation, column, value) for relation, column, value in values if EMAIL.search(value) or PHONE.search(value)]
    assert personal == []


def test_bank_account_numbers_are_last_four_only(demo_warehouse):
    numbers = demo_warehouse.query("select account_number from staging.stg_bank__bank_accounts")
    assert numbers and all(re.fullmatch(r"\*{4}[0-9A-Za-z]{1,4}", number) for (number,) in numbers if number)


def test_no_personal_data_columns_in_marts(demo_warehouse):
    columns = demo_warehouse.query(
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
    )
    assert columns
    assert [(table, column) for table, column in columns if PERSONAL_COLUMN.search(column)] == []


def test_netsuite_export_has_no_long_digit_runs_or_personal_data(demo_warehouse, tmp_path):
    path = netsuite.export(demo_warehouse.path, "2026-10", tmp_path)
    with path.open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert len(cells) > 100
    assert [cell for cell in cells if LONG_DIGITS.search(cell) or EMAIL.search(cell) or PHONE.search(cell)] == []


# ---------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------
SECRET_PATTERNS = {
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private key block": re.compile(r"-----BEGIN (RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b(sk|rk)_live_[0-9A-Za-z]{16,}"),
    "credential in URL": re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:[^/\s:@'\"{}$]+@[^\s'\"]+"),
    "hard-coded secret": re.compile(
        r"(?i)\b(password|passwd|secret|api_key|apikey|access_token|auth_token|private_key)\b\s*[:=]\s*['\"][^'\"\s{}$]{6,}['\"]"
    ),
}


def tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    paths = [PROJECT_ROOT / name for name in names.decode().split("\0") if name]
    return [path for path in paths if path.is_file() and path.stat().st_size < 5_000_000]


def find_secrets(text: str) -> list[str]:
    return [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


@pytest.mark.parametrize(
    "planted",
    [
        "aws_key = 'AKIAIOSFODNN7EXAMPLE'",  # AWS's documented example key id
        "-----BEGIN RSA PRIVATE KEY-----",
        "password: 'hunter2hunter2'",
        "postgres://admin:s3cretpass@db.example.com/ledger",
        "token = 'ghp_" + "a" * 36 + "'",
    ],
)
def test_secret_scanner_catches_planted_secrets(planted):
    assert find_secrets(planted)


def test_no_secrets_in_tracked_files():
    files = tracked_text_files()
    assert len(files) > 100
    hits = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.name == "test_security.py":
            continue  # this file's planted examples
        hits += [(str(path.relative_to(PROJECT_ROOT)), name) for name in find_secrets(text)]
    assert hits == []
    assert not [path for path in files if path.name in (".env", "credentials.json") or path.suffix in (".pem", ".key", ".p12")]


def test_profiles_take_anything_secret_from_the_environment():
    profiles = yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text(encoding="utf-8"))
    sensitive = re.compile(r"(password|token|secret|key|user|host)", re.IGNORECASE)
    for profile in profiles.values():
        for target, settings in profile.get("outputs", {}).items():
            for name, value in settings.items():
                if sensitive.search(name) or (isinstance(value, str) and "://" in value):
                    assert "env_var(" in str(value), (target, name)
            assert settings["type"] == "duckdb"
            assert "env_var('INFRA_WAREHOUSE_PATH'" in settings["path"]


# ---------------------------------------------------------------------------------------
# Dashboard: localhost and read-only
# ---------------------------------------------------------------------------------------
def test_dashboard_binds_to_localhost_by_default():
    script = (PROJECT_ROOT / "scripts" / "dashboard").read_text(encoding="utf-8")
    assert re.search(r"--server\.address\s+127\.0\.0\.1", script)
    assert "0.0.0.0" not in script
    for config in PROJECT_ROOT.glob("**/.streamlit/config.toml"):
        if ".venv" in config.parts:
            continue
        text = config.read_text(encoding="utf-8")
        address = re.search(r"^\s*address\s*=\s*\"([^\"]*)\"", text, re.MULTILINE)
        assert address is None or address.group(1) in ("127.0.0.1", "localhost"), config
    browser = (PROJECT_ROOT / "src" / "infra_accounting" / "dashboard" / "browser.py").read_text(encoding="utf-8")
    assert "0.0.0.0" not in browser


def test_dashboard_reads_a_read_only_snapshot_not_the_warehouse(demo_warehouse, tmp_path):
    for source in (PROJECT_ROOT / "src" / "infra_accounting" / "dashboard").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "warehouse_path" not in text and "INFRA_WAREHOUSE_PATH" not in text, source.name
    snapshot = publish_snapshot(demo_warehouse.path, tmp_path / "snapshot.duckdb", close_period="2026-10")
    with SnapshotReader.open(snapshot) as reader:
        assert reader.rows("select count(*) from marts.fct_journal_entries")[0][0] > 0
        for statement in (
            "create table marts.pwned as select 1 as x",
            "delete from marts.fct_journal_entries",
            "update marts.fct_journal_entries set memo = 'x'",
            "drop table marts.fct_journal_entries",
        ):
            with pytest.raises(duckdb.Error, match="(?i)read.only"):
                reader.connection.execute(statement)
        assert reader.rows("select count(*) from marts.fct_journal_entries")[0][0] > 0
