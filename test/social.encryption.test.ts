/**
 * Special-category data of the social services is encrypted at rest and never logged: after a worker writes a
 * need, a diary entry, the reserved part, a SINA and a SINBA record, no column of any social table holds the words
 * in clear, a sealed value moved to another row does not open, another key does not open them, and the app's log
 * lines of those requests (at debug level) never carry them. 
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { FieldCipher } from '../src/server/platform/field-cipher.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testConfig } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { freshDatabase } from './support/db.ts';
import { fakeFiscalCode, openCase, socialWorld, type SocialWorld } from './support/social.ts';

const KEY = randomBytes(32);
/** Words that appear nowhere else: each is looked for in every column and every log line. */
const SECRETS = {
  need: 'Segreto-bisogno: dipendenza da gioco d’azzardo del padre',
  diary: 'Segreto-diario: colloquio sulla violenza subita in famiglia',
  reservedDiary: 'Segreto-riservato: relazione per il Tribunale per i minorenni',
  court: 'Segreto-tribunale: decreto di affido ai servizi n. 4711',
  health: 'Segreto-salute: diagnosi di disturbo bipolare in cura al CPS',
};
/** The coded assessments carry no words: they are checked sealed by their unmistakable JSON. */
const SINA = { mobility: '3', dailyLiving: '3', cognitive: '2', behavioural: '2', healthCare: '3', income: '2', support: '3', source: '1', tool: '1',
  neededInterventions: ['B1.03'], invalidity: ['7'], assessedOn: '' };
const SINBA = { unaccompaniedForeignMinor: '2', condition: '4', livingPlace: '7', school: '3', work: '1', disability: '1', disabilityType: '3', household: ['2', '5'],
  reportSource: '11', firstReportMonth: '02/2026', minorAssessment: '9', familyAssessment: '12', reportedToCourt: '1', courtMeasure: '1', courtMeasureType: '6',
  courtAuthority: '2', interventions: ['D3.01'] };

