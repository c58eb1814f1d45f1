"""Reads for identity: the review queue, and matches held where the actor cannot see them.

``matches_held_elsewhere`` is the one read in Lantern that looks outside the actor's scope, on
purpose: search before create must not answer "0 possible matches" when the child is known to
another team (issue 10, item 4). It returns ids for services to act on (raise an item for the
triage team) and a count for the page to say "a record that may match is held elsewhere"; no
caller may show a name, date or any other detail from those records.

Why only strong matches (name *and* date of birth): a name alone would let anyone probe whether
the partnership knows a child called X; the date of birth narrows it to the child in front of
the practitioner, which is the case where a duplicate record does harm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.http import Http404

from lantern.access.naming import visible_person_ids
from lantern.identity import policies
from lantern.identity.candidates import find_candidates
from lantern.identity.choices import MatchStatus
from lantern.identity.matching import Profile
from lantern.identity.models import Merge, PossibleMatch
from lantern.people.models import Person


def strong_matches(*, first_name: str, last_name: str, date_of_birth: dt.date | None) -> list[int]:
    """Ids of every record whose name and date of birth match (any scope: never shown).

    The same engine as search before create (``lantern.identity.candidates``), keeping only its
    strong candidates: name *and* date of birth (exact, or day and month swapped).
    """
    if not (first_name or last_name or "").strip() or date_of_birth is None:
        return []
    if first_name and not last_name and len(first_name.split()) > 1:
        # "Find a child" sends the whole name in one box.
        first_name, last_name = first_name.rsplit(" ", 1)
    probe = Profile.typed(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
    found = find_candidates(probe)
    return [c.person_id for c in found if c.strong and _dob_agrees(c)]


def _dob_agrees(candidate) -> bool:
    return any(r.startswith(("Same date of birth", "Date of birth with day")) for r in candidate.reasons)


@dataclass(frozen=True)
class HeldElsewhere:
    """Strong matches the actor may not open, split by what the page may say about them.

    ``mentioned``: ordinary records held by another team or agency; the page says "a record that
    may match is held elsewhere". ``silent``: restricted records. Even their existence is kept
    from people who are not named on them (that is what restricting is for), so the page says
    nothing, but a record created anyway is still raised for the reviewers: never a silent
    duplicate.
    """

    mentioned: list[int] = field(default_factory=list)
    silent: list[int] = field(default_factory=list)

    @property
    def all(self) -> list[int]:
        return self.mentioned + self.silent


def matches_held_elsewhere(
    *, actor, first_name: str, last_name: str, date_of_birth: dt.date | None
) -> HeldElsewhere:
    """Strong matches the actor may not open: ids for services, never shown."""
    ids = strong_matches(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
    if not ids:
        return HeldElsewhere()
    visible = visible_person_ids(actor, ids)
    hidden = [i for i in ids if i not in visible]
    restricted = set(
        Person.objects.filter(pk__in=hidden, restricted=True).values_list("pk", flat=True)
    )
    return HeldElsewhere(
        mentioned=[i for i in hidden if i not in restricted],
        silent=[i for i in hidden if i in restricted],
    )


def queue_for(*, actor, status: str = MatchStatus.OPEN, kind: str = "") -> list[PossibleMatch]:
    """Items the reviewer may see in full (both records), best score first, then oldest.

    The rest are neither listed nor counted. A count moved when the reviewer's own entry raised
    an item against a record they may not open (an identifier another team holds, a record
    created over a silent restricted match), so adding a value and reloading the queue answered
    "does a hidden record hold this?" (ADR 0015). Nobody needs the count: an ordinary record is
    open to the data protection officer, who sees such items in full, and an item on a restricted
    record waits for a reviewer named on it.
    """
    if not policies.may_review(actor):
        return []
    items = PossibleMatch.objects.filter(status=status)
    if kind:
        items = items.filter(kind=kind)
    items = list(
        items.select_related("person", "other", "raised_by").order_by(
            F("score").desc(nulls_last=True), "raised_at", "id"
        )[:500]
    )
    ids = {i for item in items for i in item.person_ids}
    visible = visible_person_ids(actor, ids)
    return [item for item in items if set(item.person_ids) <= visible]


def merges_for(*, actor) -> list[Merge]:
    """Merges the reviewer may be shown (``policies.may_see_merge``), newest first."""
    if not policies.may_review(actor):
        return []
    merges = list(Merge.objects.select_related("survivor", "absorbed", "merged_by")[:500])
    visible = visible_person_ids(actor, {i for m in merges for i in (m.survivor_id, m.absorbed_id)})
    return [m for m in merges if policies.may_see_merge(actor, m, visible)]


def merge_get(*, actor, merge_id) -> Merge:
    """One merge, if the reviewer may be shown it (``policies.may_see_merge``); 404 otherwise.

    What the page may then say about the absorbed record is ``merge_pages.merge_summary``'s job.
    """
    try:
        pk = int(merge_id)
    except (TypeError, ValueError):
        raise Http404 from None
    merge = Merge.objects.select_related("survivor", "absorbed", "merged_by", "undone_by").filter(pk=pk).first()
    if merge is None or not policies.may_review(actor):
        raise Http404
    visible = visible_person_ids(actor, [merge.survivor_id, merge.absorbed_id])
    if not policies.may_see_merge(actor, merge, visible):
        raise Http404
    return merge


def match_get(*, actor, match_id: int) -> PossibleMatch:
    """One item, if the reviewer may open both records; 404 otherwise."""
    try:
        pk = int(match_id)
    except (TypeError, ValueError):
        raise Http404 from None
    item = PossibleMatch.objects.select_related("person", "other", "raised_by").filter(pk=pk).first()
    if item is None or not policies.may_see_item(actor, item):
        raise Http404
    return item


def open_items(*, person_ids) -> QuerySet[PossibleMatch]:
    return PossibleMatch.objects.filter(status=MatchStatus.OPEN, other_id__in=person_ids)
