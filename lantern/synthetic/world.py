"""Create the partnership's organisations and the persona accounts (idempotent).

The full synthetic county (``lantern.synthetic.loader``) builds on this; tests use it alone for
a small, fast world.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Agency, Area, District, Team, User
from lantern.synthetic import personas as cast
from lantern.synthetic.generator.county import AREAS  # one geography for the generator and the DB

__all__ = ["AREAS", "demo_password_hash", "ensure_organisations", "ensure_personas"]

_PASSWORD_HASH_CACHE: dict[str, str] = {}


def demo_password_hash() -> str:
    """Hash the demo password once per process (Argon2 is deliberately slow)."""
    if cast.DEMO_PASSWORD not in _PASSWORD_HASH_CACHE:
        _PASSWORD_HASH_CACHE[cast.DEMO_PASSWORD] = make_password(cast.DEMO_PASSWORD)
    return _PASSWORD_HASH_CACHE[cast.DEMO_PASSWORD]


def ensure_organisations() -> dict[str, Agency]:
    for area_name, districts in AREAS.items():
        area, _ = Area.objects.get_or_create(name=area_name)
        for d in districts:
            District.objects.get_or_create(name=d, defaults={"area": area})
    agencies = {}
    for name, kind in cast.AGENCIES:
        agencies[name], _ = Agency.objects.get_or_create(name=name, defaults={"kind": kind})
    school, _ = Agency.objects.get_or_create(
        name=cast.SCHOOL,
        defaults={"kind": AgencyKind.SCHOOL, "district": District.objects.get(name="Harrowden")},
    )
    agencies[cast.SCHOOL] = school
    for team_name, agency_name in cast.TEAMS:
        area = next((a for a in Area.objects.all() if team_name.endswith(a.name)), None)
        Team.objects.get_or_create(
            name=team_name, agency=agencies[agency_name], defaults={"area": area}
        )
    return agencies


def ensure_personas() -> dict[str, User]:
    agencies = ensure_organisations()
    users = {}
    for p in cast.PERSONAS:
        user, created = User.objects.get_or_create(
            username=p.username,
            defaults={
                "first_name": p.first_name,
                "last_name": p.last_name,
                "role": p.role,
                "agency": agencies[p.agency],
                "job_title": p.job_title,
                "email": f"{p.username}@example.org",
                "password": demo_password_hash(),
            },
        )
        if created:
            user.teams.set(Team.objects.filter(name__in=p.teams))
        users[p.username] = user
    return users
