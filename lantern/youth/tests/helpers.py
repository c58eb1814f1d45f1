"""Helpers for posting the public form as a person would (after the minimum time)."""

from __future__ import annotations

import time

from lantern.youth.forms import started_token


def report_data(**overrides) -> dict:
    data = {
        "what_happened": "A man at the park keeps asking my friend to carry bags for him.",
        "about": "friend",
        "age_band": "13_15",
        "where": "",
        "contact_name": "",
        "contact_how": "",
        "contact_when": "",
        "website": "",
        "started": started_token(time.time() - 60),
    }
    data.update(overrides)
    return data
