"""The demo cast: one persona per role, each with an agency and something to try.

Used by the demo seed, the persona table printed by ``make demo``, and tests (browser journeys
sign in as each persona). Every name is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from lantern.accounts.choices import AgencyKind, Role

#: Demo-only password (long enough for the production rule; never valid outside demo data).
DEMO_PASSWORD = "lantern-demo-2026"  # noqa: S105 - synthetic demo accounts only

CHILDRENS_SERVICES = "Ashdown Children's Services"
POLICE = "Ashdown Police"
PARTNERSHIP = "Ashdown Safeguarding Partnership"
SCHOOL = "Oakfield Academy"
HEALTH = "Ashdown Community Health"
YOUTH_JUSTICE = "Ashdown Youth Justice Service"
VOLUNTARY = "Brightpath Youth Trust"

AGENCIES: list[tuple[str, str]] = [
    (CHILDRENS_SERVICES, AgencyKind.CHILDRENS_SERVICES),
    (POLICE, AgencyKind.POLICE),
    (PARTNERSHIP, AgencyKind.PARTNERSHIP),
    (HEALTH, AgencyKind.HEALTH),
    (YOUTH_JUSTICE, AgencyKind.YOUTH_JUSTICE),
    (VOLUNTARY, AgencyKind.VOLUNTARY),
]

#: (team name, agency name)
TEAMS: list[tuple[str, str]] = [
    ("Lantern Exploitation Team North", CHILDRENS_SERVICES),
    ("Lantern Exploitation Team West", CHILDRENS_SERVICES),
    ("Lantern Exploitation Team East", CHILDRENS_SERVICES),
    ("Missing, Exploited and Trafficked Team", POLICE),
    ("Partnership Business Unit", PARTNERSHIP),
]


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    agency: str
    teams: tuple[str, ...]
    job_title: str
    try_this: str


PERSONAS: list[Persona] = [
    Persona("priya", "Priya", "Okafor", Role.PRACTITIONER, CHILDRENS_SERVICES,
            ("Lantern Exploitation Team North",), "Exploitation social worker",
            "My caseload: alerts from an arrest and a missing episode, overdue actions and "
            "tasks; open the child missing six times in two months; Places and groups: the "
            "skate park she leads"),
    Persona("tom", "Tom", "Hargreaves", Role.TEAM_MANAGER, CHILDRENS_SERVICES,
            ("Lantern Exploitation Team North", "Lantern Exploitation Team West",
             "Lantern Exploitation Team East"), "Team manager",
            "Team caseload: the weekly figures beside their tables, allocate the cases waiting "
            "for a lead, assign an overdue return home interview and answer a re-surfaced case; "
            "then triage the referrals and decide the level waiting for approval; Possible "
            "matches: an identifier on two records and priya's request for access"),
    Persona("dan", "Dan", "Whitlock", Role.POLICE_ANALYST, POLICE,
            ("Missing, Exploited and Trafficked Team",), "Intelligence analyst",
            "Search across the partnership (restricted records stay hidden); a return home "
            "interview lists the people, places and phones mentioned; Intelligence: graded "
            "reports to sanitise, partner submissions, and County Lines as at 1 February 2019; "
            "Networks: the network around a line as at any date, end a link, export for i2"),
    Persona("olivia", "Olivia", "Brennan", Role.POLICE_OFFICER, POLICE,
            ("Missing, Exploited and Trafficked Team",), "Detective constable",
            "Missing children: a child missing now, return home interviews overdue and a "
            "Philomena profile out of date; My actions: the police actions she owns on "
            "children's plans and a park's, to update; Disruption: a child abduction warning "
            "notice that expires in three weeks, and a closure order agreed at the panel"),
    Persona("sarah", "Sarah", "Lindqvist", Role.SCHOOL_DSL, SCHOOL, (),
            "Designated safeguarding lead",
            "Your school: a notice to acknowledge, year groups flagged without names, and the"
            " concerns you raised"),
    Persona("marcus", "Marcus", "Adeyemi", Role.PANEL_CHAIR, PARTNERSHIP,
            ("Partnership Business Unit",), "Exploitation panel chair",
            "Panels: the Ashdown MACE meets in two days, its agenda built by Victims, "
            "Offenders, Locations and Themes (a child back from the watchlist, an overdue "
            "action); record outcomes and actions, sign the minutes, download your pack; the "
            "last meeting's signed minutes and addendum"),
    Persona("amir", "Amir", "Castellano", Role.PARTNERSHIP_ANALYST, PARTNERSHIP,
            ("Partnership Business Unit",), "Partnership analyst",
            "Aggregates only: Partnership statistics (`/statistics/`): filter by area, download "
            "the committee report and the figures; Emerging threats (missing episodes rising in "
            "North this week); the distance-travelled cohort view; small numbers hidden "
            "throughout"),
    Persona("grace", "Grace", "Penhaligon", Role.DPO, PARTNERSHIP,
            ("Partnership Business Unit",), "Data protection officer",
            "Audit: filter by person, dates and action, everything one user looked at, and who "
            "has viewed or changed a record, including the demo's casework history"),
    Persona("sam", "Sam", "Rutherford", Role.SYSADMIN, PARTNERSHIP, (),
            "System administrator", "Manage accounts; no access to children's records"),
]


def persona(username: str) -> Persona:
    return next(p for p in PERSONAS if p.username == username)
