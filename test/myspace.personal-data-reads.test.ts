/**
 * "Every read of personal data anywhere in the product goes through one path that writes the access log."
 *
 * The walk starts from the published API (/openapi.json), not from a list kept by hand:
 * 1. every operation whose answer carries a person's data (an application's subject or applicant, a thread's
 *    author, a registry record, a report about one's data) must either be marked `x-personal-data` (the route's
 *    `config.personalData`, platform/personal-data.ts) or be reachable only by the person themselves (OWNER_ONLY,
 *    each with its reason);
 * 2. every marked operation is called here by an office or a system, and must leave a new entry in the log of the
 *    person whose data it returned — readable by that person in "Chi ha consultato i miei dati".
 * A new route that returns personal data without logging fails (1) or (2); a marked route without a request below
 * fails the coverage check.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, PDF, platformAdmin } from './support/forms.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { DEFAULT_WORKFLOW } from '../src/contracts/workflow.ts';

const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';

type Json = Record<string, any>;

/** Names of fields that carry a person's data in the answers of the API. */
const PERSONAL_FIELDS = new Set(['authorLabel', 'subjectFiscalCode', 'birthDate', 'familyName', 'shownValue', 'correction', 'citizenName']);
/** Names that carry a person's data when they hold a fiscal code ("subject" is also an e-mail's subject line). */
const PERSON_OBJECTS = new Set(['subject', 'filedBy', 'person', 'applicant', 'citizen']);

/**
 * Operations whose answer carries personal data but which only the person themselves (or whom they act for by law)
 * can call: the log is of reads by others. Each is checked below to refuse an operator of the body.
 */
const OWNER_ONLY: Record<string, string> = {
  'post /applications': 'a citizen starts their own draft',
  'patch /applications/{applicationId}': 'the applicant saves their draft',
  'post /applications/{applicationId}/submit': 'the applicant sends their application',
  'post /applications/{applicationId}/attachments': 'the applicant attaches a file',
  'delete /applications/{applicationId}/attachments/{attachmentId}': 'the applicant removes a file',
  'post /applications/{applicationId}/withdraw': 'the applicant withdraws',
  'post /applications/{applicationId}/integration': 'the applicant answers a request for integration',
  'put /applications/{applicationId}/rating': 'the applicant rates the service',
  // not owner-only, but the answer is only what the caller just wrote
  'post /applications/{applicationId}/messages': 'answers with the message the caller wrote, nothing of the other side',
};

/** An operation under /me, /auth or the development tools: the signed-in person's own data. */
const isOwnersOwn = (path: string) => path.startsWith('/me') || path.startsWith('/auth') || path.startsWith('/dev/');

function resolve(doc: Json, schema: Json | undefined, seen = new Set<string>()): Json | undefined {
  if (!schema?.$ref) return schema;
  const name = String(schema.$ref).split('/').pop()!;
  if (seen.has(name)) return undefined;
  seen.add(name);
  return resolve(doc, doc.components?.schemas?.[name], seen);
}

/** Whether a response schema (following $refs) has a field that carries a person's data. */
function carriesPersonalData(doc: Json, schema: Json | undefined, seen = new Set<string>()): boolean {
  if (!schema) return false;
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    if (seen.has(name)) return false;
    seen.add(name);
    return carriesPersonalData(doc, doc.components?.schemas?.[name], seen);
  }
  for (const [key, value] of Object.entries<Json>(schema.properties ?? {})) {
    if (PERSONAL_FIELDS.has(key)) return true;
    const props = resolve(doc, value)?.properties;
    if (PERSON_OBJECTS.has(key) && (props?.fiscalCode || props?.name)) return true;
    if (carriesPersonalData(doc, value, seen)) return true;
  }
  for (const part of [schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    if (part && carriesPersonalData(doc, part, seen)) return true;
  }
  return false;
}

interface World {
  applicationId: string;
  revision: () => Promise<number>;
  attachmentId: string;
  documentId: string;
  messageId: string;
  messageFileId: string;
  /** Giulia's report that her address is wrong */
  reportId: string;
  /** the verification code of a certificate of residence Giulia downloaded */
  certificateCode: string;
  /** the desk: Laura's reception at the anagrafe and Giulia's appointment there (see appointments' CALLS) */
  appointmentDesk: Record<string, string>;
  /** a debt of Giulia's still due and one she paid, loaded by Castelrocca (Laura has payment.read) */
  paymentDesk: { dueId: string; paidId: string };
}

