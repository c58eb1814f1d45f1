"""Loose links to the assessments app (screening, distance travelled).

Why loose: cases must work before and without the assessments app; a case stores only the id of
a completed assessment. When ``lantern.assessments`` is installed these helpers offer its start
page and the child's outcome assessments; otherwise the forms take a plain assessment number.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse

OUTCOME_KIND = "outcome"


def _assessment_model():
    if not apps.is_installed("lantern.assessments"):
        return None
    try:
        return apps.get_model("assessments", "Assessment")
    except LookupError:
        return None


def assessment_start_url(person_id: int, tool: str = "") -> str | None:
    """The assessments app's "start an assessment" page for the child, if there is one."""
    if _assessment_model() is None:
        return None
    try:
        url = reverse("assessments:start", args=[person_id])
    except NoReverseMatch:
        return None
    return f"{url}?tool={tool}" if tool else url


def outcome_assessments(person) -> list[tuple[int, str]]:
    """(id, label) for the child's outcome (distance-travelled) assessments, newest first."""
    model = _assessment_model()
    if model is None:
        return []
    try:
        rows = model.objects.filter(person=person, kind=OUTCOME_KIND).order_by("-id")[:20]
        return [(a.pk, f"{getattr(a, 'tool_title', 'Assessment')} (number {a.pk})") for a in rows]
    except Exception:  # noqa: BLE001 - a changed schema must not stop a case closing
        return []


def is_valid_assessment(person, assessment_id: int) -> bool:
    """Whether the id names an assessment of this child (any positive id without the app)."""
    if assessment_id is None or assessment_id <= 0:
        return False
    model = _assessment_model()
    if model is None:
        return True
    return model.objects.filter(pk=assessment_id, person=person).exists()


SCREEN_KIND = "screen"
DRAFT = "draft"


def completed_screens(*, actor, person_id: int | None) -> list[tuple[int, str]]:
    """(id, label) for the child's finished short screens, newest first, for a triage worker to
    pick the one behind a screening (never a number to type). The actor must be able to open
    the child; without the assessments app, or without a child, there are none."""
    from lantern.access.policies import person_policy
    from lantern.access.scopes import VIEW

    model = _assessment_model()
    if model is None or person_id is None:
        return []
    if person_id not in person_policy.visible_ids(actor, VIEW, [person_id]):
        return []
    rows = (
        model.objects.filter(person_id=person_id, kind=SCREEN_KIND)
        .exclude(status=DRAFT).order_by("-as_at", "-id")[:10]
    )
    out = []
    for a in rows:
        level = getattr(a, "final_level_label", "") or getattr(a, "computed_level_label", "")
        label = f"{a.tool_title}, {a.as_at:%-d %B %Y}" + (f": {level}" if level else "")
        out.append((a.pk, label))
    return out
