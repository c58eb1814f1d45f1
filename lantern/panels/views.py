"""Pages for panels: list, panel (members, list, watchlist, meetings), referral, exit, meeting
(agenda by VOLT, attendance, outcomes, the action register, signing, addenda) and the pack.

Views are thin: a form parses input, a selector fetches what the actor may see (404 for missing
and forbidden alike), one service writes (``form_page``), and every page that shows people is
audited with the ids of the people it named (the hidden ones were not shown).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page
from lantern.panels import events, packs, policies, selectors, services
from lantern.panels.choices import ReferralStatus
from lantern.panels.forms import (
    ActionForm,
    ActionUpdateForm,
    AddendumForm,
    ExitForm,
    MeetingForm,
    MemberForm,
    OutcomeForm,
    PanelForm,
    ReferContextForm,
    ReferPersonForm,
    SignForm,
    ThemeForm,
    attendance_form,
)
from lantern.people.picker import search_to_pick


def _posted(request):
    """The POST data, or None on GET: an empty POST (a box left unticked) must still be
    validated and answered with an error, not shown as a fresh form."""
    return request.POST if request.method == "POST" else None


def _panel_url(panel) -> str:
    return reverse("panels:detail", args=[panel.pk])


def _meeting_url(meeting) -> str:
    return reverse("panels:meeting", args=[meeting.pk])


def _page(request, form, *, save, success_message, success_url, back, heading, caption="",
          intro="", button="Save", page_title="", audit=None):
    return form_page(
        request, form, save=save, success_message=success_message, success_url=success_url,
        template="core/form_page.html", audit=audit,
        context={"heading": heading, "caption": caption, "intro": intro, "button": button,
                 "back": back, "page_title": page_title or heading},
    )


# --- Panels ---------------------------------------------------------------------------------


def panel_list(request: HttpRequest) -> HttpResponse:
    if not policies.may_view_panels(request.user):
        raise Http404
    panels = list(selectors.panel_visible(actor=request.user).select_related("chair"))
    return render(request, "panels/list.html", {
        "panels": panels, "can_run": policies.may_run_panels(request.user),
        "page_title": "Panels",
    })


def panel_create(request: HttpRequest) -> HttpResponse:
    if not policies.may_run_panels(request.user):
        raise Http404
    return _page(
        request, PanelForm(_posted(request)),
        save=lambda data: services.panel_create(actor=request.user, **data),
        success_message="Panel set up", success_url=_panel_url, back=reverse("panels:list"),
        heading="Set up a panel", button="Set up the panel",
    )


def panel_detail(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = selectors.panel_get(actor=request.user, panel_id=panel_id)
    listed = selectors.referrals_for(actor=request.user, panel=panel)
    watch = selectors.referrals_for(actor=request.user, panel=panel, status=ReferralStatus.EXITED)
    shown = [r.person_id for r in [*listed.shown, *watch.shown] if r.person_id]
    audit_record(actor=request.user, action=events.PANEL_VIEWED, subject_type="people.person",
                 subject_ids=shown, detail={"panel_id": panel.pk,
                                            "hidden": listed.hidden + watch.hidden})
    return render(request, "panels/detail.html", {
        "panel": panel, "members": selectors.members_of(panel=panel),
        "listed": listed, "watch": watch, "meetings": selectors.meetings_for(panel=panel),
        "can_run": policies.can_run(request.user, panel),
        "can_refer": policies.can_refer(request.user, panel),
        "today": timezone.localdate(), "page_title": panel.name,
    })


def member_add(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = selectors.panel_get_runnable(actor=request.user, panel_id=panel_id)
    return _page(
        request, MemberForm(_posted(request), users=selectors.eligible_members(panel=panel)),
        save=lambda data: services.panel_add_member(actor=request.user, panel=panel, **data),
        success_message="Member added", success_url=_panel_url(panel), back=_panel_url(panel),
        heading="Add a member", caption=panel.name, button="Add member",
    )


def refer_person(request: HttpRequest, panel_id: int) -> HttpResponse:
    """Search (GET), then choose and say why (POST), as for linking a person to a place."""
    panel = selectors.panel_get(actor=request.user, panel_id=panel_id)
    if not policies.can_refer(request.user, panel):
        raise Http404
    picked = search_to_pick(request, audit_action=events.PEOPLE_SEARCHED,
                            audit_detail={"panel_id": panel.pk})
    search, results, choosable = picked.search, picked.results, picked.choosable
    form = ReferPersonForm(request.POST if request.method == "POST" else None, people=choosable)
    return form_page(
        request, form,
        save=lambda data: services.panel_refer(actor=request.user, panel=panel, **data),
        success_message=lambda r: f"{r.person.display_name} referred to {panel.name}",
        success_url=_panel_url(panel), template="panels/refer_person.html",
        context=lambda: {"panel": panel, "search": search, "results": results,
                         "has_choices": choosable.exists(), "form_has_errors": bool(search.errors),
                         "page_title": f"Refer a child or person: {panel.name}"},
    )


def refer_context(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = selectors.panel_get(actor=request.user, panel_id=panel_id)
    if not policies.can_refer(request.user, panel):
        raise Http404
    contexts = selectors.contexts_to_refer(actor=request.user, panel=panel)
    return _page(
        request, ReferContextForm(_posted(request), contexts=contexts),
        save=lambda data: services.panel_refer(actor=request.user, panel=panel, **data),
        success_message="Place or group referred", success_url=_panel_url(panel),
        back=_panel_url(panel), heading="Refer a place or group", caption=panel.name,
        button="Refer",
    )


def referral_exit(request: HttpRequest, panel_referral_id: int) -> HttpResponse:
    referral = selectors.referral_get_runnable(actor=request.user, referral_id=panel_referral_id)
    if not referral.is_open:
        raise Http404
    about = referral.person.display_name if referral.person_id else referral.context.name
    shown = referral.person if referral.person_id else referral.context
    return _page(
        request, ExitForm(_posted(request)),
        save=lambda data: services.referral_exit(actor=request.user, referral=referral, **data),
        success_message=f"{about} exited: on the watchlist for 6 months",
        success_url=_panel_url(referral.panel), back=_panel_url(referral.panel),
        heading=f"Exit: {about}", caption=referral.panel.name,
        intro=(f"The panel exits a child only after at least {referral.panel.stable_weeks} weeks "
               "with no new critical events. They stay on the watchlist for 6 months: a new "
               "critical event brings them back to the agenda."),
        button="Exit",
        audit={"action": events.ITEM_VIEWED, "subject": shown,
               "detail": {"panel_referral_id": referral.pk, "page": "exit"}},
    )


# --- Meetings -------------------------------------------------------------------------------


def meeting_add(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = selectors.panel_get_runnable(actor=request.user, panel_id=panel_id)
    return _page(
        request, MeetingForm(_posted(request)),
        save=lambda data: services.meeting_schedule(actor=request.user, panel=panel, **data),
        success_message="Meeting scheduled", success_url=_meeting_url, back=_panel_url(panel),
        heading="Schedule a meeting", caption=panel.name, button="Schedule",
    )


def meeting_detail(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, meeting_id=panel_meeting_id)
    sections = selectors.agenda_for(actor=request.user, meeting=meeting)
    register = selectors.register_for(actor=request.user, meeting=meeting)
    audit_record(actor=request.user, action=events.MEETING_VIEWED, subject_type="people.person",
                 subject_ids=selectors.named_ids(sections, register),
                 detail={"panel_meeting_id": meeting.pk})
    attendance = selectors.attendance_for(meeting=meeting)
    members = selectors.members_of(panel=meeting.panel)
    return render(request, "panels/meeting.html", {
        "meeting": meeting, "panel": meeting.panel, "sections": sections,
        "hidden_items": sum(s.hidden for s in sections),
        "total_minutes": sum(s.minutes for s in sections),
        "register": register, "addenda": selectors.addenda_for(meeting=meeting),
        "attendance": [(m, attendance.get(m.pk)) for m in members],
        "recorded_attendance": bool(attendance),
        "can_run": policies.can_run(request.user, meeting.panel),
        "page_title": str(meeting),
    })


@require_POST
def agenda_build(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied, ValidationError

    meeting = selectors.meeting_get_runnable(actor=request.user, meeting_id=panel_meeting_id)
    try:
        made = services.agenda_build(actor=request.user, meeting=meeting)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"Agenda built: {len(made)} item{'s' if len(made) != 1 else ''} added")
    return redirect(_meeting_url(meeting))


def _unsigned(meeting):
    if meeting.is_signed:
        raise Http404
    return meeting


def theme_add(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    meeting = _unsigned(selectors.meeting_get_runnable(actor=request.user, meeting_id=panel_meeting_id))
    return _page(
        request, ThemeForm(_posted(request)),
        save=lambda data: services.agenda_add_theme(actor=request.user, meeting=meeting, **data),
        success_message="Theme added to the agenda", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading="Add a theme", caption=str(meeting),
        button="Add theme",
    )


def attendance(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    meeting = _unsigned(selectors.meeting_get_runnable(actor=request.user, meeting_id=panel_meeting_id))
    members = selectors.members_of(panel=meeting.panel)
    form_class = attendance_form(members, selectors.attendance_for(meeting=meeting))
    return _attendance_page(request, meeting, form_class)


def _attendance_page(request, meeting, form_class):
    form = form_class(_posted(request))
    return _page(
        request, form,
        save=lambda data: services.meeting_record_attendance(
            actor=request.user, meeting=meeting, entries=form.entries()),
        success_message="Attendance recorded", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading="Attendance, apologies and declarations",
        caption=str(meeting), button="Save attendance",
    )


def _item_about(item) -> str:
    if item.referral_id is None:
        return item.title
    r = item.referral
    return r.person.display_name if r.person_id else r.context.name


def _item_audit(item, page: str) -> dict:
    """What a page about one item showed: the person it names (or the meeting, for a theme)."""
    subject = item.referral.person if item.referral_id and item.referral.person_id else item.meeting
    return {"action": events.ITEM_VIEWED, "subject": subject,
            "detail": {"agenda_item_id": item.pk, "page": page}}


def item_outcome(request: HttpRequest, agenda_item_id: int) -> HttpResponse:
    item = selectors.item_get_runnable(actor=request.user, item_id=agenda_item_id)
    meeting = _unsigned(item.meeting)
    about = _item_about(item)
    initial = {"risk_level": item.risk_level or getattr(item.referral, "risk_level", ""),
               "route": item.route, "rationale": item.rationale,
               "next_review_date": item.next_review_date}
    form = OutcomeForm(
        _posted(request), initial=initial, theme=item.referral_id is None,
        about_person=bool(item.referral_id and item.referral.person_id),
    )
    return _page(
        request, form,
        save=lambda data: services.item_record_outcome(actor=request.user, item=item, **data),
        success_message=f"Outcome recorded: {about}", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading=f"What the panel agreed: {about}",
        caption=str(meeting), intro=item.reason_detail, button="Save outcome",
        audit=_item_audit(item, "outcome"),
    )


def action_add(request: HttpRequest, agenda_item_id: int) -> HttpResponse:
    item = selectors.item_get_runnable(actor=request.user, item_id=agenda_item_id)
    meeting = _unsigned(item.meeting)
    return _page(
        request, ActionForm(_posted(request),
                            owners=selectors.eligible_owners(panel=meeting.panel)),
        save=lambda data: services.panel_action_add(actor=request.user, item=item, **data),
        success_message="Action added to the register", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading=f"Add an action: {_item_about(item)}",
        caption=str(meeting), button="Add action",
        audit=_item_audit(item, "action_add"),
    )


def action_update(request: HttpRequest, panel_action_id: int) -> HttpResponse:
    action = selectors.action_get_updatable(actor=request.user, action_id=panel_action_id)
    form = ActionUpdateForm(_posted(request),
                            initial={"status": action.status,
                                     "not_done_reason": action.not_done_reason})
    back = (_meeting_url(action.meeting) if policies.can_view(request.user, action.panel)
            else reverse("cases:my_actions"))
    return _page(
        request, form,
        save=lambda data: services.panel_action_update(actor=request.user, action=action, **data),
        success_message="Action updated", success_url=back, back=back,
        heading="Update a panel action", caption=action.panel.name,
        intro=f"{action.description} (due {action.due_date:%-d %B %Y})", button="Save",
        audit={"action": events.ITEM_VIEWED,
               "subject": action.referral.person if action.referral_id and action.referral.person_id
               else action.meeting,
               "detail": {"panel_action_id": action.pk, "page": "action_update"}},
    )


def sign(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    meeting = _unsigned(selectors.meeting_get_runnable(actor=request.user, meeting_id=panel_meeting_id))
    return _page(
        request, SignForm(_posted(request)),
        save=lambda data: services.minutes_sign(actor=request.user, meeting=meeting),
        success_message="Minutes signed", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading="Sign the minutes", caption=str(meeting),
        intro=("Signed minutes cannot be changed: a correction is added as an addendum beside "
               "them. Items not discussed come back on the next agenda."),
        button="Sign the minutes",
    )


def addendum_add(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_runnable(actor=request.user, meeting_id=panel_meeting_id)
    if not meeting.is_signed:
        raise Http404
    return _page(
        request, AddendumForm(_posted(request)),
        save=lambda data: services.minutes_add_addendum(actor=request.user, meeting=meeting, **data),
        success_message="Addendum added", success_url=_meeting_url(meeting),
        back=_meeting_url(meeting), heading="Add an addendum", caption=str(meeting),
        intro="The signed minutes stay as they are; the addendum is shown beside them.",
        button="Add addendum",
    )


def pack(request: HttpRequest, panel_meeting_id: int) -> HttpResponse:
    """The reader's own pack: only what they may read, their name on every page; audited."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=panel_meeting_id)
    pdf = packs.pack_issue(actor=request.user, meeting=meeting)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="panel-pack-{meeting.held_on}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
