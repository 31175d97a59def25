"""Credentials from other issuers, signed by an independent implementation, verified offline.

The fixtures in ``data/`` were made by Digital Bazaar's JavaScript stack (``make-other-issuers.mjs``)
or are the W3C vc-di-eddsa test vectors for proof sets and chains; see ``data/README.md``. Each test
names the normative statement it checks.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mimis.vc import dids, jsonld
from mimis.vc.dids import ResolvedKey
from mimis.vc.errors import ProofError
from mimis.vc.keys import PublicKey
from mimis.vc.proofs import verify_proofs
from mimis.vc.status2021 import check_status_2021, decode_list
from mimis.vc.verify import check_proof_options, make_status_checker, verify_credential

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
LIST_2021 = "https://status.example.org/lists/2021/1"
LIST_BITSTRING = "https://status.example.org/lists/bitstring/1"


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def fetch(url: str) -> dict:
    return {
        LIST_2021: load("jsigs-ed25519-signature-2020-statuslist2021-list.json"),
        LIST_BITSTRING: load("jsigs-eddsa-rdfc-2022-bitstring-list.json"),
    }[url]


CHECKER = make_status_checker(fetch, resolve_key=dids.resolve_did_key, now=NOW)


def verify(document: dict):
    return verify_credential(document, resolve_key=dids.resolve_did_key, status_checker=CHECKER, now=NOW)


def failures(result) -> list[tuple[str, str]]:
    return [(c.name, c.code) for c in result.checks if not c.ok]


# --- contexts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/ns/credentials/status/v1",
        "https://w3id.org/vc/status-list/2021/v1",
        "https://www.w3.org/ns/credentials/examples/v2",
        "https://www.w3.org/2018/credentials/examples/v1",
        "https://w3id.org/security/data-integrity/v1",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    ],
)
def test_contexts_in_common_use_are_bundled(url):
    """VC Data Model 2.0 §5.2 (Extensibility): "Implementations ... SHOULD NOT fetch ... contexts at
    runtime" and may use locally cached copies -- every context in common use must load offline."""
    context = jsonld.load_context(url)
    assert "@context" in context


def test_a_vc11_credential_with_every_common_context_expands_offline():
    """JSON-LD 1.1 protected terms: the bundled VC 1.1 contexts must work together (no redefinition)."""
    expanded = jsonld.expand(load("jsigs-ed25519-signature-2020-vc11-statuslist2021.json"))
    assert expanded


# --- plain verifiable credentials, VC 1.1 and 2.0 ---------------------------------------------------


def test_a_vc11_ed25519_signature_2020_credential_with_status_list_2021_verifies():
    """VC Data Model 1.1 §4 + Ed25519Signature2020 + StatusList2021: a UniversityDegreeCredential from
    another issuer (did:key), whose StatusList2021 bit 3 is 0, verifies on every check."""
    result = verify(load("jsigs-ed25519-signature-2020-vc11-statuslist2021.json"))
    assert failures(result) == []
    assert result.verified is True
    assert result.kind == "verifiable_credential"
    assert result.check("status").skipped is False


def test_a_revoked_status_list_2021_entry_is_reported_as_revoked():
    """StatusList2021 (statusPurpose revocation): a credential whose bit at statusListIndex is 1 is
    revoked (paraphrased; index 7 is set in the fixture list)."""
    result = verify(load("jsigs-ed25519-signature-2020-vc11-statuslist2021-revoked.json"))
    assert failures(result) == [("status", "revoked")]


def test_a_vc20_credential_with_the_status_v1_context_reads_its_bitstring_status_list():
    """Bitstring Status List v1.0 §3: statusPurpose suspension -- bit 5 is set, so the credential is
    suspended; all other checks (eddsa-rdfc-2022 proof, issuer, validity) pass."""
    result = verify(load("jsigs-eddsa-rdfc-2022-vc20-bitstring.json"))
    assert failures(result) == [("status", "suspended")]
    assert result.check("proof").ok and result.check("issuer").ok


