"""Load the ``small`` synthetic county into the database, fast (bulk inserts, one transaction).

Only people the partnership would hold are loaded: children known to services, their parents,
adults of concern and adults whose homes were taken over; the rest of the population stays in
the files. A few children also get a second, unlinked person record (a duplicate made before
anyone matched them), as real systems have; ``SeededPerson.record_id`` marks those and the
ground truth names the child they duplicate.

Example::

    from lantern.synthetic import loader
    summary = loader.load(seed=20260101, as_at=dt.date(2026, 10, 31))  # idempotent for the same seed and date
    loader.db_digest()                      # fingerprint of what is loaded

Why not the services: ``person_create`` and friends audit one event per write, which is right
for people using the system and far too slow for thousands of rows. The load writes one audit
event (``synthetic.seed_loaded``) naming the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.module_loading import import_string

from lantern.access.models import AccessGrant, GrantKind
from lantern.access.sharing import default_level
from lantern.accounts.models import Agency, District, Team
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
from lantern.synthetic.generator import GeneratedWorld, generate
from lantern.synthetic.generator.api import GENERATOR_VERSION
from lantern.synthetic.models import SeededPerson, SeedRun

SCALE = "small"


class SeedError(Exception):
    """The seed cannot be (re)loaded; the message says why and what to do."""


@dataclass
class LoadSummary:
    seed: int
    loaded: bool  # False when the same seed and as-at date were already loaded (nothing done)
    as_at: dt.date | None = None
    counts: dict[str, int] = field(default_factory=dict)
    run_id: int | None = None


def _d(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def current_run() -> SeedRun | None:
    return SeedRun.objects.order_by("-id").first()


def _extensions() -> list:
    """The callables of ``settings.LANTERN_SEED_EXTENSIONS``: ``fn(*, run, world, people, users)``
    adds demo data after the load; an optional ``fn.clear(person_ids=...)`` removes rows of its
    own that would stop the seeded people being deleted, and an optional
    ``fn.digest_rows(key, person_ids)`` yields ``(label, rows)`` for ``db_digest``."""
    return [import_string(path) for path in getattr(settings, "LANTERN_SEED_EXTENSIONS", [])]


def clear() -> int:
    """Delete every person the seed loaded (and the runs). Returns how many people went."""
    with transaction.atomic():
        ids = list(SeededPerson.objects.values_list("person_id", flat=True))
        for extension in _extensions():
            if getattr(extension, "clear", None) is not None:
                extension.clear(person_ids=ids)
        try:
            Person.objects.filter(pk__in=ids).delete()
        except ProtectedError as exc:
            models = sorted({o._meta.label for o in exc.protected_objects})
            raise SeedError(
                "Other demo data refers to the synthetic people ("
                + ", ".join(models)
                + "), so they cannot be replaced. Reload with the same seed, or start from an "
                "empty database (manage.py flush) and seed again."
            ) from None
        runs = list(SeedRun.objects.values_list("seed", flat=True))
        SeedRun.objects.all().delete()
        if ids or runs:
            audit_record(actor=None, action=events.SEED_CLEARED, subject_type="synthetic.seedrun",
                         detail={"people": len(ids), "seeds": runs})
    return len(ids)


def load(*, seed: int, as_at: dt.date | None = None, world: GeneratedWorld | None = None,
         force: bool = False) -> LoadSummary:
    """Load the small county for ``seed`` as at ``as_at`` (the world's today; default: the
    ``world``'s, else today's date). Same seed and date already loaded: nothing to do (unless
    ``force``); anything else loaded: it is cleared first."""
    if world is not None and as_at is not None and world.as_at != as_at:
        raise SeedError(f"The world was generated as at {world.as_at}, not {as_at}.")
    as_at = world.as_at if world is not None else as_at or timezone.localdate()
    users = world_mod.ensure_personas()
    gen = world or generate(seed=seed, as_at=as_at, scale=SCALE)
    digest = gen.digest()
    run = current_run()
    if (run is not None and not force and run.seed == seed and run.scale == SCALE
            and run.as_at == as_at
            and run.generator_version == GENERATOR_VERSION and run.digest == digest
            and SeededPerson.objects.filter(run=run).exists()):
        return LoadSummary(seed=seed, loaded=False, as_at=run.as_at, counts=run.counts, run_id=run.pk)
    if run is not None or SeededPerson.objects.exists():
        clear()
    with transaction.atomic():
        counts, run = _load(gen, seed, digest, users)
        audit_record(actor=None, action=events.SEED_LOADED, subject=run,
                     detail={"seed": seed, "scale": SCALE, "as_at": as_at.isoformat(),
                             "counts": counts})
        for extension in _extensions():
            # Other apps add their demo data on top (e.g. missing episodes for these children),
            # with ``people`` keyed by synthetic person id; they may add to ``run.counts``.
            extension(run=run, world=gen, people=_people_by_synthetic_id(run), users=users)
    return LoadSummary(seed=seed, loaded=True, as_at=as_at, counts=run.counts, run_id=run.pk)


def _people_by_synthetic_id(run: SeedRun) -> dict[int, Person]:
    rows = SeededPerson.objects.filter(run=run, record_id__isnull=True).select_related("person")
    return {sp.synthetic_id: sp.person for sp in rows}


def world_maps(t: dict) -> tuple[dict, dict, dict, dict]:
    """The county's districts, agencies (schools included) and teams matched to (or made as)
    database rows, by synthetic id; and the professionals by id. Shared with the county load."""
    districts = {d.name: d for d in District.objects.all()}
    district_map = {row[0]: districts.get(row[2]) for row in t["districts"]}

    agency_map: dict[int, Agency] = {}
    for agency_id, _county, name, kind, district_id, phone, email, _phase, _est in t["agencies"]:
        agency, _ = Agency.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "district": district_map.get(district_id) if district_id else None,
                      "phone": phone, "email": email},
        )
        if not agency.phone and not agency.email:
            Agency.objects.filter(pk=agency.pk).update(phone=phone, email=email)
        agency_map[agency_id] = agency
    area_names = {row[0]: row[2] for row in t["areas"]}
    from lantern.accounts.models import Area

    areas = {a.name: a for a in Area.objects.all()}
    team_map: dict[int, Team] = {}
    for team_id, agency_id, name, area_id in t["teams"]:
        team, _ = Team.objects.get_or_create(
            name=name, agency=agency_map[agency_id],
            defaults={"area": areas.get(area_names.get(area_id)) if area_id else None},
        )
        team_map[team_id] = team
    professionals = {row[0]: row for row in t["professionals"]}
    return district_map, agency_map, team_map, professionals


def _load(gen: GeneratedWorld, seed: int, digest: str, users: dict) -> tuple[dict, SeedRun]:
    t = gen.tables
    district_map, agency_map, team_map, professionals = world_maps(t)

    held = [row for row in t["people"] if row[15]]
    people = [
        Person(kind=r[2], first_name=r[3], middle_names=r[4], last_name=r[5], preferred_name=r[6],
               date_of_birth=_d(r[7]), dob_approximate=bool(r[8]), sex=r[9], ethnicity=r[10],
               sen_status=r[11], disability=bool(r[12]), disability_note=r[13],
               restricted=bool(r[16]))
        for r in held
    ]
    Person.objects.bulk_create(people, batch_size=500)
    pk = {r[0]: p for r, p in zip(held, people)}

    aliases = [Alias(person=pk[pid], name=name, kind=kind) for pid, name, kind in t["aliases"] if pid in pk]
    Alias.objects.bulk_create(aliases, batch_size=1000)
    Identifier.objects.bulk_create(
        [Identifier(person=pk[pid], type=typ, value=val) for pid, typ, val in t["identifiers"] if pid in pk],
        batch_size=1000,
    )
    Address.objects.bulk_create(
        [Address(person=pk[r[1]], line1=r[2], line2=r[3], town=r[4], postcode=r[5],
                 district=district_map.get(r[6]) if r[6] != "" else None, kind=r[7],
                 start_date=_d(r[8]), end_date=_d(r[9]))
         for r in t["addresses"] if r[1] in pk],
        batch_size=1000,
    )
    SchoolEnrolment.objects.bulk_create(
        [SchoolEnrolment(person=pk[pid], school=agency_map[school], year_group=yg,
                         start_date=_d(start), end_date=_d(end))
         for pid, school, yg, start, end in t["enrolments"] if pid in pk],
        batch_size=1000,
    )
    Relationship.objects.bulk_create(
        [Relationship(person=pk[a], other=pk[b], kind=kind, description=desc,
                      start_date=_d(start), end_date=_d(end))
         for a, b, kind, desc, start, end in t["relationships"] if a in pk and b in pk],
        batch_size=1000,
    )
    involvements = []
    for pid, agency_id, team_id, prof_id, role, lead, name, phone, email, start, end in t["involvements"]:
        if pid not in pk:
            continue
        username = professionals[prof_id][9] if prof_id in professionals else ""
        involvements.append(Involvement(
            person=pk[pid], agency=agency_map[agency_id], team=team_map.get(team_id) if team_id != "" else None,
            user=users.get(username) if username else None, role=role, is_lead=bool(lead),
            contact_name=name, contact_phone=phone, contact_email=email,
            start_date=_d(start), end_date=_d(end),
        ))
    Involvement.objects.bulk_create(involvements, batch_size=1000)
    # Sharing levels by the recording service's own default rule (lantern.access.sharing), so
    # the demo holds police-only intelligence and arrests and statutory NRM and health entries.
    # The subtype the generator gives (drug-supply arrests, methods, risk grades, return
    # interview outcomes) becomes the structured fields the statistics count.
    area_of = home_areas(t["addresses"], {k: (d.area_id if d else None) for k, d in district_map.items()})
    chronology = []
    for r in t["events"]:
        if r[1] not in pk:
            continue
        facts = classify(r[2], r[3], r[7], on_line=bool(r[9]))
        chronology.append(ChronologyEvent(
            person=pk[r[1]], event_type=r[2], event_date=_d(r[4]), date_precision=r[5],
            source_agency=agency_map[r[6]], summary=r[7], significant=bool(r[8]),
            sharing=default_level(r[2], agency_map[r[6]].kind), subtype=r[3],
            concern_type=facts["concern_type"], method=facts["method"], arrested=facts["arrested"],
            area_id=area_of(r[1], r[4]),
        ))
    ChronologyEvent.objects.bulk_create(chronology, batch_size=1000)

    duplicates = _load_duplicates(gen, pk, agency_map, team_map, professionals)

    run = SeedRun.objects.create(seed=seed, scale=SCALE, as_at=gen.as_at,
                                 generator_version=GENERATOR_VERSION, digest=digest, counts={})
    seeded = [SeededPerson(run=run, person=p, synthetic_id=sid) for sid, p in pk.items()]
    seeded += [SeededPerson(run=run, person=p, synthetic_id=sid, record_id=rid)
               for rid, (sid, p) in duplicates.items()]
    SeededPerson.objects.bulk_create(seeded, batch_size=1000)

    all_people = list(pk.values()) + [p for _sid, p in duplicates.values()]
    _name_keys(all_people)
    from lantern.identity.candidates import match_keys_refresh

    match_keys_refresh([p.pk for p in all_people])
    _named_grants(pk)
    counts = {
        "people": len(all_people),
        "children": sum(1 for p in all_people if p.kind == "child"),
        "duplicate_records": len(duplicates),
        "events": len(chronology) + len(duplicates),
        "involvements": len(involvements) + len(duplicates),
        "restricted": sum(1 for p in all_people if p.restricted),
    }
    run.counts = counts
    run.save(update_fields=["counts"])
    return counts, run


def home_areas(addresses, area_of_district: dict):
    """``area_of(person_id, iso_date)``: the area id of a person's home on a day (their latest
    home when the day is blank or before any address), from the generator's address rows."""
    by_person: dict = defaultdict(list)
    for row in addresses:
        district = row[6]
        area = area_of_district.get(district) if district != "" else None
        if area is not None:
            by_person[row[1]].append((row[8] or "", row[9] or "9999-12-31", area))
    for spans in by_person.values():
        spans.sort()

    def area_of(person_id, day: str):
        spans = by_person.get(person_id)
        if not spans:
            return None
        if day:
            for start, end, area in reversed(spans):
                if start <= day <= end:
                    return area
        return spans[-1][2]

    return area_of


