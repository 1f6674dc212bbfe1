/**
 * The demo content is what a person sees on a fresh install: these tests check that it is complete and coherent
 * (every office and vocabulary code it refers to exists, the catalogue covers what a comune offers, and each card
 * passes the same schema the API and the import use).
 */
import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { AUDIENCES, TENANT_TYPES, type ServiceInput } from '../../../../contracts/catalog.ts';
import { CATEGORIES, LIFE_EVENTS, categoryByCode, lifeEventByCode } from '../../../../contracts/vocabularies.ts';
import { NewServiceSchema } from '../../../modules/catalog/catalog.schemas.ts';
import { DEMO_SERVICES } from './services.ts';
import { DEMO_ADMINS, DEMO_TENANTS } from './tenants.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CODE = /^[a-z0-9_]+$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const all: { tenantSlug: string; service: ServiceInput }[] = DEMO_SERVICES.flatMap((t) =>
  t.services.map((service) => ({ tenantSlug: t.tenantSlug, service })),
);
const tenantBySlug = new Map(DEMO_TENANTS.map((t) => [t.slug, t]));
const label = (x: { tenantSlug: string; service: ServiceInput }) => `${x.tenantSlug}/${x.service.slug}`;

/** Words a citizen types, and whether some service answers them (title or keywords, case-insensitive). */
const findable = (words: string) =>
  all.some(({ service }) => [service.title, ...service.keywords].some((t) => t.toLowerCase().includes(words.toLowerCase())));

describe('demo vocabularies', () => {
  it('have unique snake_case codes, both labels and absolute URIs', () => {
    for (const list of [LIFE_EVENTS, CATEGORIES]) {
      expect(new Set(list.map((e) => e.code)).size).toBe(list.length);
      expect(new Set(list.map((e) => e.uri)).size).toBe(list.length);
      for (const e of list) {
        expect(e.code).toMatch(CODE);
        expect(e.it.length).toBeGreaterThan(2);
        expect(e.en.length).toBeGreaterThan(2);
        expect(() => new URL(e.uri)).not.toThrow();
      }
    }
  });

  it('have the fifteen categories of the Designers Italia municipal model', () => {
    expect(CATEGORIES.map((c) => c.it).sort()).toEqual(
      [
        'Agricoltura e pesca',
        'Ambiente',
        'Anagrafe e stato civile',
        'Appalti pubblici',
        'Autorizzazioni',
        'Catasto e urbanistica',
        'Cultura e tempo libero',
        'Educazione e formazione',
        'Giustizia e sicurezza pubblica',
        'Imprese e commercio',
        'Mobilità e trasporti',
        'Salute, benessere e assistenza',
        'Tributi, finanze e contravvenzioni',
        'Turismo',
        'Vita lavorativa',
      ].sort(),
    );
  });

  it('include the life events the catalogue is browsed by', () => {
    for (const code of [
      'birth',
      'change_of_residence',
      'school_enrolment',
      'marriage',
      'death',
      'housing',
      'starting_business',
      'paying_taxes',
      'vehicle_ownership',
      'retirement',
      'job_seeking_unemployment',
      'economic_hardship',
      'elections',
    ]) {
      expect(lifeEventByCode.has(code), code).toBe(true);
    }
  });
});

