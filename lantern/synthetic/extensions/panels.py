"""A multi-agency panel for the demo (``lantern.panels``), made through its services.

* **Ashdown MACE**, chaired by marcus, meets fortnightly: priya and tom (children's services),
  olivia (police), sarah (Oakfield's safeguarding lead: she sees only her pupils' items), and
  named health and youth justice partners.
* **Referred** six weeks ago: the "arrested", "pattern" and "engaged" children of the casework
  story, and the Marlcombe Park skate area (``contexts`` runs first).
* **A past meeting** two weeks ago: attendance with an apology and a declared interest, an
  outcome for each item (risk level, route, rationale, next review), actions for priya and olivia
  (olivia's now overdue), and signed minutes with an addendum.
* **Exited to the watchlist**: the "resurfaced" child, exited after a stable period before the
  arrest that re-surfaced their case; the arrest brings them back to the next agenda.
* **The next meeting**, in two days, with its agenda built from the county as it stands: the
  arrested child's critical event, the overdue action, the park's overdue plan action, the child
  back from the watchlist, and a theme.

Dates count back from the seed's today; the services run on the stopped clock (``_base.Steps``).
"""

from __future__ import annotations

import datetime as dt

from lantern.accounts.models import Agency
from lantern.audit.models import AuditEvent
from lantern.contexts.models import Context
from lantern.panels import events as panel_events
from lantern.panels import services
from lantern.panels.models import (
    AgendaItem,
    MeetingAttendance,
    MinutesAddendum,
    Panel,
    PanelAction,
    PanelMeeting,
    PanelReferral,
)
from lantern.people.choices import CRITICAL_EVENT_TYPES
from lantern.people.models import ChronologyEvent
from lantern.synthetic import personas as cast_mod
from lantern.synthetic.extensions._base import SEED_REQUEST_PREFIX, Steps, at, day, extension
from lantern.synthetic.extensions._cast import cast_for

PANEL = "Ashdown MACE"
REFERRED, LAST_MEETING, EXITED, NEXT_MEETING = -42, -14, -40, 2
#: (part, who refers, why)
REFERRALS = (
    ("arrested", "priya", "Criminal exploitation continuing after arrest: drug running, threats "
     "to the family and several phones."),
    ("pattern", "tom", "Missing six times in two months, found with older males each time."),
    ("engaged", "priya", "Criminal exploitation and County Lines; an NRM referral is made and "
     "the partnership should agree the disruption plan."),
)
#: (part, risk, route, rationale)
OUTCOMES = {
    "arrested": ("very_high", "csc", "Charged after an arrest with older young people; threats "
                 "to the family. The partnership agrees a strategy discussion and disruption of "
                 "the address he is sent to."),
    "pattern": ("high", "csc", "Missing episodes keep happening; the return home interviews name "
                "the same adults. Philomena profile to be refreshed."),
    "engaged": ("medium", "early_help", "Engaging well with his worker; the NRM decision is "
                "awaited. Early help keeps the family support going."),
}


def _agency(name):
    return Agency.objects.get(name=name)


def _last_critical_before(person, when: dt.date) -> dt.date | None:
    return (
        ChronologyEvent.objects.filter(person=person, event_type__in=sorted(CRITICAL_EVENT_TYPES),
                                       event_date__lte=when)
        .order_by("-event_date").values_list("event_date", flat=True).first()
    )


