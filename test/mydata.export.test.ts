/**
 * "Scarica tutti i miei dati" (GET /api/v1/me/export): Giulia Ferrari (Castelrocca; a TARI instalment to pay and a
 * closed social case in the demo) files an application, writes to the office, books an appointment; Luca Moretti
 * does the same. Giulia's download holds her items and none of Luca's, in JSON and in a readable PDF; what the law
 * keeps back from her social case stays out, and the list of what is left out is the same whatever exists.
 * Anonymous callers get 401, an operator 403; the download is audited and is not an access by someone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { DataExportSchema, type DataExport } from '../src/server/modules/dataexport/dataexport.schemas.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, platformAdmin } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';
/** Giulia's words to the office: accents and apostrophes must reach the PDF as written */
const GIULIA_MESSAGE = 'Però è già tutto pagato: perché serve l’ISEE?';
const HEALTH = 'Ipertensione seguita dal medico di base; nessuna invalidità.';
const COURT = 'Decreto del Tribunale ordinario: amministrazione di sostegno.';

async function pdfText(pdf: Buffer): Promise<{ pages: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await doc.destroy();
  return { pages };
}

describe('"Scarica tutti i miei dati": everything held about the citizen, as JSON and as PDF', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let luca: TestSession;
  let laura: TestSession; // Castelrocca, anagrafe
  let castelroccaId: string;
  let giuliaApp: { id: string; code: string; protocol: string };
  let lucaApp: { id: string; code: string };
  let giuliaAppointment: string;
  let lucaAppointment: string;
  let lucaDebt: string;
  let giuliaCase: { id: string; reference: string; diaryText: string };
  const giuliaCode = findTestIdentity('giulia-ferrari')!.fiscalCode;
  const lucaCode = findTestIdentity('luca-moretti')!.fiscalCode;

  const download = (s: TestSession | null, query = '', headers: Record<string, string> = {}) =>
    t.app.inject(s ? as(s, { url: `/api/v1/me/export${query}`, headers }) : { url: `/api/v1/me/export${query}`, headers });
  const exportJson = async (s: TestSession): Promise<DataExport> => {
    const r = await download(s);
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    return JSON.parse(r.body) as DataExport;
  };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-export` } });
    castelroccaId = (await t.ctx.services.tenants.get(CASTELROCCA)).id;
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);

    // an application each, registered with its receipt; Giulia writes to the office and the office reads it
    const serviceId = await createFormService(t.ctx, CASTELROCCA, { maxDays: 30 });
    const gid = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    const lid = await fileTestApplication(t.app, t.ctx, luca, serviceId);
    const sent = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${gid}/messages`, payload: { body: GIULIA_MESSAGE } }));
    expect(sent.statusCode, sent.body).toBe(201);
    const read = await t.app.inject(as(laura, { url: `/api/v1/applications/${gid}` }));
    expect(read.statusCode, read.body).toBe(200);
    const detail = read.json() as { code: string; protocol: { number: string; year: number } | null };
    expect(detail.protocol).not.toBeNull();
    giuliaApp = { id: gid, code: detail.code, protocol: `${detail.protocol!.number}/${detail.protocol!.year}` };
    lucaApp = { id: lid, code: (await t.app.inject(as(luca, { url: `/api/v1/applications/${lid}` }))).json().code };

    // an appointment each at the anagrafe, which opens a calendar for the service
    const offices = await t.ctx.services.tenants.offices(castelroccaId);
    const officeId = offices.find((o) => o.code === 'anagrafe')!.id;
    await t.ctx.services.appointments.createCalendar(platformAdmin(castelroccaId), officeId, {
      name: 'Export', serviceIds: [serviceId], weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
      slotMinutes: 30, capacity: 10, bufferMinutes: 0, minNoticeHours: 0, horizonDays: 60, closures: [], categoryId: null, active: true,
    } as never);
    const days = (await t.app.inject({ url: `/api/v1/offices/${officeId}/slots?service=${serviceId}&days=14` })).json().days as { slots: { startsAt: string; free: number }[] }[];
    const [first, second] = days.flatMap((d) => d.slots).filter((s) => s.free > 0 && Date.parse(s.startsAt) > Date.now() + 3_600_000);
    const book = async (s: TestSession, startsAt: string, reason: string) => {
      const r = await t.app.inject(as(s, { method: 'POST', url: '/api/v1/appointments', payload: { serviceId, officeId, startsAt, reason } }));
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    giuliaAppointment = await book(giulia, first!.startsAt, 'Ritiro della carta d’identità');
    lucaAppointment = await book(luca, second!.startsAt, 'Pratica edilizia di un cliente');

    // a debt of Luca's at the same body (Giulia has the demo's TARI)
    lucaDebt = (await t.ctx.services.payments.createDebt(platformAdmin(castelroccaId), {
      tenantId: castelroccaId, debtorFiscalCode: lucaCode, debtorName: 'Luca Moretti', description: 'Diritti di istruttoria edilizia',
      items: [{ label: 'Diritti', amountCents: 5000, kind: 'diritti' }], dueDate: '2099-12-31',
    })).detail.id;

    // Giulia's closed case (demo): health data, and a court measure, in its reserved part
    const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_cases as k').innerJoin('social_persons as p', 'p.id', 'k.person_id')
      .select(['k.id', 'k.reference']).where('p.fiscal_code', '=', giuliaCode).executeTakeFirstOrThrow());
    const cipher = t.ctx.services.fieldCipher;
    const diary = await inScope(t.database.db, { platform: true }, async (trx) => {
      await trx.updateTable('social_cases').set({ health_sealed: cipher.seal(HEALTH, row.id), court_sealed: cipher.seal(COURT, row.id) }).where('id', '=', row.id).execute();
      return trx.selectFrom('social_diary_entries').select(['id', 'text_sealed']).where('case_id', '=', row.id).where('reserved', '=', false).executeTakeFirstOrThrow();
    });
    giuliaCase = { id: row.id, reference: row.reference, diaryText: cipher.open(diary.text_sealed, diary.id) };
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers anonymous callers 401 and operators 403, as problem+json', async () => {
    const anonymous = await download(null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const operator = await download(laura);
    expect(operator.statusCode).toBe(403);
    expect(operator.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(operator.body).not.toContain(giuliaCode);
    expect((await download(laura, '?format=pdf')).statusCode).toBe(403);
  });

  it('sends a session at SPID level 1 to sign in again at level 2, with nothing of her data', async () => {
    const weak = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari', { level: 'SpidL1' })).browser.session();
    expect((await t.app.inject(as(weak, { url: '/api/v1/me' }))).statusCode).toBe(200);
    const r = await download(weak, '?format=pdf');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ type: 'step-up-required', loginUrl: expect.stringContaining('level=SpidL2') });
    expect(r.body).not.toContain(giuliaCode);
  });

  it('sends JSON by default and on ?format=json or Accept: application/json, as a dated attachment', async () => {
    for (const [query, headers] of [['', {}], ['?format=json', {}], ['', { accept: 'application/json' }], ['', { accept: 'text/html,*/*;q=0.8' }]] as const) {
      const r = await download(giulia, query, headers);
      expect(r.statusCode, `${query} ${JSON.stringify(headers)}`).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename="i-miei-dati-\d{4}-\d{2}-\d{2}\.json"/);
      expect(r.headers['cache-control']).toBe('private, no-store');
      expect(JSON.parse(r.body).person.fiscalCode).toBe(giuliaCode);
    }
    const bad = await download(giulia, '?format=xml');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const notAcceptable = await download(giulia, '', { accept: 'text/csv' });
    expect(notAcceptable.statusCode).toBe(406);
    expect(notAcceptable.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("holds Giulia's profile, application with answers, files, history and messages, payments, appointment and messages — and nothing of Luca's", async () => {
    const data = await exportJson(giulia);
    expect(Value.Errors(DataExportSchema, data)).toEqual([]);
    const s = data.sections;
    // every section, under its stable key, with an Italian label
    expect(Object.keys(s)).toEqual(['about', 'profile', 'contacts', 'preferences', 'registry', 'companies', 'delegations', 'applications', 'payments',
      'appointments', 'deskContacts', 'certificates', 'notifications', 'recommendations', 'favourites', 'dataReports', 'socialServices', 'accessLog',
      'signIns', 'notIncluded']);
    expect(s.applications.label).toBe('Pratiche');
    expect(s.payments.label).toBe('Pagamenti e ricevute');

    expect(data.person).toEqual({ fiscalCode: giuliaCode, name: 'Giulia Ferrari' });
    expect(s.profile).toMatchObject({ givenName: 'Giulia', familyName: 'Ferrari', birthDate: '1984-05-14' });
    expect(s.contacts.items.find((c) => c.field === 'email')).toMatchObject({ value: 'giulia.ferrari@example.org', source: "SPID o CIE, all'accesso" });
    expect(s.registry.items[0]!.body.id).toBe(castelroccaId);
    expect(s.registry.items[0]!.family.members.map((m) => m.name)).toEqual(expect.arrayContaining(['Sofia Colombo', 'Tommaso Colombo']));
    // the identity card's number stays covered, as on the page
    expect(s.registry.items[0]!.idCard?.number).toBe('CA*****FG');
    expect(JSON.stringify(data)).not.toContain('CA48213FG');

    const app = s.applications.items.find((a) => a.id === giuliaApp.id)!;
    expect(app).toMatchObject({ code: giuliaApp.code, filedByYou: true, contentIncluded: true, status: 'registered', statusLabel: 'Protocollata' });
    expect(app.protocol!.label).toBe(`n. ${giuliaApp.protocol}`);
    expect(app.answers.flatMap((x) => x.rows)).toEqual(expect.arrayContaining([{ label: 'Indirizzo', value: 'Via Roma 1' }]));
    expect(app.rawAnswers).toMatchObject({ alloggio: { indirizzo: 'Via Roma 1', titolo: 'proprieta' } });
    expect(app.attachments).toEqual([expect.objectContaining({ requirement: "Documento d'identità", fileName: 'id.pdf', contentType: 'application/pdf', sent: true })]);
    expect(app.attachments[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(app.history.map((h) => h.event)).toEqual(expect.arrayContaining(['Domanda inviata', 'Domanda protocollata']));
    expect(app.history.find((h) => h.event === 'Domanda inviata')!.by).toBe('Tu');
    expect(app.messages).toEqual([expect.objectContaining({ from: 'citizen', author: 'Tu', body: GIULIA_MESSAGE })]);
    expect(app.documents).toEqual([expect.objectContaining({ kind: 'receipt', kindLabel: 'Ricevuta' })]);
    expect(app.documents[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(app.createdAt)).not.toBeNaN();
    expect(app.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    // the demo's TARI, with its receipt for the instalment paid
    const tari = s.payments.items.filter((p) => p.body.id === castelroccaId && /TARI/i.test(p.description));
    expect(tari.length).toBeGreaterThan(0);
    expect(tari.every((p) => p.debtor.fiscalCode === giuliaCode)).toBe(true);
    expect(s.appointments.items.map((a) => a.id)).toContain(giuliaAppointment);
    expect(s.appointments.items.find((a) => a.id === giuliaAppointment)).toMatchObject({ reason: 'Ritiro della carta d’identità', statusLabel: 'Prenotato' });
    expect(s.notifications.items.some((n) => n.application === giuliaApp.code && n.kind === 'receipt')).toBe(true);
    // the office's read of her application is in the log of who read her data
    expect(s.accessLog.items.some((e) => e.body.id === castelroccaId && e.data.includes(giuliaApp.code))).toBe(true);
    expect(s.accessLog.total).toBe(s.accessLog.items.length);
    expect(s.signIns.items.some((e) => e.action === 'login.succeeded')).toBe(true);

    const text = JSON.stringify(data);
    for (const foreign of [lucaApp.id, lucaApp.code, lucaAppointment, lucaDebt, lucaCode, 'Moretti', 'Pratica edilizia di un cliente']) {
      expect(text, foreign).not.toContain(foreign);
    }
  });

  it('gives her social case with its health data, keeps the court measure and the diary text back, and says so', async () => {
    const data = await exportJson(giulia);
    const records = data.sections.socialServices.items;
    expect(records).toHaveLength(1);
    const k = records[0]!.cases.find((c) => c.reference === giuliaCase.reference)!;
    expect(k).toMatchObject({ status: 'Chiuso', health: HEALTH });
    expect(k.diary.length).toBeGreaterThan(0);
    expect(k.interventions.length).toBeGreaterThan(0);
    const text = JSON.stringify(data);
    expect(text).not.toContain(COURT);
    expect(text).not.toContain(giuliaCase.diaryText);
    expect(data.sections.notIncluded.items.map((n) => n.key)).toEqual(expect.arrayContaining(['social.withheld_cases', 'social.court_measures', 'social.diary_text']));
  });

  it('leaves out a case the law withholds from her, without a trace, as her access log does', async () => {
    // the coordinator opened the case before it was withheld: that read is in her log, naming the case
    const coordinator = await operatorLogin(t.app, 's.personeni@ambitovalleorsa.example', DEMO_PASSWORD);
    expect((await t.app.inject(as(coordinator, { url: `/api/v1/social/cases/${giuliaCase.id}` }))).statusCode).toBe(200);
    const before = await exportJson(giulia);
    expect(JSON.stringify(before.sections.accessLog)).toContain(giuliaCase.reference);
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_cases')
      .set({ withheld_from_subject: true, withheld_reason: 'Procedimento a tutela di minore' }).where('id', '=', giuliaCase.id).execute());
    try {
      const after = await exportJson(giulia);
      expect(after.sections.socialServices.items).toEqual([]);
      const text = JSON.stringify(after);
      expect(text).not.toContain(giuliaCase.reference);
      expect(text).not.toContain(HEALTH);
      // the same words about what is left out, whether or not something is
      expect(after.sections.notIncluded).toEqual(before.sections.notIncluded);
    } finally {
      await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_cases')
        .set({ withheld_from_subject: false, withheld_reason: null }).where('id', '=', giuliaCase.id).execute());
    }
  });

  it('prints a PDF with her name, her protocol number and her words intact, on numbered pages', async () => {
    for (const [query, headers] of [['?format=pdf', {}], ['', { accept: 'application/pdf' }]] as const) {
      const r = await download(giulia, query, headers);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename="i-miei-dati-\d{4}-\d{2}-\d{2}\.pdf"/);
    }
    const r = await download(giulia, '?format=pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages } = await pdfText(r.rawPayload);
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.join('\n');
    expect(all).toContain('Giulia Ferrari');
    expect(all).toContain(giuliaApp.protocol);
    expect(all).toContain(giuliaApp.code);
    expect(all).toContain(GIULIA_MESSAGE);
    expect(all).toContain('Che cosa non è incluso e perché');
    expect(all).toContain('Pagamenti e ricevute');
    expect(all).toContain(HEALTH);
    expect(all).not.toContain(COURT);
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} di ${pages.length}`));
    expect(all).not.toContain('Moretti');
  });

  it('writes each download to the audit log, and not to her log of reads by others', async () => {
    const me = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json() as { id: string };
    const count = () => inScope(t.database.db, { platform: true }, async (trx) => Number((await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('actor', '=', `citizen:${me.id}`).where('action', '=', 'personal_data.exported').executeTakeFirstOrThrow()).n));
    const logLength = async () => ((await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=1' }))).json() as { total: number }).total;
    const [audited, log] = [await count(), await logLength()];
    expect((await download(giulia, '?format=json')).statusCode).toBe(200);
    expect(await count()).toBe(audited + 1);
    expect(await logLength()).toBe(log);
    const again = await exportJson(giulia);
    expect(again.sections.signIns.items.some((e) => e.action === 'personal_data.exported' && e.details.includes('JSON'))).toBe(true);
  });
});
