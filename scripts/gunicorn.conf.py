"""How `make run` serves fugong (scripts/run.sh), read by gunicorn with ``-c``; the P2 benchmark
starts its server with the same file (bench/p2_checkins.py).

2 processes x 4 threads suit a 2-core machine: requests mostly wait on SQLite and templates.
WEB_CONCURRENCY and WEB_THREADS change them; PORT changes the port.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
# Above the slowest page (a large roster export), below a browser's patience.
timeout = 60
graceful_timeout = 20
loglevel = "warning"
# Each worker process listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
# connections over them. On one shared socket the first worker to wake accepted a whole burst
# of connections (50 phones keeping theirs alive: 44 of 50 on one worker, 50 of 50 in other
# runs) and the other process, with its core, stayed idle. scripts/run.sh refuses a port that
# is taken, since a second server with this flag would otherwise share it silently.
reuse_port = True
