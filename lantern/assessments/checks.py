"""Django system check: every tool definition (shipped and the partnership's own folder) loads.

Why a system check: a partnership dropping a malformed definition into
``LANTERN_EXTRA_TOOLS_DIR`` should find out from ``manage.py check`` (and CI's ``make lint``),
with the file and line named, not from a practitioner's 404 on the start page.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register("assessments")
def check_tool_definitions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from lantern.assessments import engine

    extra = getattr(settings, "LANTERN_EXTRA_TOOLS_DIR", "") or None
    messages: list[checks.CheckMessage] = []
    if extra:
        from pathlib import Path

        if not Path(extra).is_dir():
            messages.append(
                checks.Warning(
                    f"LANTERN_EXTRA_TOOLS_DIR is set to {extra}, which is not a folder",
                    hint="Create the folder or unset LANTERN_EXTRA_TOOLS_DIR.",
                    id="assessments.W001",
                )
            )
    for error in engine.validate_all(extra_dir=extra):
        messages.append(
            checks.Error(
                str(error),
                hint="Fix the tool definition file; assessments cannot use it until it loads.",
                obj=getattr(error, "path", None),
                id="assessments.E001",
            )
        )
    return messages