def test_a_plain_vc20_credential_verifies_and_says_what_it_is():
    """VC Data Model 2.0 §4.5: "The value of the type property MUST be one or more terms and/or
    absolute URL strings" -- an ExampleAlumniCredential is a verifiable credential, not an error."""
    result = verify(load("jsigs-eddsa-rdfc-2022-vc20-plain.json"))
    assert result.verified is True
    assert result.kind == "verifiable_credential"
    assert result.to_dict()["kind"] == "verifiable_credential"


def test_open_badges_and_endorsements_are_named_as_such():
    """Open Badges 3.0 §8: OpenBadgeCredential / AchievementCredential and EndorsementCredential."""
    assert verify(load("jsigs-ed25519-signature-2020-ob3-vc11.json")).kind == "open_badge"
    endorsement = load("jsigs-eddsa-rdfc-2022-vc20-plain.json")
    endorsement["type"] = ["VerifiableCredential", "EndorsementCredential"]
    assert verify(endorsement).kind == "endorsement"


def test_a_tampered_plain_credential_fails_the_proof():
    """Data Integrity 1.0 §4.4 (Verify Proof): a changed claim must make verification fail (and then
    nothing binds the issuer)."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-plain.json")
    doc["credentialSubject"]["alumniOf"] = "Another School"
    assert failures(verify(doc)) == [("proof", "signature_invalid"), ("issuer", "issuer_unverified")]


@pytest.mark.parametrize(
    ("change", "statement"),
    [
        (
            lambda d: d.update({"@context": ["https://www.w3.org/ns/credentials/examples/v2"]}),
            "first @context",
        ),
        (lambda d: d.update(type=["ExampleAlumniCredential"]), "VerifiableCredential"),
        (lambda d: d.update(id="not a url"), "id must be a single URL"),
        (lambda d: d.update(type=["VerifiableCredential", 7]), "type must be a string"),
        (lambda d: d.pop("issuer"), "issuer must be a URL"),
        (lambda d: d.update(issuer="example club"), "issuer must be a URL"),
        (lambda d: d.update(issuer={"name": "No id"}), "issuer must be a URL"),
        (lambda d: d.pop("credentialSubject"), "credentialSubject is required"),
        (lambda d: d.update(credentialSubject={}), "at least one claim"),
        (lambda d: d.update(credentialSubject={"id": "relative/id"}), "credentialSubject.id must be a URL"),
        (
            lambda d: d.update(credentialStatus={"id": LIST_BITSTRING + "#1"}),
            "credentialStatus must be an object",
        ),
    ],
)
def test_vc_data_model_rules_are_enforced_for_plain_credentials(change, statement):
    """VC Data Model 2.0 §4.3 "...an ordered set where the first item is a URL with the value
    https://www.w3.org/ns/credentials/v2"; §4.4 "If present, the value of the id property MUST be a
    single URL"; §4.5 type "MUST be one or more terms and/or absolute URL strings"; §4.7 "The value of
    the issuer property MUST be either a URL or an object containing an id property whose value is a
    URL"; §4.8 credentialSubject objects "MUST be the subject of one or more claims"; §4.10
    credentialStatus "type property, which is REQUIRED"."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-plain.json")
    change(doc)
    check = verify(doc).check("schema")
    assert (check.ok, check.code) == (False, "schema_invalid")
    assert statement in check.message


# --- proof sets and chains --------------------------------------------------------------------------


def test_a_proof_set_of_two_signers_verifies_every_proof():
    """Data Integrity 1.0 §2.1.1 Proof Sets: "A proof set is useful when the same data needs to be
    secured by multiple entities" -- both proofs (issuer and a second signer) are verified."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-proof-set.json")
    result = verify(doc)
    assert result.verified is True
    assert len(result.verification_methods) == 2
    assert result.verification_methods[0].split("#")[0] == result.issuer


def test_a_proof_set_with_one_bad_proof_does_not_verify():
    """Data Integrity 1.0 §4.4: every proof in the set must verify (a broken second proof fails)."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-proof-set.json")
    doc["proof"][1]["proofValue"] = doc["proof"][0]["proofValue"]
    assert failures(verify(doc))[0] == ("proof", "signature_invalid")


