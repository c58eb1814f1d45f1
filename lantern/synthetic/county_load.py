"""Load the ``county`` scale (5,000 children known to services, ~1 million events generated)
into the database, in bulk: ``seed_demo --scale county``.

The generator streams the county to CSV files (``var/synthetic/county-<seed>/``, reused when
they are for the same seed and as-at date); this module streams them back, keeps the people the
partnership would hold (as the small load does) and writes their records with PostgreSQL
``COPY`` (``lantern.synthetic.bulk``; batched inserts on SQLite), ids assigned up front, one
transaction, a progress bar per table. Chronology entries get their structured fields (drug
supply arrests, methods, areas) as in the small load, and the county's planted lines and
networks go in through the intelligence register's own loader
(``lantern.intelligence.loading.load_networks``). The small scale's demo extensions (cases,
panels...) are not run: the county is for volume (statistics, search, benchmarks), the small
seed for the story. Measured in ``docs/performance.md`` (``bench/bench_county_load.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lantern.access.models import AccessGrant, GrantKind
from lantern.access.sharing import default_level
from lantern.analysis.statistics.vocab import classify
from lantern.audit.services import audit_record
from lantern.people.models import (
    Address,
    Alias,
    ChronologyEvent,
    Identifier,
    Involvement,
    NameKey,
    Person,
    Relationship,
    SchoolEnrolment,
)
from lantern.people.search import keys_for_names
from lantern.synthetic import events
from lantern.synthetic import world as world_mod
from lantern.synthetic.bulk import TableWriter, next_id, reset_sequences
from lantern.synthetic.generator import TRUTH_FILE, write_files
from lantern.synthetic.generator.api import GENERATOR_VERSION
from lantern.synthetic.generator.schema import TABLES
from lantern.synthetic.loader import (
    LoadSummary,
    SeedError,
    clear,
    current_run,
    home_areas,
    world_maps,
)
from lantern.synthetic.models import SeededPerson, SeedRun

SCALE = "county"
#: Columns read as whole numbers (ids and 0/1 flags); everything else stays text ("" is blank).
_INTS = {"county_id", "area_id", "district_id", "agency_id", "team_id", "professional_id",
         "person_id", "household_id", "other_id", "address_id", "event_id", "network_id",
         "source_agency_id", "holder_id", "school_id", "record_id", "year_group", "is_lead",
         "significant", "held_by_partnership", "restricted", "dob_approximate", "disability"}


def read(folder: Path, table: str) -> Iterator[tuple]:
    """Rows of one generated CSV as the generator made them (ints for ids and flags)."""
    columns = TABLES[table]
    ints = [c in _INTS for c in columns]
    with open(folder / f"{table}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            yield tuple(int(v) if i and v != "" else v for v, i in zip(row, ints))


def _d(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def files_for(seed: int, as_at: dt.date, out: str | None = None, *, progress: bool = False) -> Path:
    """The county's files for this seed and date: reused if already written, else generated."""
    folder = Path(out) if out else Path(settings.VAR_DIR) / "synthetic" / f"county-{seed}-{as_at.isoformat()}"
    truth = folder / TRUTH_FILE
    if truth.exists():
        meta = json.loads(truth.read_text())
        if (meta.get("seed") == seed and meta.get("as_at") == as_at.isoformat()
                and meta.get("scale") == SCALE and meta.get("generator_version") == GENERATOR_VERSION
                and "summary" in meta):
            return folder
    write_files(seed=seed, as_at=as_at, scale=SCALE, out_dir=folder, progress=progress)
    return folder


class _Bars:
    """One tqdm bar per table (to stderr), or nothing."""

    def __init__(self, enabled: bool, totals: dict[str, int]) -> None:
        self.enabled = enabled
        self.totals = totals

    def __call__(self, label: str, total: int | None = None):
        if not self.enabled:
            return _NoBar()
        from tqdm import tqdm

        return tqdm(total=total, desc=f"{label:<13}", unit=" rows", unit_scale=True, mininterval=0.5,
                    file=sys.stderr, leave=True)


class _NoBar:
    def update(self, n=1):
        return None

    def close(self):
        return None


