"""Account administration pages (``/manage/``): users, agencies and teams.

Only system administrators reach these (``manage:*`` in lantern/access/matrix.yaml), except the
read-only team members page, which is for team managers. Views are thin: a form parses input,
a selector fetches (404 for missing and forbidden alike), one service writes and audits.

A password Lantern generates is shown once, on the page that answers the POST (never stored in
the session or a URL); every response carries ``Cache-Control: no-store``, so the back button
cannot show it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.accounts import admin_selectors as selectors
from lantern.accounts import admin_services as services
from lantern.accounts import events
from lantern.accounts.admin_forms import (
    AgencyFilterForm,
    AgencyForm,
    DisableForm,
    EnableForm,
    MfaResetForm,
    PasswordResetForm,
    TeamForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from lantern.audit.services import audit_record
from lantern.core.form_pages import add_service_errors, form_page, pick

PAGE_SIZE = 50

#: What the create and change account forms pass on to their services, by name.
USER_FIELDS = ("first_name", "last_name", "email", "job_title", "phone", "role", "agency", "teams")


def _bound(form_class, request: HttpRequest, **kwargs):
    """Bound to the POST (even an empty one, so it shows its errors); unbound for GET."""
    data = request.POST if request.method == "POST" else None
    return form_class(data, **kwargs)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _changed(changes) -> str:
    """The message after an edit: the services say what they changed, if anything."""
    return "Changes saved" if changes else "Nothing was changed"


def _password_shown(request: HttpRequest, subject, password: str, *, created: bool) -> HttpResponse:
    """The one page that shows a generated password: the answer to the POST, never a redirect."""
    return render(
        request,
        "accounts/admin/password_shown.html",
        {
            "subject": subject,
            "password": password,
            "created": created,
            "section": "users",
            "page_title": "Account created" if created else "New password",
        },
    )


def _user_url(user) -> str:
    return reverse("manage:user_detail", kwargs={"user_id": user.pk})


def _page(request: HttpRequest, items):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# --- Users -------------------------------------------------------------------------------------


def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    page, query = _page(request, selectors.users_list(actor=request.user, **filters))
    audit_record(
        actor=request.user,
        action=events.USERS_LISTED,
        subject_type="accounts.user",
        subject_ids=[u.pk for u in page.object_list],
        detail={
            "agency": filters["agency"].pk if filters["agency"] else None,
            "role": filters["role"],
            "active": filters["active"],
            "searched": bool(filters["q"]),
            "page": page.number,
        },
    )
    return render(
        request,
        "accounts/admin/user_list.html",
        {
            "form": form,
            "form_has_errors": bool(form.errors),
            "page": page,
            "query": query,
            "section": "users",
            "page_title": "Manage accounts",
        },
    )


def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(actor=request.user, user_id=user_id)
    audit_record(actor=request.user, action=events.USER_VIEWED, subject=subject)
    return render(
        request,
        "accounts/admin/user_detail.html",
        {
            "subject": subject,
            "authenticators": selectors.user_authenticators(subject),
            "uses_sso": selectors.user_uses_sso(subject),
            "locked_out": selectors.user_locked_out(subject),
            "history": selectors.user_history(actor=request.user, user=subject),
            "is_self": subject.pk == request.user.pk,
            "section": "users",
            "page_title": _name(subject),
        },
    )


def user_create(request: HttpRequest) -> HttpResponse:
    selectors.users_list(actor=request.user)  # 404 for anyone but an administrator
    form = _bound(UserCreateForm, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, shown = services.user_create(
                actor=request.user,
                **pick(data, USER_FIELDS + ("username",)),
                password=data.get("password1") or "",
                sso_only=bool(data.get("sso_only")),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if shown:
                return _password_shown(request, user, shown, created=True)
            messages.success(request, f"Account created for {_name(user)}")
            return redirect("manage:user_detail", user_id=user.pk)
    return render(
        request,
        "accounts/admin/user_form.html",
        {"form": form, "section": "users", "page_title": "Create an account"},
    )


def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(actor=request.user, user_id=user_id)
    return form_page(
        request,
        _bound(UserEditForm, request, user=subject, actor=request.user),
        save=lambda data: services.user_update(
            actor=request.user, user=subject, **pick(data, USER_FIELDS + ("reason",))
        ),
        success_message=_changed,
        success_url=_user_url(subject),
        template="accounts/admin/user_form.html",
        context={"subject": subject, "section": "users", "page_title": f"Change {_name(subject)}"},
    )


def _reason_action(
    request: HttpRequest,
    user_id: int,
    *,
    form_class,
    template: str,
    title: str,
    service,
    done: str,
    extra_for=None,
) -> HttpResponse:
    """The shared shape of disable, enable and MFA reset: a reason form, then one service that
    takes the account and the reason."""
    subject = selectors.user_get(actor=request.user, user_id=user_id)
    return form_page(
        request,
        _bound(form_class, request),
        save=lambda data: service(actor=request.user, user=subject, reason=data["reason"]),
        success_message=done.format(name=_name(subject)),
        success_url=_user_url(subject),
        template=template,
        context={
            "subject": subject,
            "is_self": subject.pk == request.user.pk,
            "section": "users",
            "page_title": title,
            **(extra_for(subject) if extra_for else {}),
        },
    )


def user_disable(request: HttpRequest, user_id: int) -> HttpResponse:
    return _reason_action(
        request,
        user_id,
        form_class=DisableForm,
        template="accounts/admin/user_disable.html",
        title="Disable account",
        service=services.user_disable,
        done="{name}'s account is disabled and they have been signed out",
    )


def user_enable(request: HttpRequest, user_id: int) -> HttpResponse:
    return _reason_action(
        request,
        user_id,
        form_class=EnableForm,
        template="accounts/admin/user_enable.html",
        title="Enable account",
        service=services.user_enable,
        done="{name}'s account is enabled: they can sign in again",
    )


def user_mfa_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    return _reason_action(
        request,
        user_id,
        form_class=MfaResetForm,
        template="accounts/admin/user_mfa_reset.html",
        title="Reset two-factor authentication",
        service=services.user_mfa_reset,
        done=(
            "{name}'s two-factor authentication has been reset and they have been signed out. "
            "They set up an authenticator app again when they next sign in"
        ),
        extra_for=lambda subject: {"authenticators": selectors.user_authenticators(subject)},
    )


def user_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(actor=request.user, user_id=user_id)
    form = _bound(PasswordResetForm, request, user=subject)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            shown = services.user_password_reset(
                actor=request.user,
                user=subject,
                reason=data["reason"],
                password=data.get("password1") or "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if shown:
                return _password_shown(request, subject, shown, created=False)
            messages.success(request, f"{_name(subject)}'s password has been changed and they have been signed out")
            return redirect("manage:user_detail", user_id=subject.pk)
    return render(
        request,
        "accounts/admin/user_password_reset.html",
        {
            "form": form,
            "subject": subject,
            "is_self": subject.pk == request.user.pk,
            "section": "users",
            "page_title": "Reset password",
        },
    )


# --- Agencies and teams ------------------------------------------------------------------------


def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    page, query = _page(request, selectors.agencies_list(actor=request.user, kind=kind))
    return render(
        request,
        "accounts/admin/agency_list.html",
        {
            "form": form,
            "form_has_errors": bool(form.errors),
            "page": page,
            "query": query,
            "section": "agencies",
            "page_title": "Agencies",
        },
    )


def agency_create(request: HttpRequest) -> HttpResponse:
    selectors.agencies_list(actor=request.user)  # 404 for anyone but an administrator
    return form_page(
        request,
        _bound(AgencyForm, request),
        save=lambda data: services.agency_create(actor=request.user, **data),
        success_message=lambda agency: f"Agency {agency.name} added",
        success_url=reverse("manage:agency_list"),
        template="accounts/admin/agency_form.html",
        context={"section": "agencies", "page_title": "Add an agency"},
    )


def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = selectors.agency_get(actor=request.user, agency_id=agency_id)
    return form_page(
        request,
        _bound(AgencyForm, request, agency=agency),
        save=lambda data: services.agency_update(actor=request.user, agency=agency, **data),
        success_message=_changed,
        success_url=reverse("manage:agency_list"),
        template="accounts/admin/agency_form.html",
        context={
            "agency": agency,
            "teams": selectors.teams_list(actor=request.user, agency=agency),
            "section": "agencies",
            "page_title": f"Change {agency.name}",
        },
    )


def team_list(request: HttpRequest) -> HttpResponse:
    page, query = _page(request, selectors.teams_list(actor=request.user))
    return render(
        request,
        "accounts/admin/team_list.html",
        {"page": page, "query": query, "section": "teams", "page_title": "Teams"},
    )


def team_create(request: HttpRequest) -> HttpResponse:
    selectors.teams_list(actor=request.user)  # 404 for anyone but an administrator
    return form_page(
        request,
        _bound(TeamForm, request),
        save=lambda data: services.team_create(actor=request.user, **data),
        success_message=lambda team: f"Team {team.name} added to {team.agency.name}",
        success_url=reverse("manage:team_list"),
        template="accounts/admin/team_form.html",
        context={"section": "teams", "page_title": "Add a team"},
    )


def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    team = selectors.team_get(actor=request.user, team_id=team_id)
    return form_page(
        request,
        _bound(TeamForm, request, team=team),
        save=lambda data: services.team_update(actor=request.user, team=team, **data),
        success_message=_changed,
        success_url=reverse("manage:team_list"),
        template="accounts/admin/team_form.html",
        context={"team": team, "section": "teams", "page_title": f"Change {team.name}"},
    )


# --- Team managers: read-only ------------------------------------------------------------------


def team_members(request: HttpRequest) -> HttpResponse:
    teams = selectors.team_members(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.TEAM_MEMBERS_VIEWED,
        subject_type="accounts.team",
        subject_ids=[team.pk for team, _ in teams],
    )
    return render(
        request,
        "accounts/admin/team_members.html",
        {"teams": teams, "page_title": "Your teams"},
    )
