"""A DSL sees the status of the concerns and referrals their school raised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.people.tests.factories import ChronologyEventFactory, InvolvementFactory
from lantern.schools import selectors

pytestmark = pytest.mark.django_db


def _referrals_available() -> bool:
    try:
        from lantern.referrals import selectors as s
    except ImportError:
        return False
    return hasattr(s, "referrals_for_referrer")


@pytest.mark.skipif(not _referrals_available(), reason="referrals app has no referrer selector")
def test_uses_referrals_selector(client, personas, casebook):
    from lantern.referrals.models import Referral

    sarah = personas["sarah"]
    Referral.objects.create(
        referrer=sarah, referrer_agency=sarah.agency, referrer_name="Sarah Lindqvist",
        child_first_name="Maisie", child_last_name="Fairbank", concerns="Seen getting into cars after school.",
        sharing_basis="safeguarding",
    )
    Referral.objects.create(
        referrer=personas["priya"], referrer_agency=personas["priya"].agency, referrer_name="Priya",
        child_first_name="Other", child_last_name="Child", concerns="x", sharing_basis="safeguarding",
    )
    rows = selectors.concerns_for(actor=sarah)
    assert [r.child for r in rows] == ["Maisie Fairbank"]
    assert rows[0].status == "Received"
    client.force_login(sarah)
    page = client.get(reverse("schools:home")).content.decode()
    assert "Maisie Fairbank" in page and "Other Child" not in page and "Seen getting into cars" not in page


def test_chronology_fallback(personas, casebook, monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(apps, "is_installed", lambda name: name not in ("lantern.referrals", "lantern.cases"))
    pupil, school = casebook["pupil"], personas["sarah"].agency
    ChronologyEventFactory(person=pupil, source_agency=school, event_type="concern", event_date=dt.date(2026, 10, 1))
    rows = selectors.concerns_for(actor=personas["sarah"])
    assert [(r.child, r.status) for r in rows] == [("Maisie Fairbank", "Received: not yet allocated")]
    InvolvementFactory(person=pupil, agency=personas["priya"].agency, is_lead=True)
    assert selectors.concerns_for(actor=personas["sarah"])[0].status.startswith("A lead professional")
    assert selectors.concerns_for(actor=personas["priya"]) == []
