"""Reactions to a plan action being added to a place or group, registered by other apps.

Why a registry: the disruption register (``lantern.disruption``) builds on contexts, so contexts
must not import it. ``context_add_action`` calls ``action_added`` inside its transaction, so the
plan action and, say, its disruption register entry commit or roll back together::

    from lantern.contexts.hooks import on_action_added
    on_action_added(lambda *, actor, action: ...)
"""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[..., None]
_HANDLERS: list[Handler] = []


def on_action_added(handler: Handler) -> Handler:
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)
    return handler


def action_added(*, actor, action) -> None:
    for handler in list(_HANDLERS):
        handler(actor=actor, action=action)
