from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from mimis.vc import jsonld
from mimis.vc.errors import StatusListError
from mimis.vc.keys import ED25519, b64url_encode, generate_key
from mimis.vc.proofs import eddsa_rdfc_2022
from mimis.vc.status import (
    MIN_LENGTH,
    StatusList,
    check_status,
    make_status_checker,
    revocation_and_suspension_entry,
    revocation_bit,
    status_list_credential,
    status_list_entry,
    suspension_bit,
)
from mimis.vc.verify import verify_credential

from .conftest import ISSUER_DID, ISSUER_VM, build_sample_credential

LIST_URL = "https://mimis.example/status/1"
NOW = datetime(2027, 1, 1, tzinfo=UTC)
# The all-zero 16 KiB list from the Bitstring Status List v1.0 specification's example.
SPEC_EMPTY_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def test_spec_example_encoded_list_decodes_to_empty_16kib_list():
    status_list = StatusList.decode(SPEC_EMPTY_LIST)
    assert status_list.length == MIN_LENGTH == 131_072
    assert not any(status_list.to_bytes())


def test_set_get_and_bit_order():
    status_list = StatusList()
    status_list.set(0)
    status_list.set(9)
    status_list.set(MIN_LENGTH - 1)
    assert status_list.to_bytes()[:2] == b"\x80\x40"
    assert status_list.to_bytes()[-1] == 0x01
    assert [status_list.get(i) for i in (0, 1, 9, MIN_LENGTH - 1)] == [True, False, True, True]
    status_list.set(9, False)
    assert status_list.get(9) is False


def test_encode_decode_round_trip_and_determinism():
    status_list = StatusList()
    status_list.set(94567)
    encoded = status_list.encode()
    assert encoded.startswith("u") and "=" not in encoded
    assert encoded == status_list.encode()
    assert StatusList.decode(encoded).get(94567) is True
    assert len(encoded) < 200


@pytest.mark.parametrize("index", [-1, MIN_LENGTH, True, "1"])
def test_index_out_of_range(index):
    with pytest.raises(StatusListError) as info:
        StatusList().get(index)
    assert info.value.code == "status_index_range"


def test_short_lists_are_rejected():
    with pytest.raises(StatusListError) as info:
        StatusList(1024)
    assert info.value.code == "status_list_length"
    short = "u" + b64url_encode(gzip.compress(bytes(1024)))
    with pytest.raises(StatusListError) as info:
        StatusList.decode(short)
    assert info.value.code == "status_list_length"


def test_decompression_bomb_is_refused():
    bomb = "u" + b64url_encode(gzip.compress(bytes(64 * 1024 * 1024)))
    with pytest.raises(StatusListError) as info:
        StatusList.decode(bomb)
    assert info.value.code == "status_list_too_large"


@pytest.mark.parametrize("value", ["zabc", "u!!!", "u" + b64url_encode(b"not gzip"), None])
def test_malformed_encoded_list(value):
    with pytest.raises(StatusListError) as info:
        StatusList.decode(value)
    assert info.value.code == "status_list_malformed"


