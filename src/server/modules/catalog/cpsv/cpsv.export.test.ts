import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import rdf from '@zazuko/env-node';
import type { DatasetCore, Quad as RdfQuad, Term } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import type { Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceCard } from '../../../../contracts/catalog.ts';
import { CATEGORIES, LIFE_EVENTS, type VocabularyEntry } from '../../../../contracts/vocabularies.ts';
import {
  CPSV_AP_CONTEXT_URL,
  NS,
  buildCatalogQuads,
  cpsvDocumentLoader,
  quadsToNQuads,
  toJsonLd,
  toTurtle,
} from './cpsv.export.ts';
import type { CatalogExportInput } from './cpsv.types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SHAPES_COPY = resolve(here, 'cpsv-ap-3.2.0-shacl.ttl');
const CONTEXT_COPY = resolve(here, 'cpsv-ap-3.2.0.context.jsonld');
const REPO_ROOT = resolve(here, '../../../../..');
const SHARED = resolve(REPO_ROOT, '../shared/standards/cpsv-ap');

const SH = 'http://www.w3.org/ns/shacl#';
const PUBLIC_URL = 'http://localhost:3000';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

const isBusinessEvent = (e: VocabularyEntry) => /\/business-event\//.test(e.uri);

/**
 * The project's vocabularies when they are filled in (two events of persons and one of businesses when available),
 * otherwise fixtures (their URIs are examples, not real concepts).
 */
const lifeEvents: VocabularyEntry[] =
  LIFE_EVENTS.length >= 3
    ? (() => {
        const persons = LIFE_EVENTS.filter((e) => !isBusinessEvent(e));
        const business = LIFE_EVENTS.find(isBusinessEvent);
        return business && persons.length >= 2 ? [persons[0], persons[1], business] : LIFE_EVENTS.slice(0, 3);
      })()
    : [
        { code: 'fixture_nascita', it: 'Nascita di un figlio', en: 'Birth of a child', uri: 'https://example.org/vocab/life-event/1' },
        { code: 'fixture_casa', it: 'Cambio di residenza', en: 'Change of residence', uri: 'https://example.org/vocab/life-event/2' },
        {
          code: 'fixture_impresa',
          it: "Avvio di un'impresa",
          en: 'Starting a business',
          uri: 'https://example.org/vocab/life-business-event/business-event/1',
        },
      ];
const categories: VocabularyEntry[] =
  CATEGORIES.length >= 2
    ? CATEGORIES.slice(0, 2)
    : [
        { code: 'fixture_anagrafe', it: 'Anagrafe e stato civile', en: 'Registry office', uri: 'https://example.org/vocab/category/anagrafe' },
        { code: 'fixture_scuola', it: 'Educazione e formazione', en: 'Education', uri: 'https://example.org/vocab/category/scuola' },
      ];
const [le0, le1, le2] = lifeEvents.map((e) => e.code);
const [cat0, cat1] = categories.map((e) => e.code);