def _load_duplicates(gen, pk, agency_map, team_map, professionals) -> dict[int, tuple[int, Person]]:
    """Second person records made by police before anyone linked them to the child."""
    owner = {}
    for cluster in gen.truth["record_clusters"]:
        for rid in cluster["records"]:
            owner[rid] = cluster["person_id"]
    police = next(a for a in agency_map.values() if a.kind == "police")
    met = next(t for t in team_map.values() if t.agency_id == police.pk)
    contact = next(r for r in professionals.values() if r[1] != "" and team_map.get(r[1]) == met)
    made: dict[int, tuple[int, Person]] = {}
    rows = [r for r in gen.tables["records"] if r[1] == "lantern" and owner.get(r[0]) in pk]
    for rid, _src, _agency, _local, first, last, dob, sex, _pc, _nhs, _upn, _la, recorded in rows:
        true = pk[owner[rid]]
        person = Person.objects.create(kind=true.kind, first_name=first, last_name=last,
                                       date_of_birth=_d(dob), sex=sex, ethnicity="")
        Involvement.objects.create(
            person=person, agency=police, team=met, role="Officer in charge",
            contact_name=f"{contact[3]} {contact[4]}", contact_phone=contact[7] or contact[6],
            contact_email=contact[8], start_date=_d(recorded),
        )
        ChronologyEvent.objects.create(
            person=person, event_type="intelligence", event_date=_d(recorded), source_agency=police,
            sharing=default_level("intelligence", police.kind),
            summary=(f"Record created from a police intelligence report naming {first} {last}; "
                     "not yet checked against existing records."),
        )
        made[rid] = (owner[rid], person)
    return made


