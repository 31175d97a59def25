"""Key generation, serialisation, encryption at rest, Multikey and JWK encodings.

Supported algorithms: ``Ed25519`` (Data Integrity ``eddsa-rdfc-2022``) and ``P-256`` (JOSE ``ES256``).

Private keys serialise to self-describing bytes (multicodec prefix + raw key) so the Django side can
store them encrypted with :func:`encrypt_private_key` and its own key-encryption key.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import InvalidKeyError

Algorithm = Literal["Ed25519", "P-256"]
ED25519: Algorithm = "Ed25519"
P256: Algorithm = "P-256"

# Multicodec codes, already varint-encoded.
_ED25519_PUB = b"\xed\x01"
_P256_PUB = b"\x80\x24"
_ED25519_PRIV = b"\x80\x26"  # 0x1300
_P256_PRIV = b"\x86\x26"  # 0x1306

# ---------------------------------------------------------------------------------------------------
# base58btc / multibase
# ---------------------------------------------------------------------------------------------------

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58_ALPHABET)}


def b58encode(data: bytes) -> str:
    """Bitcoin base58 encoding (as used by multibase 'z')."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    num = int.from_bytes(data, "big")
    out = []
    while num:
        num, rem = divmod(num, 58)
        out.append(_B58_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Decode bitcoin base58; raises :class:`ValueError` on characters outside the alphabet."""
    num = 0
    for ch in text:
        try:
            num = num * 58 + _B58_INDEX[ch]
        except KeyError:
            raise ValueError(f"invalid base58 character {ch!r}") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    return b"\0" * zeros + body


def multibase_b58_encode(data: bytes) -> str:
    """Multibase base58btc ('z' prefix)."""
    return "z" + b58encode(data)


def multibase_b58_decode(text: str) -> bytes:
    """Decode a multibase base58btc string; raises :class:`ValueError` if it is not 'z'-prefixed."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("expected a multibase base58btc value starting with 'z'")
    return b58decode(text[1:])


def b64url_encode(data: bytes) -> str:
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded (or padded) base64url strictly; raises :class:`ValueError`."""
    if not isinstance(text, str):
        raise ValueError("expected a string")
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)


# ---------------------------------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKey:
    """A public key: Ed25519 (32 raw bytes) or P-256 (33-byte compressed point)."""

    algorithm: Algorithm
    raw: bytes
    _key: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            if self.algorithm == ED25519:
                if len(self.raw) != 32:
                    raise ValueError("Ed25519 public key must be 32 bytes")
                key: Any = ed25519.Ed25519PublicKey.from_public_bytes(self.raw)
            elif self.algorithm == P256:
                if len(self.raw) != 33:
                    raise ValueError("P-256 public key must be a 33-byte compressed point")
                key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), self.raw)
            else:
                raise ValueError(f"unsupported algorithm {self.algorithm!r}")
        except ValueError as exc:
            raise InvalidKeyError(f"Invalid public key: {exc}") from exc
        object.__setattr__(self, "_key", key)

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Verify a signature (Ed25519, or P-256 raw r||s / IEEE P1363 as in JWS) over ``data``."""
        try:
            if self.algorithm == ED25519:
                self._key.verify(signature, data)
            else:
                if len(signature) != 64:
                    return False
                der = encode_dss_signature(
                    int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
                )
                self._key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return False
        return True

    def to_multibase(self) -> str:
        """Multikey ``publicKeyMultibase`` (z-base58btc with multicodec prefix)."""
        prefix = _ED25519_PUB if self.algorithm == ED25519 else _P256_PUB
        return multibase_b58_encode(prefix + self.raw)

    @classmethod
    def from_multibase(cls, value: str) -> PublicKey:
        """Parse a Multikey ``publicKeyMultibase``."""
        try:
            data = multibase_b58_decode(value)
        except ValueError as exc:
            raise InvalidKeyError(f"Invalid publicKeyMultibase: {exc}") from exc
        if data.startswith(_ED25519_PUB):
            return cls(ED25519, data[2:])
        if data.startswith(_P256_PUB):
            return cls(P256, data[2:])
        raise InvalidKeyError("publicKeyMultibase has an unsupported multicodec prefix")

    def to_jwk(self) -> dict[str, str]:
        """Public JWK (OKP/Ed25519 or EC/P-256)."""
        if self.algorithm == ED25519:
            return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(self.raw)}
        numbers = self._key.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url_encode(numbers.x.to_bytes(32, "big")),
            "y": b64url_encode(numbers.y.to_bytes(32, "big")),
        }

    @classmethod
    def from_jwk(cls, jwk: dict[str, Any]) -> PublicKey:
        """Parse a public JWK; private members (``d``) are refused so secrets are never mistaken."""
        if not isinstance(jwk, dict):
            raise InvalidKeyError("JWK must be an object")
        if "d" in jwk:
            raise InvalidKeyError("JWK contains private key material")
        try:
            if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
                return cls(ED25519, b64url_decode(jwk["x"]))
            if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
                x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
                if len(x) != 32 or len(y) != 32:
                    raise ValueError("coordinates must be 32 bytes")
                point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + x + y)
                return cls(P256, point.public_bytes(Encoding.X962, PublicFormat.CompressedPoint))
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidKeyError(f"Invalid JWK: {exc}") from exc
        raise InvalidKeyError("Unsupported JWK key type or curve")


