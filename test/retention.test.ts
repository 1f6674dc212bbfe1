/**
 * Issue 12, "retention rules per kind of record purge expired data by a daily job": on the demo, records are made
 * old on purpose, the day's run applies the rules once, and what the law asks to keep stays. The rules are public.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../src/server/platform/tenancy.ts';
import { ANONYMISED } from '../src/server/modules/retention/retention.repository.ts';
import { testApp } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { createFormService } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const DAY = 86_400_000;

describe('retention of personal data', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let luca: TestSession;
  const ids = { oldDraft: '', recentDraft: '', oldSent: '', oldAppointment: '', recentAppointment: '' };
  const platform = <T>(fn: (trx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { platform: true }, fn);
  const age = (table: 'applications' | 'idempotency_keys', column: 'updated_at' | 'created_at', where: string, days: number) =>
    platform((trx) => sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = now() - make_interval(days => ${days}) WHERE ${sql.raw(where)}`.execute(trx));

  beforeAll(async () => {
    t = await testApp({ demo: true });
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const start = async () => {
      const serviceId = await createFormService(t.ctx, 'comune-di-castelrocca');
      const r = await t.app.inject(as(luca, { method: 'POST', url: '/api/v1/applications', payload: { serviceId }, headers: { 'idempotency-key': `start-${randomUUID()}` } }));
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    ids.oldDraft = await start();
    ids.recentDraft = await start();
    await age('applications', 'updated_at', `id = '${ids.oldDraft}'`, 400);
    await age('applications', 'updated_at', `id = '${ids.recentDraft}'`, 200);
    // an application sent long ago: the body's archive
    ids.oldSent = (await platform((trx) => trx.selectFrom('applications').select('id').where('status', '!=', 'draft').orderBy('submitted_at').limit(1).executeTakeFirstOrThrow())).id;
    await age('applications', 'updated_at', `id = '${ids.oldSent}'`, 4000);
    // appointments: one that ended over a year ago, one last month
    const [a, b] = await platform((trx) => trx.selectFrom('appointments').select('id').where('name', '!=', ANONYMISED).orderBy('starts_at').limit(2).execute());
    ids.oldAppointment = a!.id;
    ids.recentAppointment = b!.id;
    await platform((trx) => sql`UPDATE appointments SET starts_at = now() - interval '400 days', ends_at = now() - interval '400 days' + interval '20 minutes',
      email = 'vecchio@example.org', phone = '+393330000000' WHERE id = ${ids.oldAppointment}`.execute(trx));
    await platform((trx) => sql`UPDATE appointments SET starts_at = now() - interval '30 days', ends_at = now() - interval '30 days' + interval '20 minutes' WHERE id = ${ids.recentAppointment}`.execute(trx));
    // idempotency copies: one of 8 days, one of yesterday
    await platform((trx) => trx.insertInto('idempotency_keys').values([
      { actor: 'citizen:test', key: 'retention-old-0001', request_hash: 'x', status_code: 201, body: '{}', created_at: new Date(Date.now() - 8 * DAY) },
      { actor: 'citizen:test', key: 'retention-new-0001', request_hash: 'x', status_code: 201, body: '{}', created_at: new Date(Date.now() - DAY) },
    ]).execute());
  }, 180_000);
  afterAll(() => t?.close());

  it("removes an abandoned draft with its timeline, empties a year-old appointment, drops old idempotency copies — once a day", async () => {
    const keysBefore = await platform((trx) => trx.selectFrom('idempotency_keys').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow());
    // the worker's run at start-up had claimed today, before these records were made old: as on the next day
    await platform((trx) => trx.deleteFrom('retention_runs').execute());
    const run = await t.ctx.services.retention.runToday();
    expect(run).not.toBeNull();
    expect(run!.counts).toMatchObject({ abandoned_drafts: 1, idempotency_keys: 1 });
    expect(run!.counts.appointments).toBeGreaterThanOrEqual(1);
    // a second run the same day does nothing
    expect(await t.ctx.services.retention.runToday()).toBeNull();

    // the abandoned draft is gone, timeline and all; the recent draft and the old sent application stay
    expect((await t.app.inject(as(luca, { url: `/api/v1/applications/${ids.oldDraft}` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(luca, { url: `/api/v1/applications/${ids.recentDraft}` }))).statusCode).toBe(200);
    const events = await platform((trx) => trx.selectFrom('application_events').select('id').where('application_id', '=', ids.oldDraft).execute());
    expect(events).toEqual([]);
    const sent = await platform((trx) => trx.selectFrom('applications').select(['id', 'status']).where('id', '=', ids.oldSent).executeTakeFirst());
    expect(sent?.id).toBe(ids.oldSent);

    // the old appointment keeps its day, office and service, not the person; the recent one is untouched
    const [old, recent] = await Promise.all([ids.oldAppointment, ids.recentAppointment].map((id) => platform((trx) =>
      trx.selectFrom('appointments').select(['name', 'fiscal_code', 'citizen_id', 'email', 'phone', 'reason', 'office_id', 'service_id', 'starts_at'])
        .where('id', '=', id).executeTakeFirstOrThrow())));
    expect(old).toMatchObject({ name: ANONYMISED, fiscal_code: null, citizen_id: null, email: null, phone: null });
    expect(old!.reason).toMatch(/^Dato cancellato/);
    expect(old!.office_id).toBeTruthy();
    expect(recent!.name).not.toBe(ANONYMISED);

    const keysAfter = await platform((trx) => trx.selectFrom('idempotency_keys').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow());
    expect(keysAfter.n).toBe(keysBefore.n - 1);
    const left = await platform((trx) => trx.selectFrom('idempotency_keys').select('key').where('actor', '=', 'citizen:test').execute());
    expect(left.map((k) => k.key)).toEqual(['retention-new-0001']);
    const day = await platform((trx) => trx.selectFrom('retention_runs').selectAll().executeTakeFirstOrThrow());
    expect(day.finished_at).not.toBeNull();
    expect(day.counts).toMatchObject(run!.counts);
  });

  it('the application role cannot remove a timeline itself, nor call the purge outside the platform scope', async () => {
    await expect(inScope(t.database.db, { citizenId: randomUUID() }, (trx) => sql`SELECT sportello_purge_abandoned_drafts(now(), 10)`.execute(trx)))
      .rejects.toThrow(/only the platform scope/);
    await expect(platform((trx) => sql`DELETE FROM application_events WHERE application_id = ${ids.recentDraft}`.execute(trx)))
      .rejects.toThrow(/permission denied/);
  });

  it('publishes the rules, in plain Italian, to anyone', async () => {
    const r = await t.app.inject({ url: '/api/v1/retention-rules' });
    expect(r.statusCode).toBe(200);
    const rules = r.json().items as { kind: string; days: number | null; action: string; basis: string }[];
    expect(rules.find((x) => x.kind === 'abandoned_drafts')).toMatchObject({ days: 365, action: 'delete' });
    expect(rules.find((x) => x.kind === 'applications')).toMatchObject({ days: null, action: 'keep' });
    for (const rule of rules) expect(rule.basis.length).toBeGreaterThan(20);
  });
});
