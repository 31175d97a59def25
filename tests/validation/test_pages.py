"""The pages, as the person, the supervisor (no account) and the assessor use them."""

from __future__ import annotations

import io
import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from mimis.issuing.models import Credential
from mimis.validation.models import CaseState, ValidationCase
from tests.conftest import signed_in, verified_client
from tests.validation.conftest import PDF


def test_the_catalogue_page_offers_validation(version, client):  # type: ignore[no-untyped-def]
    page = client.get(reverse("catalog:detail", args=[version.microcredential.slug]))
    start = reverse("validation:start", args=[version.microcredential.slug])
    assert start in page.content.decode()
    anonymous = client.get(start)
    assert anonymous.status_code == 200 and reverse("accounts:register") in anonymous.content.decode()


def test_a_person_shows_what_they_can_and_gets_the_micro_credential(
    version, learner, assessor, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    person = signed_in(learner)
    response = person.post(reverse("validation:start", args=[version.microcredential.slug]))
    case = ValidationCase.objects.get(person=learner)
    case_url = reverse("validation:case", args=[case.pk])
    assert response.url == case_url
    outcomes = list(version.learning_outcomes.all())
    answers = {f"frequency_{o.pk}": "often" for o in outcomes} | {
        f"where_{o.pk}": "På jobbet" for o in outcomes
    }
    assert person.post(case_url, {"action": "self_assessment", **answers}).status_code == 302
    upload = io.BytesIO(PDF)
    upload.name = "intyg.pdf"
    ids = [str(o.pk) for o in outcomes]
    assert (
        person.post(
            case_url, {"action": "file", "file": upload, "title": "Intyg", "outcomes": ids}
        ).status_code
        == 302
    )
    bad = io.BytesIO(b"MZ program")
    bad.name = "intyg.pdf"
    refused = person.post(case_url, {"action": "file", "file": bad, "title": "Fel", "outcomes": ids})
    assert refused.status_code == 422 and "error-summary" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person.post(
            case_url,
            {"action": "statement", "email": "chef@example.se", "title": "Chefens intyg", "outcomes": ids},
        )
    link = re.search(r"http://testserver(\S*/validering/intyg/\S+/)", mail.outbox[-1].body).group(1)

    supervisor = Client()
    page = supervisor.get(link)
    assert page.status_code == 200 and learner.name in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    incomplete = supervisor.post(
        link, {"name": "Chef", "role": "", "organisation": "", "observed": "", "observed_period": ""}
    )
    assert incomplete.status_code == 422
    confirmed = supervisor.post(
        link,
        {
            "name": "Cecilia Chef",
            "role": "Enhetschef",
            "organisation": "Hemtjänst Öst",
            "observed": "Hon arbetade självständigt i ett år.",
            "observed_period": "2024–2025",
        },
    )
    assert confirmed.status_code == 200
    assert supervisor.get(link).status_code == 410  # single use

    assert person.post(case_url, {"action": "submit"}).status_code == 302
    assessor_client = verified_client(assessor)
    queue = assessor_client.get(reverse("validation:queue", args=[version.microcredential.provider.slug]))
    assert case_url in queue.content.decode()
    assessor_client.post(case_url, {"action": "take"})
    assessor_client.post(case_url, {"action": "judgements", **{f"result_{o.pk}": "met" for o in outcomes}})
    decided = assessor_client.post(case_url, {"action": "decide", "rationale": "Alla mål visade."})
    assert decided.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    assert Credential.objects.filter(pk=case.credential_id, recipient_email=learner.email).exists()
    assert reverse("wallet:my_credentials") in person.get(case_url).content.decode()


def test_an_unknown_statement_link_says_what_to_do(client, db):  # type: ignore[no-untyped-def]
    response = client.get(reverse("validation:statement", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 410


def test_a_visitor_starts_without_an_account_and_the_answers_follow_them_when_they_sign_in(
    version, learner, client
):  # type: ignore[no-untyped-def]
    from mimis.validation.models import SelfAssessment

    start = reverse("validation:start", args=[version.microcredential.slug])
    outcome = version.learning_outcomes.first()
    saved = client.post(
        start,
        {f"frequency_{outcome.pk}": "sometimes", f"where_{outcome.pk}": "I Syrien", "workplace": "Solgården"},
    )
    assert saved.status_code == 200 and "checked" in saved.content.decode()
    assert not ValidationCase.objects.exists()  # nothing stored for an anonymous visitor
    learner.set_password("ett-langt-losenord-1")
    learner.save()
    client.post(reverse("accounts:login"), {"username": learner.email, "password": "ett-langt-losenord-1"})
    case = ValidationCase.objects.get(person=learner)
    answer = SelfAssessment.objects.get(case=case)
    assert (answer.outcome, answer.frequency, answer.where_learned) == (outcome, "sometimes", "I Syrien")
    assert case.workplace == "Solgården"
    assert client.get(start).url == reverse("validation:case", args=[case.pk])
