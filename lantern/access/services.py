"""Writes for restricted records: naming users, break-glass, the DPO's review and escalation.

Each is a keyword-only service in one transaction with its audit event (house rules 2 and 5).
Errors a user can fix raise ``ValidationError`` with a GOV.UK-style message; attempts the
user may not make raise ``PermissionDenied`` (views turn both into a page, never a 500).

Example::

    grant = break_glass(actor=user, person=child, reason="Missing tonight; police need the plan")
    ... later, the data protection officer:
    break_glass_review(actor=dpo, grant=grant, note="Checked with the duty manager")
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lantern.access import events
from lantern.access.models import AccessGrant, GrantKind, ReviewOutcome
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.access.workdays import working_days_between
from lantern.accounts.choices import Role
from lantern.audit.services import audit_record

logger = logging.getLogger(__name__)

#: A reason shorter than this is refused: "urgent" is not a reason.
MIN_REASON_LENGTH = 20
#: The message for a reason long enough but saying nothing (see ``substantial_reason``).
REASON_NOT_SUBSTANTIAL = "Reason must be written in words that say what has happened and why"

#: Thresholds of ``substantial_reason``; each is explained there.
_MIN_WORDS = 4
_MIN_DIFFERENT_WORDS = 3
_MIN_DIFFERENT_LETTERS = 8
_MAX_ONE_CHARACTER_SHARE = 0.35
_MIN_VOWEL_SHARE = 0.2
_MAX_NEIGHBOUR_PAIR_SHARE = 1 / 3

_WORD = re.compile(r"[^\W\d_]{2,}")
_VOWELS = frozenset("aeiouy")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = frozenset(
    pair
    for row in _KEYBOARD_ROWS
    for a, b in zip(row, row[1:], strict=False)
    for pair in (a + b, b + a)
)


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _clean_reason(reason: str) -> str:
    return " ".join((reason or "").split())


def _latin(text: str) -> str:
    """The ASCII letters of ``text`` with accents removed ("é" -> "e"), lower case."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def _says_something(reason: str) -> bool:
    """Whether a reason (white space already folded) reads as words rather than filler.

    Why these tests: the data protection officer reviews every break-glass reason, and a
    restriction's reason is the only record of why a child's record was hidden or shown
    again, so a reason must be something a person can read. They are deliberately loose, so a
    hurried but real reason ("Arrested in Leeds; custody needs his plan") always passes; each
    one refuses one way of filling the box without writing anything:

    * at least 4 words of two or more letters ("Emergencyaccessneeded", "a a a a ...", digits);
    * at least 3 *different* words (a word or a pair repeated: "asdf asdf asdf asdf",
      "urgent urgent urgent urgent", "need it need it need it");
    * at least 8 different letters (English sentences of 20 characters have 10 or more);
    * no one character more than 35% of the text without spaces ("aaaa...a to see it");
      in English the commonest letter, "e", is about 12%, rarely above 25% in a short line;
    * keyboard mashing, judged on the Latin letters only (when most letters are Latin, so
      other scripts are not judged by English letter patterns): at least a fifth of the
      letters are vowels (English is about 40%; "fjdksla ghfjd" is 5%), and at most a third
      of the letter pairs inside words are neighbouring keys on one keyboard row ("qwerty",
      "asdf", "lkjh"; English text has about one in ten).
    """
    words = _WORD.findall(reason.casefold())
    if len(words) < _MIN_WORDS or len(set(words)) < _MIN_DIFFERENT_WORDS:
        return False
    letters = [c for c in reason.casefold() if c.isalpha()]
    if len(set(letters)) < _MIN_DIFFERENT_LETTERS:
        return False
    characters = reason.casefold().replace(" ", "")
    commonest = max(characters.count(c) for c in set(characters))
    if commonest > _MAX_ONE_CHARACTER_SHARE * len(characters):
        return False
    latin = _latin(reason)
    if len(latin) * 2 >= len(letters):
        if sum(c in _VOWELS for c in latin) < _MIN_VOWEL_SHARE * len(latin):
            return False
        pairs = [
            a + b
            for word in (_latin(w) for w in words)
            for a, b in zip(word, word[1:], strict=False)
            if a != b
        ]
        neighbours = sum(pair in _NEIGHBOURS for pair in pairs)
        if pairs and neighbours > _MAX_NEIGHBOUR_PAIR_SHARE * len(pairs):
            return False
    return True


