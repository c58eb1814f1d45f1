"""The GOV.UK form page, written once.

Why this exists: most pages that change a record had the same dozen lines (check the POST,
validate, call the service, put the service's refusal on the form, say it worked and redirect, or
render the form again), copied from view to view with small drifts in how errors were shown. The
rules are CONTRIBUTING 1 and 5: GET shows the form; a valid POST calls one service; a
``ValidationError`` from that service appears in the GOV.UK error summary and the page is shown
again with status 200 so nothing typed is lost; success redirects with a message.

What this is not: a class-based view framework. The view still fetches the record through a
selector, checks who may act, builds the form and its context; ``form_page`` takes over only the
round trip that was the same everywhere. A page whose shape differs (a password shown once, a
section saved in part) stays written out, using ``add_service_errors`` for its errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lantern.audit.services import audit_record

T = TypeVar("T")

#: Shown when a service refuses without saying why, so an error page never shows no error.
FALLBACK_ERROR = "Something was wrong with what you entered"


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, else at the top.

    Why here and not in each view: the form's own validation already speaks GOV.UK (error
    summary plus inline message); a refusal from the service must look the same to the user,
    whichever page raised it. A field the form does not have (``__all__``, or a model field the
    page does not show) goes to the top of the form rather than being lost.
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages[0] if error.messages else str(error))
        return
    for message in exc.messages or [FALLBACK_ERROR]:
        form.add_error(None, message)


def pick(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The part of a form's cleaned data that its service takes, by name.

    Why: forms carry more than the service wants (a date and a time typed apart, a confirmation
    box), and a service's keyword-only signature should refuse anything unexpected.
    """
    return {name: data[name] for name in names}


def _outcome(value: str | Callable[[T], str], result: T) -> str:
    return value(result) if callable(value) else value


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], T],
    success_message: str | Callable[[T], str],
    success_url: str | Callable[[T], str],
    template: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    audit: Mapping[str, Any] | None = None,
    forbidden_as_404: bool = True,
) -> HttpResponse:
    """Answer a GOV.UK form page: show the form, or save it through one service.

    - ``form`` is built by the view, bound or not as that page has always done it (some pages
      bind an empty POST so it shows its errors, others do not).
    - ``save(cleaned_data)`` calls the one service and returns what it made; that result is given
      to ``success_message`` and ``success_url`` when they are callables (a redirect to the
      record just made, "Nothing was changed" when nothing was).
    - ``context`` is what the template needs besides ``form`` (added here). Pass a callable when
      a value must be worked out after the save was tried, such as whether the form has errors.
    - ``audit``: keyword arguments for ``audit_record`` (the actor is the request's user),
      recorded on GET because the form shows what is already recorded; a POST's write is audited
      by its service.
    - ``forbidden_as_404``: a service's ``PermissionDenied`` answers 404, the same as a record
      that does not exist, so a refusal does not reveal that the record is there. Pages that
      have always let it through (Django's 403) pass ``False``.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except PermissionDenied:
            if forbidden_as_404:
                raise Http404 from None
            raise
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _outcome(success_message, result))
            return redirect(_outcome(success_url, result))
    values = context() if callable(context) else context
    if request.method == "GET":
        _audit_read(request, audit, values, template)
    return render(request, template, {**values, "form": form})


#: The read a form page about a child records when its view names no other (``_audit_read``).
FORM_VIEWED = "core.form_viewed"


def _audit_read(request, audit, values, template: str) -> None:
    """Record the read a form page is: ``audit`` when the view gives it; otherwise, for a page
    about one child (``person`` in its context), that the child's record was read through it.

    Why a default: every such page names the child and many show what is already recorded, and
    a page added later without ``audit=`` must not be the one read "who has viewed this record"
    misses.
    """
    if audit is not None:
        audit_record(actor=request.user, **audit)
        return
    person = values.get("person")
    meta = getattr(person, "_meta", None)
    if meta is not None and meta.label_lower == "people.person" and person.pk:
        audit_record(
            actor=request.user, action=FORM_VIEWED, subject=person, detail={"form": template}
        )
