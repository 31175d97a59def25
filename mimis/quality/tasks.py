"""E-mails of the quality-assurance workflow, each in its recipient's language."""

from __future__ import annotations

from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


def _provider_authors(organisation_id: int) -> list:
    from mimis.accounts.models import Membership, Role

    memberships = Membership.objects.filter(
        organisation_id=organisation_id, role__in=[Role.ADMIN, Role.EDITOR], user__is_active=True
    ).select_related("user")
    return list({m.user.pk: m.user for m in memberships}.values())


@task()
def notify_reviewer(*, review_id: int, reason: str) -> None:
    """A review was assigned to the reviewer, or the provider resubmitted after changes."""
    from mimis.quality.models import Review

    review = (
        Review.objects.select_related("reviewer", "version__microcredential__provider", "qa_body")
        .filter(pk=review_id)
        .first()
    )
    if review is None or not review.is_open:
        return
    reviewer = review.reviewer
    send_templated_email(
        to=reviewer.email,
        template="quality/emails/review_assigned",
        language=reviewer.language,
        context={
            "review": review,
            "version": review.version,
            "resubmitted": reason == "resubmitted",
            "url": absolute_url("quality:review", language=reviewer.language, review_id=review.pk),
        },
    )


@task()
def notify_provider_of_decision(*, decision_id: int) -> None:
    """Changes requested, or approved and ready to publish."""
    from mimis.quality.forms import ELEMENT_CHOICES
    from mimis.quality.models import Decision

    elements = dict(ELEMENT_CHOICES)
    decision = (
        Decision.objects.select_related("version__microcredential__provider", "qa_body")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return
    microcredential = decision.version.microcredential
    for user in _provider_authors(microcredential.provider_id):
        english = user.language == "en"
        comments = [
            {
                "criterion": item["title_en"] if english and item.get("title_en") else item["title"],
                # Lazy: the element's name is translated when the e-mail is rendered in the user's language.
                "element": elements.get(item["element"], item["element"]) if item.get("element") else "",
                "comment": item["comment"],
            }
            for item in decision.assessments
            if item.get("comment")
        ]
        send_templated_email(
            to=user.email,
            template="quality/emails/decision",
            language=user.language,
            context={
                "decision": decision,
                "comments": comments,
                "version": decision.version,
                "url": absolute_url(
                    "catalog:edit", language=user.language, slug=microcredential.slug, step="preview"
                ),
            },
        )


@task()
def notify_provider_of_review_by(*, version_id: int, kind: str) -> None:
    """The review-by date is near (``reminder``), or has passed and issuing stopped (``lapsed``)."""
    from mimis.catalog.models import MicroCredentialVersion

    version = (
        MicroCredentialVersion.objects.select_related("microcredential__provider")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return
    for user in _provider_authors(version.microcredential.provider_id):
        send_templated_email(
            to=user.email,
            template="quality/emails/review_by",
            language=user.language,
            context={
                "version": version,
                "lapsed": kind == "lapsed",
                "url": absolute_url(
                    "catalog:edit", language=user.language, slug=version.microcredential.slug, step="preview"
                ),
            },
        )


@task()
def notify_provider_of_endorsement(*, endorsement_id: str) -> None:
    from mimis.quality.models import Endorsement

    endorsement = (
        Endorsement.objects.select_related("organisation", "microcredential", "version")
        .filter(pk=endorsement_id)
        .first()
    )
    if endorsement is None:
        return
    for user in _provider_authors(endorsement.microcredential.provider_id):
        send_templated_email(
            to=user.email,
            template="quality/emails/endorsed",
            language=user.language,
            context={
                "endorsement": endorsement,
                "url": absolute_url(
                    "catalog:detail", language=user.language, slug=endorsement.microcredential.slug
                ),
            },
        )
