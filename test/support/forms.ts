/** A small online form and a service that uses it, published in a demo body for tests of applications. */
import { randomUUID } from 'node:crypto';
import type { ServiceForm } from '../../src/contracts/forms.ts';
import type { WorkflowDefinition } from '../../src/contracts/workflow.ts';
import type { StaffActor } from '../../src/server/platform/access.ts';
import type { App, AppContext } from '../../src/server/platform/context.ts';
import { as, type TestSession } from './auth.ts';

export const TEST_FORM: ServiceForm = {
  schema: {
    type: 'object',
    properties: {
      richiedente: {
        type: 'object', title: 'Richiedente', required: ['nome', 'cognome', 'codiceFiscale', 'email'],
        properties: {
          nome: { type: 'string', title: 'Nome', maxLength: 100 },
          cognome: { type: 'string', title: 'Cognome', maxLength: 100 },
          codiceFiscale: { type: 'string', title: 'Codice fiscale', pattern: '^[A-Z0-9]{16}$', maxLength: 16 },
          email: { type: 'string', title: 'E-mail', format: 'email', maxLength: 200 },
          residenza: { type: 'string', title: 'Residenza', maxLength: 300 },
        },
      },
      alloggio: {
        type: 'object', title: 'Alloggio', required: ['indirizzo', 'titolo'],
        properties: {
          indirizzo: { type: 'string', title: 'Indirizzo', minLength: 3, maxLength: 200 },
          titolo: { type: 'string', title: "Titolo di occupazione", enum: ['proprieta', 'locazione'] },
          contratto: { type: 'string', title: 'Estremi del contratto', maxLength: 100 },
          componenti: {
            type: 'array', title: 'Chi si trasferisce', maxItems: 20,
            items: { type: 'object', properties: {
              givenName: { type: 'string', maxLength: 100 }, familyName: { type: 'string', maxLength: 100 },
              fiscalCode: { type: 'string', maxLength: 16 }, birthDate: { type: 'string', maxLength: 10 }, relation: { type: 'string', maxLength: 40 },
            } },
          },
        },
        if: { properties: { titolo: { const: 'locazione' } }, required: ['titolo'] },
        then: { required: ['contratto'] },
      },
    },
  },
  uiSchema: {},
  steps: [{ id: 'richiedente', title: 'Richiedente' }, { id: 'alloggio', title: 'Alloggio' }],
  prefill: {
    '/richiedente/nome': 'applicant.givenName',
    '/richiedente/cognome': 'applicant.familyName',
    '/richiedente/codiceFiscale': 'subject.fiscalCode',
    '/richiedente/email': 'applicant.email',
    '/richiedente/residenza': 'subject.address',
    '/alloggio/componenti': 'subject.family',
  },
  attachments: [
    { id: 'documento', title: "Documento d'identità", required: true, maxFiles: 2, maxSizeMb: 1, types: ['application/pdf', 'image/jpeg', 'image/png'] },
    { id: 'contratto', title: 'Contratto di locazione', required: false, requiredWhen: { pointer: '/alloggio/titolo', equals: 'locazione' }, maxFiles: 1, maxSizeMb: 1, types: ['application/pdf'] },
  ],
  limits: { maxFiles: 3, maxTotalMb: 2 },
};

/** One step, no attachments: anyone (a person or a company) can send it. */
export const ONE_STEP_FORM: ServiceForm = {
  schema: {
    type: 'object',
    properties: {
      domanda: {
        type: 'object', title: 'Domanda', required: ['oggetto'],
        properties: {
          intestatario: { type: 'string', title: 'Codice fiscale', maxLength: 16 },
          oggetto: { type: 'string', title: 'Oggetto', minLength: 3, maxLength: 200 },
        },
      },
    },
  },
  uiSchema: {},
  steps: [{ id: 'domanda', title: 'Domanda' }],
  prefill: { '/domanda/intestatario': 'subject.fiscalCode' },
  attachments: [],
  limits: { maxFiles: 1, maxTotalMb: 1 },
};

export const VALID_ANSWERS = {
  alloggio: { indirizzo: 'Via Roma 1', titolo: 'proprieta' },
};