def _name_keys(people: list[Person]) -> None:
    aliases = defaultdict(list)
    for person_id, name in Alias.objects.filter(person__in=people).values_list("person_id", "name"):
        aliases[person_id].append(name)
    keys = []
    for p in people:
        names = [p.first_name, p.middle_names, p.last_name, p.preferred_name, *aliases[p.pk]]
        keys += [NameKey(person=p, key=k) for k in sorted(keys_for_names(names))]
    NameKey.objects.bulk_create(keys, batch_size=2000)


def _named_grants(pk) -> None:
    """A restricted record is visible only to users named on it: each user named on a current
    involvement with a restricted child gets a named grant (in the demo, the North team's
    practitioner for one of the two; the other stays hidden from everyone without break-glass)."""
    restricted = [p for p in pk.values() if p.restricted]
    named = (Involvement.objects.filter(person__in=restricted, user__isnull=False, end_date__isnull=True)
             .values_list("person_id", "user_id").distinct().order_by("person_id", "user_id"))
    now = timezone.now()
    AccessGrant.objects.bulk_create(
        AccessGrant(person_id=person_id, user_id=user_id, kind=GrantKind.NAMED, created_at=now,
                    reason="Named worker for this restricted record (synthetic demo data).")
        for person_id, user_id in named
    )


