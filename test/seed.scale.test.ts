/**
 * The large registers' generator (`sportello seed --scale`) at a small factor: the sizes it promises, a protocol
 * register gapless per body and year in submission order (across the generator's chunks), and what the two
 * register benchmarks read, through the real API: the bench citizen's "Le mie pratiche" (exactly 50) and the big
 * office's open queue, sorted by due date, for the office's operator signed in with their password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationSummary, WorkItem } from '../src/contracts/applications.ts';
import {
  BENCH_CITIZEN, BENCH_CITIZEN_APPLICATIONS, BENCH_OPERATOR, BIG_OFFICE, scaleFixtures, scaleSizes, seedScale, type ScaleReport,
} from '../src/server/db/seed/scale.ts';
import { SYNTHETIC_SLUG_PREFIX } from '../src/server/db/seed/synthetic.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';

const FACTOR = 0.001;
const OPEN = ['submitted', 'registered', 'in_progress', 'awaiting_citizen', 'payment_pending'];

describe('seed --scale', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let report: ScaleReport;
  const lines: string[] = [];

  const ok = async <T,>(s: TestSession, url: string): Promise<T> => {
    const r = await t.app.inject(as(s, { url }));
    if (r.statusCode !== 200) throw new Error(`GET ${url} answered ${r.statusCode}: ${r.body}`);
    return r.json() as T;
  };
  /** Every page of a list, following nextCursor. */
  async function allPages<T>(s: TestSession, path: string): Promise<{ pages: T[][]; items: T[] }> {
    const pages: T[][] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await ok(s, cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 1000);
    return { pages, items: pages.flat() };
  }

  beforeAll(async () => {
    t = await testApp();
    // small chunks, so that the protocol numbering crosses chunk boundaries as it does at full scale
    report = await seedScale(t.database, FACTOR, { log: (line) => lines.push(line), chunk: 300 });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('makes the sizes of the factor, and says so', async () => {
    const sizes = scaleSizes(FACTOR);
    expect(sizes).toMatchObject({ bodies: 1, services: 51, applications: 1000, bigOfficeOpen: 100, citizens: 200, benchCitizen: 50 });
    expect(report).toMatchObject({ ...sizes, factor: FACTOR });
    const counts = await inScope(t.database.db, { platform: true }, async (trx) => {
      const one = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(trx)).rows[0]!.n);
      return {
        bodies: await one(sql`SELECT count(*) AS n FROM tenants WHERE slug LIKE ${`${SYNTHETIC_SLUG_PREFIX}%`}`),
        services: await one(sql`SELECT count(*) AS n FROM services s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug LIKE ${`${SYNTHETIC_SLUG_PREFIX}%`}`),
        applications: await one(sql`SELECT count(*) AS n FROM applications`),
        citizens: await one(sql`SELECT count(*) AS n FROM citizens`),
        bench: await one(sql`SELECT count(*) AS n FROM applications WHERE citizen_id = ${report.citizenId}`),
        bigOpen: await one(sql`SELECT count(*) AS n FROM applications WHERE office_id = ${report.officeId} AND status IN ('registered', 'in_progress', 'awaiting_citizen')`),
        bigOther: await one(sql`SELECT count(*) AS n FROM applications WHERE office_id = ${report.officeId} AND status NOT IN ('registered', 'in_progress', 'awaiting_citizen', 'approved', 'rejected', 'withdrawn')`),
        closed: await one(sql`SELECT count(*) AS n FROM applications WHERE status IN ('approved', 'rejected', 'withdrawn')`),
        approved: await one(sql`SELECT count(*) AS n FROM applications WHERE status = 'approved'`),
        toRegister: await one(sql`SELECT count(*) AS n FROM applications WHERE status = 'submitted' OR (protocol_number IS NOT NULL AND receipt_document_id IS NULL)`),
        withoutDue: await one(sql`SELECT count(*) AS n FROM applications WHERE status <> 'draft' AND (due_date IS NULL OR submitted_at IS NULL OR office_id IS NULL)`),
      };
    });
    expect(counts).toMatchObject({ bodies: 1, services: 51, applications: 1000, citizens: 201, bench: BENCH_CITIZEN_APPLICATIONS, bigOpen: 100, bigOther: 0 });
    // mostly closed, most of those approved; nothing left for the registrar or the receipt issuer
    expect(counts.closed).toBeGreaterThan(600);
    expect(counts.approved).toBeGreaterThan(counts.closed / 2);
    expect(counts.toRegister).toBe(0);
    expect(counts.withoutDue).toBe(0);
    expect(lines.some((l) => /pratiche 1000\/1000 \(100%\)/.test(l))).toBe(true);
    expect(await scaleFixtures(t.database.db)).toEqual({ tenantId: report.tenantId, officeId: report.officeId, citizenId: report.citizenId, operatorId: report.operatorId });
  });

  it('numbers the protocol per body and year without gaps, in submission order, with the register to match', async () => {
    const rows = await inScope(t.database.db, { platform: true }, async (trx) => (await sql<{ tenant_id: string; protocol_year: number; protocol_number: number; submitted_at: Date }>`
      SELECT tenant_id, protocol_year, protocol_number, submitted_at FROM applications WHERE protocol_number IS NOT NULL
      ORDER BY tenant_id, protocol_year, submitted_at, id`.execute(trx)).rows);
    const sent = await inScope(t.database.db, { platform: true }, async (trx) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM applications WHERE status <> 'draft'`.execute(trx)).rows[0]!.n));
    expect(rows.length).toBe(sent);
    const byRegister = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.tenant_id}/${r.protocol_year}`;
      byRegister.set(key, [...(byRegister.get(key) ?? []), r.protocol_number]);
    }
    expect(byRegister.size).toBeGreaterThanOrEqual(3); // three years of one body
    for (const numbers of byRegister.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const registers = await inScope(t.database.db, { platform: true }, async (trx) => ({
      counters: await trx.selectFrom('protocol_registers').select(['tenant_id', 'year', 'last_number']).execute(),
      entries: (await sql<{ n: number; distinct_apps: number }>`SELECT count(*)::int AS n, count(DISTINCT application_id)::int AS distinct_apps FROM protocol_entries`.execute(trx)).rows[0]!,
      mismatched: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM protocol_entries e JOIN applications a ON a.id = e.application_id
        WHERE (a.tenant_id, a.protocol_year, a.protocol_number) IS DISTINCT FROM (e.tenant_id, e.year, e.number)`.execute(trx)).rows[0]!,
    }));
    expect(Object.fromEntries(registers.counters.map((c) => [`${c.tenant_id}/${c.year}`, c.last_number])))
      .toEqual(Object.fromEntries([...byRegister].map(([k, v]) => [k, v.length])));
    expect(registers.entries).toEqual({ n: sent, distinct_apps: sent });
    expect(registers.mismatched.n).toBe(0);
  });

  it('shows the bench citizen exactly their 50 applications in "Le mie pratiche", newest first', async () => {
    // a session as the sign-in makes it (the bench citizen has no identity at the test provider)
    const token = randomBytes(32).toString('base64url');
    await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('sessions').values({
      token_hash: createHash('sha256').update(token).digest('hex'), kind: 'citizen', citizen_id: BENCH_CITIZEN.id,
      auth_method: 'spid', auth_level: 'SpidL2', expires_at: new Date(Date.now() + 3_600_000),
    }).execute());
    const citizen: TestSession = { cookies: { sportello_session: token }, headers: {} };
    const { pages, items } = await allPages<ApplicationSummary>(citizen, '/api/v1/applications');
    expect(pages.map((p) => p.length)).toEqual([20, 20, 10]);
    expect(items.length).toBe(BENCH_CITIZEN_APPLICATIONS);
    expect(new Set(items.map((i) => i.id)).size).toBe(BENCH_CITIZEN_APPLICATIONS);
    expect(items.every((i) => i.subject.fiscalCode === BENCH_CITIZEN.fiscalCode)).toBe(true);
    const created = items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const statuses = items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.status]: (m[i.status] ?? 0) + 1 }), {});
    expect(statuses).toEqual({ approved: 37, rejected: 4, withdrawn: 2, in_progress: 3, awaiting_citizen: 1, registered: 1, draft: 2 });
  });

  it("gives the big office's operator the open queue of 100, sorted by due date, page after page", async () => {
    const operator = await operatorLogin(t.app, BENCH_OPERATOR.email, BENCH_OPERATOR.password);
    const counts = await ok<Record<string, number>>(operator, '/api/v1/applications/counts');
    expect(counts.open).toBe(100);
    const { pages, items } = await allPages<WorkItem>(operator, '/api/v1/applications?queue=open&limit=30');
    expect(pages.map((p) => p.length)).toEqual([30, 30, 30, 10]);
    expect(new Set(items.map((i) => i.id)).size).toBe(100);
    expect(items.every((i) => i.office?.id === report.officeId && OPEN.includes(i.status) && i.tenant.slug === BIG_OFFICE.tenantSlug)).toBe(true);
    const due = items.map((i) => i.dueDate ?? '9999-12-31');
    expect(due).toEqual([...due].sort());
    // various due dates: some late, some still to come
    expect(new Set(due).size).toBeGreaterThan(20);
    expect(items.some((i) => (i.daysLeft ?? 0) < 0)).toBe(true);
    // the first page as the back office asks for it (25 by default)
    expect((await ok<{ items: WorkItem[] }>(operator, '/api/v1/applications?queue=open')).items.map((i) => i.id)).toEqual(items.slice(0, 25).map((i) => i.id));
  });

  it('refuses a second run', async () => {
    await expect(seedScale(t.database, FACTOR, { log: () => undefined })).rejects.toThrow(/already holds a scale seed/);
  });
});
