// Credentials "from other issuers", signed by Digital Bazaar's JavaScript stack (not by mimis.vc).
// Run in a directory where the packages listed in README.md are installed:
//   node make-other-issuers.mjs /path/to/tests/vc/data
// Keys are fixed seeds (Ed25519 is deterministic), so re-running gives the same files.
import jsigs from 'jsonld-signatures';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as cc2 from '@digitalbazaar/credentials-context';
import cc1 from 'credentials-context';
import edctx from 'ed25519-signature-2020-context';
import sl2021 from '@digitalbazaar/vc-status-list-context';
import * as bsl from '@digitalbazaar/vc-bitstring-status-list-context';
import ex1 from '@digitalbazaar/credentials-examples-context';
import odrl from '@digitalbazaar/odrl-context';
import fs from 'fs';
import zlib from 'zlib';
const {purposes: {AssertionProofPurpose, AuthenticationProofPurpose}} = jsigs;
const out = process.argv[2] || '.';

const docs = new Map([...cc2.contexts, ...cc1.contexts, ...edctx.contexts, ...sl2021.contexts, ...bsl.contexts]);
docs.set(ex1.CONTEXT_URL_V1, ex1.CONTEXT_V1);
docs.set(odrl.CONTEXT_URL_V1, odrl.CONTEXT_V1);
docs.set('https://www.w3.org/ns/credentials/examples/v2', {'@context': {'@vocab': 'https://www.w3.org/ns/credentials/examples#'}});
docs.set('https://w3id.org/security/multikey/v1', JSON.parse(fs.readFileSync(new URL('./node_modules/@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld', import.meta.url))));

const seed = hex => new Uint8Array(Buffer.from(hex, 'hex'));
// Ed25519Signature2020 key (VC 1.1 issuer) and two Multikeys (VC 2.0 issuer and a second signer).
const ed2020 = await Ed25519VerificationKey2020.generate({seed: seed('11'.repeat(32))});
ed2020.controller = 'did:key:' + ed2020.fingerprint(); ed2020.id = ed2020.controller + '#' + ed2020.fingerprint();
const multikeys = [];
for (const s of ['22', '33']) {
  const probe = await Ed25519Multikey.generate({seed: seed(s.repeat(32))});
  const did = 'did:key:' + probe.publicKeyMultibase;
  multikeys.push(await Ed25519Multikey.generate({seed: seed(s.repeat(32)), controller: did, id: did + '#' + probe.publicKeyMultibase}));
}
const [issuerKey, witnessKey] = multikeys;

