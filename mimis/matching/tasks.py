"""Background tasks for matching: recomputing learners' verified skills."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_verified_skills_task(*, user_ids: list[int]) -> None:
    from mimis.accounts.models import User
    from mimis.matching.verified import refresh_learners

    refresh_learners(User.objects.filter(pk__in=user_ids))


@task()
def refresh_holders_task(*, credential_ids: list[str]) -> None:
    """Recompute the verified skills of whoever holds these credentials (issued, revoked, suspended,
    reinstated or replaced a moment ago)."""
    from mimis.issuing.models import Credential
    from mimis.matching.verified import refresh_learners
    from mimis.wallet.selectors import holder_of

    holders = {}
    for credential in Credential.objects.filter(pk__in=credential_ids):
        holder = holder_of(credential)
        if holder is not None:
            holders[holder.pk] = holder
    refresh_learners(holders.values())


@task()
def contact_request_email(*, kind: str, request_id: int) -> None:
    """``new``: tell the learner an organisation asks to get in touch (no content of the message in the
    e-mail: they read it signed in). ``accepted``: tell the employer who sent it that the person accepted."""
    from mimis.core.emails import absolute_url, send_templated_email
    from mimis.matching.models import ContactRequest

    request = (
        ContactRequest.objects.select_related("learner", "sent_by", "organisation", "profile_version")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return
    if kind == "new":
        person = request.learner
        url = absolute_url("matching:findable", language=person.language)
    else:
        person = request.sent_by
        if person is None:
            return
        url = absolute_url("matching:sent_requests", language=person.language, slug=request.organisation.slug)
    if person is None or not person.is_active:
        return
    send_templated_email(
        to=person.email,
        template=f"matching/emails/contact_{kind}",
        language=person.language,
        context={
            "organisation": request.organisation.name,
            "role": request.profile_version.title,
            "url": url,
        },
    )
