"""The leak harness (issue 10): canaries planted in the seeded demo must reach only their audience.

Why: the record policy (``lantern.access.policies.person_policy``) decides who may *open* a
record, and direct URLs hold; but pages that may be opened also mention other people, copy
chronology text into alerts and notices, answer "already recorded" and "0 possible matches", and
keep an audit trail. Each is a side channel. This harness is the judge for all of them at once.

How it works:

1. **Seed the demo**: the small synthetic county (``lantern.synthetic.loader.load``, the same as
   ``manage.py seed_demo``), once per module, rolled back at the end.
2. **Plant canaries** on top (``_plant``), each a unique word with an *audience* computed from the
   policy's own primitives, never from what pages show today:

   * a restricted child ``Canaryrestrict`` (the name): only users holding an unexpired
     ``AccessGrant`` on the record (Priya holds a named grant; Tom's break-glass has expired);
   * the names of children linked to a child many can open (``Canaryhub``) through a
     relationship, a context referral, a place's members and an associate: only users who may
     open *them* (``person_policy.visible_ids``);
   * an NRM entry on ``Canaryhub`` marked *statutory partners*, and the account in an NRM
     referral for the same child: users who may open the child in
     a statutory partner (children's services, police, health, youth justice, the education
     service, the partnership), never a school or a voluntary organisation;
   * a police intelligence entry and an arrest entry on ``Canaryhub``, marked *police only*
     (through ``ChronologyEvent.sharing`` when the field exists): only police roles
     (police officer, police analyst) who may open the child. This is the sharing rule the
     harness states; it does not read it back from the code under test;
   * an identifier value (a police person ID): only users who may open its holder;
   * notes (a chronology contact note at partnership level, a case contact note): only users
     who may open the child.

3. **Walk**: for every persona, every URL name the access matrix lets the persona GET, with
   ``<int:..._id>`` filled with the ids of the canary-bearing records and records linked to
   them, plus the internal links found on those pages (slugs such as plan sections come from
   there), redirects, every GET form submitted once as found (filters, exports) and every form
   with a ``q`` box submitted with the canaries' surnames and the identifier value (the search
   pages). Nothing is POSTed by the walk; the two POST channels (identifier existence, search
   before create) have their own tests below, run inside a rolled-back savepoint.
4. **Assert** on the raw bytes and on the HTML-unescaped text, case-insensitively, and on the
   headers (a download's file name): a canary shown to a persona outside its audience is a
   failure naming persona, URL and canary. Every persona in a canary's ``must_see`` list must
   meet it somewhere on the walk, so hiding everything fails too. The audit trail is checked
   the same way (the DPO's pages are in the walk) and row by row.

``test_the_harness_catches_a_leak`` patches a view to print the restricted name and proves the
walk reports it. The walk is bounded (``MAX_PER_ROUTE``, ``MAX_REQUESTS``) to keep the module
under about two minutes on SQLite (about 2,000 requests for the nine personas).

Findings that wait on a product decision rather than a fix are listed in ``AWAITING_DECISION``
(persona, URL name, canary): while they are a persona's only findings its case is an expected
failure that prints them; any other finding fails as usual. Free text (a name typed into "found
with", an interview's mentions) is the recorder's words and follows the entry's audience; the
naming rule, and so this harness, governs the people the system links.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from lantern.access import matrix
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.access.urlwalk import routes_by_name
from lantern.synthetic.personas import PERSONAS

pytestmark = pytest.mark.django_db

SEED = 20260101
POLICE_ROLES = frozenset({"police_officer", "police_analyst"})
INTELLIGENCE_ROLES = frozenset({"police_officer", "police_analyst", "practitioner", "team_manager",
                                "panel_chair", "dpo"})

#: URL names the walk never GETs: signing out ends the walk; single sign-on leaves the site.
NEVER_GET = frozenset({"account_logout", "openid_connect_login", "openid_connect_callback"})
#: Caps that keep the walk near two minutes on SQLite with two cores.
MAX_PER_ROUTE = 24
MAX_REQUESTS = 700


_HANDLER = None


def _client(user=None) -> Client:
    """A test client sharing one request handler: building a handler loads the middleware, and
    WhiteNoise's scan of the static files then costs about two seconds a client."""
    global _HANDLER
    client = Client(raise_request_exception=False)  # a crash is a 500 in the findings
    if _HANDLER is None:
        _HANDLER = client.handler
    client.handler = _HANDLER
    if user is not None:
        client.force_login(user)
    return client


# --- Canaries -------------------------------------------------------------------------------------


@dataclass
class Canary:
    """A unique word planted in one place; ``audience(user)`` says who may see it."""

    key: str
    token: str  # what is searched for in responses (letters only, case-insensitive)
    channel: str  # where it was planted, for the failure message
    audience: object  # callable(user) -> bool
    must_see: tuple[str, ...] = ()  # personas that must meet it somewhere on their walk

    def allowed(self, user) -> bool:
        return user is not None and bool(self.audience(user))


@dataclass
class LeakWorld:
    people: dict  # role in the harness -> Person
    canaries: list[Canary]
    ids: dict[str, list[int]]  # kwarg name -> ids worth trying
    queries: list[str]  # typed into every search box
    users: dict
    records: dict = field(default_factory=dict)


def _can_open(person):
    pid = person.pk
    return lambda user: pid in person_policy.visible_ids(user, VIEW, [pid])


def _police_only(person):
    opens = _can_open(person)
    return lambda user: user.role in POLICE_ROLES and opens(user)


#: Statutory partners (issue 10 item 2): children's services, police, health, youth justice, the
#: education service and the partnership (panel, DPO); never schools or voluntary organisations.
STATUTORY_AGENCY_KINDS = frozenset({"childrens_services", "police", "health", "youth_justice", "education",
                                    "partnership"})


def _statutory(person):
    opens = _can_open(person)

    def allowed(user):
        kind = user.agency.kind if user.agency_id else None
        return user.role != "school_dsl" and kind in STATUTORY_AGENCY_KINDS and opens(user)

    return allowed


