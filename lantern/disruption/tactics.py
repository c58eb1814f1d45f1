"""The disruption tactics a partnership uses: configurable, because each area's legal toolkit
and wording differ. ``settings.LANTERN_DISRUPTION_TACTICS`` replaces the defaults with a list of
``(code, name, usual legal basis)``; codes already used stay readable even if dropped later.

Why not a database table: the list changes with the law, rarely, and must be the same on every
server and in every test; it is reviewed like the rest of the configuration.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_TACTICS: tuple[tuple[str, str, str], ...] = (
    ("cawn", "Child abduction warning notice",
     "Child Abduction Act 1984 s2; Children Act 1989 s49 (children in care)"),
    ("sexual_risk_order", "Sexual risk order", "Sexual Offences Act 2003 s122A"),
    ("str_order", "Slavery and trafficking risk order", "Modern Slavery Act 2015 s23"),
    ("stp_order", "Slavery and trafficking prevention order", "Modern Slavery Act 2015 s14-15"),
    ("closure_order", "Closure order",
     "Anti-social Behaviour, Crime and Policing Act 2014 s80"),
    ("hotel_information_request", "Hotel information request",
     "Anti-social Behaviour, Crime and Policing Act 2014 s116"),
    ("criminal_behaviour_order", "Criminal behaviour order",
     "Anti-social Behaviour, Crime and Policing Act 2014 s22"),
    ("gang_injunction", "Gang injunction", "Policing and Crime Act 2009 Part 4"),
    ("patrols", "Patrols and stop checks", "Police powers"),
    ("other", "Other disruption", ""),
)


def tactics() -> tuple[tuple[str, str, str], ...]:
    return tuple(getattr(settings, "LANTERN_DISRUPTION_TACTICS", None) or DEFAULT_TACTICS)


def choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name, _ in tactics()]


def name_of(code: str) -> str:
    return next((name for c, name, _ in tactics() if c == code), code.replace("_", " ").capitalize())


def usual_basis(code: str) -> str:
    return next((basis for c, _, basis in tactics() if c == code), "")
