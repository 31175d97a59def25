"""Offline JSON-LD processing: bundled contexts, a network-free document loader, safe mode, RDFC-1.0.

Everything that turns a credential into RDF goes through :func:`canonize`, which

* resolves contexts only from the files in ``mimis/vc/contexts/`` (unknown URLs are an error, we
  never fetch anything);
* runs in *safe mode*: a property, type or IRI that the contexts do not define is an error instead of
  being silently dropped (a dropped term is not covered by the signature, so an attacker or a bug could
  add unsigned claims);
* uses no default base IRI, so relative IRIs are never silently resolved (pyld would otherwise resolve
  them against ``http://example.org/base/``);
* reuses pyld's process-wide resolved-context cache, so each context is parsed and processed once per
  process, not once per credential.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from cachetools import LRUCache
from frozendict import frozendict
from pyld import jsonld as _pyld
from pyld.canon import URDNA2015

from .errors import JsonLdError, UndefinedTermError, UnknownContextError, VCError

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_V3_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
# Earlier Open Badges 3.0 context revisions, used by credentials from other issuers (VC 1.1 era).
OB_V3_CONTEXT_3_0_0 = "https://purl.imsglobal.org/spec/ob/v3p0/context.json"
OB_V3_CONTEXT_3_0_1 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"
OB_V3_CONTEXT_3_0_2 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1"
ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"
DATA_INTEGRITY_V2_CONTEXT = "https://w3id.org/security/data-integrity/v2"
# Contexts in common use by other issuers' credentials (read only; MIMIS does not issue with them).
DATA_INTEGRITY_V1_CONTEXT = "https://w3id.org/security/data-integrity/v1"
BITSTRING_STATUS_LIST_CONTEXT = "https://www.w3.org/ns/credentials/status/v1"
STATUS_LIST_2021_CONTEXT = "https://w3id.org/vc/status-list/2021/v1"
VC_EXAMPLES_V2_CONTEXT = "https://www.w3.org/ns/credentials/examples/v2"
VC_EXAMPLES_V1_CONTEXT = "https://www.w3.org/2018/credentials/examples/v1"
ODRL_CONTEXT = "https://www.w3.org/ns/odrl.jsonld"

#: Context URL -> bundled file name (see ``contexts/SOURCES.md`` for provenance).
CONTEXT_FILES: dict[str, str] = {
    VC_V2_CONTEXT: "credentials-v2.jsonld",
    VC_V1_CONTEXT: "credentials-v1.jsonld",
    OB_V3_CONTEXT: "ob-v3p0-context-3.0.3.json",
    OB_V3_EXTENSIONS_CONTEXT: "ob-v3p0-extensions.json",
    OB_V3_CONTEXT_3_0_0: "ob-v3p0-context-3.0.0.json",
    OB_V3_CONTEXT_3_0_1: "ob-v3p0-context-3.0.1.json",
    OB_V3_CONTEXT_3_0_2: "ob-v3p0-context-3.0.2.json",
    MULTIKEY_CONTEXT: "multikey-v1.jsonld",
    DID_V1_CONTEXT: "did-v1.jsonld",
    ED25519_2020_CONTEXT: "ed25519-2020-v1.jsonld",
    DATA_INTEGRITY_V2_CONTEXT: "data-integrity-v2.jsonld",
    DATA_INTEGRITY_V1_CONTEXT: "data-integrity-v1.jsonld",
    BITSTRING_STATUS_LIST_CONTEXT: "status-v1.jsonld",
    STATUS_LIST_2021_CONTEXT: "status-list-2021-v1.jsonld",
    VC_EXAMPLES_V2_CONTEXT: "credentials-examples-v2.jsonld",
    VC_EXAMPLES_V1_CONTEXT: "credentials-examples-v1.jsonld",
    # Imported by the VC 1.1 examples context.
    ODRL_CONTEXT: "odrl.jsonld",
}

# Property and type IRIs must use one of these schemes. A compact IRI with an undefined prefix
# ("foo:bar") is "absolute" to JSON-LD but is in practice an undefined term.
_VOCAB_IRI_PREFIXES = ("https://", "http://", "urn:")


@cache
def _load_context_file(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath("contexts", name).open("rb") as fh:
        return json.load(fh)


#: MIMIS's extension for the EU micro-credential elements that Open Badges 3.0 has no property for. Every
#: MIMIS serves it at this path under its base URL; its terms' IRIs are that URL plus ``#term``, so the
#: bundled file (whose ``mimiseu`` prefix is only a placeholder) answers for any MIMIS's copy, offline.
MIMIS_EU_CONTEXT_PATH = "/contexts/eu-microcredential-v1.jsonld"
MIMIS_EU_CONTEXT_FILE = "mimis-eu-microcredential-v1.jsonld"


def mimis_eu_context_url(base_url: str) -> str:
    """The extension context's URL for the MIMIS at ``base_url``."""
    return base_url.rstrip("/") + MIMIS_EU_CONTEXT_PATH


