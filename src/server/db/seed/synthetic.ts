/**
 * A synthetic catalogue for benchmarks (`sportello seed --services N`): about N/170 invented comuni
 * (`sintetico-0001`, …), each with 2–3 offices and ~170 service cards that are variations of the demo cards
 * (the body's name in the texts, other costs, a few extra words, title variants), spread over the same
 * categories and life events as the demo.
 *
 * Fast by construction: rows are written in bulk (multi-row INSERTs of ROWS_PER_INSERT rows, ~1,000 services per
 * transaction), never through CatalogService.upsert one card at a time. The search document and the "did you
 * mean" lexicon are built by the same functions the catalogue uses, so the synthetic cards are found exactly as
 * published ones are. Idempotent: bodies already present are skipped, whole (a body and its services are
 * written in one transaction).
 */
import { randomUUID } from 'node:crypto';
import cliProgress from 'cli-progress';
import type { Transaction } from 'kysely';
import type { OpeningHours, ServiceCard, ServiceInput } from '../../../contracts/catalog.ts';
import { CatalogRepository, searchDocument, titleDocument } from '../../modules/catalog/catalog.repository.ts';
import { cardWords, documentParts } from '../../modules/catalog/catalog.service.ts';
import type { OfficeRow, TenantRow } from '../../modules/tenants/tenants.repository.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { Database } from '../connection.ts';
import type { DB } from '../schema.ts';
import { DEMO_SERVICES } from './demo/services.ts';
import { DEMO_TENANTS } from './demo/tenants.ts';

export const SYNTHETIC_SLUG_PREFIX = 'sintetico-';
export const SERVICES_PER_BODY = 170;
/** Rows per INSERT statement (services: 18 parameters a row, far below the 65,535 limit). */
const ROWS_PER_INSERT = 500;
/** About this many services per transaction: big enough to be fast, small enough to keep memory and locks low. */
const SERVICES_PER_TRANSACTION = 1000;
const PUBLISHED_BY = 'seed:synthetic';

export interface SyntheticOptions {
  /** a cli-progress bar on standard error; otherwise one line per 10% */
  progress?: boolean;
  /** how many bodies; default round(n / 170) */
  bodies?: number;
  /** where progress and summary lines go (default console.log) */
  log?: (line: string) => void;
}

export interface SyntheticReport {
  /** bodies created by this run */
  bodies: number;
  offices: number;
  services: number;
  /** bodies that already existed and were left as they were */
  skipped: number;
  seconds: number;
}

export const syntheticSlug = (index: number) => `${SYNTHETIC_SLUG_PREFIX}${String(index).padStart(4, '0')}`;

