"""The people app's bench workloads (DESIGN §5), found by fugong.core.plugins.bench_workloads."""

WORKLOADS = {
    # Person directory: search and page on province data.
    "P6": "bench.p6_directory",
}
