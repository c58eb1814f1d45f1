"""``python -m bench [NAME ...]``: run benchmarks and write their sections of docs/performance.md.

Each section sits between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``; only the
sections of the benchmarks that ran are replaced, so results from other benchmarks (perhaps
run on another day) stay. Exit status 1 when a benchmark misses one of its targets.
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"

INTRO = """# Performance

Speed and memory targets live here, not in timed unit tests: a unit test that asserts "under
two seconds" fails on a busy laptop and passes on a fast one, whatever the code does.

**Method: a ratio to a peer measured in the same run.** Each benchmark times the real work
and, straight after on the same machine, a *peer*: the simplest program doing the same volume of
unavoidable work (for the synthetic county, writing the same number of CSV rows of plain tuples
with Python's `csv` module). Machines and their load vary, so the absolute figures move from run
to run; the ratio moves much less and is the number to watch. A change that makes the ratio
jump has made the code slower, whatever machine it was measured on. When the machine is shared
(load average above the number of cores) wall times stretch unevenly, so CPU times and their
ratio are reported as well. Absolute targets (for example "county scale in under two minutes
and 2 GB on two cores") are also checked, and the machine is recorded beside every result.

Peak memory is the peak resident set size of the measured process alone, read with
`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` in a small wrapper process (`bench/measure.py`)
whose only child is the command being measured.

Run them with `make bench` (all) or `python -m bench synthetic` (one). Each section below is
rewritten by its own benchmark and left alone by the others.
"""


def discover() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py"))


def write_section(name: str, markdown: str, doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else INTRO
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    names = argv or discover()
    unknown = sorted(set(names) - set(discover()))
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Available: {', '.join(discover())}")
        return 2
    failed = []
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        result = module.run()
        write_section(name, result["markdown"])
        status = "targets met" if result.get("ok", True) else "TARGET MISSED"
        print(f"   {status} in {time.perf_counter() - started:.0f}s; {result.get('headline', '')}")
        if not result.get("ok", True):
            failed.append(name)
    print(f"Results written to {DOC.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
