"""Password storage and password rules (config/settings.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import config.settings as project_settings
from lantern.accounts.models import User


def test_argon2_is_the_production_hasher():
    # The suite hashes with MD5 for speed (conftest); the project setting must be Argon2 first.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_and_checks(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password("correct horse battery staple")
    assert encoded.startswith("argon2$")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("correct horse battery staple", encoded)
    assert not check_password("correct horse battery stapler", encoded)


def _messages(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return exc.messages
    return []


def test_short_password_refused():
    messages = _messages("Xq7!pL2#")
    assert any("at least 12 characters" in m for m in messages)


def test_eleven_characters_refused_twelve_accepted():
    assert any("at least 12" in m for m in _messages("ravenfold7q"))  # 11
    assert _messages("ravenfold7qz") == []  # 12


def test_common_password_refused_even_when_long_enough():
    # "password1234" is 12 characters and on Django's common-password list.
    messages = _messages("password1234")
    assert any("too common" in m for m in messages)
    assert not any("at least 12" in m for m in messages)


def test_all_numeric_refused():
    assert any("entirely numeric" in m for m in _messages("731904826451"))


@pytest.mark.django_db
def test_password_like_the_username_refused():
    user = User(username="marcusadeyemi", first_name="Marcus", last_name="Adeyemi")
    assert any("too similar" in m for m in _messages("marcusadeyemi1", user=user))


def test_demo_password_meets_the_rules():
    from lantern.synthetic.personas import DEMO_PASSWORD

    assert _messages(DEMO_PASSWORD) == []
