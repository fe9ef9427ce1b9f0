"""The epidemic app's bench workloads (DESIGN §5), found by fugong.core.plugins.bench_workloads."""

WORKLOADS = {
    # Single check-in submissions, 50 concurrent clients, real server (health).
    "P2": "bench.p2_checkins",
}
