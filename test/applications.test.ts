import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { asOwner } from './support/db.ts';
import { createFormService, openDemoCall, PDF, platformAdmin, TEST_FORM, VALID_ANSWERS } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = '----sportello-applications-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('online applications: drafts, uploads, submission, protocol and receipt', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession;
  let luca: TestSession;
  let serviceId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-applications` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 45 });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
  }, 120_000);
  afterAll(() => t.close());

  const start = (s: TestSession, key?: string) =>
    t.app.inject(as(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId }, headers: key ? { 'idempotency-key': key } : {} }));
  const get = (s: TestSession, id: string) => t.app.inject(as(s, { url: `/api/v1/applications/${id}` }));
  const save = (s: TestSession, id: string, payload: object, ifMatch?: number) =>
    t.app.inject(as(s, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload, headers: ifMatch ? { 'if-match': `"${ifMatch}"` } : {} }));
  const upload = (s: TestSession, id: string, requirementId: string, file: { name: string; content: Buffer; type?: string }) => {
    const body = multipart({ requirementId }, file);
    return t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload: body.payload, headers: body.headers }));
  };
  const submit = (s: TestSession, id: string, key?: string) =>
    t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {}, headers: key ? { 'idempotency-key': key } : {} }));
  const drain = async () => {
    await t.ctx.tasks.registrar.drain();
    await t.ctx.tasks.receipts.drain();
  };

  let draftId: string;

  it('starts a draft with what the body holds filled in and marked, and resumes it when started again', async () => {
    const r = await start(giulia, 'start-giulia-0001');
    expect(r.statusCode).toBe(201);
    const d = r.json();
    draftId = d.id;
    expect(d.status).toBe('draft');
    expect(d.code).toMatch(/^CA-\d{4}-[A-Z2-9]{6}$/);
    expect(d.data.richiedente).toMatchObject({ nome: 'Giulia', cognome: 'Ferrari' });
    expect(d.data.richiedente.codiceFiscale).toMatch(/^[A-Z0-9]{16}$/);
    expect(d.data.richiedente.residenza).toMatch(/Via/);
    // the family sheet from the registry: Giulia, Marco and the two children
    expect(d.data.alloggio.componenti.map((m: { givenName: string }) => m.givenName).sort()).toEqual(['Giulia', 'Marco', 'Sofia', 'Tommaso']);
    expect(d.prefilled).toMatchObject({ '/richiedente/nome': 'spid', '/richiedente/residenza': 'registry', '/alloggio/componenti': 'registry' });
    expect(d.currentStep).toBe('richiedente');

    // the same key replays; another start (another device) resumes the same draft
    expect((await start(giulia, 'start-giulia-0001')).json().id).toBe(draftId);
    const again = await start(giulia);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(draftId);
  });

  it('saves steps, keeps the locked prefilled values and refuses a save over a newer one', async () => {
    const before = (await get(giulia, draftId)).json();
    const r = await save(giulia, draftId, {
      data: { richiedente: { ...before.data.richiedente, nome: 'Altro', email: 'giulia.nuova@example.org' }, alloggio: { indirizzo: 'Via Roma 1', titolo: 'locazione' } },
      currentStep: 'alloggio',
    }, before.revision);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.data.richiedente.nome).toBe('Giulia'); // locked: the body's record
    expect(d.data.richiedente.email).toBe('giulia.nuova@example.org'); // a contact may be corrected
    expect(d.currentStep).toBe('alloggio');
    expect(d.revision).toBeGreaterThan(before.revision);

    const stale = await save(giulia, draftId, { data: { alloggio: { indirizzo: 'Via Vecchia 2', titolo: 'proprieta' } } }, before.revision);
    expect(stale.statusCode).toBe(412);
    expect((await get(giulia, draftId)).json().data.alloggio.indirizzo).toBe('Via Roma 1');

    const unknownStep = await save(giulia, draftId, { data: { segreto: { x: 1 } } });
    expect(unknownStep.statusCode).toBe(400);
    expect(unknownStep.json().errors[0].path).toBe('/segreto');
  });

  it('refuses files over the limit, of the wrong type or too many, with a clear message, losing nothing', async () => {
    const before = (await get(giulia, draftId)).json();
    const big = Buffer.concat([PDF(), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(giulia, draftId, 'documento', { name: 'scansione.pdf', content: big });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().detail).toMatch(/massimo è 1 MB/);
    expect(tooBig.json().errors[0].path).toBe('/attachments/documento');

    const exe = await upload(giulia, draftId, 'documento', { name: 'documento.pdf', content: Buffer.from('MZ\x90\x00 this is a program') });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().detail).toMatch(/non è un file PDF, JPG o PNG valido/);

    const png = await upload(giulia, draftId, 'contratto', { name: 'contratto.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) });
    expect(png.statusCode).toBe(415); // the lease must be a PDF

    const ok = await upload(giulia, draftId, 'documento', { name: 'carta identità.pdf', content: PDF('carta') });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ requirementId: 'documento', fileName: 'carta identità.pdf', contentType: 'application/pdf' });
    expect(ok.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    await upload(giulia, draftId, 'documento', { name: 'retro.pdf', content: PDF('retro') });
    const third = await upload(giulia, draftId, 'documento', { name: 'altro.pdf', content: PDF('altro') });
    expect(third.statusCode).toBe(409);
    expect(third.json().detail).toMatch(/al massimo 2 file/);

    const unknown = await upload(giulia, draftId, 'passaporto', { name: 'p.pdf', content: PDF() });
    expect(unknown.statusCode).toBe(404);

    const after = (await get(giulia, draftId)).json();
    expect(after.data).toEqual(before.data);
    expect(after.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['carta identità.pdf', 'retro.pdf']);

    // a draft's file can be removed
    const removed = await t.app.inject(as(giulia, { method: 'DELETE', url: `/api/v1/applications/${draftId}/attachments/${after.attachments[1].id}` }));
    expect(removed.statusCode).toBe(204);
  });

  it('refuses a submission the schema does not allow, naming each field and missing document', async () => {
    await save(giulia, draftId, { data: { alloggio: { indirizzo: 'V', titolo: 'locazione' } } });
    const r = await submit(giulia, draftId);
    expect(r.statusCode).toBe(422);
    const problem = r.json();
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/alloggio/indirizzo'); // too short
    expect(paths).toContain('/alloggio/contratto'); // required only for a lease (if/then)
    expect(paths).toContain('/attachments/contratto'); // the lease document, required for a lease
    expect(problem.errors.find((e: { path: string }) => e.path === '/alloggio/contratto').message).toMatch(/^Alloggio › Estremi del contratto: /);
    expect((await get(giulia, draftId)).json().status).toBe('draft');
  });

  let ack: { id: string; code: string; submittedAt: string; status: string };

  it('starts one draft when several tabs ask at the same instant: every tab gets that draft, none an error', async () => {
    const other = await createFormService(t.ctx, 'comune-di-castelrocca');
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() =>
      t.app.inject(as(marco, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: other } }))));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
  });

  it('submits once whatever the retries: double click, same key, second tab', async () => {
    await save(giulia, draftId, { data: { alloggio: { ...VALID_ANSWERS.alloggio } } });
    const [a, b] = await Promise.all([submit(giulia, draftId, 'submit-key-0001'), submit(giulia, draftId, 'submit-key-0001')]);
    // one of the two sent it; the other gets the same acknowledgement
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    ack = a.json();
    expect(b.json()).toEqual(ack);
    expect(ack).toMatchObject({ id: draftId, status: 'submitted', protocol: null });
    expect(Date.now() - Date.parse(ack.submittedAt)).toBeLessThan(60_000);
    const tab = await submit(giulia, draftId, 'submit-key-0002');
    expect(tab.statusCode).toBe(200);
    expect(tab.json()).toMatchObject({ id: ack.id, code: ack.code, submittedAt: ack.submittedAt });
    const events = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${draftId}/history` }))).json().items;
    expect(events.filter((e: { type: string }) => e.type === 'submitted')).toHaveLength(1);
    // a sent application is no longer editable
    expect((await save(giulia, draftId, { data: { alloggio: { indirizzo: 'Via Altra 3', titolo: 'proprieta' } } })).statusCode).toBe(409);
  });

  it('gets its protocol number and the receipt PDF from the background jobs', async () => {
    await drain();
    const d = (await get(giulia, draftId)).json();
    expect(d.status).toBe('registered');
    expect(d.protocol.number).toMatch(/^\d{7}$/);
    expect(d.protocol.year).toBe(new Date().getFullYear());
    expect(d.auth).toEqual({ method: 'spid', level: 'SpidL2' });
    expect(d.clock.maxDays).toBe(45);
    expect(d.clock.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.clock.takenInChargeAt).toBeNull();
    const receipt = d.documents.find((x: { kind: string }) => x.kind === 'receipt');
    expect(receipt.verificationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const pdf = await t.app.inject(as(giulia, { url: receipt.href }));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // the public verification confirms it without personal data
    const v = await t.app.inject({ url: `/api/v1/verifications/${receipt.verificationCode}` });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ valid: true, applicationCode: d.code, protocol: { number: d.protocol.number } });
    expect(v.body).not.toContain('Ferrari');
    expect(v.body).not.toContain(d.subject.fiscalCode);
  });

  it('shows an application only to its people: another citizen gets 404 everywhere', async () => {
    for (const url of [`/api/v1/applications/${draftId}`, `/api/v1/applications/${draftId}/history`]) {
      expect((await t.app.inject(as(luca, { url }))).statusCode).toBe(404);
    }
    const d = (await get(giulia, draftId)).json();
    expect((await t.app.inject(as(luca, { url: d.documents[0].href }))).statusCode).toBe(404);
    expect((await t.app.inject(as(luca, { url: `/api/v1/applications/${draftId}/attachments/${d.attachments[0].id}` }))).statusCode).toBe(404);
    expect((await save(luca, draftId, { data: {} })).statusCode).toBe(404);
    expect((await submit(luca, draftId)).statusCode).toBe(404);
    expect((await t.app.inject(as(luca, { method: 'POST', url: `/api/v1/applications/${draftId}/transitions/withdraw`, payload: {} }))).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/applications/${draftId}` })).statusCode).toBe(401);
    const list = (await t.app.inject(as(luca, { url: '/api/v1/applications' }))).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(draftId);
    // Marco, the other parent, does not see what Giulia filed for herself
    expect((await get(marco, draftId)).statusCode).toBe(404);
  });

  it('lets a parent file for a minor child; the other parent sees it too, nobody else does', async () => {
    const options = (await t.app.inject(as(giulia, { url: '/api/v1/me/subjects' }))).json().items;
    const sofia = options.find((o: { name: string }) => o.name.startsWith('Sofia'));
    expect((await t.app.inject(as(giulia, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'minor', id: sofia.id } }))).statusCode).toBe(200);
    const r = await start(giulia);
    expect(r.statusCode).toBe(201);
    const child = r.json();
    expect(child.subject).toMatchObject({ kind: 'minor', name: expect.stringMatching(/^Sofia/) });
    expect(child.data.richiedente.codiceFiscale).toBe(sofia.fiscalCode);
    expect(child.data.richiedente.nome).toBe('Giulia'); // the applicant is the parent
    await upload(giulia, child.id, 'documento', { name: 'doc.pdf', content: PDF('sofia') });
    await save(giulia, child.id, { data: { alloggio: VALID_ANSWERS.alloggio } });
    expect((await submit(giulia, child.id)).statusCode).toBe(201);
    const self = options.find((o: { kind: string }) => o.kind === 'self');
    await t.app.inject(as(giulia, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'self', id: self.id } }));

    const marcoList = (await t.app.inject(as(marco, { url: '/api/v1/applications' }))).json();
    expect(marcoList.items.map((i: { id: string }) => i.id)).toContain(child.id);
    expect(marcoList.items.find((i: { id: string }) => i.id === child.id).filedBy).toEqual({ name: 'Giulia Ferrari' });
    expect((await get(marco, child.id)).statusCode).toBe(200);
    expect((await get(luca, child.id)).statusCode).toBe(404);

    // filters: by subject and by status
    const forSofia = (await t.app.inject(as(giulia, { url: `/api/v1/applications?subject=${sofia.fiscalCode}` }))).json();
    expect(forSofia.items.map((i: { id: string }) => i.id)).toEqual([child.id]);
    const drafts = (await t.app.inject(as(giulia, { url: '/api/v1/applications?status=draft' }))).json();
    expect(drafts.items).toHaveLength(0);
    const bad = await t.app.inject(as(giulia, { url: '/api/v1/applications?status=lost' }));
    expect(bad.statusCode).toBe(400);
  });

  it('pages through the list with a cursor', async () => {
    const first = (await t.app.inject(as(giulia, { url: '/api/v1/applications?limit=1' }))).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await t.app.inject(as(giulia, { url: `/api/v1/applications?limit=1&cursor=${first.nextCursor}` }))).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await t.app.inject(as(giulia, { url: '/api/v1/applications?cursor=bm9wZQ' }))).statusCode).toBe(400);
  });

  it('takes a rating once submitted, with a reason that fits the stars', async () => {
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${draftId}/rating`, payload: { score: 4, reason: 'indicazioni-chiare', comment: 'Veloce.' } }));
    expect(r.statusCode).toBe(201);
    const mismatch = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${draftId}/rating`, payload: { score: 2, reason: 'indicazioni-chiare' } }));
    expect(mismatch.statusCode).toBe(400);
    expect((await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${draftId}/rating`, payload: { score: 6 } }))).statusCode).toBe(400);
    expect((await get(giulia, draftId)).json().rating).toEqual({ score: 4 });
    const stored = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('service_ratings').selectAll().where('application_id', '=', draftId).executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ score: 4, reason: 'indicazioni-chiare', comment: 'Veloce.' });
  });

  it('stops the legal clock while the office waits for the citizen, and shows what it waits for', async () => {
    const operator = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', 'Sportello2026!').catch(() => null);
    expect(operator, 'demo operator of the anagrafe office').not.toBeNull();
    const step = (s: TestSession, action: string, payload: object = {}) => officeStep(t.app, s, draftId, action, payload);
    // a citizen cannot do the office's work
    expect((await step(giulia, 'take_charge')).statusCode).toBe(403);
    const taken = await step(operator!, 'take_charge');
    expect(taken.statusCode).toBe(200);
    expect(taken.json().clock.takenInChargeAt).toBeTruthy();
    const asked = await step(operator!, 'request_integration', { note: 'Serve la planimetria aggiornata.', documents: ["Planimetria dell'alloggio"] });
    expect(asked.statusCode).toBe(200);
    const seen = (await get(giulia, draftId)).json();
    expect(seen.status).toBe('awaiting_citizen');
    expect(seen.awaiting).toMatchObject({ message: 'Serve la planimetria aggiornata.', documents: ["Planimetria dell'alloggio"] });
    expect(seen.actions).toEqual(['answer_integration', 'withdraw']);

    // ten days pass while waiting: everything so far is moved ten days back in the database
    await asOwner(t.database, `UPDATE application_events SET at = at - interval '10 days' WHERE application_id = '${draftId}'`);
    await asOwner(t.database, `UPDATE applications SET submitted_at = submitted_at - interval '10 days', registered_at = registered_at - interval '10 days',
      taken_in_charge_at = taken_in_charge_at - interval '10 days' WHERE id = '${draftId}'`);
    const up = await upload(giulia, draftId, 'integrazione', { name: 'planimetria.pdf', content: PDF('planimetria') });
    expect(up.statusCode).toBe(201);
    const answered = await step(giulia, 'answer_integration', { note: 'Ecco la planimetria.' });
    expect(answered.statusCode).toBe(200);
    const after = answered.json();
    expect(after.status).toBe('in_progress');
    expect(after.clock.suspendedDays).toBe(10);
    // the due date is the submission day + 45 + 10 days, moved past a Sunday or holiday
    const { dueDate, romeDate } = await import('../src/server/platform/legal-clock.ts');
    expect(after.clock.dueDate).toBe(dueDate(romeDate(new Date(after.clock.submittedAt)), 45, 10));
    expect(after.clock.phases.map((p: { status: string }) => p.status)).toEqual(['submitted', 'registered', 'in_progress', 'awaiting_citizen', 'in_progress']);
    const history = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${draftId}/history` }))).json().items;
    expect(history.map((e: { type: string }) => e.type)).toEqual(
      ['created', 'submitted', 'registered', 'receipt_issued', 'taken_in_charge', 'integration_requested', 'integration_answered'].filter((x) => history.some((e: { type: string }) => e.type === x)),
    );
    expect(history.find((e: { type: string }) => e.type === 'submitted').actorLabel).toBe('Tu');
  });
});

describe('an application window (a call with opening and closing dates)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-window` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
  }, 120_000);
  afterAll(() => t.close());

  const startFor = async (window: { opensAt: string; closesAt: string }, slug: string) => {
    const serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { slug, form: { ...TEST_FORM, window } });
    return t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
  };

  it('refuses drafts before the call opens and after it closes, saying when', async () => {
    const day = 86_400_000;
    const early = await startFor({ opensAt: new Date(Date.now() + day).toISOString(), closesAt: new Date(Date.now() + 30 * day).toISOString() }, 'bando-futuro');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/^Le domande si presentano dal /);
    const late = await startFor({ opensAt: new Date(Date.now() - 30 * day).toISOString(), closesAt: new Date(Date.now() - day).toISOString() }, 'bando-chiuso');
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/^Le domande si sono chiuse il /);
    // the helper the journeys use to keep a demo call open reopens it with a new version
    await openDemoCall(t.ctx, 'comune-di-castelrocca', 'bando-chiuso');
    const serviceId = (await t.ctx.services.catalog.getBySlug('comune-di-castelrocca', 'bando-chiuso')).id;
    expect((await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }))).statusCode).toBe(201);
  });
});

