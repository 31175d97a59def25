"""Region administrators publish new criteria versions; reviews keep the version they started with."""

from __future__ import annotations

import pytest

from mimis.audit.models import AuditEntry
from mimis.errors import ValidationFailed
from mimis.quality import selectors
from mimis.quality import services as quality
from mimis.quality.errors import NotAllowedToPublishCriteria

pytestmark = pytest.mark.django_db

NEW = [
    {"code": "eu-quality", "group": "eu_principle", "title": "Kvalitet", "title_en": "Quality"},
    {"code": "skane-digital", "group": "design_factor", "title": "Digitalt tillgänglig"},
]


def test_a_new_criteria_version_applies_to_new_reviews_and_old_reviews_keep_theirs(
    assigned, region_admin, draft, provider_editor, reviewer, other_reviewer, coordinator
):
    from tests.quality.test_review import _complete_copy

    criteria_version = quality.publish_criteria_version(
        acting_user=region_admin, criteria=NEW, notes="Kortare."
    )
    assert criteria_version.number == 2
    assert [c.code for c in selectors.criteria_of(criteria_version)] == ["eu-quality", "skane-digital"]
    assert selectors.current_criteria_version() == criteria_version
    assigned.refresh_from_db()
    assert assigned.criteria_version.number == 1
    other = _complete_copy(draft, provider_editor, 1)
    quality.submit_version(version=other, acting_user=provider_editor)
    review = quality.assign_reviewer(version=other, reviewer=other_reviewer, acting_user=coordinator)
    assert review.criteria_version.number == 2
    entry = AuditEntry.objects.get(action="quality.criteria_published")
    assert entry.data == {"number": 2, "criteria": ["eu-quality", "skane-digital"]}


@pytest.mark.parametrize("persona", ["coordinator", "reviewer", "provider_admin", "learner"])
def test_only_region_admins_publish_criteria(request, persona):
    with pytest.raises(NotAllowedToPublishCriteria):
        quality.publish_criteria_version(acting_user=request.getfixturevalue(persona), criteria=NEW)
    assert selectors.current_criteria_version().number == 1


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ([], "criteria"),
        ([{"code": "", "group": "eu_principle", "title": "X"}], "criteria.1.code"),
        ([NEW[0], NEW[0]], "criteria.2.code"),
        ([{"code": "x", "group": "eu_principle", "title": " "}], "criteria.1.title"),
        ([{"code": "x", "group": "other", "title": "X"}], "criteria.1.group"),
    ],
)
def test_criteria_must_be_complete(region_admin, criteria, field):
    with pytest.raises(ValidationFailed) as excinfo:
        quality.publish_criteria_version(acting_user=region_admin, criteria=criteria)
    assert excinfo.value.field == field
