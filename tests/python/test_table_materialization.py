"""The project's table and view materializations (macros/close/, DECISIONLOG C-016): a model is
replaced in place in its transaction, so a model whose query fails leaves the last good table;
a relation of the other kind is replaced; an enforced contract is checked and its types kept.

Run on a one-folder dbt project that holds the two macro files as they are in the repository,
so dbt parses four models, not the close."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from tests.python.one_folder_project import launch_dbt, write_one_folder_project

MATERIALIZATIONS = ("table_materialization.sql", "view_materialization.sql")

PROBE = "select cast('{{ var(\"probe_value\", \"1\") }}' as integer) as amount_cents"
SWITCHING = "{{ config(materialized=var('switching_as', 'table')) }}\nselect 7 as amount_cents"
CONTRACTED = "select {{ var('contracted_value', '42') }} as amount_cents"
SCHEMA = """version: 2
models:
  - name: contracted
    config:
      contract: {enforced: true}
    columns:
      - name: amount_cents
        data_type: integer
"""


def _project(tmp_path: Path) -> Path:
    project = write_one_folder_project(tmp_path / "project", "infra_accounting", tmp_path / "probe.duckdb")
    (project / "macros").mkdir()
    for name in MATERIALIZATIONS:
        shutil.copyfile(PROJECT_ROOT / "macros" / "close" / name, project / "macros" / name)
    (project / "models" / "probe.sql").write_text(PROBE, encoding="utf-8")
    (project / "models" / "switching.sql").write_text(SWITCHING, encoding="utf-8")
    (project / "models" / "contracted.sql").write_text(CONTRACTED, encoding="utf-8")
    (project / "models" / "schema.yml").write_text(SCHEMA, encoding="utf-8")
    return project


def _run(project: Path, select: str, variables: dict | None = None) -> subprocess.CompletedProcess:
    return launch_dbt(project, "run", "--select", select, "--vars", json.dumps(variables or {}))


def _query(tmp_path: Path, sql: str):
    with duckdb.connect(str(tmp_path / "probe.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_a_failed_model_leaves_the_last_good_table_and_a_relation_of_the_other_kind_is_replaced(tmp_path):
    project = _project(tmp_path)
    assert _run(project, "probe", {"probe_value": "1"}).returncode == 0
    assert _run(project, "probe", {"probe_value": "2"}).returncode == 0
    assert _query(tmp_path, "select amount_cents from main.probe") == [(2,)]

    failed = _run(project, "probe", {"probe_value": "not a number"})
    assert failed.returncode == 1
    assert "Could not convert string 'not a number'" in failed.stdout
    assert _query(tmp_path, "select amount_cents from main.probe") == [(2,)]

    for kind in ("view", "table", "view"):
        completed = _run(project, "switching", {"switching_as": kind})
        assert completed.returncode == 0, completed.stdout[-2000:]
        assert _query(tmp_path, "select table_type from information_schema.tables where table_name = 'switching'") == [
            ("VIEW" if kind == "view" else "BASE TABLE",)
        ]
        assert _query(tmp_path, "select amount_cents from main.switching") == [(7,)]
    # no relation of dbt's swap is left behind
    assert _query(tmp_path, "select count(*) from information_schema.tables where table_name like '%__dbt_%'") == [(0,)]


def test_an_enforced_contract_is_checked_and_its_types_kept(tmp_path):
    project = _project(tmp_path)
    completed = _run(project, "contracted", {"contracted_value": "42"})
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert _query(tmp_path, "select data_type from information_schema.columns where table_name = 'contracted'") == [("INTEGER",)]
    assert _query(tmp_path, "select amount_cents from main.contracted") == [(42,)]

    mismatched = _run(project, "contracted", {"contracted_value": "'forty-two'"})
    assert mismatched.returncode == 1
    assert "enforced contract that failed" in mismatched.stdout
    assert _query(tmp_path, "select amount_cents from main.contracted") == [(42,)]
