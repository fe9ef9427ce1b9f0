"""The table: verdicts against the target, the growth ratio, and merging the runs of a day."""

from __future__ import annotations

import os

import pytest

from bench import env, report


def result(size: str, people: int, p95: float) -> dict:
    rows = [
        {"actor": "superuser", "kind": "first page", "count": 40, "p50_ms": 1.0,
         "p95_ms": p95, "max_ms": p95, "misses": 0, "visible": people},
        {"actor": "both", "kind": "overall", "count": 40, "p50_ms": 1.0,
         "p95_ms": p95, "max_ms": p95, "misses": 0},
    ]  # fmt: skip
    work = {"title": "directory", "target": "p95 < 300 ms", "target_ms": 300.0, "seconds": 1,
            "rows": rows}  # fmt: skip
    return {"size": size, "people": people, "enterprises": people // 100, "database": "sqlite",
            "engine_version": "SQLite 3", "generation": {"generated": "now"},
            "workloads": {"P6": work}}  # fmt: skip


def test_it_passes_below_the_target_and_fails_at_it():
    assert report.failures([result("city", 200_000, 299.9)]) == []
    assert report.failures([result("province", 2_000_000, 300.0)]) == ["P6 sqlite/province"]


def test_a_later_run_of_the_day_adds_its_size_and_the_table_shows_the_growth(tmp_path):
    path = tmp_path / "2026-01-01-host.md"
    report.merge(path, [result("city", 200_000, 20.0)])
    merged = report.merge(path, [result("province", 2_000_000, 50.0)])
    text = report.render(merged, report.machine())
    assert set(merged) == {"sqlite/city", "sqlite/province"}
    assert "growth city → province (data ×10)" in text
    assert "| superuser | first page | 20.0 | 50.0 | ×2.50 |" in text
    assert "**pass**" in text


def test_a_run_of_one_workload_keeps_the_sizes_other_workloads_with_their_own_load(tmp_path):
    path = tmp_path / "2026-01-01-host.md"
    first = {**result("city", 200_000, 20.0), "load_before": 0.4}
    report.merge(path, [first])
    later = {**result("city", 200_000, 30.0), "load_before": 2.5}
    later["workloads"] = {"P1": later["workloads"].pop("P6")}
    merged = report.merge(path, [later])
    assert set(merged["sqlite/city"]["workloads"]) == {"P1", "P6"}
    text = report.render(merged, report.machine())
    assert "### P6 · sqlite · city" in text and "### P1 · sqlite · city" in text
    p6 = text.split("### P6 · sqlite · city")[1].split("###")[0]
    p1 = text.split("### P1 · sqlite · city")[1].split("###")[0]
    assert "load average 0.4 before" in p6 and "| 20.0 |" in p6
    assert "load average 2.5 before" in p1 and "| 30.0 |" in p1


def test_the_bench_never_points_at_the_demo_database(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    assert env.database_url("city", "sqlite").endswith("/var/bench/city.sqlite3")
    assert env.database_url("city", "postgres").endswith("/fugong_bench_city")
    with pytest.raises(env.BenchConfigError):
        env.check_not_demo(f"sqlite:///{env.DEMO_DATABASE.resolve()}")


def test_a_bench_subprocess_runs_with_debug_off_in_its_own_var_dir():
    settings = env.subprocess_env("province", "sqlite")
    assert settings["FUGONG_DEBUG"] == "0"
    assert settings["FUGONG_VAR_DIR"].endswith(os.path.join("var", "bench"))
    assert settings["DATABASE_URL"].endswith("province.sqlite3")
