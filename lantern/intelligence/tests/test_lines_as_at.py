"""``manage.py lines_as_at``: the exact JSON shape, CSV, and a clear error for a bad date."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from lantern.accounts.models import Area
from lantern.intelligence.models import LineStatusChange
from lantern.intelligence.tests.factories import ActiveLineFactory

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("lines_as_at", *args, stdout=out)
    return out.getvalue()


def test_json_counts_as_at_a_date():
    north = ActiveLineFactory()
    LineStatusChange.objects.create(line=north, status="disrupted", effective_on=dt.date(2019, 1, 5),
                                    reason="Runner arrested")
    ActiveLineFactory(importing_area=Area.objects.get_or_create(name="West")[0],
                      opened=dt.date(2019, 5, 1))
    out = json.loads(_run("--date", "2019-02-01", "--format", "json"))
    assert out == {"as_at": "2019-02-01",
                   "areas": {"North": {"active": 0, "disrupted": 1, "closed": 0},
                             "West": {"active": 0, "disrupted": 0, "closed": 0},
                             "East": {"active": 0, "disrupted": 0, "closed": 0}},
                   "total": {"active": 0, "disrupted": 1, "closed": 0}}
    later = json.loads(_run("--date", "2019-06-01"))
    assert later["areas"]["West"]["active"] == 1


def test_csv_has_a_row_per_area_and_a_total():
    ActiveLineFactory()
    rows = _run("--date", "2019-02-01", "--format", "csv").splitlines()
    assert rows[0] == "as_at,area,active,disrupted,closed"
    assert rows[1] == "2019-02-01,North,1,0,0"
    assert rows[-1] == "2019-02-01,Total,1,0,0"


def test_a_bad_date_is_a_clear_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("--date", "01/02/2019")
