"""The posted history: the journal lines of every closed month, kept outside the warehouse.

`infra-close close` writes the close month's fct_journal_entries to
<posted_history_dir>/journal_lines/period=<YYYY-MM>.parquet after a successful close.
The models read these files back (macro posted_journal_lines), so a closed month keeps
exactly what was posted even after a rebuild from scratch; differences found later are
booked as catch-ups in the open month (rpt_prior_period_adjustments).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT

DEFAULT_DIRECTORY = PROJECT_ROOT / "output" / "posted_history"


def history_file(directory: Path, month: str) -> Path:
    return directory / "journal_lines" / f"period={month}.parquet"


def write_close_month(database: Path, month: str, directory: Path = DEFAULT_DIRECTORY) -> Path:
    """Write the close month's journal lines; a month already in the history is never rewritten."""
    path = history_file(directory, month)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".parquet.tmp")
    with duckdb.connect(str(database), read_only=True) as connection:
        connection.execute(
            f"""
            copy (
                select journal_id, journal_line_number, subsidiary_id, period_month, posting_date, account_number,
                       debit_amount, credit_amount, currency_code, journal_type, source_area, source_document_id, memo
                from marts.fct_journal_entries
                order by journal_id, journal_line_number
            ) to '{temporary}' (format parquet)
            """
        )
    temporary.rename(path)
    return path