def test_a_proof_set_without_the_issuers_proof_is_not_bound_to_the_issuer():
    """VC Data Model 2.0 §4.7: the issuer is "the entity that issued the credential" -- a set whose
    proofs are all by others proves nothing about the issuer."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-proof-set.json")
    doc["proof"] = [doc["proof"][1]]
    assert ("issuer", "controller_mismatch") in failures(verify(doc))


def _vector_resolver(vm: str) -> ResolvedKey:
    """The W3C vectors name keys as <controller URL>#<multibase public key>."""
    controller, fragment = vm.split("#", 1)
    return ResolvedKey(vm, controller, PublicKey.from_multibase(fragment))


def test_the_w3c_proof_set_and_chain_vector_verifies():
    """Data Integrity 1.0 §2.1.2 Proof Chains: previousProof "Each value identifies another data
    integrity proof, all of which MUST also verify for the current proof to be considered verified";
    the W3C vc-di-eddsa vector has two set proofs, a proof chained to both and one chained to it."""
    doc = load("w3c-vc-di-eddsa-signedProofChain2.json")
    resolved = verify_proofs(doc, _vector_resolver)
    assert [r.controller for r in resolved] == [f"https://vc.example/issuers/5678{i}" for i in range(1, 5)]


def test_the_w3c_chain_vector_fails_for_the_right_reason_in_a_full_verification():
    """VC Data Model 2.0 §4.7: the vector's keys are not controlled by its issuer (…/5678), so the proofs
    pass and the issuer binding fails -- the right reason, not an unknown context or type."""
    result = verify_credential(
        load("w3c-vc-di-eddsa-signedProofChain2.json"), resolve_key=_vector_resolver, now=NOW
    )
    assert failures(result) == [("issuer", "controller_mismatch")]


def test_a_chained_proof_signs_the_proofs_it_names():
    """Data Integrity 1.0 §2.1.2: a proof chained to another covers it, so changing the earlier proof
    breaks the later one (and the earlier one itself)."""
    doc = load("w3c-vc-di-eddsa-signedProofChain2.json")
    doc["proof"][2]["created"] = "2023-02-26T22:06:39Z"
    with pytest.raises(ProofError) as exc:
        verify_proofs(doc, _vector_resolver)
    assert exc.value.code == "signature_invalid"


def test_a_chain_naming_a_missing_proof_is_refused():
    """Data Integrity 1.0 §2.1.2: previousProof values identify proofs that "MUST also verify"; a
    proof that is not there cannot, so verification fails with previous_proof_missing."""
    doc = load("w3c-vc-di-eddsa-signedProofChain2.json")
    del doc["proof"][2]
    with pytest.raises(ProofError) as exc:
        verify_proofs(doc, _vector_resolver)
    assert exc.value.code == "previous_proof_missing"


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p[3].update(previousProof=[]),
        lambda p: p[3].update(previousProof=7),
        lambda p: p[0].update(id="not-a-url"),
        lambda p: p[1].update(id=p[0]["id"]),
        lambda p: p[2].update(previousProof=p[2]["id"]),
    ],
)
def test_malformed_proof_chains_are_refused(change):
    """Data Integrity 1.0 §2.1: proof "id ... MUST be a URL"; previousProof "a string value or an
    unordered list of string values"; ids must identify one proof each (and not the proof itself)."""
    doc = load("w3c-vc-di-eddsa-signedProofChain2.json")
    change(doc["proof"])
    with pytest.raises(ProofError) as exc:
        verify_proofs(doc, _vector_resolver)
    assert exc.value.code == "proof_malformed"


# --- challenge and domain ---------------------------------------------------------------------------


