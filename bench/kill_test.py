"""Kill the server with SIGKILL in the middle of writes; check nothing acknowledged was lost.

``python -m bench.kill_test`` (standalone; results go to docs/performance.md between
``<!-- bench:kill_test -->`` markers). A short version runs in the test suite on both databases
(``lantern/audit/tests/test_kill.py``).

Each round:

1. starts a real server process (``manage.py runserver --noreload``, threaded) on a file SQLite
   database or a PostgreSQL database;
2. has ``CLIENTS`` signed-in clients POST "add an event to the chronology" back to back, each
   event with a unique summary, remembering those the server acknowledged (302 to the
   chronology);
3. sends ``SIGKILL`` to the server's whole process group at a random moment, mid-flight.

After all rounds, in a fresh process:

* every acknowledged event exists (durability of what the user was told was saved);
* no chronology event exists without its ``people.event_added`` audit event (matched through
  the event's ``detail.event_id``): a change and its audit event commit together or not at all;
* the audit chain verifies, head included (no half-written link, no fork).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.bench_audit_chain import (
    PYTHON,
    ROOT,
    SQLITE_DIR,
    _env,
    child_json,
    drive,
    free_port,
    migrate,
    pg_drop,
    pg_recreate,
    wait_ready,
)

CLIENTS = int(os.environ.get("KILL_TEST_CLIENTS", "6"))
ROUNDS = int(os.environ.get("KILL_TEST_ROUNDS", "5"))
KILL_AFTER = (0.8, 2.5)  # seconds of writing before the kill, chosen at random per round


def start_server(url: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT, env=_env(url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_ready(port, proc)
    return proc


def kill_round(url: str, data: dict, label: str, rng: random.Random) -> dict:
    """One server life: write until a random moment, then SIGKILL it. Returns what was acked."""
    port = free_port()
    proc = start_server(url, port)
    stop = threading.Event()
    acknowledged: list[str] = []
    result: dict = {}

    def writers() -> None:
        result.update(drive(port, data, 3600, label=label, stop=stop, acknowledged=acknowledged))

    thread = threading.Thread(target=writers)
    thread.start()
    delay = rng.uniform(*KILL_AFTER)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)
    stop.set()
    proc.wait(timeout=30)
    thread.join(timeout=120)
    return {"acknowledged": list(acknowledged), "killed_after": round(delay, 2), "errors": result.get("errors", 0)}


def run_kill_test(url: str, data: dict, rounds: int, seed: int = 20260101) -> dict:
    """Rounds of write-then-kill against ``url`` (already migrated and seeded), then check."""
    rng = random.Random(seed)
    acknowledged: list[str] = []
    per_round = []
    for n in range(rounds):
        outcome = kill_round(url, data, f"kill{n}", rng)
        acknowledged += outcome["acknowledged"]
        per_round.append({"acknowledged": len(outcome["acknowledged"]), "killed_after": outcome["killed_after"]})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(acknowledged, f)
        ack_file = f.name
    try:
        checked = child_json_kill(url, ack_file)
    finally:
        Path(ack_file).unlink(missing_ok=True)
    checked["rounds"] = per_round
    checked["ok"] = (
        not checked["missing"] and not checked["unaudited"] and checked["chain_ok"]
        and checked["acknowledged"] > 0
    )
    return checked


def child_json_kill(url: str, ack_file: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-m", "bench.kill_test", "check", ack_file], cwd=ROOT, env=_env(url),
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def check(ack_file: str) -> dict:
    """In a fresh process: acknowledged writes present, each event audited, chain intact."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from lantern.audit.models import AuditEvent
    from lantern.audit.verify import verify_chain
    from lantern.people import events
    from lantern.people.models import ChronologyEvent

    acknowledged = set(json.loads(Path(ack_file).read_text()))
    present = set(ChronologyEvent.objects.values_list("summary", flat=True))
    event_ids = set(ChronologyEvent.objects.values_list("id", flat=True))
    audited = {
        (detail or {}).get("event_id")
        for detail in AuditEvent.objects.filter(action=events.EVENT_ADDED).values_list("detail", flat=True)
    }
    report = verify_chain()
    return {
        "acknowledged": len(acknowledged),
        "events": len(event_ids),
        "missing": sorted(acknowledged - present)[:20],
        "unaudited": sorted(event_ids - audited)[:20],
        # Saved but never acknowledged: the server died between commit and response. Allowed.
        "saved_not_acknowledged": len({s for s in present if s.startswith("kill")} - acknowledged),
        "chain_ok": report.ok,
        "chain_checked": report.checked,
        "chain_problem": report.problem,
    }


# --- Standalone run -----------------------------------------------------------------------------


def _engine_urls() -> list[tuple[str, str, object]]:
    SQLITE_DIR.mkdir(parents=True, exist_ok=True)
    path = SQLITE_DIR / "kill_test.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engines = [("sqlite", f"sqlite:///{path}", lambda: [Path(f"{path}{s}").unlink(missing_ok=True) for s in ("", "-wal", "-shm")])]
    try:
        engines.append(("postgresql", pg_recreate("bench_kill_test"), lambda: pg_drop("bench_kill_test")))
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL: SQLite only, said in the report
        print(f"PostgreSQL not reachable ({type(exc).__name__}); SQLite only")
    return engines


def report(info: dict, results: dict[str, dict]) -> str:
    from bench import machine

    lines = [
        "## Kill test (`bench/kill_test.py`)",
        "",
        f"Machine: {machine.line(info)}.",
        "",
        f"`manage.py runserver --noreload` (threaded) on each database; {CLIENTS} signed-in "
        f"clients POST chronology events back to back; the server's process group gets SIGKILL "
        f"{KILL_AFTER[0]}-{KILL_AFTER[1]} s into each of {ROUNDS} rounds. Then, in a fresh process: "
        "are all acknowledged events there, does every event have its audit event, and does the "
        "chain verify?",
        "",
        "| Database | Rounds | Acknowledged | Events saved | Saved, never acknowledged | "
        "Acknowledged but missing | Events without audit | Chain |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results.items():
        lines.append(
            f"| {engine} | {len(r['rounds'])} | {r['acknowledged']} | {r['events']} | "
            f"{r['saved_not_acknowledged']} | {len(r['missing'])} | {len(r['unaudited'])} | "
            f"{'verifies (' + str(r['chain_checked']) + ' events)' if r['chain_ok'] else r['chain_problem']} |"
        )
    ok = all(r["ok"] for r in results.values())
    lines += [
        "",
        "\"Saved, never acknowledged\" are requests in flight at the kill: committed, but the "
        "response never left the dying server. They show the kill landed mid-write; they are "
        "allowed (the user was never told the event was saved, and it was).",
        "",
        f"Result: **{'nothing acknowledged was lost, nothing unaudited, chain intact' if ok else 'FAILED'}**.",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "check":
        print(json.dumps(check(argv[1])))
        return 0
    from bench import machine

    info = machine.describe()
    results = {}
    for engine, url, cleanup in _engine_urls():
        migrate(url)
        data = child_json(url, "seed", str(CLIENTS))
        results[engine] = run_kill_test(url, data, ROUNDS)
        print(f"{engine}: {json.dumps({k: v for k, v in results[engine].items() if k != 'rounds'})}", flush=True)
        cleanup()
    markdown = report(info, results)
    print(markdown)
    try:
        from bench.__main__ import write_section

        write_section("kill_test", markdown)
    except ImportError:
        pass
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
