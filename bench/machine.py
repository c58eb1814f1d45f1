"""A one-line description of the machine a benchmark ran on (figures mean little without it)."""

from __future__ import annotations

import datetime as dt
import os
import platform


def _meminfo_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        return None
    return None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe() -> dict:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 0
    mem = _meminfo_gib()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "date": dt.date.today().isoformat(),
        "cores": cores,
        "memory_gib": round(mem, 1) if mem else None,
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average": round(load[0], 2),
    }


def line(info: dict | None = None) -> str:
    info = info or describe()
    mem = f"{info['memory_gib']} GiB memory" if info["memory_gib"] else "memory unknown"
    return (f"{info['date']}, {info['cores']} cores (nproc), {mem}, {info['cpu']}, "
            f"Python {info['python']}, {info['system']}; load average {info['load_average']} at start")
