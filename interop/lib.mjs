// Shared pieces of the interoperability scripts: reading a job, an offline document loader, errors.
import fs from 'node:fs';

import {contexts as shippedContexts} from '@digitalbazaar/credentials-context';

// Read the job (JSON) from the file named on the command line, or from standard input.
export function readJob() {
  const path = process.argv[2];
  const text = path && path !== '-' ? fs.readFileSync(path, 'utf8') : fs.readFileSync(0, 'utf8');
  return JSON.parse(text);
}

function sortedJson(value) {
  if(Array.isArray(value)) {
    return value.map(sortedJson);
  }
  if(value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortedJson(value[k])]));
  }
  return value;
}

function sameJson(a, b) {
  return JSON.stringify(sortedJson(a)) === JSON.stringify(sortedJson(b));
}

function asList(value) {
  if(value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

// The verification method `url` (an absolute "did...#fragment") described in the DID document `doc`.
function findMethod(doc, url) {
  const candidates = [
    ...asList(doc.verificationMethod),
    ...['assertionMethod', 'authentication'].flatMap(
      rel => asList(doc[rel]).filter(m => m && typeof m === 'object'))
  ];
  for(const method of candidates) {
    const id = method.id && method.id.startsWith('#') ? doc.id + method.id : method.id;
    if(id === url) {
      return {...method, id};
    }
  }
  return undefined;
}

// A document loader that serves only the job's documents (URL -> JSON): JSON-LD contexts, DID
// documents and status-list credentials. A verification-method URL ("<did>#<fragment>") is answered
// from its DID document. Anything else is an error: the network is never used.
//
// A context the job gives for a URL that Digital Bazaar also ships (the VC v1 and v2 contexts) must be
// identical to Digital Bazaar's copy, so a changed bundled context in MIMIS cannot go unnoticed.
export function makeDocumentLoader(documents) {
  const table = new Map(Object.entries(documents || {}));
  for(const [url, document] of table) {
    if(shippedContexts.has(url) && !sameJson(shippedContexts.get(url), document)) {
      throw new Error(`The context given for ${url} differs from the one Digital Bazaar ships`);
    }
  }
  return async function documentLoader(url) {
    if(table.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(table.get(url))};
    }
    const hash = url.indexOf('#');
    if(hash > 0 && table.has(url.slice(0, hash))) {
      const controller = table.get(url.slice(0, hash));
      const method = findMethod(controller, url);
      if(method) {
        return {
          contextUrl: null,
          documentUrl: url,
          document: {'@context': controller['@context'], ...structuredClone(method)}
        };
      }
    }
    throw new Error(`Document loader: ${url} is not among the job's documents (no network access)`);
  };
}

// Every message of an error and of the errors and causes it carries, outermost first.
export function errorMessages(error) {
  const out = [];
  const seen = new Set();
  const walk = e => {
    if(!e || seen.has(e)) {
      return;
    }
    seen.add(e);
    if(e.message) {
      out.push(String(e.message));
    } else if(typeof e === 'string') {
      out.push(e);
    }
    for(const inner of asList(e.errors)) {
      walk(inner);
    }
    walk(e.cause);
  };
  walk(error);
  return out;
}

export function writeResult(result) {
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

export {asList};
