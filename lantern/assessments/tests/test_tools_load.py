"""Every shipped definition loads; malformed definitions fail with the file, the line and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from lantern.assessments.engine import (
    DefinitionError,
    UnknownTool,
    flag_language,
    list_tools,
    load_definition,
    load_tool,
    validate_all,
)
from lantern.assessments.engine.registry import SHIPPED_TOOLS_DIR, Registry

SHIPPED = {
    ("distance-travelled", 1),
    ("exploitation-risk", 1),
    ("exploitation-risk", 2),
    ("seraf-style", 1),
    ("seraf-style", 2),
    ("short-screen", 1),
}

VALID = """\
slug: local-tool
version: 1
title: Local tool
kind: risk
description: A partnership's own tool.
sections:
  - id: main
    title: Main indicators
indicators:
  - id: one
    section: main
    text: First indicator.
  - id: two
    section: main
    text: Second indicator.
windows:
  - id: recent
    from_months: 0
    to_months: 6
    label: seen in the last 6 months
    why: within 6 months of {as_at}
scoring:
  - {code: R1, section: main, window: recent, points: 2}
bands:
  - {code: low, label: Low, min: 0, max: 1}
  - {code: high, label: High, min: 2, max: null}
review:
  intervals:
    low: {months: 3}
    high: {weeks: 6}