def _police(user):
    """Police officers and analysts: the audience of unsanitised intelligence."""
    return user.role in POLICE_ROLES


def _intelligence_reader(person):
    """Who reads a sanitised report about ``person``: statutory readers of intelligence (police,
    practitioners, managers, panel chairs, the DPO) who may open the person."""
    statutory = _statutory(person)
    return lambda user: user.role in INTELLIGENCE_ROLES and statutory(user)


def _holds_grant(person):
    def allowed(user):
        now = timezone.now()
        held = AccessGrant.objects.filter(person=person, user=user).exclude(expires_at__lte=now).exists()
        return held and _can_open(person)(user)

    return allowed


def _sharing_field():
    from lantern.people.models import ChronologyEvent

    return next((f for f in ChronologyEvent._meta.get_fields() if f.name == "sharing"), None)


def _sharing_value(*words: str) -> str | None:
    """The ``sharing`` choice whose value or label holds every word ("police", "only")."""
    fld = _sharing_field()
    if fld is None:
        return None
    for value, label in fld.choices or ():
        text = f"{value} {label}".lower()
        if all(w in text for w in words):
            return value
    return None


def _mark_sharing(event, *words: str) -> None:
    value = _sharing_value(*words)
    if value is not None:
        type(event).objects.filter(pk=event.pk).update(sharing=value)


