/**
 * Namespaces and prefixes of the CPSV-AP 3.2.0 export, and the IRIs it mints under `${publicUrl}/id/…`.
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';

const { namedNode } = DataFactory;

export const NS = {
  adms: 'http://www.w3.org/ns/adms#',
  cpsv: 'http://purl.org/vocab/cpsv#',
  /** CPSV-AP 3.x core vocabulary namespace (written `cv:` in the official example, `m8g:` elsewhere). */
  cv: 'http://data.europa.eu/m8g/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  locn: 'http://www.w3.org/ns/locn#',
  org: 'http://www.w3.org/ns/org#',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'http://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  time: 'http://www.w3.org/2006/time#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export type Prefix = keyof typeof NS;
export const iri = (prefix: Prefix, local: string): NamedNode => namedNode(NS[prefix] + local);

export const RDF_TYPE = iri('rdf', 'type');

/** Prefixes used in the Turtle output (and as a local context next to the official one in JSON-LD). */
export const PREFIXES: Record<string, string> = {
  cpsv: NS.cpsv,
  cv: NS.cv,
  dct: NS.dct,
  dcat: NS.dcat,
  adms: NS.adms,
  eli: NS.eli,
  foaf: NS.foaf,
  locn: NS.locn,
  org: NS.org,
  owl: NS.owl,
  rdfs: NS.rdfs,
  schema: NS.schema,
  skos: NS.skos,
  time: NS.time,
  xsd: NS.xsd,
};

/**
 * The IRIs minted for one export: `${base}/id/{kind}/{id}` (identifiers percent-encoded as one path segment);
 * identifiers of sub-resources are `<parent IRI>/<path>`, built where the sub-resource is written.
 */
export class CpsvIris {
  /** `base`: the public URL, already validated, without trailing slashes. */
  constructor(readonly base: string) {}

  id(path: string): NamedNode {
    return namedNode(`${this.base}/id/${path}`);
  }
  seg(value: string): string {
    return encodeURIComponent(value);
  }
  catalog(): NamedNode {
    return this.id('catalog');
  }
  service(serviceId: string): NamedNode {
    return this.id(`service/${this.seg(serviceId)}`);
  }
  organisation(tenantId: string): NamedNode {
    return this.id(`organisation/${this.seg(tenantId)}`);
  }
  location(tenantId: string): NamedNode {
    return this.id(`location/${this.seg(tenantId)}`);
  }
  dataset(tenantId: string): NamedNode {
    return this.id(`dataset/${this.seg(tenantId)}`);
  }
  office(officeId: string): string {
    return `${this.base}/id/office/${this.seg(officeId)}`;
  }
  event(code: string): NamedNode {
    return this.id(`event/${this.seg(code)}`);
  }
  /** `key`: already a safe path segment (slug and hash). */
  legalResource(key: string): NamedNode {
    return this.id(`legal-resource/${key}`);
  }
  /** A local concept scheme (`scheme` is one of the fixed local scheme names). */
  scheme(scheme: string): string {
    return `${this.base}/id/scheme/${scheme}`;
  }
  localConcept(scheme: string, code: string): string {
    return `${this.base}/id/concept/${scheme}/${this.seg(code)}`;
  }
  /** The service in the public REST API. */
  apiService(serviceId: string): NamedNode {
    return namedNode(`${this.base}/api/v1/services/${this.seg(serviceId)}`);
  }
}
