"""``link_records`` and ``evaluate_linkage``: end to end on the synthetic county, and bad input.

The end-to-end case links agency records of the small synthetic county (the first 1,500
records, with the generator's planted errors) and checks recall and precision against the
generator's truth with floors well below what the bench measures at scale, so the test fails
on a broken model, not on noise.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lantern.audit.models import AuditEvent
from lantern.identity import events

pytestmark = pytest.mark.django_db

MAPS = ["first_name=first_name", "last_name=last_name", "date_of_birth=date_of_birth",
        "sex=sex", "postcode=postcode", "nhs_number=nhs_number"]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from lantern.synthetic.generator import generate

    world = generate(seed=20260101, as_at=dt.date(2026, 10, 31), scale="small")
    rows = world.rows("records")[:1500]
    base = tmp_path_factory.mktemp("county")
    path = base / "records.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    truth = base / "ground_truth.json"
    truth.write_text(json.dumps({"record_clusters": world.truth["record_clusters"]}))
    return {"dir": base, "records": path, "truth": truth, "rows": rows}


def _link(*args):
    call_command("link_records", *args, stdout=StringIO())


def _maps():
    return [a for m in MAPS for a in ("--map", m)]


def test_linking_the_county_sample_finds_its_duplicates(county, tmp_path):
    out = tmp_path / "pairs.csv"
    _link("--input", str(county["records"]), "--id-column", "record_id", *_maps(), "--out", str(out))
    with open(out, newline="") as f:
        header = next(csv.reader(f))
    assert header == ["left_id", "right_id", "match_probability"]
    printed = StringIO()
    call_command("evaluate_linkage", "--pairs", str(out), "--truth", str(county["truth"]),
                 "--input", str(county["records"]), "--id-column", "record_id", stdout=printed)
    result = json.loads(printed.getvalue())
    assert result["records"] == 1500
    assert result["pairwise"]["recall"] >= 0.93
    assert result["pairwise"]["precision"] >= 0.95
    assert result["cluster"]["f1"] >= 0.9
    event = AuditEvent.objects.filter(action=events.BATCH_LINKAGE_RUN).get()
    assert event.detail["records"] == 1500 and event.detail["pairs_written"] > 100
    assert "Reid" not in json.dumps(event.detail)  # counts only, no personal data


def test_two_agencies_numbering_from_one_link_across(county, tmp_path):
    rows = county["rows"]
    police = [r for r in rows if r["source"] == "police"]
    health = [r for r in rows if r["source"] == "health"]
    paths = []
    for name, part in (("police", police), ("health", health)):
        p = tmp_path / f"{name}.csv"
        with open(p, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["ref", "forename", "surname", "dob", "pc", "true_id"])
            for i, r in enumerate(part, start=1):
                dob = r["date_of_birth"].replace("-", "") if name == "police" else r["date_of_birth"]
                w.writerow([i, r["first_name"].upper(), r["last_name"], dob, r["postcode"],
                            r["record_id"]])
        paths.append(p)
    out = tmp_path / "pairs.csv"
    _link("--input", str(paths[0]), "--input", str(paths[1]), "--id-column", "ref",
          "--map", "forename=first_name", "--map", "surname=last_name",
          "--map", "dob=date_of_birth", "--map", "pc=postcode", "--out", str(out))
    with open(out, newline="") as f:
        pairs = list(csv.DictReader(f))
    assert pairs, "police and health share children"
    police_true = {str(i): str(r["record_id"]) for i, r in enumerate(police, start=1)}
    health_true = {str(i): str(r["record_id"]) for i, r in enumerate(health, start=1)}
    person = {str(rid): c["person_id"] for c in json.loads(county["truth"].read_text())["record_clusters"]
              for rid in c["records"]}
    right = sum(person[police_true[p["left_id"]]] == person[health_true[p["right_id"]]]
                for p in pairs if float(p["match_probability"]) >= 0.9)
    confident = sum(float(p["match_probability"]) >= 0.9 for p in pairs)
    assert right / confident >= 0.95  # left is the police file, right the health file


@pytest.mark.parametrize(("args", "message"), [
    (["--map", "first_name"], "expected SRC=FIELD"),
    (["--map", "first_name=shoe_size"], "unknown field 'shoe_size'"),
    (["--map", "first_name=first_name", "--map", "last_name=first_name"], "more than one column"),
    (["--map", "first_name=first_name", "--map", "nope=last_name"], "in none of the inputs"),
    (["--map", "nope=first_name"], "none of the mapped columns"),
    (["--id-column", "urn"], "no id column 'urn'"),
    (["--min-probability", "2"], "between 0 and 1"),
])
def test_bad_arguments_fail_clearly_and_write_nothing(county, tmp_path, args, message):
    out = tmp_path / "pairs.csv"
    base = {"--id-column": "record_id"}
    argv = ["--input", str(county["records"])]
    if "--id-column" not in args:
        argv += ["--id-column", base["--id-column"]]
    if "--map" not in args:
        argv += ["--map", "first_name=first_name"]
    with pytest.raises(CommandError, match=message):
        _link(*argv, *args, "--out", str(out))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_or_broken_inputs_write_nothing(county, tmp_path):
    out = tmp_path / "out" / "pairs.csv"
    with pytest.raises(CommandError, match="does not exist"):
        _link("--input", str(tmp_path / "nope.csv"), "--id-column", "id", "--map", "a=first_name",
              "--out", str(tmp_path / "pairs.csv"))
    with pytest.raises(CommandError, match="folder"):
        _link("--input", str(county["records"]), "--id-column", "record_id", *_maps(), "--out", str(out))
    dup = tmp_path / "dup.csv"
    dup.write_text("id,name\n1,Amy\n1,Bo\n")
    with pytest.raises(CommandError, match="more than once"):
        _link("--input", str(dup), "--id-column", "id", "--map", "name=first_name",
              "--out", str(tmp_path / "pairs.csv"))
    assert not (tmp_path / "pairs.csv").exists()
    with pytest.raises(CommandError, match="same file is given twice"):
        _link("--input", str(dup), "--input", str(dup), "--id-column", "id",
              "--map", "name=first_name", "--out", str(tmp_path / "pairs.csv"))


def test_evaluate_linkage_refuses_bad_files(county, tmp_path):
    bad_pairs = tmp_path / "pairs.csv"
    bad_pairs.write_text("a,b,c\n1,2,0.9\n")
    with pytest.raises(CommandError, match="header must be"):
        call_command("evaluate_linkage", "--pairs", str(bad_pairs), "--truth", str(county["truth"]))
    bad_pairs.write_text("left_id,right_id,match_probability\n1,2,high\n")
    with pytest.raises(CommandError, match="line 2"):
        call_command("evaluate_linkage", "--pairs", str(bad_pairs), "--truth", str(county["truth"]))
    bad_pairs.write_text("left_id,right_id,match_probability\n1,2,0.9\n")
    bad_truth = tmp_path / "truth.csv"
    bad_truth.write_text("x,y\n1,2\n")
    with pytest.raises(CommandError, match="cluster column"):
        call_command("evaluate_linkage", "--pairs", str(bad_pairs), "--truth", str(bad_truth))
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("evaluate_linkage", "--pairs", str(tmp_path / "none.csv"), "--truth", str(bad_truth))
    bad_truth.write_text("record_id,cluster_id\n1,a\n2,a\n")
    printed = StringIO()
    call_command("evaluate_linkage", "--pairs", str(bad_pairs), "--truth", str(bad_truth), stdout=printed)
    assert json.loads(printed.getvalue())["pairwise"]["f1"] == 1.0
