"""Network alerts on a panel's agenda (``lantern.panels.agenda`` extension point).

Each alert raised for the panel since the last meeting becomes a Themes item. The title names
the line, place or group it is about only by what every viewer of the agenda may see (a line's
brand, a place's name), never a person, and carries no count of children: a panel's agenda and
printed pack are read by members with different access, who open the network view (where their
own access applies) for the detail.
"""

from __future__ import annotations

import datetime as dt

RULE_TITLES = {
    "near_active_line": "Network: a child newly linked near an active County Line",
    "place_linked": "Network: a place or group linked to a child at high risk or an adult of concern",
    "school_year_group": "Network: children in one school year group linked to the same network",
    "shared_adult": "Network: children linked to the same adult",
    "shared_phone": "Network: children linked to the same phone",
    "shared_missing": "Network: children who went missing together",
}


def network_alert_items(meeting, since: dt.date) -> list:
    from lantern.networks.models import NetworkAlert
    from lantern.panels.agenda import Proposed
    from lantern.panels.choices import ItemReason, Section

    alerts = NetworkAlert.objects.filter(panel_id=meeting.panel_id, on__gt=since,
                                         on__lte=meeting.held_on).order_by("on", "id")
    seen: set[str] = set()
    out = []
    for a in alerts:
        title = RULE_TITLES.get(a.rule, "Network alert")
        if title in seen:
            continue
        seen.add(title)
        out.append(Proposed(section=Section.THEMES, reasons=[ItemReason.THEME], title=title,
                            detail="Open the network view for the detail you may see."))
    return out
