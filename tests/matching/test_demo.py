"""The demo story: the region's templates, Lena's vårdbiträde profile, and Fatima's gap to vårdbiträde,
closed by exactly two micro-credentials."""

from __future__ import annotations

import pytest

from mimis.accounts.models import User
from mimis.demo.data import DEMO_EMAIL_DOMAIN
from mimis.demo.services import load_demo_data
from mimis.matching.demo import TEMPLATES
from mimis.matching.gap import gap_analysis
from mimis.matching.models import RoleProfile, ShortageOccupation
from mimis.matching.occupations import closest_occupations

pytestmark = pytest.mark.django_db


def test_the_demo_story(db):
    """One load (it takes a while) and the whole story, then a second load that creates nothing."""
    load_demo_data()
    the_region_publishes_a_template_for_each_pilot_role()
    lena_has_a_vardbitrade_profile_of_her_employer()
    fatimas_gap_to_vardbitrade_is_closed_by_two_micro_credentials()
    fatimas_closest_occupations_start_with_shortage_occupations_in_care()
    fatima_opted_in_and_has_one_pending_request_from_lena()
    _logins, created = load_demo_data()
    assert created == 0


def the_region_publishes_a_template_for_each_pilot_role() -> None:
    templates = RoleProfile.objects.filter(is_template=True, organisation__slug="region-skane")
    assert sorted(t.current_version.title for t in templates) == sorted(title for title, *_ in TEMPLATES)
    assert ShortageOccupation.objects.count() == 3


def lena_has_a_vardbitrade_profile_of_her_employer() -> None:
    profile = RoleProfile.objects.get(organisation__slug="vard-och-omsorg-kristianstad")
    assert profile.current_version.title.startswith("Vårdbiträde")
    assert profile.created_by.email == f"lena.omsorg@{DEMO_EMAIL_DOMAIN}"


def fatimas_gap_to_vardbitrade_is_closed_by_two_micro_credentials() -> None:
    fatima = User.objects.get(email=f"fatima@{DEMO_EMAIL_DOMAIN}")
    template = RoleProfile.objects.get(is_template=True, current_version__title="Vårdbiträde")
    result = gap_analysis(learner=fatima, role_profile=template.pk)
    assert {c.skill.preferred_label for c in result.covered} == {
        "Omvårdnad",
        "Äldreomsorg",
        "Hemtjänst",
        "Social dokumentation",
    }
    assert sorted(r.version.microcredential.slug for r in result.recommended) == [
        "demensvard-grund",
        "forflyttning-och-ergonomi",
    ]
    assert result.method == "exact"
    assert result.uncoverable == [m for m in result.missing if m.skill.preferred_label.startswith("Basala")]


def fatimas_closest_occupations_start_with_shortage_occupations_in_care() -> None:
    fatima = User.objects.get(email=f"fatima@{DEMO_EMAIL_DOMAIN}")
    shortage = closest_occupations(learner=fatima, shortage_only=True)
    assert {o.group.code for o in shortage} == {"5330", "5321"}
    assert all(o.shortage is not None for o in shortage)


def fatima_opted_in_and_has_one_pending_request_from_lena() -> None:
    from mimis.matching.models import ContactRequest
    from mimis.wallet.selectors import privacy_of

    fatima = User.objects.get(email=f"fatima@{DEMO_EMAIL_DOMAIN}")
    assert privacy_of(user=fatima).findable_by_skills is True
    request = ContactRequest.objects.get(learner=fatima)
    assert request.status == "pending"
    assert request.sent_by.email == f"lena.omsorg@{DEMO_EMAIL_DOMAIN}"
    assert request.organisation.slug == "vard-och-omsorg-kristianstad"
