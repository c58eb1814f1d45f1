"""Validation of typed identifiers, so a mistyped number is caught at the door.

* NHS number: 10 digits, modulus-11 check digit (weights 10..2; 11 -> 0; 10 is invalid).
* UPN: 13 characters, a check letter then 12 characters (LA code, school, year, serial).
  The check letter is verified with the Department for Education's modulus-23 rule.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# The arithmetic lives in a Django-free module so the synthetic generator can share it.
from lantern.people.checkdigits import (  # noqa: F401 - re-exported public API
    UPN_LETTERS as _UPN_LETTERS,
)
from lantern.people.checkdigits import (  # noqa: F401 - re-exported public API
    make_nhs_number,
    make_upn,
    nhs_check_digit,
    upn_check_letter,
)


def normalise_nhs(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def validate_nhs_number(value: str) -> str:
    digits = normalise_nhs(value)
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919")
    check = nhs_check_digit(digits[:9])
    if check is None or check != int(digits[9]):
        raise ValidationError("Enter a valid NHS number: the last digit does not match the others")
    return digits


def validate_upn(value: str) -> str:
    upn = (value or "").strip().upper()
    if not re.fullmatch(r"[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]", upn):
        raise ValidationError(
            "Enter a unique pupil number of 13 characters: a letter, 11 numbers, then a number or letter"
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValidationError("Enter a valid unique pupil number: the check letter does not match")
    return upn


VALIDATORS = {"nhs": validate_nhs_number, "upn": validate_upn}


def validate_identifier(id_type: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("Enter the identifier")
    if len(value) > 64:
        raise ValidationError("Identifier must be 64 characters or fewer")
    validator = VALIDATORS.get(id_type)
    return validator(value) if validator else value
