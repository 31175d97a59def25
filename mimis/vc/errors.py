"""Exceptions raised by :mod:`mimis.vc`.

Every error carries a stable machine-readable ``code`` (the Django side translates by code) and an
English message.
"""

from __future__ import annotations


class VCError(Exception):
    """Base class for all errors of the verifiable-credentials library."""

    code: str = "vc_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class JsonLdError(VCError):
    """JSON-LD processing failed (unknown context, invalid syntax ...)."""

    code = "jsonld_error"


class UnknownContextError(JsonLdError):
    """A context URL is not bundled with the library; we never fetch contexts from the network."""

    code = "unknown_context"


class UndefinedTermError(JsonLdError):
    """Safe mode: a property, type or IRI in the document is not defined by its contexts."""

    code = "undefined_term"


class InvalidKeyError(VCError):
    """Invalid, unsupported or undecodable key material."""

    code = "invalid_key"


class ProofError(VCError):
    """A proof could not be created or is invalid."""

    code = "invalid_proof"


class ResolutionError(VCError):
    """A verification method could not be resolved to a public key."""

    code = "key_resolution_failed"


class RemoteFetchError(ResolutionError):
    """A did:web document or a status list could not be fetched over HTTPS (or was refused)."""

    code = "remote_fetch_failed"


class CredentialError(VCError):
    """The input to build a credential is invalid."""

    code = "invalid_credential"


class JWTError(VCError):
    """A JWT is malformed, uses a forbidden algorithm, or its signature is invalid."""

    code = "invalid_jwt"


class StatusListError(VCError):
    """A status list is malformed or an index is out of range."""

    code = "invalid_status_list"


class BakingError(VCError):
    """An image could not be baked or the credential could not be extracted."""

    code = "baking_failed"
