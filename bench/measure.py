"""Run one command as a child process and report its wall time and peak memory as JSON.

Why a wrapper process: ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest peak
resident set of any child a process has waited for. Run inside a fresh wrapper whose only child
is the command, it is exactly that command's peak, however many benchmarks ran before.

    python -m bench.measure -- python -m lantern.synthetic.generator --scale county ...

prints ``{"seconds": 41.2, "max_rss_mb": 38.1, "returncode": 0, "stdout": "..."}``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": round(seconds, 3),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports kilobytes
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "returncode": proc.returncode,
        "stdout": proc.stdout[-4000:],
        "stderr": proc.stderr[-4000:],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
