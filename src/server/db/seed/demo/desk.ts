/**
 * The demo's one-stop desks: the take-a-number categories and counters of Castelrocca's URP and Valdoro's
 * Segreteria (where the demo desk operators work), the appointment calendars of the services booked at the desk,
 * and twenty working days of simulated arrivals so that the desk manager's figures have something to show.
 *
 * Rows are written directly (platform scope), matched by their natural keys (office + prefix, office + name), so a
 * second seed changes nothing: a category, counter or calendar the body has since edited is left as it is. The
 * simulated days are made once per office (see desk-simulator.ts#simulateDeskDays: a day that already has tickets
 * is skipped).
 */
import type { Kysely, Transaction } from 'kysely';
import type { CalendarClosure, WeeklyHours } from '../../../../contracts/desk.ts';
import { clock } from '../../../platform/clock.ts';
import { addDays, isNonWorkingDay } from '../../../platform/legal-clock.ts';
import { inScope } from '../../../platform/tenancy.ts';
import { simulateDeskDays } from '../../../modules/desk/desk-simulator.ts';
import type { DB } from '../../schema.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';

interface CategorySeed { prefix: string; name: string; description: string }
interface CalendarSeed {
  officeCode: string;
  name: string;
  serviceSlugs: string[];
  /** the queue category (prefix) an appointment joins at check-in, at the calendar's office; null: none */
  categoryPrefix: string | null;
  weeklyHours: WeeklyHours[];
  slotMinutes: number;
  capacity: number;
}
interface DeskSeed {
  tenantSlug: string;
  /** the office with the queue */
  officeCode: string;
  categories: CategorySeed[];
  /** counter name → the prefixes it serves */
  counters: [string, string[]][];
  calendars: CalendarSeed[];
}

const CATEGORY = {
  A: { prefix: 'A', name: 'Anagrafe', description: 'Certificati, residenza, cambi di indirizzo, autentiche di firma e di copie.' },
  C: { prefix: 'C', name: "Carta d'identità elettronica", description: "Richiesta e rinnovo della carta d'identità elettronica (CIE)." },
  S: { prefix: 'S', name: 'Stato civile', description: 'Nascite, matrimoni, unioni civili, atti e certificati di stato civile.' },
  E: { prefix: 'E', name: 'Elettorale', description: 'Tessera elettorale, albi di scrutatori e presidenti di seggio.' },
  T: { prefix: 'T', name: 'Tributi', description: 'IMU, TARI, canone unico: informazioni, dichiarazioni e rimborsi.' },
} satisfies Record<string, CategorySeed>;

/** Weekdays (ISO) with their hours: mornings Monday to Friday, and the given afternoons. */
function hours(morning: [string, string], afternoonDays: number[], afternoon: [string, string]): WeeklyHours[] {
  const out: WeeklyHours[] = [];
  for (const weekday of [1, 2, 3, 4, 5] as const) {
    out.push({ weekday, from: morning[0], to: morning[1] });
    if (afternoonDays.includes(weekday)) out.push({ weekday, from: afternoon[0], to: afternoon[1] });
  }
  return out;
}
// inside each office's published opening hours (seed/demo/tenants.ts): the URP opens on Monday and Thursday afternoons
const URP_HOURS = hours(['08:30', '12:30'], [1, 4], ['14:30', '17:00']);
// Valdoro's Segreteria opens on Wednesday afternoons
const SEGRETERIA_HOURS = hours(['09:00', '12:30'], [3], ['15:00', '17:00']);

/** Services (demo slugs) with access.desk and bookable: the CIE, and the registry's and civil status's by appointment. */
const CIE_SLUGS = ['carta-identita-elettronica'];
const REGISTRY_SLUGS = ['iscrizione-anagrafica-trasferimento-residenza', 'autentica-firma-copie-foto', 'registrazione-convivenza-di-fatto'];
const CIVIL_STATUS_SLUGS = ['pubblicazioni-di-matrimonio', 'dichiarazione-di-nascita', 'costituzione-unione-civile', 'disposizioni-anticipate-trattamento'];

