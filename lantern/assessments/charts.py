"""Vega-Lite chart specs built with Altair, for vega-embed to draw in the browser.

Why specs and not images: the page carries the spec as JSON in a ``<script type="application/json">``
data block (the Content-Security-Policy does not run data blocks) and ``static/assessments/charts.mjs``
draws it. Every chart sits beside a table with the same numbers, so nothing depends on JavaScript
and a screen reader user reads the table.
"""

from __future__ import annotations

import altair as alt

from lantern.assessments import engine

#: GOV.UK colours, in order, for measurement points (baseline, six weeks, end).
POINT_COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c"]


def history_chart(tool: engine.ToolDefinition, rows: list[dict]) -> dict:
    """Score over time for one tool, with the band boundaries as dashed lines."""
    values = [
        {"as_at": r["as_at"].isoformat(), "score": r["score"], "level": r["final_level"]}
        for r in rows
    ]
    line = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=alt.OverlayMarkDef(size=80, filled=True), color="#1d70b8")
        .encode(
            x=alt.X("as_at:T", title="Assessment date", axis=alt.Axis(format="%b %Y", tickCount=6)),
            y=alt.Y("score:Q", title="Score"),
        )
    )
    bounds = [{"min": b.min, "label": b.label} for b in tool.bands if b.min > 0]
    layers = [line]
    if bounds:
        rules = (
            alt.Chart(alt.Data(values=bounds))
            .mark_rule(strokeDash=[4, 4], color="#505a5f")
            .encode(y="min:Q")
        )
        layers.insert(0, rules)
    chart = alt.layer(*layers).properties(
        width="container",
        height=260,
        description=f"Line chart of {tool.title} scores over time; the table beside it has the same figures.",
    )
    return chart.to_dict()


def progress_chart(tool: engine.ToolDefinition, progress: engine.Progress) -> dict:
    """Per domain, the value at each measurement point (baseline, six weeks, end) as bars."""
    labels = {p.id: p.label for p in tool.measurement_points}
    order = [labels[p.id] for p in tool.measurement_points]
    titles = {d.id: d.title for d in tool.domains}
    values = []
    for domain_id, dp in progress.domains.items():
        for point, value in dp.values.items():
            if value is not None:
                values.append({"domain": titles[domain_id], "point": labels[point], "value": value})
    top = max((d.scale_max or 10) for d in tool.domains) if tool.domains else 10
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            # Legible on a phone and at a glance: full-width, readable type, area names never
            # cut short, a bar thick enough to tell the measures apart, whole-number ticks.
            y=alt.Y("domain:N", title=None, sort=[titles[d.id] for d in tool.domains],
                    axis=alt.Axis(labelFontSize=14, labelLimit=260)),
            yOffset=alt.YOffset("point:N", sort=order),
            x=alt.X("value:Q", title="Score (higher is better)", scale=alt.Scale(domain=[0, top]),
                    axis=alt.Axis(labelFontSize=14, titleFontSize=14, tickMinStep=1, grid=True)),
            color=alt.Color(
                "point:N",
                title="Measure",
                sort=order,
                scale=alt.Scale(domain=order, range=POINT_COLOURS[: len(order)]),
                legend=alt.Legend(orient="top", labelFontSize=14, titleFontSize=14,
                                  symbolSize=200),
            ),
        )
        .properties(
            width="container",
            height=alt.Step(18),
            description=f"Bar chart of {tool.title} scores per area at each measure; the table has the same figures.",
        )
    )
    return chart.to_dict()
