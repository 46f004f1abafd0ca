"""The close's dbt writes manifest.json once, when a build ends, not also after loading the
project (DECISIONLOG C-019); the commands that do not write it at the end still write it.

Run on a one-model dbt project through the close's launcher. The model records, while the
build runs, whether target/manifest.json exists (DuckDB's glob), so the test sees the load's
write, or its absence, and then the manifest the build leaves."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from infra_accounting import dbt_manifest_written_once
from tests.python.one_folder_project import launch_dbt, write_one_folder_project


def _project(tmp_path: Path) -> Path:
    project = write_one_folder_project(tmp_path / "project", "manifest_probe", tmp_path / "probe.duckdb")
    # the model counts the manifests present in the target directory while it runs
    manifest = (project / "target" / "manifest.json").as_posix()
    (project / "models" / "manifest_seen.sql").write_text(
        f"select count(*) as manifest_files from glob('{manifest}')", encoding="utf-8"
    )
    return project


def test_a_build_writes_the_manifest_when_it_ends_not_before_its_nodes_run(tmp_path):
    project = _project(tmp_path)
    completed = launch_dbt(project, "build")
    assert completed.returncode == 0, completed.stdout[-2000:]
    with duckdb.connect(str(tmp_path / "probe.duckdb"), read_only=True) as connection:
        assert connection.execute("select manifest_files from main.manifest_seen").fetchall() == [(0,)]
    manifest = json.loads((project / "target" / "manifest.json").read_text(encoding="utf-8"))
    assert "model.manifest_probe.manifest_seen" in manifest["nodes"]
    assert (project / "target" / "run_results.json").exists()
    assert (project / "target" / "partial_parse.msgpack").exists()


def test_parse_still_writes_the_manifest(tmp_path):
    project = _project(tmp_path)
    completed = launch_dbt(project, "parse")
    assert completed.returncode == 0, completed.stdout[-2000:]
    manifest = json.loads((project / "target" / "manifest.json").read_text(encoding="utf-8"))
    assert "model.manifest_probe.manifest_seen" in manifest["nodes"]


@pytest.mark.parametrize(
    ("command", "written_at_load"),
    [("build", False), ("run", False), ("test", False), ("seed", False), ("snapshot", False),
     ("parse", True), ("compile", True), ("list", True), ("generate", True), ("show", True)],
)
def test_only_the_commands_that_write_it_at_the_end_skip_the_write_at_load(monkeypatch, command, written_at_load):
    calls = []
    monkeypatch.setattr(dbt_manifest_written_once, "_dbt_parse_manifest", lambda *arguments: calls.append(arguments))
    config = SimpleNamespace(args=SimpleNamespace(which=command))
    dbt_manifest_written_once.parse_manifest_written_at_end(config, False, True, True, [])
    assert calls == [(config, False, written_at_load, True, [])]
