"""Shared fixtures: named personas of the regional pilot and helpers for e-mail and sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from mimis.accounts.models import Organisation, User
from tests.factories import OrganisationFactory, UserFactory, member

# Production hashes passwords with Argon2, on purpose slow: in tests it was about 40 % of the suite's time,
# since every persona gets a password. Tests hash with MD5 instead; tests/accounts/test_passwords.py proves
# that production settings use Argon2 and that a registration made with them stores an Argon2 hash.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _immediate_tasks(settings) -> None:  # type: ignore[no-untyped-def]
    # Tasks run at enqueue time in tests; tests/core/test_worker.py exercises the database queue itself.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MIMIS_BASE_URL = "http://testserver"
    # Tests never resolve issuers over the network, whatever the environment says.
    settings.MIMIS_RESOLVE_REMOTE_DIDS = False
    # Embedding the full taxonomy takes a minute of CPU: tests of the semantic extra build it themselves.
    settings.MIMIS_SKILLS_EMBED_AFTER_IMPORT = False


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # Django's cache outlives a test's rolled-back transaction (cached DID documents, rate limits):
    # each test starts with an empty one, as a fresh installation would.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # The active language is thread state; a request in one test must not leak into the next.
    translation.activate("sv")
    yield
    translation.deactivate()


@pytest.fixture
def region(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Region Skåne", slug="region", kind="region")


@pytest.fixture
def provider(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Högskolan Kristianstad", slug="hkr", kind="education_provider")


@pytest.fixture
def other_provider(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Medborgarskolan Syd", slug="medborgarskolan", kind="education_provider")


@pytest.fixture
def qa_body(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Kvalitetsrådet", slug="kvalitet", kind="qa_body")


@pytest.fixture
def region_admin(region) -> User:  # type: ignore[no-untyped-def]
    return member(region, "admin", email="eva@region.example.se", name="Eva Lindqvist")


@pytest.fixture
def provider_admin(provider) -> User:  # type: ignore[no-untyped-def]
    return member(provider, "admin", email="karin@hkr.example.se", name="Karin Holm")


@pytest.fixture
def provider_editor(provider) -> User:  # type: ignore[no-untyped-def]
    return member(provider, "editor", email="jonas@hkr.example.se", name="Jonas Berg")


@pytest.fixture
def other_admin(other_provider) -> User:  # type: ignore[no-untyped-def]
    return member(other_provider, "admin", email="sara@medborgarskolan.example.se", name="Sara Nilsson")


@pytest.fixture
def learner(db) -> User:  # type: ignore[no-untyped-def]
    return UserFactory(email="fatima@example.se", name="Fatima Ahmed")


def verified_client(user: User) -> Client:
    """A browser signed in as ``user`` who has passed two-factor sign-in (a device is created if needed)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def last_link(path_fragment: str) -> str:
    """The path of the last link in the outbox that contains ``path_fragment``."""
    for message in reversed(mail.outbox):
        match = re.search(r"http://testserver(\S*" + re.escape(path_fragment) + r"\S*)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail with a link containing {path_fragment!r}")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Use as ``with on_commit(): ...`` so e-mails queued after commit are sent."""

    def run():  # type: ignore[no-untyped-def]
        return django_capture_on_commit_callbacks(execute=True)

    return run
