/**
 * The rest of the demo registers: about 2,000 synthetic residents in Castelrocca and 1,500 in Valdoro
 * (registry-synthetic.ts), loaded through the register's own batched load (RegistryImportService.loadRecords),
 * and the civil status and date of residence of the families of demo/people.ts, which that file does not give.
 *
 * Made once, like the demo history: a comune whose register already holds more than the families of
 * demo/people.ts (an earlier seed, or a register loaded from the comune's export) gets no synthetic residents, and
 * a record that already has a civil status or a residence date is left as it is. The synthetic people are made as
 * of the day of the first seed (by the platform's clock), so that the babies are babies and the cards expire in
 * the years ahead.
 */
import { sql, type Kysely } from 'kysely';
import type { Services } from '../../../platform/context.ts';
import { clock } from '../../../platform/clock.ts';
import { addDays } from '../../../platform/legal-clock.ts';
import { inScope } from '../../../platform/tenancy.ts';
import { registryCsv, type CivilStatusValue } from '../../../modules/registry/registry-import.rows.ts';
import type { DB } from '../../schema.ts';
import { DEMO_REGISTRY, type DemoRegistryPerson } from './people.ts';
import { ageOn, seedOf, syntheticRegister, type RegisterAddress } from './registry-synthetic.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';

export interface DemoSyntheticRegister {
  tenantSlug: string;
  people: number;
  familyPrefix: string;
  address: RegisterAddress;
}

/** Streets of the two comuni (those of demo/people.ts and the history among them). */
export const DEMO_SYNTHETIC_REGISTERS: readonly DemoSyntheticRegister[] = [
  {
    tenantSlug: CASTELROCCA_SLUG, people: 2000, familyPrefix: 'CR',
    address: {
      postalCode: '24029', locality: 'Castelrocca', province: 'BG',
      streets: [
        'Via Roma', 'Via Giuseppe Garibaldi', 'Via Giuseppe Mazzini', 'Via Camillo Benso di Cavour', 'Via dei Mille', 'Piazza Vittorio Veneto',
        'Via Fiume', 'Via Monte Grappa', 'Via San Rocco', 'Vicolo del Forno', 'Via Papa Giovanni XXIII', 'Piazza del Castello', 'Via dei Tigli',
        'Via al Castello', 'Via degli Alpini', 'Via Santa Lucia', 'Via Bergamo', "Via Sant'Alessandro", 'Via Don Luigi Sturzo', 'Via Isonzo',
        'Via Piave', 'Via Trento', 'Via Trieste', 'Via Cesare Battisti', 'Via Nazario Sauro', 'Via IV Novembre', 'Via XXV Aprile',
        'Via Vittorio Emanuele II', 'Via Torquato Tasso', 'Via della Rocca', 'Via dei Ronchi', 'Via Belvedere', 'Via al Colle', 'Via della Pace',
      ],
    },
  },
  {
    tenantSlug: VALDORO_SLUG, people: 1500, familyPrefix: 'VD',
    address: {
      postalCode: '24017', locality: 'Valdoro', province: 'BG',
      streets: [
        'Via Alessandro Volta', 'Via della Chiesa', 'Via John Fitzgerald Kennedy', 'Via Giacomo Leopardi', 'Via Giuseppe Mazzini', 'Via Europa',
        'Via dei Campi', 'Via Guglielmo Marconi', 'Via del Lavoro', 'Via Giuseppe Verdi', 'Via Alessandro Manzoni', 'Via Dante Alighieri',
        'Via Valle Orsa', 'Via del Molino', 'Via della Fornace', 'Via San Giovanni Bosco', 'Via Aldo Moro', 'Via Enrico Fermi',
        'Via delle Vigne', 'Via dei Castagni', 'Via Giovanni Pascoli', 'Via Giosuè Carducci', 'Via Cristoforo Colombo', 'Via Provinciale',
        'Piazza della Libertà', 'Via Monte Bianco', 'Via Sorgente', 'Via Santa Maria',
      ],
    },
  },
];

/**
 * The test identities' families: civil status and since when they live in the comune, as their descriptions tell
 * (identities.ts). Davide Esposito has just moved from Naples: his date is counted back from the seeding day.
 */