def test_entry_shape():
    assert status_list_entry(status_list_credential=LIST_URL, index=94567) == {
        "id": LIST_URL + "#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }


@pytest.fixture
def signed_list(issuer_key):
    status_list = StatusList()
    status_list.set(42)
    cred = status_list_credential(
        credential_id=LIST_URL,
        issuer=ISSUER_DID,
        status_list=status_list,
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    jsonld.canonize(cred)  # only defined terms
    return eddsa_rdfc_2022.sign(cred, issuer_key, ISSUER_VM)


def test_status_list_credential_shape(signed_list):
    assert signed_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert signed_list["credentialSubject"]["type"] == "BitstringStatusList"
    assert signed_list["credentialSubject"]["id"] == LIST_URL + "#list"


def test_check_status_reads_verified_bit(signed_list, issuer_resolver):
    set_entry = status_list_entry(status_list_credential=LIST_URL, index=42)
    clear_entry = status_list_entry(status_list_credential=LIST_URL, index=43)
    assert check_status(set_entry, signed_list, resolve_key=issuer_resolver, now=NOW) is True
    assert check_status(clear_entry, signed_list, resolve_key=issuer_resolver, now=NOW) is False


def test_check_status_rejects_tampered_list(signed_list, issuer_resolver):
    signed_list["credentialSubject"]["encodedList"] = StatusList().encode()
    with pytest.raises(StatusListError) as info:
        check_status(
            status_list_entry(status_list_credential=LIST_URL, index=42),
            signed_list,
            resolve_key=issuer_resolver,
            now=NOW,
        )
    assert info.value.code == "status_list_unverified"


def test_check_status_rejects_purpose_mismatch_and_wrong_list(signed_list, issuer_resolver):
    entry = status_list_entry(status_list_credential=LIST_URL, index=42, status_purpose="suspension")
    with pytest.raises(StatusListError) as info:
        check_status(entry, signed_list, resolve_key=issuer_resolver, now=NOW)
    assert info.value.code == "status_purpose_mismatch"
    other = status_list_entry(status_list_credential="https://mimis.example/status/2", index=42)
    with pytest.raises(StatusListError) as info:
        check_status(other, signed_list, resolve_key=issuer_resolver, now=NOW)
    assert info.value.code == "status_list_mismatch"


def test_check_status_rejects_list_from_other_issuer(signed_list, issuer_resolver):
    with pytest.raises(StatusListError) as info:
        check_status(
            status_list_entry(status_list_credential=LIST_URL, index=42),
            signed_list,
            resolve_key=issuer_resolver,
            expected_issuer="did:web:other.example",
            now=NOW,
        )
    assert info.value.code == "status_list_issuer"


def test_check_status_rejects_list_signed_by_another_key(issuer_resolver):
    rogue = generate_key(ED25519)
    cred = status_list_credential(
        credential_id=LIST_URL,
        issuer=ISSUER_DID,
        status_list=StatusList(),
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    signed = eddsa_rdfc_2022.sign(cred, rogue, ISSUER_VM)
    with pytest.raises(StatusListError) as info:
        check_status(
            status_list_entry(status_list_credential=LIST_URL, index=1),
            signed,
            resolve_key=issuer_resolver,
            now=NOW,
        )
    assert info.value.code == "status_list_unverified"


def test_revoked_credential_end_to_end(signed_list, issuer_key, issuer_resolver):
    entry = status_list_entry(status_list_credential=LIST_URL, index=42)
    revoked = eddsa_rdfc_2022.sign(build_sample_credential(credential_status=[entry]), issuer_key, ISSUER_VM)
    entry_ok = status_list_entry(status_list_credential=LIST_URL, index=7)
    active = eddsa_rdfc_2022.sign(
        build_sample_credential(credential_status=[entry_ok]), issuer_key, ISSUER_VM
    )
    fetched = []

    def fetch(url):
        fetched.append(url)
        return signed_list

    checker = make_status_checker(fetch, resolve_key=issuer_resolver, expected_issuer=ISSUER_DID, now=NOW)
    result = verify_credential(revoked, resolve_key=issuer_resolver, status_checker=checker, now=NOW)
    assert (result.verified, result.check("status").code) == (False, "revoked")
    assert verify_credential(active, resolve_key=issuer_resolver, status_checker=checker, now=NOW).verified
    assert fetched == [LIST_URL, LIST_URL]


def test_fetch_failure_is_reported(issuer_key, issuer_resolver):
    entry = status_list_entry(status_list_credential=LIST_URL, index=42)
    signed = eddsa_rdfc_2022.sign(build_sample_credential(credential_status=[entry]), issuer_key, ISSUER_VM)

    def fetch(url):
        raise OSError("connection refused")

    checker = make_status_checker(fetch, resolve_key=issuer_resolver)
    result = verify_credential(signed, resolve_key=issuer_resolver, status_checker=checker, now=NOW)
    assert (result.verified, result.check("status").code) == (False, "status_list_unavailable")


# --- One entry for revocation and suspension: statusPurpose "message", statusSize 2 -------------------

MESSAGE_LIST_URL = "https://mimis.example/status/message/1"


def signed_message_list(issuer_key, *, revoked=(), suspended=()):
    bits = StatusList(2 * MIN_LENGTH)
    for index in revoked:
        bits.set(revocation_bit(index))
    for index in suspended:
        bits.set(suspension_bit(index))
    cred = status_list_credential(
        credential_id=MESSAGE_LIST_URL,
        issuer=ISSUER_DID,
        status_list=bits,
        status_purpose="message",
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return eddsa_rdfc_2022.sign(cred, issuer_key, ISSUER_VM)


def test_the_one_entry_has_a_status_message_for_every_value_of_its_two_bits():
    """Bitstring Status List v1.0, 2.1: "If statusSize is provided and is greater than 1, then the property
    credentialStatus.statusMessage MUST be present, and the number of status messages MUST equal the number
    of possible values"; "each element MUST contain the two properties status and message"."""
    entry = revocation_and_suspension_entry(status_list_credential=MESSAGE_LIST_URL, index=5)
    assert entry == {
        "id": f"{MESSAGE_LIST_URL}#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "message",
        "statusListIndex": "5",
        "statusListCredential": MESSAGE_LIST_URL,
        "statusSize": 2,
        "statusMessage": [
            {"status": "0x0", "message": "valid"},
            {"status": "0x1", "message": "revoked"},
            {"status": "0x2", "message": "suspended"},
            {"status": "0x3", "message": "revoked"},
        ],
    }
    jsonld.canonize(build_sample_credential(credential_status=[entry]))  # every term is defined


def test_entry_i_is_bits_2i_and_2i_plus_1_read_most_significant_first():
    """Bitstring Status List v1.0, 3.2 (validate algorithm): the status is the statusSize bits starting at
    "statusListIndex * statusSize", the first index being "the left-most bit in the bitstring"."""
    bits = StatusList(2 * MIN_LENGTH)
    bits.set(suspension_bit(3))  # bit 6
    bits.set(revocation_bit(4))  # bit 9
    assert (suspension_bit(3), revocation_bit(4)) == (6, 9)
    assert [bits.get_value(i, 2) for i in range(6)] == [0, 0, 0, 2, 1, 0]


@pytest.mark.parametrize(
    ("revoked", "suspended", "value", "message", "code"),
    [
        ((), (), 0, "valid", "ok"),
        ((7,), (), 1, "revoked", "revoked"),
        ((), (7,), 2, "suspended", "suspended"),
        ((7,), (7,), 3, "revoked", "revoked"),
    ],
)
def test_the_verifier_reads_valid_revoked_and_suspended_from_one_entry(
    issuer_key, issuer_resolver, revoked, suspended, value, message, code
):
    """Bitstring Status List v1.0, 2.1: statusPurpose "message" — "Used to indicate a status message
    associated with a verifiable credential"; the value found is looked up in statusMessage."""
    signed_list = signed_message_list(issuer_key, revoked=revoked, suspended=suspended)
    entry = revocation_and_suspension_entry(status_list_credential=MESSAGE_LIST_URL, index=7)
    found = check_status(entry, signed_list, resolve_key=issuer_resolver, now=NOW)
    assert (int(found), found.message) == (value, message)
    credential = eddsa_rdfc_2022.sign(
        build_sample_credential(credential_status=[entry]), issuer_key, ISSUER_VM
    )
    checker = make_status_checker(lambda url: signed_list, resolve_key=issuer_resolver, now=NOW)
    result = verify_credential(credential, resolve_key=issuer_resolver, status_checker=checker, now=NOW)
    assert (result.verified, result.check("status").code) == (code == "ok", code)


@pytest.mark.parametrize(
    "change",
    [
        {"statusMessage": None},
        {"statusMessage": [{"status": "0x0", "message": "valid"}, {"status": "0x1", "message": "revoked"}]},
        {"statusMessage": [{"status": "zz", "message": "x"}] * 4},
        {"statusSize": 0},
    ],
)
def test_a_multi_bit_entry_without_a_message_per_value_is_malformed(issuer_key, issuer_resolver, change):
    """Bitstring Status List v1.0, 2.1: "If present, statusSize MUST be an integer greater than zero";
    statusMessage "MUST be present if statusSize is greater than 1" with one element per possible value."""
    entry = revocation_and_suspension_entry(status_list_credential=MESSAGE_LIST_URL, index=7)
    entry = {k: v for k, v in (entry | change).items() if v is not None}
    with pytest.raises(StatusListError) as info:
        check_status(entry, signed_message_list(issuer_key), resolve_key=issuer_resolver, now=NOW)
    assert info.value.code == "status_malformed"


def test_a_two_bit_entry_past_the_end_of_the_list_is_out_of_range(issuer_key, issuer_resolver):
    entry = revocation_and_suspension_entry(status_list_credential=MESSAGE_LIST_URL, index=MIN_LENGTH)
    with pytest.raises(StatusListError) as info:
        check_status(entry, signed_message_list(issuer_key), resolve_key=issuer_resolver, now=NOW)
    assert info.value.code == "status_index_range"
