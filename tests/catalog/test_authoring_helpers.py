"""Authoring helpers: searchable SNI/SSYK pickers, the similar micro-credential hint, the complete preview."""

from __future__ import annotations

import pytest

from mimis.catalog import services
from mimis.catalog.selectors import similar_microcredentials
from tests.catalog.conftest import concept
from tests.conftest import signed_in
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupations(db):
    return [
        concept("occupation_group", "Undersköterskor, hemtjänst och äldreboende", "5321", level=4),
        concept("occupation_group", "Kockar och kallskänkor", "5120", level=4),
        concept("occupation_group", "Undersköterskor", "532", level=3),  # not a unit group: not offered
    ]


class TestConceptPicker:
    def test_search_offers_unit_groups_by_word_or_code(self, provider_editor, occupations):
        client = signed_in(provider_editor)
        body = client.get(
            "/microcredentials/concept-picker/", {"field": "occupations", "q-occupations": "undersköt"}
        )
        html = body.content.decode()
        assert f'value="{occupations[0].pk}"' in html
        assert f'value="{occupations[2].pk}"' not in html
        by_code = client.get(
            "/microcredentials/concept-picker/", {"field": "occupations", "q-occupations": "512"}
        )
        assert f'value="{occupations[1].pk}"' in by_code.content.decode()

    def test_a_new_search_keeps_the_ticked_ones_ticked(self, provider_editor, occupations):
        client = signed_in(provider_editor)
        response = client.get(
            "/microcredentials/concept-picker/",
            {"field": "occupations", "q-occupations": "kock", "occupations": [occupations[0].pk]},
        )
        html = response.content.decode()
        assert f'name="occupations" value="{occupations[0].pk}" checked' in html
        assert f'name="occupations" value="{occupations[1].pk}">' in html

    def test_unknown_field_is_404(self, provider_editor):
        assert (
            signed_in(provider_editor).get("/microcredentials/concept-picker/", {"field": "x"}).status_code
            == 404
        )

    def test_basics_step_has_no_native_multi_select_and_saves_picked_occupations(
        self, draft, provider_editor, occupations
    ):
        client = signed_in(provider_editor)
        url = f"/microcredentials/{draft.microcredential.slug}/edit/basics/"
        page = client.get(url).content.decode()
        assert "<select" not in page.split('id="id_sectors')[1].split("</fieldset>")[0]
        assert (
            'id="id_occupations-q"' in page
            and 'hx-get="/microcredentials/concept-picker/?field=occupations"' in page
        )
        response = client.post(
            url,
            {"title": draft.title, "summary": draft.summary, "occupations": [occupations[0].pk], "stay": "1"},
        )
        assert response.status_code == 302
        assert list(draft.occupations.all()) == [occupations[0]]
        again = client.get(url).content.decode()
        assert f'name="occupations" value="{occupations[0].pk}" checked' in again


class TestSimilar:
    def test_similar_titles_or_skills_are_hinted_with_links(self, draft, provider_editor, skills):
        publish(draft)
        assert similar_microcredentials(title="Demensvård för anhöriga") == [draft]
        assert similar_microcredentials(title="Truckkörning") == []
        assert similar_microcredentials(title="Något helt annat", skill_ids={skills[0].pk, skills[1].pk}) == [
            draft
        ]
        # the one being edited is never "similar" to itself
        assert (
            similar_microcredentials(title=draft.title, exclude_microcredential_id=draft.microcredential_id)
            == []
        )
        html = (
            signed_in(provider_editor)
            .get("/microcredentials/similar/", {"title": "Demensvård hemma"})
            .content
        )
        assert b"Det finns redan liknande mikromeriter." in html
        assert f'href="/microcredentials/{draft.microcredential.slug}/"'.encode() in html

    def test_a_new_draft_like_a_published_one_shows_the_hint_but_saves(
        self, draft, provider, provider_editor, skills
    ):
        publish(draft)
        version = services.create_microcredential(
            provider=provider, acting_user=provider_editor, title="Demensvård i hemtjänsten"
        )
        page = signed_in(provider_editor).get(
            f"/microcredentials/{version.microcredential.slug}/edit/basics/"
        )
        assert "Det finns redan liknande mikromeriter." in page.content.decode()


def test_preview_shows_every_filled_element(draft, provider_editor, occupations):
    services.update_draft(
        version=draft,
        acting_user=provider_editor,
        target_groups=["newly_arrived"],
        occupations=[occupations[0].pk],
        price="Gratis för anställda",
        prerequisites="Grundläggande svenska",
        participation_form=["blended"],
    )
    body = signed_in(provider_editor).get(f"/microcredentials/{draft.microcredential.slug}/edit/preview/")
    html = body.content.decode()
    for text in (
        "Nyanlända",
        "Vård och omsorg med boende",  # the sector
        "Undersköterskor, hemtjänst och äldreboende",
        "Gratis för anställda",
        "Grundläggande svenska",
        "Blandat",
    ):
        assert text in html, text


def test_long_swedish_words_wrap_in_cards_and_buttons():
    from pathlib import Path

    import mimis

    css = (Path(mimis.__file__).parent / "core/static/mimis/mimis.css").read_text()
    block = css[css.index("/* catalogue */") :]
    assert "overflow-wrap: break-word" in block and "hyphens: auto" in block and ".button" in block
