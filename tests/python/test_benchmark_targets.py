"""The benchmark judges issue #8's targets from its own measurements (targets.judge).

Hand-made results on both sides of each limit: a target is met only below (or above) its
limit, a failed build never meets the build target, marts that differ fail the incremental
target, and a measurement the run did not make is 'not measured', never 'met'."""

from infra_accounting.benchmark import targets

GB = 1024**3


def result(build_seconds=300.0, exit_code=0, peak=6 * GB, revenue=60.0, staging=50.0, per_minute=12_000_000,
           incremental=None, ratios=None, alone_per_minute=None, rating_alone_seconds=100.0, rating_alone_exit=0):
    return {
        "rating_and_revenue_alone": None if rating_alone_seconds is None else {
            "wall_seconds": rating_alone_seconds, "staging_seconds": 60.0, "dbt_exit_code": rating_alone_exit,
        },
        "build": {"wall_seconds": build_seconds, "dbt_exit_code": exit_code, "peak_rss_bytes": peak, "peak_tree_rss_bytes": peak},
        "seconds_by_area": [
            {"area": "revenue", "kind": "models", "seconds": revenue},
            {"area": "revenue", "kind": "tests", "seconds": 999.0},
            {"area": "staging/metering", "kind": "models", "seconds": staging},
        ],
        "matching_throughput": {
            "bank_lines_per_minute": per_minute,
            "alone_bank_lines_per_minute": per_minute if alone_per_minute is None else alone_per_minute,
        },
        "incremental": incremental,
        "floor": None if ratios is None else {"ratios": ratios},
    }


def statuses(rows):
    return {row["target"]: row["status"] for row in rows}


def test_every_target_met_below_its_limits():
    ratios = [{"schedule": "rating", "ratio": 2.9, "project_seconds": 29.0, "floor_seconds": 10.0,
               "alone_ratio": 2.99, "alone_project_seconds": 29.9, "alone_dbt_exit_code": 0}]
    incremental = {"incremental_seconds": 59.0, "full_rebuild_seconds": 300.0, "marts_identical": True}
    judged = statuses(targets.judge(result(incremental=incremental, ratios=ratios, rating_alone_seconds=119.9)))
    assert set(judged.values()) == {"met"}
    # rating and revenue: models alone (60) and with staging (110), both under 120 s; tests not counted
    assert judged["usage rating and revenue including validating and staging the usage extract, within the full build"] == "met"
    assert judged["usage rating and revenue including staging the usage extract, alone"] == "met"
    assert judged["project time / compute floor: rating, alone"] == "met"
    assert judged["project time / compute floor: rating, within the full build"] == "met"


def test_each_target_missed_past_its_limit():
    ratios = [{"schedule": "depreciation", "ratio": 3.01, "project_seconds": 30.1, "floor_seconds": 10.0,
               "alone_ratio": 3.01, "alone_project_seconds": 30.1, "alone_dbt_exit_code": 0}]
    incremental = {"incremental_seconds": 61.0, "full_rebuild_seconds": 300.0, "marts_identical": True}
    judged = statuses(targets.judge(result(
        build_seconds=600.0, peak=8 * GB, revenue=120.0, staging=1.0, per_minute=10_000_000,
        incremental=incremental, ratios=ratios, rating_alone_seconds=120.0,
    )))
    assert judged["full build"] == "missed"
    assert judged["peak memory of the full build"] == "missed"
    assert judged["incremental close of one more month"] == "missed"
    assert judged["usage rating and revenue (revenue models, from staged usage)"] == "missed"
    assert judged["bank matching, alone"] == "missed"
    assert judged["bank matching, within the full build"] == "missed"
    assert judged["project time / compute floor: depreciation, alone"] == "missed"
    assert judged["project time / compute floor: depreciation, within the full build"] == "missed"
    assert judged["usage rating and revenue including staging the usage extract, alone"] == "missed"


def test_staging_counts_in_the_second_rating_reading_only():
    judged = statuses(targets.judge(result(revenue=70.0, staging=60.0)))
    assert judged["usage rating and revenue (revenue models, from staged usage)"] == "met"
    assert judged["usage rating and revenue including validating and staging the usage extract, within the full build"] == "missed"


