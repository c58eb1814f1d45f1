"""Missing and absent episodes for the demo, made through the missing app's services.

* A **pattern child** with six episodes in two months (missing and absent, one found in another
  area), and episodes for several other children, including one still missing tonight.
* **Return home interviews** in every state: completed by an independent worker from the youth
  charity (never the lead professional) with push and pull factors and the people, places,
  phones, vehicles and online accounts mentioned; declined with a reason; offered and accepted
  but not yet held; and due or overdue.
* **Philomena profiles**: current for some children, one not confirmed for over 90 days, and
  part 2 completed for the child who is missing now.

Police (olivia) report the episodes of children they know; children's services report the
others. Returns tell the pupil's school (Operation Encompass) and the lead professional, and
bring reviews forward, through the apps' own handlers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lantern.missing import services
from lantern.missing.choices import HowReturned, InterviewStatus, MentionKind, RiskGrade
from lantern.missing.models import (
    MissingEpisode,
    PhilomenaProfile,
    PhilomenaReport,
    ReturnInterview,
    RhiFactor,
    RhiMention,
)
from lantern.synthetic.extensions._base import (
    Steps,
    acknowledge_old_alerts,
    at,
    day,
    extension,
    rng,
)
from lantern.synthetic.extensions._cast import NORTH, Cast, cast_for

M, A = "missing", "absent"


@dataclass(frozen=True)
class Interview:
    status: str
    offered: tuple[int, int] | None = None  # (day offset, hour)
    held: tuple[int, int] | None = None
    reason: str = ""
    push: tuple[str, ...] = ()
    pull: tuple[str, ...] = ()
    push_notes: str = ""
    pull_notes: str = ""
    harm: str = ""
    views: str = ""
    mentions: tuple[tuple[str, str, str], ...] = ()  # (kind, value, note)


@dataclass(frozen=True)
class Episode:
    kind: str
    risk: str
    start: tuple[int, int, int]  # (day offset, hour, minute)
    end: tuple[int, int, int] | None
    where: str = ""
    with_whom: str = ""
    how: str = HowReturned.NOT_KNOWN
    out_of_area: bool = False
    interview: Interview | None = None


DEE = ("person", "'Dee', a man of about 19 who drives a grey car", "Gives lifts and cigarettes; "
       "told him he owes money for them.")
FLAT = ("place", "Flat above the takeaway on the high street, Kelbrook", "Where he stays when away.")

EPISODES: dict[str, list[Episode]] = {
    "pattern": [
        Episode(M, RiskGrade.MEDIUM, (-57, 19, 30), (-56, 14, 10), "Kelbrook bus station",
                "Two older teenagers", HowReturned.FOUND_BY_POLICE, interview=Interview(
                    InterviewStatus.COMPLETED, offered=(-55, 10), held=(-54, 16),
                    push=("conflict_home", "rules_boundaries"), pull=("friends", "gifts_money"),
                    push_notes="Arguments at home about coming in late; feels the rules are "
                               "stricter than for his brother.",
                    pull_notes="Older friends buy him food and cigarettes and let him stay over.",
                    views="Says he likes being with people who 'get him'. Agreed to keep his "
                          "phone on.",
                    mentions=(DEE, FLAT, ("phone", "{deal}", "Number he is told to answer.")))),
        Episode(A, RiskGrade.LOW, (-44, 22, 0), (-43, 1, 30), "A friend's house in Kelbrook",
                "A friend from school", HowReturned.RETURNED_BY_CARER, interview=Interview(
                    InterviewStatus.DECLINED, offered=(-42, 11),
                    reason="He said he did not want to talk about it; his youth worker will "
                           "offer again at their next session.")),
        Episode(M, RiskGrade.HIGH, (-35, 16, 0), (-33, 9, 20), "Railway station car park, "
                "Kingsmere", "An adult man not known to the family", HowReturned.FOUND_BY_POLICE,
                out_of_area=True, interview=Interview(
                    InterviewStatus.COMPLETED, offered=(-32, 10), held=(-31, 15),
                    push=("school",), pull=("debt", "threats", "travel_out_of_area"),
                    push_notes="Finds school hard since he moved sets; says he is 'behind anyway'.",
                    pull_notes="Was told he owed £300 after a bag he was holding went missing, "
                               "and was driven to Kingsmere to 'work it off'.",
                    harm="Slept in a car; was hit when he said he wanted to go home.",
                    views="Frightened for his younger brother. Wants the debt to stop.",
                    mentions=(DEE, ("vehicle", "Silver hatchback, registration starting AD19",
                                    "Drove him to Kingsmere."),
                              ("online_handle", "kelbrook.runner (Snapchat)",
                               "Account that sends him addresses.")))),
        Episode(M, RiskGrade.MEDIUM, (-22, 20, 15), (-21, 11, 0), "Outside the youth centre",
                "", HowReturned.FOUND_BY_PROFESSIONAL, interview=Interview(
                    InterviewStatus.COMPLETED, offered=(-20, 10), held=(-19, 16),
                    pull=("friends",), views="Says he stayed with a friend and is 'fine'.",
                    mentions=(FLAT,))),
        Episode(A, RiskGrade.LOW, (-14, 23, 0), (-13, 2, 10), "", "", HowReturned.RETURNED_SELF,
                interview=Interview(InterviewStatus.ACCEPTED, offered=(-12, 10))),
        Episode(M, RiskGrade.MEDIUM, (-4, 18, 40), (-3, 8, 30), "Harrowden retail park",
                "Two older young people", HowReturned.FOUND_BY_POLICE),
    ],
    "resurfaced": [
        Episode(M, RiskGrade.MEDIUM, (-2, 21, 0), (-1, 13, 45), "Harrowden park", "",
                HowReturned.FOUND_BY_POLICE),
    ],
    "health_referral": [
        Episode(M, RiskGrade.MEDIUM, (-15, 17, 30), (-14, 10, 0), "Kelbrook town centre", "",
                HowReturned.FOUND_BY_PROFESSIONAL, interview=Interview(
                    InterviewStatus.COMPLETED, offered=(-13, 9), held=(-12, 15),
                    push=("mental_health",), pull=("debt", "group_belonging"),
                    push_notes="Feeling low since the summer.",
                    pull_notes="Says the group he stays with 'looks after him' but that he has "
                               "to do jobs for them.",
                    mentions=(("person", "'Kav', older boy who hands out the jobs", ""),
                              ("place", "The underpass by the retail park", "Where he is met."))),
                ),
    ],
    "arrested": [
        Episode(A, RiskGrade.LOW, (-28, 21, 0), (-27, 3, 0), "", "", HowReturned.RETURNED_SELF,
                interview=Interview(
                    InterviewStatus.DECLINED, offered=(-26, 10),
                    reason="He did not want another meeting so soon after his last session; "
                           "his lead professional will talk it through with him instead.")),
    ],
    # Her case and risk assessment came first: the episode alerts the team's managers (the case
    # is not allocated yet) and brings the assessment's review forward.
    "unallocated_west": [
        Episode(M, RiskGrade.HIGH, (-8, 22, 30), (-7, 12, 0), "A flat in Westbury",
                "Two adult men", HowReturned.FOUND_BY_POLICE),
    ],
    "open_episode": [
        Episode(M, RiskGrade.HIGH, (-1, 22, 10), None),
    ],
}

FEATURES = ("Small scar through the left eyebrow", "Pierced ears; wears a silver stud",
            "Glasses for reading", "Freckles; a birthmark on the right wrist")


def _interviewer(cast: Cast, child) -> tuple[str, str]:
    """An independent return home interview worker: the child's own, else one the charity has."""
    def rhi(c):
        return next((x for x in c.contacts if "return home" in x.role.lower()), None)

    own = rhi(child)
    if own is None:
        own = next((found for c in sorted(cast.children.values(), key=lambda c: c.sid)
                    if (found := rhi(c))), None)
    return (own.name, own.agency) if own else ("Sam Okoro", "Brightpath Youth Trust")


