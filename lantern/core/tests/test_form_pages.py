"""The shared GOV.UK form page: what each branch answers, and what it records.

The views' own tests walk real pages; these pin the contract every one of those views now
relies on, with the template render and the audit call captured so each branch is seen alone.
"""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from lantern.core import form_pages
from lantern.core.form_pages import FALLBACK_ERROR, add_service_errors, form_page
from lantern.core.forms import GovukForm


class NameForm(GovukForm):
    name = forms.CharField(max_length=20)


@pytest.fixture
def rendered(monkeypatch):
    """Each render as (template, context); the response is a plain 200."""
    calls = []

    def fake_render(request, template, context):
        calls.append((template, context))
        return HttpResponse("page")

    monkeypatch.setattr(form_pages, "render", fake_render)
    return calls


@pytest.fixture
def audited(monkeypatch):
    calls = []
    monkeypatch.setattr(form_pages, "audit_record", lambda **kwargs: calls.append(kwargs))
    return calls


def _request(method: str, data=None):
    factory = RequestFactory()
    request = factory.get("/page/") if method == "GET" else factory.post("/page/", data or {})
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _page(request, *, save=None, **overrides):
    saved = []

    def default_save(data):
        saved.append(dict(data))
        return 7

    kwargs = {
        "save": save or default_save,
        "success_message": "Saved",
        "success_url": "/done/",
        "template": "thing/form.html",
        "context": {"page_title": "A thing"},
    }
    kwargs.update(overrides)
    form = NameForm(request.POST or None)
    return form_page(request, form, **kwargs), form, saved


def test_get_shows_the_form_with_the_context_and_saves_nothing(rendered, audited):
    response, form, saved = _page(_request("GET"))
    assert response.status_code == 200
    assert saved == []
    (template, context), = rendered
    assert template == "thing/form.html"
    assert context == {"page_title": "A thing", "form": form}
    assert audited == []


def test_get_audits_the_read_when_asked(rendered, audited):
    request = _request("GET")
    subject = object()
    _page(request, audit={"action": "thing.viewed", "subject": subject, "detail": {"page": "edit"}})
    assert audited == [
        {"actor": request.user, "action": "thing.viewed", "subject": subject, "detail": {"page": "edit"}}
    ]


def test_a_post_is_not_audited_as_a_read(rendered, audited):
    _page(_request("POST", {"name": ""}), audit={"action": "thing.viewed"})
    _page(_request("POST", {"name": "Ada"}), audit={"action": "thing.viewed"})
    assert audited == []


def test_invalid_input_is_shown_again_with_status_200_and_nothing_saved(rendered, audited):
    response, form, saved = _page(_request("POST", {"name": ""}))
    assert response.status_code == 200
    assert saved == []
    assert form.errors["name"]
    assert rendered[0][1]["form"] is form


def test_success_saves_the_cleaned_data_says_so_and_redirects(rendered):
    request = _request("POST", {"name": "Ada"})
    response, _form, saved = _page(request)
    assert saved == [{"name": "Ada"}]
    assert response.status_code == 302
    assert response["Location"] == "/done/"
    assert [str(m) for m in get_messages(request)] == ["Saved"]
    assert rendered == []


def test_message_and_url_may_depend_on_what_was_saved(rendered):
    request = _request("POST", {"name": "Ada"})
    response, _form, _saved = _page(
        request,
        success_message=lambda result: f"Saved number {result}",
        success_url=lambda result: f"/things/{result}/",
    )
    assert response["Location"] == "/things/7/"
    assert [str(m) for m in get_messages(request)] == ["Saved number 7"]


def _refuse(exc):
    def save(data):
        raise exc

    return save


def test_a_service_refusal_is_shown_on_the_form_not_a_redirect(rendered):
    request = _request("POST", {"name": "Ada"})
    response, form, _saved = _page(request, save=_refuse(ValidationError(["First", "Second"])))
    assert response.status_code == 200
    assert form.non_field_errors() == ["First", "Second"]
    assert list(get_messages(request)) == []


def test_context_given_as_a_callable_sees_the_refusal(rendered):
    request = _request("POST", {"name": "Ada"})
    form = NameForm(request.POST)
    form_page(
        request,
        form,
        save=_refuse(ValidationError("No")),
        success_message="Saved",
        success_url="/done/",
        template="thing/form.html",
        context=lambda: {"form_has_errors": bool(form.errors)},
    )
    assert rendered[0][1]["form_has_errors"] is True


def test_a_refusal_from_the_service_is_a_404_by_default(rendered):
    with pytest.raises(Http404):
        _page(_request("POST", {"name": "Ada"}), save=_refuse(PermissionDenied()))


def test_a_refusal_can_be_let_through_where_a_page_always_has(rendered):
    with pytest.raises(PermissionDenied):
        _page(_request("POST", {"name": "Ada"}), save=_refuse(PermissionDenied()), forbidden_as_404=False)


def _bound_valid_form():
    form = NameForm({"name": "Ada"})
    assert form.is_valid()
    return form


def test_service_errors_about_a_field_go_next_to_it():
    form = _bound_valid_form()
    add_service_errors(form, ValidationError({"name": "That name is taken", "colour": "Not a field here"}))
    assert form.errors["name"] == ["That name is taken"]
    assert form.non_field_errors() == ["Not a field here"]


def test_service_errors_with_params_are_shown_filled_in():
    form = _bound_valid_form()
    add_service_errors(form, ValidationError("Must be %(n)s or more", params={"n": 10}))
    assert form.non_field_errors() == ["Must be 10 or more"]


def test_a_refusal_without_words_still_shows_an_error():
    form = _bound_valid_form()
    add_service_errors(form, ValidationError([]))
    assert form.non_field_errors() == [FALLBACK_ERROR]
