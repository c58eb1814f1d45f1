"""Missing-children pages: episodes, returns, interviews, Philomena profile, 903 export.

Thin views: parse input with a form, fetch through an access-checked selector (404 for missing
and forbidden alike), call one service, audit what was shown, render. Invalid input re-renders
with status 200 and the GOV.UK error summary.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page, pick
from lantern.missing import events, policies, selectors, services
from lantern.missing.forms import (
    EpisodeForm,
    Export903Form,
    InterviewForm,
    MentionForm,
    PhilomenaForm,
    PhilomenaReportForm,
    ReturnForm,
)
from lantern.missing.models import PHILOMENA_STALE_DAYS
from lantern.people.selectors import person_get

#: What the episode and return forms pass on to their services, by name.
EPISODE_FIELDS = ("kind", "risk_grade", "started_at", "police_reference")
RETURN_FIELDS = ("ended_at", "where_found", "found_with", "how_returned", "found_out_of_area")
INTERVIEW_FIELDS = (
    "status",
    "offered_at",
    "held_at",
    "interviewer",
    "interviewer_name",
    "interviewer_organisation",
    "reason_not_held",
    "push_factors",
    "pull_factors",
    "push_notes",
    "pull_notes",
    "harm_experienced",
    "child_views",
)


def _error_text(exc: ValidationError) -> list[str]:
    return list(exc.messages) or ["Something was wrong with what you entered"]


def _can(user, roles, person, action) -> bool:
    return policies.has_role(user, roles) and person_policy.can(user, action, person)


def _require(user, roles, person, action) -> None:
    if not _can(user, roles, person, action):
        raise Http404


def _audit_read(action: str, person, **detail) -> dict:
    """A form page shows what is already recorded: ``form_page`` audits the read on GET (a POST
    audits its write in the service)."""
    return {"action": action, "subject": person, "detail": detail}


def _episode_url(episode_id: int) -> str:
    return reverse("missing:episode_detail", kwargs={"episode_id": episode_id})


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    open_eps = list(selectors.open_episodes(actor=user)[:100])
    due = list(selectors.interviews_due(actor=user)[:100])
    stale = list(selectors.philomena_stale(actor=user)[:50])
    audit_record(
        actor=user,
        action=events.DASHBOARD_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({e.person_id for e in open_eps} | {i.person_id for i in due} | {p.person_id for p in stale}),
    )
    return render(
        request,
        "missing/dashboard.html",
        {
            "page_title": "Missing children",
            "open_episodes": open_eps,
            "interviews_due": due,
            "stale_profiles": stale,
            "stale_days": PHILOMENA_STALE_DAYS,
            "now": timezone.now(),
            "can_export": policies.has_role(user, policies.EXPORT_903_ROLES),
        },
    )


def person_episodes(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    episodes = list(selectors.episodes_for(actor=request.user, person=person))
    patterns = selectors.patterns_for(actor=request.user, person=person)
    audit_record(
        actor=request.user,
        action=events.EPISODES_LISTED,
        subject=person,
        detail={"episodes": len(episodes)},
    )
    return render(
        request,
        "missing/person_episodes.html",
        {
            "page_title": f"Missing episodes for {person.display_name}",
            "person": person,
            "episodes": episodes,
            "patterns": patterns,
            "can_record": _can(request.user, policies.RECORD_EPISODE_ROLES, person, ADD_EVENT),
        },
    )


def episode_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    _require(request.user, policies.RECORD_EPISODE_ROLES, person, ADD_EVENT)
    return form_page(
        request,
        EpisodeForm(request.POST or None),
        save=lambda data: services.episode_record(
            actor=request.user, person=person, **pick(data, EPISODE_FIELDS + RETURN_FIELDS)
        ),
        success_message="Episode recorded and added to the chronology",
        success_url=lambda episode: _episode_url(episode.pk),
        template="missing/episode_form.html",
        context={"page_title": f"Record a missing or absent episode for {person.display_name}", "person": person},
    )


def episode_detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    person = episode.person
    interview = getattr(episode, "interview", None)
    report = getattr(episode, "philomena_report", None)
    audit_record(
        actor=request.user, action=events.EPISODE_VIEWED, subject=person, detail={"episode_id": episode.pk}
    )
    return render(
        request,
        "missing/episode_detail.html",
        {
            "page_title": f"{episode.get_kind_display()} episode for {person.display_name}",
            "person": person,
            "episode": episode,
            "interview": interview,
            "factors": list(interview.factors.all()) if interview else [],
            "mentions": list(interview.mentions.all()) if interview else [],
            "report": report,
            "can_record": _can(request.user, policies.RECORD_EPISODE_ROLES, person, ADD_EVENT),
            "can_interview": _can(request.user, policies.INTERVIEW_ROLES, person, ADD_EVENT),
            "can_report": _can(request.user, policies.PHILOMENA_EDIT_ROLES, person, ADD_EVENT),
        },
    )


def episode_return(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    person = episode.person
    _require(request.user, policies.RECORD_EPISODE_ROLES, person, ADD_EVENT)
    if episode.ended_at is not None:
        messages.info(request, "This episode already has a return recorded")
        return redirect("missing:episode_detail", episode_id=episode.pk)
    return form_page(
        request,
        ReturnForm(request.POST or None, episode=episode),
        save=lambda data: services.episode_return(
            actor=request.user, episode=episode, **pick(data, RETURN_FIELDS)
        ),
        success_message="Return recorded. A return home interview is now due",
        success_url=_episode_url(episode.pk),
        template="missing/return_form.html",
        context={"page_title": f"Record a return for {person.display_name}", "person": person, "episode": episode},
        audit=_audit_read(events.EPISODE_VIEWED, person, episode_id=episode.pk, page="return"),
    )


def interview_edit(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_get(actor=request.user, interview_id=interview_id)
    person = interview.person
    _require(request.user, policies.INTERVIEW_ROLES, person, ADD_EVENT)
    initial = {}
    if request.method != "POST":
        initial = {
            "status": interview.status if interview.status != "due" else None,
            "interviewer": interview.interviewer_id,
            "interviewer_name": interview.interviewer_name,
            "interviewer_organisation": interview.interviewer_organisation,
            "reason_not_held": interview.reason_not_held,
            "push_factors": [f.code for f in interview.factors.filter(direction="push")],
            "pull_factors": [f.code for f in interview.factors.filter(direction="pull")],
            "push_notes": interview.push_notes,
            "pull_notes": interview.pull_notes,
            "harm_experienced": interview.harm_experienced,
            "child_views": interview.child_views,
        }
        for prefix, moment in (("offered", interview.offered_at), ("held", interview.held_at)):
            if moment:
                local = timezone.localtime(moment)
                initial[f"{prefix}_date"] = local.date()
                initial[f"{prefix}_time"] = local.strftime("%H:%M")
    return form_page(
        request,
        InterviewForm(request.POST or None, initial=initial),
        save=lambda data: services.interview_update(
            actor=request.user, interview=interview, **pick(data, INTERVIEW_FIELDS)
        ),
        success_message="Return home interview updated",
        success_url=_episode_url(interview.episode_id),
        template="missing/interview_form.html",
        context={"page_title": f"Return home interview for {person.display_name}", "person": person, "interview": interview},
        audit=_audit_read(events.INTERVIEW_VIEWED, person, interview_id=interview.pk),
    )


def mention_add(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_get(actor=request.user, interview_id=interview_id)
    person = interview.person
    _require(request.user, policies.INTERVIEW_ROLES, person, ADD_EVENT)
    return form_page(
        request,
        MentionForm(request.POST or None),
        save=lambda data: services.mention_add(
            actor=request.user, interview=interview, **pick(data, ("kind", "value", "note"))
        ),
        success_message="Added. Add another, or go back to the episode",
        success_url=reverse("missing:mention_add", kwargs={"interview_id": interview.pk}),
        template="missing/mention_form.html",
        context={
            "page_title": f"People, places and phones mentioned by {person.display_name}",
            "person": person,
            "interview": interview,
            "mentions": list(interview.mentions.all()),
        },
        audit=_audit_read(events.INTERVIEW_VIEWED, person, interview_id=interview.pk, page="mentions"),
    )


@require_POST
def mention_remove(request: HttpRequest, mention_id: int) -> HttpResponse:
    mention = selectors.mention_get(actor=request.user, mention_id=mention_id)
    interview_id = mention.interview_id
    try:
        services.mention_remove(actor=request.user, mention=mention)
    except PermissionDenied:
        raise Http404
    messages.success(request, "Removed")
    return redirect("missing:mention_add", interview_id=interview_id)


def philomena(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    profile = selectors.philomena_for(actor=request.user, person=person)
    episodes = list(selectors.episodes_for(actor=request.user, person=person)[:5])
    audit_record(actor=request.user, action=events.PHILOMENA_VIEWED, subject=person)
    return render(
        request,
        "missing/philomena.html",
        {
            "page_title": f"Philomena profile for {person.display_name}",
            "person": person,
            "profile": profile,
            "episodes": episodes,
            "stale_days": PHILOMENA_STALE_DAYS,
            "can_edit": _can(request.user, policies.PHILOMENA_EDIT_ROLES, person, CHANGE),
        },
    )


def philomena_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    _require(request.user, policies.PHILOMENA_EDIT_ROLES, person, CHANGE)
    profile = selectors.philomena_for(actor=request.user, person=person)
    initial = {}
    if profile is not None and request.method != "POST":
        initial = {name: getattr(profile, name) for name in services.PROFILE_FIELDS}
    return form_page(
        request,
        PhilomenaForm(request.POST or None, request.FILES or None, initial=initial),
        save=lambda data: services.philomena_save(
            actor=request.user,
            person=person,
            photo=data.get("photo") or None,
            remove_photo=data.get("remove_photo", False),
            **pick(data, services.PROFILE_FIELDS),
        ),
        success_message="Philomena profile saved",
        success_url=reverse("missing:philomena", kwargs={"person_id": person.pk}),
        template="missing/philomena_form.html",
        context={"page_title": f"Philomena profile part 1 for {person.display_name}", "person": person, "profile": profile},
        audit=_audit_read(events.PHILOMENA_VIEWED, person, page="edit"),
    )


@require_POST
def philomena_confirm(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    _require(request.user, policies.PHILOMENA_EDIT_ROLES, person, CHANGE)
    try:
        services.philomena_confirm(actor=request.user, person=person)
    except PermissionDenied:
        raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc)[0])
    else:
        messages.success(request, "Profile confirmed as up to date")
    return redirect("missing:philomena", person_id=person.pk)


def philomena_photo(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    profile = selectors.philomena_for(actor=request.user, person=person)
    if profile is None or not profile.photo:
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    audit_record(actor=request.user, action=events.PHILOMENA_PHOTO_VIEWED, subject=person)
    response = FileResponse(handle, content_type=profile.photo_content_type or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


def philomena_print(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    profile = selectors.philomena_for(actor=request.user, person=person)
    episodes = selectors.episodes_for(actor=request.user, person=person)
    episode = None
    if request.GET.get("episode"):
        episode = episodes.filter(pk=request.GET["episode"]).first() if request.GET["episode"].isdigit() else None
        if episode is None:
            raise Http404
    else:
        episode = episodes.first()
    report = getattr(episode, "philomena_report", None) if episode else None
    audit_record(
        actor=request.user,
        action=events.PHILOMENA_PRINTED,
        subject=person,
        detail={"episode_id": episode.pk if episode else None},
    )
    return render(
        request,
        "missing/philomena_print.html",
        {
            "page_title": f"Philomena pack for {person.display_name}",
            "person": person,
            "profile": profile,
            "episode": episode,
            "report": report,
            "enrolment": person.enrolments.select_related("school").first(),
            "address": person.addresses.filter(end_date__isnull=True).first(),
            "printed_at": timezone.now(),
        },
    )


def philomena_report(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    person = episode.person
    _require(request.user, policies.PHILOMENA_EDIT_ROLES, person, ADD_EVENT)
    report = getattr(episode, "philomena_report", None)
    initial = {}
    if report is not None and request.method != "POST":
        initial = {k: getattr(report, k) for k in ("clothing", "circumstances", "last_seen", "belongings", "concerns")}
    return form_page(
        request,
        PhilomenaReportForm(request.POST or None, initial=initial),
        save=lambda data: services.philomena_report_save(actor=request.user, episode=episode, **data),
        success_message="Philomena part 2 saved",
        success_url=_episode_url(episode.pk),
        template="missing/philomena_report_form.html",
        context={"page_title": f"Philomena part 2 for {person.display_name}", "person": person, "episode": episode},
        audit=_audit_read(events.EPISODE_VIEWED, person, episode_id=episode.pk, page="philomena_report"),
    )


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; neutralise them."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def write_903_csv(rows, out) -> None:
    writer = csv.DictWriter(out, fieldnames=selectors.COLUMNS_903, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})


def export_903(request: HttpRequest) -> HttpResponse:
    if not policies.has_role(request.user, policies.EXPORT_903_ROLES):
        raise Http404
    form = Export903Form(request.GET if "date_from_0" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        a, b = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        result = selectors.missing_903_for(actor=request.user, date_from=a, date_to=b)
        if request.GET.get("download") == "csv":
            out = io.StringIO()
            write_903_csv(result.rows, out)
            audit_record(
                actor=request.user,
                action=events.EXPORT_903,
                subject_type="people.person",
                subject_ids=result.person_ids,
                detail={"from": a.isoformat(), "to": b.isoformat(), "rows": len(result.rows), "via": "browser"},
            )
            response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="ssda903-missing-{a:%Y%m%d}-{b:%Y%m%d}.csv"'
            response["Cache-Control"] = "private, no-store"
            return response
        # The preview's warnings give children's record numbers: a read of those records.
        audit_record(
            actor=request.user,
            action=events.EXPORT_903_PREVIEWED,
            subject_type="people.person",
            subject_ids=result.person_ids,
            detail={"from": a.isoformat(), "to": b.isoformat(), "rows": len(result.rows)},
        )
    query = request.GET.copy()
    query["download"] = "csv"
    return render(
        request,
        "missing/export_903.html",
        {
            "page_title": "SSDA903 missing table",
            "form": form,
            "result": result,
            "download_query": query.urlencode(),
        },
    )