def _profile(child, cast: Cast, r) -> dict:
    name = child.first_name
    phones = cast.deal_numbers.get(child.sid, "")
    return {
        "height": f"{r.randint(150, 178)} cm",
        "build": r.choice(("Slim", "Medium", "Stocky")),
        "hair": r.choice(("Short, dark brown", "Black, shaved at the sides", "Long, light brown",
                          "Curly, dark, usually tied back")),
        "eyes": r.choice(("Brown", "Blue", "Green", "Hazel")),
        "distinguishing_features": r.choice(FEATURES),
        "associates": f"Older young people {name} has been found with; see the episodes list.",
        "places_frequented": "Bus station, retail park, the high street takeaways.",
        "phones": f"Own mobile; has been seen with a second phone{f' ({phones})' if phones else ''}.",
        "social_media": "Snapchat and Instagram; accounts known to the police missing team.",
        "transport": "Buses; has been picked up by cars driven by adults.",
        "medical_needs": "None known.",
    }


def seed_missing(*, run, world, people, users):
    cast = cast_for(world, people)
    r = rng(run.seed, "missing")
    priya, tom, olivia = users["priya"], users["tom"], users["olivia"]
    steps, made = Steps(), []
    deal = {}

    for part, episodes in EPISODES.items():
        child = cast.child(part)
        if child is None:
            continue
        person = people[child.sid]
        worker = priya if NORTH in child.teams else tom
        reporter = olivia if child.police else worker
        interviewer, organisation = _interviewer(cast, child)
        deal[part] = cast.deal_numbers.get(child.sid, "07700 900461")
        for ep in episodes:
            started = at(day(ep.start[0]), ep.start[1], ep.start[2])
            holder: list[MissingEpisode] = []

            def record(ep=ep, started=started, holder=holder, person=person, reporter=reporter):
                holder.append(services.episode_record(
                    actor=reporter, person=person, kind=ep.kind, risk_grade=ep.risk,
                    started_at=started, police_reference=f"AD-{started:%y%m%d}-{r.randint(1000, 9999)}"))
                made.append(holder[0])

            steps.add(started + dt.timedelta(minutes=50), record)
            if ep.end is None:
                steps.add(started + dt.timedelta(hours=1, minutes=20), lambda holder=holder,
                          reporter=reporter: services.philomena_report_save(
                              actor=reporter, episode=holder[0],
                              clothing="Black puffer jacket, grey joggers, white trainers",
                              circumstances="Left home after a phone call and did not come back; "
                                            "phone switched off since 10pm.",
                              last_seen="Walking towards the bus station",
                              belongings="Phone, bank card", concerns="Recent episodes were linked "
                              "to adults who exploit children."))
                continue
            ended = at(day(ep.end[0]), ep.end[1], ep.end[2])
            steps.add(ended + dt.timedelta(minutes=30), lambda ep=ep, ended=ended, holder=holder,
                      reporter=reporter: services.episode_return(
                          actor=reporter, episode=holder[0], ended_at=ended, where_found=ep.where,
                          found_with=ep.with_whom, how_returned=ep.how,
                          found_out_of_area=ep.out_of_area))
            if ep.interview is None:
                continue
            iv = ep.interview
            when = at(day((iv.held or iv.offered)[0]), (iv.held or iv.offered)[1])
            steps.add(when, lambda iv=iv, holder=holder, worker=worker, interviewer=interviewer,
                      organisation=organisation, part=part: _interview(
                          worker, holder[0], iv, interviewer, organisation, deal[part]))
    for part, offset, who in (("pattern", -19, "worker"), ("open_episode", -30, "police"),
                              ("resurfaced", -75, "police"), ("unallocated_west", -160, "police")):
        child = cast.child(part)
        if child is None:
            continue
        actor = olivia if who == "police" and child.police else (
            priya if NORTH in child.teams else tom)
        steps.add(at(day(offset), 11), lambda child=child, actor=actor: services.philomena_save(
            actor=actor, person=people[child.sid], **_profile(child, cast, r)))
    steps.run()
    acknowledge_old_alerts(people)
    return {"missing_episodes": len(made)}


