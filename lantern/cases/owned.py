"""Plan actions a person owns, wherever the plan lives: "My actions".

A plan action can be given to anyone on Lantern who does the work and may see the child (a
police officer asked to disrupt an address, a practitioner in another team). Practitioners see
the actions due soon on "My caseload"; partners have no caseload, so "My actions" lists every
open action they own, from children's plans and, when the contexts app registers itself, from
the plans of places and peer groups.

Why a registry: ``lantern.contexts`` builds on cases, so cases must not import it. Each app
that holds plans registers a source in ``AppConfig.ready()`` (as critical events do).

Example::

    register_source(lambda actor: [...OwnedAction...])
    actions = owned_actions(actor)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from lantern.access.naming import Named

#: At most this many open actions from each source, the soonest due first.
SOURCE_LIMIT = 200


@dataclass(frozen=True)
class OwnedAction:
    """One open action, already checked against the owner's access, ready to show."""

    due_date: dt.date
    description: str
    status_label: str
    #: "Child's plan" or "Place or group": which plan the action belongs to.
    plan_kind: str
    #: Whose plan: the child's shown name or the place's name.
    about: str
    about_url: str
    update_url: str
    #: The child the row names, for the audit event (None for a place or group).
    person_id: int | None = None
    sort_key: tuple = field(default=(), compare=False)
    #: An action the owner may no longer open the child of: counted on "My actions", never
    #: shown (``hidden_row`` carries nothing that says whose plan it is).
    hidden: bool = False

    @classmethod
    def hidden_row(cls, *, due_date: dt.date, plan_kind: str) -> OwnedAction:
        return cls(
            due_date=due_date, description="", status_label="", plan_kind=plan_kind, about="",
            about_url="", update_url="", hidden=True,
        )

    @property
    def is_overdue(self) -> bool:
        return self.due_date < timezone.localdate()


Source = Callable[[object], list[OwnedAction]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    """Add a source of owned actions (idempotent, so a re-run ``ready()`` adds nothing)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def owned_actions_named(actor) -> Named[OwnedAction]:
    """Every open action the actor owns, soonest due first: those whose child they may still
    open, and a count of the rest (#10: counted, never named)."""
    rows = [row for source in _SOURCES for row in source(actor)]
    shown = sorted(
        (r for r in rows if not r.hidden), key=lambda r: (r.due_date, r.plan_kind, r.sort_key)
    )
    return Named(shown=shown, hidden=sum(1 for r in rows if r.hidden))


def owned_actions(actor) -> list[OwnedAction]:
    """Every open action the actor owns that they may still open, the soonest due first."""
    return owned_actions_named(actor).shown