def _plant(users) -> LeakWorld:
    """The canaries, on top of the seeded county. Built with services where a person would act,
    so their side effects (alerts, school notices, audit rows) happen as they would live."""
    from django.core.exceptions import ValidationError

    from lantern.accounts.models import Agency, Team
    from lantern.cases.models import Resurfacing
    from lantern.cases.tests.factories import (
        ClosedCaseFactory,
        ContactFactory,
        OpenCaseFactory,
        PlanActionFactory,
        TaskFactory,
    )
    from lantern.contexts.tests.factories import (
        ContextActionFactory,
        ContextNoteFactory,
        LinkedChildFactory,
        OpenPlaceFactory,
    )
    from lantern.missing.tests.factories import DueInterviewFactory, ReturnedEpisodeFactory
    from lantern.people import services as people_services
    from lantern.people.choices import EventType, IdentifierType, RelationshipKind
    from lantern.people.models import Identifier, Involvement, Relationship, SchoolEnrolment
    from lantern.people.tests.factories import (
        ChildFactory,
        InvolvementFactory,
        RestrictedChildFactory,
    )
    from lantern.referrals import services as referral_services
    from lantern.referrals.models import ReferralChild
    from lantern.synthetic import personas as cast

    priya, tom, olivia = users["priya"], users["tom"], users["olivia"]
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    police = Agency.objects.get(name=cast.POLICE)
    school = Agency.objects.get(name=cast.SCHOOL)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    west = Team.objects.get(name="Lantern Exploitation Team West")
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    today = timezone.localdate()

    def child(first, last, *, restricted=False, **extra):
        factory = RestrictedChildFactory if restricted else ChildFactory
        return factory(first_name=first, last_name=last, date_of_birth=dt.date(2011, 6, 2), **extra)

    # The hub: a child almost everyone with casework may open (North team, police, Oakfield's roll).
    hub = child("Canaryhub", "Lanternhub")
    InvolvementFactory(person=hub, agency=cs, team=north, user=priya, is_lead=True)
    InvolvementFactory(person=hub, agency=police, team=met, role="Investigating officer",
                       contact_name="Canarypcinvolved")
    SchoolEnrolment.objects.create(person=hub, school=school, year_group=9, start_date=dt.date(2025, 9, 1))

    # A restricted child in North and on Oakfield's roll: in Priya's, Tom's and Sarah's scope, but
    # only Priya holds a grant. Tom broke the glass once; it has expired.
    restricted = child("Canaryrestrict", "Quillfeather", restricted=True)
    InvolvementFactory(person=restricted, agency=cs, team=north)
    SchoolEnrolment.objects.create(person=restricted, school=school, year_group=9, start_date=dt.date(2025, 9, 1))
    now = timezone.now()
    AccessGrant.objects.create(person=restricted, user=priya, kind=GrantKind.NAMED, granted_by=users["grace"],
                               reason="Allocated worker for this child (leak harness)", created_at=now)
    AccessGrant.objects.create(person=restricted, user=tom, kind=GrantKind.BREAK_GLASS, granted_by=tom,
                               reason="Allocating the case after a missing episode overnight (leak harness)",
                               created_at=now - dt.timedelta(hours=6), expires_at=now - dt.timedelta(hours=2))
    # Priya records a missing episode on the restricted child (a critical event: notices, alerts).
    people_services.chronology_event_add(
        actor=priya, person=restricted, event_type=EventType.MISSING, event_date=today - dt.timedelta(days=1),
        summary="Reported missing overnight; returned home by taxi the next morning.")

    # Children out of some personas' scopes, linked to the hub.
    rel_west = child("Canaryrelwest", "Tallowmere")  # West team only: a friend of the hub's
    InvolvementFactory(person=rel_west, agency=cs, team=west)
    ref_police = child("Canaryrefpolice", "Wrenfield")  # police only: named on a context referral
    InvolvementFactory(person=ref_police, agency=police, team=met)
    ctx_west = child("Canaryctxwest", "Brackenby")  # West only: seen at a North team's place
    InvolvementFactory(person=ctx_west, agency=cs, team=west)
    id_holder = child("Canaryidholder", "Pemberdeen")  # police only: an associate; holds the ID
    InvolvementFactory(person=id_holder, agency=police, team=met)
    held = child("Canaryheld", "Marrowby", middle_names="Canaryheldmiddle")  # West only, for search before create
    InvolvementFactory(person=held, agency=cs, team=west)
    Identifier.objects.create(person=held, type=IdentifierType.LA_CHILD_ID, value="LACANARYHELD")

    Relationship.objects.create(person=hub, other=restricted, kind=RelationshipKind.SIBLING)
    Relationship.objects.create(person=hub, other=rel_west, kind=RelationshipKind.PEER)
    Relationship.objects.create(person=hub, other=id_holder, kind=RelationshipKind.ASSOCIATE)
    Relationship.objects.create(person=rel_west, other=hub, kind=RelationshipKind.PEER)

    identifier_value = "PCANARYID4471"
    Identifier.objects.create(person=id_holder, type=IdentifierType.POLICE_ID, value=identifier_value)
    # Priya adds to the hub a local-authority ID the police-only child already holds: a clash she
    # may not be told about (before issue 10 item 3 it was refused with "already recorded").
    Identifier.objects.create(person=id_holder, type=IdentifierType.LA_CHILD_ID, value="LACLASH5520")
    try:
        people_services.identifier_add(actor=priya, person=hub, id_type=IdentifierType.LA_CHILD_ID,
                                       value="LACLASH5520")
    except ValidationError:
        pass

    # Chronology: a partnership-level note, and police-only intelligence and arrest detail.
    note = people_services.chronology_event_add(
        actor=priya, person=hub, event_type=EventType.CONTACT, event_date=today - dt.timedelta(days=3),
        summary="Home visit: CANARYNOTE talked about football and her new college course.")
    _mark_sharing(note, "partnership")
    intel = people_services.chronology_event_add(
        actor=olivia, person=hub, event_type=EventType.INTELLIGENCE, event_date=today - dt.timedelta(days=2),
        summary="Graded B2 P: CANARYINTEL seen at the bus station with a known line holder.")
    _mark_sharing(intel, "police", "only")
    nrm = people_services.chronology_event_add(
        actor=priya, person=hub, event_type=EventType.NRM, event_date=today - dt.timedelta(days=5),
        summary="NRM referral made: CANARYNRM reasonable grounds decision awaited.")
    _mark_sharing(nrm, "statutory")
    arrest = people_services.chronology_event_add(
        actor=olivia, person=hub, event_type=EventType.ARREST, event_date=today - dt.timedelta(days=1),
        summary="Arrested in another county: CANARYARREST found with a package; released under investigation.")
    _mark_sharing(arrest, "police", "only")

    # An NRM referral for the hub (statutory partners: the account names what was done to her).
    try:
        from lantern.nrm.tests.factories import ChargeFactory, PendingReferralFactory
    except ImportError:  # before the NRM pages existed
        pass
    else:
        PendingReferralFactory(person=hub, referred_by=priya,
                               account="Made to hold drugs: CANARYTRAFFICKED in a flat in another town.")
        ChargeFactory(person=hub, recorded_by=olivia)

    # Casework around the hub: a case with a contact note, a plan action, a missing episode.
    case = OpenCaseFactory(person=hub, team=north, lead=priya, opened_by=priya)
    ContactFactory(case=case, agency=cs, recorded_by=priya,
                   notes="Spoke with her at school: CANARYCASENOTE she wants to stay at her nan's.")
    PlanActionFactory(case=case, agency=cs, owner_user=priya, owner_name="Priya Okafor")
    episode = ReturnedEpisodeFactory(person=hub, reported_by=police, recorded_by=olivia,
                                     started_at=now - dt.timedelta(days=4))
    DueInterviewFactory(episode=episode)

    # Work that outlived access: Priya still leads a North case for a child only the police now
    # hold, and has a task about a West child. The police record an arrest for the first (an
    # alert to the case lead names the child); Priya relays a police arrest of the restricted
    # child, which tells the school (a notice names the pupil).
    OpenCaseFactory(person=ref_police, team=north, lead=priya, opened_by=priya)
    people_services.chronology_event_add(
        actor=olivia, person=ref_police, event_type=EventType.ARREST, event_date=today,
        summary="Arrested with two older males at the station; released to a carer.")
    TaskFactory(person=rel_west, assigned_to=priya, title="Call the West team about the handover")
    people_services.chronology_event_add(
        actor=priya, person=restricted, event_type=EventType.ARREST, event_date=today, source_agency=police,
        summary="Police told us of an arrest in the town centre; no further action.")

    # A North team place: the hub and a West child seen there.
    place = OpenPlaceFactory(team=north, lead=priya, name="Harbour Road underpass (leak harness)")
    LinkedChildFactory(context=place, person=hub)
    LinkedChildFactory(context=place, person=ctx_west)
    ContextNoteFactory(context=place, recorded_by=priya)
    ContextActionFactory(context=place, owner_user=olivia, owner_name="Olivia Brennan", agency=police)

    # Referrals: one about the hub, and a context referral naming the hub, a police-only child
    # and the restricted child.
    basis = {"sharing_basis": "safeguarding",
             "sharing_reason": "Telling the family may put the child at greater risk."}
    child_referral = referral_services.referral_make(
        actor=priya, person=hub, concerns="Found out of area with adults not known to the family.",
        types=["cce"], **basis)
    context_referral = referral_services.referral_make(
        actor=priya, about="context", context_kind="location", context_name="Harbour Road underpass",
        concerns="Children gathering late with older males.", types=["cce"], **basis)
    for p in (hub, ref_police, restricted):
        ReferralChild.objects.create(referral=context_referral, person=p, linked_by=priya)

    # A case closed last year resurfaced by the arrest (the team manager's resurfacing page).
    closed = ClosedCaseFactory(person=hub, team=north, opened_by=priya,
                               opened_on=today - dt.timedelta(days=400), closed_on=today - dt.timedelta(days=100))
    Resurfacing.objects.create(case=closed, event=arrest, team=north)

    # Assessments of the hub: submitted, in draft (section pages), and an outcome measure.
    from lantern.assessments.tests import factories as af

    af.submitted_assessment(priya, hub, af.MODERATE)
    af.draft_assessment(priya, hub)
    af.outcome_assessment(priya, hub)
    # Priya's team held the police-only child until yesterday: her draft assessment stays.
    north_until_yesterday = InvolvementFactory(person=ref_police, agency=cs, team=north)
    af.draft_assessment(priya, ref_police)
    Involvement.objects.filter(pk=north_until_yesterday.pk).update(end_date=today - dt.timedelta(days=1))

    # Intelligence (issue 11): a graded report left unsanitised, a police-only link from the hub
    # to a vehicle, an arrest recorded through the intelligence service, and the police's note on
    # a school's submission: all police only. A sanitised report about the hub: statutory.
    from lantern.intelligence import services as intel_services

    raw_report = intel_services.report_record(
        actor=users["dan"], received_on=today, source_evaluation="2", intel_assessment="B",
        handling_code="P", text="CANARYREPORTINTEL: the hub carries for a line from the coast.")
    intel_services.report_entity_add(actor=users["dan"], report=raw_report, kind="person",
                                     entity_id=hub.pk)
    shared_report = intel_services.report_record(
        actor=users["dan"], received_on=today, source_evaluation="1", intel_assessment="A",
        handling_code="P", text="Original words about the hub and the station.")
    intel_services.report_sanitise(actor=users["dan"], report=shared_report,
                                   sanitised_text="CANARYSANITISED: a line uses the station.")
    intel_services.report_entity_add(actor=users["dan"], report=shared_report, kind="person",
                                     entity_id=hub.pk)
    vehicle = intel_services.entity_resolve(actor=olivia, kind="vehicle", ref="CANARYVEH")
    intel_services.link_add(actor=olivia, a=("person", hub.pk), b=vehicle, link_type="travels_with",
                            strength="tentative", first_seen=today - dt.timedelta(days=2))
    encounter = intel_services.encounter_record(
        actor=olivia, person=hub, kind="stop_search", occurred_on=today - dt.timedelta(days=1),
        offence_type="county_lines", outcome="safeguarded",
        detail="CANARYENCOUNTER: two phones and cash found; taken home.")
    submission = intel_services.submission_make(actor=users["sarah"], what="A car waits at the gates.")
    intel_services.submission_assess(actor=users["dan"], submission=submission, status="assessed",
                                      police_note="CANARYPOLICENOTE: matches the line's car.")

    people = {"hub": hub, "restricted": restricted, "rel_west": rel_west, "ref_police": ref_police,
              "ctx_west": ctx_west, "id_holder": id_holder, "held": held}

    canaries = [
        Canary("restricted_name", "Canaryrestrict", "restricted child's name", _holds_grant(restricted),
               must_see=("priya",)),
        Canary("hub_name", "Canaryhub", "name of the hub child (many may open)", _can_open(hub),
               must_see=("priya", "tom", "olivia", "dan", "sarah", "marcus", "grace")),
        Canary("relationship_name", "Canaryrelwest", "name via a relationship", _can_open(rel_west),
               must_see=("tom", "dan")),
        Canary("referral_child_name", "Canaryrefpolice", "name via a context referral", _can_open(ref_police),
               must_see=("olivia", "dan")),
        Canary("context_member_name", "Canaryctxwest", "name via a place's members", _can_open(ctx_west),
               must_see=("tom",)),
        Canary("associate_name", "Canaryidholder", "name via an associate relationship", _can_open(id_holder),
               must_see=("olivia", "dan")),
        Canary("held_elsewhere_detail", "Canaryheldmiddle", "a West child's middle name", _can_open(held),
               must_see=("tom",)),
        Canary("identifier", identifier_value, "a police person ID", _can_open(id_holder),
               must_see=("olivia", "dan")),
        Canary("intelligence", "CANARYINTEL", "police-only intelligence entry", _police_only(hub),
               must_see=("olivia", "dan")),
        Canary("nrm", "CANARYNRM", "statutory-partners NRM entry", _statutory(hub),
               must_see=("priya", "tom", "olivia", "dan", "marcus")),
        Canary("nrm_account", "CANARYTRAFFICKED", "an NRM referral's account", _statutory(hub),
               must_see=("priya", "dan")),
        Canary("arrest", "CANARYARREST", "police-only arrest detail", _police_only(hub),
               must_see=("olivia", "dan")),
        Canary("chronology_note", "CANARYNOTE", "partnership-level chronology note", _can_open(hub),
               must_see=("priya", "tom", "olivia", "sarah")),
        Canary("case_note", "CANARYCASENOTE", "case contact note", _can_open(hub),
               must_see=("priya", "tom")),
        Canary("report_unsanitised", "CANARYREPORTINTEL", "an unsanitised intelligence report",
               _police, must_see=("olivia", "dan")),
        Canary("report_sanitised", "CANARYSANITISED", "a sanitised report about the hub",
               _intelligence_reader(hub), must_see=("priya", "dan")),
        Canary("police_link", "CANARYVEH", "a police-only link from the hub to a vehicle",
               _police_only(hub), must_see=("olivia", "dan")),
        Canary("encounter", "CANARYENCOUNTER", "police-only detail of a stop and search",
               _police_only(hub), must_see=("olivia", "dan")),
        Canary("police_note", "CANARYPOLICENOTE", "the police's note on a school's submission",
               _police, must_see=("dan",)),
        Canary("police_involvement", "Canarypcinvolved", "the police's involvement with the hub",
               _statutory(hub), must_see=("priya", "olivia")),
    ]

    ids = _ids_around(list(people.values()))
    queries = ["Quillfeather", "Lanternhub", "Tallowmere", "Wrenfield", "Brackenby", "Pemberdeen",
               "Marrowby", identifier_value]
    return LeakWorld(people=people, canaries=canaries, ids=ids, queries=queries, users=users,
                     records={"case": case, "episode": episode, "place": place,
                              "child_referral": child_referral, "context_referral": context_referral,
                              "intel": intel, "arrest": arrest, "note": note,
                              "encounter": encounter, "submission": submission})