/** Creates the synthetic bodies and about n services. See the file comment. */
export async function seedSynthetic(database: Database, n: number, opts: SyntheticOptions = {}): Promise<SyntheticReport> {
  const started = performance.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!Number.isInteger(n) || n < 1) throw new Error(`the number of services must be a whole number ≥ 1 (got ${n})`);
  const bodyCount = Math.min(n, Math.max(1, opts.bodies ?? Math.round(n / SERVICES_PER_BODY)));
  const db = database.db;

  const existing = new Set(
    (await db.selectFrom('tenants').select('slug').where('slug', 'like', `${SYNTHETIC_SLUG_PREFIX}%`).execute()).map((r) => r.slug),
  );
  const plans: BodyPlan[] = [];
  for (let i = 1; i <= bodyCount; i++) {
    const services = Math.floor(n / bodyCount) + (i - 1 < n % bodyCount ? 1 : 0);
    if (!existing.has(syntheticSlug(i))) plans.push({ index: i, services });
  }
  const skipped = bodyCount - plans.length;
  const total = plans.reduce((s, p) => s + p.services, 0);
  const report: SyntheticReport = { bodies: 0, offices: 0, services: 0, skipped, seconds: 0 };

  if (total > 0) {
    const templates = loadTemplates();
    const names = townNames(Math.max(...plans.map((p) => p.index)));
    const bar = opts.progress
      ? new cliProgress.SingleBar(
          { format: 'Servizi sintetici [{bar}] {percentage}% | {value}/{total} | {duration}s', hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(total, 0);
    let nextTenth = 1;
    const perTransaction = Math.max(1, Math.round(SERVICES_PER_TRANSACTION / Math.max(1, total / plans.length)));
    try {
      for (let i = 0; i < plans.length; i += perTransaction) {
        const bodies = plans.slice(i, i + perTransaction).map((p) => makeBody(p, names[p.index - 1], templates));
        await inScope(db, { platform: true }, (trx) => writeBodies(trx, bodies));
        report.bodies += bodies.length;
        report.offices += bodies.reduce((s, b) => s + b.offices.length, 0);
        report.services += bodies.reduce((s, b) => s + b.services.length, 0);
        bar?.update(report.services);
        const tenth = Math.floor((report.services * 10) / total);
        if (!bar && tenth >= nextTenth) {
          log(`  ${tenth * 10}% – ${report.services}/${total} servizi, ${seconds(started)} s`);
          nextTenth = tenth + 1;
        }
      }
    } finally {
      bar?.stop();
    }
  }
  report.seconds = Number(seconds(started));
  log(
    `Catalogo sintetico: ${report.bodies} enti, ${report.offices} uffici, ${report.services} servizi creati` +
      `${skipped ? ` (${skipped} enti già presenti, lasciati invariati)` : ''} in ${report.seconds} s (${database.kind}).`,
  );
  return report;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------------------
// Writing

interface BodyPlan {
  index: number;
  services: number;
}

interface SyntheticService {
  id: string;
  slug: string;
  card: ServiceCard;
  office: OfficeRow;
}

interface SyntheticBody {
  tenant: TenantRow;
  offices: OfficeRow[];
  services: SyntheticService[];
}

async function writeBodies(trx: Transaction<DB>, bodies: SyntheticBody[]) {
  await trx
    .insertInto('tenants')
    .values(bodies.map(({ tenant: { created_at: _c, ...t } }) => t))
    .execute();
  await trx
    .insertInto('offices')
    .values(bodies.flatMap((b) => b.offices.map((o) => ({ ...o, opening_hours: JSON.stringify(o.opening_hours) }))))
    .execute();

  const rows = bodies.flatMap((b) => b.services.map((s) => ({ body: b, s })));
  const publishedAt = new Date();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await trx
      .insertInto('services')
      .values(
        chunk.map(({ body, s }) => ({
          id: s.id,
          tenant_id: body.tenant.id,
          slug: s.slug,
          current_version: 1,
          title: s.card.title,
          short_description: s.card.shortDescription,
          category: s.card.category,
          life_events: s.card.lifeEvents,
          audiences: s.card.audiences,
          online: s.card.access.online,
          status: s.card.status,
          max_days: s.card.maxDays,
          office_id: s.office.id,
          published_at: publishedAt,
          search_document: searchDocument(documentParts(s.card, s.office, body.tenant.name)),
          title_document: titleDocument(documentParts(s.card, s.office, body.tenant.name)),
        })),
      )
      .execute();
    await trx
      .insertInto('service_versions')
      .values(
        chunk.map(({ body, s }) => ({
          tenant_id: body.tenant.id,
          service_id: s.id,
          version: 1,
          card: JSON.stringify(s.card),
          published_at: publishedAt,
          published_by: PUBLISHED_BY,
        })),
      )
      .execute();
  }

  // The lexicon: count every word in JS, then one upsert of the distinct words with their counts.
  const uses = new Map<string, number>();
  for (const { s } of rows) for (const w of cardWords(s.card)) uses.set(w, (uses.get(w) ?? 0) + 1);
  await new CatalogRepository(trx).addTerms([...uses.keys()], [...uses.values()]);
}

// ---------------------------------------------------------------------------------------------------------------
// Templates: the demo cards, with what names their comune

interface Template {
  input: ServiceInput;
  /** the demo comune's name ("Castelrocca") and the word used in its addresses ("castelrocca") */
  sourceName: string;
  sourceDomainWord: string;
}

/** slug → the versions of that card in the demo comuni (one per comune offering it) */
type TemplateSet = Template[][];

function loadTemplates(): TemplateSet {
  const bySlug = new Map<string, Template[]>();
  const tenants = new Map(DEMO_TENANTS.map((t) => [t.slug, t]));
  const groups = DEMO_SERVICES.filter((g) => tenants.get(g.tenantSlug)?.type === 'comune');
  for (const group of groups.length ? groups : DEMO_SERVICES) {
    const tenant = tenants.get(group.tenantSlug);
    const sourceName = (tenant?.name ?? '').replace(/^Comune di /, '');
    const host = tenant?.website ? new URL(tenant.website).hostname : '';
    const sourceDomainWord = host.replace(/^www\./, '').split('.')[0] ?? '';
    for (const input of group.services) {
      const list = bySlug.get(input.slug) ?? [];
      list.push({ input, sourceName, sourceDomainWord });
      bySlug.set(input.slug, list);
    }
  }
  if (!bySlug.size) throw new Error('the demo catalogue is empty: nothing to vary');
  return [...bySlug.values()];
}

/** Title variants used when a body has more services than there are demo cards. */
const VARIANTS: { title: string; slug: string; note: string }[] = [
  { title: '', slug: '', note: '' },
  { title: ' - procedura semplificata', slug: 'semplificata', note: 'Procedura semplificata per i casi più comuni, con meno documenti da allegare.' },
  { title: ' per non residenti', slug: 'non-residenti', note: 'Per chi non risiede nel comune ma vi ha un interesse (lavoro, studio, proprietà).' },
  { title: ' - sportello delle frazioni', slug: 'frazioni', note: 'Servizio disponibile anche allo sportello decentrato delle frazioni, un giorno alla settimana.' },
  { title: ' - richiesta urgente', slug: 'urgente', note: 'Per le richieste urgenti e motivate: i tempi di risposta sono ridotti.' },
  { title: ' - rettifica o integrazione', slug: 'rettifica', note: 'Per correggere o completare una richiesta già presentata.' },
  { title: ' per cittadini stranieri', slug: 'stranieri', note: 'Informazioni e modulistica anche in inglese, francese e arabo.' },
  { title: ' tramite delegato', slug: 'delegato', note: 'La richiesta può essere presentata da una persona delegata, con copia del documento del delegante.' },
  { title: ' - rinuncia o revoca', slug: 'rinuncia', note: 'Per rinunciare al servizio o revocare una richiesta precedente.' },
];

function makeBody(plan: BodyPlan, town: string, templates: TemplateSet): SyntheticBody {
  const rand = rng(plan.index * 7919 + 17);
  const slug = syntheticSlug(plan.index);
  const domainWord = slugify(town);
  const province = pick(rand, PROVINCES);
  const postalCode = String(10000 + Math.floor(rand() * 89999));
  const tenantId = randomUUID();
  const tenant: TenantRow = {
    id: tenantId,
    slug,
    name: `Comune di ${town}`,
    type: 'comune',
    istat_code: null,
    cadastral_code: null,
    region_code: null,
    access_log_names_operators: false,
    pagopa_segregation_code: '01', // the column's default (migration 0017)
    fiscal_code: fiscalCode(plan.index),
    ipa_code: `c_y${String(plan.index).padStart(4, '0')}`,
    aoo_code: `AOO_S${String(plan.index).padStart(4, '0')}`,
    parent_id: null,
    website: `https://www.${domainWord}.example`,
    email: `info@${domainWord}.example`,
    pec: `protocollo@pec.${domainWord}.example`,
    phone: `+39 0${Math.floor(100 + rand() * 899)} ${Math.floor(100 + rand() * 899)} ${Math.floor(1000 + rand() * 8999)}`,
    created_at: new Date(),
  };
  const street = pick(rand, STREETS);
  const office = (code: string, name: string, description: string, hours: OpeningHours[]): OfficeRow => ({
    id: randomUUID(),
    tenant_id: tenantId,
    code,
    name,
    description,
    address: street,
    postal_code: postalCode,
    city: town,
    province,
    email: `${code}@${domainWord}.example`,
    pec: tenant.pec,
    phone: tenant.phone,
    opening_hours: hours,
  });
  const offices = [
    office('urp', 'URP - Relazioni con il Pubblico e Protocollo', 'Informazioni, protocollo, tributi, scuola, servizi sociali e segnalazioni.', [
      { days: [1, 2, 3, 4, 5], opens: '08:30', closes: '12:30' },
      { days: [pick(rand, [1, 2, 4])], opens: '14:30', closes: '17:30' },
    ]),
    office('demografici', 'Servizi demografici - Anagrafe, Stato civile ed Elettorale', "Residenza, carta d'identità, certificati, stato civile ed elettorale.", [
      { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:30' },
      { days: [pick(rand, [2, 3, 4])], opens: '15:00', closes: '17:30' },
    ]),
  ];
  if (rand() < 0.5) {
    offices.push(
      office('tecnico', 'Area tecnica - Edilizia, Ambiente e Attività produttive', 'Edilizia privata, lavori pubblici, ambiente, SUAP.', [
        { days: [2, 4], opens: '09:00', closes: '12:30' },
      ]),
    );
  }
  const officeFor = (category: string) =>
    (TECHNICAL_CATEGORIES.has(category) && offices.find((o) => o.code === 'tecnico')) ||
    (category === 'civil_registry' ? offices[1] : offices[0]);

  const frazioni = pickDistinct(rand, FRAZIONI, 3);
  const picked: SyntheticService[] = [];
  const used = new Set<string>();
  // Round 0: every demo card once; later rounds: a title variant each, different per card and per round.
  const offsets = templates.map(() => Math.floor(rand() * (VARIANTS.length - 1)));
  for (let round = 0; picked.length < plan.services; round++) {
    for (const k of shuffle(rand, templates.map((_, i) => i))) {
      if (picked.length >= plan.services) break;
      const t = pick(rand, templates[k]);
      const variant = round === 0 ? VARIANTS[0] : VARIANTS[1 + ((round - 1 + offsets[k]) % (VARIANTS.length - 1))];
      let serviceSlug = variant.slug ? `${t.input.slug}-${variant.slug}` : t.input.slug;
      if (used.has(serviceSlug)) serviceSlug = `${t.input.slug}-${round + 1}`;
      if (used.has(serviceSlug)) continue;
      used.add(serviceSlug);
      const card = varyCard(t, { town, domainWord, frazioni, variant, rand });
      const o = officeFor(card.category);
      card.officeCode = o.code;
      picked.push({ id: randomUUID(), slug: serviceSlug, card, office: o });
    }
  }
  return { tenant, offices, services: picked };
}

function varyCard(
  t: Template,
  v: { town: string; domainWord: string; frazioni: string[]; variant: (typeof VARIANTS)[number]; rand: () => number },
): ServiceCard {
  const rename = (s: string) => {
    let out = s;
    if (t.sourceName) out = out.split(t.sourceName).join(v.town);
    if (t.sourceDomainWord) out = out.split(t.sourceDomainWord).join(v.domainWord);
    return out;
  };
  const { slug: _slug, ...base } = mapStrings(t.input, rename);
  const [f1, f2, f3] = v.frazioni;
  const local =
    `Il servizio è offerto dal Comune di ${v.town} a chi vive nel capoluogo e nelle frazioni di ${f1}, ${f2} e ${f3}.` +
    (v.variant.note ? ` ${v.variant.note}` : '');
  const factor = 0.8 + v.rand() * 0.5;
  return {
    ...base,
    title: `${base.title}${v.variant.title}`,
    shortDescription: v.variant.note ? `${base.shortDescription} ${v.variant.note}` : base.shortDescription,
    description: `${base.description}\n\n${local}`,
    costs: base.costs.map((c) =>
      // amounts fixed by law (bollo, diritti fissi) stay; local tariffs change from body to body
      c.amountCents === 0 || c.amountCents === 1600 ? c : { ...c, amountCents: Math.max(50, Math.round((c.amountCents * factor) / 50) * 50) },
    ),
    keywords: [...new Set([...base.keywords, v.town, pick(v.rand, v.frazioni), ...(v.rand() < 0.3 ? [pick(v.rand, EXTRA_KEYWORDS)] : [])])],
  };
}

/** Deep copy of a JSON-like value with every string passed through f. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((x) => mapStrings(x, f)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, mapStrings(x, f)])) as T;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Invented Italian place names (no real comune is meant) and other small vocabularies

const TECHNICAL_CATEGORIES = new Set([
  'land_registry_urban_planning', 'environment', 'business_commerce', 'authorisations', 'public_procurement',
  'agriculture_fishing', 'mobility_transport',
]);

const COMPOUND_HEADS = ['Castel', 'Monte', 'Rocca', 'Borgo', 'Villa', 'Colle', 'Poggio', 'Pieve', 'Torre', 'Ponte', 'Serra', 'Fonte', 'Casal', 'Sasso', 'Campo', 'Pozzo'];
const COMPOUND_TAILS = ['franco', 'verde', 'nuovo', 'bello', 'fiore', 'rosso', 'secco', 'leone', 'chiaro', 'vecchio', 'alto', 'marino', 'forte', 'lungo', 'piano', 'rotondo', 'bianco', 'maggiore', 'olmo', 'pino'];
const SAINTS = ['San Giorgio', 'San Martino', 'San Lorenzo', 'San Michele', 'San Vito', 'San Pietro', 'San Donato', 'San Biagio', 'Santa Maria', 'Santa Croce', 'Sant\'Andrea', 'Sant\'Elia', 'San Felice', 'San Mauro', 'Santa Giusta', 'San Zeno'];
const QUALIFIERS = ['', ' in Valle', ' al Piano', ' di Sopra', ' di Sotto', ' Marina', ' Scalo', ' del Lago', ' sul Fiume', ' in Colle', ' Terme', ' al Monte'];
const PROVINCES = ['BG', 'BS', 'CN', 'TO', 'PD', 'VR', 'VI', 'TV', 'MN', 'CR', 'PV', 'AL', 'AT', 'PR', 'RE', 'MO', 'AR', 'SI', 'PG', 'AN', 'MC', 'AQ', 'CH', 'AV', 'BN', 'SA', 'CS', 'LE', 'BA', 'TP', 'SS', 'NU'];
const STREETS = ['Piazza del Municipio 1', 'Piazza Roma 1', 'Via Roma 12', 'Piazza Vittorio Emanuele II 3', 'Via Garibaldi 8', 'Piazza della Repubblica 2', 'Via Mazzini 15', 'Piazza Marconi 4', 'Via Cavour 21', 'Piazza Matteotti 1'];
const FRAZIONI = ['Pianello', 'Casalino', 'Molinetto', 'Fornaci', 'Pratolungo', 'Cerreto', 'Boschetto', 'Chiesanuova', 'Ronchi', 'Campagnola', 'Sorgenti', 'Castagneto', 'Valletta', 'Olmeto', 'Ca\' Bianca', 'Ponticelli', 'Roveri', 'Querceto', 'Salici', 'Vignola', 'Costa', 'Motta', 'Sabbioni', 'Case Nuove'];
const EXTRA_KEYWORDS = ['sportello', 'modulo', 'domanda', 'richiesta', 'ufficio', 'comunale', 'cittadino', 'online', 'appuntamento', 'pratica'];

/** `count` distinct invented town names, the same list on every run (index i → the same name). */
function townNames(count: number): string[] {
  const all = new Set<string>();
  for (const q of QUALIFIERS) {
    for (const h of COMPOUND_HEADS) for (const t of COMPOUND_TAILS) all.add(`${h}${t}${q}`);
    for (const s of SAINTS) all.add(`${s}${q}`);
  }
  for (const h of COMPOUND_HEADS) for (const t of ['Alta', 'Bassa', 'Vecchia', 'Nuova']) all.add(`${h === 'Castel' ? 'Castello' : h} ${t}`);
  const base = shuffle(rng(20_260_101), [...all]);
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const round = Math.floor(i / base.length);
    names.push(round === 0 ? base[i % base.length] : `${base[i % base.length]} ${round + 1}`);
  }
  return names;
}

/** "Sant'Elia al Piano" → "santelia-al-piano" */
function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** 11 digits with a valid check digit (the partita IVA rule), starting with 9 so it is easy to tell apart. */
function fiscalCode(index: number): string {
  const digits = `9${String(index).padStart(9, '0')}`.split('').map(Number);
  let sum = 0;
  digits.forEach((d, i) => {
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  });
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

/** mulberry32: a small deterministic generator, so that every run invents the same bodies. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

function shuffle<T>(rand: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const pickDistinct = <T>(rand: () => number, list: readonly T[], k: number): T[] => shuffle(rand, list).slice(0, k);
