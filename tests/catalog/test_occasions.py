"""Course occasions: the provider keeps them up to date without a new version; shown on the page, API and ELM."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.audit.models import AuditEntry
from mimis.catalog import occasions
from mimis.catalog.models import CourseOccasion
from mimis.errors import NotFound, ValidationFailed
from tests.conftest import signed_in
from tests.factories import member, publish

pytestmark = pytest.mark.django_db

SOON = datetime.date.today() + datetime.timedelta(days=30)
# A year of occasions that are still ahead whenever the suite runs (public pages show upcoming ones only).
Y = datetime.date.today().year + 4


@pytest.fixture
def published(draft):
    publish(draft)
    draft.refresh_from_db()
    return draft


def add(version, user, **fields):
    return occasions.create_occasion(
        microcredential=version.microcredential,
        acting_user=user,
        **{"start_date": SOON, "place": "Kristianstad", **fields},
    )


class TestService:
    def test_editing_occasions_needs_no_new_version_and_is_audited(self, published, provider_editor):
        occasion = add(published, provider_editor, end_date=SOON + datetime.timedelta(days=14), language="en")
        occasions.update_occasion(occasion=occasion, acting_user=provider_editor, online=True, place="")
        occasion.refresh_from_db()
        assert (occasion.online, occasion.place, occasion.language) == (True, "", "en")
        published.refresh_from_db()
        assert published.status == "published" and published.microcredential.versions.count() == 1
        occasions.delete_occasion(occasion=occasion, acting_user=provider_editor)
        assert CourseOccasion.objects.count() == 0
        actions = list(
            AuditEntry.objects.filter(action__startswith="occasion.")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        assert actions == ["occasion.created", "occasion.updated", "occasion.deleted"]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"start_date": None}, "start_date"),
            ({"start_date": "1 september"}, "start_date"),
            ({"end_date": SOON - datetime.timedelta(days=1)}, "end_date"),
            ({"place": "", "online": False}, "place"),
            ({"language": "svenska"}, "language"),
            ({"application_url": "javascript:alert(1)"}, "application_url"),
        ],
    )
    def test_bad_input_names_the_field_and_saves_nothing(self, published, provider_editor, fields, field):
        with pytest.raises(ValidationFailed) as error:
            add(published, provider_editor, **fields)
        assert error.value.field == field
        assert CourseOccasion.objects.count() == 0

    def test_another_organisation_cannot_add_occasions(self, published, other_admin):
        with pytest.raises(NotFound):  # outsiders do not learn what exists
            add(published, other_admin)
        assert CourseOccasion.objects.count() == 0

    def test_ended_occasions_are_not_upcoming(self, published, provider_editor):
        past = add(published, provider_editor, start_date=SOON - datetime.timedelta(days=90))
        future = add(published, provider_editor)
        upcoming = occasions.occasions_of(microcredential=published.microcredential, upcoming_only=True)
        assert list(upcoming) == [future]
        assert past in occasions.occasions_of(microcredential=published.microcredential)


class TestPages:
    def test_public_page_shows_dates_place_language_and_sign_up_link(self, published, provider_editor):
        add(
            published,
            provider_editor,
            start_date=datetime.date(Y, 9, 2),
            end_date=datetime.date(Y, 9, 30),
            online=True,
            application_url="https://www.hkr.se/anmalan",
            how_to_apply="Skicka ett mejl.",
        )
        body = Client().get(f"/microcredentials/{published.microcredential.slug}/").content.decode()
        assert "Kurstillfällen" in body
        assert f"2 september {Y} till 30 september {Y}" in body
        assert "På nätet och i Kristianstad" in body
        assert 'href="https://www.hkr.se/anmalan"' in body and "Anmäl dig hos Högskolan Kristianstad" in body
        course = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
        )
        assert course["hasCourseInstance"][0]["startDate"] == f"{Y}-09-02"
        assert course["hasCourseInstance"][0]["location"] == "Kristianstad"
        english = Client().get(f"/en/microcredentials/{published.microcredential.slug}/").content.decode()
        assert "Course occasions" in english and "Online and in Kristianstad" in english

    def test_page_without_occasions_says_so(self, published):
        body = Client().get(f"/microcredentials/{published.microcredential.slug}/").content.decode()
        assert "Just nu finns inga kurstillfällen inlagda." in body

    def test_provider_adds_changes_and_removes_an_occasion_on_the_page(self, published, provider_editor):
        client = signed_in(provider_editor)
        url = f"/microcredentials/{published.microcredential.slug}/occasions/"
        bad = client.post(url, {"start_date": f"{Y}-09-02", "language": "sv"})
        assert bad.status_code == 200
        assert "Ange platsen, eller kryssa i att kurstillfället är på nätet." in bad.content.decode()
        assert CourseOccasion.objects.count() == 0
        ok = client.post(url, {"start_date": f"{Y}-09-02", "language": "sv", "place": "Malmö"})
        assert ok.status_code == 302
        occasion = CourseOccasion.objects.get()
        client.post(f"{url}{occasion.pk}/", {"start_date": f"{Y}-09-09", "language": "sv", "online": "on"})
        occasion.refresh_from_db()
        assert (occasion.start_date, occasion.online) == (datetime.date(Y, 9, 9), True)
        client.post(f"{url}{occasion.pk}/delete/")
        assert CourseOccasion.objects.count() == 0

    def test_others_get_no_occasion_page(self, published, other_provider):
        client = signed_in(member(other_provider, "editor"))
        assert client.get(f"/microcredentials/{published.microcredential.slug}/occasions/").status_code == 404


class TestApi:
    def test_read_and_write_with_permissions(self, published, provider_editor, other_admin):
        mc = published.microcredential
        _t, secret = account_services.create_api_token(
            user=provider_editor, name="x", scopes=["read", "write"]
        )
        editor = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        url = f"/api/v1/microcredentials/{mc.pk}/occasions"
        created = editor.post(
            url,
            {"start_date": f"{Y}-09-02", "online": True, "language": "en"},
            content_type="application/json",
        )
        assert created.status_code == 201, created.json()
        occasion_id = created.json()["id"]
        bad = editor.patch(
            f"{url}/{occasion_id}", {"end_date": f"{Y}-01-01"}, content_type="application/json"
        )
        assert (bad.status_code, bad.json()["field"]) == (422, "end_date")
        changed = editor.patch(f"{url}/{occasion_id}", {"place": "Lund"}, content_type="application/json")
        assert changed.json()["place"] == "Lund" and changed.json()["online"] is True
        listed = Client().get(url).json()
        assert [o["start_date"] for o in listed] == [f"{Y}-09-02"]
        _t, other_secret = account_services.create_api_token(user=other_admin, name="y", scopes=["write"])
        other = Client(HTTP_AUTHORIZATION=f"Bearer {other_secret}")
        assert other.delete(f"{url}/{occasion_id}").status_code == 404
        assert (
            other.post(
                url, {"start_date": f"{Y}-09-02", "online": True}, content_type="application/json"
            ).status_code
            == 404
        )
        assert editor.delete(f"{url}/{occasion_id}").status_code == 204
        assert Client().get(url).json() == []

    def test_occasions_appear_in_the_elm_export_as_learning_opportunities(self, published, provider_editor):
        add(published, provider_editor, start_date=datetime.date(Y, 9, 2), application_url="https://x.se/a")
        document = Client().get(f"/microcredentials/{published.microcredential.slug}/elm.jsonld").json()
        [opportunity] = document["learningOpportunity"]
        assert opportunity["type"] == "LearningOpportunity"
        assert opportunity["temporal"]["startDate"] == f"{Y}-09-02T00:00:00"
        assert opportunity["learningAchievementSpecification"]["id"] == document["id"]
        assert opportunity["location"][0]["address"][0]["fullAddress"]["noteLiteral"] == {
            "sv": "Kristianstad"
        }
        assert opportunity["homepage"][0]["contentURL"] == "https://x.se/a"


def test_demo_micro_credentials_have_upcoming_occasions():
    from mimis.catalog.models import MicroCredentialVersion
    from mimis.demo.services import load_demo_data
    from tests.demo_snapshot import load_demo

    load_demo()
    load_demo_data()  # a second load keeps them
    for version in MicroCredentialVersion.objects.filter(status="published").select_related(
        "microcredential"
    ):
        assert occasions.occasions_of(microcredential=version.microcredential, upcoming_only=True).exists()
