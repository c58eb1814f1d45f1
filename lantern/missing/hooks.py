"""Reactions to a child's return from a missing or absent episode.

Why a registry like ``lantern.people.critical``: the return is the moment a return home
interview falls due and the child's school should hear (Operation Encompass style) before the
next school day. The missing app does not know about schools; the schools app registers a
handler in its ``AppConfig.ready()``::

    from lantern.missing.hooks import on_return
    on_return(notify_school_of_return)

Handlers receive ``(episode, actor)`` and run inside the service's transaction, so a failure
rolls the return back rather than leaving a child's school untold.
"""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[..., None]
_HANDLERS: list[Handler] = []


def on_return(handler: Handler) -> Handler:
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)
    return handler


def notify_return(*, episode, actor) -> None:
    for handler in list(_HANDLERS):
        handler(episode=episode, actor=actor)


_MENTION_HANDLERS: list[Handler] = []


def on_mention(handler: Handler) -> Handler:
    """Register ``handler(interview, actor)``, run when a return home interview's mentions
    change (added or removed); the intelligence app turns them into a partner submission."""
    if handler not in _MENTION_HANDLERS:
        _MENTION_HANDLERS.append(handler)
    return handler


def notify_mention(*, interview, actor) -> None:
    for handler in list(_MENTION_HANDLERS):
        handler(interview=interview, actor=actor)
