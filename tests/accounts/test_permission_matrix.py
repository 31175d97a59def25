"""The permission matrix: for every kind of organisation and every role, what is allowed and refused.

The expected table is written out by hand here, on purpose: it is the specification that
mimis/accounts/permissions.py must implement, not a copy of it.
"""

from __future__ import annotations

import pytest

from mimis.accounts.models import OrganisationKind, OrganisationStatus, Role
from mimis.accounts.permissions import (
    Capability,
    capabilities_in,
    is_platform_admin,
    require_capability,
    requires_two_factor,
)
from mimis.errors import NotFound, PermissionDenied
from tests.conftest import verified_client
from tests.factories import OrganisationFactory, UserFactory, member

V, E, M, T = "view_organisation", "edit_organisation", "manage_members", "manage_organisation_tokens"
A, ISS, K, R, N, P = (
    "author_microcredentials",
    "issue_credentials",
    "manage_issuer_keys",
    "review_microcredentials",
    "endorse_microcredentials",
    "administer_platform",
)
C = "coordinate_reviews"

EXPECTED = {
    ("education_provider", "admin"): {V, E, M, T, A, K},  # issuing needs the issuer role (issue 16)
    ("education_provider", "editor"): {V, A},
    ("education_provider", "issuer"): {V, ISS},
    ("education_provider", "reviewer"): {V},
    ("education_provider", "viewer"): {V},
    ("employer", "admin"): {V, E, M, T, A, K, N},
    ("employer", "editor"): {V, A, N},
    ("employer", "issuer"): {V, ISS},
    ("employer", "reviewer"): {V},
    ("employer", "viewer"): {V},
    ("union", "admin"): {V, E, M, T, A, K, N},
    ("union", "editor"): {V, A, N},
    ("union", "issuer"): {V, ISS},
    ("union", "reviewer"): {V},
    ("union", "viewer"): {V},
    ("qa_body", "admin"): {V, E, M, T, R, C},
    ("qa_body", "editor"): {V},
    ("qa_body", "issuer"): {V},
    ("qa_body", "reviewer"): {V, R},
    ("qa_body", "viewer"): {V},
    ("region", "admin"): {V, E, M, T, P},
    ("region", "editor"): {V},
    ("region", "issuer"): {V},
    ("region", "reviewer"): {V},
    ("region", "viewer"): {V},
}
CELLS = sorted(EXPECTED)


def test_the_matrix_covers_every_kind_and_role():
    assert {k for k, _ in EXPECTED} == set(OrganisationKind.values)
    assert {r for _, r in EXPECTED} == set(Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "role"), CELLS)
def test_role_in_approved_organisation_grants_exactly_the_expected_capabilities(kind, role):
    organisation = OrganisationFactory(kind=kind)
    user = member(organisation, role)
    assert {str(c) for c in capabilities_in(user, organisation)} == EXPECTED[(kind, role)]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "role"), CELLS)
def test_role_grants_nothing_in_another_organisation_of_the_same_kind(kind, role):
    own = OrganisationFactory(kind=kind)
    other = OrganisationFactory(kind=kind)
    user = member(own, role)
    assert capabilities_in(user, other) == frozenset()
    for capability in Capability:
        with pytest.raises(NotFound):
            require_capability(user, capability, other)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "role"), CELLS)
def test_member_lacking_a_capability_is_refused_not_hidden(kind, role):
    organisation = OrganisationFactory(kind=kind)
    user = member(organisation, role)
    for capability in Capability:
        if str(capability) in EXPECTED[(kind, role)]:
            require_capability(user, capability, organisation)
        else:
            with pytest.raises(PermissionDenied):
                require_capability(user, capability, organisation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_organisation_awaiting_approval_only_lets_members_see_it_and_its_admin_edit_it(role):
    organisation = OrganisationFactory(kind="employer", status=OrganisationStatus.PENDING)
    user = member(organisation, role)
    expected = {V, E} if role == "admin" else {V}
    assert {str(c) for c in capabilities_in(user, organisation)} == expected


@pytest.mark.django_db
def test_rejected_organisation_grants_no_work_capabilities():
    organisation = OrganisationFactory(kind="education_provider", status=OrganisationStatus.REJECTED)
    user = member(organisation, "admin", "editor", "issuer")
    assert {str(c) for c in capabilities_in(user, organisation)} == {V, E}


@pytest.mark.django_db
def test_several_roles_combine():
    organisation = OrganisationFactory(kind="education_provider")
    user = member(organisation, "editor", "issuer")
    assert {str(c) for c in capabilities_in(user, organisation)} == {V, A, ISS}


@pytest.mark.django_db
def test_learner_without_organisation_has_no_capabilities_anywhere():
    learner = UserFactory()
    for kind in OrganisationKind.values:
        assert capabilities_in(learner, OrganisationFactory(kind=kind)) == frozenset()
    assert not is_platform_admin(learner)
    assert not requires_two_factor(learner)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "needs_two_factor"),
    [
        ("admin", True),
        ("issuer", True),
        ("reviewer", True),
        ("editor", False),
        ("viewer", False),
    ],
)
def test_roles_that_issue_approve_or_administer_require_two_factor(role, needs_two_factor):
    user = member(OrganisationFactory(kind="education_provider"), role)
    assert requires_two_factor(user) is needs_two_factor


@pytest.mark.django_db
def test_only_admins_of_an_approved_region_are_platform_admins():
    assert is_platform_admin(member(OrganisationFactory(kind="region"), "admin"))
    assert not is_platform_admin(member(OrganisationFactory(kind="region"), "viewer"))
    assert not is_platform_admin(member(OrganisationFactory(kind="education_provider"), "admin"))
    assert not is_platform_admin(member(OrganisationFactory(kind="region", status="pending"), "admin"))


# --- the same rules seen through the pages ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["organisation_members", "organisation_edit", "organisation_tokens"])
def test_outsider_gets_404_on_another_organisations_private_pages(url_name, provider, other_admin):
    from django.urls import reverse

    response = verified_client(other_admin).get(reverse(f"accounts:{url_name}", args=[provider.slug]))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["organisation_members", "organisation_edit", "organisation_tokens"])
def test_member_without_admin_role_gets_403_on_admin_pages(url_name, provider, provider_editor):
    from django.urls import reverse

    response = verified_client(provider_editor).get(reverse(f"accounts:{url_name}", args=[provider.slug]))
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["accounts:organisation_applications", "audit:log"])
def test_platform_pages_refuse_everyone_but_region_admins(url_name, provider_admin, region_admin, learner):
    from django.urls import reverse

    url = reverse(url_name)
    assert verified_client(provider_admin).get(url).status_code == 403
    assert verified_client(learner).get(url).status_code == 403
    assert verified_client(region_admin).get(url).status_code == 200


@pytest.mark.django_db
def test_pending_organisation_is_hidden_from_outsiders_but_shown_to_members_and_region(region_admin, learner):
    from django.urls import reverse

    pending = OrganisationFactory(status=OrganisationStatus.PENDING)
    applicant = member(pending, "admin")
    url = reverse("accounts:organisation_detail", args=[pending.slug])
    assert verified_client(learner).get(url).status_code == 404
    assert verified_client(applicant).get(url).status_code == 200
    assert verified_client(region_admin).get(url).status_code == 200
