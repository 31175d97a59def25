"""The catalogue's search also finds micro-credentials by occupation, sector and target group, in both languages."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from mimis.catalog import services
from mimis.catalog.models import MicroCredentialVersion
from mimis.catalog.selectors import CatalogueFilters, catalogue_search
from tests.catalog.conftest import COMPLETE, concept
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(provider, provider_editor, care_sector, skills):
    nurses = concept("occupation_group", "Undersköterskor, hemtjänst, hemsjukvård och äldreboende", "5321")
    nurses.preferred_label_en = "Assistant nurses, home care"
    nurses.save()
    care_sector.preferred_label_en = "Residential care activities"
    care_sector.save()
    version = services.create_microcredential(
        provider=provider,
        acting_user=provider_editor,
        title="Lyft och förflyttning",
        occupations=[nurses.pk],
        sectors=[care_sector.pk],
        target_groups=["newly_arrived"],
        **COMPLETE,
    )
    services.set_learning_outcomes(
        version=version,
        acting_user=provider_editor,
        outcomes=[{"text": "Lyfta rätt.", "skills": [skills[0].pk]}],
    )
    publish(version)
    return version


def titles(query: str) -> list[str]:
    return [v.title for v in catalogue_search(filters=CatalogueFilters(query=query))]


@pytest.mark.parametrize(
    "query",
    [
        "undersköterska",  # the occupation, in another inflection than its label
        "undersköterskor hemtjänst",
        "assistant nurse",  # the occupation's English label
        "omsorg boende",  # the sector (SNI), Swedish
        "residential care",  # the sector, English
        "nyanlända",  # the target group, Swedish
        "newly arrived",  # the target group, English
    ],
)
def test_search_finds_occupations_sectors_and_target_groups_in_both_languages(tagged, query):
    assert titles(query) == ["Lyft och förflyttning"]


def test_words_not_in_any_element_still_find_nothing(tagged):
    assert titles("snickare") == []


def test_migration_reindexes_rows_indexed_before_occupations_were_included(tagged):
    MicroCredentialVersion.objects.filter(pk=tagged.pk).update(search_text=" lyft ")
    services.sync_search_index([tagged.pk])
    assert titles("undersköterska") == []
    migration = importlib.import_module(
        "mimis.catalog.migrations.0006_index_occupations_sectors_target_groups"
    )
    migration.reindex(apps, connection.schema_editor())
    assert titles("undersköterska") == ["Lyft och förflyttning"]
    assert titles("newly arrived") == ["Lyft och förflyttning"]


def test_rebuild_search_index_recomputes_every_version(tagged):
    MicroCredentialVersion.objects.filter(pk=tagged.pk).update(search_text=" lyft ")
    services.sync_search_index([tagged.pk])
    assert services.rebuild_search_index() == MicroCredentialVersion.objects.count()
    assert titles("assistant nurses") == ["Lyft och förflyttning"]
