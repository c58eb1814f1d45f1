"""Small template helpers used across apps."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
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


@register.simple_tag
def link(viewname: str, *args) -> str:
    """``{% url %}`` for rows of a table: the same address, remembered once worked out.

    Reversing a URL costs tens of microseconds of regex work, and a dashboard reverses one
    or two per row: a third of the page's rendering time before this. The address depends
    only on the URL configuration, the script prefix and the arguments, so all three are the
    key.
    """
    return _reverse(get_script_prefix(), get_urlconf(), viewname, tuple(str(a) for a in args))


@lru_cache(maxsize=16384)
def _reverse(prefix: str, urlconf, viewname: str, args: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget_reversed(*, setting, **kwargs) -> None:
    """Tests that swap the URL configuration must not see addresses from the old one."""
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


@register.simple_tag
def hidden_people(count: int, noun: str = "person", others: bool = True) -> str:
    """"1 other person you do not have access to" (``lantern.access.naming.hidden_phrase``).

    Templates call ``{% hidden_people named.hidden others=named.shown %}`` after a list that
    ``split_named`` has cut; the count is all they ever learn of the people left out.
    """
    from lantern.access.naming import hidden_phrase

    return hidden_phrase(int(count or 0), others=bool(others), noun=noun)
