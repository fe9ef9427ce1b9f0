"""The epidemic app's bench workloads (DESIGN §5), found by fugong.core.plugins.bench_workloads."""

WORKLOADS = {
    # Batch screening ingest through the HTTP API vs raw executemany / COPY.
    "P1": "bench.p1_screening_ingest",
}