def _ids_around(people) -> dict[str, list[int]]:
    """Ids for every ``<int:..._id>`` kwarg: the canary people and the records about them."""
    from django.apps import apps
    from django.db.models import Q

    from lantern.access.models import AccessGrant
    from lantern.assessments.models import Assessment
    from lantern.cases.models import Alert, Case, PlanAction, Resurfacing, Task
    from lantern.contexts.models import Context, ContextAction, ContextMember
    from lantern.missing.models import MissingEpisode, ReturnInterview, RhiMention
    from lantern.people.models import (
        Address,
        Involvement,
        Person,
        Relationship,
        SchoolEnrolment,
    )
    from lantern.referrals.models import Referral
    from lantern.schools.models import EncompassNotice

    pids = [p.pk for p in people]
    # Two demo children besides: one restricted record and the first record, as controls.
    others = list(Person.objects.filter(restricted=True).exclude(pk__in=pids).values_list("pk", flat=True)[:1])
    others += list(Person.objects.exclude(pk__in=pids).order_by("pk").values_list("pk", flat=True)[:1])
    contexts = list(Context.objects.filter(members__person_id__in=pids).values_list("pk", flat=True).distinct())

    def pks(qs):
        return sorted(set(qs.values_list("pk", flat=True)))

    tasks = pks(Task.objects.filter(person_id__in=pids))
    def of_app(label: str, model: str, **filters) -> list[int]:
        """Records of an app that may not exist yet in the code under test."""
        try:
            return pks(apps.get_model(label, model).objects.filter(**filters))
        except LookupError:
            return []

    return {
        "match_id": sorted(set(of_app("identity", "PossibleMatch", person_id__in=pids)
                               + of_app("identity", "PossibleMatch", other_id__in=pids))),
        "nrm_referral_id": of_app("nrm", "NrmReferral", person_id__in=pids),
        "charge_id": of_app("nrm", "Charge", person_id__in=pids),
        "person_id": pids + others,
        "referral_id": pks(Referral.objects.filter(Q(person_id__in=pids) | Q(children__person_id__in=pids))),
        "case_id": pks(Case.objects.filter(person_id__in=pids)),
        "action_id": pks(PlanAction.objects.filter(case__person_id__in=pids)),
        "involvement_id": pks(Involvement.objects.filter(person_id__in=pids)),
        "enrolment_id": pks(SchoolEnrolment.objects.filter(person_id__in=pids)),
        "address_id": pks(Address.objects.filter(person_id__in=pids)),
        "relationship_id": pks(Relationship.objects.filter(Q(person_id__in=pids) | Q(other_id__in=pids))),
        "alert_id": pks(Alert.objects.filter(person_id__in=pids)),
        "task_id": tasks,
        "resurfacing_id": pks(Resurfacing.objects.filter(case__person_id__in=pids)),
        "episode_id": pks(MissingEpisode.objects.filter(person_id__in=pids)),
        "interview_id": pks(ReturnInterview.objects.filter(person_id__in=pids)),
        "mention_id": pks(RhiMention.objects.filter(interview__person_id__in=pids)),
        "context_id": contexts,
        "member_id": pks(ContextMember.objects.filter(context_id__in=contexts)),
        "context_action_id": pks(ContextAction.objects.filter(context_id__in=contexts)),
        "notice_id": pks(EncompassNotice.objects.filter(person_id__in=pids)),
        "assessment_id": pks(Assessment.objects.filter(person_id__in=pids)),
        "grant_id": pks(AccessGrant.objects.filter(person_id__in=pids)),
        "report_id": of_app("intelligence", "IntelligenceReport", entities__entity_kind="person",
                            entities__entity_id__in=pids),
        "encounter_id": of_app("intelligence", "PoliceEncounter", person_id__in=pids),
        "submission_id": of_app("intelligence", "PartnerSubmission", person_id__in=pids)
        + of_app("intelligence", "PartnerSubmission", police_note__startswith="CANARY"),
        "line_id": of_app("intelligence", "CountyLine", synthetic_id__in=[1, 2]),
    }


