"""A provider's editor drafts a micro-credential step by step in the browser and sends it for review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from tests.conftest import verified_client
from tests.factories import publish

pytestmark = pytest.mark.django_db


def test_editor_drafts_every_step_and_sends_it_for_review(
    provider, provider_editor, region_admin, skills, care_sector
):
    browser = verified_client(provider_editor)
    start = browser.get("/start/").content.decode()
    assert reverse("catalog:create", args=[provider.slug]) in start
    assert reverse("catalog:organisation_microcredentials", args=[provider.slug]) in start
    response = browser.post(
        reverse("catalog:create", args=[provider.slug]),
        {
            "title": "Demens i vardagen",
            "summary": "Stöd personer med demens i vardagen.",
            "languages": ["sv"],
            "target_groups": ["health_social_care"],
            "sectors": [care_sector.pk],
        },
    )
    version = MicroCredentialVersion.objects.get()
    slug = version.microcredential.slug
    assert response["Location"] == reverse("catalog:edit", args=[slug, "outcomes"])

    picker = browser.get(reverse("catalog:skill_picker"), {"row": "0", "q-0": "demens"}).content.decode()
    assert f'name="skills-0" value="{skills[1].pk}"' in picker
    # A new search keeps the skills ticked in the last results, ticked and first, and does not repeat them.
    picker = browser.get(
        reverse("catalog:skill_picker"), {"row": "0", "q-0": "omvård", "skills-0": [str(skills[1].pk)]}
    ).content.decode()
    assert picker.index(f'name="skills-0" value="{skills[1].pk}" checked') < picker.index(
        f'value="{skills[0].pk}"'
    )
    assert picker.count(f'value="{skills[1].pk}"') == 1
    browser.post(
        reverse("catalog:edit", args=[slug, "outcomes"]),
        {
            "text": ["Bemöta personer med demens med respekt.", ""],
            "text_en": ["", ""],
            "domain-0": "skills",
            "skills-0": [str(skills[1].pk)],
        },
    )
    assert [(o.text, o.domain) for o in version.learning_outcomes.all()] == [
        ("Bemöta personer med demens med respekt.", "skills")
    ]
    page = browser.get(reverse("catalog:edit", args=[slug, "outcomes"])).content.decode()
    assert '<option value="skills" selected>Färdigheter</option>' in page  # the kind is shown again
    bad = browser.post(
        reverse("catalog:edit", args=[slug, "outcomes"]),
        {"text": ["Bemöta personer med demens med respekt."], "text_en": [""], "domain-0": "feelings"},
    )
    assert "typen måste vara" in bad.content.decode() and version.learning_outcomes.get().domain == "skills"

    bad = browser.post(reverse("catalog:edit", args=[slug, "assessment"]), {"workload_hours": "-3"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()
    browser.post(
        reverse("catalog:edit", args=[slug, "assessment"]),
        {
            "workload_hours": "24",
            "seqf_level": "3",
            "eqf_level": "3",
            "assessment_type": "practical",
            "participation_form": ["on_site"],
            "quality_assurance": "external_review",
        },
    )
    browser.post(
        reverse("catalog:edit", args=[slug, "stacking"]), {"prerequisites": "Inga", "price": "Gratis"}
    )
    preview = browser.get(reverse("catalog:edit", args=[slug, "preview"])).content.decode()
    assert 'class="tag tag-ok"' in preview  # the checklist is complete
    assert reverse("quality:publish", args=[slug]) not in preview  # nothing to publish before approval
    assert "Skicka för granskning" in preview

    # The region no longer publishes drafts, nor reads them.
    admin = verified_client(region_admin)
    assert admin.get(reverse("catalog:edit", args=[slug, "preview"])).status_code == 404
    assert admin.post(reverse("quality:publish", args=[slug])).status_code == 404

    browser.post(reverse("quality:submit", args=[slug]))
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    assert "Demens i vardagen" not in browser.get("/microcredentials/?q=demensen").content.decode()


def test_published_version_sends_the_editor_to_start_a_new_version(draft, provider_editor):
    publish(draft)
    browser = verified_client(provider_editor)
    slug = draft.microcredential.slug
    response = browser.get(reverse("catalog:edit", args=[slug, "basics"]))
    assert response["Location"] == reverse("catalog:edit", args=[slug, "preview"])
    browser.post(reverse("catalog:new_version", args=[slug]))
    assert draft.microcredential.versions.filter(status=VersionStatus.DRAFT, number=2).exists()


def test_other_organisations_cannot_open_the_authoring_pages(draft, other_admin):
    browser = verified_client(other_admin)
    slug = draft.microcredential.slug
    assert browser.get(reverse("catalog:edit", args=[slug, "basics"])).status_code == 404
    assert (
        browser.get(
            reverse("catalog:organisation_microcredentials", args=[draft.microcredential.provider.slug])
        ).status_code
        == 404
    )
