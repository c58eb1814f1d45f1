"""Children in the states the NRM tests need, made through the real services."""

from __future__ import annotations

from lantern.accounts.models import Agency, Team
from lantern.assessments.tests import factories as af
from lantern.people.tests.factories import InvolvementFactory
from lantern.synthetic import personas as cast

#: exploitation-risk v1: drug running, weapons and threats to the family now, several phones and
#: travel: Very high, County Lines and criminal exploitation High.
COUNTY_LINES_VERY_HIGH = {
    "vul_family_links": [af.days_ago(300)],
    "con_phones": [af.days_ago(30)],
    "con_travel": [af.days_ago(20)],
    "ser_drug_running": [af.days_ago(10)],
    "ser_weapons_violence": [af.days_ago(12)],
    "ser_family_threatened": [af.days_ago(11)],
}
#: One vulnerability only: every domain Low.
LOW = {"vul_isolated": [af.days_ago(200)]}


def north_police_child(*, age: int = 16, **fields):
    """A North child (priya leads) whom the police know too (olivia may change the record)."""
    child = af.north_child(age=age, **fields)
    InvolvementFactory(
        person=child, agency=Agency.objects.get(name=cast.POLICE),
        team=Team.objects.get(name="Missing, Exploited and Trafficked Team"),
    )
    return child


def assessed(actor, child, seen, *, version: int = 1):
    return af.submitted_assessment(actor, child, seen, tool="exploitation-risk", version=version)
