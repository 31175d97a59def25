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