def seed_panels(*, run, world, people, users):
    cast = cast_for(world, people)
    marcus = users["marcus"]
    made: dict = {}
    steps = Steps()

    def setup():
        panel = services.panel_create(actor=marcus, name=PANEL, area="Ashdown county",
                                      cadence_days=14)
        made["panel"] = panel
        for who, role in (("priya", "Exploitation social worker"), ("tom", "Team manager"),
                          ("olivia", "MET detective constable"),
                          ("sarah", "Designated safeguarding lead")):
            services.panel_add_member(actor=marcus, panel=panel, user=users[who], role=role)
        services.panel_add_member(actor=marcus, panel=panel, name="Nurse for looked after "
                                  "children", agency=_agency(cast_mod.HEALTH), role="Health")
        services.panel_add_member(actor=marcus, panel=panel, name="Youth justice officer",
                                  agency=_agency(cast_mod.YOUTH_JUSTICE), role="Youth justice")

    steps.add(at(day(REFERRED - 8), 9), setup)

    for part, who, why in REFERRALS:
        child = cast.child(part)
        if child is None:
            continue
        steps.add(at(day(REFERRED), 11), lambda child=child, who=who, why=why, part=part:
                  made.setdefault("refs", {}).__setitem__(part, services.panel_refer(
                      actor=users[who], panel=made["panel"], person=people[child.sid],
                      reason=why)))

    def refer_park():
        park = Context.objects.filter(name="Marlcombe Park skate area", status="open").first()
        if park is not None:
            services.panel_refer(actor=users["priya"], panel=made["panel"], context=park,
                                 reason="Older males in cars at the gate; children from three "
                                 "schools seen there.")

    steps.add(at(day(REFERRED), 12), refer_park)

    resurfaced = cast.child("resurfaced")
    if resurfaced is not None:
        person = people[resurfaced.sid]

        def refer_and_exit():
            ref = services.panel_refer(
                actor=users["priya"], panel=made["panel"], person=person,
                reason="Sexual exploitation: seen with adults at a hotel.")
            PanelReferral.objects.filter(pk=ref.pk).update(referred_on=day(EXITED - 150))
            last = _last_critical_before(person, day(EXITED))
            stable = (last + dt.timedelta(days=1)) if last else day(EXITED - 120)
            if (day(EXITED) - stable).days >= made["panel"].stable_weeks * 7:
                ref.refresh_from_db()
                services.referral_exit(
                    actor=marcus, referral=ref, stable_since=stable,
                    rationale="No missing episodes or new concerns since the spring; back in "
                    "education; the case is closing with the end measure.")

        steps.add(at(day(EXITED), 15), refer_and_exit)

    def past_meeting():
        meeting = services.meeting_schedule(actor=marcus, panel=made["panel"],
                                            held_on=day(LAST_MEETING), location="Ashdown House")
        made["past"] = meeting
        services.agenda_build(actor=marcus, meeting=meeting)
        entries = []
        for member in made["panel"].members.order_by("id"):
            status = "apologies" if member.role == "Youth justice" else "present"
            declaration = ("Knows the family of one child through a previous role; took no part "
                           "in that item." if member.role == "Health" else "")
            entries.append((member, status, declaration))
        services.meeting_record_attendance(actor=marcus, meeting=meeting, entries=entries)
        refs = made.get("refs", {})
        for item in meeting.items.select_related("referral", "referral__context").order_by("position"):
            part = next((p for p, r in refs.items() if r.pk == item.referral_id), None)
            if part in OUTCOMES:
                risk, route, why = OUTCOMES[part]
                services.item_record_outcome(actor=marcus, item=item, risk_level=risk,
                                             route=route, rationale=why)
            elif item.referral_id and item.referral.context_id:
                services.item_record_outcome(
                    actor=marcus, item=item, risk_level="high",
                    rationale="Police patrols and youth work continue; lighting still broken.")
        first = {p: meeting.items.filter(referral=r).first() for p, r in refs.items()}
        if first.get("arrested"):
            services.panel_action_add(
                actor=marcus, item=first["arrested"], owner_user=users["olivia"],
                description="Visit the address he is sent to and consider a closure order.",
                due_date=day(LAST_MEETING + 10))
            services.panel_action_add(
                actor=marcus, item=first["arrested"], owner_user=users["priya"],
                description="Strategy discussion with the police and youth justice.",
                due_date=day(LAST_MEETING + 3))
        if first.get("pattern"):
            services.panel_action_add(
                actor=marcus, item=first["pattern"], owner_user=users["priya"],
                description="Refresh the Philomena profile with the places found.",
                due_date=day(NEXT_MEETING + 7))
        services.minutes_sign(actor=marcus, meeting=meeting)

    steps.add(at(day(LAST_MEETING), 16), past_meeting)

    def after_meeting():
        past = made.get("past")
        if past is None:
            return
        done = past.actions.filter(owner_user=users["priya"]).order_by("due_date").first()
        if done is not None:
            services.panel_action_update(actor=users["priya"], action=done, status="done")
        services.minutes_add_addendum(
            actor=marcus, meeting=past,
            text="Correction: the health member's declaration was about the second item, not "
            "the first.")

    steps.add(at(day(LAST_MEETING + 4), 10), after_meeting)

    def next_meeting():
        meeting = services.meeting_schedule(actor=marcus, panel=made["panel"],
                                            held_on=day(NEXT_MEETING), location="Ashdown House")
        services.agenda_add_theme(
            actor=marcus, meeting=meeting, title="Older males offering lifts near schools",
            detail="Three schools have reported cars waiting at the gates this month.")
        services.agenda_build(actor=marcus, meeting=meeting)

    steps.add(at(day(0), 8), next_meeting)
    steps.run()
    panels = Panel.objects.filter(pk=made["panel"].pk) if "panel" in made else Panel.objects.none()
    return {
        "panels": panels.count(),
        "panel_referrals": PanelReferral.objects.filter(panel__in=panels).count(),
        "panel_items": AgendaItem.objects.filter(meeting__panel__in=panels).count(),
        "panel_actions": PanelAction.objects.filter(panel__in=panels).count(),
    }


