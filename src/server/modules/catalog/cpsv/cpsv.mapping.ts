/**
 * Mapping of the catalogue to CPSV-AP 3.2.0: the catalogue, tenants (public organisations and their datasets),
 * published services and the events that group them. See README.md beside this file for the full table.
 */
import { DataFactory } from 'n3';
import type { NamedNode, Quad } from 'n3';
import { CATEGORIES, LIFE_EVENTS, type VocabularyEntry } from '../../../../contracts/vocabularies.ts';
import { AUDIENCE_LABELS, ConceptRegistry, STATUS_LABELS, TENANT_TYPE_LABELS, localLabels } from './cpsv.concepts.ts';
import { Graph } from './cpsv.graph.ts';
import { CpsvIris, iri } from './cpsv.namespaces.ts';
import { OfficeWriter } from './cpsv.offices.ts';
import { ServiceDetailsWriter } from './cpsv.service-details.ts';
import type { CatalogExportInput, CatalogExportService, CatalogExportTenant } from './cpsv.types.ts';
import { clean, httpUrl } from './cpsv.values.ts';

const { namedNode } = DataFactory;

const CPSV_AP_SPEC_URL = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/';

class CatalogExporter {
  private readonly g = new Graph();
  private readonly iris: CpsvIris;
  private readonly concepts: ConceptRegistry;
  private readonly offices: OfficeWriter;
  private readonly details: ServiceDetailsWriter;
  private readonly categories: Map<string, VocabularyEntry>;
  private readonly lifeEvents: Map<string, VocabularyEntry>;
  private readonly tenants = new Map<string, CatalogExportTenant>();

  constructor(private readonly input: CatalogExportInput) {
    const base = clean(input.publicUrl).replace(/\/+$/, '');
    if (!httpUrl(base)) throw new Error(`CPSV-AP export: publicUrl must be an absolute http(s) URL, got "${input.publicUrl}"`);
    this.iris = new CpsvIris(base);
    this.concepts = new ConceptRegistry(this.iris);
    this.offices = new OfficeWriter(this.g, this.iris, this.concepts);
    this.details = new ServiceDetailsWriter(this.g, this.iris, this.concepts, this.offices);
    this.categories = new Map((input.vocabularies?.categories ?? CATEGORIES).map((e) => [e.code, e]));
    this.lifeEvents = new Map((input.vocabularies?.lifeEvents ?? LIFE_EVENTS).map((e) => [e.code, e]));
    for (const t of input.tenants) this.tenants.set(t.id, t);
  }

  build(): Quad[] {
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
    this.concepts.write(this.g);
    return this.g.quads();
  }

  private writeCatalog(): void {
    const g = this.g;
    const c = this.iris.catalog();
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
    g.add(c, iri('dct', 'language'), this.concepts.language());
    for (const t of this.input.tenants) g.add(c, iri('dcat', 'dataset'), this.iris.dataset(t.id));
  }

  private writeOrganisation(t: CatalogExportTenant): void {
    const g = this.g;
    const o = this.iris.organisation(t.id);
    // PublicOrganisation is a subclass of org:Organization and foaf:Agent in the model; the shapes check classes
    // without inference, so the super-classes used as ranges elsewhere (Cost.isDefinedBy, Channel.ownedBy,
    // Dataset.publisher) are stated explicitly.
    g.type(o, iri('cv', 'PublicOrganisation'), iri('org', 'Organization'), iri('foaf', 'Agent'));
    g.text(o, iri('skos', 'prefLabel'), t.name);
    g.text(o, iri('dct', 'title'), t.name); // Agent.name
    g.plain(o, iri('dct', 'identifier'), t.ipaCode); // one identifier (Agent.identifier 1..1): the IPA code
    this.identifier(o, 'ipa', t.ipaCode, 'Indice dei domicili digitali della PA (IPA)');
    this.identifier(o, 'cf', t.fiscalCode, 'Agenzia delle Entrate (codice fiscale)');
    if (clean(t.type)) {
      g.add(o, iri('dct', 'type'), this.concepts.local('tenant-type', t.type, localLabels(TENANT_TYPE_LABELS, t.type)));
    }
    const location = this.iris.location(t.id);
    g.add(o, iri('dct', 'spatial'), location);
    g.type(location, iri('dct', 'Location'));
    g.text(location, iri('locn', 'geographicName'), t.name);
    if (t.parentId) g.add(o, iri('org', 'memberOf'), this.iris.organisation(t.parentId));
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
    const d = this.iris.dataset(t.id);
    g.type(d, iri('dcat', 'Dataset'));
    g.plain(d, iri('dct', 'identifier'), `${t.slug}/services`);
    g.text(d, iri('dct', 'title'), `Catalogo dei servizi – ${clean(t.name)}`);
    g.text(d, iri('dct', 'description'), `Servizi pubblici dell'ente «${clean(t.name)}», pubblicati su Sportello.`);
    g.add(d, iri('dct', 'publisher'), this.iris.organisation(t.id));
    g.add(d, iri('dct', 'language'), this.concepts.language());
    const latest = services.reduce<Date | undefined>((m, s) => (!m || s.publishedAt > m ? s.publishedAt : m), undefined);
    if (latest) g.typed(d, iri('dct', 'modified'), latest.toISOString(), 'dateTime');
    for (const s of services) g.add(d, iri('dct', 'hasPart'), this.iris.service(s.id));
  }