@dataclass(frozen=True)
class PrivateKey:
    """A private key: Ed25519 (32-byte seed) or P-256 (32-byte big-endian scalar)."""

    algorithm: Algorithm
    raw: bytes = field(repr=False)
    _key: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            if len(self.raw) != 32:
                raise ValueError("private key must be 32 bytes")
            if self.algorithm == ED25519:
                key: Any = ed25519.Ed25519PrivateKey.from_private_bytes(self.raw)
            elif self.algorithm == P256:
                key = ec.derive_private_key(int.from_bytes(self.raw, "big"), ec.SECP256R1())
            else:
                raise ValueError(f"unsupported algorithm {self.algorithm!r}")
        except ValueError as exc:
            raise InvalidKeyError(f"Invalid private key: {exc}") from exc
        object.__setattr__(self, "_key", key)

    @property
    def public_key(self) -> PublicKey:
        """The matching public key."""
        if self.algorithm == ED25519:
            return PublicKey(ED25519, self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        return PublicKey(
            P256, self._key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
        )

    def sign(self, data: bytes) -> bytes:
        """Sign ``data``: Ed25519 signature, or for P-256 an ECDSA/SHA-256 signature as raw r||s."""
        if self.algorithm == ED25519:
            return self._key.sign(data)
        r, s = decode_dss_signature(self._key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def to_bytes(self) -> bytes:
        """Self-describing serialisation: multicodec private-key prefix + raw key (34 bytes)."""
        return (_ED25519_PRIV if self.algorithm == ED25519 else _P256_PRIV) + self.raw

    @classmethod
    def from_bytes(cls, data: bytes) -> PrivateKey:
        """Inverse of :meth:`to_bytes`."""
        if data[:2] == _ED25519_PRIV:
            return cls(ED25519, bytes(data[2:]))
        if data[:2] == _P256_PRIV:
            return cls(P256, bytes(data[2:]))
        raise InvalidKeyError("Unrecognised private key serialisation")

    def to_multibase(self) -> str:
        """Multikey ``secretKeyMultibase``."""
        return multibase_b58_encode(self.to_bytes())


def generate_key(algorithm: Algorithm = ED25519) -> PrivateKey:
    """Generate a new private key."""
    if algorithm == ED25519:
        key = ed25519.Ed25519PrivateKey.generate()
        return PrivateKey(ED25519, key.private_bytes_raw())
    if algorithm == P256:
        key_ec = ec.generate_private_key(ec.SECP256R1())
        return PrivateKey(P256, key_ec.private_numbers().private_value.to_bytes(32, "big"))
    raise InvalidKeyError(f"Unsupported algorithm {algorithm!r}")


# ---------------------------------------------------------------------------------------------------
# encryption at rest
# ---------------------------------------------------------------------------------------------------

_ENC_VERSION = b"\x01"
_ENC_AAD = b"mimis.vc private key v1"


def encrypt_private_key(raw: bytes, kek: bytes) -> bytes:
    """Encrypt serialised key bytes with AES-256-GCM under a 32-byte key-encryption key.

    Output: version byte, 12-byte random nonce, ciphertext+tag.
    """
    if not isinstance(kek, bytes | bytearray) or len(kek) != 32:
        raise InvalidKeyError("Key-encryption key must be 32 raw bytes", code="invalid_kek")
    nonce = os.urandom(12)
    return _ENC_VERSION + nonce + AESGCM(bytes(kek)).encrypt(nonce, bytes(raw), _ENC_AAD)


def decrypt_private_key(blob: bytes, kek: bytes) -> bytes:
    """Inverse of :func:`encrypt_private_key`; a wrong key or tampered blob raises InvalidKeyError."""
    if not isinstance(kek, bytes | bytearray) or len(kek) != 32:
        raise InvalidKeyError("Key-encryption key must be 32 raw bytes", code="invalid_kek")
    if len(blob) < 1 + 12 + 16 or blob[:1] != _ENC_VERSION:
        raise InvalidKeyError("Encrypted key blob is malformed", code="key_decryption_failed")
    try:
        return AESGCM(bytes(kek)).decrypt(blob[1:13], bytes(blob[13:]), _ENC_AAD)
    except InvalidTag:
        raise InvalidKeyError(
            "Encrypted key could not be decrypted (wrong key or corrupted data)",
            code="key_decryption_failed",
        ) from None
