"""NRM referrals by form of exploitation and outcome, through disclosure control."""

from __future__ import annotations

import pytest

from lantern.nrm.selectors import referral_statistics
from lantern.nrm.tests.factories import (
    PendingReferralFactory,
    PositiveReasonableGroundsReferralFactory,
)

pytestmark = pytest.mark.django_db


def test_counts_by_type_and_outcome_with_small_numbers_hidden():
    for _ in range(6):
        PendingReferralFactory()  # criminal + County Lines, pending
    for _ in range(2):
        PositiveReasonableGroundsReferralFactory(kinds=["sexual"], county_lines=False)
    stats = referral_statistics(threshold=5)
    assert stats["by_type"]["sexual"] is None  # 2 is below the threshold
    assert stats["by_type"]["labour"] == 0  # a true zero is shown
    # Secondary suppression: never a single hidden figure a total could give back.
    assert sum(v is None for v in stats["by_type"].values()) >= 2
    assert stats["by_outcome"]["rg_positive"] is None
    assert sum(v is None for v in stats["by_outcome"].values()) >= 2
    assert stats["referrals"] is None  # it would give the hidden outcomes back
    shown = {k: v for k, v in stats["by_type"].items() if v}
    assert set(shown.values()) <= {6}


def test_everything_shown_when_counts_are_large():
    for _ in range(5):
        PendingReferralFactory()
    stats = referral_statistics(threshold=5)
    assert stats["referrals"] == 5 and stats["by_outcome"]["pending"] == 5
