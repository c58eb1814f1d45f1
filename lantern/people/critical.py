"""Critical moments: arrest, missing episode, A&E attendance, exclusion or managed move, found
in another area. Each is a window of opportunity: the lead professional must hear at once and
the next review comes forward.

Why a small registry rather than signals: the chronology service calls ``notify_critical``
explicitly inside its transaction, so every reaction (an alert for the lead professional, a
review brought forward, a school told) commits or rolls back with the event itself. Apps
register handlers in their ``AppConfig.ready()``::

    from lantern.people.critical import on_critical_event
    on_critical_event(alert_lead_professional)

A handler receives ``(event, actor)`` where ``event`` is a ``ChronologyEvent``.
"""

from __future__ import annotations

from collections.abc import Callable

from lantern.people.choices import CRITICAL_EVENT_TYPES

Handler = Callable[..., None]
_HANDLERS: list[Handler] = []


def on_critical_event(handler: Handler) -> Handler:
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)
    return handler


def is_critical(event_type: str) -> bool:
    return event_type in CRITICAL_EVENT_TYPES


def notify_critical(*, event, actor) -> None:
    """Run every registered handler for a critical event (no-op for other events)."""
    if not is_critical(event.event_type):
        return
    for handler in list(_HANDLERS):
        handler(event=event, actor=actor)
