"""The database side of search before create: read blocks, load profiles, keep keys fresh.

``find_candidates`` looks across the whole partnership (never shown as such);
``candidates_for`` splits its answer with the record policy, which is what pages use:

* candidates the actor may open are shown, with their score and reasons;
* *strong* candidates held where the actor cannot see them are "held elsewhere": mentioned
  without any detail, never shown (ADR 0015);
* strong candidates on restricted records the actor may not open are never mentioned, but
  returned as ``silent`` so a record created anyway is still raised for the reviewers;
* weak candidates the actor may not open are dropped without a word: a name alone must not
  tell anyone that the partnership knows a child.

Each lookup is an index read (see ``lantern.identity.matching`` for the blocks); about seven
short queries in all, whatever the size of the register (``bench/bench_matching.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lantern.access.naming import visible_person_ids
from lantern.identity import matching
from lantern.identity.matching import Candidate, Profile
from lantern.identity.models import MatchKey
from lantern.people.models import Address, Alias, Identifier, Person


def profiles_for(person_ids: Iterable[int], *, live_only: bool = False) -> dict[int, Profile]:
    """Names (with aliases and the names of records merged into them), date of birth,
    postcodes and identifiers of each record, in five queries. ``live_only`` leaves out
    records merged into another."""
    ids = sorted({int(i) for i in person_ids})
    if not ids:
        return {}
    firsts: dict[int, list[str]] = defaultdict(list)
    lasts: dict[int, list[str]] = defaultdict(list)
    dobs = {}
    people = Person.objects.filter(pk__in=ids)
    if live_only:
        people = people.filter(merged_into__isnull=True)
    rows = people.values_list(
        "pk", "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth"
    )
    for pk, first, middle, last, preferred, dob in rows:
        firsts[pk] += [first, preferred, middle]
        lasts[pk].append(last)
        dobs[pk] = dob
    ids = sorted(dobs)
    if not ids:
        return {}
    merged = Person.objects.filter(merged_into_id__in=ids).values_list(
        "merged_into_id", "first_name", "last_name", "preferred_name"
    )
    for pk, first, last, preferred in merged:
        firsts[pk] += [first, preferred]
        lasts[pk].append(last)
    for pk, name in Alias.objects.filter(person_id__in=ids).values_list("person_id", "name"):
        parts = matching.tokens(name)
        if parts:
            firsts[pk].append(parts[0])
            if len(parts) > 1:
                lasts[pk].append(parts[-1])
    postcodes: dict[int, set[str]] = defaultdict(set)
    for pk, pc in Address.objects.filter(person_id__in=ids).values_list("person_id", "postcode"):
        if pc:
            postcodes[pk].add(matching.normalise_postcode(pc))
    identifiers: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, t, v in Identifier.objects.filter(person_id__in=ids).values_list(
        "person_id", "type", "value"
    ):
        identifiers[pk].append((t, v))
    return {
        pk: Profile(
            first_names=tuple(n for n in firsts[pk] if n),
            last_names=tuple(n for n in lasts[pk] if n),
            date_of_birth=dobs[pk],
            postcodes=tuple(sorted(postcodes[pk])),
            identifiers=tuple(identifiers[pk]),
        )
        for pk in dobs
    }


def candidate_ids(probe: Profile) -> set[int]:
    """Union of the blocks for what is typed (see ``lantern.identity.matching``)."""
    ids: set[int] = set()
    dobs = matching.dob_variants(probe.date_of_birth)
    if dobs and probe.has_name:
        ids |= set(
            Person.objects.filter(date_of_birth__in=dobs, merged_into__isnull=True).values_list(
                "pk", flat=True
            )
        )
    selective, capped = matching.probe_keys(probe)
    if selective:
        ids |= set(
            MatchKey.objects.filter(key__in=sorted(selective)).values_list("person_id", flat=True)
        )
    for key in sorted(capped):
        ids |= set(
            MatchKey.objects.filter(key=key).values_list("person_id", flat=True)[
                : matching.BLOCK_CAP
            ]
        )
    for id_type, value in probe.identifiers:
        ids |= set(
            Identifier.objects.filter(type=id_type, value=value).values_list("person_id", flat=True)
        )
    return ids


def find_candidates(probe: Profile, *, exclude: Iterable[int] = (), limit: int = 20) -> list[Candidate]:
    """Scored candidates from the whole partnership, best first. Never show these directly."""
    ids = candidate_ids(probe) - set(exclude)
    if not ids:
        return []
    return matching.rank(probe, profiles_for(ids, live_only=True), limit=limit)


@dataclass
class CandidateResult:
    """What a page may do with the candidates for one actor (see the module docstring)."""

    shown: list[tuple[Person, Candidate]] = field(default_factory=list)
    held_elsewhere: list[int] = field(default_factory=list)
    silent: list[int] = field(default_factory=list)

    @property
    def hidden_strong(self) -> list[int]:
        return self.held_elsewhere + self.silent


def candidates_for(*, actor, probe: Profile, exclude: Iterable[int] = ()) -> CandidateResult:
    """Candidates split by what ``actor`` may be told (one policy query)."""
    found = find_candidates(probe, exclude=exclude)
    if not found:
        return CandidateResult()
    visible = visible_person_ids(actor, [c.person_id for c in found])
    people = Person.objects.in_bulk([c.person_id for c in found])
    result = CandidateResult()
    for cand in found:
        person = people.get(cand.person_id)
        if person is None:
            continue
        if cand.person_id in visible:
            result.shown.append((person, cand))
        elif cand.strong:
            (result.silent if person.restricted else result.held_elsewhere).append(cand.person_id)
    return result


def match_keys_refresh(person_ids: Iterable[int]) -> None:
    """Rebuild the blocking keys of these records (after a create, change, alias, identifier
    or merge). A record merged into another has none: it must not be found."""
    ids = sorted({int(i) for i in person_ids if i is not None})
    if not ids:
        return
    MatchKey.objects.filter(person_id__in=ids).delete()
    rows = [
        MatchKey(person_id=pk, key=key)
        for pk, profile in profiles_for(ids, live_only=True).items()
        for key in sorted(matching.record_keys(profile))
    ]
    MatchKey.objects.bulk_create(rows, batch_size=2000)


__all__ = [
    "CandidateResult",
    "candidate_ids",
    "candidates_for",
    "find_candidates",
    "match_keys_refresh",
    "profiles_for",
]