/**
 * How each marked operation is called by an office: who calls, and the request. In this order (taking charge comes
 * before the checklist, which needs an application in progress).
 */
const CALLS: Record<string, (w: World) => Promise<InjectOptions> | InjectOptions> = {
  'get /applications': () => ({ url: '/api/v1/applications?queue=open' }),
  'get /applications/{applicationId}': (w) => ({ url: `/api/v1/applications/${w.applicationId}` }),
  'get /applications/{applicationId}/history': (w) => ({ url: `/api/v1/applications/${w.applicationId}/history` }),
  'get /applications/{applicationId}/attachments/{attachmentId}': (w) => ({ url: `/api/v1/applications/${w.applicationId}/attachments/${w.attachmentId}` }),
  'get /applications/{applicationId}/documents/{documentId}': (w) => ({ url: `/api/v1/applications/${w.applicationId}/documents/${w.documentId}` }),
  'get /applications/{applicationId}/messages': (w) => ({ url: `/api/v1/applications/${w.applicationId}/messages` }),
  'get /applications/{applicationId}/messages/{messageId}/files/{fileId}': (w) =>
    ({ url: `/api/v1/applications/${w.applicationId}/messages/${w.messageId}/files/${w.messageFileId}` }),
  'post /applications/{applicationId}/transitions/{action}': async (w) => ({
    method: 'POST', url: `/api/v1/applications/${w.applicationId}/transitions/take_charge`, payload: {}, headers: { 'if-match': `"${await w.revision()}"` },
  }),
  'put /applications/{applicationId}/checklist/{itemId}': (w) =>
    ({ method: 'PUT', url: `/api/v1/applications/${w.applicationId}/checklist/verifica`, payload: { done: true } }),
  'get /data-reports': () => ({ url: '/api/v1/data-reports' }),
  'post /data-reports/{reportId}/transitions/{action}': (w) => ({ method: 'POST', url: `/api/v1/data-reports/${w.reportId}/transitions/take`, payload: {} }),
  // public: whoever holds the paper checks it; the system shows the certificate's data and logs that
  'get /verifications/{code}': (w) => ({ url: `/api/v1/verifications/${w.certificateCode}` }),
  // the desk: appointments
  // Laura also works her office's reception (desk.reception at the anagrafe) and Giulia booked an appointment there: the world's
  // `appointmentDesk`, set up in beforeAll (ids of the office, the service and the appointment, free slots, the day of the agenda)
  'post /appointments': (w) => {
    const d = (w as unknown as { appointmentDesk?: Record<string, string> }).appointmentDesk;
    if (!d) throw new Error('the world has no appointmentDesk: beforeAll must give Laura the desk role at the anagrafe and book Giulia an appointment there');
    return { method: 'POST', url: '/api/v1/appointments', payload: { serviceId: d.serviceId, officeId: d.officeId, startsAt: d.freeSlot, reason: 'Al telefono',
      channel: 'phone', person: { name: 'Giulia Ferrari', fiscalCode: d.fiscalCode } } };
  },
  'get /appointments': (w) => {
    const d = (w as unknown as { appointmentDesk: Record<string, string> }).appointmentDesk;
    return { url: `/api/v1/appointments?office=${d.officeId}&day=${d.day}` };
  },
  'get /appointments/{appointmentId}': (w) => ({ url: `/api/v1/appointments/${(w as unknown as { appointmentDesk: Record<string, string> }).appointmentDesk.appointmentId}` }),
  'post /appointments/{appointmentId}/move': (w) => {
    const d = (w as unknown as { appointmentDesk: Record<string, string> }).appointmentDesk;
    return { method: 'POST', url: `/api/v1/appointments/${d.appointmentId}/move`, payload: { startsAt: d.moveTo } };
  },
  'post /appointments/{appointmentId}/cancel': (w) => ({ method: 'POST', url: `/api/v1/appointments/${(w as unknown as { appointmentDesk: Record<string, string> }).appointmentDesk.appointmentId}/cancel`, payload: {} }),
  // the desk: queue and reception
  // reception: at the operator's own desk office (no office named); Giulia is the person at the desk
  'post /desk-contacts': async () => ({ method: 'POST', url: '/api/v1/desk-contacts', // reception
    payload: { channel: 'desk', person: { name: 'Giulia Ferrari', fiscalCode: (await import('../src/server/modules/identity/test-idp/identities.ts')).findTestIdentity('giulia-ferrari')!.fiscalCode }, reason: 'Chiede della sua pratica', outcome: 'status_given' } }),
  'get /desk-contacts': () => ({ url: '/api/v1/desk-contacts' }), // reception
  'get /desk/lookup': async () => ({ url: `/api/v1/desk/lookup?q=${(await import('../src/server/modules/identity/test-idp/identities.ts')).findTestIdentity('giulia-ferrari')!.fiscalCode}` }), // reception
  // reception: a draft started at Laura's office for Giulia (the answer names her)
  'post /desk/applications': (w) => {
    const d = (w as unknown as { appointmentDesk: Record<string, string> }).appointmentDesk;
    return { method: 'POST', url: '/api/v1/desk/applications', payload: { officeId: d.officeId, serviceId: d.serviceId, fiscalCode: d.fiscalCode } };
  },
  // payments: the body's list (searched by Giulia's fiscal code), a payment, its notice and receipt
  'get /payments': async () => ({ url: `/api/v1/payments?q=${(await import('../src/server/modules/identity/test-idp/identities.ts')).findTestIdentity('giulia-ferrari')!.fiscalCode}` }),
  'get /payments/{paymentId}': (w) => ({ url: `/api/v1/payments/${w.paymentDesk.dueId}` }),
  'get /payments/{paymentId}/notice.pdf': (w) => ({ url: `/api/v1/payments/${w.paymentDesk.dueId}/notice.pdf` }),
  'get /payments/{paymentId}/receipt.pdf': (w) => ({ url: `/api/v1/payments/${w.paymentDesk.paidId}/receipt.pdf` }),
  // the social services: Laura also works as a social worker of Castelrocca, where Giulia has a case (socialDesk, beforeAll)
  'get /social/persons': (w) => ({ url: `/api/v1/social/persons?q=${socialDesk(w).fiscalCode}` }),
  'get /social/registry-lookup': (w) => ({ url: `/api/v1/social/registry-lookup?fiscalCode=${socialDesk(w).fiscalCode}&comuneId=${socialDesk(w).comuneId}` }),
  'post /social/contacts': (w) => ({ method: 'POST', url: '/api/v1/social/contacts', payload: { comuneId: socialDesk(w).comuneId, contactOn: clock.today(), channel: 'phone',
    requesterKind: 'self', personId: socialDesk(w).personId, targetArea: 'famiglie_minori', sector: 'servizio_sociale_base', need: 'information', answer: 'information',
    privacyNoticeGiven: true } }),
  'get /social/contacts': () => ({ url: '/api/v1/social/contacts' }),
  'get /social/cases': (w) => ({ url: `/api/v1/social/cases?q=${socialDesk(w).fiscalCode}` }),
  'get /social/cases/{caseId}': (w) => ({ url: `/api/v1/social/cases/${socialDesk(w).caseId}` }),
  'patch /social/cases/{caseId}': (w) => ({ method: 'PATCH', url: `/api/v1/social/cases/${socialDesk(w).caseId}`, payload: { nextReviewOn: addDays(clock.today(), 30) } }),
  'post /social/cases/{caseId}/transitions/{action}': (w) => ({ method: 'POST', url: `/api/v1/social/cases/${socialDesk(w).caseId}/transitions/take_charge`, payload: {} }),
};