def is_mimis_eu_context(url: str) -> bool:
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and parts.path == MIMIS_EU_CONTEXT_PATH
        and not parts.query
        and not parts.fragment
    )


def load_context(url: str) -> dict[str, Any]:
    """Return a deep copy of the bundled context document for ``url``."""
    if url not in CONTEXT_FILES and is_mimis_eu_context(url):
        document = copy.deepcopy(_load_context_file(MIMIS_EU_CONTEXT_FILE))
        document["@context"]["mimiseu"] = url + "#"
        return document
    try:
        name = CONTEXT_FILES[url]
    except KeyError:
        raise UnknownContextError(
            f"JSON-LD context {url!r} is not bundled; remote contexts are never fetched."
        ) from None
    return copy.deepcopy(_load_context_file(name))


def document_loader(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """pyld document loader that serves bundled contexts only and never touches the network."""
    return {
        "contextUrl": None,
        "documentUrl": url,
        # pyld mutates the loaded context while resolving it, so hand out a copy.
        "document": load_context(url),
        # pyld only stores a resolved context in its process-wide cache when the loader tags it
        # "static"; without the tag every call would re-parse and re-process every context.
        "tag": "static",
    }


# Processed-context memo. pyld caches processed contexts per (resolved context, active context uuid),
# but type-scoped contexts (OB's Achievement, Profile, AchievementSubject ... and VC's proof) are
# processed with propagate=False, which clones the active context and gives the clone a fresh uuid,
# so pyld's cache never hits for them and every credential re-processes ~10 scoped contexts (about
# half the signing time). Processed contexts are immutable frozendicts with unique uuids, so memoising
# on (active context uuid, local context, flags) is safe.
_PROCESSED_CONTEXTS: LRUCache = LRUCache(maxsize=2048)

# pyld's module-level LRU caches (and ours) are not thread-safe, and the server runs threads. The work
# is pure-Python CPU under the GIL anyway, so serialising it costs next to no throughput.
_LOCK = threading.RLock()


def _local_context_key(local_ctx: Any) -> tuple[Any, bool]:
    """Cache key part for a local context, and whether a hit must also match by identity."""
    if isinstance(local_ctx, str):
        return local_ctx, False
    if isinstance(local_ctx, list) and all(isinstance(c, str) for c in local_ctx):
        return tuple(local_ctx), False
    # Scoped contexts are objects held by (immutable, cached) term definitions: identify them by
    # identity; the cache entry keeps a reference so the id cannot be reused while cached.
    return ("object", id(local_ctx)), True


class _Processor(_pyld.JsonLdProcessor):
    def _process_context(
        self,
        active_ctx,
        local_ctx,
        options,
        override_protected=False,
        propagate=True,
        validate_scoped=True,
        cycles=None,
    ):
        uuid_ = active_ctx.get("_uuid") if isinstance(active_ctx, Mapping) else None
        if uuid_ is None or cycles is not None or local_ctx is None:
            return super()._process_context(
                active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
            )
        ctx_key, by_identity = _local_context_key(local_ctx)
        key = (uuid_, ctx_key, override_protected, propagate, validate_scoped)
        hit = _PROCESSED_CONTEXTS.get(key)
        if hit is not None and (not by_identity or hit[0] is local_ctx):
            return hit[1]
        rval = super()._process_context(
            active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
        )
        if isinstance(rval, frozendict):
            _PROCESSED_CONTEXTS[key] = (local_ctx, rval)
        return rval


def _unwrap(exc: BaseException) -> VCError:
    """Turn a pyld error into our error, surfacing our own error if it is in the cause chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, VCError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return JsonLdError(f"JSON-LD processing failed: {exc}")


def _options() -> dict[str, Any]:
    return {
        "documentLoader": document_loader,
        # None (not "") disables pyld's fallback base http://example.org/base/, so a relative IRI
        # stays relative and is then reported by the safe-mode check.
        "base": None,
        "processingMode": "json-ld-1.1",
    }


def _is_vocab_iri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(_VOCAB_IRI_PREFIXES)


def _is_node_iri(value: Any) -> bool:
    # Node identifiers may use any scheme (did:, urn:uuid:, https:) or be blank nodes, but must not
    # be relative.
    if not isinstance(value, str):
        return False
    if value.startswith("_:"):
        return True
    scheme, sep, rest = value.partition(":")
    return bool(sep and scheme and rest and scheme[0].isalpha() and "/" not in scheme)


def _check_expanded(node: Any, problems: list[str], path: str) -> None:
    """Walk expanded JSON-LD and record every undefined term or relative IRI."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_expanded(item, problems, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    if "@value" in node:
        # Datatypes come from the contexts, not from the document author, and a context may use an
        # undeclared prefix (OB 3.0.3 types awardedDate as "xsd:dateTime"), so only require an
        # absolute IRI here, as other processors do.
        datatype = node.get("@type")
        if datatype is not None and datatype != "@json" and not _is_node_iri(datatype):
            problems.append(f"{path}: undefined datatype {datatype!r}")
        return
    for key, value in node.items():
        if key == "@id":
            if not _is_node_iri(value):
                problems.append(f"{path}: relative or invalid IRI {value!r}")
        elif key == "@type":
            for t in value if isinstance(value, list) else [value]:
                if not _is_vocab_iri(t):
                    problems.append(f"{path}: undefined type {t!r}")
        elif key in ("@graph", "@list", "@set", "@included"):
            _check_expanded(value, problems, f"{path}.{key}")
        elif key == "@reverse":
            for prop, rev_value in value.items():
                if not _is_vocab_iri(prop):
                    problems.append(f"{path}: undefined reverse property {prop!r}")
                _check_expanded(rev_value, problems, f"{path}.@reverse.{prop}")
        elif key.startswith("@"):
            continue  # @index, @language, @direction: literal annotations
        else:
            if not _is_vocab_iri(key):
                problems.append(f"{path}: undefined property {key!r}")
            _check_expanded(value, problems, f"{path}.<{key}>")


def _expand(document: Mapping[str, Any], *, safe: bool) -> tuple[Any, Any]:
    dropped: list[str] = []

    def on_dropped(prop: str | None) -> None:
        dropped.append(str(prop))

    processor = _Processor(on_property_dropped=on_dropped)
    try:
        with _LOCK:
            expanded = processor.expand(dict(document), _options())
    except VCError:
        raise
    except Exception as exc:
        raise _unwrap(exc) from exc
    if safe:
        problems = [f"undefined property {name!r} (dropped by JSON-LD expansion)" for name in dropped]
        _check_expanded(expanded, problems, "$")
        if problems:
            raise UndefinedTermError(
                "Document uses terms or IRIs its @context does not define: " + "; ".join(problems)
            )
    return processor, expanded


def expand(document: Mapping[str, Any], *, safe: bool = True) -> list[Any]:
    """Expand a JSON-LD document offline; in safe mode undefined terms raise :class:`UndefinedTermError`."""
    return _expand(document, safe=safe)[1]


def canonize(document: Mapping[str, Any], *, safe: bool = True) -> str:
    """Return the RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document, offline and safe."""
    processor, expanded = _expand(document, safe=safe)
    try:
        # Same steps as pyld's normalize() -> to_rdf(), but reusing the expansion we already have and
        # checked, instead of expanding the document a second time.
        issuer = _pyld.IdentifierIssuer("_:b")
        node_map: dict[str, Any] = {"@default": {}}
        with _LOCK:
            processor._create_node_map(expanded, node_map, "@default", issuer)
            options = {**_options(), "produceGeneralizedRdf": False, "identifierIssuer": issuer}
            dataset = {}
            for graph_name, graph in sorted(node_map.items()):
                if graph_name == "@default" or _pyld._is_absolute_iri(graph_name):
                    dataset[graph_name] = processor._graph_to_rdf(graph, issuer, options)
            return URDNA2015().main(dataset, {"algorithm": "URDNA2015", "format": "application/n-quads"})
    except VCError:
        raise
    except Exception as exc:
        raise _unwrap(exc) from exc
