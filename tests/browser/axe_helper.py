"""Run axe-core (WCAG 2.2 AA rule set) on the page a browser test is looking at.

Why ``page.evaluate`` and not ``add_script_tag``: Lantern's Content-Security-Policy forbids inline
scripts, so an injected ``<script>`` with axe's source would be blocked (or we would have to turn
the CSP off for the test, and then the test would no longer see the page users see). Code run
through ``evaluate`` goes over the DevTools protocol and is not subject to the page's CSP.

Example::

    page.goto("/people/")
    assert_accessible(page, "search page")
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA: the partnership's accessibility target.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise FileNotFoundError(
            f"{AXE_PATH} is missing: run `make npm` (axe-core is a devDependency in package.json)"
        )
    return AXE_PATH.read_text()


def run_axe(page) -> list[dict]:
    """The axe violations on the current page (a list of axe result objects)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("summary") or "").replace("\n", " / ")
            lines.append(f"    at {target}: {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def assert_accessible(page, what: str = "") -> None:
    """Fail with a readable list when axe finds any WCAG 2.2 A/AA violation."""
    violations = run_axe(page)
    if violations:
        where = f"{what} ({page.url})" if what else page.url
        raise AssertionError(
            f"axe found {len(violations)} accessibility violation(s) on {where}:\n"
            + format_violations(violations)
        )
