"""English readers get the English copies: the claim e-mail's title in the recipient's language, titles in
the wallet's lists and the portfolio picker, taxonomy labels in the catalogue's filters, learning outcomes,
and the import form's help text in the language of the page (not of the first import)."""

from __future__ import annotations

import importlib

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from mimis.catalog.models import LearningOutcome, MicroCredentialVersion
from mimis.issuing import services as issuing
from mimis.taxonomy.models import Concept
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(published, care_sector, skills):  # type: ignore[no-untyped-def]
    """The published micro-credential with English copies of its title, outcome and taxonomy labels."""
    MicroCredentialVersion.objects.filter(pk=published.pk).update(
        title_en="Dementia care – basics", summary_en="Basics of person-centred dementia care."
    )
    LearningOutcome.objects.filter(version=published).update(text_en="Describe how dementia affects care.")
    Concept.objects.filter(pk=care_sector.pk).update(preferred_label_en="Residential care activities")
    Concept.objects.filter(pk=skills[0].pk).update(preferred_label_en="Nursing care")
    Concept.objects.filter(pk=skills[1].pk).update(preferred_label_en="Dementia care")
    return MicroCredentialVersion.objects.get(pk=published.pk)


class TestClaimEmail:
    def test_an_english_recipient_gets_the_english_title(self, english):
        mail.outbox.clear()
        issuing.issue_credential(
            version=english, email="alex@example.com", name="Alex Smith", acting_user=None, language="en"
        )
        [message] = mail.outbox
        assert message.subject == "You have received the micro-credential Dementia care – basics"
        assert '"Dementia care – basics"' in message.body and "Demensvård" not in message.body
        html = message.alternatives[0][0]
        assert "Dementia care – basics" in html and "Demensvård" not in html
        assert "/en/claim/" in message.body

    def test_a_swedish_recipient_gets_the_swedish_title_even_from_an_english_request(self, english):
        mail.outbox.clear()
        with translation.override("en"):
            issuing.issue_credential(
                version=english, email="kim@example.se", name="Kim Ek", acting_user=None, language="sv"
            )
        [message] = mail.outbox
        assert message.subject == "Du har fått mikromeriten Demensvård – grunder"
        assert "Dementia" not in message.body

    def test_without_an_english_title_the_english_email_uses_the_swedish_one(self, published):
        mail.outbox.clear()
        issuing.issue_credential(
            version=published, email="alex@example.com", name="Alex Smith", acting_user=None, language="en"
        )
        assert mail.outbox[0].subject == "You have received the micro-credential Demensvård – grunder"


class TestWalletPages:
    def test_lists_and_the_portfolio_picker_show_english_titles(self, english, learner):
        issuing.issue_credential(version=english, email=learner.email, name=learner.name, acting_user=None)
        browser = signed_in(learner)
        overview = browser.get("/en/my/credentials/").content.decode()
        assert "Dementia care – basics" in overview and "Demensvård" not in overview
        assert "Residential care activities" in overview  # the sector heading
        sharing = browser.get("/en/my/sharing/").content.decode()
        assert "Dementia care – basics</label>" in sharing and "Demensvård" not in sharing
        assert "Demensvård – grunder</label>" in browser.get("/my/sharing/").content.decode()

    def test_the_import_form_help_text_follows_the_page_language(self, learner):
        import mimis.wallet.forms

        with translation.override("sv"):
            importlib.reload(mimis.wallet.forms)  # as if the first import of the module was on a Swedish page
        browser = signed_in(learner)
        english = browser.get("/en/my/credentials/import/").content.decode()
        assert "An Open Badges 2.0 or 3.0 credential" in english and "At most 10 MB." in english
        swedish = browser.get("/my/credentials/import/").content.decode()
        assert "An Open Badges 2.0 or 3.0 credential" not in swedish


class TestCatalogue:
    def test_filters_list_english_labels_on_english_pages(self, english):
        page = Client().get("/en/microcredentials/").content.decode()
        assert ">87 Residential care activities</option>" in page
        assert ">Nursing care</option>" in page
        assert "Vård och omsorg med boende" not in page and "Omvårdnad" not in page
        swedish = Client().get("/microcredentials/").content.decode()
        assert ">87 Vård och omsorg med boende</option>" in swedish and ">Omvårdnad</option>" in swedish

    def test_the_page_title_and_outcomes_are_english(self, english):
        page = Client().get(f"/en/microcredentials/{english.microcredential.slug}/").content.decode()
        assert "<title>Dementia care – basics – MIMIS</title>" in page
        assert "Describe how dementia affects care." in page
        assert "Residential care activities" in page and "Nursing care" in page

    def test_display_text_is_the_english_outcome_only_on_english_pages(self, english):
        outcome = english.learning_outcomes.get()
        assert outcome.display_text == "Beskriva hur demens påverkar omsorgen."
        with translation.override("en"):
            assert outcome.display_text == "Describe how dementia affects care."
        outcome.text_en = ""
        with translation.override("en"):
            assert outcome.display_text == "Beskriva hur demens påverkar omsorgen."
