"""Who may see and change a case: the person, their consented counsellor, the provider's assessors.
Everyone else gets 404, on the pages and the API alike; the assessor must be impartial."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mimis.accounts import services as account_services
from mimis.errors import NotFound
from mimis.validation import selectors, services
from mimis.validation.errors import NoConsent, NotAnAssessor, NotImpartial
from mimis.validation.models import CaseState
from tests.conftest import signed_in, verified_client
from tests.factories import member
from tests.validation.test_chain import prepared_case


def api_for(user, scopes):  # type: ignore[no-untyped-def]
    _t, secret = account_services.create_api_token(user=user, name="t", scopes=scopes)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


class TestWhoSeesACase:
    def test_outsiders_get_not_found_on_the_page_the_file_and_the_api(
        self, version, learner, outsider, other_admin, on_commit
    ):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        evidence = case.evidence.get(kind="file")
        for user in (outsider, other_admin):
            client = verified_client(user)
            assert client.get(reverse("validation:case", args=[case.pk])).status_code == 404
            assert (
                client.get(reverse("validation:evidence_file", args=[case.pk, evidence.pk])).status_code
                == 404
            )
            assert api_for(user, ["read"]).get(f"/api/v1/validation/cases/{case.pk}").status_code == 404
            assert case.pk not in [c.pk for c in selectors.cases_visible_to(user=user)]

    def test_the_person_downloads_their_file_as_an_attachment_never_rendered(
        self, version, learner, on_commit
    ):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        evidence = case.evidence.get(kind="file")
        response = signed_in(learner).get(reverse("validation:evidence_file", args=[case.pk, evidence.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert (
            'filename="intyg_från_praktik.pdf"' in response["Content-Disposition"]
            or "intyg" in response["Content-Disposition"]
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_the_providers_assessor_sees_a_submitted_case_but_not_a_draft(self, version, learner, assessor):  # type: ignore[no-untyped-def]
        case = services.start_case(version=version, person=learner, acting_user=learner)
        with pytest.raises(NotFound):
            selectors.case_for(user=assessor, case_id=case.pk)
        assert verified_client(assessor).get(reverse("validation:case", args=[case.pk])).status_code == 404

    def test_the_api_lists_the_callers_cases_with_judgements(self, version, learner, on_commit):  # type: ignore[no-untyped-def]
        case, outcomes, _token = prepared_case(version, learner, on_commit)
        listed = api_for(learner, ["read"]).get("/api/v1/validation/cases").json()
        assert [c["id"] for c in listed] == [str(case.pk)]
        assert listed[0]["state"] == "submitted"
        assert [j["outcome"] for j in listed[0]["judgements"]] == [o.pk for o in outcomes]


class TestCounsellor:
    def test_a_counsellor_without_consent_is_refused(self, version, learner, counsellor):  # type: ignore[no-untyped-def]
        with pytest.raises(NoConsent):
            services.start_case(version=version, person=learner, acting_user=counsellor)
        response = api_for(counsellor, ["read", "write"]).post(
            "/api/v1/validation/cases",
            {"microcredential": version.microcredential.slug, "person_email": learner.email},
            content_type="application/json",
        )
        assert response.status_code == 403 and response.json()["code"] == "validation_no_consent"

    def test_with_consent_the_counsellor_prepares_and_loses_access_when_it_is_withdrawn(
        self, version, learner, counsellor
    ):  # type: ignore[no-untyped-def]
        consent = services.give_consent(
            person=learner,
            counsellor_email=counsellor.email,
            organisation_name="ABF Skåne",
            acting_user=learner,
        )
        case = services.start_case(version=version, person=learner, acting_user=counsellor)
        outcome = version.learning_outcomes.first()
        services.save_self_assessment(
            case=case, acting_user=counsellor, answers=[{"outcome": outcome.pk, "frequency": "sometimes"}]
        )
        services.withdraw_consent(consent=consent, acting_user=learner)
        with pytest.raises(NotFound):
            services.save_self_assessment(
                case=case, acting_user=counsellor, answers=[{"outcome": outcome.pk, "frequency": "often"}]
            )
        assert signed_in(counsellor).get(reverse("validation:case", args=[case.pk])).status_code == 404
        assert case.self_assessments.get().frequency == "sometimes"


class TestImpartiality:
    def test_the_supervisor_who_gave_a_statement_cannot_assess(self, version, learner, provider, on_commit):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        supervisor = member(
            provider, "issuer", email="handledare@solgarden.example.se", name="Hanna Handledare"
        )
        with pytest.raises(NotImpartial):
            services.assign_assessor(case=case, assessor=supervisor, acting_user=supervisor)
        case.refresh_from_db()
        assert case.state == CaseState.SUBMITTED and case.assessor is None

    def test_an_assessor_from_the_persons_workplace_is_refused(
        self, version, learner, provider, provider_admin, care_home, on_commit
    ):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        colleague = member(provider, "issuer", email="kollega@example.se")
        from mimis.accounts.models import Membership

        Membership.objects.create(user=colleague, organisation=care_home, role="viewer")
        with pytest.raises(NotImpartial):
            services.assign_assessor(case=case, assessor=colleague, acting_user=provider_admin)

    def test_only_the_providers_assessors_may_assess(
        self, version, learner, provider_admin, provider_editor, other_admin, on_commit
    ):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        with pytest.raises(NotAnAssessor):
            services.assign_assessor(case=case, assessor=provider_editor, acting_user=provider_admin)
        with pytest.raises(NotFound):  # an editor is no assessor and does not see the case
            services.assign_assessor(case=case, assessor=provider_editor, acting_user=provider_editor)
        with pytest.raises(NotFound):
            services.assign_assessor(case=case, assessor=other_admin, acting_user=other_admin)

    def test_the_practical_assessment_may_be_recorded_at_another_workplace(
        self, version, learner, assessor, on_commit
    ):  # type: ignore[no-untyped-def]
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        services.assign_assessor(case=case, assessor=assessor, acting_user=assessor)
        case = services.record_demonstration(
            case=case, acting_user=assessor, place="Vårdboendet Linden", on=None, at_other_workplace=True
        )
        assert case.demonstration_at_other_workplace and case.demonstration_place == "Vårdboendet Linden"


class TestErasure:
    def test_erasing_the_account_deletes_the_cases_and_their_files(
        self, version, learner, counsellor, on_commit
    ):  # type: ignore[no-untyped-def]
        from pathlib import Path

        from mimis.validation.models import Consent, Evidence, ValidationCase
        from mimis.wallet.personal_data import erase_account

        services.give_consent(
            person=learner,
            counsellor_email=counsellor.email,
            organisation_name="ABF Skåne",
            acting_user=learner,
        )
        case, _outcomes, _token = prepared_case(version, learner, on_commit)
        path = Path(case.evidence.get(kind="file").file.path)
        assert path.exists()
        learner.set_password("hemligt-lösen-123")
        learner.save()
        with on_commit():
            erase_account(user=learner, password="hemligt-lösen-123")
        assert not ValidationCase.objects.exists() and not Evidence.objects.exists()
        assert not Consent.objects.exists()
        assert not path.exists()

    def test_removing_a_piece_of_evidence_deletes_its_file(self, version, learner, on_commit):  # type: ignore[no-untyped-def]
        from pathlib import Path

        case = services.start_case(version=version, person=learner, acting_user=learner)
        from tests.validation.test_uploads import add

        evidence = add(case, learner, b"%PDF-1.4 x", "a.pdf")
        path = Path(evidence.file.path)
        with on_commit():
            services.remove_evidence(evidence=evidence, acting_user=learner)
        assert not path.exists()
