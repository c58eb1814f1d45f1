"""Possible matches for the demo (``lantern.identity``), so the review queue has work in it.

* priya adds to a North child of hers an identifier that a West child's record already holds
  (she cannot see the West child): the page tells her only that identifiers are checked, and
  tom, who may open both, finds the pair in **Possible matches**;
* priya, about to create a record for a West child she cannot see, asks for access instead:
  tom finds her request in the same queue.

* the second records police made of some children before anyone linked them (the seed's
  duplicates) are checked by search before create's engine, as a batch would be, and each
  strong candidate lands in the queue with its score and reasons: the data protection officer,
  who may open both records, finds them there and can merge them.

All happen through the services a person's clicks call, on the seed's stopped clock.
"""

from __future__ import annotations

from lantern.identity.candidates import find_candidates, profiles_for
from lantern.identity.choices import MatchKind
from lantern.identity.matching import Profile
from lantern.identity.models import Merge, PossibleMatch
from lantern.identity.services import access_request_raise, possible_match_raise
from lantern.people.models import Identifier
from lantern.people.services import identifier_add
from lantern.synthetic.extensions._base import Steps, at, day, extension
from lantern.synthetic.extensions._cast import NORTH, WEST, cast_for


def seed_identity(*, run, world, people, users):
    cast = cast_for(world, people)
    priya = users["priya"]
    north = [c for sid, c in sorted(cast.children.items()) if NORTH in c.teams and sid in people]
    west = [
        c for sid, c in sorted(cast.children.items())
        if WEST in c.teams and NORTH not in c.teams and sid in people
    ]
    steps = Steps()
    held = Identifier.objects.filter(person__in=[people[c.sid] for c in west]).order_by("pk")
    clash = next(
        (i for i in held if not Identifier.objects.filter(type=i.type, value=i.value)
         .exclude(person=i.person).exists()),
        None,
    )
    if north and clash is not None:
        mine = people[north[0].sid]
        steps.add(at(day(-3), 11), lambda: identifier_add(
            actor=priya, person=mine, id_type=clash.type, value=clash.value))
    asked = [c for c in west if clash is None or people[c.sid].pk != clash.person_id]
    if asked:
        other = people[asked[0].sid]
        steps.add(at(day(-1), 15), lambda: access_request_raise(actor=priya, held_ids=[other.pk]))
    steps.run()
    _raise_duplicates(run)
    return {"possible_matches": PossibleMatch.objects.count()}


def _raise_duplicates(run) -> None:
    """Each seeded duplicate record against the rest of the register (no actor: a batch)."""
    from lantern.people.models import Person
    from lantern.synthetic.models import SeededPerson

    dupes = list(
        SeededPerson.objects.filter(run=run, record_id__isnull=False)
        .order_by("person_id").values_list("person_id", flat=True)
    )
    profiles = profiles_for(dupes)
    for pid in dupes:
        mine = profiles.get(pid, Profile())
        probe = Profile(first_names=mine.first_names, last_names=mine.last_names,
                        date_of_birth=mine.date_of_birth, postcodes=mine.postcodes)
        for cand in find_candidates(probe, exclude=[pid], limit=3):
            if cand.strong:
                possible_match_raise(
                    actor=None, kind=MatchKind.CREATED_DESPITE_MATCH,
                    person=Person.objects.get(pk=pid), other=Person.objects.get(pk=cand.person_id),
                    score=cand.score, reasons=cand.reasons,
                )


def clear_identity(*, person_ids) -> None:
    """Merges hold both records (PROTECT): undo the marks and drop them before the people go."""
    from lantern.people.models import Person

    Merge.objects.filter(survivor_id__in=person_ids).delete()
    Merge.objects.filter(absorbed_id__in=person_ids).delete()
    Person.objects.filter(pk__in=person_ids).update(merged_into=None)


seed = extension(name="identity", clear=clear_identity)(seed_identity)