export const PDF = (text = 'documento') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** A platform administrator for set-up work in tests. */
export function platformAdmin(tenantId: string): StaffActor {
  return {
    kind: 'operator', id: randomUUID(), name: 'Test', tenantId, roles: ['platform_admin'],
    grants: [{ role: 'platform_admin', officeId: null, comuni: [], sectors: [], targetAreas: [] }],
    servedTenantIds: [tenantId], auth: { method: 'password', level: null },
  } as StaffActor;
}

/** Publishes a service with the given form in a demo body; returns its id. */
export async function createFormService(ctx: AppContext, tenantSlug: string, opts: { slug?: string; form?: ServiceForm; maxDays?: number; authLevel?: 'SpidL1' | 'SpidL2' | 'SpidL3'; officeCode?: string; workflow?: WorkflowDefinition } = {}) {
  const tenant = await ctx.services.tenants.get(tenantSlug);
  const offices = await ctx.services.tenants.offices(tenant.id);
  const office = offices.find((o) => o.code === (opts.officeCode ?? 'anagrafe')) ?? offices[0]!;
  const created = await ctx.services.catalog.create(platformAdmin(tenant.id), {
    slug: opts.slug ?? `prova-${randomUUID().slice(0, 8)}`,
    title: 'Domanda di prova', category: 'health_welfare', status: 'active',
    shortDescription: 'Un servizio con un modulo online, per le prove.', description: 'Descrizione.', audienceDescription: 'Tutti.',
    audiences: ['citizens'], lifeEvents: [], howTo: ['Compila il modulo'], requirements: ["Documento d'identità"], output: 'Una risposta',
    timeLimits: '30 giorni', maxDays: opts.maxDays ?? 30,
    access: { online: true, onlineDescription: 'Compila la domanda online', desk: false, authLevel: opts.authLevel ?? 'SpidL2' },
    conditions: '', costs: [], legalBasis: [], keywords: [], officeCode: office.code,
    form: opts.form ?? TEST_FORM,
    ...(opts.workflow ? { workflow: opts.workflow } : {}),
  } as never);
  return (created as { id: string }).id;
}

/**
 * Makes sure a demo call (a service whose form has an application window) is open today, publishing a version
 * with the window moved around today when it is not: the journeys that file for it must not stop working the
 * day the demo's call closes.
 */
export async function openDemoCall(ctx: AppContext, tenantSlug: string, serviceSlug: string) {
  const tenant = await ctx.services.tenants.get(tenantSlug);
  const service = await ctx.services.catalog.getBySlug(tenantSlug, serviceSlug);
  const form = (service.card as { form?: ServiceForm }).form;
  if (!form?.window) return;
  const now = Date.now();
  if (Date.parse(form.window.opensAt) <= now && now <= Date.parse(form.window.closesAt)) return;
  const window = { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() };
  await ctx.services.catalog.publish(platformAdmin(tenant.id), service.id, { ...service.card, form: { ...form, window } } as never);
}

/** Runs the background work until nothing is left: protocol, receipts, then automations and the documents they ask for. */
export async function runBackgroundWork(ctx: AppContext) {
  await ctx.tasks.registrar.drain();
  await ctx.tasks.receipts.drain();
  for (let i = 0; i < 3; i++) {
    await ctx.tasks.automations.drain();
    await ctx.tasks.documents.drain();
    await ctx.tasks.messagingEvents.drain();
  }
  await ctx.tasks.notifications.drain();
  await ctx.tasks.webhooks.drain();
}

/**
 * Files a new application for a service with TEST_FORM (VALID_ANSWERS and an identity document) and runs the
 * background work, so that it comes back registered; returns its id.
 */
export async function fileTestApplication(app: App, ctx: AppContext, citizen: TestSession, serviceId: string): Promise<string> {
  const draft = await app.inject(as(citizen, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
  const id = draft.json().id as string;
  await app.inject(as(citizen, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { data: VALID_ANSWERS } }));
  const boundary = '----sportello-test-application';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\ndocumento\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF(`carta ${id}`), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await app.inject(as(citizen, { method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
  if (up.statusCode !== 201) throw new Error(`upload answered ${up.statusCode}: ${up.body}`);
  const sent = await app.inject(as(citizen, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {} }));
  if (sent.statusCode !== 201) throw new Error(`submission answered ${sent.statusCode}: ${sent.body}`);
  await runBackgroundWork(ctx);
  return id;
}
