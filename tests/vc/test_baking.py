from __future__ import annotations

import struct
import zlib

import pytest

from mimis.vc import baking
from mimis.vc.errors import BakingError

from .conftest import build_sample_credential

JWT = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"
SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" data-x="a>b">'
    '<circle cx="5" cy="5" r="4"/></svg>'
)


def _chunk(ctype: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + ctype + payload + struct.pack(">I", zlib.crc32(ctype + payload))


def make_png(extra: bytes = b"") -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        baking.PNG_SIGNATURE
        + _chunk(b"IHDR", ihdr)
        + extra
        + _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + _chunk(b"IEND", b"")
    )


def _itxt(text: bytes, compressed: bool = False, keyword: bytes = baking.PNG_KEYWORD) -> bytes:
    body = zlib.compress(text) if compressed else text
    return _chunk(b"iTXt", keyword + b"\0" + bytes([int(compressed), 0]) + b"\0\0" + body)


def test_png_json_round_trip():
    credential = build_sample_credential()
    baked = baking.bake_png(make_png(), credential)
    assert baking.extract_png(baked) == credential
    assert baked.endswith(_chunk(b"IEND", b""))
    assert b"iTXt" + baking.PNG_KEYWORD + b"\0\0\0\0\0{" in baked


def test_png_jwt_round_trip_and_rebake_replaces():
    baked = baking.bake_png(make_png(), build_sample_credential())
    rebaked = baking.bake_png(baked, JWT)
    assert baking.extract_png(rebaked) == JWT
    assert rebaked.count(baking.PNG_KEYWORD) == 1


def test_png_without_credential_returns_none():
    assert baking.extract_png(make_png(_itxt(b"hello", keyword=b"Comment"))) is None


def test_png_compressed_itxt_is_read():
    assert baking.extract_png(make_png(_itxt(JWT.encode(), compressed=True))) == JWT


def test_png_decompression_bomb_is_refused():
    bomb = make_png(_itxt(b"{" + b" " * (50 * 1024 * 1024) + b"}", compressed=True))
    assert len(bomb) < 100_000
    with pytest.raises(BakingError) as info:
        baking.extract_png(bomb)
    assert info.value.code == "credential_too_large"


def test_oversized_image_is_refused():
    with pytest.raises(BakingError) as info:
        baking.extract_png(make_png() + b"\0" * 100, max_image_bytes=50)
    assert info.value.code == "image_too_large"
    with pytest.raises(BakingError) as info:
        baking.bake(make_png(), JWT, max_image_bytes=50)
    assert info.value.code == "image_too_large"


@pytest.mark.parametrize(
    "data",
    [
        make_png()[:-3],
        make_png().replace(b"IEND\xae", b"IEND\xaf"),
        make_png() + b"trailing",
        baking.PNG_SIGNATURE + b"\x00\x00\x00\x00IHDR",
    ],
)
def test_malformed_png_is_refused(data):
    with pytest.raises(BakingError) as info:
        baking.extract_png(data)
    assert info.value.code == "image_malformed"


def test_two_baked_credentials_are_ambiguous():
    with pytest.raises(BakingError) as info:
        baking.extract_png(make_png(_itxt(JWT.encode()) + _itxt(JWT.encode())))
    assert info.value.code == "baking_ambiguous"


def test_non_png_is_refused():
    with pytest.raises(BakingError) as info:
        baking.bake_png(b"GIF89a", JWT)
    assert info.value.code == "image_format_unsupported"


def test_svg_json_round_trip():
    credential = build_sample_credential()
    credential["description"] = "contains ]]> and <tags> & ampersands"
    baked = baking.bake_svg(SVG, credential)
    text = baked.decode()
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in text
    assert text.index("<openbadges:credential>") > text.index("<svg")
    assert baking.extract_svg(baked) == credential
    assert baking.extract(baked) == credential


def test_svg_jwt_in_verify_attribute_and_rebake_replaces():
    baked = baking.bake_svg(SVG, build_sample_credential())
    rebaked = baking.bake_svg(baked, JWT)
    assert f'<openbadges:credential verify="{JWT}"></openbadges:credential>' in rebaked.decode()
    assert rebaked.decode().count("openbadges:credential") == 2
    assert rebaked.decode().count("xmlns:openbadges") == 1
    assert baking.extract_svg(rebaked) == JWT


def test_svg_self_closing_verify_element_is_read():
    svg = SVG.replace("<circle", f'<openbadges:credential verify="{JWT}"/><circle')
    assert baking.extract_svg(svg) == JWT


def test_svg_without_credential_returns_none():
    assert baking.extract_svg(SVG) is None


def test_svg_with_entities_is_refused():
    evil = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    with pytest.raises(BakingError) as info:
        baking.extract_svg(evil)
    assert info.value.code == "image_malformed"


def test_invalid_credential_values_are_refused():
    with pytest.raises(BakingError) as info:
        baking.bake_png(make_png(), "not a jwt")
    assert info.value.code == "baking_invalid_credential"
    with pytest.raises(BakingError) as info:
        baking.extract_svg(
            SVG.replace("<circle", "<openbadges:credential>[1,2]</openbadges:credential><circle")
        )
    assert info.value.code == "baking_malformed"


def test_dispatch_refuses_other_formats():
    with pytest.raises(BakingError) as info:
        baking.extract(b"\xff\xd8\xff\xe0JPEG")
    assert info.value.code == "image_format_unsupported"
