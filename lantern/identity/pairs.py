"""Batch linkage pairs into the review queue, applying the thresholds.

Batch linkage (``link_records``, Splink) scores pairs of records with a match probability.
Three bands (``settings.LANTERN_LINKAGE_THRESHOLDS``: ``human_review`` and ``automatic_link``,
the same bands ``link_records`` uses; overridable per run):

* below review: no link; nothing is stored;
* from review up to automatic: a ``linkage`` item in the possible-match queue, for a reviewer
  who may open both records;
* at or above automatic: merged automatically, but only when asked (``auto_merge=True``) and
  never when either record is restricted; otherwise queued like the rest.

Nothing merges automatically below the automatic threshold: ``person_merge(automatic=True)`` is called only
from here, after the comparison.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from lantern.audit.services import audit_record
from lantern.identity import events
from lantern.identity.choices import MatchKind, MatchStatus
from lantern.identity.models import PossibleMatch
from lantern.identity.services import possible_match_raise
from lantern.people.models import Identifier, Person

#: Used when ``settings.LANTERN_LINKAGE_THRESHOLDS`` (shared with ``link_records``) is unset.
DEFAULT_THRESHOLDS = {"human_review": 0.80, "automatic_link": 0.99}


@dataclass(frozen=True)
class Thresholds:
    review: float
    auto: float

    @classmethod
    def configured(cls, review: float | None = None, auto: float | None = None) -> Thresholds:
        conf = {**DEFAULT_THRESHOLDS, **getattr(settings, "LANTERN_LINKAGE_THRESHOLDS", {})}
        t = cls(
            review=conf["human_review"] if review is None else review,
            auto=conf["automatic_link"] if auto is None else auto,
        )
        if not 0 <= t.review <= t.auto <= 1:
            raise ValueError("Thresholds must satisfy 0 <= review <= auto <= 1")
        return t


def read_pairs(path) -> Iterator[tuple[str, str, str]]:
    """Rows of a ``pairs.csv`` (``left_id,right_id,match_probability``), as text."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"left_id", "right_id", "match_probability"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"pairs file lacks column(s): {', '.join(sorted(missing))}")
        for row in reader:
            yield row["left_id"], row["right_id"], row["match_probability"]


def id_resolver(*, id_map: dict[str, int] | None = None, identifier_type: str = ""):
    """How a pair's ids become Lantern person ids: a mapping file, an identifier type (NHS
    number...), or (neither) the ids are person ids already."""
    if id_map is not None:
        return lambda value: id_map.get(str(value).strip())
    if identifier_type:
        def by_identifier(value):
            hit = Identifier.objects.filter(type=identifier_type, value=str(value).strip()).values_list(
                "person_id", flat=True
            ).first()
            return hit
        return by_identifier

    def as_int(value):
        try:
            return int(str(value).strip())
        except ValueError:
            return None

    return as_int


def load_pairs(
    rows: Iterable[tuple[object, object, object]],
    *,
    actor=None,
    resolve=None,
    thresholds: Thresholds | None = None,
    auto_merge: bool = False,
) -> dict[str, int]:
    """Apply the thresholds to each pair; return counts of what happened (also audited)."""
    from lantern.identity.merging import person_merge

    thresholds = thresholds or Thresholds.configured()
    resolve = resolve or id_resolver()
    counts: Counter = Counter()
    for left, right, probability in rows:
        counts["pairs"] += 1
        try:
            p = float(probability)
        except (TypeError, ValueError):
            counts["invalid"] += 1
            continue
        if not 0 <= p <= 1:
            counts["invalid"] += 1
            continue
        if p < thresholds.review:
            counts["below_review"] += 1
            continue
        a, b = resolve(left), resolve(right)
        if a is None or b is None:
            counts["unknown_ids"] += 1
            continue
        if a == b:
            counts["same_record"] += 1
            continue
        people = Person.objects.in_bulk([a, b])
        if len(people) < 2:
            counts["unknown_ids"] += 1
            continue
        person, other = people[min(a, b)], people[max(a, b)]
        if person.merged_into_id or other.merged_into_id:
            counts["already_merged"] += 1
            continue
        reasons = [f"Batch linkage match probability {p:.3f}"]
        if p >= thresholds.auto and auto_merge and not (person.restricted or other.restricted):
            with transaction.atomic():
                item = possible_match_raise(
                    actor=actor, kind=MatchKind.LINKAGE, person=person, other=other,
                    score=round(p * 100), reasons=reasons,
                )
                person_merge(
                    actor=actor, survivor=person, absorbed=other, match=item, automatic=True,
                    reason=f"Automatic link: match probability {p:.4f} at or above {thresholds.auto}",
                )
            counts["merged"] += 1
            continue
        pair = Q(person=person, other=other) | Q(person=other, other=person)
        if PossibleMatch.objects.filter(pair, kind=MatchKind.LINKAGE).exclude(
            status=MatchStatus.OPEN
        ).exists():
            counts["already_answered"] += 1  # a reviewer said "different": do not ask again
            continue
        before = PossibleMatch.objects.filter(pair, kind=MatchKind.LINKAGE, status=MatchStatus.OPEN).exists()
        possible_match_raise(
            actor=actor, kind=MatchKind.LINKAGE, person=person, other=other,
            score=round(p * 100), reasons=reasons,
        )
        counts["already_open" if before else "queued"] += 1
    audit_record(
        actor=actor,
        action=events.PAIRS_LOADED,
        subject_type="identity.possiblematch",
        detail={**counts, "review": thresholds.review, "auto": thresholds.auto, "auto_merge": auto_merge},
    )
    return dict(counts)


def load_candidates(candidates: Iterable, **kwargs) -> dict[str, int]:
    """``load_pairs`` for the linkage library's ``Candidate`` objects (anything with
    ``left_id``, ``right_id`` and ``match_probability``)::

        result = lantern.analysis.linkage.link([extract])
        load_candidates(result.review_candidates() + result.automatic_links(), resolve=...)
    """
    return load_pairs(
        ((c.left_id, c.right_id, c.match_probability) for c in candidates), **kwargs
    )


__all__ = [
    "DEFAULT_THRESHOLDS",
    "Thresholds",
    "id_resolver",
    "load_candidates",
    "load_pairs",
    "read_pairs",
]