const loader = async url => {
  if (docs.has(url)) return {contextUrl: null, documentUrl: url, document: structuredClone(docs.get(url))};
  if (url.startsWith(ed2020.controller)) {
    if (url.includes('#')) return {contextUrl: null, documentUrl: url, document: ed2020.export({publicKey: true, includeContext: true})};
    return {contextUrl: null, documentUrl: url, document: {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'], id: ed2020.controller, verificationMethod: [ed2020.export({publicKey: true})], assertionMethod: [ed2020.id]}};
  }
  for (const kp of multikeys) {
    if (url.startsWith(kp.controller)) {
      const vm = await kp.export({publicKey: true, includeContext: true});
      if (url.includes('#')) return {contextUrl: null, documentUrl: url, document: vm};
      return {contextUrl: null, documentUrl: url, document: {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: kp.controller, verificationMethod: [await kp.export({publicKey: true})], assertionMethod: [kp.id], authentication: [kp.id]}};
    }
  }
  throw new Error('unknown ' + url);
};

const encodedList = setBits => {
  const bits = Buffer.alloc(131072 / 8);
  for (const i of setBits) bits[i >> 3] |= 0x80 >> (i % 8);
  return zlib.gzipSync(bits).toString('base64url');
};

const sign2020 = async (doc, date) => {
  const signed = await jsigs.sign(doc, {suite: new Ed25519Signature2020({key: ed2020, date}), purpose: new AssertionProofPurpose(), documentLoader: loader});
  const res = await jsigs.verify(signed, {suite: new Ed25519Signature2020(), purpose: new AssertionProofPurpose(), documentLoader: loader});
  if (!res.verified) { console.error(JSON.stringify(res, null, 1)); process.exit(1); }
  return signed;
};
const signDI = async (doc, kp, date) => {
  const signed = await jsigs.sign(doc, {suite: new DataIntegrityProof({signer: kp.signer(), cryptosuite, date}), purpose: new AssertionProofPurpose(), documentLoader: loader});
  const res = await jsigs.verify(signed, {suite: new DataIntegrityProof({cryptosuite}), purpose: new AssertionProofPurpose(), documentLoader: loader});
  if (!res.verified) { console.error(JSON.stringify(res, null, 1)); process.exit(1); }
  return signed;
};
const write = (name, doc) => fs.writeFileSync(`${out}/${name}`, JSON.stringify(doc, null, 2) + '\n');

// 1. VC 1.1, Ed25519Signature2020, StatusList2021: a list with bit 7 set, a credential at index 3
//    (not revoked) and one at index 7 (revoked).
const listUrl2021 = 'https://status.example.org/lists/2021/1';
const v11 = index => ({
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1', 'https://w3id.org/vc/status-list/2021/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: `urn:uuid:2f1b7c3e-0000-4000-8000-00000000000${index}`,
  type: ['VerifiableCredential', 'UniversityDegreeCredential'],
  issuer: ed2020.controller,
  issuanceDate: '2023-06-01T00:00:00Z',
  credentialSubject: {id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: {type: 'BachelorDegree', name: 'Bachelor of Science and Arts'}},
  credentialStatus: {id: `${listUrl2021}#${index}`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: listUrl2021},
});
write('jsigs-ed25519-signature-2020-vc11-statuslist2021.json', await sign2020(v11(3), '2023-06-01T00:00:00Z'));
write('jsigs-ed25519-signature-2020-vc11-statuslist2021-revoked.json', await sign2020(v11(7), '2023-06-01T00:00:00Z'));
write('jsigs-ed25519-signature-2020-statuslist2021-list.json', await sign2020({
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: listUrl2021,
  type: ['VerifiableCredential', 'StatusList2021Credential'],
  issuer: ed2020.controller,
  issuanceDate: '2023-06-01T00:00:00Z',
  credentialSubject: {id: listUrl2021 + '#list', type: 'StatusList2021', statusPurpose: 'revocation', encodedList: encodedList([7])},
}, '2023-06-01T00:00:00Z'));

// 2. VC 2.0, eddsa-rdfc-2022, with the status/v1 and examples/v2 contexts and a Bitstring Status List
//    entry (index 5, bit 5 set in the list: suspended).
const listUrlBsl = 'https://status.example.org/lists/bitstring/1';
write('jsigs-eddsa-rdfc-2022-vc20-bitstring.json', await signDI({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/status/v1', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:7b2c9d1e-0000-4000-8000-000000000005',
  type: ['VerifiableCredential', 'ExampleMembershipCredential'],
  issuer: {id: issuerKey.controller, name: 'Example Club'},
  validFrom: '2024-01-01T00:00:00Z',
  validUntil: '2099-01-01T00:00:00Z',
  credentialSubject: {id: 'did:example:member', memberOf: 'Example Club'},
  credentialStatus: {id: `${listUrlBsl}#5`, type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListIndex: '5', statusListCredential: listUrlBsl},
}, issuerKey, '2024-01-01T00:00:00Z'));
write('jsigs-eddsa-rdfc-2022-bitstring-list.json', await signDI({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: listUrlBsl,
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: issuerKey.controller,
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: {id: listUrlBsl + '#list', type: 'BitstringStatusList', statusPurpose: 'suspension', encodedList: 'u' + encodedList([5])},
}, issuerKey, '2024-01-01T00:00:00Z'));

// 3. VC 2.0 plain credential with a proof set: the issuer's proof and a second signer's.
const plain = await signDI({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:7b2c9d1e-0000-4000-8000-000000000009',
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer: issuerKey.controller,
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: {id: 'did:example:alumna', alumniOf: 'The School of Examples'},
}, issuerKey, '2024-01-01T00:00:00Z');
write('jsigs-eddsa-rdfc-2022-vc20-plain.json', plain);
write('jsigs-eddsa-rdfc-2022-vc20-proof-set.json', await signDI(plain, witnessKey, '2024-01-02T00:00:00Z'));
// 4. A VC 2.0 presentation of the plain credential by its holder (the second key), for a verifier's
//    challenge and domain (proofPurpose authentication).
const challenge = '1f44d55f-f161-4938-a659-f8026467f126';
const domain = 'verifier.example';
const presentation = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:3a4b5c6d-0000-4000-8000-000000000001',
  type: ['VerifiablePresentation'],
  holder: witnessKey.controller,
  verifiableCredential: [plain],
};
const vp = await jsigs.sign(presentation, {suite: new DataIntegrityProof({signer: witnessKey.signer(), cryptosuite, date: '2024-02-01T00:00:00Z'}), purpose: new AuthenticationProofPurpose({challenge, domain}), documentLoader: loader});
const vpRes = await jsigs.verify(vp, {suite: new DataIntegrityProof({cryptosuite}), purpose: new AuthenticationProofPurpose({challenge, domain}), documentLoader: loader});
if (!vpRes.verified) { console.error(JSON.stringify(vpRes, null, 1)); process.exit(1); }
write('jsigs-eddsa-rdfc-2022-vp20.json', vp);
console.log(JSON.stringify({ed2020: ed2020.controller, issuer: issuerKey.controller, witness: witnessKey.controller}));
