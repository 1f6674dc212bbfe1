/**
 * Serialisation of the CPSV-AP quads: Turtle and N-Quads (n3 Writer), compacted JSON-LD (jsonld) with the official
 * CPSV-AP 3.2.0 context served offline by {@link cpsvDocumentLoader}.
 */
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Writer } from 'n3';
import type { Quad } from 'n3';
import { NS, PREFIXES, RDF_TYPE, type Prefix } from './cpsv.namespaces.ts';

/** Canonical URL of the official CPSV-AP 3.2.0 JSON-LD context (a local copy is served by {@link cpsvDocumentLoader}). */
export const CPSV_AP_CONTEXT_URL = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld';
/** The same file under the address the official 3.2.0 example uses. */
const CPSV_AP_CONTEXT_URL_ALIASES = [
  CPSV_AP_CONTEXT_URL,
  'https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld',
];

// ---------------------------------------------------------------------------------------------------------------
// Turtle, N-Quads

function write(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer(options);
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

export function quadsToNQuads(quads: Quad[]): Promise<string> {
  return write(quads, { format: 'N-Quads' });
}

export function quadsToTurtle(quads: Quad[]): Promise<string> {
  return write(quads, { format: 'Turtle', prefixes: PREFIXES });
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-LD

let contextCache: object | undefined;
function officialContext(): object {
  contextCache ??= JSON.parse(readFileSync(new URL('./cpsv-ap-3.2.0.context.jsonld', import.meta.url), 'utf8')) as object;
  return contextCache;
}

/**
 * jsonld document loader that serves the local copy of the CPSV-AP 3.2.0 context and refuses every other URL
 * (the export never goes to the network).
 */
export async function cpsvDocumentLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: object }> {
  if (CPSV_AP_CONTEXT_URL_ALIASES.includes(url)) {
    return { contextUrl: null, documentUrl: url, document: officialContext() };
  }
  throw new Error(`CPSV-AP export: refusing to load ${url} (only the CPSV-AP 3.2.0 context is available offline)`);
}

/** Properties that the shapes (maxCount 1) or OWL-Time make single-valued: written as plain values, not arrays. */
const SINGLE_VALUED = new Set(
  [
    'dct:identifier', 'dct:modified', 'dct:publisher', 'adms:status', 'cv:processingTime', 'cv:hasValue', 'cv:currency',
    'cv:ifAccessedThrough', 'owl:versionInfo', 'locn:postCode', 'time:hasBeginning', 'time:hasEnd', 'time:inDateTime',
    'time:dayOfWeek', 'time:hour', 'time:minute', 'time:unitType',
  ].map((curie) => {
    const [prefix, local] = curie.split(':') as [Prefix, string];
    return NS[prefix] + local;
  }),
);

function curie(iriValue: string): string | undefined {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iriValue.startsWith(ns) && /^[A-Za-z_][\w.-]*$/.test(iriValue.slice(ns.length))) return `${prefix}:${iriValue.slice(ns.length)}`;
  }
  return undefined;
}

/**
 * The context of the JSON-LD output: the official CPSV-AP 3.2.0 context, then a local context that
 *  - declares the prefixes,
 *  - switches off the official property terms ("Cost.identifier", "Dataset.hasPart", …) of the properties used, and
 *    the "Code" alias of skos:Concept: they are not scoped to their class, so the compactor would pick any alias of
 *    a property by length (a service's identifier came out as "Dataset.identifier"), and their rdf:langString
 *    coercions can never match a language-tagged string. See README.md;
 *  - defines one term per property used, named by its compact IRI ("cv:hasChannel"), with the value coercion
 *    (@id or datatype) and @set for multi-valued properties, so that values are plain strings and arrays.
 * The official class terms ("PublicService", "Channel", "Cost", …) stay, as in the official example.
 */
export function jsonLdContext(quads: Quad[]): [string, Record<string, unknown>] {
  const local: Record<string, unknown> = { ...PREFIXES };
  const kinds = new Map<string, Set<string>>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE.value) continue;
    const o = q.object;
    const kind =
      o.termType === 'NamedNode' ? '@id' : o.termType === 'Literal' ? (o.language ? '@language' : o.datatype.value) : '@other';
    const set = kinds.get(q.predicate.value) ?? new Set<string>();
    set.add(kind);
    kinds.set(q.predicate.value, set);
  }
  const official = (officialContext() as { '@context': Record<string, unknown> })['@context'];
  for (const [term, definition] of Object.entries(official)) {
    const target = typeof definition === 'string' ? definition : (definition as { '@id'?: string })['@id'];
    if ((term.includes('.') && target && kinds.has(target)) || term === 'Code') local[term] = null;
  }
  for (const [predicate, set] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
    const term = curie(predicate);
    if (!term) continue;
    const definition: Record<string, string> = { '@id': predicate };
    const [only] = set;
    if (set.size === 1 && only === '@id') definition['@type'] = '@id';
    else if (set.size === 1 && only !== '@language' && only !== '@other' && only !== `${NS.xsd}string`) definition['@type'] = only;
    if (!SINGLE_VALUED.has(predicate)) definition['@container'] = '@set';
    local[term] = definition;
  }
  return [CPSV_AP_CONTEXT_URL, local];
}

/** The quads as compacted JSON-LD with the official CPSV-AP 3.2.0 context (see {@link jsonLdContext}). */
export async function quadsToJsonLd(quads: Quad[]): Promise<object> {
  // RDF/JS quads go straight in: jsonld's own N-Quads parser is quadratic (≈5 s for 20k triples, minutes for 100k).
  const expanded = await jsonld.fromRDF(quads);
  // The @types/jsonld signatures lag behind jsonld 9 (context arrays, promise-only loaders).
  const compact = jsonld.compact as unknown as (doc: unknown, ctx: unknown, options: object) => Promise<object>;
  // fromRDF already gives expanded JSON-LD: skipping the second expansion makes compaction ~4× faster.
  return compact(expanded, jsonLdContext(quads), { documentLoader: cpsvDocumentLoader, skipExpansion: true });
}
