"""Account administration: the users list, creating an account, changing role, agency and teams."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.accounts import events
from lantern.accounts.choices import Role
from lantern.accounts.models import Agency, Team, User
from lantern.audit.models import AuditEvent
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

CREATE = reverse("manage:user_create")
STRONG = "bright-harbour-lantern-71"


@pytest.fixture
def admin(client, personas):
    client.force_login(personas["sam"])
    return client


@pytest.fixture
def north():
    return Team.objects.get(name="Lantern Exploitation Team North")


def _new_user(**overrides) -> dict:
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    data = {
        "username": "jreyes",
        "first_name": "Jo",
        "last_name": "Reyes",
        "email": "jo.reyes@example.org",
        "job_title": "Exploitation social worker",
        "phone": "01632 960 001",
        "role": Role.PRACTITIONER,
        "agency": str(cs.pk),
        "teams": [str(north.pk)],
        "password1": "",
        "password2": "",
    }
    data.update(overrides)
    return data


def _errors(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "<title>Error:" in body
    return body


# --- List and detail ---------------------------------------------------------------------------


def test_list_shows_every_account_and_is_audited(admin, personas):
    response = admin.get(reverse("manage:user_list"))
    body = response.content.decode()
    assert response.status_code == 200
    for username in ("priya", "tom", "sarah", "sam"):
        assert username in body
    event = AuditEvent.objects.get(action=events.USERS_LISTED)
    assert personas["priya"].pk in event.subject_ids


def test_list_filters_by_agency_role_and_status(admin, personas):
    police = Agency.objects.get(name=cast.POLICE)
    body = admin.get(reverse("manage:user_list"), {"agency": police.pk}).content.decode()
    assert "dan" in body and "olivia" in body and "priya" not in body

    body = admin.get(reverse("manage:user_list"), {"role": Role.SCHOOL_DSL}).content.decode()
    assert "sarah" in body and "dan" not in body

    User.objects.filter(username="olivia").update(is_active=False)
    body = admin.get(reverse("manage:user_list"), {"status": "disabled"}).content.decode()
    assert "olivia" in body and "dan" not in body
    body = admin.get(reverse("manage:user_list"), {"status": "active", "q": "Whitlock"}).content.decode()
    assert "dan" in body and "olivia" not in body


@pytest.mark.parametrize(
    "params, message",
    [
        ({"agency": "abc"}, "Select an agency from the list"),
        ({"agency": "999999"}, "Select an agency from the list"),
        ({"role": "superuser"}, "Select a role from the list"),
        ({"status": "x"}, "Select a status from the list"),
        ({"q": "x" * 101}, "Search must be 100 characters or fewer"),
        ({"page": "-1"}, None),
        ({"page": "abc"}, None),
    ],
)
def test_bad_filters_are_govuk_errors_not_500(admin, personas, params, message):
    response = admin.get(reverse("manage:user_list"), params)
    assert response.status_code == 200
    if message:
        assert message in _errors(response)


def test_detail_shows_account_and_is_audited(admin, personas):
    priya = personas["priya"]
    response = admin.get(reverse("manage:user_detail", args=[priya.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Priya Okafor" in body and "Lantern Exploitation Team North" in body
    assert "No authenticator app" in body
    assert AuditEvent.objects.filter(action=events.USER_VIEWED, subject_ids=[priya.pk]).exists()


def test_detail_of_unknown_user_is_404(admin, personas):
    assert admin.get(reverse("manage:user_detail", args=[999999])).status_code == 404


def test_pages_never_show_childrens_records(admin, personas, casebook):
    """Account pages are about staff: no child's name appears, even for a child's lead."""
    for url in (
        reverse("manage:user_list"),
        reverse("manage:user_detail", args=[personas["priya"].pk]),
        reverse("manage:team_list"),
        reverse("manage:agency_list"),
    ):
        body = admin.get(url).content.decode()
        for child in casebook.values():
            assert child.last_name not in body, url


# --- Create ------------------------------------------------------------------------------------


def test_create_with_a_chosen_password(admin, personas, north):
    response = admin.post(CREATE, _new_user(password1=STRONG, password2=STRONG))
    user = User.objects.get(username="jreyes")
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:user_detail", args=[user.pk])
    assert user.is_active and user.role == Role.PRACTITIONER
    assert list(user.teams.all()) == [north]
    assert user.check_password(STRONG)
    event = AuditEvent.objects.get(action=events.USER_CREATED)
    assert event.subject_ids == [user.pk]
    assert event.actor_username == "sam"
    assert event.detail["password"] == "set"
    assert STRONG not in str(event.detail) and STRONG not in event.reason


def test_create_without_a_password_generates_one_shown_once(admin, personas):
    response = admin.post(CREATE, _new_user())
    body = response.content.decode()
    assert response.status_code == 200
    assert "This is the only time the password is shown" in body
    user = User.objects.get(username="jreyes")
    shown = body.split("<code", 1)[1].split(">", 1)[1].split("</code>", 1)[0]
    assert len(shown) >= 12
    assert user.check_password(shown)
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=events.USER_CREATED)
    assert event.detail["password"] == "generated"
    assert shown not in str(event.detail)
    # Not shown again anywhere.
    assert shown not in admin.get(reverse("manage:user_detail", args=[user.pk])).content.decode()


def test_new_account_can_sign_in(client, personas):
    from lantern.accounts.tests.conftest import sign_in

    client.force_login(personas["sam"])
    client.post(CREATE, _new_user(password1=STRONG, password2=STRONG))
    client.logout()
    assert sign_in(client, "jreyes", STRONG).status_code == 302


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"username": "priya"}, "A user with this username already exists"),
        ({"username": "PRIYA"}, "A user with this username already exists"),
        ({"username": ""}, "Enter a username"),
        ({"username": "jo reyes!"}, "Username must only include letters, numbers and @ . + - _"),
        ({"username": "j" * 151}, "Username must be 150 characters or fewer"),
        ({"username": "jo\x00"}, "Username must only include letters, numbers and @ . + - _"),
        ({"first_name": ""}, "Enter first name"),
        ({"first_name": "J" * 151}, "First name must be 150 characters or fewer"),
        ({"last_name": "R" * 151}, "Last name must be 150 characters or fewer"),
        ({"job_title": "x" * 201}, "Job title must be 200 characters or fewer"),
        ({"phone": "1" * 41}, "Phone number must be 40 characters or fewer"),
        ({"phone": "call me"}, "Enter a phone number, like"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"email": "PRIYA@example.org"}, "Another user already has this email address"),
        ({"email": "a" * 250 + "@example.org"}, "Email address must be 254 characters or fewer"),
        ({"role": ""}, "Select a role"),
        ({"role": "superuser"}, "Select a role from the list"),
        ({"agency": ""}, "Select the user&#x27;s agency"),
        ({"agency": "999999"}, "Select an agency from the list"),
        ({"agency": "abc"}, "Select an agency from the list"),
        ({"teams": ["999999"]}, "Select teams from the list"),
        ({"teams": ["abc"]}, "Select teams from the list"),
        ({"teams": []}, "Select at least one team"),
        ({"password1": "short", "password2": "short"}, "at least 12 characters"),
        ({"password1": "password1234", "password2": "password1234"}, "too common"),
        ({"password1": "123456789012345", "password2": "123456789012345"}, "entirely numeric"),
        ({"password1": STRONG, "password2": STRONG + "x"}, "The passwords do not match"),
        ({"password1": "x" * 1025, "password2": "x" * 1025}, "Password must be 1,024 characters or fewer"),
    ],
)
def test_bad_input_is_a_govuk_error_and_creates_nothing(admin, personas, overrides, message):
    before = User.objects.count()
    response = admin.post(CREATE, _new_user(**overrides))
    assert message in _errors(response)
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action=events.USER_CREATED).exists()


def test_empty_post_is_a_govuk_error(admin, personas):
    body = _errors(admin.post(CREATE, {}))
    assert "Enter a username" in body and "Select a role" in body


def test_team_must_be_in_the_users_agency(admin, personas):
    police = Agency.objects.get(name=cast.POLICE)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    body = _errors(
        admin.post(CREATE, _new_user(role=Role.POLICE_OFFICER, agency=str(police.pk), teams=[str(north.pk)]))
    )
    assert "belongs to another agency" in body
    assert not User.objects.filter(username="jreyes").exists()


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.SCHOOL_DSL])
def test_police_and_school_roles_need_that_kind_of_agency(admin, personas, role):
    body = _errors(admin.post(CREATE, _new_user(role=role, teams=[])))
    assert "must belong to an agency of kind" in body


def test_create_a_school_safeguarding_lead(admin, personas):
    school = Agency.objects.get(name=cast.SCHOOL)
    response = admin.post(
        CREATE, _new_user(role=Role.SCHOOL_DSL, agency=str(school.pk), teams=[], email="")
    )
    assert response.status_code == 200  # the generated password page
    assert User.objects.get(username="jreyes").agency == school


# --- Change role, agency, teams ----------------------------------------------------------------


def _edit_data(user: User, **overrides) -> dict:
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "phone": user.phone,
        "role": user.role,
        "agency": str(user.agency_id),
        "teams": [str(t.pk) for t in user.teams.all()],
        "reason": "",
    }
    data.update(overrides)
    return data


def test_change_role_and_teams_is_audited_with_before_and_after(admin, personas):
    priya = personas["priya"]
    west = Team.objects.get(name="Lantern Exploitation Team West")
    url = reverse("manage:user_edit", args=[priya.pk])
    assert admin.get(url).status_code == 200
    response = admin.post(
        url,
        _edit_data(priya, role=Role.TEAM_MANAGER, teams=[str(west.pk)], reason="Promoted, ticket 4411"),
    )
    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.role == Role.TEAM_MANAGER
    assert list(priya.teams.all()) == [west]
    event = AuditEvent.objects.get(action=events.USER_ACCESS_CHANGED)
    assert event.detail["role"] == [Role.PRACTITIONER, Role.TEAM_MANAGER]
    assert event.detail["teams"] == {
        "added": ["Lantern Exploitation Team West"],
        "removed": ["Lantern Exploitation Team North"],
    }
    assert event.reason == "Promoted, ticket 4411"
    assert not AuditEvent.objects.filter(action=events.USER_DETAILS_CHANGED).exists()


def test_change_contact_details_records_field_names_not_values(admin, personas):
    priya = personas["priya"]
    admin.post(reverse("manage:user_edit", args=[priya.pk]), _edit_data(priya, phone="01632 960 555"))
    event = AuditEvent.objects.get(action=events.USER_DETAILS_CHANGED)
    assert event.detail == {"fields": ["phone"]}
    assert not AuditEvent.objects.filter(action=events.USER_ACCESS_CHANGED).exists()


def test_saving_without_changes_writes_no_change_event(admin, personas):
    priya = personas["priya"]
    response = admin.post(reverse("manage:user_edit", args=[priya.pk]), _edit_data(priya))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(
        action__in=[events.USER_ACCESS_CHANGED, events.USER_DETAILS_CHANGED]
    ).exists()


def test_move_to_another_agency_needs_teams_there(admin, personas):
    tom = personas["tom"]
    police = Agency.objects.get(name=cast.POLICE)
    body = _errors(admin.post(reverse("manage:user_edit", args=[tom.pk]), _edit_data(tom, agency=str(police.pk))))
    assert "belongs to another agency" in body
    tom.refresh_from_db()
    assert tom.agency.name == cast.CHILDRENS_SERVICES


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"teams": ["999999"]}, "Select teams from the list"),
        ({"first_name": "x" * 151}, "First name must be 150 characters or fewer"),
        ({"email": "dan@example.org"}, "Another user already has this email address"),
        ({"reason": "x" * 2001}, "Reason must be 2,000 characters or fewer"),
        ({"role": "root"}, "Select a role from the list"),
    ],
)
def test_bad_edit_is_a_govuk_error(admin, personas, overrides, message):
    priya = personas["priya"]
    body = _errors(admin.post(reverse("manage:user_edit", args=[priya.pk]), _edit_data(priya, **overrides)))
    assert message in body
    priya.refresh_from_db()
    assert priya.role == Role.PRACTITIONER


def test_admin_cannot_change_their_own_role(admin, personas):
    sam = personas["sam"]
    response = admin.post(reverse("manage:user_edit", args=[sam.pk]), _edit_data(sam, role=Role.DPO))
    # The role field is disabled for oneself: the posted value is ignored.
    assert response.status_code == 302
    sam.refresh_from_db()
    assert sam.role == Role.SYSADMIN


def test_service_refuses_own_role_change_for_any_caller(personas):
    from django.core.exceptions import ValidationError

    from lantern.accounts.admin_services import user_update

    sam = personas["sam"]
    with pytest.raises(ValidationError) as exc:
        user_update(
            actor=sam,
            user=sam,
            first_name="Sam",
            last_name="Rutherford",
            role=Role.DPO,
            agency=sam.agency,
            teams=[],
        )
    assert "own role" in str(exc.value)


def test_single_sign_on_only_account_has_no_password(admin, personas, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "single sign-on only" in admin.get(CREATE).content.decode()
    body = _errors(admin.post(CREATE, _new_user(sso_only="on", password1=STRONG, password2=STRONG)))
    assert "Leave the password blank for a single sign-on account" in body
    response = admin.post(CREATE, _new_user(sso_only="on"))
    assert response.status_code == 302
    user = User.objects.get(username="jreyes")
    assert not user.has_usable_password()
    assert AuditEvent.objects.get(action=events.USER_CREATED).detail["password"] == "none (single sign-on)"


def test_single_sign_on_choice_is_hidden_without_a_provider(admin, personas, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "single sign-on only" not in admin.get(CREATE).content.decode()
