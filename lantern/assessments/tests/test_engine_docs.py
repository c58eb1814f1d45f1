"""The examples in the assessment docs are real: they load, score and fail as the docs say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lantern.assessments.engine import DefinitionError, load_tool, parse_answers, score

DOCS = Path(__file__).resolve().parents[3] / "docs"
REFERENCE = DOCS / "reference" / "assessment-answers.md"
HOW_TO = DOCS / "how-to" / "add-an-assessment-tool.md"


def blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def how_to_yaml() -> str:
    return blocks(HOW_TO, "yaml")[0]


def test_reference_example_scores_as_described():
    data = json.loads(blocks(REFERENCE, "json")[0])
    result = score(parse_answers(data))
    assert (result.score, result.level.code) == (12, "category_3")
    text = REFERENCE.read_text(encoding="utf-8")
    for key in result.to_dict():
        assert f"`{key}`" in text, f"result key {key} is not documented"


def test_reference_window_examples_hold():
    from datetime import date

    from lantern.assessments.engine import months_before

    text = REFERENCE.read_text(encoding="utf-8")
    assert "31 Aug 2019 minus 6 months is **28 Feb 2019**" in text
    assert months_before(date(2019, 8, 31), 6) == date(2019, 2, 28)
    assert "31 Aug 2020 minus 6 months is **29 Feb 2020**" in text
    assert months_before(date(2020, 8, 31), 6) == date(2020, 2, 29)


def test_how_to_example_is_a_valid_definition(tmp_path, how_to_yaml):
    folder = tmp_path / "local-screen"
    folder.mkdir()
    (folder / "v1.yaml").write_text(how_to_yaml, encoding="utf-8")
    tool = load_tool("local-screen", 1, extra_dir=tmp_path)
    assert [b.code for b in tool.bands] == ["low", "high"]
    assert tool.licence.startswith("Licensed to")


def test_how_to_error_example_is_what_the_engine_says(tmp_path, how_to_yaml):
    broken = how_to_yaml.replace(
        "{code: high, label: High, min: 2,", "{code: high, label: High, min: 1,"
    )
    assert broken != how_to_yaml
    folder = tmp_path / "local-screen"
    folder.mkdir()
    (folder / "v1.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_tool("local-screen", 1, extra_dir=tmp_path)
    shown = f"local-screen/v1.yaml, line {info.value.line}: {info.value.problem}"
    assert shown in HOW_TO.read_text(encoding="utf-8")
