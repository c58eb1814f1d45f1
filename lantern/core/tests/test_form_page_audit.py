"""Opening a form page about a child is a read of the child's record: it leaves an audit event,
whether the view names its own (``audit=``) or relies on ``form_page``'s default. A POST's
write is audited by its service, so only GET is recorded here."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _reads_of(user, person) -> list[str]:
    return [
        e.action for e in AuditEvent.objects.filter(actor_id=user.pk).order_by("id")
        if person.pk in (e.subject_ids or [])
    ]


def _open(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_changing_a_childs_details_is_a_read_of_them(client, personas, casebook):
    child, priya = casebook["team_child"], personas["priya"]
    body = _open(client, priya, reverse("people:person_edit", args=[child.pk]))
    assert child.last_name in body
    assert "people.fact_form_viewed" in _reads_of(priya, child)


def test_a_plan_section_shows_the_worries_and_is_audited(client, personas, casebook):
    from lantern.accounts.models import Team
    from lantern.cases.models import PlanSectionNote
    from lantern.cases.services import case_open

    child, priya = casebook["team_child"], personas["priya"]
    north = Team.objects.get(name="Lantern Exploitation Team North")
    case = case_open(actor=personas["tom"], person=child, team=north, lead=priya)
    section = PlanSectionNote._meta.get_field("section").choices[0][0]
    PlanSectionNote.objects.create(case=case, section=section, worries="An older man", aims="Safe")
    body = _open(client, priya, reverse("cases:plan_section", args=[case.pk, section]))
    assert "An older man" in body
    assert "cases.case_form_viewed" in _reads_of(priya, child)


def test_a_form_page_without_its_own_audit_records_the_default_read(client, personas, casebook):
    child, priya = casebook["team_child"], personas["priya"]
    _open(client, priya, reverse("missing:episode_add", args=[child.pk]))
    event = AuditEvent.objects.filter(actor_id=priya.pk, action="core.form_viewed").get()
    assert event.subject_ids == [child.pk]
    assert event.detail["form"].endswith(".html")


def test_a_refused_form_page_records_no_read(client, personas, casebook):
    """A page the user may not open answers 404 and names nobody, so there is no read to record
    (the refusal is audited as such elsewhere)."""
    child, sarah = casebook["restricted"], personas["sarah"]
    client.force_login(sarah)
    assert client.get(reverse("people:person_edit", args=[child.pk])).status_code == 404
    assert "people.fact_form_viewed" not in _reads_of(sarah, child)
    assert "core.form_viewed" not in _reads_of(sarah, child)
