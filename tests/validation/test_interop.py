"""What validation issues verifies with Digital Bazaar's independent stack (``interop/verify.mjs``): the
micro-credential earned by validation, and the signed statement of a partial recognition. Needs Node and
``npm ci --prefix interop``, as tests/interop does; their absence fails the test."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client

from mimis.issuing import keys
from mimis.issuing.models import Credential
from mimis.validation import services
from mimis.vc import dids
from tests.interop.test_node_interop import bundled_contexts, published_documents, run_node
from tests.validation.test_chain import prepared_case


def decided(version, learner, assessor, on_commit, results):  # type: ignore[no-untyped-def]
    case, outcomes, _token = prepared_case(version, learner, on_commit)
    services.assign_assessor(case=case, assessor=assessor, acting_user=assessor)
    services.record_judgements(
        case=case,
        acting_user=assessor,
        judgements=[
            {"outcome": o.pk, "result": r, "note": "" if r == "met" else "Öva mer."}
            for o, r in zip(outcomes, results, strict=True)
        ],
    )
    return services.decide(case=case, acting_user=assessor, rationale="Bedömt.")


def test_the_credential_earned_by_validation_verifies_independently(
    version, learner, assessor, provider, on_commit
):  # type: ignore[no-untyped-def]
    case = decided(version, learner, assessor, on_commit, ["met", "met", "met"])
    credential = Credential.objects.get(pk=case.credential_id)
    job = {
        "documents": published_documents(provider, [credential]),
        "credentials": [{"id": "validated", "credential": credential.document}],
    }
    (result,) = run_node("verify.mjs", job)["results"]
    assert (result["verified"], result["errors"]) == (True, [])


def test_the_partial_statement_verifies_independently(version, learner, assessor, provider, on_commit):  # type: ignore[no-untyped-def]
    case = decided(version, learner, assessor, on_commit, ["met", "partly", "not_met"])
    documents = bundled_contexts()
    did = keys.issuer_did(provider)
    documents[did] = Client().get(urlsplit(dids.did_web_document_url(did)).path).json()
    job = {"documents": documents, "credentials": [{"id": "partial", "credential": case.partial_statement}]}
    (result,) = run_node("verify.mjs", job)["results"]
    assert (result["verified"], result["proof"], result["errors"]) == (True, {"verified": True}, [])