def _interview(worker, episode, iv: Interview, interviewer, organisation, deal_number) -> None:
    """Record the interview as the lead professional's team records it: held by an independent
    worker from the charity (by name), never by the lead professional."""
    interview = ReturnInterview.objects.get(episode=episode)
    offered = at(day(iv.offered[0]), iv.offered[1]) if iv.offered else None
    held = at(day(iv.held[0]), iv.held[1]) if iv.held else None
    interview = services.interview_update(
        actor=worker, interview=interview, status=iv.status, offered_at=offered, held_at=held,
        interviewer_name=interviewer if iv.status == InterviewStatus.COMPLETED else "",
        interviewer_organisation=organisation if iv.status == InterviewStatus.COMPLETED else "",
        reason_not_held=iv.reason, push_factors=list(iv.push), pull_factors=list(iv.pull),
        push_notes=iv.push_notes, pull_notes=iv.pull_notes, harm_experienced=iv.harm,
        child_views=iv.views)
    for kind, value, note in iv.mentions:
        services.mention_add(actor=worker, interview=interview, kind=MentionKind(kind),
                             value=value.format(deal=deal_number), note=note)


def digest_rows(key, ids):
    yield "missing_episodes", [(key(r[0]), *r[1:]) for r in MissingEpisode.objects.filter(
        person_id__in=ids).values_list("person_id", "kind", "risk_grade", "police_reference",
                                       "started_at", "ended_at", "where_found", "found_with",
                                       "how_returned", "found_out_of_area", "reported_by__name",
                                       "recorded_by__username")]
    yield "return_interviews", [(key(r[0]), *r[1:]) for r in ReturnInterview.objects.filter(
        person_id__in=ids).values_list("person_id", "due_at", "status", "offered_at", "held_at",
                                       "interviewer_name", "interviewer_organisation",
                                       "reason_not_held", "push_notes", "pull_notes",
                                       "harm_experienced", "child_views")]
    yield "rhi_factors", [(key(r[0]), *r[1:]) for r in RhiFactor.objects.filter(
        interview__person_id__in=ids).values_list("interview__person_id",
                                                  "interview__episode__started_at", "direction", "code")]
    yield "rhi_mentions", [(key(r[0]), *r[1:]) for r in RhiMention.objects.filter(
        interview__person_id__in=ids).values_list("interview__person_id",
                                                  "interview__episode__started_at", "kind", "value", "note")]
    yield "philomena", [(key(r[0]), *r[1:]) for r in PhilomenaProfile.objects.filter(
        person_id__in=ids).values_list("person_id", *services.PROFILE_FIELDS, "confirmed_at",
                                       "confirmed_by__username")]
    yield "philomena_reports", [(key(r[0]), *r[1:]) for r in PhilomenaReport.objects.filter(
        episode__person_id__in=ids).values_list("episode__person_id", "episode__started_at",
                                                "clothing", "circumstances", "last_seen")]


seed = extension(name="missing", digest=digest_rows)(seed_missing)
