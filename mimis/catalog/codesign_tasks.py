"""E-mails about co-design invitations, each in its recipient's language (sent by the durable task queue)."""

from __future__ import annotations

from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


def _authors(organisation_id: int) -> list:
    from mimis.accounts.models import Membership, Role

    memberships = Membership.objects.filter(
        organisation_id=organisation_id, role__in=[Role.ADMIN, Role.EDITOR], user__is_active=True
    ).select_related("user")
    return list({m.user.pk: m.user for m in memberships}.values())


def _invitation(codesigner_id: int):  # type: ignore[no-untyped-def]
    from mimis.catalog.models import CoDesigner

    return (
        CoDesigner.objects.select_related("microcredential__provider", "organisation", "added_by")
        .filter(pk=codesigner_id)
        .first()
    )


@task()
def notify_invited_organisation(*, codesigner_id: int) -> None:
    """The invited organisation's admins and editors: who asks, what, and where to answer."""
    from mimis.catalog.models import CoDesignerStatus

    codesigner = _invitation(codesigner_id)
    if codesigner is None or codesigner.status != CoDesignerStatus.INVITED:
        return
    version = codesigner.microcredential.versions.order_by("-number").first()
    for user in _authors(codesigner.organisation_id):
        send_templated_email(
            to=user.email,
            template="catalog/emails/codesign_invited",
            language=user.language,
            context={
                "codesigner": codesigner,
                "version": version,
                "url": absolute_url(
                    "catalog:codesign_invitation", language=user.language, invitation_id=codesigner.pk
                ),
            },
        )


@task()
def notify_provider_of_answer(*, codesigner_id: int) -> None:
    """The provider's admins and editors: the invited organisation accepted or declined."""
    codesigner = _invitation(codesigner_id)
    if codesigner is None:
        return
    microcredential = codesigner.microcredential
    version = microcredential.versions.order_by("-number").first()
    for user in _authors(microcredential.provider_id):
        send_templated_email(
            to=user.email,
            template="catalog/emails/codesign_answered",
            language=user.language,
            context={
                "codesigner": codesigner,
                "version": version,
                "accepted": codesigner.status == "accepted",
                "url": absolute_url(
                    "catalog:edit", language=user.language, slug=microcredential.slug, step="preview"
                ),
            },
        )
