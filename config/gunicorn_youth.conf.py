"""How the youth site is served: ``gunicorn -c config/gunicorn_youth.conf.py``.

The staff file (``config/gunicorn.conf.py``) with what a site that must never record who visits
needs (docs/adr/0016-youth-reporting-site.md):

* ``LANTERN_SITE=youth`` is set here, so this file can only ever start the youth site.
* **No access log**, and **log level error**: at ``warning`` gunicorn writes "Invalid request
  from ip=<address>" for every malformed request, which would put visitors' addresses in the
  server's own log. Errors name the request path, never the client.
* **Few workers** (2 by default): the rate limit counts in each process's memory, so every extra
  worker loosens it; the site is small and light.
"""

import os

os.environ["LANTERN_SITE"] = "youth"

wsgi_app = "config.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
threads = int(os.environ.get("LANTERN_THREADS", 1))
keepalive = 30
accesslog = None
loglevel = "error"
