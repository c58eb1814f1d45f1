"""Chronologies of children known to services, and the agencies involved with them.

Wording is victim-first (house rule 7): a child *was exploited*, *was groomed*, *was found*;
never "chose to", "put themselves at risk" or "consented". ``BANNED_PHRASES`` is checked
against every generated summary in the tests.

Event subtypes (a column in the files, not in the database) make the committee's figures
computable: ``drug_supply`` arrests; sexual exploitation ``method`` (``social_media``,
``boyfriend``, ``party``, ``group``, ``online``); missing-episode risk grade; return home
interview outcome (``within_72h``, ``late``, ``declined``); NRM stage.
"""

from __future__ import annotations

import datetime as dt
import random

from lantern.synthetic.generator.dates import START_ORD, iso

BANNED_PHRASES = (
    "chose to", "choosing to", "put themselves", "puts themselves", "putting themselves",
    "put herself", "put himself", "consent", "promiscuous", "lifestyle", "nominal",
    "risky behaviour", "prostitut", "sex worker", "willing", "streetwise", "in a relationship with",
)

HER = {"F": "her", "M": "his", "U": "their"}
HIM = {"F": "her", "M": "him", "U": "them"}

TOPICS = ("football", "a college course in motor mechanics", "wanting a weekend job", "music",
          "arguments at home", "a younger brother", "boxing training", "a new phone",
          "sleeping badly", "a cousin who has moved away", "school work", "cooking",
          "a part in the school play", "getting a bike fixed", "gaming with friends")
WORK = ("healthy relationships", "online safety and privacy settings", "how grooming works",
        "drug debt and how to get out of it safely", "knife crime and what to do if scared",
        "emotional wellbeing and sleep", "keeping safe when out at night", "who to call for help",
        "managing anger", "what a good friendship looks like", "money and budgeting")
CONTACTS = (
    "Home visit by {worker}. {n} talked about {topic} and agreed to meet again next week.",
    "Session at school with {n}: direct work on {work}.",
    "Phone call with {carer}: {n} has been home by the agreed time on most nights this week.",
    "Direct work with {n} on {work}; {n} drew a map of places that feel safe and unsafe.",
    "Visit by {worker}: {n} was not at home; {carer} thought {n} was in {town}. Visit rearranged.",
    "Joint visit with police: {n} was told how to report concerns anonymously.",
    "Took {n} for lunch in {town}; talked about {topic}.",
    "Text contact with {n}, who said things feel calmer at the moment.",
    "Meeting with {n} and {carer} to review the safety plan; no changes needed.",
    "Session with {n} on {work}. {n} asked good questions and seemed more settled.",
    "Visit by {worker}: {n} was upset after a row at home; talked it through and agreed a plan.",
    "Drove {n} to a dentist appointment and talked about {topic} on the way.",
    "{worker} met {n} after school; {n} talked about {topic}.",
    "Call from {n} asking for help with a college application; arranged to meet.",
)
PANEL_ACTIONS = (
    "police to share intelligence on adults linked to the child with the lead professional",
    "school to increase supervision at the end of the day",
    "lead professional to complete a return home interview follow-up",
    "health to offer a sexual health and wellbeing appointment",
    "youth work to offer evening sessions",
    "police to consider a child abduction warning notice",
    "housing to check the address of concern",
    "review the safety plan within four weeks",
)
MISSING_FROM = ("after not returning home from school", "after leaving home late in the evening",
                "after not returning from a trip into {town}", "after not coming home at the agreed time")
MISSING_FROM_CARE = ("after leaving the placement without telling staff",
                     "after not returning to the placement from school",
                     "after not coming back to the placement at the agreed time")
FOUND_CSE = ("at a flat in {town} with adult males", "at a hotel in {town}",
             "in a car with two adult men in {town}", "at a house party in {town}",
             "at a friend's house in {town}")
FOUND_CL = ("in {city}, more than sixty miles away", "at an address in {town} linked to the '{line}' line",
            "at a train station in {city}", "in a flat in {town} believed to be cuckooed")
