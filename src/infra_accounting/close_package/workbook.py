"""The close package workbook: one formatted sheet per report of the month.

Sheets: every roll-forward, reconciliation, flux report, disclosure, aging and maturity
analysis, the trial balance, the journal entries and the controls that exist in the
snapshot, filtered to the month (relations without a month column are as-of reports and go
in whole). Row 1 is the header (frozen); data rows follow grouped by currency, and each
currency block ends with a total row whose amounts are `=SUM(...)` formulas over the block,
so the totals tie to the mart in Excel. Amounts carry an accounting number format (thousands
separators, negatives in parentheses). Text that Excel would read as a formula (starting
with = + - @, tab or carriage return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from infra_accounting.dashboard.data import SnapshotReader, month_column, quote
from infra_accounting.dashboard.formatting import (
    EXCEL_ACCOUNTING_FORMAT,
    EXCEL_QUANTITY_FORMAT,
    EXCEL_RATE_FORMAT,
    is_amount_column,
    is_quantity_column,
)

# Report families that go into the package, in this order (name patterns over marts.*).
REPORT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("roll-forward", r"^rpt_.*rollforward$"),
    ("reconciliation", r"^rpt_.*(reconciliation|reconciling_items|three_way_summary|unapplied_cash)$"),
    ("flux", r"^rpt_flux.*$"),
    ("disclosure", r"^rpt_.*(disclosure|maturity_analysis|weighted_averages|remaining_performance_obligations|waterfall)$"),
    ("aging", r"^rpt_.*aging$"),
    ("trial balance", r"^rpt_.*trial_balance$"),
    ("journal entries", r"^fct_journal_entries$"),
    ("controls", r"^rpt_close_controls$"),
    ("other report", r"^rpt_.*$"),
)
# Reports the package expects; those not in the snapshot are listed on the contents sheet.
EXPECTED_REPORTS = (
    "rpt_fixed_asset_rollforward",
    "rpt_cip_rollforward",
    "rpt_cip_aging",
    "rpt_lease_liability_rollforward",
    "rpt_rou_rollforward",
    "rpt_lease_maturity_analysis",
    "rpt_lease_cost_disclosure",
    "rpt_deferred_revenue_rollforward",
    "rpt_ar_aging",
    "rpt_subledger_to_gl_reconciliation",
    "rpt_flux_analysis",
    "rpt_trial_balance",
    "fct_journal_entries",
    "rpt_close_controls",
)
SKIPPED_COLUMN_SUFFIXES = ("_json",)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 250_000
EXCEL_TEXT_LIMIT = 32_767
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TOTAL_FONT = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass
class SheetResult:
    relation: str
    sheet_name: str
    family: str
    data_rows: int
    total_rows: list[int]


def neutralise(text: str) -> str:
    """Text Excel would evaluate as a formula gets a leading apostrophe (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def package_relations(reader: SnapshotReader) -> list[tuple[str, str]]:
    """(relation, family) for every report in the snapshot that belongs in the package."""
    found = []
    names = sorted(relation.split(".", 1)[1] for relation in reader.relations("marts"))
    for family, pattern in REPORT_PATTERNS:
        for name in names:
            if re.match(pattern, name) and f"marts.{name}" not in [relation for relation, _ in found]:
                found.append((f"marts.{name}", family))
    return found


def sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"^(rpt|fct)_", "", name)[:31]
    title = base
    counter = 2
    while title.lower() in used:
        suffix = f"_{counter}"
        title = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(title.lower())
    return title


def _cell_value(value: object) -> object:
    if value is None or isinstance(value, (int, float, Decimal, date, datetime, bool)):
        return value
    if isinstance(value, (list, dict)):
        value = json.dumps(value, default=str)
    # Control characters (other than tab, newline, CR) cannot be stored in a worksheet: a
    # hostile extract value carrying one would stop the package, so it is shown as U+FFFD.
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)[:EXCEL_TEXT_LIMIT])
    return neutralise(text)


def _number_format(column: str, value_type: str) -> str | None:
    if is_amount_column(column) or value_type.startswith("DECIMAL(18,2)"):
        return EXCEL_ACCOUNTING_FORMAT
    if is_quantity_column(column):
        return EXCEL_QUANTITY_FORMAT
    if column.endswith("_rate") or value_type.startswith("DECIMAL(18,8)"):
        return EXCEL_RATE_FORMAT
    if value_type == "DATE":
        return "yyyy-mm-dd"
    if value_type.startswith("TIMESTAMP"):
        return "yyyy-mm-dd hh:mm"
    return None


def _is_summable(column: str, value_type: str) -> bool:
    return value_type.startswith("DECIMAL") and (is_amount_column(column) or is_quantity_column(column)) or (
        is_amount_column(column) and value_type in {"DOUBLE", "HUGEINT", "BIGINT", "INTEGER"}
    )


def _query(reader: SnapshotReader, relation: str, month: date) -> tuple[list[str], list[str], list[tuple]]:
    described = reader.rows(f"describe {relation}")
    columns = [(row[0], str(row[1])) for row in described if not row[0].endswith(SKIPPED_COLUMN_SUFFIXES)]
    names = [name for name, _ in columns]
    month_name = month_column(names)
    where = f" where {quote(month_name)} = ?" if month_name else ""
    order = [column for column in ("currency_code", "subsidiary_id") if column in names]
    order += [column for column in names if column not in order][:4]
    sql = (
        f"select {', '.join(quote(name) for name in names)} from {relation}{where}"
        f" order by {', '.join(quote(name) for name in order)} limit {MAX_ROWS}"
    )
    rows = reader.rows(sql, [month] if month_name else [])
    return names, [value_type for _, value_type in columns], rows