const OPENING = [
  { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:30' },
  { days: [4], opens: '14:30', closes: '17:00', note: 'solo su appuntamento' },
];

function card(overrides: Partial<ServiceCard>): ServiceCard {
  return {
    title: 'Servizio',
    category: cat0,
    status: 'active',
    shortDescription: 'Descrizione breve del servizio.',
    description: 'Descrizione del servizio.\n\nSecondo paragrafo con "virgolette" e un\ttab.',
    audienceDescription: 'Residenti nel comune.',
    audiences: ['citizens'],
    lifeEvents: [le0],
    howTo: ['Prenota', 'Presentati allo sportello'],
    requirements: ['Documento di identità'],
    output: 'Il documento richiesto',
    timeLimits: 'Entro 30 giorni.',
    maxDays: 30,
    access: { online: false, desk: true },
    conditions: 'Nessuna condizione particolare.',
    costs: [],
    legalBasis: ['DPR 445/2000'],
    keywords: [],
    officeCode: 'anagrafe',
    ...overrides,
  };
}

function fixture(): CatalogExportInput {
  return {
    publicUrl: PUBLIC_URL,
    generatedAt: new Date('2025-03-01T10:00:00Z'),
    vocabularies: { lifeEvents, categories },
    tenants: [
      {
        id: 't-valle',
        slug: 'comunita-valle-del-sole',
        name: 'Comunità della Valle del Sole',
        type: 'comunita_valle',
        fiscalCode: '90012340220',
        ipaCode: 'cvs_001',
        website: 'https://www.valledelsole.example.it',
        email: 'info@valledelsole.example.it',
        parentId: null,
        offices: [
          {
            id: 'o-sociale',
            code: 'sociale',
            name: 'Servizio sociale',
            address: 'Via Roma 12',
            postalCode: '38027',
            city: 'Malè',
            province: 'TN',
            email: 'sociale@valledelsole.example.it',
            phone: '+39 0463 000000',
            openingHours: OPENING,
          },
        ],
      },
      {
        id: 't-castelrocca',
        slug: 'comune-di-castelrocca',
        name: 'Comune di Castelrocca',
        type: 'comune',
        fiscalCode: '00123450229',
        ipaCode: 'c_x123',
        phone: '+39 0463 111111',
        parentId: 't-valle',
        offices: [
          {
            id: 'o-anagrafe',
            code: 'anagrafe',
            name: 'Ufficio Anagrafe',
            address: 'Piazza del Municipio 1',
            postalCode: '38020',
            city: 'Castelrocca',
            province: 'TN',
            email: 'anagrafe@comune.castelrocca.example.it',
            phone: '+39 0463 222222',
            openingHours: OPENING,
          },
        ],
      },
    ],
    services: [
      {
        id: 's-cie',
        tenantId: 't-castelrocca',
        slug: 'carta-identita-elettronica',
        version: 3,
        publishedAt: new Date('2025-01-10T08:00:00Z'),
        card: card({
          title: "Carta d'identità elettronica (CIE)",
          lifeEvents: [le0],
          access: { online: false, desk: true, bookable: true, deskDescription: "Prenota un appuntamento all'Ufficio Anagrafe" },
          costs: [
            { amountCents: 2221, description: 'Diritti fissi e di segreteria' },
            { amountCents: 2721, description: 'Duplicato in caso di smarrimento' },
          ],
          legalBasis: ['DPR 445/2000', 'DM 23 dicembre 2015'],
          keywords: ['CIE', 'documento'],
          requirements: ['Fototessera recente', 'Tessera sanitaria', 'Vecchio documento o denuncia di smarrimento'],
          maxDays: 6,
        }),
      },
      {
        id: 's-residenza',
        tenantId: 't-castelrocca',
        slug: 'cambio-residenza',
        version: 1,
        publishedAt: new Date('2025-02-01T08:00:00Z'),
        card: card({
          title: 'Cambio di residenza',
          lifeEvents: [le0, le1],
          access: {
            online: true,
            onlineDescription: 'Presenta la dichiarazione online con SPID o CIE',
            onlineUrl: 'https://www.anagrafenazionale.interno.it/servizi-al-cittadino/',
            desk: true,
          },
          costs: [{ amountCents: 0, description: 'Gratuito' }],
          legalBasis: ['DPR 445/2000', 'DPR 223/1989, art. 13'],
          maxDays: 45,
        }),
      },
      {
        id: 's-trasporto',
        tenantId: 't-valle',
        slug: 'trasporto-scolastico',
        version: 2,
        publishedAt: new Date('2025-02-15T08:00:00Z'),
        card: card({
          title: 'Iscrizione al trasporto scolastico',
          category: cat1,
          audiences: ['citizens', 'associations'],
          lifeEvents: [le2],
          access: { online: true, onlineDescription: 'Compila la domanda online su Sportello', desk: false },
          costs: [{ amountCents: 12000, description: 'Quota annuale' }],
          officeCode: 'sociale',
          output: 'Iscrizione al servizio per l’anno scolastico',
          maxDays: 20,
        }),
      },
      {
        id: 's-affitto',
        tenantId: 't-valle',
        slug: 'contributo-affitto',
        version: 4,
        publishedAt: new Date('2024-11-20T08:00:00Z'),
        card: card({
          title: "Contributo per l'affitto",
          status: 'inactive',
          statusReason: 'Bando chiuso: riapre nel 2026',
          audiences: ['citizens'],
          lifeEvents: [le1],
          officeCode: 'sociale',
          access: { online: false, desk: true },
          legalBasis: ['L. 431/1998, art. 11'],
          maxDays: 90,
        }),
      },
    ],
  };
}

const serviceIri = (id: string) => `${PUBLIC_URL}/id/service/${id}`;

// ---------------------------------------------------------------------------------------------------------------
// RDF helpers

type Dataset = DatasetCore;

async function parseTurtle(text: string): Promise<Dataset> {
  const quads = rdf.formats.parsers.import('text/turtle', Readable.from([text]));
  if (!quads) throw new Error('no Turtle parser in @zazuko/env-node');
  return rdf.dataset().import(quads);
}

function datasetFromQuads(quads: Quad[]): Dataset {
  return rdf.dataset(quads as unknown as RdfQuad[]);
}

function parseNQuads(text: string): Dataset {
  return datasetFromQuads(new Parser({ format: 'N-Quads' }).parse(text));
}

function termKey(t: Term): string {
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType}:${t.value}`;
}

function tripleKeys(ds: Dataset): Set<string> {
  const keys = new Set<string>();
  for (const q of ds) keys.add(`${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`);
  return keys;
}

function objects(ds: Dataset, subject: string, predicate: string): Term[] {
  return [...ds.match(rdf.namedNode(subject), rdf.namedNode(predicate))].map((q) => q.object);
}

function subjectsOfType(ds: Dataset, type: string): string[] {
  return [...ds.match(null, rdf.namedNode(`${NS.rdf}type`), rdf.namedNode(type))].map((q) => q.subject.value);
}

interface Finding {
  severity: string;
  focusNode: string;
  path: string;
  message: string;
  value: string;
  component: string;
}

let validator: SHACLValidator;
let shapesGraph: Dataset;

/** What the violated shape asks for (the official shapes carry no sh:message), e.g. "sh:class skos:Concept". */
function expectation(shape: Term | null | undefined): string {
  if (!shape) return '';
  const wanted = ['class', 'datatype', 'minCount', 'maxCount', 'nodeKind'];
  return [...shapesGraph.match(shape as RdfQuad['subject'])]
    .filter((q) => wanted.some((w) => q.predicate.value === `${SH}${w}`))
    .map((q) => `${q.predicate.value.replace(SH, 'sh:')} ${q.object.value}`)
    .join(', ');
}

async function validate(ds: Dataset): Promise<{ conforms: boolean; findings: Finding[] }> {
  const report = await validator.validate(ds);
  const findings = report.results.map((r) => ({
    severity: r.severity?.value.replace(SH, 'sh:') ?? '',
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.map((m) => m.value).join('; ') || expectation(r.sourceShape),
    value: r.value?.value ?? '',
    component: r.sourceConstraintComponent?.value.replace(SH, 'sh:') ?? '',
  }));
  return { conforms: report.conforms, findings };
}

const violations = (findings: Finding[]) => findings.filter((f) => f.severity === 'sh:Violation');

function explain(findings: Finding[]): string {
  return findings
    .map((f) => `${f.severity} focus=<${f.focusNode}> path=<${f.path}> value=${f.value || '-'} ${f.component}: ${f.message}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

describe('CPSV-AP 3.2.0 export', () => {
  let turtle: string;
  let turtleDs: Dataset;
  let doc: object;
  let jsonldDs: Dataset;

  beforeAll(async () => {
    shapesGraph = await rdf.dataset().import(rdf.fromFile(SHAPES_COPY));
    validator = new SHACLValidator(shapesGraph, { factory: rdf });
    turtle = await toTurtle(fixture());
    turtleDs = await parseTurtle(turtle);
    doc = await toJsonLd(fixture());
    const nquads = await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
      documentLoader: cpsvDocumentLoader as never,
    });
    jsonldDs = parseNQuads(nquads as string);
  });

  it.skipIf(!existsSync(SHARED))('uses verbatim copies of the shapes and context from the standards folder', () => {
    expect(readFileSync(SHAPES_COPY, 'utf8')).toBe(readFileSync(resolve(SHARED, 'cpsv-ap-SHACL.ttl'), 'utf8'));
    expect(readFileSync(CONTEXT_COPY, 'utf8')).toBe(readFileSync(resolve(SHARED, 'cpsv-ap.jsonld'), 'utf8'));
  });

  it('the Turtle export validates against the official shapes with 0 violations', async () => {
    const { conforms, findings } = await validate(turtleDs);
    const v = violations(findings);
    expect(v, `SHACL violations in the Turtle export:\n${explain(v)}`).toEqual([]);
    // The shapes declare no other severity, so the whole report is clean.
    expect(conforms, explain(findings)).toBe(true);
  });

  it('the JSON-LD export uses the official context, validates, and holds exactly the same triples', async () => {
    expect(JSON.stringify((doc as Record<string, unknown>)['@context'])).toContain(CPSV_AP_CONTEXT_URL);
    const { findings } = await validate(jsonldDs);
    const v = violations(findings);
    expect(v, `SHACL violations in the JSON-LD export:\n${explain(v)}`).toEqual([]);

    expect(jsonldDs.size).toBe(turtleDs.size);
    const fromTurtle = tripleKeys(turtleDs);
    const fromJsonLd = tripleKeys(jsonldDs);
    expect([...fromJsonLd].filter((k) => !fromTurtle.has(k)), 'triples only in JSON-LD').toEqual([]);
    expect([...fromTurtle].filter((k) => !fromJsonLd.has(k)), 'triples only in Turtle').toEqual([]);
    expect(turtleDs.size).toBe(buildCatalogQuads(fixture()).length);
  });

  it('keeps Italian titles with their @it tag in both formats', () => {
    const nodes = (doc as { '@graph': Array<Record<string, unknown>> })['@graph'];
    for (const s of fixture().services) {
      const titles = objects(turtleDs, serviceIri(s.id), `${NS.dct}title`);
      expect(titles).toHaveLength(1);
      expect(titles[0]).toMatchObject({ termType: 'Literal', value: s.card.title, language: 'it' });

      const node = nodes.find((n) => n['@id'] === serviceIri(s.id));
      expect(node, `service ${s.id} in the JSON-LD @graph`).toBeDefined();
      expect(node!['dct:title']).toEqual([{ '@language': 'it', '@value': s.card.title }]);
    }
    expect(turtle).toContain(`"Carta d'identità elettronica (CIE)"@it`);
  });

  it('maps channels, costs, status, life events, processing time and legal resources', () => {
    const cie = serviceIri('s-cie');
    const residenza = serviceIri('s-residenza');
    const affitto = serviceIri('s-affitto');

    // channels: desk only / online + desk / online only
    const channelTypes = (svc: string) =>
      objects(turtleDs, svc, `${NS.cv}hasChannel`).flatMap((c) => objects(turtleDs, c.value, `${NS.dct}type`).map((t) => t.value));
    expect(channelTypes(cie)).toEqual([expect.stringMatching(/\/channel\/011$/)]);
    expect(channelTypes(residenza).sort()).toEqual([expect.stringMatching(/\/011$/), expect.stringMatching(/\/023$/)]);
    expect(channelTypes(serviceIri('s-trasporto'))).toEqual([expect.stringMatching(/\/channel\/023$/)]);
    expect(objects(turtleDs, `${residenza}/channel/online`, `${NS.foaf}page`).map((t) => t.value)).toEqual([
      'https://www.anagrafenazionale.interno.it/servizi-al-cittadino/',
    ]);

    // costs: paid (two costs) and free (explicit 0)
    const costValues = (svc: string) =>
      objects(turtleDs, svc, `${NS.cv}hasCost`).flatMap((c) => objects(turtleDs, c.value, `${NS.cv}hasValue`));
    expect(costValues(cie).map((v) => Number(v.value)).sort()).toEqual([22.21, 27.21]);
    expect(costValues(residenza)).toMatchObject([{ value: '0.0E0', datatype: { value: `${NS.xsd}double` } }]);
    expect(costValues(affitto)).toEqual([]);

    // status
    const statusLabel = (svc: string) =>
      objects(turtleDs, svc, `${NS.adms}status`).flatMap((s) => objects(turtleDs, s.value, `${NS.skos}prefLabel`).map((l) => l.value));
    expect(statusLabel(affitto)).toContain('Non attivo');
    expect(statusLabel(cie)).toContain('Attivo');
    expect(objects(turtleDs, affitto, `${NS.rdfs}comment`).map((c) => c.value)).toEqual(['Non attivo: Bando chiuso: riapre nel 2026']);

    // life events: Event nodes typed for the shapes, linked both ways
    const events = subjectsOfType(turtleDs, `${NS.cv}Event`);
    expect(events).toHaveLength(3);
    for (const e of lifeEvents) {
      const types = objects(turtleDs, `${PUBLIC_URL}/id/event/${e.code}`, `${NS.rdf}type`).map((t) => t.value);
      expect(types, e.code).toContain(`${NS.cv}${isBusinessEvent(e) ? 'BusinessEvent' : 'LifeEvent'}`);
    }
    expect(objects(turtleDs, residenza, `${NS.cv}isGroupedBy`)).toHaveLength(2);
    for (const e of events) expect(objects(turtleDs, e, `${NS.cv}hasRelatedService`).length).toBeGreaterThan(0);

    // processing time and legal resources (shared between services)
    expect(objects(turtleDs, cie, `${NS.cv}processingTime`)).toMatchObject([{ value: 'P6D', datatype: { value: `${NS.xsd}duration` } }]);
    expect(subjectsOfType(turtleDs, `${NS.eli}LegalResource`)).toHaveLength(4);

    // contact point of the responsible office, with structured opening hours
    const [cp] = objects(turtleDs, cie, `${NS.cv}contactPoint`);
    expect(objects(turtleDs, cp.value, `${NS.cv}email`).map((t) => t.value)).toEqual(['anagrafe@comune.castelrocca.example.it']);
    expect(objects(turtleDs, cp.value, `${NS.cv}openingHours`)).toHaveLength(6); // 5 mornings + Thursday afternoon
  });

  it('defines every concept it uses, with a label and a scheme', () => {
    const conceptProperties = [
      `${NS.cv}thematicArea`,
      `${NS.adms}status`,
      `${NS.dct}audience`,
      `${NS.dct}type`,
      `${NS.cv}currency`,
      `${NS.cv}frequency`,
      `${NS.dct}language`,
    ];
    const used = new Set<string>();
    for (const p of conceptProperties) for (const q of turtleDs.match(null, rdf.namedNode(p))) used.add(q.object.value);
    expect(used.size).toBeGreaterThan(10);
    for (const c of used) {
      expect(objects(turtleDs, c, `${NS.rdf}type`).map((t) => t.value), c).toContain(`${NS.skos}Concept`);
      expect(objects(turtleDs, c, `${NS.skos}prefLabel`).some((l) => l.termType === 'Literal' && l.language === 'it'), c).toBe(true);
      const [scheme] = objects(turtleDs, c, `${NS.skos}inScheme`);
      expect(scheme, c).toBeDefined();
      expect(objects(turtleDs, scheme.value, `${NS.rdf}type`).map((t) => t.value)).toContain(`${NS.skos}ConceptScheme`);
    }
    for (const e of lifeEvents) expect(used.has(e.uri), e.uri).toBe(true);
    for (const c of categories) expect(used.has(c.uri), c.uri).toBe(true);
  });

  it('the validator does report violations (the conformance checks are not vacuous)', async () => {
    // 1. an empty title is left out by the export, so the mandatory dct:title is missing
    const input = fixture();
    input.services[0].card.title = '   ';
    const emptyTitle = await validate(datasetFromQuads(buildCatalogQuads(input)));
    expect(violations(emptyTitle.findings)).toContainEqual(
      expect.objectContaining({ focusNode: serviceIri('s-cie'), path: `${NS.dct}title`, component: 'sh:MinCountConstraintComponent' }),
    );

    // 2. a removed mandatory triple (the competent authority) and an undefined concept (no skos:Concept type)
    const quads = buildCatalogQuads(fixture()).filter(
      (q) =>
        !(q.subject.value === serviceIri('s-residenza') && q.predicate.value === `${NS.cv}hasCompetentAuthority`) &&
        !(q.subject.value === CURRENCY && q.predicate.value === `${NS.rdf}type`),
    );
    const broken = violations((await validate(datasetFromQuads(quads))).findings);
    expect(broken).toContainEqual(
      expect.objectContaining({ focusNode: serviceIri('s-residenza'), path: `${NS.cv}hasCompetentAuthority` }),
    );
    expect(broken).toContainEqual(expect.objectContaining({ path: `${NS.cv}currency`, value: CURRENCY }));
  });

  it('exports tenants without services, and an empty catalogue, without violations', async () => {
    const noServices = { ...fixture(), services: [] };
    expect(violations((await validate(await parseTurtle(await toTurtle(noServices)))).findings)).toEqual([]);
    const empty = { ...fixture(), tenants: [], services: [] };
    expect(violations((await validate(await parseTurtle(await toTurtle(empty)))).findings)).toEqual([]);
    expect((await toJsonLd(empty)) as Record<string, unknown>).toHaveProperty('@context');
  });

  it('is deterministic and self-contained', async () => {
    expect(await quadsToNQuads(buildCatalogQuads(fixture()))).toBe(await quadsToNQuads(buildCatalogQuads(fixture())));
    await expect(cpsvDocumentLoader('https://example.org/other-context.jsonld')).rejects.toThrow(/refusing/);
    expect(() => buildCatalogQuads({ ...fixture(), publicUrl: 'not a url' })).toThrow(/publicUrl/);
    const orphan = fixture();
    orphan.services[0].tenantId = 'unknown';
    expect(() => buildCatalogQuads(orphan)).toThrow(/not in the input/);
  });
});

const CURRENCY = 'http://publications.europa.eu/resource/authority/currency/EUR';
