"""What casework does when a critical moment is recorded on a child's chronology.

Registered in ``CasesConfig.ready()`` with ``lantern.people.critical.on_critical_event``, so it
runs inside the chronology service's transaction: the event, the alert and the moved review
commit together.

For every **open** case of the child:

* the next review comes forward to no later than 5 working days after today
  (``lantern.cases.rules.critical_review_deadline``); a review already due sooner stays;
* the lead professional gets an alert on their dashboard (not when they recorded the event
  themselves: they already know). An unallocated case alerts the team's managers instead.

With **no** open case, a case closed within the previous 6 months re-surfaces: a
``Resurfacing`` row for the team view and an alert to each manager of the team that held it.
"""

from __future__ import annotations

from django.utils import timezone

from lantern.access import sharing
from lantern.audit.services import audit_record
from lantern.cases import events, rules
from lantern.cases.choices import AlertKind, CaseStatus, ResurfacingState
from lantern.cases.models import Case, Resurfacing
from lantern.cases.services import alert_raise, team_managers
from lantern.core.templatetags.lantern_tags import uk_date


def _describe(event, recipient) -> str:
    """The alert's words, no more than the chronology shows ``recipient``: a youth worker who
    leads a case must not read "arrest" in an alert about a police-only entry."""
    what, when = sharing.describe_for(recipient, event)
    if not when:
        return f"{what} recorded for {event.person.display_name}."
    agency = event.source_agency.name if event.source_agency_id else "an agency"
    return f"{what} for {event.person.display_name} ({when}), recorded by {agency}."


def handle_critical_event(*, event, actor) -> None:
    person = event.person
    today = timezone.localdate()
    open_cases = list(
        Case.objects.filter(person=person, status=CaseStatus.OPEN).select_related("lead", "team")
    )
    for case in open_cases:
        moved_to = rules.brought_forward(case.next_review_date, today)
        note = ""
        if moved_to is not None:
            case.next_review_date = moved_to
            # Read by everyone who may open the case, so it names no type and no date: the
            # chronology says what happened to each reader as far as they may know it.
            case.review_note = "Brought forward after a critical event"
            case.save(update_fields=["next_review_date", "review_note"])
            audit_record(
                actor=actor,
                action=events.REVIEW_BROUGHT_FORWARD,
                subject=person,
                detail={"case_id": case.pk, "event_id": event.pk, "due": moved_to.isoformat()},
            )
            note = f" Next review brought forward to {uk_date(moved_to)}."
        lead = case.lead if case.lead_id and case.lead.is_active else None
        if lead is not None:
            if lead.pk != getattr(actor, "pk", None):
                alert_raise(
                    actor=actor, recipient=lead, person=person, case=case, event=event,
                    kind=AlertKind.CRITICAL_EVENT, message=_describe(event, lead) + note,
                )
        else:
            for manager in team_managers(case.team):
                alert_raise(
                    actor=actor, recipient=manager, person=person, case=case, event=event,
                    kind=AlertKind.UNALLOCATED,
                    message=_describe(event, manager) + " The case has no lead professional." + note,
                )
    if open_cases:
        return
    event_on = event.event_date or today
    closed = (
        Case.objects.filter(person=person, status=CaseStatus.CLOSED, closed_on__isnull=False)
        .select_related("team")
        .order_by("-closed_on", "-id")
        .first()
    )
    if closed is None or not rules.within_resurface_window(closed.closed_on, event_on):
        return
    if not Resurfacing.objects.filter(case=closed, state=ResurfacingState.WAITING).exists():
        Resurfacing.objects.create(case=closed, event=event, team=closed.team)
        audit_record(
            actor=actor,
            action=events.CASE_RESURFACED,
            subject=person,
            detail={"case_id": closed.pk, "event_id": event.pk},
        )
    for manager in team_managers(closed.team):
        alert_raise(
            actor=actor, recipient=manager, person=person, case=closed, event=event,
            kind=AlertKind.RESURFACED,
            message=_describe(event, manager)
            + f" Their case closed on {uk_date(closed.closed_on)}: decide whether to open a new one.",
        )