// Giulia's social case in Castelrocca, opened by Laura as a social worker there
type SocialDesk = { caseId: string; personId: string; comuneId: string; fiscalCode: string };
const socialDesk = (w: World) => (w as unknown as { socialDesk: SocialDesk }).socialDesk;

/** Who the log names for each call: the office's operator, or the system answering the public verification page. */
const SYSTEM_ANSWERS = new Set(['get /verifications/{code}']);
/** Calls that start a draft prefilled from the registry, whose read the system logs as well. */
const PREFILLED_FROM_REGISTRY = new Set(['post /desk/applications']);

describe('one path for every read of personal data: the access log', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let doc: Json;
  let giulia: TestSession;
  let laura: TestSession;
  let giuliaCode: string;
  let world: World;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-personal-data` } });
    doc = (await t.app.inject({ url: '/openapi.json' })).json();
    // a service of the registry office (where Laura Brembilla works), with a checklist item to tick
    const serviceId = await createFormService(t.ctx, CASTELROCCA, {
      officeCode: 'anagrafe', workflow: { ...DEFAULT_WORKFLOW, checklist: [{ id: 'verifica', label: 'Verifica dei requisiti', required: false }] },
    });
    const login = await citizenLogin(t.app, ORIGIN, 'giulia-ferrari');
    giulia = login.browser.session();
    giuliaCode = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().fiscalCode;
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    // the desk: Laura also works her office's reception; Giulia booked an appointment there
    const castelroccaId = (await t.ctx.services.tenants.get(CASTELROCCA)).id;
    const anagrafe = (await t.ctx.services.tenants.offices(castelroccaId)).find((o) => o.code === 'anagrafe')!;
    await inScope(t.database.db, { platform: true }, async (trx) => {
      const op = await trx.selectFrom('operators').select('id').where('email', '=', 'l.brembilla@castelrocca.example').executeTakeFirstOrThrow();
      await trx.insertInto('operator_roles').values({ tenant_id: castelroccaId, operator_id: op.id, role: 'desk', office_id: anagrafe.id, created_by: 'test' }).execute();
    });
    await t.ctx.services.appointments.createCalendar(platformAdmin(castelroccaId), anagrafe.id, {
      name: 'Prova', serviceIds: [serviceId], weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
      slotMinutes: 30, capacity: 5, bufferMinutes: 0, minNoticeHours: 0, horizonDays: 60, closures: [], categoryId: null, active: true,
    });
    const slotDays = (await t.app.inject({ url: `/api/v1/offices/${anagrafe.id}/slots?service=${serviceId}&from=${addDays(clock.today(), 1)}&days=7` }))
      .json().days as { day: string; slots: { startsAt: string }[] }[];
    const open = slotDays.find((d) => d.slots.length >= 3)!;
    const booking = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/appointments',
      payload: { serviceId, officeId: anagrafe.id, startsAt: open.slots[0]!.startsAt, reason: 'Pubblicazioni di matrimonio' } }));
    expect(booking.statusCode, booking.body).toBe(201);
    const appointmentDesk = { officeId: anagrafe.id, serviceId, day: open.day, appointmentId: booking.json().id as string, freeSlot: open.slots[1]!.startsAt,
      moveTo: open.slots[2]!.startsAt, fiscalCode: giuliaCode };
    const applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    const detail = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }))).json();
    const boundary = 'personal-data-walk';
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nEcco la copia richiesta\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="copia.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF('copia'), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const message = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${applicationId}/messages`, payload: form,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
    expect(message.statusCode, message.body).toBe(201);
    const castelrocca = await t.ctx.services.tenants.get(CASTELROCCA);
    const report = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/data/reports', headers: { 'idempotency-key': 'walk-report-0001' },
      payload: { tenantId: castelrocca.id, item: 'registry.address', correction: 'Il numero civico è sbagliato.' } }));
    expect(report.statusCode, report.body).toBe(201);
    const certificate = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/me/certificates', headers: { 'idempotency-key': 'walk-certificate-0001' },
      payload: { kind: 'residence' } }));
    expect(certificate.statusCode, certificate.body).toBe(201);
    // two debts of Giulia's loaded by Castelrocca; she pays one through the simulator
    const debtOf = async (description: string) => (await t.ctx.services.payments.createDebt(platformAdmin(castelrocca.id), {
      tenantId: castelrocca.id, debtorFiscalCode: giuliaCode, debtorName: 'Giulia Ferrari', description,
      items: [{ label: 'Tassa sui rifiuti', amountCents: 8_000, kind: 'tributo' }], dueDate: addDays(clock.today(), 30) })).detail.id;
    const paymentDesk = { dueId: await debtOf('TARI 2026, prima rata'), paidId: await debtOf('TARI 2026, seconda rata') };
    const checkout = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${paymentDesk.paidId}/checkout`, payload: { returnPath: '/area-personale/pagamenti' } }));
    expect(checkout.statusCode, checkout.body).toBe(201);
    await t.ctx.services.pagopaSimulator!.decide(new URL(checkout.json().redirectUrl).pathname.split('/').pop()!, 'paid', 'callback');
    await t.ctx.services.pagopaSimulator!.whenDelivered();
    // Laura is also a social worker of Castelrocca; Giulia's first contact there opens her case
    await inScope(t.database.db, { platform: true }, async (trx) => {
      const op = await trx.selectFrom('operators').select('id').where('email', '=', 'l.brembilla@castelrocca.example').executeTakeFirstOrThrow();
      await trx.insertInto('operator_roles').values({ tenant_id: castelrocca.id, operator_id: op.id, role: 'social_worker', office_id: null, created_by: 'test' }).execute();
    });
    const opened = await t.app.inject(as(laura, { method: 'POST', url: '/api/v1/social/contacts', payload: { comuneId: castelrocca.id, contactOn: clock.today(),
      channel: 'in_person', requesterKind: 'self', person: { fiscalCode: giuliaCode, givenName: 'Giulia', familyName: 'Ferrari', comuneId: castelrocca.id },
      targetArea: 'famiglie_minori', sector: 'servizio_sociale_base', need: 'family', answer: 'case_opened', privacyNoticeGiven: true } }));
    expect(opened.statusCode, opened.body).toBe(201);
    const socialDeskWorld: SocialDesk = { caseId: opened.json().caseId, personId: opened.json().contact.person.id, comuneId: castelrocca.id, fiscalCode: giuliaCode };
    world = {
      ...({ socialDesk: socialDeskWorld } as object),
      paymentDesk,
      appointmentDesk,
      reportId: report.json().id,
      certificateCode: certificate.json().verificationCode,
      applicationId,
      revision: async () => (await t.app.inject(as(laura, { url: `/api/v1/applications/${applicationId}` }))).json().revision,
      attachmentId: detail.attachments[0].id,
      documentId: detail.documents[0].id,
      messageId: message.json().id,
      messageFileId: message.json().attachments[0].id,
    };
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const operations = () => Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item).filter(([, op]) => op && typeof op === 'object' && op.responses).map(([method, op]) => ({ key: `${method} ${path}`, path, op })));

  const marked = () => operations().filter((o) => o.op['x-personal-data'] === true).map((o) => o.key);

  it('finds every operation whose answer carries personal data marked, or reachable only by the person', () => {
    const unmarked = operations()
      .filter((o) => !isOwnersOwn(o.path) && o.op['x-personal-data'] !== true && !OWNER_ONLY[o.key])
      .filter((o) => ['200', '201'].some((code) => carriesPersonalData(doc, resolve(doc, o.op.responses[code]?.content?.['application/json']?.schema))))
      .map((o) => o.key);
    expect(unmarked, 'these answer with personal data but write no access log: mark them config.personalData and log the read').toEqual([]);
    // the walk below knows how to call each marked operation, and nothing it knows is unmarked
    expect(Object.keys(CALLS).sort()).toEqual(marked().sort());
  });

  it('refuses the owner-only operations to an operator of the body, so they need no log', async () => {
    for (const key of Object.keys(OWNER_ONLY)) {
      const [method, path] = key.split(' ') as [string, string];
      if (!doc.paths[path]?.[method]) continue; // not (or no longer) in the API
      const url = `/api/v1${path}`.replace('{applicationId}', world.applicationId).replace('{attachmentId}', world.attachmentId);
      const r = await t.app.inject(as(laura, { method: method.toUpperCase() as never, url, payload: {} }));
      expect([400, 403, 404, 405, 409], `${key} answered ${r.statusCode} to an operator`).toContain(r.statusCode);
      expect(r.statusCode, `${key} must not succeed for an operator`).toBeGreaterThanOrEqual(400);
    }
  });

  it('writes a log entry the person can read for every marked operation an office calls', async () => {
    const rows = () => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log')
      .select(['id', 'operation', 'actor_label', 'actor_kind', 'object_type']).where('subject_fiscal_code', '=', giuliaCode).execute());
    for (const [key, call] of Object.entries(CALLS)) {
      const before = new Set((await rows()).map((r) => r.id));
      const r = await t.app.inject(as(laura, await call(world)));
      expect(r.statusCode, `${key}: ${r.body.slice(0, 300)}`).toBeLessThan(300);
      const added = (await rows()).filter((row) => !before.has(row.id));
      expect(added.length, `${key} answered with Giulia's data and wrote no access-log entry`).toBeGreaterThan(0);
      if (SYSTEM_ANSWERS.has(key)) expect(added.every((a) => a.actor_kind === 'system'), key).toBe(true);
      // a draft started for the person is prefilled from the registry: that read is the system's, logged beside the operator's
      else expect(added.filter((a) => !(PREFILLED_FROM_REGISTRY.has(key) && a.actor_kind === 'system' && a.object_type === 'registry'))
        .every((a) => a.actor_kind === 'operator' && a.actor_label === 'Laura Brembilla'), key).toBe(true);
      // a list: every person in it, not only Giulia, has an entry for this operator's read today
      const items = (String(r.headers['content-type'] ?? '').includes('json') ? (r.json() as { items?: { id: string; subject?: { fiscalCode: string } }[] }).items : undefined) ?? [];
      const listed = items.filter((i) => i.subject?.fiscalCode);
      if (listed.length) {
        const logged = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select(['object_id', 'subject_fiscal_code'])
          .where('object_id', 'in', listed.map((i) => i.id)).where('actor_label', '=', 'Laura Brembilla').execute());
        for (const i of listed) {
          expect(logged.some((l) => l.object_id === i.id && l.subject_fiscal_code === i.subject!.fiscalCode), `${key}: ${i.subject!.fiscalCode} listed, not logged`).toBe(true);
        }
      }
    }
    // and Giulia reads them: the list, the application, the files, the thread, the steps taken
    const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    const seen = new Set(log.filter((e) => e.object.id === world.applicationId).map((e) => e.operation));
    for (const op of ['list', 'view', 'history', 'attachment', 'document', 'messages', 'transition:take_charge', 'checklist']) expect(seen, op).toContain(op);
    // Castelrocca names its operators; the entry says what was done in words
    const taken = log.find((e) => e.operation === 'transition:take_charge')!;
    expect(taken.who).toEqual({ kind: 'operator', name: 'Laura Brembilla', named: true });
    expect(taken.operationLabel).toBe('ha preso in carico la pratica');
  });

  it('logs the office list once a day per person, however often the operator reloads it', async () => {
    const count = () => inScope(t.database.db, { platform: true }, async (trx) => Number((await trx.selectFrom('access_log')
      .select((eb) => eb.fn.countAll<string>().as('n')).where('object_id', '=', world.applicationId).where('operation', '=', 'list').executeTakeFirstOrThrow()).n));
    await t.app.inject(as(laura, { url: '/api/v1/applications?queue=open' }));
    const once = await count();
    for (let i = 0; i < 3; i++) await t.app.inject(as(laura, { url: '/api/v1/applications?queue=open' }));
    expect(await count()).toBe(once);
    expect(once).toBe(1);
  });

  it('logs the registry read that prefilled a draft as the system’s, with the once-only legal basis', async () => {
    const entries = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll()
      .where('subject_fiscal_code', '=', giuliaCode).where('operation', '=', 'registry').where('actor_kind', '=', 'system').execute());
    // (the social services' registry lookup by a worker is a registry read too, but an operator's)
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ actor_kind: 'system', object_type: 'registry' });
    expect(entries[0]!.legal_basis).toMatch(/una volta sola/);
  });

  it('names only the office where the body has not chosen to name its operators', async () => {
    const tenant = await t.ctx.services.tenants.get(CASTELROCCA);
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('tenants').set({ access_log_names_operators: false }).where('id', '=', tenant.id).execute());
    try {
      const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
      const byOperator = log.filter((e) => e.who.kind === 'operator');
      expect(byOperator.length).toBeGreaterThan(0);
      for (const e of byOperator) {
        expect(e.who).toEqual({ kind: 'operator', name: 'Un operatore', named: false });
        expect(e.office).toBeTruthy();
      }
      const csv = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log.csv' }))).body;
      expect(csv).not.toContain('Laura Brembilla');
    } finally {
      await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('tenants').set({ access_log_names_operators: true }).where('id', '=', tenant.id).execute());
    }
  });
});
