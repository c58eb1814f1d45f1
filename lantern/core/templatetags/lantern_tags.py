"""Small template helpers used across apps."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def age(dob: dt.date | None, on: dt.date | None = None) -> str:
    """Age in whole years ("15"), or "" when the date of birth is unknown."""
    if not dob:
        return ""
    today = on or timezone.localdate()
    years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
    return str(years)


@register.filter
def uk_date(value) -> str:
    """"27 March 2009" — the GOV.UK style for dates."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"
