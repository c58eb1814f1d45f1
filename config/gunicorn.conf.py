"""How Lantern is served in production: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

**Processes, one thread each** (docs/adr/0011-page-cost-and-the-casework-target.md). A Lantern
page is Python-bound (building queries, rows and HTML), so threads in one process queue behind
its interpreter lock. Measured at county scale on 2 cores (``python -m bench casework``, four
alternating runs), six single-threaded workers kept p95 lower than five with four threads each
at 96 pages a second in three comparisons of four, and were alike below that. The ``gthread``
worker is kept, with one thread, because unlike ``sync`` it keeps idle browser connections open
without tying the worker up.

Sizing: ``(2 x cores) + 2`` processes by default (each holds one database connection, so the
database needs that many per server); ``WEB_CONCURRENCY`` and ``LANTERN_THREADS`` override.
"""

import os

_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

wsgi_app = "config.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cores + 2))
threads = int(os.environ.get("LANTERN_THREADS", 1))
keepalive = 30
# Children's records are in request lines only as numeric ids, but keep access logs off here;
# the audit trail is the record of who opened what.
accesslog = None
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
