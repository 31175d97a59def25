"""E-mails about a micro-credential's level decision, each in its recipient's language."""

from __future__ import annotations

from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


@task()
def notify_provider_of_level_decision(*, decision_id: int, kind: str) -> None:
    """MYH's level decision expires soon (``reminder``) or has expired (``lapsed``)."""
    from mimis.accounts.models import Membership, Role
    from mimis.catalog.models import LevelDecision

    decision = (
        LevelDecision.objects.select_related("microcredential__provider").filter(pk=decision_id).first()
    )
    if decision is None:
        return
    microcredential = decision.microcredential
    version = microcredential.versions.order_by("-number").first()
    admins = Membership.objects.filter(
        organisation_id=microcredential.provider_id, role=Role.ADMIN, user__is_active=True
    ).select_related("user")
    for user in {m.user.pk: m.user for m in admins}.values():
        send_templated_email(
            to=user.email,
            template="catalog/emails/level_decision",
            language=user.language,
            context={
                "decision": decision,
                "title": version.display_title if version else microcredential.slug,
                "lapsed": kind == "lapsed",
                "url": absolute_url(
                    "catalog:level_decision", language=user.language, slug=microcredential.slug
                ),
            },
        )
