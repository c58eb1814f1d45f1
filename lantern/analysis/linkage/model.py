"""The linkage model: comparisons, blocking rules and thresholds, the same on every backend.

Everything here is expressed through Splink's comparison and blocking libraries or in plain
SQL that DuckDB and Spark both accept, so ``settings()`` gives one model whichever engine
runs it: a region that outgrows one machine moves to Spark without retraining differently.

Blocking (which pairs are compared at all) is where plain configurations lose recall: two
records of one child that share no blocking key are never scored. The rules below are a union,
each aimed at an error the others miss:

=====================================  ======================================================
rule                                   still finds the pair when
=====================================  ======================================================
NHS number                             names and date of birth are both wrong
date of birth + canonical first name   surname changed, misspelt or swapped; moved house
date of birth + surname                nickname or misspelt first name; moved house
date of birth + postcode               both names differ (nickname and new surname)
swapped date of birth + first name     day and month swapped (each side, one rule per side)
canonical first name + surname         date of birth missing, estimated or a year out
  + postcode district
first name = surname, both ways        first name and surname entered the wrong way round
canonical first name + postcode        surname changed and date of birth wrong
surname + postcode + sex               unknown nickname and date of birth wrong
canonical first + surname + birth yr   moved house and date of birth day/month wrong
=====================================  ======================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule

__all__ = ["Thresholds", "blocking_rules", "comparisons", "plain_settings", "settings",
           "training_rules"]


@dataclass(frozen=True)
class Thresholds:
    """Match probability cut-offs: at or above ``automatic_link`` two records are linked
    without a person; from ``human_review`` up to it a reviewer decides; below, no link.

    The defaults favour precision for automatic links (a wrong merge of two children's
    records is far worse than a missed one, which a reviewer can still find).
    """

    automatic_link: float = 0.99
    human_review: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.human_review <= self.automatic_link <= 1.0:
            raise ValueError("thresholds must satisfy 0 <= human_review <= automatic_link <= 1")

    def band(self, probability: float) -> str:
        """"automatic_link", "human_review" or "no_link"."""
        if probability >= self.automatic_link:
            return "automatic_link"
        if probability >= self.human_review:
            return "human_review"
        return "no_link"


def _first_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="first_name",
        comparison_description="first name, with nicknames and names swapped",
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name").configure(tf_adjustment_column="first_name"),
            cll.CustomLevel('first_canonical_l = first_canonical_r', "nickname or short form"),
            cll.CustomLevel('first_name_l = last_name_r AND last_name_l = first_name_r',
                            "first name and surname swapped").configure(
                m_probability=SWAPPED_M, fix_m_probability=True, u_probability=SWAPPED_U,
                fix_u_probability=True),
            cll.JaroWinklerLevel("first_name", 0.92),
            cll.JaroWinklerLevel("first_name", 0.80),
            cll.ElseLevel(),
        ],
    )


def _last_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="last_name",
        comparison_description="surname, with double-barrelled and swapped names",
        comparison_levels=[
            cll.NullLevel("last_name"),
            cll.ExactMatchLevel("last_name").configure(tf_adjustment_column="last_name"),
            cll.CustomLevel('first_name_l = last_name_r AND last_name_l = first_name_r',
                            "first name and surname swapped").configure(
                m_probability=SWAPPED_M, fix_m_probability=True, u_probability=SWAPPED_U,
                fix_u_probability=True),
            cll.CustomLevel(
                'last_first_token_l = last_first_token_r OR last_last_token_l = last_last_token_r'
                ' OR last_first_token_l = last_last_token_r OR last_last_token_l = last_first_token_r',
                "one part of a double-barrelled surname"),
            cll.JaroWinklerLevel("last_name", 0.92),
            cll.JaroWinklerLevel("last_name", 0.80),
            cll.ElseLevel(),
        ],
    )


# Identifiers unquoted: Spark reads "x" as a string literal, DuckDB as a column; bare names
# are columns in both.
# Derived columns (see extracts.py) turn every date test into string equality: DuckDB runs
# equality on short strings tens of times faster than SUBSTR or casts inside each pair.
_YEAR_NEAR = ('(birth_year_l = birth_year_r OR birth_year_l = birth_year_next_r '
              'OR birth_year_next_l = birth_year_r)')


_YEAR_NEAR_2 = ('(birth_year_l = birth_year_r OR birth_year_l = birth_year_next_r '
                'OR birth_year_next_l = birth_year_r OR birth_year_l = birth_year_next2_r '
                'OR birth_year_next2_l = birth_year_r)')

#: Fixed m values, not learned. Unsupervised training cannot learn them here: in a county a
#: parent and a child often share a full name and an address, so expectation maximisation
#: takes the pair for one person and learns that "born 30 years apart" is common among
#: matches. Agencies do record a birth year one out, and an estimated date, but not decades
#: out; and two valid NHS numbers that differ are two people (an invalid one is dropped in
#: standardising). These say so.
FAR_APART_M = 0.0001
#: Different dates within two years that match none of the error levels: siblings with the
#: same name at one address look like this; agencies' own slips land in the levels above.
DOB_OTHER_M = 0.0005
#: Names entered the wrong way round: rare (a fraction of a per cent of records) and so seldom
#: seen in training pairs that EM leaves the level untrained; this is its share among matches.
SWAPPED_M = 0.003
SWAPPED_U = 0.00001  # two strangers whose names are each other's, reversed
NHS_DIFFERENT_M = 0.002


def _date_of_birth() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="dob",
        comparison_description="date of birth, with the errors agencies make",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            cll.CustomLevel('dob_swapped_l = dob_r', "day and month swapped"),
            cll.CustomLevel(f'dob_md_l = dob_md_r AND {_YEAR_NEAR}',
                            "same day and month, year one out"),
            cll.CustomLevel(f"(dob_md_l = '01-01' OR dob_md_r = '01-01') AND {_YEAR_NEAR}",
                            "estimated (1 January) within a year"),
            # Two of year, month and day agree: a one-digit slip. Not a string edit distance,
            # which costs DuckDB a hundred times more per pair than equality.
            cll.CustomLevel('dob_ym_l = dob_ym_r OR dob_yd_l = dob_yd_r',
                            "two of year, month and day agree"),
            cll.CustomLevel(f"NOT {_YEAR_NEAR_2}", "born more than two years apart").configure(
                m_probability=FAR_APART_M, fix_m_probability=True),
            cll.ElseLevel().configure(m_probability=DOB_OTHER_M, fix_m_probability=True),
        ],
    )


def _postcode() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="postcode",
        comparison_description="postcode, then sector, then district",
        comparison_levels=[
            cll.NullLevel("postcode"),
            cll.ExactMatchLevel("postcode"),
            cll.ExactMatchLevel("postcode_sector"),
            cll.ExactMatchLevel("postcode_district"),
            cll.ElseLevel(),
        ],
    )


def comparisons(fields: Sequence[str]) -> list:
    """The comparisons for the fields present in at least one extract."""
    out = []
    if "first_name" in fields:
        out.append(_first_name())
    if "last_name" in fields:
        out.append(_last_name())
    if "date_of_birth" in fields:
        out.append(_date_of_birth())
    if "postcode" in fields:
        out.append(_postcode())
    if "sex" in fields:
        out.append(cl.ExactMatch("sex"))
    if "nhs_number" in fields:
        out.append(cl.CustomComparison(
            output_column_name="nhs_number", comparison_description="NHS number",
            comparison_levels=[
                cll.NullLevel("nhs_number"), cll.ExactMatchLevel("nhs_number"),
                cll.ElseLevel().configure(m_probability=NHS_DIFFERENT_M, fix_m_probability=True),
            ]))
    if "address" in fields:
        out.append(cl.JaroWinklerAtThresholds("address", [0.95, 0.85]))
    return out


def _have(fields: Sequence[str], *needed: str) -> bool:
    return all(n in fields for n in needed)


def blocking_rules(fields: Sequence[str]) -> list:
    """The union of blocking rules (see the module docstring) usable with these fields."""
    rules = []
    if _have(fields, "nhs_number"):
        rules.append(block_on("nhs_number"))
    if _have(fields, "date_of_birth", "first_name"):
        rules.append(block_on("dob", "first_canonical"))
    if _have(fields, "date_of_birth", "last_name"):
        rules.append(block_on("dob", "last_name"))
    if _have(fields, "date_of_birth", "postcode"):
        rules.append(block_on("dob", "postcode"))
    if _have(fields, "date_of_birth", "first_name"):
        rules.append(CustomRule("l.dob_swapped = r.dob AND l.first_canonical = r.first_canonical"))
        rules.append(CustomRule("l.dob = r.dob_swapped AND l.first_canonical = r.first_canonical"))
    if _have(fields, "first_name", "last_name", "postcode"):
        rules.append(block_on("first_canonical", "last_name", "postcode_district"))
    if _have(fields, "first_name", "last_name", "date_of_birth"):
        rules.append(block_on("first_canonical", "last_name", "birth_year"))
    if _have(fields, "first_name", "last_name"):
        rules.append(CustomRule("l.first_name = r.last_name AND l.last_name = r.first_name"))
    if _have(fields, "first_name", "postcode"):
        rules.append(block_on("first_canonical", "postcode"))
    if _have(fields, "last_name", "postcode", "sex"):
        rules.append(block_on("last_name", "postcode", "sex"))
    if not rules:  # one field only: block on it (small extracts; a big one needs more fields)
        rules.append(block_on({"first_name": "first_name", "last_name": "last_name",
                               "date_of_birth": "dob", "postcode": "postcode", "sex": "sex",
                               "address": "address", "nhs_number": "nhs_number"}[fields[0]]))
    return rules


def training_rules(fields: Sequence[str]) -> list:
    """Blocking rules for EM: each leaves some comparisons free to learn their m values."""
    rules = []
    if _have(fields, "date_of_birth"):
        rules.append(block_on("dob"))
    # Not full name alone: parents and children sharing a name would pass for matches (the
    # fixed date-of-birth levels above keep them apart when the address is in the rule too).
    if _have(fields, "nhs_number"):
        rules.append(block_on("nhs_number"))
    if _have(fields, "first_name", "last_name", "postcode"):
        rules.append(block_on("first_canonical", "last_name", "postcode"))
    elif _have(fields, "first_name", "last_name"):
        rules.append(block_on("first_canonical", "last_name"))
    elif _have(fields, "postcode"):
        rules.append(block_on("postcode"))
    return rules


def link_type_for(n_extracts: int, dedupe: bool) -> str:
    if n_extracts == 1:
        return "dedupe_only"
    return "link_and_dedupe" if dedupe else "link_only"


def settings(fields: Sequence[str], *, link_type: str = "dedupe_only",
             probability_two_random_records_match: float = 1e-5) -> SettingsCreator:
    """The Lantern linkage model for these fields (untrained: see ``pipeline.train``)."""
    return SettingsCreator(
        link_type=link_type,
        comparisons=comparisons(fields),
        blocking_rules_to_generate_predictions=blocking_rules(fields),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
        additional_columns_to_retain=["record_id"],
        max_iterations=20,
    )


def plain_settings(*, link_type: str = "dedupe_only") -> SettingsCreator:
    """A plain Splink configuration, as the Splink tutorials set one up, for the benchmark.

    The raw columns (lower-cased, no nicknames, no swapped fields), Splink's own library
    comparisons, and two common blocking rules. It is the peer the issue measures against.
    """
    return SettingsCreator(
        link_type=link_type,
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("last_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "last_name"),
            block_on("dob", "postcode"),
        ],
        probability_two_random_records_match=1e-5,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
        additional_columns_to_retain=["record_id"],
    )
