"""Template helpers for assessments, including the links shown on a child's record.

``{% assessment_links person %}`` on ``people/person_detail.html`` shows "Start an assessment" and
"Assessments" only to people the policy allows, so the people app needs no knowledge of ours.
"""

from __future__ import annotations

import re

from django import template

from lantern.access.matrix import allows
from lantern.assessments import policies

register = template.Library()


@register.inclusion_tag("assessments/_person_links.html", takes_context=True)
def assessment_links(context, person) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"show": False}
    can_view = allows(user, "assessments:history", "GET") and policies.can_view_person(user, person)
    can_start = allows(user, "assessments:start", "GET") and policies.can_start(user, person)
    latest = None
    if can_view:
        latest = (
            person.assessments.exclude(status="draft")
            .exclude(kind="outcome")
            .order_by("-as_at", "-id")
            .first()
        )
    return {
        "show": can_view or can_start,
        "person": person,
        "can_view": can_view,
        "can_start": can_start,
        "latest": latest,
    }


@register.filter
def points(value) -> str:
    """'+5', '0', '-1' for a rule's points."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return ""
    return f"+{n}" if n > 0 else str(n)


@register.filter
def iso_date(value) -> str:
    """'2026-03-14' (as stored in results) as '14 March 2026'."""
    import datetime as dt

    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


_FALL = re.compile(
    r"^If nothing new is recorded, this would fall to (?P<label>.+) \(score (?P<score>\d+)\) on "
    r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4}), (?P<reason>.+)\.$"
)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@register.filter
def as_of_today(sentence: str, today=None) -> str:
    """A stored "would fall to ... on <date>" sentence, worded for the day it is read.

    Why: the sentence is worked out when the assessment is scored, as at its date. Read later
    (or for a back-dated assessment), the date can already be past, and "would fall on" a day
    gone by is wrong: the level the evidence supports has already dropped. Past dates are said
    in the past tense, with a prompt to review; today's and later dates are left as stored.
    """
    import datetime as dt

    from django.utils import timezone

    match = _FALL.match(sentence or "")
    if not match:
        return sentence
    try:
        when = dt.date(int(match["year"]), _MONTHS.index(match["month"]) + 1, int(match["day"]))
    except ValueError:
        return sentence
    today = today or timezone.localdate()
    if when >= today:
        return sentence
    date_text = f"{when.day} {match['month']} {when.year}"
    return (
        f"Nothing new has been recorded in this assessment since, so from {date_text}, "
        f"{match['reason']}, the evidence in it supports {match['label']} "
        f"(score {match['score']}). Consider a review."
    )