def substantial_reason(reason: str) -> str:
    """The reason, white space folded, if it says something; else ``ValidationError``.

    The one check for every reason that opens or hides a record (break-glass, restricting,
    lifting a restriction), used by the services and by their forms, so the page and the
    service can never disagree. "urgent" is too short; twenty "a"s, "asdf asdf asdf asdf"
    and keyboard mashing are not reasons (``_says_something`` says how each is told apart).
    """
    reason = _clean_reason(reason)
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(f"Reason must be {MIN_REASON_LENGTH} characters or more")
    if not _says_something(reason):
        raise ValidationError(REASON_NOT_SUBSTANTIAL)
    return reason


def break_glass_hours() -> int:
    return int(getattr(settings, "LANTERN_BREAK_GLASS_HOURS", 4))


def review_working_days() -> int:
    return int(getattr(settings, "LANTERN_BREAK_GLASS_REVIEW_WORKING_DAYS", 5))


def may_name_users(actor, person) -> bool:
    """Who may restrict a record, name people on it and lift its restriction (ADR 0012).

    The data protection officer, for any record; and a team manager whose role scope
    includes the child, provided that, when the record is restricted, they are themselves
    *named* on it (a named grant still running).

    Why not "a manager who can see it": break-glass access lets a manager see a restricted
    record for a few hours, for an emergency, and the DPO reviews it afterwards. Counting it
    here turned four hours into permanent access: he could name himself (issue 10, item 5),
    name colleagues or lift the restriction, each before anyone reviewed why he was there.
    The flag is read from the database, not the object passed in, so a stale copy cannot
    skip the named-grant test.
    """
    if not _active(actor):
        return False
    if actor.role == Role.DPO:
        return True
    if actor.role != Role.TEAM_MANAGER or not person_policy.in_scope(actor, VIEW, person):
        return False
    named = AccessGrant.objects.filter(
        person=OuterRef("pk"), user=actor, kind=GrantKind.NAMED
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
    return (
        type(person)
        .objects.filter(pk=person.pk)
        .filter(Q(restricted=False) | Exists(named))
        .exists()
    )


def grant_named(*, actor, person, user, reason: str) -> AccessGrant:
    """Name ``user`` on a restricted record, without an end date.

    The named user must already have the child inside their role's scope (an involvement of
    their team or agency, or a partnership role): naming lifts the restriction, it does not
    widen anyone's scope. Naming someone already named returns their existing grant.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = _clean_reason(reason)
    if not reason:
        raise ValidationError("Enter why this person needs to see the record")
    if not _active(user):
        raise ValidationError("This account is not active")
    if not person_policy.in_scope(user, VIEW, person):
        raise ValidationError(
            f"{user.get_full_name() or user.username}'s role and involvements do not include "
            "this child; record their involvement first"
        )
    now = timezone.now()
    with transaction.atomic():
        existing = (
            AccessGrant.objects.select_for_update()
            .filter(person=person, user=user, kind=GrantKind.NAMED)
            .filter(expires_at__isnull=True)
            .first()
        )
        if existing:
            return existing
        grant = AccessGrant.objects.create(
            person=person,
            user=user,
            kind=GrantKind.NAMED,
            reason=reason,
            granted_by=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action=events.GRANT_NAMED,
            subject=person,
            reason=reason,
            detail={"grant_id": grant.pk, "user_id": user.pk, "username": user.username},
        )
    return grant


def break_glass(*, actor, person, reason: str) -> AccessGrant:
    """Open a restricted record for ``LANTERN_BREAK_GLASS_HOURS`` with a written reason.

    Only for someone whose role scope already includes the child (a practitioner whose team
    is involved, a partnership role); anyone else is refused as if the record did not exist.
    The grant joins the data protection officer's review queue in the same transaction.
    """
    if not _active(actor) or not person_policy.in_scope(actor, VIEW, person):
        raise PermissionDenied
    reason = substantial_reason(reason)
    if not person.restricted:
        raise ValidationError("This record is not restricted")
    now = timezone.now()
    expires = now + dt.timedelta(hours=break_glass_hours())
    with transaction.atomic():
        grant = AccessGrant.objects.create(
            person=person,
            user=actor,
            kind=GrantKind.BREAK_GLASS,
            reason=reason,
            granted_by=actor,
            created_at=now,
            expires_at=expires,
        )
        audit_record(
            actor=actor,
            action=events.BREAK_GLASS,
            subject=person,
            reason=reason,
            detail={
                "grant_id": grant.pk,
                "expires_at": expires.isoformat(timespec="seconds"),
                "hours": break_glass_hours(),
            },
        )
        transaction.on_commit(
            lambda: logger.info("break-glass grant %s queued for review", grant.pk)
        )
    return grant


def break_glass_review(
    *, actor, grant: AccessGrant, note: str, outcome: str = ReviewOutcome.JUSTIFIED
) -> AccessGrant:
    """The data protection officer records their review of one break-glass grant.

    A DPO cannot review their own break-glass access: it stays in the queue (and escalates)
    for another reviewer.
    """
    if not _active(actor) or actor.role != Role.DPO:
        raise PermissionDenied
    if grant.kind != GrantKind.BREAK_GLASS:
        raise ValidationError("Only break-glass access is reviewed")
    if grant.user_id == actor.pk:
        raise ValidationError("Another reviewer must review your own break-glass access")
    note = (note or "").strip()
    if not note:
        raise ValidationError("Enter a review note")
    if outcome not in ReviewOutcome.values:
        raise ValidationError("Select whether the access was justified")
    with transaction.atomic():
        grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
        if grant.reviewed_at is not None:
            raise ValidationError("This break-glass access has already been reviewed")
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = actor
        grant.review_note = note
        grant.review_outcome = outcome
        grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "review_outcome"])
        audit_record(
            actor=actor,
            action=events.BREAK_GLASS_REVIEWED,
            subject=grant.person,
            reason=note,
            detail={"grant_id": grant.pk, "outcome": outcome, "user_id": grant.user_id},
        )
    return grant


def break_glass_overdue(*, now: dt.datetime | None = None):
    """Unreviewed break-glass grants older than the review period in working days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    limit = review_working_days()
    pending = AccessGrant.objects.filter(
        kind=GrantKind.BREAK_GLASS, reviewed_at__isnull=True
    ).select_related("user", "person")
    return [
        g
        for g in pending.order_by("created_at", "pk")
        if working_days_between(timezone.localdate(g.created_at), today) > limit
    ]


def break_glass_escalate(*, actor=None, now: dt.datetime | None = None) -> list[AccessGrant]:
    """Mark overdue, unreviewed break-glass grants as escalated (once each) and audit it.

    Returns the grants escalated by this call. ``actor`` is None when run by the scheduler.
    """
    now = now or timezone.now()
    escalated = []
    with transaction.atomic():
        for grant in break_glass_overdue(now=now):
            if grant.escalated_at is not None:
                continue
            updated = AccessGrant.objects.filter(pk=grant.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if not updated:
                continue
            grant.escalated_at = now
            audit_record(
                actor=actor,
                action=events.BREAK_GLASS_ESCALATED,
                subject=grant.person,
                detail={
                    "grant_id": grant.pk,
                    "user_id": grant.user_id,
                    "working_days": working_days_between(
                        timezone.localdate(grant.created_at), timezone.localdate(now)
                    ),
                },
            )
            escalated.append(grant)
    return escalated


# --- Restricting a record ---------------------------------------------------------------------


def _current_leads(person) -> list:
    """Active users who are the child's lead professional on a current involvement."""
    from lantern.people.models import Involvement

    current = Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    rows = Involvement.objects.filter(
        current, person=person, is_lead=True, user__isnull=False, user__is_active=True
    ).select_related("user").order_by("user_id")
    return [inv.user for inv in rows]


def record_restrict(*, actor, person, reason: str) -> list[AccessGrant]:
    """Restrict a record: only people named on it (and break-glass, reviewed) may then see it.

    Who keeps access, so the work goes on: the person restricting it and the child's current
    lead professionals, each named with the same reason, provided the record is inside their
    role's scope. Everyone else who could see the child now gets "not found", and may ask for
    break-glass access, which the data protection officer reviews. Returns the grants made.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = substantial_reason(reason)
    if person.restricted:
        raise ValidationError("This record is already restricted")
    keep = {actor.pk: actor}
    for lead in _current_leads(person):
        keep.setdefault(lead.pk, lead)
    with transaction.atomic():
        # Named before the flag is set, while the actor can still see the record; naming
        # someone already named returns their grant.
        grants = [
            grant_named(actor=actor, person=person, user=user, reason=reason)
            for user in keep.values()
            if person_policy.in_scope(user, VIEW, person)
        ]
        type(person).objects.filter(pk=person.pk).update(restricted=True)
        person.restricted = True
        audit_record(
            actor=actor, action=events.RECORD_RESTRICTED, subject=person, reason=reason,
            detail={"named_user_ids": [g.user_id for g in grants]},
        )
    return grants


def record_unrestrict(*, actor, person, reason: str) -> None:
    """Lift a restriction: the record is seen again by everyone whose role scope includes it.

    Names already given stay on file (they matter only while a record is restricted) and are
    shown again if it is restricted later.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = substantial_reason(reason)
    if not person.restricted:
        raise ValidationError("This record is not restricted")
    with transaction.atomic():
        type(person).objects.filter(pk=person.pk).update(restricted=False)
        person.restricted = False
        audit_record(actor=actor, action=events.RECORD_UNRESTRICTED, subject=person, reason=reason)
