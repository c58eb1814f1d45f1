from __future__ import annotations

import datetime as dt

from lantern.core.forms import GovukDateField, GovukForm


class AsAtForm(GovukForm):
    """Look back: the alerts as they stood on an earlier date."""

    as_at = GovukDateField(label="Show alerts as at", required=False, allow_future=False,
                           earliest=dt.date(2015, 1, 1),
                           help_text="For example, 27 11 2026. Leave blank for today.")
