"""Assessments for the demo, made through the assessments app's services (the engine scores).

* **Histories**: each child has a timeline of indicators seen on dates; each assessment records
  what had been seen by its date, so scores change as indicators age out of their windows and
  new ones appear (SERAF-style v1 for several children, one v2, CERAF-style exploitation risk).
* **Professional judgement**: one level approved by tom, one declined, one waiting for him.
* **A hard rule**: a 12- or 13-year-old with current serious indicators, so the engine's
  mandatory actions (a referral to children's social care, an NRM referral) become tasks.
* **A short screen** at the front door for the child of a referral waiting for triage
  (``casework`` links the screen to the referral).
* **Distance travelled** from the day each case opened (``_cast.CASE_PLANS``): baseline, six
  weeks and end, with two areas where every child improved, so the cohort view has figures
  above the suppression threshold and the other areas show suppression at work.

Runs first of the extensions: cases close on the end measures made here, and critical events
recorded later (arrests, missing episodes) bring these assessments' reviews forward.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from lantern.assessments import engine, services
from lantern.assessments.models import Assessment, Measure, ReviewNotice
from lantern.assessments.selectors import TASK_SOURCE, tool_definition
from lantern.cases.choices import TaskStatus
from lantern.cases.models import Task
from lantern.cases.services import task_complete
from lantern.synthetic.extensions._base import at, clock, day, extension, rng
from lantern.synthetic.extensions._cast import NORTH, case_plans, cast_for

SERAF, CERAF, SCREEN, DISTANCE = "seraf-style", "exploitation-risk", "short-screen", "distance-travelled"

#: What was seen, when (days before the seed's today), per part of the cast.
TIMELINES: dict[str, dict[str, list[int]]] = {
    # Improving: significant indicators early in the year age out by September.
    "concern_case": {
        "vul_abuse_neglect": [-700], "vul_isolation": [-400], "vul_emotional_health": [-290],
        "mod_older_associates": [-259], "mod_online_contact": [-272, -113],
        "mod_marked_change": [-284], "sig_images": [-263], "sig_controlled_contact": [-248],
        "sig_exchange": [-276],
    },
    # Worsening: criminal exploitation building through the year.
    "arrested": {
        "vul_family_exploitation": [-600], "vul_out_of_education": [-250],
        "mod_short_missing": [-210], "mod_unexplained_items": [-130], "mod_phone_contacts": [-120],
        "sig_missing_overnight": [-205], "sig_drugs_money": [-115], "sig_violence": [-20],
    },
    # The pattern child: repeated missing episodes, then taken and kept by an adult.
    "pattern": {
        "vul_looked_after": [-500], "vul_missing_history": [-400], "vul_unstable_housing": [-300],
        "mod_short_missing": [-200, -150, -95], "mod_unknown_places": [-140],
        "mod_attendance_drop": [-125], "mod_older_associates": [-100], "mod_substances": [-80],
        "sig_missing_overnight": [-190, -130, -75], "sig_taken_kept": [-72],
    },
    "police_referral": {
        "vul_domestic_abuse": [-900], "vul_carer_difficulties": [-400],
        "mod_unexplained_items": [-180], "mod_phone_contacts": [-175],
        "sig_drugs_money": [-178], "sig_moved_between_areas": [-100],
    },
    "steady": {
        "vul_abuse_neglect": [-800], "vul_emotional_health": [-300], "mod_substances": [-190, -50],
        "mod_marked_change": [-70], "sig_known_offender": [-100],
    },
    "engaged": {
        "vul_care_experience": [-1000], "vul_out_of_school": [-300], "con_phones": [-130],
        "con_travel": [-125], "con_items": [-122], "ser_drug_running": [-120],
        "ser_far_from_home": [-119],
    },
    "hard_rule": {
        "vul_out_of_school": [-200], "vul_family_links": [-400], "con_older_associates": [-40],
        "con_arrest_directed": [-25], "ser_drug_running": [-25], "ser_debt": [-20],
    },
    "unallocated_west": {
        "vul_isolated": [-300], "con_missing": [-30], "con_older_associates": [-25],
        "con_online_requests": [-40], "ser_image_threats": [-15],
    },
    "concern_awaiting": {"scr_older_people": [-10], "scr_change": [-20], "scr_sexual_concern": [-3]},
}

#: (part, tool, version, as-at day) in date order per child.
ASSESSMENTS: tuple[tuple[str, str, int, int], ...] = (
    ("concern_case", SERAF, 1, -235), ("concern_case", SERAF, 1, -138),
    ("concern_case", SERAF, 1, -47),
    ("arrested", SERAF, 1, -194), ("arrested", SERAF, 1, -110), ("arrested", SERAF, 1, -33),
    ("pattern", SERAF, 1, -187), ("pattern", SERAF, 1, -117), ("pattern", SERAF, 1, -68),
    ("police_referral", SERAF, 1, -173), ("police_referral", SERAF, 1, -89),
    ("steady", SERAF, 1, -170), ("steady", SERAF, 2, -40),
    ("engaged", CERAF, 1, -117), ("engaged", CERAF, 1, -26),
    ("hard_rule", CERAF, 1, -17),
    ("unallocated_west", CERAF, 1, -9),
    ("concern_awaiting", SCREEN, 1, -2),
)

#: Professional judgement: (part, as-at day, proposed level, rationale, manager's decision).
OVERRIDES = (
    ("pattern", -117, "category_4",
     "Missing overnight twice in a month and found with adults not known to the family; police "
     "believe an adult is arranging where he stays. The score does not yet show how fast this is "
     "changing.", ("approve", "Agreed: the pattern of missing episodes is escalating.")),
    ("police_referral", -173, "category_3",
     "One incident of carrying money for older young people, with a new phone he will not "
     "explain; worried this is the start of County Lines involvement.",
     ("decline", "The indicators recorded describe the risk well; review again in six weeks.")),
    ("arrested", -33, "category_4",
     "Police intelligence received on {received} says he is being made to hold drugs and cash "
     "for older males in Harrowden and is frightened about a debt. It is not confirmed, so it is "
     "not recorded as an indicator yet.", None),
)
#: Days before the seed's today that the intelligence a rationale mentions came in.
INTELLIGENCE_RECEIVED = -37

#: Distance-travelled areas where every child in the demo moves forward (shown in the cohort).
ALWAYS_BETTER = ("trusted_adults", "healthy_relationships")
OBSERVED_BY = ("Ashdown Children's Services", "Ashdown Police", "Ashdown Community Health",
               "Brightpath Youth Trust")
EVIDENCE = ("observed", "disclosed", "professional_concern")


def _items(tool, timeline: dict[str, list[int]], as_at: dt.date, section: str) -> list[dict]:
    items = []
    for n, (indicator, offsets) in enumerate(sorted(timeline.items())):
        if indicator not in tool.indicators_by_id or tool.indicators_by_id[indicator].section != section:
            continue
        seen = [day(o) for o in offsets if day(o) <= as_at]
        if not seen:
            continue
        evidence = "intelligence" if "known" in indicator else EVIDENCE[n % len(EVIDENCE)]
        items.append({"indicator": indicator, "observed": [
            {"date": d.isoformat(), "source_agency": OBSERVED_BY[(n + i) % len(OBSERVED_BY)],
             "evidence_type": evidence} for i, d in enumerate(seen)]})
    return items


def _assess(actor, person, part: str, slug: str, version: int, offset: int) -> Assessment:
    """Start and submit through the services; the draft's answers are written in one go.

    Why not ``assessment_save_section`` per section: autosave only stores a draft (and checks
    access each time); ``assessment_submit`` validates the answers with the engine, scores them,
    creates mandatory actions and writes the chronology, which is what the demo needs.
    """
    as_at = day(offset)
    tool = tool_definition(slug, version)
    with clock(at(as_at, 11)):
        a = services.assessment_start(actor=actor, person=person, tool=slug, version=version,
                                      as_at=as_at)
        answers = [item for section in tool.sections
                   for item in _items(tool, TIMELINES[part], as_at, section.id)]
        Assessment.objects.filter(pk=a.pk).update(
            answers=answers, sections_saved=[s.id for s in tool.sections])
        a.refresh_from_db()
    with clock(at(as_at, 15, 30)):
        return services.assessment_submit(actor=actor, assessment=a)


def _measures(actor, person, plan, r) -> Assessment:
    """Baseline on the day the case opened, six weeks, and the end when it was due by today.

    An open case whose end measure fell due in the last few weeks keeps it outstanding (the
    practitioner's dashboard shows it), as does the pattern child, who was missing.
    """
    tool = tool_definition(DISTANCE)
    with clock(at(plan.opened, 12)):
        a = services.assessment_start(actor=actor, person=person, tool=DISTANCE, as_at=plan.opened,
                                      end_offset_days=plan.end_offset_days)
    due = engine.measure_due_dates(plan.opened, tool, end_offset_days=plan.end_offset_days)
    values = {d.id: r.randint(2, 5) for d in tool.domains}
    for point in tool.measurement_points:
        when = due[point.id]
        outstanding = plan.closed is None and (plan.part == "pattern" or when > day(-14))
        if point.id != "baseline" and (when > day(0) or (point.id == "end" and outstanding)):
            break
        if point.id != "baseline":
            for domain in tool.domains:
                step = r.randint(1, 3) if domain.id in ALWAYS_BETTER else r.randint(-1, 3)
                values[domain.id] = max(domain.scale_min, min(domain.scale_max, values[domain.id] + step))
        with clock(at(when, 14)):
            services.measure_record(actor=actor, assessment=a, point=point.id, taken_on=when,
                                    values=dict(values), co_completed=(r.random() > 0.15))
    return a


def _mandatory_actions_done(cast, people, actor) -> None:
    """Hard rules made tasks; the lead professional has done all but the hard-rule child's NRM
    referral, which stays open (and overdue) on her caseload."""
    keep = cast.child("hard_rule")
    seeded = [p.pk for p in people.values()]
    tasks = Task.objects.filter(source_type=TASK_SOURCE, status=TaskStatus.OPEN, person_id__in=seeded)
    for task in tasks.order_by("pk"):
        if keep is not None and task.person_id == people[keep.sid].pk and "National Referral" in task.title:
            continue
        when = timezone.localtime(task.due_at).date() + dt.timedelta(days=1)
        with clock(at(when, 9, 30)):
            task_complete(actor=actor if task.assigned_to_id is None else task.assigned_to, task=task)


def seed_assessments(*, run, world, people, users):
    cast = cast_for(world, people)
    r = rng(run.seed, "assessments")
    priya, tom = users["priya"], users["tom"]

    def actor_for(child):
        return priya if NORTH in child.teams else tom

    made: dict[tuple[str, int], Assessment] = {}
    for part, slug, version, offset in ASSESSMENTS:
        child = cast.child(part)
        if child is None:
            continue
        made[(part, offset)] = _assess(actor_for(child), people[child.sid], part, slug, version, offset)
    for part, offset, level, rationale, decision in OVERRIDES:
        a = made.get((part, offset))
        if a is None:
            continue
        with clock(at(day(offset + 1), 9, 40)):
            received = day(INTELLIGENCE_RECEIVED)
            a = services.assessment_override_propose(
                actor=actor_for(cast.child(part)), assessment=a, final_level=level,
                rationale=rationale.format(received=f"{received.day} {received:%B}"))
        if decision is not None:
            verdict, note = decision
            with clock(at(day(offset + 2), 16, 10)):
                services.assessment_override_decide(actor=tom, assessment=a,
                                                    approve=verdict == "approve", note=note)
    _mandatory_actions_done(cast, people, priya)
    measured = 0
    for plan in case_plans():
        child = cast.child(plan.part)
        if child is None or not plan.measured:
            continue
        lead = users.get(plan.lead) if plan.lead else actor_for(child)
        _measures(lead, people[child.sid], plan, r)
        measured += 1
    return {"assessments": len(made), "outcome_measures": measured}


def digest_rows(key, ids):
    def canonical(value) -> str:  # PostgreSQL's jsonb does not keep key order
        return json.dumps(value, sort_keys=True)

    rows = Assessment.objects.filter(person_id__in=ids).values_list(
        "person_id", "tool", "tool_version", "kind", "status", "as_at", "started_by__username",
        "team__name", "answers", "score", "computed_level", "final_level", "override_level",
        "override_rationale", "override_decision", "override_decided_by__username", "review_due",
        "end_offset_days", "submitted_at")
    yield "assessments", [(key(r[0]), *r[1:8], canonical(r[8]), *r[9:]) for r in rows]
    yield "measures", [(key(r[0]), *r[1:4], canonical(r[4]), r[5]) for r in Measure.objects.filter(
        assessment__person_id__in=ids).values_list(
        "assessment__person_id", "assessment__tool", "point", "taken_on", "values", "co_completed")]
    yield "review_notices", [(key(r[0]), *r[1:]) for r in ReviewNotice.objects.filter(
        person_id__in=ids).values_list("person_id", "event_type", "previous_due", "new_due",
                                       "recipient__username")]


seed = extension(name="assessments", digest=digest_rows)(seed_assessments)
