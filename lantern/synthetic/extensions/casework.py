"""Referrals and cases for the demo, made through the referrals and cases apps' services.

* **Referrals** from every agency: a school's "raise a concern" (sarah), police (olivia, and a
  referral about a place from dan), health, youth justice and a youth charity (entered at the
  front door by tom, then credited to the professional who referred). Some are decided (a case
  opened, advice to the referrer, no further action), some wait for triage: one not yet matched
  to a record, one known only by a nickname, one screened with the short screen made by the
  ``assessments`` extension, and one about a place with the children it affects.
* **Cases** (``_cast.CASE_PLANS``): priya leads most of her team's, with plans, actions (some
  overdue, one not done with a reason), contacts over the last eight weeks with how the child
  engaged, reviews (one overdue), tasks, and alerts from critical moments. Three wait for tom
  to allocate. One case closed with the distance-travelled end measure, one with a reason it
  was not taken, and one re-surfaced when the child was arrested after it closed.

Services run on the stopped clock (``_base.clock``), so every date they stamp is the day in the
story; the story ends on the seed's today (the run's as-at date). A school raises its concerns
on school days (``_base.school_day``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from lantern.access.sharing import default_level
from lantern.accounts.models import Agency, Team
from lantern.assessments.models import Assessment
from lantern.cases import rules
from lantern.cases import services as cases
from lantern.cases.choices import (
    ActionStatus,
    ClosureOutcome,
    ContactKind,
    EngagementOutcome,
    PlanSection,
    TaskKind,
)
from lantern.cases.models import (
    Alert,
    Case,
    CaseReview,
    Contact,
    PlanAction,
    PlanSectionNote,
    Resurfacing,
    Task,
)
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent
from lantern.people.services import chronology_event_add
from lantern.referrals import events as referral_events
from lantern.referrals import services as referrals
from lantern.referrals.choices import (
    ContextKind,
    Decision,
    ExploitationType,
    ReferralAbout,
    ReferralKind,
    ScreeningOutcome,
    SharingBasis,
)
from lantern.referrals.models import Referral, ReferralChild
from lantern.synthetic import personas as cast_mod
from lantern.synthetic.extensions._base import (
    Steps,
    acknowledge_old_alerts,
    at,
    day,
    extension,
    rng,
    school_day,
    school_day_on_or_before,
    seed_made,
)
from lantern.synthetic.extensions._cast import EAST, NORTH, WEST, Cast, cast_for

SAFEGUARDING = "Shared to protect the child: there are signs they are being exploited."


@dataclass(frozen=True)
class ReferralPlan:
    """One referral: who it came from, about whom, and how far it has got by today."""

    key: str
    source: str  # school, police, police_analyst, health, youth_justice, voluntary
    kind: str
    received: dt.datetime
    types: tuple[str, ...]
    concerns: str
    part: str = ""  # the child (a cast part); empty for a place or group
    context: tuple[str, str] = ("", "")  # (kind, description) for a place or group
    group: str = ""  # cast group of children affected
    link: tuple[str, dt.datetime] | None = None  # (triage username, when)
    screen: tuple[str, str, dt.datetime] | None = None  # (username, outcome, when)
    decide: tuple[str, str, dt.datetime] | None = None  # (decision, reason, when)
    known_as_only: bool = False


def _referral_plans(cast: Cast) -> list[ReferralPlan]:
    plans = {p.part: p for p, _ in cast.plans()}

    def opened(part, days_before=0, hour=10, minute=0):
        return at(plans[part].opened - dt.timedelta(days=days_before), hour, minute)

    def school_opened(part, days_before, hour, minute=0):
        """As ``opened``, on the school day on or before (a school raised it)."""
        when = school_day_on_or_before(plans[part].opened - dt.timedelta(days=days_before))
        return at(when, hour, minute)

    def name(part):
        child = cast.child(part)
        return child.first_name if child else "the child"

    out = []
    if "health_referral" in plans:
        out.append(ReferralPlan(
            "health", "health", ReferralKind.FULL, opened("health_referral", 4, 10, 20),
            (ExploitationType.CCE, ExploitationType.COUNTY_LINES),
            f"{name('health_referral')} came to a drop-in with cuts to both hands and said he had "
            "been 'doing jobs' for older boys to pay back money he owes. He seemed frightened of "
            "his phone and left when it rang.",
            part="health_referral", link=("tom", opened("health_referral", 4, 15)),
            screen=("tom", ScreeningOutcome.HIGH, opened("health_referral", 3, 11)),
            decide=(Decision.OPEN_CASE, "Signs of criminal exploitation and a debt: a case with "
                    "the North team and a strategy discussion.", opened("health_referral", 0, 9))))
    if "police_referral" in plans:
        out.append(ReferralPlan(
            "police", "police", ReferralKind.FULL, opened("police_referral", 4, 16, 5),
            (ExploitationType.CCE, ExploitationType.COUNTY_LINES),
            f"Officers stopped {name('police_referral')} at Harrowden station late at night with "
            "£400 in cash and two phones. He would not say who they belonged to. Intelligence "
            "links one of the phones to a deal line run from outside the county.",
            part="police_referral", link=("tom", opened("police_referral", 3, 9, 30)),
            screen=("tom", ScreeningOutcome.MEDIUM, opened("police_referral", 3, 14)),
            decide=(Decision.OPEN_CASE, "Likely County Lines exploitation: allocate to the North "
                    "team.", opened("police_referral", 0, 9))))
    if "concern_case" in plans:
        out.append(ReferralPlan(
            "school-case", "school", ReferralKind.CONCERN, school_opened("concern_case", 4, 11, 40),
            (ExploitationType.CSE, ExploitationType.ONLINE_HARM),
            f"{name('concern_case')} told a teaching assistant that an older 'boyfriend' she met "
            "online picks her up after school and has asked her for photos. Her attendance has "
            "dropped in the last month.",
            part="concern_case", link=("priya", opened("concern_case", 4, 14)),
            screen=("priya", ScreeningOutcome.HIGH, opened("concern_case", 3, 10)),
            decide=(Decision.OPEN_CASE, "An adult is grooming her online and in person: open a "
                    "case and hold a strategy discussion.", opened("concern_case", 0, 9))))
    if "hard_rule" in plans:
        out.append(ReferralPlan(
            "police-young", "police", ReferralKind.FULL, opened("hard_rule", 4, 9, 30),
            (ExploitationType.CCE, ExploitationType.COUNTY_LINES, ExploitationType.TRAFFICKING),
            f"{name('hard_rule')} (12) was found in a flat in Kelbrook that police believe has "
            "been taken over by a drug line. He said he had been told he owed money after a "
            "package he was carrying was taken from him.",
            part="hard_rule", link=("tom", opened("hard_rule", 4, 11)),
            screen=("tom", ScreeningOutcome.HIGH, opened("hard_rule", 4, 12)),
            decide=(Decision.OPEN_CASE, "A 12-year-old found in a taken-over home with a debt: "
                    "open a case; the NRM referral is for the lead professional.",
                    opened("hard_rule", 0, 9))))
    if "unallocated_west" in plans:
        out.append(ReferralPlan(
            "youth-charity", "voluntary", ReferralKind.FULL, opened("unallocated_west", 2, 15, 10),
            (ExploitationType.CSE, ExploitationType.ONLINE_HARM),
            f"Detached youth workers saw {name('unallocated_west')} getting into cars with adult "
            "men near the retail park on three evenings. She has a new phone and said someone "
            "online 'looks after' her.",
            part="unallocated_west", link=("tom", opened("unallocated_west", 2, 16)),
            screen=("tom", ScreeningOutcome.HIGH, opened("unallocated_west", 1, 10)),
            decide=(Decision.OPEN_CASE, "Signs of sexual exploitation: a case for the West team.",
                    opened("unallocated_west", 0, 11))))
    if "unallocated_north" in plans:
        out.append(ReferralPlan(
            "youth-justice", "youth_justice", ReferralKind.FULL, opened("unallocated_north", 4, 12),
            (ExploitationType.CCE,),
            f"{name('unallocated_north')}'s youth justice worker is worried that the older young "
            "people he was arrested with are still contacting him, and that he is being told to "
            "keep 'working' to cover what was lost when he was arrested.",
            part="unallocated_north", link=("tom", opened("unallocated_north", 3, 9, 15)),
            screen=("tom", ScreeningOutcome.MEDIUM, opened("unallocated_north", 3, 11)),
            decide=(Decision.OPEN_CASE, "Criminal exploitation continuing after arrest: a case "
                    "for the North team.", opened("unallocated_north", 0, 10))))
    if cast.child("concern_advice"):
        out.append(ReferralPlan(
            "school-advice", "school", ReferralKind.CONCERN, at(school_day(-18), 9),
            (ExploitationType.NOT_SURE,),
            f"{name('concern_advice')} has been seen with much older young people at the gates "
            "after school and has new trainers and a phone. No other worries so far.",
            part="concern_advice", screen=("priya", ScreeningOutcome.LOW, at(day(-17), 14)),
            decide=(Decision.SINGLE_AGENCY, "Not known to children's services. Advice to the "
                    "school: talk with her about who she is spending time with, tell her family, "
                    "and refer again if anything changes.", at(day(-15), 11))))
    if cast.child("nfa"):
        out.append(ReferralPlan(
            "police-nfa", "police", ReferralKind.FULL, at(day(-40), 13, 20),
            (ExploitationType.NOT_SURE,),
            f"{name('nfa')} was a passenger in a car stopped by police; the driver was an adult "
            "known to police. He said the driver is his cousin and was taking him home.",
            part="nfa", link=("tom", at(day(-39), 10)),
            screen=("tom", ScreeningOutcome.NO_INDICATORS, at(day(-39), 15)),
            decide=(Decision.NFA, "The driver is his cousin, confirmed by his mother and the "
                    "school; no signs of exploitation. Shared with his school.", at(day(-38), 10))))
    if cast.child("concern_awaiting"):
        out.append(ReferralPlan(
            "school-waiting", "school", ReferralKind.CONCERN, at(school_day(-2), 8, 50),
            (ExploitationType.CSE,),
            f"{name('concern_awaiting')} has been seen getting into a car with an adult after "
            "school twice this week, and told a friend he 'has to' meet someone at the weekend.",
            part="concern_awaiting", link=("tom", at(day(-2), 13)),
            screen=("tom", ScreeningOutcome.MEDIUM, at(day(-2), 15, 45))))
    if cast.child("emergency_department"):
        out.append(ReferralPlan(
            "health-waiting", "health", ReferralKind.FULL, at(day(-1), 19, 20),
            (ExploitationType.CCE,),
            f"{name('emergency_department')} came to the emergency department with a stab wound "
            "to his leg. He would not say how it happened and left before he was discharged. "
            "Two older males waited for him outside.",
            part="emergency_department"))
    if cast.child("nickname"):
        out.append(ReferralPlan(
            "police-nickname", "police", ReferralKind.FULL, at(day(-3), 10, 15),
            (ExploitationType.CSE,),
            "A girl known as '{nickname}', about 15, was found by officers at a party in a flat "
            "with adult men. She left before officers could take her details; she is believed to "
            "go to a school in the north of the county.",
            part="nickname", known_as_only=True))
    if cast.groups.get("location"):
        out.append(ReferralPlan(
            "place", "police_analyst", ReferralKind.FULL, at(day(-9), 11),
            (ExploitationType.CCE, ExploitationType.COUNTY_LINES),
            "Young people are being approached at the bus station and in the subway to the retail "
            "park in the evenings and asked to carry packages. Three children known to us have "
            "been seen there.",
            context=(ContextKind.LOCATION, "Bus station and the subway to the retail park"),
            group="location", link=("tom", at(day(-8), 10)),
            screen=("tom", ScreeningOutcome.MEDIUM, at(day(-8), 15))))
    if cast.groups.get("peer_group"):
        out.append(ReferralPlan(
            "peer-group", "voluntary", ReferralKind.FULL, at(day(-30), 14),
            (ExploitationType.CCE, ExploitationType.NOT_SURE),
            "A group of young people who meet at the skate park after school are being given "
            "cannabis and lifts by two adults in their twenties. Our youth workers know the group "
            "well.",
            context=(ContextKind.PEER_GROUP, "Young people who meet at the skate park after school"),
            group="peer_group", link=("tom", at(day(-29), 10)),
            screen=("tom", ScreeningOutcome.LOW, at(day(-29), 15)),
            decide=(Decision.SINGLE_AGENCY, "Detached youth work continues with the group; the "
                    "place goes to the next exploitation panel.", at(day(-25), 12))))
    return out


def _referrer(source: str, users) -> object:
    return {"school": users["sarah"], "police": users["olivia"],
            "police_analyst": users["dan"]}.get(source, users["tom"])


AGENCY_FOR_SOURCE = {"health": cast_mod.HEALTH, "youth_justice": cast_mod.YOUTH_JUSTICE,
                     "voluntary": cast_mod.VOLUNTARY}
ROLE_FOR_SOURCE = {"health": "Emergency department liaison nurse", "youth_justice": "Case manager",
                   "voluntary": "Detached youth worker"}


def _credit(referral: Referral, plan: ReferralPlan, cast: Cast) -> None:
    """A referral from an agency with no demo account was typed in at the front door by tom;
    it is credited to the professional who made it (the child's contact at that agency)."""
    agency = Agency.objects.get(name=AGENCY_FOR_SOURCE[plan.source])
    child = cast.child(plan.part) if plan.part else None
    contact = child.contact((agency.name,)) if child else None
    if plan.group:
        contact = next((c for sid in cast.groups[plan.group]
                        if (c := cast.children[sid].contact((agency.name,)))), None)
    Referral.objects.filter(pk=referral.pk).update(
        referrer=None, referrer_agency=agency,
        referrer_name=contact.name if contact else f"{ROLE_FOR_SOURCE[plan.source]}, {agency.name}",
        referrer_phone=(contact.phone if contact else "") or agency.phone,
        referrer_email=(contact.email if contact else "") or agency.email)
    referral.refresh_from_db()


def _make_referral(plan: ReferralPlan, cast: Cast, people, users) -> Referral:
    actor = _referrer(plan.source, users)
    child = cast.child(plan.part) if plan.part else None
    fields = {}
    if plan.context[0]:
        fields.update(about=ReferralAbout.CONTEXT, context_kind=plan.context[0],
                      context_name=plan.context[1], context_description=plan.concerns)
    elif plan.known_as_only:
        fields.update(child_known_as=child.nicknames[0])
    else:
        person = people[child.sid]
        fields.update(child_first_name=person.first_name, child_last_name=person.last_name,
                      child_date_of_birth=person.date_of_birth,
                      child_school=child.school if plan.source == "school" else "")
    concerns = plan.concerns.format(nickname=child.nicknames[0] if plan.known_as_only else "")
    referral = referrals.referral_make(
        actor=actor, kind=plan.kind, concerns=concerns, types=list(plan.types),
        sharing_basis=SharingBasis.SAFEGUARDING, sharing_reason=SAFEGUARDING,
        indicators="" if plan.kind == ReferralKind.CONCERN else "See concerns.", **fields)
    # ``received_at`` defaults to the wall clock's now; the instance is saved again by later steps.
    referral.received_at = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(received_at=referral.received_at)
    if plan.source in AGENCY_FOR_SOURCE:
        _credit(referral, plan, cast)
    return referral


# --- the plan, contacts and reviews of a case ---------------------------------------------------

CONTACT_NOTES = {
    EngagementOutcome.SEEN: (
        "Talked about what a safe friendship looks like and who to call if worried.",
        "Went for food and talked about school; agreed the next steps in the plan.",
        "Looked at the safety plan together and updated the trusted adults on it.",
        "Talked about the last few weeks; no new worries shared today.",
    ),
    EngagementOutcome.DECLINED: (
        "Did not want to meet today; agreed to try again next week.",
        "Said they were too tired to talk; a short chat at the door instead.",
    ),
    EngagementOutcome.NO_SHOW: ("Did not come to the planned session; message sent to rearrange.",),
    EngagementOutcome.NOT_LOCATED: (
        "Not at home or at school at the planned time; carers and the police missing team told.",
    ),
}
#: Engagement over the last eight weeks: chance of each outcome in the earlier and later weeks.
TRENDS = {
    "improving": ((0.35, 0.35, 0.3, 0.0), (0.85, 0.1, 0.05, 0.0)),
    "worsening": ((0.85, 0.1, 0.05, 0.0), (0.35, 0.25, 0.25, 0.15)),
    "missing": ((0.55, 0.15, 0.1, 0.2), (0.45, 0.15, 0.1, 0.3)),
    "steady": ((0.75, 0.15, 0.1, 0.0), (0.75, 0.15, 0.1, 0.0)),
}
TREND_FOR = {"concern_case": "improving", "arrested": "worsening", "pattern": "missing"}
OUTCOMES = (EngagementOutcome.SEEN, EngagementOutcome.DECLINED, EngagementOutcome.NO_SHOW,
            EngagementOutcome.NOT_LOCATED)


@dataclass
class Bulk:
    """Rows with no business rule beyond their own fields, written in bulk after the story.

    Contacts, plan notes and plan actions: their services only check access and write one row
    (and, for a contact, its chronology line), so hundreds of them go in a few statements. A
    contact's chronology line is worded as ``cases.services.contact_record`` words it.
    """

    contacts: list[tuple[Case, object, dt.date, str, str, str]] = field(default_factory=list)
    notes: list[PlanSectionNote] = field(default_factory=list)
    actions: list[PlanAction] = field(default_factory=list)

    def write(self) -> None:
        made = Contact.objects.bulk_create(
            [Contact(case=case, person_id=case.person_id, occurred_on=when, kind=kind,
                     outcome=outcome, notes=notes, agency_id=lead.agency_id, recorded_by=lead)
             for case, lead, when, kind, outcome, notes in self.contacts], batch_size=500)
        for contact in made:
            contact.recorded_at = at(contact.occurred_on, 17, 30)
        Contact.objects.bulk_update(made, ["recorded_at"], batch_size=500)
        events = []
        kinds = dict(Agency.objects.values_list("pk", "kind"))
        for contact in made:
            summary = f"{contact.get_kind_display()}: {contact.get_outcome_display().lower()}."
            events.append(ChronologyEvent(
                person_id=contact.person_id, event_type=EventType.CONTACT,
                event_date=contact.occurred_on, summary=f"{summary} {contact.notes}".strip(),
                source_agency_id=contact.agency_id, recorded_by=contact.recorded_by,
                source_type="cases.Contact", source_id=contact.pk,
                # As chronology_event_add would set it (lantern.access.sharing).
                sharing=default_level(EventType.CONTACT, kinds.get(contact.agency_id))))
        made_events = ChronologyEvent.objects.bulk_create(events, batch_size=500)
        for event, contact in zip(made_events, made):
            event.recorded_at = contact.recorded_at
        ChronologyEvent.objects.bulk_update(made_events, ["recorded_at"], batch_size=500)
        for rows in (self.notes, self.actions):
            if rows:
                stamps = [(r.updated_at, getattr(r, "created_at", None)) for r in rows]
                type(rows[0]).objects.bulk_create(rows, batch_size=500)
                for r, (updated, created) in zip(rows, stamps):
                    r.updated_at = updated
                    if created is not None:
                        r.created_at = created
                names = ["updated_at"] + (["created_at"] if rows is self.actions else [])
                type(rows[0]).objects.bulk_update(rows, names, batch_size=500)


def _contacts(case: Case, lead, part: str, school: str, r, bulk: Bulk) -> None:
    first = max(case.opened_on + dt.timedelta(days=2), day(-56))
    early, late = TRENDS[TREND_FOR.get(part, "steady")]
    kinds = [ContactKind.SESSION, ContactKind.HOME_VISIT, ContactKind.PHONE, ContactKind.GROUP,
             ContactKind.MESSAGE] + ([ContactKind.SCHOOL] if school else [])
    when = first
    while when < day(0):
        outcome = r.choices(OUTCOMES, weights=early if when < day(-28) else late)[0]
        bulk.contacts.append((case, lead, when, r.choice(kinds), outcome,
                              r.choice(CONTACT_NOTES[outcome])))
        when += dt.timedelta(days=r.choice((3, 4, 5, 7)))


PLAN_TEXT = {
    PlanSection.CHILD: ("{name} is being drawn in by people who give them things and then say "
                        "they owe them.", "{name} knows who their trusted adults are and how to "
                        "reach them, and spends less time with the people who exploit them."),
    PlanSection.PEERS: ("Some of {name}'s friends are also being exploited and pass messages on.",
                        "Youth workers work with the friendship group, not only with {name}."),
    PlanSection.PLACES: ("{name} has been found at addresses and places linked to exploitation.",
                         "Police and partners disrupt the places; {name} has safe places to go."),
}


def _plan(case: Case, lead, child, plan, users, bulk: Bulk) -> None:
    """The plan agreed three days after opening: worries and aims, and who does what by when.

    Actions due more than two weeks ago are done (one, for the pattern child, not done with a
    reason); the police action is overdue on every open case; later ones are in progress.
    """
    agencies = {a.name: a for a in Agency.objects.filter(
        name__in=[cast_mod.CHILDRENS_SERVICES, cast_mod.POLICE, cast_mod.SCHOOL, cast_mod.VOLUNTARY])}
    name, part, opened, closes = child.first_name, plan.part, plan.opened, plan.closed
    agreed = at(opened + dt.timedelta(days=3), 15)
    for section, (worries, aims) in PLAN_TEXT.items():
        bulk.notes.append(PlanSectionNote(
            case=case, section=section, worries=worries.format(name=name),
            aims=aims.format(name=name), updated_by=lead, updated_at=agreed))
    on_roll = child.school == cast_mod.SCHOOL
    # Olivia owns the police actions where police are involved with the child (so she may see
    # the record and update them on "My actions"); elsewhere the police team is named instead.
    olivia = users["olivia"] if child.police else None
    police_owner = olivia.get_full_name() if olivia else "Missing, Exploited and Trafficked Team"
    actions = [
        (PlanSection.CHILD, f"Weekly one-to-one sessions with {name} on healthy relationships "
         "and staying safe", lead.get_full_name(), lead, cast_mod.CHILDRENS_SERVICES,
         opened + dt.timedelta(days=70)),
        (PlanSection.PLACES, f"Share what is known about the places {name} has been found with "
         "the missing and exploitation panel", police_owner, olivia, cast_mod.POLICE,
         max(opened + dt.timedelta(days=21), day(-9))),
        (PlanSection.PEERS, "Agree a trusted adult and a safe place at break and lunch times"
         if on_roll else f"Detached youth work with {name}'s friendship group",
         # The school's lead is named, not linked: school leads never see casework, so the
         # action is theirs to do but not on Lantern (only people who do casework own actions).
         users["sarah"].get_full_name() if on_roll else "Brightpath detached youth work team",
         None, cast_mod.SCHOOL if on_roll else cast_mod.VOLUNTARY,
         day(12) if closes is None else opened + dt.timedelta(days=40)),
    ]
    if part == "pattern":
        actions.append((PlanSection.PERSONS_OF_CONCERN, "Ask police to consider a child abduction "
                        f"warning notice for the adult who collected {name}",
                        police_owner, olivia, cast_mod.POLICE, day(-20)))
    for index, (section, text, owner, owner_user, agency, due) in enumerate(actions):
        status, completed, reason, updated = ActionStatus.NOT_STARTED, None, "", agreed
        if part == "pattern" and index == 3:
            status, completed, updated = ActionStatus.NOT_DONE, day(-16), at(day(-16), 12)
            reason = ("Police advice: more is needed about the adult before a notice can be "
                      f"issued. The panel will look at it again in {day(30):%B}.")
        elif closes is not None or (due <= day(-14) and index != 1):
            completed = min(due, closes - dt.timedelta(days=1)) if closes else due
            status, updated = ActionStatus.DONE, at(completed, 17)
        elif due > day(0):
            status, updated = ActionStatus.IN_PROGRESS, at(day(-6), 17)
        bulk.actions.append(PlanAction(
            case=case, section=section, description=text, owner_name=owner, owner_user=owner_user,
            agency=agencies[agency], due_date=due, status=status, not_done_reason=reason,
            completed_on=completed, created_by=lead, created_at=agreed, updated_at=updated))


def _reviews(case: Case, lead, plan, steps) -> None:
    """Reviews on time while the case was open, except one left overdue for the demo.

    The pattern child's stop when their missing episodes begin (``missing`` runs later and
    brings the next review forward; a review recorded here after that would come too soon).
    """
    held = rules.first_review_date(case.opened_on)
    until = plan.closed or (day(-60) if plan.part == "pattern" else day(-14))
    while held <= until:
        if plan.part == "concern_case" and held > rules.first_review_date(case.opened_on):
            break
        steps.add(at(held, 13), lambda h=held: cases.case_review_record(
            actor=lead, case=case, held_on=h,
            summary="Plan reviewed with the child and partners; actions updated."))
        held = rules.default_next_review(held)


# --- the module ---------------------------------------------------------------------------------

def seed_casework(*, run, world, people, users):
    cast = cast_for(world, people)
    r = rng(run.seed, "casework")
    tom, priya, olivia = users["tom"], users["priya"], users["olivia"]
    teams = {t.name: t for t in Team.objects.filter(name__in=[NORTH, WEST, EAST])}
    steps, bulk = Steps(), Bulk()
    referral_made: dict[str, Referral] = {}
    case_for: dict[str, Case] = {}

    def after_case_opens(plan, child, case):
        """Allocation, plan, contacts, reviews and closure of a case just opened."""
        case_for[plan.part] = case
        lead = users.get(plan.lead) if plan.lead else None
        if lead is None:
            return
        if case.lead_id != lead.pk:
            steps.add(at(plan.opened, 10, 30), lambda: cases.case_allocate(actor=tom, case=case, lead=lead))
        _plan(case, lead, child, plan, users, bulk)
        _reviews(case, lead, plan, steps)
        if plan.closed is None:
            _contacts(case, lead, plan.part, child.school, r, bulk)
        else:
            steps.add(at(plan.closed, 15), lambda: _close(case, lead, plan))

    # Referrals (a decision to open a case opens it, then the case's own steps are added).
    referral_plans = _referral_plans(cast)
    opened_by_referral = {p.part for p in referral_plans if p.decide and p.decide[0] == Decision.OPEN_CASE}
    for rp in referral_plans:
        steps.add(rp.received, lambda rp=rp: referral_made.__setitem__(
            rp.key, _make_referral(rp, cast, people, users)))
        if rp.link:
            user, when = rp.link
            if rp.group:
                for n, sid in enumerate(cast.groups[rp.group]):
                    steps.add(when + dt.timedelta(minutes=10 * n), lambda rp=rp, u=user, sid=sid:
                              referrals.referral_link_child(actor=users[u], referral=referral_made[rp.key],
                                                            person=people[sid]))
            else:
                steps.add(when, lambda rp=rp, u=user: referrals.referral_link_person(
                    actor=users[u], referral=referral_made[rp.key],
                    person=people[cast.parts[rp.part]]))
        if rp.screen:
            user, outcome, when = rp.screen
            steps.add(when, lambda rp=rp, u=user, o=outcome: referrals.referral_screen(
                actor=users[u], referral=referral_made[rp.key], outcome=o,
                notes="Screened at the front door against the referral and what we hold.",
                assessment_id=_screen_id(people, cast, rp)))
        if rp.decide:
            decision, reason, when = rp.decide
            plan = next((p for p, _ in cast.plans() if p.part == rp.part), None)

            def decide(rp=rp, decision=decision, reason=reason, plan=plan):
                opened = referrals.referral_decide(
                    actor=tom, referral=referral_made[rp.key], decision=decision, reason=reason,
                    team=teams[plan.team] if plan else None)
                if plan is not None and opened:
                    after_case_opens(plan, cast.child(plan.part), opened[0])

            steps.add(when, decide)
    # Cases opened directly (after a strategy discussion, or before this system).
    for plan, child in cast.plans():
        if plan.part in opened_by_referral:
            continue
        lead = users.get(plan.lead) if plan.lead else None
        steps.add(at(plan.opened, 10), lambda plan=plan, child=child, lead=lead: after_case_opens(
            plan, child, cases.case_open(actor=tom, person=people[child.sid], team=teams[plan.team],
                                         lead=lead)))
    # Critical moments recorded by police: an arrest of a child with an open case (the lead
    # professional is alerted, the review comes forward) and of a child whose case had closed.
    for part, offset, hour in (("resurfaced", -7, 14), ("arrested", -5, 2)):
        child = cast.child(part)
        if child is not None and child.police:
            steps.add(at(day(offset), hour, 30), lambda child=child, offset=offset: chronology_event_add(
                actor=olivia, person=people[child.sid], event_type=EventType.ARREST,
                event_date=day(offset), significant=True,
                summary=(f"{child.first_name} arrested with an older young person on suspicion of "
                         "possession with intent to supply; released under investigation. "
                         "Officers recorded concerns that he is being criminally exploited.")))
    # Tasks for priya.
    for title, offset, done in (
        ("Send the strategy discussion notes to partners", -4, False),
        ("Book a joint home visit with the detached youth worker", 3, False),
        ("Ask the GP practice for a health appointment", 10, False),
        ("Update the chronology after the panel", -12, True),
    ):
        child = cast.child("arrested") or cast.child("steady")
        if child is None:
            continue

        def task(title=title, offset=offset, done=done, child=child):
            made = cases.task_create(actor=priya, person=people[child.sid], kind=TaskKind.OTHER,
                                     title=title, due_at=day(offset), assigned_to=priya)
            if done:
                steps.add(at(day(offset), 16), lambda: cases.task_complete(actor=priya, task=made))

        steps.add(at(min(day(offset), day(-1)) - dt.timedelta(days=7), 9), task)
    steps.run()
    bulk.write()
    acknowledge_old_alerts(people)
    return {"referrals": len(referral_made), "cases": len(case_for)}


def _screen_id(people, cast: Cast, rp: ReferralPlan) -> int | None:
    """The front door's short screen of this referral's child, if one was completed."""
    if not rp.part or rp.key != "school-waiting":
        return None
    return (Assessment.objects.filter(person=people[cast.parts[rp.part]], tool="short-screen")
            .exclude(status="draft").order_by("-as_at", "-id").values_list("pk", flat=True).first())


def _close(case: Case, lead, plan) -> None:
    case.refresh_from_db()
    if plan.closure == "measure":
        measure = (Assessment.objects.filter(person=case.person, kind="outcome")
                   .order_by("-as_at", "-id").values_list("pk", flat=True).first())
        cases.case_close(actor=lead, case=case, outcome=(
            ClosureOutcome.RISK_REDUCED if plan.part == "closed_measure"
            else ClosureOutcome.STEP_DOWN_EARLY_HELP),
            reason=("Plan goals met: no missing episodes for four months, back in education and "
                    "the child says they feel safe. Agreed at the review with the child and family."
                    if plan.part == "closed_measure" else
                    "Risk reduced; early help will support the family with school attendance."),
            end_measure_assessment_id=measure)
    else:
        cases.case_close(
            actor=lead, case=case, outcome=ClosureOutcome.TRANSFERRED,
            reason="The family moved to another county; the case was transferred to their "
                   "exploitation team after a handover meeting.",
            end_measure_not_taken_reason="The move happened before the end measure was due; the "
                                         "baseline and six-week measures went to the new team.")


def clear(*, person_ids) -> None:
    """Cases and referrals protect the people they are about: remove them first (and the
    referrals the seed made that were never matched to a record)."""
    ids = list(person_ids)
    made = seed_made(referral_events.REFERRAL_MADE, "referral_id")
    linked = set(Referral.objects.filter(person_id__in=ids).values_list("pk", flat=True))
    linked |= set(ReferralChild.objects.filter(person_id__in=ids).values_list("referral_id", flat=True))
    Case.objects.filter(person_id__in=ids).delete()
    Referral.objects.filter(pk__in=made | linked).delete()


def digest_rows(key, ids):
    made = seed_made(referral_events.REFERRAL_MADE, "referral_id")
    rows = []
    for r in (Referral.objects.filter(pk__in=made).select_related("referrer_agency")
              .prefetch_related("types", "children")):
        rows.append((key(r.person_id) if r.person_id else None, r.child_first_name,
                     r.child_last_name, r.child_known_as, r.context_name, r.kind, r.about,
                     r.received_at, r.referrer_agency.name, r.referrer_name, r.status,
                     r.screening_outcome, r.screened_at, r.decision, r.decision_reason, r.decided_at,
                     sorted(t.type for t in r.types.all()),
                     sorted(key(c.person_id) for c in r.children.all()),
                     r.screening_assessment_id is not None))
    yield "referrals", rows
    yield "cases", [(key(r[0]), *r[1:]) for r in Case.objects.filter(person_id__in=ids).values_list(
        "person_id", "status", "opened_on", "team__name", "lead__username", "next_review_date",
        "review_note", "closed_on", "closure_outcome", "closure_reason",
        "end_measure_not_taken_reason", "referral__received_at")]
    yield "plan_actions", [(key(r[0]), *r[1:]) for r in PlanAction.objects.filter(
        case__person_id__in=ids).values_list("case__person_id", "section", "description",
                                             "owner_name", "due_date", "status", "completed_on")]
    yield "contacts", [(key(r[0]), *r[1:]) for r in Contact.objects.filter(person_id__in=ids)
                       .values_list("person_id", "occurred_on", "kind", "outcome", "notes")]
    yield "reviews", [(key(r[0]), *r[1:]) for r in CaseReview.objects.filter(
        case__person_id__in=ids).values_list("case__person_id", "held_on", "next_review_date")]
    yield "alerts", [(key(r[0]), *r[1:]) for r in Alert.objects.filter(person_id__in=ids)
                     .values_list("person_id", "recipient__username", "kind", "message",
                                  "created_at", "acknowledged_at")]
    yield "tasks", [(key(r[0]), *r[1:]) for r in Task.objects.filter(person_id__in=ids)
                    .values_list("person_id", "kind", "title", "due_at", "assigned_to__username",
                                 "status", "completed_at")]
    yield "resurfacings", [(key(r[0]), *r[1:]) for r in Resurfacing.objects.filter(
        case__person_id__in=ids).values_list("case__person_id", "state", "created_at", "team__name")]


seed = extension(name="casework", clear=clear, digest=digest_rows)(seed_casework)
