"""Load the synthetic county's planted networks into the intelligence models, in bulk.

``load_networks`` takes the generated rows (``networks``, ``phones``, ``network_links`` in the
column order of ``lantern.synthetic.generator.schema``) and the maps from synthetic ids to database
ids, so the small demo seed (``lantern.synthetic.extensions.intelligence``) and a county-scale load
(``seed_demo --scale county``) share it. It writes lines with their status history, groups of
concern, phones and links, with no per-row audit (one ``intelligence.network_loaded`` event), the
way ``lantern.synthetic.loader`` loads people.

How the generator's link kinds map (node ids ``L:`` line or group, ``P:`` person, ``PH:`` phone,
``A:`` address):

================  ==============================================================  ============
generator kind    link                                                            sharing
================  ==============================================================  ============
uses_number       line uses number (deal line)                                    statutory
holds_phone       person uses phone                                               police
contacts          phone in contact with line                                      police
controls          person controls line (suspect)                                  police
works_for         person member of line (suspect)                                 police
member_of         person member of group (suspect)                                police
exploited_by      child runs for line / exploited through group (victim; a        statutory
                  child also arrested for drug supply is "suspect", shown with
                  "also a possible victim")
exploits          adult exploits child (suspect, victim)                          police
lives_at          adult lives at address (victim of cuckooing: resident)          police
uses_address      address is cuckooed address of line / group uses address        police
================  ==============================================================  ============

Why children's links to a line are shared with statutory partners: the lead professional must
know which line exploits the child to plan around it; who runs the line stays with the police.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction

from lantern.audit.services import audit_record
from lantern.intelligence import events
from lantern.intelligence.choices import (
    EntityKind,
    GroupKind,
    LineStatus,
    LinkType,
    Role,
    Strength,
)
from lantern.intelligence.models import CountyLine, Group, LineStatusChange, Link, Phone
from lantern.people.choices import SharingLevel

SOURCE_TYPE = "synthetic"
_REASON = {LineStatus.ACTIVE: "First known to be active (synthetic county)",
           LineStatus.DISRUPTED: "Disrupted by a police operation (synthetic county)",
           LineStatus.CLOSED: "Closed: no more activity (synthetic county)"}


def _d(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


def _digits(number: str) -> str:
    return "".join(c for c in str(number) if c.isdigit())


def load_networks(
    *,
    networks: Iterable[Sequence],
    phones: Iterable[Sequence],
    network_links: Iterable[Sequence],
    people: Mapping[int, int],
    addresses: Mapping[int, int],
    areas: Mapping[int, str],
    source_agency,
    children: Iterable[int] = (),
    suspects: Iterable[int] = (),
    batch_size: int = 2000,
) -> dict[str, int]:
    """Load planted networks; returns counts. Idempotent per network (a line or group already
    loaded, by ``synthetic_id``, is skipped with its links).

    * ``people``: synthetic person id -> ``Person`` pk (people not loaded are left out, with their
      links); ``addresses``: synthetic address id -> ``Address`` pk; ``areas``: synthetic area id
      -> area name ("North"...), matched to ``accounts.Area`` by name.
    * ``source_agency``: the police ``Agency`` the links come from.
    * ``children``: synthetic ids of people who are children (their line links are statutory);
      ``suspects``: synthetic ids of children arrested for drug supply (role "suspect", always
      shown with "also a possible victim").
    """
    from lantern.accounts.models import Area

    area_by_name = {a.name: a for a in Area.objects.all()}
    children, suspects = set(children), set(suspects)
    counts = {"lines": 0, "groups": 0, "phones": 0, "links": 0, "status_changes": 0}
    with transaction.atomic():
        known_lines = set(CountyLine.objects.filter(synthetic_id__isnull=False)
                          .values_list("synthetic_id", flat=True))
        known_groups = set(Group.objects.filter(synthetic_id__isnull=False)
                           .values_list("synthetic_id", flat=True))
        line_pk: dict[int, int] = {}
        group_pk: dict[int, int] = {}
        skip: set[int] = set()
        changes = []
        for nid, _county, kind, name, area_id, city, _deal, start, disrupted, closed in networks:
            nid = int(nid)
            area = area_by_name.get(areas.get(area_id, ""))
            if kind == "county_line":
                if nid in known_lines or area is None:
                    skip.add(nid)
                    continue
                line = CountyLine.objects.create(brand=name, importing_area=area,
                                                 exporting_area=city or "Not known",
                                                 synthetic_id=nid)
                line_pk[nid] = line.pk
                for status, when in ((LineStatus.ACTIVE, start), (LineStatus.DISRUPTED, disrupted),
                                     (LineStatus.CLOSED, closed)):
                    if when:
                        changes.append(LineStatusChange(line=line, status=status,
                                                        effective_on=_d(when), reason=_REASON[status]))
                counts["lines"] += 1
            else:
                if nid in known_groups:
                    skip.add(nid)
                    continue
                group = Group.objects.create(name=name, kind=GroupKind.CSE_GROUP, area=area,
                                             started_on=_d(start), ended_on=_d(closed),
                                             synthetic_id=nid)
                group_pk[nid] = group.pk
                counts["groups"] += 1
        LineStatusChange.objects.bulk_create(changes, batch_size=batch_size)
        counts["status_changes"] = len(changes)

        phone_kinds: dict[str, str] = {}
        for number, _nid, _holder, kind, _start, _end in phones:
            phone_kinds.setdefault(_digits(number), kind)
        existing = set(Phone.objects.filter(number__in=list(phone_kinds))
                       .values_list("number", flat=True))
        Phone.objects.bulk_create([Phone(number=n, kind=k) for n, k in phone_kinds.items()
                                   if n not in existing], batch_size=batch_size)
        # The phones these networks hold, new or already known: phones outlive a reseed (a
        # number is one phone across loads), so counting only new ones would differ on reload.
        counts["phones"] = len(phone_kinds)
        phone_pk = dict(Phone.objects.filter(number__in=list(phone_kinds))
                        .values_list("number", "pk"))

        def end(node: str):
            kind, _, ident = node.partition(":")
            if kind == "P":
                pk = people.get(int(ident))
                return (EntityKind.PERSON, pk) if pk else None
            if kind == "PH":
                pk = phone_pk.get(_digits(ident))
                return (EntityKind.PHONE, pk) if pk else None
            if kind == "A":
                pk = addresses.get(int(ident))
                return (EntityKind.ADDRESS, pk) if pk else None
            if kind == "L":
                nid = int(ident)
                if nid in line_pk:
                    return (EntityKind.LINE, line_pk[nid])
                if nid in group_pk:
                    return (EntityKind.GROUP, group_pk[nid])
            return None

        links = []
        for nid, source, target, kind, strength, start, stop, _agency in network_links:
            if int(nid) in skip:
                continue
            a, b = end(source), end(target)
            if a is None or b is None:
                continue
            spec = _spec(kind, a, b, source, children, suspects)
            if spec is None:
                continue
            a, a_role, b, b_role, link_type, sharing = spec
            first, last = _d(start), _d(stop)
            if first and last and last < first:
                last = first
            links.append(Link(
                a_kind=a[0], a_id=a[1], a_role=a_role, b_kind=b[0], b_id=b[1], b_role=b_role,
                link_type=link_type, strength=strength if strength in Strength.values
                else Strength.UNCONFIRMED, first_seen=first, last_seen=last,
                source_agency=source_agency, source_type=SOURCE_TYPE, source_id=int(nid),
                sharing=sharing,
            ))
        Link.objects.bulk_create(links, batch_size=batch_size)
        counts["links"] = len(links)
        audit_record(actor=None, action=events.NETWORK_LOADED, subject_type="intelligence.countyline",
                     detail=counts)
    return counts


def _synthetic_person(node: str) -> int | None:
    kind, _, ident = node.partition(":")
    return int(ident) if kind == "P" else None


def _spec(kind: str, a, b, source: str, children: set[int], suspects: set[int]):
    """(a, a role, b, b role, link type, sharing) for a generator link, or None to skip it."""
    police, statutory = SharingLevel.POLICE, SharingLevel.STATUTORY
    on_line = b[0] == EntityKind.LINE
    if kind == "uses_number":
        return a, "", b, "", LinkType.USES_NUMBER, statutory
    if kind == "holds_phone":
        return a, Role.USER, b, "", LinkType.USES_PHONE, police
    if kind == "contacts":
        return a, "", b, "", LinkType.CONTACTS, police
    if kind == "controls":
        return a, Role.SUSPECT, b, "", LinkType.CONTROLS_LINE, police
    if kind in ("works_for", "member_of"):
        return a, Role.SUSPECT, b, "", LinkType.MEMBER_OF, police
    if kind == "exploited_by":
        sid = _synthetic_person(source)
        role = Role.SUSPECT if sid in suspects else Role.VICTIM
        link_type = LinkType.RUNS_FOR_LINE if on_line else LinkType.EXPLOITED_BY
        return a, role, b, "", link_type, statutory if sid in children else police
    if kind == "exploits":
        return a, Role.SUSPECT, b, Role.VICTIM, LinkType.EXPLOITS, police
    if kind == "lives_at":
        return a, Role.RESIDENT, b, "", LinkType.LIVES_AT, police
    if kind == "uses_address":
        if on_line or a[0] == EntityKind.LINE:
            return b, "", a, "", LinkType.CUCKOOED_ADDRESS_OF, police
        return a, "", b, "", LinkType.USES_ADDRESS, police
    return None
