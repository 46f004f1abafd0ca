"""`infra-close benchmark`: the compute floor computes what the project computes, and the result
file carries every measure. Cheap: the demo close of the session is the "build" (no extra dbt run)."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from infra_accounting.benchmark import command, extracts, floor, report, runner
from infra_accounting.cli import build_parser


@pytest.fixture(scope="module")
def seed_extracts(tmp_path_factory) -> Path:
    return extracts.seeds_as_parquet(tmp_path_factory.mktemp("seed_extracts"))


@pytest.fixture(scope="module")
def floor_run(tmp_path_factory, seed_extracts):
    database = tmp_path_factory.mktemp("floor") / "floor.duckdb"
    results = floor.run_floor(seed_extracts, database, "2026-10", memory_limit="2GB")
    return database, results


def test_floor_agrees_with_the_project_on_every_control_total(floor_run, demo_warehouse):
    database, results = floor_run
    assert demo_warehouse.exit_code == 0
    assert [result.schedule for result in results] == ["rating", "depreciation", "matching", "leases"]
    controls = floor.compare_controls(
        database, demo_warehouse.path, runner._relations(demo_warehouse.target_path), "2026-10"
    )
    assert set(controls) == set(floor.CONTROLS)
    for schedule, values in controls.items():
        for control, value in values.items():
            assert "error" not in value, (schedule, control, value)
            assert value["agrees"], (schedule, control, value)
    # the controls cover real work, not an empty set
    assert controls["rating"]["rated_rows"]["project"] > 10_000
    assert controls["depreciation"]["covered_assets"]["project"] > 1_000
    assert controls["matching"]["matched_lines"]["project"] > 100
    assert controls["leases"]["covered_leases"]["project"] > 0
    assert demo_warehouse.scalar("select count(*) from marts.fct_rated_usage") == results[0].rows["floor_rated_usage"]


def test_a_floor_that_computes_something_else_is_caught(tmp_path, seed_extracts, demo_warehouse):
    """Change one usage quantity in the floor's input: the rated-amount control must differ."""
    changed = tmp_path / "extracts"
    shutil.copytree(seed_extracts, changed)
    usage = changed / "metering" / "usage.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * replace (case when row_number() over () = 1 then cast(cast(quantity as decimal(18, 4)) + 1 as varchar)"
            f" else quantity end as quantity) from read_parquet('{seed_extracts / 'metering' / 'usage.parquet'}'))"
            f" to '{usage}.tmp' (format parquet)"
        )
    Path(f"{usage}.tmp").replace(usage)
    database = tmp_path / "floor.duckdb"
    floor.run_floor(changed, database, "2026-10", memory_limit="2GB")
    controls = floor.compare_controls(database, demo_warehouse.path, runner._relations(demo_warehouse.target_path), "2026-10")
    assert controls["rating"]["rated_rows"]["agrees"]
    assert not controls["rating"]["rated_amount"]["agrees"]
    assert controls["matching"]["matched_amount"]["agrees"]


