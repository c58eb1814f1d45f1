"""NRM timescales for a child: pure functions, no Django, one answer for screens and scripts.

Why one module: ``manage.py nrm_timescales``, the referral form's pre-filled dates, the
referral page and the demo all ask the same four questions, and a deadline shown two ways is
worse than none. Working days and the England and Wales bank holidays come from
``lantern.access.workdays`` (one table for the whole service).

The rules, with the boundary decisions spelled out (docs/adr/0017-nrm-and-section-45.md):

* **Reasonable grounds due**: 5 working days after the referral was submitted. The day of
  submission is day 0 and never counts, whatever time it was sent; weekends and England and
  Wales bank holidays (substitute days included) do not count. A referral submitted on a
  Saturday or a bank holiday starts counting from the next working day, the same as one
  submitted late on the working day before.
* **Earliest conclusive grounds**: 30 calendar days after the reasonable grounds decision (the
  decision day is day 0, so a decision on 1 March allows a conclusive decision from 31 March).
  No reasonable grounds decision yet: no date (``None``).
* **Days to 18**: calendar days from the referral date to the child's 18th birthday (negative
  once they are 18). A child born on 29 February turns 18 on 1 March, because their birthday
  does not exist in the 18th year (18 is not a multiple of 4, so that year is never a leap
  year), and the law counts an age as reached at the start of the anniversary.
* **Devolved eligible**: the partnership is in the devolved decision-making pilot *and* the
  child is **more than** 100 days from their 18th birthday on the referral date: 101 days or
  more is eligible, exactly 100 is not. Otherwise the Home Office decides, so that a decision
  cannot fall after the child has become an adult while still in a children's panel.

Example::

    >>> import datetime as dt
    >>> reasonable_grounds_due(dt.date(2026, 12, 24))   # Christmas, Boxing Day on Monday 28th
    datetime.date(2027, 1, 5)
    >>> conclusive_grounds_earliest(dt.date(2027, 1, 5))
    datetime.date(2027, 2, 4)
    >>> eighteenth_birthday(dt.date(2008, 2, 29))
    datetime.date(2026, 3, 1)
    >>> days_to_18(referred=dt.date(2025, 11, 20), dob=dt.date(2008, 2, 29))
    101
    >>> devolved_eligible(referred=dt.date(2025, 11, 20), dob=dt.date(2008, 2, 29), pilot=True)
    True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lantern.access.workdays import add_working_days

__all__ = [
    "ADULT_AGE",
    "CONCLUSIVE_GROUNDS_MIN_DAYS",
    "DEVOLVED_MIN_DAYS_TO_18",
    "REASONABLE_GROUNDS_WORKING_DAYS",
    "Timescales",
    "conclusive_grounds_earliest",
    "days_to_18",
    "devolved_eligible",
    "eighteenth_birthday",
    "reasonable_grounds_due",
    "timescales",
]

REASONABLE_GROUNDS_WORKING_DAYS = 5
CONCLUSIVE_GROUNDS_MIN_DAYS = 30
#: A devolved panel decides only when the child is *more than* this many days from 18.
DEVOLVED_MIN_DAYS_TO_18 = 100
ADULT_AGE = 18


def reasonable_grounds_due(referred: dt.date) -> dt.date:
    """The day the reasonable grounds decision is due: 5 working days after ``referred``.

    >>> reasonable_grounds_due(dt.date(2026, 3, 2))    # Monday -> the next Monday
    datetime.date(2026, 3, 9)
    >>> reasonable_grounds_due(dt.date(2026, 3, 7))    # a Saturday counts from Monday
    datetime.date(2026, 3, 13)
    """
    return add_working_days(referred, REASONABLE_GROUNDS_WORKING_DAYS)


def conclusive_grounds_earliest(rg_decision: dt.date | None) -> dt.date | None:
    """The first day a conclusive grounds decision may be made (None before a reasonable
    grounds decision).

    >>> conclusive_grounds_earliest(dt.date(2026, 3, 1))
    datetime.date(2026, 3, 31)
    >>> conclusive_grounds_earliest(None) is None
    True
    """
    if rg_decision is None:
        return None
    return rg_decision + dt.timedelta(days=CONCLUSIVE_GROUNDS_MIN_DAYS)


def eighteenth_birthday(dob: dt.date) -> dt.date:
    """The date the child turns 18 (29 February births: 1 March).

    >>> eighteenth_birthday(dt.date(2009, 6, 15))
    datetime.date(2027, 6, 15)
    """
    try:
        return dob.replace(year=dob.year + ADULT_AGE)
    except ValueError:  # 29 February in a year that has none
        return dt.date(dob.year + ADULT_AGE, 3, 1)


def days_to_18(*, referred: dt.date, dob: dt.date) -> int:
    """Calendar days from ``referred`` to the 18th birthday (0 on the birthday, negative after).

    >>> days_to_18(referred=dt.date(2027, 6, 14), dob=dt.date(2009, 6, 15))
    1
    """
    return (eighteenth_birthday(dob) - referred).days


def devolved_eligible(*, referred: dt.date, dob: dt.date | None, pilot: bool) -> bool:
    """Whether a devolved panel (not the Home Office) decides: in the pilot and more than 100
    days from 18 on the referral date. An unknown date of birth is not eligible: the panel
    cannot show the decision will come before the child is an adult.

    >>> devolved_eligible(referred=dt.date(2026, 1, 1), dob=dt.date(2008, 4, 12), pilot=True)
    True
    >>> devolved_eligible(referred=dt.date(2026, 1, 1), dob=dt.date(2008, 4, 11), pilot=True)
    False
    """
    if not pilot or dob is None:
        return False
    return days_to_18(referred=referred, dob=dob) > DEVOLVED_MIN_DAYS_TO_18


@dataclass(frozen=True)
class Timescales:
    """Everything ``manage.py nrm_timescales`` prints, in its order."""

    reasonable_grounds_due: dt.date
    conclusive_grounds_earliest: dt.date | None
    devolved_eligible: bool
    days_to_18: int

    def to_dict(self) -> dict:
        """JSON-safe: ISO dates, ``None`` for no date yet."""
        cg = self.conclusive_grounds_earliest
        return {
            "reasonable_grounds_due": self.reasonable_grounds_due.isoformat(),
            "conclusive_grounds_earliest": cg.isoformat() if cg else None,
            "devolved_eligible": self.devolved_eligible,
            "days_to_18": self.days_to_18,
        }


def timescales(
    *, referred: dt.date, dob: dt.date, rg_decision: dt.date | None = None, pilot: bool
) -> Timescales:
    """All four answers for one referral.

    >>> timescales(referred=dt.date(2027, 12, 23), dob=dt.date(2010, 5, 1), pilot=True).to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'reasonable_grounds_due': '2028-01-04', 'conclusive_grounds_earliest': None,
     'devolved_eligible': True, 'days_to_18': 130}
    """
    return Timescales(
        reasonable_grounds_due=reasonable_grounds_due(referred),
        conclusive_grounds_earliest=conclusive_grounds_earliest(rg_decision),
        devolved_eligible=devolved_eligible(referred=referred, dob=dob, pilot=pilot),
        days_to_18=days_to_18(referred=referred, dob=dob),
    )
