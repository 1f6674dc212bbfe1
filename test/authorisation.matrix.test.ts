import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { PERMISSIONS, type Action, type StaffRole } from '../src/server/platform/access.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, PDF, platformAdmin } from './support/forms.ts';
import { DEFAULT_WORKFLOW } from '../src/contracts/workflow.ts';
import { citizenLogin } from './support/oidc-browser.ts';

/**
 * Every route × every kind of caller × own/other tenant × own/other citizen. The expected answer comes from the
 * permission table in platform/access.ts (itself written out in access.test.ts): a route that forgets to ask,
 * or asks the wrong question, fails here. A new route without a line in CASES fails the coverage check.
 */

type Caller = 'anonymous' | 'citizen' | 'otherCitizen' | StaffRole | 'token';
const STAFF: StaffRole[] = ['operator', 'manager', 'desk', 'social_worker', 'tenant_admin', 'platform_admin'];
const CALLERS: Caller[] = ['anonymous', 'citizen', 'otherCitizen', ...STAFF, 'token'];

interface TenantWorld {
  id: string; slug: string; officeId: string; operatorId: string; loginEmail: string; tokenId: string; serviceId: string; serviceSlug: string;
  /** a service with an online form, and an application the citizen sent for it (registered, with its receipt) */
  formServiceId: string; application: { id: string; attachmentId: string; documentId: string; messageId: string; messageFileId: string };
  /** a webhook subscription of the body and one of its deliveries */
  webhook: { id: string; deliveryId: string };
}

interface World {
  own: TenantWorld;
  other: TenantWorld;
  delegationId: string;
  /** registered by the other citizen, naming the citizen as the person delegating */
  givenDelegationId: string;
  /** a fresh role grant to remove (each DELETE needs its own) */
  freshRole: (tenant: 'own' | 'other') => Promise<{ operatorId: string; roleId: string }>;
  /** a ready answer of the body's (each DELETE needs its own) */
  replyTemplate: (tenant: 'own' | 'other') => Promise<string>;
  /** a failed e-mail of the body's, to resend (each resend needs its own) */
  failedMessage: (tenant: 'own' | 'other') => Promise<string>;
  // the desk: appointments
  /** per body: a calendar at its first office, a citizen's appointment there, free slots to book and move to, another office of the body */
  appointments: Record<'own' | 'other', { calendarId: string; appointmentId: string; startsAt: string; moveTo: string; siblingOfficeId: string }>;
  /** the rules of those calendars (open every day from 08:00 to 20:00, bookable at once and a year ahead) */
  appointmentCalendar: { name: string; weeklyHours: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; from: string; to: string }[]; slotMinutes: number; capacity: number;
    bufferMinutes: number; minNoticeHours: number; horizonDays: number; closures: never[]; categoryId: null; active: boolean };
  // the desk: queue and reception
  // queue: per body, at its first office: a category, a counter serving it (open, with a called ticket), a kiosk, an appointment of now with its check-in code
  queue: Record<'own' | 'other', { categoryId: string; counterId: string; ticketId: string; deviceId: string; checkInCode: string }>;
  // payments: per body, a debt of the citizen's still due and one paid through the simulator
  payments: Record<'own' | 'other', { dueId: string; paidId: string }>;
  /** a fresh debt of the citizen's in the body (each cancel needs its own) */
  freshDebt: (tenant: 'own' | 'other') => Promise<string>;
  /** a fresh debt of the citizen's, paid (each refund needs its own) */
  freshPaid: (tenant: 'own' | 'other') => Promise<string>;
}

/** How a route is called: `where` = whose tenant's (or citizen's) object it names. */
interface Case {
  /** `operatorSession`: an operator's own signed-in session only (citizens and API tokens get 403) */
  access: 'public' | 'session' | 'operatorSession' | Action;
  /** a public route that gives everyone the same answer, whoever asks */
  answer?: number;
  /** the route names a tenant: call it for the caller's own tenant and for another */
  tenant?: boolean;
  /** the route names a citizen's object: call it as its owner and as another citizen */
  citizenObject?: boolean;
  /** a citizen's object that the offices handling it also reach with this action (in their own tenant, not another's) */
  handledBy?: Action;
  request: (w: World, where: 'own' | 'other') => Promise<InjectOptions> | InjectOptions;
}

const office = (tag: string) => ({
  code: `matrice-${tag}`, name: `Ufficio matrice ${tag}`, address: 'Via Roma 1', postalCode: '24029', city: 'Castelrocca', province: 'BG',
  openingHours: [{ days: [1, 2, 3], opens: '09:00', closes: '12:00' }],
});

