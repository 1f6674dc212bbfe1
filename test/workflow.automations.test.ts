/**
 * What a workflow's automations do, end to end on a real database: automatic checks on submission, a deadline set
 * when the office takes charge, a notice issued (signed, outgoing protocol) and sent to an address from the
 * answers, and silenzio-assenso when the term passes. Also: a reassignment to an office of the body that manages
 * the service under associated management.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from '../src/contracts/workflow.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';

const WORKFLOW: WorkflowDefinition = {
  ...DEFAULT_WORKFLOW,
  automations: [
    { id: 'controlli', on: 'submitted', do: [{ type: 'automatic_checks' }] },
    // on registration (raised when the receipt is issued): the office hears of the new application
    { id: 'protocollata', on: 'registered', do: [{ type: 'notify', to: 'office', channels: ['inbox'], template: { subject: 'Nuova pratica protocollata: {{codice}}', body: 'Protocollo {{protocollo}}' } }] },
    { id: 'termine', on: 'taken_in_charge', do: [{ type: 'set_deadline', days: 10 }] },
    {
      id: 'avvio', on: 'taken_in_charge', do: [
        { type: 'generate_document', template: { subject: 'Comunicazione di avvio del procedimento {{codice}}', body: "L'ufficio {{ufficio}} ha avviato il procedimento: si concluderà entro il {{scadenza}}." } },
        { type: 'notify', to: 'answers', pointer: '/richiedente/email', channels: ['email'], template: { subject: 'Avvio del procedimento {{codice}}', body: 'Il procedimento è avviato.' } },
      ],
    },
    { id: 'silenzio', on: 'overdue', do: [{ type: 'tacit_approval', note: 'Titolo formato per silenzio-assenso (art. 20 L. 241/1990)' }] },
  ],
};

describe('workflow automations', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let laura: TestSession;
  let serviceId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-automations` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { maxDays: 30, workflow: WORKFLOW });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  const work = () => runBackgroundWork(t.ctx);
  const read = (s: TestSession, id: string) => t.app.inject(as(s, { url: `/api/v1/applications/${id}` }));
  const history = async (s: TestSession, id: string) =>
    (await t.app.inject(as(s, { url: `/api/v1/applications/${id}/history` }))).json().items as { type: string; note: string | null; actorLabel: string }[];

  const filed = () => fileTestApplication(t.app, t.ctx, giulia, serviceId);

  let id: string;

  it('runs the automatic checks on submission and says so in the timeline the citizen sees', async () => {
    id = await filed();
    const checks = (await history(giulia, id)).find((e) => e.type === 'automatic_checks');
    expect(checks?.note).toMatch(/Controlli automatici superati/);
  });

  it('runs the automations on registration, once, with the protocol number in the text', async () => {
    await work();
    const told = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select(['subject', 'body', 'operator_id'])
      .where('application_id', '=', id).where('dedupe_key', 'like', `${id}:registered:protocollata%`).execute());
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map((n) => n.operator_id)).size).toBe(told.length);
    expect(told[0]!.body).toMatch(/^Protocollo \d{7}\/\d{4}$/);
  });

  it('on taking charge: sets the deadline, issues a signed notice with outgoing protocol, writes to the address in the answers', async () => {
    const before = (await read(laura, id)).json();
    expect(before.clock.maxDays).toBe(30);
    expect((await officeStep(t.app, laura, id, 'take_charge')).statusCode).toBe(200);
    await work();
    const after = (await read(giulia, id)).json();
    // ten days from today, the day it was sent and taken in charge
    expect(after.clock.maxDays).toBe(10);
    expect(after.clock.dueDate < before.clock.dueDate).toBe(true);
    const notice = after.documents.find((d: { kind: string }) => d.kind === 'notice');
    expect(notice).toMatchObject({ title: expect.stringMatching(/^Comunicazione di avvio del procedimento/) });
    expect(notice.protocol.number).toMatch(/^\d{7}$/);
    const pdf = await t.app.inject(as(giulia, { url: notice.href }));
    expect(pdf.rawPayload.includes(Buffer.from('ETSI.CAdES.detached'))).toBe(true);
    const mail = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').selectAll()
      .where('application_id', '=', id).where('recipient_kind', '=', 'address').execute());
    expect(mail).toHaveLength(1);
    // sent: in tests the development mailbox is the e-mail channel, and it confirms delivery at once
    expect(mail[0]).toMatchObject({ channel: 'email', status: 'delivered', subject: expect.stringMatching(/^Avvio del procedimento/) });
    expect(mail[0]!.address).toMatch(/@/);
    // the job run again issues nothing new
    await work();
    expect((await read(giulia, id)).json().documents.filter((d: { kind: string }) => d.kind === 'notice')).toHaveLength(1);
  });

  it('approves by silenzio-assenso when the term passes, with the response issued', async () => {
    clock.advanceDays(20);
    try {
      await t.ctx.tasks.deadlines.drain();
      await work();
      const d = (await read(giulia, id)).json();
      expect(d.status).toBe('approved');
      const approved = (await history(giulia, id)).find((e) => e.type === 'approved');
      expect(approved).toMatchObject({ note: expect.stringMatching(/silenzio-assenso/), actorLabel: 'Silenzio-assenso' });
      expect(d.documents.some((doc: { kind: string; summary: string }) => doc.kind === 'response' && /accolta/.test(doc.summary))).toBe(true);
    } finally {
      clock.reset();
    }
  });

  it('reassigns to an office of the body that manages the service under associated management', async () => {
    const other = await filed();
    const who = (await t.app.inject(as(laura, { url: `/api/v1/applications/${other}/assignees` }))).json();
    const ambito = who.offices.find((o: { tenantName: string }) => /Ambito/.test(o.tenantName));
    expect(ambito, JSON.stringify(who.offices.map((o: { tenantName: string }) => o.tenantName))).toBeDefined();
    const moved = await officeStep(t.app, laura, other, 'assign', { officeId: ambito.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().office.office).toMatchObject({ id: ambito.id, tenantName: expect.stringMatching(/Ambito/) });
    // an operator of that office, in the lead body, now finds it in the queue and can open it
    const lead = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('offices').select('tenant_id').where('id', '=', ambito.id).executeTakeFirstOrThrow());
    await t.ctx.services.identity.createOperator({ tenantId: lead.tenant_id, email: 'operatore@ambito.example', name: 'Operatore Ambito', password: 'Password-ambito-1',
      grants: [{ role: 'operator', officeId: ambito.id }], createdBy: 'test' });
    const ambitoOperator = await operatorLogin(t.app, 'operatore@ambito.example', 'Password-ambito-1', { newPassword: 'Password-ambito-2' }).catch(() =>
      operatorLogin(t.app, 'operatore@ambito.example', 'Password-ambito-1'));
    const queue = (await t.app.inject(as(ambitoOperator, { url: '/api/v1/applications?queue=open' }))).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(other);
    expect((await read(ambitoOperator, other)).statusCode).toBe(200);
    // and the comune's registry office no longer does
    expect((await read(laura, other)).statusCode).toBe(403);
  });
});