export const DESK_SEEDS: DeskSeed[] = [
  {
    tenantSlug: CASTELROCCA_SLUG,
    officeCode: 'urp',
    categories: [CATEGORY.A, CATEGORY.C, CATEGORY.S, CATEGORY.E, CATEGORY.T],
    counters: [['Sportello 1', ['A', 'C']], ['Sportello 2', ['A', 'C', 'S']], ['Sportello 3', ['S', 'E']], ['Sportello 4', ['T', 'A']]],
    calendars: [
      { officeCode: 'urp', name: "Carta d'identità elettronica", serviceSlugs: CIE_SLUGS, categoryPrefix: 'C', weeklyHours: URP_HOURS, slotMinutes: 20, capacity: 2 },
      { officeCode: 'urp', name: 'Anagrafe su appuntamento', serviceSlugs: REGISTRY_SLUGS, categoryPrefix: 'A', weeklyHours: URP_HOURS, slotMinutes: 15, capacity: 2 },
      {
        officeCode: 'anagrafe', name: 'Stato civile su appuntamento', serviceSlugs: CIVIL_STATUS_SLUGS, categoryPrefix: null,
        weeklyHours: hours(['09:00', '12:30'], [4], ['14:30', '16:30']), slotMinutes: 30, capacity: 1,
      },
    ],
  },
  {
    tenantSlug: VALDORO_SLUG,
    officeCode: 'segreteria',
    categories: [CATEGORY.A, CATEGORY.C, CATEGORY.E, CATEGORY.T],
    counters: [['Sportello 1', ['A', 'C']], ['Sportello 2', ['A', 'C', 'E']], ['Sportello 3', ['T', 'A']]],
    calendars: [
      { officeCode: 'segreteria', name: "Carta d'identità elettronica", serviceSlugs: CIE_SLUGS, categoryPrefix: 'C', weeklyHours: SEGRETERIA_HOURS, slotMinutes: 20, capacity: 2 },
    ],
  },
];

/** What the browser journeys and tests look up in the demo (slugs and codes; ids differ per database). */
export const DEMO_DESK = {
  castelrocca: {
    tenantSlug: CASTELROCCA_SLUG,
    officeCode: 'urp',
    deskOperatorEmail: 'f.gotti@castelrocca.example',
    cieServiceSlug: 'carta-identita-elettronica',
    registryServiceSlugs: REGISTRY_SLUGS,
    civilStatusOfficeCode: 'anagrafe',
    civilStatusServiceSlug: 'pubblicazioni-di-matrimonio',
    categories: ['A', 'C', 'S', 'E', 'T'],
    counters: ['Sportello 1', 'Sportello 2', 'Sportello 3', 'Sportello 4'],
  },
  valdoro: {
    tenantSlug: VALDORO_SLUG,
    officeCode: 'segreteria',
    deskOperatorEmail: 'r.belotti@valdoro.example',
    cieServiceSlug: 'carta-identita-elettronica',
    categories: ['A', 'C', 'E', 'T'],
    counters: ['Sportello 1', 'Sportello 2', 'Sportello 3'],
  },
} as const;

/** Working days simulated before the seed day at each demo desk. */
export const DEMO_DESK_SIMULATED_DAYS = 20;

/** Christmas closures of the seed year (and of the next, so that a seed late in December still books around them). */
function closures(today: string): CalendarClosure[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1].flatMap((y) => [
    { from: `${y}-12-24`, to: `${y}-12-26`, reason: 'Chiusura natalizia' },
    { from: `${y}-12-31`, to: `${y}-12-31`, reason: "Chiusura di fine anno" },
  ]);
}

async function officeId(trx: Transaction<DB>, tenantId: string, code: string): Promise<string> {
  const row = await trx.selectFrom('offices').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  if (!row) throw new Error(`demo desk: no office "${code}" in body ${tenantId}`);
  return row.id;
}

