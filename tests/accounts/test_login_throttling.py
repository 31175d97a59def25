"""Issue 16, "login throttling behind the reverse proxy": it keyed on the proxy's address, so five wrong
passwords locked a user out for everyone, and one password tried across many accounts was never throttled.
Now: per account and client address, the client's address taken from X-Forwarded-For only when the
connection comes from a trusted proxy; and per address and per password across accounts."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOCKED = "Inloggningen har misslyckats för många gånger"
SPRAYED = "för många misslyckade inloggningar från ditt nätverk eller med det här lösenordet"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):  # type: ignore[no-untyped-def]
    settings.MIMIS_TRUSTED_PROXIES = [PROXY]
    cache.clear()
    yield
    cache.clear()


def sign_in(email: str, password: str, *, remote: str = PROXY, forwarded: str | None = None) -> str:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client(**headers).post(
        "/account/login/", {"username": email, "password": password}, follow=True
    )
    return " ".join(response.content.decode().split())


def is_signed_in(page: str) -> bool:
    return "Logga ut" in page


class TestBehindTheProxy:
    def test_a_guesser_elsewhere_does_not_lock_the_owner_out(self):
        owner = UserFactory()
        for _ in range(5):
            sign_in(owner.email, "fel-lösenord", forwarded="203.0.113.5")
        assert LOCKED in sign_in(owner.email, PASSWORD, forwarded="203.0.113.5")
        assert is_signed_in(sign_in(owner.email, PASSWORD, forwarded="198.51.100.7"))

    def test_the_client_is_the_right_most_address_the_proxy_did_not_add(self):
        owner = UserFactory()
        for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
            # The client put an address of its own choosing first; the proxy appended the real one.
            sign_in(owner.email, "fel-lösenord", forwarded=f"{spoofed}, 203.0.113.5")
        assert LOCKED in sign_in(owner.email, PASSWORD, forwarded="9.9.9.9, 203.0.113.5")

    def test_x_forwarded_for_from_anyone_else_is_not_believed(self):
        owner = UserFactory()
        for n in range(5):
            sign_in(owner.email, "fel-lösenord", remote="203.0.113.9", forwarded=f"192.0.2.{n}")
        assert LOCKED in sign_in(owner.email, PASSWORD, remote="203.0.113.9", forwarded="192.0.2.77")


class TestAcrossAccounts:
    def test_one_password_tried_on_many_accounts_is_stopped_wherever_it_comes_from(self):
        accounts = [UserFactory() for _ in range(11)]
        for n, account in enumerate(accounts[:10]):
            sign_in(account.email, "Sommar2026!", forwarded=f"198.51.100.{n}")
        page = sign_in(accounts[10].email, "Sommar2026!", forwarded="198.51.100.200")
        assert SPRAYED in page and not is_signed_in(page)
        # The owners themselves, with their own passwords, are not affected.
        assert is_signed_in(sign_in(accounts[0].email, PASSWORD, forwarded="198.51.100.201"))

    def test_one_address_failing_on_many_accounts_is_stopped(self):
        accounts = [UserFactory() for _ in range(11)]
        for n, account in enumerate(accounts[:10]):
            sign_in(account.email, f"gissning-{n}", forwarded="203.0.113.66")
        assert SPRAYED in sign_in(accounts[10].email, "gissning-x", forwarded="203.0.113.66")
        assert is_signed_in(sign_in(accounts[10].email, PASSWORD, forwarded="198.51.100.9"))


def test_a_wrong_trusted_proxy_setting_stops_start_up(tmp_path):
    from tests.core.test_config import run_mimis

    result = run_mimis(tmp_path, MIMIS_TRUSTED_PROXIES="10.0.0.0/8, proxy.example")
    assert result.returncode == 2
    assert (
        "MIMIS_TRUSTED_PROXIES: holds 'proxy.example', which is not an IP address or network."
        in result.stderr
    )
