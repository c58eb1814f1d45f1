"""Check-digit arithmetic for NHS numbers and unique pupil numbers, with no Django import.

Why a separate module: the synthetic county generator (``lantern.synthetic.generator``) must stay
Django-free (an import-linter contract), yet it needs the same arithmetic as the validators in
``lantern.people.identifiers`` to mint valid numbers. Both import from here, so they cannot drift.

* NHS number: 10 digits; modulus-11 check digit over the first nine (weights 10..2);
  11 -> 0; 10 means the nine digits can never form a valid number.
* UPN: a check letter then 12 characters; the letter is the Department for Education's
  modulus-23 rule over the 12 characters (weights 2..13).

Example::

    >>> make_nhs_number("999000001")
    '9990000018'
    >>> make_upn("950123426001")
    'L950123426001'
"""

from __future__ import annotations

__all__ = [
    "UPN_LETTERS",
    "make_nhs_number",
    "make_upn",
    "nhs_check_digit",
    "upn_check_letter",
]

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters; I, O, S omitted


def nhs_check_digit(first_nine: str) -> int | None:
    """The tenth digit for nine NHS digits, or None when no valid number exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def upn_check_letter(body: str) -> str:
    """Check letter for the 12 characters after it (the last may be a letter, 'temporary UPN')."""
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * position
    return UPN_LETTERS[total % 23]


def make_nhs_number(nine_digits: str) -> str | None:
    """Complete nine digits into a valid NHS number (for synthetic data), or None."""
    check = nhs_check_digit(nine_digits)
    return None if check is None else f"{nine_digits}{check}"


def make_upn(body: str) -> str:
    """Prefix 12 characters with their check letter (for synthetic data)."""
    return upn_check_letter(body) + body
