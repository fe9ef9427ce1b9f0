"""A bench run fails on wrong results (``misses``), not only on a missed target."""

from __future__ import annotations

import argparse
from typing import Any

import pytest

import bench.__main__ as bench_main
from bench import SIZES, WORKLOADS, Context, report, runner
from bench.tests import fake_workload


@pytest.fixture
def fake_bench(monkeypatch, tmp_path):
    """``python -m bench`` with the fake workload, run in this process on no data set."""
    monkeypatch.setitem(WORKLOADS, "FAKE", "bench.tests.fake_workload")
    monkeypatch.setattr(report, "results_path", lambda: tmp_path / "results.md")
    monkeypatch.setattr(bench_main, "REPO", tmp_path)  # where it says it wrote the table

    def run_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
        # What the subprocess (bench.runner) hands back, without its database.
        ctx = Context(database="sqlite", engine_version="SQLite", repetitions=args.repetitions)
        return {"size": size, "people": 0, "enterprises": 0, "database": "sqlite",
                "engine_version": "SQLite", "generation": {"generated": "never"},
                "workloads": runner.run_workloads(args.workloads, SIZES[size], ctx)}  # fmt: skip

    monkeypatch.setattr(bench_main, "run_size", run_size)

    def run(*options: str) -> int:
        argv = ["--sizes", "tiny", "--workloads", "FAKE", "--repetitions", "3", *options]
        return bench_main.main(argv)

    return run


def test_a_run_with_every_row_found_exits_0(fake_bench, monkeypatch):
    monkeypatch.setattr(fake_workload, "MISSES", 0)
    assert fake_bench() == 0
    assert fake_bench("--strict") == 0


@pytest.mark.parametrize("strict", [False, True])
def test_a_run_with_rows_not_found_exits_1_and_says_which(fake_bench, monkeypatch, capsys, strict):
    monkeypatch.setattr(fake_workload, "MISSES", 2)
    assert fake_bench(*(["--strict"] if strict else [])) == 1
    error = capsys.readouterr().err
    assert "[bench] wrong results" in error
    assert "FAKE sqlite/tiny tester/exact search: 2 of 3" in error


def test_the_report_marks_the_rows_not_found(fake_bench, monkeypatch, tmp_path):
    monkeypatch.setattr(fake_workload, "MISSES", 1)
    fake_bench()
    assert "| tester | exact search (1 not found!) |" in (tmp_path / "results.md").read_text()
