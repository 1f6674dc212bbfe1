/**
 * The large registers of issue 11 (`sportello seed --scale <factor>`): at factor 1, the synthetic catalogue of 300
 * bodies and 51,000 service cards (seedSynthetic), 200,000 citizens and 1,000,000 applications filed over three
 * years, among which
 *   - the 50 applications of one citizen, the bench citizen (BENCH_CITIZEN): the "Le mie pratiche" benchmark;
 *   - 100,000 open applications (registered, in progress, awaiting the citizen) in one office, the URP of the first
 *     synthetic body (BIG_OFFICE), with an operator account there (BENCH_OPERATOR): the operator-queue benchmark.
 * Every other size scales with the factor (0.001 for tests: 1 body, 1,000 applications, 100 open in the big office;
 * the bench citizen keeps exactly 50).
 *
 * Fast by construction: set-based SQL (INSERT … SELECT … FROM generate_series) in chunks of CHUNK rows, one
 * transaction each, never a row at a time. Rows are what the real code would have written, as far as the list
 * views and queues read them: submission time, the legal clock's due date (calendar days here, not working days),
 * incoming protocol numbers gapless per body and year in submission order (with the register's entries and
 * counters, so the registrar continues after them), the deadline sweep's marks on late ones (so a started server
 * does not escalate a hundred thousand applications at once), and NO_RECEIPT like the demo history (no PDF to
 * issue). What it does not make: timelines, attachments, documents, messages (no list reads them).
 *
 * Mostly closed (approved, some rejected or withdrawn); applications of the last 120 days are partly still open.
 * Deterministic for a given factor and day (setseed per chunk). Not idempotent: a second run refuses, naming what
 * it found (start from a fresh database).
 */
import { hash } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { fiscalCode } from '../../../contracts/fiscal-code.ts';
import { clock } from '../../platform/clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { Database } from '../connection.ts';
import type { DB } from '../schema.ts';
import { NO_RECEIPT } from './demo/history.ts';
import { seedSynthetic, syntheticSlug } from './synthetic.ts';

/** The sizes at factor 1 (issue 11). */
export const SCALE_SIZES = { bodies: 300, services: 51_000, applications: 1_000_000, bigOfficeOpen: 100_000, citizens: 200_000 } as const;
/** Always this many, whatever the factor. */
export const BENCH_CITIZEN_APPLICATIONS = 50;
/** Rows per statement (and transaction). */
const CHUNK = 50_000;
/** Applications are filed over this many days up to yesterday. */
const SPAN_DAYS = 3 * 365;
/** Older than this, an application is closed; younger, some are still open. */
const OPEN_WINDOW_DAYS = 120;
const MIN_FACTOR = 0.001;
const MAX_FACTOR = 10;

/** The citizen of "Le mie pratiche": exactly 50 applications (2 drafts, 5 open, 43 closed) over 3 years. */
export const BENCH_CITIZEN = {
  id: '5ca1e000-0000-4000-8000-b0000000c17e',
  givenName: 'Bianca',
  familyName: 'Misura',
  fiscalCode: fiscalCode({ givenName: 'Bianca', familyName: 'Misura', sex: 'F', birthDate: '1985-03-21', birthPlaceCode: 'H501' }),
} as const;

/** The office with the big queue: the URP of the first synthetic body. */
export const BIG_OFFICE = { tenantSlug: syntheticSlug(1), officeCode: 'urp' } as const;

/** An operator of the big office (role operator there: password only, no second factor), for the queue benchmark. */
export const BENCH_OPERATOR = {
  email: 'operatore.scala@sintetico.example',
  name: 'Operatore Scala',
  password: 'Scala-Bench-2026!',
} as const;

export interface ScaleSizes {
  bodies: number;
  services: number;
  applications: number;
  bigOfficeOpen: number;
  citizens: number;
  benchCitizen: number;
}

