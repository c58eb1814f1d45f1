"""SSDA903 missing table: format, placeholder IDs, audited exports, bad dates."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.missing.clock import LONDON
from lantern.missing.selectors import missing_903, missing_903_for, placeholder_child_id
from lantern.missing.tests.factories import OpenEpisodeFactory, ReturnedEpisodeFactory
from lantern.people.models import Identifier, Person

pytestmark = pytest.mark.django_db


def at(*args):
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def episodes(personas, casebook):
    agency = personas["priya"].agency
    child = casebook["team_child"]  # DOB 9 April 2011
    Identifier.objects.create(person=child, type="la_child_id", value="AC123456")
    ReturnedEpisodeFactory(person=child, reported_by=agency, kind="missing", started_at=at(2025, 5, 3, 23, 30), ended_at=at(2025, 5, 4, 9, 0))
    ReturnedEpisodeFactory(person=child, reported_by=agency, kind="absent", started_at=at(2025, 12, 31, 23, 45), ended_at=at(2026, 1, 1, 2, 0))
    # Started before the period: not in it.
    ReturnedEpisodeFactory(person=child, reported_by=agency, started_at=at(2025, 3, 31, 22, 0), ended_at=at(2025, 4, 1, 1, 0))
    # Started in the period, still missing after it ends: MIS_END blank.
    ReturnedEpisodeFactory(person=casebook["west_child"], reported_by=agency, started_at=at(2026, 3, 31, 20, 0), ended_at=at(2026, 4, 2, 8, 0))
    return child


def test_rows_and_format(personas, casebook, episodes):
    result = missing_903(people=Person.objects.all(), date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31))
    assert result.rows[:2] == [
        {"CHILD": "AC123456", "DOB": "09/04/2011", "MISSING": "M", "MIS_START": "03/05/2025", "MIS_END": "04/05/2025"},
        {"CHILD": "AC123456", "DOB": "09/04/2011", "MISSING": "A", "MIS_START": "31/12/2025", "MIS_END": "01/01/2026"},
    ]
    west = result.rows[2]
    assert west["CHILD"] == placeholder_child_id(casebook["west_child"].pk) and west["MIS_END"] == ""
    assert len(result.rows) == 3
    assert any("no local authority child ID" in w for w in result.warnings)
    # The placeholder is stable across runs.
    again = missing_903(people=Person.objects.all(), date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31))
    assert again.rows == result.rows


def test_start_date_uses_london_time(personas, casebook):
    # 23:30 BST on 30 April is 22:30 UTC; the return counts it on 30 April.
    ReturnedEpisodeFactory(person=casebook["team_child"], reported_by=personas["priya"].agency, started_at=at(2025, 4, 30, 23, 30), ended_at=at(2025, 5, 1, 6, 0))
    rows = missing_903(people=Person.objects.all(), date_from=dt.date(2025, 4, 30), date_to=dt.date(2025, 4, 30)).rows
    assert [r["MIS_START"] for r in rows] == ["30/04/2025"]


def test_visibility_applies_in_browser_export(personas, casebook, episodes):
    OpenEpisodeFactory(person=casebook["police_child"], reported_by=personas["olivia"].agency, started_at=at(2025, 6, 1, 12, 0))
    tom = missing_903_for(actor=personas["tom"], date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31))
    assert len(tom.rows) == 3  # the police-only child is not his agency's
    assert missing_903_for(actor=personas["amir"], date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31)).rows == []


def test_command_writes_csv_and_audits(personas, casebook, episodes, tmp_path):
    out = tmp_path / "missing.csv"
    err = io.StringIO()
    call_command("export_missing_903", "--from", "2025-04-01", "--to", "2026-03-31", "--out", str(out), stderr=err, stdout=io.StringIO())
    text = out.read_text()
    assert text.splitlines()[0] == "CHILD,DOB,MISSING,MIS_START,MIS_END"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and rows[0]["MIS_START"] == "03/05/2025"
    assert "Warning:" in err.getvalue() and "placeholder" in err.getvalue()
    event = AuditEvent.objects.get(action="missing.export_903")
    assert event.detail["rows"] == 3 and event.detail["via"] == "command"
    with pytest.raises(CommandError, match="already exists"):
        call_command("export_missing_903", "--from", "2025-04-01", "--to", "2026-03-31", "--out", str(out))


@pytest.mark.parametrize(
    "args,message",
    [
        (["--from", "2025-13-01", "--to", "2026-03-31"], "real date"),
        (["--from", "01/04/2025", "--to", "2026-03-31"], "YYYY-MM-DD"),
        (["--from", "2026-04-01", "--to", "2025-03-31"], "same as or after"),
    ],
)
def test_command_bad_dates(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_missing_903", *args, "--out", str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()


def test_command_bad_dates_exit_non_zero(db, tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "manage.py", "export_missing_903", "--from", "2025-02-30", "--to", "2026-03-31", "--out", str(tmp_path / "x.csv")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0 and "real date" in proc.stderr


def test_browser_export(client, personas, casebook, episodes):
    client.force_login(personas["tom"])
    url = reverse("missing:export_903")
    assert client.get(url).status_code == 200
    q = {"date_from_0": "1", "date_from_1": "4", "date_from_2": "2025", "date_to_0": "31", "date_to_1": "3", "date_to_2": "2026"}
    preview = client.get(url, q)
    assert preview.status_code == 200 and b"3 episodes found" in preview.content
    assert not AuditEvent.objects.filter(action="missing.export_903").exists()
    previewed = AuditEvent.objects.get(action="missing.export_903_previewed")
    assert set(previewed.subject_ids) == {casebook["team_child"].pk, casebook["west_child"].pk}
    download = client.get(url, {**q, "download": "csv"})
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    assert download.content.decode().startswith("CHILD,DOB,MISSING,MIS_START,MIS_END\r\n")
    event = AuditEvent.objects.get(action="missing.export_903")
    assert event.detail["rows"] == 3 and event.detail["via"] == "browser"
    assert set(event.subject_ids) == {casebook["team_child"].pk, casebook["west_child"].pk}
    bad = client.get(url, {**q, "date_to_0": "31", "date_to_1": "3", "date_to_2": "2024"})
    assert bad.status_code == 200 and b"must be the same as or after" in bad.content
    bad = client.get(url, {**q, "date_from_1": "13"})
    assert bad.status_code == 200 and b"must be a real date" in bad.content


def test_browser_export_for_team_managers_only(client, personas):
    for user in ("priya", "amir", "sarah", "dan"):
        client.force_login(personas[user])
        assert client.get(reverse("missing:export_903")).status_code == 404
