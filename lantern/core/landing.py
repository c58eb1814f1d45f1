"""Where each role lands after signing in: the page where their work is, not a list of links.

A practitioner's day starts on My caseload, a manager's on the team view and its figures, a
panel chair's on the next panel meeting, the partnership analyst's on the partnership dashboard,
a school's safeguarding lead's on Your school, the data protection officer's on the audit view.

``LANDINGS`` lists, per role, the URL names to try in order; the first one the person may open
(``lantern.core.navigation.may_open_url``: the access matrix and the view's own rule) wins. A
page another app has not landed yet (the partnership dashboard) is simply skipped, so switching
a role's landing is one line here. Someone whose role or agency gives them none of their
candidates (a youth charity's practitioner has no caseload) gets the list of what they can open.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lantern.accounts.choices import Role

#: Role -> URL names to try, best first. ``panels:next`` is resolved to the next meeting below.
LANDINGS: dict[str, tuple[str, ...]] = {
    Role.PRACTITIONER: ("cases:my_caseload",),
    Role.TEAM_MANAGER: ("cases:team",),
    Role.POLICE_OFFICER: ("missing:dashboard",),
    Role.POLICE_ANALYST: ("people:search",),
    Role.SCHOOL_DSL: ("schools:home",),
    Role.PANEL_CHAIR: ("panels:next", "panels:list"),
    Role.PARTNERSHIP_ANALYST: ("statistics:dashboard", "assessments:cohort"),
    Role.DPO: ("audit:log",),
    Role.SYSADMIN: ("manage:user_list",),
}


def next_meeting_url(user) -> str | None:
    """The next meeting not yet signed of a panel the user may open (today counts), if any."""
    from lantern.panels.choices import MeetingStatus
    from lantern.panels.models import PanelMeeting
    from lantern.panels.selectors import panel_visible

    meeting = (
        PanelMeeting.objects.filter(
            panel__in=panel_visible(actor=user), held_on__gte=timezone.localdate()
        )
        .exclude(status=MeetingStatus.SIGNED)
        .order_by("held_on", "id")
        .only("pk")
        .first()
    )
    return reverse("panels:meeting", args=[meeting.pk]) if meeting else None


def landing_url(user) -> str | None:
    """Where ``user`` should land, or None for the list of links."""
    from lantern.core.navigation import may_open_url

    for url_name in LANDINGS.get(getattr(user, "role", ""), ()):
        if url_name == "panels:next":
            if may_open_url(user, "panels:list"):
                url = next_meeting_url(user)
                if url:
                    return url
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        if may_open_url(user, url_name):
            return url
    return None
