"""What every demo-data extension shares: the seed's calendar, a stopped clock, bookkeeping.

**Dates.** Everything is placed relative to the seed's today: the as-at date the world was
generated for (``SeedRun.as_at``; ``seed_demo`` uses today's date unless ``--as-at`` is given),
never the wall clock, so the same seed and as-at date give the same rows on any day. The
``extension`` wrapper sets it for the run (``seeding_as_at``); ``today()`` and ``day(offset)``
read it. Things a school does happen on school days (``school_day``), whatever weekday the
as-at date is.

**The stopped clock.** The apps' services stamp "today" and "now" themselves: a case opens
today and its first review is six weeks later; a critical event brings the next review forward
to five working days after today; a return home interview falls due 72 hours after the return;
a school notice is due before the next school day. ``clock(at)`` runs a service as if it were
``at``, so each of those rules gives the date it would have given then and the demo's history
hangs together. It replaces ``django.utils.timezone.now`` (which ``localdate``, ``localtime``
and ``auto_now`` fields read), and afterwards re-dates the few rows whose model default holds
the original function. Not thread-safe: for the seed command and tests only, which load in one
thread.

**Audit.** The services audit as usual, at the story's times (the clock is stopped for the
audit service too, so the data protection officer's view reads like the casework). While an
extension runs, the request id of every audit event is ``seed:<seed>``, so the demo history can
always be told apart from what people do later (``seed_made`` reads it back, e.g. to find the
seed's referrals when the seed is cleared).

**Bookkeeping.** ``extension`` wraps each module's ``seed`` function: it tags the audit events,
adds the module's counts and the chronology events it made to ``SeedRun.counts``, and attaches
``clear`` (remove rows that would stop the seeded people being deleted) and ``digest_rows``
(content by synthetic id, for ``loader.db_digest``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import random
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
SEED_REQUEST_PREFIX = "seed:"

_AS_AT: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("seed_as_at", default=None)


@contextlib.contextmanager
def seeding_as_at(as_at: dt.date) -> Iterator[dt.date]:
    """Within the block the seed's today is ``as_at`` (set once per run by ``extension``)."""
    token = _AS_AT.set(as_at)
    try:
        yield as_at
    finally:
        _AS_AT.reset(token)


def today() -> dt.date:
    """The seed's today: the as-at date of the run being seeded."""
    as_at = _AS_AT.get()
    if as_at is None:
        raise RuntimeError("No seed is running: the seed's today is set by seeding_as_at() "
                           "(the extension wrapper does it for every extension).")
    return as_at


def day(offset: int) -> dt.date:
    """``offset`` days after the seed's today (negative: before)."""
    return today() + dt.timedelta(days=offset)


def school_day(offset: int) -> dt.date:
    """The school day on or before ``day(offset)``: a school records a suspension or raises a
    concern on a school day, so a weekend or bank holiday moves back to the one before."""
    return school_day_on_or_before(day(offset))


def school_day_on_or_before(when: dt.date) -> dt.date:
    from lantern.schools.schooldays import is_school_day

    while not is_school_day(when):
        when -= dt.timedelta(days=1)
    return when


def at(when: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A London wall-clock moment on ``when``."""
    return dt.datetime.combine(when, dt.time(hour, minute), tzinfo=LONDON)


def rng(seed: int, name: str) -> random.Random:
    """A generator of its own for each extension, so adding one never shifts another's data."""
    return random.Random(f"{seed}:{name}")


def _stamped_by_default() -> list[tuple[type, str]]:
    """Fields whose default is ``timezone.now`` itself (captured before the clock stops)."""
    from lantern.cases.models import Alert, Resurfacing
    from lantern.referrals.models import Referral, ReferralChild

    return [(Referral, "received_at"), (ReferralChild, "linked_at"), (Alert, "created_at"),
            (Resurfacing, "created_at")]


@contextlib.contextmanager
def clock(when: dt.datetime) -> Iterator[dt.datetime]:
    """Run the block as if it were ``when`` (an aware datetime)."""
    from django.utils import timezone

    if when.tzinfo is None:
        raise ValueError("clock() needs an aware datetime")
    frozen = when.astimezone(dt.UTC)
    wall_clock = timezone.now
    started = wall_clock()
    timezone.now = lambda: frozen
    try:
        yield when
    finally:
        timezone.now = wall_clock
    # Rows stamped by a default that still holds the real ``now`` were made in the block (the
    # story is in the past, so nothing else the seed wrote is as recent).
    for model, name in _stamped_by_default():
        model.objects.filter(**{f"{name}__gte": started}).update(**{name: frozen})


@contextlib.contextmanager
def audit_tag(seed: int) -> Iterator[None]:
    from lantern.core.middleware import current_request_id

    token = current_request_id.set(f"{SEED_REQUEST_PREFIX}{seed}")
    try:
        yield
    finally:
        current_request_id.reset(token)


def seed_made(action: str, key: str) -> set[int]:
    """Ids (``detail[key]``) of audit events ``action`` written while the seed ran."""
    from lantern.audit.models import AuditEvent

    details = AuditEvent.objects.filter(
        action=action, request_id__startswith=SEED_REQUEST_PREFIX
    ).values_list("detail", flat=True)
    return {d[key] for d in details if isinstance(d, dict) and isinstance(d.get(key), int)}


class Steps:
    """Things to do at moments in the story, run in time order on the stopped clock.

    A step may add more steps (opening a case adds its plan, contacts and reviews); they join
    the queue in time order.
    """

    def __init__(self) -> None:
        self._steps: list[tuple[dt.datetime, int, Callable]] = []
        self._added = 0

    def add(self, when: dt.datetime, fn: Callable) -> None:
        self._added += 1
        self._steps.append((when, self._added, fn))

    def run(self) -> None:
        while self._steps:
            self._steps.sort(key=lambda s: (s[0], s[1]))
            when, _, fn = self._steps.pop(0)
            with clock(when):
                fn()


def acknowledge_old_alerts(people) -> None:
    """Alerts more than ten days old have been read (the next morning); recent ones wait on the
    recipient's dashboard."""
    from lantern.cases.models import Alert
    from lantern.cases.services import alert_acknowledge

    seeded = [p.pk for p in people.values()]
    old = Alert.objects.filter(person_id__in=seeded, acknowledged_at__isnull=True,
                               created_at__lt=at(day(-10), 0))
    for alert in old.select_related("recipient").order_by("pk"):
        with clock(alert.created_at + dt.timedelta(hours=18)):
            alert_acknowledge(actor=alert.recipient, alert=alert)


def extension(*, name: str, clear: Callable | None = None, digest: Callable | None = None):
    """Make ``fn(*, run, world, people, users) -> dict of counts`` a seed extension."""

    def wrap(fn):
        @functools.wraps(fn)
        def seed(*, run, world, people, users):
            from lantern.people.models import ChronologyEvent

            before = ChronologyEvent.objects.count()
            with audit_tag(run.seed), seeding_as_at(run.as_at):
                counts = fn(run=run, world=world, people=people, users=users) or {}
            run.counts.update(counts)
            run.counts["events"] = run.counts.get("events", 0) + (
                ChronologyEvent.objects.count() - before
            )
            run.save(update_fields=["counts"])
            return counts

        seed.extension_name = name
        seed.clear = clear
        seed.digest_rows = digest
        return seed

    return wrap
