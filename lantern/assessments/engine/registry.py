"""Find tool definitions on disk: the shipped ones plus an optional partnership folder.

Layout: ``<tools dir>/<slug>/v<N>.yaml``. The shipped tools live in ``lantern/assessments/tools``.
A partnership that holds a licence for another tool drops its own definition into an extra folder
(the Django side passes ``settings.LANTERN_EXTRA_TOOLS_DIR``); a file there may add new tools or
new versions, but may not replace a shipped slug/version, so a stored assessment always means what
it meant when it was scored.

Definitions are parsed once per registry and cached; registries are cached per extra folder.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .definition import ToolDefinition
from .errors import DefinitionError, UnknownTool
from .loader import load_definition, version_from_filename

SHIPPED_TOOLS_DIR = Path(__file__).resolve().parent.parent / "tools"


@dataclass(frozen=True)
class ToolSummary:
    slug: str
    version: int
    title: str
    kind: str
    path: str
    shipped: bool


class Registry:
    """Definitions found in ``dirs`` (the first is treated as the shipped folder)."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = [Path(d) for d in dirs]
        self._files: dict[tuple[str, int], Path] | None = None
        self._clashes: list[DefinitionError] = []
        self._loaded: dict[tuple[str, int], ToolDefinition] = {}

    def _index(self) -> dict[tuple[str, int], Path]:
        if self._files is None:
            files: dict[tuple[str, int], Path] = {}
            for folder in self.dirs:
                if not folder.is_dir():
                    continue
                for path in sorted(folder.glob("*/v*.y*ml")):
                    version = version_from_filename(path)
                    if version is None:
                        continue
                    key = (path.parent.name, version)
                    if key in files:
                        self._clashes.append(
                            DefinitionError(
                                path,
                                None,
                                f"{key[0]} v{version} is already defined by {files[key]}; "
                                "a local folder may add tools or versions but not replace them",
                            )
                        )
                        continue
                    files[key] = path
            self._files = files
        return self._files

    def versions(self, slug: str) -> list[int]:
        return sorted(v for s, v in self._index() if s == slug)

    def load(self, slug: str, version: int | None = None) -> ToolDefinition:
        """The definition of ``slug`` at ``version`` (``None`` = the latest version)."""
        versions = self.versions(slug)
        if not versions:
            known = ", ".join(sorted({s for s, _ in self._index()})) or "none"
            raise UnknownTool(f"no assessment tool called '{slug}' (known tools: {known})")
        if version is None:
            version = versions[-1]
        key = (slug, int(version))
        if key not in self._index():
            listed = ", ".join(f"v{v}" for v in versions)
            raise UnknownTool(f"'{slug}' has no version {version} (available: {listed})")
        if key not in self._loaded:
            self._loaded[key] = load_definition(
                self._index()[key], expect_slug=slug, expect_version=key[1]
            )
        return self._loaded[key]

    def summaries(self) -> list[ToolSummary]:
        """Summaries of the loadable tools; broken files are left out (``validate`` names them)."""
        out = []
        for (slug, version), path in sorted(self._index().items()):
            try:
                tool = self.load(slug, version)
            except DefinitionError:
                continue
            shipped = bool(self.dirs) and path.is_relative_to(self.dirs[0])
            out.append(ToolSummary(slug, version, tool.title, tool.kind, str(path), shipped))
        return out

    def validate(self) -> list[DefinitionError]:
        """Every problem in every file (one per file), without stopping at the first."""
        index = self._index()
        errors = list(self._clashes)
        for slug, version in sorted(index):
            try:
                self.load(slug, version)
            except DefinitionError as exc:
                errors.append(exc)
        return errors


@functools.lru_cache(maxsize=8)
def get_registry(extra_dir: str | None = None) -> Registry:
    """The cached registry for the shipped tools plus ``extra_dir`` (if given)."""
    dirs = [SHIPPED_TOOLS_DIR]
    if extra_dir:
        dirs.append(Path(extra_dir))
    return Registry(dirs)


def _registry(extra_dir: str | Path | None) -> Registry:
    return get_registry(str(extra_dir) if extra_dir else None)


def load_tool(
    slug: str, version: int | None = None, *, extra_dir: str | Path | None = None
) -> ToolDefinition:
    """Load a tool definition; ``version=None`` gives the latest. Raises :class:`UnknownTool`.

    >>> load_tool("seraf-style", 1).bands[-1].code
    'category_4'
    """
    return _registry(extra_dir).load(slug, version)


def list_tools(
    *, extra_dir: str | Path | None = None, latest_only: bool = False
) -> list[ToolSummary]:
    """Every available tool version, sorted by slug then version."""
    summaries = _registry(extra_dir).summaries()
    if latest_only:
        latest = {s.slug: s for s in summaries}
        summaries = sorted(latest.values(), key=lambda s: s.slug)
    return summaries


def validate_all(*, extra_dir: str | Path | None = None) -> list[DefinitionError]:
    """Check every definition (for a Django system check); returns the problems, never raises.

    Reads the files afresh, so an edited definition is checked as it now stands.
    """
    dirs = [SHIPPED_TOOLS_DIR] + ([Path(extra_dir)] if extra_dir else [])
    return Registry(dirs).validate()
