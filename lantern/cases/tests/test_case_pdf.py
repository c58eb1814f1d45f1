"""The case summary's Print button and PDF: tagged, marked, signed on every page, audited."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.cases import events

pytestmark = pytest.mark.django_db


def test_summary_offers_print_and_pdf(client, personas, open_case):
    client.force_login(personas["priya"])
    body = client.get(reverse("cases:case_detail", args=[open_case.pk])).content.decode()
    assert reverse("cases:case_print", args=[open_case.pk]) in body
    assert reverse("cases:case_pdf", args=[open_case.pk]) in body


def test_case_pdf(client, personas, open_case):
    from pypdf import PdfReader

    client.force_login(personas["tom"])
    response = client.get(reverse("cases:case_pdf", args=[open_case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and "/Lang" in root
    assert reader.metadata.title == f"Case summary: {open_case.person.full_name}"
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        assert "OFFICIAL-SENSITIVE" in text and f"Printed by {personas['tom'].get_full_name()}" in text
    audit = AuditEvent.objects.get(action=events.CASE_PDF)
    assert audit.subject_ids == [open_case.person_id] and audit.detail["case_id"] == open_case.pk


def test_case_pdf_is_404_outside_scope(client, personas, open_case):
    for who in ("sarah", "amir", "sam"):
        client.force_login(personas[who])
        assert client.get(reverse("cases:case_pdf", args=[open_case.pk])).status_code == 404
