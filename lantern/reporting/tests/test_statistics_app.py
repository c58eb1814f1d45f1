"""The partnership statistics in the app: facts read from the database, the dashboard, the
committee report and the exports, each against figures counted by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from lantern.accounts.models import Agency, Area, District, Team
from lantern.analysis.statistics import Filters
from lantern.audit.models import AuditEvent
from lantern.people import services as people_services
from lantern.people.models import Address, ChronologyEvent
from lantern.people.tests.factories import ChildFactory, InvolvementFactory
from lantern.reporting import events, exports, facts, selectors
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

D = dt.date
PERIOD = Filters(start=D(2024, 1, 1), end=D(2025, 12, 31))


@pytest.fixture
def world(personas):
    """Seven children in North and two in West; drug-supply arrests and CSE incidents counted
    by hand below."""
    police = Agency.objects.get(name=cast.POLICE)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    west = Team.objects.get(name="Lantern Exploitation Team West")
    north_district = District.objects.filter(area__name="North").first()
    west_district = District.objects.filter(area__name="West").first()
    dan = personas["dan"]
    children = []
    for i in range(9):
        in_north = i < 7
        child = ChildFactory(first_name=f"Stat{i}", date_of_birth=D(2010, 6, 1))
        InvolvementFactory(person=child, agency=police, team=north if in_north else west, is_lead=True)
        Address.objects.create(person=child, line1="1 Test Street", town="Harrowden", kind="home",
                               district=north_district if in_north else west_district,
                               start_date=D(2015, 1, 1))
        children.append(child)
    # 2024: six North children arrested for drug supply (aged 13 or 14); 2025: one West child.
    for i, child in enumerate(children[:6]):
        people_services.chronology_event_add(
            actor=dan, person=child, event_type="arrest", event_date=D(2024, 3 + i, 1),
            summary="Arrested on suspicion of supplying Class A drugs.", concern_type="drug_supply",
            check_access=False)
    people_services.chronology_event_add(
        actor=dan, person=children[7], event_type="arrest", event_date=D(2025, 2, 1),
        summary="Arrested on suspicion of supplying drugs.", concern_type="drug_supply", check_access=False)
    # CSE incidents in 2025: five on social media in North, one at a party in West (by area chosen).
    for child in children[:5]:
        people_services.chronology_event_add(
            actor=dan, person=child, event_type="cse_incident", event_date=D(2025, 5, 1),
            summary="Groomed through a social media app.", method="social_media", check_access=False)
    people_services.chronology_event_add(
        actor=dan, person=children[0], event_type="cse_incident", event_date=D(2025, 6, 1),
        summary="Given alcohol at a party.", method="party", area=Area.objects.get(name="West"),
        check_access=False)
    return children


def test_structured_fields_are_worked_out_and_recorded(world):
    arrest = ChronologyEvent.objects.get(event_type="arrest", person=world[0])
    assert arrest.arrested and arrest.concern_type == "drug_supply" and arrest.area.name == "North"
    party = ChronologyEvent.objects.get(method="party")
    assert party.concern_type == "cse" and party.area.name == "West"


def test_facts_and_statistics_match_the_hand_count(world):
    db = facts.engine(fresh=True)
    stats = {s.definition: s for s in selectors.published_statistics(PERIOD, db=db)}
    arrests = stats["drug_supply_arrests"]
    assert arrests.count.as_dict() == {"2024": {"Children": 6}, "2025": {"Children": 1}}
    assert [r["total"] for r in arrests.rows()] == [None, None]  # 1 is hidden, so is 6 (the total 7 is shown)
    incidents = stats["cse_incidents"].count.as_dict()
    assert incidents == {"2024": {"Incidents": 0}, "2025": {"Incidents": 6}}
    methods = stats["cse_methods"].count.as_dict()["2025"]
    assert methods["Social media"] == 5 and methods["Parties"] == 1
    north = Filters(start=PERIOD.start, end=PERIOD.end, area="North")
    north_stats = selectors.published_statistics(north, ["cse_incidents"], db=db)
    assert north_stats[0].count.as_dict()["2025"] == {"Incidents": 5}
    team = Filters(start=PERIOD.start, end=PERIOD.end, team="Lantern Exploitation Team West")
    assert selectors.published_statistics(team, ["drug_supply_arrests"], db=db)[0].count.as_dict() == {
        "2024": {"Children": 0}, "2025": {"Children": 1}}


def test_the_dashboard_is_for_analysts_and_managers_and_is_audited(client, personas, world):
    url = reverse("statistics:dashboard")
    client.force_login(personas["amir"])
    response = client.get(url, {"start_0": "1", "start_1": "1", "start_2": "2024",
                                "end_0": "31", "end_1": "12", "end_2": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Children arrested for drug supply per year" in html and "Hidden" in html
    assert "Stat0" not in html
    assert 'data-vega-chart="chart-1"' in html
    event = AuditEvent.objects.filter(action=events.DASHBOARD_VIEWED).latest("id")
    assert event.detail["start"] == "2024-01-01" and event.actor_username == "amir"
    client.force_login(personas["priya"])
    assert client.get(url).status_code == 404


def test_bad_filters_get_a_govuk_error_not_a_500(client, personas, world):
    client.force_login(personas["tom"])
    response = client.get(reverse("statistics:dashboard"), {
        "start_0": "1", "start_1": "1", "start_2": "2026", "end_0": "1", "end_1": "1", "end_2": "2024"})
    assert response.status_code == 200
    assert "The end of the period must be on or after its start" in response.content.decode()
    response = client.get(reverse("statistics:dashboard"), {"start_0": "99", "start_1": "x", "start_2": "20"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_committee_report_json_has_every_figure_with_its_definition(tmp_path, world):
    out = tmp_path / "report.json"
    call_command("committee_report", "--from", "2024-01-01", "--to", "2025-12-31", "--as-at", "2025-12-31",
                 "--format", "json", "--out", str(out))
    data = json.loads(out.read_text())
    assert data["title"] == "Child Exploitation Update"
    figures = data["figures"]
    assert {f["definition"] for f in figures} >= {"cse_incidents", "drug_supply_arrests", "county_lines",
                                                  "nrm_referrals", "return_interviews", "reviews_on_time"}
    one = next(f for f in figures if f["definition"] == "cse_incidents" and f["row"] == "2025")
    assert one == {"definition": "cse_incidents", "row": "2025", "column": "Incidents", "value": 6,
                   "suppressed": False}
    hidden = next(f for f in figures if f["definition"] == "drug_supply_arrests" and f["row"] == "2025")
    assert hidden["value"] is None and hidden["suppressed"] is True
    assert AuditEvent.objects.filter(action=events.REPORT_MADE).exists()


@pytest.mark.parametrize("args, message", [
    (["--from", "2025-02-30", "--to", "2025-12-31"], "--from must be a real date"),
    (["--from", "2025-01-01", "--to", "31/12/2025"], "--to must be a real date"),
    (["--from", "2025-06-01", "--to", "2025-01-01"], "start of the period"),
    (["--from", "2025-01-01", "--to", "2025-12-31", "--as-at", "soon"], "--as-at must be a real date"),
])
def test_committee_report_bad_dates_fail_and_write_nothing(tmp_path, db, args, message):
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("committee_report", *args, "--format", "pdf", "--out", str(out))
    assert list(tmp_path.iterdir()) == []


def test_committee_report_pdf_is_tagged_and_titled(tmp_path, world):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    call_command("committee_report", "--from", "2024-01-01", "--to", "2025-12-31", "--format", "pdf",
                 "--out", str(out))
    reader = PdfReader(out)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("en")
    assert reader.metadata.title == "Child Exploitation Update"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Children arrested for drug supply per year" in text and "Stat0" not in text


def test_the_report_button_gives_the_pdf(client, personas, world):
    client.force_login(personas["marcus"])
    response = client.get(reverse("statistics:committee_report"), {"format": "html"})
    assert response.status_code == 200 and b"Child Exploitation Update" in response.content
    response = client.get(reverse("statistics:committee_report"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def _export(client, fmt, reason="Committee report for March"):
    return client.post(reverse("statistics:export") + "?start_0=1&start_1=1&start_2=2024&end_0=31&end_1=12&end_2=2025",
                       {"format": fmt, "reason": reason})


def test_exports_need_a_reason_and_are_audited_with_it(client, personas, world):
    client.force_login(personas["amir"])
    response = _export(client, "csv", reason="")
    assert response.status_code == 200 and "Enter why you need the figures" in response.content.decode()
    response = _export(client, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == exports.COLUMNS
    arrests_2024 = next(r for r in rows if r[0] == "drug_supply_arrests" and r[2] == "2024")
    assert arrests_2024[4] == "Hidden" and arrests_2024[5] == "yes" and arrests_2024[6] == "24A"
    event = AuditEvent.objects.filter(action=events.EXPORTED).latest("id")
    assert event.reason == "Committee report for March" and event.detail["format"] == "csv"


def test_xlsx_export_has_no_hidden_sheets_rows_columns_or_formulas(client, personas, world):
    from openpyxl import load_workbook

    client.force_login(personas["tom"])
    response = _export(client, "xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Statistics", "Definitions"]
    for ws in wb.worksheets:
        assert ws.sheet_state == "visible"
        assert not any(d.hidden for d in ws.row_dimensions.values())
        assert not any(d.hidden for d in ws.column_dimensions.values())
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    header = [c.value for c in wb["Statistics"][1]]
    assert tuple(header) == exports.COLUMNS
    values = [r[4] for r in wb["Statistics"].iter_rows(min_row=2, values_only=True)]
    assert 6 in values and "Hidden" in values


def test_ods_export_opens_with_visible_tables_only(client, personas, world):
    from odf.opendocument import load
    from odf.table import Table, TableColumn, TableRow

    client.force_login(personas["amir"])
    response = _export(client, "ods")
    doc = load(io.BytesIO(response.content))
    tables = doc.spreadsheet.getElementsByType(Table)
    assert [t.getAttribute("name") for t in tables] == ["Statistics", "Definitions"]
    for t in tables:
        for el in t.getElementsByType(TableRow) + t.getElementsByType(TableColumn):
            assert el.getAttribute("visibility") in (None, "visible")
    content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
    assert "drug_supply_arrests" in content and "formula" not in content


def test_formula_characters_are_escaped():
    for dangerous in ("=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert exports.safe_text(dangerous) == "'" + dangerous
    assert exports.safe_text("North") == "North" and exports.safe_text(5) == 5


def test_census_factor_codes_from_exploitation_types():
    assert exports.cin_for("nrm_referrals", "Sexual exploitation") == "11A"
    assert exports.cin_for("nrm_referrals", "County Lines") == "13A 24A"
    assert exports.cin_for("missing_episodes", "2024") == "10A"
    assert exports.cin_for("panel_outcomes", "High") == ""


def test_every_definition_is_documented():
    from pathlib import Path

    from lantern.analysis.statistics import DEFINITIONS

    doc = (Path(__file__).resolve().parents[3] / "docs/reference/statistics.md").read_text()
    for key in DEFINITIONS:
        assert f"`{key}`" in doc, f"{key} is not defined in docs/reference/statistics.md"


def test_county_lines_agree_with_the_register_as_at_any_date(db):
    from lantern.intelligence.lines import raw_counts_as_at
    from lantern.intelligence.models import LineStatusChange
    from lantern.intelligence.tests.factories import ActiveLineFactory

    west = Area.objects.get_or_create(name="West")[0]
    north = ActiveLineFactory()  # active in the North from 1 March 2018
    LineStatusChange.objects.create(line=north, status="disrupted", effective_on=D(2019, 1, 5), reason="x")
    # two entries on one day: the later one recorded stands
    LineStatusChange.objects.create(line=north, status="active", effective_on=D(2019, 6, 1), reason="x")
    LineStatusChange.objects.create(line=north, status="closed", effective_on=D(2019, 6, 1), reason="x")
    for _ in range(5):
        ActiveLineFactory(importing_area=west, opened=D(2019, 5, 1))
    db_ = facts.engine(fresh=True)
    for day in (D(2018, 1, 1), D(2018, 3, 1), D(2019, 1, 5), D(2019, 5, 31), D(2019, 6, 1), D(2026, 1, 1)):
        f = Filters(start=D(2018, 1, 1), end=D(2026, 12, 31), as_at=day)
        ours = selectors.published_statistics(f, ["county_lines"], db=db_)[0].count
        theirs = raw_counts_as_at(day)["areas"]
        for area in ("North", "West", "East"):
            for status in ("active", "disrupted", "closed"):
                assert ours.value(area, status.capitalize()) == theirs[area][status], (day, area, status)
