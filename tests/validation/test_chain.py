"""The whole chain: identification → documentation (with a supervisor's statement by link) →
assessment → certification, fully (the micro-credential, saying it was validated) or partly (a signed
statement of the outcomes met, plus the gap)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mimis.audit.models import AuditEntry
from mimis.issuing.models import Credential
from mimis.validation import services
from mimis.validation.errors import JudgementsMissing, StatementLinkInvalid
from mimis.validation.models import CaseState, Outcome
from mimis.verification.services import verify
from tests.validation.conftest import PDF, pdf_file


def _token_from_outbox() -> str:
    match = re.search(r"/validering/intyg/([^/\s]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def prepared_case(version, learner, on_commit):  # type: ignore[no-untyped-def]
    """A case with every outcome self-assessed, a file, and a statement confirmed through its link."""
    outcomes = list(version.learning_outcomes.order_by("position"))
    case = services.start_case(
        version=version, person=learner, acting_user=learner, workplace="Hemtjänst Öst"
    )
    services.save_self_assessment(
        case=case,
        acting_user=learner,
        answers=[
            {"outcome": o.pk, "frequency": "often", "where_learned": "Praktik på Solgården"} for o in outcomes
        ],
    )
    services.add_file_evidence(
        case=case,
        acting_user=learner,
        upload=pdf_file(),
        name="../../intyg från praktik.pdf",
        size=len(PDF),
        title="Praktikintyg",
        outcomes=[outcomes[0].pk, outcomes[1].pk],
    )
    with on_commit():
        services.request_statement(
            case=case,
            acting_user=learner,
            email="handledare@solgarden.example.se",
            title="Handledarens intyg från praktiken",
            outcomes=[o.pk for o in outcomes],
        )
    token = _token_from_outbox()
    services.confirm_statement(
        token=token,
        name="Hanna Handledare",
        role="Undersköterska och handledare",
        organisation="Solgårdens äldreboende",
        observed="Fatima bemötte boende med demens lugnt och dokumenterade varje dag.",
        observed_period="Praktik hösten 2025",
    )
    services.submit_case(case=case, acting_user=learner)
    return case, outcomes, token


class TestFullRecognition:
    def test_every_outcome_met_issues_the_micro_credential_saying_it_was_validated(
        self, version, learner, assessor, on_commit
    ):  # type: ignore[no-untyped-def]
        case, outcomes, _token = prepared_case(version, learner, on_commit)
        services.assign_assessor(case=case, assessor=assessor, acting_user=assessor)
        services.record_demonstration(
            case=case, acting_user=assessor, place="Vårdboendet Linden", on=None, at_other_workplace=True
        )
        services.record_judgements(
            case=case, acting_user=assessor, judgements=[{"outcome": o.pk, "result": "met"} for o in outcomes]
        )
        with on_commit():
            case = services.decide(case=case, acting_user=assessor, rationale="Alla mål visade i praktiken.")

        assert case.state == CaseState.DECIDED and case.outcome == Outcome.FULL
        credential = Credential.objects.get(pk=case.credential_id)
        assert credential.version == version and credential.recipient_email == learner.email
        (evidence,) = credential.document["evidence"]
        assert evidence["genre"] == "Validering av tidigare lärande"
        assert "validering" in evidence["narrative"].lower() or "validation" in evidence["narrative"].lower()
        assert "intyg från praktik" not in str(credential.document)  # private files never in the credential
        report = verify(credential.document)
        assert report.verified, report.errors
        assert any(version.title in m.subject and m.to == [learner.email] for m in mail.outbox)

    def test_every_state_change_is_audited(self, version, learner, assessor, on_commit):  # type: ignore[no-untyped-def]
        case, outcomes, _token = prepared_case(version, learner, on_commit)
        actions = list(
            AuditEntry.objects.filter(object_id=str(case.pk))
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        assert actions == [
            "validation.case_started",
            "validation.self_assessment_saved",
            "validation.evidence_added",
            "validation.statement_requested",
            "validation.statement_confirmed",
            "validation.case_submitted",
        ]

    def test_deciding_before_every_outcome_is_judged_is_refused(self, version, learner, assessor, on_commit):  # type: ignore[no-untyped-def]
        case, outcomes, _token = prepared_case(version, learner, on_commit)
        services.assign_assessor(case=case, assessor=assessor, acting_user=assessor)
        services.record_judgements(
            case=case, acting_user=assessor, judgements=[{"outcome": outcomes[0].pk, "result": "met"}]
        )
        with pytest.raises(JudgementsMissing):
            services.decide(case=case, acting_user=assessor, rationale="För tidigt.")
        case.refresh_from_db()
        assert case.state == CaseState.ASSESSING and case.credential is None


class TestPartialRecognition:
    def test_some_outcomes_met_gives_a_signed_statement_of_those_and_the_gap(
        self, version, learner, assessor, on_commit
    ):  # type: ignore[no-untyped-def]
        case, outcomes, _token = prepared_case(version, learner, on_commit)
        services.assign_assessor(case=case, assessor=assessor, acting_user=assessor)
        services.record_judgements(
            case=case,
            acting_user=assessor,
            judgements=[
                {"outcome": outcomes[0].pk, "result": "met"},
                {"outcome": outcomes[1].pk, "result": "met"},
                {"outcome": outcomes[2].pk, "result": "partly", "note": "Dokumentationen behöver övas."},
            ],
        )
        case = services.decide(case=case, acting_user=assessor, rationale="Två av tre mål visade.")

        assert case.outcome == Outcome.PARTLY and case.credential is None
        assert not Credential.objects.filter(version=version, recipient_email=learner.email).exists()
        statement = case.partial_statement
        achievement = statement["credentialSubject"]["achievement"]
        assert achievement["achievementType"] == "Assessment"
        assert not achievement["id"].endswith(f"#v{version.number}")  # not the micro-credential itself
        assert "delvis" in achievement["name"].lower()
        named = [d["name"] for d in achievement["resultDescription"]]
        assert named == [outcomes[0].text, outcomes[1].text]
        assert [r["status"] for r in statement["credentialSubject"]["result"]] == ["Completed", "Completed"]
        report = verify(statement)
        assert report.verified, report.errors
        assert [(o.pk, j.note) for o, j in services.gap(case)] == [
            (outcomes[2].pk, "Dokumentationen behöver övas.")
        ]


class TestStatementLink:
    def test_a_link_works_once(self, version, learner, on_commit):  # type: ignore[no-untyped-def]
        _case, _outcomes, token = prepared_case(version, learner, on_commit)
        with pytest.raises(StatementLinkInvalid):
            services.statement_for_token(token)

    def test_an_expired_link_is_refused_and_the_token_is_stored_only_hashed(
        self, version, learner, on_commit
    ):  # type: ignore[no-untyped-def]
        from datetime import timedelta

        from django.utils import timezone

        from mimis.validation.models import StatementRequest

        outcomes = list(version.learning_outcomes.all())
        case = services.start_case(version=version, person=learner, acting_user=learner)
        with on_commit():
            services.request_statement(
                case=case,
                acting_user=learner,
                email="chef@example.se",
                title="Chefens intyg",
                outcomes=[outcomes[0].pk],
            )
        token = _token_from_outbox()
        request = StatementRequest.objects.get(evidence__case=case)
        assert token not in request.token_hash
        assert not AuditEntry.objects.filter(data__icontains=token).exists()
        StatementRequest.objects.filter(pk=request.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        with pytest.raises(StatementLinkInvalid):
            services.confirm_statement(
                token=token, name="A", role="B", organisation="C", observed="D", observed_period="E"
            )
        request.refresh_from_db()
        assert request.used_at is None and request.name == ""
