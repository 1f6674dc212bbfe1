/**
 * What "Le mie pratiche" relies on, at the API: the list (own and the children's, filters, cursor), the detail's
 * legal clock and the office's request, the timeline without internal notes, answering with a document, and
 * nothing at all for somebody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, ApplicationSummary, TimelineEntry } from '../src/contracts/applications.ts';
import { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS, type DemoFormSample } from '../src/server/db/seed/demo/forms/index.ts';
import { nidiOf } from '../src/server/db/seed/demo/forms/iscrizione-nido.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA } from '../src/server/db/seed/demo/services-common.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { openDemoCall } from './support/forms.ts';

const ORIGIN = 'http://localhost:3000';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----sportello-citizen-view';
  const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  return {
    payload: Buffer.concat([
      Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function mergeAnswers(answers: unknown, prefilled: unknown): unknown {
  if (!isObject(answers) || !isObject(prefilled)) return prefilled === undefined || prefilled === '' ? answers : prefilled;
  const out: Record<string, unknown> = { ...answers };
  for (const [k, v] of Object.entries(prefilled)) out[k] = k in answers ? mergeAnswers(answers[k], v) : v;
  return out;
}

describe('the citizen\'s view of applications', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession;
  let luca: TestSession;
  let operator: TestSession;
  const ids = { residence: '', refund: '', sofia: '', tommaso: '' };

  const ok = async <T,>(s: TestSession, opts: Parameters<typeof as>[1], expected = [200, 201]): Promise<T> => {
    const r = await t.app.inject(as(s, opts));
    if (!expected.includes(r.statusCode)) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };
  const list = (s: TestSession, query = '') => ok<{ items: ApplicationSummary[]; nextCursor: string | null }>(s, { url: `/api/v1/applications${query}` });
  const serviceId = async (slug: string) => (await ok<{ id: string }>(giulia, { url: `/api/v1/tenants/${CASTELROCCA.tenantSlug}/services/${slug}` })).id;
  const sampleOf = (identityId: string, slug: string) =>
    DEMO_FORM_SAMPLES.find((x) => x.identityId === identityId && x.serviceSlug === slug) ?? DEMO_FORM_SAMPLES.find((x) => x.serviceSlug === slug)!;
  async function file(s: TestSession, sample: DemoFormSample): Promise<string> {
    const draft = await ok<ApplicationDetail>(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: await serviceId(sample.serviceSlug) } });
    const data = Object.fromEntries(Object.entries(sample.answers).map(([step, value]) => [step, mergeAnswers(value, draft.data[step])]));
    await ok(s, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } });
    for (const requirementId of sample.requiredAttachments) {
      const body = multipart({ requirementId }, { name: `${requirementId}.pdf`, content: pdf(requirementId) });
      await ok(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: body.payload, headers: body.headers });
    }
    await ok(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `view-${draft.id}` } });
    return draft.id;
  }
  const actFor = async (s: TestSession, name: string | null) => {
    const subjects = await ok<{ items: { kind: string; id: string; name: string }[] }>(s, { url: '/api/v1/me/subjects' });
    const subject = subjects.items.find((x) => (name ? x.name.startsWith(name) : x.kind === 'self'))!;
    await ok(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: subject.kind, id: subject.id } });
  };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-citizen-view` } });
    await openDemoCall(t.ctx, 'comune-di-castelrocca', FORM_SERVICE_SLUGS.nido);
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    operator = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);

    ids.residence = await file(giulia, sampleOf('giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione));
    ids.refund = await file(giulia, sampleOf('giulia-ferrari', FORM_SERVICE_SLUGS.rimborsoTributi));
    await actFor(giulia, 'Sofia');
    const nido = sampleOf('sara-villa', FORM_SERVICE_SLUGS.nido);
    const [first, second] = nidiOf(CASTELROCCA).map(([id]) => id);
    ids.sofia = await file(giulia, { ...nido, answers: { ...nido.answers, frequenza: { ...(nido.answers.frequenza as object), primaScelta: first, secondaScelta: second } } });
    await actFor(giulia, 'Tommaso');
    ids.tommaso = (await ok<ApplicationDetail>(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: await serviceId(FORM_SERVICE_SLUGS.nido) } })).id;
    await actFor(giulia, null);
    await t.ctx.tasks.registrar.drain();
    await t.ctx.tasks.receipts.drain();
  }, 120_000);
  afterAll(() => t.close());

  it('lists her own and her children\'s, newest first, with the filters the page uses and a cursor', async () => {
    const all = await list(giulia);
    expect(all.items.map((a) => a.id).sort()).toEqual(Object.values(ids).sort());
    const sofia = all.items.find((a) => a.id === ids.sofia)!;
    expect(sofia.subject).toMatchObject({ kind: 'minor', name: 'Sofia Colombo' });
    expect(sofia.status).toBe('registered');
    expect(sofia.protocol?.number).toMatch(/^\d{7}$/);
    expect(sofia.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(all.items.find((a) => a.id === ids.tommaso)).toMatchObject({ status: 'draft', submittedAt: null, protocol: null, dueDate: null });

    expect((await list(giulia, '?status=draft')).items.map((a) => a.id)).toEqual([ids.tommaso]);
    const open = await list(giulia, `?status=${['payment_pending', 'submitted', 'registered', 'in_progress', 'awaiting_citizen'].join(',')}`);
    expect(open.items).toHaveLength(3);
    expect((await list(giulia, `?subject=${sofia.subject.fiscalCode}`)).items.map((a) => a.id)).toEqual([ids.sofia]);
    const me = findTestIdentity('giulia-ferrari')!.fiscalCode;
    expect((await list(giulia, `?subject=${me}`)).items.map((a) => a.id).sort()).toEqual([ids.residence, ids.refund].sort());
    expect((await list(giulia, `?serviceId=${sofia.service.id}`)).items.map((a) => a.id).sort()).toEqual([ids.sofia, ids.tommaso].sort());

    const page1 = await list(giulia, '?limit=3');
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await list(giulia, `?limit=3&cursor=${encodeURIComponent(page1.nextCursor!)}`);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((a) => a.id)).size).toBe(4);
  });

  it('the other parent sees the child\'s application, saying who filed it; someone else sees nothing', async () => {
    const seen = (await list(marco)).items.find((a) => a.id === ids.sofia);
    expect(seen?.filedBy).toEqual({ name: 'Giulia Ferrari' });
    expect((await list(luca)).items).toEqual([]);
    for (const id of Object.values(ids)) {
      expect((await t.app.inject(as(luca, { url: `/api/v1/applications/${id}` }))).statusCode).toBe(404);
      expect((await t.app.inject(as(luca, { url: `/api/v1/applications/${id}/history` }))).statusCode).toBe(404);
    }
  });

  it('shows the office\'s request and the legal clock; the timeline hides internal notes; answering resumes the clock', async () => {
    expect((await officeStep(t.app, operator, ids.residence, 'take_charge')).statusCode).toBe(200);
    expect((await officeStep(t.app, operator, ids.residence, 'request_integration', { note: 'Serve la planimetria.', documents: ["Planimetria dell'alloggio"] })).statusCode).toBe(200);

    const d = await ok<ApplicationDetail>(giulia, { url: `/api/v1/applications/${ids.residence}` });
    expect(d.status).toBe('awaiting_citizen');
    expect(d.awaiting).toMatchObject({ message: 'Serve la planimetria.', documents: ["Planimetria dell'alloggio"] });
    expect(d.actions.sort()).toEqual(['answer_integration', 'withdraw']);
    expect(d.clock?.takenInChargeAt).toBeTruthy();
    expect(d.clock?.maxDays).toBeGreaterThan(0);
    expect(d.clock?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.clock?.phases.map((p) => p.status)).toEqual(['submitted', 'registered', 'in_progress', 'awaiting_citizen']);
    expect(d.clock?.phases.at(-1)?.to).toBeNull();
    expect(d.documents.some((doc) => doc.kind === 'receipt' && doc.href.startsWith(`/api/v1/applications/${d.id}/documents/`))).toBe(true);

    const history = await ok<{ items: TimelineEntry[] }>(giulia, { url: `/api/v1/applications/${ids.residence}/history` });
    expect(history.items.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'submitted', 'registered', 'taken_in_charge', 'integration_requested']));
    expect(history.items.every((e) => !e.internal)).toBe(true);
    expect(history.items.find((e) => e.type === 'submitted')?.actorLabel).toBe('Tu');
    expect(history.items.find((e) => e.type === 'integration_requested')?.note).toBe('Serve la planimetria.');

    const body = multipart({ requirementId: 'integrazione' }, { name: 'planimetria.pdf', content: pdf('planimetria') });
    await ok(giulia, { method: 'POST', url: `/api/v1/applications/${ids.residence}/attachments`, payload: body.payload, headers: body.headers });
    const answered = await ok<ApplicationDetail>(giulia, { method: 'POST', url: `/api/v1/applications/${ids.residence}/transitions/answer_integration`, payload: { note: 'Eccola.' } });
    expect(answered.status).toBe('in_progress');
    expect(answered.awaiting).toBeNull();
    expect(answered.attachments.some((a) => a.requirementId === 'integrazione' && a.fileName === 'planimetria.pdf')).toBe(true);
    expect(answered.clock?.daysLeft).toEqual(expect.any(Number));
    const after = await ok<{ items: TimelineEntry[] }>(giulia, { url: `/api/v1/applications/${ids.residence}/history` });
    expect(after.items.at(-1)).toMatchObject({ type: 'integration_answered', actorLabel: 'Tu', note: 'Eccola.', toStatus: 'in_progress' });
  });

  it('withdrawing closes the application and its clock', async () => {
    const w = await ok<ApplicationDetail>(giulia, { method: 'POST', url: `/api/v1/applications/${ids.refund}/transitions/withdraw`, payload: { note: 'Non serve più' } });
    expect(w.status).toBe('withdrawn');
    expect(w.actions).toEqual([]);
    expect(w.clock?.closedAt).toBeTruthy();
    expect(w.clock?.daysLeft).toBeNull();
    expect((await list(giulia, '?status=approved,rejected,withdrawn')).items.map((a) => a.id)).toEqual([ids.refund]);
  });
});
