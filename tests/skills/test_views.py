"""Skill suggestions in the pages: the authoring form's learning outcomes and the learner's "Vad kan du?"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.catalog import services as catalog_services
from mimis.catalog.models import LearningOutcome
from mimis.skills.errors import MAX_TEXT_CHARS
from tests.conftest import signed_in, verified_client
from tests.factories import publish

pytestmark = pytest.mark.django_db

OUTCOME = "Ge god Demensvård och köra truck (Truckkörning)."


def outcomes_form(text: str = OUTCOME, **extra: object) -> dict:
    """The outcomes form as the browser sends it: the row and the empty row under it."""
    return {"text": [text, ""], "text_en": ["", ""], **extra}


def saved_skill_labels(version) -> set[str]:
    return {
        skill.preferred_label
        for outcome in LearningOutcome.objects.filter(version=version)
        for skill in outcome.skills.all()
    }


class TestAuthoringSuggestions:
    def suggest_url(self, version, row=0):
        return reverse("catalog:suggest_outcome_skills", args=[version.microcredential.slug]) + f"?row={row}"

    def edit_url(self, version):
        return reverse("catalog:edit", args=[version.microcredential.slug, "outcomes"])

    def test_the_outcomes_page_offers_suggestions_per_learning_outcome(self, care_draft, provider_editor):
        page = verified_client(provider_editor).get(self.edit_url(care_draft)).content.decode()
        assert page.count("Föreslå färdigheter från texten") == 2  # the outcome and the empty row
        assert self.suggest_url(care_draft, 0) in page

    def test_htmx_lists_the_suggestions_with_the_evidence_marked_and_nothing_saved(
        self, care_draft, provider_editor, care_skills
    ):
        response = verified_client(provider_editor).post(self.suggest_url(care_draft), outcomes_form())
        assert response.status_code == 200
        html = response.content.decode()
        demens = care_skills["demensvard"].pk
        assert f'name="suggestion-0-{demens}" value="accept"' in html
        assert f'name="suggestion-0-{demens}" value="reject"' in html
        assert "<mark>Demensvård</mark>" in html
        assert "checked" not in html  # nothing is chosen for the author
        assert saved_skill_labels(care_draft) == set()

    def test_skills_already_ticked_are_not_suggested_again(self, care_draft, provider_editor, care_skills):
        form = outcomes_form(**{"skills-0": [care_skills["demensvard"].pk]})
        html = verified_client(provider_editor).post(self.suggest_url(care_draft), form).content.decode()
        assert f"suggestion-0-{care_skills['demensvard'].pk}" not in html
        assert f"suggestion-0-{care_skills['truck'].pk}" in html

    def test_saving_adds_exactly_the_accepted_suggestions(self, care_draft, provider_editor, care_skills):
        form = outcomes_form(
            **{
                f"suggestion-0-{care_skills['demensvard'].pk}": "accept",
                f"suggestion-0-{care_skills['truck'].pk}": "reject",
                "skills-0": [care_skills["hygien"].pk],  # picked with the existing picker
            }
        )
        response = verified_client(provider_editor).post(self.edit_url(care_draft), form)
        assert response.status_code == 302
        assert saved_skill_labels(care_draft) == {"Demensvård", "Basala hygienrutiner"}

    def test_rejected_and_undecided_suggestions_add_nothing(self, care_draft, provider_editor, care_skills):
        form = outcomes_form(**{f"suggestion-0-{care_skills['truck'].pk}": "reject"})
        assert verified_client(provider_editor).post(self.edit_url(care_draft), form).status_code == 302
        assert saved_skill_labels(care_draft) == set()

    def test_without_javascript_the_form_comes_back_with_suggestions_and_nothing_lost(
        self, care_draft, provider_editor, care_skills
    ):
        typed = "Ge god Demensvård. Ny text som inte är sparad."
        form = {
            "text": [typed, "Andra raden"],
            "text_en": ["In English", ""],
            "skills-1": [care_skills["kassa"].pk],
            "suggest": "0",
        }
        response = verified_client(provider_editor).post(self.edit_url(care_draft), form)
        assert response.status_code == 200
        html = response.content.decode()
        assert typed in html and "In English" in html and "Andra raden" in html
        assert f'name="skills-1" value="{care_skills["kassa"].pk}" checked' in html
        assert f'name="suggestion-0-{care_skills["demensvard"].pk}"' in html
        assert "<mark>Demensvård</mark>" in html
        # Nothing was saved: the stored outcome is the old one.
        assert list(LearningOutcome.objects.filter(version=care_draft).values_list("text", flat=True)) == [
            OUTCOME
        ]

    def test_without_javascript_an_accepted_suggestion_becomes_a_ticked_skill(
        self, care_draft, provider_editor, care_skills
    ):
        demens, truck = care_skills["demensvard"].pk, care_skills["truck"].pk
        form = outcomes_form(
            **{f"suggestion-0-{demens}": "accept", f"suggestion-0-{truck}": "reject", "suggest": "0"}
        )
        html = verified_client(provider_editor).post(self.edit_url(care_draft), form).content.decode()
        assert f'name="skills-0" value="{demens}" checked' in html
        assert f"suggestion-0-{truck}" not in html  # said no to: not suggested again
        assert saved_skill_labels(care_draft) == set()

    def test_an_empty_outcome_gets_a_form_error_in_the_authors_language(self, care_draft, provider_editor):
        browser = verified_client(provider_editor)
        swedish = browser.post(self.suggest_url(care_draft, 1), outcomes_form()).content.decode()
        assert 'role="alert"' in swedish and 'href="#text-1"' in swedish
        english = browser.post("/en" + self.suggest_url(care_draft, 1), outcomes_form()).content.decode()
        assert swedish != english
        assert "Write or paste a text" in english

    def test_another_organisation_cannot_ask_for_suggestions_on_the_draft(self, care_draft, other_admin):
        response = verified_client(other_admin).post(self.suggest_url(care_draft), outcomes_form())
        assert response.status_code == 404

    def test_an_unknown_row_is_404(self, care_draft, provider_editor):
        assert (
            verified_client(provider_editor)
            .post(self.suggest_url(care_draft, 5), outcomes_form())
            .status_code
            == 404
        )


class TestReusablePartial:
    url = reverse("skills:suggestions")

    def test_lists_suggestions_named_with_the_given_prefix(self, learner, care_skills):
        response = signed_in(learner).post(
            self.url, {"ad": "Du har B-körkort och kan Truckkörning.", "text_field": "ad", "prefix": "role-"}
        )
        assert response.status_code == 200
        assert f'name="role-{care_skills["truck"].pk}" value="accept"' in response.content.decode()

    def test_a_strange_prefix_is_refused(self, learner, care_skills):
        response = signed_in(learner).post(self.url, {"text": "Truckkörning", "prefix": '"><script>'})
        assert response.status_code == 404

    def test_needs_a_signed_in_person(self, client, care_skills):
        response = client.post(self.url, {"text": "Truckkörning"})
        assert response.status_code == 302

    def test_the_rate_limit_is_shown_as_an_error(self, learner, care_skills, settings):
        settings.MIMIS_SKILLS_SUGGEST_RATE = "1/minute"
        browser = signed_in(learner)
        assert "<mark>" in browser.post(self.url, {"text": "Truckkörning"}).content.decode()
        refused = browser.post(self.url, {"text": "Truckkörning"}).content.decode()
        assert "<mark>" not in refused and 'role="alert"' in refused


@pytest.fixture
def published_care(care_draft, provider_editor, care_skills):
    catalog_services.set_learning_outcomes(
        version=care_draft,
        acting_user=provider_editor,
        outcomes=[{"text": OUTCOME, "skills": [care_skills["demensvard"].pk]}],
    )
    return publish(care_draft)


class TestWhatCanYouDo:
    url = reverse("skills:what_can_you_do")
    story = "Jag har jobbat på ett boende i två år med Demensvård. Jag har också kört truck, Truckkörning."

    def test_the_page_explains_what_happens_to_the_text(self, learner):
        page = signed_in(learner).get(self.url).content.decode()
        assert "<h1>Vad kan du?</h1>" in page
        assert "MIMIS sparar inte din text" in page
        assert "validering" not in page.lower()

    def test_learners_find_it_in_the_menu(self, learner):
        assert self.url in signed_in(learner).get("/start/").content.decode()

    def test_needs_sign_in(self, client):
        assert client.get(self.url).status_code == 302

    def test_suggestions_are_explained_and_nothing_is_chosen_for_the_person(self, learner, care_skills):
        page = signed_in(learner).post(self.url, {"text": self.story, "action": "find"}).content.decode()
        assert "Vi hittade de här färdigheterna i din text. Stämmer de?" in page
        assert "<mark>Demensvård</mark>" in page and "<mark>Truckkörning</mark>" in page
        assert f'name="verdict-{care_skills["demensvard"].pk}" value="accept">' in page
        assert self.story in page  # the text stays in the textarea

    def test_accepted_skills_show_the_published_courses_that_teach_them(
        self, learner, care_skills, published_care
    ):
        form = {
            "text": self.story,
            "action": "show",
            f"verdict-{care_skills['demensvard'].pk}": "accept",
            f"verdict-{care_skills['truck'].pk}": "reject",
        }
        page = signed_in(learner).post(self.url, form).content.decode()
        assert "Utbildningar som lär ut det du svarade ja på" in page
        assert reverse("catalog:detail", args=[published_care.microcredential.slug]) in page
        assert 'value="accept" checked' in page  # the answers are kept

    def test_rejected_skills_show_no_courses(self, learner, care_skills, published_care):
        form = {"text": self.story, "action": "show", f"verdict-{care_skills['demensvard'].pk}": "reject"}
        page = signed_in(learner).post(self.url, form).content.decode()
        assert reverse("catalog:detail", args=[published_care.microcredential.slug]) not in page
        assert "Du har inte svarat ja" in page

    def test_a_skill_not_suggested_for_the_text_is_ignored(self, learner, care_skills, published_care):
        form = {
            "text": "Jag har kört truck: Truckkörning.",
            "action": "show",
            f"verdict-{care_skills['demensvard'].pk}": "accept",
        }
        page = signed_in(learner).post(self.url, form).content.decode()
        assert reverse("catalog:detail", args=[published_care.microcredential.slug]) not in page

    @pytest.mark.parametrize(
        ("text", "swedish", "english"),
        [
            ("   ", "Skriv eller klistra in", "Write or paste a text"),
            ("a" * (MAX_TEXT_CHARS + 1), "20 000", "20 000"),
            ("PK\x03\x04\x00binary", "binär", "binary"),
        ],
    )
    def test_bad_text_is_a_form_error_in_the_persons_language_and_the_text_is_kept(
        self, learner, care_skills, text, swedish, english
    ):
        browser = signed_in(learner)
        page = browser.post(self.url, {"text": text, "action": "find"}).content.decode()
        assert 'aria-invalid="true"' in page and swedish in page
        page_en = browser.post("/en" + self.url, {"text": text, "action": "find"}).content.decode()
        assert 'aria-invalid="true"' in page_en and english in page_en
        if text.strip() and "\x00" not in text:
            assert text in page  # kept in the textarea