/** The sizes at this factor (see the file comment). */
export function scaleSizes(factor: number): ScaleSizes {
  if (!Number.isFinite(factor) || factor < MIN_FACTOR || factor > MAX_FACTOR) {
    throw new Error(`the scale factor must be between ${MIN_FACTOR} and ${MAX_FACTOR} (got ${factor})`);
  }
  const bodies = Math.max(1, Math.round(SCALE_SIZES.bodies * factor));
  const services = Math.max(bodies, Math.round(SCALE_SIZES.services * factor));
  const bigOfficeOpen = Math.max(20, Math.round(SCALE_SIZES.bigOfficeOpen * factor));
  // the big office's applications are one in four of the most recent 4 × bigOfficeOpen (see applicationChunk)
  const applications = Math.max(Math.round(SCALE_SIZES.applications * factor), 10 * bigOfficeOpen);
  const citizens = Math.max(20, Math.round(SCALE_SIZES.citizens * factor));
  return { bodies, services, applications, bigOfficeOpen, citizens, benchCitizen: BENCH_CITIZEN_APPLICATIONS };
}

export interface ScaleOptions {
  /** where progress and summary lines go (default console.log) */
  log?: (line: string) => void;
  /**
   * PostgreSQL: the database URL as its owner (the URL the app is configured with: its pool switches to the
   * application role), to ANALYZE the tables filled, which the application role may not do. Without it the
   * planner waits for autovacuum's statistics.
   */
  ownerUrl?: string;
  /** rows per statement (default CHUNK); tests make it small to cross chunk boundaries */
  chunk?: number;
}

export interface ScaleReport extends ScaleSizes {
  factor: number;
  /** ids the benchmarks need */
  tenantId: string;
  officeId: string;
  citizenId: string;
  operatorId: string;
  seconds: { catalogue: number; citizens: number; applications: number; analyze: number; total: number };
}

export interface ScaleFixtures {
  tenantId: string;
  officeId: string;
  citizenId: string;
  operatorId: string | null;
}

/** The bench citizen, the big office and its operator in a seeded database; undefined if not seeded. */
export async function scaleFixtures(db: Kysely<DB>): Promise<ScaleFixtures | undefined> {
  return inScope(db, { platform: true }, async (trx) => {
    const office = await trx.selectFrom('offices as o').innerJoin('tenants as t', 't.id', 'o.tenant_id')
      .select(['o.id', 'o.tenant_id']).where('t.slug', '=', BIG_OFFICE.tenantSlug).where('o.code', '=', BIG_OFFICE.officeCode).executeTakeFirst();
    const citizen = await trx.selectFrom('citizens').select('id').where('fiscal_code', '=', BENCH_CITIZEN.fiscalCode).executeTakeFirst();
    if (!office || !citizen) return undefined;
    const operator = await trx.selectFrom('operators').select('id').where('email', '=', BENCH_OPERATOR.email).executeTakeFirst();
    return { tenantId: office.tenant_id, officeId: office.id, citizenId: citizen.id, operatorId: operator?.id ?? null };
  });
}