def write_sheet(workbook: Workbook, reader: SnapshotReader, relation: str, family: str, month: date, used: set[str]) -> SheetResult:
    names, types, rows = _query(reader, relation, month)
    title = sheet_title(relation.split(".", 1)[1], used)
    sheet = workbook.create_sheet(title)
    for index, name in enumerate(names, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    formats = [_number_format(name, value_type) for name, value_type in zip(names, types)]
    summable = [index for index, (name, value_type) in enumerate(zip(names, types)) if _is_summable(name, value_type)]
    currency_index = names.index("currency_code") if "currency_code" in names else None
    label_index = 0 if currency_index is None or currency_index != 0 else 1

    row_number = 1
    total_rows: list[int] = []
    block_start = 2
    block_currency = rows[0][currency_index] if rows and currency_index is not None else None

    def close_block(currency: object, start: int, end: int) -> None:
        nonlocal row_number
        if not summable or end < start:
            return
        row_number += 1
        label = "Total" + (f" {currency}" if currency is not None else "")
        sheet.cell(row=row_number, column=label_index + 1, value=label).font = TOTAL_FONT
        if currency_index is not None:
            sheet.cell(row=row_number, column=currency_index + 1, value=_cell_value(currency)).font = TOTAL_FONT
        for index in summable:
            letter = get_column_letter(index + 1)
            cell = sheet.cell(row=row_number, column=index + 1, value=f"=SUM({letter}{start}:{letter}{end})")
            cell.font = TOTAL_FONT
            cell.number_format = formats[index] or EXCEL_ACCOUNTING_FORMAT
        for index in range(len(names)):
            sheet.cell(row=row_number, column=index + 1).fill = TOTAL_FILL
        total_rows.append(row_number)

    for values in rows:
        currency = values[currency_index] if currency_index is not None else None
        if currency_index is not None and currency != block_currency:
            close_block(block_currency, block_start, row_number)
            block_currency = currency
            block_start = row_number + 1
        row_number += 1
        for index, value in enumerate(values):
            cell = sheet.cell(row=row_number, column=index + 1, value=_cell_value(value))
            if formats[index] and value is not None:
                cell.number_format = formats[index]
    if rows:
        close_block(block_currency, block_start, row_number)
    else:
        sheet.cell(row=2, column=1, value=f"No rows for {month:%Y-%m}.")

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(names), 1))}{max(row_number, 1)}"
    for index, name in enumerate(names, start=1):
        width = 16 if formats[index - 1] in (EXCEL_ACCOUNTING_FORMAT, EXCEL_QUANTITY_FORMAT) else min(max(len(name), 10), 40)
        sheet.column_dimensions[get_column_letter(index)].width = max(width, min(len(name) + 2, 28))
    return SheetResult(relation, title, family, len(rows), total_rows)


def close_month_of(reader: SnapshotReader) -> date | None:
    if reader.has("marts.dim_periods"):
        found = reader.rows("select period_month from marts.dim_periods where is_close_period")
        if found:
            return found[0][0]
    return None


def build_workbook(reader: SnapshotReader, month: date, output: Path) -> tuple[Path, list[SheetResult]]:
    """Write the close package workbook for `month` (first day) from the snapshot."""
    workbook = Workbook()
    contents = workbook.active
    contents.title = "Contents"
    used = {"contents"}
    results = [write_sheet(workbook, reader, relation, family, month, used) for relation, family in package_relations(reader)]

    published = reader.rows("select published_at, close_period from published.snapshot_info") if reader.has("published.snapshot_info") else []
    contents["A1"] = f"Close package {month:%Y-%m}"
    contents["A1"].font = Font(bold=True, size=14)
    contents["A2"] = f"From the published snapshot of {published[0][0]:%Y-%m-%d %H:%M} UTC" if published else "From the published snapshot"
    contents["A3"] = "Amounts in each entity's functional currency (currency_code); totals are per currency and are formulas over the rows above them."
    header = ("sheet", "report", "kind", "rows for the month")
    for index, value in enumerate(header, start=1):
        cell = contents.cell(row=5, column=index, value=value)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    row = 5
    for result in results:
        row += 1
        contents.cell(row=row, column=1, value=result.sheet_name).hyperlink = f"#'{result.sheet_name}'!A1"
        contents.cell(row=row, column=2, value=result.relation)
        contents.cell(row=row, column=3, value=result.family)
        contents.cell(row=row, column=4, value=result.data_rows).number_format = "#,##0"
    present = {result.relation.split(".", 1)[1] for result in results}
    not_built = [name for name in EXPECTED_REPORTS if name not in present]
    if not_built:
        row += 2
        contents.cell(row=row, column=1, value="Not built yet (not in the snapshot):").font = TOTAL_FONT
        for name in not_built:
            row += 1
            contents.cell(row=row, column=1, value=name)
    contents.freeze_panes = "A6"
    for letter, width in zip("ABCD", (34, 44, 18, 18)):
        contents.column_dimensions[letter].width = width

    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.tmp")
    workbook.save(temporary)
    temporary.replace(output)
    return output, results
