"""Exceptions raised by the assessment engine.

Every error the engine raises is an :class:`EngineError`, so callers (the Django app, the
``score_assessment`` command, a system check) can catch one type and show the message as it is:
messages are written for the person who has to fix the file or the answers, not for a developer.
"""

from __future__ import annotations

from pathlib import Path


class EngineError(Exception):
    """Base class for every error the assessment engine raises on purpose."""


class DefinitionError(EngineError):
    """A tool definition file is malformed.

    The message always names the file and, when the problem can be pinned to a place, the line, so
    that a partnership dropping in its own tool can fix it without reading engine code:

    >>> str(DefinitionError("tools/x/v1.yaml", 12, "bands overlap"))
    'tools/x/v1.yaml, line 12: bands overlap'
    """

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class UnknownTool(EngineError, LookupError):
    """No definition exists for the requested tool slug, or for the requested version of it."""


class AnswersError(EngineError, ValueError):
    """Answers cannot be scored against the tool (unknown indicator, bad date, wrong tool...).

    ``problems`` lists every problem found, so a form or a bulk import can show them all at once.
    """

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems: " + "; ".join(self.problems)
        super().__init__(message)


class OverrideError(EngineError, ValueError):
    """A professional-judgement override is not acceptable as given (e.g. no rationale)."""
