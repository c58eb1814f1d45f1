"""How a person's role in a link is shown: the one rule that a child is never only a suspect.

A child linked as a suspect (carrying drugs for a line, say) is first a child being exploited.
Every screen, export and selector that shows a person's role in a link goes through
``shown_roles``: for a child whose role is "suspect" it gives both "Suspect" and "also a possible
victim", so no page can show a child as a suspect alone.

Example::

    shown_roles("suspect", is_child=True)   # ["Suspect", "also a possible victim"]
    shown_roles("suspect", is_child=False)  # ["Suspect"]
"""

from __future__ import annotations

import datetime as dt

from lantern.intelligence.choices import Role

ALSO_POSSIBLE_VICTIM = "also a possible victim"


def shown_roles(role: str, *, is_child: bool) -> list[str]:
    """Labels for ``role`` as shown to people (empty when no role is recorded)."""
    if not role:
        return []
    label = dict(Role.choices).get(role, role)
    if is_child and role == Role.SUSPECT:
        return [label, ALSO_POSSIBLE_VICTIM]
    return [label]


def role_text(role: str, *, is_child: bool) -> str:
    """``shown_roles`` as one phrase: "Suspect, also a possible victim"."""
    return ", ".join(shown_roles(role, is_child=is_child))


def is_child(kind: str, date_of_birth: dt.date | None, on: dt.date | None = None) -> bool:
    """A child record, or anyone under 18 on ``on`` (today if not given): an adult record with a
    date of birth less than 18 years ago is still a child for this rule."""
    if kind == "child":
        return True
    if date_of_birth is None:
        return False
    on = on or dt.date.today()
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month,
                                                                   date_of_birth.day))
    return years < 18
