import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, romeDate } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';

type Entry = AccessLogEntry;
interface Page { items: Entry[]; nextCursor: string | null; total: number; bodies: { id: string; name: string }[] }

describe('"Chi ha consultato i miei dati": the citizen reads who looked at their data', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession; // Sofia's other parent
  let luca: TestSession; // unrelated citizen
  let laura: TestSession; // operator, Castelrocca anagrafe
  let serviceId: string;
  let castelrocca: { id: string; name: string };
  let applicationId: string;
  let code: string;
  let officeName: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-access-log` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30 });
    const tenant = await t.ctx.services.tenants.get('comune-di-castelrocca');
    castelrocca = { id: tenant.id, name: tenant.name };
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
  }, 180_000);
  afterEach(() => clock.reset());
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const log = async (s: TestSession, query = ''): Promise<Page> => {
    const r = await t.app.inject(as(s, { url: `/api/v1/me/access-log${query}` }));
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page;
  };
  /** the office's reads of an application (not the system's registry read that prefilled its draft) */
  const about = (page: Page, objectId: string) => page.items.filter((e) => e.object.id === objectId && e.object.type === 'application');
  /** every entry, following the cursor */
  const everything = async (s: TestSession, query = ''): Promise<Entry[]> => {
    const out: Entry[] = [];
    let cursor: string | null = null;
    do {
      const sep: string = query ? '&' : '?';
      const page: Page = await log(s, `${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const today = () => romeDate(new Date());

  it("shows an operator's reads of the application: when, body, office, operator, what, purpose and legal basis", async () => {
    const detail = await t.app.inject(as(laura, { url: `/api/v1/applications/${applicationId}` }));
    expect(detail.statusCode).toBe(200);
    code = detail.json().code;
    officeName = detail.json().office.office.name;
    expect((await t.app.inject(as(laura, { url: `/api/v1/applications/${applicationId}/history` }))).statusCode).toBe(200);

    const r = await t.app.inject(as(giulia, { url: '/api/v1/me/access-log' }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
    const page = r.json() as Page;
    const mine = about(page, applicationId);
    expect(mine.map((e) => e.operation)).toEqual(['history', 'view']); // newest first
    for (const e of mine) {
      expect(e).toMatchObject({
        body: castelrocca, office: officeName, who: { kind: 'operator', name: 'Laura Brembilla' },
        object: { type: 'application', id: applicationId, label: expect.stringContaining(code) },
        subject: { self: true, name: 'Giulia Ferrari' }, hidden: null,
      });
      expect(e.purpose).toContain(`Istruttoria della pratica ${code}`);
      expect(e.legalBasis).toMatch(/GDPR/);
      expect(Date.now() - Date.parse(e.at)).toBeLessThan(3_600_000);
    }
    expect(mine.map((e) => e.operationLabel)).toEqual(['ha letto la cronologia', 'ha aperto la pratica']);
    expect(page.bodies).toContainEqual(castelrocca);
    // the citizen's own reads are not accesses by others
    await t.app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }));
    expect(about(await log(giulia), applicationId)).toHaveLength(2);
  });

  it('shows them to nobody else; staff and anonymous callers cannot read a log', async () => {
    for (const other of [luca, marco]) {
      const entries = await everything(other);
      expect(entries.filter((e) => e.object.id === applicationId)).toEqual([]);
    }
    const staff = await t.app.inject(as(laura, { url: '/api/v1/me/access-log' }));
    expect(staff.statusCode).toBe(403);
    expect(staff.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.app.inject({ url: '/api/v1/me/access-log' })).statusCode).toBe(401);
    expect((await t.app.inject(as(laura, { url: '/api/v1/me/access-log.csv' }))).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/me/access-log.csv' })).statusCode).toBe(401);
  });

  it("shows both parents the reads of their minor child's application, under the child's name", async () => {
    const options = (await t.app.inject(as(giulia, { url: '/api/v1/me/subjects' }))).json().items as { kind: string; id: string; name: string }[];
    const sofia = options.find((o) => o.name.startsWith('Sofia'))!;
    const self = options.find((o) => o.kind === 'self')!;
    expect((await t.app.inject(as(giulia, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'minor', id: sofia.id } }))).statusCode).toBe(200);
    let childApplication: string;
    try {
      childApplication = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    } finally {
      await t.app.inject(as(giulia, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'self', id: self.id } }));
    }
    expect((await t.app.inject(as(laura, { url: `/api/v1/applications/${childApplication}` }))).statusCode).toBe(200);

    for (const parent of [giulia, marco]) {
      const entries = about(await log(parent), childApplication);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ subject: { self: false, name: sofia.name }, who: { name: 'Laura Brembilla' }, operation: 'view' });
    }
    expect((await everything(luca)).filter((e) => e.object.id === childApplication)).toEqual([]);
  });

  it('filters by period (Italian days, both included) and by body, and counts what it filters', async () => {
    const day = today();
    const todays = await log(giulia, `?from=${day}&to=${day}&limit=100`);
    expect(about(todays, applicationId)).toHaveLength(2);
    expect(todays.items.every((e) => romeDate(new Date(e.at)) === day)).toBe(true);
    expect(todays.total).toBe(todays.items.length);

    const before = await log(giulia, `?to=${addDays(day, -1)}&limit=100`);
    expect(about(before, applicationId)).toEqual([]);
    expect(before.items.every((e) => romeDate(new Date(e.at)) < day)).toBe(true);
    const after = await log(giulia, `?from=${addDays(day, 1)}`);
    expect(after).toMatchObject({ items: [], total: 0 });
    // the bodies to choose from do not shrink with the filters
    expect(after.bodies).toContainEqual(castelrocca);

    const here = await everything(giulia, `?tenant=${castelrocca.id}`);
    expect(here.filter((e) => e.object.id === applicationId && e.object.type === 'application')).toHaveLength(2);
    expect(here.every((e) => e.body.id === castelrocca.id)).toBe(true);
    const elsewhere = (await log(giulia)).bodies.find((b) => b.id !== castelrocca.id);
    const otherTenant = elsewhere?.id ?? (await t.ctx.services.tenants.get('comune-di-valdoro').catch(() => null))?.id;
    if (otherTenant) {
      const there = await everything(giulia, `?tenant=${otherTenant}`);
      expect(there.filter((e) => e.object.id === applicationId)).toEqual([]);
      expect(there.every((e) => e.body.id === otherTenant)).toBe(true);
    }
  });

  it('pages newest first with a cursor, every entry once', async () => {
    const total = (await log(giulia)).total;
    expect(total).toBeGreaterThanOrEqual(2);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await log(giulia, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length <= total);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    const times = seen.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('keeps an access hidden for a lawful reason out of the log until the hiding ends, then shows it with its note', async () => {
    const giuliaMe = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json() as { id: string; fiscalCode: string };
    const hiddenUntil = new Date(Date.now() + 10 * 86_400_000);
    const reason = 'Indagine della Guardia di Finanza in corso (art. 23 GDPR)';
    const beforeTotal = (await log(giulia)).total;
    const [hidden] = await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('access_log').values({
      tenant_id: castelrocca.id, at: new Date(Date.now() - 60_000), subject_fiscal_code: giuliaMe.fiscalCode, citizen_id: giuliaMe.id,
      actor_kind: 'system', actor_id: null, actor_label: 'Verifica automatica', office_name: 'Polizia locale', object_type: 'application',
      object_id: applicationId, object_label: `Pratica ${code}`, operation: 'view', purpose: 'Accertamenti', legal_basis: 'Art. 23 GDPR; art. 2-undecies D.Lgs. 196/2003',
      hidden_until: hiddenUntil, hidden_reason: reason,
    }).returning('id').execute());

    const now = await everything(giulia);
    expect(now.map((e) => e.id)).not.toContain(hidden!.id);
    expect((await log(giulia)).total).toBe(beforeTotal);
    const csv = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log.csv' }))).body;
    expect(csv).not.toContain('Polizia locale');

    clock.advanceDays(11);
    const later = await everything(giulia);
    const shown = later.find((e) => e.id === hidden!.id);
    expect(shown).toMatchObject({
      who: { kind: 'system', name: 'Sistema' }, office: 'Polizia locale', purpose: 'Accertamenti',
      hidden: { until: hiddenUntil.toISOString(), reason },
    });
    expect((await log(giulia)).total).toBe(beforeTotal + 1);
    const laterCsv = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log.csv' }))).body;
    expect(laterCsv).toMatch(/Polizia locale.*Notizia differita fino al \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}: Indagine della Guardia di Finanza/);
  });

  it('exports the same entries as a CSV for Italian Excel', async () => {
    const day = today();
    const r = await t.app.inject(as(giulia, { url: `/api/v1/me/access-log.csv?from=${day}&to=${day}` }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="accessi-ai-miei-dati-/);
    expect(r.headers['cache-control']).toBe('private, no-store');
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = r.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Data e ora;Ente;Ufficio;Chi;Operazione;Dati consultati;Di chi sono i dati;Finalità;Base giuridica;Nota');
    const json = await everything(giulia, `?from=${day}&to=${day}`);
    expect(lines).toHaveLength(json.length + 1);
    const mine = lines.filter((l) => l.includes(code) && l.includes('Laura Brembilla'));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatch(new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2};${castelrocca.name};${officeName};Laura Brembilla;ha letto la cronologia;`));
    expect(mine[0]).toContain('Tu (Giulia Ferrari)');
    // a period with no access leaves only the header
    const none = await t.app.inject(as(giulia, { url: `/api/v1/me/access-log.csv?from=${addDays(day, 1)}` }));
    expect(none.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('answers bad input with a 400 that names the field', async () => {
    const problem = async (url: string) => {
      const r = await t.app.inject(as(giulia, { url }));
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return (r.json() as { errors?: { path: string }[] }).errors?.map((e) => e.path) ?? [];
    };
    expect(await problem('/api/v1/me/access-log?from=2026-02-30')).toEqual(['query.from']);
    expect(await problem('/api/v1/me/access-log?from=24/11/2026&to=yesterday')).toEqual(['query.from', 'query.to']);
    expect(await problem('/api/v1/me/access-log?from=2026-11-24&to=2026-11-01')).toEqual(['query.from']);
    expect(await problem('/api/v1/me/access-log?cursor=bm90LWEtY3Vyc29y')).toEqual(['query.cursor']);
    expect(await problem('/api/v1/me/access-log?tenant=comune')).toEqual(['query.tenant']);
    expect(await problem('/api/v1/me/access-log?office=x')).toEqual(['query.office']);
    expect(await problem('/api/v1/me/access-log?limit=1000')).toEqual(['query.limit']);
    expect(await problem('/api/v1/me/access-log.csv?from=2026-11-24&to=2026-11-01')).toEqual(['query.from']);
    expect(await problem('/api/v1/me/access-log.csv?cursor=abc')).toEqual(['query.cursor']);
  });
});
