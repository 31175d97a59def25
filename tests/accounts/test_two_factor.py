"""Two-factor sign-in (TOTP): required for roles that issue, approve or administer; optional for others."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mimis.accounts import services
from mimis.accounts.errors import TwoFactorCodeWrong, TwoFactorRequired
from tests.conftest import signed_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_admin_without_two_factor_is_sent_to_set_it_up(provider_admin):
    response = signed_in(provider_admin).get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_editor_is_not_forced_to_set_up_two_factor(provider_editor):
    assert signed_in(provider_editor).get(reverse("core:dashboard")).status_code == 200


def test_setting_up_with_a_real_code_turns_it_on_and_lets_the_admin_in(provider_admin):
    client = signed_in(provider_admin)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=provider_admin, confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_wrong_code_does_not_turn_it_on(provider_admin):
    client = signed_in(provider_admin)
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert "Koden stämde inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=provider_admin, confirmed=True).exists()


def test_sign_in_asks_for_the_code_when_two_factor_is_on(provider_admin):
    device = TOTPDevice.objects.create(user=provider_admin, name="app", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": provider_admin.email, "password": PASSWORD})
    response = client.get(reverse("core:dashboard"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    good = client.post(
        reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "/start/"}
    )
    assert good["Location"] == "/start/"
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_wrong_codes_are_refused_and_then_throttled(provider_admin):
    device = TOTPDevice.objects.create(user=provider_admin, name="app", confirmed=True)
    client = signed_in(provider_admin)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    first = client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert "Koden stämde inte" in first.content.decode()
    second = client.post(reverse("accounts:two_factor_verify"), {"code": current_code(device)})
    assert second.status_code == 200
    assert "För många felaktiga koder" in second.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_verify_refuses_to_redirect_to_another_site(provider_admin):
    device = TOTPDevice.objects.create(user=provider_admin, name="app", confirmed=True)
    client = signed_in(provider_admin)
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_learner_may_turn_two_factor_off_again_but_an_admin_may_not(provider_admin):
    learner = UserFactory()
    device = TOTPDevice.objects.create(user=learner, name="app", confirmed=True)
    with pytest.raises(TwoFactorCodeWrong):
        services.disable_two_factor(user=learner, code="000000")
    services.disable_two_factor(user=learner, code=current_code(device))
    assert not TOTPDevice.objects.filter(user=learner).exists()
    TOTPDevice.objects.create(user=provider_admin, name="app", confirmed=True)
    with pytest.raises(TwoFactorRequired):
        services.disable_two_factor(user=provider_admin, code="000000")


def test_demo_personas_skip_two_factor_only_in_demo_mode(settings, provider):
    from tests.factories import member

    persona = member(provider, "admin", is_demo=True)
    settings.DEMO_MODE = True
    assert signed_in(persona).get(reverse("core:dashboard")).status_code == 200
    settings.DEMO_MODE = False
    assert signed_in(persona).get(reverse("core:dashboard")).status_code == 302