def load(*, seed: int, as_at: dt.date, out: str | None = None, progress: bool = False,
         force: bool = False) -> LoadSummary:
    """Generate (or reuse) the county's files and load them. Same seed, date and files already
    loaded: nothing to do (unless ``force``); anything else loaded is cleared first."""
    folder = files_for(seed, as_at, out, progress=progress)
    truth = json.loads((folder / TRUTH_FILE).read_text())
    digest = hashlib.sha256((f"county:{truth['seed']}:{truth['as_at']}:"
                             + json.dumps(truth["summary"]["rows"], sort_keys=True)).encode()).hexdigest()
    run = current_run()
    if (run is not None and not force and run.seed == seed and run.scale == SCALE and run.as_at == as_at
            and run.digest == digest and SeededPerson.objects.filter(run=run).exists()):
        return LoadSummary(seed=seed, loaded=False, as_at=as_at, counts=run.counts, run_id=run.pk)
    if run is not None or SeededPerson.objects.exists():
        clear()
    users = world_mod.ensure_personas()
    bars = _Bars(progress, truth["summary"]["rows"])
    with transaction.atomic():
        counts, run = _load(folder, truth, seed, as_at, digest, users, bars)
        audit_record(actor=None, action=events.SEED_LOADED, subject=run,
                     detail={"seed": seed, "scale": SCALE, "as_at": as_at.isoformat(), "counts": counts})
    return LoadSummary(seed=seed, loaded=True, as_at=as_at, counts=counts, run_id=run.pk)


