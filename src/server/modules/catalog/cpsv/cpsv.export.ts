/**
 * CPSV-AP 3.2.0 export of the service catalogue (Turtle and JSON-LD): the public entry.
 *
 * Pure functions: the input is read by the caller; nothing here touches the database or the network.
 * The mapping is documented in README.md beside this file; the conformance test validates the output against the
 * official SHACL shapes (0 sh:Violation).
 */
import { buildCatalogQuads } from './cpsv.mapping.ts';
import { quadsToJsonLd, quadsToTurtle } from './cpsv.serialise.ts';
import type { CatalogExportInput } from './cpsv.types.ts';

export { buildCatalogQuads } from './cpsv.mapping.ts';
export { NS, PREFIXES } from './cpsv.namespaces.ts';
export { CPSV_AP_CONTEXT_URL, cpsvDocumentLoader, jsonLdContext, quadsToNQuads } from './cpsv.serialise.ts';

export function toTurtle(input: CatalogExportInput): Promise<string> {
  return quadsToTurtle(buildCatalogQuads(input));
}

/** The catalogue as compacted JSON-LD with the official CPSV-AP 3.2.0 context (see {@link jsonLdContext}). */
export async function toJsonLd(input: CatalogExportInput): Promise<object> {
  return quadsToJsonLd(buildCatalogQuads(input));
}
