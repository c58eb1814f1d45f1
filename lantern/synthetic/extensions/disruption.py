"""The disruption register for the demo (``lantern.disruption``), made through its services.

* The park's police patrols (a context plan action of kind "disruption", from ``contexts``)
  are already in the register through the contexts hook.
* olivia served a **child abduction warning notice** on an adult of concern about the "pattern"
  child (found with him on missing episodes); it expires in three weeks, so it is on her
  "My actions" to renew, vary or end, and it has one breach.
* olivia's **closure order** on the flat the "arrested" child was sent to, agreed at the panel,
  with no breach; and a **hotel information request** that ended with its outcome recorded.

Runs after ``panels``; dates count back from the seed's today on the stopped clock.
"""

from __future__ import annotations

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.models import AuditEvent
from lantern.disruption import events as disruption_events
from lantern.disruption import services
from lantern.disruption.models import DisruptionAction, DisruptionBreach
from lantern.people.choices import PersonKind
from lantern.synthetic.extensions._base import SEED_REQUEST_PREFIX, Steps, at, day, extension
from lantern.synthetic.extensions._cast import cast_for


def seed_disruption(*, run, world, people, users):
    cast = cast_for(world, people)
    olivia = users["olivia"]
    steps = Steps()
    adults = sorted((p for p in people.values() if p.kind == PersonKind.ADULT_OF_CONCERN),
                    key=lambda p: p.pk)
    adult = next((p for p in adults if person_policy.can(olivia, VIEW, p)), None)
    made = {}

    def cawn():
        action = services.disruption_record(
            actor=olivia, tactic="cawn", target_kind="person", started_on=day(-180 + 21),
            expires_on=day(21), summary="Not to contact or be with the child; served in person.")
        made["cawn"] = action
        if adult is not None:
            services.disruption_link_person(actor=olivia, action=action, person=adult,
                                            role="target")
        child = cast.child("pattern")
        if child is not None and person_policy.can(olivia, VIEW, people[child.sid]):
            services.disruption_link_person(actor=olivia, action=action,
                                            person=people[child.sid], role="protected")

    steps.add(at(day(-159), 11), cawn)
    steps.add(at(day(-12), 22), lambda: "cawn" in made and services.disruption_record_breach(
        actor=olivia, action=made["cawn"], occurred_on=day(-12),
        description="Seen with the child at the bus station at 10pm; arrested and released "
        "under investigation."))

    def closure():
        action = services.disruption_record(
            actor=olivia, tactic="closure_order", target_kind="place", started_on=day(-6),
            expires_on=day(84), target_description="Flat on Station Road used to deal from",
            summary="Three-month closure order granted by the magistrates.")
        child = cast.child("arrested")
        if child is not None and person_policy.can(olivia, VIEW, people[child.sid]):
            services.disruption_link_person(actor=olivia, action=action,
                                            person=people[child.sid], role="protected")

    steps.add(at(day(-6), 15), closure)

    def hotel():
        action = services.disruption_record(
            actor=olivia, tactic="hotel_information_request", target_kind="place",
            started_on=day(-70), target_description="Two hotels by the ring road",
            summary="Guest details asked for the nights children were found there.")
        made["hotel"] = action

    steps.add(at(day(-70), 10), hotel)
    steps.add(at(day(-50), 10), lambda: services.disruption_end(
        actor=olivia, action=made["hotel"], outcome="complied", ended_on=day(-50),
        outcome_notes="Both hotels gave the details; staff trained."))
    steps.run()
    return {"disruption_actions": DisruptionAction.objects.filter(pk__in=_seeded()).count()}


def _seeded():
    ids = set()
    for subject_ids in AuditEvent.objects.filter(
        action=disruption_events.RECORDED, request_id__startswith=SEED_REQUEST_PREFIX
    ).values_list("subject_ids", flat=True):
        ids.update(i for i in subject_ids or [] if isinstance(i, int))
    return ids


def clear(*, person_ids) -> None:
    """Entries against a seeded person protect that person's record: remove them first."""
    DisruptionAction.objects.filter(target_person_id__in=list(person_ids)).delete()
    DisruptionAction.objects.filter(pk__in=_seeded()).delete()


def digest_rows(key, ids):
    made = DisruptionAction.objects.filter(pk__in=_seeded()).order_by("started_on", "id")
    yield "disruption", [(r[0], r[1], key(r[2]) if r[2] else None, *r[3:]) for r in made.values_list(
        "tactic", "target_kind", "target_person_id", "target_description", "started_on",
        "expires_on", "ended_on", "outcome")]
    yield "disruption_breaches", list(DisruptionBreach.objects.filter(action__in=made).values_list(
        "occurred_on", "description"))


seed = extension(name="disruption", clear=clear, digest=digest_rows)(seed_disruption)
