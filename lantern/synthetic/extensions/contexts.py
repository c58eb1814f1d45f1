"""Places and peer groups for the demo (``lantern.contexts``): a park, a takeaway and a peer group
worked as cases in their own right, each with a plan and a log of what was seen.

* **Marlcombe Park skate area** (North, led by priya): children from priya's caseload and one
  East child she cannot see, so her summary counts "1 other child you do not have access to";
  detached youth work, lighting and CCTV, a park warden's observations.
* **Golden Fry takeaway, Station Road** (West, led by tom): the children seen at the bus station
  in the casework referral about it; a guardianship agreement with the owner, police disruption
  and a licensing review.
* **The skate park group** (East, led by tom): the children in the voluntary sector's referral
  about the group, and an adult of concern when the seed has one tom may see; awareness work
  with a school.

Dates count back from the seed's today through ``_base.day`` and the services run on the
stopped clock (``_base.Steps``), like the other extensions.
"""

from __future__ import annotations

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.models import Agency, Team
from lantern.audit.models import AuditEvent
from lantern.contexts import events as context_events
from lantern.contexts import services
from lantern.contexts.choices import ActionKind, MemberRole, NoteKind
from lantern.contexts.models import Context, ContextAction, ContextMember, ContextNote
from lantern.people.choices import PersonKind
from lantern.synthetic import personas as cast_mod
from lantern.synthetic.extensions._base import SEED_REQUEST_PREFIX, Steps, at, day, extension
from lantern.synthetic.extensions._cast import EAST, NORTH, WEST, cast_for

#: (key, kind, name, team, lead, opened offset, description, ward, postcode district)
CONTEXTS = (
    ("park", "location", "Marlcombe Park skate area", NORTH, "priya", -60,
     "Older males in cars wait by the skate area gate in the evenings. Younger children are "
     "given lifts, vapes and small amounts of money, then asked to carry packages.",
     "Harrowden", "AS12"),
    ("takeaway", "location", "Golden Fry takeaway, Station Road", WEST, "tom", -7,
     "Children seen at the bus station are gathered at the takeaway after school; adults buy "
     "them food and some leave with them in cars.", "Station", "AS7"),
    ("group", "peer_group", "The skate park group", EAST, "tom", -24,
     "A group of young people who meet at the skate park after school are being given cannabis "
     "and lifts by two adults in their twenties.", "", ""),
)

#: (context key, kind, description, owner username or "", partner name, partner agency, due, status)
ACTIONS = (
    ("park", ActionKind.DETACHED_YOUTH_WORK, "Detached youth work at the skate area on Thursday "
     "and Friday evenings.", "", "Brightpath detached youth work team", cast_mod.VOLUNTARY, -30,
     "in_progress"),
    ("park", ActionKind.CCTV, "Ask the council to repair the lighting and point the camera at "
     "the gate.", "priya", "", "", -5, "not_started"),
    ("park", ActionKind.DISRUPTION, "Patrols at the gate at 8pm and stop checks on the cars "
     "seen there.", "olivia", "", "", 14, "in_progress"),
    ("takeaway", ActionKind.GUARDIANSHIP, "Meet the owner: agree what staff look out for and "
     "who they call.", "tom", "", "", 10, "not_started"),
    ("takeaway", ActionKind.LICENSING, "Ask licensing to review the late-night licence.", "",
     "Licensing officer, district council", cast_mod.PARTNERSHIP, 28, "not_started"),
    ("group", ActionKind.SCHOOL_AWARENESS, "Awareness session on grooming and lifts for Year 9 "
     "at the group's school.", "", "Designated safeguarding lead", cast_mod.SCHOOL, -3, "done"),
    ("group", ActionKind.DETACHED_YOUTH_WORK, "Youth workers keep meeting the group at the skate "
     "park and offer one-to-one sessions.", "", "Brightpath detached youth work team",
     cast_mod.VOLUNTARY, 21, "in_progress"),
)

#: (context key, offset, kind, who, text)
NOTES = (
    ("park", -55, NoteKind.OBSERVATION, "priya", "Visited at 9pm with the youth workers: five "
     "children at the skate area, a grey car at the gate for 20 minutes."),
    ("park", -20, NoteKind.MEETING, "priya", "Met the park warden and police: the gate lighting "
     "is broken; the warden will call the team when the car is seen."),
    ("park", -4, NoteKind.INFORMATION, "priya", "Warden reports the car was back twice this week."),
    ("takeaway", -6, NoteKind.OBSERVATION, "tom", "Walked past at 4pm: the owner was helpful and "
     "wants to know what to look out for."),
    ("group", -20, NoteKind.MEETING, "tom", "Youth workers and police agreed to share sightings "
     "weekly; the school will run an awareness session."),
)


def _agency(name: str):
    return Agency.objects.filter(name=name).first() if name else None


