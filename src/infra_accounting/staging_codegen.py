"""Write the files that follow mechanically from the extract contract.

- seeds/<source>/_<source>__seeds.yml: every seed column landed as text (varchar), so a
  bad value reaches staging and its validation instead of breaking the load; documented.
- models/staging/<source>/_<source>__models.yml: the staging models' docs and tests.
- models/staging/<source>/stg_<source>__<extract>_checked.sql: the extract's checked model
  (every raw row, typed, with its exception reason; incremental by month when the contract
  names an incremental_month_column), always regenerated.
- models/staging/<source>/stg_<source>__<extract>.sql: created when missing (a staging
  model may be edited afterwards, e.g. to mask a bank account number).

`infra-close generate-staging` runs it; a pytest fails when the committed files are stale.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from infra_accounting.contract import PROJECT_ROOT, SOURCES, ExtractSpec, load_contract


class _IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: D102
        return super().increase_indent(flow, False)


def _dump(document: dict) -> str:
    header = "# Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.\n"
    return header + yaml.dump(document, Dumper=_IndentedDumper, sort_keys=False, width=110, allow_unicode=True)


def _column_description(column) -> str:
    text = column.description
    if column.enum:
        text += " One of: " + ", ".join(column.enum) + "."
    return text


def seed_properties(source: str, extracts: list[ExtractSpec]) -> dict:
    return {
        "version": 2,
        "seeds": [
            {
                "name": spec.name,
                "description": f"Raw extract {spec.qualified_name} as landed, every column text. {spec.description}",
                "config": {"column_types": {column.name: "varchar" for column in spec.columns}},
                "columns": [{"name": column.name, "description": _column_description(column)} for column in spec.columns],
            }
            for spec in extracts
        ],
    }


def _reread_months_config(spec: ExtractSpec) -> dict:
    """The config of an incremental extract's key tests: the months its checked model wrote in this run.

    The checked model validated the kept (closed) months when they were read and checks each
    re-read key against them (validated_extract), so after an incremental close the key tests
    cover the re-read months (at 100M usage rows, grouping every key of the history again is
    most of a monthly close), and after a first build or a full refresh every month:
    first_month_written_by() is read from the run's log of months written
    (macros/periods/duckdb__get_where_subquery.sql, DECISIONLOG D-007)."""
    if not spec.incremental_month_column:
        return {}
    month = spec.incremental_month_column
    first_month = f"first_month_written_by('{spec.checked_model}')"
    where = f"{month} >= {first_month} or {month} is null"
    if spec.incremental_received_column:
        # a delivery feed also re-read the rows delivered from that month on, whatever their month
        where += f" or {spec.incremental_received_column} >= {first_month}"
    return {"config": {"where": where}}


def _key_tests(spec: ExtractSpec) -> list:
    if len(spec.key) == 1:
        return []
    arguments = {"arguments": {"combination_of_columns": list(spec.key)}}
    return [{"unique_combination_of_columns": {**arguments, **_reread_months_config(spec)}}]


def staging_properties(source: str, extracts: list[ExtractSpec]) -> dict:
    models = []
    for spec in extracts:
        columns = []
        for column in spec.columns:
            entry = {"name": column.name, "description": _column_description(column)}
            if len(spec.key) == 1 and column.name == spec.key[0]:
                # present and unique in one control (tests/generic/primary_key.sql, DECISIONLOG C-013)
                entry["data_tests"] = [{"primary_key": _reread_months_config(spec)} if spec.incremental_month_column else "primary_key"]
            columns.append(entry)
        columns.append(
            {
                "name": "source_row_number",
                "description": "Row number of the line in the raw extract (header excluded), for tracing back to the file.",
            }
        )
        models.append(_checked_properties(spec))
        models.append(
            {
                "name": spec.staging_model,
                "description": (
                    f"{spec.description} Staged from the raw extract {spec.qualified_name}: typed and validated "
                    "against the extract contract; rows that break it are in stg_extract_exceptions instead. "
                    f"A view of the good rows of {spec.checked_model}."
                ),
                "data_tests": _key_tests(spec),
                "columns": columns,
            }
        )
    return {"version": 2, "models": models}


def _checked_properties(spec: ExtractSpec) -> dict:
    columns = [{"name": column.name, "description": _column_description(column)} for column in spec.columns]
    columns.append(
        {
            "name": "source_row_number",
            "description": "Row number of the line in the raw extract (header excluded), for tracing back to the file.",
        }
    )
    if spec.incremental_month_column:
        columns.append(
            {
                "name": "incremental_month",
                "description": (
                    f"Month of {spec.incremental_month_column} (0001-01-01 when it is missing or unreadable): the unit "
                    "an incremental run deletes and re-inserts."
                ),
            }
        )
    columns += [
        {
            "name": "exception_severity",
            "description": "Null when the row meets the contract; error or warn (an exact copy) when it is set aside.",
        },
        {"name": "exception_reason", "description": "Every reason the row is set aside, separated by '; '."},
        {"name": "row_key", "description": "For a row set aside: its key columns and values as landed."},
        {"name": "raw_row_json", "description": "For a row set aside: the row as landed (masked), as JSON."},
    ]
    incremental = ""
    if spec.incremental_month_column:
        rereads = (
            f"the close month and every row whose {spec.incremental_received_column} is in or after it (late records "
            "of any earlier month); the other rows are kept."
            if spec.incremental_received_column
            else "the months from the close period minus var incremental_lookback_months on; earlier months are kept."
        )
        incremental = f" Incremental by the month of {spec.incremental_month_column}: a run re-reads {rereads}"
    return {
        "name": spec.checked_model,
        "description": (
            f"One row per raw row of the extract {spec.qualified_name}, typed, with the reasons it breaks the extract "
            f"contract (null when it meets it): the one validation of the extract, read by {spec.staging_model} "
            f"(good rows) and stg_extract_exceptions (the others).{incremental}"
        ),
        "columns": columns,
    }


def validation_properties(contract: dict[str, ExtractSpec]) -> dict:
    """Docs and controls of the validation models; one exceptions control per extract.

    The controls hang off stg_extract_row_conservation, the last validation node, so a
    failing extract fails the close without skipping the marts built from its good rows.
    """
    template = yaml.safe_load((Path(__file__).parent / "validation_models.yml").read_text(encoding="utf-8"))
    conservation = next(model for model in template["models"] if model["name"] == "stg_extract_row_conservation")
    conservation["data_tests"] = conservation.get("data_tests", []) + [
        {
            "extract_has_no_exceptions": {
                "arguments": {"extract_name": spec.qualified_name},
                "config": {
                    "meta": {
                        "control_area": "data_quality",
                        "control": f"Every row of {spec.qualified_name} meets the extract contract",
                    }
                },
            }
        }
        for spec in contract.values()
    ]
    return template


def staging_sql(spec: ExtractSpec) -> str:
    description = "".join(f"-- {line}\n" for line in textwrap.wrap(spec.description, 100))
    return (
        description
        + f"-- Typed and validated against the contract of {spec.qualified_name} (macros/contracts).\n"
        f"{{{{ infra_accounting.staged_extract('{spec.source}', '{spec.name}') }}}}\n"
    )


def checked_sql(spec: ExtractSpec) -> str:
    config = ""
    if spec.incremental_month_column:
        config = "{{ infra_accounting.incremental_by_extract_month() }}\n"
    return (
        "-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.\n"
        f"-- Every raw row of {spec.qualified_name}, typed, with its exception reason (null when it meets the contract).\n"
        + config
        + f"{{{{ infra_accounting.checked_extract('{spec.source}', '{spec.name}') }}}}\n"
    )


def expected_files(root: Path = PROJECT_ROOT) -> dict[Path, str]:
    """The generated files (YAML and the checked models) and their contents."""
    contract = load_contract()
    files: dict[Path, str] = {}
    for source in SOURCES:
        extracts = [spec for spec in contract.values() if spec.source == source]
        files[root / "seeds" / source / f"_{source}__seeds.yml"] = _dump(seed_properties(source, extracts))
        files[root / "models" / "staging" / source / f"_{source}__models.yml"] = _dump(staging_properties(source, extracts))
    for spec in contract.values():
        files[root / "models" / "staging" / spec.source / f"{spec.checked_model}.sql"] = checked_sql(spec)
    files[root / "models" / "staging" / "validation" / "_validation__models.yml"] = _dump(validation_properties(contract))
    return files


def generate(root: Path = PROJECT_ROOT) -> list[Path]:
    written = []
    for path, content in expected_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    for spec in load_contract().values():
        sql_path = root / "models" / "staging" / spec.source / f"{spec.staging_model}.sql"
        if not sql_path.exists():
            sql_path.parent.mkdir(parents=True, exist_ok=True)
            sql_path.write_text(staging_sql(spec), encoding="utf-8")
            written.append(sql_path)
    return written


if __name__ == "__main__":
    for written_path in generate():
        print(f"wrote {written_path.relative_to(PROJECT_ROOT)}")
