// Verify credentials with Digital Bazaar's stack (Data Integrity) and jose (VC-JOSE), fully offline.
//
//   node interop/verify.mjs job.json      (or the job on standard input)
//
// Job: {
//   "documents": {"<url>": <JSON>, ...},  // JSON-LD contexts, DID documents, status-list credentials
//   "now": "2026-01-01T00:00:00Z",        // optional; defaults to the current time
//   "credentials": [{"id": "...", "credential": {...}} | {"id": "...", "jwt": "<compact JWS>"}]
// }
// Prints {"results": [{id, format, verified, proof, status, errors}]}:
//   proof  {verified, error}: the signature and its key binding (null when not reached);
//   status {verified, entries: [{purpose, index, statusListCredential, set}], error}: `verified` says
//          the status lists were fetched (from the job), verified and decoded; `set` is the bit (for an
//          entry with statusSize > 1: whether its value is non-zero, with `status` "0x.." and `message`);
//   verified: proof, issuer binding, validity period and every status bit clear.
//
// Data Integrity (eddsa-rdfc-2022): @digitalbazaar/vc verifyCredential() with DataIntegrityProof and
// the eddsa-rdfc-2022 cryptosuite; its CredentialIssuancePurpose checks that the key's controller is
// the issuer. Status: @digitalbazaar/vc-bitstring-status-list checkStatus(), which verifies each status
// list credential's proof, that its issuer is the credential's issuer and its purpose, then decodes the
// bitstring. That library reports the bit without judging it, so a set bit is turned into a failure here.
// VC-JOSE (ES256): jose jwtVerify() with the key named by the header's kid, taken from the DID document
// (a P-256 Multikey is converted to a JWK by @digitalbazaar/ecdsa-multikey); the kid must be listed
// under assertionMethod of the issuer's DID document. The payload then gets @digitalbazaar/vc's data
// model and validity checks (_checkCredential) and the same status check as above.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {
  checkStatus as checkBitstringStatus, decodeList
} from '@digitalbazaar/vc-bitstring-status-list';
import {decodeProtectedHeader, importJWK, jwtVerify} from 'jose';

import {asList, errorMessages, makeDocumentLoader, readJob, writeResult} from './lib.mjs';

function dataIntegritySuite() {
  return new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
}

function issuerId(credential) {
  const {issuer} = credential;
  return issuer && typeof issuer === 'object' ? issuer.id : issuer;
}

// The library reads one bit at statusListIndex. An entry with statusSize > 1 (MIMIS issues "message"
// entries of 2 bits: valid / revoked / suspended) is read here as the spec's validation algorithm says:
// statusSize bits from statusListIndex * statusSize, left-most first, looked up in statusMessage. The
// list itself was already verified (proof, issuer, purpose) by the library's checkStatus.
async function multiBitStatus({credentialStatus, documentLoader}) {
  const size = Number(credentialStatus.statusSize ?? 1);
  if(size === 1) {
    return {};
  }
  if(!Number.isInteger(size) || size < 1 || size > 8) {
    throw new Error(`statusSize ${credentialStatus.statusSize} is not an integer from 1 to 8`);
  }
  const messages = asList(credentialStatus.statusMessage);
  if(messages.length !== 2 ** size) {
    throw new Error(`statusMessage must have ${2 ** size} entries for statusSize ${size}`);
  }
  const {document} = await documentLoader(credentialStatus.statusListCredential);
  const list = await decodeList({encodedList: document.credentialSubject.encodedList});
  const index = Number.parseInt(credentialStatus.statusListIndex, 10);
  let value = 0;
  for(let bit = index * size; bit < (index + 1) * size; bit++) {
    value = value * 2 + (list.getStatus(bit) ? 1 : 0);
  }
  const message = messages.find(m => Number.parseInt(m.status, 16) === value);
  if(!message) {
    throw new Error(`statusMessage has no message for status 0x${value.toString(16)}`);
  }
  // A "message" status is in good standing only when its value is 0 (MIMIS: "valid").
  return {set: value !== 0, status: `0x${value.toString(16)}`, message: message.message};
}