describe('social services: special-category data sealed at rest and out of the logs', () => {
  const lines: string[] = [];
  let t: { app: Awaited<ReturnType<typeof buildApp>>['app']; ctx: Awaited<ReturnType<typeof buildApp>>['ctx']; database: Awaited<ReturnType<typeof freshDatabase>>;
    close: () => Promise<void> };
  let w: SocialWorld;
  let coord: TestSession;
  let caseId: string;
  let contactId: string;

  beforeAll(async () => {
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const database = await freshDatabase();
    const { app, ctx } = await buildApp(testConfig({ logLevel: 'trace' }, { SOCIAL_DATA_KEY: KEY.toString('hex') }), database, { webDist: false, logStream: stream });
    await seedDemo(database.db, ctx.services);
    await app.ready();
    t = { app, ctx, database, close: async () => { await app.close(); await database.close(); } };
    w = await socialWorld(t as never, { Coord: { reserved: true } });
    coord = w.session('Coord');
    lines.length = 0;
    const opened = await openCase(t as never, coord, { comuneId: w.castelrocca, targetArea: 'famiglie_minori', sector: 'tutela_minori', fiscalCode: fakeFiscalCode(),
      needText: SECRETS.need });
    caseId = opened.caseId;
    contactId = opened.contact.id;
    const put = (url: string, payload: object, method: 'PUT' | 'POST' = 'PUT') => t.app.inject(as(coord, { method, url: `/api/v1/social/cases/${caseId}${url}`, payload }));
    const today = clock.today();
    for (const r of [
      await put('/diary', { kind: 'interview', occurredOn: today, text: SECRETS.diary }, 'POST'),
      await put('/diary', { kind: 'report', occurredOn: today, text: SECRETS.reservedDiary, reserved: true }, 'POST'),
      await put('/reserved', { courtMeasures: SECRETS.court, health: SECRETS.health }),
      await put('/assessments/sina', { ...SINA, assessedOn: today }),
      await put('/assessments/sinba', SINBA),
    ]) expect(r.statusCode, r.body).toBeLessThan(300);
    // and read them back (answers carry them: the log must not)
    for (const url of ['', '/diary', '/reserved', '/history']) expect((await t.app.inject(as(coord, { url: `/api/v1/social/cases/${caseId}${url}` }))).statusCode).toBe(200);
    expect((await t.app.inject(as(coord, { url: '/api/v1/social/contacts' }))).statusCode).toBe(200);
    // a failing request with the words in its body (the error path logs too)
    await t.app.inject(as(coord, { method: 'POST', url: `/api/v1/social/cases/${caseId}/diary`, payload: { kind: 'nonsense', occurredOn: today, text: SECRETS.diary } }));
  }, 300_000);
  afterAll(() => t?.close());

  it('answers the worker with the words in clear', async () => {
    const diary = (await t.app.inject(as(coord, { url: `/api/v1/social/cases/${caseId}/diary` }))).json().items.map((e: { text: string }) => e.text);
    expect(diary).toEqual(expect.arrayContaining([SECRETS.diary, SECRETS.reservedDiary]));
    expect((await t.app.inject(as(coord, { url: `/api/v1/social/cases/${caseId}/reserved` }))).json()).toMatchObject({ courtMeasures: SECRETS.court, health: SECRETS.health });
    const detail = (await t.app.inject(as(coord, { url: `/api/v1/social/cases/${caseId}` }))).json();
    expect(detail.sina).toMatchObject({ mobility: '3', invalidity: ['7'] });
    expect(detail.sinba).toMatchObject({ courtMeasureType: '6', household: ['2', '5'] });
    expect(detail.contacts.find((c: { id: string }) => c.id === contactId).needText).toBe(SECRETS.need);
  });

  it('holds none of it in clear in any column of any social table', async () => {
    const dump = await inScope(t.database.db, { platform: true }, async (trx) => {
      const tables = (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
        AND table_name LIKE 'social%'`.execute(trx)).rows.map((r) => r.table_name);
      expect(tables).toEqual(expect.arrayContaining(['social_cases', 'social_contacts', 'social_diary_entries', 'social_case_events', 'social_persons', 'social_interventions']));
      const texts: string[] = [];
      for (const table of tables) {
        const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(trx)).rows;
        for (const row of rows) texts.push(JSON.stringify(row));
      }
      return texts.join('\n');
    });
    for (const [what, secret] of Object.entries(SECRETS)) expect(dump.includes(secret.split(':')[0]!), what).toBe(false);
    for (const [what, secret] of Object.entries(SECRETS)) expect(dump.includes(secret), what).toBe(false);
    expect(dump).not.toContain('"courtMeasureType"');
    expect(dump).not.toContain('"dailyLiving"');
    const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow());
    for (const v of [row.court_sealed, row.health_sealed, row.sina_sealed, row.sinba_sealed]) expect(v).toMatch(/^s1\.[0-9a-f]{8}\./);
  });

  it('does not open a sealed value moved to another row, nor with another key', async () => {
    const cipher = t.ctx.services.fieldCipher;
    const [a, b] = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_diary_entries').select(['id', 'text_sealed'])
      .where('case_id', '=', caseId).orderBy('created_at').execute());
    expect(cipher.open(a!.text_sealed, a!.id)).toBe(SECRETS.diary);
    expect(() => cipher.open(a!.text_sealed, b!.id)).toThrow();
    // moved in the database, the app refuses to show it rather than show it on the wrong row
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_diary_entries').set({ text_sealed: a!.text_sealed }).where('id', '=', b!.id).execute());
    const moved = await t.app.inject(as(coord, { url: `/api/v1/social/cases/${caseId}/diary` }));
    expect(moved.statusCode).toBe(500);
    expect(moved.body).not.toContain(SECRETS.diary);
    // a different SOCIAL_DATA_KEY opens nothing
    const other = new FieldCipher(randomBytes(32));
    const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow());
    expect(() => other.open(row.court_sealed!, caseId)).toThrow(/not configured/);
    expect(() => other.open(a!.text_sealed, a!.id)).toThrow();
    // the key of this app is the configured one
    expect(row.court_sealed!.split('.')[1]).toBe(FieldCipher.keyId(KEY));
    expect(new FieldCipher(KEY).open(row.health_sealed!, caseId)).toBe(SECRETS.health);
  });

  it('never writes the words in the app’s log lines', () => {
    expect(lines.length).toBeGreaterThan(10);
    const all = lines.join('\n');
    for (const [what, secret] of Object.entries(SECRETS)) expect(all.includes(secret.split(':')[0]!), what).toBe(false);
    expect(all).not.toContain('"courtMeasureType"');
  });
});
