"""Settings of the P2 bench server: the product's own settings (as `make run` serves them),
plus a URLconf with one extra, bench-only view (the baseline) that the product never serves.

A bench database given as DATABASE_URL gets the same SQLite options as the product's default
database (WAL, IMMEDIATE transactions, a 20 s busy timeout) from the product's settings, so
the server writes as `make run` does.
"""

from fugong.settings import *  # noqa: F403

ROOT_URLCONF = "bench.p2_urls"
