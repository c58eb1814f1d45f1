"""Writes for identity: raise a possible match, resolve it. Audited in the same transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.audit.services import audit_record
from lantern.identity import events, policies
from lantern.identity.choices import OUTCOMES, MatchKind, MatchStatus
from lantern.identity.models import PossibleMatch


def possible_match_raise(
    *,
    actor,
    kind: str,
    other,
    person=None,
    identifier_type: str = "",
    score: int | None = None,
    reasons: tuple[str, ...] | list[str] = (),
) -> PossibleMatch:
    """Raise an item for the reviewers, once per open pair and kind.

    Called by other services on the actor's behalf; the actor learns nothing from it (the
    caller's message is the same whether or not an item was raised).
    """
    if kind not in MatchKind.values:
        raise ValidationError("Unknown kind of possible match")
    if person is not None and person.pk == other.pk:
        raise ValidationError("A record cannot match itself")
    with transaction.atomic():
        pair = Q(person=person, other=other) if person is not None else Q(
            person__isnull=True, other=other, raised_by=actor
        )
        if person is not None:
            pair |= Q(person=other, other=person)
        existing = PossibleMatch.objects.filter(pair, kind=kind, status=MatchStatus.OPEN).first()
        if existing is not None:
            return existing
        item = PossibleMatch.objects.create(
            kind=kind,
            person=person,
            other=other,
            identifier_type=identifier_type,
            raised_by=actor,
            score=score,
            reasons="; ".join(reasons)[:500],
        )
        audit_record(
            actor=actor,
            action=events.MATCH_RAISED,
            subject_type="people.person",
            subject_ids=item.person_ids,
            detail={
                "match_id": item.pk,
                "kind": kind,
                "identifier_type": identifier_type,
                "score": score,
            },
        )
    return item


def possible_match_resolve(*, actor, item: PossibleMatch, outcome: str, note: str) -> PossibleMatch:
    """Record the reviewer's answer. Merging records is separate work (issue 16)."""
    if not policies.may_see_item(actor, item):
        raise PermissionDenied
    if item.status != MatchStatus.OPEN:
        raise ValidationError("This has already been checked")
    if outcome not in OUTCOMES.get(item.kind, ()):
        raise ValidationError({"outcome": "Choose what you found"})
    note = (note or "").strip()
    if len(note) < 10:
        raise ValidationError({"note": "Say how you checked, in at least 10 characters"})
    with transaction.atomic():
        item.status = outcome
        item.resolved_by = actor
        item.resolved_at = timezone.now()
        item.resolution_note = note
        item.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])
        audit_record(
            actor=actor,
            action=events.MATCH_RESOLVED,
            subject_type="people.person",
            subject_ids=item.person_ids,
            detail={"match_id": item.pk, "outcome": outcome},
        )
    return item


def access_request_raise(*, actor, held_ids: list[int]) -> list[PossibleMatch]:
    """Ask the reviewers for access to records that may match, instead of creating a record.

    ``held_ids`` come from ``selectors.matches_held_elsewhere``: records the actor may not see.
    The actor is told only that the request was sent.
    """
    from lantern.people.models import Person

    with transaction.atomic():
        return [
            possible_match_raise(actor=actor, kind=MatchKind.ACCESS_REQUEST, other=other)
            for other in Person.objects.filter(pk__in=held_ids).order_by("pk")
        ]


def person_register_checked(*, actor, held_ids: list[int], seen=(), **fields):
    """Create a record although a possible match exists, and raise it for checking.

    ``held_ids``: strong matches the actor may not see (held elsewhere, or restricted).
    ``seen``: ``(person_id, Candidate)`` strong matches the actor saw and judged to be someone
    else. Why allow it at all: the practitioner may be sure (a different child with the same
    name and birthday) or the work cannot wait for access. Why never silently: each becomes an
    item the reviewers must answer, so a second record for one child is found and merged.
    """
    from lantern.identity.candidates import profiles_for
    from lantern.identity.matching import Profile, score
    from lantern.people.models import Person
    from lantern.people.services import person_register

    with transaction.atomic():
        person = person_register(actor=actor, **fields)
        scored = dict(seen)
        mine = profiles_for([person.pk]).get(person.pk, Profile())
        others = Person.objects.filter(pk__in=set(held_ids) | set(scored)).order_by("pk")
        theirs = profiles_for([o.pk for o in others])
        for other in others:
            cand = scored.get(other.pk) or score(
                mine, theirs.get(other.pk, Profile()), person_id=other.pk
            )
            possible_match_raise(
                actor=actor,
                kind=MatchKind.CREATED_DESPITE_MATCH,
                person=person,
                other=other,
                score=cand.score,
                reasons=cand.reasons,
            )
    return person


def candidates_shown_audit(*, actor, shown, held_elsewhere: list[int]) -> None:
    """Record what search before create told the actor.

    Candidates shown are personal data read (``identity.candidates_shown``, naming them).
    Saying "a record that may match is held elsewhere" reveals that one exists, so it is
    recorded too, naming the hidden records (``people.match_held_elsewhere_shown``), so the
    DPO can see who was told and about which child.
    """
    from lantern.people import events as people_events

    if shown:
        audit_record(
            actor=actor,
            action=events.CANDIDATES_SHOWN,
            subject_type="people.person",
            subject_ids=[p.pk for p, _c in shown],
            detail={"scores": [c.score for _p, c in shown]},
        )
    if held_elsewhere:
        audit_record(
            actor=actor,
            action=people_events.MATCH_HELD_ELSEWHERE_SHOWN,
            subject_type="people.person",
            subject_ids=held_elsewhere,
            detail={"count": len(held_elsewhere)},
        )
