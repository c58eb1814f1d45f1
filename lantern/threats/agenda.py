"""Emerging threats on a panel's agenda, under Themes (``panels.agenda`` extension point).

Each alert current at the meeting's date is proposed once (its title names the area, the kind
and the week it began, so building the agenda again does not add it twice). The detail is the
published explanation: areas and protected counts, never a child.

Counted from partnership-level entries only (``alerts.PANEL_LEVELS``): the item is shown to
every member and printed in every pack, and a school's safeguarding lead or a voluntary
organisation may sit on the panel. A rise that only police or statutory entries show stays on
those readers' own threats page.
"""

from __future__ import annotations

from lantern.analysis.threats import week_phrase
from lantern.threats import alerts


def panel_themes(meeting, since) -> list:
    from lantern.panels.agenda import Proposed
    from lantern.panels.choices import ItemReason, Section

    published, _found = alerts.current(as_at=meeting.held_on, levels=alerts.PANEL_LEVELS)
    return [
        Proposed(section=Section.THEMES, reasons=[ItemReason.THEME],
                 title=f"Emerging threat: {a.label.lower()} in {a.area}, since {week_phrase(a.first_week)}"[:200],
                 detail=a.text[:500])
        for a in published if a.state in ("new", "continuing")
    ]
