from __future__ import annotations

import json

import pytest
from pyld import jsonld as pyld_jsonld

from mimis.vc import jsonld
from mimis.vc.errors import UndefinedTermError, UnknownContextError

from .conftest import VECTOR


def test_bundled_contexts_match_standards_copies(standards_dir):
    pairs = {
        jsonld.VC_V2_CONTEXT: "credentials-v2.jsonld",
        jsonld.OB_V3_CONTEXT: "ob-v3p0-context-3.0.3.json",
        jsonld.OB_V3_EXTENSIONS_CONTEXT: "ob-v3p0-extensions.json",
        jsonld.MULTIKEY_CONTEXT: "multikey-v1.jsonld",
        jsonld.DID_V1_CONTEXT: "did-v1.jsonld",
        jsonld.ED25519_2020_CONTEXT: "ed25519-2020-v1.jsonld",
    }
    for url, name in pairs.items():
        expected = json.loads((standards_dir / "contexts" / name).read_text(encoding="utf-8"))
        assert jsonld.load_context(url) == expected, url


def test_every_bundled_context_loads_and_has_a_context_object():
    for url in jsonld.CONTEXT_FILES:
        doc = jsonld.document_loader(url)
        assert doc["documentUrl"] == url
        assert doc["tag"] == "static"
        assert isinstance(doc["document"]["@context"], dict | list)


def test_vc_v1_and_data_integrity_contexts_define_their_core_terms():
    v1 = jsonld.load_context(jsonld.VC_V1_CONTEXT)["@context"]
    assert v1["VerifiableCredential"]["@id"] == "https://www.w3.org/2018/credentials#VerifiableCredential"
    di = jsonld.load_context(jsonld.DATA_INTEGRITY_V2_CONTEXT)["@context"]
    assert di["DataIntegrityProof"]["@id"] == "https://w3id.org/security#DataIntegrityProof"


def test_document_loader_returns_independent_copies():
    first = jsonld.document_loader(jsonld.VC_V2_CONTEXT)["document"]
    first["@context"]["id"] = "mutated"
    assert jsonld.document_loader(jsonld.VC_V2_CONTEXT)["document"]["@context"]["id"] == "@id"


def test_unknown_context_url_raises_clear_error():
    with pytest.raises(UnknownContextError) as info:
        jsonld.document_loader("https://example.com/ctx.json")
    assert info.value.code == "unknown_context"
    assert "https://example.com/ctx.json" in str(info.value)


def test_canonize_with_unknown_context_raises_unknown_context(vector_credential):
    vector_credential["@context"].append("https://example.com/ctx.json")
    with pytest.raises(UnknownContextError):
        jsonld.canonize(vector_credential)


def test_canonize_reproduces_1edtech_document_nquads(vector_credential):
    expected = (VECTOR / "ob-document-canon.txt").read_text(encoding="utf-8")
    assert jsonld.canonize(vector_credential) == expected


def test_undefined_top_level_property_is_rejected(vector_credential):
    vector_credential["favouriteColour"] = "green"
    with pytest.raises(UndefinedTermError) as info:
        jsonld.canonize(vector_credential)
    assert info.value.code == "undefined_term"
    assert "favouriteColour" in str(info.value)


def test_undefined_nested_property_is_rejected(vector_credential):
    vector_credential["credentialSubject"]["achievement"]["criteria"]["secretNote"] = "x"
    with pytest.raises(UndefinedTermError, match="secretNote"):
        jsonld.canonize(vector_credential)


def test_undefined_type_is_rejected(vector_credential):
    vector_credential["credentialSubject"]["type"].append("SuperSubject")
    with pytest.raises(UndefinedTermError, match="SuperSubject"):
        jsonld.canonize(vector_credential)


def test_relative_id_is_not_resolved_against_a_default_base(vector_credential):
    vector_credential["id"] = "credentials/3527"
    with pytest.raises(UndefinedTermError, match="credentials/3527"):
        jsonld.canonize(vector_credential)


def test_relative_iri_value_is_rejected(vector_credential):
    vector_credential["issuer"]["image"] = "logo.png"  # image is "@type": "@id"
    with pytest.raises(UndefinedTermError, match="logo.png"):
        jsonld.canonize(vector_credential)


def test_undefined_prefix_compact_iri_property_is_rejected(vector_credential):
    vector_credential["ex:thing"] = "value"
    with pytest.raises(UndefinedTermError, match="ex:thing"):
        jsonld.canonize(vector_credential)


def test_absolute_iri_property_is_accepted(vector_credential):
    vector_credential["https://example.com/vocab#extra"] = "value"
    assert '<https://example.com/vocab#extra> "value" .' in jsonld.canonize(vector_credential)


def test_unsafe_mode_drops_undefined_term_silently(vector_credential):
    expected = (VECTOR / "ob-document-canon.txt").read_text(encoding="utf-8")
    vector_credential["favouriteColour"] = "green"
    assert jsonld.canonize(vector_credential, safe=False) == expected


def test_contexts_are_cached_across_calls(vector_credential, monkeypatch):
    jsonld.canonize(vector_credential)
    calls = []
    original = jsonld.load_context

    def counting(url):
        calls.append(url)
        return original(url)

    monkeypatch.setattr(jsonld, "load_context", counting)
    jsonld.canonize(vector_credential)
    jsonld.canonize(vector_credential)
    assert calls == []
    assert jsonld.VC_V2_CONTEXT in pyld_jsonld._resolved_context_cache


def _plain_pyld_nquads(doc):
    return pyld_jsonld.normalize(
        doc,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": jsonld.document_loader,
        },
    )


def test_context_memo_gives_same_nquads_as_plain_pyld(vector_credential):
    from mimis.vc import dids
    from mimis.vc.keys import generate_key

    from .conftest import build_sample_credential

    did_doc = dids.did_web_document("did:web:x.example", [("k", generate_key().public_key)])
    vc1 = {
        "@context": [jsonld.VC_V1_CONTEXT, jsonld.ED25519_2020_CONTEXT],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:1",
        "issuanceDate": "2022-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:2"},
    }
    did_doc["@context"] = did_doc["@context"][:2]
    docs = [build_sample_credential(), vector_credential, vc1, did_doc]
    expected = [_plain_pyld_nquads(d) for d in docs]
    for _ in range(3):  # later rounds run on warm caches, interleaving context combinations
        assert [jsonld.canonize(d) for d in docs] == expected


def test_canonize_is_thread_safe(vector_credential):
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import build_sample_credential

    docs = [vector_credential, build_sample_credential()]
    expected = [jsonld.canonize(d) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: jsonld.canonize(docs[i % 2]), range(200)))
    assert results == [expected[i % 2] for i in range(200)]
