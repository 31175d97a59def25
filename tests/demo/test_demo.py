"""`mimis demo` loads the regional pilot's story; running it twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from mimis.accounts.models import Membership, Organisation, OrganisationStatus, User
from mimis.demo.data import DEMO_PASSWORD
from mimis.demo.services import load_demo_data

pytestmark = pytest.mark.django_db


def test_demo_tells_the_pilot_story():
    load_demo_data()
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Högskolan Kristianstad", "Medborgarskolan Syd", "NÄTVERKET idéburen sektor Skåne"} <= names
    assert Organisation.objects.get(kind="region").name.startswith("Region Skåne")
    assert Organisation.objects.filter(kind="qa_body").exists()
    assert Organisation.objects.filter(kind="employer").count() >= 2
    assert Organisation.objects.filter(status=OrganisationStatus.PENDING).count() == 1
    learners = User.objects.filter(is_demo=True, memberships__isnull=True)
    assert learners.count() == 3
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()


def test_every_persona_signs_in_with_the_printed_password():
    load_demo_data()
    for user in User.objects.filter(is_demo=True):
        assert user.check_password(DEMO_PASSWORD), user.email


def test_loading_twice_adds_nothing():
    _logins, first = load_demo_data()
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    _logins, second = load_demo_data()
    assert first > 0 and second == 0
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts


def test_demo_command_without_serving_prints_the_logins():
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    assert "eva.region@demo.mimis.example" in text


def test_demo_command_rejects_a_bad_port():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--port must be a number between 1 and 65535"):
        call_command("demo", "--port", "99999", "--no-serve")
