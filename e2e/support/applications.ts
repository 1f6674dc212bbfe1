/**
 * Filing a demo application through the API for a journey: the demo service's sample answers (with what the body
 * fills in winning), its required documents as small PDFs, submission (paid through the pagoPA simulator first when
 * the service asks a payment before sending), and the protocol registrar run at once.
 */
import type { ApplicationDetail, SubmissionAcknowledgement } from '../../src/contracts/applications.ts';
import { DEMO_FORM_SAMPLES } from '../../src/server/db/seed/demo/forms/index.ts';
import type { AppContext, App } from '../../src/server/platform/context.ts';
import { as, type TestSession } from '../../test/support/auth.ts';
import { pay } from '../../test/support/payments.ts';
import { minimalPdf } from './files.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sample's answers, with what the body filled in (the draft's values) winning. */
export function mergeAnswers(answers: unknown, prefilled: unknown): unknown {
  if (!isObject(answers) || !isObject(prefilled)) return prefilled === undefined || prefilled === '' ? answers : prefilled;
  const out: Record<string, unknown> = { ...answers };
  for (const [k, v] of Object.entries(prefilled)) out[k] = k in answers ? mergeAnswers(answers[k], v) : v;
  return out;
}

export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----sportello-e2e-upload';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Answers a request through the API, failing loudly with the server's words. */
export async function ok<T>(app: App, s: TestSession, opts: Parameters<typeof as>[1]): Promise<T> {
  const r = await app.inject(as(s, opts));
  if (r.statusCode >= 300) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
  return (r.body ? r.json() : undefined) as T;
}

/**
 * A draft of the demo sample of `identityId` for the service, with its answers and documents: ready to send.
 * Returns the draft's id.
 */
export async function prepareDemoDraft(app: App, s: TestSession, identityId: string, serviceSlug: string): Promise<string> {
  const sample = DEMO_FORM_SAMPLES.find((x) => x.identityId === identityId && x.serviceSlug === serviceSlug);
  if (!sample) throw new Error(`no demo sample of ${identityId} for ${serviceSlug}`);
  const service = await ok<{ id: string }>(app, s, { url: `/api/v1/tenants/${sample.tenantSlug}/services/${serviceSlug}` });
  const draft = await ok<ApplicationDetail>(app, s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: service.id } });
  const data = Object.fromEntries(Object.entries(sample.answers).map(([step, value]) => [step, mergeAnswers(value, draft.data[step])]));
  await ok(app, s, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } });
  for (const requirementId of sample.requiredAttachments) {
    const body = multipart({ requirementId }, { name: `${requirementId}.pdf`, content: minimalPdf(requirementId), type: 'application/pdf' });
    await ok(app, s, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: body.payload, headers: body.headers });
  }
  return draft.id;
}

/**
 * Files the demo sample of `identityId` for the service, and has it registered; returns the application. When the
 * service asks a payment before sending, the citizen pays it as the browser would — a checkout, then "Pagamento
 * riuscito" with the confirmation at once on the simulator's page — and the application leaves by itself.
 */
export async function fileDemoApplication(app: App, ctx: AppContext, s: TestSession, identityId: string, serviceSlug: string): Promise<ApplicationDetail> {
  const id = await prepareDemoDraft(app, s, identityId, serviceSlug);
  const ack = await ok<SubmissionAcknowledgement>(app, s, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {}, headers: { 'idempotency-key': `e2e-${id}` } });
  if (ack.status === 'payment_pending') {
    if (!ack.payment) throw new Error(`application ${id} waits for a payment the acknowledgement does not name`);
    await pay(app, ctx, s, ack.payment.id, 'paid', 'callback');
    const sent = await ok<ApplicationDetail>(app, s, { url: `/api/v1/applications/${id}` });
    if (!sent.submittedAt) throw new Error(`application ${id} was not sent after its payment was confirmed (status ${sent.status})`);
  }
  await ctx.tasks.registrar.drain();
  await ctx.tasks.receipts.drain();
  return ok<ApplicationDetail>(app, s, { url: `/api/v1/applications/${id}` });
}

/** Runs the background work an outcome starts (automations, the signed response) until nothing is left. */
export async function drainWork(ctx: AppContext) {
  for (let i = 0; i < 3; i++) {
    await ctx.tasks.automations.drain();
    await ctx.tasks.documents.drain();
    await ctx.tasks.messagingEvents.drain();
  }
  await ctx.tasks.notifications.drain();
}
