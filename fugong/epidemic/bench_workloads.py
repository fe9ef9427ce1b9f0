"""The epidemic app's bench workloads (DESIGN §5), found by fugong.core.plugins.bench_workloads."""

WORKLOADS = {
    # Two-degree contact trace on city data beside networkx (tracing).
    "P4": "bench.p4_trace",
}
