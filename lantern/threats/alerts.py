"""Current alerts as a page, the command and a panel may publish them, with their charts.

Every figure goes through ``lantern.analysis.threats.publish`` (disclosure control at
``settings.LANTERN_SUPPRESSION_THRESHOLD``), whoever reads it: the page is for people who may
not open the records behind the counts.

**Counted from what the reader may read.** An alert is itself a disclosure: "intelligence
naming a place in North, 9 this week" tells its reader that intelligence exists and how much.
So alerts are computed for a set of sharing levels (``lantern.access.sharing``), never for
"everything": a viewer's from the levels they read (``levels_for``), a panel's Themes from
``PANEL_LEVELS``, the command's export from ``EXPORT_LEVELS`` unless the operator asks for more.
The level set, not the person, is the unit of work (a handful of distinct sets in the whole
partnership), so the cost per page is one filtered query as before, and a cache, if one is ever
needed, is keyed by (as-at date, level set). None is kept now: re-sharing an entry narrower
must drop it from the next count at once, and nothing here would know to forget a cached one.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
from django.conf import settings

from lantern.access import sharing
from lantern.analysis.threats import PublishedAlert, publish, week_label
from lantern.threats import selectors

#: A panel's Themes: entries every member may read. A school's safeguarding lead or a voluntary
#: organisation may hold a seat (``lantern.panels.policies``) and they read partnership entries
#: only; the agenda item is shown to every member and printed in every pack.
PANEL_LEVELS = frozenset({sharing.PARTNERSHIP})
#: The command's default: the partnership's figures, as the partnership analyst reads them.
EXPORT_LEVELS = frozenset({sharing.PARTNERSHIP, sharing.STATUTORY})


def levels_for(actor) -> frozenset[str]:
    """The levels ``actor``'s alerts are counted from: the levels they read, so police analysts
    count police-only entries and everyone else does not.

    Not ``readable_q``'s extra "entries your own agency recorded": that would make alerts differ
    agency by agency for little gain, and counting less than the reader may read discloses
    nothing.
    """
    return sharing.readable_levels(actor)


def current(*, as_at: dt.date, levels) -> tuple[list[PublishedAlert], object]:
    """(published current alerts, the detection they came from), counted from entries shared
    at ``levels`` only."""
    found = selectors.detection(as_at=as_at, levels=levels)
    threshold = settings.LANTERN_SUPPRESSION_THRESHOLD
    return [publish(found, e, threshold=threshold) for e in found.current()], found


def report(*, as_at: dt.date, levels=EXPORT_LEVELS) -> dict:
    """Everything the command's JSON holds, saying which levels it was counted from."""
    alerts, found = current(as_at=as_at, levels=levels)
    return {
        "format": "lantern-emerging-threats/1",
        "as_at": as_at.isoformat(),
        "sharing": sorted(levels),
        "latest_week": week_label(found.latest_week),
        "latest_week_monday": found.latest_week.isoformat(),
        "suppression_threshold": settings.LANTERN_SUPPRESSION_THRESHOLD,
        "rule": {"method": "poisson_exceedance", **found.rule.as_dict()},
        "areas": sorted({a for a, _ in found.series}),
        "alerts": [a.as_dict() for a in alerts],
    }


def chart(alert: PublishedAlert) -> dict:
    """Weekly bars, the alert's weeks in orange; hidden weeks are left out of the chart (the
    table says "hidden"), so no bar's height gives a hidden figure away."""
    values = [{"week": w.week.isoformat(), "label": w.label, "count": w.count,
               "part": "Alert weeks" if w.surge else ("Baseline weeks" if w.baseline else "Other weeks")}
              for w in alert.weeks if w.count is not None]
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="Week starting", axis=alt.Axis(format="%-d %b", tickCount=6)),
            y=alt.Y("count:Q", title=alert.label),
            color=alt.Color("part:N", title=None,
                            scale=alt.Scale(domain=["Baseline weeks", "Other weeks", "Alert weeks"],
                                            range=["#1d70b8", "#b1b4b6", "#f47738"]),
                            legend=alt.Legend(orient="bottom")),
        )
    )
    layers = [bars]
    if alert.mean is not None:
        mean = (alt.Chart(alt.Data(values=[{"mean": alert.mean}]))
                .mark_rule(strokeDash=[4, 4], color="#0b0c0c").encode(y="mean:Q"))
        layers.append(mean)
    return alt.layer(*layers).properties(
        width="container", height=220,
        description=(f"Bar chart of {alert.label.lower()} in {alert.area} each week; the table "
                     "below it has the same figures."),
    ).to_dict()