const elapsed = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** Creates the large registers. See the file comment. */
export async function seedScale(database: Database, factor: number, opts: ScaleOptions = {}): Promise<ScaleReport> {
  const started = performance.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  const sizes = scaleSizes(factor);
  const db = database.db;
  const chunk = opts.chunk ?? CHUNK;

  // A second run would number protocols after the first and give the bench citizen 100 applications: refuse. The
  // bench citizen is written before any application, so a run that stopped half-way is refused too.
  const found = await inScope(db, { platform: true }, (trx) =>
    trx.selectFrom('citizens').select('id').where('fiscal_code', '=', BENCH_CITIZEN.fiscalCode).executeTakeFirst());
  if (found) throw new Error(`this database already holds a scale seed (the bench citizen ${BENCH_CITIZEN.fiscalCode}): seed a fresh database`);
  log(`Scala ${factor}: ${sizes.bodies} enti, ${sizes.services} servizi, ${sizes.citizens} cittadini, ${sizes.applications} pratiche ` +
    `(${sizes.bigOfficeOpen} aperte nell'ufficio ${BIG_OFFICE.officeCode} di ${BIG_OFFICE.tenantSlug}, ${sizes.benchCitizen} di ${BENCH_CITIZEN.givenName} ${BENCH_CITIZEN.familyName}) – ${database.kind}`);

  // ---- the catalogue (idempotent: bodies already there are kept)
  let t = performance.now();
  await seedSynthetic(database, sizes.services, { bodies: sizes.bodies, log: (line) => log(`  ${line.trim()}`) });
  const catalogueSeconds = elapsed(t);

  const slugs = Array.from({ length: sizes.bodies }, (_, i) => syntheticSlug(i + 1));
  const setup = await inScope(db, { platform: true }, async (trx) => {
    const tenants = await trx.selectFrom('tenants').select('id').where('slug', 'in', slugs).execute();
    const office = await trx.selectFrom('offices as o').innerJoin('tenants as t', 't.id', 'o.tenant_id')
      .select(['o.id', 'o.tenant_id']).where('t.slug', '=', BIG_OFFICE.tenantSlug).where('o.code', '=', BIG_OFFICE.officeCode).executeTakeFirstOrThrow();
    const counts = await trx.selectFrom('services')
      .select((eb) => [
        eb.fn.countAll<string>().as('all'),
        eb.fn.countAll<string>().filterWhere('office_id', '=', office.id).as('big'),
      ])
      .where('tenant_id', 'in', tenants.map((x) => x.id)).executeTakeFirstOrThrow();
    return { tenantIds: tenants.map((x) => x.id), office, all: Number(counts.all), big: Number(counts.big) };
  });
  const other = setup.all - setup.big;
  if (!setup.big || !other) throw new Error(`the synthetic bodies need services of the ${BIG_OFFICE.officeCode} office and of another office (found ${setup.big} and ${other})`);

  // ---- the operator of the big office and the citizens
  t = performance.now();
  const passwordHash = await hash(BENCH_OPERATOR.password);
  const operatorId = await inScope(db, { platform: true }, async (trx) => {
    const existing = await trx.selectFrom('operators').select('id').where('email', '=', BENCH_OPERATOR.email).executeTakeFirst();
    if (existing) return existing.id;
    const { id } = await trx.insertInto('operators')
      .values({ tenant_id: setup.office.tenant_id, email: BENCH_OPERATOR.email, name: BENCH_OPERATOR.name, password_hash: passwordHash })
      .returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('operator_roles')
      .values({ tenant_id: setup.office.tenant_id, operator_id: id, role: 'operator', office_id: setup.office.id, created_by: 'seed:scale' }).execute();
    return id;
  });
  await inScope(db, { platform: true }, (trx) => trx.insertInto('citizens').values({
    id: BENCH_CITIZEN.id, fiscal_code: BENCH_CITIZEN.fiscalCode, given_name: BENCH_CITIZEN.givenName, family_name: BENCH_CITIZEN.familyName,
    birth_date: '1985-03-21', birth_place: 'Roma', email: 'bianca.misura@example.org',
  }).execute());
  for (let from = 1; from <= sizes.citizens; from += chunk) {
    const to = Math.min(sizes.citizens, from + chunk - 1);
    await inScope(db, { platform: true }, (trx) => sql`
      INSERT INTO citizens (id, fiscal_code, given_name, family_name, email, created_at)
      SELECT ${sql.raw(CITIZEN_ID_SQL('k'))}, ${sql.raw(CITIZEN_CODE_SQL('k'))},
        (${GIVEN_NAMES}::text[])[1 + k % ${GIVEN_NAMES.length}], (${FAMILY_NAMES}::text[])[1 + (k / ${GIVEN_NAMES.length}) % ${FAMILY_NAMES.length}],
        'cittadino' || k || '@example.org', ${clock.now()}::timestamptz - make_interval(days => ${SPAN_DAYS + 30})
      FROM generate_series(${from}::bigint, ${to}::bigint) AS k`.execute(trx));
  }
  log(`  ${sizes.citizens + 1} cittadini e l'operatore ${BENCH_OPERATOR.email} in ${elapsed(t)} s`);
  const citizensSeconds = elapsed(t);

  // ---- the applications, in submission order
  t = performance.now();
  const now = clock.now();
  const step = Math.floor((sizes.applications - sizes.bigOfficeOpen) / BENCH_CITIZEN_APPLICATIONS);
  // the bench citizen's rows: spread over the three years, never ≡ 0 mod 4 (the big office's rows are)
  const positions = Array.from({ length: BENCH_CITIZEN_APPLICATIONS }, (_, j) => 4 * Math.floor((j * step + step / 2) / 4) + 1);
  const params: ChunkParams = {
    now, today: clock.today(), total: sizes.applications, bigOpen: sizes.bigOfficeOpen, citizens: sizes.citizens,
    positions, tenantIds: setup.tenantIds, bigOfficeId: setup.office.id, operatorId, servicesAll: setup.all, servicesBig: setup.big, servicesOther: other,
  };
  let done = 0;
  for (let from = 1; from <= sizes.applications; from += chunk) {
    const to = Math.min(sizes.applications, from + chunk - 1);
    done += await inScope(db, { platform: true }, async (trx) => {
      await sql`SELECT setseed(${(from % 1_000_003) / 1_000_003})`.execute(trx);
      return applicationChunk(trx, params, from, to);
    });
    log(`  pratiche ${done}/${sizes.applications} (${Math.floor((done * 100) / sizes.applications)}%), ${elapsed(t)} s`);
  }
  const applicationsSeconds = elapsed(t);

  t = performance.now();
  if (opts.ownerUrl && database.kind === 'postgres') {
    const owner = new pg.Client({ connectionString: opts.ownerUrl });
    await owner.connect();
    try {
      await owner.query('ANALYZE citizens, applications, protocol_entries, protocol_registers, services, service_versions, offices, tenants');
    } finally {
      await owner.end();
    }
  }
  const analyzeSeconds = elapsed(t);
  const total = elapsed(started);
  log(`Scala ${factor}: ${done} pratiche, ${sizes.citizens + 1} cittadini in ${total} s (catalogo ${catalogueSeconds} s, cittadini ${citizensSeconds} s, ` +
    `pratiche ${applicationsSeconds} s${opts.ownerUrl && database.kind === 'postgres' ? `, ANALYZE ${analyzeSeconds} s` : ', senza ANALYZE'}; ${database.kind}).`);
  return {
    factor, ...sizes, applications: done,
    tenantId: setup.office.tenant_id, officeId: setup.office.id, citizenId: BENCH_CITIZEN.id, operatorId,
    seconds: { catalogue: catalogueSeconds, citizens: citizensSeconds, applications: applicationsSeconds, analyze: analyzeSeconds, total },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// SQL pieces

/** Citizen k of the synthetic population: a fixed id and a fiscal code of the right shape (not a real one). */
const CITIZEN_ID_SQL = (k: string) => `('5ca1e000-0000-4000-8000-' || lpad(to_hex(${k}), 12, '0'))::uuid`;
const CITIZEN_CODE_SQL = (k: string) => `('SCL' || lpad((${k})::text, 13, '0'))`;

/** The alphabet of application codes (as applications.service.ts), without look-alikes. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/**
 * Application n's code: "SI-<year>-0XXXXX". The app's own codes never contain '0' (not in the alphabet), so a
 * synthetic code never collides with one given later by the real code.
 */
const CODE_SQL = (n: string, year: string) =>
  `'SI-' || ${year} || '-0' || ${[20, 15, 10, 5, 0].map((shift) => `substr('${CODE_ALPHABET}', ((${n} >> ${shift}) & 31)::int + 1, 1)`).join(' || ')}`;

const GIVEN_NAMES = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Andrea', 'Sara', 'Matteo', 'Elena', 'Davide', 'Anna', 'Paolo',
  'Martina', 'Stefano', 'Laura', 'Giorgio', 'Silvia', 'Roberto', 'Valentina', 'Alessandro', 'Federica', 'Simone', 'Alessia', 'Fabio',
  'Giovanna', 'Lorenzo', 'Marta', 'Riccardo', 'Paola', 'Enrico', 'Ilaria', 'Massimo', 'Roberta', 'Nicola', 'Cristina', 'Antonio',
  'Michela', 'Giuseppe', 'Beatrice', 'Franco'];
const FAMILY_NAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo',
  'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani',
  'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra',
  'Coppola', 'De Santis', "D'Angelo", 'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini',
  'Grasso', 'Valentini'];

