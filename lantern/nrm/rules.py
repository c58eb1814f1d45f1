"""The section 45 rule: a child with exploitation indicators, charged, with no NRM referral.

Why a rule here and not a person's memory: a child made to hold or sell drugs is a victim of
exploitation first. Section 45 of the Modern Slavery Act 2015 gives a defence to a child who
committed an offence as a direct consequence of being exploited; the court, the prosecutor and
the defence need to hear about the exploitation before a plea or sentence, and an NRM referral
is the usual way it is evidenced. So when a charge is recorded for a child who shows
exploitation indicators and has no NRM referral, a first responder gets an urgent task and the
charge gets a section 45 information note (``lantern.nrm.services.charge_record``).

**Exploitation indicators** come from pluggable sources: dotted paths in
``settings.LANTERN_NRM_INDICATOR_SOURCES``, each a function ``source(person) -> list[str]`` of
reasons in words (empty: nothing found). Shipped:

* ``assessment_indicators``: the child's latest completed assessment of each risk tool reached
  **Medium or above in any exploitation domain** (the tool's domain profile: ``result["domains"]
  ["profile"]``, levels Low, Medium, High; tools without domains, such as the SERAF-style
  screens, add nothing).

A County Lines register does not exist yet; when it lands, its "this child is linked to a line"
function joins the setting and the rule needs no change.

Example::

    reasons = exploitation_indicators(person)
    if reasons and not has_nrm_referral(person): ...
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

#: Domain levels that count as exploitation indicators.
INDICATOR_LEVELS = frozenset({"Medium", "High"})
DEFAULT_SOURCES = ("lantern.nrm.rules.assessment_indicators",)

#: Exploitation-risk domains -> the NRM referral's forms of exploitation (for pre-filling).
DOMAIN_TYPES = {
    "cse": "sexual",
    "cce": "criminal",
    "county_lines": "county_lines",
    "modern_slavery_trafficking": "trafficking",
    "online_harm": "sexual",
}


def _sources() -> list[Callable]:
    paths = getattr(settings, "LANTERN_NRM_INDICATOR_SOURCES", DEFAULT_SOURCES)
    return [import_string(p) if isinstance(p, str) else p for p in paths]


def latest_risk_assessments(person) -> list:
    """The child's latest completed (not draft) assessment of each risk tool, newest first."""
    from django.apps import apps

    if not apps.is_installed("lantern.assessments"):
        return []
    Assessment = apps.get_model("assessments", "Assessment")
    latest: dict[str, object] = {}
    rows = (
        Assessment.objects.filter(person=person, kind="risk")
        .exclude(status="draft")
        .order_by("-as_at", "-id")
    )
    for a in rows:
        latest.setdefault(a.tool, a)
    return list(latest.values())


def _domain_titles(assessment) -> dict[str, str]:
    try:
        from lantern.assessments.selectors import tool_for

        return {d.id: d.title for d in tool_for(assessment).domains}
    except Exception:  # noqa: BLE001 - a tool no longer on disk still counts, by its ids
        return {}


def raised_domains(assessment) -> dict[str, str]:
    """{domain id: level} for the domains at Medium or above in a stored result."""
    profile = ((assessment.result or {}).get("domains") or {}).get("profile") or {}
    return {d: lvl for d, lvl in profile.items() if lvl in INDICATOR_LEVELS}


def assessment_indicators(person) -> list[str]:
    """Reasons from risk assessments: one line per assessment with a raised domain.

    "Child exploitation risk assessment (CERAF-style) on 2026-11-20: County Lines High,
    Child criminal exploitation Medium"
    """
    reasons = []
    for a in latest_risk_assessments(person):
        raised = raised_domains(a)
        if not raised:
            continue
        titles = _domain_titles(a)
        parts = ", ".join(f"{titles.get(d, d)} {lvl}" for d, lvl in raised.items())
        reasons.append(f"{a.tool_title} as at {a.as_at:%-d %B %Y}: {parts}")
    return reasons


def exploitation_indicators(person) -> list[str]:
    """Every source's reasons, in source order."""
    reasons: list[str] = []
    for source in _sources():
        reasons += list(source(person) or [])
    return reasons


def has_nrm_referral(person) -> bool:
    from lantern.nrm.models import NrmReferral

    return NrmReferral.objects.filter(person=person).exists()


def section45_reasons(person) -> list[str]:
    """Why the rule fires for a child just charged ([] when it does not): indicators and no
    NRM referral."""
    if has_nrm_referral(person):
        return []
    return exploitation_indicators(person)


def prefill_types(person) -> tuple[list[str], bool]:
    """Forms of exploitation and County Lines suggested by the child's raised domains."""
    kinds: list[str] = []
    for a in latest_risk_assessments(person):
        for domain in raised_domains(a):
            kind = DOMAIN_TYPES.get(domain)
            if kind and kind not in kinds:
                kinds.append(kind)
    county_lines = "county_lines" in kinds
    if county_lines and "criminal" not in kinds:
        kinds.append("criminal")
    return kinds, county_lines


def prefill_indicators(person) -> str:
    """The indicators behind the child's latest risk assessments, one a line, in the engine's
    own explained words (what was seen and when)."""
    lines = []
    for a in latest_risk_assessments(person):
        for fired in (a.result or {}).get("fired", []):
            if fired.get("indicator") and fired.get("why") and fired["why"] not in lines:
                lines.append(fired["why"])
    return "\n".join(lines)[:4000]
