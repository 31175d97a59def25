"""Passwords are stored with Argon2 in production (the test suite itself hashes with a fast hasher)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password

import mimis.settings as production
from mimis.accounts import services
from tests.conftest import FAST_PASSWORD_HASHERS
from tests.factories import PASSWORD


def test_production_settings_hash_new_passwords_with_argon2() -> None:
    # mimis.settings as written, not the test run's settings that tests/conftest.py overrides.
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in production.PASSWORD_HASHERS


def test_the_fast_test_hasher_is_not_what_production_uses() -> None:
    assert set(FAST_PASSWORD_HASHERS).isdisjoint(production.PASSWORD_HASHERS)


@pytest.mark.django_db
def test_a_registration_under_production_settings_stores_an_argon2_hash(settings) -> None:
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = services.register_learner(email="fatima@example.se", name="Fatima Ahmed", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert check_password(PASSWORD, user.password)
    assert not check_password("wrong horse battery staple", user.password)
