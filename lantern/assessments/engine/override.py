"""Checks for a professional-judgement override of the computed level.

Why: professional judgement is as important as the score (CERAF guidance), so the final level may
differ from the computed one, but only with a written reason someone else can read and approve.
The Django side stores the override and the approver; this only says whether it is acceptable.
"""

from __future__ import annotations

from .definition import ToolDefinition
from .errors import OverrideError

MIN_RATIONALE = 20


def validate_override(
    computed_level: str,
    final_level: str,
    rationale: str | None,
    *,
    tool: ToolDefinition | None = None,
) -> str:
    """Return the cleaned rationale, or raise :class:`OverrideError` saying what is missing.

    >>> validate_override("category_2", "category_2", "")
    ''
    >>> validate_override("category_2", "category_3", "  Missing episode after the panel.  ")
    'Missing episode after the panel.'
    """
    rationale = (rationale or "").strip()
    if not final_level:
        raise OverrideError("Choose a final level")
    if tool is not None:
        for code in (computed_level, final_level):
            if code not in tool.bands_by_code:
                known = ", ".join(b.code for b in tool.bands)
                raise OverrideError(
                    f"'{code}' is not a level of {tool.slug} v{tool.version} (levels: {known})"
                )
    if final_level != computed_level and len(rationale) < MIN_RATIONALE:
        raise OverrideError(
            f"Explain why the level differs from the computed level ({computed_level}) in at "
            f"least {MIN_RATIONALE} characters"
        )
    return rationale
