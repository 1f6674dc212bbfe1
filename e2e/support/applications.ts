/**
 * Filing a demo application through the API for a journey: the demo service's sample answers (with what the body
 * fills in winning), its required documents as small PDFs, submission, and the protocol registrar run at once.
 */
import type { ApplicationDetail } from '../../src/contracts/applications.ts';
import { DEMO_FORM_SAMPLES } from '../../src/server/db/seed/demo/forms/index.ts';
import type { AppContext, App } from '../../src/server/platform/context.ts';
import { as, type TestSession } from '../../test/support/auth.ts';
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

/** Files the demo sample of `identityId` for the service, and has it registered; returns the application. */
export async function fileDemoApplication(app: App, ctx: AppContext, s: TestSession, identityId: string, serviceSlug: string): Promise<ApplicationDetail> {
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
  await ok(app, s, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `e2e-${draft.id}` } });
  await ctx.tasks.registrar.drain();
  await ctx.tasks.receipts.drain();
  return ok<ApplicationDetail>(app, s, { url: `/api/v1/applications/${draft.id}` });
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
