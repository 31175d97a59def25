"""Key management for issuers: rotation, and recovery from a compromised key (revoke, re-issue, notify)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mimis.accounts import services as account_services
from mimis.accounts.models import Membership
from mimis.audit.models import AuditEntry
from mimis.audit.services import verify_chain
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.issuing import keys, reissue, services
from mimis.issuing.models import (
    Credential,
    CredentialState,
    IssuerKey,
    KeyReissue,
    KeyStatus,
    ReissueStatus,
)
from mimis.verification.services import verify
from tests.conftest import verified_client
from tests.factories import UserFactory, member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


@pytest.fixture
def issuer(provider):
    return member(provider, "issuer", email="jonas.issuer@hkr.example.se")


def issue(version, email, issuer, credential_format="ldp", language="sv"):
    return services.issue_credential(
        version=version,
        email=email,
        name=email.split("@")[0].title(),
        acting_user=issuer,
        credential_format=credential_format,
        language=language,
    ).credential


def signed(credential):
    credential.refresh_from_db()
    return credential.document if credential.format == "ldp" else credential.token


def failed_checks(credential):
    return {c["name"] for c in verify(signed(credential)).errors}


def active_key(organisation, algorithm="Ed25519"):
    return IssuerKey.objects.get(organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE)


class TestRotation:
    def test_rotation_keeps_the_old_key_listed_so_old_credentials_still_verify(
        self, published, issuer, provider, provider_admin
    ):
        before = issue(published, "a@example.se", issuer)
        old = active_key(provider)
        new = keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=provider_admin)

        listed = {m["id"].split("#")[1] for m in keys.did_document(provider)["verificationMethod"]}
        assert {old.key_id, new.key_id} <= listed
        assert verify(signed(before)).verified
        after = issue(published, "b@example.se", issuer)
        assert after.key == new
        assert verify(signed(after)).verified
        assert AuditEntry.objects.filter(action="issuer.key_rotated", object_id=str(new.pk)).exists()

    def test_only_the_two_signing_algorithms_rotate(self, provider, provider_admin):
        with pytest.raises(ValidationFailed):
            keys.rotate_key(organisation=provider, algorithm="RSA", acting_user=provider_admin)

    def test_issuers_may_issue_but_not_manage_keys(self, provider, issuer):
        with pytest.raises(PermissionDenied):
            keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=issuer)


class TestCompromise:
    @pytest.fixture
    def issued(self, published, issuer, provider):
        """Four credentials: two valid (one JWT), one suspended, one revoked before the compromise."""
        holder = UserFactory(email="linnea@example.se", name="Linnea", language="en")
        valid = issue(published, holder.email, issuer)
        suspended = issue(published, "sus@example.se", issuer)
        services.suspend_credential(credential=suspended, reason="Utreds", acting_user=issuer)
        revoked = issue(published, "rev@example.se", issuer)
        services.revoke_credential(credential=revoked, reason="Fel person", acting_user=issuer)
        jwt = issue(published, "jwt@example.se", issuer, credential_format="jwt")
        return {"valid": valid, "suspended": suspended, "revoked": revoked, "jwt": jwt}

    def test_one_action_revokes_the_key_re_issues_what_it_signed_and_tells_the_holders(
        self, issued, published, provider, provider_admin, on_commit
    ):
        compromised = active_key(provider)
        mail.outbox.clear()
        with on_commit():
            job = reissue.compromise_key(key=compromised, acting_user=provider_admin)
        assert job.total == 2

        job.refresh_from_db()
        compromised.refresh_from_db()
        assert compromised.status == KeyStatus.COMPROMISED
        assert job.status == ReissueStatus.DONE and job.reissued_count == 2
        new_key = active_key(provider)
        assert new_key != compromised

        # The old credential fails for two reasons: its key is gone and it is revoked.
        old = Credential.objects.get(pk=issued["valid"].pk)
        assert old.state == CredentialState.REVOKED and old.replaced_by is not None
        assert {"proof", "status"} <= failed_checks(old)
        new = old.replaced_by
        assert new.replaces == old
        assert new.key == new_key and new.version == published and new.format == "ldp"
        assert new.recipient_email == old.recipient_email and new.pk != old.pk
        assert (new.revocation_list_id, new.revocation_index) != (
            old.revocation_list_id,
            old.revocation_index,
        )
        report = verify(signed(new))
        assert report.verified, report.to_dict()
        assert new.document["id"] == f"urn:uuid:{new.pk}"
        assert new.document["credentialSubject"] == old.document["credentialSubject"]

        # A suspension carries over to the replacement; a revoked credential is not re-issued.
        suspended = Credential.objects.get(pk=issued["suspended"].pk)
        assert suspended.state == CredentialState.REVOKED
        assert suspended.replaced_by.state == CredentialState.SUSPENDED
        assert failed_checks(suspended.replaced_by) == {"status"}
        revoked = Credential.objects.get(pk=issued["revoked"].pk)
        assert revoked.replaced_by is None and revoked.state_reason == "Fel person"
        # The P-256 key was not compromised: its JWT credential still verifies.
        assert verify(signed(issued["jwt"])).verified

        # Each holder got one e-mail, in their language (Linnea prefers English), with the wallet link.
        assert sorted(m.to[0] for m in mail.outbox) == ["linnea@example.se", "sus@example.se"]
        english = next(m for m in mail.outbox if m.to == ["linnea@example.se"])
        assert "has been replaced" in english.subject
        assert "/en/my/credentials/" in english.body
        swedish = next(m for m in mail.outbox if m.to == ["sus@example.se"])
        assert "har ersatts" in swedish.subject
        assert "/account/register/" in swedish.body

        actions = list(AuditEntry.objects.values_list("action", flat=True))
        assert actions.count("issuer.key_compromised") == 1
        assert actions.count("issuer.key_reissue_started") == 1
        assert actions.count("issuer.key_reissue_finished") == 1
        assert actions.count("credential.reissued") == 2
        assert AuditEntry.objects.filter(
            action="credential.revoked", object_id=str(old.pk), data__replaced_by=str(new.pk)
        ).exists()
        assert verify_chain().intact

    def test_issuing_again_returns_the_replacement_never_a_duplicate(
        self, issued, published, issuer, provider, provider_admin, on_commit
    ):
        with on_commit():
            reissue.compromise_key(key=active_key(provider), acting_user=provider_admin)
        replacement = Credential.objects.get(pk=issued["valid"].pk).replaced_by
        again = services.issue_credential(
            version=published, email="linnea@example.se", name="Linnea", acting_user=issuer
        )
        assert not again.created and again.credential.pk == replacement.pk
        assert Credential.objects.filter(recipient_email="linnea@example.se").count() == 2

    def test_running_it_twice_re_issues_nothing_twice(self, issued, provider, provider_admin, on_commit):
        key = active_key(provider)
        with on_commit():
            reissue.compromise_key(key=key, acting_user=provider_admin)
        count, sent = Credential.objects.count(), len(mail.outbox)
        with on_commit():
            job = reissue.compromise_key(key=key, acting_user=provider_admin)
            assert reissue.reissue_after_compromise(key=key, acting_user=provider_admin) == 0
        assert job.status == ReissueStatus.DONE and job.reissued_count == 2
        assert Credential.objects.count() == count and len(mail.outbox) == sent
        assert AuditEntry.objects.filter(action="issuer.key_compromised").count() == 1

    def test_an_interrupted_re_issue_goes_on_where_it_stopped(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        for n in range(3):
            issue(published, f"l{n}@example.se", issuer)
        key = active_key(provider)
        keys.mark_key_compromised(key=key, acting_user=provider_admin)
        assert (
            reissue.reissue_after_compromise(key=key, acting_user=provider_admin, chunk_size=2, max_chunks=1)
            == 2
        )
        assert reissue.credentials_to_reissue(key=key).count() == 1
        with on_commit():
            job = reissue.start_reissue(key=key, acting_user=provider_admin)
        job.refresh_from_db()
        assert job.status == ReissueStatus.DONE and job.total == job.reissued_count == 1
        assert reissue.credentials_to_reissue(key=key).count() == 0
        assert Credential.objects.filter(replaced_by__isnull=False).count() == 3
        assert Credential.objects.filter(state="valid").count() == 3

    def test_a_stopped_job_says_why_and_can_be_started_again(
        self, issued, provider, provider_admin, on_commit
    ):
        key = active_key(provider)
        keys.mark_key_compromised(key=key, acting_user=provider_admin)
        job = reissue.start_reissue(key=key, acting_user=provider_admin)  # queued; the worker never ran
        provider.memberships.filter(user=provider_admin).delete()
        provider_admin.__dict__.pop("_mimis_roles", None)
        job = reissue.run_reissue(job_id=str(job.pk))
        assert job.status == ReissueStatus.FAILED and job.error
        key.refresh_from_db()
        assert reissue.can_continue(key, reissue.credentials_to_reissue(key=key).count())
        other_admin = member(provider, "admin")
        with on_commit():
            reissue.start_reissue(key=key, acting_user=other_admin)
        job.refresh_from_db()
        assert job.status == ReissueStatus.DONE and job.reissued_count == 2

    def test_compromising_a_retired_key_re_issues_with_the_active_one(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        old_credential = issue(published, "a@example.se", issuer)
        retired = active_key(provider)
        active = keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=provider_admin)
        with on_commit():
            reissue.compromise_key(key=retired, acting_user=provider_admin)
        replacement = Credential.objects.get(pk=old_credential.pk).replaced_by
        assert replacement.key == active and active_key(provider) == active
        assert verify(signed(replacement)).verified

    def test_a_jwt_credential_is_re_issued_as_a_jwt(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        old = issue(published, "j@example.se", issuer, credential_format="jwt")
        with on_commit():
            reissue.compromise_key(key=active_key(provider, "P-256"), acting_user=provider_admin)
        new = Credential.objects.get(pk=old.pk).replaced_by
        assert new.format == "jwt" and new.token.count(".") == 2
        assert verify(new.token).verified
        assert "proof" in failed_checks(old)

    def test_only_admins_of_the_organisation_may(self, issued, provider, issuer, other_admin):
        key = active_key(provider)
        with pytest.raises(PermissionDenied):
            reissue.compromise_key(key=key, acting_user=issuer)
        with pytest.raises(NotFound):
            reissue.compromise_key(key=key, acting_user=other_admin)
        key.refresh_from_db()
        assert key.status == KeyStatus.ACTIVE

    def test_a_key_that_is_not_compromised_is_not_re_issued(self, issued, provider, provider_admin):
        with pytest.raises(reissue.KeyNotCompromised):
            reissue.reissue_after_compromise(key=active_key(provider), acting_user=provider_admin)


class TestPages:
    def test_admin_sees_keys_and_counts_but_never_private_material(
        self, issued_one, provider, provider_admin
    ):
        browser = verified_client(provider_admin)
        page = browser.get(reverse("issuer_keys", args=[provider.slug])).content.decode()
        key = active_key(provider)
        assert key.key_id in page and key.public_key in page
        assert "encrypted_private_key" not in page
        detail = browser.get(reverse("accounts:organisation_detail", args=[provider.slug])).content.decode()
        assert reverse("issuer_keys", args=[provider.slug]) in detail
        # Keys are administration; issuing is the issuer role's (issue 16), so the admin alone gets 403 there.
        assert browser.get(reverse("issuer_credentials", args=[provider.slug])).status_code == 403
        Membership.objects.create(user=provider_admin, organisation=provider, role="issuer")
        credentials = browser.get(reverse("issuer_credentials", args=[provider.slug])).content.decode()
        assert reverse("issuer_keys", args=[provider.slug]) in credentials

    def test_rotate_after_confirming(self, issued_one, provider, provider_admin):
        browser = verified_client(provider_admin)
        old = active_key(provider)
        url = reverse("issuer_key_rotate", args=[provider.slug, "Ed25519"])
        assert "DID" in browser.get(url).content.decode()
        assert active_key(provider) == old  # looking at the confirm page changes nothing
        assert browser.post(url).status_code == 302
        old.refresh_from_db()
        assert old.status == KeyStatus.RETIRED and active_key(provider) != old
        assert browser.get(reverse("issuer_key_rotate", args=[provider.slug, "RSA"])).status_code == 404

    def test_compromise_explains_asks_for_confirmation_then_re_issues(
        self, issued_one, provider, provider_admin, on_commit
    ):
        browser = verified_client(provider_admin)
        key = active_key(provider)
        url = reverse("issuer_key_compromise", args=[provider.slug, key.key_id])
        page = browser.get(url).content.decode()
        assert "Detta kan inte ångras" in page and "underkänns vid kontroll" in page
        response = browser.post(url, {})
        assert 'aria-invalid="true"' in response.content.decode()
        key.refresh_from_db()
        assert key.status == KeyStatus.ACTIVE
        with on_commit():
            response = browser.post(url, {"confirm": "on"})
        assert response.status_code == 302
        key.refresh_from_db()
        assert key.status == KeyStatus.COMPROMISED
        assert Credential.objects.filter(replaced_by__isnull=False).count() == 1
        assert len([m for m in mail.outbox if "ersatts" in m.subject]) == 1
        page = browser.get(reverse("issuer_keys", args=[provider.slug])).content.decode()
        assert "1 av 1" in page  # "1 of 1 credentials re-issued"
        progress = browser.get(reverse("issuer_key_reissue_progress", args=[provider.slug, key.key_id]))
        assert progress.status_code == 200 and "hx-get" not in progress.content.decode()

    def test_other_organisations_get_404_and_members_without_the_role_403(
        self, issued_one, provider, issuer, other_admin
    ):
        key = active_key(provider)
        urls = [
            reverse("issuer_keys", args=[provider.slug]),
            reverse("issuer_key_rotate", args=[provider.slug, "Ed25519"]),
            reverse("issuer_key_compromise", args=[provider.slug, key.key_id]),
            reverse("issuer_key_reissue_progress", args=[provider.slug, key.key_id]),
        ]
        for url in urls:
            assert verified_client(other_admin).get(url).status_code == 404
            assert verified_client(issuer).get(url).status_code == 403
        assert verified_client(other_admin).post(urls[2], {"confirm": "on"}).status_code == 404
        key.refresh_from_db()
        assert key.status == KeyStatus.ACTIVE
        page = (
            verified_client(issuer).get(reverse("issuer_credentials", args=[provider.slug])).content.decode()
        )
        assert reverse("issuer_keys", args=[provider.slug]) not in page

    @pytest.fixture
    def issued_one(self, published, issuer):
        return issue(published, "a@example.se", issuer)


def api_client(user, scopes, organisation=None):
    _t, secret = account_services.create_api_token(
        user=user, name="t", scopes=scopes, organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


class TestApi:
    def test_list_rotate_and_compromise(self, published, issuer, provider, provider_admin, on_commit):
        issue(published, "a@example.se", issuer)
        api = api_client(provider_admin, ["read", "admin"])
        base = f"/api/v1/organisations/{provider.slug}/keys"
        listed = api.get(base).json()
        assert {k["algorithm"] for k in listed} == {"Ed25519", "P-256"}
        ed = next(k for k in listed if k["algorithm"] == "Ed25519")
        assert ed["credentials_signed"] == 1 and ed["reissue"] is None
        assert ed["verification_method"].endswith("#" + ed["key_id"])
        assert "private" not in str(listed).lower()

        rotated = api.post(f"{base}/rotate", {"algorithm": "P-256"}, content_type="application/json")
        assert rotated.status_code == 201 and rotated.json()["status"] == "active"
        bad = api.post(f"{base}/rotate", {"algorithm": "RSA"}, content_type="application/json")
        assert bad.status_code == 422 and bad.json()["field"] == "algorithm"

        with on_commit():
            response = api.post(f"{base}/{ed['key_id']}/compromise")
        assert response.status_code == 202
        body = response.json()
        assert body["key"]["status"] == "compromised"
        assert body["reissue"]["total"] == 1 and body["reissue"]["status"] == "queued"
        progress = api.get(f"{base}/{ed['key_id']}/reissue").json()
        assert progress["status"] == "done" and progress["reissued"] == 1 and progress["remaining"] == 0
        again = api.post(f"{base}/{ed['key_id']}/compromise")
        assert again.status_code == 202 and again.json()["reissue"]["id"] == body["reissue"]["id"]
        assert Credential.objects.count() == 2
        assert KeyReissue.objects.count() == 1

    def test_scope_role_and_organisation_are_all_required(
        self, published, issuer, provider, other_provider, provider_admin, other_admin
    ):
        issue(published, "a@example.se", issuer)
        key = active_key(provider)
        base = f"/api/v1/organisations/{provider.slug}/keys"
        compromise = f"{base}/{key.key_id}/compromise"
        assert api_client(provider_admin, ["read"]).post(compromise).status_code == 403
        assert api_client(issuer, ["read", "admin"]).get(base).status_code == 403
        assert api_client(other_admin, ["read", "admin"]).get(base).status_code == 404
        assert api_client(other_admin, ["admin"]).post(compromise).status_code == 404
        Membership.objects.create(user=provider_admin, organisation=other_provider, role="admin")
        other_token = api_client(provider_admin, ["read", "admin"], organisation=other_provider)
        assert other_token.get(base).status_code == 404
        assert other_token.post(compromise).status_code == 404
        assert api_client(provider_admin, ["read"]).get(f"{base}/nope/reissue").status_code == 404
        key.refresh_from_db()
        assert key.status == KeyStatus.ACTIVE
