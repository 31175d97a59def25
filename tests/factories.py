"""Small factories for domain objects. Personas live in conftest.py."""

from __future__ import annotations

import factory

from mimis.accounts.models import Membership, Organisation, OrganisationStatus, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    name = factory.Sequence(lambda n: f"Person {n}")
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = "education_provider"
    status = OrganisationStatus.APPROVED


def member(organisation: Organisation, *roles: str, **user_fields: object) -> User:
    """A new user holding ``roles`` in ``organisation``."""
    user = UserFactory(**user_fields)
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def publish(version):  # type: ignore[no-untyped-def]
    """Take a complete draft through quality assurance to published, as the real workflow does.

    A provider editor submits; a reviewer of a new quality-assurance body (or whoever automatic
    assignment chose) starts, finds every criterion met and approves; the editor publishes.
    """
    from mimis.catalog.models import MicroCredentialVersion
    from mimis.quality import selectors
    from mimis.quality import services as quality
    from mimis.quality.models import Review, ReviewStatus

    provider = version.microcredential.provider
    author = member(provider, "editor")
    qa_body = OrganisationFactory(kind="qa_body")
    member(qa_body, "reviewer")
    member(qa_body, "reviewer")
    coordinator = member(qa_body, "admin")
    quality.submit_version(version=version, acting_user=author)
    while len(selectors.open_reviews_of(version)) < selectors.required_reviewers(version):
        candidate = selectors.eligible_reviewers(version, qa_body=qa_body)[0].user
        quality.assign_reviewer(version=version, reviewer=candidate, acting_user=coordinator)
    for review in Review.objects.filter(version=version).exclude(status=ReviewStatus.CANCELLED):
        quality.start_review(review=review, acting_user=review.reviewer)
        quality.record_assessments(
            review=review,
            acting_user=review.reviewer,
            assessments=[
                {"criterion": c.code, "result": "met"} for c in selectors.criteria_of(review.criteria_version)
            ],
        )
        quality.approve(review=review, acting_user=review.reviewer, rationale="Uppfyller kriterierna.")
    quality.publish_version(version=version, acting_user=author)
    return MicroCredentialVersion.objects.get(pk=version.pk)