/**
 * The bench citizen's 50 statuses, oldest first: 43 closed (37 approved, 4 rejected, 2 withdrawn), 5 open
 * (3 in progress, 1 awaiting the citizen, 1 registered), 2 drafts.
 */
const BENCH_STATUSES: string[] = Array.from({ length: BENCH_CITIZEN_APPLICATIONS }, (_, i) => {
  const j = i + 1;
  if (j >= 49) return 'draft';
  if ([43, 46, 48].includes(j)) return 'in_progress';
  if (j === 45) return 'awaiting_citizen';
  if (j === 47) return 'registered';
  if ([4, 14, 27, 36].includes(j)) return 'rejected';
  if ([9, 31].includes(j)) return 'withdrawn';
  return 'approved';
});

interface ChunkParams {
  now: Date;
  today: string;
  total: number;
  bigOpen: number;
  citizens: number;
  positions: number[];
  tenantIds: string[];
  bigOfficeId: string;
  operatorId: string;
  servicesAll: number;
  servicesBig: number;
  servicesOther: number;
}

/**
 * Applications from..to (1-based, in submission order), with their protocol entries and the register's counters,
 * in one statement. Which row is what:
 *   - the bench citizen's: n in `positions` (their status from BENCH_STATUSES, services outside the big office);
 *   - the big office's open ones: n ≡ 0 (mod 4) among the last 4 × bigOpen, so exactly bigOpen of them;
 *   - every other: a service of any scale body (popular ones more often), a citizen of the population, closed if
 *     older than OPEN_WINDOW_DAYS or in the big office, otherwise partly open.
 */
