import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../src/contracts/workflow.ts';
import { DEFAULT_WORKFLOW } from '../src/contracts/workflow.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, platformAdmin, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';

describe('back office: queues, transitions with versions, visas, automations as jobs, access log', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let laura: TestSession; // operator, Castelrocca anagrafe
  let giorgio: TestSession; // manager, Castelrocca
  let stefano: TestSession; // operator, Castelrocca tributi (another office)
  let ragioneria: TestSession; // operator, Castelrocca ragioneria
  let plainService: string;
  let visaService: string;

  const VISA_WORKFLOW: WorkflowDefinition = {
    ...DEFAULT_WORKFLOW,
    checklist: [{ id: 'verifica', label: 'Requisiti verificati', required: true }],
    approvals: [
      { id: 'visto-responsabile', label: 'Visto del responsabile', by: { role: 'manager' } },
      { id: 'visto-contabile', label: 'Visto di regolarità contabile', by: { officeCode: 'ragioneria' } },
    ],
    automations: [
      ...DEFAULT_WORKFLOW.automations,
      { id: 'avviso-presa', on: 'taken_in_charge', do: [{ type: 'notify', to: 'citizen', channels: ['inbox', 'sms'], template: { subject: 'Pratica {{codice}} presa in carico', body: "L'ufficio {{ufficio}} ha preso in carico la tua domanda." } }] },
    ],
  };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-workflow` } });
    // the tests run the automations themselves (work()): a background run would race the jobs they count and take
    await t.ctx.tasks.automations.stop();
    plainService = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30 });
    visaService = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30 });
    const tenant = await t.ctx.services.tenants.get('comune-di-castelrocca');
    const detail = await t.ctx.services.catalog.get(visaService);
    await t.ctx.services.catalog.publish(platformAdmin(tenant.id), visaService, { ...detail.card, workflow: VISA_WORKFLOW } as never);
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    // Giulia wants a service's own notices by SMS as well (the automation below sends on inbox and SMS)
    const giuliaId = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().id as string;
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('citizens')
      .set({ phone: '+393471234567', message_preferences: JSON.stringify({ service_update: ['sms', 'email'] }) })
      .where('id', '=', giuliaId).execute());
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    stefano = await operatorLogin(t.app, 's.milesi@castelrocca.example', DEMO_PASSWORD);
    giorgio = await operatorLogin(t.app, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    const accounting = (await import('../src/server/db/seed/demo/operators.ts')).DEMO_OPERATORS
      .find((o) => o.tenantSlug === 'comune-di-castelrocca' && o.grants.some((g) => g.officeCode === 'ragioneria'))!;
    ragioneria = await operatorLogin(t.app, accounting.email, DEMO_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  const work = () => runBackgroundWork(t.ctx);

  /** A registered application of Giulia's for the service. */
  const filed = (serviceId: string) => fileTestApplication(t.app, t.ctx, giulia, serviceId);
  const read = (s: TestSession, id: string) => t.app.inject(as(s, { url: `/api/v1/applications/${id}` }));
  const act = (s: TestSession, id: string, action: string, payload: object = {}, revision?: number | null) =>
    t.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${id}/transitions/${action}`, payload,
      headers: revision === null ? {} : { 'if-match': `"${revision}"` } }));
  const revisionOf = async (s: TestSession, id: string) => (await read(s, id)).json().revision as number;

  let id: string;
  let officer: TestSession;

  it('shows a new application in the office queue with the days left, and finds it by text', async () => {
    id = await filed(plainService);
    const list = await t.app.inject(as(laura, { url: '/api/v1/applications?queue=new' }));
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().items.find((i: { id: string }) => i.id === id);
    expect(row).toMatchObject({ status: 'registered', responsible: null, escalated: false });
    expect(row.daysLeft).toBeGreaterThanOrEqual(29);
    const counts = (await t.app.inject(as(laura, { url: '/api/v1/applications/counts' }))).json();
    expect(counts.new).toBeGreaterThanOrEqual(1);
    // full text: the applicant's name, by prefix
    const found = await t.app.inject(as(laura, { url: '/api/v1/applications?queue=open&q=ferr' }));
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(id);
    // by its code, whatever its letters, and by its protocol number as printed
    const code = list.json().items.find((i: { id: string }) => i.id === id).code as string;
    const byCode = await t.app.inject(as(laura, { url: `/api/v1/applications?queue=open&q=${encodeURIComponent(code)}` }));
    expect(byCode.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const byProtocol = await t.app.inject(as(laura, { url: `/api/v1/applications?queue=open&q=${row.protocol.number}` }));
    expect(byProtocol.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const none = await t.app.inject(as(laura, { url: '/api/v1/applications?queue=open&q=zzzqqq' }));
    expect(none.json().items).toEqual([]);
    // another office does not see it
    const other = await t.app.inject(as(stefano, { url: '/api/v1/applications?queue=open' }));
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await read(stefano, id)).statusCode).toBe(403);
  });

  it('writes an access-log entry for every operator read', async () => {
    const before = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll().where('object_id', '=', id).execute());
    await read(laura, id);
    await t.app.inject(as(laura, { url: `/api/v1/applications/${id}/history` }));
    const after = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll().where('object_id', '=', id).orderBy('at').execute());
    expect(after.length).toBe(before.length + 2);
    expect(after.at(-2)).toMatchObject({ actor_label: 'Laura Brembilla', operation: 'view', actor_kind: 'operator' });
    expect(after.at(-1)!.operation).toBe('history');
    expect(after.at(-1)!.purpose).toMatch(/Istruttoria della pratica/);
    expect(after.at(-1)!.legal_basis).toMatch(/GDPR/);
    // the citizen's own reads are not logged
    await read(giulia, id);
    const again = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select('id').where('object_id', '=', id).execute());
    expect(again.length).toBe(after.length);
  });

  it('needs the version read, and of two operators acting at once only one succeeds', async () => {
    expect((await act(laura, id, 'take_charge', {}, null)).statusCode).toBe(428);
    const revision = await revisionOf(laura, id);
    const [a, b] = await Promise.all([act(laura, id, 'take_charge', {}, revision), act(giorgio, id, 'take_charge', {}, revision)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    // either may win the race: the winner is the responsible officer from here on
    officer = a.statusCode === 200 ? laura : giorgio;
    const loser = a.statusCode === 412 ? a : b;
    expect(loser.headers['content-type']).toMatch(/problem\+json/);
    expect(loser.json().detail).toMatch(/ricarica/);
    const detail = (await read(laura, id)).json();
    expect(detail.status).toBe('in_progress');
    expect(detail.office.responsible).not.toBeNull();
  });

  it('refuses a transition not allowed in the status, or to this operator, saying why', async () => {
    const d = (await read(laura, id)).json();
    const wrong = await act(laura, id, 'take_charge', {}, d.revision);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toMatch(/in_progress/);
    expect((await act(laura, id, 'endorse', {}, d.revision)).statusCode).toBe(409);
    // the citizen cannot do the office's work
    const citizen = await act(giulia, id, 'approve', {}, d.revision);
    expect(citizen.statusCode).toBe(403);
  });

  it('keeps internal notes away from the citizen', async () => {
    const note = await t.app.inject(as(laura, { method: 'POST', url: `/api/v1/applications/${id}/notes`, payload: { text: 'Verificare la residenza con l\'anagrafe' } }));
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ internal: true, type: 'note' });
    const staffHistory = (await t.app.inject(as(laura, { url: `/api/v1/applications/${id}/history` }))).json().items;
    expect(staffHistory.some((e: { note: string }) => e.note?.includes('residenza'))).toBe(true);
    const citizenHistory = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/history` }))).json().items;
    expect(citizenHistory.some((e: { note: string | null }) => e.note?.includes('residenza'))).toBe(false);
    expect((await read(giulia, id)).json().office).toBeNull();
  });

  it('asks the citizen for more (the clock stops), gets the answer, approves, and issues a signed response with outgoing protocol', async () => {
    const ask = await act(officer, id, 'request_integration', { note: 'Serve la planimetria aggiornata', documents: ['Planimetria'] }, await revisionOf(officer, id));
    expect(ask.statusCode, ask.body).toBe(200);
    expect(ask.json().status).toBe('awaiting_citizen');
    const answered = await act(giulia, id, 'answer_integration', { note: 'Allegata' }, null);
    expect(answered.statusCode, answered.body).toBe(200);
    const approve = await act(officer, id, 'approve', { note: 'Requisiti verificati.' }, await revisionOf(officer, id));
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().status).toBe('approved');
    await work();
    const detail = (await read(giulia, id)).json();
    const response = detail.documents.find((d: { kind: string }) => d.kind === 'response');
    expect(response).toBeDefined();
    expect(response.protocol.number).toMatch(/^\d{7}$/);
    expect(response.summary).toMatch(/accolta/);
    const file = await t.app.inject(as(giulia, { url: response.href }));
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.includes(Buffer.from('ETSI.CAdES.detached'))).toBe(true);
    // the register has it as outgoing, with the document's fingerprint
    const entry = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('protocol_entries').selectAll()
      .where('application_id', '=', id).where('direction', '=', 'outgoing').executeTakeFirstOrThrow());
    expect(entry.document_sha256).toBe(response.sha256);
    // the citizen was told of the outcome in the inbox, once, when the signed response was there
    const inbox = (await t.app.inject(as(giulia, { url: '/api/v1/me/notifications' }))).json();
    expect(inbox.items.filter((n: { applicationId: string; subject: string }) => n.applicationId === id && /conclusa/.test(n.subject))).toHaveLength(1);
  });

  it('a proposed outcome waits for two visas in order: the manager, then the accounting office', async () => {
    const vid = await filed(visaService);
    expect((await act(laura, vid, 'take_charge', {}, await revisionOf(laura, vid))).statusCode).toBe(200);
    // the checklist blocks the approval until verified
    const early = await act(laura, vid, 'approve', { note: 'Rimborso dovuto' }, await revisionOf(laura, vid));
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toMatch(/Requisiti verificati/);
    const tick = await t.app.inject(as(laura, { method: 'PUT', url: `/api/v1/applications/${vid}/checklist/verifica`, payload: { done: true } }));
    expect(tick.statusCode, tick.body).toBe(200);
    const proposed = await act(laura, vid, 'approve', { note: 'Rimborso dovuto' }, await revisionOf(laura, vid));
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({ status: 'in_progress', office: { pendingVisa: { stepId: 'visto-responsabile' }, proposal: { decision: 'approved' } } });
    expect(proposed.json().workflow.currentStepId).toBe('approval:visto-responsabile');
    // the accounting office cannot give the manager's visa, nor see it yet
    expect((await read(ragioneria, vid)).statusCode).toBe(403);
    const visas = (await t.app.inject(as(giorgio, { url: '/api/v1/applications?queue=visas' }))).json().items;
    expect(visas.map((i: { id: string }) => i.id)).toContain(vid);
    const first = await act(giorgio, vid, 'endorse', {}, await revisionOf(giorgio, vid));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().office.pendingVisa.stepId).toBe('visto-contabile');
    // the accounting visa is the accounting office's: the manager cannot give it for them
    expect(first.json().actions).not.toContain('endorse');
    const instead = await act(giorgio, vid, 'endorse', {}, first.json().revision);
    expect(instead.statusCode).toBe(403);
    expect(instead.json().detail).toMatch(/Visto di regolarità contabile/);
    // now the accounting office sees it in its visas queue and gives the last visa
    const theirs = (await t.app.inject(as(ragioneria, { url: '/api/v1/applications?queue=visas' }))).json().items;
    expect(theirs.map((i: { id: string }) => i.id)).toContain(vid);
    const last = await act(ragioneria, vid, 'endorse', { note: 'Copertura verificata' }, await revisionOf(ragioneria, vid));
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().status).toBe('approved');
    await work();
    const timeline = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${vid}/history` }))).json().items.map((e: { type: string }) => e.type);
    expect(timeline.filter((x: string) => x === 'visa_granted')).toHaveLength(2);
    expect(timeline).toContain('document_issued');
    // the take-in-charge automation sent an inbox message and queued an SMS
    const sms = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').selectAll().where('application_id', '=', vid).where('channel', '=', 'sms').execute());
    expect(sms).toHaveLength(1);
  });

  it('sending back a proposal returns it to the officer', async () => {
    const vid = await filed(visaService);
    await act(laura, vid, 'take_charge', {}, await revisionOf(laura, vid));
    await t.app.inject(as(laura, { method: 'PUT', url: `/api/v1/applications/${vid}/checklist/verifica`, payload: { done: true } }));
    await act(laura, vid, 'reject', { note: 'Importo non dovuto' }, await revisionOf(laura, vid));
    expect((await act(giorgio, vid, 'send_back', {}, await revisionOf(giorgio, vid))).statusCode).toBe(400);
    const back = await act(giorgio, vid, 'send_back', { note: 'Ricalcola gli interessi' }, await revisionOf(giorgio, vid));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().office.proposal).toBeNull();
    expect(back.json().actions).not.toContain('endorse');
    const lauraView = (await read(laura, vid)).json();
    expect(lauraView.actions).toEqual(expect.arrayContaining(['approve', 'reject', 'request_integration']));
  });

  it('escalates an overdue application to the managers when the clock passes the due date, once', async () => {
    const oid = await filed(plainService);
    try {
      clock.advanceDays(45);
      await t.ctx.tasks.deadlines.drain();
      await work();
      await t.ctx.tasks.deadlines.drain();
      await work();
      const overdue = (await t.app.inject(as(giorgio, { url: '/api/v1/applications?queue=overdue' }))).json().items;
      const row = overdue.find((i: { id: string }) => i.id === oid);
      expect(row).toMatchObject({ escalated: true });
      expect(row.daysLeft).toBeLessThan(0);
      const alerts = (await t.app.inject(as(giorgio, { url: '/api/v1/me/notifications' }))).json().items
        .filter((n: { applicationId: string; subject: string }) => n.applicationId === oid && /scaduta/i.test(n.subject));
      expect(alerts).toHaveLength(1);
    } finally {
      clock.reset();
    }
  });

  it('an automation job committed with its event is not lost, and run twice acts once', async () => {
    const aid = await filed(visaService);
    const jobs = t.ctx.services.jobs;
    // an event whose transaction rolls back leaves no job
    const tenantId = (await read(laura, aid)).json().tenant.id as string;
    const before = await jobs.pending('automation');
    await t.database.db.transaction().execute(async (trx) => {
      await t.ctx.services.workflow.emit(trx, { id: aid, tenant_id: tenantId }, VISA_WORKFLOW, 'taken_in_charge', `${aid}:test`);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(await jobs.pending('automation')).toBe(before);
    await t.database.db.transaction().execute((trx) => t.ctx.services.workflow.emit(trx, { id: aid, tenant_id: tenantId }, VISA_WORKFLOW, 'taken_in_charge', `${aid}:test`));
    expect(await jobs.pending('automation')).toBe(before + 1);
    await work();
    expect(await jobs.pending('automation')).toBe(before);
    // the same event delivered twice (expired and refetched): one notification
    const job = { applicationId: aid, tenantId, event: 'taken_in_charge' as const, eventKey: `${aid}:twice`, automationIds: ['avviso-presa'] };
    await t.database.db.transaction().execute((trx) => t.ctx.services.workflow.runAutomations(trx, job));
    await t.database.db.transaction().execute((trx) => t.ctx.services.workflow.runAutomations(trx, job));
    await work();
    const sent = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select(['id', 'dedupe_key'])
      .where('application_id', '=', aid).where('channel', '=', 'inbox').where('kind', '=', 'service_update').execute());
    // one from the committed job above, one from the twice-run job
    expect(sent).toHaveLength(2);
  });

  it('a worker that dies in the middle of an automation loses nothing: the job is retried after its expiry and acts once', async () => {
    const aid = await filed(visaService);
    const tenantId = (await read(laura, aid)).json().tenant.id as string;
    const eventKey = `${aid}:crash`;
    await t.database.db.transaction().execute((trx) => t.ctx.services.workflow.emit(trx, { id: aid, tenant_id: tenantId }, VISA_WORKFLOW, 'taken_in_charge', eventKey));
    // a worker takes the job (committed: active) and dies before its work commits
    const { default: PgBoss } = await import('pg-boss');
    const { jobExecutor, JOB_SCHEMA } = await import('../src/server/platform/jobs.ts');
    const dying = new PgBoss({ db: jobExecutor(t.database.db), schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false } as never);
    const [taken] = (await dying.fetch('automation', { batchSize: 1 })) ?? [];
    expect(taken).toBeDefined();
    await t.database.db.transaction().execute(async (trx) => {
      await t.ctx.services.workflow.runAutomations(trx, taken!.data as never);
      throw new Error('killed'); // what a crash does to an open transaction: nothing of it remains
    }).catch(() => undefined);
    // the automation tells the citizen in the inbox and by SMS (her choice): one row each, once
    const notes = async () => (await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select('channel')
      .where('application_id', '=', aid).where('dedupe_key', 'like', `${eventKey}%`).where('kind', '=', 'service_update').execute())).map((n) => n.channel).sort();
    expect(await notes()).toEqual([]);
    // the other workers leave an active job alone …
    await work();
    expect(await notes()).toEqual([]);
    // … until it expires: then it is retried and acts, once
    const { asOwner } = await import('./support/db.ts');
    await asOwner(t.database, `UPDATE ${JOB_SCHEMA}.job SET started_on = now() - interval '2 hours' WHERE id = '${taken!.id}'`);
    await t.ctx.services.jobs.expireStale();
    await asOwner(t.database, `UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE id = '${taken!.id}'`);
    await work();
    expect(await notes()).toEqual(['inbox', 'sms']);
    await work();
    expect(await notes()).toEqual(['inbox', 'sms']);
  });

  it('reassigns to a colleague or another office, and lists who can take it', async () => {
    const rid = await filed(plainService);
    const who = (await t.app.inject(as(laura, { url: `/api/v1/applications/${rid}/assignees` }))).json();
    expect(who.offices.map((o: { name: string }) => o.name).length).toBeGreaterThan(1);
    const tributi = who.offices.find((o: { name: string }) => /tributi/i.test(o.name));
    const moved = await act(laura, rid, 'assign', { officeId: tributi.id, note: 'Competenza del tributi' }, await revisionOf(laura, rid));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().office.office.id).toBe(tributi.id);
    // now the tributi office has it and the registry office no longer does
    expect((await read(stefano, rid)).statusCode).toBe(200);
    expect((await read(laura, rid)).statusCode).toBe(403);
    const both = await act(stefano, rid, 'assign', { officeId: tributi.id, operatorId: tributi.id }, await revisionOf(stefano, rid));
    expect(both.statusCode).toBe(400);
  });
});