def _warm_up(world: LeakWorld) -> None:
    """What people did before the walk, so the audit trail has canary records in it: Priya opens
    the restricted record and searches for it, Tom reaches the break-glass page, Dan searches."""
    users, p = world.users, world.people
    visits = {
        "priya": [reverse("people:person_detail", args=[p["restricted"].pk]),
                  reverse("people:chronology", args=[p["restricted"].pk]),
                  reverse("people:search") + "?q=Quillfeather"],
        "tom": [reverse("access:break_glass", args=[p["restricted"].pk]),
                reverse("people:person_detail", args=[p["rel_west"].pk])],
        "olivia": [reverse("people:chronology", args=[p["hub"].pk]),
                   reverse("people:person_detail", args=[p["id_holder"].pk])],
        "dan": [reverse("people:search") + "?q=Pemberdeen"],
    }
    for username, urls in visits.items():
        client = _client(users[username])
        for url in urls:
            client.get(url)


@pytest.fixture(scope="module")
def leak_world(django_db_setup, django_db_blocker):
    from lantern.accounts.models import User
    from lantern.synthetic import loader, world

    with django_db_blocker.unblock(), transaction.atomic():
        world._PASSWORD_HASH_CACHE.clear()
        loader.load(seed=SEED)
        users = {u.username: u for u in User.objects.filter(username__in=[p.username for p in PERSONAS])}
        planted = _plant(users)
        _warm_up(planted)
        # The harness's own oracle must match its premise: only Priya may see the restricted name.
        restricted = next(c for c in planted.canaries if c.key == "restricted_name")
        assert [u for u in users.values() if restricted.allowed(u)] == [users["priya"]]
        yield planted
        transaction.set_rollback(True)


# --- The walk -------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Links and GET forms on a page (``html.parser``; no browser needed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""),
                          "fields": [], "text": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind, name = a.get("type", "text").lower(), a.get("name")
            if not name or kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
                return
            self._form["fields"].append((name, a.get("value", "")))
            if kind in ("text", "search"):
                self._form["text"].append(name)
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._form["fields"].append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass
class Seen:
    """One response, as the checks need it."""

    url: str
    status: int
    body: bytes
    headers: str
    typed: str = ""  # what the walker typed into the page (masked before checking)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _resolve(url: str):
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in ("testserver",):
        return None
    try:
        return resolve(parts.path)
    except Resolver404:
        return None


