"""Every step of the workflow, for every role and from every state: allowed or refused with its exact code.

A refused step changes nothing: the version keeps its status and the audit trail gets no entry.
"""

from __future__ import annotations

import pytest

from mimis.audit.models import AuditEntry
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError
from mimis.quality import services as quality
from mimis.quality.models import Decision, Review
from tests.factories import member
from tests.quality.conftest import all_met

pytestmark = pytest.mark.django_db

PERSONAS = [
    "provider_editor",
    "provider_admin",
    "provider_issuer",
    "provider_viewer",
    "codesigner_editor",
    "other_admin",
    "reviewer",
    "other_reviewer",
    "foreign_reviewer",
    "coordinator",
    "region_admin",
    "learner",
]
PROVIDER_AUTHORS = {"provider_editor", "provider_admin"}


def _persona(request, name: str):  # type: ignore[no-untyped-def]
    if name == "provider_issuer":
        return member(request.getfixturevalue("provider"), "issuer", email="jonas.issuer@hkr.example.se")
    if name == "provider_viewer":
        return member(request.getfixturevalue("provider"), "viewer", email="vera@hkr.example.se")
    return request.getfixturevalue(name)


def _version(subject) -> MicroCredentialVersion:  # type: ignore[no-untyped-def]
    return subject.version if isinstance(subject, Review | Decision) else subject


def _assess(review, actor):  # type: ignore[no-untyped-def]
    return quality.record_assessments(review=review, acting_user=actor, assessments=all_met(review))


# transition: (fixture giving the subject, the call, the status after it)
TRANSITIONS = {
    "submit": ("draft", lambda s, a, r: quality.submit_version(version=s, acting_user=a), "submitted"),
    "assign": (
        "submitted",
        lambda s, a, r: quality.assign_reviewer(
            version=s, reviewer=r.getfixturevalue("reviewer"), acting_user=a
        ),
        "submitted",
    ),
    "start": ("assigned", lambda s, a, r: quality.start_review(review=s, acting_user=a), "in_review"),
    "assess": ("in_review", lambda s, a, r: _assess(s, a), "in_review"),
    "request_changes": (
        "checked",
        lambda s, a, r: quality.request_changes(review=s, acting_user=a, rationale="Förtydliga."),
        "changes_requested",
    ),
    "approve": (
        "checked",
        lambda s, a, r: quality.approve(review=s, acting_user=a, rationale="Uppfyller kriterierna."),
        "approved",
    ),
    "resubmit": (
        "changes_requested",
        lambda s, a, r: quality.resubmit_version(version=s.version, acting_user=a),
        "submitted",
    ),
    "publish": (
        "approved",
        lambda s, a, r: quality.publish_version(version=s.version, acting_user=a),
        "published",
    ),
    "withdraw": (
        "submitted",
        lambda s, a, r: quality.withdraw_version(version=s, acting_user=a),
        "withdrawn",
    ),
    "retire": ("published", lambda s, a, r: quality.retire_version(version=s, acting_user=a), "retired"),
}

