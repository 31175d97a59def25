"""My credentials: grouped by sector, progress toward pathways, the skills they cover, each status shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mimis.catalog import pathways
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential
from tests.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(published, make_published, learner, provider, provider_editor):
    """Demensvård (care sector) and Kundbemötande (no sector) held; Hygien in the pathway but not held."""
    customers = make_published("Kundbemötande")
    hygiene = make_published("Hygien")
    pathways.create_pathway(
        owner=provider,
        acting_user=provider_editor,
        title="Undersköterskevägen",
        rule="all_of",
        microcredential_slugs=[
            published.microcredential.slug,
            customers.microcredential.slug,
            hygiene.microcredential.slug,
        ],
    )
    return [
        issuing.issue_credential(
            version=v, email=learner.email, name=learner.name, acting_user=None
        ).credential
        for v in (published, customers)
    ]


def section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("</section>", start)
    return page[start:end]


class TestMyCredentials:
    def test_credentials_are_grouped_by_sector_with_pathway_progress_and_skills(self, held, learner):
        page = signed_in(learner).get("/my/credentials/").content.decode()
        care = section(page, "Vård och omsorg med boende")
        assert "Demensvård – grunder" in care and "Kundbemötande" not in care
        other = section(page, "Övriga branscher")
        assert "Kundbemötande" in other and "Demensvård" not in other
        progress = section(page, "Hur långt du har kommit på vägar")
        assert "Undersköterskevägen" in progress and "2 av 3 mikromeriter" in progress
        assert "(Alla 3 krävs)" in progress  # the pathway's rule in words
        assert '<progress max="3" value="2"' in progress
        assert 'href="/microcredentials/hygien/"' in progress  # what is missing links to the catalogue
        skills = section(page, "Kompetenser som dina giltiga meriter visar")
        assert all(s in skills for s in ("Omvårdnad", "Demensvård", "Kundtjänst"))
        for credential in held:
            assert f'href="/my/credentials/{credential.pk}/"' in page

    def test_each_status_is_shown_and_only_valid_ones_count_toward_pathways(self, held, learner):
        demens, customers = held
        Credential.objects.filter(pk=demens.pk).update(valid_until=timezone.now() - timedelta(days=1))
        issuing.suspend_credential(credential=customers, reason="Under utredning", acting_user=None)
        page = signed_in(learner).get("/my/credentials/").content.decode()
        assert "Har gått ut" in page
        assert "Tillfälligt spärrad" in page and "Under utredning" in page
        assert "0 av 3 mikromeriter" in page
        assert "Kompetenser som dina giltiga meriter visar" not in page
        issuing.revoke_credential(credential=customers, reason="Fel person", acting_user=None)
        assert "Återkallad" in signed_in(learner).get("/my/credentials/").content.decode()

    def test_the_list_page_reads_a_bounded_number_of_queries(
        self, held, learner, make_published, django_assert_max_num_queries
    ):
        for title in ("Ett", "Två", "Tre"):
            version = make_published(title)
            issuing.issue_credential(
                version=version, email=learner.email, name=learner.name, acting_user=None
            )
        browser = signed_in(learner)
        with django_assert_max_num_queries(25):
            assert browser.get("/my/credentials/").status_code == 200

    def test_english_page(self, held, learner):
        page = signed_in(learner).get("/en/my/credentials/").content.decode()
        assert "Your progress toward pathways" in page and "2 of 3 micro-credentials" in page
        assert "Other sectors" in page and "Valid" in page


class TestOneCredential:
    def test_the_detail_page_shows_what_it_stands_for_and_every_way_to_use_it(self, credential, learner):
        page = signed_in(learner).get(f"/my/credentials/{credential.pk}/").content.decode()
        assert "<h1>Demensvård – grunder</h1>" in page
        assert "Giltig" in page and "Beskriva hur demens påverkar omsorgen." in page
        assert "Visa den för en arbetsgivare" in page and "Skapa en delningslänk" in page
        assert "Lägg till i min LinkedIn-profil" in page
        assert f'href="/my/credentials/{credential.pk}/europass.jsonld"' in page
        assert "Omvårdnad" in page and "Demensvård" in page

    def test_someone_elses_credential_is_404(self, credential):
        assert signed_in(UserFactory()).get(f"/my/credentials/{credential.pk}/").status_code == 404