/** Categories, counters and calendars of one desk; returns the queue office's id. */
async function seedDesk(trx: Transaction<DB>, tenantId: string, seed: DeskSeed, today: string): Promise<string> {
  const deskOfficeId = await officeId(trx, tenantId, seed.officeCode);
  await trx.insertInto('desk_categories')
    .values(seed.categories.map((c, i) => ({ tenant_id: tenantId, office_id: deskOfficeId, prefix: c.prefix, name: c.name, description: c.description, sort: (i + 1) * 10 })))
    .onConflict((oc) => oc.columns(['office_id', 'prefix']).doNothing())
    .execute();
  const categories = await trx.selectFrom('desk_categories').select(['id', 'prefix']).where('office_id', '=', deskOfficeId).execute();
  const byPrefix = new Map(categories.map((c) => [c.prefix, c.id]));
  const idOf = (prefix: string) => {
    const id = byPrefix.get(prefix);
    if (!id) throw new Error(`demo desk: no category "${prefix}" at ${seed.officeCode}`);
    return id;
  };
  await trx.insertInto('desk_counters')
    .values(seed.counters.map(([name, prefixes]) => ({ tenant_id: tenantId, office_id: deskOfficeId, name, category_ids: prefixes.map(idOf) })))
    .onConflict((oc) => oc.columns(['office_id', 'name']).doNothing())
    .execute();

  const slugs = [...new Set(seed.calendars.flatMap((c) => c.serviceSlugs))];
  const services = await trx.selectFrom('services').select(['id', 'slug']).where('tenant_id', '=', tenantId).where('slug', 'in', slugs).execute();
  const serviceBySlug = new Map(services.map((s) => [s.slug, s.id]));
  for (const cal of seed.calendars) {
    const calOfficeId = cal.officeCode === seed.officeCode ? deskOfficeId : await officeId(trx, tenantId, cal.officeCode);
    // no natural key in the table: the demo's calendars are known by office and name
    const existing = await trx.selectFrom('appointment_calendars').select('id').where('office_id', '=', calOfficeId).where('name', '=', cal.name).executeTakeFirst();
    if (existing) continue;
    const serviceIds = cal.serviceSlugs.map((slug) => {
      const id = serviceBySlug.get(slug);
      if (!id) throw new Error(`demo desk: no service "${slug}" in ${seed.tenantSlug}`);
      return id;
    });
    await trx.insertInto('appointment_calendars').values({
      tenant_id: tenantId, office_id: calOfficeId, name: cal.name, service_ids: serviceIds,
      weekly_hours: JSON.stringify(cal.weeklyHours), slot_minutes: cal.slotMinutes, capacity: cal.capacity, buffer_minutes: 0,
      min_notice_hours: 24, horizon_days: 60, closures: JSON.stringify(closures(today)),
      category_id: cal.categoryPrefix ? idOf(cal.categoryPrefix) : null,
    }).execute();
  }
  return deskOfficeId;
}

/** The working days (Monday–Friday, not public holidays) before a day, most recent last. */
export function workingDaysBefore(day: string, count: number): string[] {
  const out: string[] = [];
  for (let d = addDays(day, -1); out.length < count; d = addDays(d, -1)) {
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (weekday !== 6 && !isNonWorkingDay(d)) out.unshift(d);
  }
  return out;
}

export async function seedDemoDesk(db: Kysely<DB>, ids: Map<string, string>): Promise<{ tickets: number }> {
  const today = clock.today();
  const offices: { tenantId: string; officeId: string; seed: number }[] = [];
  await inScope(db, { platform: true }, async (trx) => {
    for (const seed of DESK_SEEDS) {
      const tenantId = ids.get(seed.tenantSlug);
      if (!tenantId) continue;
      const deskOfficeId = await seedDesk(trx, tenantId, seed, today);
      offices.push({ tenantId, officeId: deskOfficeId, seed: seed.tenantSlug === CASTELROCCA_SLUG ? 8_001 : 8_002 });
    }
  });
  // twenty working days of arrivals before today (a day that already has tickets is skipped: made once)
  let tickets = 0;
  const days = workingDaysBefore(today, DEMO_DESK_SIMULATED_DAYS);
  for (const o of offices) tickets += (await simulateDeskDays(db, { tenantId: o.tenantId, officeId: o.officeId, days, seed: o.seed })).tickets;
  return { tickets };
}
