"""Only credentials that verify now count as a learner's verified skills: revoked, suspended, expired and
tampered ones never do; imported ones count when they verify and name skills we know."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mimis.issuing import services as issuing
from mimis.issuing.models import Credential
from mimis.matching.models import LearnerSkillState, VerifiedSkill
from mimis.matching.verified import due_learners, refresh_verified_skills, verified_skills_of
from mimis.vc import credentials as vc_credentials
from mimis.vc.dids import did_key_from_public_key
from mimis.vc.keys import generate_key
from mimis.wallet import imports
from tests.vc.conftest import build_sample_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def hygiene(make_mc, skill):  # type: ignore[no-untyped-def]
    return make_mc("Basal hygien", [skill["Omvårdnad"], skill["Social dokumentation"]], hours=20)


class TestWhatCounts:
    def test_a_valid_credential_proves_its_versions_skills(self, learner, hygiene, award, skill):
        credential = award(hygiene)
        verified = verified_skills_of(learner)
        assert verified.skill_ids == {skill["Omvårdnad"].pk, skill["Social dokumentation"].pk}
        proof = verified.best(skill["Omvårdnad"].pk)
        assert proof.credential_id == str(credential.pk)
        assert proof.imported is False

    def test_a_revoked_credential_never_counts_even_before_a_refresh(self, learner, hygiene, award):
        credential = award(hygiene)
        refresh_verified_skills(learner=learner)
        issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        assert verified_skills_of(learner).skill_ids == set()
        refresh_verified_skills(learner=learner)
        assert not VerifiedSkill.objects.filter(learner=learner).exists()

    def test_a_suspended_credential_does_not_count_until_reinstated(self, learner, hygiene, award, skill):
        credential = award(hygiene)
        issuing.suspend_credential(credential=credential, reason="Utreds", acting_user=None)
        refresh_verified_skills(learner=learner)
        assert verified_skills_of(learner).skill_ids == set()
        issuing.reinstate_credential(credential=credential, acting_user=None)
        refresh_verified_skills(learner=learner)
        assert skill["Omvårdnad"].pk in verified_skills_of(learner).skill_ids

    def test_an_expired_credential_stops_counting_at_its_end_of_validity(
        self, learner, make_mc, award, skill
    ):
        version = make_mc("Första hjälpen", [skill["Ergonomi"]], validity=12)
        credential = award(version)
        assert skill["Ergonomi"].pk in verified_skills_of(learner).skill_ids
        after = credential.valid_until + timedelta(seconds=1)
        assert verified_skills_of(learner, now=after).skill_ids == set()
        state = LearnerSkillState.objects.get(learner=learner)
        assert state.recheck_at == credential.valid_until
        assert due_learners(now=after) == [learner]

    def test_a_credential_past_its_end_of_validity_is_left_out_of_a_refresh(self, learner, hygiene, award):
        credential = award(hygiene)
        Credential.objects.filter(pk=credential.pk).update(valid_until=timezone.now() - timedelta(days=1))
        assert refresh_verified_skills(learner=learner) == []

    def test_a_tampered_credential_never_counts(self, learner, hygiene, award):
        credential = award(hygiene)
        document = dict(credential.document)
        document["name"] = "Legitimerad sjuksköterska"
        Credential.objects.filter(pk=credential.pk).update(document=document)
        assert refresh_verified_skills(learner=learner) == []
        assert verified_skills_of(learner).skill_ids == set()

    def test_someone_elses_credential_does_not_count(self, learner, hygiene, award):
        from tests.factories import UserFactory

        award(hygiene, to=UserFactory(email="johan@example.se"))
        assert verified_skills_of(learner).skill_ids == set()


class TestKeptUpToDate:
    def test_issuing_refreshes_the_holders_set(
        self, learner, hygiene, django_capture_on_commit_callbacks, skill
    ):
        refresh_verified_skills(learner=learner)
        with django_capture_on_commit_callbacks(execute=True):
            issuing.issue_credential(
                version=hygiene, email=learner.email, name=learner.name, acting_user=None
            )
        assert VerifiedSkill.objects.filter(learner=learner, skill=skill["Omvårdnad"]).exists()

    def test_revoking_refreshes_the_holders_set(
        self, learner, hygiene, award, django_capture_on_commit_callbacks
    ):
        credential = award(hygiene)
        refresh_verified_skills(learner=learner)
        assert VerifiedSkill.objects.filter(learner=learner).exists()
        with django_capture_on_commit_callbacks(execute=True):
            issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        assert not VerifiedSkill.objects.filter(learner=learner).exists()


def imported_credential(alignments: list[dict], holder) -> dict:  # type: ignore[no-untyped-def]
    """Another platform's credential issued to ``holder`` (imports are bound to their recipient)."""
    key = generate_key()
    did = did_key_from_public_key(key.public_key)
    document = build_sample_credential(learner=vc_credentials.Learner(email=holder.email, name=holder.name))
    document["issuer"] = document["issuer"] | {"id": did, "name": "Vårdskolan Nord"}
    document.pop("credentialStatus", None)
    document["credentialSubject"]["achievement"]["alignment"] = alignments
    return vc_credentials.sign_credential(document, key, f"{did}#{did.split(':')[-1]}")


class TestImported:
    def alignment(self, concept) -> dict:  # type: ignore[no-untyped-def]
        return {
            "type": ["Alignment"],
            "targetName": concept.preferred_label,
            "targetUrl": concept.uri,
            "targetCode": concept.source_id,
            "targetFramework": "JobTech Taxonomy",
        }

    def test_an_imported_credential_that_verifies_counts_marked_as_imported(self, learner, skill):
        import json

        signed = imported_credential([self.alignment(skill["Demensvård"])], learner)
        external = imports.import_credential(user=learner, data=json.dumps(signed).encode())
        proof = verified_skills_of(learner).best(skill["Demensvård"].pk)
        assert proof is not None
        assert proof.imported is True
        assert proof.credential_id == str(external.pk)

    def test_a_tampered_imported_credential_does_not_count(self, learner, skill):
        import json

        from mimis.wallet.models import ExternalCredential

        signed = imported_credential([self.alignment(skill["Demensvård"])], learner)
        external = imports.import_credential(user=learner, data=json.dumps(signed).encode())
        signed["credentialSubject"]["achievement"]["alignment"].append(self.alignment(skill["Ergonomi"]))
        ExternalCredential.objects.filter(pk=external.pk).update(content=json.dumps(signed))
        assert refresh_verified_skills(learner=learner) == []


class TestPersonalData:
    def test_erasing_the_account_removes_the_verified_skills(self, learner, hygiene, award):
        from mimis.matching.models import LearnerSkillState
        from mimis.wallet.personal_data import erase_account
        from tests.factories import PASSWORD

        award(hygiene)
        refresh_verified_skills(learner=learner)
        assert VerifiedSkill.objects.filter(learner=learner).exists()
        erase_account(user=learner, password=PASSWORD)
        assert not VerifiedSkill.objects.filter(learner=learner).exists()
        assert not LearnerSkillState.objects.filter(learner=learner).exists()
