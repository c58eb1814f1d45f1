"""Charts for the committee report drawn as SVG on the server, without a browser or a network.

Why not Vega-Lite here: drawing a Vega-Lite spec needs a JavaScript engine; the PDF is made
where none may be installed. These are plain bar charts of the same published figures (hidden
ones left out), each with a title and description for assistive technology, and the table
beside them in the report carries every figure.
"""

from __future__ import annotations

from html import escape

from lantern.reporting.charts import COLOURS, values

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 70


def bar_chart(stat) -> str:
    """A stacked bar chart: one bar per row label, one colour per column."""
    c = stat.count
    data = values(stat)
    series = list(c.columns) if len(c.columns) > 1 else [c.total_label]
    stacks: dict[str, float] = {r: 0 for r in c.rows}
    for d in data:
        stacks[d["row"]] += d["value"]
    top = max(stacks.values(), default=0) or 1
    step = _nice(top)
    top = step * -(-top // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    band = plot_w / max(len(c.rows), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="t d" width="{WIDTH}" height="{HEIGHT}">',
             f'<title id="t">{escape(c.title)}</title>',
             '<desc id="d">Bar chart of the figures in the table that follows; hidden figures are left out.</desc>',
             '<g font-family="DejaVu Sans, sans-serif" font-size="10" fill="#0b0c0c">']
    y = 0
    while y <= top:
        py = TOP + plot_h - plot_h * y / top
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py:.1f}" y2="{py:.1f}" stroke="#d8dadb"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{py + 3:.1f}" text-anchor="end">{int(y)}</text>')
        y += step
    base = {r: 0.0 for r in c.rows}
    colour = {s: COLOURS[i % len(COLOURS)] for i, s in enumerate(series)}
    for d in data:
        i = c.rows.index(d["row"])
        h = plot_h * d["value"] / top
        x = LEFT + i * band + band * 0.15
        yv = TOP + plot_h - plot_h * base[d["row"]] / top - h
        base[d["row"]] += d["value"]
        parts.append(f'<rect x="{x:.1f}" y="{yv:.1f}" width="{band * 0.7:.1f}" height="{h:.1f}" '
                     f'fill="{colour[d["series"]]}"/>')
    for i, r in enumerate(c.rows):
        x = LEFT + i * band + band / 2
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">{escape(r[:14])}</text>')
    if len(series) > 1:
        lx, ly = LEFT, HEIGHT - 36
        for s in series:
            parts.append(f'<rect x="{lx}" y="{ly}" width="9" height="9" fill="{colour[s]}"/>')
            parts.append(f'<text x="{lx + 12}" y="{ly + 8}">{escape(s[:24])}</text>')
            lx += 150
            if lx > WIDTH - 150:
                lx, ly = LEFT, ly + 14
    parts.append("</g></svg>")
    return "".join(parts)


def _nice(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if top / step <= 6:
            return step
    return int(top // 5) or 1
