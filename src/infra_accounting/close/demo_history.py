"""`infra-close post-demo-history`: post the subledgers' closed-month entries into the demo GL.

The demo generator posts only operational flows (AP, AR, cash, payroll) to
seeds/erp/gl_entries.csv. This step makes the closed months' GL agree with the subledgers by
construction: it builds the subledgers' proposed journal lines (int_journal_lines_unioned)
for every month the ERP has closed (dim_periods.is_closed, 2025-01 .. 2026-09 in the demo)
and writes them into seeds/erp/gl_entries.csv as posted journals (source = the subledger
area), after removing every line it wrote before. It is deterministic and idempotent: the
generator's own lines are kept byte for byte, the subledger lines are sorted, and running it
twice gives the same file.

A few subledger-level reconciling items are planted on purpose (PLANTED_ITEMS, documented in
docs/demo_company.md as GL-5 .. GL-7) so the subledger-to-GL reconciliation has something to
find: a lease journal that was never posted, a depreciation line posted to the wrong
accumulated-depreciation account, and a revenue journal that was never posted.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun

GL_ENTRIES = PROJECT_ROOT / "seeds" / "erp" / "gl_entries.csv"
SUBLEDGER_SOURCES = ("fixed_assets", "leases", "revenue", "gl")
GL_HEADER = ["journal_id", "line_number", "subsidiary_id", "posting_date", "account_number",
             "debit", "credit", "currency_code", "memo", "source"]


@dataclass(frozen=True)
class PlantedItem:
    """A deliberate difference between a subledger journal and what the demo GL posts."""

    item_id: str
    journal_id: str
    action: str  # "omit": the journal is not posted; "reaccount": one account is replaced
    from_account: str | None = None
    to_account: str | None = None


PLANTED_ITEMS = (
    # GL-5: the September 2026 lease entry of LS-006 (UK01, GBP) was never posted.
    PlantedItem("GL-5", "LS-MTH-LS-006-2026-09", "omit"),
    # GL-6: US01's August 2026 server depreciation credited network accumulated depreciation.
    PlantedItem("GL-6", "FA-DEP-US01-2026-08", "reaccount", from_account="1611", to_account="1621"),
    # GL-7: US01's September 2026 unbilled-revenue journal was never posted.
    PlantedItem("GL-7", "RV-UNB-US01-2026-09", "omit"),
)


def split_gl(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows the generator wrote (lines of earlier runs of this step removed)."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    source = header.index("source")
    return header, [row for row in body if row[source] not in SUBLEDGER_SOURCES]


def render_gl(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _money(value) -> str:
    return f"{value:.2f}"


def _date(value) -> str:
    """ISO date text (the extract contract), whether a date, a timestamp or text."""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)[:10]


def apply_planted_items(lines: list[dict], items=PLANTED_ITEMS) -> list[dict]:
    """Drop or re-account the planted journals' lines (a pure function of its input)."""
    omitted = {item.journal_id for item in items if item.action == "omit"}
    reaccounted = {(item.journal_id, item.from_account): item.to_account for item in items if item.action == "reaccount"}
    result = []
    for line in lines:
        if line["journal_id"] in omitted:
            continue
        key = (line["journal_id"], line["account_number"])
        if key in reaccounted:
            line = dict(line, account_number=reaccounted[key])
        result.append(line)
    return result


def subledger_rows(lines: list[dict]) -> list[list[str]]:
    """Subledger journal lines as gl_entries rows, sorted by journal and line."""
    ordered = sorted(lines, key=lambda line: (line["journal_id"], int(line["journal_line_number"])))
    return [
        [
            line["journal_id"],
            str(int(line["journal_line_number"])),
            line["subsidiary_id"],
            _date(line["posting_date"]),
            line["account_number"],
            _money(line["debit_amount"]),
            _money(line["credit_amount"]),
            line["currency_code"],
            line["memo"] or "",
            line["source_area"],
        ]
        for line in ordered
    ]


DEMO_CLOSE_PERIOD = "2026-10"


def build_closed_month_lines(work_dir: Path, close_period: str = DEMO_CLOSE_PERIOD) -> tuple[int, list[dict]]:
    """Build the subledgers into a scratch warehouse; return dbt's exit code and the lines of closed months.

    The build uses the demo's close period, so the closed months' lines are exactly what the
    close of that period recomputes for them.
    """
    warehouse = work_dir / "warehouse.duckdb"
    history = work_dir / "empty_posted_history"
    history.mkdir(parents=True, exist_ok=True)
    run = DbtRun(command="build", close_period=close_period, select="+int_journal_lines_unioned",
                 target_path=str(work_dir / "target"), posted_history_dir=str(history))
    argv = run.argv() + ["--exclude", "test_type:unit", "--log-path", str(work_dir / "logs")]
    environment = run.environment(INFRA_WAREHOUSE_PATH=str(warehouse))
    completed = subprocess.run(argv, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, check=False)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        frame = connection.execute(
            """
            select lines.journal_id, lines.journal_line_number, lines.subsidiary_id, lines.posting_date,
                   lines.account_number, lines.debit_amount, lines.credit_amount, lines.currency_code,
                   lines.memo, lines.source_area
            from intermediate.int_journal_lines_unioned as lines
            inner join marts.dim_periods as periods on lines.period_month = periods.period_month
            where periods.is_closed
            """
        ).fetch_df()
    return completed.returncode, frame.to_dict("records")


def last_closed_month() -> str:
    """The last month marked closed in the ERP's accounting periods extract."""
    path = PROJECT_ROOT / "seeds" / "erp" / "accounting_periods.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        closed = [row["period_id"] for row in csv.DictReader(handle) if row["is_closed"].strip().lower() in ("true", "1", "t", "yes")]
    return max(closed)


def post_demo_history(gl_path: Path = GL_ENTRIES, close_period: str = DEMO_CLOSE_PERIOD) -> dict:
    """Rewrite gl_path with the generator's lines plus the subledgers' closed-month journals."""
    original = gl_path.read_text(encoding="utf-8")
    header, generator_rows = split_gl(original)
    # The subledgers are built from the GL without this step's lines, so a rerun sees the same input.
    gl_path.write_text(render_gl(header, generator_rows), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="post_demo_history_") as scratch:
            exit_code, lines = build_closed_month_lines(Path(scratch), close_period)
    except Exception:
        gl_path.write_text(original, encoding="utf-8")
        raise
    posted = apply_planted_items(lines)
    complete = gl_path.with_name(gl_path.name + ".partial")
    complete.write_text(render_gl(header, generator_rows + subledger_rows(posted)), encoding="utf-8")
    os.replace(complete, gl_path)
    journals = {line["journal_id"] for line in lines}
    return {
        "dbt_exit_code": exit_code,
        "closed_through": last_closed_month(),
        "subledger_lines": len(posted),
        "planted_items": [item.item_id for item in PLANTED_ITEMS if item.journal_id in journals],
        "by_source": {source: sum(1 for line in posted if line["source_area"] == source) for source in SUBLEDGER_SOURCES},
    }


if __name__ == "__main__":
    print(json.dumps(post_demo_history(), indent=2))
