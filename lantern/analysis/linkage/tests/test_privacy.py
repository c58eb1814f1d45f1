"""The CLK encoder and privacy-preserving matching: properties, and a small end-to-end link."""

from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.analysis.linkage import Extract
from lantern.analysis.linkage.privacy import (
    ClkConfig,
    EncodedExtract,
    derive_key,
    dice,
    encode_extract,
    link_encoded,
)
from lantern.analysis.linkage.privacy.clk import encode_record, pieces, popcount, value_mask

KEY = derive_key(b"a shared secret of thirty-two b.", "clk")
OTHER = derive_key(b"another secret, another partner!", "clk")
words = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=12)
records = st.fixed_dictionaries({
    "first_name": words, "last_name": words,
    "dob": st.dates().map(lambda d: f"{max(d.year, 1900):04d}-{d.month:02d}-{d.day:02d}"),
    "postcode": st.sampled_from(["AD1 2AB", "QB12 3CD", "AD7 9ZZ"]),
})


@settings(max_examples=60, deadline=None)
@given(records)
def test_a_record_matches_itself_exactly_and_the_encoding_is_deterministic(record):
    a = encode_record(record, KEY)
    assert float(dice(a, encode_record(record, KEY))) == 1.0
    assert a.shape == (ClkConfig().words,) and a.dtype == np.uint64


@settings(max_examples=60, deadline=None)
@given(records, records)
def test_dice_is_symmetric_and_bounded(r1, r2):
    a, b = encode_record(r1, KEY), encode_record(r2, KEY)
    d = float(dice(a, b))
    assert d == float(dice(b, a))
    assert 0.0 <= d <= 1.0


@settings(max_examples=40, deadline=None)
@given(records)
def test_the_key_decides_the_bits(record):
    # Without the key the positions cannot be recomputed: another key gives another array.
    assert float(dice(encode_record(record, KEY), encode_record(record, OTHER))) < 0.6


@settings(max_examples=40, deadline=None)
@given(records)
def test_swapped_names_encode_identically(record):
    swapped = dict(record, first_name=record["last_name"], last_name=record["first_name"])
    assert value_mask(swapped, KEY) == value_mask(record, KEY)


@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=8))
def test_popcount_counts_bits(values):
    row = np.array(values, dtype=np.uint64)
    assert int(popcount(row)) == sum(bin(v).count("1") for v in values)


def test_a_typo_stays_closer_than_another_person():
    base = {"first_name": "kieran", "last_name": "oconnor", "dob": "2009-04-11", "postcode": "AD1 2AB"}
    typo = dict(base, last_name="oconor")
    swapped_date = dict(base, dob="2009-11-04")
    other = {"first_name": "amara", "last_name": "okafor", "dob": "2011-07-23", "postcode": "AD7 9ZZ"}
    clk = {k: encode_record(v, KEY) for k, v in
           {"base": base, "typo": typo, "swapped": swapped_date, "other": other}.items()}
    assert float(dice(clk["base"], clk["typo"])) > 0.85
    assert float(dice(clk["base"], clk["swapped"])) > 0.8
    assert float(dice(clk["base"], clk["other"])) < 0.5
    assert pieces(swapped_date)["dob"][-1] == pieces(base)["dob"][-1]  # the unordered pair


def test_short_secrets_are_refused():
    with pytest.raises(ValueError, match="at least 16"):
        derive_key(b"short", "clk")


def _extract(name, rows):
    frame = pd.DataFrame(rows, columns=["id", "forename", "surname", "dob", "postcode"])
    return Extract(name, frame, "id", {"forename": "first_name", "surname": "last_name",
                                       "dob": "date_of_birth", "postcode": "postcode"})


POLICE = [("P1", "Tommy", "Reid", "2010-03-05", "AD1 2AB"),
          ("P2", "Kayleigh", "Smith", "20080812", "QB5 5TD"),
          ("P3", "Amara", "Okafor", "2011-07-23", "AD7 9ZZ")]
COUNCIL = [("1", "Thomas", "Reid", "2010-05-03", "AD1 2AB"),   # nickname, day/month swapped
           ("2", "Smith", "Kayleigh", "2008-08-12", "QB5 5TD"),  # names the wrong way round
           ("3", "Jayden", "Clarke", "2009-11-11", "QA17 9FN")]  # known only to the council


def test_police_and_council_find_the_children_they_share_from_encodings_alone(tmp_path):
    secret = b"agreed between the two agencies."
    police = encode_extract(_extract("police", POLICE), secret)
    council = encode_extract(_extract("council", COUNCIL), secret)
    # What travels is a file of ids, bit arrays and hashed keys: no name, date or postcode.
    path = tmp_path / "police.npz"
    police.save(path)
    raw = path.read_bytes()
    for value in ("Tommy", "tommy", "Reid", "reid", "2010-03-05", "AD1 2AB"):
        assert value.encode() not in raw
    received = EncodedExtract.load(path)
    assert (received.clks == police.clks).all()

    result = link_encoded([received, council], threshold=0.75)
    found = set(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True))
    assert found == {("P1", "1"), ("P2", "2")}
    assert result.candidates >= 2
    assert set(result.pairs["left_source"]) == {"police"}
    assert result.match_rates == {"police": pytest.approx(2 / 3), "council": pytest.approx(2 / 3)}
    # A crafted encoding with every bit set would match everything: refused.
    forged = EncodedExtract("forged", council.ids, np.full_like(council.clks, np.uint64(2**64 - 1)),
                            council.block_rows, council.block_keys)
    with pytest.raises(ValueError, match="not an honest encoding"):
        link_encoded([police, forged])
    # Encoded under another secret, nothing matches: the key is what makes them comparable.
    stranger = encode_extract(_extract("council", COUNCIL), b"a different secret, not shared!!")
    assert link_encoded([police, stranger], threshold=0.75).pairs.empty