def test_the_alone_readings_are_judged_apart_and_a_failed_run_never_meets():
    ratios = [{"schedule": "matching", "ratio": 4.8, "project_seconds": 48.0, "floor_seconds": 10.0,
               "alone_ratio": 2.8, "alone_project_seconds": 28.0, "alone_dbt_exit_code": 0},
              {"schedule": "leases", "ratio": 1.0, "project_seconds": 10.0, "floor_seconds": 10.0,
               "alone_ratio": 1.0, "alone_project_seconds": 10.0, "alone_dbt_exit_code": 1}]
    judged = statuses(targets.judge(result(ratios=ratios, rating_alone_seconds=90.0, rating_alone_exit=1)))
    assert judged["project time / compute floor: matching, alone"] == "met"
    assert judged["project time / compute floor: matching, within the full build"] == "missed"
    assert judged["project time / compute floor: leases, alone"] == "missed"  # its dbt run failed
    assert judged["usage rating and revenue including staging the usage extract, alone"] == "missed"  # failed run
    judged = statuses(targets.judge(result(rating_alone_seconds=None)))
    assert judged["usage rating and revenue including staging the usage extract, alone"] == "not measured"


def test_a_failed_build_or_differing_marts_never_meet_their_target():
    incremental = {"incremental_seconds": 10.0, "full_rebuild_seconds": 300.0, "marts_identical": False}
    judged = statuses(targets.judge(result(exit_code=1, incremental=incremental)))
    assert judged["full build"] == "missed"
    assert judged["incremental close of one more month"] == "missed"


def test_what_was_not_run_is_not_measured():
    judged = statuses(targets.judge(result(incremental=None, ratios=None)))
    assert judged["incremental close of one more month"] == "not measured"
    assert judged["project time / compute floor"] == "not measured"
    assert "## Issue #8 targets" in targets.markdown(targets.judge(result()))[0]


def test_matching_is_judged_alone_and_within_the_build_separately():
    judged = statuses(targets.judge(result(per_minute=6_100_000, alone_per_minute=13_400_000)))
    assert judged["bank matching, alone"] == "met"
    assert judged["bank matching, within the full build"] == "missed"
    # a run that did not rebuild the matching model alone (its full build failed) has nothing to judge there
    judged = statuses(targets.judge(result(per_minute=12_000_000, alone_per_minute=0)))
    assert judged["bank matching, alone"] == "not measured"


def test_the_schedules_together_are_their_seconds_summed_and_never_hide_a_missed_schedule():
    # hand-computed: alone (30 + 9) / (20 + 1) = 1.857x; within the build (50 + 20) / 21 = 3.333x
    ratios = [{"schedule": "rating", "ratio": 2.5, "project_seconds": 50.0, "floor_seconds": 20.0,
               "alone_ratio": 1.5, "alone_project_seconds": 30.0, "alone_dbt_exit_code": 0},
              {"schedule": "leases", "ratio": 20.0, "project_seconds": 20.0, "floor_seconds": 1.0,
               "alone_ratio": 9.0, "alone_project_seconds": 9.0, "alone_dbt_exit_code": 0}]
    rows = {row["target"]: row for row in targets.judge(result(ratios=ratios))}
    alone = rows["project time / compute floor: the schedules together (rating, leases), alone"]
    within = rows["project time / compute floor: the schedules together (rating, leases), within the full build"]
    assert (alone["measured"], alone["status"]) == ("1.86x (39.0 s / 21.0 s)", "met")
    assert (within["measured"], within["status"]) == ("3.33x (70.0 s / 21.0 s)", "missed")
    assert rows["project time / compute floor: leases, alone"]["status"] == "missed"


def test_the_schedules_together_need_every_schedule_measured_and_every_alone_run_passed():
    ratios = [{"schedule": "rating", "ratio": 1.0, "project_seconds": 10.0, "floor_seconds": 10.0,
               "alone_ratio": 1.0, "alone_project_seconds": 10.0, "alone_dbt_exit_code": 1},
              {"schedule": "leases", "ratio": 1.0, "project_seconds": 1.0, "floor_seconds": 1.0}]
    judged = statuses(targets.judge(result(ratios=ratios)))
    assert judged["project time / compute floor: the schedules together (rating, leases), alone"] == "not measured"
    ratios[1].update(alone_ratio=1.0, alone_project_seconds=1.0, alone_dbt_exit_code=0)
    judged = statuses(targets.judge(result(ratios=ratios)))
    assert judged["project time / compute floor: the schedules together (rating, leases), alone"] == "missed"  # rating's run failed
    assert judged["project time / compute floor: the schedules together (rating, leases), within the full build"] == "met"
    assert not any("together" in target for target in statuses(targets.judge(result(ratios=ratios[:1]))))
