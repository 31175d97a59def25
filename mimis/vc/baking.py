"""Open Badges 3.0 baking: embed a credential (JSON or compact JWT) in a PNG or SVG image, and extract it.

* PNG: one ``iTXt`` chunk with keyword ``openbadgecredential`` (written uncompressed, placed before
  ``IEND``); on extraction a compressed iTXt is inflated with a hard size cap.
* SVG: an ``<openbadges:credential>`` element (``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"``)
  right after the root ``<svg>`` start tag; JSON goes in a CDATA section, a JWT in the ``verify``
  attribute.

Pure Python (no Pillow). SVG handling is a careful text scan, not an XML parse, so untrusted uploads
cannot trigger entity-expansion or external-entity tricks.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import BakingError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
OB_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_CREDENTIAL_BYTES = 1024 * 1024

Credential = dict[str, Any] | str


def _serialise(credential: Mapping[str, Any] | str) -> str:
    if isinstance(credential, str):
        token = credential.strip()
        if token.count(".") != 2 or any(c.isspace() for c in token):
            raise BakingError("A string credential must be a compact JWT", code="baking_invalid_credential")
        return token
    if isinstance(credential, Mapping):
        return json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    raise BakingError("Credential must be a JSON object or a compact JWT", code="baking_invalid_credential")


def _parse(text: str) -> Credential:
    text = text.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise BakingError(
                f"Embedded credential is not valid JSON: {exc}", code="baking_malformed"
            ) from exc
        if not isinstance(value, dict):
            raise BakingError("Embedded credential is not a JSON object", code="baking_malformed")
        return value
    if text.count(".") == 2 and not any(c.isspace() for c in text):
        return text
    raise BakingError("Embedded credential is neither JSON nor a compact JWT", code="baking_malformed")


def _check_size(data: bytes, max_image_bytes: int) -> None:
    if len(data) > max_image_bytes:
        raise BakingError(f"Image is larger than {max_image_bytes} bytes", code="image_too_large")


# ---------------------------------------------------------------------------------------------------
# PNG
# ---------------------------------------------------------------------------------------------------


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes, int, int]]:
    """Yield (type, payload, start offset, end offset) for each chunk; validates structure and CRC."""
    if not data.startswith(PNG_SIGNATURE):
        raise BakingError("Not a PNG image", code="image_format_unsupported")
    pos = len(PNG_SIGNATURE)
    seen_end = False
    while pos < len(data):
        if seen_end:
            raise BakingError("PNG has data after IEND", code="image_malformed")
        if pos + 12 > len(data):
            raise BakingError("PNG chunk is truncated", code="image_malformed")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > len(data):
            raise BakingError("PNG chunk is truncated", code="image_malformed")
        payload = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(ctype + payload) != crc:
            raise BakingError(f"PNG chunk {ctype!r} has a bad CRC", code="image_malformed")
        yield ctype, payload, pos, end
        seen_end = ctype == b"IEND"
        pos = end
    if not seen_end:
        raise BakingError("PNG has no IEND chunk", code="image_malformed")


def _png_chunk(ctype: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + ctype + payload + struct.pack(">I", zlib.crc32(ctype + payload))


def _parse_itxt(
    payload: bytes, max_credential_bytes: int, wanted: bytes = PNG_KEYWORD
) -> tuple[bytes, str | None]:
    """Return (keyword, text) of an iTXt chunk; text is None for keywords other than ``wanted``."""
    keyword, sep, rest = payload.partition(b"\0")
    if not sep or keyword != wanted:
        return keyword, None
    if len(rest) < 2:
        raise BakingError("iTXt chunk is truncated", code="image_malformed")
    compressed, method, rest = rest[0], rest[1], rest[2:]
    _language, sep1, rest = rest.partition(b"\0")
    _translated, sep2, text = rest.partition(b"\0")
    if not (sep1 and sep2):
        raise BakingError("iTXt chunk is malformed", code="image_malformed")
    if compressed:
        if method != 0:
            raise BakingError("iTXt uses an unknown compression method", code="image_malformed")
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(text, max_credential_bytes + 1)
        except zlib.error as exc:
            raise BakingError(f"iTXt data is not valid zlib: {exc}", code="image_malformed") from exc
        if len(text) > max_credential_bytes or inflater.unconsumed_tail:
            raise BakingError("Embedded credential is too large", code="credential_too_large")
    elif len(text) > max_credential_bytes:
        raise BakingError("Embedded credential is too large", code="credential_too_large")
    try:
        return keyword, text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BakingError("Embedded credential is not UTF-8", code="baking_malformed") from exc


def bake_png(
    image: bytes, credential: Mapping[str, Any] | str, *, max_image_bytes: int = MAX_IMAGE_BYTES
) -> bytes:
    """Return a copy of the PNG with the credential in an ``openbadgecredential`` iTXt chunk.

    Any existing ``openbadgecredential`` chunk is replaced (there must be exactly one).
    """
    _check_size(image, max_image_bytes)
    text = _serialise(credential).encode("utf-8")
    if len(text) > MAX_CREDENTIAL_BYTES:
        raise BakingError("Credential is too large to bake", code="credential_too_large")
    # keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0
    itxt = _png_chunk(b"iTXt", PNG_KEYWORD + b"\0\0\0\0\0" + text)
    out = [PNG_SIGNATURE]
    for ctype, payload, start, end in _png_chunks(image):
        if ctype == b"iTXt" and payload.split(b"\0", 1)[0] == PNG_KEYWORD:
            continue
        if ctype == b"IEND":
            out.append(itxt)
        out.append(image[start:end])
    return b"".join(out)


def extract_png(
    image: bytes,
    *,
    max_image_bytes: int = MAX_IMAGE_BYTES,
    max_credential_bytes: int = MAX_CREDENTIAL_BYTES,
) -> Credential | None:
    """The baked credential (dict for JSON, str for a JWT), or None if the PNG has none."""
    _check_size(image, max_image_bytes)
    found: list[str] = []
    for ctype, payload, _start, _end in _png_chunks(image):
        if ctype == b"iTXt":
            _keyword, text = _parse_itxt(payload, max_credential_bytes)
            if text is not None:
                found.append(text)
    if not found:
        return None
    if len(found) > 1:
        raise BakingError("PNG contains more than one baked credential", code="baking_ambiguous")
    return _parse(found[0])


# ---------------------------------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------------------------------

_SVG_ROOT = re.compile(r"<svg(?=[\s>/])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
_OB_ELEMENT = re.compile(
    r"<openbadges:credential(?P<attrs>(?:[^>\"'/]|\"[^\"]*\"|'[^']*')*)"
    r"(?:/>|>(?P<body>.*?)</openbadges:credential\s*>)",
    re.S,
)
_VERIFY_ATTR = re.compile(r"\sverify\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CDATA = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.S)
_XML_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}


def _xml_unescape(text: str) -> str:
    return re.sub(r"&(?:lt|gt|quot|apos|amp);", lambda m: _XML_ENTITIES[m.group(0)], text)


def _decode_svg(svg: bytes | str, max_image_bytes: int) -> str:
    raw = svg.encode("utf-8") if isinstance(svg, str) else svg
    _check_size(raw, max_image_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BakingError("SVG must be UTF-8", code="image_malformed") from exc
    # We never expand entities, but refuse documents that declare any: they are not normal badge images.
    if re.search(r"<!ENTITY", text, re.I):
        raise BakingError("SVG declares XML entities", code="image_malformed")
    return text


def bake_svg(
    svg: bytes | str, credential: Mapping[str, Any] | str, *, max_image_bytes: int = MAX_IMAGE_BYTES
) -> bytes:
    """Return the SVG (UTF-8) with an ``<openbadges:credential>`` element, replacing any existing one."""
    text = _decode_svg(svg, max_image_bytes)
    payload = _serialise(credential)
    text = _OB_ELEMENT.sub("", text)
    root = _SVG_ROOT.search(text)
    if root is None:
        raise BakingError("No <svg> root element found", code="image_format_unsupported")
    start_tag = root.group(0)
    if start_tag.endswith("/>"):
        raise BakingError("SVG root element is empty", code="image_malformed")
    if "xmlns:openbadges" not in start_tag:
        start_tag = f'{start_tag[:-1]} xmlns:openbadges="{OB_SVG_NAMESPACE}">'
    if isinstance(credential, str):
        element = f'<openbadges:credential verify="{payload}"></openbadges:credential>'
    else:
        # "]]>" cannot occur inside CDATA; split it across two sections so the JSON survives intact.
        element = "<openbadges:credential><![CDATA[" + payload.replace("]]>", "]]]]><![CDATA[>") + "]]>"
        element += "</openbadges:credential>"
    text = text[: root.start()] + start_tag + element + text[root.end() :]
    return text.encode("utf-8")


def extract_svg(
    svg: bytes | str,
    *,
    max_image_bytes: int = MAX_IMAGE_BYTES,
    max_credential_bytes: int = MAX_CREDENTIAL_BYTES,
) -> Credential | None:
    """The baked credential (dict for JSON, str for a JWT), or None if the SVG has none."""
    text = _decode_svg(svg, max_image_bytes)
    matches = list(_OB_ELEMENT.finditer(text))
    if not matches:
        return None
    if len(matches) > 1:
        raise BakingError("SVG contains more than one baked credential", code="baking_ambiguous")
    match = matches[0]
    verify = _VERIFY_ATTR.search(match.group("attrs") or "")
    if verify:
        content = _xml_unescape(verify.group(1) if verify.group(1) is not None else verify.group(2))
    else:
        body = match.group("body") or ""
        sections = re.findall(r"<!\[CDATA\[(.*?)\]\]>", body, re.S)
        content = "".join(sections) if sections else _xml_unescape(body)
    if len(content.encode("utf-8")) > max_credential_bytes:
        raise BakingError("Embedded credential is too large", code="credential_too_large")
    return _parse(content)


# ---------------------------------------------------------------------------------------------------
# dispatch
# ---------------------------------------------------------------------------------------------------


def _is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head


def bake(
    image: bytes, credential: Mapping[str, Any] | str, *, max_image_bytes: int = MAX_IMAGE_BYTES
) -> bytes:
    """Bake into a PNG or SVG, chosen by content sniffing."""
    if image.startswith(PNG_SIGNATURE):
        return bake_png(image, credential, max_image_bytes=max_image_bytes)
    if _is_svg(image):
        return bake_svg(image, credential, max_image_bytes=max_image_bytes)
    raise BakingError("Only PNG and SVG images can be baked", code="image_format_unsupported")


def extract(image: bytes, *, max_image_bytes: int = MAX_IMAGE_BYTES) -> Credential | None:
    """Extract from a PNG or SVG, chosen by content sniffing."""
    if image.startswith(PNG_SIGNATURE):
        return extract_png(image, max_image_bytes=max_image_bytes)
    if _is_svg(image):
        return extract_svg(image, max_image_bytes=max_image_bytes)
    raise BakingError("Only PNG and SVG images can be baked", code="image_format_unsupported")