def test_expected_challenge_and_domain_must_be_in_every_proof():
    """Data Integrity 1.0 §4.4 (Verify Proof): when the verifier expects a domain or challenge that the
    proof does not carry, "an error MUST be raised" (INVALID_DOMAIN_ERROR / INVALID_CHALLENGE_ERROR)."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-plain.json")
    assert check_proof_options(doc, challenge="abc").code == "invalid_challenge"
    assert check_proof_options(doc, domain="example.org").code == "invalid_domain"
    doc["proof"]["challenge"], doc["proof"]["domain"] = "abc", ["example.org", "example.com"]
    assert check_proof_options(doc, challenge="abc", domain="example.org").ok is True


# --- StatusList2021 details -------------------------------------------------------------------------


def _entry(**changes) -> dict:
    entry = copy.deepcopy(load("jsigs-ed25519-signature-2020-vc11-statuslist2021.json")["credentialStatus"])
    entry.update(changes)
    return entry


@pytest.mark.parametrize(
    ("entry", "list_change", "code"),
    [
        (_entry(statusListIndex=3), None, "status_malformed"),
        (_entry(statusPurpose="refresh"), None, "status_malformed"),
        (_entry(statusPurpose="suspension"), None, "status_purpose_mismatch"),
        (_entry(statusListCredential="https://elsewhere.example/list"), None, "status_list_mismatch"),
        (_entry(statusListIndex="131072"), None, "status_index_range"),
        (
            _entry(),
            lambda lst: lst["credentialSubject"].update(encodedList="H4sIbroken"),
            "status_list_unverified",
        ),
        (_entry(), lambda lst: lst.update(type=["VerifiableCredential"]), "status_list_malformed"),
        (
            _entry(),
            lambda lst: lst.update(issuer="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"),
            "status_list_unverified",
        ),
    ],
)
def test_status_list_2021_entries_and_lists_are_checked(entry, list_change, code):
    """StatusList2021: "statusListIndex ... MUST be an arbitrary size integer greater than or equal to
    0, expressed as a string"; the list's statusPurpose must match the entry's; the list credential
    must be the one the entry names and be verifiable (its proof by its issuer)."""
    status_list = load("jsigs-ed25519-signature-2020-statuslist2021-list.json")
    if list_change:
        list_change(status_list)
    with pytest.raises(Exception) as exc:
        check_status_2021(entry, status_list, resolve_key=dids.resolve_did_key, now=NOW)
    assert getattr(exc.value, "code", None) == code


def test_status_list_2021_encoded_list_reads_with_or_without_multibase_prefix():
    """StatusList2021 encodedList is base64url of the GZIP bitstring (no multibase prefix); some
    implementations add the Bitstring Status List "u" prefix -- both read the same."""
    encoded = load("jsigs-ed25519-signature-2020-statuslist2021-list.json")["credentialSubject"][
        "encodedList"
    ]
    assert decode_list(encoded).get(7) is True
    assert decode_list("u" + encoded).get(7) is True
    assert decode_list(encoded).get(3) is False


# --- eddsa-rdfc-2022 proof configuration (vc-di-eddsa §3.2) ------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda p: p.update(type="Ed25519Signature2018"), "proof_type_unsupported"),
        (lambda p: p.update(cryptosuite="eddsa-jcs-2022"), "proof_type_unsupported"),
        (lambda p: p.pop("cryptosuite"), "proof_type_unsupported"),
        (lambda p: p.update(created="2024-01-01"), "proof_malformed"),
        (lambda p: p.update(proofValue="u" + p["proofValue"][1:]), "proof_malformed"),
        (lambda p: p.pop("verificationMethod"), "proof_malformed"),
        (lambda p: p.update(proofPurpose="authentication"), "proof_purpose_mismatch"),
    ],
)
def test_eddsa_rdfc_2022_proof_configuration_errors_are_raised(change, code):
    """vc-di-eddsa §3.2.4/3.2.5: "If proofConfig.type is not set to DataIntegrityProof and/or
    proofConfig.cryptosuite is not set to eddsa-rdfc-2022, an error MUST be raised"; "If
    proofConfig.created is set and if the value is not a valid [XMLSCHEMA11-2] datetime, an error MUST
    be raised"; Data Integrity 1.0 §2.1: proofValue uses multibase base58btc, verificationMethod is
    required, and the proof purpose must be the one the verifier expects."""
    doc = load("jsigs-eddsa-rdfc-2022-vc20-plain.json")
    change(doc["proof"])
    with pytest.raises(ProofError) as exc:
        verify_proofs(doc, dids.resolve_did_key)
    assert exc.value.code == code