async function applicationChunk(trx: Kysely<DB>, p: ChunkParams, from: number, to: number): Promise<number> {
  const spanSeconds = SPAN_DAYS * 86_400;
  const end = new Date(p.now.getTime() - 3_600_000);
  const r = await sql<{ n: string }>`
    WITH svc AS (
      SELECT s.id, s.tenant_id, s.office_id, s.current_version, coalesce(s.max_days, 30) AS max_days, s.title, t.aoo_code,
        coalesce(s.office_id = ${p.bigOfficeId}::uuid, false) AS big,
        row_number() OVER (ORDER BY s.id) AS k_all,
        row_number() OVER (PARTITION BY coalesce(s.office_id = ${p.bigOfficeId}::uuid, false) ORDER BY s.id) AS k_part
      FROM services s JOIN tenants t ON t.id = s.tenant_id
      WHERE s.tenant_id = ANY(${p.tenantIds}::uuid[])
    ),
    keyed AS (
      SELECT 'a' AS pick, k_all AS k, svc.* FROM svc
      UNION ALL SELECT CASE WHEN big THEN 'b' ELSE 'c' END, k_part, svc.* FROM svc
    ),
    g AS (
      SELECT x.n, x.r1, x.r2, x.r3, x.r4, b.j,
        CASE WHEN b.j IS NOT NULL THEN 'c'
             WHEN x.n > ${p.total - 4 * p.bigOpen} AND x.n % 4 = 0 THEN 'b'
             ELSE 'a' END AS seg
      FROM (SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4
            FROM generate_series(${from}::bigint, ${to}::bigint) AS n) x
      LEFT JOIN unnest(${p.positions}::bigint[]) WITH ORDINALITY AS b(pos, j) ON b.pos = x.n
    ),
    picked AS (
      SELECT g.*,
        CASE g.seg WHEN 'c' THEN 1 + ((g.j - 1) * 7919) % ${p.servicesOther}
                   WHEN 'b' THEN 1 + floor(g.r1 * ${p.servicesBig})::bigint
                   ELSE 1 + floor(power(g.r1, 1.5) * ${p.servicesAll})::bigint END AS k,
        CASE WHEN g.seg = 'c' THEN ${BENCH_CITIZEN.id}::uuid ELSE ${sql.raw(CITIZEN_ID_SQL(`(1 + floor(g.r2 * ${p.citizens})::bigint)`))} END AS citizen_id,
        CASE WHEN g.seg = 'c' THEN ${BENCH_CITIZEN.fiscalCode}::text ELSE ${sql.raw(CITIZEN_CODE_SQL(`(1 + floor(g.r2 * ${p.citizens})::bigint)`))} END AS fiscal_code,
        CASE WHEN g.seg = 'c' THEN ${`${BENCH_CITIZEN.givenName} ${BENCH_CITIZEN.familyName}`}::text
             ELSE (${GIVEN_NAMES}::text[])[1 + (1 + floor(g.r2 * ${p.citizens})::bigint) % ${GIVEN_NAMES.length}] || ' ' ||
                  (${FAMILY_NAMES}::text[])[1 + ((1 + floor(g.r2 * ${p.citizens})::bigint) / ${GIVEN_NAMES.length}) % ${FAMILY_NAMES.length}] END AS person,
        -- submission times grow with n (n - 1 + r3 < n): protocol numbers follow submission order across chunks
        ${end}::timestamptz - make_interval(secs => ${spanSeconds} * (1 - (g.n - 1 + g.r3) / ${p.total}::float8)) AS at
      FROM g
    ),
    d0 AS (
      SELECT pk.*, v.id AS service_id, v.tenant_id, v.office_id, v.current_version, v.max_days, v.title, v.aoo_code,
        CASE
          WHEN pk.seg = 'c' THEN (${BENCH_STATUSES}::text[])[pk.j]
          WHEN pk.seg = 'b' THEN CASE WHEN pk.r4 < 0.30 THEN 'registered' WHEN pk.r4 < 0.85 THEN 'in_progress' ELSE 'awaiting_citizen' END
          WHEN v.big OR pk.at < ${p.now}::timestamptz - make_interval(days => ${OPEN_WINDOW_DAYS})
            THEN CASE WHEN pk.r4 < 0.88 THEN 'approved' WHEN pk.r4 < 0.96 THEN 'rejected' ELSE 'withdrawn' END
          ELSE CASE WHEN pk.r4 < 0.40 THEN 'approved' WHEN pk.r4 < 0.44 THEN 'rejected' WHEN pk.r4 < 0.46 THEN 'withdrawn'
                    WHEN pk.r4 < 0.60 THEN 'registered' WHEN pk.r4 < 0.90 THEN 'in_progress' ELSE 'awaiting_citizen' END
        END AS status
      FROM picked pk JOIN keyed v ON v.pick = pk.seg AND v.k = pk.k
    ),
    d AS (
      SELECT d0.*,
        d0.status <> 'draft' AS sent,
        CASE WHEN d0.status <> 'draft' THEN extract(year FROM (d0.at + interval '2 seconds') AT TIME ZONE 'Europe/Rome')::int END AS pyear,
        CASE WHEN d0.status <> 'draft' THEN (d0.at AT TIME ZONE 'Europe/Rome')::date + d0.max_days END AS due,
        CASE WHEN d0.status IN ('approved', 'rejected', 'withdrawn')
          THEN least(d0.at + make_interval(days => least(d0.max_days, 2 + floor(d0.r2 * d0.max_days)::int), hours => 3), ${p.now}::timestamptz - interval '30 minutes') END AS closed,
        CASE WHEN d0.status IN ('in_progress', 'awaiting_citizen', 'approved', 'rejected')
          THEN least(d0.at + make_interval(days => 1 + floor(d0.r3 * 4)::int, hours => 1), ${p.now}::timestamptz - interval '1 hour') END AS taken
      FROM d0
    ),
    numbered AS (
      SELECT d.*,
        CASE WHEN d.sent THEN coalesce(pr.last_number, 0) + row_number() OVER (PARTITION BY d.tenant_id, d.pyear ORDER BY d.n) END AS pnum
      FROM d LEFT JOIN protocol_registers pr ON pr.tenant_id = d.tenant_id AND pr.year = d.pyear
    ),
    ins AS (
      INSERT INTO applications (tenant_id, code, service_id, service_version, office_id, citizen_id, filer_name, subject_kind, subject_ref,
        subject_fiscal_code, subject_name, status, data, auth_method, auth_level, created_at, updated_at, submitted_at, max_days, due_date,
        taken_in_charge_at, closed_at, responsible_operator_id, protocol_year, protocol_number, registered_at, receipt_document_id,
        outcome_motivation, escalated_at, deadline_marks)
      SELECT nb.tenant_id, ${sql.raw(CODE_SQL('nb.n', `extract(year FROM nb.at AT TIME ZONE 'UTC')::int`))}, nb.service_id, nb.current_version, nb.office_id,
        nb.citizen_id, nb.person, 'self', nb.citizen_id, nb.fiscal_code, nb.person, nb.status,
        jsonb_build_object('recapiti', jsonb_build_object('telefono', '+39 3' || lpad((nb.n % 1000000000)::text, 9, '0')),
          'dichiarazioni', jsonb_build_object('veridicita', true, 'privacy', true)),
        'spid', 'SpidL2',
        nb.at - make_interval(mins => 5 + floor(nb.r4 * 55)::int),
        CASE WHEN nb.sent THEN coalesce(nb.closed, nb.taken, nb.at + interval '2 seconds') ELSE nb.at END,
        CASE WHEN nb.sent THEN nb.at END,
        nb.max_days, nb.due, nb.taken, nb.closed,
        CASE WHEN nb.seg = 'b' AND nb.status = 'in_progress' AND nb.r2 < 0.1 THEN ${p.operatorId}::uuid END,
        nb.pyear, nb.pnum,
        CASE WHEN nb.sent THEN nb.at + interval '2 seconds' END,
        CASE WHEN nb.sent THEN ${NO_RECEIPT}::uuid END,
        CASE WHEN nb.status = 'rejected' THEN 'Non risultano soddisfatti i requisiti previsti dal regolamento.' END,
        -- what the deadline sweep would have done already: escalate the late ones, remind of those due in 3 days
        CASE WHEN nb.status IN ('registered', 'in_progress') AND nb.due < ${p.today}::date THEN (nb.due + 1)::timestamptz END,
        CASE WHEN nb.status IN ('registered', 'in_progress') AND nb.due < ${p.today}::date
               THEN jsonb_build_object('escalation-ritardo@' || nb.due, ${p.now.toISOString()}::text)
             WHEN nb.status IN ('registered', 'in_progress') AND nb.due <= ${p.today}::date + 3
               THEN jsonb_build_object('promemoria-scadenza@' || nb.due, ${p.now.toISOString()}::text)
             ELSE '{}'::jsonb END
      FROM numbered nb
      RETURNING id, tenant_id, code, service_id, subject_name, subject_fiscal_code, protocol_year, protocol_number, registered_at
    ),
    entries AS (
      INSERT INTO protocol_entries (tenant_id, year, number, direction, registered_at, aoo_code, subject, correspondent, application_id)
      SELECT i.tenant_id, i.protocol_year, i.protocol_number, 'incoming', i.registered_at, t.aoo_code,
        'Domanda ' || i.code || ': ' || s.title, i.subject_name || ' (' || i.subject_fiscal_code || ')', i.id
      FROM ins i JOIN services s ON s.id = i.service_id JOIN tenants t ON t.id = i.tenant_id
      WHERE i.protocol_number IS NOT NULL
    ),
    registers AS (
      INSERT INTO protocol_registers (tenant_id, year, last_number)
      SELECT tenant_id, protocol_year, max(protocol_number) FROM ins WHERE protocol_number IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = greatest(protocol_registers.last_number, excluded.last_number)
    )
    SELECT count(*)::text AS n FROM ins`.execute(trx);
  return Number(r.rows[0]!.n);
}