def seed_contexts(*, run, world, people, users):
    cast = cast_for(world, people)
    teams = {t.name: t for t in Team.objects.filter(name__in=[NORTH, WEST, EAST])}
    made: dict[str, Context] = {}
    steps = Steps()

    north_children = [cast.child(p) for p in ("arrested", "steady", "pattern")]
    park_children = [(c.sid, "priya") for c in north_children if c is not None]
    if cast.child("nfa") is not None:
        park_children.append((cast.child("nfa").sid, "tom"))  # East: priya only counts them
    members = {
        "park": park_children,
        "takeaway": [(sid, "tom") for sid in cast.groups.get("location", [])],
        "group": [(sid, "tom") for sid in cast.groups.get("peer_group", [])],
    }

    for key, kind, name, team, lead, offset, description, ward, code in CONTEXTS:
        if team not in teams or not members[key]:
            continue
        actor = users[lead]

        def open_context(key=key, kind=kind, name=name, team=team, lead=lead, actor=actor,
                         description=description, ward=ward, code=code):
            made[key] = services.context_open(
                actor=actor, kind=kind, name=name, team=teams[team], lead=users[lead],
                description=description, ward=ward, postcode_district=code)

        steps.add(at(day(offset), 9), open_context)
        for n, (sid, who) in enumerate(members[key]):
            steps.add(at(day(offset), 11, 10 * n), lambda key=key, sid=sid, who=who:
                      services.context_link_person(
                          actor=users[who], context=made[key], person=people[sid],
                          reason="Seen there by youth workers and police more than once."))

    adult = _adult_of_concern(people, users["tom"])
    if adult is not None and "group" in {c[0] for c in CONTEXTS}:
        steps.add(at(day(-22), 10), lambda: made.get("group") and services.context_link_person(
            actor=users["tom"], context=made["group"], person=adult,
            role=MemberRole.PERSON_OF_CONCERN,
            reason="Police intelligence: gives the group lifts and cannabis."))

    for key, kind, description, owner, partner, agency, due, status in ACTIONS:
        opened = next(c[5] for c in CONTEXTS if c[0] == key)
        lead = users[next(c[4] for c in CONTEXTS if c[0] == key)]

        def add(key=key, kind=kind, description=description, owner=owner, partner=partner,
                agency=agency, due=due, status=status, lead=lead):
            if key not in made:
                return
            action = services.context_add_action(
                actor=lead, context=made[key], kind=kind, description=description,
                owner_user=users[owner] if owner else None, owner_name=partner,
                agency=_agency(agency) or (users[owner].agency if owner else lead.agency),
                due_date=day(due))
            if status != "not_started":
                services.context_update_action(actor=lead, action=action, status=status)

        steps.add(at(day(opened + 1), 14), add)

    for key, offset, kind, who, text in NOTES:
        steps.add(at(day(offset), 17), lambda key=key, offset=offset, kind=kind, who=who,
                  text=text: key in made and services.context_add_note(
                      actor=users[who], context=made[key], kind=kind, occurred_on=day(offset),
                      text=text))
    steps.run()
    return {
        "contexts": len(made),
        "context_members": ContextMember.objects.filter(context__in=made.values()).count(),
        "context_actions": ContextAction.objects.filter(context__in=made.values()).count(),
    }


def _adult_of_concern(people, tom):
    adults = sorted(
        (p for p in people.values() if p.kind == PersonKind.ADULT_OF_CONCERN), key=lambda p: p.pk
    )
    return next((p for p in adults if person_policy.can(tom, VIEW, p)), None)


def _seed_contexts():
    ids = set()
    for subject_ids in AuditEvent.objects.filter(
        action=context_events.CONTEXT_OPENED, request_id__startswith=SEED_REQUEST_PREFIX
    ).values_list("subject_ids", flat=True):
        ids.update(i for i in subject_ids or [] if isinstance(i, int))
    return ids


def clear(*, person_ids) -> None:
    """Links protect the people they name: remove the seed's contexts (and any context linked to
    a seeded person) before the people go."""
    ids = list(person_ids)
    linked = set(ContextMember.objects.filter(person_id__in=ids).values_list("context_id", flat=True))
    Context.objects.filter(pk__in=linked | _seed_contexts()).delete()


def digest_rows(key, ids):
    made = Context.objects.filter(pk__in=_seed_contexts())
    yield "contexts", list(made.values_list(
        "kind", "name", "team__name", "lead__username", "opened_on", "ward", "postcode_district",
        "status"))
    yield "context_members", [(r[0], key(r[1]), *r[2:]) for r in ContextMember.objects.filter(
        context__in=made).values_list("context__name", "person_id", "role", "linked_on",
                                      "linked_by__username", "reason")]
    yield "context_actions", list(ContextAction.objects.filter(context__in=made).values_list(
        "context__name", "kind", "description", "owner_name", "agency__name", "due_date",
        "status", "completed_on"))
    yield "context_notes", list(ContextNote.objects.filter(context__in=made).values_list(
        "context__name", "kind", "occurred_on", "text", "recorded_by__username"))


seed = extension(name="contexts", clear=clear, digest=digest_rows)(seed_contexts)