def test_benchmark_command_writes_every_field(tmp_path, monkeypatch, demo_warehouse, project_root):
    """The whole command on the S preset, its dbt build replaced by the session's demo close."""

    threads_by_label = {}

    def demo_build(label, run, scratch, warehouse, threads, memory_limit, full_refresh=False, sample_seconds=0.2):
        threads_by_label[label] = threads
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(demo_warehouse.path, warehouse)
        shutil.copytree(demo_warehouse.target_path, run.target_path, dirs_exist_ok=True)
        target = Path(run.target_path)
        return runner.BuildResult(
            label=label,
            close_period=run.close_period,
            wall_seconds=12.5,
            exit_code=0,
            peak_rss_bytes=2**30,
            peak_tree_rss_bytes=2**30,
            warehouse=str(warehouse),
            target_path=str(target),
            log_path=str(scratch / "log"),
            nodes=runner.read_nodes(target),
            row_counts=runner.count_rows(warehouse, target),
        )

    monkeypatch.setattr(runner, "measured_build", demo_build)
    argv = ["benchmark", "--preset", "S", "--out", str(tmp_path / "results"), "--scratch-dir", str(tmp_path / "scratch")]
    arguments = build_parser().parse_args(argv)
    assert command.main(arguments, argv) == 0

    [json_path] = (tmp_path / "results").glob("S-*.json")
    result = json.loads(json_path.read_text(encoding="utf-8"))
    assert set(report.RESULT_FIELDS) <= set(result)
    assert result["machine"]["cpu_cores"] >= 1 and result["machine"]["memory_gb"] > 0
    assert len(result["machine"]["load_average_at_start"]) == 3
    # the speed probe, timed at the start and at the end, and said in the summary
    for moment in ("start", "end"):
        probe = result["machine"][f"speed_probe_at_{moment}"]
        assert probe["duckdb_seconds"] > 0 and probe["python_seconds"] > 0
    assert "speed probe (DuckDB hash-sum of 100 M integers" in json_path.with_suffix(".md").read_text(encoding="utf-8")
    build = result["build"]
    assert build["dbt_exit_code"] == 0 and build["peak_rss_bytes"] == 2**30
    assert build["node_status_counts"].get("success", 0) > 100  # models of the demo close
    assert len(result["slowest_nodes"]) == report.TOP_NODES
    seconds = [node["seconds"] for node in result["slowest_nodes"]]
    assert seconds == sorted(seconds, reverse=True)
    assert seconds[0] == max(node["seconds"] for node in build["nodes"])
    heavy = {row["model"]: row for row in result["heavy_models"]}
    assert heavy["stg_metering__usage_checked"]["rows"] == demo_warehouse.scalar(
        "select count(*) from staging.stg_metering__usage_checked"
    )
    assert heavy["fct_asset_depreciation"]["rows_per_second"] > 0
    matching = result["matching_throughput"]
    seed_lines = duckdb.sql(f"select count(*) from read_csv('{project_root / 'seeds/bank/bank_transactions.csv'}')").fetchall()[0][0]
    assert matching["bank_lines"] == result["extracts"]["row_counts"]["bank/bank_transactions"] == seed_lines
    assert matching["bank_lines_per_minute"] == round(matching["bank_lines"] * 60 / matching["model_seconds"])
    # the matching model rebuilt alone (here the stand-in build copies the demo close's times)
    assert matching["alone_model_seconds"] > 0
    assert matching["alone_bank_lines_per_minute"] == round(matching["bank_lines"] * 60 / matching["alone_model_seconds"])
    # the usage extract staged and the revenue models built alone (the stand-in copies the demo close's times)
    rating = result["rating_and_revenue_alone"]
    assert rating["dbt_exit_code"] == 0 and rating["wall_seconds"] == 12.5
    assert rating["usage_rows"] == result["extracts"]["row_counts"]["metering/usage"] > 0
    assert rating["staging_seconds"] == next(node["seconds"] for node in build["nodes"] if node["name"] == "stg_metering__usage_checked")
    assert rating["slowest_models"][0][1] == max(node["seconds"] for node in build["nodes"] if node["resource_type"] == "model")
    judged = {row["target"]: row for row in result["targets"]}
    assert judged["usage rating and revenue including staging the usage extract, alone"]["status"] == "met"  # 12.5 s < 120 s
    assert result["extracts"]["from_seeds"] == []  # S: every extract is the committed seed
    ratios = {row["schedule"]: row for row in result["floor"]["ratios"]}
    assert set(ratios) == {"rating", "depreciation", "matching", "leases"}
    for row in ratios.values():
        assert row["project_seconds"] > 0 and row["floor_seconds"] > 0
        assert row["ratio"] == round(row["project_seconds"] / row["floor_seconds"], 2)
        assert row["project_seconds_with_tests"] >= row["project_seconds"]
        # the lineage rebuilt alone: here the stand-in run carries the demo close's own times
        assert row["alone_dbt_exit_code"] == 0 and row["alone_models_run"] > 0
        assert row["alone_project_seconds"] == pytest.approx(row["project_seconds"], abs=0.01)
        assert row["alone_ratio"] == round(row["alone_project_seconds"] / row["floor_seconds"], 2)
        for reading in ("alone", "within the full build"):
            assert judged[f"project time / compute floor: {row['schedule']}, {reading}"]["status"] in ("met", "missed")
    # each lineage is rebuilt one model at a time, like the floor's queries; the build with the benchmark's threads
    assert {threads_by_label[f"lineage_alone_{schedule}"] for schedule in ratios} == {1}
    assert threads_by_label["matching_alone"] == result["settings"]["threads"] == 2
    assert result["settings"]["lineage_alone_threads"] == 1
    assert all(value["agrees"] for values in result["floor"]["controls"].values() for value in values.values())
    assert result["incremental"] is None
    summary = json_path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Compute floor" in summary and "lines per minute" in summary and "stg_metering__usage_checked" in summary
    assert not list((tmp_path / "scratch").rglob("*.duckdb"))  # warehouses removed after the run


def test_previous_month_crosses_the_year():
    assert command.previous_month("2026-10") == "2026-09"
    assert command.previous_month("2027-01") == "2026-12"


def test_machine_load_warning():
    from infra_accounting.benchmark import machine

    described = machine.describe()
    busy = dict(described, load_average_at_start=[1.7, 1.0, 0.5])
    idle = dict(described, load_average_at_start=[0.1, 0.2, 0.3])
    assert "1.7" in machine.load_warning(busy)
    assert machine.load_warning(idle) is None


def test_the_profile_settings_can_be_set_again_after_duckdb_spilled(tmp_path):
    """dbt-duckdb sets the profile's settings again on every cursor it opens (one per thread, and
    one per Python model that returns a data frame). Once DuckDB has spilled to its temporary
    directory it refuses a new temp_directory, so a benchmark whose build spilled early (more
    likely at the 6 GB limit, D-008) failed every node after it; the benchmark's profile
    therefore leaves the temporary directory at DuckDB's default, beside the warehouse."""
    warehouse = tmp_path / "warehouse.duckdb"
    profile = runner.write_profile(tmp_path / "profile", warehouse, 2, "128MB")
    settings = yaml.safe_load((profile / "profiles.yml").read_text(encoding="utf-8"))["infra_accounting"]["outputs"]["benchmark"]["settings"]
    assert settings["memory_limit"] == "128MB"
    connection = duckdb.connect(str(warehouse))
    for key, value in settings.items():
        connection.execute(f"set {key} = '{value}'")
    # a sort of about twice the memory limit: DuckDB spills it to its temporary directory
    connection.execute("create table sorted_rows as select i, hash(i) as h from range(20000000) as r(i) order by h")
    temporary_directory = connection.execute("select current_setting('temp_directory')").fetchall()[0][0]
    assert Path(temporary_directory).exists(), "the sort did not spill: the test would prove nothing"
    cursor = connection.cursor()
    for key, value in settings.items():
        cursor.execute(f"set {key} = '{value}'")
    connection.close()