describe('demo tenants', () => {
  it('are at least three, with two comuni under one social district or comunità di valle', () => {
    expect(DEMO_TENANTS.length).toBeGreaterThanOrEqual(3);
    const parents = DEMO_TENANTS.filter((t) => t.type === 'social_district' || t.type === 'comunita_valle');
    expect(parents.length).toBeGreaterThanOrEqual(1);
    const comuni = DEMO_TENANTS.filter((t) => t.type === 'comune');
    expect(comuni.length).toBeGreaterThanOrEqual(2);
    for (const c of comuni) {
      expect(parents.map((p) => p.slug)).toContain(c.parentSlug);
    }
  });

  it('have unique slugs and IPA codes, valid types, 11-digit fiscal codes with a correct check digit', () => {
    expect(new Set(DEMO_TENANTS.map((t) => t.slug)).size).toBe(DEMO_TENANTS.length);
    expect(new Set(DEMO_TENANTS.map((t) => t.ipaCode)).size).toBe(DEMO_TENANTS.length);
    for (const t of DEMO_TENANTS) {
      expect(t.slug).toMatch(SLUG);
      expect(TENANT_TYPES).toContain(t.type);
      expect(t.fiscalCode).toMatch(/^\d{11}$/);
      const d = [...t.fiscalCode].map(Number);
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += i % 2 === 0 ? d[i] : d[i] * 2 > 9 ? d[i] * 2 - 9 : d[i] * 2;
      expect((10 - (sum % 10)) % 10, t.slug).toBe(d[10]);
      expect(t.aooCode.length).toBeGreaterThan(0);
      if (t.parentSlug) expect(tenantBySlug.has(t.parentSlug)).toBe(true);
    }
  });

  it('have 5-9 offices per comune and 2-4 for the body above, with contacts and valid opening hours', () => {
    for (const t of DEMO_TENANTS) {
      const [min, max] = t.type === 'comune' ? [5, 9] : [2, 4];
      expect(t.offices.length, t.slug).toBeGreaterThanOrEqual(min);
      expect(t.offices.length, t.slug).toBeLessThanOrEqual(max);
      expect(new Set(t.offices.map((o) => o.code)).size).toBe(t.offices.length);
      for (const o of t.offices) {
        expect(o.code).toMatch(/^[a-z0-9_-]+$/);
        expect(o.postalCode).toMatch(/^\d{5}$/);
        expect(o.province).toMatch(/^[A-Z]{2}$/);
        expect(o.email).toMatch(/^[^@\s]+@[^@\s]+\.example$/);
        expect(o.pec).toMatch(/@pec\./);
        expect(o.phone).toMatch(/^\+39 \d/);
        expect(o.openingHours.length).toBeGreaterThan(0);
        for (const h of o.openingHours) {
          expect(h.opens).toMatch(HHMM);
          expect(h.closes).toMatch(HHMM);
          expect(h.opens < h.closes, `${t.slug}/${o.code}`).toBe(true);
          for (const day of h.days) expect(day >= 1 && day <= 7).toBe(true);
        }
      }
    }
  });

  it('have exactly one administrator each', () => {
    expect(DEMO_ADMINS.map((a) => a.tenantSlug).sort()).toEqual(DEMO_TENANTS.map((t) => t.slug).sort());
    for (const a of DEMO_ADMINS) {
      expect(a.email).toMatch(/^admin@[a-z0-9.-]+\.example$/);
      expect(a.password).toBe('Sportello2026!');
    }
  });
});

