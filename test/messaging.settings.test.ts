/**
 * The settings around citizens' messages: a citizen's contacts and channels, a body's own wording of its messages
 * (and that later messages use it), the delivery status an administrator sees with resend, and the development
 * mailbox. Applications are filed through the real routes; the mailbox channel stands in for e-mail, PEC, SMS
 * and IO (test mode, no SMTP_URL).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_KIND_IDS } from '../src/contracts/messaging.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { DEFAULT_TEXTS } from '../src/server/modules/messaging/templates.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { asOwner } from './support/db.ts';
import { createFormService, fileTestApplication, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const PREFS = '/api/v1/me/preferences';
const TEMPLATES = '/api/v1/admin/message-templates';
const DELIVERIES = '/api/v1/admin/notifications';

interface Prefs {
  language: string;
  contacts: { email: string | null; phone: string | null; pec: string | null };
  channels: Record<string, string[]>;
  available: string[];
  legal: string[];
}
interface Delivery {
  id: string; channel: string; kind: string | null; recipient: string | null; applicationId: string | null; applicationCode: string | null;
  subject: string; status: string; statusReason: string | null; attempts: number; resent: number;
}

describe('message settings: preferences, templates, delivery status, dev mailbox', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession;
  let luca: TestSession;
  let laura: TestSession; // operator, Castelrocca
  let giorgio: TestSession; // manager, Castelrocca
  let admin: TestSession; // tenant administrator, Castelrocca
  let valdoroAdmin: TestSession;
  let serviceId: string;

  const inject = (s: TestSession | null, opts: Parameters<typeof as>[1]) => t.app.inject(s ? as(s, opts) : opts);
  const me = async (s: TestSession) => (await inject(s, { url: '/api/v1/me' })).json() as { id: string; fiscalCode: string };
  /** The notifications of an application, straight from the table. */
  const notificationsOf = (applicationId: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications')
    .select(['id', 'kind', 'channel', 'subject', 'body', 'status', 'status_reason', 'address']).where('application_id', '=', applicationId).execute());
  const deliveryJobs = async (notificationId: string) => {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.deliver' AND data->>'notificationId' = ${notificationId}`.execute(t.database.db);
    return r.rows[0]!.n;
  };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-messaging-settings` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30 });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    giorgio = await operatorLogin(t.app, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    admin = await operatorLogin(t.app, 'admin@castelrocca.example', DEMO_PASSWORD);
    valdoroAdmin = await operatorLogin(t.app, 'admin@valdoro.example', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => t?.close());

  // ---- preferences ----------------------------------------------------------------------------------------------

  describe('preferences', () => {
    it('shows the contacts from the login, e-mail for every kind by default, what is available and what comes by law', async () => {
      const r = await inject(giulia, { url: PREFS });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['cache-control']).toBe('private, no-store');
      const prefs = r.json() as Prefs;
      expect(prefs.contacts.email).toMatch(/@/);
      expect(prefs.language).toBe('it');
      expect(Object.keys(prefs.channels).sort()).toEqual([...MESSAGE_KIND_IDS].sort());
      for (const kind of MESSAGE_KIND_IDS) expect(prefs.channels[kind]).toEqual(['email']);
      expect(prefs.available).toEqual(['inbox', 'email', 'pec', 'sms', 'io']);
      expect(prefs.legal.sort()).toEqual(['integration_request', 'outcome', 'receipt', 'taken_in_charge']);
    });

    it('saves contacts, language and channels, normalising the mobile number, and gives them back', async () => {
      const current = (await inject(giulia, { url: PREFS })).json() as Prefs;
      const saved = await inject(giulia, {
        method: 'PUT', url: PREFS,
        payload: {
          language: 'en',
          contacts: { email: ' Giulia.Ferrari@Example.org ', phone: '347 123 4567', pec: 'giulia.ferrari@pec.example.it' },
          channels: { ...current.channels, thread_message: ['email', 'sms'], appointment_reminder: ['sms', 'inbox'], payment_notice: [] },
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const again = (await inject(giulia, { url: PREFS })).json() as Prefs;
      expect(again).toEqual(saved.json());
      expect(again.language).toBe('en');
      expect(again.contacts).toEqual({ email: 'giulia.ferrari@example.org', phone: '+393471234567', pec: 'giulia.ferrari@pec.example.it' });
      expect(again.channels.thread_message).toEqual(['email', 'sms']);
      // the personal area is implicit: never listed, always on
      expect(again.channels.appointment_reminder).toEqual(['sms']);
      expect(again.channels.payment_notice).toEqual([]);
    });

    it('refuses bad input with an error on each field, and saves nothing', async () => {
      const before = (await inject(giulia, { url: PREFS })).json() as Prefs;
      const bad = await inject(giulia, {
        method: 'PUT', url: PREFS,
        payload: { language: 'it', contacts: { email: 'non-una-mail', phone: null, pec: 'pec@' }, channels: { thread_message: ['sms'], receipt: ['email'] } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const errors = bad.json().errors as { path: string; message: string }[];
      const paths = errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['body.contacts.email', 'body.contacts.pec', 'body.channels.thread_message', 'body.contacts.phone']));
      expect(errors.find((e) => e.path === 'body.channels.thread_message')!.message).toContain('cellulare');
      // the e-mail chosen for the receipt is refused because the address is wrong, not because it is missing
      expect(paths).not.toContain('body.channels.receipt');

      const landline = await inject(giulia, { method: 'PUT', url: PREFS, payload: { language: 'it', contacts: { email: null, phone: '035 123456', pec: null }, channels: {} } });
      expect(landline.statusCode).toBe(400);
      expect(landline.json().errors).toEqual([expect.objectContaining({ path: 'body.contacts.phone' })]);

      const unknownKind = await inject(giulia, { method: 'PUT', url: PREFS, payload: { language: 'it', contacts: before.contacts, channels: { newsletter: ['email'] } } });
      expect(unknownKind.statusCode).toBe(400);
      expect(unknownKind.json().errors.map((e: { path: string }) => e.path)).toContain('body.channels.newsletter');

      const unknownChannel = await inject(giulia, { method: 'PUT', url: PREFS, payload: { language: 'it', contacts: before.contacts, channels: { receipt: ['fax'] } } });
      expect(unknownChannel.statusCode).toBe(400);
      expect(unknownChannel.json().errors[0].path).toBe('body.channels.receipt.0');

      expect((await inject(giulia, { url: PREFS })).json()).toEqual(before);
    });

    it('is per session: nobody without login, no operator, and each citizen sees only their own', async () => {
      expect((await inject(null, { url: PREFS })).statusCode).toBe(401);
      expect((await inject(laura, { url: PREFS })).statusCode).toBe(403);
      expect((await inject(admin, { method: 'PUT', url: PREFS, payload: { language: 'it', contacts: { email: null, phone: null, pec: null }, channels: {} } })).statusCode).toBe(403);
      const marcos = (await inject(marco, { url: PREFS })).json() as Prefs;
      expect(marcos.contacts.phone).not.toBe('+393471234567');
      expect(marcos.contacts.email).not.toBe('giulia.ferrari@example.org');
      expect(marcos.language).toBe('it');
    });

    it('legal messages reach the digital domicile even when the citizen opted out of their channels', async () => {
      const current = (await inject(giulia, { url: PREFS })).json() as Prefs;
      const saved = await inject(giulia, { method: 'PUT', url: PREFS, payload: { language: 'it', contacts: current.contacts, channels: { ...current.channels, receipt: [] } } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().channels.receipt).toEqual([]);
      expect(saved.json().legal).toContain('receipt');
      const id = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
      const receipt = (await notificationsOf(id)).filter((n) => n.kind === 'receipt');
      expect(receipt.map((n) => n.channel).sort()).toEqual(['inbox', 'pec']);
      expect(receipt.find((n) => n.channel === 'pec')!.address).toBe('giulia.ferrari@pec.example.it');
    });

    it('refuses a channel this deployment cannot send on, and has no dev mailbox without the flag', async () => {
      const other = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-messaging-nosms` }, env: { SPORTELLO_DEV_MAILBOX: 'false', SMTP_URL: 'smtp://127.0.0.1:9' } });
      try {
        const citizen = (await citizenLogin(other.app, ORIGIN, 'giulia-ferrari')).browser.session();
        const prefs = (await other.app.inject(as(citizen, { url: PREFS }))).json() as Prefs;
        expect(prefs.available).toEqual(['inbox', 'email']);
        const r = await other.app.inject(as(citizen, {
          method: 'PUT', url: PREFS, payload: { language: 'it', contacts: { ...prefs.contacts, phone: '+39 347 765 4321' }, channels: { thread_message: ['email', 'sms'] } },
        }));
        expect(r.statusCode).toBe(400);
        expect(r.json().errors).toEqual([expect.objectContaining({ path: 'body.channels.thread_message', message: expect.stringContaining('SMS non sono attivi') })]);
        expect((await other.app.inject({ url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
      } finally {
        await other.close();
      }
    }, 180_000);
  });

  // ---- templates --------------------------------------------------------------------------------------------------

  describe('templates', () => {
    it("lists the product's text for every kind, channel and language, with each kind's placeholders", async () => {
      const r = await inject(admin, { url: TEMPLATES });
      expect(r.statusCode, r.body).toBe(200);
      const { items, placeholders } = r.json() as { items: { kind: string; channel: string; language: string; subject?: string; body: string; isDefault: boolean }[]; placeholders: Record<string, string[]> };
      expect(items).toHaveLength(8 * 5 * 2);
      expect(items.every((i) => i.isDefault)).toBe(true);
      const receipt = items.find((i) => i.kind === 'receipt' && i.channel === 'email' && i.language === 'it')!;
      expect(receipt.subject).toBe(DEFAULT_TEXTS.receipt.it.subject);
      expect(items.find((i) => i.kind === 'receipt' && i.channel === 'sms' && i.language === 'en')).toMatchObject({ body: DEFAULT_TEXTS.receipt.en.sms });
      expect(items.find((i) => i.channel === 'sms')!.subject).toBeUndefined();
      expect(placeholders.appointment_confirmed).toEqual(expect.arrayContaining(['data', 'ora', 'ufficio']));
      expect(placeholders.receipt).toContain('protocollo');
      const english = (await inject(admin, { url: `${TEMPLATES}?language=en` })).json().items as { language: string }[];
      expect(english).toHaveLength(40);
      expect(english.every((i) => i.language === 'en')).toBe(true);
    });

    it('refuses a placeholder that would carry personal data out of the personal area, naming it', async () => {
      const r = await inject(admin, {
        method: 'PUT', url: `${TEMPLATES}/receipt/email/it`, payload: { subject: 'Domanda ricevuta', body: 'Gentile {{richiedente}}, la pratica {{codice}} è arrivata.' },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([expect.objectContaining({ path: 'body.body', message: expect.stringContaining('{{richiedente}}') })]);
      const unknown = await inject(admin, { method: 'PUT', url: `${TEMPLATES}/receipt/email/it`, payload: { subject: 'Pratica {{numero}}', body: 'Testo.' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({ path: 'body.subject', message: expect.stringContaining('{{numero}}') });
      // a kind that is not edited here
      expect((await inject(admin, { method: 'PUT', url: `${TEMPLATES}/service_update/email/it`, payload: { subject: 'x', body: 'y' } })).statusCode).toBe(400);
    });

    it("saves the body's own text: later messages of that kind use it; restoring the default brings the product's back", async () => {
      const subject = 'Ricevuta della pratica {{codice}} ({{ente}})';
      const body = 'Abbiamo ricevuto la domanda «{{servizio}}», protocollo {{protocollo}}. Tutto è nella tua area personale: {{link}}';
      const saved = await inject(admin, { method: 'PUT', url: `${TEMPLATES}/receipt/email/it`, payload: { subject, body } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ kind: 'receipt', channel: 'email', language: 'it', subject, body, isDefault: false });
      const listed = (await inject(admin, { url: `${TEMPLATES}?language=it` })).json().items as { kind: string; channel: string; isDefault: boolean; updatedAt: string | null }[];
      expect(listed.find((i) => i.kind === 'receipt' && i.channel === 'email')).toMatchObject({ isDefault: false, updatedAt: expect.any(String) });
      // another body still has the product's text
      const valdoro = (await inject(valdoroAdmin, { url: `${TEMPLATES}?language=it` })).json().items as { kind: string; channel: string; isDefault: boolean }[];
      expect(valdoro.find((i) => i.kind === 'receipt' && i.channel === 'email')!.isDefault).toBe(true);

      const id = await fileTestApplication(t.app, t.ctx, marco, serviceId);
      const code = (await inject(marco, { url: `/api/v1/applications/${id}` })).json().code as string;
      const mail = (await notificationsOf(id)).find((n) => n.kind === 'receipt' && n.channel === 'email')!;
      expect(mail.subject).toBe(`Ricevuta della pratica ${code} (Comune di Castelrocca)`);
      expect(mail.body).toMatch(/^Abbiamo ricevuto la domanda «Domanda di prova», protocollo \d{7}\/\d{4}\./);
      // the personal area keeps the product's text: only the e-mail was changed
      expect((await notificationsOf(id)).find((n) => n.kind === 'receipt' && n.channel === 'inbox')!.subject).toBe(`Domanda ${code} ricevuta e protocollata`);

      const reset = await inject(admin, { method: 'DELETE', url: `${TEMPLATES}/receipt/email/it` });
      expect(reset.statusCode).toBe(204);
      const after = (await inject(admin, { url: `${TEMPLATES}?language=it` })).json().items as { kind: string; channel: string; isDefault: boolean; subject?: string }[];
      expect(after.find((i) => i.kind === 'receipt' && i.channel === 'email')).toMatchObject({ isDefault: true, subject: DEFAULT_TEXTS.receipt.it.subject });
      const next = await fileTestApplication(t.app, t.ctx, marco, serviceId);
      const nextCode = (await inject(marco, { url: `/api/v1/applications/${next}` })).json().code as string;
      expect((await notificationsOf(next)).find((n) => n.kind === 'receipt' && n.channel === 'email')!.subject).toBe(`Domanda ${nextCode} ricevuta e protocollata`);
      // restoring twice is harmless
      expect((await inject(admin, { method: 'DELETE', url: `${TEMPLATES}/receipt/email/it` })).statusCode).toBe(204);
    }, 60_000);

    it('previews a message as it arrives: IO padded to its minimum lengths, SMS cut to its maximum, problems listed', async () => {
      const io = await inject(admin, {
        method: 'POST', url: `${TEMPLATES}/preview`, payload: { kind: 'thread_message', channel: 'io', language: 'it', subject: 'Novità', body: 'Pratica {{codice}}: leggi.' },
      });
      expect(io.statusCode, io.body).toBe(200);
      const preview = io.json() as { subject: string; body: string; problems: { path: string; message: string }[] };
      expect(preview.subject).toBe('Novità · Comune di Castelrocca');
      expect(preview.body).toContain('Pratica CA-2026-7KQ4M2: leggi.');
      // the footer that brings it to IO's minimum says who sent it
      expect(preview.body).toMatch(/\n---\n.*Comune di Castelrocca.*Sportello/);
      expect(preview.body.length).toBeGreaterThanOrEqual(80);
      expect(preview.problems).toEqual([expect.objectContaining({ path: 'subject', message: expect.stringContaining('almeno 10 caratteri') })]);

      const sms = await inject(admin, {
        method: 'POST', url: `${TEMPLATES}/preview`, payload: { kind: 'receipt', channel: 'sms', language: 'it', body: `{{ente}}: ${'parola '.repeat(80)}` },
      });
      const cut = sms.json() as { subject: string | null; body: string; problems: { path: string }[] };
      expect(cut.subject).toBeNull();
      expect(cut.body).toHaveLength(459);
      expect(cut.body.endsWith('…')).toBe(true);
      expect(cut.problems.map((p) => p.path)).toEqual(['body']);
      // nothing was saved
      const listed = (await inject(admin, { url: `${TEMPLATES}?language=it` })).json().items as { kind: string; channel: string; isDefault: boolean }[];
      expect(listed.find((i) => i.kind === 'thread_message' && i.channel === 'io')!.isDefault).toBe(true);
    });

    it('is for administrators of the body only', async () => {
      for (const s of [laura, giorgio, giulia]) {
        expect((await inject(s, { url: TEMPLATES })).statusCode).toBe(403);
        expect((await inject(s, { method: 'PUT', url: `${TEMPLATES}/receipt/email/it`, payload: { subject: 'Oggetto', body: 'Testo' } })).statusCode).toBe(403);
        expect((await inject(s, { method: 'DELETE', url: `${TEMPLATES}/receipt/email/it` })).statusCode).toBe(403);
        expect((await inject(s, { method: 'POST', url: `${TEMPLATES}/preview`, payload: { kind: 'receipt', channel: 'email', language: 'it', subject: 'a', body: 'b' } })).statusCode).toBe(403);
      }
      expect((await inject(null, { url: TEMPLATES })).statusCode).toBe(401);
    });
  });

  // ---- delivery status --------------------------------------------------------------------------------------------

  describe('delivery status', () => {
    let failedApplication: string;

    beforeAll(async () => {
      // Luca's draft has his e-mail (the form asks for it), then he has none left in his profile: his receipt by
      // e-mail (the default channel) fails, naming why. Filing again resumes the same draft.
      const draft = await inject(luca, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } });
      expect(draft.statusCode, draft.body).toBe(201);
      const lucaId = (await me(luca)).id;
      await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('citizens').set({ email: null, pec: null }).where('id', '=', lucaId).execute());
      failedApplication = await fileTestApplication(t.app, t.ctx, luca, serviceId);
      expect(failedApplication).toBe(draft.json().id);
    }, 60_000);

    const list = async (s: TestSession, query = '') => {
      const r = await inject(s, { url: `${DELIVERIES}${query}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { items: Delivery[]; nextCursor: string | null };
    };

    it('lists the messages that left the platform, newest first, with masked recipients and their status', async () => {
      const { items } = await list(admin);
      expect(items.length).toBeGreaterThan(3);
      expect(items.some((i) => i.channel === 'inbox')).toBe(false);
      const fiscalCodes = await Promise.all([giulia, marco, luca].map(async (s) => (await me(s)).fiscalCode));
      const text = JSON.stringify(items);
      for (const cf of fiscalCodes) expect(text).not.toContain(cf);
      expect(text).not.toContain('giulia.ferrari@pec.example.it');
      const pec = items.find((i) => i.channel === 'pec')!;
      expect(pec.recipient).toBe('g***@pec.example.it');
      expect(pec.status).toBe('delivered');
      for (const i of items.filter((x) => x.channel === 'email' && x.recipient)) expect(i.recipient).toMatch(/^.\*\*\*@[a-z0-9.-]+$/);
      const failed = items.find((i) => i.applicationId === failedApplication && i.channel === 'email')!;
      expect(failed).toMatchObject({ status: 'failed', statusReason: 'nessun indirizzo e-mail nel profilo', recipient: null, kind: 'receipt' });
      expect(failed.applicationCode).toBeTruthy();
    });

    it('filters by status, channel, kind and application code, and pages with a cursor', async () => {
      const failed = await list(admin, '?status=failed');
      expect(failed.items.length).toBeGreaterThan(0);
      expect(failed.items.every((i) => i.status === 'failed')).toBe(true);
      expect((await list(admin, '?channel=pec')).items.every((i) => i.channel === 'pec')).toBe(true);
      const receipts = await list(admin, '?kind=receipt&channel=email');
      expect(receipts.items.length).toBeGreaterThan(0);
      expect(receipts.items.every((i) => i.kind === 'receipt' && i.channel === 'email')).toBe(true);
      const code = failed.items[0]!.applicationCode!;
      const byCode = await list(admin, `?q=${encodeURIComponent(code.slice(-6).toLowerCase())}`);
      expect(byCode.items.length).toBeGreaterThan(0);
      expect(byCode.items.every((i) => i.applicationCode === code)).toBe(true);

      const all = await list(admin, '?limit=100');
      const first = await list(admin, '?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toBeTruthy();
      const second = await list(admin, `?limit=2&cursor=${first.nextCursor}`);
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id));
      expect((await inject(admin, { url: `${DELIVERIES}?cursor=rotto` })).statusCode).toBe(400);
      expect((await inject(admin, { url: `${DELIVERIES}?status=lost` })).statusCode).toBe(400);
    });

    it('resends a failed message: queued again, counted, with a new delivery job; a retried request resends once', async () => {
      const failed = (await list(admin, '?status=failed')).items.find((i) => i.applicationId === failedApplication)!;
      const jobsBefore = await deliveryJobs(failed.id);
      const r = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend`, headers: { 'idempotency-key': `resend-${failed.id}` } });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ id: failed.id, status: 'queued', statusReason: null, resent: 1 });
      expect(await deliveryJobs(failed.id)).toBe(jobsBefore + 1);
      const again = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend`, headers: { 'idempotency-key': `resend-${failed.id}` } });
      expect(again.json()).toMatchObject({ resent: 1 });
      expect(await deliveryJobs(failed.id)).toBe(jobsBefore + 1);

      await runBackgroundWork(t.ctx);
      // still no address: the sender tried once more and says so
      const after = (await list(admin, `?q=${failed.applicationCode}`)).items.find((i) => i.id === failed.id)!;
      expect(after).toMatchObject({ status: 'failed', resent: 1, attempts: 1 });
      expect(after.statusReason).toBeTruthy();
    });

    it('resends a delivered message too, and refuses messages of the personal area', async () => {
      const delivered = (await list(admin, '?status=delivered&channel=pec')).items[0]!;
      const r = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${delivered.id}/resend` });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'queued', resent: 1 });
      await runBackgroundWork(t.ctx);
      expect((await list(admin, '?channel=pec')).items.find((i) => i.id === delivered.id)).toMatchObject({ status: 'delivered', resent: 1 });
      // the resend is a new message, kept again under its own key (a repeat of one sending would be kept once)
      const kept = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('dev_mailbox').select(['idempotency_key', 'recipient'])
        .where('notification_id', '=', delivered.id).orderBy('sent_at').execute());
      expect(kept).toEqual([
        { idempotency_key: delivered.id, recipient: 'giulia.ferrari@pec.example.it' },
        { idempotency_key: `${delivered.id}.r1`, recipient: 'giulia.ferrari@pec.example.it' },
      ]);

      const inbox = (await notificationsOf(failedApplication)).find((n) => n.channel === 'inbox')!;
      const refused = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${inbox.id}/resend` });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().detail).toContain("area personale");
    });

    it('refuses to resend a message whose delivery is on its way (409), and resends one stuck in the queue without a delivery', async () => {
      // the sender waits: the resent message stays queued with its delivery job
      await t.ctx.tasks.notifications.stop();
      const delivered = (await list(admin, '?status=delivered&channel=email')).items[0]!;
      const { id } = delivered;
      try {
        const jobsBefore = await deliveryJobs(id);
        const first = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${id}/resend` });
        expect(first.statusCode, first.body).toBe(200);
        expect(first.json()).toMatchObject({ status: 'queued', resent: delivered.resent + 1 });
        const onItsWay = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${id}/resend` });
        expect(onItsWay.statusCode).toBe(409);
        expect(onItsWay.json().detail).toContain('già in coda di invio');

        // the delivery's last retry died half-way: the row is queued and nothing will send it any more
        await asOwner(t.database, `UPDATE pgboss.job SET state = 'failed' WHERE name = 'notification.deliver' AND data->>'notificationId' = '${id}'`);
        expect((await list(admin, `?q=${delivered.applicationCode}&channel=email`)).items.find((i) => i.id === id)!.status).toBe('queued');
        const stuck = await inject(admin, { method: 'POST', url: `${DELIVERIES}/${id}/resend` });
        expect(stuck.statusCode, stuck.body).toBe(200);
        expect(stuck.json()).toMatchObject({ status: 'queued', resent: delivered.resent + 2 });
        expect(await deliveryJobs(id)).toBe(jobsBefore + 2);
        // and the new delivery is on its way again
        expect((await inject(admin, { method: 'POST', url: `${DELIVERIES}/${id}/resend` })).statusCode).toBe(409);
      } finally {
        t.ctx.tasks.notifications.start();
      }
      await t.ctx.tasks.notifications.drain();
      expect((await list(admin, `?q=${delivered.applicationCode}&channel=email`)).items.find((i) => i.id === id))
        .toMatchObject({ status: 'delivered', statusReason: null, resent: delivered.resent + 2 });
    });

    it("is for the body's administrators: office staff 403, another body's message 404, another body's list without it", async () => {
      const failed = (await list(admin, '?status=failed')).items[0]!;
      for (const s of [laura, giorgio]) {
        expect((await inject(s, { url: DELIVERIES })).statusCode).toBe(403);
        expect((await inject(s, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend` })).statusCode).toBe(403);
      }
      expect((await inject(giulia, { url: DELIVERIES })).statusCode).toBe(403);
      expect((await inject(giulia, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend` })).statusCode).toBe(404);
      expect((await inject(null, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend` })).statusCode).toBe(401);
      expect((await inject(valdoroAdmin, { method: 'POST', url: `${DELIVERIES}/${failed.id}/resend` })).statusCode).toBe(404);
      expect((await inject(admin, { method: 'POST', url: `${DELIVERIES}/00000000-0000-4000-8000-000000000000/resend` })).statusCode).toBe(404);
      const theirs = await list(valdoroAdmin);
      expect(theirs.items.some((i) => i.id === failed.id)).toBe(false);
    });
  });

  // ---- development mailbox ----------------------------------------------------------------------------------------

  describe('development mailbox', () => {
    it('lists every message sent on any channel, newest first, without login', async () => {
      await t.ctx.tasks.notifications.drain();
      const r = await inject(null, { url: '/api/v1/dev/mailbox' });
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items as { channel: string; recipient: string; subject: string | null; body: string; sentAt: string }[];
      expect(items.length).toBeGreaterThan(0);
      const sentAt = items.map((i) => i.sentAt);
      expect([...sentAt].sort().reverse()).toEqual(sentAt);
      expect(items.some((i) => i.channel === 'pec' && i.recipient === 'giulia.ferrari@pec.example.it')).toBe(true);
      const receipt = items.find((i) => i.channel === 'email' && /Ricevuta della pratica/.test(i.subject ?? ''));
      expect(receipt?.body).toMatch(/^Abbiamo ricevuto la domanda/);
    });
  });
});
