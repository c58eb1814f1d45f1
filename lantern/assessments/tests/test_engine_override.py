"""Professional-judgement overrides need a written reason when the level changes."""

from __future__ import annotations

import pytest

from lantern.assessments.engine import OverrideError, load_tool, validate_override


def test_same_level_needs_no_rationale():
    assert validate_override("category_2", "category_2", None) == ""


def test_different_level_needs_twenty_characters():
    with pytest.raises(OverrideError, match="at least 20 characters"):
        validate_override("category_2", "category_3", "  too short          ")
    reason = "Missing again since the panel; new older associate."
    assert validate_override("category_2", "category_3", f"  {reason} ") == reason
    assert validate_override("category_3", "category_2", "x" * 20) == "x" * 20


def test_levels_must_exist_in_the_tool():
    tool = load_tool("seraf-style", 1)
    with pytest.raises(OverrideError, match="'category_5' is not a level of seraf-style v1"):
        validate_override("category_2", "category_5", "A long enough rationale here.", tool=tool)
    with pytest.raises(OverrideError, match="Choose a final level"):
        validate_override("category_2", "", "A long enough rationale here.")
