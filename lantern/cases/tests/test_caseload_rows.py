"""The caseload rows written in Python escape what people typed and keep the forms working."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.cases import services

pytestmark = pytest.mark.django_db


def test_rows_escape_typed_text_and_carry_the_csrf_token(client, personas, open_case):
    services.task_create(
        actor=personas["priya"], person=open_case.person, kind="review",
        title='<script>alert("x")</script> & check', case=open_case,
        due_at=timezone.now() - dt.timedelta(hours=1), assigned_to=personas["priya"],
    )
    client.force_login(personas["priya"])
    html = client.get(reverse("cases:my_caseload")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; check" in html
    token_input = 'name="csrfmiddlewaretoken" value="'
    row = html.split("&lt;script&gt;alert")[1]
    assert token_input in row.split("</tr>")[0]
    assert reverse("cases:case_detail", args=[open_case.pk]) in html
    assert "Overdue" in html


def test_task_done_from_the_row_form_works(client, personas, open_case):
    """The hand-written form posts with its token (a broken token would answer 403)."""
    task = services.task_create(
        actor=personas["priya"], person=open_case.person, kind="review", title="Check in",
        case=open_case, due_at=timezone.now(), assigned_to=personas["priya"],
    )
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(personas["priya"])
    html = csrf_client.get(reverse("cases:my_caseload")).content.decode()
    action = reverse("cases:task_done", args=[task.pk])
    form = html.split(f'action="{action}"')[1].split("</form>")[0]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = csrf_client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