// Run the Bitstring Status List check and record what it found in `report`.
async function statusCheck({credential, documentLoader, report}) {
  const result = await checkBitstringStatus({
    credential,
    documentLoader,
    suite: dataIntegritySuite(),
    verifyBitstringStatusListCredential: true,
    verifyMatchingIssuers: true
  });
  const entries = [];
  const errors = result.error ? errorMessages(result.error) : [];
  for(const {credentialStatus, status} of result.results || []) {
    const entry = {
      purpose: credentialStatus.statusPurpose,
      index: Number.parseInt(credentialStatus.statusListIndex, 10),
      statusListCredential: credentialStatus.statusListCredential,
      set: status
    };
    try {
      Object.assign(entry, await multiBitStatus({credentialStatus, documentLoader}));
    } catch(error) {
      errors.push(...errorMessages(error));
      result.verified = false;
    }
    entries.push(entry);
  }
  report.status = {verified: result.verified === true, entries};
  if(errors.length) {
    report.status.error = errors.join('; ');
  }
  const set = entries.filter(e => e.set).map(e => (e.message ? `${e.purpose} (${e.message})` : e.purpose));
  if(set.length) {
    report.errors.push(`status set: ${set.join(', ')}`);
  }
  return {...result, verified: result.verified === true && set.length === 0};
}

async function verifyDataIntegrity({credential, documentLoader, now}) {
  const report = {format: 'ldp', verified: false, proof: null, status: null, errors: []};
  const result = await vc.verifyCredential({
    credential,
    suite: dataIntegritySuite(),
    documentLoader,
    now,
    checkStatus: options => statusCheck({...options, report})
  });
  const proofResults = (result.results || []).filter(r => r && r.proof);
  if(proofResults.length) {
    const failed = proofResults.filter(r => !r.verified);
    report.proof = {verified: failed.length === 0};
    if(failed.length) {
      report.proof.error = failed.flatMap(r => errorMessages(r.error)).join('; ');
    }
  }
  if(result.error) {
    report.errors.push(...errorMessages(result.error));
  }
  report.verified = result.verified === true;
  return report;
}

async function verifyJwt({token, documentLoader, now}) {
  const report = {format: 'jwt', verified: false, proof: null, status: null, errors: []};
  let payload;
  try {
    const header = decodeProtectedHeader(token);
    if(typeof header.kid !== 'string' || !header.kid.includes('#')) {
      throw new Error('The JWT header has no kid naming a verification method');
    }
    const did = header.kid.slice(0, header.kid.indexOf('#'));
    const {document: method} = await documentLoader(header.kid);
    const {document: controller} = await documentLoader(did);
    const assertion = asList(controller.assertionMethod).map(
      m => (typeof m === 'object' ? m.id : m)).map(id => (id.startsWith('#') ? did + id : id));
    if(!assertion.includes(header.kid)) {
      throw new Error(`${header.kid} is not an assertionMethod of ${did}`);
    }
    if(method.controller !== did) {
      throw new Error(`${header.kid} is not controlled by ${did}`);
    }
    let jwk = method.publicKeyJwk;
    if(!jwk) {
      const keyPair = await EcdsaMultikey.from(method);
      jwk = await EcdsaMultikey.toJwk({keyPair});
    }
    const key = await importJWK(jwk, 'ES256');
    ({payload} = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      typ: 'vc+jwt',
      currentDate: now ? new Date(now) : undefined
    }));
    if(issuerId(payload) !== did) {
      throw new Error(`The credential issuer ${issuerId(payload)} does not control ${header.kid}`);
    }
    report.proof = {verified: true};
  } catch(error) {
    report.proof = {verified: false, error: errorMessages(error).join('; ')};
    report.errors.push(...errorMessages(error));
    return report;
  }
  try {
    // The VC data model checks of @digitalbazaar/vc (contexts, type, issuer, validFrom/validUntil).
    vc._checkCredential({credential: payload, now});
  } catch(error) {
    report.errors.push(...errorMessages(error));
    return report;
  }
  if(payload.credentialStatus) {
    const status = await statusCheck({credential: payload, documentLoader, report});
    report.verified = status.verified;
  } else {
    report.verified = true;
  }
  return report;
}

const job = readJob();
const documentLoader = makeDocumentLoader(job.documents);
const results = [];
for(const item of job.credentials || []) {
  let report;
  try {
    report = typeof item.jwt === 'string' ?
      await verifyJwt({token: item.jwt, documentLoader, now: job.now}) :
      await verifyDataIntegrity({credential: item.credential, documentLoader, now: job.now});
  } catch(error) {
    report = {verified: false, proof: null, status: null, errors: errorMessages(error)};
  }
  results.push({id: item.id, ...report});
}
writeResult({results});
