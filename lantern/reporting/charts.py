"""Vega-Lite specs (Altair) for the published statistics. Only shown figures go into a chart;
a hidden one is left out and the table beside it says "Hidden"."""

from __future__ import annotations

import altair as alt

from lantern.analysis.statistics import PublishedStatistic

#: GOV.UK colours for up to eight series.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197", "#912b88", "#505a5f"]


def values(stat: PublishedStatistic) -> list[dict]:
    c = stat.count
    out = []
    single = len(c.columns) == 1
    for row in stat.rows():
        if single:
            if row["total"] is not None:
                out.append({"row": row["label"], "series": c.total_label, "value": row["total"]})
            continue
        for col, v in zip(c.columns, row["cells"]):
            if v is not None:
                out.append({"row": row["label"], "series": col, "value": v})
    return out


def spec(stat: PublishedStatistic, kind: str = "bar") -> dict:
    c = stat.count
    data = alt.Data(values=values(stat))
    x = alt.X("row:N", title=c.row_heading, sort=list(c.rows))
    y = alt.Y("value:Q", title=c.total_label if len(c.columns) == 1 else "Number")
    series = list(c.columns) if len(c.columns) > 1 else [c.total_label]
    color = alt.Color("series:N", title=c.column_heading or None, sort=series,
                      scale=alt.Scale(domain=series, range=(COLOURS * 4)[: len(series)]),
                      legend=alt.Legend(orient="bottom", columns=2) if len(series) > 1 else None)
    base = alt.Chart(data)
    mark = base.mark_line(point=True) if kind == "line" else base.mark_bar()
    chart = mark.encode(x=x, y=y, color=color).properties(
        width="container", height=240,
        description=f"Chart of {c.title}; the table beside it has the same figures, and hidden ones.")
    return chart.to_dict()