NOT_FOUND = "not_found"
REVIEWER_STEP = {
    "reviewer": None,
    "other_reviewer": "not_assigned_reviewer",
    "coordinator": "not_assigned_reviewer",
}
PROVIDER_STEP = {
    "provider_editor": None,
    "provider_admin": None,
    "provider_issuer": "{denied}",
    "provider_viewer": "{denied}",
    "codesigner_editor": "{denied}",
}
# What each persona gets; a persona not listed gets not_found (it cannot even see the version).
EXPECTED = {
    "submit": {k: v and "not_allowed_to_submit" for k, v in PROVIDER_STEP.items()},
    "resubmit": {k: v and "not_allowed_to_submit" for k, v in PROVIDER_STEP.items()},
    "publish": {k: v and "not_allowed_to_publish" for k, v in PROVIDER_STEP.items()},
    "withdraw": {k: v and "not_allowed_to_withdraw" for k, v in PROVIDER_STEP.items()},
    "retire": {**{k: v and "not_allowed_to_retire" for k, v in PROVIDER_STEP.items()}, "region_admin": None},
    "assign": {
        "coordinator": None,
        "region_admin": None,
        "reviewer": "not_allowed_to_assign",
        "other_reviewer": "not_allowed_to_assign",
        "foreign_reviewer": "not_allowed_to_assign",
        **dict.fromkeys(PROVIDER_STEP, "not_allowed_to_assign"),
    },
    "start": REVIEWER_STEP,
    "assess": REVIEWER_STEP,
    "request_changes": REVIEWER_STEP,
    "approve": REVIEWER_STEP,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_every_role_is_allowed_or_refused_each_step(request, transition, persona):
    fixture, call, after = TRANSITIONS[transition]
    subject = request.getfixturevalue(fixture)
    actor = _persona(request, persona)
    version = _version(subject)
    before_status = MicroCredentialVersion.objects.get(pk=version.pk).status
    before_audit = AuditEntry.objects.count()
    expected = EXPECTED[transition].get(persona, NOT_FOUND)

    if expected is None:
        call(subject, actor, request)
        assert MicroCredentialVersion.objects.get(pk=version.pk).status == after
        assert AuditEntry.objects.count() > before_audit
    else:
        with pytest.raises(MimisError) as excinfo:
            call(subject, actor, request)
        assert excinfo.value.code == expected
        assert MicroCredentialVersion.objects.get(pk=version.pk).status == before_status
        assert AuditEntry.objects.count() == before_audit


# transition: (fixture, the acting persona, {state it may start from: the state it leaves the version in})
FROM_STATES = {
    "submit": ("draft", "provider_editor", {"draft": "submitted"}),
    # Assigning a (second) reviewer and starting a review leave a version already in review where it is.
    "assign": ("submitted", "coordinator", {"submitted": "submitted", "in_review": "in_review"}),
    "start": ("assigned", "reviewer", {"submitted": "in_review", "in_review": "in_review"}),
    "assess": ("in_review", "reviewer", {"in_review": "in_review"}),
    "request_changes": ("checked", "reviewer", {"in_review": "changes_requested"}),
    "approve": ("checked", "reviewer", {"in_review": "approved"}),
    "resubmit": ("changes_requested", "provider_editor", {"changes_requested": "submitted"}),
    "publish": ("approved", "provider_editor", {"approved": "published"}),
    "withdraw": (
        "submitted",
        "provider_editor",
        dict.fromkeys(("submitted", "in_review", "changes_requested", "approved"), "withdrawn"),
    ),
    "retire": ("published", "provider_editor", {"published": "retired"}),
}


@pytest.mark.parametrize("state", VersionStatus.values)
@pytest.mark.parametrize("transition", list(FROM_STATES))
def test_each_step_is_possible_only_from_its_states(request, transition, state):
    fixture, persona, allowed = FROM_STATES[transition]
    _fixture, call, _after = TRANSITIONS[transition]
    subject = request.getfixturevalue(fixture)
    actor = request.getfixturevalue(persona)
    version = _version(subject)
    MicroCredentialVersion.objects.filter(pk=version.pk).update(status=state)
    if transition == "publish":  # a version forced into "approved" needs the review-by date approval sets
        MicroCredentialVersion.objects.filter(pk=version.pk).update(review_by="2099-01-01")
    before_audit = AuditEntry.objects.count()

    if state in allowed:
        call(subject, actor, request)
        assert MicroCredentialVersion.objects.get(pk=version.pk).status == allowed[state]
        assert AuditEntry.objects.count() > before_audit  # the step did something, and it is on record
    else:
        with pytest.raises(MimisError) as excinfo:
            call(subject, actor, request)
        assert excinfo.value.code == "transition_not_allowed"
        assert MicroCredentialVersion.objects.get(pk=version.pk).status == state
        assert AuditEntry.objects.count() == before_audit


def test_the_whole_way_from_draft_to_retired_is_in_the_audit_trail(published, provider_editor):
    quality.retire_version(version=published, acting_user=provider_editor)
    entries = AuditEntry.objects.filter(
        object_type="catalog.microcredentialversion", object_id=str(published.pk)
    )
    assert [e.action for e in entries.order_by("sequence")] == [
        "microcredential.created",
        "microcredential.outcomes_updated",
        "microcredential.submitted",
        "quality.reviewer_assigned",
        "quality.review_started",
        "quality.assessed",
        "quality.approved",
        "microcredential.published",
        "microcredential.retired",
    ]
    transitions = [
        (e.data.get("from"), e.data.get("to")) for e in entries.order_by("sequence") if "to" in e.data
    ]
    assert transitions == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "approved"),
        ("approved", "published"),
        ("published", "retired"),
    ]
    hashes = {e.data["content_hash"] for e in entries.filter(action__startswith="quality.")}
    assert len(hashes) == 1 and len(hashes.pop()) == 64
