/**
 * CPSV-AP 3.2.0 export of the service catalogue (Turtle and JSON-LD).
 *
 * Pure functions: the input is read by the caller; nothing here touches the database or the network.
 * The mapping is documented in README.md beside this file; the conformance test validates the output against the
 * official SHACL shapes (0 sh:Violation).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { DataFactory, Writer } from 'n3';
import type { Literal, NamedNode, Quad } from 'n3';
import { CATEGORIES, LIFE_EVENTS, type VocabularyEntry } from '../../../../contracts/vocabularies.ts';
import type { CatalogExportInput, CatalogExportOffice, CatalogExportService, CatalogExportTenant } from './cpsv.types.ts';

const { namedNode, literal, quad } = DataFactory;

// ---------------------------------------------------------------------------------------------------------------
// Namespaces

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

type Prefix = keyof typeof NS;
const iri = (prefix: Prefix, local: string): NamedNode => namedNode(NS[prefix] + local);

const RDF_TYPE = iri('rdf', 'type');

/** Canonical URL of the official CPSV-AP 3.2.0 JSON-LD context (a local copy is served by {@link cpsvDocumentLoader}). */
export const CPSV_AP_CONTEXT_URL = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld';
/** The same file under the address the official 3.2.0 example uses. */
const CPSV_AP_CONTEXT_URL_ALIASES = [
  CPSV_AP_CONTEXT_URL,
  'https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld',
];
const CPSV_AP_SPEC_URL = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/';

// ---------------------------------------------------------------------------------------------------------------
// Well-known concepts (EU Publications Office authority tables, AgID OntoPiA) and local schemes

const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';
const LANGUAGE_ITA = `${EU_AUTHORITY}language/ITA`;
const CURRENCY_EUR = `${EU_AUTHORITY}currency/EUR`;
const FREQUENCY_WEEKLY = `${EU_AUTHORITY}frequency/WEEKLY`;

/** AgID OntoPiA controlled vocabulary "canali di erogazione dei servizi" (agid:D.5). */
const CHANNEL_SCHEME = 'https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/channel';
const CHANNEL_TYPES = {
  /** 02.3 Applicazione Web */
  online: { uri: `${CHANNEL_SCHEME}/023`, notation: '02.3', it: 'Applicazione Web', en: 'Web Application' },
  /** 01.1 Non telematico diretto (face-to-face contact between the person and the administration) */
  desk: { uri: `${CHANNEL_SCHEME}/011`, notation: '01.1', it: 'Non telematico diretto', en: 'Direct non-electronic' },
} as const;

interface Labels {
  it: string;
  en: string;
}

/** Local schemes: the platform's own code lists, published under `${publicUrl}/id/scheme/…`. */
const LOCAL_SCHEMES: Record<string, Labels> = {
  'service-status': { it: 'Stato del servizio', en: 'Service status' },
  audience: { it: 'Destinatari del servizio', en: 'Service audience' },
  'tenant-type': { it: 'Tipo di ente', en: 'Type of public body' },
  category: { it: 'Categorie dei servizi', en: 'Service categories' },
  'life-event': { it: 'Eventi della vita', en: 'Life events' },
};

const STATUS_LABELS: Record<string, Labels> = {
  active: { it: 'Attivo', en: 'Active' },
  inactive: { it: 'Non attivo', en: 'Inactive' },
};

const AUDIENCE_LABELS: Record<string, Labels> = {
  citizens: { it: 'Cittadini', en: 'Citizens' },
  businesses: { it: 'Imprese', en: 'Businesses' },
  professionals: { it: 'Professionisti', en: 'Professionals' },
  associations: { it: 'Associazioni', en: 'Associations' },
  public_bodies: { it: 'Enti pubblici', en: 'Public bodies' },
};

const TENANT_TYPE_LABELS: Record<string, Labels> = {
  comune: { it: 'Comune', en: 'Municipality' },
  unione_comuni: { it: 'Unione di comuni', en: 'Union of municipalities' },
  comunita_valle: { it: 'Comunità di valle', en: 'Valley community' },
  provincia: { it: 'Provincia', en: 'Province' },
  social_district: { it: 'Ambito territoriale sociale', en: 'Social services district' },
};

