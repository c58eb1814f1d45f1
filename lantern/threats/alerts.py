"""Current alerts as a page, the command and a panel may publish them, with their charts.

Every figure goes through ``lantern.analysis.threats.publish`` (disclosure control at
``settings.LANTERN_SUPPRESSION_THRESHOLD``), whoever reads it: the page is for people who may
not open the records behind the counts.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
from django.conf import settings

from lantern.analysis.threats import PublishedAlert, publish, week_label
from lantern.threats import selectors


def current(*, as_at: dt.date) -> tuple[list[PublishedAlert], object]:
    """(published current alerts, the detection they came from)."""
    found = selectors.detection(as_at=as_at)
    threshold = settings.LANTERN_SUPPRESSION_THRESHOLD
    return [publish(found, e, threshold=threshold) for e in found.current()], found


def report(*, as_at: dt.date) -> dict:
    """Everything the command's JSON holds."""
    alerts, found = current(as_at=as_at)
    return {
        "format": "lantern-emerging-threats/1",
        "as_at": as_at.isoformat(),
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