  private writeService(s: CatalogExportService): void {
    const g = this.g;
    const card = s.card;
    const tenant = this.tenants.get(s.tenantId)!;
    const svc = this.iris.service(s.id);
    const org = this.iris.organisation(tenant.id);
    const ita = this.concepts.language();

    g.type(svc, iri('cpsv', 'PublicService'));
    g.plain(svc, iri('dct', 'identifier'), s.id);
    g.text(svc, iri('dct', 'title'), card.title);
    g.text(svc, iri('dct', 'description'), clean(card.description) || card.shortDescription);
    if (clean(card.description)) g.text(svc, iri('dct', 'abstract'), card.shortDescription);
    g.add(svc, iri('dct', 'language'), ita);
    g.add(svc, iri('cv', 'hasCompetentAuthority'), org);
    g.add(svc, iri('dct', 'spatial'), this.iris.location(tenant.id));
    g.add(svc, iri('dct', 'isPartOf'), this.iris.dataset(tenant.id));
    g.typed(svc, iri('dct', 'modified'), s.publishedAt.toISOString(), 'dateTime');
    g.plain(svc, iri('owl', 'versionInfo'), String(s.version));
    g.add(svc, iri('rdfs', 'seeAlso'), this.iris.apiService(s.id));
    for (const k of new Set(card.keywords.map(clean))) g.text(svc, iri('dcat', 'keyword'), k);

    // status
    const status = localLabels(STATUS_LABELS, card.status);
    g.add(svc, iri('adms', 'status'), this.concepts.local('service-status', card.status, status));
    if (card.status !== 'active') g.text(svc, iri('rdfs', 'comment'), card.statusReason && `${status.it}: ${clean(card.statusReason)}`);
    // category → thematic area
    if (clean(card.category)) {
      g.add(svc, iri('cv', 'thematicArea'), this.concepts.vocabulary('category', card.category, this.categories.get(card.category)));
    }
    // audiences
    for (const a of new Set(card.audiences)) {
      g.add(svc, iri('dct', 'audience'), this.concepts.local('audience', a, localLabels(AUDIENCE_LABELS, a)));
    }
    // life events → cv:isGroupedBy (Event nodes are written once, in writeEvent)
    for (const code of new Set(card.lifeEvents)) g.add(svc, iri('cv', 'isGroupedBy'), this.iris.event(code));
    // processing time (Tempi e scadenze: legal maximum)
    if (Number.isInteger(card.maxDays) && card.maxDays >= 0) {
      g.typed(svc, iri('cv', 'processingTime'), `P${card.maxDays}D`, 'duration');
    }

    const office = tenant.offices.find((o) => o.code === card.officeCode);
    const contactPoint = office ? this.offices.contactPoint(office) : this.tenantContactPoint(tenant);
    if (contactPoint) g.add(svc, iri('cv', 'contactPoint'), contactPoint);

    this.details.write(s, svc, org, office, ita);
  }

  private tenantContactPoint(t: CatalogExportTenant): NamedNode | undefined {
    return clean(t.email) || clean(t.phone) ? namedNode(`${this.iris.organisation(t.id).value}/contact-point`) : undefined;
  }

  private writeEvent(code: string, services: CatalogExportService[]): void {
    const g = this.g;
    const entry = this.lifeEvents.get(code);
    const ev = this.iris.event(code);
    const isBusiness = /\/business-event(s)?\//.test(clean(entry?.uri));
    g.type(ev, iri('cv', isBusiness ? 'BusinessEvent' : 'LifeEvent'), iri('cv', 'Event'));
    g.plain(ev, iri('dct', 'identifier'), code);
    g.text(ev, iri('dct', 'title'), clean(entry?.it) || code, 'it');
    g.text(ev, iri('dct', 'title'), clean(entry?.en), 'en');
    g.add(ev, iri('dct', 'type'), this.concepts.vocabulary('life-event', code, entry));
    for (const s of services) g.add(ev, iri('cv', 'hasRelatedService'), this.iris.service(s.id));
  }
}

/** The catalogue as RDF quads (default graph), CPSV-AP 3.2.0. Deterministic for a given input. */
export function buildCatalogQuads(input: CatalogExportInput): Quad[] {
  return new CatalogExporter(input).build();
}