def _load(folder: Path, truth: dict, seed: int, as_at: dt.date, digest: str, users: dict, bars) -> tuple[dict, SeedRun]:
    small = {name: list(read(folder, name)) for name in ("counties", "areas", "districts", "agencies",
                                                       "teams", "professionals")}
    district_map, agency_map, team_map, professionals = world_maps(small)
    rows_total = truth["summary"]["rows"]

    # People the partnership holds, with their ids assigned now.
    held: dict[int, int] = {}
    children: set[int] = set()
    restricted: list[int] = []
    first = next_id(Person)
    people_rows = []
    bar = bars("people", rows_total.get("people"))
    for r in read(folder, "people"):
        bar.update(1)
        if not r[15]:
            continue
        pk = first + len(held)
        held[r[0]] = pk
        if r[2] == "child":
            children.add(r[0])
        if r[16]:
            restricted.append(pk)
        people_rows.append((pk, r[2], r[3], r[4], r[5], r[6], _d(r[7]), bool(r[8]), r[9], r[10], r[11],
                            bool(r[12]), r[13], bool(r[16])))
    bar.close()
    counts: dict[str, int] = {}
    counts["people"] = TableWriter(Person, ["id", "kind", "first_name", "middle_names", "last_name",
                                            "preferred_name", "date_of_birth", "dob_approximate", "sex",
                                            "ethnicity", "sen_status", "disability", "disability_note",
                                            "restricted"]).write(people_rows)
    counts["children"] = len(children)
    names = defaultdict(list)
    for row in people_rows:
        names[row[0]] += [row[2], row[3], row[4], row[5]]

    def stream(table, make):
        bar = bars(table, rows_total.get(table))
        try:
            for r in read(folder, table):
                bar.update(1)
                out = make(r)
                if out is not None:
                    yield out
        finally:
            bar.close()

    def alias(r):
        if r[0] in held:
            names[held[r[0]]].append(r[1])
            return (held[r[0]], r[1], r[2])
        return None

    TableWriter(Alias, ["person_id", "name", "kind"]).write(stream("aliases", alias))
    TableWriter(Identifier, ["person_id", "type", "value"]).write(
        stream("identifiers", lambda r: (held[r[0]], r[1], r[2]) if r[0] in held else None))

    address_ids: dict[int, int] = {}
    addresses_kept: list[tuple] = []
    next_address = next_id(Address)

    def address(r):
        if r[1] not in held:
            return None
        # one row per person living there: a household shares the synthetic address id
        pk = next_address + len(addresses_kept)
        address_ids.setdefault(r[0], pk)
        addresses_kept.append(r)
        district = district_map.get(r[6]) if r[6] != "" else None
        return (pk, held[r[1]], r[2], r[3], r[4], r[5], district.pk if district else None, r[7],
                _d(r[8]), _d(r[9]))

    TableWriter(Address, ["id", "person_id", "line1", "line2", "town", "postcode", "district_id", "kind",
                          "start_date", "end_date"]).write(stream("addresses", address))
    TableWriter(SchoolEnrolment, ["person_id", "school_id", "year_group", "start_date", "end_date"]).write(
        stream("enrolments", lambda r: (held[r[0]], agency_map[r[1]].pk, r[2], _d(r[3]), _d(r[4]))
               if r[0] in held else None))
    TableWriter(Relationship, ["person_id", "other_id", "kind", "description", "start_date", "end_date"]).write(
        stream("relationships", lambda r: (held[r[0]], held[r[1]], r[2], r[3], _d(r[4]), _d(r[5]))
               if r[0] in held and r[1] in held else None))

    def involvement(r):
        pid, agency_id, team_id, prof_id, role, lead, name, phone, email, start, end = r
        if pid not in held:
            return None
        username = professionals[prof_id][9] if prof_id in professionals else ""
        user = users.get(username) if username else None
        team = team_map.get(team_id) if team_id != "" else None
        return (held[pid], agency_map[agency_id].pk, team.pk if team else None, user.pk if user else None,
                role, bool(lead), name, phone, email, _d(start), _d(end))

    counts["involvements"] = TableWriter(Involvement, [
        "person_id", "agency_id", "team_id", "user_id", "role", "is_lead", "contact_name", "contact_phone",
        "contact_email", "start_date", "end_date"]).write(stream("involvements", involvement))

    area_of = home_areas(addresses_kept, {k: (d.area_id if d else None) for k, d in district_map.items()})
    kinds = {aid: a.kind for aid, a in agency_map.items()}
    suspects: set[int] = set()

    def event(r):
        eid, pid, etype, subtype, day, precision, agency_id, summary, significant, network = r
        if pid not in held:
            return None
        facts = classify(etype, subtype, summary, on_line=bool(network))
        if facts["arrested"] and facts["concern_type"] == "drug_supply" and pid in children:
            suspects.add(pid)
        return (held[pid], etype, _d(day), precision, agency_map[agency_id].pk, summary, bool(significant),
                default_level(etype, kinds[agency_id]), subtype, facts["concern_type"], facts["method"],
                facts["arrested"], area_of(pid, day))

    counts["events"] = TableWriter(ChronologyEvent, [
        "person_id", "event_type", "event_date", "date_precision", "source_agency_id", "summary",
        "significant", "sharing", "subtype", "concern_type", "method", "arrested", "area_id",
    ]).write(stream("events", event))

    keys = ((pk, k) for pk, ns in names.items() for k in sorted(keys_for_names(ns)))
    TableWriter(NameKey, ["person_id", "key"]).write(keys)

    run = SeedRun.objects.create(seed=seed, scale=SCALE, as_at=as_at, generator_version=GENERATOR_VERSION,
                                 digest=digest, counts={})
    TableWriter(SeededPerson, ["run_id", "person_id", "synthetic_id"]).write(
        (run.pk, pk, sid) for sid, pk in held.items())
    reset_sequences([Person, Alias, Identifier, Address, SchoolEnrolment, Relationship, Involvement,
                     ChronologyEvent, NameKey, SeededPerson])
    _named_grants(restricted)
    counts["restricted"] = len(restricted)
    counts["duplicate_records"] = 0
    if apps.is_installed("lantern.intelligence"):
        counts.update(_networks(folder, small, held, address_ids, children, suspects, agency_map))
    run.counts = counts
    run.save(update_fields=["counts"])
    return counts, run


def _named_grants(restricted: list[int]) -> None:
    """As the small load: users named on a restricted child's current involvement get a grant."""
    named = (Involvement.objects.filter(person_id__in=restricted, user__isnull=False, end_date__isnull=True)
             .values_list("person_id", "user_id").distinct().order_by("person_id", "user_id"))
    now = timezone.now()
    AccessGrant.objects.bulk_create(
        AccessGrant(person_id=p, user_id=u, kind=GrantKind.NAMED, created_at=now,
                    reason="Named worker for this restricted record (synthetic demo data).")
        for p, u in named)


def _networks(folder, small, held, address_ids, children, suspects, agency_map) -> dict[str, int]:
    from lantern.intelligence.loading import load_networks

    police = next(a for a in agency_map.values() if a.kind == "police")
    result = load_networks(
        networks=list(read(folder, "networks")), phones=list(read(folder, "phones")),
        network_links=list(read(folder, "network_links")), people=held, addresses=address_ids,
        areas={row[0]: row[2] for row in small["areas"]}, source_agency=police,
        children=children, suspects=suspects)
    return {f"network_{k}": v for k, v in result.items()}


__all__ = ["SeedError", "files_for", "load", "read"]
