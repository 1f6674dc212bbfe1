/**
 * The demo's six months of applications (src/server/db/seed/demo/history.ts) on a real database: what the offices
 * find on their desks and in the dashboard, what a citizen finds in "Le mie pratiche", and that every row is what
 * the real code would have written — the legal clock, the timeline, the protocol register (gapless per body and
 * year, in submission order, continued by the registrar), answers the forms accept. The demo is seeded here by
 * hand after the app has started, so that the background tasks' first run can be checked to find nothing to do.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATING_REASONS_HIGH, RATING_REASONS_LOW, type ApplicationDetail, type ApplicationSummary, type TimelineEntry, type WorkItem } from '../src/contracts/applications.ts';
import type { ApplicationsDashboard } from '../src/contracts/analytics.ts';
import type { ServiceCard } from '../src/contracts/catalog.ts';
import { seedDemo, type SeedReport } from '../src/server/db/seed/seed.ts';
import { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { HISTORY_DAYS, NO_RECEIPT } from '../src/server/db/seed/demo/history.ts';
import { HISTORY_IDENTITIES } from '../src/server/db/seed/demo/history-content.ts';
import { TEST_IDENTITIES } from '../src/server/modules/identity/test-idp/identities.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { attachmentRequired, validateAnswers } from '../src/server/modules/forms/form-validation.ts';
import { workflowOf } from '../src/server/modules/workflow/workflow.service.ts';
import { addDays, daysBetween, dueDate, isNonWorkingDay, romeDate, suspendedDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const COMUNI = [CASTELROCCA_SLUG, VALDORO_SLUG];
const OPEN = ['submitted', 'registered', 'in_progress'];
const CLOSED = ['approved', 'rejected', 'withdrawn'];

describe('the demo history: six months of applications in the two comuni', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let report: SeedReport;
  let seedMs = 0;
  let seededAt: Date;
  const tenantIds: Record<string, string> = {};
  const today = romeDate(new Date());
  /** operators signed in once (managers enrol TOTP at the first login: the secret is kept for the next) */
  const sessions = new Map<string, TestSession>();
  const staff = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await operatorLogin(t.app, email, DEMO_PASSWORD));
    return sessions.get(email)!;
  };

  /** every application of the demo comuni, with its service and office, read as the platform */
  const applications = () => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications as a')
    .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id').innerJoin('services as s', 's.id', 'a.service_id').leftJoin('offices as o', 'o.id', 'a.office_id')
    .selectAll('a').select(['tn.slug as tenant_slug', 's.slug as service_slug', 'o.code as office_code'])
    .where('tn.slug', 'in', COMUNI).orderBy('a.submitted_at').execute());
  const eventsOf = (ids: string[]) => inScope(t.database.db, { platform: true }, (trx) =>
    trx.selectFrom('application_events').selectAll().where('application_id', 'in', ids).orderBy('at').orderBy('id').execute());

  beforeAll(async () => {
    t = await testApp({ config: { dataDir: `/tmp/sportello-test-${process.pid}-demo-history` } });
    const started = performance.now();
    report = await seedDemo(t.database.db, t.ctx.services);
    seedMs = performance.now() - started;
    seededAt = new Date();
    for (const slug of COMUNI) tenantIds[slug] = (await t.ctx.services.tenants.get(slug)).id;
  }, 120_000);
  afterAll(() => t?.close());

  it('tells about eighty applications per comune over the last 180 days, most concluded, some on the desks today', async () => {
    console.info(`demo seed with its history: ${Math.round(seedMs)} ms (${JSON.stringify(report.history.created)})`);
    const all = await applications();
    for (const slug of COMUNI) {
      const mine = all.filter((a) => a.tenant_slug === slug);
      expect(report.history.created[slug]).toBe(mine.length);
      expect(mine.length).toBeGreaterThanOrEqual(75);
      expect(mine.length).toBeLessThanOrEqual(85);
      const count = (status: string) => mine.filter((a) => a.status === status).length;
      expect(count('approved')).toBeGreaterThan(mine.length / 2);
      expect(count('rejected')).toBeGreaterThanOrEqual(3);
      expect(count('withdrawn')).toBe(1);
      expect(count('registered')).toBe(3);
      expect(count('awaiting_citizen')).toBeGreaterThanOrEqual(2);
      expect(count('in_progress')).toBeGreaterThanOrEqual(6);
      expect(mine.filter((a) => CLOSED.includes(a.status)).length / mine.length).toBeGreaterThan(0.7);
      for (const a of mine) {
        expect(a.submitted_at!.getTime()).toBeGreaterThan(Date.now() - (HISTORY_DAYS + 1) * 86_400_000);
        expect(a.submitted_at!.getTime()).toBeLessThan(seededAt.getTime());
      }
      const open = mine.filter((a) => OPEN.includes(a.status));
      const overdue = open.filter((a) => a.due_date! < today);
      expect(overdue.length).toBe(2);
      // the deadline sweep escalated them the day after their due date
      expect(overdue.every((a) => a.escalated_at && romeDate(a.escalated_at) === addDays(a.due_date!, 1))).toBe(true);
      const dueSoon = open.filter((a) => a.due_date! >= today && a.due_date! <= addDays(today, 3));
      expect(dueSoon.length).toBeGreaterThanOrEqual(1);
      expect(dueSoon.length).toBeLessThanOrEqual(2);
      // concluded late, and on time
      const decided = mine.filter((a) => a.status === 'approved' || a.status === 'rejected');
      const late = decided.filter((a) => romeDate(a.closed_at!) > a.due_date!);
      expect(late.length).toBeGreaterThanOrEqual(1);
      expect(late.length / decided.length).toBeLessThan(0.35);
    }
    // the tax refunds of Castelrocca: one waits for the manager's visa, one for the financial office's
    const refunds = all.filter((a) => a.service_slug === FORM_SERVICE_SLUGS.rimborsoTributi && a.visa_step_id);
    expect(refunds.map((a) => a.visa_step_id).sort()).toEqual(['visto-regolarita-contabile', 'visto-responsabile-tributi']);
    for (const a of refunds) {
      expect(a.status).toBe('in_progress');
      expect(a.outcome_proposal).toMatchObject({ decision: 'approved', proposedBy: 'Stefano Milesi' });
      expect(a.visa_office_id === null).toBe(a.visa_step_id === 'visto-responsabile-tributi');
    }
    expect(refunds.find((a) => a.visa_step_id === 'visto-regolarita-contabile')!.outcome_proposal!.visas.map((v) => v.by)).toEqual(['Giorgio Pesenti']);
    // silenzio-assenso on some SCIA
    const events = await eventsOf(all.map((a) => a.id));
    const tacit = events.filter((e) => e.type === 'approved' && e.actor_label === 'Silenzio-assenso');
    expect(tacit.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every row as the real code would have written it: timeline, legal clock, responsible officer, outcome', async () => {
    const all = await applications();
    const events = await eventsOf(all.map((a) => a.id));
    const operators = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id')
      .leftJoin('offices as f', 'f.id', 'r.office_id').select(['o.id', 'r.role', 'f.code as office_code', 'r.tenant_id']).execute());
    const versions = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('service_versions').select(['service_id', 'version', 'card']).execute());
    const rome = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const a of all) {
      const mine = events.filter((e) => e.application_id === a.id);
      const changes = mine.filter((e) => e.to_status);
      const what = `${a.code} (${a.service_slug}, ${a.status})`;
      expect(mine[0]!.type, what).toBe('created');
      expect(mine[0]!.at.getTime(), what).toBe(a.created_at.getTime());
      expect(changes.at(-1)!.to_status, what).toBe(a.status);
      expect(mine.find((e) => e.type === 'submitted')!.at.getTime(), what).toBe(a.submitted_at!.getTime());
      expect(mine.find((e) => e.type === 'registered')!.at.getTime(), what).toBe(a.registered_at!.getTime());
      expect(a.registered_at!.getTime() - a.submitted_at!.getTime(), what).toBeLessThan(5000);
      expect(a.receipt_document_id, what).toBe(NO_RECEIPT);
      expect(a.response_document_id, what).toBeNull();
      for (const [i, e] of mine.entries()) if (i) expect(e.at.getTime(), what).toBeGreaterThanOrEqual(mine[i - 1]!.at.getTime());
      expect(mine.at(-1)!.at.getTime(), what).toBeLessThan(seededAt.getTime());

      // the legal clock: suspended days are the days spent waiting for the citizen, the due date follows
      if (a.status !== 'awaiting_citizen') {
        const suspended = suspendedDays(changes.map((c) => ({ at: c.at, toStatus: c.to_status! })), a.closed_at ?? new Date());
        expect(a.suspended_days, what).toBe(suspended);
      }
      expect(a.due_date, what).toBe(dueDate(romeDate(a.submitted_at!), a.max_days!, a.suspended_days));
      const card = versions.find((v) => v.service_id === a.service_id && v.version === a.service_version)!.card as ServiceCard;
      expect(a.max_days, what).toBe(card.maxDays);

      // taken in charge by an operator of the office (the manager where the office has none); office work on working days
      const taken = mine.find((e) => e.type === 'taken_in_charge');
      expect(a.taken_in_charge_at?.getTime() ?? null, what).toBe(taken?.at.getTime() ?? null);
      if (taken) {
        expect(taken.actor_id, what).toBe(a.responsible_operator_id);
        const roles = operators.filter((o) => o.id === a.responsible_operator_id && o.tenant_id === a.tenant_id);
        const officeHasOperators = operators.some((o) => o.role === 'operator' && o.office_code === a.office_code && o.tenant_id === a.tenant_id);
        expect(roles.some((r) => (officeHasOperators ? r.role === 'operator' && r.office_code === a.office_code : r.role === 'manager')), what).toBe(true);
      } else {
        expect(a.responsible_operator_id, what).toBeNull();
      }
      for (const e of mine.filter((x) => x.actor_kind === 'operator')) {
        const day = romeDate(e.at);
        expect(isNonWorkingDay(day) || new Date(`${day}T00:00:00Z`).getUTCDay() === 6, `${what} ${e.type} on ${day}`).toBe(false);
        expect(rome.format(e.at) >= '08:30' && rome.format(e.at) <= '17:30', `${what} ${e.type} at ${rome.format(e.at)}`).toBe(true);
      }

      // the outcome: its time, its motivation, the proposal and visas gone
      if (a.status === 'approved' || a.status === 'rejected') {
        const outcome = changes.at(-1)!;
        expect(a.closed_at!.getTime(), what).toBe(outcome.at.getTime());
        expect(a.outcome_motivation, what).toBe(outcome.note);
        expect(a.outcome_motivation!.length, what).toBeGreaterThan(20);
        expect([a.outcome_proposal, a.visa_step_id, a.visa_office_id], what).toEqual([null, null, null]);
        const def = workflowOf(card);
        if (def.approvals.length) expect(mine.filter((e) => e.type === 'visa_granted').length, what).toBe(def.approvals.length);
        if (a.status === 'approved') for (const item of def.checklist) expect(a.checklist[item.id]?.done, `${what} ${item.id}`).toBe(true);
      }
      if (a.status === 'withdrawn') expect(mine.at(-1)!.actor_kind, what).toBe('citizen');
      if (a.status === 'awaiting_citizen') expect(changes.at(-1)!.type, what).toBe('integration_requested');
      if (OPEN.includes(a.status) || a.status === 'awaiting_citizen') expect(a.closed_at, what).toBeNull();
    }
    // answered requests for more: the clock stood still for those days
    expect(all.filter((a) => a.suspended_days > 0).length).toBeGreaterThanOrEqual(5);
    // a citizen's rating on about half of those concluded, with a reason that fits the stars
    const ratings = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('service_ratings').selectAll().execute());
    const concluded = all.filter((a) => a.status === 'approved' || a.status === 'rejected');
    expect(ratings.length / concluded.length).toBeGreaterThan(0.3);
    expect(ratings.length / concluded.length).toBeLessThan(0.7);
    for (const r of ratings) {
      const a = all.find((x) => x.id === r.application_id)!;
      expect(a.closed_at).not.toBeNull();
      expect(r.created_at.getTime()).toBeGreaterThan(a.closed_at!.getTime());
      expect(r.service_id).toBe(a.service_id);
      if (r.reason) expect(((r.score <= 3 ? RATING_REASONS_LOW : RATING_REASONS_HIGH) as readonly string[]).includes(r.reason)).toBe(true);
    }
  });

  it('has answers the forms accept and the documents they make necessary, which the office can open', async () => {
    const all = await applications();
    const versions = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('service_versions').select(['service_id', 'version', 'card']).execute());
    const attachments = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('application_attachments').selectAll().execute());
    for (const a of all) {
      const form = (versions.find((v) => v.service_id === a.service_id && v.version === a.service_version)!.card as ServiceCard).form!;
      expect(validateAnswers(form, a.data), a.code).toEqual([]);
      const mine = attachments.filter((x) => x.application_id === a.id);
      for (const req of form.attachments.filter((r) => attachmentRequired(r, a.data))) {
        expect(mine.some((x) => x.requirement_id === req.id), `${a.code} ${req.id}`).toBe(true);
      }
      for (const x of mine) {
        expect(x.submitted).toBe(true);
        expect(x.uploaded_at.getTime()).toBeLessThanOrEqual(a.status === 'draft' ? Infinity : Math.max(a.submitted_at!.getTime(), a.updated_at.getTime()));
      }
      // prefilled fields are marked, as a real draft marks them
      expect(Object.keys(a.prefilled).length, a.code).toBeGreaterThan(0);
    }
    // the placeholder files are in storage and readable as PDF
    for (const sha of new Set(attachments.map((x) => x.sha256))) {
      expect((await t.ctx.services.storage.get(sha)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const laura = await staff('l.brembilla@castelrocca.example');
    const one = all.find((a) => a.office_code === 'anagrafe' && a.tenant_slug === CASTELROCCA_SLUG)!;
    const file = attachments.find((x) => x.application_id === one.id)!;
    const download = await t.app.inject(as(laura, { url: `/api/v1/applications/${one.id}/attachments/${file.id}` }));
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('leaves nothing for the background tasks: no receipt to render, no deadline to raise again', async () => {
    await t.ctx.tasks.deadlines.drain();
    await t.ctx.tasks.automations.drain();
    await t.ctx.tasks.documents.drain();
    await t.ctx.tasks.receipts.drain();
    expect(await t.ctx.services.workflow.sweepDeadlines()).toBe(0);
    expect(await t.ctx.services.receipts.issuePending()).toBe(0);
    const after = await inScope(t.database.db, { platform: true }, async (trx) => ({
      events: await trx.selectFrom('application_events').select('id').where('at', '>=', seededAt).execute(),
      notifications: await trx.selectFrom('notifications').select('id').where('created_at', '>=', seededAt).execute(),
      documents: await trx.selectFrom('application_documents').select('id').execute(),
    }));
    expect(after).toEqual({ events: [], notifications: [], documents: [] });
  });

  it('numbers the register without gaps per body and year, in order of submission, and the registrar goes on from there', async () => {
    const all = await applications();
    const { entries, registers } = await inScope(t.database.db, { platform: true }, async (trx) => ({
      entries: await trx.selectFrom('protocol_entries').selectAll().orderBy('number').execute(),
      registers: await trx.selectFrom('protocol_registers').selectAll().execute(),
    }));
    for (const slug of COMUNI) {
      const mine = all.filter((a) => a.tenant_slug === slug);
      for (const year of new Set(mine.map((a) => a.protocol_year!))) {
        const ofYear = mine.filter((a) => a.protocol_year === year).sort((x, y) => x.submitted_at!.getTime() - y.submitted_at!.getTime() || x.id.localeCompare(y.id));
        expect(ofYear.map((a) => a.protocol_number)).toEqual(ofYear.map((_, i) => i + 1));
        expect(ofYear.every((a) => romeDate(a.registered_at!).startsWith(String(year)))).toBe(true);
        const book = entries.filter((e) => e.tenant_id === tenantIds[slug] && e.year === year);
        expect(book.map((e) => [e.number, e.application_id, e.direction, e.registered_at.getTime()]))
          .toEqual(ofYear.map((a) => [a.protocol_number, a.id, 'incoming', a.registered_at!.getTime()]));
        expect(book.every((e) => e.subject.startsWith('Domanda ') && e.annulled_at === null)).toBe(true);
        expect(registers.find((r) => r.tenant_id === tenantIds[slug] && r.year === year)!.last_number).toBe(ofYear.length);
      }
    }

    // a citizen sends an application now: it gets the next number of Castelrocca's register
    const giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    const sample = DEMO_FORM_SAMPLES.find((s) => s.identityId === 'giulia-ferrari' && s.serviceSlug === FORM_SERVICE_SLUGS.cambioAbitazione)!;
    const id = await file(giulia, sample.serviceSlug, sample.answers, sample.requiredAttachments);
    await t.ctx.tasks.registrar.drain();
    const detail = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}` }))).json() as ApplicationDetail;
    const year = new Date().getFullYear();
    const last = registers.find((r) => r.tenant_id === tenantIds[CASTELROCCA_SLUG] && r.year === year)?.last_number ?? 0;
    expect(detail.protocol).toMatchObject({ number: String(last + 1).padStart(7, '0'), year });
  });

  async function file(s: TestSession, serviceSlug: string, answers: Record<string, unknown>, documents: string[]) {
    const service = (await t.app.inject(as(s, { url: `/api/v1/tenants/${CASTELROCCA_SLUG}/services/${serviceSlug}` }))).json() as { id: string };
    const draft = (await t.app.inject(as(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: service.id } }))).json() as ApplicationDetail;
    const merge = (a: unknown, b: unknown): unknown => (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)
      ? { ...(a as object), ...Object.fromEntries(Object.entries(b as object).map(([k, v]) => [k, merge((a as Record<string, unknown>)[k], v)])) } : b ?? a);
    const data = Object.fromEntries(Object.entries(answers).map(([step, value]) => [step, merge(value, draft.data[step])]));
    expect((await t.app.inject(as(s, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } }))).statusCode).toBe(200);
    for (const requirementId of documents) {
      const boundary = '----sportello-demo-history';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${requirementId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${requirementId}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from(`%PDF-1.4\n% ${requirementId}\n%%EOF\n`), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
      expect(up.statusCode, up.body).toBe(201);
    }
    const sent = await t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {} }));
    expect(sent.statusCode, sent.body).toBe(201);
    return draft.id;
  }

  it("fills the operators' queues: new, mine, waiting for the citizen, due soon, overdue, visas", async () => {
    const counts = async (email: string) => {
      const s = await staff(email);
      const r = await t.app.inject(as(s, { url: '/api/v1/applications/counts' }));
      expect(r.statusCode, r.body).toBe(200);
      return { session: s, counts: r.json() as Record<string, number> };
    };
    const laura = await counts('l.brembilla@castelrocca.example');
    for (const queue of ['new', 'mine', 'awaiting', 'due_soon', 'overdue', 'open', 'closed']) expect(laura.counts[queue], `Laura: ${queue}`).toBeGreaterThan(0);
    const stefano = await counts('s.milesi@castelrocca.example');
    for (const queue of ['new', 'mine', 'awaiting', 'closed']) expect(stefano.counts[queue], `Stefano: ${queue}`).toBeGreaterThan(0);
    const giorgio = await counts('g.pesenti@castelrocca.example');
    for (const queue of ['new', 'mine', 'due_soon', 'overdue', 'visas']) expect(giorgio.counts[queue], `Giorgio: ${queue}`).toBeGreaterThan(0);
    expect((await counts('d.ravasio@castelrocca.example')).counts.visas).toBe(1);
    const paolo = await counts('p.rinaldi@valdoro.example');
    for (const queue of ['new', 'mine', 'awaiting', 'overdue']) expect(paolo.counts[queue], `Paolo: ${queue}`).toBeGreaterThan(0);
    const chiara = await counts('c.mazzoleni@valdoro.example');
    for (const queue of ['new', 'mine', 'awaiting', 'due_soon']) expect(chiara.counts[queue], `Chiara: ${queue}`).toBeGreaterThan(0);

    // the overdue rows say how late they are and that the managers were told
    const overdue = (await t.app.inject(as(giorgio.session, { url: '/api/v1/applications?queue=overdue' }))).json().items as WorkItem[];
    expect(overdue.length).toBe(2);
    expect(overdue.every((i) => i.escalated && i.daysLeft! < 0)).toBe(true);
    const visas = (await t.app.inject(as(giorgio.session, { url: '/api/v1/applications?queue=visas' }))).json().items as WorkItem[];
    expect(visas.map((i) => i.pendingVisa)).toEqual(['visto-responsabile-tributi']);
    // and the manager's inbox has the visa to give and the escalations, unread
    const inbox = (await t.app.inject(as(giorgio.session, { url: '/api/v1/me/notifications' }))).json() as { items: { subject: string; readAt: string | null }[]; unread: number };
    expect(inbox.items.some((n) => n.subject.startsWith('Visto da apporre') && !n.readAt)).toBe(true);
    expect(inbox.items.filter((n) => n.subject.startsWith('Pratica scaduta') && !n.readAt).length).toBeGreaterThanOrEqual(1);
    // an operator opens one: the detail, the timeline with the internal notes, the clock
    const item = overdue[0]!;
    const detail = (await t.app.inject(as(giorgio.session, { url: `/api/v1/applications/${item.id}` }))).json() as ApplicationDetail;
    expect(detail.clock!.daysLeft).toBeLessThan(0);
    expect(detail.documents).toEqual([]);
    const history = (await t.app.inject(as(giorgio.session, { url: `/api/v1/applications/${item.id}/history` }))).json().items as TimelineEntry[];
    expect(history.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'submitted', 'registered', 'taken_in_charge', 'escalated']));
  });

  it("gives the manager's dashboard true figures for the last 90 days and the half year", async () => {
    const giorgio = await staff('g.pesenti@castelrocca.example');
    const r = await t.app.inject(as(giorgio, { url: '/api/v1/analytics/applications' }));
    expect(r.statusCode, r.body).toBe(200);
    const dashboard = r.json() as ApplicationsDashboard;
    const totals = dashboard.totals;
    expect(totals.received).toBeGreaterThan(20);
    expect(totals.closed).toBeGreaterThan(10);
    expect(totals.inProgress).toBeGreaterThan(5);
    expect(totals.waiting).toBeGreaterThan(0);
    expect(totals.overdue).toBe(2);
    expect(totals.onTimeShare).toBeGreaterThan(0.5);
    expect(totals.onTimeShare).toBeLessThan(1);
    expect(totals.avgDays).toBeGreaterThan(0);
    expect(totals.ratingCount).toBeGreaterThan(0);
    expect(dashboard.rows.length).toBeGreaterThanOrEqual(5);
    const half = (await t.app.inject(as(giorgio, { url: `/api/v1/analytics/applications?from=${addDays(today, -HISTORY_DAYS)}&to=${today}` }))).json() as ApplicationsDashboard;
    // everything Castelrocca received: the history and what the tests above sent
    const all = (await applications()).filter((a) => a.tenant_slug === CASTELROCCA_SLUG && a.submitted_at);
    expect(half.totals.received).toBe(all.length);
    expect(half.totals.integrationRate).toBeGreaterThan(0.05);
    expect(half.totals.ratingAverage).toBeGreaterThan(3);
  });

  it('lets a citizen among the applicants find their history in "Le mie pratiche", without the office\'s internal notes', async () => {
    const alessandro = (await citizenLogin(t.app, ORIGIN, 'alessandro-ricci')).browser.session();
    const list = (await t.app.inject(as(alessandro, { url: '/api/v1/applications' }))).json() as { items: ApplicationSummary[] };
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list.items.every((i) => i.subject.name === 'Alessandro Ricci' && i.protocol && i.tenant.slug === CASTELROCCA_SLUG)).toBe(true);
    expect(list.items.map((i) => i.createdAt)).toEqual([...list.items.map((i) => i.createdAt)].sort().reverse());
    const concluded = list.items.find((i) => i.status === 'approved' || i.status === 'rejected')!;
    const detail = (await t.app.inject(as(alessandro, { url: `/api/v1/applications/${concluded.id}` }))).json() as ApplicationDetail;
    expect(detail.office).toBeNull();
    expect(detail.clock!.closedAt).not.toBeNull();
    expect(detail.clock!.phases.map((p) => p.status)).toEqual(expect.arrayContaining(['submitted', 'registered', 'in_progress', concluded.status]));
    const history = (await t.app.inject(as(alessandro, { url: `/api/v1/applications/${concluded.id}/history` }))).json().items as TimelineEntry[];
    expect(history.some((e) => e.internal)).toBe(false);
    expect(history.at(-1)!.type).toBe(concluded.status);
    expect(history.find((e) => e.type === 'submitted')!.actorLabel).toBe('Tu');
    // and the message the outcome sent to the personal area
    const inbox = (await t.app.inject(as(alessandro, { url: '/api/v1/me/notifications' }))).json() as { items: { applicationId: string }[] };
    expect(inbox.items.some((n) => n.applicationId === concluded.id)).toBe(true);
    // the test identities the other tests count applications of have none
    for (const identity of TEST_IDENTITIES.filter((i) => !(HISTORY_IDENTITIES as readonly string[]).includes(i.id))) {
      const theirs = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications as a').innerJoin('citizens as c', 'c.id', 'a.citizen_id')
        .select('a.code').where('c.fiscal_code', '=', identity.fiscalCode).where('a.created_at', '<', seededAt).execute());
      expect(theirs, identity.id).toEqual([]);
    }
  });

  it('can be worked on with the real transitions: a visa given, a new one taken in charge and approved, a citizen answering', async () => {
    const all = await applications();
    const act = async (s: TestSession, id: string, action: string, payload: object = {}) => {
      const revision = ((await t.app.inject(as(s, { url: `/api/v1/applications/${id}` }))).json() as ApplicationDetail).revision;
      const r = await t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/transitions/${action}`, payload, headers: { 'if-match': `"${revision}"` } }));
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      return r.json() as ApplicationDetail;
    };
    // the manager's visa on the refund: it moves on to the financial office's
    const refund = all.find((a) => a.visa_step_id === 'visto-responsabile-tributi')!;
    const visa = await act(await staff('g.pesenti@castelrocca.example'), refund.id, 'endorse');
    expect(visa.office!.pendingVisa!.stepId).toBe('visto-regolarita-contabile');
    // a new change of address is taken in charge and approved
    const laura = await staff('l.brembilla@castelrocca.example');
    const fresh = all.find((a) => a.tenant_slug === CASTELROCCA_SLUG && a.status === 'registered' && a.office_code === 'anagrafe')!;
    await act(laura, fresh.id, 'take_charge');
    const approved = await act(laura, fresh.id, 'approve', { note: 'Dimora abituale verificata dalla Polizia locale.' });
    expect(approved.status).toBe('approved');
    await t.ctx.tasks.automations.drain();
    await t.ctx.tasks.documents.drain();
    const issued = (await t.app.inject(as(laura, { url: `/api/v1/applications/${fresh.id}` }))).json() as ApplicationDetail;
    expect(issued.documents.map((d) => d.kind)).toEqual(['response']);
    // Maria Teresa Rota answers the office's request: the clock had stood still for those days
    const rota = (await citizenLogin(t.app, ORIGIN, 'maria-teresa-rota')).browser.session();
    const waiting = ((await t.app.inject(as(rota, { url: '/api/v1/applications?status=awaiting_citizen' }))).json() as { items: ApplicationSummary[] }).items;
    expect(waiting.length).toBe(1);
    const before = (await t.app.inject(as(rota, { url: `/api/v1/applications/${waiting[0]!.id}` }))).json() as ApplicationDetail;
    expect(before.awaiting!.message.length).toBeGreaterThan(10);
    const answered = (await t.app.inject(as(rota, { method: 'POST', url: `/api/v1/applications/${waiting[0]!.id}/transitions/answer_integration`, payload: { note: 'Ecco le precisazioni.' } }))).json() as ApplicationDetail;
    expect(answered.status).toBe('in_progress');
    expect(answered.clock!.suspendedDays).toBe(before.clock!.suspendedDays);
    expect(answered.clock!.suspendedDays).toBeGreaterThan(0);
  });

  it('is made once: a second seed adds nothing', async () => {
    const count = () => inScope(t.database.db, { platform: true }, async (trx) => Object.fromEntries(await Promise.all(
      (['applications', 'application_events', 'protocol_entries', 'notifications', 'citizens', 'delegations', 'service_ratings', 'access_log'] as const)
        .map(async (table) => [table, Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n)]))));
    const before = await count();
    const again = await seedDemo(t.database.db, t.ctx.services);
    expect(again.history.created).toEqual({});
    expect(Object.keys(again.history.skipped).sort()).toEqual([...COMUNI].sort());
    expect(await count()).toEqual(before);
  });
});