#: Referral references are made from database ids (``LNT-2026-000123``): left out like ids.
_REFERENCE = re.compile(r"\bLNT-\d{4}-\d{6}\b")


def db_digest() -> str:
    """SHA-256 of everything the seed loaded, by synthetic id (no database ids, no timestamps),
    so two loads of the same seed compare equal on any database."""
    sid = dict(SeededPerson.objects.values_list("person_id", "synthetic_id"))
    rid = dict(SeededPerson.objects.values_list("person_id", "record_id"))

    def key(person_id):
        return (sid.get(person_id), rid.get(person_id) or 0)

    h = hashlib.sha256()

    def feed(label, rows):
        h.update(label.encode())
        for row in sorted(rows, key=repr):
            h.update(repr(row).encode())

    ids = list(sid)
    feed("people", [(key(p["id"]), *[p[f] for f in (
        "kind", "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth",
        "dob_approximate", "sex", "ethnicity", "sen_status", "disability", "disability_note",
        "restricted")]) for p in Person.objects.filter(pk__in=ids).values()])
    feed("aliases", [(key(a), n, k) for a, n, k in Alias.objects.filter(person_id__in=ids)
                     .values_list("person_id", "name", "kind")])
    feed("identifiers", [(key(a), t, v) for a, t, v in Identifier.objects.filter(person_id__in=ids)
                         .values_list("person_id", "type", "value")])
    feed("addresses", [(key(r[0]), *r[1:]) for r in Address.objects.filter(person_id__in=ids)
                       .values_list("person_id", "line1", "line2", "town", "postcode", "district__name",
                                    "kind", "start_date", "end_date")])
    feed("enrolments", [(key(r[0]), *r[1:]) for r in SchoolEnrolment.objects.filter(person_id__in=ids)
                        .values_list("person_id", "school__name", "year_group", "start_date", "end_date")])
    feed("relationships", [(key(r[0]), key(r[1]), *r[2:]) for r in Relationship.objects
                           .filter(person_id__in=ids).values_list("person_id", "other_id", "kind",
                                                                  "description", "start_date", "end_date")])
    feed("involvements", [(key(r[0]), *r[1:]) for r in Involvement.objects.filter(person_id__in=ids)
                          .values_list("person_id", "agency__name", "team__name", "user__username", "role",
                                       "is_lead", "contact_name", "contact_phone", "contact_email",
                                       "start_date", "end_date")])
    feed("events", [(key(r[0]), *r[1:5], _REFERENCE.sub("LNT-*", r[5]), *r[6:])
                    for r in ChronologyEvent.objects.filter(person_id__in=ids)
                    .values_list("person_id", "event_type", "event_date", "date_precision",
                                 "source_agency__name", "summary", "significant", "sharing")])
    feed("name_keys", [(key(a), k) for a, k in NameKey.objects.filter(person_id__in=ids)
                       .values_list("person_id", "key")])
    feed("grants", [(key(a), u, k) for a, u, k in AccessGrant.objects.filter(person_id__in=ids)
                    .values_list("person_id", "user__username", "kind")])
    for extension in _extensions():
        digest_rows = getattr(extension, "digest_rows", None)
        for label, rows in digest_rows(key, ids) if digest_rows is not None else ():
            feed(f"{extension.__module__}.{label}", rows)
    return h.hexdigest()


def synthetic_to_database_ids() -> dict[str, dict]:
    """How the ground truth's ids map to database ids: ``people`` (synthetic person id ->
    ``Person.pk``) and ``duplicate_records`` (record id -> ``Person.pk``)."""
    people, records = {}, {}
    for person_id, sid, rid in SeededPerson.objects.values_list("person_id", "synthetic_id", "record_id"):
        if rid:
            records[str(rid)] = person_id
        else:
            people[str(sid)] = person_id
    return {"people": people, "duplicate_records": records}
