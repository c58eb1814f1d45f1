"""The record policy against a pure-Python oracle, under randomly built worlds (Hypothesis).

A state machine creates agencies, teams, users with roles, children, involvements (allocated,
team, agency; open, ended or ending later), school enrolments, restrictions and grants (named,
break-glass still running, break-glass expired), and switches accounts off and on. After every
step, for every user and every action, ``person_policy.visible`` must equal the oracle below,
which re-states ``lantern/access/scopes.py`` in plain Python with no ORM. A ``check_pages`` step
asks the search selector, the search page and the record page, which must agree with it too.

``person_policy.visible_ids`` (the same rule as one hand-written SQL statement, used by ``can``
and the dashboards) is held to the same oracle at every step.

Why: the policy is a handful of ``Q`` objects over joins with OR, where a join promoted the
wrong way silently widens or narrows what people see. An oracle that shares no code with it
catches that.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from lantern.access import matrix, scopes
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.accounts.choices import AgencyKind, Role
from lantern.accounts.models import Agency, Team, User
from lantern.people import selectors
from lantern.people.models import Involvement, Person, SchoolEnrolment
from lantern.people.services import person_refresh_name_keys

ENDS = ("open", "ended", "ends_later")


def _letters(n: int) -> str:
    """0 -> "b", 1 -> "c", ... : distinct alphabetic tokens (the name search ignores digits)."""
    alphabet = string.ascii_lowercase[1:]
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, len(alphabet))
        out = alphabet[r] + out
    return out


# --- The oracle's own model of the world ----------------------------------------------------------


@dataclass
class MUser:
    role: str
    agency: int | None
    teams: set[int]
    active: bool = True


@dataclass
class World:
    users: dict[int, MUser] = field(default_factory=dict)
    restricted: dict[int, bool] = field(default_factory=dict)  # child id -> restricted
    involvements: dict[int, tuple[int, int, int | None, int | None, dt.date | None]] = field(
        default_factory=dict
    )  # id -> (child, agency, team, user, end)
    enrolments: list[tuple[int, int, dt.date | None]] = field(default_factory=list)
    grants: list[tuple[int, int, dt.datetime | None]] = field(default_factory=list)

    def oracle(self, user_id: int, action: str, today: dt.date, now: dt.datetime) -> set[int]:
        user = self.users[user_id]
        if not user.active:
            return set()

        def current(end):
            return end is None or end >= today

        live = [v for v in self.involvements.values() if current(v[4])]
        allocated = {child for child, _a, _t, u, _e in live if u == user_id}
        scope = scopes.scope_for(user.role, action)
        if scope == scopes.PARTNERSHIP:
            base = set(self.restricted)
        elif scope == scopes.AGENCY:
            base = allocated | {c for c, a, _t, _u, _e in live if user.agency is not None and a == user.agency}
        elif scope == scopes.TEAM:
            base = allocated | {c for c, _a, t, _u, _e in live if t is not None and t in user.teams}
        elif scope == scopes.SCHOOL:
            base = allocated | {
                c for c, school, end in self.enrolments
                if user.agency is not None and school == user.agency and current(end)
            }
        elif scope == scopes.ALLOCATED:
            base = allocated
        else:
            base = set()
        granted = {c for c, u, expires in self.grants if u == user_id and (expires is None or expires > now)}
        return {c for c in base if not self.restricted[c] or c in granted}


class PolicyMachine(RuleBasedStateMachine):
    agencies = Bundle("agencies")
    teams = Bundle("teams")
    users = Bundle("users")
    children = Bundle("children")
    involvements = Bundle("involvements")

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.world = World()
        self.counter = itertools.count()
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.client = Client()
        self.pages_checked = 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _end(self, which: str) -> dt.date | None:
        return {
            "open": None,
            "ended": self.today - dt.timedelta(days=1),
            "ends_later": self.today + dt.timedelta(days=30),
        }[which]

    # --- A small starting world, so interesting cases are a few steps away ----------------------

    def _seed(self) -> dict[str, list[int]]:
        """Create the starting world once; initialize rules (run in any order) share it."""
        if getattr(self, "_seeded", None) is None:
            kinds = [AgencyKind.CHILDRENS_SERVICES, AgencyKind.POLICE, AgencyKind.SCHOOL]
            cs, police, school = (Agency.objects.create(name=f"Start {k}", kind=k).pk for k in kinds)
            north, west, met = (
                Team.objects.create(name=name, agency_id=agency).pk
                for name, agency in (("North", cs), ("West", cs), ("MET", police))
            )
            cast = [
                (Role.PRACTITIONER, cs, [north]), (Role.TEAM_MANAGER, cs, [north, west]),
                (Role.POLICE_OFFICER, police, [met]), (Role.POLICE_ANALYST, police, [met]),
                (Role.SCHOOL_DSL, school, []), (Role.PANEL_CHAIR, None, []), (Role.DPO, None, []),
                (Role.PARTNERSHIP_ANALYST, None, []), (Role.SYSADMIN, None, []),
            ]
            self._seeded = {
                "agencies": [cs, police, school],
                "teams": [north, west, met],
                "users": [self.add_user(role, agency, teams) for role, agency, teams in cast],
            }
        return self._seeded

    @initialize(target=agencies)
    def seed_agencies(self):
        return multiple(*self._seed()["agencies"])

    @initialize(target=teams)
    def seed_teams(self):
        return multiple(*self._seed()["teams"])

    @initialize(target=users)
    def seed_users(self):
        return multiple(*self._seed()["users"])

    @initialize(target=children, restricted=st.lists(st.booleans(), min_size=3, max_size=3))
    def seed_children(self, restricted):
        return multiple(*(self.add_child(r) for r in restricted))

    # --- Building the world ---------------------------------------------------------------------

    @rule(target=agencies, kind=st.sampled_from([AgencyKind.CHILDRENS_SERVICES, AgencyKind.POLICE, AgencyKind.SCHOOL]))
    def add_agency(self, kind):
        return Agency.objects.create(name=f"Agency {next(self.counter)}", kind=kind).pk

    @rule(target=teams, agency=agencies)
    def add_team(self, agency):
        return Team.objects.create(name=f"Team {next(self.counter)}", agency_id=agency).pk

    @rule(
        target=users,
        role=st.sampled_from(Role.values),
        agency=st.none() | agencies,
        teams=st.lists(teams, max_size=2, unique=True),
    )
    def add_user(self, role, agency, teams):
        user = User.objects.create(username=f"user{next(self.counter)}", role=role, agency_id=agency)
        user.teams.set(teams)
        self.world.users[user.pk] = MUser(role, agency, set(teams))
        return user.pk

    @rule(target=children, restricted=st.booleans())
    def add_child(self, restricted):
        n = next(self.counter)
        child = Person.objects.create(first_name=f"Kid{_letters(n)}", last_name=f"Fam{_letters(n)}", restricted=restricted)
        person_refresh_name_keys(person=child)
        self.world.restricted[child.pk] = restricted
        return child.pk

    @rule(
        target=involvements,
        child=children,
        agency=agencies,
        team=st.none() | teams,
        user=st.none() | users,
        end=st.sampled_from(ENDS),
    )
    def add_involvement(self, child, agency, team, user, end):
        inv = Involvement.objects.create(
            person_id=child, agency_id=agency, team_id=team, user_id=user, role="Worker",
            contact_name="Jo Example", start_date=self.today - dt.timedelta(days=60), end_date=self._end(end),
        )
        self.world.involvements[inv.pk] = (child, agency, team, user, inv.end_date)
        return inv.pk

    @rule(involvement=involvements)
    def end_involvement(self, involvement):
        end = self.today - dt.timedelta(days=1)
        Involvement.objects.filter(pk=involvement).update(end_date=end)
        child, agency, team, user, _ = self.world.involvements[involvement]
        self.world.involvements[involvement] = (child, agency, team, user, end)

    @rule(child=children, school=agencies, end=st.sampled_from(ENDS))
    def add_enrolment(self, child, school, end):
        SchoolEnrolment.objects.create(
            person_id=child, school_id=school, year_group=9,
            start_date=self.today - dt.timedelta(days=200), end_date=self._end(end),
        )
        self.world.enrolments.append((child, school, self._end(end)))

    @rule(child=children)
    def toggle_restricted(self, child):
        value = not self.world.restricted[child]
        Person.objects.filter(pk=child).update(restricted=value)
        self.world.restricted[child] = value

    @rule(child=children, user=users, kind=st.sampled_from(["named", "break_glass", "expired"]))
    def add_grant(self, child, user, kind):
        expires = {
            "named": None,
            "break_glass": self.now + dt.timedelta(hours=4),
            "expired": self.now - dt.timedelta(minutes=1),
        }[kind]
        AccessGrant.objects.create(
            person_id=child, user_id=user, kind=GrantKind.NAMED if kind == "named" else GrantKind.BREAK_GLASS,
            reason="Hypothesis grant for the oracle", created_at=self.now, expires_at=expires,
        )
        self.world.grants.append((child, user, expires))

    @rule(user=users)
    def toggle_active(self, user):
        model = self.world.users[user]
        model.active = not model.active
        User.objects.filter(pk=user).update(is_active=model.active)

    # --- What must always hold ----------------------------------------------------------------

    @invariant()
    def visible_equals_oracle(self):
        children = Person.objects.filter(pk__in=list(self.world.restricted))
        for user in User.objects.filter(pk__in=list(self.world.users)):
            for action in scopes.ACTIONS:
                got = set(person_policy.visible(user, action, children).values_list("pk", flat=True))
                want = self.world.oracle(user.pk, action, self.today, self.now)
                assert got == want, (user.role, action, sorted(got ^ want))
                # The hand-written statement (pages' id checks and ``can``) gives the same answer.
                by_ids = person_policy.visible_ids(user, action, list(self.world.restricted))
                assert by_ids == want, ("visible_ids", user.role, action, sorted(by_ids ^ want))

    @rule(user=users, child=children)
    def check_pages(self, user, child):
        """The search selector, the search page and the record page agree with the oracle."""
        actor = User.objects.get(pk=user)
        person = Person.objects.get(pk=child)
        visible = child in self.world.oracle(user, scopes.VIEW, self.today, self.now)
        assert person_policy.can(actor, scopes.VIEW, person) is visible
        found = selectors.person_search(actor=actor, query=person.full_name)
        assert (person in found) is visible
        if not actor.is_active:
            return
        self.client.force_login(actor)
        if matrix.allows(actor, "people:search"):
            page = self.client.get(reverse("people:search"), {"q": person.full_name})
            assert page.status_code == 200
            assert (person in page.context["results"]) is visible
        detail = self.client.get(reverse("people:person_detail", args=[child]))
        can_open = visible and matrix.allows(actor, "people:person_detail")
        assert detail.status_code == (200 if can_open else 404), (actor.role, visible)
        self.pages_checked += 1


@pytest.mark.django_db
def test_policy_matches_the_oracle():
    run_state_machine_as_test(
        PolicyMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            derandomize=True,
        ),
    )


@pytest.mark.django_db
def test_the_oracle_can_disagree():
    """Guard against an oracle that agrees with anything: a known world, a known answer."""
    world = World()
    today, now = timezone.localdate(), timezone.now()
    world.users[1] = MUser(Role.PRACTITIONER, agency=10, teams={20})
    world.users[2] = MUser(Role.TEAM_MANAGER, agency=10, teams=set())
    world.restricted.update({100: False, 101: True, 102: False})
    world.involvements[1] = (100, 10, 20, None, None)  # team 20, open
    world.involvements[2] = (101, 10, 20, None, None)  # restricted
    world.involvements[3] = (102, 10, 21, None, today - dt.timedelta(days=1))  # ended
    assert world.oracle(1, scopes.VIEW, today, now) == {100}
    assert world.oracle(2, scopes.VIEW, today, now) == {100}
    world.grants.append((101, 2, None))
    assert world.oracle(2, scopes.VIEW, today, now) == {100, 101}
    world.users[2].active = False
    assert world.oracle(2, scopes.VIEW, today, now) == set()