const FAMILY_DETAILS: Record<string, { civil: CivilStatusValue; since: string | { daysBeforeSeeding: number } }> = {
  'Giulia Ferrari': { civil: 'coniugato', since: '2012-06-15' },
  'Marco Colombo': { civil: 'coniugato', since: '2013-09-21' },
  'Anna Pellegrini': { civil: 'divorziato', since: '2006-04-01' },
  'Alessandro Ricci': { civil: 'celibe_nubile', since: '2006-04-01' },
  'Davide Esposito': { civil: 'celibe_nubile', since: { daysBeforeSeeding: 75 } },
  'Elena Conti': { civil: 'celibe_nubile', since: '2021-05-10' },
  'Nicola Testa': { civil: 'celibe_nubile', since: '2021-05-10' },
  'Giuseppe Bonetti': { civil: 'coniugato', since: '1971-05-08' },
  'Rosa Carminati': { civil: 'coniugato', since: '1971-05-08' },
  'Maria Teresa Rota': { civil: 'vedovo', since: '1962-09-15' },
  'Francesca Galli': { civil: 'coniugato', since: '2008-03-01' },
  'Andrea Sala': { civil: 'coniugato', since: '2008-03-01' },
  'Amina El Idrissi': { civil: 'coniugato', since: '2017-10-02' },
  'Youssef Benali': { civil: 'coniugato', since: '2017-10-02' },
  'Paolo Rinaldi': { civil: 'coniugato', since: '2003-07-01' },
  'Carla Gritti': { civil: 'coniugato', since: '2003-07-01' },
  'Sara Villa': { civil: 'celibe_nubile', since: '2019-02-01' },
};

/** Civil status and residence date of every person of demo/people.ts: the table above, or read off their sheet. */
export function demoPeopleDetails(today: string): { tenantSlug: string; fiscalCode: string; civil: CivilStatusValue; since: string }[] {
  const out: { tenantSlug: string; fiscalCode: string; civil: CivilStatusValue; since: string }[] = [];
  for (const registry of DEMO_REGISTRY) {
    const sheets = new Map<string, DemoRegistryPerson[]>();
    for (const p of registry.people) sheets.set(p.familyId, [...(sheets.get(p.familyId) ?? []), p]);
    for (const [familyId, members] of sheets) {
      const head = members.find((m) => m.familyRelation === 'intestatario')!;
      const partner = members.find((m) => ['coniuge', 'unito_civilmente', 'convivente'].includes(m.familyRelation));
      // the sheet's own date: some day between the head's 24th year (not before 1975) and 2024, the same on every run
      const from = Math.max(Number(head.birthDate.slice(0, 4)) + 24, 1975);
      const year = from + (seedOf(familyId) % Math.max(1, 2024 - from));
      const sheetSince = `${year}-${String(1 + (seedOf(familyId) % 12)).padStart(2, '0')}-${String(1 + (seedOf(head.fiscalCode) % 28)).padStart(2, '0')}`;
      for (const p of members) {
        const given = FAMILY_DETAILS[`${p.givenName} ${p.familyName}`];
        let civil: CivilStatusValue;
        let since: string;
        if (given) {
          civil = given.civil;
          since = typeof given.since === 'string' ? given.since : addDays(today, -given.since.daysBeforeSeeding);
        } else {
          const role = p === head ? partner?.familyRelation ?? 'solo' : p.familyRelation;
          civil = role === 'coniuge' ? 'coniugato' : role === 'unito_civilmente' ? 'unito_civilmente' : role === 'genitore' ? 'vedovo'
            : role === 'solo' ? (ageOn(p.birthDate, today) >= 75 ? 'vedovo' : members.length > 1 ? 'divorziato' : 'celibe_nubile') : 'celibe_nubile';
          since = sheetSince;
        }
        out.push({ tenantSlug: registry.tenantSlug, fiscalCode: p.fiscalCode, civil, since: since < p.birthDate ? p.birthDate : since });
      }
    }
  }
  return out;
}

export interface SeedRegisterReport {
  /** synthetic residents written now, by comune (0: the comune had its register already) */
  synthetic: Record<string, number>;
  /** records of demo/people.ts that got their civil status and residence date now */
  completed: number;
}

