"""The demo's NRM story (``lantern/synthetic/extensions/nrm.py``), on the small seed: the
16-year-old scored Very high for County Lines, charged with possession with intent to supply,
with no NRM referral, so the section 45 rule fires for priya."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from lantern.accounts.models import User
from lantern.assessments.models import Assessment
from lantern.cases.models import Task
from lantern.nrm.models import Charge, NrmReferral
from lantern.nrm.services import TASK_SOURCE_SECTION45
from lantern.synthetic import loader

SEED = 20260101

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED)
        yield {"summary": summary, "users": {u.username: u for u in User.objects.all()}}
        transaction.set_rollback(True)


def test_the_charged_child_prompts_priya(seeded):
    charge = Charge.objects.select_related("person").get()
    assert "intent to supply" in charge.offence
    assert charge.section45_prompted_at is not None
    assessment = Assessment.objects.filter(person=charge.person, tool="exploitation-risk").latest("as_at")
    assert assessment.final_level == "very_high"
    assert assessment.result["domains"]["profile"]["county_lines"] == "High"
    assert not NrmReferral.objects.filter(person=charge.person).exists()
    task = Task.objects.get(source_type=TASK_SOURCE_SECTION45, source_id=charge.pk)
    assert task.assigned_to.username == "priya"
    from lantern.synthetic.generator.dates import age_on

    assert age_on(charge.person.date_of_birth, seeded["summary"].as_at) == 16  # in this seed


def test_referrals_with_decisions_and_pages(seeded, client):
    assert NrmReferral.objects.count() == 2
    assert NrmReferral.objects.filter(rg_decision="positive").count() == 2
    assert NrmReferral.objects.filter(cg_decision="positive").count() == 1
    client.force_login(seeded["users"]["priya"])
    charge = Charge.objects.get()
    page = client.get(reverse("nrm:person", args=[charge.person_id])).content.decode()
    assert "NRM referral needed" in page
    note = client.get(reverse("nrm:section45", args=[charge.pk]))
    assert note.status_code == 200 and "No NRM referral has been made" in note.content.decode()
    client.force_login(seeded["users"]["sarah"])
    assert client.get(reverse("nrm:section45", args=[charge.pk])).status_code == 404
