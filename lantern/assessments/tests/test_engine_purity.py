"""The engine stays Django-free and its documented examples stay true."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import lantern.assessments.engine as engine

ENGINE_DIR = Path(engine.__file__).parent
MODULES = sorted(m.name for m in pkgutil.iter_modules([str(ENGINE_DIR)]))


@pytest.mark.parametrize("module", MODULES)
def test_engine_modules_never_import_django_or_other_apps(module):
    tree = ast.parse((ENGINE_DIR / f"{module}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module)
    bad = {
        name
        for name in imported
        if name.split(".")[0] == "django"
        or (name.startswith("lantern.") and not name.startswith("lantern.assessments.engine"))
    }
    assert bad == set()


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples(module):
    mod = importlib.import_module(f"lantern.assessments.engine.{module}")
    failures, _ = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_public_api_is_exactly_all():
    for name in engine.__all__:
        assert hasattr(engine, name), name
    assert sorted(engine.__all__) == engine.__all__
    public = {n for n in vars(engine) if not n.startswith("_")}
    submodules = set(MODULES)
    assert public - submodules - {"annotations"} == set(engine.__all__)