describe('demo services', () => {
  it('are at least 70 distinct services, and every tenant has some', () => {
    expect(new Set(all.map((x) => x.service.title)).size).toBeGreaterThanOrEqual(70);
    for (const t of DEMO_TENANTS) {
      expect(DEMO_SERVICES.find((s) => s.tenantSlug === t.slug)?.services.length ?? 0, t.slug).toBeGreaterThan(0);
    }
    expect(DEMO_SERVICES.every((s) => tenantBySlug.has(s.tenantSlug))).toBe(true);
  });

  it('pass the catalogue schema used by the API and the import', () => {
    for (const x of all) {
      const errors = [...Value.Errors(NewServiceSchema, x.service)].map((e) => JSON.stringify(e)).slice(0, 3);
      expect(errors, label(x)).toEqual([]);
    }
  });

  it('have URL-safe slugs, unique within each tenant, and one title per slug across tenants', () => {
    const titleBySlug = new Map<string, string>();
    for (const t of DEMO_SERVICES) {
      const slugs = t.services.map((s) => s.slug);
      expect(new Set(slugs).size, t.tenantSlug).toBe(slugs.length);
      for (const s of t.services) {
        expect(s.slug).toMatch(SLUG);
        const seen = titleBySlug.get(s.slug);
        if (seen) expect(s.title, s.slug).toBe(seen);
        titleBySlug.set(s.slug, s.title);
      }
    }
  });

  it("refer only to offices of their own tenant and to known vocabulary codes", () => {
    for (const x of all) {
      const offices = tenantBySlug.get(x.tenantSlug)!.offices.map((o) => o.code);
      expect(offices, label(x)).toContain(x.service.officeCode);
      expect(categoryByCode.has(x.service.category), label(x)).toBe(true);
      for (const e of x.service.lifeEvents) expect(lifeEventByCode.has(e), `${label(x)}: ${e}`).toBe(true);
      for (const a of x.service.audiences) expect(AUDIENCES, label(x)).toContain(a);
    }
  });

  it('have complete cards: short description of at most 160 characters, 3-5 steps, costs, legal basis', () => {
    for (const x of all) {
      const s = x.service;
      expect(s.shortDescription.length, label(x)).toBeLessThanOrEqual(160);
      expect(s.howTo.length, label(x)).toBeGreaterThanOrEqual(3);
      expect(s.howTo.length, label(x)).toBeLessThanOrEqual(5);
      expect(s.requirements.length, label(x)).toBeGreaterThan(0);
      expect(s.legalBasis.length, label(x)).toBeGreaterThan(0);
      expect(s.costs.length, label(x)).toBeGreaterThan(0);
      expect(s.keywords.length, label(x)).toBeGreaterThan(0);
      expect(s.audienceDescription.length, label(x)).toBeGreaterThan(20);
      expect(s.output.length, label(x)).toBeGreaterThan(10);
      expect(s.access.online || s.access.desk, label(x)).toBe(true);
      if (s.access.online) expect(Boolean(s.access.onlineDescription || s.access.onlineUrl), label(x)).toBe(true);
      if (s.status === 'inactive') expect(s.statusReason, label(x)).toBeTruthy();
    }
  });

  it('have a positive legal term, or 0 only when the card says the outcome is immediate', () => {
    const immediate = /immediat|dalla presentazione|dalla data|non preved(?:e|ono) un provvedimento|nessun termine/i;
    for (const x of all) {
      const s = x.service;
      expect(Number.isInteger(s.maxDays) && s.maxDays >= 0, label(x)).toBe(true);
      if (s.maxDays === 0) expect(s.timeLimits, label(x)).toMatch(immediate);
    }
  });

  it('include a few inactive services and some for businesses and professionals', () => {
    expect(all.filter((x) => x.service.status === 'inactive').length).toBeGreaterThanOrEqual(3);
    expect(all.filter((x) => x.service.audiences.includes('businesses')).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((x) => x.service.audiences.includes('professionals')).length).toBeGreaterThanOrEqual(5);
  });

  it('use every category and cover what a comune offers', () => {
    const used = new Set(all.map((x) => x.service.category));
    for (const c of CATEGORIES) expect(used.has(c.code), c.code).toBe(true);

    // Groups of services a comune's catalogue must have: category and at least one known service of the group.
    const groups: Record<string, { category: string; slugs: string[] }> = {
      anagrafe: { category: 'civil_registry', slugs: ['carta-identita-elettronica', 'iscrizione-anagrafica-trasferimento-residenza', 'certificato-di-residenza'] },
      'stato civile': { category: 'civil_registry', slugs: ['dichiarazione-di-nascita', 'pubblicazioni-di-matrimonio', 'denuncia-di-morte'] },
      elettorale: { category: 'civil_registry', slugs: ['iscrizione-albo-scrutatori', 'tessera-elettorale'] },
      tributi: { category: 'taxes_finance', slugs: ['imu-calcolo-versamento', 'tari-dichiarazione', 'riduzioni-agevolazioni-tari'] },
      'scuola e infanzia': { category: 'education', slugs: ['iscrizione-asilo-nido', 'iscrizione-mensa-scolastica', 'iscrizione-trasporto-scolastico'] },
      'servizi sociali': { category: 'health_welfare', slugs: ['contributo-sostegno-affitto', 'assegno-di-maternita-comuni', 'assistenza-domiciliare-sad'] },
      edilizia: { category: 'land_registry_urban_planning', slugs: ['cila-comunicazione-inizio-lavori-asseverata', 'permesso-di-costruire', 'segnalazione-certificata-agibilita', 'accesso-agli-atti'] },
      'commercio e SUAP': { category: 'business_commerce', slugs: ['scia-esercizio-di-vicinato'] },
      'suolo pubblico': { category: 'authorisations', slugs: ['occupazione-temporanea-suolo-pubblico'] },
      ambiente: { category: 'environment', slugs: ['ritiro-rifiuti-ingombranti', 'autorizzazione-abbattimento-alberi'] },
      'mobilità': { category: 'mobility_transport', slugs: ['contrassegno-parcheggio-disabili', 'permesso-ztl', 'autorizzazione-passo-carrabile'] },
    };
    for (const [group, { category, slugs }] of Object.entries(groups)) {
      for (const slug of slugs) {
        const found = all.filter((x) => x.service.slug === slug);
        expect(found.length, `${group}: ${slug}`).toBeGreaterThan(0);
        for (const x of found) expect(x.service.category, label(x)).toBe(category);
      }
    }
  });

  it('answer what citizens search for most', () => {
    for (const words of ["carta d'identità", 'CIE', 'nido', 'residenza', 'TARI', 'IMU', 'SCIA', 'CILA', 'ZTL', 'ingombranti']) {
      expect(findable(words), words).toBe(true);
    }
  });

  it('let the two comuni offer the same service with the same slug and local differences', () => {
    const [a, b] = DEMO_TENANTS.filter((t) => t.type === 'comune').map(
      (t) => new Map(DEMO_SERVICES.find((s) => s.tenantSlug === t.slug)!.services.map((s) => [s.slug, s])),
    );
    const shared = [...a.keys()].filter((slug) => b.has(slug));
    expect(shared.length).toBeGreaterThanOrEqual(50);
    const differing = shared.filter((slug) => JSON.stringify(a.get(slug)) !== JSON.stringify(b.get(slug)));
    expect(differing.length).toBeGreaterThanOrEqual(20);
  });
});
