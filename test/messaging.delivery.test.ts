/**
 * Delivery of citizens' messages through the whole app to local peers (a real SMTP server, the IO and SMS
 * stand-ins): at least once and in effect once per (event, recipient, channel), through crashes, retries and an
 * SMTP outage; final failures marked with their reason; the citizen's channel choices; and nothing personal in
 * what leaves the platform.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import type { ChannelRegistry } from '../src/server/modules/messaging/delivery.ts';
import { NotificationDelivery } from '../src/server/modules/messaging/delivery.ts';
import type { MessagingEvent } from '../src/server/modules/messaging/messaging.service.ts';
import { JOB_SCHEMA, jobExecutor, type Jobs } from '../src/server/platform/jobs.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { asOwner } from './support/db.ts';
import { createFormService, fileTestApplication } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { IoStandIn, SmsStandIn, SmtpStandIn } from './support/standins.ts';

const ORIGIN = 'http://localhost:3000';
const GIULIA = findTestIdentity('giulia-ferrari')!;

describe('delivery of citizens\' messages: at least once, in effect once', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let mail: SmtpStandIn;
  let pec: SmtpStandIn;
  let sms: SmsStandIn;
  let io: IoStandIn;
  let giulia: TestSession;
  let admin: TestSession; // the body's administrator, who resends
  let citizenId: string;
  let tenantId: string;
  let applicationId: string;
  let code: string;

  beforeAll(async () => {
    [mail, pec, sms, io] = await Promise.all([SmtpStandIn.start(), SmtpStandIn.start(), SmsStandIn.start(), IoStandIn.start()]);
    t = await testApp({
      demo: true,
      env: {
        SMTP_URL: mail.url, MAIL_FROM: 'Sportello <noreply@sportello.example>',
        PEC_SMTP_URL: pec.url, PEC_FROM: 'protocollo@pec.castelrocca.example',
        SMS_URL: sms.url, SMS_TOKEN: sms.token, SMS_SENDER: 'Castelrocca',
        IO_API_URL: io.url, IO_API_KEY: io.apiKey,
      },
    });
    // the tests run the senders themselves, so that a crash can be staged between taking a job and finishing it
    await t.ctx.tasks.notifications.stop();
    await t.ctx.tasks.messagingEvents.stop();
    const serviceId = await createFormService(t.ctx, 'comune-di-castelrocca');
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    admin = await operatorLogin(t.app, 'admin@castelrocca.example', DEMO_PASSWORD);
    applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    const detail = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }))).json();
    code = detail.code;
    tenantId = detail.tenant.id;
    const citizen = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('citizens').select(['id', 'email', 'phone'])
      .where('fiscal_code', '=', GIULIA.fiscalCode).executeTakeFirstOrThrow());
    expect(citizen).toMatchObject({ email: GIULIA.email, phone: GIULIA.phone });
    citizenId = citizen.id;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await Promise.all([mail, pec, sms, io].map((peer) => peer?.stop()));
  });

  // each test starts from the citizen's defaults: no choices, e-mail and phone from the identity provider, no PEC
  beforeEach(() => setCitizen({ message_preferences: {}, email: GIULIA.email, phone: GIULIA.phone, pec: null }));
  // whatever a test left waiting for a retry is delivered before the next one starts
  afterEach(async () => {
    await retryNow();
    await deliver();
  });

  // ----- helpers ---------------------------------------------------------------------------------------------------

  const db = () => t.database.db;
  const deliver = () => t.ctx.tasks.notifications.drain();
  const notifications = (keyPrefix: string) => inScope(db(), { platform: true }, (trx) => trx.selectFrom('notifications')
    .select(['id', 'channel', 'status', 'status_reason', 'attempts', 'resent', 'kind', 'legal', 'address', 'fiscal_code', 'provider_message_id', 'subject', 'body'])
    .where('dedupe_key', 'like', `${keyPrefix}:%`).orderBy('channel').execute());
  const one = async (keyPrefix: string, channel: string) => {
    const row = (await notifications(keyPrefix)).find((n) => n.channel === channel);
    if (!row) throw new Error(`no ${channel} notification for ${keyPrefix}`);
    return row;
  };
  const dispatch = (event: MessagingEvent['event'], key: string) => db().transaction()
    .execute((trx) => t.ctx.services.messaging.dispatch(trx, { applicationId, tenantId, event, key }));
  const setCitizen = (values: { message_preferences: object; email?: string | null; phone?: string | null; pec?: string | null }) => inScope(db(), { platform: true }, (trx) =>
    trx.updateTable('citizens').set({ ...values, message_preferences: JSON.stringify(values.message_preferences) })
      .where('id', '=', citizenId).execute());
  /** Nothing of who the citizen is, beyond the address the message goes to. */
  const expectMinimised = (...texts: string[]) => {
    for (const text of texts) {
      expect(text).not.toContain(GIULIA.fiscalCode);
      expect(text).not.toMatch(/Giulia|Ferrari/i);
    }
  };
  /** An administrator's "retry now": the waiting retries are due at once. */
  const retryNow = () => t.ctx.services.jobs.retryNow('notification.deliver');
  /** A queue client whose worker runs the real first stage of a delivery and then dies (no record, no completion). */
  const dyingWorker = async () => {
    const { default: PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ db: jobExecutor(db()), schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false } as never);
    const [taken] = ((await boss.fetch('notification.deliver', { batchSize: 1, includeMetadata: true })) ?? []) as { id: string; data: { notificationId: string }; retryCount: number; retryLimit: number }[];
    if (!taken) throw new Error('no delivery job to take');
    const jobs = {
      runStaged: async (_queue: string, stages: { outside: (data: unknown, job: object) => Promise<unknown> }) => {
        await stages.outside(taken.data, { id: taken.id, retryCount: taken.retryCount, retryLimit: taken.retryLimit });
        return true; // … and the process is gone before it records anything
      },
    } as unknown as Jobs;
    return { taken, delivery: new NotificationDelivery(db(), jobs, t.ctx.services.channels) };
  };
  /** The dead worker's job runs out its time and goes back to the queue, due at once. */
  const expireAndRetry = async (jobId: string) => {
    await asOwner(t.database, `UPDATE ${JOB_SCHEMA}.job SET started_on = now() - interval '2 hours' WHERE id = '${jobId}'`);
    await t.ctx.services.jobs.expireStale();
    await asOwner(t.database, `UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE id = '${jobId}'`);
  };
  /** An administrator's resend, as the delivery status page does it. */
  const resend = async (notificationId: string) => {
    const r = await t.app.inject(as(admin, { method: 'POST', url: `/api/v1/admin/notifications/${notificationId}/resend` }));
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { status: string; resent: number };
  };
  /** The real queue, with the record stage failing after the send (the database went away, say). */
  const failingRecord = () => new NotificationDelivery(db(), {
    runStaged: (queue: 'notification.deliver', stages: Parameters<Jobs['runStaged']>[1]) => t.ctx.services.jobs.runStaged(queue, {
      outside: stages.outside, inside: async () => { throw new Error('connection to the database lost'); },
    }),
  } as unknown as Jobs, t.ctx.services.channels);

  // ----- the receipt -----------------------------------------------------------------------------------------------

  it('sends the receipt of a filed application by e-mail once, with nothing personal in it, and keeps it in the inbox', async () => {
    const rows = await notifications(`${applicationId}:registered`);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'inbox']);
    const email = rows.find((r) => r.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', kind: 'receipt', legal: true, attempts: 1, address: GIULIA.email, status_reason: null });
    expect(email.provider_message_id).toBe(`<${email.id}@localhost>`);
    const received = mail.withId(email.id);
    expect(received).toHaveLength(1);
    const [receipt] = received;
    expect(receipt!.envelope.to).toEqual([GIULIA.email]);
    expect(receipt!.subject).toContain(code);
    expect(receipt!.text).toContain(code);
    expect(receipt!.text).toContain(`/area-personale/pratiche/${code}`);
    expectMinimised(receipt!.subject, receipt!.text);
    // the only mail about this application so far, even when the background work runs again
    await deliver();
    expect(mail.to(GIULIA.email).filter((m) => m.subject.includes(code))).toHaveLength(1);
    // by default nothing goes to SMS or IO
    expect(sms.sent.filter((s) => s.text.includes(code))).toEqual([]);
    expect(io.messages).toEqual([]);
    // and the personal area has it
    const inbox = await t.app.inject(as(giulia, { url: '/api/v1/me/notifications' }));
    expect(inbox.headers['cache-control']).toMatch(/no-store/);
    const mine = inbox.json().items.filter((n: { applicationId: string }) => n.applicationId === applicationId);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain(code);
  });

  // ----- idempotency -----------------------------------------------------------------------------------------------

  it('makes one notification per channel and one e-mail of an event dispatched twice', async () => {
    const key = `${applicationId}:twice`;
    await dispatch('taken_in_charge', key);
    await dispatch('taken_in_charge', key);
    await deliver();
    const rows = await notifications(key);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'inbox']);
    const email = rows.find((r) => r.channel === 'email')!;
    expect(email.status).toBe('sent');
    expect(mail.withId(email.id)).toHaveLength(1);
    // the same event once more after it was sent: still nothing new
    await dispatch('taken_in_charge', key);
    await deliver();
    expect(await notifications(key)).toHaveLength(2);
    expect(mail.withId(email.id)).toHaveLength(1);
  });

  it('sends an e-mail again with the same Message-ID when the worker died after sending: in effect once', async () => {
    const key = `${applicationId}:crash-mail`;
    await dispatch('taken_in_charge', key);
    const email = await one(key, 'email');
    const { taken, delivery } = await dyingWorker();
    expect(taken.data.notificationId).toBe(email.id);
    await delivery.runOne();
    expect(mail.withId(email.id)).toHaveLength(1);
    expect(await one(key, 'email')).toMatchObject({ status: 'queued', attempts: 1 });
    // the other workers leave the dead worker's job alone until it expires …
    await deliver();
    expect(mail.withId(email.id)).toHaveLength(1);
    // … then it is retried: the message goes out again under the same key
    await expireAndRetry(taken.id);
    await deliver();
    expect(await one(key, 'email')).toMatchObject({ status: 'sent', attempts: 2, status_reason: null });
    const copies = mail.withId(email.id);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId))).toEqual(new Set([`<${email.id}@localhost>`]));
    await deliver();
    expect(mail.withId(email.id)).toHaveLength(2);
  });

  it('posts an SMS again under the same idempotency key when recording failed after sending: one SMS reaches the phone', async () => {
    await setCitizen({ message_preferences: { thread_message: ['sms'] } });
    const key = `${applicationId}:crash-sms`;
    await dispatch('message_from_office', key);
    const row = await one(key, 'sms');
    expect(await failingRecord().runOne()).toBe(true);
    const posts = () => sms.received('POST').filter((r) => r.headers['idempotency-key'] === row.id);
    expect(posts()).toHaveLength(1);
    expect(await one(key, 'sms')).toMatchObject({ status: 'queued', attempts: 1 });
    // the job waits for its retry; bring it forward
    expect(await retryNow()).toBeGreaterThanOrEqual(1);
    await deliver();
    const sent = await one(key, 'sms');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(posts()).toHaveLength(2);
    expect(posts().map((p) => (p.body as { reference: string }).reference)).toEqual([row.id, row.id]);
    const delivered = sms.sent.filter((s) => s.reference === row.id);
    expect(delivered).toHaveLength(1);
    expect(sent.provider_message_id).toBe(delivered[0]!.id);
  });

  // ----- an outage -------------------------------------------------------------------------------------------------

  it('keeps mail queued while the SMTP server is down and delivers it, once, when it is back', async () => {
    const port = mail.port;
    await mail.stop();
    try {
      const key = `${applicationId}:outage`;
      await dispatch('taken_in_charge', key);
      await deliver();
      const waiting = await one(key, 'email');
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting.status_reason).toMatch(/server di posta non è raggiungibile.*ECONNREFUSED.*nuovo tentativo/);
      const troubled = await t.ctx.services.jobs.troubled();
      expect(troubled.some((j) => j.queue === 'notification.deliver' && j.state === 'retry')).toBe(true);
      // nothing hammers the peer while the job waits for its backoff
      await deliver();
      expect((await one(key, 'email')).attempts).toBe(1);
      // the server comes back on the same address; an administrator brings the retries forward
      await mail.restart();
      expect(mail.port).toBe(port);
      expect(await retryNow()).toBeGreaterThanOrEqual(1);
      await deliver();
      expect(await one(key, 'email')).toMatchObject({ status: 'sent', attempts: 2, status_reason: null });
      expect(mail.withId(waiting.id)).toHaveLength(1);
    } finally {
      await mail.restart();
    }
  });

  // ----- final failures --------------------------------------------------------------------------------------------

  it('marks an IO message failed at once, without posting it, when the citizen has no IO profile; sends it when they have one', async () => {
    await setCitizen({ message_preferences: { thread_message: ['io'] } });
    const none = `${applicationId}:io-none`;
    await dispatch('message_from_office', none);
    await deliver();
    const failed = await one(none, 'io');
    expect(failed).toMatchObject({ status: 'failed', status_reason: 'il cittadino non usa l\'app IO', attempts: 1, address: null });
    expect(io.received('GET', '/profiles/').map((r) => r.path)).toEqual([`/profiles/${GIULIA.fiscalCode}`]);
    expect(io.received('POST')).toEqual([]);

    io.profile(GIULIA.fiscalCode);
    const allowed = `${applicationId}:io-ok`;
    await dispatch('message_from_office', allowed);
    await deliver();
    const sent = await one(allowed, 'io');
    expect(sent.status).toBe('sent');
    const [message] = io.messages;
    expect(sent.provider_message_id).toBe(message!.id);
    // the fiscal code is the addressee and nothing else
    expect(message!.fiscalCode).toBe(GIULIA.fiscalCode);
    expect(message!.subject).toContain(code);
    expect(message!.markdown.length).toBeGreaterThanOrEqual(80);
    expectMinimised(message!.subject, message!.markdown);

    io.profile(GIULIA.fiscalCode, false);
    const off = `${applicationId}:io-off`;
    await dispatch('message_from_office', off);
    await deliver();
    expect(await one(off, 'io')).toMatchObject({ status: 'failed', status_reason: 'il cittadino ha disattivato i messaggi di questo ente in IO' });
    expect(io.messages).toHaveLength(1);
  });

  it('marks an SMS to a landline failed, without calling the provider', async () => {
    await setCitizen({ message_preferences: { thread_message: ['sms'] }, phone: '035 4567890' });
    const key = `${applicationId}:landline`;
    await dispatch('message_from_office', key);
    await deliver();
    const row = await one(key, 'sms');
    expect(row.status).toBe('failed');
    expect(row.status_reason).toMatch(/fisso/);
    expect(sms.received('POST').filter((r) => r.headers['idempotency-key'] === row.id)).toEqual([]);
  });

  it('marks a message failed with the reason when the last retry fails too', async () => {
    let calls = 0;
    const timingOut: ChannelRegistry = {
      email: { channel: 'email', name: 'smtp', send: async () => { calls++; throw new Error('il server di posta non ha risposto in tempo (Greeting never received)'); } },
    };
    /** the real queue, telling the delivery which retry this is */
    const retry = (last: boolean) => new NotificationDelivery(db(), {
      runStaged: (queue: 'notification.deliver', stages: Parameters<Jobs['runStaged']>[1]) => t.ctx.services.jobs.runStaged(queue, {
        outside: (data, job) => stages.outside(data, { ...job, retryCount: last ? job.retryLimit : 0 }), inside: stages.inside,
      }),
    } as unknown as Jobs, () => timingOut);
    const key = `${applicationId}:exhausted`;
    await dispatch('taken_in_charge', key);
    await retry(false).runOne();
    const waiting = await one(key, 'email');
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.status_reason).toMatch(/non ha risposto in tempo.*nuovo tentativo in corso/);
    expect(await retryNow()).toBeGreaterThanOrEqual(1);
    expect(await retry(true).runOne()).toBe(true);
    const failed = await one(key, 'email');
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.status_reason).toMatch(/^non consegnato dopo tutti i tentativi: il server di posta non ha risposto in tempo/);
    expect(calls).toBe(2);
    // a failed row is not sent again by a stray repeat of its job
    await deliver();
    expect(mail.withId(failed.id)).toEqual([]);
  });

  // ----- the citizen's choices -------------------------------------------------------------------------------------

  it('sends a thread message by SMS only when the citizen chose SMS, and on no channel but the inbox when they chose none', async () => {
    const byDefault = `${applicationId}:prefs-default`;
    await dispatch('message_from_office', byDefault);
    await deliver();
    expect((await notifications(byDefault)).map((r) => r.channel)).toEqual(['email', 'inbox']);

    await setCitizen({ message_preferences: { thread_message: ['sms'] } });
    const bySms = `${applicationId}:prefs-sms`;
    await dispatch('message_from_office', bySms);
    await deliver();
    const rows = await notifications(bySms);
    expect(rows.map((r) => r.channel)).toEqual(['inbox', 'sms']);
    const row = rows.find((r) => r.channel === 'sms')!;
    expect(row.status).toBe('sent');
    const [text] = sms.sent.filter((s) => s.reference === row.id);
    expect(text).toMatchObject({ to: GIULIA.phone, from: 'Castelrocca' });
    expect(text!.text).toContain(code);
    expectMinimised(text!.text);
    expect(mail.withId(row.id)).toEqual([]);

    await setCitizen({ message_preferences: { thread_message: [] } });
    const inboxOnly = `${applicationId}:prefs-none`;
    await dispatch('message_from_office', inboxOnly);
    await deliver();
    expect((await notifications(inboxOnly)).map((r) => r.channel)).toEqual(['inbox']);
  });

  it('sends messages due by law by e-mail even when the citizen turned them off, and to the PEC domicile when there is one', async () => {
    await setCitizen({ message_preferences: { taken_in_charge: [] } });
    const byMail = `${applicationId}:legal-mail`;
    await dispatch('taken_in_charge', byMail);
    await deliver();
    const rows = await notifications(byMail);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'inbox']);
    const email = rows.find((r) => r.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', legal: true, kind: 'taken_in_charge' });
    expect(mail.withId(email.id)).toHaveLength(1);

    await setCitizen({ message_preferences: { taken_in_charge: [] }, pec: 'giulia.ferrari@pec.example.it' });
    const byPec = `${applicationId}:legal-pec`;
    await dispatch('taken_in_charge', byPec);
    await deliver();
    const pecRows = await notifications(byPec);
    expect(pecRows.map((r) => r.channel)).toEqual(['inbox', 'pec']);
    const certified = pecRows.find((r) => r.channel === 'pec')!;
    expect(certified.status).toBe('sent');
    const [received] = pec.withId(certified.id);
    expect(received!.envelope).toEqual({ from: 'protocollo@pec.castelrocca.example', to: ['giulia.ferrari@pec.example.it'] });
    expect(received!.subject).toContain(code);
    expectMinimised(received!.subject, received!.text);
    expect(mail.withId(certified.id)).toEqual([]);
  });

  // ----- addresses in failure reasons ------------------------------------------------------------------------------

  it('marks a message the mail server refuses failed with its answer, without giving the address back', async () => {
    const refused = 'casella.inesistente@example.org';
    // as Postfix does, the refusal quotes the address
    mail.refuse(refused, 550, `5.1.1 <${refused}>: Recipient address rejected: User unknown in virtual mailbox table`);
    await setCitizen({ message_preferences: {}, email: refused });
    const key = `${applicationId}:refused`;
    await dispatch('taken_in_charge', key);
    await deliver();
    const row = await one(key, 'email');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, address: refused });
    expect(row.status_reason).toMatch(/SMTP 550.*Recipient address rejected/);
    expect(row.status_reason).toContain('c***@example.org');
    expect(row.status_reason).not.toContain('casella.inesistente');
    expect(mail.withId(row.id)).toEqual([]);
    // what the administrator reads: neither the recipient nor the reason gives the address away
    const listed = (await t.app.inject(as(admin, { url: `/api/v1/admin/notifications?q=${code}&status=failed&channel=email&limit=100` }))).json()
      .items.find((i: { id: string }) => i.id === row.id);
    expect(listed).toMatchObject({ recipient: 'c***@example.org', statusReason: row.status_reason });
  });

  // ----- resending -------------------------------------------------------------------------------------------------

  it('resends an e-mail as a new message: a new Message-ID for each resend, to the same address', async () => {
    const key = `${applicationId}:resend-mail`;
    await dispatch('taken_in_charge', key);
    await deliver();
    const email = await one(key, 'email');
    expect(email.status).toBe('sent');

    expect(await resend(email.id)).toMatchObject({ status: 'queued', resent: 1 });
    await deliver();
    expect(await one(key, 'email')).toMatchObject({ status: 'sent', resent: 1, provider_message_id: `<${email.id}.r1@localhost>` });
    expect(await resend(email.id)).toMatchObject({ resent: 2 });
    await deliver();
    const copies = mail.withId(email.id);
    // a mail system that drops repeated Message-IDs would have dropped the resends otherwise
    expect(copies.map((c) => c.messageId)).toEqual([`<${email.id}@localhost>`, `<${email.id}.r1@localhost>`, `<${email.id}.r2@localhost>`]);
    expect(copies.every((c) => c.envelope.to.join() === GIULIA.email.toLowerCase())).toBe(true);
    expect(new Set(copies.map((c) => c.subject)).size).toBe(1);
  });

  it('resends an SMS under a new idempotency key, which the provider sends; the retries of that resend share it', async () => {
    await setCitizen({ message_preferences: { thread_message: ['sms'] } });
    const key = `${applicationId}:resend-sms`;
    await dispatch('message_from_office', key);
    await deliver();
    const row = await one(key, 'sms');
    expect(row.status).toBe('sent');
    const delivered = () => sms.sent.filter((s) => s.reference.startsWith(row.id));
    expect(delivered()).toHaveLength(1);

    await resend(row.id);
    // the resend is sent, and its recording fails: the retry goes out under the resend's key
    expect(await failingRecord().runOne()).toBe(true);
    expect(await retryNow()).toBeGreaterThanOrEqual(1);
    await deliver();
    const posts = sms.received('POST').filter((r) => String(r.headers['idempotency-key']).startsWith(row.id));
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual([row.id, `${row.id}.r1`, `${row.id}.r1`]);
    // the phone got the message twice: once sent, once resent (not three times, not once)
    expect(delivered().map((s) => s.reference)).toEqual([row.id, `${row.id}.r1`]);
    expect(delivered().every((s) => s.to === GIULIA.phone)).toBe(true);
    expect(await one(key, 'sms')).toMatchObject({ status: 'sent', resent: 1, provider_message_id: delivered()[1]!.id });
  });

  it('resends a message that found no e-mail to the address the citizen added since', async () => {
    await setCitizen({ message_preferences: {}, email: null });
    const key = `${applicationId}:no-mail`;
    await dispatch('message_from_office', key);
    const row = await one(key, 'email');
    expect(row).toMatchObject({ status: 'failed', status_reason: 'nessun indirizzo e-mail nel profilo', address: null, attempts: 0 });

    // the citizen adds an address in their preferences, then the administrator resends
    const prefs = (await t.app.inject(as(giulia, { url: '/api/v1/me/preferences' }))).json();
    expect(prefs.contacts.email).toBeNull();
    const saved = await t.app.inject(as(giulia, {
      method: 'PUT', url: '/api/v1/me/preferences',
      payload: { language: prefs.language, contacts: { ...prefs.contacts, email: 'giulia.nuova@example.org' }, channels: prefs.channels },
    }));
    expect(saved.statusCode, saved.body).toBe(200);
    await resend(row.id);
    await deliver();
    expect(await one(key, 'email')).toMatchObject({ status: 'sent', status_reason: null, address: 'giulia.nuova@example.org', attempts: 1 });
    const received = mail.withId(row.id);
    expect(received).toHaveLength(1);
    expect(received[0]!.envelope.to).toEqual(['giulia.nuova@example.org']);
    expect(received[0]!.subject).toContain(code);
  });

  // ----- IO, which takes no idempotency key ------------------------------------------------------------------------

  it('does not post an IO message again when the worker died while sending it: the row fails as uncertain, and a resend sends it', async () => {
    io.profile(GIULIA.fiscalCode);
    await setCitizen({ message_preferences: { thread_message: ['io'] } });
    const key = `${applicationId}:io-crash`;
    await dispatch('message_from_office', key);
    const row = await one(key, 'io');
    const posts = () => io.received('POST', '/messages').length;
    const before = posts();

    const { taken, delivery } = await dyingWorker();
    expect(taken.data.notificationId).toBe(row.id);
    await delivery.runOne();
    expect(posts()).toBe(before + 1);
    // the row says a sending began, and nothing recorded how it went
    expect(await one(key, 'io')).toMatchObject({ status: 'queued', attempts: 1, status_reason: 'invio in corso' });

    await expireAndRetry(taken.id);
    await deliver();
    const failed = await one(key, 'io');
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.status_reason).toContain('potrebbe essere arrivato');
    expect(posts()).toBe(before + 1);
    await deliver();
    expect(posts()).toBe(before + 1);

    // the administrator checked that it did not arrive, and resends: it goes, once
    await resend(row.id);
    await deliver();
    expect(await one(key, 'io')).toMatchObject({ status: 'sent', status_reason: null, resent: 1 });
    expect(posts()).toBe(before + 2);
  });
});
