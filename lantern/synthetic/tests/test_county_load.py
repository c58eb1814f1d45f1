"""The county's bulk load (``seed_demo --scale county``), exercised on a tiny county's files:
the same people and events as the generator holds, structured facts filled in, ids and
sequences right, and the committee statistics computable straight after."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lantern.people.models import Address, ChronologyEvent, Person
from lantern.synthetic import county_load
from lantern.synthetic.generator import TRUTH_FILE, write_files
from lantern.synthetic.models import SeededPerson
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_files(tmp_path):
    write_files(seed=SEED, as_at=AS_AT, scale=TINY, out_dir=tmp_path)
    return tmp_path


def _load(folder, personas):
    truth = json.loads((folder / TRUTH_FILE).read_text())
    with county_load.transaction.atomic():
        return county_load._load(folder, truth, SEED, AS_AT, "0" * 64, personas,
                                 county_load._Bars(False, {}))


def test_bulk_load_writes_what_the_partnership_holds(tiny_files, personas):
    people = list(county_load.read(tiny_files, "people"))
    held = {r[0] for r in people if r[15]}
    events = [r for r in county_load.read(tiny_files, "events") if r[1] in held]
    counts, run = _load(tiny_files, personas)
    assert counts["people"] == len(held) == SeededPerson.objects.filter(run=run).count()
    assert counts["events"] == len(events) == ChronologyEvent.objects.count()
    drug = sum(1 for r in events if r[2] == "arrest" and r[3] == "drug_supply")
    assert ChronologyEvent.objects.filter(arrested=True, concern_type="drug_supply").count() == drug
    cse = [r for r in events if r[2] == "cse_incident"]
    assert ChronologyEvent.objects.filter(event_type="cse_incident").exclude(method="").count() == len(cse)
    assert ChronologyEvent.objects.filter(area__isnull=False).count() > len(events) * 0.9
    # the database's own counters carry on past the ids written here
    person = Person.objects.create(first_name="After", last_name="Load")
    assert person.pk > max(SeededPerson.objects.values_list("person_id", flat=True))
    Address.objects.create(person=person, line1="1 New Road", town="Harrowden")


def test_committee_statistics_after_the_load(tiny_files, personas):
    from lantern.analysis.statistics import Filters
    from lantern.reporting import facts, selectors

    _load(tiny_files, personas)
    stats = selectors.published_statistics(
        Filters(start=dt.date(2015, 1, 1), end=AS_AT), ["missing_episodes", "county_lines"],
        db=facts.engine(fresh=True))
    missing = next(s for s in stats if s.definition == "missing_episodes")
    episodes = sum(map(sum, missing.count.counts))
    assert episodes == ChronologyEvent.objects.filter(event_type="missing", event_date__lte=AS_AT).count()