describe('the protocol register', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let serviceId: string;
  const people = ['giulia-ferrari', 'marco-colombo', 'luca-moretti', 'francesca-galli', 'paolo-rinaldi', 'sara-villa', 'amina-el-idrissi', 'elena-conti'];
  const sessions: TestSession[] = [];

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-protocol` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { form: { ...TEST_FORM, attachments: [] } });
    for (const p of people) sessions.push((await citizenLogin(t.app, ORIGIN, p)).browser.session());
  }, 120_000);
  afterAll(() => t.close());

  it('numbers every submission once, without gaps, in submission order, under concurrency', async () => {
    // the demo's history has numbered its applications already: the register goes on from its counter
    const tenant = await t.ctx.services.tenants.get('comune-di-castelrocca');
    const base = (await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('protocol_registers').select('last_number')
      .where('tenant_id', '=', tenant.id).where('year', '=', new Date().getFullYear()).executeTakeFirst()))?.last_number ?? 0;
    // each person files three applications (three services would be needed for three drafts: reuse by submitting in turn)
    const ids: string[] = [];
    for (let round = 0; round < 3; round++) {
      const drafts = await Promise.all(sessions.map(async (s) => {
        const d = (await t.app.inject(as(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }))).json();
        await t.app.inject(as(s, { method: 'PATCH', url: `/api/v1/applications/${d.id}`, payload: { data: { alloggio: VALID_ANSWERS.alloggio, richiedente: { ...d.data.richiedente, email: d.data.richiedente.email ?? 'x@example.org' } } } }));
        return d.id as string;
      }));
      const acks = await Promise.all(drafts.map((id, i) => t.app.inject(as(sessions[i]!, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {} }))));
      for (const a of acks) expect(a.statusCode, a.body).toBe(201);
      ids.push(...drafts);
    }
    await t.ctx.tasks.registrar.drain();
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications').select(['id', 'submitted_at', 'protocol_number', 'protocol_year', 'status'])
      .where('id', 'in', ids).orderBy('submitted_at').orderBy('id').execute());
    expect(rows).toHaveLength(people.length * 3);
    expect(rows.every((r) => r.status === 'registered')).toBe(true);
    // in submission order, after the last number given, no gaps, no repeats
    expect(rows.map((r) => r.protocol_number)).toEqual(rows.map((_, i) => base + i + 1));
    const entries = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('protocol_entries').select(['number', 'direction', 'application_id'])
      .where('tenant_id', '=', tenant.id).where('number', '>', base).orderBy('number').execute());
    expect(entries.map((e) => e.number)).toEqual(rows.map((_, i) => base + i + 1));
    expect(entries.map((e) => e.application_id)).toEqual(rows.map((r) => r.id));
    expect(entries.every((e) => e.direction === 'incoming')).toBe(true);
  });

  it('never changes or deletes an entry; an annulment is recorded once, with its reason', async () => {
    const tenant = await t.ctx.services.tenants.get('comune-di-castelrocca');
    const year = new Date().getFullYear();
    const tryAs = (statement: string) => inScope(t.database.db, { tenantId: tenant.id }, (trx) => sql.raw(statement).execute(trx)).then(() => 'ok', (e: Error) => e.message);
    expect(await tryAs(`UPDATE protocol_entries SET number = 999 WHERE number = 1`)).toMatch(/permission denied|immutable/);
    expect(await tryAs(`UPDATE protocol_entries SET subject = 'altro' WHERE number = 1`)).toMatch(/permission denied|immutable/);
    expect(await tryAs(`DELETE FROM protocol_entries WHERE number = 1`)).toMatch(/permission denied|cannot be deleted/);
    // even the owner (bypassing grants) meets the trigger
    await expect(asOwner(t.database, `DELETE FROM protocol_entries WHERE tenant_id = '${tenant.id}' AND number = 2`)).rejects.toThrow(/cannot be deleted/);
    await expect(asOwner(t.database, `UPDATE protocol_entries SET number = 9999 WHERE tenant_id = '${tenant.id}' AND number = 2`)).rejects.toThrow(/immutable/);

    const admin = platformAdmin(tenant.id);
    const annulled = await t.ctx.services.protocol.annul(admin, tenant.id, year, 3, 'Registrazione doppia per errore materiale');
    expect(annulled.annulled_at).toBeTruthy();
    await expect(t.ctx.services.protocol.annul(admin, tenant.id, year, 3, 'di nuovo')).rejects.toThrow(/già annullato/);
    await expect(asOwner(t.database, `UPDATE protocol_entries SET annulment_reason = 'cambiato' WHERE tenant_id = '${tenant.id}' AND year = ${year} AND number = 3`)).rejects.toThrow(/immutable/);
    const entries = await t.ctx.services.protocol.entries(admin, tenant.id, year);
    expect(entries.map((e) => e.number)).toEqual(entries.map((_, i) => i + 1));
    const audit = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'protocol.annulled').execute());
    expect(audit).toEqual([{ action: 'protocol.annulled', target: `protocol:${year}/3` }]);
  });
});
