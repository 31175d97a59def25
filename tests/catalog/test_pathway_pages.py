"""Pathways on pages: a public list that says each rule in words; the owner's editors create and change them."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.audit.models import AuditEntry
from mimis.catalog import pathways
from mimis.catalog.models import Pathway
from tests.catalog.test_pathways import three  # noqa: F401 - the fixture
from tests.conftest import signed_in
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "count", "sv", "en"),
    [
        ("n_of", 2, "2 av 3 krävs", "2 of 3 required"),
        ("all_of", None, "Alla 3 krävs", "All 3 required"),
        ("ordered", None, "Alla 3 krävs, i ordning", "All 3 required, in order"),
    ],
)
def test_public_list_says_the_rule_in_words(provider, provider_editor, three, rule, count, sv, en):  # noqa: F811
    pathways.create_pathway(
        owner=provider,
        acting_user=provider_editor,
        title="Omsorgsvägen",
        title_en="The care pathway",
        rule=rule,
        required_count=count,
        microcredential_slugs=three,
    )
    body = Client().get("/pathways/").content.decode()
    assert "Omsorgsvägen" in body and sv in body
    assert f'href="/microcredentials/{three[2]}/"' in body
    assert "Ändra vägen" not in body  # only for the owner's editors
    english = Client().get("/en/pathways/").content.decode()
    assert "The care pathway" in english and en in english


def test_catalogue_links_to_the_pathways(db):
    assert 'href="/pathways/"' in Client().get("/microcredentials/").content.decode()


def test_owner_editor_creates_a_pathway_in_the_order_given(provider, provider_editor, three):  # noqa: F811
    client = signed_in(provider_editor)
    url = f"/organisations/{provider.slug}/pathways/new/"
    assert client.get(url).status_code == 200
    too_few = client.post(url, {"title": "Vägen", "rule": "ordered", "microcredentials": [three[0]]})
    assert too_few.status_code == 200
    assert "En väg behöver minst två mikromeriter." in too_few.content.decode()
    assert Pathway.objects.count() == 0
    response = client.post(
        url,
        {
            "title": "Vägen",
            "rule": "ordered",
            "microcredentials": three,
            f"position-{three[0]}": "3",
            f"position-{three[1]}": "1",
            f"position-{three[2]}": "2",
        },
    )
    assert response.status_code == 302
    pathway = Pathway.objects.get()
    assert [s.microcredential.slug for s in pathway.steps.all()] == [three[1], three[2], three[0]]
    assert AuditEntry.objects.filter(action="pathway.created").count() == 1


def test_owner_editor_changes_a_pathway(provider, provider_editor, three):  # noqa: F811
    pathway = pathways.create_pathway(
        owner=provider, acting_user=provider_editor, title="Vägen", rule="all_of", microcredential_slugs=three
    )
    client = signed_in(provider_editor)
    assert "Ändra vägen" in client.get("/pathways/").content.decode()
    bad = client.post(
        f"/pathways/{pathway.slug}/edit/",
        {"title": "Vägen", "rule": "n_of", "required_count": "3", "microcredentials": three},
    )
    assert "minst 1 och färre än de 3 i vägen" in bad.content.decode()
    response = client.post(
        f"/pathways/{pathway.slug}/edit/",
        {"title": "Nya vägen", "rule": "n_of", "required_count": "2", "microcredentials": three[:3]},
    )
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert (pathway.title, pathway.rule, pathway.required_count, pathway.slug) == (
        "Nya vägen",
        "n_of",
        2,
        "vagen",
    )
    assert AuditEntry.objects.filter(action="pathway.updated").count() == 1


def test_other_organisations_cannot_change_or_create(provider, provider_editor, other_provider, three):  # noqa: F811
    pathway = pathways.create_pathway(
        owner=provider, acting_user=provider_editor, title="Vägen", rule="all_of", microcredential_slugs=three
    )
    outsider = signed_in(member(other_provider, "editor"))
    assert outsider.get(f"/pathways/{pathway.slug}/edit/").status_code == 404
    assert outsider.post(f"/pathways/{pathway.slug}/edit/", {"title": "Kapad"}).status_code == 404
    assert outsider.get(f"/organisations/{provider.slug}/pathways/new/").status_code == 404
    pathway.refresh_from_db()
    assert pathway.title == "Vägen"


def test_api_changes_a_pathway_for_the_owner_only(provider, provider_editor, other_provider, three):  # noqa: F811
    from mimis.accounts import services as account_services

    pathway = pathways.create_pathway(
        owner=provider, acting_user=provider_editor, title="Vägen", rule="all_of", microcredential_slugs=three
    )
    payload = {"title": "Vägen", "rule": "ordered", "microcredentials": [three[2], three[0]]}
    _t, outsider = account_services.create_api_token(
        user=member(other_provider, "editor"), name="o", scopes=["write"]
    )
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {outsider}").put(
        f"/api/v1/pathways/{pathway.slug}", payload, content_type="application/json"
    )
    assert refused.status_code == 404
    _t, secret = account_services.create_api_token(user=provider_editor, name="x", scopes=["write"])
    editor = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = editor.put(f"/api/v1/pathways/{pathway.slug}", payload, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["rule"] == "ordered"
    assert [s["slug"] for s in response.json()["steps"]] == [three[2], three[0]]
    bad = editor.put(
        f"/api/v1/pathways/{pathway.slug}",
        {**payload, "microcredentials": [three[0]]},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "pathway_invalid")
