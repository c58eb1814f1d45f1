"""Window boundaries, tested through ``score`` so the whole path (bounds, caching) is covered.

The oracle below is written independently of ``months_before`` (a loop using the ``date``
constructor to find the clamped day), so a shared bug cannot make both sides agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lantern.assessments.engine import load_tool, score
from lantern.assessments.tests.helpers import answers

TRICKY = [
    date(2019, 8, 31),
    date(2020, 8, 31),
    date(2020, 2, 29),
    date(2024, 2, 29),
    date(2019, 3, 31),
    date(2019, 12, 31),
    date(2020, 1, 31),
    date(2021, 5, 31),
    date(2019, 6, 30),
    date(2019, 7, 1),
]
as_at_dates = st.one_of(
    st.sampled_from(TRICKY), st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
)
offsets = st.integers(min_value=-5, max_value=500)


def oracle_start(as_at: date, n: int) -> date:
    """First day inside an n-month window: same day n months back, or that month's last day."""
    year, month = as_at.year, as_at.month - n
    while month <= 0:
        month += 12
        year -= 1
    day = as_at.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def _points(tool_slug, version, indicator, as_at, seen):
    tool = load_tool(tool_slug, version)
    result = score(
        answers(tool_slug, version, as_at, {indicator: [seen.isoformat()]}), tool, explain=False
    )
    return result.score


@settings(max_examples=300, deadline=None)
@given(as_at_dates, offsets)
@example(date(2019, 8, 31), 0)
def test_moderate_counts_within_six_months_only(as_at, back):
    seen = as_at - timedelta(days=back)
    expected = 1 if oracle_start(as_at, 6) <= seen <= as_at else 0
    assert _points("seraf-style", 1, "mod_substances", as_at, seen) == expected


@settings(max_examples=300, deadline=None)
@given(as_at_dates, offsets)
def test_moderate_counts_within_three_months_in_v2(as_at, back):
    seen = as_at - timedelta(days=back)
    expected = 1 if oracle_start(as_at, 3) <= seen <= as_at else 0
    assert _points("seraf-style", 2, "mod_substances", as_at, seen) == expected


@settings(max_examples=300, deadline=None)
@given(as_at_dates, offsets)
def test_significant_scores_five_recent_one_previous(as_at, back):
    seen = as_at - timedelta(days=back)
    if oracle_start(as_at, 6) <= seen <= as_at:
        expected = 5
    elif oracle_start(as_at, 12) <= seen < oracle_start(as_at, 6):
        expected = 1
    else:
        expected = 0
    assert _points("seraf-style", 1, "sig_images", as_at, seen) == expected


@settings(max_examples=200, deadline=None)
@given(as_at_dates, offsets)
def test_exploitation_risk_current_and_previous(as_at, back):
    seen = as_at - timedelta(days=back)
    if oracle_start(as_at, 3) <= seen <= as_at:
        expected = 5
    elif oracle_start(as_at, 6) <= seen < oracle_start(as_at, 3):
        expected = 2
    else:
        expected = 0
    assert _points("exploitation-risk", 1, "ser_moved", as_at, seen) == expected


@given(as_at_dates)
def test_exact_boundaries(as_at):
    for n, indicator, version in ((6, "mod_substances", 1), (3, "mod_substances", 2)):
        start = oracle_start(as_at, n)
        assert _points("seraf-style", version, indicator, as_at, start) == 1
        assert _points("seraf-style", version, indicator, as_at, start - timedelta(1)) == 0
    twelve = oracle_start(as_at, 12)
    assert _points("seraf-style", 1, "sig_images", as_at, twelve) == 1
    assert _points("seraf-style", 1, "sig_images", as_at, twelve - timedelta(1)) == 0


@given(as_at_dates)
def test_on_the_as_at_date_counts_and_the_day_after_is_ignored(as_at):
    assert _points("seraf-style", 1, "sig_images", as_at, as_at) == 5
    assert _points("seraf-style", 1, "sig_images", as_at, as_at + timedelta(1)) == 0
    assert _points("seraf-style", 1, "vul_loss", as_at, as_at) == 1
    assert _points("seraf-style", 1, "vul_loss", as_at, as_at + timedelta(1)) == 0


def test_month_end_worked_examples():
    # 31 Aug 2019 - 6 months = 28 Feb 2019: 28 Feb is in, 27 Feb is out.
    assert _points("seraf-style", 1, "mod_substances", date(2019, 8, 31), date(2019, 2, 28)) == 1
    assert _points("seraf-style", 1, "mod_substances", date(2019, 8, 31), date(2019, 2, 27)) == 0
    # Leap year: 31 Aug 2020 - 6 months = 29 Feb 2020.
    assert _points("seraf-style", 1, "mod_substances", date(2020, 8, 31), date(2020, 2, 29)) == 1
    assert _points("seraf-style", 1, "mod_substances", date(2020, 8, 31), date(2020, 2, 28)) == 0
    # As at a leap day: 12 months back is 28 Feb 2019.
    assert _points("seraf-style", 1, "sig_images", date(2020, 2, 29), date(2019, 2, 28)) == 1
    assert _points("seraf-style", 1, "sig_images", date(2020, 2, 29), date(2019, 2, 27)) == 0
    # 31 May - 3 months = 28 Feb (v2 moderate window).
    assert _points("seraf-style", 2, "mod_substances", date(2019, 5, 31), date(2019, 2, 28)) == 1
    assert _points("seraf-style", 2, "mod_substances", date(2019, 5, 31), date(2019, 2, 27)) == 0


def _month_only_points(as_at: date, month: str) -> int:
    result = score(answers("seraf-style", 1, as_at, {"sig_images": [month]}), explain=False)
    return result.score


def test_month_only_observation_counts_as_latest_possible_day():
    # Jan 2019 counts as 31 Jan 2019: still within 6 months on 31 Jul, out on 1 Aug.
    assert _month_only_points(date(2019, 7, 31), "2019-01") == 5
    assert _month_only_points(date(2019, 8, 1), "2019-01") == 1
    # The as-at month counts (as the as-at date); a later month is ignored.
    assert _month_only_points(date(2019, 6, 1), "2019-06") == 5
    assert _month_only_points(date(2019, 6, 30), "2019-07") == 0