const CASES: Record<string, Case> = {
  'GET /api/v1/status': { access: 'public', request: () => ({ url: '/api/v1/status' }) },
  'GET /health': { access: 'public', request: () => ({ url: '/health' }) },
  'GET /ready': { access: 'public', request: () => ({ url: '/ready' }) },
  // what is kept and for how long: the same for everyone
  'GET /api/v1/retention-rules': { access: 'public', request: () => ({ url: '/api/v1/retention-rules' }) },
  'GET /metrics': { access: 'public', request: () => ({ url: '/metrics' }) },
  'GET /openapi.json': { access: 'public', request: () => ({ url: '/openapi.json' }) },
  'GET /api/v1/tenants': { access: 'public', request: () => ({ url: '/api/v1/tenants' }) },
  'GET /api/v1/tenants/:tenantId': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].slug}` }) },
  'GET /api/v1/tenants/:tenantId/offices': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].slug}/offices` }) },
  'GET /api/v1/tenants/:tenantId/associations': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/associations` }) },
  'GET /api/v1/services': { access: 'public', request: () => ({ url: '/api/v1/services?q=residenza' }) },
  'GET /api/v1/services/:serviceId': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/services/${w[x].serviceId}` }) },
  'GET /api/v1/tenants/:tenantId/services/:serviceSlug': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].slug}/services/${w[x].serviceSlug}` }) },
  'GET /api/v1/catalog.jsonld': { access: 'public', request: (w) => ({ url: `/api/v1/catalog.jsonld?tenant=${w.own.slug}` }) },
  'GET /api/v1/catalog.ttl': { access: 'public', request: (w) => ({ url: `/api/v1/catalog.ttl?tenant=${w.own.slug}` }) },
  'GET /auth/providers': { access: 'public', request: () => ({ url: '/auth/providers' }) },
  'GET /auth/login': { access: 'public', request: () => ({ url: '/auth/login?level=SpidL2' }) },
  'GET /auth/callback': { access: 'public', request: () => ({ url: '/auth/callback?code=x&state=y' }) },
  'POST /auth/operator/login': {
    access: 'public', request: (w) => ({ method: 'POST', url: '/auth/operator/login', payload: { email: w.own.loginEmail, password: 'Password-bersaglio-1' } }),
  },
  // a forged challenge gets the same 401 whoever sends it
  'POST /auth/operator/totp': {
    access: 'public', answer: 401, request: () => ({ method: 'POST', url: '/auth/operator/totp', payload: { challenge: 'forged.challenge', code: '123456' } }),
  },
  // a forged challenge gets the same 401 whoever sends it
  'POST /auth/operator/password': {
    access: 'public', answer: 401,
    request: () => ({ method: 'POST', url: '/auth/operator/password', payload: { challenge: 'forged.challenge', newPassword: 'Una-password-nuova-e-lunga' } }),
  },
  // logout is answered to anyone; sessions are spared by giving it none (see the call below)
  'POST /auth/logout': { access: 'public', request: () => ({ method: 'POST', url: '/auth/logout', cookies: { sportello_session: '' } }) },
  'GET /api/v1/me': { access: 'session', request: () => ({ url: '/api/v1/me' }) },
  // each staff account changes its password once, from the matrix's own session (which stays signed in)
  'POST /api/v1/me/password': {
    access: 'operatorSession',
    request: () => ({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'Password-matrice-1', newPassword: 'Matrice-seconda-parola-2' } }),
  },

  // applications come before POST /api/v1/associations, whose call makes the own body serve the other one
  'GET /api/v1/services/:serviceId/form': { access: 'public', request: (w) => ({ url: `/api/v1/services/${w.own.formServiceId}/form` }) },
  'POST /api/v1/applications': { access: 'application.apply', request: (w) => ({ method: 'POST', url: '/api/v1/applications', payload: { serviceId: w.own.formServiceId } }) },
  'GET /api/v1/applications': { access: 'application.apply', handledBy: 'application.handle', request: () => ({ url: '/api/v1/applications' }) },
  'GET /api/v1/applications/:applicationId': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle', request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}` }),
  },
  'PATCH /api/v1/applications/:applicationId': {
    access: 'application.apply', citizenObject: true,
    request: (w) => ({ method: 'PATCH', url: `/api/v1/applications/${w.own.application.id}`, payload: { currentStep: 'alloggio' } }),
  },
  'POST /api/v1/applications/:applicationId/attachments': {
    access: 'application.apply', citizenObject: true, request: (w) => applicationUpload(w.own.application.id),
  },
  'GET /api/v1/applications/:applicationId/attachments/:attachmentId': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/attachments/${w[x].application.attachmentId}` }),
  },
  'DELETE /api/v1/applications/:applicationId/attachments/:attachmentId': {
    access: 'application.apply', citizenObject: true,
    request: (w) => ({ method: 'DELETE', url: `/api/v1/applications/${w.own.application.id}/attachments/${w.own.application.attachmentId}` }),
  },
  'POST /api/v1/applications/:applicationId/submit': {
    access: 'application.apply', citizenObject: true, request: (w) => ({ method: 'POST', url: `/api/v1/applications/${w.own.application.id}/submit`, payload: {} }),
  },
  'GET /api/v1/applications/:applicationId/history': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle', request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/history` }),
  },
  'GET /api/v1/applications/:applicationId/documents/:documentId': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/documents/${w[x].application.documentId}` }),
  },
  // withdrawing: the citizen may (the second time it is a 409); for the office it is not a step it takes (409)
  'POST /api/v1/applications/:applicationId/transitions/:action': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ method: 'POST', url: `/api/v1/applications/${w[x].application.id}/transitions/withdraw`, payload: {} }),
  },
  // the office asks a payment: the application was withdrawn just above, so the offices allowed get past the
  // permission to a 409 (before POST /api/v1/associations, like the other cases of application.handle)
  'POST /api/v1/applications/:applicationId/payment-request': {
    access: 'application.handle', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/applications/${w[x].application.id}/payment-request`,
      payload: { description: 'Diritti', items: [{ label: 'Diritti', amountCents: 100, kind: 'diritti' }], dueDate: '2099-12-31' } }),
  },
  // the office's own work on an application: a citizen (even its owner) finds no such thing
  'GET /api/v1/applications/counts': { access: 'application.handle', request: () => ({ url: '/api/v1/applications/counts' }) },
  'GET /api/v1/applications/:applicationId/assignees': {
    access: 'application.handle', tenant: true, request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/assignees` }),
  },
  'POST /api/v1/applications/:applicationId/notes': {
    access: 'application.handle', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/applications/${w[x].application.id}/notes`, payload: { text: 'Nota della matrice' } }),
  },
  'PUT /api/v1/applications/:applicationId/checklist/:itemId': {
    access: 'application.handle', tenant: true, request: (w, x) => ({ method: 'PUT', url: `/api/v1/applications/${w[x].application.id}/checklist/verifica`, payload: { done: true } }),
  },
  'GET /api/v1/applications/:applicationId/messages': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle', request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/messages` }),
  },
  'POST /api/v1/applications/:applicationId/messages': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ method: 'POST', url: `/api/v1/applications/${w[x].application.id}/messages`, payload: { body: 'Una domanda' } }),
  },
  'POST /api/v1/applications/:applicationId/messages/read': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ method: 'POST', url: `/api/v1/applications/${w[x].application.id}/messages/read`, payload: {} }),
  },
  'GET /api/v1/applications/:applicationId/messages/:messageId/files/:fileId': {
    access: 'application.apply', citizenObject: true, handledBy: 'application.handle',
    request: (w, x) => ({ url: `/api/v1/applications/${w[x].application.id}/messages/${w[x].application.messageId}/files/${w[x].application.messageFileId}` }),
  },
  'GET /api/v1/reply-templates': { access: 'reply_templates.read', request: () => ({ url: '/api/v1/reply-templates' }) },
  'POST /api/v1/reply-templates': {
    access: 'reply_templates.manage', request: () => ({ method: 'POST', url: '/api/v1/reply-templates', payload: { title: `Risposta ${randomUUID()}`, body: 'Testo' } }),
  },
  'PUT /api/v1/reply-templates/:templateId': {
    access: 'reply_templates.manage', request: async (w) => ({ method: 'PUT', url: `/api/v1/reply-templates/${await w.replyTemplate('own')}`, payload: { title: `Risposta ${randomUUID()}`, body: 'Testo nuovo' } }),
  },
  'DELETE /api/v1/reply-templates/:templateId': {
    access: 'reply_templates.manage', request: async (w) => ({ method: 'DELETE', url: `/api/v1/reply-templates/${await w.replyTemplate('own')}` }),
  },
  'GET /api/v1/me/notifications': { access: 'session', request: () => ({ url: '/api/v1/me/notifications' }) },
  'GET /api/v1/me/access-log': { access: 'profile.read', request: () => ({ url: '/api/v1/me/access-log' }) },
  'GET /api/v1/me/access-log.csv': { access: 'profile.read', request: () => ({ url: '/api/v1/me/access-log.csv' }) },
  'GET /api/v1/me/favourites': { access: 'profile.read', request: () => ({ url: '/api/v1/me/favourites' }) },
  'GET /api/v1/me/profiles': { access: 'profile.read', request: () => ({ url: '/api/v1/me/profiles' }) },
  'PUT /api/v1/me/favourites/:serviceId': { access: 'profile.read', request: (w) => ({ method: 'PUT', url: `/api/v1/me/favourites/${w.own.formServiceId}` }) },
  // the matrix citizen lives in no demo comune: asking answers 409 (no register holds them); the other citizen gets one
  'POST /api/v1/me/certificates': { access: 'profile.read', request: () => ({ method: 'POST', url: '/api/v1/me/certificates', payload: { kind: 'residence' } }) },
  'GET /api/v1/me/certificates': { access: 'profile.read', request: () => ({ url: '/api/v1/me/certificates' }) },
  'GET /api/v1/me/certificates/:certificateId/file': {
    access: 'profile.read', citizenObject: true,
    request: async (w) => ({ url: `/api/v1/me/certificates/${await (await import('./support/certificates.ts')).storedCertificate(t, { tenantId: w.own.id, officeId: w.own.officeId, identity: 'luca-moretti' })}/file` }),
  },
  // each call revokes a certificate of its own (a second revocation would be a 409)
  'POST /api/v1/me/certificates/:certificateId/revoke': {
    access: 'profile.read', citizenObject: true,
    request: async (w) => ({ method: 'POST', payload: { reason: 'Smarrito' },
      url: `/api/v1/me/certificates/${await (await import('./support/certificates.ts')).storedCertificate(t, { tenantId: w.own.id, officeId: w.own.officeId, identity: 'luca-moretti' })}/revoke` }),
  },
  // issued by the office the matrix's operators work in (the registry office's operators may revoke)
  'POST /api/v1/certificates/:certificateId/revoke': {
    access: 'certificates.revoke', tenant: true,
    request: async (w, x) => ({ method: 'POST', payload: { reason: 'Dati variati' },
      url: `/api/v1/certificates/${await (await import('./support/certificates.ts')).storedCertificate(t, { tenantId: w[x].id, officeId: w[x].officeId, identity: 'luca-moretti' })}/revoke` }),
  },
  'GET /api/v1/me/data': { access: 'profile.read', request: () => ({ url: '/api/v1/me/data' }) },
  // everything held about the citizen; JSON (the PDF is the same route and answer to the same callers)
  'GET /api/v1/me/export': { access: 'profile.read', request: () => ({ url: '/api/v1/me/export' }) },
  'PATCH /api/v1/me/contacts': { access: 'profile.read', request: () => ({ method: 'PATCH', url: '/api/v1/me/contacts', payload: { pec: 'matrice@pec.example.org' } }) },
  'GET /api/v1/me/data/reports': { access: 'profile.read', request: () => ({ url: '/api/v1/me/data/reports' }) },
  // neither citizen of the matrix lives in the own body: each gets a record there first (a second report on the item is a 409)
  'POST /api/v1/me/data/reports': {
    access: 'profile.read',
    request: async (w) => {
      const { findTestIdentity } = await import('../src/server/modules/identity/test-idp/identities.ts');
      await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('registry_people').values(['luca-moretti', 'sara-villa'].map((id, i) => {
        const p = findTestIdentity(id)!;
        return { tenant_id: w.own.id, fiscal_code: p.fiscalCode, given_name: p.givenName, family_name: p.familyName, sex: p.sex, birth_date: p.birthDate,
          birth_place: 'Bergamo', address: 'Via Roma 1, 24029 Castelrocca (BG)', family_id: `MATRICE-${i}`, family_relation: 'intestatario' };
      })).onConflict((oc) => oc.doNothing()).execute());
      return { method: 'POST', url: '/api/v1/me/data/reports', payload: { tenantId: w.own.id, item: 'registry.address', correction: 'Via Roma 2' } };
    },
  },
  'GET /api/v1/data-reports': { access: 'data_reports.handle', request: () => ({ url: '/api/v1/data-reports' }) },
  'GET /api/v1/data-reports/counts': { access: 'data_reports.handle', request: () => ({ url: '/api/v1/data-reports/counts' }) },
  // each call takes a fresh report (of a fresh person) of the body, sent to the office of the matrix's operator
  'POST /api/v1/data-reports/:reportId/transitions/:action': {
    access: 'data_reports.handle', tenant: true,
    request: async (w, x) => {
      const id = await inScope(t.database.db, { platform: true }, async (trx) => {
        const citizen = await trx.insertInto('citizens').values({ fiscal_code: `MTRX${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
          given_name: 'Persona', family_name: 'Matrice' }).returning(['id', 'fiscal_code']).executeTakeFirstOrThrow();
        return (await trx.insertInto('data_reports').values({ tenant_id: w[x].id, citizen_id: citizen.id, subject_fiscal_code: citizen.fiscal_code,
          subject_name: 'Persona Matrice', office_id: w[x].officeId, item: 'registry.citizenship', shown_value: 'italiana', correction: 'Altra',
          created_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;
      });
      return { method: 'POST', url: `/api/v1/data-reports/${id}/transitions/take`, payload: {} };
    },
  },
  'GET /api/v1/me/recommendations': { access: 'profile.read', request: () => ({ url: '/api/v1/me/recommendations' }) },
  // each call dismisses a fresh alert of the citizen's (Luca Moretti); the other citizen asking for it gets 404
  'POST /api/v1/me/recommendations/:recommendationId/dismiss': {
    access: 'profile.read', citizenObject: true,
    request: async () => ({ method: 'POST', url: `/api/v1/me/recommendations/${await inScope(t.database.db, { platform: true }, async (trx) => {
      const owner = await trx.selectFrom('citizens').select(['id', 'fiscal_code']).where('given_name', '=', 'Luca').where('family_name', '=', 'Moretti').executeTakeFirstOrThrow();
      const rule = await trx.selectFrom('recommendation_rules').select('id').where('key', '=', 'carta-identita').where('tenant_id', 'is', null).executeTakeFirstOrThrow();
      return (await trx.insertInto('recommendations').values({ citizen_id: owner.id, rule_id: rule.id, kind: 'deadline', dedupe_key: `matrice:${randomUUID()}`, tenant_id: null,
        title: 'Avviso della matrice', message: 'Avviso di prova', reason: 'Prova', link: '/', subject_fiscal_code: owner.fiscal_code, subject_name: 'Luca Moretti',
        relevant_from: '2020-01-01', expires_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    })}/dismiss` }),
  },
  'GET /api/v1/me/recommendations/preferences': { access: 'profile.read', request: () => ({ url: '/api/v1/me/recommendations/preferences' }) },
  'PUT /api/v1/me/recommendations/preferences': {
    access: 'profile.read', request: () => ({ method: 'PUT', url: '/api/v1/me/recommendations/preferences', payload: { kinds: { life_event: true, deadline: true, payment: true, favourite: true } } }),
  },
  'GET /api/v1/admin/recommendation-rules': { access: 'recommendations.manage', request: () => ({ url: '/api/v1/admin/recommendation-rules' }) },
  'PUT /api/v1/admin/recommendation-rules/:ruleKey': {
    access: 'recommendations.manage',
    request: () => ({ method: 'PUT', url: '/api/v1/admin/recommendation-rules/matrice-prova', payload: { condition: { type: 'favourite_changed', withinDays: 30 },
      title: 'Novità: {{servizio}}', message: 'Aggiornato il {{data}}.', reason: 'È tra i tuoi preferiti.', link: '{{link_servizio}}', active: true } }),
  },
  'DELETE /api/v1/me/favourites/:serviceId': { access: 'profile.read', request: (w) => ({ method: 'DELETE', url: `/api/v1/me/favourites/${w.own.formServiceId}` }) },
  'GET /api/v1/me/preferences': { access: 'profile.read', request: () => ({ url: '/api/v1/me/preferences' }) },
  'PUT /api/v1/me/preferences': {
    access: 'profile.read',
    request: () => ({ method: 'PUT', url: '/api/v1/me/preferences', payload: { language: 'it', contacts: { email: 'matrice@example.org', phone: null, pec: null }, channels: {} } }),
  },
  'GET /api/v1/admin/message-templates': { access: 'messages.manage', request: () => ({ url: '/api/v1/admin/message-templates' }) },
  'PUT /api/v1/admin/message-templates/:kind/:channel/:language': {
    access: 'messages.manage',
    request: () => ({ method: 'PUT', url: '/api/v1/admin/message-templates/receipt/email/it', payload: { subject: 'Ricevuta {{codice}}', body: 'Abbiamo ricevuto la domanda {{codice}}: {{link}}' } }),
  },
  'DELETE /api/v1/admin/message-templates/:kind/:channel/:language': {
    access: 'messages.manage', request: () => ({ method: 'DELETE', url: '/api/v1/admin/message-templates/receipt/email/it' }),
  },
  'POST /api/v1/admin/message-templates/preview': {
    access: 'messages.manage',
    request: () => ({ method: 'POST', url: '/api/v1/admin/message-templates/preview', payload: { kind: 'receipt', channel: 'io', language: 'it', subject: 'Ricevuta {{codice}}', body: 'Ricevuta.' } }),
  },
  'GET /api/v1/admin/notifications': { access: 'messages.manage', request: () => ({ url: '/api/v1/admin/notifications' }) },
  // each call resends a message of its own (a resent one is queued again, and a second resend would be refused)
  'POST /api/v1/admin/notifications/:notificationId/resend': {
    access: 'messages.manage', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/admin/notifications/${await w.failedMessage(x)}/resend` }),
  },
  'GET /api/v1/dev/mailbox': { access: 'public', request: () => ({ url: '/api/v1/dev/mailbox' }) },
  'POST /api/v1/me/notifications/read': { access: 'session', request: () => ({ method: 'POST', url: '/api/v1/me/notifications/read', payload: {} }) },
  'GET /api/v1/admin/jobs': { access: 'jobs.read', request: () => ({ url: '/api/v1/admin/jobs' }) },
  'POST /api/v1/applications/:applicationId/rating': {
    access: 'application.apply', citizenObject: true, request: (w) => ({ method: 'POST', url: `/api/v1/applications/${w.own.application.id}/rating`, payload: { score: 5 } }),
  },
  // the dashboard names its body in ?tenant= (before POST /api/v1/associations, which makes the own body serve the other)
  'GET /api/v1/analytics/applications': { access: 'analytics.read', tenant: true, request: (w, x) => ({ url: `/api/v1/analytics/applications?tenant=${w[x].id}` }) },
  'GET /api/v1/analytics/applications.csv': { access: 'analytics.read', tenant: true, request: (w, x) => ({ url: `/api/v1/analytics/applications.csv?tenant=${w[x].id}` }) },
  'GET /api/v1/analytics/applications.xlsx': { access: 'analytics.read', tenant: true, request: (w, x) => ({ url: `/api/v1/analytics/applications.xlsx?tenant=${w[x].id}` }) },
  'GET /api/v1/analytics/filters': { access: 'analytics.read', tenant: true, request: (w, x) => ({ url: `/api/v1/analytics/filters?tenant=${w[x].id}` }) },
  'GET /api/v1/verifications/:code': { access: 'public', request: () => ({ url: '/api/v1/verifications/AAAA-BBBB-CCCC' }) },
  'GET /verify/:code': { access: 'public', request: () => ({ url: '/verify/AAAA-BBBB-CCCC' }) },

  'POST /api/v1/services': {
    access: 'catalog.create',
    request: async (w) => ({ method: 'POST', url: '/api/v1/services',
      payload: { ...(await currentCard(w.own.serviceId) as object), slug: `matrice-${randomUUID().slice(0, 8)}`, title: 'Servizio di prova della matrice' } }),
  },
  'POST /api/v1/services/:serviceId/versions': {
    access: 'catalog.publish', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/services/${w[x].serviceId}/versions`, payload: (await currentCard(w[x].serviceId)) as object }),
  },
  'POST /api/v1/tenants': {
    access: 'tenant.create',
    request: () => {
      const n = randomUUID().slice(0, 6);
      return { method: 'POST', url: '/api/v1/tenants', payload: { slug: `comune-matrice-${n}`, name: `Comune Matrice ${n}`, type: 'comune',
        fiscalCode: '00000000000', ipaCode: `c_m${n}`, aooCode: 'AOO1' } };
    },
  },
  'POST /api/v1/associations': {
    access: 'association.manage',
    request: (w) => ({ method: 'POST', url: '/api/v1/associations', payload: { leadTenantId: w.own.id, memberTenantId: w.other.id, description: 'Gestione associata di prova' } }),
  },
  'POST /api/v1/tenants/:tenantId/offices': {
    access: 'office.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/offices`, payload: office(randomUUID().slice(0, 8)) }),
  },
  'PATCH /api/v1/tenants/:tenantId/offices/:officeId': {
    access: 'office.manage', tenant: true,
    request: (w, x) => ({ method: 'PATCH', url: `/api/v1/tenants/${w[x].id}/offices/${w[x].officeId}`, payload: { phone: '035 000000' } }),
  },
  'GET /api/v1/tenants/:tenantId/privacy': { access: 'office.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/privacy` }) },
  'PATCH /api/v1/tenants/:tenantId/privacy': {
    access: 'office.manage', tenant: true,
    request: (w, x) => ({ method: 'PATCH', url: `/api/v1/tenants/${w[x].id}/privacy`, payload: { accessLogNamesOperators: true } }),
  },
  'GET /api/v1/tenants/:tenantId/operators': { access: 'operator.read', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/operators` }) },
  'GET /api/v1/tenants/:tenantId/operators/:operatorId': {
    access: 'operator.read', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/operators/${w[x].operatorId}` }),
  },
  'POST /api/v1/tenants/:tenantId/operators': {
    access: 'operator.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/operators`,
      payload: { email: `matrice-${randomUUID().slice(0, 8)}@example.org`, name: 'Operatore Matrice', grants: [{ role: 'operator', officeId: w[x].officeId }] } }),
  },
  'PATCH /api/v1/tenants/:tenantId/operators/:operatorId': {
    access: 'operator.manage', tenant: true,
    request: (w, x) => ({ method: 'PATCH', url: `/api/v1/tenants/${w[x].id}/operators/${w[x].operatorId}`, payload: { disabled: true } }),
  },
  'POST /api/v1/tenants/:tenantId/operators/:operatorId/roles': {
    access: 'operator.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/operators/${w[x].operatorId}/roles`, payload: { role: 'manager' } }),
  },
  'DELETE /api/v1/tenants/:tenantId/operators/:operatorId/roles/:roleId': {
    access: 'operator.manage', tenant: true,
    request: async (w, x) => {
      const r = await w.freshRole(x);
      return { method: 'DELETE', url: `/api/v1/tenants/${w[x].id}/operators/${r.operatorId}/roles/${r.roleId}` };
    },
  },
  'POST /api/v1/tenants/:tenantId/operators/:operatorId/totp-reset': {
    access: 'operator.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/operators/${w[x].operatorId}/totp-reset`, payload: {} }),
  },
  'GET /api/v1/tenants/:tenantId/tokens': { access: 'token.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/tokens` }) },
  'POST /api/v1/tenants/:tenantId/tokens': {
    access: 'token.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/tokens`, payload: { name: 'matrice', role: 'operator', days: 1 } }),
  },
  'POST /api/v1/tenants/:tenantId/tokens/:tokenId/revoke': {
    access: 'token.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/tenants/${w[x].id}/tokens/${w[x].tokenId}/revoke`, payload: {} }),
  },
  'GET /api/v1/webhooks': { access: 'webhooks.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/webhooks?tenant=${w[x].id}` }) },
  'GET /api/v1/webhooks/filters': { access: 'webhooks.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/webhooks/filters?tenant=${w[x].id}` }) },
  'POST /api/v1/webhooks': {
    access: 'webhooks.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/webhooks?tenant=${w[x].id}`, payload: { url: 'https://matrice.example.org/altro', events: ['it.sportello.payment.completed'] } }),
  },
  'GET /api/v1/webhooks/:subscriptionId': { access: 'webhooks.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/webhooks/${w[x].webhook.id}` }) },
  'PATCH /api/v1/webhooks/:subscriptionId': {
    access: 'webhooks.manage', tenant: true, request: (w, x) => ({ method: 'PATCH', url: `/api/v1/webhooks/${w[x].webhook.id}`, payload: { description: 'matrice' } }),
  },
  'POST /api/v1/webhooks/:subscriptionId/secret': { access: 'webhooks.manage', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/webhooks/${w[x].webhook.id}/secret` }) },
  'GET /api/v1/webhooks/:subscriptionId/deliveries': { access: 'webhooks.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/webhooks/${w[x].webhook.id}/deliveries` }) },
  'GET /api/v1/webhooks/:subscriptionId/deliveries/:deliveryId': {
    access: 'webhooks.manage', tenant: true, request: (w, x) => ({ url: `/api/v1/webhooks/${w[x].webhook.id}/deliveries/${w[x].webhook.deliveryId}` }),
  },
  'POST /api/v1/webhooks/:subscriptionId/deliveries/:deliveryId/redeliver': {
    access: 'webhooks.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/webhooks/${w[x].webhook.id}/deliveries/${w[x].webhook.deliveryId}/redeliver` }),
  },
  'GET /api/v1/tenants/:tenantId/audit': { access: 'audit.read', tenant: true, request: (w, x) => ({ url: `/api/v1/tenants/${w[x].id}/audit` }) },

  'GET /api/v1/me/subjects': { access: 'subject.choose', request: () => ({ url: '/api/v1/me/subjects' }) },
  'PUT /api/v1/me/acting-for': { access: 'subject.choose', request: () => ({ method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'self', id: SELF_PLACEHOLDER } }) },
  'GET /api/v1/me/delegations': { access: 'delegation.manage', request: () => ({ url: '/api/v1/me/delegations' }) },
  'POST /api/v1/me/delegations': { access: 'delegation.manage', request: () => delegationUpload() },
  'GET /api/v1/me/delegations-given': { access: 'delegation.manage', request: () => ({ url: '/api/v1/me/delegations-given' }) },
  'POST /api/v1/me/delegations-given/:delegationId/revoke': {
    access: 'delegation.manage', citizenObject: true,
    // the caller is the person named as delegating; the other citizen (who registered it) is not, here
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/me/delegations-given/${x === 'own' ? await freshGiven() : w.givenDelegationId}/revoke`, payload: {} }),
  },
  'GET /api/v1/me/delegations/:delegationId/document': {
    access: 'delegation.manage', citizenObject: true, request: (w) => ({ url: `/api/v1/me/delegations/${w.delegationId}/document` }),
  },
  'POST /api/v1/me/delegations/:delegationId/revoke': {
    access: 'delegation.manage', citizenObject: true,
    // revoking twice answers 404 the second time: the owner's call is checked on a fresh delegation each time
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/me/delegations/${x === 'own' ? await freshDelegation() : w.delegationId}/revoke`, payload: {} }),
  },

  // the desk: appointments
  'GET /api/v1/services/:serviceId/booking-offices': { access: 'public', request: (w) => ({ url: `/api/v1/services/${w.own.serviceId}/booking-offices` }) },
  'GET /api/v1/offices/:officeId/slots': { access: 'public', request: (w) => ({ url: `/api/v1/offices/${w.own.officeId}/slots?service=${w.own.serviceId}` }) },
  // a citizen books for themselves, the office's reception for a person (the citizen's call does not use channel and person); a full slot is a 409
  'POST /api/v1/appointments': {
    access: 'appointment.book', handledBy: 'desk.reception',
    request: (w) => ({ method: 'POST', url: '/api/v1/appointments', payload: { serviceId: w.own.serviceId, officeId: w.own.officeId,
      startsAt: w.appointments.own.startsAt, reason: 'Matrice', channel: 'phone', person: { name: 'Persona Matrice' } } }),
  },
  'GET /api/v1/appointments': {
    access: 'appointment.book', handledBy: 'desk.reception', request: (w) => ({ url: `/api/v1/appointments?office=${w.own.officeId}` }),
  },
  'GET /api/v1/appointments/:appointmentId': {
    access: 'appointment.book', citizenObject: true, handledBy: 'desk.reception', request: (w, x) => ({ url: `/api/v1/appointments/${w.appointments[x].appointmentId}` }),
  },
  'GET /api/v1/appointments/:appointmentId/qr.svg': {
    access: 'appointment.book', citizenObject: true, handledBy: 'desk.reception', request: (w, x) => ({ url: `/api/v1/appointments/${w.appointments[x].appointmentId}/qr.svg` }),
  },
  'POST /api/v1/appointments/:appointmentId/move': {
    access: 'appointment.book', citizenObject: true, handledBy: 'desk.reception',
    request: (w, x) => ({ method: 'POST', url: `/api/v1/appointments/${w.appointments[x].appointmentId}/move`, payload: { startsAt: w.appointments[x].moveTo } }),
  },
  // the owner's call cancels it; the office's next ones find it cancelled (409)
  'POST /api/v1/appointments/:appointmentId/cancel': {
    access: 'appointment.book', citizenObject: true, handledBy: 'desk.reception',
    request: (w, x) => ({ method: 'POST', url: `/api/v1/appointments/${w.appointments[x].appointmentId}/cancel`, payload: {} }),
  },
  // the desk operator's own office (another office's calendars are refused to them: test/desk.appointments.test.ts)
  'GET /api/v1/offices/:officeId/calendars': {
    access: 'desk.read', tenant: true, request: (w, x) => ({ url: `/api/v1/offices/${w[x].officeId}/calendars` }),
  },
  'POST /api/v1/offices/:officeId/calendars': {
    access: 'desk.configure', tenant: true,
    request: (w, x) => ({ method: 'POST', url: `/api/v1/offices/${w[x].officeId}/calendars`, payload: { ...w.appointmentCalendar, name: 'Matrice (altro)', serviceIds: [] } }),
  },
  'PUT /api/v1/calendars/:calendarId': {
    access: 'desk.configure', tenant: true,
    request: (w, x) => ({ method: 'PUT', url: `/api/v1/calendars/${w.appointments[x].calendarId}`, payload: { ...w.appointmentCalendar, serviceIds: [w[x].serviceId] } }),
  },
  // the desk: queue and reception
  // queue: the display and the queues are public; the desk's lists are read by whoever configures the desk or works at it (see the set-up)
  'GET /api/v1/queues': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/queues?office=${w[x].officeId}` }) }, // queue
  'GET /api/v1/offices/:officeId/display': { access: 'public', tenant: true, request: (w, x) => ({ url: `/api/v1/offices/${w[x].officeId}/display` }) }, // queue
  'GET /api/v1/offices/:officeId/desk-categories': { access: 'desk.read', tenant: true, request: (w, x) => ({ url: `/api/v1/offices/${w[x].officeId}/desk-categories` }) }, // queue
  'GET /api/v1/offices/:officeId/counters': { access: 'desk.read', tenant: true, request: (w, x) => ({ url: `/api/v1/offices/${w[x].officeId}/counters` }) }, // queue
  // creating twice with the same letter or name is a 409, after the permission check
  'POST /api/v1/offices/:officeId/desk-categories': { // queue
    access: 'desk.configure', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/offices/${w[x].officeId}/desk-categories`, payload: { prefix: 'M', name: 'Matrice' } }),
  },
  'PUT /api/v1/desk-categories/:categoryId': { // queue
    access: 'desk.configure', tenant: true, request: (w, x) => ({ method: 'PUT', url: `/api/v1/desk-categories/${w.queue[x].categoryId}`, payload: { prefix: 'Q', name: 'Coda della matrice' } }),
  },
  'POST /api/v1/offices/:officeId/counters': { // queue
    access: 'desk.configure', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/offices/${w[x].officeId}/counters`, payload: { name: 'Sportello matrice 2', categoryIds: [] } }),
  },
  'PUT /api/v1/counters/:counterId': { // queue
    access: 'desk.configure', tenant: true,
    request: (w, x) => ({ method: 'PUT', url: `/api/v1/counters/${w.queue[x].counterId}`, payload: { name: 'Sportello matrice', categoryIds: [w.queue[x].categoryId] } }),
  },
  'GET /api/v1/counters/:counterId': { access: 'desk.serve', tenant: true, request: (w, x) => ({ url: `/api/v1/counters/${w.queue[x].counterId}` }) }, // queue
  // the counter stays open (the matrix's desk operator and manager take it over in turn); its called ticket makes close and call-next a 409
  'POST /api/v1/counters/:counterId/open': { access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/counters/${w.queue[x].counterId}/open`, payload: {} }) }, // queue
  'POST /api/v1/counters/:counterId/close': { access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/counters/${w.queue[x].counterId}/close`, payload: {} }) }, // queue
  'POST /api/v1/counters/:counterId/call-next': { // queue
    access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/counters/${w.queue[x].counterId}/call-next`, payload: {} }),
  },
  // one called ticket per body: the first allowed call changes it, the next ones find it in another state (409)
  'POST /api/v1/tickets/:ticketId/recall': { access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/tickets/${w.queue[x].ticketId}/recall`, payload: {} }) }, // queue
  'POST /api/v1/tickets/:ticketId/transfer': { // queue
    access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/tickets/${w.queue[x].ticketId}/transfer`, payload: { counterId: w.queue[x].counterId } }),
  },
  'POST /api/v1/tickets/:ticketId/served': { access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/tickets/${w.queue[x].ticketId}/served`, payload: {} }) }, // queue
  'POST /api/v1/tickets/:ticketId/no-show': { access: 'desk.serve', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/tickets/${w.queue[x].ticketId}/no-show`, payload: {} }) }, // queue
  // a kiosk (X-Desk-Device) may too: tested in desk.queue.test.ts; here the people
  'POST /api/v1/tickets': { // queue
    access: 'desk.reception', tenant: true, request: (w, x) => ({ method: 'POST', url: '/api/v1/tickets', payload: { officeId: w[x].officeId, categoryId: w.queue[x].categoryId } }),
  },
  'POST /api/v1/appointments/check-in': { // queue
    access: 'desk.reception', tenant: true, request: (w, x) => ({ method: 'POST', url: '/api/v1/appointments/check-in', payload: { code: w.queue[x].checkInCode } }),
  },
  'GET /api/v1/offices/:officeId/devices': { access: 'desk.configure', tenant: true, request: (w, x) => ({ url: `/api/v1/offices/${w[x].officeId}/devices` }) }, // queue
  'POST /api/v1/offices/:officeId/devices': { // queue
    access: 'desk.configure', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/offices/${w[x].officeId}/devices`, payload: { kind: 'kiosk', name: 'Totem matrice' } }),
  },
  'POST /api/v1/desk-devices/:deviceId/revoke': { // queue
    access: 'desk.configure', tenant: true, request: (w, x) => ({ method: 'POST', url: `/api/v1/desk-devices/${w.queue[x].deviceId}/revoke`, payload: {} }),
  },
  // a floor device's own routes: without a device key (X-Desk-Device) nobody, signed in or not, gets past 401
  'GET /api/v1/desk-devices/me': { access: 'public', answer: 401, request: () => ({ url: '/api/v1/desk-devices/me' }) }, // queue
  'GET /api/v1/desk-devices/me/rating-target': { access: 'public', answer: 401, request: () => ({ url: '/api/v1/desk-devices/me/rating-target' }) }, // queue
  'POST /api/v1/desk-ratings': { access: 'public', answer: 401, request: () => ({ method: 'POST', url: '/api/v1/desk-ratings', payload: { rating: 'satisfied' } }) }, // queue
  // reception: the matrix's desk operator sits at the body's first office (w[x].officeId)
  'GET /api/v1/desk-contacts': { access: 'desk.reception', tenant: true, request: (w, x) => ({ url: `/api/v1/desk-contacts?office=${w[x].officeId}` }) }, // reception
  'POST /api/v1/desk-contacts': { // reception
    access: 'desk.reception', tenant: true,
    request: (w, x) => ({ method: 'POST', url: '/api/v1/desk-contacts', payload: { officeId: w[x].officeId, channel: 'desk', person: {}, reason: 'Matrice', outcome: 'informed' } }),
  },
  'GET /api/v1/desk/lookup': { // reception
    access: 'desk.reception', tenant: true, request: (w, x) => ({ url: `/api/v1/desk/lookup?office=${w[x].officeId}&q=RSSMRA80A01H501U` }),
  },
  // a draft for the matrix citizen (a known citizen): the first call starts it (201), the next ones find it (200)
  'POST /api/v1/desk/applications': { // reception
    access: 'desk.reception', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: '/api/v1/desk/applications', payload: { officeId: w[x].officeId, serviceId: w[x].formServiceId,
      fiscalCode: (await import('../src/server/modules/identity/test-idp/identities.ts')).findTestIdentity('luca-moretti')!.fiscalCode } }),
  },
  // the desk: figures
  'GET /api/v1/desk/figures': { access: 'desk.analytics', tenant: true, request: (w, x) => ({ url: `/api/v1/desk/figures?office=${w[x].officeId}` }) }, // figures
  'GET /api/v1/desk/figures.csv': { access: 'desk.analytics', tenant: true, request: (w, x) => ({ url: `/api/v1/desk/figures.csv?office=${w[x].officeId}` }) }, // figures
  'GET /api/v1/desk/figures.xlsx': { access: 'desk.analytics', tenant: true, request: (w, x) => ({ url: `/api/v1/desk/figures.xlsx?office=${w[x].officeId}` }) }, // figures
  'GET /api/v1/desk/figures/offices': { access: 'desk.analytics', request: () => ({ url: '/api/v1/desk/figures/offices' }) }, // figures: the caller's own body
  // payments: the citizen's (Luca Moretti's debts in each body) and the offices'
  'GET /api/v1/me/payments': { access: 'payment.pay', request: () => ({ url: '/api/v1/me/payments' }) },
  'GET /api/v1/payments/:paymentId': {
    access: 'payment.pay', citizenObject: true, handledBy: 'payment.read', request: (w, x) => ({ url: `/api/v1/payments/${w.payments[x].dueId}` }),
  },
  'GET /api/v1/payments/:paymentId/notice.pdf': {
    access: 'payment.pay', citizenObject: true, handledBy: 'payment.read', request: (w, x) => ({ url: `/api/v1/payments/${w.payments[x].dueId}/notice.pdf` }),
  },
  'GET /api/v1/payments/:paymentId/receipt.pdf': {
    access: 'payment.pay', citizenObject: true, handledBy: 'payment.read', request: (w, x) => ({ url: `/api/v1/payments/${w.payments[x].paidId}/receipt.pdf` }),
  },
  // each call opens a new checkout (it takes the place of the previous one)
  'POST /api/v1/payments/:paymentId/checkout': {
    access: 'payment.pay', citizenObject: true,
    request: (w) => ({ method: 'POST', url: `/api/v1/payments/${w.payments.own.dueId}/checkout`, payload: { returnPath: '/area-personale/pagamenti' } }),
  },
  'GET /api/v1/applications/:applicationId/fees': {
    access: 'application.apply', citizenObject: true, request: (w) => ({ url: `/api/v1/applications/${w.own.application.id}/fees` }),
  },
  // a fresh debt each call: the office cancels it; its debtor may not (only a payment before submission: 409)
  'POST /api/v1/payments/:paymentId/cancel': {
    access: 'payment.pay', citizenObject: true, handledBy: 'payment.manage',
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/payments/${await w.freshDebt(x)}/cancel`, payload: { reason: 'Annullato dalla matrice' } }),
  },
  'GET /api/v1/payments': { access: 'payment.read', tenant: true, request: (w, x) => ({ url: `/api/v1/payments?tenant=${w[x].id}` }) },
  'POST /api/v1/payments': {
    access: 'payment.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: '/api/v1/payments', payload: { tenantId: w[x].id, debtorFiscalCode: 'RSSMRA80A01H501U', debtorName: 'Mario Rossi',
      description: 'Debito della matrice', items: [{ label: 'Voce', amountCents: 100, kind: 'altro' }], dueDate: '2099-12-31' } }),
  },
  // a fresh paid debt each call (a refund is given once)
  'POST /api/v1/payments/:paymentId/refund': {
    access: 'payment.manage', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/payments/${await w.freshPaid(x)}/refund`, payload: { reason: 'Rimborso della matrice' } }),
  },
  'POST /api/v1/payments/reconciliation': {
    access: 'payment.manage', tenant: true,
    request: (w, x) => ({ method: 'POST', url: '/api/v1/payments/reconciliation', payload: { tenantId: w[x].id, date: new Date().toISOString().slice(0, 10) } }),
  },
  // the provider's callback: without the provider's signature nobody, signed in or not, gets past 401
  'POST /api/v1/payments/callbacks/:provider': {
    access: 'public', answer: 401, request: () => ({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: { eventId: 'x' } }),
  },
  // the district's social figures: the caller's own district (scope and suppression: test/social.figures.test.ts)
  'GET /api/v1/social/figures': { access: 'social.analytics', request: () => ({ url: '/api/v1/social/figures' }) },
  'GET /api/v1/social/figures/export': { access: 'social.analytics', request: () => ({ url: '/api/v1/social/figures/export?format=csv' }) },
  // the flows to the Casellario: the district's coordinator (social.export over the whole district; a worker with limits:
  // test/social.exports.test.ts). The matrix's body has nothing to send: the coordinator's POST gets 409 after the permission check.
  'POST /api/v1/social/exports/preview': {
    access: 'social.export', request: () => ({ method: 'POST', url: '/api/v1/social/exports/preview', payload: { flow: 'psa', from: '2025-01-01', to: '2025-06-30' } }),
  },
  'POST /api/v1/social/exports': {
    access: 'social.export', request: () => ({ method: 'POST', url: '/api/v1/social/exports', payload: { flow: 'psa', from: '2025-01-01', to: '2025-06-30' } }),
  },
  'GET /api/v1/social/exports': { access: 'social.export', request: () => ({ url: '/api/v1/social/exports' }) },
  'GET /api/v1/social/exports/:exportId/file': {
    access: 'social.export', tenant: true, request: async (w, x) => ({ url: `/api/v1/social/exports/${await socialExportOf(w[x].id)}/file` }),
  },
  // first contacts and case files: social workers of the body (scopes: test/social.permissions.test.ts); a case per body, made
  // once (socialCaseOf); the first take_charge passes, the next ones are 409 after the permission check
  'GET /api/v1/social/me': { access: 'operatorSession', request: () => ({ url: '/api/v1/social/me' }) },
  'GET /api/v1/social/comuni': { access: 'social.read', request: () => ({ url: '/api/v1/social/comuni' }) },
  'GET /api/v1/social/workers': { access: 'social.read', request: () => ({ url: '/api/v1/social/workers' }) },
  'GET /api/v1/social/persons': { access: 'social.read', request: () => ({ url: '/api/v1/social/persons?q=matrice' }) },
  'GET /api/v1/social/registry-lookup': {
    access: 'social.write', request: async (w) => ({ url: `/api/v1/social/registry-lookup?fiscalCode=${(await import('../src/server/modules/identity/test-idp/identities.ts')).findTestIdentity('giulia-ferrari')!.fiscalCode}&comuneId=${w.own.id}` }),
  },
  'POST /api/v1/social/contacts': {
    access: 'social.write', request: (w) => ({ method: 'POST', url: '/api/v1/social/contacts', payload: { comuneId: w.own.id, contactOn: new Date().toISOString().slice(0, 10),
      channel: 'phone', requesterKind: 'self', targetArea: 'anziani', sector: 'anziani', need: 'information', answer: 'information', privacyNoticeGiven: true } }),
  },
  'GET /api/v1/social/contacts': { access: 'social.read', request: () => ({ url: '/api/v1/social/contacts' }) },
  'GET /api/v1/social/cases': { access: 'social.read', request: () => ({ url: '/api/v1/social/cases' }) },
  'GET /api/v1/social/cases/:caseId': { access: 'social.read', tenant: true, request: async (w, x) => ({ url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}` }) },
  'PATCH /api/v1/social/cases/:caseId': {
    access: 'social.write', tenant: true, request: async (w, x) => ({ method: 'PATCH', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}`, payload: { nextReviewOn: '2099-01-01' } }),
  },
  'POST /api/v1/social/cases/:caseId/transitions/:action': {
    access: 'social.write', tenant: true, request: async (w, x) => ({ method: 'POST', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/transitions/take_charge`, payload: {} }),
  },
  'GET /api/v1/social/cases/:caseId/history': { access: 'social.read', tenant: true, request: async (w, x) => ({ url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/history` }) },
  'GET /api/v1/social/cases/:caseId/diary': { access: 'social.read', tenant: true, request: async (w, x) => ({ url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/diary` }) },
  'POST /api/v1/social/cases/:caseId/diary': {
    access: 'social.write', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/diary`, payload: { kind: 'note', occurredOn: '2025-01-02', text: 'Matrice' } }),
  },
  'POST /api/v1/social/cases/:caseId/interventions': {
    access: 'social.write', tenant: true,
    request: async (w, x) => ({ method: 'POST', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/interventions`,
      payload: { code: 'B1.01', requestedOn: '2025-01-02', meansTest: '1', periodicity: '1' } }),
  },
  'PATCH /api/v1/social/cases/:caseId/interventions/:interventionId': {
    access: 'social.write', tenant: true,
    request: async (w, x) => { const c = await socialCaseOf(w[x].id); return { method: 'PATCH', url: `/api/v1/social/cases/${c.caseId}/interventions/${c.interventionId}`, payload: { hoursMonthly: 12 } }; },
  },
  // the matrix's social worker holds the reserved permission (set in socialCaseOf)
  'GET /api/v1/social/cases/:caseId/reserved': { access: 'social.reserved', tenant: true, request: async (w, x) => ({ url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/reserved` }) },
  'PUT /api/v1/social/cases/:caseId/reserved': {
    access: 'social.reserved', tenant: true,
    request: async (w, x) => ({ method: 'PUT', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/reserved`, payload: { courtMeasures: 'Matrice', health: 'Matrice' } }),
  },
  'PUT /api/v1/social/cases/:caseId/assessments/sina': {
    access: 'social.write', tenant: true,
    request: async (w, x) => ({ method: 'PUT', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/assessments/sina`, payload: { mobility: '2', dailyLiving: '2',
      behavioural: '1', healthCare: '2', income: '2', support: '2', source: '1', tool: '1', neededInterventions: ['B1.01'], invalidity: ['1'], assessedOn: '2025-01-02' } }),
  },
  'PUT /api/v1/social/cases/:caseId/assessments/sinba': {
    access: 'social.write', tenant: true,
    request: async (w, x) => ({ method: 'PUT', url: `/api/v1/social/cases/${(await socialCaseOf(w[x].id)).caseId}/assessments/sinba`, payload: { unaccompaniedForeignMinor: '2',
      condition: '1', livingPlace: '1', school: '2', work: '1', disability: '2', household: ['1'], reportSource: '3', firstReportMonth: '01/2025', minorAssessment: '2',
      familyAssessment: '3', reportedToCourt: '2', courtMeasure: '2', interventions: ['D1.01'] } }),
  },
};

// a social case (with an intervention) in each body, opened by a social worker of that body, made once per body
const socialCases = new Map<string, Promise<{ caseId: string; interventionId: string }>>();
function socialCaseOf(tenantId: string): Promise<{ caseId: string; interventionId: string }> {
  let made = socialCases.get(tenantId);
  if (!made) {
    made = (async () => {
      await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('operator_roles').set({ social_reserved: true }).where('role', '=', 'social_worker')
        .where('operator_id', 'in', trx.selectFrom('operators').select('id').where('email', '=', 'matrice-social_worker@castelrocca.example')).execute());
      const worker = { kind: 'operator', id: randomUUID(), name: 'Assistente matrice', tenantId, roles: ['social_worker'], servedTenantIds: [tenantId],
        grants: [{ role: 'social_worker', officeId: null, comuni: [], sectors: [], targetAreas: [], reserved: true }], auth: { method: 'password', level: null } } as const;
      const opened = await t.ctx.services.social.createContact(worker as never, { comuneId: tenantId, contactOn: '2025-01-02', channel: 'in_person', requesterKind: 'self',
        person: { givenName: 'Persona', familyName: 'Matrice', comuneId: tenantId }, targetArea: 'anziani', sector: 'anziani', need: 'care', answer: 'case_opened',
        privacyNoticeGiven: true });
      const intervention = await t.ctx.services.social.addIntervention(worker as never, opened.caseId!, { code: 'B1.01', requestedOn: '2025-01-02', meansTest: '1',
        periodicity: '1' } as never);
      return { caseId: opened.caseId!, interventionId: intervention.id };
    })();
    socialCases.set(tenantId, made);
  }
  return made;
}

// a file sent to the Casellario by each body (made once per body, straight in the table)
const socialExports = new Map<string, Promise<string>>();
function socialExportOf(tenantId: string): Promise<string> {
  let made = socialExports.get(tenantId);
  if (!made) {
    made = inScope(t.database.db, { platform: true }, async (trx) => {
      const id = randomUUID();
      const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="http://inps.it/Casellario"/>\n';
      await trx.insertInto('social_exports').values({ id, tenant_id: tenantId, flow: 'psa', period_from: '2025-01-01', period_to: '2025-06-30',
        file_name: 'PSA_matrice.xml', xml_sealed: t.ctx.services.fieldCipher.seal(xml, id), sha256: '0'.repeat(64), records: 0, created_by_label: 'Matrice' }).execute();
      return id;
    });
    socialExports.set(tenantId, made);
  }
  return made;
}

/** Routes that are not Sportello's API: the bundled test provider (its own protocol), API docs, static files. */
const NOT_IN_MATRIX = [/^\/test-idp/, /^\/docs/, /^\/\*$/, /^\/assets/, /^\/pagopa-simulatore/]; // the simulator stands for pagoPA's own site

const SELF_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
let t: Awaited<ReturnType<typeof testApp>>;
let currentCard: (serviceId: string) => Promise<unknown>;
let freshDelegation: () => Promise<string>;
let freshGiven: () => Promise<string>;
let delegationUpload: () => InjectOptions;
let applicationUpload: (applicationId: string) => InjectOptions;

describe('authorisation matrix: every route, every caller, own and other tenant or citizen', () => {
  const routes: { method: string; url: string }[] = [];
  const sessions = new Map<Caller, TestSession | null>();
  let world: World;

  beforeAll(async () => {
    t = await testApp({ demo: true, onRoute: (r) => routes.push(r) });
    const tenants = (await t.app.inject({ url: '/api/v1/tenants' })).json().items as { id: string; slug: string }[];
    const pick = async (slug: string) => {
      const id = tenants.find((x) => x.slug === slug)!.id;
      const officeId = (await t.app.inject({ url: `/api/v1/tenants/${slug}/offices` })).json().items[0].id;
      const service = (await t.app.inject({ url: `/api/v1/services?tenant=${slug}&limit=1` })).json().items[0];
      const victim = await t.ctx.services.identity.createOperator({ tenantId: id, email: `bersaglio@${slug}.example`, name: 'Bersaglio Matrice',
        password: 'Password-bersaglio-1', grants: [{ role: 'operator', officeId }], createdBy: 'test' });
      const token = await t.ctx.services.identity.createToken({ tenantId: id, role: 'operator', name: 'bersaglio', createdBy: 'test' });
      // signs in over and over in the login route's row (the target above gets disabled in another)
      await t.ctx.services.identity.createOperator({ tenantId: id, email: `accesso@${slug}.example`, name: 'Accesso Matrice',
        password: 'Password-bersaglio-1', grants: [{ role: 'operator', officeId }], createdBy: 'test' });
      const officeCode = (await t.app.inject({ url: `/api/v1/tenants/${slug}/offices` })).json().items[0].code;
      const formServiceId = await createFormService(t.ctx, slug, { officeCode, workflow: { ...DEFAULT_WORKFLOW, checklist: [{ id: 'verifica', label: 'Verifica', required: false }] } });
      return { id, slug, officeId, operatorId: victim!.id, loginEmail: `accesso@${slug}.example`, tokenId: token.id, serviceId: service.id, serviceSlug: service.slug,
        formServiceId, application: { id: '', attachmentId: '', documentId: '', messageId: '', messageFileId: '' },
        webhook: { id: (await t.ctx.services.webhooks.create(platformAdmin(id), undefined, { url: 'https://matrice.example.org/eventi', events: ['it.sportello.application.submitted'] })).id, deliveryId: '' } };
    };
    const own = await pick(CASTELROCCA_SLUG);
    const other = await pick(VALDORO_SLUG);

    // one account per staff role in the own tenant, signed in through the real routes (TOTP where required)
    for (const role of STAFF) {
      const email = `matrice-${role}@castelrocca.example`;
      await t.ctx.services.identity.createOperator({ tenantId: own.id, email, name: `Matrice ${role}`, password: 'Password-matrice-1',
        grants: [{ role, officeId: role === 'operator' || role === 'desk' ? own.officeId : null }], createdBy: 'test' });
      sessions.set(role, await operatorLogin(t.app, email, 'Password-matrice-1'));
    }
    const token = await t.ctx.services.identity.createToken({ tenantId: own.id, role: 'tenant_admin', name: 'matrice', createdBy: 'test' });
    sessions.set('token', { cookies: {}, headers: { authorization: `Bearer ${token.token}` } });
    sessions.set('anonymous', null);
    const citizen = (await citizenLogin(t.app, 'http://localhost:3000', 'luca-moretti')).browser.session();
    const otherCitizen = (await citizenLogin(t.app, 'http://localhost:3000', 'sara-villa')).browser.session();
    sessions.set('citizen', citizen);
    sessions.set('otherCitizen', otherCitizen);

    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const boundary = 'matrix-boundary';
    const citizenFiscalCode = (await t.app.inject(as(citizen, { url: '/api/v1/me' }))).json().fiscalCode as string;
    const upload = (delegator: string) => {
      const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
      const body = Buffer.concat([
        Buffer.from(field('delegatorFiscalCode', delegator) + field('delegatorGivenName', 'Mario') + field('delegatorFamilyName', 'Rossi') +
          field('purpose', 'Pratica di prova') + field('validUntil', new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)) +
          `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="delega.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { method: 'POST' as const, url: '/api/v1/me/delegations', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    delegationUpload = () => upload('RSSMRA80A01H501U');
    freshDelegation = async () => {
      const r = await t.app.inject(as(citizen, delegationUpload()));
      return r.json().id as string;
    };
    // the other citizen registers a delegation naming the citizen as the one delegating
    freshGiven = async () => (await t.app.inject(as(otherCitizen, upload(citizenFiscalCode)))).json().id as string;
    applicationUpload = (applicationId) => {
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\ndocumento\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="documento.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF('matrice'), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { method: 'POST' as const, url: `/api/v1/applications/${applicationId}/attachments`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    // the citizen sends one application to each body; both get registered with a receipt
    for (const tenant of [own, other]) {
      const draft = (await t.app.inject(as(citizen, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: tenant.formServiceId } }))).json();
      await t.app.inject(as(citizen, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`,
        payload: { data: { richiedente: { ...draft.data.richiedente, email: 'luca.moretti@example.org' }, alloggio: { indirizzo: 'Via Roma 1', titolo: 'proprieta' } } } }));
      const attachment = (await t.app.inject(as(citizen, applicationUpload(draft.id)))).json();
      const sent = await t.app.inject(as(citizen, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {} }));
      if (sent.statusCode !== 201) throw new Error(`matrix set-up: submission answered ${sent.statusCode} ${sent.body}`);
      tenant.application = { id: draft.id, attachmentId: attachment.id, documentId: '', messageId: '', messageFileId: '' };
    }
    await t.ctx.tasks.registrar.drain();
    await t.ctx.tasks.receipts.drain();
    await t.ctx.tasks.messagingEvents.drain();
    for (const tenant of [own, other]) {
      tenant.webhook.deliveryId = (await t.ctx.services.webhooks.deliveries(platformAdmin(tenant.id), tenant.webhook.id, {})).items[0]!.id;
    }
    for (const tenant of [own, other]) {
      tenant.application.documentId = (await t.app.inject(as(citizen, { url: `/api/v1/applications/${tenant.application.id}` }))).json().documents[0].id;
      // a message of the citizen's in the thread, with a file
      const form = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nEcco il documento\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="documento.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF('messaggio'), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const message = await t.app.inject(as(citizen, { method: 'POST', url: `/api/v1/applications/${tenant.application.id}/messages`, payload: form,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
      if (message.statusCode !== 201) throw new Error(`matrix set-up: message answered ${message.statusCode} ${message.body}`);
      tenant.application.messageId = message.json().id;
      tenant.application.messageFileId = message.json().attachments[0].id;
    }
    currentCard = async (serviceId) => {
      const { card: c } = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json();
      return c;
    };
    // the desk: appointments
    // a calendar open every day at each body's first office for its service; the citizen books one appointment in each
    const appointmentCalendar: World['appointmentCalendar'] = {
      name: 'Matrice', weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, from: '08:00', to: '20:00' })), slotMinutes: 30, capacity: 50,
      bufferMinutes: 0, minNoticeHours: 0, horizonDays: 365, closures: [], categoryId: null, active: true,
    };
    const appointments = {} as World['appointments'];
    for (const [x, tenant] of [['own', own], ['other', other]] as const) {
      const offices = (await t.app.inject({ url: `/api/v1/tenants/${tenant.slug}/offices` })).json().items as { id: string }[];
      const calendar = await t.ctx.services.appointments.createCalendar(platformAdmin(tenant.id), tenant.officeId, { ...appointmentCalendar, serviceIds: [tenant.serviceId] });
      const days = (await t.app.inject({ url: `/api/v1/offices/${tenant.officeId}/slots?service=${tenant.serviceId}&days=14` })).json().days as { slots: { startsAt: string; free: number }[] }[];
      // an hour ahead at least, so that no slot starts while the matrix runs
      const [first, second, third] = days.flatMap((d) => d.slots).filter((s) => s.free > 0 && Date.parse(s.startsAt) > Date.now() + 3_600_000);
      const booked = await t.app.inject(as(citizen, { method: 'POST', url: '/api/v1/appointments',
        payload: { serviceId: tenant.serviceId, officeId: tenant.officeId, startsAt: second!.startsAt, reason: 'Matrice' } }));
      if (booked.statusCode !== 201) throw new Error(`matrix set-up: booking answered ${booked.statusCode} ${booked.body}`);
      appointments[x] = { calendarId: calendar.id, appointmentId: booked.json().id, startsAt: first!.startsAt, moveTo: third!.startsAt,
        siblingOfficeId: offices.find((o) => o.id !== tenant.officeId)!.id };
    }
    // the desk: queue and reception
    const queue = {} as World['queue'];
    for (const [x, tenant] of [['own', own], ['other', other]] as const) {
      const sitting = { kind: 'operator', id: randomUUID(), name: 'Sportello matrice', tenantId: tenant.id, roles: ['desk'], servedTenantIds: [tenant.id],
        grants: [{ role: 'desk', officeId: tenant.officeId, comuni: [], sectors: [], targetAreas: [] }], auth: { method: 'password', level: null } } as const;
      const desk = t.ctx.services.queue;
      const category = await desk.createCategory(platformAdmin(tenant.id), tenant.officeId, { prefix: 'Q', name: 'Coda della matrice' });
      const counter = await desk.createCounter(platformAdmin(tenant.id), tenant.officeId, { name: 'Sportello matrice', categoryIds: [category.id] });
      await desk.openCounter(sitting as never, counter.id, {});
      await desk.issue(sitting as never, null, { officeId: tenant.officeId, categoryId: category.id });
      const called = (await desk.callNext(sitting as never, counter.id)).ticket!;
      const device = await desk.createDevice(platformAdmin(tenant.id), tenant.officeId, { kind: 'kiosk', name: 'Totem da revocare' });
      const checkInCode = `MTRX${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
      await inScope(t.database.db, { platform: true }, async (trx) => {
        const calendar = await trx.insertInto('appointment_calendars').values({ tenant_id: tenant.id, office_id: tenant.officeId, name: 'Matrice coda',
          service_ids: [tenant.serviceId], weekly_hours: '[]', slot_minutes: 15, closures: '[]', category_id: category.id }).returning('id').executeTakeFirstOrThrow();
        const now = new Date();
        await trx.insertInto('appointments').values({ tenant_id: tenant.id, office_id: tenant.officeId, calendar_id: calendar.id, service_id: tenant.serviceId,
          starts_at: now, ends_at: new Date(now.getTime() + 15 * 60_000), name: 'Persona Matrice', reason: 'Matrice', code: checkInCode, channel: 'desk' }).execute();
      });
      queue[x] = { categoryId: category.id, counterId: counter.id, ticketId: called.id, deviceId: device.device.id, checkInCode };
    }
    // payments: debts of the citizen's in each body, one of them paid through the simulator's page
    const freshDebt = async (x: 'own' | 'other') => (await t.ctx.services.payments.createDebt(platformAdmin((x === 'own' ? own : other).id), {
      tenantId: (x === 'own' ? own : other).id, debtorFiscalCode: citizenFiscalCode, debtorName: 'Luca Moretti', description: 'Debito della matrice',
      items: [{ label: 'Voce', amountCents: 250, kind: 'altro' }], dueDate: '2099-12-31' })).detail.id;
    const freshPaid = async (x: 'own' | 'other') => {
      const id = await freshDebt(x);
      const started = await t.app.inject(as(citizen, { method: 'POST', url: `/api/v1/payments/${id}/checkout`, payload: { returnPath: '/area-personale/pagamenti' } }));
      if (started.statusCode !== 201) throw new Error(`matrix set-up: checkout answered ${started.statusCode} ${started.body}`);
      await t.ctx.services.pagopaSimulator!.decide(new URL(started.json().redirectUrl).pathname.split('/').pop()!, 'paid', 'callback');
      await t.ctx.services.pagopaSimulator!.whenDelivered();
      return id;
    };
    const payments = { own: { dueId: await freshDebt('own'), paidId: await freshPaid('own') }, other: { dueId: await freshDebt('other'), paidId: await freshPaid('other') } };
    world = {
      payments, freshDebt, freshPaid,
      own, other, delegationId: await freshDelegation(), givenDelegationId: await freshGiven(),
      // the desk: world values
      queue, // queue
      appointments, appointmentCalendar,
      replyTemplate: async (x) => {
        const tenant = x === 'own' ? own : other;
        const row = await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('reply_templates')
          .values({ tenant_id: tenant.id, title: `Matrice ${randomUUID()}`, body: 'Testo' }).returning('id').executeTakeFirstOrThrow());
        return row.id;
      },
      failedMessage: async (x) => {
        const tenant = x === 'own' ? own : other;
        const row = await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('notifications').values({
          tenant_id: tenant.id, application_id: null, dedupe_key: `matrice:${randomUUID()}`, recipient_kind: 'address', citizen_id: null, operator_id: null,
          address: 'ufficio@example.org', channel: 'email', subject: 'Avviso', body: 'Avviso di prova', status: 'failed', status_reason: 'prova', kind: 'office',
        }).returning('id').executeTakeFirstOrThrow());
        return row.id;
      },
      freshRole: async (x) => {
        const tenant = x === 'own' ? own : other;
        const op = await t.ctx.services.identity.createOperator({ tenantId: tenant.id, email: `ruolo-${randomUUID().slice(0, 8)}@example.org`, name: 'Ruolo Matrice',
          password: 'Password-ruolo-1', grants: [{ role: 'operator', officeId: tenant.officeId }, { role: 'desk', officeId: tenant.officeId }], createdBy: 'test' });
        const role = await inScope(t.database.db, { platform: true }, (trx) =>
          trx.selectFrom('operator_roles').select('id').where('operator_id', '=', op!.id).where('role', '=', 'desk').executeTakeFirstOrThrow());
        return { operatorId: op!.id, roleId: role.id };
      },
    };
  }, 120_000);
  afterAll(() => t.close());

  it('has a line for every route the app serves', () => {
    const served = [...new Set(routes.filter((r) => !NOT_IN_MATRIX.some((re) => re.test(r.url))).map((r) => `${r.method} ${r.url}`))];
    expect(served.filter((r) => !(r in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((c) => !served.includes(c))).toEqual([]);
  });

  /** What the permission table says the answer must be. */
  function expected(c: Case, caller: Caller, where: 'own' | 'other'): 'ok' | number {
    if (c.access === 'public') return c.answer ?? 'ok';
    if (caller === 'anonymous') return 401;
    if (c.access === 'session') return 'ok';
    if (c.access === 'operatorSession') return caller === 'citizen' || caller === 'otherCitizen' || caller === 'token' ? 403 : 'ok';
    const isCitizen = caller === 'citizen' || caller === 'otherCitizen';
    const rule = PERMISSIONS[!isCitizen && c.handledBy ? c.handledBy : c.access];
    if (rule.scope === 'citizen') {
      if (!isCitizen) return 403;
      // another citizen asking for the citizen's object
      return c.citizenObject && caller === 'otherCitizen' ? 404 : 'ok';
    }
    if (isCitizen) return rule.scope === 'platform' || !c.tenant ? 403 : 404;
    const role: StaffRole = caller === 'token' ? 'tenant_admin' : caller;
    const allowed = (rule.roles as readonly string[]).includes(role);
    if (rule.scope === 'platform') return allowed ? 'ok' : 403;
    if (where === 'other' && role !== 'platform_admin') return 404;
    return allowed ? 'ok' : 403;
  }

  for (const [name, c] of Object.entries(CASES)) {
    const wheres: ('own' | 'other')[] = c.tenant || c.citizenObject ? ['own', 'other'] : ['own'];
    const staffCaller = (caller: Caller) => caller !== 'anonymous' && caller !== 'citizen' && caller !== 'otherCitizen';
    it(name, async () => {
      const outcomes: string[] = [];
      for (const caller of CALLERS) {
        for (const where of wheres) {
          // for citizen objects "other" means the other citizen asking; tenants: the other tenant's object
          // (a citizen's object that offices handle: staff ask for their own tenant's and for another's)
          const staffWhere = !!c.handledBy && staffCaller(caller);
          if (!staffWhere && c.citizenObject && where === 'other' && caller !== 'otherCitizen') continue;
          if (c.citizenObject && where === 'own' && caller === 'otherCitizen') continue;
          const session = sessions.get(caller) ?? null;
          const base = await c.request(world, c.citizenObject && !staffWhere ? 'own' : where);
          let req = session ? as(session, base) : base;
          if (name === 'PUT /api/v1/me/acting-for' && caller !== 'anonymous') {
            const me = (await t.app.inject(as(session!, { url: '/api/v1/me' }))).json();
            req = { ...req, payload: { kind: 'self', id: me.id ?? SELF_PLACEHOLDER } };
          }
          if (name === 'POST /auth/logout') req = { ...base, headers: {} };
          const r = await t.app.inject(req);
          const want = expected(c, caller, where);
          const got = r.statusCode;
          // a conflict (already granted, already associated) comes after the permission check passed
          const fine = want === 'ok' ? got < 400 || got === 409 || (c.access === 'public' && ![401, 403].includes(got)) : got === want;
          if (!fine) outcomes.push(`${caller} on ${where}: expected ${want}, got ${got} ${r.body.slice(0, 160)}`);
        }
      }
      expect(outcomes).toEqual([]);
    });
  }
});