export async function seedDemoRegister(db: Kysely<DB>, services: Pick<Services, 'registryImport'>): Promise<SeedRegisterReport> {
  const today = clock.today();
  const slugs = DEMO_SYNTHETIC_REGISTERS.map((r) => r.tenantSlug);
  const bodies = await inScope(db, { platform: true }, (trx) =>
    trx.selectFrom('tenants as t')
      .leftJoin('registry_people as p', 'p.tenant_id', 't.id')
      .select(['t.id', 't.slug', (eb) => eb.fn.count<string>('p.id').as('people')])
      .where('t.slug', 'in', slugs)
      .groupBy(['t.id', 't.slug'])
      .execute());

  const report: SeedRegisterReport = { synthetic: {}, completed: 0 };
  const taken = { fiscalCodes: new Set<string>(), names: new Set<string>() };
  for (const r of DEMO_REGISTRY) for (const p of r.people) {
    taken.fiscalCodes.add(p.fiscalCode);
    taken.names.add(`${p.givenName} ${p.familyName}`);
  }
  for (const register of DEMO_SYNTHETIC_REGISTERS) {
    const body = bodies.find((b) => b.slug === register.tenantSlug);
    if (!body) throw new Error(`seedDemoRegister: the tenant ${register.tenantSlug} does not exist; seed the demo tenants first`);
    const demoPeople = DEMO_REGISTRY.find((r) => r.tenantSlug === register.tenantSlug)?.people.length ?? 0;
    report.synthetic[register.tenantSlug] = 0;
    if (Number(body.people) > demoPeople) continue;
    const records = syntheticRegister({
      people: register.people, seed: seedOf(register.tenantSlug), asOf: today, familyPrefix: register.familyPrefix, address: register.address, avoid: taken,
    });
    for (const p of records) taken.fiscalCodes.add(p.fiscalCode);
    await services.registryImport.loadRecords(body.id, records);
    report.synthetic[register.tenantSlug] = records.length;
  }

  const details = demoPeopleDetails(today);
  const values = sql.join(details.map((d) => sql`(${d.tenantSlug}, ${d.fiscalCode}, ${d.civil}, ${d.since}::date)`));
  const completed = await inScope(db, { platform: true }, (trx) =>
    sql`UPDATE registry_people p SET civil_status = v.civil_status, residence_since = v.since
        FROM (VALUES ${values}) AS v(tenant_slug, fiscal_code, civil_status, since), tenants t
        WHERE t.slug = v.tenant_slug AND p.tenant_id = t.id AND p.fiscal_code = v.fiscal_code
          AND p.civil_status IS NULL AND p.residence_since IS NULL`.execute(trx));
  report.completed = Number(completed.numAffectedRows ?? 0);
  return report;
}

/** Streets for a body that is not one of the demo comuni. */
const COMMON_STREETS = [
  'Via Roma', 'Via Giuseppe Garibaldi', 'Via Giuseppe Mazzini', 'Via Dante Alighieri', 'Via Giuseppe Verdi', 'Via XXV Aprile', 'Via IV Novembre',
  'Via della Chiesa', 'Via dei Campi', 'Piazza della Libertà', 'Via Alessandro Manzoni', 'Via Guglielmo Marconi', 'Via Europa', 'Via del Lavoro',
];

/**
 * A synthetic register of about `people` residents of a body as its registry software would export it (every
 * column, ";"): `sportello seed --registry N --tenant SLUG > anagrafe.csv`, to try `sportello import registry`.
 * For a demo comune, the people the demo seed would make, then more; for another body, its first office's town.
 */
export async function syntheticRegisterCsv(services: Pick<Services, 'tenants'>, tenantSlug: string, people: number): Promise<string> {
  const body = await services.tenants.getWithOffices(tenantSlug);
  const office = body.offices[0];
  const demo = DEMO_SYNTHETIC_REGISTERS.find((r) => r.tenantSlug === body.slug);
  const locality = office?.city ?? body.name.replace(/^(Comune|Unione|Comunità) d[ei]l?l?[a-z']* /i, '');
  const address = demo?.address ?? { streets: COMMON_STREETS, postalCode: office?.postalCode ?? '00000', locality, province: office?.province ?? 'XX' };
  const taken = DEMO_REGISTRY.flatMap((r) => r.people);
  return registryCsv(syntheticRegister({
    people, seed: seedOf(body.slug), asOf: clock.today(), familyPrefix: demo?.familyPrefix ?? (locality.replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase() || 'SY'),
    address, avoid: { fiscalCodes: taken.map((p) => p.fiscalCode), names: taken.map((p) => `${p.givenName} ${p.familyName}`) },
  }));
}
