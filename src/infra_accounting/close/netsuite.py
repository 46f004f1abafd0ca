"""Write fct_journal_entries as a NetSuite journal-entry CSV import file.

One CSV row per journal line; NetSuite groups lines into a journal by External ID.
Text that a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with
an apostrophe so the file cannot carry a formula injection (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import os
from decimal import Decimal
from pathlib import Path

import duckdb

COLUMNS = (
    "External ID",
    "Subsidiary",
    "Date",
    "Currency",
    "Journal Memo",
    "Line",
    "Account",
    "Debit",
    "Credit",
    "Line Memo",
    "Source Document",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\x00")  # OWASP CSV injection; ASVS 1.2.10 adds NUL


def neutralise(value: object) -> str:
    """Text safe for a spreadsheet: formula-looking text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _money(value: Decimal | None) -> str:
    return "" if value is None or value == 0 else f"{value:.2f}"


def journal_rows(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    return connection.execute(
        """
        select journal_id, subsidiary_id, posting_date, currency_code, journal_type, journal_line_number,
               account_number, debit_amount, credit_amount, memo, source_document_id
        from marts.fct_journal_entries
        order by journal_id, journal_line_number
        """
    ).fetchall()


def export(database: Path, month: str, output_dir: Path) -> Path:
    """Write output_dir/netsuite_journal_import_<month>.csv and return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / f"netsuite_journal_import_{month}.csv"
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = journal_rows(connection)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        # RFC 4180 line ends: the csv module then quotes any value holding a CR or LF, so a
        # hostile memo cannot start a new row (whose first cell could be a formula).
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for journal_id, subsidiary, date, currency, journal_type, line, account, debit, credit, memo, document in rows:
            writer.writerow(
                (
                    neutralise(journal_id),
                    neutralise(subsidiary),
                    date.isoformat(),
                    neutralise(currency),
                    neutralise(f"{journal_type} {month}"),
                    line,
                    neutralise(account),
                    _money(debit),
                    _money(credit),
                    neutralise(memo),
                    neutralise(document),
                )
            )
    # Readers see the previous file or the whole new one, never a half-written import.
    os.replace(partial, path)
    return path
