from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mimis.vc import dids
from mimis.vc.credentials import Learner
from mimis.vc.errors import JWTError
from mimis.vc.jwt import decode_unverified, sign_jwt, verify_jwt
from mimis.vc.keys import ED25519, P256, b64url_decode, b64url_encode, generate_key
from mimis.vc.verify import verify_jwt_credential

from .conftest import ISSUER_DID, build_sample_credential

NOW = datetime(2027, 1, 1, tzinfo=UTC)
KID = ISSUER_DID + "#key-p256"


@pytest.fixture(scope="module")
def p256_key():
    return generate_key(P256)


@pytest.fixture(scope="module")
def resolver(p256_key):
    return dids.resolver_from_documents(
        [dids.did_web_document(ISSUER_DID, [("key-p256", p256_key.public_key)])]
    )


def _b64json(obj):
    return b64url_encode(json.dumps(obj).encode())


def test_vc2_jwt_round_trip(p256_key, resolver):
    credential = build_sample_credential()
    token = sign_jwt(credential, p256_key, KID)
    header, payload, _, signature = decode_unverified(token)
    assert header == {"alg": "ES256", "kid": KID, "typ": "vc+jwt"}
    assert payload == credential
    assert len(signature) == 64
    verified = verify_jwt(token, resolve_key=resolver, now=NOW)
    assert (verified.credential, verified.style, verified.key.id) == (credential, "vc2", KID)


def test_vc11_jwt_claims(p256_key, resolver):
    credential = build_sample_credential(learner=Learner(email="a@b.se", id="did:example:learner", salt="s"))
    token = sign_jwt(credential, p256_key, KID, style="vc11", issued_at=datetime(2026, 3, 1, tzinfo=UTC))
    header, payload, _, _ = decode_unverified(token)
    assert header["typ"] == "JWT"
    assert payload["iss"] == ISSUER_DID
    assert payload["sub"] == "did:example:learner"
    assert payload["jti"] == credential["id"]
    assert payload["nbf"] == int(datetime(2026, 3, 1, tzinfo=UTC).timestamp())
    assert payload["exp"] == int(datetime(2031, 3, 1, tzinfo=UTC).timestamp())
    assert payload["vc"] == credential
    assert verify_jwt(token, resolve_key=resolver, now=NOW).style == "vc11"


