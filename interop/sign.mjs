// Sign credentials with Digital Bazaar's stack (Data Integrity) and jose (VC-JOSE), fully offline.
//
//   node interop/sign.mjs job.json      (or the job on standard input)
//
// Job: {
//   "documents": {"<url>": <JSON>, ...},   // at least the JSON-LD contexts the credentials use
//   "credentials": [
//     {"id": "...", "format": "ldp", "credential": {...}, "ed25519Seed": "<64 hex digits>",
//      "verificationMethod": "did:web:...#key", "created": "2026-01-01T00:00:00Z"},
//     {"id": "...", "format": "jwt", "credential": {...}, "p256Jwk": {"kty": "EC", "crv": "P-256",
//      "x": "...", "y": "...", "d": "..."}, "kid": "did:web:...#key"}
//   ]
// }
// Prints {"results": [{id, format, signed | jwt, publicKeyMultibase}]}. publicKeyMultibase is the
// signing key's Multikey encoding as Digital Bazaar computes it, so the caller can compare it with its
// own encoding of the same key.
//
// ldp: @digitalbazaar/vc issue() with DataIntegrityProof + eddsa-rdfc-2022 and an Ed25519 Multikey
// signer made from the seed by @digitalbazaar/ed25519-multikey.
// jwt: VC-JOSE-COSE compact JWS, header {alg: ES256, kid, typ: vc+jwt}, payload = the credential, signed
// by jose.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {importJWK, SignJWT} from 'jose';

import {errorMessages, makeDocumentLoader, readJob, writeResult} from './lib.mjs';

function hexToBytes(hex) {
  if(typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error('ed25519Seed must be 32 bytes as 64 hex digits');
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

async function signDataIntegrity(item, documentLoader) {
  const {verificationMethod} = item;
  const controller = verificationMethod.slice(0, verificationMethod.indexOf('#'));
  const keyPair = await Ed25519Multikey.generate({
    seed: hexToBytes(item.ed25519Seed), controller, id: verificationMethod
  });
  const suite = new DataIntegrityProof({
    signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: item.created
  });
  const signed = await vc.issue({
    credential: structuredClone(item.credential), suite, documentLoader
  });
  const {publicKeyMultibase} = await keyPair.export({publicKey: true});
  return {signed, publicKeyMultibase};
}

async function signJwt(item) {
  const {d, ...publicJwk} = item.p256Jwk;
  if(!d) {
    throw new Error('p256Jwk must be a private JWK (with d)');
  }
  const key = await importJWK(item.p256Jwk, 'ES256');
  const jwt = await new SignJWT(item.credential)
    .setProtectedHeader({alg: 'ES256', kid: item.kid, typ: 'vc+jwt'})
    .sign(key);
  const keyPair = await EcdsaMultikey.fromJwk({jwk: publicJwk});
  const {publicKeyMultibase} = await keyPair.export({publicKey: true});
  return {jwt, publicKeyMultibase};
}

const job = readJob();
const documentLoader = makeDocumentLoader(job.documents);
const results = [];
let failed = false;
for(const item of job.credentials || []) {
  try {
    const out = item.format === 'jwt' ?
      await signJwt(item) : await signDataIntegrity(item, documentLoader);
    results.push({id: item.id, format: item.format, ...out});
  } catch(error) {
    failed = true;
    results.push({id: item.id, format: item.format, errors: errorMessages(error)});
  }
}
writeResult({results});
process.exitCode = failed ? 1 : 0;