def _seed_panels():
    ids = set()
    for subject_ids in AuditEvent.objects.filter(
        action=panel_events.PANEL_CREATED, request_id__startswith=SEED_REQUEST_PREFIX
    ).values_list("subject_ids", flat=True):
        ids.update(i for i in subject_ids or [] if isinstance(i, int))
    return ids


def clear(*, person_ids) -> None:
    """Referrals protect the people they name: remove the seed's panels (and any panel that
    refers a seeded person) before the people go."""
    ids = list(person_ids)
    linked = set(PanelReferral.objects.filter(person_id__in=ids).values_list("panel_id", flat=True))
    Panel.objects.filter(pk__in=linked | _seed_panels()).delete()


def digest_rows(key, ids):
    made = Panel.objects.filter(pk__in=_seed_panels())
    yield "panels", list(made.values_list("name", "kind", "cadence_days", "chair__username"))
    yield "panel_referrals", [
        (key(r[0]) if r[0] else None, *r[1:]) for r in PanelReferral.objects.filter(
            panel__in=made).order_by("id").values_list(
            "person_id", "context__name", "status", "referred_on", "risk_level",
            "next_review_date", "exited_on", "watch_until")]
    yield "panel_meetings", list(PanelMeeting.objects.filter(panel__in=made).order_by(
        "held_on").values_list("held_on", "status"))
    yield "panel_items", [
        (r[0], r[1], r[2], r[3], r[4]) for r in AgendaItem.objects.filter(
            meeting__panel__in=made).order_by("meeting__held_on", "position").values_list(
            "section", "reason", "title", "risk_level", "route")]
    yield "panel_actions", list(PanelAction.objects.filter(panel__in=made).order_by(
        "due_date", "id").values_list("description", "owner_name", "due_date", "status"))
    yield "panel_attendance", list(MeetingAttendance.objects.filter(
        meeting__panel__in=made).order_by("meeting__held_on", "member__name").values_list(
        "member__name", "status"))
    yield "panel_addenda", list(MinutesAddendum.objects.filter(meeting__panel__in=made)
                                .values_list("text", flat=True))


seed = extension(name="panels", clear=clear, digest=digest_rows)(seed_panels)
