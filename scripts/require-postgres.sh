#!/usr/bin/env bash
# Fail (never skip) when PostgreSQL is unreachable, so a CI run cannot go green without it.
set -euo pipefail
url="${1:?database url}"
for i in $(seq 1 20); do
  if .venv/bin/python - "$url" <<'PY'
import sys
import psycopg
with psycopg.connect(sys.argv[1], connect_timeout=3) as conn:
    conn.execute("SELECT 1")
PY
  then exit 0; fi
  sleep 1
done
echo "PostgreSQL is not reachable at $url: the PostgreSQL half of the suite cannot run." >&2
exit 1
