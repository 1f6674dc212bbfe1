/**
 * The thread between citizen and office on an application ("filo diretto"), through the real routes: who reads
 * and writes it, what each side sees of the other, the notices it makes, read markers, attachments, retries with
 * Idempotency-Key, bad input, and the offices' reply templates.
 */
import type { ThreadMessage } from '../src/contracts/messaging.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, PDF, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const QUESTION = 'Ci serve sapere da quando abita al nuovo indirizzo: ci può indicare la data esatta del trasloco?';
const ANSWER = 'Abito in via Roma 1 dal 3 marzo; allego il contratto di locazione.';

/** A multipart body: the text, then files. */
function messageForm(body: string | null, files: { name: string; content: Buffer; type?: string; field?: string }[] = []) {
  const boundary = '----sportello-thread-test';
  const parts: Buffer[] = [];
  if (body !== null) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${body}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the thread between citizen and office on an application', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let luca: TestSession; // another citizen
  let laura: TestSession; // operator, Castelrocca anagrafe (the application's office)
  let giorgio: TestSession; // manager, Castelrocca
  let chiara: TestSession; // operator of another body (Valdoro)
  let anna: TestSession; // manager of another body (Valdoro)
  let id: string;
  let code: string;
  let giuliaId: string;
  let lauraId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-thread` } });
    const service = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30 });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    giorgio = await operatorLogin(t.app, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    chiara = await operatorLogin(t.app, 'c.mazzoleni@valdoro.example', DEMO_PASSWORD);
    anna = await operatorLogin(t.app, 'a.cattaneo@valdoro.example', DEMO_PASSWORD);
    id = await fileTestApplication(t.app, t.ctx, giulia, service);
    code = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}` }))).json().code;
    giuliaId = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().id;
    lauraId = (await t.app.inject(as(laura, { url: '/api/v1/me' }))).json().id;
  }, 180_000);
  afterAll(() => t.close());

  const thread = async (s: TestSession) => {
    const r = await t.app.inject(as(s, { url: `/api/v1/applications/${id}/messages` }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
    return r.json().items as ThreadMessage[];
  };
  const write = (s: TestSession, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/messages`, payload: body as object, headers }));
  const markRead = (s: TestSession) => t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/messages/read`, payload: {} }));
  const platform = <T>(fn: Parameters<typeof inScope<T>>[2]) => inScope(t.database.db, { platform: true }, fn);

  let question: ThreadMessage;
  let questionReadAt: string;

  it('lets the office ask a question that the citizen reads under the office\'s name, never the operator\'s', async () => {
    const r = await write(laura, { body: `  ${QUESTION}  ` }, { 'idempotency-key': 'domanda-0001' });
    expect(r.statusCode, r.body).toBe(201);
    question = r.json();
    expect(question).toMatchObject({ author: 'office', body: QUESTION, readAt: null, attachments: [] });
    // the office sees who wrote it
    expect(question.authorLabel).toBe('Laura Brembilla');
    const seen = await thread(giulia);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: question.id, author: 'office', body: QUESTION, readAt: null });
    expect(seen[0]!.authorLabel).not.toContain('Brembilla');
    expect(seen[0]!.authorLabel).toMatch(/anagrafe|demografic/i);
  });

  it('tells the citizen by inbox and e-mail that there is a message, without its text', async () => {
    await runBackgroundWork(t.ctx);
    const notices = await platform((trx) => trx.selectFrom('notifications').selectAll()
      .where('application_id', '=', id).where('kind', '=', 'thread_message').execute());
    const inbox = notices.find((n) => n.channel === 'inbox');
    const email = notices.find((n) => n.channel === 'email');
    expect(inbox).toMatchObject({ citizen_id: giuliaId, status: 'delivered' });
    expect(email).toMatchObject({ citizen_id: giuliaId, address: 'giulia.ferrari@example.org' });
    expect(['sent', 'delivered']).toContain(email!.status);
    expect(email!.subject).toBe(`Nuovo messaggio sulla pratica ${code}`);
    expect(email!.body).toContain(`${ORIGIN}/area-personale/pratiche/`);
    for (const n of notices) {
      expect(n.body).not.toContain('trasloco');
      expect(n.subject).not.toContain('trasloco');
    }
    // the mail that left (the development mailbox keeps a copy of what the e-mail channel sent)
    const mail = await platform((trx) => trx.selectFrom('dev_mailbox').selectAll().where('notification_id', '=', email!.id).execute());
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe('giulia.ferrari@example.org');
    expect(mail[0]!.body).not.toContain('trasloco');
    // and the personal-area inbox lists the notice
    const mine = (await t.app.inject(as(giulia, { url: '/api/v1/me/notifications' }))).json();
    expect(mine.items.some((n: { subject: string; applicationId: string; readAt: string | null }) => n.applicationId === id && n.subject.includes(code) && n.readAt === null)).toBe(true);
  });

  it('shows the office when the citizen has read its message, and reads the notice in her inbox too', async () => {
    expect((await markRead(giulia)).statusCode).toBe(204);
    const office = await thread(laura);
    expect(office[0]!.readAt).not.toBeNull();
    questionReadAt = office[0]!.readAt!;
    const inbox = await platform((trx) => trx.selectFrom('notifications').select('read_at')
      .where('application_id', '=', id).where('kind', '=', 'thread_message').where('channel', '=', 'inbox').executeTakeFirstOrThrow());
    expect(inbox.read_at).not.toBeNull();
  });

  let answer: ThreadMessage;

  it('takes the citizen\'s answer with an attachment, and the office sees it with the file and gets an inbox notice', async () => {
    const contract = PDF('contratto di locazione');
    const form = messageForm(ANSWER, [{ name: 'contratto.pdf', content: contract }]);
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, payload: form.payload,
      headers: { ...form.headers, 'idempotency-key': 'risposta-0001' } }));
    expect(r.statusCode, r.body).toBe(201);
    answer = r.json();
    expect(answer).toMatchObject({ author: 'citizen', authorLabel: 'Tu', body: ANSWER, readAt: null });
    expect(answer.attachments).toEqual([{ id: expect.any(String), fileName: 'contratto.pdf', contentType: 'application/pdf', size: contract.length }]);

    const office = await thread(laura);
    const got = office.find((m) => m.id === answer.id)!;
    expect(got.authorLabel).toBe('Giulia Ferrari');
    const file = await t.app.inject(as(laura, { url: `/api/v1/applications/${id}/messages/${answer.id}/files/${got.attachments[0]!.id}` }));
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.headers['content-disposition']).toContain('contratto.pdf');
    expect(file.rawPayload.equals(contract)).toBe(true);
    // the operator's read of the file is in the citizen's access log
    const logged = await platform((trx) => trx.selectFrom('access_log').select(['operation', 'actor_label']).where('object_id', '=', id).where('operation', '=', 'attachment').execute());
    expect(logged.some((l) => l.actor_label === 'Laura Brembilla')).toBe(true);

    // nobody is responsible yet: the office's operators are told, Laura among them, without the text
    const told = await platform((trx) => trx.selectFrom('notifications').selectAll()
      .where('application_id', '=', id).where('recipient_kind', '=', 'operator').where('dedupe_key', 'like', `${id}:message:%`).execute());
    const lauras = told.find((n) => n.operator_id === lauraId);
    expect(lauras).toMatchObject({ channel: 'inbox', status: 'delivered', subject: `Nuovo messaggio dal cittadino: ${code}` });
    expect(lauras!.body).not.toContain('via Roma');
    const bell = (await t.app.inject(as(laura, { url: '/api/v1/me/notifications' }))).json();
    expect(bell.items.some((n: { subject: string; readAt: string | null }) => n.subject === `Nuovo messaggio dal cittadino: ${code}` && n.readAt === null)).toBe(true);
  });

  it('marks the citizen\'s answer read when the office opens the thread, and not before', async () => {
    expect((await thread(giulia)).find((m) => m.id === answer.id)!.readAt).toBeNull();
    expect((await markRead(laura)).statusCode).toBe(204);
    expect((await thread(giulia)).find((m) => m.id === answer.id)!.readAt).not.toBeNull();
    // the office opening the thread does not mark its own messages, and a second opening keeps the first time read
    await markRead(giulia);
    expect((await thread(laura)).find((m) => m.id === question.id)!.readAt).toBe(questionReadAt);
    const bell = (await t.app.inject(as(laura, { url: '/api/v1/me/notifications' }))).json();
    expect(bell.items.find((n: { subject: string }) => n.subject === `Nuovo messaggio dal cittadino: ${code}`).readAt).not.toBeNull();
  });

  it('keeps the thread from another citizen and from another body (404), and from a citizen the staff routes', async () => {
    for (const s of [luca, chiara, anna]) {
      expect((await t.app.inject(as(s, { url: `/api/v1/applications/${id}/messages` }))).statusCode).toBe(404);
      expect((await write(s, { body: 'Ciao' })).statusCode).toBe(404);
      expect((await markRead(s)).statusCode).toBe(404);
      expect((await t.app.inject(as(s, { url: `/api/v1/applications/${id}/messages/${answer.id}/files/${answer.attachments[0]!.id}` }))).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/v1/applications/${id}/messages` })).statusCode).toBe(401);
    // another file id of the same application is not found either
    expect((await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/messages/${answer.id}/files/${question.id}` }))).statusCode).toBe(404);
  });

  it('makes one message of a retried POST with the same Idempotency-Key, and refuses the key for another text', async () => {
    const before = (await thread(giulia)).length;
    const first = await write(giulia, { body: 'Grazie, resto in attesa.' }, { 'idempotency-key': 'grazie-00001' });
    const again = await write(giulia, { body: 'Grazie, resto in attesa.' }, { 'idempotency-key': 'grazie-00001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await thread(giulia)).toHaveLength(before + 1);
    const other = await write(giulia, { body: 'Un altro testo' }, { 'idempotency-key': 'grazie-00001' });
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toMatch(/Idempotency-Key/);
    // two tabs sending the same at once make one message too
    const [a, b] = await Promise.all([
      write(laura, { body: 'Ricevuto, grazie.' }, { 'idempotency-key': 'ricevuto-0001' }),
      write(laura, { body: 'Ricevuto, grazie.' }, { 'idempotency-key': 'ricevuto-0001' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect((await thread(laura)).filter((m) => m.body === 'Ricevuto, grazie.')).toHaveLength(1);
  });

  it('answers bad messages with 4xx and a message a person can act on', async () => {
    const empty = await write(giulia, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/vuoto/);
    const long = await write(giulia, { body: 'x'.repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].message).toMatch(/5000 caratteri/);
    const unknownField = await write(giulia, { body: 'ciao', urgent: true });
    expect(unknownField.statusCode).toBe(400);
    const longForm = messageForm('y'.repeat(5001));
    const r1 = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, ...longForm }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().detail).toMatch(/5000/);
    const exe = messageForm('Ecco il file', [{ name: 'virus.pdf', content: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' }]);
    const r2 = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, ...exe }));
    expect(r2.statusCode).toBe(415);
    expect(r2.json().detail).toMatch(/"virus\.pdf" non è un file PDF, JPG o PNG valido/);
    const six = messageForm('Sei file', Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, content: PDF(`file ${i}`) })));
    const r3 = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, ...six }));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().detail).toMatch(/al massimo 5 file/);
    const noText = messageForm(null, [{ name: 'a.pdf', content: PDF() }]);
    const r4 = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, ...noText }));
    expect(r4.statusCode).toBe(400);
    const badKey = await write(giulia, { body: 'ciao' }, { 'idempotency-key': 'x' });
    expect(badKey.statusCode).toBe(400);
    // none of them was written
    expect((await thread(giulia)).some((m) => ['Ecco il file', 'Sei file', 'ciao'].includes(m.body))).toBe(false);
  });

  it('has no thread on a draft', async () => {
    const service = await createFormService(t.ctx, 'comune-di-castelrocca');
    const draft = (await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: service } }))).json();
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${draft.id}/messages`, payload: { body: 'Ciao' } }));
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toMatch(/bozza/);
    // the office does not see drafts at all
    expect((await t.app.inject(as(laura, { url: `/api/v1/applications/${draft.id}/messages` }))).statusCode).toBe(404);
  });

  it('lets the office with the responsible officer notify only that officer', async () => {
    const service = await createFormService(t.ctx, 'comune-di-castelrocca');
    const other = await fileTestApplication(t.app, t.ctx, giulia, service);
    const current = await t.app.inject(as(giorgio, { url: `/api/v1/applications/${other}` }));
    const taken = await t.app.inject(as(giorgio, { method: 'POST', url: `/api/v1/applications/${other}/transitions/take_charge`, payload: {},
      headers: { 'if-match': `"${current.json().revision}"` } }));
    expect(taken.statusCode, taken.body).toBe(200);
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${other}/messages`, payload: { body: 'Una domanda' } }));
    expect(r.statusCode).toBe(201);
    const told = await platform((trx) => trx.selectFrom('notifications').select(['operator_id']).where('application_id', '=', other)
      .where('recipient_kind', '=', 'operator').where('dedupe_key', 'like', `${other}:message:%`).execute());
    const giorgioId = (await t.app.inject(as(giorgio, { url: '/api/v1/me' }))).json().id;
    expect(told.map((n) => n.operator_id)).toEqual([giorgioId]);
  });

  it('documents the message as JSON or as a form with files in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const post = doc.paths['/applications/{applicationId}/messages'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.files.items.format).toBe('binary');
    for (const path of ['/applications/{applicationId}/messages/read', '/applications/{applicationId}/messages/{messageId}/files/{fileId}', '/reply-templates', '/reply-templates/{templateId}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  describe('reply templates', () => {
    let templateId: string;

    it('lets a manager write them and an operator use them, with a unique title', async () => {
      const created = await t.app.inject(as(giorgio, { method: 'POST', url: '/api/v1/reply-templates',
        payload: { title: ' Richiesta documento ', body: 'Gentile {{richiedente}}, per la pratica {{codice}} ci serve…' }, headers: { 'idempotency-key': 'modello-00001' } }));
      expect(created.statusCode, created.body).toBe(201);
      templateId = created.json().id;
      expect(created.json()).toMatchObject({ title: 'Richiesta documento', body: 'Gentile {{richiedente}}, per la pratica {{codice}} ci serve…' });
      const replay = await t.app.inject(as(giorgio, { method: 'POST', url: '/api/v1/reply-templates',
        payload: { title: ' Richiesta documento ', body: 'Gentile {{richiedente}}, per la pratica {{codice}} ci serve…' }, headers: { 'idempotency-key': 'modello-00001' } }));
      expect(replay.json().id).toBe(templateId);

      const list = await t.app.inject(as(laura, { url: '/api/v1/reply-templates' }));
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((x: { id: string }) => x.id)).toContain(templateId);

      const same = await t.app.inject(as(giorgio, { method: 'POST', url: '/api/v1/reply-templates', payload: { title: 'richiesta DOCUMENTO', body: 'Altro' } }));
      expect(same.statusCode).toBe(409);
      expect(same.json().detail).toMatch(/Esiste già una risposta predefinita intitolata/);
      expect(same.json().errors[0].path).toBe('title');

      const blank = await t.app.inject(as(giorgio, { method: 'POST', url: '/api/v1/reply-templates', payload: { title: '  ', body: 'x'.repeat(5001) } }));
      expect(blank.statusCode).toBe(400);
    });

    it('lets the manager edit and delete them, and nobody else', async () => {
      const edited = await t.app.inject(as(giorgio, { method: 'PUT', url: `/api/v1/reply-templates/${templateId}`, payload: { title: 'Richiesta di un documento', body: 'Testo nuovo per {{codice}}' } }));
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ id: templateId, title: 'Richiesta di un documento', body: 'Testo nuovo per {{codice}}' });

      // an operator reads but does not write
      expect((await t.app.inject(as(laura, { method: 'POST', url: '/api/v1/reply-templates', payload: { title: 'Mia', body: 'Mio testo' } }))).statusCode).toBe(403);
      expect((await t.app.inject(as(laura, { method: 'PUT', url: `/api/v1/reply-templates/${templateId}`, payload: { title: 'Mia', body: 'Mio testo' } }))).statusCode).toBe(403);
      expect((await t.app.inject(as(laura, { method: 'DELETE', url: `/api/v1/reply-templates/${templateId}` }))).statusCode).toBe(403);
      // a citizen has none
      expect((await t.app.inject(as(giulia, { url: '/api/v1/reply-templates' }))).statusCode).toBe(403);
      // another body's manager does not see it and cannot touch it
      const theirs = await t.app.inject(as(anna, { url: '/api/v1/reply-templates' }));
      expect(theirs.json().items.map((x: { id: string }) => x.id)).not.toContain(templateId);
      expect((await t.app.inject(as(anna, { method: 'PUT', url: `/api/v1/reply-templates/${templateId}`, payload: { title: 'Presa', body: 'Presa' } }))).statusCode).toBe(404);
      expect((await t.app.inject(as(anna, { method: 'DELETE', url: `/api/v1/reply-templates/${templateId}` }))).statusCode).toBe(404);

      expect((await t.app.inject(as(giorgio, { method: 'DELETE', url: `/api/v1/reply-templates/${templateId}` }))).statusCode).toBe(204);
      expect((await t.app.inject(as(giorgio, { method: 'DELETE', url: `/api/v1/reply-templates/${templateId}` }))).statusCode).toBe(404);
      const list = await t.app.inject(as(laura, { url: '/api/v1/reply-templates' }));
      expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(templateId);
    });
  });
});
