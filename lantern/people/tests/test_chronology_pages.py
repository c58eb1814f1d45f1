"""The chronology: date range, type, significant only, pages, case context, print and PDF;
counts never reveal entries the viewer may not see."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.audit.models import AuditEvent
from lantern.people import events
from lantern.people.tests.factories import ChronologyEventFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(casebook, personas):
    child = casebook["team_child"]
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    for i in range(30):
        ChronologyEventFactory(
            person=child, source_agency=cs, event_type="contact", significant=(i % 10 == 0),
            event_date=dt.date(2026, 1, 1) + dt.timedelta(days=i), summary=f"Session number {i}.",
        )
    return child


def _url(child, name="people:chronology"):
    return reverse(name, args=[child.pk])


def test_pages_of_25_with_govuk_pagination(client, personas, child):
    client.force_login(personas["priya"])
    first = client.get(_url(child))
    body = first.content.decode()
    assert first.context["page"].paginator.num_pages == 2
    assert "govuk-pagination" in body and "page=2" in body
    second = client.get(_url(child), {"page": "2"})
    assert len(second.context["events"]) == second.context["page"].paginator.count - 25
    for junk in ("999", "x", "-1", "99999999999999999999999"):
        assert client.get(_url(child), {"page": junk}).status_code == 200


def test_date_range_and_significant_only(client, personas, child):
    client.force_login(personas["priya"])
    response = client.get(_url(child), {
        "date_from_0": "5", "date_from_1": "1", "date_from_2": "2026",
        "date_to_0": "14", "date_to_1": "1", "date_to_2": "2026", "type": "contact",
    })
    assert response.context["page"].paginator.count == 10
    assert "10 events matching your filters" in response.content.decode()
    significant = client.get(_url(child), {"significant": "on", "type": "contact"})
    assert significant.context["page"].paginator.count == 3
    audit = AuditEvent.objects.filter(action=events.CHRONOLOGY_VIEWED).last()
    assert audit.detail["significant_only"] is True


def test_backwards_range_and_bad_dates_are_govuk_errors(client, personas, child):
    client.force_login(personas["priya"])
    response = client.get(_url(child), {
        "date_from_0": "14", "date_from_1": "1", "date_from_2": "2026",
        "date_to_0": "5", "date_to_1": "1", "date_to_2": "2026",
    })
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert client.get(_url(child), {"date_from_0": "99", "date_from_1": "x", "date_from_2": "1"}).status_code == 200


def test_withheld_entries_are_not_counted_under_a_filter(client, personas, casebook):
    """A police intelligence entry is "1 more police entry" for a statutory partner, but a
    date or significance filter must not count it: that would reveal its date or weight."""
    child = casebook["team_child"]
    police = Agency.objects.get(name=cast.POLICE)
    ChronologyEventFactory(person=child, source_agency=police, event_type="intelligence",
                           significant=True, event_date=dt.date(2026, 2, 2))
    client.force_login(personas["priya"])
    plain = client.get(_url(child))
    assert plain.context["withheld"]
    for query in ({"significant": "on"},
                  {"date_from_0": "1", "date_from_1": "2", "date_from_2": "2026"}):
        filtered = client.get(_url(child), query)
        assert filtered.context["withheld"] == []
        assert "police entr" not in filtered.content.decode()


def test_a_school_lead_never_counts_police_entries(client, personas, casebook):
    pupil = casebook["pupil"]
    police = Agency.objects.get(name=cast.POLICE)
    ChronologyEventFactory(person=pupil, source_agency=police, event_type="arrest",
                           event_date=dt.date(2026, 2, 2), summary="CANARY arrest words")
    client.force_login(personas["sarah"])
    for name in ("people:chronology", "people:chronology_print"):
        response = client.get(_url(pupil, name))
        body = response.content.decode()
        assert "CANARY" not in body and "Arrest</h3>" not in body and "<td class=\"govuk-table__cell\" data-label=\"Event\">Arrest" not in body
        assert response.context["shown_count"] == 0 and response.context["withheld"] == []


def test_case_context_is_kept(client, personas, casebook):
    from lantern.cases.models import Case

    child = casebook["team_child"]
    case = Case.objects.create(person=child, team=personas["priya"].teams.first(), lead=personas["priya"],
                               opened_on=dt.date(2026, 1, 2))
    client.force_login(personas["priya"])
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert f"{_url(child)}?case={case.pk}" in body
    page = client.get(_url(child), {"case": case.pk, "type": "missing"})
    body = page.content.decode()
    assert page.context["case"] == case
    assert reverse("cases:case_detail", args=[case.pk]) in body and "govuk-back-link" in body
    assert f'name="case" value="{case.pk}"' in body
    # Someone else's case id, or nonsense, changes nothing and says nothing.
    other = client.get(_url(child), {"case": "999999"})
    assert other.status_code == 200 and other.context["case"] is None


def test_pdf_is_tagged_marked_signed_and_audited(client, personas, child):
    from pypdf import PdfReader

    client.force_login(personas["priya"])
    response = client.get(_url(child, "people:chronology_pdf"), {"significant": "on"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("en")
    assert reader.metadata.title.startswith("Chronology for")
    name = personas["priya"].get_full_name()
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        assert "OFFICIAL-SENSITIVE" in text and f"Printed by {name}" in text
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Session number 0." in text and "Session number 1." not in text
    audit = AuditEvent.objects.get(action=events.CHRONOLOGY_PDF)
    assert audit.subject_ids == [child.pk] and audit.detail["significant_only"] is True


def test_print_and_pdf_are_404_outside_scope(client, personas, casebook):
    client.force_login(personas["priya"])
    for name in ("people:chronology_print", "people:chronology_pdf"):
        assert client.get(_url(casebook["police_child"], name)).status_code == 404
