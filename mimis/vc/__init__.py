"""Open Badges 3.0 / W3C Verifiable Credentials 2.0 for MIMIS — framework-free (no Django imports).

Modules:

* :mod:`~mimis.vc.jsonld` — bundled contexts, offline document loader, safe-mode RDFC-1.0 canonicalisation
* :mod:`~mimis.vc.keys` — Ed25519 / P-256 keys, Multikey, JWK, encryption of private keys at rest
* :mod:`~mimis.vc.dids` — did:web / did:key documents and verification-method resolvers
* :mod:`~mimis.vc.proofs` — ``eddsa-rdfc-2022`` (sign/verify) and ``Ed25519Signature2020`` (verify)
* :mod:`~mimis.vc.credentials` — build and sign ``OpenBadgeCredential`` documents
* :mod:`~mimis.vc.verify` — :func:`~mimis.vc.verify.verify_credential` with named checks
* :mod:`~mimis.vc.jwt` — VC-JOSE (ES256) sign/verify
* :mod:`~mimis.vc.status` — Bitstring Status List v1.0
* :mod:`~mimis.vc.baking` — PNG/SVG baking and extraction
* :mod:`~mimis.vc.ob2` — Open Badges 2.0 assertions from other platforms: extraction and verification

All errors derive from :class:`mimis.vc.errors.VCError` and carry a stable ``code``.
"""
