"""The daily report app's bench workloads (DESIGN §5), found by fugong.core.plugins."""

WORKLOADS = {
    # Metrics for a region over 90 days vs one hand-written SQL aggregate of the same rows.
    "P3": "bench.p3_metrics",
}
