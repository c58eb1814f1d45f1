"""Writes for NRM referrals, charges and court outcomes: keyword-only, in a transaction,
audited with the change, and mirrored on the child's chronology at the "statutory partners"
sharing level (``lantern.access.sharing``: NRM detail names exploitation and suspects, so it
never reaches schools or voluntary organisations).

Every write checks the actor's right first (``lantern.nrm.policies``) and raises
``PermissionDenied`` (views answer 404) or ``ValidationError`` (a GOV.UK error on the form).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access.sharing import STATUTORY
from lantern.accounts.choices import Role
from lantern.audit.services import audit_record
from lantern.cases.choices import AlertKind, CaseStatus, TaskKind, TaskStatus
from lantern.cases.models import Case, Task
from lantern.cases.services import alert_raise, task_create
from lantern.nrm import events, policies, rules, timescales
from lantern.nrm.choices import (
    CourtOutcome,
    Decision,
    DecisionMaker,
    ExploitationType,
    Reconsideration,
)
from lantern.nrm.models import Charge, NrmReferral, NrmReferralType
from lantern.people.choices import EventType
from lantern.people.models import Involvement, Person
from lantern.people.services import chronology_event_add

TASK_SOURCE_SECTION45 = "nrm.Charge"
TASK_SOURCE_TRANSITION = "nrm.transition"
#: Days before the 18th birthday that transition planning is prompted.
TRANSITION_REMINDER_DAYS = 100


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _today() -> dt.date:
    return timezone.localdate()


def in_devolved_pilot() -> bool:
    """Whether the partnership is in the devolved decision-making pilot (a setting)."""
    return bool(getattr(settings, "LANTERN_NRM_DEVOLVED_PILOT", False))


def _uk(day: dt.date | None) -> str:
    return day.strftime("%-d %B %Y") if day else ""


def _mirror(*, actor, person, summary: str, when: dt.date, source_type: str, source_id: int,
            event_type: str = EventType.NRM, agency=None):
    return chronology_event_add(
        actor=actor, person=person, event_type=event_type, event_date=when,
        summary=summary[:2000], source_agency=agency or actor.agency, source_type=source_type,
        source_id=source_id, check_access=False, sharing=STATUTORY,
    )


def _open_case(person) -> Case | None:
    return (
        Case.objects.filter(person=person, status=CaseStatus.OPEN)
        .select_related("lead", "team").order_by("-opened_on", "-id").first()
    )


# --- NRM referrals -------------------------------------------------------------------------------


def referral_make(
    *, actor, person: Person, submitted_on: dt.date, exploitation_types: Iterable[str],
    county_lines: bool, indicators: str, account: str, ictg_referred_on: dt.date | None = None,
) -> NrmReferral:
    """Record a first responder's NRM referral of a child.

    No consent step: a child's referral needs none. A person who is 18 or over on the referral
    date is refused (an adult's referral needs their informed consent, which Lantern does not
    record). The decision maker and the reasonable grounds due date come from
    ``lantern.nrm.timescales``, as ``manage.py nrm_timescales`` prints them.
    """
    _require(policies.can_refer(actor, person))
    types = sorted(set(exploitation_types))
    if not types:
        raise ValidationError({"exploitation_types": "Select at least one form of exploitation"})
    if any(t not in ExploitationType.values for t in types):
        raise ValidationError({"exploitation_types": "Select forms of exploitation from the list"})
    if submitted_on > _today():
        raise ValidationError({"submitted_on": "Date submitted must be today or in the past"})
    dob = person.date_of_birth
    days = timescales.days_to_18(referred=submitted_on, dob=dob) if dob else None
    if days is not None and days <= 0:
        raise ValidationError(
            "The child was 18 or over on this date: an adult's referral needs their consent, "
            "so make it through the Home Office's own service"
        )
    if ictg_referred_on is not None and ictg_referred_on < submitted_on:
        raise ValidationError(
            {"ictg_referred_on": "Guardian referral date must be on or after the date submitted"}
        )
    devolved = timescales.devolved_eligible(referred=submitted_on, dob=dob, pilot=in_devolved_pilot())
    with transaction.atomic():
        referral = NrmReferral.objects.create(
            person=person, case=_open_case(person), first_responder_agency=actor.agency,
            referred_by=actor, submitted_on=submitted_on, county_lines=bool(county_lines),
            indicators=indicators.strip(), account=account.strip(),
            decision_maker=DecisionMaker.DEVOLVED_PANEL if devolved else DecisionMaker.HOME_OFFICE,
            days_to_18=days,
            reasonable_grounds_due=timescales.reasonable_grounds_due(submitted_on),
            ictg_referred_on=ictg_referred_on,
        )
        NrmReferralType.objects.bulk_create(NrmReferralType(referral=referral, kind=t) for t in types)
        labels = ", ".join(ExploitationType(t).label.lower() for t in types)
        _mirror(
            actor=actor, person=person, when=submitted_on, source_type="nrm.NrmReferral",
            source_id=referral.pk,
            summary=(
                f"Referred to the National Referral Mechanism by {actor.agency.name} ({labels}"
                f"{'; County Lines' if county_lines and 'county_lines' not in types else ''}). "
                f"Decision by the {referral.get_decision_maker_display()}; reasonable grounds "
                f"due by {_uk(referral.reasonable_grounds_due)}."
            ),
        )
        audit_record(
            actor=actor, action=events.REFERRAL_MADE, subject=person,
            detail={"referral_id": referral.pk, "types": types, "decision_maker": referral.decision_maker},
        )
    return referral


def _decision_checks(referral, *, rg_decision, rg_decision_on, cg_decision, cg_decision_on,
                     reconsideration, reconsideration_requested_on, reconsideration_decided_on,
                     ictg_referred_on) -> dict:
    errors: dict[str, str] = {}
    today = _today()
    for name, value in (("rg_decision_on", rg_decision_on), ("cg_decision_on", cg_decision_on),
                        ("reconsideration_requested_on", reconsideration_requested_on),
                        ("reconsideration_decided_on", reconsideration_decided_on),
                        ("ictg_referred_on", ictg_referred_on)):
        if value is not None and value > today:
            errors[name] = "The date must be today or in the past"
        elif value is not None and value < referral.submitted_on:
            errors[name] = (
                f"The date must be on or after the date the referral was submitted "
                f"({_uk(referral.submitted_on)})"
            )
    if bool(rg_decision) != bool(rg_decision_on) and "rg_decision_on" not in errors:
        errors["rg_decision_on" if rg_decision else "rg_decision"] = (
            "Enter both the reasonable grounds decision and its date, or neither"
        )
    if bool(cg_decision) != bool(cg_decision_on) and "cg_decision_on" not in errors:
        errors["cg_decision_on" if cg_decision else "cg_decision"] = (
            "Enter both the conclusive grounds decision and its date, or neither"
        )
    if cg_decision and rg_decision != Decision.POSITIVE:
        errors["cg_decision"] = "A conclusive grounds decision follows a positive reasonable grounds decision"
    earliest = timescales.conclusive_grounds_earliest(rg_decision_on)
    if cg_decision_on and earliest and cg_decision_on < earliest and "cg_decision_on" not in errors:
        errors["cg_decision_on"] = (
            f"The conclusive grounds decision can be no earlier than {_uk(earliest)}, "
            f"30 days after the reasonable grounds decision"
        )
    if reconsideration and not reconsideration_requested_on:
        errors["reconsideration_requested_on"] = "Enter the date reconsideration was asked for"
    if reconsideration and not (rg_decision == Decision.NEGATIVE or cg_decision == Decision.NEGATIVE):
        errors["reconsideration"] = "Reconsideration is asked for after a negative decision"
    if reconsideration in (Reconsideration.UPHELD, Reconsideration.OVERTURNED) and not reconsideration_decided_on:
        errors["reconsideration_decided_on"] = "Enter the date of the reconsideration decision"
    if (reconsideration_decided_on and reconsideration_requested_on
            and reconsideration_decided_on < reconsideration_requested_on):
        errors["reconsideration_decided_on"] = "The decision date must be on or after the date asked for"
    return errors


def referral_decisions_update(
    *, actor, referral: NrmReferral, rg_decision: str = "", rg_decision_on: dt.date | None = None,
    cg_decision: str = "", cg_decision_on: dt.date | None = None, reconsideration: str = "",
    reconsideration_requested_on: dt.date | None = None,
    reconsideration_decided_on: dt.date | None = None, ictg_referred_on: dt.date | None = None,
) -> NrmReferral:
    """Record the decisions as they arrive; each new one goes on the child's chronology."""
    _require(policies.can_refer(actor, referral.person))
    if rg_decision not in Decision.values or cg_decision not in Decision.values:
        raise ValidationError("Select a decision from the list")
    if reconsideration not in Reconsideration.values:
        raise ValidationError({"reconsideration": "Select from the list"})
    values = {
        "rg_decision": rg_decision, "rg_decision_on": rg_decision_on, "cg_decision": cg_decision,
        "cg_decision_on": cg_decision_on, "reconsideration": reconsideration,
        "reconsideration_requested_on": reconsideration_requested_on,
        "reconsideration_decided_on": reconsideration_decided_on,
        "ictg_referred_on": ictg_referred_on,
    }
    errors = _decision_checks(referral, **values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = NrmReferral.objects.select_for_update().get(pk=referral.pk)
        changed = sorted(k for k, v in values.items() if getattr(locked, k) != v)
        if not changed:
            return locked
        news = []
        if "rg_decision" in changed and rg_decision:
            news.append((rg_decision_on, f"Reasonable grounds decision: {Decision(rg_decision).label.lower()}."))
        if "cg_decision" in changed and cg_decision:
            news.append((cg_decision_on, f"Conclusive grounds decision: {Decision(cg_decision).label.lower()}."))
        if "reconsideration" in changed and reconsideration:
            news.append((reconsideration_decided_on or reconsideration_requested_on,
                         f"NRM reconsideration: {Reconsideration(reconsideration).label.lower()}."))
        if "ictg_referred_on" in changed and ictg_referred_on:
            news.append((ictg_referred_on, "Referred to the Independent Child Trafficking Guardian service."))
        for key, value in values.items():
            setattr(locked, key, value)
        locked.conclusive_grounds_earliest = timescales.conclusive_grounds_earliest(rg_decision_on)
        locked.save()
        for when, text in news:
            _mirror(actor=actor, person=locked.person, when=when, summary=f"NRM referral: {text}",
                    source_type="nrm.NrmReferral", source_id=locked.pk)
        audit_record(
            actor=actor, action=events.DECISION_RECORDED, subject=locked.person,
            detail={"referral_id": locked.pk, "fields": changed},
        )
    return locked


# --- Charges, court and the section 45 rule --------------------------------------------------------


def _first_responder_for(person, actor, case: Case | None):
    """Who gets the urgent task: the lead professional (of the open case, else the child's lead
    involvement) when they are a first responder, else
    the recorder when they are one, else nobody by name (the task waits for the case's team)."""
    lead = case.lead if case is not None and case.lead_id and case.lead.is_active else None
    if lead is None:
        involvement = (
            Involvement.objects.filter(person=person, is_lead=True, user__isnull=False,
                                       user__is_active=True, end_date__isnull=True)
            .select_related("user").order_by("-start_date", "-id").first()
        )
        lead = involvement.user if involvement is not None else None
    if lead is not None and policies.is_first_responder(lead):
        return lead
    if policies.is_first_responder(actor):
        return actor
    if case is not None and case.team_id is not None:
        manager = (
            get_user_model().objects.filter(role=Role.TEAM_MANAGER, is_active=True, teams=case.team)
            .order_by("id").first()
        )
        if manager is not None and policies.is_first_responder(manager):
            return manager
    return None


def _youth_justice_workers(person) -> list:
    """Youth justice staff named on the child's current involvements who may see the note: the
    note is written for them (and, through them, the defence)."""
    from lantern.accounts.choices import AgencyKind

    today = _today()
    rows = (
        Involvement.objects.filter(person=person, agency__kind=AgencyKind.YOUTH_JUSTICE,
                                   user__isnull=False, user__is_active=True)
        .exclude(end_date__lt=today).select_related("user", "user__agency").order_by("id")
    )
    workers = {}
    for row in rows:
        if policies.can_view(row.user, person):
            workers.setdefault(row.user.pk, row.user)
    return list(workers.values())


def _prompt_section45(*, actor, charge: Charge, reasons: list[str]) -> Task:
    person = charge.person
    case = _open_case(person)
    assignee = _first_responder_for(person, actor, case)
    task = task_create(
        actor=actor, person=person, case=case, kind=TaskKind.OTHER,
        title=(
            f"Urgent: make an NRM referral for {person.display_name}, charged on "
            f"{_uk(charge.charged_on)} with {charge.offence} (exploitation indicators, no NRM "
            f"referral); share the section 45 note with youth justice and the defence"
        )[:300],
        due_at=_today(), assigned_to=assignee, source_type=TASK_SOURCE_SECTION45, source_id=charge.pk,
    )
    if assignee is not None and assignee.pk != actor.pk:
        alert_raise(
            actor=actor, recipient=assignee, person=person, case=case, kind=AlertKind.CRITICAL_EVENT,
            message=(
                f"{person.display_name} was charged on {_uk(charge.charged_on)} and shows "
                f"exploitation indicators, with no NRM referral: a referral is needed now, and "
                f"the section 45 note should go to youth justice and the defence."
            ),
        )
    for worker in _youth_justice_workers(person):
        if worker.pk in (actor.pk, getattr(assignee, "pk", None)):
            continue
        alert_raise(
            actor=actor, recipient=worker, person=person, case=case, kind=AlertKind.CRITICAL_EVENT,
            message=(
                f"{person.display_name} was charged on {_uk(charge.charged_on)} with "
                f"{charge.offence} and may be a victim of exploitation: the section 45 note is "
                f"ready to share with the defence before the first hearing."
            ),
        )
    charge.section45_prompted_at = timezone.now()
    charge.section45_reasons = "\n".join(reasons)[:2000]
    charge.save(update_fields=["section45_prompted_at", "section45_reasons"])
    audit_record(
        actor=actor, action=events.SECTION45_PROMPTED, subject=person,
        detail={"charge_id": charge.pk, "task_id": task.pk,
                "assigned_to": getattr(assignee, "pk", None)},
    )
    return task


def charge_record(
    *, actor, person: Person, offence: str, charged_on: dt.date, court_name: str = "",
    court_date: dt.date | None = None,
) -> Charge:
    """Record that a child was charged, and run the section 45 rule (``lantern.nrm.rules``)."""
    _require(policies.can_record_charge(actor, person))
    offence = (offence or "").strip()
    if not offence:
        raise ValidationError({"offence": "Enter the offence the child is charged with"})
    if charged_on > _today():
        raise ValidationError({"charged_on": "Date charged must be today or in the past"})
    if court_date is not None and court_date < charged_on:
        raise ValidationError({"court_date": "Court date must be on or after the date charged"})
    with transaction.atomic():
        charge = Charge.objects.create(
            person=person, offence=offence[:300], charged_on=charged_on,
            charging_agency=actor.agency, court_name=(court_name or "").strip()[:200],
            court_date=court_date, recorded_by=actor,
        )
        court = f" First court date {_uk(court_date)}" + (f" at {charge.court_name}." if charge.court_name else ".") if court_date else ""
        _mirror(actor=actor, person=person, when=charged_on, event_type=EventType.OTHER,
                source_type="nrm.Charge", source_id=charge.pk,
                summary=f"Charged with {charge.offence}.{court}")
        audit_record(actor=actor, action=events.CHARGE_RECORDED, subject=person,
                     detail={"charge_id": charge.pk})
        reasons = rules.section45_reasons(person)
        if reasons:
            _prompt_section45(actor=actor, charge=charge, reasons=reasons)
    return charge


def charge_court_update(
    *, actor, charge: Charge, court_name: str = "", court_date: dt.date | None = None,
    outcome: str = "", outcome_on: dt.date | None = None, outcome_note: str = "",
) -> Charge:
    """Record a court date or the outcome; an outcome goes on the child's chronology."""
    _require(policies.can_record_charge(actor, charge.person))
    if outcome not in CourtOutcome.values:
        raise ValidationError({"outcome": "Select an outcome from the list"})
    if court_date is not None and court_date < charge.charged_on:
        raise ValidationError({"court_date": "Court date must be on or after the date charged"})
    if outcome and outcome_on is None:
        raise ValidationError({"outcome_on": "Enter the date of the outcome"})
    if outcome_on is not None and not outcome:
        raise ValidationError({"outcome": "Select the outcome for this date"})
    if outcome_on is not None and outcome_on < charge.charged_on:
        raise ValidationError({"outcome_on": "Outcome date must be on or after the date charged"})
    if outcome_on is not None and outcome_on > _today():
        raise ValidationError({"outcome_on": "Outcome date must be today or in the past"})
    values = {"court_name": (court_name or "").strip()[:200], "court_date": court_date,
              "outcome": outcome, "outcome_on": outcome_on, "outcome_note": (outcome_note or "").strip()}
    with transaction.atomic():
        changed = sorted(k for k, v in values.items() if getattr(charge, k) != v)
        if not changed:
            return charge
        new_outcome = "outcome" in changed and outcome
        for key, value in values.items():
            setattr(charge, key, value)
        charge.save()
        if new_outcome:
            _mirror(actor=actor, person=charge.person, when=outcome_on, event_type=EventType.OTHER,
                    source_type="nrm.Charge", source_id=charge.pk,
                    summary=f"Court outcome for {charge.offence}: {charge.get_outcome_display()}.")
        audit_record(actor=actor, action=events.COURT_RECORDED, subject=charge.person,
                     detail={"charge_id": charge.pk, "fields": changed})
    return charge


# --- Transition to adulthood -------------------------------------------------------------------


def transition_reminders(*, today: dt.date | None = None) -> list[Task]:
    """Remind the lead professional, 100 days before a child's 18th birthday, to plan the move
    to adult services. Run daily (``manage.py nrm_transition_reminders``).

    Catches up: a child whose birthday is 100 days away *or fewer* (and still ahead) gets the
    task if they never had one, so a missed day never loses a reminder; one task per child ever
    (``source_type="nrm.transition"``, ``source_id`` = the child). Children with an open case
    only: the task goes to its lead professional, or waits for the case's team. A system job has
    no user, so the audit event names none.
    """
    from lantern.cases import events as case_events

    today = today or _today()
    made: list[Task] = []
    reminded = Task.objects.filter(source_type=TASK_SOURCE_TRANSITION).values("source_id")
    cases = (
        Case.objects.filter(status=CaseStatus.OPEN, person__date_of_birth__isnull=False)
        .exclude(person_id__in=reminded).select_related("person", "lead", "team")
        .order_by("person_id", "-opened_on", "-id")
    )
    seen: set[int] = set()
    for case in cases:
        person = case.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        birthday = timescales.eighteenth_birthday(person.date_of_birth)
        days = (birthday - today).days
        if not 0 < days <= TRANSITION_REMINDER_DAYS:
            continue
        lead = case.lead if case.lead_id and case.lead.is_active else None
        with transaction.atomic():
            task = Task.objects.create(
                person=person, case=case, kind=TaskKind.OTHER, status=TaskStatus.OPEN,
                title=(f"Plan {person.display_name}'s move to adult services: 18 on "
                       f"{_uk(birthday)} ({days} days)")[:300],
                due_at=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=28), dt.time(17))),
                assigned_to=lead, team=case.team, source_type=TASK_SOURCE_TRANSITION,
                source_id=person.pk,
            )
            audit_record(actor=None, action=events.TRANSITION_REMINDED, subject=person,
                         detail={"task_id": task.pk, "case_id": case.pk, "birthday": birthday.isoformat()})
            audit_record(actor=None, action=case_events.TASK_CREATED, subject=person,
                         detail={"task_id": task.pk, "kind": TaskKind.OTHER, "case_id": case.pk})
        made.append(task)
    return made
