from __future__ import annotations

import pytest

from mimis.vc import keys
from mimis.vc.errors import InvalidKeyError
from mimis.vc.keys import ED25519, P256, PrivateKey, PublicKey

from .conftest import VECTOR_PUBLIC, VECTOR_SEED


def test_base58_round_trip_with_leading_zeros():
    data = b"\0\0\x01\x02\xff"
    assert keys.b58decode(keys.b58encode(data)) == data
    assert keys.b58encode(data).startswith("11")


def test_base58_known_value():
    assert keys.b58encode(b"hello world") == "StV1DL6CwTryKyV"
    assert keys.b58decode("StV1DL6CwTryKyV") == b"hello world"


def test_base58_rejects_invalid_characters():
    with pytest.raises(ValueError, match="invalid base58"):
        keys.b58decode("0OIl")


def test_vector_key_public_multikey():
    key = PrivateKey(ED25519, VECTOR_SEED)
    assert key.public_key.raw == VECTOR_PUBLIC
    assert key.public_key.to_multibase() == "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


@pytest.mark.parametrize("algorithm,prefix", [(ED25519, "z6Mk"), (P256, "zDn")])
def test_multikey_prefix_and_round_trip(algorithm, prefix):
    public = keys.generate_key(algorithm).public_key
    encoded = public.to_multibase()
    assert encoded.startswith(prefix)
    assert PublicKey.from_multibase(encoded) == public


def test_p256_multikey_uses_compressed_point_with_8024_prefix():
    public = keys.generate_key(P256).public_key
    decoded = keys.multibase_b58_decode(public.to_multibase())
    assert decoded[:2] == b"\x80\x24"
    assert len(decoded) == 35
    assert decoded[2] in (2, 3)


@pytest.mark.parametrize("algorithm", [ED25519, P256])
def test_jwk_round_trip(algorithm):
    public = keys.generate_key(algorithm).public_key
    jwk = public.to_jwk()
    assert PublicKey.from_jwk(jwk) == public
    assert "d" not in jwk


def test_jwk_shapes():
    assert set(keys.generate_key(ED25519).public_key.to_jwk()) == {"kty", "crv", "x"}
    jwk = keys.generate_key(P256).public_key.to_jwk()
    assert (jwk["kty"], jwk["crv"], len(keys.b64url_decode(jwk["x"])), len(keys.b64url_decode(jwk["y"]))) == (
        "EC",
        "P-256",
        32,
        32,
    )


def test_jwk_with_private_member_is_refused():
    jwk = keys.generate_key(ED25519).public_key.to_jwk() | {"d": "AAAA"}
    with pytest.raises(InvalidKeyError, match="private"):
        PublicKey.from_jwk(jwk)


@pytest.mark.parametrize("algorithm", [ED25519, P256])
def test_private_key_bytes_round_trip_and_sign_verify(algorithm):
    key = keys.generate_key(algorithm)
    restored = PrivateKey.from_bytes(key.to_bytes())
    assert restored == key
    signature = restored.sign(b"message")
    assert len(signature) == 64
    assert key.public_key.verify(signature, b"message") is True
    assert key.public_key.verify(signature, b"messagE") is False


def test_private_key_serialisation_is_self_describing():
    assert keys.generate_key(ED25519).to_bytes()[:2] == b"\x80\x26"
    assert keys.generate_key(P256).to_bytes()[:2] == b"\x86\x26"
    with pytest.raises(InvalidKeyError):
        PrivateKey.from_bytes(b"\x00\x00" + bytes(32))


def test_private_key_repr_hides_secret():
    key = keys.generate_key(ED25519)
    assert key.raw.hex() not in repr(key)


def test_encrypt_decrypt_private_key_round_trip():
    kek = bytes(range(32))
    raw = keys.generate_key(ED25519).to_bytes()
    blob = keys.encrypt_private_key(raw, kek)
    assert raw not in blob
    assert keys.decrypt_private_key(blob, kek) == raw
    assert keys.encrypt_private_key(raw, kek) != blob  # random nonce


def test_decrypt_with_wrong_kek_fails():
    blob = keys.encrypt_private_key(b"secret", bytes(32))
    with pytest.raises(InvalidKeyError) as info:
        keys.decrypt_private_key(blob, b"\x01" * 32)
    assert info.value.code == "key_decryption_failed"


def test_decrypt_tampered_blob_fails():
    blob = bytearray(keys.encrypt_private_key(b"secret", bytes(32)))
    blob[-1] ^= 1
    with pytest.raises(InvalidKeyError) as info:
        keys.decrypt_private_key(bytes(blob), bytes(32))
    assert info.value.code == "key_decryption_failed"


def test_kek_must_be_32_bytes():
    with pytest.raises(InvalidKeyError) as info:
        keys.encrypt_private_key(b"secret", b"short")
    assert info.value.code == "invalid_kek"


def test_invalid_public_key_lengths_are_rejected():
    with pytest.raises(InvalidKeyError):
        PublicKey(ED25519, b"\x01" * 31)
    with pytest.raises(InvalidKeyError):
        PublicKey(P256, b"\x02" + b"\xff" * 32)
