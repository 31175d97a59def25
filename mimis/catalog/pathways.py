"""Stackable pathways: create, change and read. (A separate module: services.py is about single micro-credentials.)"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin, require_capability
from mimis.audit.services import record
from mimis.catalog.errors import PathwayInvalid
from mimis.catalog.models import (
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    PathwayRule,
    PathwayStep,
    VersionStatus,
)
from mimis.errors import NotFound, ValidationFailed
from mimis.taxonomy.models import Concept, Scheme


def require_pathway_editor(user: User, owner: Organisation) -> None:
    """The owner organisation's editors (and region administrators) create and change its pathways."""
    if not is_platform_admin(user):
        require_capability(user, Capability.AUTHOR_MICROCREDENTIALS, owner)


def has_pathway_editor(user: User, owner: Organisation) -> bool:
    return is_platform_admin(user) or has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, owner)


def _validated(
    *,
    title: str,
    rule: str,
    microcredential_slugs: list[str],
    required_count: int | None,
    target_occupation_id: int | None,
) -> tuple[str, list[MicroCredential], int | None, Concept | None]:
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(_("Give the pathway a title."), field="title")
    if rule not in PathwayRule.values:
        raise ValidationFailed(_("Choose what it takes to complete the pathway."), field="rule")
    slugs = list(dict.fromkeys(microcredential_slugs))
    if len(slugs) < 2:
        raise PathwayInvalid(_("A pathway needs at least two micro-credentials."), field="microcredentials")
    found = {
        m.slug: m
        for m in MicroCredential.objects.filter(slug__in=slugs, versions__status=VersionStatus.PUBLISHED)
    }
    missing = [s for s in slugs if s not in found]
    if missing:
        raise PathwayInvalid(
            _("There is no published micro-credential called %(slug)s.") % {"slug": missing[0]},
            field="microcredentials",
        )
    if rule == PathwayRule.N_OF:
        if required_count is None or not 1 <= required_count < len(slugs):
            raise PathwayInvalid(
                _("Say how many are needed: at least 1 and fewer than the %(count)d in the pathway.")
                % {"count": len(slugs)},
                field="required_count",
            )
    else:
        required_count = None
    target = None
    if target_occupation_id is not None:
        target = Concept.objects.filter(
            pk=target_occupation_id, scheme__in=[Scheme.OCCUPATION_GROUP, Scheme.OCCUPATION_NAME]
        ).first()
        if target is None:
            raise PathwayInvalid(_("Unknown occupation."), field="target_occupation")
    return title, [found[s] for s in slugs], required_count, target


@transaction.atomic
def create_pathway(
    *,
    owner: Organisation,
    acting_user: User,
    title: str,
    rule: str,
    microcredential_slugs: list[str],
    required_count: int | None = None,
    description: str = "",
    title_en: str = "",
    target_occupation_id: int | None = None,
) -> Pathway:
    """A pathway of published micro-credentials; providers' authors and region administrators create them."""
    require_pathway_editor(acting_user, owner)
    title, steps, required_count, target = _validated(
        title=title,
        rule=rule,
        microcredential_slugs=microcredential_slugs,
        required_count=required_count,
        target_occupation_id=target_occupation_id,
    )
    base = slugify(title)[:90] or "vag"
    slug, counter = base, 2
    while Pathway.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    pathway = Pathway.objects.create(
        slug=slug,
        owner=owner,
        title=title,
        title_en=title_en.strip(),
        description=description.strip(),
        rule=rule,
        required_count=required_count,
        target_occupation=target,
    )
    PathwayStep.objects.bulk_create(
        [PathwayStep(pathway=pathway, microcredential=m, position=i) for i, m in enumerate(steps)]
    )
    record(
        "pathway.created",
        actor=acting_user,
        organisation=owner,
        target=pathway,
        data={"slug": slug, "rule": rule, "microcredentials": [m.slug for m in steps]},
    )
    return pathway


@transaction.atomic
def update_pathway(
    *,
    pathway: Pathway,
    acting_user: User,
    title: str,
    rule: str,
    microcredential_slugs: list[str],
    required_count: int | None = None,
    description: str = "",
    title_en: str = "",
    target_occupation_id: int | None = None,
) -> Pathway:
    """Change a pathway's texts, rule and micro-credentials (its address stays the same)."""
    pathway = Pathway.objects.select_for_update().select_related("owner").get(pk=pathway.pk)
    require_pathway_editor(acting_user, pathway.owner)
    title, steps, required_count, target = _validated(
        title=title,
        rule=rule,
        microcredential_slugs=microcredential_slugs,
        required_count=required_count,
        target_occupation_id=target_occupation_id,
    )
    pathway.title, pathway.title_en, pathway.description = title, title_en.strip(), description.strip()
    pathway.rule, pathway.required_count, pathway.target_occupation = rule, required_count, target
    pathway.save()
    pathway.steps.all().delete()
    PathwayStep.objects.bulk_create(
        [PathwayStep(pathway=pathway, microcredential=m, position=i) for i, m in enumerate(steps)]
    )
    record(
        "pathway.updated",
        actor=acting_user,
        organisation=pathway.owner,
        target=pathway,
        data={"slug": pathway.slug, "rule": rule, "microcredentials": [m.slug for m in steps]},
    )
    return pathway


def _with_steps(pathways: QuerySet[Pathway]) -> QuerySet[Pathway]:
    return pathways.select_related("owner", "target_occupation").prefetch_related(
        Prefetch(
            "steps",
            queryset=PathwayStep.objects.select_related("microcredential").prefetch_related(
                "microcredential__versions"
            ),
        )
    )


def pathways_of(*, microcredential: MicroCredential) -> QuerySet[Pathway]:
    return _with_steps(Pathway.objects.filter(steps__microcredential=microcredential).distinct())


def all_pathways() -> QuerySet[Pathway]:
    return _with_steps(Pathway.objects.all())


def pathway_by_slug(*, slug: str) -> Pathway:
    pathway = _with_steps(Pathway.objects.filter(slug=slug)).first()
    if pathway is None:
        raise NotFound()
    return pathway


def pathway_choices() -> list[tuple[str, str]]:
    """Published micro-credentials a pathway can hold, as (slug, title in the active language)."""
    versions = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "microcredential"
    )
    return sorted(
        ((v.microcredential.slug, v.display_title) for v in versions), key=lambda choice: choice[1].lower()
    )