def _seed_urls(user, world: LeakWorld) -> list[str]:
    """Every URL name the matrix lets ``user`` GET, with every candidate id (slugs come later)."""
    urls: list[str] = []
    for name, route in sorted(routes_by_name().items()):
        if name in NEVER_GET or not matrix.allows(user, name, "GET"):
            continue
        if not route.kwargs:
            urls.append(reverse(name))
            continue
        options = [world.ids.get(k) for k in route.kwargs]
        if any(o is None for o in options):
            continue  # a slug (plan section, tool): reached through links
        for values in itertools.islice(itertools.product(*options), MAX_PER_ROUTE):
            try:
                urls.append(reverse(name, kwargs=dict(zip(route.kwargs, values))))
            except NoReverseMatch:
                continue
    return urls


def _extra_urls(user) -> list[str]:
    """Exports and filters whose forms start empty: the SSDA903 table and its CSV, a filtered
    chronology is reached through the page's own form."""
    if not matrix.allows(user, "missing:export_903", "GET"):
        return []
    today = timezone.localdate()
    q = {"date_from_0": "1", "date_from_1": "1", "date_from_2": "2020",
         "date_to_0": str(today.day), "date_to_1": str(today.month), "date_to_2": str(today.year)}
    base = reverse("missing:export_903")
    return [f"{base}?{urlencode(q)}", f"{base}?{urlencode({**q, 'download': 'csv'})}"]


def _worth_following(url: str, user, world: LeakWorld) -> str | None:
    """The URL name when a link is internal, allowed to ``user`` and about the records at hand."""
    match = _resolve(url)
    if match is None or not match.url_name:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    if name in NEVER_GET or not matrix.allows(user, name, "GET"):
        return None
    for kwarg, value in match.kwargs.items():
        if kwarg in world.ids and int(value) not in world.ids[kwarg]:
            return None
    return name


def walk(user, world: LeakWorld, *, max_requests: int = MAX_REQUESTS) -> list[Seen]:
    """GET everything ``user`` may reach around the canaries; return every response."""
    client = _client(user)
    queue: deque[tuple[str, str]] = deque((u, "") for u in _seed_urls(user, world) + _extra_urls(user))
    queued = {u for u, _ in queue}
    per_route: dict[str, int] = {}
    submitted_forms: set[tuple[str, tuple]] = set()
    seen: list[Seen] = []

    def push(url: str, typed: str = ""):
        if url in queued:
            return
        name = _worth_following(url, user, world)
        if name is None or per_route.get(name, 0) >= MAX_PER_ROUTE:
            return
        per_route[name] = per_route.get(name, 0) + 1
        queued.add(url)
        queue.append((url, typed))

    while queue and len(seen) < max_requests:
        url, typed = queue.popleft()
        response = client.get(url)
        body = _body(response)
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        seen.append(Seen(url=url, status=response.status_code, body=body, headers=headers, typed=typed))
        if response.status_code in (301, 302, 303, 307, 308):
            push(urljoin(url, response["Location"]))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(body.decode("utf-8", "replace"))
        for href in page.links:
            push(urljoin(url, href).split("#")[0])
        for form in page.forms:
            if form["method"] != "get":
                continue
            action = urljoin(url, form["action"] or url).split("?")[0]
            key = (action, tuple(sorted(n for n, _ in form["fields"])))
            if key in submitted_forms:
                continue
            submitted_forms.add(key)
            push(f"{action}?{urlencode(form['fields'])}")
            if "q" in form["text"]:
                for query in world.queries:
                    fields = [(n, query if n == "q" else v) for n, v in form["fields"]]
                    push(f"{action}?{urlencode(fields)}", typed=query)
    return seen


def _texts(seen: Seen) -> list[str]:
    """The bytes and the unescaped text of a response, lowercased, what was typed masked out."""
    raw = seen.body.decode("utf-8", "replace") + "\n" + seen.headers
    texts = [raw, html.unescape(raw)]
    if seen.typed:
        typed = seen.typed.lower()
        texts = [t.lower().replace(typed, "<typed>") for t in texts]
        # The URL is echoed in links and forms: the typed query travels in it.
        texts = [re.sub(r"q=[^&\"'\s<>]*", "q=<typed>", t) for t in texts]
    return [t.lower() for t in texts]


@dataclass(frozen=True)
class Leak:
    """A canary shown outside its audience: persona, URL and canary."""

    username: str
    role: str
    url: str
    status: int
    canary: Canary

    @property
    def url_name(self) -> str:
        match = _resolve(self.url)
        if match is None:
            return ""
        return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name

    def __str__(self) -> str:
        c = self.canary
        return (f"{self.username} ({self.role}) GET {self.url} [{self.status}] shows {c.key} "
                f"({c.channel}: {c.token!r})")


def leaks_in(user, seen: list[Seen], canaries: list[Canary]) -> tuple[list[Leak], set[str]]:
    """Canaries shown outside their audience, and the canary keys the persona met."""
    forbidden = [c for c in canaries if not c.allowed(user)]
    problems, met = [], set()
    for s in seen:
        texts = _texts(s)
        for c in canaries:
            if any(c.token.lower() in t for t in texts):
                if c in forbidden:
                    who = getattr(user, "username", "anonymous")
                    problems.append(Leak(who, getattr(user, "role", "anonymous"), s.url, s.status, c))
                else:
                    met.add(c.key)
    return problems, met


#: Findings that wait on a decision, not a fix: (persona, URL name, canary). Reported as an
#: expected failure while they are the only findings for the persona; any other finding fails.
#: The data protection officer manages restrictions and reviews break-glass on any record (ADR
#: 0012), and these pages name the restricted child to her although she holds no grant. Either
#: the pages stop naming the child (then delete the entries) or the DPO joins the audience of a
#: restricted name on these pages only (then say so in ``_holds_grant`` and in ADR 0012).
AWAITING_DECISION: frozenset[tuple[str, str, str]] = frozenset()


