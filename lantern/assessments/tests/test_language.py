"""Victim-blaming language prompts: what is flagged, where, and what is left alone."""

from __future__ import annotations

import pytest

from lantern.assessments.engine import Flag, flag_language
from lantern.assessments.engine.errors import DefinitionError
from lantern.assessments.engine.language import load_phrases


@pytest.mark.parametrize(
    "text",
    [
        "She is putting herself at risk.",
        "He put himself at risk again",
        "They keep placing themselves at risk",
        "PUTS HERSELF AT RISK",
        "puts himself\nat risk",
    ],
)
def test_self_at_risk_variants(text):
    flags = flag_language(text)
    assert len(flags) == 1
    assert "at risk" in flags[0].phrase.lower()
    assert flags[0].suggestion.startswith("is at risk of harm from others")


def test_positions_are_exact():
    text = "Worker notes: she is promiscuous and streetwise."
    flags = flag_language(text)
    assert [(f.phrase, text[f.start : f.end]) for f in flags] == [
        ("promiscuous", "promiscuous"),
        ("streetwise", "streetwise"),
    ]
    assert flags[0].start == text.index("promiscuous")
    assert isinstance(flags[0], Flag) and flags[0].why


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("It is a lifestyle choice", "lifestyle choice"),
        ("she consented", "consented"),
        ("He is sexually active", "sexually active"),
        ("He is choosing to go", "choosing to"),
        ("described as a child prostitute", "child prostitute"),
        ("engaged in risk-taking behaviour", "risk-taking behaviour"),
        ("he absconded from placement", "absconded"),
        ("she is not engaging with services", "not engaging"),
        ("seen with her older boyfriend", "older boyfriend"),
    ],
)
def test_listed_phrases_are_flagged(text, phrase):
    assert [f.phrase for f in flag_language(text)] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "The adult put her at risk.",  # risk caused by someone else: fine
        "There was no unconsented access.",  # word boundary
        "A streetwiseness course",
        "She is at risk of exploitation by an older man.",
        "",
    ],
)
def test_neutral_text_is_not_flagged(text):
    assert flag_language(text) == []


def test_longest_match_wins_and_no_overlaps():
    flags = flag_language("lifestyle choices, lifestyle choice")
    assert [f.phrase for f in flags] == ["lifestyle choices", "lifestyle choice"]
    assert all(a.end <= b.start for a, b in zip(flags, flags[1:]))


def test_bad_phrase_file_is_a_definition_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("phrases:\n  - match: [x]\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="needs match, suggestion and why"):
        load_phrases(path)


def test_extra_phrase_file(tmp_path):
    path = tmp_path / "local.yaml"
    path.write_text(
        "phrases:\n  - match: ['{self} to blame']\n    suggestion: s\n    why: w\n",
        encoding="utf-8",
    )
    assert [f.phrase for f in flag_language("Herself to blame", phrases_file=path)] == [
        "Herself to blame"
    ]
