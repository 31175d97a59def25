"""Stackable pathways group published micro-credentials (all of / n of / ordered) and show on each member."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.catalog import pathways, services
from mimis.catalog.errors import PathwayInvalid
from mimis.catalog.models import Pathway
from mimis.errors import NotFound, ValidationFailed
from tests.catalog.conftest import COMPLETE
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(provider, provider_editor, region_admin, skills):
    slugs = []
    for title in ("Hygien", "Demens", "Dokumentation"):
        version = services.create_microcredential(
            provider=provider, acting_user=provider_editor, title=title, **COMPLETE
        )
        services.set_learning_outcomes(
            version=version,
            acting_user=provider_editor,
            outcomes=[{"text": "Kunna.", "skills": [skills[0].pk]}],
        )
        publish(version)
        slugs.append(version.microcredential.slug)
    return slugs


def test_an_n_of_pathway_shows_on_each_member_page(provider, provider_editor, three):
    pathway = pathways.create_pathway(
        owner=provider,
        acting_user=provider_editor,
        title="Omsorgsvägen",
        rule="n_of",
        required_count=2,
        microcredential_slugs=three,
    )
    assert pathway.needed == 2
    body = Client().get(f"/microcredentials/{three[1]}/").content.decode()
    assert "Omsorgsvägen" in body and "2 av 3 krävs" in body
    assert f'href="/microcredentials/{three[0]}/"' in body


@pytest.mark.parametrize(
    ("rule", "count", "field"),
    [
        ("n_of", None, "required_count"),
        ("n_of", 3, "required_count"),
        ("n_of", 0, "required_count"),
        ("sometimes", None, "rule"),
    ],
)
def test_bad_rules_are_refused_and_nothing_is_saved(provider, provider_editor, three, rule, count, field):
    with pytest.raises(ValidationFailed) as excinfo:
        pathways.create_pathway(
            owner=provider,
            acting_user=provider_editor,
            title="X",
            rule=rule,
            required_count=count,
            microcredential_slugs=three,
        )
    assert excinfo.value.field == field
    assert Pathway.objects.count() == 0


def test_unpublished_or_unknown_members_are_refused(provider, provider_editor, three):
    draft = services.create_microcredential(provider=provider, acting_user=provider_editor, title="Utkast")
    with pytest.raises(PathwayInvalid):
        pathways.create_pathway(
            owner=provider,
            acting_user=provider_editor,
            title="X",
            rule="all_of",
            microcredential_slugs=[three[0], draft.microcredential.slug],
        )
    with pytest.raises(PathwayInvalid):
        pathways.create_pathway(
            owner=provider,
            acting_user=provider_editor,
            title="X",
            rule="all_of",
            microcredential_slugs=[three[0]],
        )


def test_other_organisations_cannot_create_pathways_in_our_name(provider, other_admin, three):
    with pytest.raises(NotFound):
        pathways.create_pathway(
            owner=provider, acting_user=other_admin, title="X", rule="all_of", microcredential_slugs=three
        )


def test_pathways_api(provider, provider_editor, three):
    _t, secret = account_services.create_api_token(user=provider_editor, name="x", scopes=["write"])
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        "/api/v1/pathways",
        {
            "owner": provider.slug,
            "title": "Vägen",
            "rule": "ordered",
            "microcredentials": three,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    [listed] = Client().get("/api/v1/pathways").json()
    assert [s["slug"] for s in listed["steps"]] == three
    assert listed["needed"] == 3