def _audit_rows_leaking(user, canaries: list[Canary]) -> list[str]:
    """Audit rows whose stored detail or reason holds a canary the reader may not see: what the
    DPO's views and exports would show, however they render it."""
    from lantern.audit.models import AuditEvent

    problems = []
    for row in AuditEvent.objects.all().only("id", "action", "detail", "reason", "subject_ids"):
        text = f"{row.detail} {row.reason}".lower()
        for c in canaries:
            if not c.allowed(user) and c.token.lower() in text:
                problems.append(f"{user.username} audit row {row.pk} ({row.action}) holds {c.key} ({c.token!r})")
    return problems


@pytest.mark.parametrize("username", [p.username for p in PERSONAS] + ["anonymous"])
def test_canaries_reach_only_their_audience(username, leak_world):
    user = leak_world.users.get(username)  # None: signed out (the public pages)
    seen = walk(user, leak_world)
    assert seen, f"{username}: the walk made no requests"
    leaks, met = leaks_in(user, seen, leak_world.canaries)
    waiting = [str(x) for x in leaks if (username, x.url_name, x.canary.key) in AWAITING_DECISION]
    problems = [str(x) for x in leaks if (username, x.url_name, x.canary.key) not in AWAITING_DECISION]
    problems += [f"{username} GET {s.url}: server error {s.status}" for s in seen if s.status >= 500]
    if user is not None and user.role == "dpo":
        problems += _audit_rows_leaking(user, leak_world.canaries)
    missing = [c.key for c in leak_world.canaries if username in c.must_see and c.key not in met]
    for key in missing:
        problems.append(f"{username} never sees {key}, though the policy lets them (over-hiding, or the "
                        f"walk lost its pages)")
    assert not problems, f"{len(problems)} problem(s) in {len(seen)} requests as {username}:\n" + "\n".join(
        sorted(set(problems + waiting)))
    if waiting:
        pytest.xfail("awaiting a decision (AWAITING_DECISION):\n" + "\n".join(sorted(set(waiting))))


def test_the_oracle_agrees_with_the_policy(leak_world):
    """Every ``must_see`` persona is in the canary's audience (the expectations are consistent),
    and the people canaries' audiences are exactly ``visible_ids``."""
    users = leak_world.users
    for c in leak_world.canaries:
        for username in c.must_see:
            assert c.allowed(users[username]), f"{c.key}: {username} must see it but is outside its audience"
    hub = leak_world.people["hub"]
    police = {u for u in users.values() if u.role in POLICE_ROLES}
    intel = next(c for c in leak_world.canaries if c.key == "intelligence")
    assert {u for u in users.values() if intel.allowed(u)} == {
        u for u in police if hub.pk in person_policy.visible_ids(u, VIEW, [hub.pk])}
    assert not intel.allowed(users["sarah"]) and person_policy.can(users["sarah"], VIEW, hub)


# --- Chronology sharing levels ----------------------------------------------------------------------


def test_chronology_events_carry_a_sharing_level(leak_world):
    """Item 2: the police-only marking the canaries rely on exists and was applied."""
    fld = _sharing_field()
    assert fld is not None, "ChronologyEvent has no `sharing` field: every event is shown to all who open the child"
    assert _sharing_value("police", "only") and _sharing_value("partnership"), fld.choices
    intel = leak_world.records["intel"]
    intel.refresh_from_db()
    assert intel.sharing == _sharing_value("police", "only")


def _normalised(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    text = re.sub(r'data-session-[a-z-]*="[^"]*"', "", text)  # the time-out clock ticks
    return text


def test_a_school_lead_cannot_tell_a_police_entry_exists(leak_world):
    """Sarah may open the hub but not police-only entries: the hub's chronology, its print and
    its record read the same with and without the police entries (no text, no "a police entry"
    placeholder, no count). The "where it is safe" placeholder of item 2 is not safe for schools."""
    sarah, hub = leak_world.users["sarah"], leak_world.people["hub"]
    client = _client(sarah)
    urls = [reverse(n, args=[hub.pk]) for n in ("people:chronology", "people:chronology_print",
                                                 "people:person_detail")]
    with_police = {u: _normalised(client.get(u).content) for u in urls}
    with transaction.atomic():
        police_ids = [leak_world.records["intel"].pk, leak_world.records["arrest"].pk]
        from lantern.people.models import ChronologyEvent

        _delete_with_dependants(ChronologyEvent.objects.filter(pk__in=police_ids))
        without = {u: _normalised(client.get(u).content) for u in urls}
        transaction.set_rollback(True)
    differs = [u for u in urls if with_police[u] != without[u]]
    assert not differs, f"sarah can tell police-only entries exist on {differs}:\n" + "\n".join(
        _diff(without[u], with_police[u]) for u in differs)


def _diff(before: str, after: str, lines: int = 30) -> str:
    import difflib

    return "\n".join(list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))[:lines])


def _delete_with_dependants(queryset) -> None:
    """Delete events and whatever points at them with PROTECT (alerts, notices), in a savepoint."""
    from django.db.models import ProtectedError

    for _ in range(5):
        try:
            queryset.delete()
            return
        except ProtectedError as exc:
            for obj in exc.protected_objects:
                obj.delete()


# --- Identifier existence (item 3) and search before create (item 4) ------------------------------


def _post_followed(client: Client, url: str, data: dict) -> tuple[list, str]:
    response = client.post(url, data, follow=True)
    chain = [(urlsplit(u).path, code) for u, code in response.redirect_chain]
    return chain, _normalised(response.content)