FOUND_OTHER = ("at a friend's house in {town}", "in a park in {town} in the early hours",
               "at a relative's home in {town}", "walking by the road near {town}")
PUSH_PULL = {
    "criminal": ("being given money and food by older boys", "owing money to people who said it was a debt",
                 "being promised a phone and clothes", "being frightened of what would happen if {n} refused",
                 "wanting to be with friends from {town}"),
    "sexual": ("pressure from an older 'boyfriend'", "being given alcohol and lifts by older males",
               "feeling nobody listens at home", "being frightened of what would happen if {n} refused"),
    "other": ("arguments at home and feeling nobody listens", "feeling unsafe at home",
              "wanting to be with friends from {town}", "worries about school and exams"),
}
PUSH_PULL_GROUP = {"county_lines": "criminal", "cce": "criminal", "trafficking": "criminal",
                   "cse_contact": "sexual", "cse_online": "sexual"}
RISK_TEXT = {"significant": "significant", "moderate": "moderate", "low": "low"}


class Chronicler:
    """Writes a case's involvements and chronology."""

    def __init__(self, county, w, rnd: random.Random) -> None:
        self.county = county
        self.as_at = county.as_at_ord
        self.w = w
        self.rnd = rnd
        self.cs = county.agencies["cs"].id
        self.police = county.agencies["police"].id
        self.health = county.agencies["health"].id
        self.yjs = county.agencies["yjs"].id
        self.vol = county.agencies["vol"].id
        self.partnership = county.agencies["partnership"].id

    # --- involvements ----------------------------------------------------------------------
    def involvements(self, case, p) -> dict:
        rnd = self.rnd
        teams = self.county.teams
        w = self.w.involvements
        workers = {}

        def add(team_key, agency_id, role, lead, start, end, prof=None):
            team = teams[team_key] if team_key else None
            prof = prof or team.allocate(rnd)
            start = max(START_ORD, start)
            if start >= self.as_at:
                return None
            end = None if end is None or end >= self.as_at else max(end, start + 1)
            phone = prof.mobile or prof.phone
            w((p.id, agency_id, team.id if team else "", prof.id, role, int(lead), prof.name,
               phone, prof.email, _iso(start), _iso(end)))
            return prof

        area = case.district.area
        if case.cs:
            persona = None
            team = teams[f"cs:{area}"]
            if case.extra.get("persona_lead"):
                persona = next((w for w in team.workers if w.username), None)
            elif case.restricted:  # the other restricted child is hidden from the persona
                persona = rnd.choice([w for w in team.workers if not w.username] or team.workers)
            workers["cs"] = add(f"cs:{area}", self.cs, "Lead professional", True,
                                case.onset, case.cs_close, prof=persona)
        if case.police:
            role = "Officer in charge" if case.profile != "missing" else "Missing person coordinator"
            workers["police"] = add("police:met", self.police, role, not case.cs,
                                    case.police_start, case.police_close)
        if case.health:
            key = "health:outreach" if case.profile.startswith("cse") else "health:nursing"
            role = "Sexual health outreach nurse" if key == "health:outreach" else "School nurse"
            workers["health"] = add(key, self.health, role, False, case.onset + rnd.randint(5, 60),
                                    case.cs_close)
        if case.yjs:
            start = case.key + rnd.randint(10, 40)
            workers["yjs"] = add("yjs:team", self.yjs, "Youth justice case manager", False, start,
                                 start + rnd.randint(180, 420))
        if case.vol or case.profile == "missing":
            key = "vol:rhi" if case.profile in ("missing", "county_lines") else "vol:youth"
            role = "Return home interview worker" if key == "vol:rhi" else "Detached youth worker"
            workers["vol"] = add(key, self.vol, role, False, case.onset + rnd.randint(10, 90),
                                 case.cs_close)
        if case.school_dsl or not (case.cs or case.police):
            when = min(case.cs_close or self.as_at - 1, self.as_at - 1)
            school = p.school_at(max(case.onset, START_ORD)) or p.school_at(when)
            if school is not None:
                enrol = next(e for e in p.enrolments if e[0] is school)
                start = max(case.onset, enrol[2])
                end = _min_open(case.cs_close, enrol[3])
                workers["school"] = add(None, school.id, "Designated safeguarding lead",
                                        not (case.cs or case.police), start, end, prof=school.dsl)
        if not any(workers.values()):  # no agency left to hold the concern: children's services
            case.cs = True
            workers["cs"] = add(f"cs:{area}", self.cs, "Lead professional", True,
                                case.onset, case.cs_close)
        return workers

    # --- chronology ------------------------------------------------------------------------
    def write_case(self, case, p, workers: dict, household: dict) -> None:
        rnd = self.rnd
        n = p.call_name
        home = p.addresses[-1] if p.addresses else None
        town = home[3] if home else case.district.towns[0]
        towns = case.district.towns
        net = case.network
        lead = workers.get("cs") or workers.get("police") or workers.get("school")
        ctx = {
            "n": n, "their": HER[p.sex], "them": HIM[p.sex], "town": town,
            "worker": lead.name if lead else "the lead professional",
            "carer": household.get("carer", "mum"),
            "city": net.city if net is not None and getattr(net, "city", "") else rnd.choice(("Porthaven", "Greyminster")),
            "line": net.name if net is not None else "",
        }
        ev: list[tuple] = []
        add = ev.append
        self._case = case
        self._lead = self.cs if case.cs else self.police
        net_id = net.id if net is not None else ""

        def fmt(text, **extra):
            c = dict(ctx)
            c["town"] = rnd.choice(towns)
            c.update(extra)
            return text.format(**c)

        def school_name(o):
            s = p.school_at(o)
            return s.name if s else "school"

        def school_agency(o):
            s = p.school_at(o)
            return s.id if s else self.cs

        # Referral and assessment.
        onset = case.onset
        source = {"county_lines": "police", "cce": "police", "missing": "police",
                  "trafficking": "police", "cse_online": "school", "concern": "school"}.get(
            case.profile, rnd.choice(("school", "police", "health")))
        reasons = {
            "county_lines": "{n} was found in {town} with a large amount of cash and two phones; seen with older males from out of the area.",
            "cce": "{n} has been seen with adults who are known to police, and has had new clothes and money that cannot be explained.",
            "cse_contact": "{n} has been seen getting into cars with older males after school.",
            "cse_online": "{n} disclosed to a teacher that an adult met online has been sending messages and gifts.",
            "missing": "{n} has been reported missing three times in a month.",
            "concern": "{n}'s attendance has dropped and {their} friendship group has changed.",
            "trafficking": "{n} was found by police at a car wash in {town}; {n} appeared to be under 18 and spoke little English.",
        }
        ref_agency = {"police": self.police, "school": school_agency(onset), "health": self.health}[source]
        if case.cs:
            ref_from = {"police": "Referral from police", "school": f"Referral from {school_name(onset)}",
                        "health": "Referral from health"}[source]
            add((onset, "referral", source, "exact", ref_agency,
                 f"{ref_from}: " + fmt(reasons[case.profile]), False, ""))
        else:  # not (yet) referred on: the agency that knows the child records its concern
            who = {"police": "Police", "school": school_name(onset), "health": "Health"}[source]
            add((onset, "concern", source, "exact", ref_agency,
                 f"{who} recorded a concern: " + fmt(reasons[case.profile]), False, ""))
        if case.cs:
            add((onset + rnd.randint(3, 20), "assessment", "initial", "exact", self.cs,
                 fmt("Exploitation risk assessment completed by {worker}: risk judged {risk}.",
                     risk=RISK_TEXT[case.risk]), False, ""))
        if case.cs and case.profile != "concern" and case.risk != "low":
            add((case.key + rnd.randint(1, 6), "strategy_meeting", "", "exact", self.cs,
                 fmt("Strategy meeting with police, children's services, {school} and health: "
                     "agreed a safety plan for {n} and that {worker} will visit twice a week.",
                     school=school_name(case.key)), True, ""))

        # Profile-specific harm and response.
        getattr(self, f"_profile_{case.profile}")(case, p, add, fmt, school_agency, net_id)

        # Missing episodes sprinkle across most profiles (counted in the return-interview figures).
        extra_missing = {"county_lines": (1, 5), "cce": (0, 4), "cse_contact": (1, 5),
                         "cse_online": (0, 1), "missing": (3, 10), "concern": (0, 1),
                         "trafficking": (0, 3)}[case.profile]
        for _ in range(rnd.randint(*extra_missing)):
            o = case.key + rnd.randint(-240, 200)
            found = {"county_lines": FOUND_CL, "cce": FOUND_CL, "cse_contact": FOUND_CSE}.get(
                case.profile, FOUND_OTHER)
            if found is FOUND_CL and net is None:
                found = FOUND_OTHER
            self._missing(add, fmt, o, rnd.choice(found), net_id)

        # Panels, reviews and contacts while the case is open.
        close = case.cs_close if case.cs_close is not None else self.as_at
        if case.cs:
            lead_name = workers["cs"].name if workers.get("cs") else ctx["worker"]
            o = onset + rnd.randint(20, 45)
            while o < close:
                add((o, "panel", "mace", "exact", self.partnership,
                     fmt("Discussed at the multi-agency exploitation panel. Risk agreed as {risk}. "
                         "Action: {action}.", risk=RISK_TEXT[_risk_at(case, o)],
                         action=rnd.choice(PANEL_ACTIONS)), False, ""))
                if rnd.random() < 0.8:
                    add((o + rnd.randint(1, 10), "assessment", "review", "exact", self.cs,
                         fmt("Exploitation risk assessment reviewed by {worker}: risk now {risk}.",
                             risk=RISK_TEXT[_risk_at(case, o)], worker=lead_name), False, ""))
                o += rnd.randint(80, 100)
            o = onset + rnd.randint(7, 15)
            gap = (6, 14) if case.risk == "significant" else (10, 21)
            while o < close:
                add((o, "contact", "", "exact", self.cs,
                     fmt(rnd.choice(CONTACTS), topic=rnd.choice(TOPICS), work=rnd.choice(WORK),
                         worker=lead_name), False, ""))
                o += rnd.randint(*gap)
        if case.in_care is not None:
            where = ("a residential children's home out of county" if case.out_of_county
                     else f"foster carers in {rnd.choice(towns)}")
            add((case.in_care, "placement", "into_care", "exact", self.cs,
                 fmt("{n} came into care and moved to {where}, away from the adults who had "
                     "been exploiting {them}.", where=where) if case.profile != "trafficking" else
                 fmt("{n} was placed with {where} while {their} age and needs are assessed.",
                     where=where), True, ""))
        if case.cs_close is not None and case.cs:
            turned18 = case.age_at(case.cs_close) >= 17.9
            text = ("{n} turned 18: the exploitation case is closed and support continues "
                    "through the leaving care team." if turned18 else
                    "Case closed to the exploitation team: no missing episodes for three months; "
                    "{n} knows how to get back in touch and the school will share any concerns.")
            add((case.cs_close, "other", "closed", "exact", self.cs, fmt(text), False, ""))

        ev = [e for e in ev if START_ORD <= e[0] < self.as_at]
        ev.sort(key=lambda e: (e[0], e[1], e[4]))
        event = self.w.event
        for o, etype, subtype, precision, agency, summary, significant, network in ev:
            if precision == "month":
                d = dt.date.fromordinal(o)
                o = dt.date(d.year, d.month, 1).toordinal()
            elif precision == "year":
                o = dt.date(dt.date.fromordinal(o).year, 1, 1).toordinal()
            event(p.id, etype, subtype, None if precision == "unknown" else o, precision, agency,
                  summary, significant, network)

    # --- one helper per profile ------------------------------------------------------------
    def _missing(self, add, fmt, o, found, net_id, risk=None):
        rnd = self.rnd
        case = self._case
        risk = risk or rnd.choices(("high", "medium", "low"), (3, 5, 2))[0]
        hours = rnd.choice(("six hours", "eleven hours", "18 hours", "a day", "two days", "three days"))
        in_care = case.in_care is not None and o >= case.in_care
        carer = ("staff at the children's home" if case.out_of_county else "foster carers") if in_care else None
        pushes = PUSH_PULL[PUSH_PULL_GROUP.get(case.profile, "other")]
        add((o, "missing", risk, "exact", self.police,
             fmt("{n} was reported missing by {carer} "
                 + rnd.choice(MISSING_FROM_CARE if in_care else MISSING_FROM)
                 + f". Graded {risk} risk. Found {hours} later " + found + "; brought back by police.",
                 **({"carer": carer} if carer else {})),
             True, net_id))
        r = rnd.random()
        after = o + rnd.randint(1, 3)
        if r < 0.72:
            add((after, "return_interview", "within_72h", "exact", self.vol,
                 fmt("Return home interview by Brightpath within 72 hours. {n} spoke about "
                     + rnd.choice(pushes) + "; information shared with police and the lead professional."),
                 False, ""))
        elif r < 0.88:
            add((after, "return_interview", "declined", "exact", self.vol,
                 fmt("Return home interview offered within 72 hours; {n} did not want to talk. "
                     "The lead professional will try again at the next visit."), False, ""))
        else:
            add((o + rnd.randint(4, 9), "return_interview", "late", "exact", self.vol,
                 fmt("Return home interview held after the 72-hour window (interviewer "
                     "unavailable). {n} spoke about " + rnd.choice(pushes) + "."), False, ""))

    def _nrm(self, add, fmt, o, kind):
        rnd = self.rnd
        who = "children's services" if self._lead == self.cs else "police"
        add((o, "nrm", "referral", "exact", self._lead,
             fmt(f"Referred to the National Referral Mechanism by {who} as a "
                 f"possible victim of {kind}."), True, ""))
        add((o + rnd.randint(4, 9), "nrm", "reasonable_grounds", "exact", self._lead,
             fmt("Positive reasonable grounds decision received from the competent authority."),
             False, ""))
        if rnd.random() < 0.6:
            add((o + rnd.randint(120, 480), "nrm", "conclusive_grounds", "exact", self._lead,
                 fmt(f"Positive conclusive grounds decision: {{n}} was a victim of {kind}."), False, ""))

    def _adult_name(self, case, role="controller"):
        net = case.network
        if net is not None:
            people = net.controllers + net.locals if role == "controller" else net.locals + net.controllers
            if people:
                return self.rnd.choice(people).name
        if case.cse_adult is not None:
            return case.cse_adult.name
        return "an adult known to police"

    def _profile_county_lines(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        for _ in range(rnd.randint(1, 2)):
            o = k - rnd.randint(10, 200)
            add((o, "found_out_of_area", "", "exact", self.police,
                 fmt("{n} was found by officers in {city} during a drugs warrant at an address "
                     "linked to the '{line}' line; safeguarded and brought home."), True, net_id))
        for _ in range(rnd.randint(1, 3)):
            o = k - rnd.randint(0, 240)
            prec = "month" if rnd.random() < 0.3 else "exact"
            add((o, "intelligence", "", prec, self.police, fmt(rnd.choice((
                "Intelligence (graded B2, may be shared) that {n} is being used to carry drugs "
                "for the '{line}' line between {city} and {town}.",
                "Intelligence that a phone used by {n} has been in contact with the '{line}' deal line.",
                "Intelligence that {n} has been staying at a cuckooed address in {town}.",
            ))), False, net_id))
        add((k - rnd.randint(20, 120), "concern", "school", "exact", school_agency(k), fmt(
            "School raised a concern: {n}'s attendance has fallen; {n} has been seen with two "
            "phones and new clothes and has fallen asleep in lessons."), False, ""))
        wraps = rnd.randint(8, 40)
        add((k, "arrest", "drug_supply", "exact", self.police, fmt(
            "{n} was arrested in {town} on suspicion of possession with intent to supply Class A "
            f"drugs; {wraps} wraps were found hidden on {{their}} person with a phone linked to "
            "the '{line}' line. Treated as a possible victim of criminal exploitation: NRM "
            "referral made and youth justice told about a possible section 45 defence."), True, net_id))
        add((k + rnd.randint(1, 5), "cce_incident", "county_lines", "exact", self._lead, fmt(
            "Strategy discussion agreed that {n} is being criminally exploited by adults running "
            "the '{line}' line from {city}, and is trapped by a drug debt they say {n} owes."),
            True, net_id))
        if rnd.random() < 0.8:
            self._nrm(add, fmt, k + rnd.randint(1, 20), "criminal exploitation (County Lines)")
        if rnd.random() < 0.5:
            add((k + rnd.randint(10, 120), "disruption", "cawn", "exact", self.police, fmt(
                "Child abduction warning notice served on {adult} to protect {n}.",
                adult=self._adult_name(case)), True, net_id))
        if rnd.random() < 0.3:
            add((k + rnd.randint(-90, 200), "ae_attendance", "injury", "exact", self.health, fmt(
                "{n} attended A&E with a stab wound to the leg and said it was an accident. "
                "The hospital made a safeguarding referral; the injury is believed to be linked "
                "to a drug debt."), True, ""))
        if rnd.random() < 0.3:
            o = k + rnd.randint(60, 400)
            add((o, "arrest", "drug_supply", "exact", self.police, fmt(
                "{n} was arrested again in {town} on suspicion of supplying drugs for the "
                "'{line}' line; the NRM decision was shared with the custody sergeant."), True, net_id))
        if case.exclusion:
            add((case.exclusion, "exclusion", "permanent", "exact", school_agency(case.exclusion - 1), fmt(
                "{n} was permanently excluded after bringing a knife into school; {n} told staff "
                "it was for protection because of a debt."), True, ""))
        if case.managed_move:
            add((case.managed_move, "managed_move", "", "exact", school_agency(case.managed_move - 1), fmt(
                "Managed move agreed to separate {n} from older pupils linked to the '{line}' line."),
                True, ""))
        if rnd.random() < 0.3:
            add((k + rnd.randint(-60, 60), "intelligence", "disclosure", "unknown", self._lead, fmt(
                "{n} disclosed that an older cousin first introduced {them} to adults linked to "
                "the line (date not known)."), False, net_id))

    def _profile_cce(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        kind = rnd.choice(("theft", "carrying", "out_of_area"))
        if kind == "theft":
            add((k, "arrest", "theft", "exact", self.police, fmt(
                "{n} was arrested for shoplifting high-value goods in {town}; officers recognised "
                "that {n} was being made to steal to order by an adult and made a referral."), True, net_id))
        elif kind == "carrying":
            add((k, "cce_incident", "carrying", "exact", self.police, fmt(
                "{n} was stopped in {town} carrying a package for an adult known to police; "
                "{n} was frightened and said {n} had been told what would happen if it was lost."),
                True, net_id))
        else:
            add((k, "found_out_of_area", "", "exact", self.police, fmt(
                "{n} was found in {city} with no money and no way home after being taken there "
                "by adults; safeguarded and collected by the emergency duty team."), True, net_id))
        if net_id:
            add((k - rnd.randint(5, 90), "intelligence", "", "exact", self.police, fmt(
                "Intelligence that {n} has been made to carry packages and run errands for adults "
                "linked to the '{line}' line."), False, net_id))
        add((k + rnd.randint(1, 7), "cce_incident", "assessment", "exact", self._lead, fmt(
            "Multi-agency discussion agreed {n} is being criminally exploited; safety plan "
            "updated and the school told."), True, net_id))
        if rnd.random() < 0.55:
            self._nrm(add, fmt, k + rnd.randint(2, 30), "criminal exploitation")
        if case.exclusion:
            add((case.exclusion, "exclusion", "fixed", "exact", school_agency(case.exclusion - 1), fmt(
                "{n} was suspended for five days after a fight in school; staff noted {n} seemed "
                "scared of older students from another school."), True, ""))
        if case.managed_move:
            add((case.managed_move, "managed_move", "", "exact", school_agency(case.managed_move - 1),
                 fmt("Managed move to a new school agreed with {carer} to give {n} a fresh start."), True, ""))

    def _profile_cse_contact(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        adult = self._adult_name(case, "local")
        text = {
            "social_media": "{n} was groomed through a social media app by {adult}, who posed as "
                            "a teenager, and was sexually exploited after being persuaded to meet him in {town}.",
            "boyfriend": "{n} was sexually exploited by {adult}, an older man who presented himself "
                         "as {n}'s 'boyfriend' and used gifts and lifts to gain {their} trust.",
            "party": "{n} was given alcohol and cannabis at a 'party' at a flat in {town} and was "
                     "sexually exploited by adult males.",
            "group": "Police identified {n} as one of several children sexually exploited by a "
                     "group of adult men in {town}.",
        }[case.method]
        add((k, "cse_incident", case.method, "exact", self.police, fmt(text, adult=adult), True, net_id))
        for _ in range(rnd.randint(0, 2)):
            o = k + rnd.randint(20, 300)
            add((o, "cse_incident", case.method, "exact", self.police, fmt(
                "Further incident: {n} was sexually exploited again by adults linked to {adult}; "
                "{n} was found and taken to a place of safety.", adult=adult), True, net_id))
        if case.method == "social_media":
            add((k - rnd.randint(14, 120), "online_grooming", "social_media", "exact",
                 school_agency(k), fmt("School reported that an adult had been messaging {n} on "
                                       "social media, sending gifts and asking for images."), True, ""))
        for _ in range(rnd.randint(1, 2)):
            add((k - rnd.randint(0, 150), "intelligence", "", "month" if rnd.random() < 0.4 else "exact",
                 self.police, fmt("Intelligence that {n} has been seen getting into cars with adult "
                                  "males near the bus station in {town}."), False, net_id))
        if rnd.random() < 0.5:
            order = rnd.choice(("Child abduction warning notice served on {adult} to protect {n}.",
                                "Sexual risk order granted against {adult}; {n}'s family told."))
            add((k + rnd.randint(14, 150), "disruption", "cawn" if "warning" in order else "sro",
                 "exact", self.police, fmt(order, adult=adult), True, net_id))
        if rnd.random() < 0.25:
            add((k + rnd.randint(-60, 120), "ae_attendance", "intoxication", "exact", self.health, fmt(
                "{n} was brought to A&E by ambulance after being found heavily intoxicated in "
                "{town} in the early hours; safeguarding referral made."), True, ""))
        if rnd.random() < 0.35:
            self._nrm(add, fmt, k + rnd.randint(5, 40), "sexual exploitation")
        if rnd.random() < 0.2:
            add((k, "intelligence", "disclosure", "year", self.cs, fmt(
                "{n} disclosed that the grooming began the year before it was first reported "
                "(month not known)."), False, ""))
        if case.exclusion:
            add((case.exclusion, "exclusion", "fixed", "exact", school_agency(case.exclusion - 1), fmt(
                "{n} was suspended for three days; the school has since recognised that {n}'s "
                "distress was linked to exploitation."), True, ""))
        if case.managed_move:
            add((case.managed_move, "managed_move", "", "exact", school_agency(case.managed_move - 1),
                 fmt("Managed move agreed so that {n} no longer travels past the area where the "
                     "adults gather."), True, ""))

    def _profile_cse_online(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        texts = (
            "School reported that {n} had been contacted on a social media app by an adult "
            "posing as a teenager, who sent gift cards and asked for images.",
            "{n}'s {carer} found messages from an adult asking {n} to keep their chats secret "
            "and to send photographs; reported to police.",
            "{n} was groomed on a gaming platform by an adult who asked {them} to move to a "
            "private messaging app; the school's online safety lead was told.",
        )
        add((k, "online_grooming", "online", "exact", school_agency(k), fmt(rnd.choice(texts)), True, ""))
        for _ in range(rnd.randint(0, 2)):
            add((k + rnd.randint(15, 200), "online_grooming", "online", "exact", self.police, fmt(
                "Further online contact: an adult account linked to other children in {town} "
                "messaged {n}; account reported and device examined with the family's agreement."),
                True, ""))
        if rnd.random() < 0.4:
            add((k + rnd.randint(10, 120), "cse_incident", "social_media", "exact", self.police, fmt(
                "{n} was sexually exploited after being groomed online and persuaded to meet an "
                "adult in {town}; the adult was arrested."), True, net_id))
        add((k + rnd.randint(5, 40), "contact", "online_safety", "exact", school_agency(k), fmt(
            "Online safety session with {n} and {carer}: privacy settings, blocking and reporting."),
            False, ""))
        if rnd.random() < 0.5:
            add((k + rnd.randint(1, 30), "concern", "school", "exact", school_agency(k), fmt(
                "School noted {n} seems withdrawn and tired; {their} phone use at night worries {carer}."),
                False, ""))

    def _profile_missing(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        self._missing(add, fmt, k, rnd.choice(FOUND_OTHER), net_id, risk="high")
        for _ in range(rnd.randint(0, 3)):
            add((k + rnd.randint(-200, 200), "absent", "", "exact", self.police, fmt(
                "{n} was recorded as absent (not missing) after coming home four hours late from {town}."),
                False, ""))
        if rnd.random() < 0.4:
            add((k + rnd.randint(-30, 60), "concern", "health", "exact", self.health, fmt(
                "School nurse concerned about {n}'s low mood and poor sleep; offered a referral "
                "to the emotional wellbeing service."), False, ""))

    def _profile_concern(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        for _ in range(rnd.randint(1, 3)):
            add((k + rnd.randint(-40, 60), "concern", "school", "exact", school_agency(k), fmt(rnd.choice((
                "School raised a concern: {n} has been seen outside school with young people who "
                "are much older.",
                "Low-level concern: {n} has a new, expensive phone and will not say where it came from.",
                "School noted {n} has been late most mornings and seems anxious about going home.",
            ))), False, ""))
        if rnd.random() < 0.5:
            add((k + rnd.randint(10, 60), "contact", "school", "exact", school_agency(k), fmt(
                "Meeting in school with {n} and {carer}: agreed a trusted adult for {n} and "
                "weekly check-ins."), False, ""))

    def _profile_trafficking(self, case, p, add, fmt, school_agency, net_id):
        rnd = self.rnd
        k = case.key
        add((case.onset, "found_out_of_area", "trafficking", "exact", self.police, fmt(
            "{n} was found by police at a car wash in {town}, working long hours for no pay; "
            "{n} was treated as a child victim of trafficking and safeguarded."), True, ""))
        self._nrm(add, fmt, case.onset + rnd.randint(1, 5), "trafficking (labour exploitation)")
        if rnd.random() < 0.4:
            self._missing(add, fmt, case.onset + rnd.randint(2, 20),
                          "at an address in {city} linked to the adults who had brought {them} to the UK",
                          net_id, risk="high")
        add((k, "assessment", "age", "exact", self.cs, fmt(
            "Age assessment completed: {n} is believed to be about 16; {n} is treated as a child."),
            False, ""))


def _risk_at(case, o: int) -> str:
    """Risk falls as the work goes on (older cases were closed because it fell)."""
    order = ("significant", "moderate", "low")
    i = order.index(case.risk)
    if o > case.key + 200:
        i = min(2, i + 1)
    if o > case.key + 400:
        i = min(2, i + 1)
    return order[i]


_iso = iso


def _min_open(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)
