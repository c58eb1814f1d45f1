"""Meeting packs: one PDF per reader, with only what that reader may read, their name on every
page, and a record of who received which pack.

Why per reader rather than one pack per meeting: most real breaches in this field are
disclosures (an unredacted document sent to the whole table). A pack is built for the person
downloading it, by the same two rules as every page: the record policy decides which children
it names (the others are counted), and the content sharing rule (``lantern.access.sharing``)
decides which chronology entries it quotes, so a police-only entry reaches only police readers.
The reader's name and the date are printed across every page, so a copy that travels says whose
it was. ``PackIssue`` and the audit event record the audience level and a SHA-256 of the file,
and every person the pack names (``selectors.named_ids``: its agenda and its action register,
the same set as the meeting page audits; an action carried over prints its child's name).

WeasyPrint renders the HTML (it needs Pango from the operating system: see the README).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from lantern.access import sharing
from lantern.audit.services import audit_record
from lantern.panels import agenda, events, selectors
from lantern.panels.choices import PackAudience
from lantern.panels.models import PackIssue

STYLES = Path(__file__).with_name("pack.css")
#: How far back a pack quotes a child's chronology when the panel has not met before.
FIRST_MEETING_LOOKBACK_DAYS = 90


def audience_for(reader) -> str:
    """The widest content level the reader may read, named for the audit trail."""
    levels = sharing.readable_levels(reader)
    if sharing.POLICE in levels:
        return PackAudience.POLICE
    if sharing.HEALTH in levels:
        return PackAudience.HEALTH
    if sharing.STATUTORY in levels:
        return PackAudience.STATUTORY
    return PackAudience.PARTNERSHIP


def _entries(reader, person_id: int, since: dt.date, until: dt.date) -> list:
    from lantern.people.models import ChronologyEvent

    return list(
        ChronologyEvent.objects.filter(
            sharing.readable_q(reader), person_id=person_id, event_date__gt=since,
            event_date__lte=until,
        )
        .select_related("source_agency")
        .order_by("-event_date", "-id")[:30]
    )


def pack_context(*, reader, meeting) -> dict:
    """Everything the pack shows, already cut to what ``reader`` may see."""
    sections = selectors.agenda_for(actor=reader, meeting=meeting)
    since = agenda.last_meeting_date(meeting) or (
        meeting.held_on - dt.timedelta(days=FIRST_MEETING_LOOKBACK_DAYS)
    )
    for section in sections:
        for item in section.items:
            item.entries = (
                _entries(reader, item.referral.person_id, since, meeting.held_on)
                if item.person_id else []
            )
    register = selectors.register_for(actor=reader, meeting=meeting)
    attendance = selectors.attendance_for(meeting=meeting)
    return {
        "meeting": meeting,
        "panel": meeting.panel,
        "reader": reader,
        "reader_name": reader.get_full_name() or reader.get_username(),
        "audience": PackAudience(audience_for(reader)).label,
        "issued": timezone.localtime(),
        "since": since,
        "sections": sections,
        "hidden_items": sum(s.hidden for s in sections),
        "register": register,
        "members": [(m, attendance.get(m.pk)) for m in selectors.members_of(panel=meeting.panel)],
    }


def render_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(stylesheets=[CSS(string=STYLES.read_text())])


def pack_issue(*, actor, meeting) -> bytes:
    """Build ``actor``'s pack for ``meeting`` and record that they received it.

    The caller fetched ``meeting`` through ``selectors.meeting_get`` (so the actor may see the
    panel); what the pack holds is decided here, for this reader only.
    """
    context = pack_context(reader=actor, meeting=meeting)
    pdf = render_pdf(render_to_string("panels/pack.html", context))
    named = selectors.named_ids(context["sections"], context["register"])
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        issue = PackIssue.objects.create(
            meeting=meeting, recipient=actor, audience=audience_for(actor),
            children_named=len(named), children_hidden=context["hidden_items"], sha256=digest,
        )
        audit_record(
            actor=actor, action=events.PACK_ISSUED, subject_type="people.person",
            subject_ids=named,
            detail={"panel_meeting_id": meeting.pk, "pack_issue_id": issue.pk,
                    "audience": issue.audience, "sha256": digest},
        )
    return pdf