@pytest.mark.parametrize("username", ["priya", "tom"])
def test_adding_an_identifier_does_not_reveal_a_record_the_user_cannot_open(username, leak_world):
    """The police ID is held by a child Priya and Tom may not open. Adding it to the hub must
    read exactly like adding a value nobody holds: same status, same redirect, same page (the
    typed value masked). Anything else ("already recorded for someone", "it will be checked"
    only on a clash) tells them a hidden record exists."""
    user, hub = leak_world.users[username], leak_world.people["hub"]
    holder = leak_world.people["id_holder"]
    assert not person_policy.can(user, VIEW, holder) and person_policy.can(user, "change", hub)
    client = _client(user)
    url = reverse("people:identifier_add", args=[hub.pk])
    answers = {}
    for label, value in (("held elsewhere", "PCANARYID4471"), ("held by nobody", "PFRESHID9902")):
        with transaction.atomic():
            chain, page = _post_followed(client, url, {"type": "police_id", "value": value})
            answers[label] = (chain, page.replace(value, "<VALUE>").replace(value.lower(), "<value>"))
            transaction.set_rollback(True)
    held, fresh = answers["held elsewhere"], answers["held by nobody"]
    assert held[0] == fresh[0], f"{username} POST {url}: redirects differ: {held[0]} vs {fresh[0]}"
    assert held[1] == fresh[1], (
        f"{username} POST {url}: the page differs when the ID is held elsewhere:\n{_diff(fresh[1], held[1])}")


def test_search_before_create_never_silently_duplicates_a_record_held_elsewhere(leak_world):
    """Priya (North) creates a record for a child the West team holds. She may not open it, so
    she must not learn its details; but the system must not create a second record silently:
    "a record that may match is held elsewhere" with a route, never a new record on first save."""
    from lantern.people.models import Person

    priya, held = leak_world.users["priya"], leak_world.people["held"]
    assert not person_policy.can(priya, VIEW, held)
    client = _client(priya)
    url = reverse("people:person_create")
    dob = held.date_of_birth
    data = {"kind": "child", "first_name": held.first_name, "last_name": held.last_name,
            "date_of_birth_0": dob.day, "date_of_birth_1": dob.month, "date_of_birth_2": dob.year,
            "sex": "F", "sen_status": "unknown"}
    before = Person.objects.filter(first_name=held.first_name, last_name=held.last_name).count()
    with transaction.atomic():
        response = client.post(url, data)
        after = Person.objects.filter(first_name=held.first_name, last_name=held.last_name).count()
        body = _normalised(response.content).lower()
        transaction.set_rollback(True)
    assert after == before, (
        f"priya POST {url}: a second record for a child held elsewhere was created silently "
        f"(status {response.status_code}, {response.get('Location', '')})")
    for token in ("canaryheldmiddle", "lacanaryheld"):
        assert token not in body, f"priya POST {url}: the held record's detail {token!r} is shown"
    assert "0 possible matches" not in body


# --- The harness can fail -------------------------------------------------------------------------


def test_the_harness_catches_a_leak(leak_world, monkeypatch):
    """A record page patched to print the restricted child's name is caught, with persona, URL
    and canary in the message; and the same walk without the patch finds nothing on that page."""
    from lantern.people import views

    restricted = leak_world.people["restricted"]
    real_render = views.render

    def leaky_render(request, template, context=None, *args, **kwargs):
        context = dict(context or {})
        context["page_title"] = f"{context.get('page_title', '')} ({restricted.first_name})"
        return real_render(request, template, context, *args, **kwargs)

    sarah = leak_world.users["sarah"]
    hub_url = reverse("people:person_detail", args=[leak_world.people["hub"].pk])
    monkeypatch.setattr(views, "render", leaky_render)
    seen = walk(sarah, leak_world, max_requests=60)
    problems, _ = leaks_in(sarah, seen, leak_world.canaries)
    problems = [str(p) for p in problems]
    caught = [p for p in problems if hub_url in p and "restricted_name" in p]
    assert caught and caught[0].startswith("sarah (school_dsl) GET "), problems
    # And the checker itself: a body holding a canary outside the audience is reported.
    fake = Seen(url="/fake/", status=200, body=b"<p>CANARYINTEL</p>", headers="")
    problems, _ = leaks_in(sarah, [fake], leak_world.canaries)
    assert [str(p) for p in problems] == ["sarah (school_dsl) GET /fake/ [200] shows intelligence "
                        "(police-only intelligence entry: 'CANARYINTEL')"]


# --- The network view and its exports (issue 11) ----------------------------------------------------


@pytest.mark.parametrize("username", [p.username for p in PERSONAS])
def test_the_network_around_the_hub_and_its_exports_keep_every_canary_to_its_audience(
        username, leak_world):
    """The network around the hub, two and three links out and as at a later date, and each of
    its three exports, as every persona: a canary outside its audience is never drawn, listed or
    exported (the police-only vehicle link included); those who may not see networks get 404s."""
    from lantern.networks.policies import may_export, may_view_network

    user, hub = leak_world.users[username], leak_world.people["hub"]
    client = _client(user)
    view = reverse("networks:view", args=["person", hub.pk])
    export = reverse("networks:export", args=["person", hub.pk])
    seen = []
    for query in ("", "?depth=3", "?depth=2&include_ended=on",
                  "?depth=3&since_0=1&since_1=1&since_2=2020"):
        response = client.get(view + query)
        seen.append(Seen(view + query, response.status_code, _body(response),
                         "\n".join(f"{k}: {v}" for k, v in response.items())))
    if not (may_view_network(user) and person_policy.can(user, VIEW, hub)):
        assert {s.status for s in seen} == {404}, f"{username} opened the hub's network"
        return
    assert {s.status for s in seen} == {200}
    for what in ("entities", "links", "graphml"):
        response = client.post(export + "?depth=3", {"what": what,
                                                     "reason": "Leak harness: every export format"})
        assert response.status_code == (200 if may_export(user) else 404)
        seen.append(Seen(export, response.status_code, _body(response), "\n".join(f"{k}: {v}" for k, v in response.items())))
    leaks, met = leaks_in(user, seen, leak_world.canaries)
    assert not leaks, "\n".join(str(x) for x in leaks)
    assert "hub_name" in met, f"{username}: the hub's own network does not name the hub"
    if user.role in POLICE_ROLES:
        assert "police_link" in met, f"{username}: the police-only vehicle link is missing"
