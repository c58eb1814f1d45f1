"""Identity pages: the review queue, checking a pair, merging and unmerging, live candidates.

Reviewers (team managers, the data protection officer) see an item only when they may open
both of its records; the rest are neither listed nor counted (``selectors.queue_for``). Merges
are shown to reviewers who may open the surviving record (``policies.may_see_merge``), and say
about the other record only what the viewer may read (``merge_pages``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.access.matrix import allows
from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page
from lantern.core.forms import date_from_parts
from lantern.identity import events, merging, policies, selectors, services
from lantern.identity.candidates import candidates_for
from lantern.identity.choices import MERGEABLE, MatchKind, MatchStatus
from lantern.identity.forms import CandidateProbeForm, MergeForm, ResolveForm, UnmergeForm
from lantern.identity.matching import Profile
from lantern.identity.merge_pages import merge_summary
from lantern.identity.models import Merge
from lantern.people.models import Identifier


def queue(request: HttpRequest) -> HttpResponse:
    if not policies.may_review(request.user):
        raise Http404
    kind = request.GET.get("kind", "")
    if kind not in MatchKind.values:
        kind = ""
    items = selectors.queue_for(actor=request.user, kind=kind)
    audit_record(
        actor=request.user,
        action=events.QUEUE_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({i for item in items for i in item.person_ids}),
        detail={"items": len(items), "kind": kind},
    )
    return render(
        request,
        "identity/queue.html",
        {
            "items": items,
            "kind": kind,
            "kinds": MatchKind.choices,
            "page_title": "Possible matches",
        },
    )


def _save_answer(request, item):
    def save(data):
        services.possible_match_resolve(
            actor=request.user, item=item, outcome=data["outcome"], note=data["note"]
        )
        return data["outcome"]

    return save


def match(request: HttpRequest, match_id: int) -> HttpResponse:
    item = selectors.match_get(actor=request.user, match_id=match_id)
    people = [p for p in (item.person, item.other) if p is not None]
    identifiers = Identifier.objects.filter(person__in=people).order_by("type", "value")
    mergeable = item.kind in MERGEABLE and item.person is not None
    merge_url = reverse("identity:merge", kwargs={"match_id": item.pk})
    return form_page(
        request,
        ResolveForm(request.POST or None, kind=item.kind),
        save=_save_answer(request, item),
        success_message="Your answer has been recorded",
        success_url=lambda outcome: merge_url
        if mergeable and outcome == MatchStatus.SAME
        else reverse("identity:queue"),
        template="identity/match.html",
        context={
            "item": item,
            "people": people,
            "identifiers": identifiers,
            "mergeable": mergeable,
            "page_title": "Check a possible match",
        },
        audit={
            "action": events.MATCH_VIEWED,
            "subject_type": "people.person",
            "subject_ids": item.person_ids,
            "detail": {"match_id": item.pk},
        },
    )


def merge(request: HttpRequest, match_id: int) -> HttpResponse:
    """Merge the two records of an item a reviewer has found (or now finds) to be one child."""
    item = selectors.match_get(actor=request.user, match_id=match_id)
    if item.kind not in MERGEABLE or item.person is None:
        raise Http404
    if item.status not in (MatchStatus.OPEN, MatchStatus.SAME) or item.merges.filter(
        undone_at__isnull=True
    ).exists():
        raise Http404
    people = [item.person, item.other]
    by_id = {str(p.pk): p for p in people}
    return form_page(
        request,
        MergeForm(request.POST or None, people=people),
        save=lambda data: merging.person_merge(
            actor=request.user,
            survivor=by_id[data["survivor"]],
            absorbed=next(p for k, p in by_id.items() if k != data["survivor"]),
            reason=data["reason"],
            match=item,
        ),
        success_message="Records merged. The merge can be undone from this page",
        success_url=lambda m: reverse("identity:merge_detail", kwargs={"merge_id": m.pk}),
        template="identity/merge.html",
        context={"item": item, "people": people, "page_title": "Merge two records"},
        audit={
            "action": events.MATCH_VIEWED,
            "subject_type": "people.person",
            "subject_ids": item.person_ids,
            "detail": {"match_id": item.pk, "page": "merge"},
        },
    )


def merges(request: HttpRequest) -> HttpResponse:
    if not policies.may_review(request.user):
        raise Http404
    rows = selectors.merges_for(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.MERGE_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({m.survivor_id for m in rows}),
        detail={"merges": [m.pk for m in rows]},
    )
    return render(request, "identity/merges.html", {"merges": rows, "page_title": "Merged records"})


def _merge_context(actor, merge: Merge) -> dict:
    summary = merge_summary(actor=actor, merge=merge)
    return {"merge": merge, "summary": summary, "page_title": "Merged records"}


def merge_detail(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get(actor=request.user, merge_id=merge_id)
    context = _merge_context(request.user, merge)
    audit_record(
        actor=request.user,
        action=events.MERGE_VIEWED,
        subject_type="people.person",
        subject_ids=context["summary"].subject_ids,
        detail={"merge_id": merge.pk},
    )
    return render(request, "identity/merge_detail.html", context)


def unmerge(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get(actor=request.user, merge_id=merge_id)
    if not merge.active:
        return redirect("identity:merge_detail", merge_id=merge.pk)
    context = _merge_context(request.user, merge)
    return form_page(
        request,
        UnmergeForm(request.POST or None),
        save=lambda data: merging.person_unmerge(actor=request.user, merge=merge, reason=data["reason"]),
        success_message="Merge undone: both records are back as they were",
        success_url=reverse("identity:merge_detail", kwargs={"merge_id": merge.pk}),
        template="identity/unmerge.html",
        context={**context, "page_title": "Undo a merge"},
        audit={
            "action": events.MERGE_VIEWED,
            "subject_type": "people.person",
            "subject_ids": context["summary"].subject_ids,
            "detail": {"merge_id": merge.pk, "page": "undo"},
        },
    )


def _probe(request: HttpRequest) -> Profile:
    """What has been typed so far. Anything unreadable is left out, never an error: this runs
    on every keystroke."""
    form = CandidateProbeForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    dob = None
    parts = [request.GET.get(f"date_of_birth_{i}", "").strip() for i in range(3)]
    if all(parts) and all(len(p) <= 4 for p in parts):
        try:
            dob = date_from_parts(*parts, label="Date of birth")
        except ValidationError:  # a half-typed or impossible date is simply not used yet
            dob = None
    return Profile.typed(
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        date_of_birth=dob,
        postcode=data.get("postcode", ""),
    )


def candidates(request: HttpRequest) -> HttpResponse:
    """Possible matches as a record is typed (htmx swaps this into the create page).

    Without JavaScript the same list appears when the form is submitted
    (``people.views.person_create``). Needs a surname and either a first name or a date of
    birth before it looks, so one letter does not list half the county.
    """
    if not allows(request.user, "people:person_create", "GET"):
        raise Http404
    probe = _probe(request)
    enough = bool(probe.last_names) and bool(probe.first_names or probe.date_of_birth)
    found = candidates_for(actor=request.user, probe=probe) if enough else None
    shown = found.shown if found else []
    held = found.held_elsewhere if found else []
    services.candidates_shown_audit(actor=request.user, shown=shown, held_elsewhere=held)
    from lantern.people.views import _may_refer

    return render(
        request,
        "identity/_candidates.html",
        {
            "matches": shown,
            "held_elsewhere": bool(held),
            "checked": enough,
            "can_refer": _may_refer(request.user),
        },
    )
