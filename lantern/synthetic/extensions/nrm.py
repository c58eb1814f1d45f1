"""NRM referrals, a charge and the section 45 prompt for the demo, made through the services.

* **The section 45 child**: the "arrested" child of the casework story (16 in the default
  seed; priya is the lead professional, the police know him), arrested five days ago on
  suspicion of possession with intent to supply. priya's exploitation-risk assessment the day
  after scores *Very high*, with County Lines and criminal exploitation *High* (drug running, a
  weapon, threats to the family, several phones, unexplained travel). Two days ago olivia
  recorded the charge, possession of a class A drug with intent to supply, first court date in
  twelve days. He has no NRM referral, so the rule fires: priya gets an urgent task and an
  alert, and the charge has a section 45 note.
* **Referrals with decisions**, for the referral pages and the statistics: the "engaged" child
  (criminal exploitation and County Lines: reasonable grounds positive, conclusive grounds not
  yet possible, a guardian referral) and the "pattern" child (sexual exploitation and
  trafficking: both decisions positive).
* **Transition planning**: the daily reminder runs on the seed's today.
"""

from __future__ import annotations

from lantern.assessments import services as assessment_services
from lantern.assessments.models import Assessment
from lantern.assessments.selectors import tool_definition
from lantern.nrm import services
from lantern.nrm.models import Charge, NrmReferral
from lantern.synthetic.extensions._base import at, clock, day, extension
from lantern.synthetic.extensions._cast import NORTH, cast_for

CERAF = "exploitation-risk"
#: Indicators seen (days before the seed's today) for the section 45 child.
SECTION45_TIMELINE = {
    "vul_out_of_school": [-250], "vul_family_links": [-600], "con_phones": [-30],
    "con_travel": [-25], "con_arrest_directed": [-5], "ser_drug_running": [-5],
    "ser_weapons_violence": [-20], "ser_family_threatened": [-16],
}
ASSESSED, CHARGED, COURT = -4, -2, 10
OFFENCE = "Possession of a class A drug (crack cocaine) with intent to supply"


def _section45_child(cast):
    """The "arrested" child; failing that (a small world), a North child known to the police,
    aged 16 (else 15 or 17), in no other part of the demo."""
    if cast.child("arrested") is not None:
        return cast.child("arrested")
    taken = {sid for sid in cast.parts.values() if sid is not None}
    taken |= {sid for group in cast.groups.values() for sid in group}
    pool = [c for c in cast.children.values()
            if c.sid not in taken and NORTH in c.teams and c.police and c.age in (15, 16, 17)]
    pool.sort(key=lambda c: (c.age != 16, c.lead_username != "priya", abs(c.age - 16), c.sid))
    return pool[0] if pool else None


def _assess(actor, person, offset: int) -> Assessment:
    as_at = day(offset)
    tool = tool_definition(CERAF, 1)
    answers = []
    for indicator, offsets in sorted(SECTION45_TIMELINE.items()):
        seen = [day(o) for o in offsets if day(o) <= as_at]
        if seen and indicator in tool.indicators_by_id:
            answers.append({"indicator": indicator, "observed": [
                {"date": d.isoformat(), "source_agency": "Ashdown Police",
                 "evidence_type": "observed"} for d in seen]})
    with clock(at(as_at, 11)):
        a = assessment_services.assessment_start(actor=actor, person=person, tool=CERAF, version=1,
                                                 as_at=as_at)
        Assessment.objects.filter(pk=a.pk).update(
            answers=answers, sections_saved=[s.id for s in tool.sections])
        a.refresh_from_db()
    with clock(at(as_at, 15)):
        return assessment_services.assessment_submit(actor=actor, assessment=a)


def seed_nrm(*, run, world, people, users):
    cast = cast_for(world, people)
    priya, olivia = users["priya"], users["olivia"]
    counts = {"nrm_referrals": 0, "charges": 0, "section45_prompts": 0}

    child = _section45_child(cast)
    if child is not None:
        person = people[child.sid]
        _assess(priya, person, ASSESSED)
        with clock(at(day(CHARGED), 14, 20)):
            charge = services.charge_record(
                actor=olivia if child.police else priya, person=person, offence=OFFENCE,
                charged_on=day(CHARGED), court_name="Ashdown Youth Court", court_date=day(COURT))
        counts["charges"] += 1
        counts["section45_prompts"] += int(charge.section45_prompted_at is not None)

    engaged = cast.child("engaged")
    if engaged is not None:
        person = people[engaged.sid]
        with clock(at(day(-60), 10)):
            referral = services.referral_make(
                actor=priya, person=person, submitted_on=day(-60),
                exploitation_types=["criminal", "county_lines"], county_lines=True,
                indicators="Found carrying drugs and money for others far from home; several phones.",
                account="Taken to another town by older males and made to sell drugs from a flat.",
            )
        with clock(at(day(-53), 16)):
            services.referral_decisions_update(
                actor=priya, referral=referral, rg_decision="positive", rg_decision_on=day(-54),
                ictg_referred_on=day(-58))
        counts["nrm_referrals"] += 1

    pattern = cast.child("pattern")
    if pattern is not None:
        person = people[pattern.sid]
        with clock(at(day(-100), 10)):
            referral = services.referral_make(
                actor=priya, person=person, submitted_on=day(-100),
                exploitation_types=["sexual", "trafficking"], county_lines=False,
                indicators="Missing overnight repeatedly; found at addresses linked to exploitation.",
                account="Moved between addresses by an adult and sexually exploited.",
            )
        with clock(at(day(-20), 12)):
            services.referral_decisions_update(
                actor=priya, referral=referral, rg_decision="positive", rg_decision_on=day(-95),
                cg_decision="positive", cg_decision_on=day(-21), ictg_referred_on=day(-98))
        counts["nrm_referrals"] += 1

    with clock(at(day(0), 6)):
        counts["transition_reminders"] = len(services.transition_reminders(today=day(0)))
    return counts


def clear(*, person_ids) -> None:
    """Referrals and charges protect the children they are about: remove them first."""
    ids = list(person_ids)
    NrmReferral.objects.filter(person_id__in=ids).delete()
    Charge.objects.filter(person_id__in=ids).delete()


def digest_rows(key, ids):
    yield "nrm_referrals", [(key(r[0]), *r[1:]) for r in NrmReferral.objects.filter(
        person_id__in=ids).values_list(
        "person_id", "first_responder_agency__name", "submitted_on", "county_lines",
        "decision_maker", "reasonable_grounds_due", "rg_decision", "rg_decision_on",
        "cg_decision", "cg_decision_on", "ictg_referred_on").order_by("person_id", "submitted_on")]
    yield "charges", [(key(r[0]), *r[1:]) for r in Charge.objects.filter(
        person_id__in=ids).values_list(
        "person_id", "offence", "charged_on", "court_date", "outcome",
        "section45_reasons").order_by("person_id", "charged_on")]


seed = extension(name="nrm", clear=clear, digest=digest_rows)(seed_nrm)
