"""Intelligence and the County Lines register for the demo (``lantern.intelligence``).

* The county's **planted lines and groups** (``networks``, ``phones``, ``network_links``) go in
  through ``lantern.intelligence.loading.load_networks``, the function a county-scale load calls
  too: lines with their status history (so counts as at February 2019 show one line per area),
  groups of concern, phones and links. Children's links to a line are shared with statutory
  partners; the adults who run it stay police only.
* Each line has a **graded report** (dan, the police analyst): the unsanitised words from the
  police intelligence, and for lines still active a sanitised version partners read.
* **Partner submissions**: sarah (school) sent one the police have not yet looked at; priya
  sent one being looked at. Return home interviews' mentions arrive as submissions through the
  missing app's hook as the missing extension records them.
* olivia records a **stop and search** of a child on an active line, which alerts the child's
  lead professional (or goes to triage as a police referral when there is no open case).

Runs after ``missing``: dates count back from the seed's today on the stopped clock.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT
from lantern.accounts.models import Agency
from lantern.intelligence import services
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.loading import SOURCE_TYPE, load_networks
from lantern.intelligence.models import (
    CountyLine,
    FoundWith,
    Group,
    IntelligenceReport,
    Link,
    PartnerSubmission,
    PoliceEncounter,
)
from lantern.people.models import Address
from lantern.synthetic import personas as cast_mod
from lantern.synthetic.extensions._base import Steps, at, day, extension


def address_map(world, people) -> dict[int, int]:
    """Synthetic address id -> ``Address`` pk, matched on the person, first line and postcode."""
    loaded = {}
    for pk, person_id, line1, postcode in Address.objects.filter(
        person_id__in=[p.pk for p in people.values()]
    ).values_list("pk", "person_id", "line1", "postcode"):
        loaded.setdefault((person_id, line1, postcode), pk)
    out = {}
    for row in world.tables["addresses"]:
        person = people.get(row[1])
        if person is not None:
            pk = loaded.get((person.pk, row[2], row[5]))
            if pk:
                out[row[0]] = pk
    return out


def seed_intelligence(*, run, world, people, users):
    t = world.tables
    police = Agency.objects.get(name=cast_mod.POLICE)
    children = {r[0] for r in t["people"] if r[2] == "child"}
    suspects = {r[1] for r in t["events"] if r[2] == "arrest" and r[3] == "drug_supply"
                and r[1] in children}
    counts = load_networks(
        networks=t["networks"], phones=t["phones"], network_links=t["network_links"],
        people={sid: p.pk for sid, p in people.items()}, addresses=address_map(world, people),
        areas={r[0]: r[2] for r in t["areas"]}, source_agency=police, children=children,
        suspects=suspects,
    )
    dan, olivia, sarah, priya = users["dan"], users["olivia"], users["sarah"], users["priya"]
    intel = {}
    for r in t["events"]:
        if r[2] == "intelligence" and r[9] != "" and r[3] != "cuckooing":
            intel.setdefault(int(r[9]), r)
    steps = Steps()
    lines = list(CountyLine.objects.filter(synthetic_id__isnull=False).select_related(
        "importing_area").order_by("synthetic_id"))

    def report_for(line):
        row = intel.get(line.synthetic_id)
        if row is None:
            return
        report = services.report_record(
            actor=dan, received_on=min(day(-1), _date(row[4])), source_evaluation="2",
            intel_assessment="B", handling_code="P", text=row[7])
        IntelligenceReport.objects.filter(pk=report.pk).update(synthetic=True)
        services.report_entity_add(actor=dan, report=report, kind=EntityKind.LINE,
                                   entity_id=line.pk)
        for link in Link.objects.filter(b_kind=EntityKind.LINE, b_id=line.pk,
                                        link_type=LinkType.RUNS_FOR_LINE).order_by("id")[:3]:
            try:  # only the runners dan may see: a seed on another date holds other children
                services.report_entity_add(actor=dan, report=report, kind=link.a_kind,
                                           entity_id=link.a_id)
            except PermissionDenied:
                continue
        if line.status_on(run.as_at) == "active":
            services.report_sanitise(
                actor=dan, report=report,
                sanitised_text=(f"Police hold intelligence that a County Line known as "
                                f"'{line.brand}' is active in the {line.importing_area.name} area "
                                "and is using children from the area to carry and sell drugs."))

    for i, line in enumerate(lines):
        steps.add(at(day(-30 + i), 9), lambda line=line: report_for(line))

    def submissions():
        services.submission_make(
            actor=sarah, what="A Year 9 pupil said older boys offered her money to carry a bag "
            "to another town after school; a silver car waits near the gates most days.",
            occurred_on=day(-3), where="Outside the school gates",
            mentions=[("vehicle", "Silver hatchback, partial plate AD12", ""),
                      ("place", "Bus station", "where the car goes")])
        mine = services.submission_make(
            actor=priya, what="A child on my caseload has a second phone and gets calls late at "
            "night; he said the number is 'the work line'.", occurred_on=day(-8),
            mentions=[("phone", "07700 900555", "the second phone")])
        services.submission_assess(actor=dan, submission=mine, status="being_assessed",
                                   police_note="Number checked against the register.")

    steps.add(at(day(-3), 16), submissions)

    def stop():
        active = {line.pk for line in lines if line.status_on(run.as_at) == "active"}
        runners = Link.objects.filter(b_kind=EntityKind.LINE, b_id__in=active,
                                      link_type=LinkType.RUNS_FOR_LINE).order_by("id")
        from lantern.people.models import Person

        for link in runners:
            person = Person.objects.get(pk=link.a_id)
            if person_policy.can(olivia, ADD_EVENT, person):
                line = CountyLine.objects.get(pk=link.b_id)
                services.encounter_record(
                    actor=olivia, person=person, kind="stop_search", occurred_on=day(-1),
                    offence_type="county_lines", outcome="safeguarded",
                    location="Platform 2, Marlcombe station",
                    detail="Stopped with two phones and cash; the deal line rang while we spoke. "
                    "Taken home; drugs not found.", line=line,
                    sanitised_summary="Stopped by police at a railway station with two phones "
                    "and taken home safely; police believe a County Line is exploiting them.")
                # A child with no open case is referred to triage, and the referral service dates
                # its chronology entry by the real clock: put it on the seed's day.
                from lantern.people.models import ChronologyEvent

                ChronologyEvent.objects.filter(
                    person=person, event_type="referral", event_date__gt=day(-1)
                ).update(event_date=day(-1))
                return

    steps.add(at(day(-1), 21), stop)
    steps.run()
    counts["intelligence_reports"] = IntelligenceReport.objects.filter(synthetic=True).count()
    return {f"intelligence_{k}" if not k.startswith("intelligence") else k: v
            for k, v in counts.items()}


def _date(text):
    import datetime as dt

    return dt.date.fromisoformat(text)


def clear(*, person_ids) -> None:
    """Rows that point at seeded people (or were made by the seed) go first."""
    ids = list(person_ids)
    PoliceEncounter.objects.filter(person_id__in=ids).delete()
    FoundWith.objects.filter(person_id__in=ids).delete()
    PartnerSubmission.objects.filter(person_id__in=ids).delete()
    PartnerSubmission.objects.filter(submitted_by__username__in=("sarah", "priya")).delete()
    Link.objects.filter(source_type=SOURCE_TYPE).delete()
    Link.objects.filter(a_kind=EntityKind.PERSON, a_id__in=ids).delete()
    Link.objects.filter(b_kind=EntityKind.PERSON, b_id__in=ids).delete()
    IntelligenceReport.objects.filter(synthetic=True).delete()
    CountyLine.objects.filter(synthetic_id__isnull=False).delete()
    Group.objects.filter(synthetic_id__isnull=False).delete()


def digest_rows(key, ids):
    yield "lines", list(CountyLine.objects.filter(synthetic_id__isnull=False).values_list(
        "synthetic_id", "brand", "importing_area__name", "exporting_area"))
    yield "links", [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in Link.objects.filter(
        source_type=SOURCE_TYPE).values_list("source_id", "a_kind", "b_kind", "link_type",
                                             "first_seen", "last_seen")]


seed = extension(name="intelligence", clear=clear, digest=digest_rows)(seed_intelligence)