const DAYS: Array<{ iri: string; it: string }> = [
  { iri: 'Monday', it: 'lunedì' },
  { iri: 'Tuesday', it: 'martedì' },
  { iri: 'Wednesday', it: 'mercoledì' },
  { iri: 'Thursday', it: 'giovedì' },
  { iri: 'Friday', it: 'venerdì' },
  { iri: 'Saturday', it: 'sabato' },
  { iri: 'Sunday', it: 'domenica' },
];

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function clean(text: string | undefined | null): string {
  return (text ?? '').trim();
}

/** A short title from a possibly long text: its first line, cut at a word boundary. */
function headline(text: string, max = 200): string {
  const first = clean(text.split(/\r?\n/)[0]);
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'x';
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The URL normalised by WHATWG URL, or undefined when it is not an absolute http(s) URL. */
function httpUrl(value: string | undefined): string | undefined {
  const v = clean(value);
  if (!v) return undefined;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isAbsoluteIri(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && !/[\s<>"{}|\\^`]/.test(value);
  } catch {
    return false;
  }
}

/** The scheme of an external concept: the IRI before its '#', or its parent path. */
function parentScheme(uri: string): string | undefined {
  const hash = uri.indexOf('#');
  const candidate = hash > 0 ? uri.slice(0, hash) : uri.replace(/\/+$/, '').replace(/\/[^/]*$/, '');
  try {
    return new URL(candidate).pathname.length > 1 ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function parseTime(hhmm: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clean(hhmm));
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 24 && minute < 60 ? { hour, minute } : undefined;
}

/**
 * Euro amount as the canonical xsd:double lexical form ("2.221E1", "0.0E0"): the form JSON-LD processors produce,
 * so the Turtle and JSON-LD exports hold identical literals.
 */
function euro(amountCents: number): string {
  const [mantissa, exponent] = (Math.round(amountCents) / 100).toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Graph builder: deduplicates triples, groups them by subject for readable Turtle.

class Graph {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly seen = new Set<string>();

  add(s: NamedNode, p: NamedNode, o: NamedNode | Literal): void {
    const key = `${s.value}\u0000${p.value}\u0000${o.termType}\u0000${o.value}\u0000${
      o.termType === 'Literal' ? `${o.language}\u0000${o.datatype.value}` : ''
    }`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let list = this.bySubject.get(s.value);
    if (!list) this.bySubject.set(s.value, (list = []));
    list.push(quad(s, p, o));
  }

  type(s: NamedNode, ...classes: NamedNode[]): void {
    for (const c of classes) this.add(s, RDF_TYPE, c);
  }

  /** A language-tagged string, skipped when empty. */
  text(s: NamedNode, p: NamedNode, value: string | undefined, lang = 'it'): void {
    const v = clean(value);
    if (v) this.add(s, p, literal(v, lang));
  }

  /** A plain (xsd:string) literal, skipped when empty. */
  plain(s: NamedNode, p: NamedNode, value: string | undefined): void {
    const v = clean(value);
    if (v) this.add(s, p, literal(v));
  }

  typed(s: NamedNode, p: NamedNode, value: string, datatype: string): void {
    this.add(s, p, literal(value, namedNode(NS.xsd + datatype)));
  }

  quads(): Quad[] {
    return [...this.bySubject.values()].flat();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Export

interface ConceptDef {
  labels: Labels;
  scheme: string;
  notation?: string;
  extraTypes?: NamedNode[];
}

class CatalogExporter {
  private readonly g = new Graph();
  private readonly base: string;
  private readonly concepts = new Map<string, ConceptDef>();
  private readonly schemes = new Map<string, Labels | undefined>();
  private readonly categories: Map<string, VocabularyEntry>;
  private readonly lifeEvents: Map<string, VocabularyEntry>;
  private readonly tenants = new Map<string, CatalogExportTenant>();
  private readonly languageIta = namedNode(LANGUAGE_ITA);

  constructor(private readonly input: CatalogExportInput) {
    const base = clean(input.publicUrl).replace(/\/+$/, '');
    if (!httpUrl(base)) throw new Error(`CPSV-AP export: publicUrl must be an absolute http(s) URL, got "${input.publicUrl}"`);
    this.base = base;
    this.categories = new Map((input.vocabularies?.categories ?? CATEGORIES).map((e) => [e.code, e]));
    this.lifeEvents = new Map((input.vocabularies?.lifeEvents ?? LIFE_EVENTS).map((e) => [e.code, e]));
    for (const t of input.tenants) this.tenants.set(t.id, t);
  }

  // IRIs ---------------------------------------------------------------------------------------------------------
  private id(path: string): NamedNode {
    return namedNode(`${this.base}/id/${path}`);
  }
  private seg(value: string): string {
    return encodeURIComponent(value);
  }
  private serviceIri(s: CatalogExportService): NamedNode {
    return this.id(`service/${this.seg(s.id)}`);
  }
  private organisationIri(tenantId: string): NamedNode {
    return this.id(`organisation/${this.seg(tenantId)}`);
  }
  private locationIri(tenantId: string): NamedNode {
    return this.id(`location/${this.seg(tenantId)}`);
  }
  private datasetIri(tenantId: string): NamedNode {
    return this.id(`dataset/${this.seg(tenantId)}`);
  }
  private officeIri(office: CatalogExportOffice): string {
    return `${this.base}/id/office/${this.seg(office.id)}`;
  }

  // Concepts -------------------------------------------------------------------------------------------------------
  private concept(uri: string, def: ConceptDef): NamedNode {
    const existing = this.concepts.get(uri);
    if (!existing) this.concepts.set(uri, def);
    if (!this.schemes.has(def.scheme)) this.schemes.set(def.scheme, undefined);
    return namedNode(uri);
  }

  private localConcept(scheme: string, code: string, labels: Labels): NamedNode {
    const schemeIri = `${this.base}/id/scheme/${scheme}`;
    this.schemes.set(schemeIri, LOCAL_SCHEMES[scheme]);
    return this.concept(`${this.base}/id/concept/${scheme}/${this.seg(code)}`, { labels, scheme: schemeIri, notation: code });
  }

  /** A concept from a controlled vocabulary of vocabularies.ts, or a local one when the code or its URI is unknown. */
  private vocabularyConcept(kind: 'category' | 'life-event', code: string, entry: VocabularyEntry | undefined): NamedNode {
    const uri = clean(entry?.uri);
    const labels = { it: clean(entry?.it) || code, en: clean(entry?.en) || clean(entry?.it) || code };
    const scheme = uri && isAbsoluteIri(uri) ? parentScheme(uri) : undefined;
    if (!scheme) return this.localConcept(kind, code, labels);
    return this.concept(uri, { labels, scheme, notation: code });
  }

  private languageConcept(): NamedNode {
    return this.concept(LANGUAGE_ITA, {
      labels: { it: 'italiano', en: 'Italian' },
      scheme: `${EU_AUTHORITY}language`,
      notation: 'ITA',
      extraTypes: [iri('dct', 'LinguisticSystem')],
    });
  }

  private writeConcepts(): void {
    const g = this.g;
    for (const [uri, def] of this.concepts) {
      const c = namedNode(uri);
      g.type(c, iri('skos', 'Concept'), ...(def.extraTypes ?? []));
      g.text(c, iri('skos', 'prefLabel'), def.labels.it, 'it');
      g.text(c, iri('skos', 'prefLabel'), def.labels.en, 'en');
      g.plain(c, iri('skos', 'notation'), def.notation);
      g.add(c, iri('skos', 'inScheme'), namedNode(def.scheme));
    }
    for (const [uri, title] of this.schemes) {
      const s = namedNode(uri);
      g.type(s, iri('skos', 'ConceptScheme'));
      if (title) {
        g.text(s, iri('dct', 'title'), title.it, 'it');
        g.text(s, iri('dct', 'title'), title.en, 'en');
      }
    }
  }

  // Build ----------------------------------------------------------------------------------------------------------
  build(): Quad[] {
    this.schemes.set(CHANNEL_SCHEME, {
      it: 'Vocabolario controllato dei canali di erogazione dei servizi',
      en: 'Controlled Vocabulary of the Channels for Public Services',
    });
    const servicesByTenant = new Map<string, CatalogExportService[]>();
    for (const s of this.input.services) {
      if (!this.tenants.has(s.tenantId)) {
        throw new Error(`CPSV-AP export: service ${s.id} belongs to tenant ${s.tenantId}, which is not in the input`);
      }
      const list = servicesByTenant.get(s.tenantId) ?? [];
      list.push(s);
      servicesByTenant.set(s.tenantId, list);
    }

    this.writeCatalog();
    for (const tenant of this.input.tenants) {
      this.writeOrganisation(tenant);
      this.writeDataset(tenant, servicesByTenant.get(tenant.id) ?? []);
    }
    const events = new Map<string, CatalogExportService[]>();
    for (const s of this.input.services) {
      this.writeService(s);
      for (const code of new Set(s.card.lifeEvents)) {
        const list = events.get(code) ?? [];
        list.push(s);
        events.set(code, list);
      }
    }
    for (const [code, services] of events) this.writeEvent(code, services);
    this.writeConcepts();
    return this.g.quads();
  }

  private writeCatalog(): void {
    const g = this.g;
    const c = this.id('catalog');
    g.type(c, iri('dcat', 'Catalog'));
    g.text(c, iri('dct', 'title'), 'Catalogo dei servizi pubblici', 'it');
    g.text(c, iri('dct', 'title'), 'Public service catalogue', 'en');
    g.text(
      c,
      iri('dct', 'description'),
      'Servizi pubblici degli enti presenti su Sportello, descritti secondo CPSV-AP 3.2.0.',
      'it',
    );
    g.typed(c, iri('dct', 'modified'), this.input.generatedAt.toISOString(), 'dateTime');
    g.add(c, iri('dct', 'conformsTo'), namedNode(CPSV_AP_SPEC_URL));
    g.add(c, iri('dct', 'language'), this.languageConcept());
    for (const t of this.input.tenants) g.add(c, iri('dcat', 'dataset'), this.datasetIri(t.id));
  }

  private writeOrganisation(t: CatalogExportTenant): void {
    const g = this.g;
    const o = this.organisationIri(t.id);
    // PublicOrganisation is a subclass of org:Organization and foaf:Agent in the model; the shapes check classes
    // without inference, so the super-classes used as ranges elsewhere (Cost.isDefinedBy, Channel.ownedBy,
    // Dataset.publisher) are stated explicitly.
    g.type(o, iri('cv', 'PublicOrganisation'), iri('org', 'Organization'), iri('foaf', 'Agent'));
    g.text(o, iri('skos', 'prefLabel'), t.name);
    g.text(o, iri('dct', 'title'), t.name); // Agent.name
    g.plain(o, iri('dct', 'identifier'), t.ipaCode); // one identifier (Agent.identifier 1..1): the IPA code
    this.identifier(o, 'ipa', t.ipaCode, 'Indice dei domicili digitali della PA (IPA)');
    this.identifier(o, 'cf', t.fiscalCode, 'Agenzia delle Entrate (codice fiscale)');
    const typeLabels = TENANT_TYPE_LABELS[t.type];
    if (clean(t.type)) {
      g.add(o, iri('dct', 'type'), this.localConcept('tenant-type', t.type, typeLabels ?? { it: t.type, en: t.type }));
    }
    const location = this.locationIri(t.id);
    g.add(o, iri('dct', 'spatial'), location);
    g.type(location, iri('dct', 'Location'));
    g.text(location, iri('locn', 'geographicName'), t.name);
    if (t.parentId) g.add(o, iri('org', 'memberOf'), this.organisationIri(t.parentId));
    const website = httpUrl(t.website);
    if (website) g.add(o, iri('foaf', 'homepage'), namedNode(website));
    if (clean(t.email) || clean(t.phone)) {
      const cp = namedNode(`${o.value}/contact-point`);
      g.add(o, iri('cv', 'contactPoint'), cp);
      g.type(cp, iri('cv', 'ContactPoint'), iri('schema', 'ContactPoint'));
      g.plain(cp, iri('cv', 'email'), t.email);
      g.plain(cp, iri('cv', 'telephone'), t.phone);
    }
  }

  private identifier(subject: NamedNode, kind: string, notation: string, agency: string): void {
    if (!clean(notation)) return;
    const g = this.g;
    const id = namedNode(`${subject.value}/identifier/${kind}`);
    g.add(subject, iri('adms', 'identifier'), id);
    g.type(id, iri('adms', 'Identifier'));
    g.plain(id, iri('skos', 'notation'), notation);
    g.text(id, iri('adms', 'schemaAgency'), agency);
  }

  private writeDataset(t: CatalogExportTenant, services: CatalogExportService[]): void {
    const g = this.g;
    const d = this.datasetIri(t.id);
    g.type(d, iri('dcat', 'Dataset'));
    g.plain(d, iri('dct', 'identifier'), `${t.slug}/services`);
    g.text(d, iri('dct', 'title'), `Catalogo dei servizi – ${clean(t.name)}`);
    g.text(d, iri('dct', 'description'), `Servizi pubblici dell'ente «${clean(t.name)}», pubblicati su Sportello.`);
    g.add(d, iri('dct', 'publisher'), this.organisationIri(t.id));
    g.add(d, iri('dct', 'language'), this.languageConcept());
    const latest = services.reduce<Date | undefined>((m, s) => (!m || s.publishedAt > m ? s.publishedAt : m), undefined);
    if (latest) g.typed(d, iri('dct', 'modified'), latest.toISOString(), 'dateTime');
    for (const s of services) g.add(d, iri('dct', 'hasPart'), this.serviceIri(s));
  }

  private writeService(s: CatalogExportService): void {
    const g = this.g;
    const card = s.card;
    const tenant = this.tenants.get(s.tenantId)!;
    const svc = this.serviceIri(s);
    const org = this.organisationIri(tenant.id);
    const ita = this.languageConcept();

    g.type(svc, iri('cpsv', 'PublicService'));
    g.plain(svc, iri('dct', 'identifier'), s.id);
    g.text(svc, iri('dct', 'title'), card.title);
    g.text(svc, iri('dct', 'description'), clean(card.description) || card.shortDescription);
    if (clean(card.description)) g.text(svc, iri('dct', 'abstract'), card.shortDescription);
    g.add(svc, iri('dct', 'language'), ita);
    g.add(svc, iri('cv', 'hasCompetentAuthority'), org);
    g.add(svc, iri('dct', 'spatial'), this.locationIri(tenant.id));
    g.add(svc, iri('dct', 'isPartOf'), this.datasetIri(tenant.id));
    g.typed(svc, iri('dct', 'modified'), s.publishedAt.toISOString(), 'dateTime');
    g.plain(svc, iri('owl', 'versionInfo'), String(s.version));
    g.add(svc, iri('rdfs', 'seeAlso'), namedNode(`${this.base}/api/v1/services/${this.seg(s.id)}`));
    for (const k of new Set(card.keywords.map(clean))) g.text(svc, iri('dcat', 'keyword'), k);

    // status
    const status = STATUS_LABELS[card.status] ?? { it: card.status, en: card.status };
    g.add(svc, iri('adms', 'status'), this.localConcept('service-status', card.status, status));
    if (card.status !== 'active') g.text(svc, iri('rdfs', 'comment'), card.statusReason && `${status.it}: ${clean(card.statusReason)}`);
    // category → thematic area
    if (clean(card.category)) {
      g.add(svc, iri('cv', 'thematicArea'), this.vocabularyConcept('category', card.category, this.categories.get(card.category)));
    }
    // audiences
    for (const a of new Set(card.audiences)) {
      g.add(svc, iri('dct', 'audience'), this.localConcept('audience', a, AUDIENCE_LABELS[a] ?? { it: a, en: a }));
    }
    // life events → cv:isGroupedBy (Event nodes are written once, in writeEvent)
    for (const code of new Set(card.lifeEvents)) g.add(svc, iri('cv', 'isGroupedBy'), this.eventIri(code));
    // processing time (Tempi e scadenze: legal maximum)
    if (Number.isInteger(card.maxDays) && card.maxDays >= 0) {
      g.typed(svc, iri('cv', 'processingTime'), `P${card.maxDays}D`, 'duration');
    }

    const office = tenant.offices.find((o) => o.code === card.officeCode);
    const contactPoint = office ? this.writeOfficeContactPoint(office) : this.tenantContactPoint(tenant);
    if (contactPoint) g.add(svc, iri('cv', 'contactPoint'), contactPoint);

    this.writeChannels(s, svc, org, office);
    this.writeCosts(s, svc, org);
    const legal = this.writeLegalResources(svc, card.legalBasis);
    const evidences = this.writeEvidences(s, svc, ita);
    this.writeRequirement(s, svc, evidences);
    this.writeRules(s, svc, ita, legal);
    this.writeOutput(s, svc, ita);
  }

  private tenantContactPoint(t: CatalogExportTenant): NamedNode | undefined {
    return clean(t.email) || clean(t.phone) ? namedNode(`${this.organisationIri(t.id).value}/contact-point`) : undefined;
  }

  private writeChannels(s: CatalogExportService, svc: NamedNode, org: NamedNode, office: CatalogExportOffice | undefined): void {
    const g = this.g;
    const { access } = s.card;
    const svcIri = svc.value;
    if (access.online) {
      const ch = namedNode(`${svcIri}/channel/online`);
      const t = CHANNEL_TYPES.online;
      g.add(svc, iri('cv', 'hasChannel'), ch);
      g.type(ch, iri('cv', 'Channel'));
      g.plain(ch, iri('dct', 'identifier'), `${s.id}/channel/online`);
      g.add(ch, iri('dct', 'type'), this.concept(t.uri, { labels: t, scheme: CHANNEL_SCHEME, notation: t.notation }));
      g.text(ch, iri('dct', 'description'), access.onlineDescription || 'Servizio online');
      const url = httpUrl(access.onlineUrl);
      if (url) g.add(ch, iri('foaf', 'page'), namedNode(url));
      else g.add(ch, iri('cv', 'ownedBy'), org); // handled by Sportello on behalf of the body
    }
    if (access.desk) {
      const ch = namedNode(`${svcIri}/channel/desk`);
      const t = CHANNEL_TYPES.desk;
      g.add(svc, iri('cv', 'hasChannel'), ch);
      g.type(ch, iri('cv', 'Channel'));
      g.plain(ch, iri('dct', 'identifier'), `${s.id}/channel/desk`);
      g.add(ch, iri('dct', 'type'), this.concept(t.uri, { labels: t, scheme: CHANNEL_SCHEME, notation: t.notation }));
      const where = office ? `${office.name}, ${this.fullAddress(office)}` : '';
      g.text(ch, iri('dct', 'description'), [clean(access.deskDescription), where].filter(Boolean).join(' — ') || 'Allo sportello');
      g.add(ch, iri('cv', 'ownedBy'), org);
      if (office) for (const h of this.openingHourNodes(office)) g.add(ch, iri('cv', 'openingHours'), h);
    }
  }

  private writeCosts(s: CatalogExportService, svc: NamedNode, org: NamedNode): void {
    const g = this.g;
    s.card.costs.forEach((cost, i) => {
      const c = namedNode(`${svc.value}/cost/${i + 1}`);
      g.add(svc, iri('cv', 'hasCost'), c);
      g.type(c, iri('cv', 'Cost'));
      g.plain(c, iri('dct', 'identifier'), `${s.id}/cost/${i + 1}`);
      g.typed(c, iri('cv', 'hasValue'), euro(cost.amountCents), 'double');
      g.add(c, iri('cv', 'currency'), this.concept(CURRENCY_EUR, { labels: { it: 'euro', en: 'euro' }, scheme: `${EU_AUTHORITY}currency`, notation: 'EUR' }));
      g.text(c, iri('dct', 'description'), cost.description || (cost.amountCents === 0 ? 'Gratuito' : undefined));
      g.add(c, iri('cv', 'isDefinedBy'), org);
    });
  }

  private writeLegalResources(svc: NamedNode, legalBasis: string[]): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    for (const raw of legalBasis) {
      const text = clean(raw).replace(/\s+/g, ' ');
      if (!text) continue;
      // Shared across services: the same reference text gives the same IRI.
      const lr = this.id(`legal-resource/${slugify(text)}-${shortHash(text)}`);
      g.add(svc, iri('cv', 'hasLegalResource'), lr);
      g.type(lr, iri('eli', 'LegalResource'));
      g.text(lr, iri('dct', 'title'), text);
      nodes.push(lr);
    }
    return nodes;
  }

  private writeEvidences(s: CatalogExportService, svc: NamedNode, ita: NamedNode): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    s.card.requirements.forEach((raw, i) => {
      const text = clean(raw);
      if (!text) return;
      const e = namedNode(`${svc.value}/evidence/${i + 1}`);
      g.add(svc, iri('cpsv', 'hasInput'), e);
      g.type(e, iri('cv', 'Evidence'));
      g.plain(e, iri('dct', 'identifier'), `${s.id}/evidence/${i + 1}`);
      g.text(e, iri('dct', 'title'), headline(text));
      if (headline(text) !== text) g.text(e, iri('dct', 'description'), text);
      g.add(e, iri('dct', 'language'), ita);
      nodes.push(e);
    });
    return nodes;
  }

  /** "A chi è rivolto": the eligibility requirement, supported by the evidences of "Cosa serve". */
  private writeRequirement(s: CatalogExportService, svc: NamedNode, evidences: NamedNode[]): void {
    const text = clean(s.card.audienceDescription);
    if (!text) return;
    const g = this.g;
    const r = namedNode(`${svc.value}/requirement/audience`);
    g.add(svc, iri('cv', 'holdsRequirement'), r);
    g.type(r, iri('cv', 'Requirement'));
    g.plain(r, iri('dct', 'identifier'), `${s.id}/requirement/audience`);
    g.text(r, iri('dct', 'title'), 'A chi è rivolto');
    g.text(r, iri('dct', 'description'), text);
    for (const e of evidences) {
      g.add(r, iri('cv', 'hasSupportingEvidence'), e);
      g.add(e, iri('cv', 'supportsRequirement'), r);
    }
  }

  /** "Come fare", "Tempi e scadenze" and "Condizioni" as cpsv:Rule, implementing the legal resources. */
  private writeRules(s: CatalogExportService, svc: NamedNode, ita: NamedNode, legal: NamedNode[]): void {
    const card = s.card;
    const steps = card.howTo.map(clean).filter(Boolean);
    const rules: Array<{ key: string; title: string; text: string }> = [
      { key: 'how-to', title: 'Come fare', text: steps.map((step, i) => `${i + 1}. ${step}`).join('\n') },
      { key: 'time-limits', title: 'Tempi e scadenze', text: clean(card.timeLimits) },
      { key: 'conditions', title: 'Condizioni di servizio', text: clean(card.conditions) },
    ];
    const g = this.g;
    for (const rule of rules) {
      if (!rule.text) continue;
      const r = namedNode(`${svc.value}/rule/${rule.key}`);
      g.add(svc, iri('cpsv', 'follows'), r);
      g.type(r, iri('cpsv', 'Rule'));
      g.plain(r, iri('dct', 'identifier'), `${s.id}/rule/${rule.key}`);
      g.text(r, iri('dct', 'title'), rule.title);
      g.text(r, iri('dct', 'description'), rule.text);
      g.add(r, iri('dct', 'language'), ita);
      for (const lr of legal) g.add(r, iri('cpsv', 'implements'), lr);
    }
  }

  private writeOutput(s: CatalogExportService, svc: NamedNode, ita: NamedNode): void {
    const text = clean(s.card.output);
    if (!text) return;
    const g = this.g;
    const o = namedNode(`${svc.value}/output`);
    g.add(svc, iri('cpsv', 'produces'), o);
    g.type(o, iri('cv', 'Output'));
    g.plain(o, iri('dct', 'identifier'), `${s.id}/output`);
    g.text(o, iri('dct', 'title'), headline(text));
    if (headline(text) !== text) g.text(o, iri('dct', 'description'), text);
    g.add(o, iri('dct', 'language'), ita);
  }

  private eventIri(code: string): NamedNode {
    return this.id(`event/${this.seg(code)}`);
  }

  private writeEvent(code: string, services: CatalogExportService[]): void {
    const g = this.g;
    const entry = this.lifeEvents.get(code);
    const ev = this.eventIri(code);
    const isBusiness = /\/business-event(s)?\//.test(clean(entry?.uri));
    g.type(ev, iri('cv', isBusiness ? 'BusinessEvent' : 'LifeEvent'), iri('cv', 'Event'));
    g.plain(ev, iri('dct', 'identifier'), code);
    g.text(ev, iri('dct', 'title'), clean(entry?.it) || code, 'it');
    g.text(ev, iri('dct', 'title'), clean(entry?.en), 'en');
    g.add(ev, iri('dct', 'type'), this.vocabularyConcept('life-event', code, entry));
    for (const s of services) g.add(ev, iri('cv', 'hasRelatedService'), this.serviceIri(s));
  }

  // Offices --------------------------------------------------------------------------------------------------------
  private fullAddress(o: CatalogExportOffice): string {
    const cityLine = [clean(o.postalCode), clean(o.city), clean(o.province) ? `(${clean(o.province)})` : '']
      .filter(Boolean)
      .join(' ');
    return [clean(o.address), cityLine].filter(Boolean).join(', ');
  }

  private writeOfficeContactPoint(office: CatalogExportOffice): NamedNode {
    const g = this.g;
    const base = this.officeIri(office);
    const cp = namedNode(`${base}/contact-point`);
    g.type(cp, iri('cv', 'ContactPoint'), iri('schema', 'ContactPoint'));
    g.text(cp, iri('rdfs', 'label'), office.name);
    g.plain(cp, iri('cv', 'email'), office.email);
    g.plain(cp, iri('cv', 'telephone'), office.phone);
    for (const h of this.openingHourNodes(office)) g.add(cp, iri('cv', 'openingHours'), h);

    const addr = namedNode(`${base}/address`);
    g.add(cp, iri('locn', 'address'), addr);
    g.type(addr, iri('locn', 'Address'));
    g.text(addr, iri('locn', 'fullAddress'), this.fullAddress(office));
    g.text(addr, iri('locn', 'thoroughfare'), office.address);
    g.plain(addr, iri('locn', 'postCode'), office.postalCode);
    g.text(addr, iri('locn', 'postName'), office.city);
    g.text(addr, iri('locn', 'adminUnitL2'), office.province);
    g.text(addr, iri('locn', 'adminUnitL1'), 'Italia');
    return cp;
  }

  /**
   * One time:TemporalEntity per opening-hours line and day, with a weekly frequency, an Italian description and
   * the beginning and end as OWL-Time instants (as in the official example).
   */
  private openingHourNodes(office: CatalogExportOffice): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    const base = this.officeIri(office);
    office.openingHours.forEach((line, i) => {
      const opens = parseTime(line.opens);
      const closes = parseTime(line.closes);
      for (const day of [...new Set(line.days)].sort((a, b) => a - b)) {
        const d = DAYS[day - 1];
        if (!d) continue;
        const h = namedNode(`${base}/hours/${i + 1}/${day}`);
        nodes.push(h);
        g.type(h, iri('time', 'TemporalEntity'));
        const note = clean(line.note);
        g.text(h, iri('dct', 'description'), `${d.it} ${clean(line.opens)}–${clean(line.closes)}${note ? ` (${note})` : ''}`);
        g.add(h, iri('cv', 'frequency'), this.concept(FREQUENCY_WEEKLY, { labels: { it: 'settimanale', en: 'weekly' }, scheme: `${EU_AUTHORITY}frequency`, notation: 'WEEKLY' }));
        for (const [edge, t] of [['beginning', opens], ['end', closes]] as const) {
          if (!t) continue;
          const instant = namedNode(`${h.value}#${edge}`);
          const desc = namedNode(`${h.value}#${edge}-time`);
          g.add(h, iri('time', edge === 'beginning' ? 'hasBeginning' : 'hasEnd'), instant);
          g.type(instant, iri('time', 'Instant'));
          g.add(instant, iri('time', 'inDateTime'), desc);
          g.type(desc, iri('time', 'DateTimeDescription'));
          g.add(desc, iri('time', 'dayOfWeek'), iri('time', d.iri));
          g.typed(desc, iri('time', 'hour'), String(t.hour), 'nonNegativeInteger');
          g.typed(desc, iri('time', 'minute'), String(t.minute), 'nonNegativeInteger');
          g.add(desc, iri('time', 'unitType'), iri('time', 'unitMinute'));
        }
      }
    });
    return nodes;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

/** The catalogue as RDF quads (default graph), CPSV-AP 3.2.0. Deterministic for a given input. */
export function buildCatalogQuads(input: CatalogExportInput): Quad[] {
  return new CatalogExporter(input).build();
}

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

export function toTurtle(input: CatalogExportInput): Promise<string> {
  return write(buildCatalogQuads(input), { format: 'Turtle', prefixes: PREFIXES });
}

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

/** The catalogue as compacted JSON-LD with the official CPSV-AP 3.2.0 context (see {@link jsonLdContext}). */
export async function toJsonLd(input: CatalogExportInput): Promise<object> {
  const quads = buildCatalogQuads(input);
  // RDF/JS quads go straight in: jsonld's own N-Quads parser is quadratic (≈5 s for 20k triples, minutes for 100k).
  const expanded = await jsonld.fromRDF(quads);
  // The @types/jsonld signatures lag behind jsonld 9 (context arrays, promise-only loaders).
  const compact = jsonld.compact as unknown as (doc: unknown, ctx: unknown, options: object) => Promise<object>;
  // fromRDF already gives expanded JSON-LD: skipping the second expansion makes compaction ~4× faster.
  return compact(expanded, jsonLdContext(quads), { documentLoader: cpsvDocumentLoader, skipExpansion: true });
}
