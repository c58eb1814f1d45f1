"""Recording schools, addresses and relationships: history kept, audited, scoped, bad input
answered with GOV.UK errors and nothing lost; enrolments feed school notices and flags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.audit.models import AuditEvent
from lantern.people import events
from lantern.people.models import Address, Relationship, SchoolEnrolment
from lantern.people.tests.factories import AdultOfConcernFactory, ChildFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@pytest.fixture
def priya(client, personas):
    client.force_login(personas["priya"])
    return personas["priya"]


@pytest.fixture
def schools(personas):
    first = Agency.objects.get(name=cast.SCHOOL)
    second = Agency.objects.create(name="Harrowden High School", kind="school")
    return first, second


def test_a_school_move_ends_the_old_enrolment_and_works_out_the_year_group(
    client, priya, casebook, schools
):
    child = casebook["team_child"]  # born 9 April 2011: Year 9 in 2024/25
    first, second = schools
    url = reverse("people:enrolment_add", args=[child.pk])
    page = client.get(url)
    assert page.status_code == 200 and "year_group" not in page.context["form"].fields
    assert AuditEvent.objects.filter(action=events.FACT_FORM_VIEWED, subject_ids=[child.pk]).exists()
    client.post(url, {"school": first.pk, **_date("start_date", dt.date(2022, 9, 5))})
    response = client.post(url, {"school": second.pk, **_date("start_date", dt.date(2025, 1, 6))})
    assert response.status_code == 302
    old, new = SchoolEnrolment.objects.filter(person=child).order_by("start_date")
    assert old.end_date == dt.date(2025, 1, 5) and new.end_date is None
    assert old.year_group == 7 and new.year_group == 9
    assert AuditEvent.objects.filter(action=events.ENROLMENT_STARTED, subject_ids=[child.pk]).count() == 2
    body = client.get(reverse("people:person_detail", args=[child.pk])).content.decode()
    # Entries are separate items, never run together ("2022Harrowden").
    assert "Harrowden High School</span>" in body and "left in Year 9" in body
    assert "year 0" not in body.lower()


def test_enrolment_feeds_notices_to_the_new_school(client, priya, casebook, schools, personas):
    from lantern.schools.services import notices_create

    child = casebook["team_child"]
    first, second = schools
    url = reverse("people:enrolment_add", args=[child.pk])
    client.post(url, {"school": first.pk, **_date("start_date", dt.date(2022, 9, 5))})
    client.post(url, {"school": second.pk, **_date("start_date", dt.date(2025, 1, 6))})
    made = notices_create(
        actor=personas["olivia"], person=child, kind="police_incident",
        source_type="people.ChronologyEvent", source_id=999,
    )
    assert [n.school_id for n in made] == [second.pk]


def test_bad_school_input_is_a_govuk_error_and_keeps_the_record(client, priya, casebook, schools):
    child = casebook["team_child"]
    first, _ = schools
    url = reverse("people:enrolment_add", args=[child.pk])
    client.post(url, {"school": first.pk, **_date("start_date", dt.date(2024, 9, 2))})
    for data in (
        {"school": "99999999999999999999999", **_date("start_date", dt.date(2024, 9, 2))},
        {"school": first.pk, "start_date_0": "31", "start_date_1": "2", "start_date_2": "2025"},
        {"school": first.pk, **_date("start_date", dt.date(2030, 1, 1))},
        {"school": first.pk, **_date("start_date", dt.date(2024, 10, 1))},  # already there
        {"school": first.pk, **_date("start_date", dt.date(2014, 9, 1))},  # age 3
    ):
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert "govuk-error-summary" in response.content.decode(), data
    assert SchoolEnrolment.objects.filter(person=child).count() == 1


def test_year_group_is_asked_only_when_the_date_of_birth_is_not_known(client, priya, personas, schools):
    child = ChildFactory(date_of_birth=None)
    InvolvementFactory(person=child, agency=priya.agency, user=priya)
    url = reverse("people:enrolment_add", args=[child.pk])
    missing = client.post(url, {"school": schools[0].pk, **_date("start_date", dt.date(2025, 9, 3))})
    assert "Enter the year group they joined" in missing.content.decode()
    client.post(url, {"school": schools[0].pk, "year_group": "0", **_date("start_date", dt.date(2025, 9, 3))})
    assert SchoolEnrolment.objects.get(person=child).year_group == 0
    # Reception in 2025/26 (as recorded), a year up each September since.
    from lantern.schools.year_groups import academic_year, year_group_label

    now = year_group_label(academic_year(dt.date.today()) - 2025)
    assert f"{now} now" in client.get(reverse("people:person_detail", args=[child.pk])).content.decode()


def test_leaving_a_school_is_recorded_not_deleted(client, priya, casebook, schools):
    child = casebook["team_child"]
    enrolment = SchoolEnrolment.objects.create(
        person=child, school=schools[0], year_group=7, start_date=dt.date(2022, 9, 5)
    )
    url = reverse("people:enrolment_end", args=[child.pk, enrolment.pk])
    bad = client.post(url, _date("end_date", dt.date(2021, 1, 1)))
    assert bad.status_code == 200 and "after the start date" in bad.content.decode()
    assert client.post(url, _date("end_date", dt.date(2025, 7, 18))).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.end_date == dt.date(2025, 7, 18)
    assert AuditEvent.objects.filter(action=events.ENROLMENT_ENDED).exists()
    assert client.get(url).status_code == 404  # already ended


def test_a_move_of_address_ends_the_old_one(client, priya, casebook):
    child = casebook["team_child"]
    url = reverse("people:address_add", args=[child.pk])
    first = {"line1": "4 Mill Lane", "town": "Ashdown", "postcode": "as1 2bc", "kind": "home",
             **_date("start_date", dt.date(2020, 3, 1))}
    assert client.post(url, first).status_code == 302
    assert "moved" in client.get(url).context["form"].fields
    second = {"line1": "Elm House", "town": "Kingsbury", "kind": "placement", "moved": "on",
              **_date("start_date", dt.date(2026, 2, 10))}
    assert client.post(url, second).status_code == 302
    old, new = Address.objects.filter(person=child).order_by("start_date")
    assert old.end_date == dt.date(2026, 2, 9) and new.end_date is None and old.postcode == "AS1 2BC"
    assert AuditEvent.objects.filter(action=events.ADDRESS_ADDED).count() == 2
    end = client.post(reverse("people:address_end", args=[child.pk, new.pk]), _date("end_date", dt.date(2026, 3, 1)))
    assert end.status_code == 302 and Address.objects.filter(person=child).count() == 2


def test_address_bad_input_keeps_what_was_typed(client, priya, casebook):
    child = casebook["team_child"]
    response = client.post(reverse("people:address_add", args=[child.pk]),
                           {"line1": "", "town": "Ashdown", "kind": "home", "postcode": "AS1 2BC"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter the first line of the address" in body and 'value="AS1 2BC"' in body
    assert not Address.objects.filter(person=child).exists()


def test_relationship_search_shows_only_people_the_user_may_open(client, priya, casebook):
    child = casebook["team_child"]
    url = reverse("people:relationship_add", args=[child.pk])
    hidden = casebook["police_child"]  # Reece Tamberlane: police only
    page = client.get(url, {"q": "Reece Tamberlane"})
    assert page.status_code == 200
    assert page.context["candidates"] == [] and 'name="other"' not in page.content.decode()
    # A hand-made POST naming the hidden record is refused like one that does not exist.
    response = client.post(url, {"q": "Reece Tamberlane", "other": hidden.pk, "kind": "peer"})
    assert response.status_code == 200 and "Select the person from the search results" in response.content.decode()
    assert not Relationship.objects.exists()


def test_relationship_recorded_linked_and_ended(client, priya, casebook):
    child = casebook["team_child"]
    adult = AdultOfConcernFactory(first_name="Dominic", last_name="Sallow")
    InvolvementFactory(person=adult, agency=priya.agency, user=priya)
    url = reverse("people:relationship_add", args=[child.pk])
    page = client.get(url, {"q": "Dominic Sallow"})
    assert [p.pk for p in page.context["candidates"]] == [adult.pk]
    response = client.post(url, {"q": "Dominic Sallow", "other": adult.pk, "kind": "concern",
                                 "description": "Seen giving lifts"})
    assert response.status_code == 302
    rel = Relationship.objects.get()
    event = AuditEvent.objects.get(action=events.RELATIONSHIP_ADDED)
    assert sorted(event.subject_ids) == sorted([child.pk, adult.pk])
    body = client.get(reverse("people:person_detail", args=[child.pk])).content.decode()
    assert "Adults of concern and associates" in body
    assert reverse("people:person_detail", args=[adult.pk]) in body
    # Seen from the adult's record too, and ended there (kept, with its date).
    end_url = reverse("people:relationship_end", args=[adult.pk, rel.pk])
    assert client.post(end_url, _date("end_date", dt.date(2026, 6, 1))).status_code == 302
    rel.refresh_from_db()
    assert rel.end_date == dt.date(2026, 6, 1)
    assert AuditEvent.objects.filter(action=events.RELATIONSHIP_ENDED).exists()


def test_a_relationship_to_a_hidden_person_is_counted_and_cannot_be_ended(client, priya, casebook):
    child = casebook["team_child"]
    rel = Relationship.objects.create(person=child, other=casebook["police_child"], kind="peer")
    body = client.get(reverse("people:person_detail", args=[child.pk])).content.decode()
    assert "Tamberlane" not in body and "1 person you do not have access to" in body
    assert client.get(reverse("people:relationship_end", args=[child.pk, rel.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["enrolment_add", "address_add", "relationship_add"]
)
def test_fact_pages_are_404_outside_scope_and_for_readers(client, personas, casebook, name):
    client.force_login(personas["priya"])
    assert client.get(reverse(f"people:{name}", args=[casebook["police_child"].pk])).status_code == 404
    client.force_login(personas["sarah"])
    assert client.get(reverse(f"people:{name}", args=[casebook["pupil"].pk])).status_code == 404


def test_an_end_date_is_given_once_and_a_second_is_refused(personas, casebook, schools):
    from django.core.exceptions import ValidationError

    from lantern.people import facts

    priya, child = personas["priya"], casebook["team_child"]
    enrolment = SchoolEnrolment.objects.create(
        person=child, school=schools[0], year_group=7, start_date=dt.date(2022, 9, 5))
    address = Address.objects.create(person=child, line1="4 Mill Lane", town="Ashdown",
                                     start_date=dt.date(2020, 3, 1))
    first = dt.date(2025, 7, 18)
    facts.enrolment_end(actor=priya, enrolment=enrolment, end_date=first)
    facts.address_end(actor=priya, address=address, end_date=first)
    for call, what in ((lambda: facts.enrolment_end(actor=priya, enrolment=enrolment,
                                                    end_date=dt.date(2025, 8, 1)), "school"),
                       (lambda: facts.address_end(actor=priya, address=address,
                                                  end_date=dt.date(2025, 8, 1)), "address")):
        with pytest.raises(ValidationError, match=f"This {what} already has an end date"):
            call()
    enrolment.refresh_from_db()
    address.refresh_from_db()
    assert enrolment.end_date == address.end_date == first
    assert AuditEvent.objects.filter(action=events.ADDRESS_ENDED).count() == 1
