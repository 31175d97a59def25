"""Loading the demo data. Idempotent: a second run finds everything in place and creates nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mimis.accounts.models import Membership, Organisation, OrganisationStatus, User
from mimis.accounts.permissions import PROVIDER_KINDS
from mimis.audit.services import record
from mimis.catalog.demo import load_demo_catalogue
from mimis.demo import data
from mimis.issuing.keys import ensure_issuer_keys
from mimis.matching.demo import load_demo_matching
from mimis.quality.demo import load_demo_reviews
from mimis.recognition.demo import load_demo_dossiers
from mimis.taxonomy.demo_data import load_demo_taxonomy
from mimis.validation.demo import load_demo_validations


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    description: str


def _award_demo_credentials() -> int:
    from mimis.catalog.models import MicroCredentialVersion, VersionStatus
    from mimis.issuing.services import issue_credential

    created = 0
    for local_part, slug in data.AWARDS:
        learner = User.objects.get(email=f"{local_part}@{data.DEMO_EMAIL_DOMAIN}")
        version = MicroCredentialVersion.objects.get(
            microcredential__slug=slug, status=VersionStatus.PUBLISHED
        )
        issued = issue_credential(version=version, email=learner.email, name=learner.name, acting_user=None)
        created += issued.created
    return created


@transaction.atomic
def load_demo_data() -> tuple[list[DemoLogin], int]:
    """Create the demo organisations and personas; return the log-ins and how many objects were new."""
    created = 0
    organisations: dict[str, Organisation] = {}
    for spec in [*data.ORGANISATIONS, data.PENDING_ORGANISATION]:
        pending = spec is data.PENDING_ORGANISATION
        organisation, was_created = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **{k: v for k, v in spec.items() if k != "slug"},
                "is_demo": True,
                "status": OrganisationStatus.PENDING if pending else OrganisationStatus.APPROVED,
                "decided_at": None if pending else timezone.now(),
            },
        )
        organisations[organisation.slug] = organisation
        created += was_created
    logins = []
    for local_part, name, language, roles, description in data.PEOPLE:
        email = f"{local_part}@{data.DEMO_EMAIL_DOMAIN}"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, name=name, language=language, email_verified=True, is_demo=True)
            user.set_password(data.DEMO_PASSWORD)
            user.save()
            created += 1
        for slug, role in roles:
            _membership, was_created = Membership.objects.get_or_create(
                user=user, organisation=organisations[slug], role=role
            )
            created += was_created
        logins.append(DemoLogin(email, name, description))
    for organisation in organisations.values():
        if organisation.is_approved and organisation.kind in PROVIDER_KINDS:
            created += len(ensure_issuer_keys(organisation=organisation))
    created += load_demo_taxonomy()
    created += load_demo_catalogue()
    created += load_demo_reviews()
    created += load_demo_dossiers()
    created += _award_demo_credentials()
    created += load_demo_matching(email_domain=data.DEMO_EMAIL_DOMAIN)
    created += load_demo_validations()
    if created:
        record("demo.loaded", actor=None, actor_label="mimis demo", data={"objects_created": created})
    return logins, created
