"""The epidemic app's bench workloads (DESIGN §5), found by fugong.core.plugins.bench_workloads."""

WORKLOADS = {
    # Batch screening ingest through the HTTP API vs raw executemany / COPY.
    "P1": "bench.p1_screening_ingest",
    # Single check-in submissions, 50 concurrent clients, real server (health).
    "P2": "bench.p2_checkins",
    # Two-degree contact trace on city data beside networkx (tracing).
    "P4": "bench.p4_trace",
}
