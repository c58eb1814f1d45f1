"""Batch linkage pairs into the queue: thresholds, id mapping, automatic links only above."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lantern.analysis.linkage import Candidate
from lantern.audit.models import AuditEvent
from lantern.identity.choices import MatchKind, MatchStatus
from lantern.identity.models import Merge, PossibleMatch
from lantern.identity.pairs import Thresholds, load_candidates, load_pairs
from lantern.people.models import Identifier

pytestmark = pytest.mark.django_db


def _run(tmp_path, rows, *args):
    path = tmp_path / "pairs.csv"
    path.write_text("left_id,right_id,match_probability\n" + "".join(f"{a},{b},{p}\n" for a, b, p in rows))
    out = StringIO()
    call_command("load_match_pairs", "--pairs", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_thresholds_sort_pairs_into_no_link_review_and_automatic(tmp_path, casebook):
    kayla, west, police, pupil = (casebook[k] for k in ("team_child", "west_child", "police_child", "pupil"))
    counts = _run(tmp_path, [
        (kayla.pk, west.pk, 0.5),      # below review: nothing
        (kayla.pk, police.pk, 0.9),    # review
        (west.pk, pupil.pk, 0.995),    # automatic, but --auto-merge not given: review
        (west.pk, 999999, 0.95),       # unknown id
        (kayla.pk, west.pk, "abc"),    # invalid
    ], "--review-threshold", "0.8", "--auto-threshold", "0.99")
    assert counts["below_review"] == 1 and counts["queued"] == 2
    assert counts["unknown_ids"] == 1 and counts["invalid"] == 1
    assert not Merge.objects.exists()
    item = PossibleMatch.objects.get(person=kayla, other=police)
    assert item.kind == MatchKind.LINKAGE and item.score == 90
    assert AuditEvent.objects.filter(action="identity.pairs_loaded").exists()


def test_automatic_merges_only_at_or_above_the_threshold_and_never_restricted(tmp_path, casebook):
    kayla, west, police, hidden = (casebook[k] for k in ("team_child", "west_child", "police_child", "restricted"))
    counts = _run(tmp_path, [
        (kayla.pk, west.pk, 0.995),
        (police.pk, hidden.pk, 0.999),
        (kayla.pk, police.pk, 0.989),
    ], "--auto-threshold", "0.99", "--auto-merge")
    assert counts["merged"] == 1 and counts["queued"] == 2
    merge = Merge.objects.get()
    assert merge.automatic and {merge.survivor_id, merge.absorbed_id} == {kayla.pk, west.pk}


def test_loading_twice_does_not_duplicate_and_answers_are_respected(tmp_path, casebook, personas):
    kayla, police = casebook["team_child"], casebook["police_child"]
    _run(tmp_path, [(kayla.pk, police.pk, 0.9)])
    again = _run(tmp_path, [(police.pk, kayla.pk, 0.92)])
    assert again["already_open"] == 1 and PossibleMatch.objects.count() == 1
    PossibleMatch.objects.update(status=MatchStatus.DIFFERENT)
    third = _run(tmp_path, [(kayla.pk, police.pk, 0.93)])
    assert third["already_answered"] == 1 and PossibleMatch.objects.count() == 1


def test_ids_map_through_a_file_or_an_identifier(tmp_path, casebook):
    kayla, police = casebook["team_child"], casebook["police_child"]
    idmap = tmp_path / "map.csv"
    idmap.write_text(f"source_id,person_id\nA1,{kayla.pk}\nB7,{police.pk}\n")
    assert _run(tmp_path, [("A1", "B7", 0.9)], "--id-map", str(idmap))["queued"] == 1
    PossibleMatch.objects.all().delete()
    Identifier.objects.create(person=kayla, type="nhs", value="9434765919")
    Identifier.objects.create(person=police, type="nhs", value="4010232137")
    assert _run(tmp_path, [("9434765919", "4010232137", 0.9)], "--identifier", "nhs")["queued"] == 1


def test_bad_files_and_thresholds_are_command_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="lacks column"):
        call_command("load_match_pairs", "--pairs", str(bad))
    with pytest.raises(CommandError):
        call_command("load_match_pairs", "--pairs", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="Thresholds"):
        call_command("load_match_pairs", "--pairs", str(bad), "--review-threshold", "0.9", "--auto-threshold", "0.5")


def test_the_library_function_takes_pairs_from_linkage_code(casebook):
    kayla, police = casebook["team_child"], casebook["police_child"]
    counts = load_pairs([(kayla.pk, police.pk, 0.85)], thresholds=Thresholds(review=0.8, auto=0.99))
    assert counts["queued"] == 1


def test_the_linkage_librarys_candidates_load_directly(casebook):
    kayla, police = casebook["team_child"], casebook["police_child"]
    pair = Candidate("police", str(kayla.pk), "council", str(police.pk), 7.1, 0.97, "human_review")
    counts = load_candidates([pair], thresholds=Thresholds(review=0.5, auto=0.995))
    assert counts["queued"] == 1
    assert PossibleMatch.objects.get().score == 97
