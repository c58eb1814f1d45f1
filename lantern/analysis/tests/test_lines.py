"""County Lines as at a date: status from the history, not-yet-opened lines not counted."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.analysis.lines import STATUSES, counts_as_at, status_as_at

D = dt.date


def test_status_follows_the_history():
    h = [(D(2018, 3, 1), "active"), (D(2019, 1, 1), "disrupted"), (D(2019, 6, 1), "closed")]
    assert status_as_at(h, D(2018, 2, 28)) is None
    assert status_as_at(h, D(2018, 3, 1)) == "active"
    assert status_as_at(h, D(2019, 2, 1)) == "disrupted"
    assert status_as_at(h, D(2020, 1, 1)) == "closed"


def test_counts_by_area_with_zeros_and_total():
    lines = [
        ("North", [(D(2018, 3, 1), "active")]),
        ("North", [(D(2017, 1, 1), "active"), (D(2018, 1, 1), "closed")]),
        ("East", [(D(2019, 1, 1), "active"), (D(2019, 1, 20), "disrupted")]),
        ("West", [(D(2019, 3, 1), "active")]),  # not yet opened on 1 February 2019
    ]
    out = counts_as_at(lines=lines, as_at=D(2019, 2, 1))
    assert out == {
        "as_at": "2019-02-01",
        "areas": {"North": {"active": 1, "disrupted": 0, "closed": 1},
                  "West": {"active": 0, "disrupted": 0, "closed": 0},
                  "East": {"active": 0, "disrupted": 1, "closed": 0}},
        "total": {"active": 1, "disrupted": 1, "closed": 1},
    }
    assert list(out["areas"]) == ["North", "West", "East"]


@given(st.lists(st.tuples(st.sampled_from(["North", "West", "East"]),
                          st.lists(st.tuples(st.dates(D(2015, 1, 1), D(2026, 1, 1)),
                                             st.sampled_from(STATUSES)), max_size=3)),
                max_size=8),
       st.dates(D(2015, 1, 1), D(2026, 1, 1)))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_total_is_the_sum_of_areas_and_counts_opened_lines(lines, as_at):
    out = counts_as_at(lines=lines, as_at=as_at)
    for s in STATUSES:
        assert out["total"][s] == sum(a[s] for a in out["areas"].values())
    opened = sum(1 for _, h in lines if any(w <= as_at for w, _ in h))
    assert sum(out["total"].values()) == opened