def test_alg_none_is_rejected(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    _, body, _ = token.split(".")
    forged = _b64json({"alg": "none", "kid": KID, "typ": "vc+jwt"}) + "." + body + "."
    with pytest.raises(JWTError) as info:
        verify_jwt(forged + "AA", resolve_key=resolver, now=NOW)
    assert info.value.code == "jwt_algorithm_not_allowed"
    with pytest.raises(JWTError) as info:
        verify_jwt(forged, resolve_key=resolver, now=NOW)
    assert info.value.code == "jwt_malformed"


@pytest.mark.parametrize("alg", ["HS256", "RS256", "ES384", "none", "None", "EdDSA"])
def test_algorithms_outside_allow_list_are_rejected(p256_key, resolver, alg):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    _, body, sig = token.split(".")
    forged = _b64json({"alg": alg, "kid": KID, "typ": "vc+jwt"}) + "." + body + "." + sig
    with pytest.raises(JWTError) as info:
        verify_jwt(forged, resolve_key=resolver, now=NOW)
    assert info.value.code == "jwt_algorithm_not_allowed"


def test_none_cannot_be_allowed_explicitly(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    _, body, sig = token.split(".")
    forged = _b64json({"alg": "none", "kid": KID}) + "." + body + "." + sig
    with pytest.raises(JWTError) as info:
        verify_jwt(forged, resolve_key=resolver, allowed_algorithms=["none", "ES256"], now=NOW)
    assert info.value.code == "jwt_algorithm_not_allowed"


def test_eddsa_when_allowed(resolver):
    ed = generate_key(ED25519)
    res = dids.resolver_from_documents([dids.did_web_document(ISSUER_DID, [("ed", ed.public_key)])])
    token = sign_jwt(build_sample_credential(), ed, ISSUER_DID + "#ed")
    assert decode_unverified(token)[0]["alg"] == "EdDSA"
    with pytest.raises(JWTError):
        verify_jwt(token, resolve_key=res, now=NOW)
    assert (
        verify_jwt(token, resolve_key=res, allowed_algorithms=["EdDSA"], now=NOW).key.id == ISSUER_DID + "#ed"
    )


def test_tampered_payload_fails(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    head, body, sig = token.split(".")
    payload = json.loads(b64url_decode(body))
    payload["name"] = "Something else"
    with pytest.raises(JWTError) as info:
        verify_jwt(f"{head}.{_b64json(payload)}.{sig}", resolve_key=resolver, now=NOW)
    assert info.value.code == "signature_invalid"


def test_key_type_must_match_alg(p256_key):
    ed = generate_key(ED25519)
    res = dids.resolver_from_documents([dids.did_web_document(ISSUER_DID, [("key-p256", ed.public_key)])])
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    with pytest.raises(JWTError) as info:
        verify_jwt(token, resolve_key=res, now=NOW)
    assert info.value.code == "key_type_mismatch"


def test_foreign_issuer_key_is_rejected(p256_key):
    other_did = "did:web:evil.example"
    res = dids.resolver_from_documents([dids.did_web_document(other_did, [("k", p256_key.public_key)])])
    credential = build_sample_credential()
    with pytest.raises(JWTError) as info:
        sign_jwt(credential, p256_key, other_did + "#k")
    assert info.value.code == "issuer_key_mismatch"
    header = _b64json({"alg": "ES256", "kid": other_did + "#k", "typ": "vc+jwt"})
    body = _b64json(credential)
    sig = b64url_encode(p256_key.sign(f"{header}.{body}".encode()))
    with pytest.raises(JWTError) as info:
        verify_jwt(f"{header}.{body}.{sig}", resolve_key=res, now=NOW)
    assert info.value.code == "controller_mismatch"


def test_expired_vc11_token(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID, style="vc11")
    with pytest.raises(JWTError) as info:
        verify_jwt(token, resolve_key=resolver, now=datetime(2032, 1, 1, tzinfo=UTC))
    assert info.value.code == "expired"


@pytest.mark.parametrize("token", ["", "a.b", "a.b.c.d", "!!.!!.!!", "e30.e30.", 42])
def test_malformed_tokens(resolver, token):
    with pytest.raises(JWTError) as info:
        verify_jwt(token, resolve_key=resolver, now=NOW)
    assert info.value.code == "jwt_malformed"


def test_duplicate_header_members_are_rejected(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    _, body, sig = token.split(".")
    raw = b'{"alg":"ES256","alg":"none","kid":"%s"}' % KID.encode()
    with pytest.raises(JWTError) as info:
        verify_jwt(b64url_encode(raw) + "." + body + "." + sig, resolve_key=resolver, now=NOW)
    assert info.value.code == "jwt_malformed"


def test_verify_jwt_credential_result(p256_key, resolver):
    token = sign_jwt(build_sample_credential(), p256_key, KID)
    result = verify_jwt_credential(token, resolve_key=resolver, status_checker=lambda e: False, now=NOW)
    assert result.verified is True
    assert [c.name for c in result.checks] == ["schema", "proof", "issuer", "validity", "status"]
    bad = verify_jwt_credential(token[:-4] + "AAAA", resolve_key=resolver, now=NOW)
    assert (bad.verified, bad.check("proof").code) == (False, "signature_invalid")


def test_verify_credential_dispatches_jwt_strings(p256_key, resolver):
    from mimis.vc.verify import verify_credential

    token = sign_jwt(build_sample_credential(), p256_key, KID)
    assert verify_credential(token, resolve_key=resolver, now=NOW).verified is True
