"""Property tests: the standardisers are total, idempotent and blind to the noise they remove."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.analysis.linkage import standardise as std
from lantern.analysis.linkage.nicknames import NICKNAMES, canonical_given_name

anything = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats())
names = st.text(alphabet=string.ascii_letters + " -'", max_size=25)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=60, deadline=None)
@given(anything)
def test_every_cleaner_is_total(value):
    for fn in (std.clean_name, std.clean_date, std.clean_postcode, std.clean_sex,
               std.clean_nhs_number, std.clean_address):
        out = fn(value)
        assert out is None or (isinstance(out, str) and out)


@settings(max_examples=60, deadline=None)
@given(names)
def test_clean_name_is_idempotent_and_case_blind(value):
    once = std.clean_name(value)
    assert std.clean_name(once) == once
    assert std.clean_name(value.upper()) == once == std.clean_name(value.lower())
    if once:
        assert set(once) <= set(string.ascii_lowercase + " ")
        assert "  " not in once and once == once.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="aeiouc", min_size=1, max_size=10))
def test_accents_and_hyphens_do_not_matter(word):
    accented = word.replace("e", "é").replace("c", "ç").replace("u", "ü")
    assert std.clean_name(accented) == std.clean_name(word)
    assert std.clean_name(f"{word}-{word}") == std.clean_name(f"{word} {word}")


def test_names_examples():
    assert std.clean_name("  O'Neill-SMITH ") == "oneill smith"
    assert std.clean_name("Zoë") == "zoe"
    assert std.clean_name("unknown") is None
    assert std.name_tokens("oneill smith") == ["oneill", "smith"]


@settings(max_examples=60, deadline=None)
@given(dates)
def test_every_date_form_gives_the_iso_date(d):
    iso = d.isoformat()
    assert std.clean_date(iso) == iso
    assert std.clean_date(d.strftime("%Y%m%d")) == iso
    assert std.clean_date(f"{d.day}/{d.month}/{d.year}") == iso
    assert std.clean_date(f"{iso} 00:00:00") == iso


@settings(max_examples=60, deadline=None)
@given(dates)
def test_swapping_day_and_month_twice_is_the_date(d):
    swapped = std.dob_swapped(d.isoformat())
    if d.day > 12 or d.day == d.month:
        assert swapped is None
    else:
        assert swapped != d.isoformat()
        assert std.dob_swapped(swapped) == d.isoformat()


def test_impossible_dates_are_none():
    for bad in ("2010-02-30", "20101301", "1850-01-01", "yesterday", "2010-5-5x"):
        assert std.clean_date(bad) is None


postcodes = st.builds(lambda a, d, s, u: f"{a}{d} {s}{u}",
                      st.sampled_from(["AD", "QB", "SW", "M", "B"]),
                      st.integers(1, 99), st.integers(0, 9),
                      st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=2))


@settings(max_examples=60, deadline=None)
@given(postcodes, st.sampled_from(["", " ", "  "]))
def test_postcode_spacing_and_case_do_not_matter(pc, pad):
    clean = std.clean_postcode(pc)
    assert clean == pc
    assert std.clean_postcode(pad + pc.replace(" ", "").lower() + pad) == clean
    assert std.clean_postcode(clean) == clean
    assert std.postcode_district(clean) == pc.split(" ")[0]
    assert std.postcode_sector(clean) == pc[:-2]


def _with_check_digit(nine: str) -> str | None:
    total = sum(int(c) * (10 - i) for i, c in enumerate(nine))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return None if check == 10 else nine + str(check)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=string.digits, min_size=9, max_size=9))
def test_valid_nhs_numbers_survive_any_spacing(nine):
    number = _with_check_digit(nine)
    if number is None:  # no valid check digit exists for these nine: every tenth is wrong
        assert all(std.clean_nhs_number(nine + str(d)) is None for d in range(10))
        return
    assert std.clean_nhs_number(f"{number[:3]} {number[3:6]} {number[6:]}") == number
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert std.clean_nhs_number(wrong) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=string.digits + " -x", max_size=14),
                          st.text(alphabet=string.digits, min_size=10, max_size=10)), max_size=40))
def test_vectorised_nhs_check_equals_the_scalar_one(values):
    assert list(std.nhs_numbers_valid(values)) == [std.clean_nhs_number(v) for v in values]


def test_nicknames_map_to_their_given_name():
    assert canonical_given_name("tommy") == "thomas"
    assert canonical_given_name("billy") == "william"
    assert canonical_given_name("zara") == "zara"
    assert all(v not in NICKNAMES or NICKNAMES[v] == v for v in set(NICKNAMES.values()))


def test_a_record_is_standardised_into_the_model_columns():
    r = std.standardise_record({"first_name": "Ollie", "last_name": "Smith-Jones",
                                "date_of_birth": "20100305", "postcode": "qb5 5td",
                                "sex": "male", "nhs_number": "943 476 5919"})
    assert r["first_canonical"] == "oliver"
    assert r["last_tokens"] == ["smith", "jones"]
    assert (r["dob"], r["dob_swapped"]) == ("2010-03-05", "2010-05-03")
    assert (r["postcode"], r["postcode_district"], r["sex"]) == ("QB5 5TD", "QB5", "M")
    assert r["nhs_number"] == "9434765919"
