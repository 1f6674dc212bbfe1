/**
 * "I miei dati": Giulia Ferrari (Castelrocca, two minor children) sees what the body holds about her with its source
 * and date, corrects her contacts (a wrong value saves nothing), and reports a wrong address: the registry office
 * reads it (which enters her access log) and answers; she reads the answer. Other bodies and other offices do not
 * reach the report.
 */
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import type { DataReport, MyData, MyDataReport } from '../src/contracts/mydata.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';
const REGISTRY_SOURCE = 'Anagrafe del Comune di Castelrocca';

describe('"I miei dati": what the body holds, with source and date; contacts; reports of a wrong item', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession;
  let luca: TestSession;
  let laura: TestSession; // Castelrocca, anagrafe
  let stefano: TestSession; // Castelrocca, tributi
  let paolo: TestSession; // Valdoro, anagrafe
  let castelrocca: { id: string; name: string };
  let valdoroId: string;
  let giuliaMe: { id: string; fiscalCode: string };
  let applicationId: string;
  let report: MyDataReport;
  const cardExpiry = addDays(clock.today(), 60);

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-my-data` } });
    const tenant = await t.ctx.services.tenants.get(CASTELROCCA);
    castelrocca = { id: tenant.id, name: tenant.name };
    valdoroId = (await t.ctx.services.tenants.get('comune-di-valdoro')).id;
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    stefano = await operatorLogin(t.app, 's.milesi@castelrocca.example', DEMO_PASSWORD);
    paolo = await operatorLogin(t.app, 'p.rinaldi@valdoro.example', DEMO_PASSWORD);
    giuliaMe = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json();
    // what the registry records of her identity card and civil status (the demo register may not carry them)
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('registry_people')
      .set({ id_card_number: 'CA12345AB', id_card_expires_on: cardExpiry, civil_status: 'coniugato', residence_since: '2012-03-01' })
      .where('tenant_id', '=', castelrocca.id).where('fiscal_code', '=', giuliaMe.fiscalCode).execute());
    const serviceId = await createFormService(t.ctx, CASTELROCCA, { maxDays: 30 });
    applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    await runBackgroundWork(t.ctx);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const myData = async (s: TestSession): Promise<MyData> => {
    const r = await t.app.inject(as(s, { url: '/api/v1/me/data' }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
    return r.json() as MyData;
  };
  const accessLog = async (s: TestSession): Promise<AccessLogEntry[]> =>
    ((await t.app.inject(as(s, { url: '/api/v1/me/access-log?limit=100' }))).json() as { items: AccessLogEntry[] }).items;
  const recent = (at: string | null) => !!at && Math.abs(Date.now() - Date.parse(at)) < 3_600_000;

  it("shows the registry record, family with the minors in her care, contacts and documents, each with source and date, and logs nothing", async () => {
    const before = (await accessLog(giulia)).length;
    const data = await myData(giulia);
    expect(data.fiscalCode).toBe(giuliaMe.fiscalCode);
    expect(data.records).toHaveLength(1);
    const record = data.records[0]!;
    expect(record.tenant).toMatchObject(castelrocca);
    expect(record.source).toBe(REGISTRY_SOURCE);
    const field = (name: string) => record.fields.find((f) => f.field === name)!;
    expect(field('given_name')).toMatchObject({ value: 'Giulia', item: 'registry.given_name', source: REGISTRY_SOURCE, sourceKind: 'registry' });
    expect(field('family_name').value).toBe('Ferrari');
    expect(field('sex').value).toBe('F');
    expect(field('birth_date').value).toBe('1984-05-14');
    expect(field('address').value).toMatch(/Via Giuseppe Garibaldi 28/);
    expect(field('citizenship').value).toBe('italiana');
    expect(field('civil_status').value).toBe('coniugato');
    expect(field('residence_since').value).toBe('2012-03-01');
    for (const f of record.fields) expect(recent(f.updatedAt), `${f.field} updatedAt`).toBe(true);

    expect(record.family).toMatchObject({ item: 'registry.family', source: REGISTRY_SOURCE, number: 'CR-0001' });
    expect(recent(record.family.updatedAt)).toBe(true);
    const members = Object.fromEntries(record.family.members.map((m) => [m.name, m]));
    expect(Object.keys(members)).toEqual(['Giulia Ferrari', 'Marco Colombo', 'Sofia Colombo', 'Tommaso Colombo']);
    expect(members['Giulia Ferrari']).toMatchObject({ relation: 'intestatario', you: true, minor: false, inYourCare: false });
    expect(members['Marco Colombo']).toMatchObject({ relation: 'coniuge', you: false, minor: false, inYourCare: false });
    expect(members['Sofia Colombo']).toMatchObject({ relation: 'figlio', minor: true, inYourCare: true, birthDate: '2015-09-03' });
    expect(members['Tommaso Colombo']).toMatchObject({ relation: 'figlio', minor: true, inYourCare: true });

    const contact = (f: string) => data.contacts.find((c) => c.field === f)!;
    // SPID gave her e-mail and mobile at her first sign-in
    expect(contact('email')).toMatchObject({ value: 'giulia.ferrari@example.org', source: "SPID o CIE, all'accesso", sourceKind: 'login' });
    expect(contact('phone')).toMatchObject({ value: '+393401234501', sourceKind: 'login' });
    expect(recent(contact('email').updatedAt)).toBe(true);
    expect(contact('pec')).toMatchObject({ value: null, source: 'Non indicato', updatedAt: null });

    expect(data.documents.idCards).toEqual([expect.objectContaining({
      item: 'document.id_card', tenant: castelrocca, number: 'CA*****AB', expiresOn: cardExpiry, state: 'expiring', source: REGISTRY_SOURCE,
    })]);
    expect(JSON.stringify(data)).not.toContain('CA12345AB');
    const receipt = data.documents.issued.find((d) => d.application.id === applicationId);
    expect(receipt).toMatchObject({ kind: 'receipt', tenant: castelrocca, source: castelrocca.name, sourceKind: 'body', revoked: false,
      href: `/api/v1/applications/${applicationId}/documents/${receipt!.id}` });
    expect(recent(receipt!.updatedAt)).toBe(true);
    expect((await t.app.inject(as(giulia, { url: receipt!.href }))).statusCode).toBe(200);

    // her own reads are not accesses by others
    expect(await accessLog(giulia)).toHaveLength(before);
  });

  it("shows the other parent the same children in his care; a citizen no body registers sees an empty record; offices and strangers get nothing", async () => {
    const data = await myData(marco);
    const members = data.records[0]!.family.members;
    expect(members.filter((m) => m.inYourCare).map((m) => m.name)).toEqual(['Sofia Colombo', 'Tommaso Colombo']);
    expect(members.find((m) => m.you)?.name).toBe('Marco Colombo');

    const lucaData = await myData(luca);
    expect(lucaData.records).toEqual([]);
    expect(lucaData.documents.idCards).toEqual([]);
    expect(lucaData.contacts.map((c) => c.field)).toEqual(['email', 'phone', 'pec']);

    expect((await t.app.inject({ url: '/api/v1/me/data' })).statusCode).toBe(401);
    expect((await t.app.inject(as(laura, { url: '/api/v1/me/data' }))).statusCode).toBe(403);
  });

  it('corrects contacts: a wrong value is refused on its field and nothing is written; a right one is saved as hers, with the date', async () => {
    const bad = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ phone: '12 34', pec: 'giulia.ferrari@pec.example.it' }) }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors).toEqual([{ path: 'body.phone', message: expect.stringMatching(/non è un numero di cellulare.*\(not a mobile number\)/) }]);
    let contacts = (await myData(giulia)).contacts;
    expect(contacts.find((c) => c.field === 'phone')!.value).toBe('+393401234501');
    expect(contacts.find((c) => c.field === 'pec')!.value).toBeNull();

    const badEmail = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { email: 'giulia@' } }));
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0]).toMatchObject({ path: 'body.email', message: expect.stringContaining('non è un indirizzo e-mail') });
    const unknown = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { fax: '035 123' } }));
    expect(unknown.statusCode).toBe(400);

    const ok = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ phone: '347 555 1234', pec: ' Giulia.Ferrari@PEC.example.it ' }) }));
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = Object.fromEntries((ok.json().items as MyData['contacts']).map((c) => [c.field, c]));
    expect(saved.phone).toMatchObject({ value: '+393475551234', source: 'Inserito da te', sourceKind: 'citizen' });
    expect(saved.pec).toMatchObject({ value: 'giulia.ferrari@pec.example.it', sourceKind: 'citizen' });
    expect(recent(saved.phone!.updatedAt)).toBe(true);
    // left out of the patch: as it was, still from SPID
    expect(saved.email).toMatchObject({ value: 'giulia.ferrari@example.org', sourceKind: 'login' });
    // the messages' preferences read the same contacts
    expect((await t.app.inject(as(giulia, { url: '/api/v1/me/preferences' }))).json().contacts).toMatchObject({ phone: '+393475551234', pec: 'giulia.ferrari@pec.example.it' });

    // an empty value clears; signing in again does not overwrite what she typed
    const cleared = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { pec: '' } }));
    expect(cleared.json().items.find((c: { field: string }) => c.field === 'pec')).toMatchObject({ value: null, source: 'Cancellato da te' });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    contacts = (await myData(giulia)).contacts;
    expect(contacts.find((c) => c.field === 'phone')).toMatchObject({ value: '+393475551234', sourceKind: 'citizen' });

    // a contact she deleted stays deleted: the next sign-in does not bring SPID's e-mail back
    const noEmail = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { email: null } }));
    if (noEmail.statusCode === 200) {
      giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
      expect((await myData(giulia)).contacts.find((c) => c.field === 'email')).toMatchObject({ value: null, sourceKind: 'citizen' });
      // back as it was, for the tests that follow
      expect((await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { email: 'giulia.ferrari@example.org' } }))).statusCode).toBe(200);
    } else {
      // a chosen channel needs it: the refusal says so, and nothing changed
      expect(noEmail.statusCode).toBe(409);
    }
  });

  it('will not clear a contact a chosen channel needs, and says what to do first', async () => {
    const prefs = (await t.app.inject(as(giulia, { url: '/api/v1/me/preferences' }))).json();
    const saved = await t.app.inject(as(giulia, { method: 'PUT', url: '/api/v1/me/preferences',
      payload: { language: 'it', contacts: prefs.contacts, channels: { ...prefs.channels, receipt: ['email', 'sms'] } } }));
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await t.app.inject(as(giulia, { method: 'PATCH', url: '/api/v1/me/contacts', payload: { phone: null, email: 'nuova@example.org' } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: 'body.phone', message: expect.stringContaining('togli prima quella scelta nelle preferenze') }]);
    const data = await myData(giulia);
    expect(data.contacts.find((c) => c.field === 'email')!.value).toBe('giulia.ferrari@example.org');
    expect(data.contacts.find((c) => c.field === 'phone')!.value).toBe('+393475551234');
  });

  it('reports a wrong address with an Idempotency-Key: once, kept with what the page showed; a retry gets the same report', async () => {
    const payload = { tenantId: castelrocca.id, item: 'registry.address', correction: 'Abito in Via Giuseppe Garibaldi 30, non 28.' };
    const key = 'segnalazione-indirizzo-0001';
    const first = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', headers: { 'idempotency-key': key }, payload }));
    expect(first.statusCode, first.body).toBe(201);
    report = first.json();
    expect(report).toMatchObject({
      tenant: castelrocca, office: 'Servizi demografici - Anagrafe, Stato civile ed Elettorale', item: 'registry.address',
      shownValue: expect.stringContaining('Via Giuseppe Garibaldi 28'), correction: payload.correction, status: 'open', answer: null, handledAt: null,
    });
    const again = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', headers: { 'idempotency-key': key }, payload }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(report);
    const reused = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', headers: { 'idempotency-key': key },
      payload: { ...payload, correction: 'Un altro testo' } }));
    expect(reused.statusCode).toBe(409);
    // one open report per item
    const second = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', headers: { 'idempotency-key': 'segnalazione-indirizzo-0002' }, payload }));
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('Hai già segnalato un errore su «indirizzo di residenza»');

    const mine = (await t.app.inject(as(giulia, { url: '/api/v1/me/data/reports' }))).json().items as MyDataReport[];
    expect(mine.filter((r) => r.id === report.id)).toHaveLength(1);
    expect((await t.app.inject(as(marco, { url: '/api/v1/me/data/reports' }))).json().items).toEqual([]);
  });

  it('refuses a report on a body that holds nothing about her, an unknown item and an empty correction', async () => {
    const post = (payload: object) => t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', payload }));
    expect((await post({ tenantId: valdoroId, item: 'registry.address', correction: 'Non abito qui' })).statusCode).toBe(404);
    expect((await post({ tenantId: castelrocca.id, item: 'registry.shoe_size', correction: '38' })).statusCode).toBe(400);
    const empty = await post({ tenantId: castelrocca.id, item: 'registry.citizenship', correction: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('body.correction');
    // Luca is in no body's register
    expect((await t.app.inject(as(luca, { method: 'POST', url: '/api/v1/me/data/reports',
      payload: { tenantId: castelrocca.id, item: 'registry.address', correction: 'x' } }))).statusCode).toBe(404);
  });

  it("reaches the registry office (inbox and list), whose read enters her access log; not another office's operator nor another body", async () => {
    const inbox = (await t.app.inject(as(laura, { url: '/api/v1/me/notifications' }))).json().items as { subject: string; body: string }[];
    expect(inbox.some((n) => n.subject === 'Segnalazione di un dato errato: indirizzo di residenza')).toBe(true);
    expect(JSON.stringify(inbox)).not.toContain('Ferrari');

    const counts = (await t.app.inject(as(laura, { url: '/api/v1/data-reports/counts' }))).json();
    expect(counts).toMatchObject({ open: 1, inProgress: 0, handles: true });
    const before = (await accessLog(giulia)).filter((e) => e.object.type === 'data_report');
    expect(before).toEqual([]);

    const list = await t.app.inject(as(laura, { url: '/api/v1/data-reports?status=open' }));
    expect(list.statusCode, list.body).toBe(200);
    const found = (list.json().items as DataReport[]).find((r) => r.id === report.id)!;
    expect(found).toMatchObject({ subject: { fiscalCode: giuliaMe.fiscalCode, name: 'Giulia Ferrari' }, status: 'open', actions: ['take', 'resolve', 'reject'],
      shownValue: report.shownValue, correction: report.correction });

    const logged = (await accessLog(giulia)).filter((e) => e.object.type === 'data_report');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      body: castelrocca, office: 'Servizi demografici - Anagrafe, Stato civile ed Elettorale', operation: 'data_report',
      object: { id: report.id, label: 'Segnalazione sui dati: indirizzo di residenza' }, who: { kind: 'operator' }, subject: { self: true },
      operationLabel: 'ha letto la segnalazione sui dati',
    });
    expect(logged[0]!.legalBasis).toMatch(/anagrafe/);
    // reloading the list the same day is one entry
    await t.app.inject(as(laura, { url: '/api/v1/data-reports' }));
    expect((await accessLog(giulia)).filter((e) => e.object.type === 'data_report')).toHaveLength(1);

    // the tax office's operator: not in their list, not theirs to handle
    const other = (await t.app.inject(as(stefano, { url: '/api/v1/data-reports' }))).json().items as DataReport[];
    expect(other.map((r) => r.id)).not.toContain(report.id);
    expect((await t.app.inject(as(stefano, { url: '/api/v1/data-reports/counts' }))).json()).toMatchObject({ open: 0, handles: false });
    expect((await t.app.inject(as(stefano, { method: 'POST', url: `/api/v1/data-reports/${report.id}/transitions/take`, payload: {} }))).statusCode).toBe(403);
    // another body's registry office: it does not exist for them
    const valdoro = (await t.app.inject(as(paolo, { url: '/api/v1/data-reports' }))).json().items as DataReport[];
    expect(valdoro.map((r) => r.id)).not.toContain(report.id);
    expect((await t.app.inject(as(paolo, { method: 'POST', url: `/api/v1/data-reports/${report.id}/transitions/take`, payload: {} }))).statusCode).toBe(404);
    expect((await t.app.inject(as(paolo, { url: `/api/v1/data-reports?tenant=${castelrocca.id}` }))).statusCode).toBe(404);
    // citizens: the office's list does not exist for them
    expect((await t.app.inject(as(giulia, { url: '/api/v1/data-reports' }))).statusCode).toBe(403);
    expect((await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/data-reports/${report.id}/transitions/resolve`, payload: { answer: 'fatto' } }))).statusCode).toBe(404);
    // nobody else's reads were logged
    expect((await accessLog(giulia)).filter((e) => e.object.type === 'data_report')).toHaveLength(1);
  });

  it('is taken and answered by the office; the citizen reads the answer with the office, never the operator, and gets a notice', async () => {
    const act = (action: string, payload: object = {}) =>
      t.app.inject(as(laura, { method: 'POST', url: `/api/v1/data-reports/${report.id}/transitions/${action}`, payload }));
    const taken = await act('take');
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_progress', actions: ['resolve', 'reject'], handledBy: 'Laura Brembilla' });
    expect((await act('take')).statusCode).toBe(409);
    const noAnswer = await act('resolve', { answer: '  ' });
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.json().errors[0].path).toBe('body.answer');
    const answer = "Abbiamo verificato: il numero civico è 30. L'indirizzo è stato corretto in anagrafe.";
    const resolved = await act('resolve', { answer });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', answer, actions: [] });
    expect((await act('reject', { answer: 'no' })).statusCode).toBe(409);

    const mine = (await t.app.inject(as(giulia, { url: '/api/v1/me/data/reports' }))).json().items as MyDataReport[];
    const seen = mine.find((r) => r.id === report.id)!;
    expect(seen).toMatchObject({ status: 'resolved', answer, office: 'Servizi demografici - Anagrafe, Stato civile ed Elettorale' });
    expect(recent(seen.handledAt)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Brembilla');
    const notices = (await t.app.inject(as(giulia, { url: '/api/v1/me/notifications' }))).json().items as { subject: string }[];
    expect(notices.some((n) => n.subject === 'Risposta alla tua segnalazione: indirizzo di residenza')).toBe(true);

    // answered, the same item can be reported again
    const again = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports',
      payload: { tenantId: castelrocca.id, item: 'registry.address', correction: 'Il CAP è sbagliato' } }));
    expect(again.statusCode).toBe(201);
  });

  it('pages the office list newest first with a cursor, and filters by status', async () => {
    for (const item of ['registry.citizenship', 'document.id_card', 'registry.family']) {
      const r = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', payload: { tenantId: castelrocca.id, item, correction: `Correzione di ${item}` } }));
      expect(r.statusCode, r.body).toBe(201);
      if (item === 'document.id_card') expect(r.json().shownValue).toMatch(/^n\. CA\*{5}AB, scadenza \d{2}\/\d{2}\/\d{4}$/);
      if (item === 'registry.family') expect(r.json().shownValue).toContain('Sofia Colombo (figlio/a, 03/09/2015)');
    }
    const all: DataReport[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: DataReport[]; nextCursor: string | null } =
        (await t.app.inject(as(laura, { url: `/api/v1/data-reports?limit=2${cursor ? `&cursor=${cursor}` : ''}` }))).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((r) => r.id)).size).toBe(5);
    const times = all.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const open = (await t.app.inject(as(laura, { url: '/api/v1/data-reports?status=open' }))).json().items as DataReport[];
    expect(open).toHaveLength(4);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    expect((await t.app.inject(as(laura, { url: '/api/v1/data-reports?cursor=bm9wZQ' }))).statusCode).toBe(400);
  });
});
