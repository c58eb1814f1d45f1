"""The generator: deterministic, plausible, and carrying the trends the committee asked about."""

from __future__ import annotations

import collections
import datetime as dt
import statistics
import subprocess
import sys

from lantern.people.checkdigits import nhs_check_digit, upn_check_letter
from lantern.people.identifiers import validate_nhs_number, validate_upn
from lantern.synthetic.generator import START, generate
from lantern.synthetic.generator.chronology import BANNED_PHRASES
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY


def _age(dob: str, on: dt.date = AS_AT) -> float:
    return (on - dt.date.fromisoformat(dob)).days / 365.25


def test_same_seed_same_rows_and_truth():
    a = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    b = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    assert a.digest() == b.digest()
    assert a.truth == b.truth


def test_different_seed_different_rows():
    a = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    b = generate(seed=SEED + 1, as_at=AS_AT, scale=TINY)
    assert a.digest() != b.digest()
    assert [r[3] for r in a.tables["people"][:20]] != [r[3] for r in b.tables["people"][:20]]


def test_generator_never_imports_django():
    code = ("import sys, datetime as dt, lantern.synthetic.generator as g; "
            "g.generate(seed=1, as_at=dt.date(2026, 10, 31), scale=g.Scale('t',1,5,20,0)); "
            "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_small_scale_size(small_world):
    people = small_world.rows("people")
    held_children = [p for p in people if p["held_by_partnership"] and p["kind"] == "child"]
    assert len(held_children) == 200
    assert 2500 <= len(people) <= 3200
    assert sum(p["restricted"] for p in people) == 2


def test_children_known_to_services_are_mostly_10_to_17(small_world):
    children = [p for p in small_world.rows("people") if p["held_by_partnership"] and p["kind"] == "child"]
    ages = [_age(p["date_of_birth"]) for p in children]
    share = sum(10 <= a < 18 for a in ages) / len(ages)
    assert share >= 0.55, share
    assert min(ages) >= 7 and max(ages) < 30
    # The rest are young adults whose exploitation happened while they were children.
    assert any(a >= 18 for a in ages)


def test_drug_supply_arrest_age_falls_over_the_years(trend_world):
    people = {p["person_id"]: p for p in trend_world.rows("people")}
    by_year = collections.defaultdict(list)
    for e in trend_world.rows("events"):
        if e["event_type"] == "arrest" and e["subtype"] == "drug_supply" and people[e["person_id"]]["kind"] == "child":
            when = dt.date.fromisoformat(e["event_date"])
            by_year[when.year].append(_age(people[e["person_id"]]["date_of_birth"], when))
    early = [a for y, ages in by_year.items() if y <= 2019 for a in ages]
    late = [a for y, ages in by_year.items() if y >= 2023 for a in ages]
    assert len(early) >= 15 and len(late) >= 50
    assert statistics.mean(early) - statistics.mean(late) >= 1.0
    xs = [y for y, ages in by_year.items() for _ in ages]
    ys = [a for _, ages in by_year.items() for a in ages]
    slope = statistics.linear_regression(xs, ys).slope
    assert slope < -0.1, slope
    # ... and more children are arrested for drug supply in later years.
    assert sum(len(by_year[y]) for y in (2022, 2023, 2024, 2025)) > 2 * sum(len(by_year[y]) for y in (2015, 2016, 2017, 2018))


def test_sexual_exploitation_incidents_every_year_and_social_media_rising(trend_world):
    cse = [e for e in trend_world.rows("events") if e["event_type"] == "cse_incident"]
    years = collections.Counter(int(e["event_date"][:4]) for e in cse)
    assert all(years[y] > 0 for y in range(2015, 2027)), years

    def share(lo, hi):
        chosen = [e for e in cse if lo <= int(e["event_date"][:4]) <= hi]
        return sum(e["subtype"] == "social_media" for e in chosen) / len(chosen)

    assert share(2023, 2026) > share(2015, 2018) + 0.15


def test_events_lie_between_2015_and_as_at(small_world):
    for e in small_world.rows("events"):
        if e["event_date"]:
            assert START.isoformat() <= e["event_date"] < AS_AT.isoformat()
        else:
            assert e["date_precision"] == "unknown"


def test_chronology_uses_victim_first_language(small_world):
    texts = [e["summary"] for e in small_world.rows("events")]
    texts += [r["description"] for r in small_world.rows("relationships")]
    for text in texts:
        lowered = text.lower()
        assert not any(b in lowered for b in BANNED_PHRASES), text
    summaries = " ".join(texts)
    assert "was sexually exploited" in summaries or "was groomed" in summaries
    assert "was found" in summaries or "Found " in summaries


def test_identifiers_have_valid_check_digits_and_are_unique(small_world):
    rows = small_world.rows("identifiers")
    kinds = collections.Counter(r["type"] for r in rows)
    assert kinds["nhs"] > 2000 and kinds["upn"] > 500 and kinds["la_child_id"] == 200
    assert kinds["police_id"] > 100
    for r in rows:
        if r["type"] == "nhs":
            assert validate_nhs_number(r["value"]) == r["value"]
            assert nhs_check_digit(r["value"][:9]) == int(r["value"][9])
            assert r["value"].startswith("999")  # the range reserved for testing
        elif r["type"] == "upn":
            assert validate_upn(r["value"]) == r["value"]
            assert upn_check_letter(r["value"][1:]) == r["value"][0]
    assert len({(r["type"], r["value"]) for r in rows}) == len(rows)


def test_contact_details_are_fictional(small_world):
    phones = [r["contact_phone"] for r in small_world.rows("involvements")]
    phones += [r[k] for r in small_world.rows("professionals") for k in ("phone", "mobile") if r[k]]
    phones += [r["number"] for r in small_world.rows("phones")]
    assert phones
    for phone in phones:
        assert phone.startswith(("01632 960", "07700 900")), phone
    emails = [r["contact_email"] for r in small_world.rows("involvements")]
    emails += [r["email"] for r in small_world.rows("agencies")]
    assert all(e.endswith("@example.org") for e in emails)


def test_enrolment_year_groups_match_dates_of_birth(small_world):
    from lantern.synthetic.generator.dates import year_group

    people = {p["person_id"]: p for p in small_world.rows("people")}
    for e in small_world.rows("enrolments"):
        dob = dt.date.fromisoformat(people[e["person_id"]]["date_of_birth"])
        expected = max(0, min(13, year_group(dob, dt.date.fromisoformat(e["start_date"]))))
        assert e["year_group"] == expected
    current = [e for e in small_world.rows("enrolments") if not e["end_date"]]
    for e in current:
        age = _age(people[e["person_id"]]["date_of_birth"])
        assert 4 <= age < 19.5


def test_children_have_addresses_with_ranges_and_aliases(small_world):
    children = {p["person_id"] for p in small_world.rows("people") if p["held_by_partnership"] and p["kind"] == "child"}
    addresses = collections.defaultdict(list)
    for a in small_world.rows("addresses"):
        addresses[a["person_id"]].append(a)
    assert all(addresses[c] for c in children)
    moved = [c for c in children if len(addresses[c]) > 1]
    assert len(moved) > 50
    for c in moved:
        ended = [a for a in addresses[c] if a["end_date"]]
        assert all(a["start_date"] <= a["end_date"] for a in ended if a["start_date"])
    aliases = {a["person_id"] for a in small_world.rows("aliases")}
    assert len(aliases & children) > 40
    assert any(p["dob_approximate"] for p in small_world.rows("people"))


def test_every_child_known_to_services_has_a_chronology_and_agencies(small_world):
    children = {p["person_id"] for p in small_world.rows("people") if p["held_by_partnership"] and p["kind"] == "child"}
    events = collections.Counter(e["person_id"] for e in small_world.rows("events"))
    involvements = collections.Counter(i["person_id"] for i in small_world.rows("involvements"))
    assert all(events[c] >= 2 for c in children)
    assert all(involvements[c] >= 1 for c in children)
    leads = [i for i in small_world.rows("involvements") if i["is_lead"]]
    assert all(i["contact_name"] and i["contact_phone"] for i in leads)


def test_ground_truth_accounts_for_every_record(small_world):
    records = {r["record_id"]: r for r in small_world.rows("records")}
    seen = collections.Counter()
    for cluster in small_world.truth["record_clusters"]:
        seen.update(cluster["records"])
    assert set(seen) == set(records)
    assert max(seen.values()) == 1  # each record belongs to exactly one person


def test_ground_truth_errors_match_the_duplicate_records(small_world):
    people = {p["person_id"]: p for p in small_world.rows("people")}
    addresses = collections.defaultdict(list)
    for a in small_world.rows("addresses"):
        addresses[a["person_id"]].append(a)
    records = {r["record_id"]: r for r in small_world.rows("records")}
    error_counts = collections.Counter()
    multi_source = 0
    for cluster in small_world.truth["record_clusters"]:
        p = people[cluster["person_id"]]
        errors = {int(k): v for k, v in cluster.get("errors", {}).items()}
        sources = collections.Counter(records[r]["source"] for r in cluster["records"])
        multi_source += any(n > 1 for n in sources.values())
        for rid in cluster["records"]:
            r = records[rid]
            codes = set(errors.get(rid, ()))
            error_counts.update(codes)
            name_codes = {"typo_first", "typo_last", "spelling", "nickname", "first_last_swapped", "surname_changed"}
            if not codes & name_codes:
                assert (r["first_name"], r["last_name"]) == (p["first_name"], p["last_name"])
            dob_codes = {"dob_swapped", "dob_approx", "dob_year_off", "dob_missing"}
            if not codes & dob_codes:
                assert r["date_of_birth"] == p["date_of_birth"]
            if "dob_missing" in codes:
                assert r["date_of_birth"] == ""
            if codes == {"dob_swapped"} | (codes - dob_codes):
                y, m, d = p["date_of_birth"].split("-")
                assert r["date_of_birth"] == f"{y}-{d}-{m}"
            if "nickname" in codes:
                assert r["first_name"] != p["first_name"]
            if "postcode_old" in codes and "postcode_missing" not in codes:
                assert r["postcode"] in {a["postcode"] for a in addresses[p["person_id"]] if a["end_date"]}
            if "sex_unknown" in codes:
                assert r["sex"] == "U"
            if not codes & {"sex_unknown"}:
                assert r["sex"] == p["sex"]
    # Realistic errors of each kind do occur, and some agencies hold two records of a person.
    for code in ("nickname", "dob_swapped", "postcode_old", "typo_first", "dob_missing"):
        assert error_counts[code] > 0, code
    assert multi_source > 10


def test_networks_ground_truth_matches_links(small_world):
    links = collections.defaultdict(set)
    for link in small_world.rows("network_links"):
        links[link["network_id"]].update((link["source"], link["target"]))
    people = {p["person_id"]: p for p in small_world.rows("people")}
    networks = small_world.truth["networks"]
    lines = [n for n in networks if n["kind"] == "county_line"]
    assert len(lines) >= 6
    for n in networks:
        assert set(n["nodes"]) == links[n["network_id"]]
        assert n["children"], n
        for pid in n["children"]:
            assert people[pid]["kind"] == "child" and people[pid]["held_by_partnership"]
        for pid in n["adults_of_concern"]:
            assert people[pid]["kind"] == "adult_of_concern"
    for n in lines:
        assert n["deal_number"].startswith("07700 900")
        assert n["adult_victims"] and n["addresses"]
    # Planted: every area has a line active when the committee's figures were taken.
    feb_2019 = "2019-02-01"
    active = {n["area"] for n in lines if n["start"] <= feb_2019 and (n["closed"] or "9999") > feb_2019}
    assert active == {"North", "West", "East"}


def test_children_in_a_network_have_events_naming_it(small_world):
    events = collections.defaultdict(list)
    for e in small_world.rows("events"):
        events[e["person_id"]].append(e)
    for n in small_world.truth["networks"]:
        if n["kind"] != "county_line":
            continue
        for pid in n["children"]:
            assert any(e["network_id"] == n["network_id"] for e in events[pid])
            assert any(n["name"] in e["summary"] for e in events[pid])