"""


def write(tmp_path: Path, text: str, slug: str = "local-tool", version: int = 1) -> Path:
    folder = tmp_path / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"v{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return hits[nth - 1]


def fails(tmp_path: Path, text: str) -> DefinitionError:
    path = write(tmp_path, text)
    with pytest.raises(DefinitionError) as info:
        load_definition(path)
    assert str(path) in str(info.value)
    return info.value


# --- shipped tools ------------------------------------------------------------------------


def test_every_shipped_definition_loads_and_validates():
    assert {(t.slug, t.version) for t in list_tools()} == SHIPPED
    assert validate_all() == []
    for slug, version in SHIPPED:
        tool = load_tool(slug, version)
        assert (tool.slug, tool.version) == (slug, version)


def test_latest_version_is_the_default_and_old_versions_stay_loadable():
    assert load_tool("seraf-style").version == 2
    assert load_tool("seraf-style", 1).version == 1
    assert "MOD-6M" in {r.code for r in load_tool("seraf-style", 1).scoring}
    assert "MOD-3M" in {r.code for r in load_tool("seraf-style", 2).scoring}


@pytest.mark.parametrize("version", [1, 2])
def test_seraf_style_has_at_least_ten_indicators_per_section(version):
    tool = load_tool("seraf-style", version)
    for section in ("vulnerability", "moderate", "significant"):
        assert sum(1 for i in tool.indicators if i.section == section) >= 10


def test_short_screen_has_at_most_ten_questions():
    tool = load_tool("short-screen")
    assert tool.kind == "screen"
    assert 1 <= len(tool.indicators) <= 10
    assert [b.code for b in tool.bands] == ["no_further_action", "seek_advice", "make_referral"]


@pytest.mark.parametrize(("slug", "version"), sorted(SHIPPED))
def test_shipped_wording_is_free_of_victim_blaming_phrases(slug, version):
    tool = load_tool(slug, version)
    texts = [i.text for i in tool.indicators] + [i.help for i in tool.indicators]
    texts += [a.text for d in tool.domains for a in d.anchors]
    texts += [b.description for b in tool.bands]
    flagged = [(t, [f.phrase for f in flag_language(t)]) for t in texts if flag_language(t)]
    assert flagged == []


def test_exploitation_risk_covers_the_five_domains():
    tool = load_tool("exploitation-risk")
    assert [d.id for d in tool.domains] == [
        "cse",
        "cce",
        "county_lines",
        "modern_slavery_trafficking",
        "online_harm",
    ]
    used = {d for i in tool.indicators for d in i.domains}
    assert used == {d.id for d in tool.domains}


def test_unknown_tool_and_version():
    with pytest.raises(UnknownTool, match="no assessment tool called 'nope'.*seraf-style"):
        load_tool("nope")
    with pytest.raises(UnknownTool, match=r"'seraf-style' has no version 9 \(available: v1, v2\)"):
        load_tool("seraf-style", 9)


# --- malformed files -----------------------------------------------------------------------


def test_the_valid_template_loads(tmp_path):
    tool = load_definition(write(tmp_path, VALID))
    assert [b.code for b in tool.bands] == ["low", "high"]


def test_yaml_syntax_error_names_the_line(tmp_path):
    text = VALID.replace("title: Local tool", "title: [Local tool")
    err = fails(tmp_path, text)
    assert "not valid YAML" in err.problem
    assert err.line is not None and err.line >= line_of(text, "title: [Local")


def test_duplicate_key(tmp_path):
    text = VALID.replace("kind: risk\n", "kind: risk\nkind: screen\n")
    err = fails(tmp_path, text)
    assert err.line == line_of(text, "kind: screen")
    assert "duplicate key 'kind' (first given on line 4)" in str(err)


def test_unknown_key_is_reported_at_its_line(tmp_path):
    text = VALID.replace("    text: Second indicator.", "    text: Second indicator.\n    txet: x")
    err = fails(tmp_path, text)
    assert err.line == line_of(text, "txet: x")
    assert "unknown key 'txet'" in err.problem


def test_wrong_type_is_reported_at_its_line(tmp_path):
    text = VALID.replace("points: 2", "points: two")
    err = fails(tmp_path, text)
    assert err.line == line_of(text, "points: two")
    assert "scoring/0/points" in err.problem


def test_missing_required_key(tmp_path):
    err = fails(tmp_path, VALID.replace("title: Local tool\n", ""))
    assert "'title' is a required property" in err.problem


def test_duplicate_indicator_id(tmp_path):
    text = VALID.replace("  - id: two\n", "  - id: one\n")
    err = fails(tmp_path, text)
    assert err.problem == "duplicate indicator id 'one'"
    assert err.line == line_of(text, "  - id: one", nth=2)


@pytest.mark.parametrize(
    ("replace", "by", "message", "marker"),
    [
        ("section: main, window", "section: mian, window", "unknown section 'mian'", "mian"),
        ("window: recent, points", "window: recnet, points", "unknown window 'recnet'", "recnet"),
        (
            "{code: R1, section: main,",
            "{code: R1, indicators: [three],",
            "unknown indicator 'three'",
            "three",
        ),
        (
            "    section: main\n    text: First",
            "    section: other\n    text: First",
            "unknown section 'other'",
            "section: other",
        ),
    ],
)
def test_references_to_unknown_things(tmp_path, replace, by, message, marker):
    text = VALID.replace(replace, by)
    assert text != VALID
    err = fails(tmp_path, text)
    assert message in err.problem
    assert err.line == line_of(text, marker)


def test_hard_rule_with_unknown_section(tmp_path):
    text = VALID + (
        "hard_rules:\n"
        "  - code: H1\n"
        "    when: {age_at_most: 13, section: serious, window: recent}\n"
        "    actions: [Refer]\n"
        "    why: Aged {age}\n"
    )
    err = fails(tmp_path, text)
    assert "unknown section 'serious'" in err.problem
    assert err.line == line_of(text, "section: serious")


def test_unknown_placeholder_in_why(tmp_path):
    text = VALID.replace("within 6 months of {as_at}", "within 6 months of {asat}")
    err = fails(tmp_path, text)
    assert "unknown placeholder {asat}" in err.problem
    assert err.line == line_of(text, "{asat}")


def test_overlapping_bands_rejected(tmp_path):
    text = VALID.replace("{code: high, label: High, min: 2,", "{code: high, label: High, min: 1,")
    err = fails(tmp_path, text)
    assert "band 'high' (from 1) overlaps band 'low' (0 to 1)" in err.problem
    assert err.line == line_of(text, "code: high")


def test_gap_between_bands_rejected(tmp_path):
    text = VALID.replace("{code: high, label: High, min: 2,", "{code: high, label: High, min: 4,")
    err = fails(tmp_path, text)
    assert "gap between bands: scores 2 to 3" in err.problem
    assert err.line == line_of(text, "code: high")


def test_bands_must_start_at_zero(tmp_path):
    err = fails(tmp_path, VALID.replace("min: 0, max: 1", "min: 1, max: 1"))
    assert "must start at 0" in err.problem


def test_open_band_before_the_last_is_an_overlap(tmp_path):
    err = fails(tmp_path, VALID.replace("min: 0, max: 1", "min: 0, max: null"))
    assert "overlaps band 'low' (0 and above)" in err.problem


def test_closed_top_band_must_cover_the_maximum_score(tmp_path):
    err = fails(tmp_path, VALID.replace("min: 2, max: null", "min: 2, max: 3"))
    assert "can score up to 4" in err.problem
    load_definition(write(tmp_path, VALID.replace("min: 2, max: null", "min: 2, max: 4")))


def test_review_interval_needed_for_every_band(tmp_path):
    text = VALID.replace("    high: {weeks: 6}\n", "    hihg: {weeks: 6}\n")
    err = fails(tmp_path, text)
    assert "review interval for unknown band 'hihg'" in err.problem
    assert err.line == line_of(text, "hihg")


def test_windows_must_end_after_they_start(tmp_path):
    err = fails(
        tmp_path,
        VALID.replace("from_months: 0\n    to_months: 6", "from_months: 6\n    to_months: 6"),
    )
    assert "must end" in err.problem


def test_outcome_anchor_outside_scale(tmp_path):
    text = (Path(SHIPPED_TOOLS_DIR) / "distance-travelled" / "v1.yaml").read_text()
    text = text.replace(
        '{value: 10, text: "I feel safe, and', '{value: 11, text: "I feel safe, and'
    )
    err = fails(tmp_path / "x", text)
    assert "anchor 11 is outside the scale 1-10" in err.problem
    assert err.line == line_of(text, "value: 11")


def test_outcome_measurement_points_in_order(tmp_path):
    text = (Path(SHIPPED_TOOLS_DIR) / "distance-travelled" / "v1.yaml").read_text()
    text = text.replace("offset_days: 84", "offset_days: 30")
    err = fails(tmp_path / "x", text)
    assert "increasing offset_days" in err.problem


# --- registry and a partnership's own folder ---------------------------------------------


def test_extra_folder_adds_a_partnership_tool(tmp_path):
    write(tmp_path, VALID)
    slugs = {(t.slug, t.version, t.shipped) for t in list_tools(extra_dir=tmp_path)}
    assert ("local-tool", 1, False) in slugs
    assert ("seraf-style", 2, True) in slugs
    assert load_tool("local-tool", extra_dir=tmp_path).title == "Local tool"
    with pytest.raises(UnknownTool):
        load_tool("local-tool")  # not without the folder


def test_extra_folder_cannot_replace_a_shipped_version(tmp_path):
    shipped = (SHIPPED_TOOLS_DIR / "short-screen" / "v1.yaml").read_text()
    path = write(tmp_path, shipped, slug="short-screen", version=1)
    errors = validate_all(extra_dir=tmp_path)
    assert len(errors) == 1 and errors[0].path == str(path)
    assert "already defined" in errors[0].problem


def test_file_must_match_its_folder_and_name(tmp_path):
    write(tmp_path, VALID, slug="other-name")
    write(tmp_path, VALID, version=2)
    errors = {
        Path(e.path).parent.name + "/" + Path(e.path).name: e
        for e in Registry([tmp_path]).validate()
    }
    assert "does not match folder 'other-name'" in errors["other-name/v1.yaml"].problem
    assert "does not match file name v2" in errors["local-tool/v2.yaml"].problem
    assert errors["local-tool/v2.yaml"].line == 2


def test_validate_all_reports_a_broken_partnership_file_and_list_tools_skips_it(tmp_path):
    path = write(tmp_path, VALID.replace("points: 2", "points: -1"))
    errors = validate_all(extra_dir=tmp_path)
    assert [e.path for e in errors] == [str(path)]
    assert "local-tool" not in {t.slug for t in list_tools(extra_dir=tmp_path)}
