/**
 * A service's workflow travels in its card: publishing checks it (400 naming each problem, nothing published),
 * a good one makes a new version, and each version keeps the workflow it was published with. The workflow is
 * internal configuration: the CPSV-AP export does not carry it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceCard } from '../src/contracts/catalog.ts';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from '../src/contracts/workflow.ts';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { testApp } from './support/app.ts';
import { operatorLogin, type TestSession } from './support/auth.ts';

describe('a workflow published with its service card', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const admin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-castelrocca')!;
  let session: TestSession;
  let accessoCivico: { id: string; version: number; card: ServiceCard };

  const publish = (serviceId: string, card: ServiceCard) =>
    t.app.inject({ method: 'POST', url: `/api/v1/services/${serviceId}/versions`, cookies: session.cookies, headers: session.headers, payload: card });
  const read = async (serviceId: string, version?: number) =>
    (await t.app.inject({ url: `/api/v1/services/${serviceId}${version ? `?version=${version}` : ''}` })).json() as { id: string; version: number; card: ServiceCard };

  beforeAll(async () => {
    t = await testApp({ demo: true });
    session = await operatorLogin(t.app, admin.email, admin.password);
    accessoCivico = (await t.app.inject({ url: `/api/v1/tenants/${admin.tenantSlug}/services/accesso-civico` })).json();
    expect(accessoCivico.card.form).toBeTruthy();
  });
  afterAll(() => t.close());

  it('refuses a workflow with problems, naming each one, and keeps the current version', async () => {
    const bad: WorkflowDefinition = {
      ...structuredClone(DEFAULT_WORKFLOW),
      approvals: [{ id: 'visto', label: 'Visto contabile', by: { officeCode: 'ufficio-inesistente' } }],
      automations: [
        { id: 'avviso', on: 'taken_in_charge', do: [{ type: 'notify', to: 'answers', pointer: '/nessuno/campo', channels: ['email'], template: { subject: 'Pratica {{codice}}', body: 'Gentile {{nome}}' } }] },
        { id: 'termine', on: 'submitted', do: [{ type: 'set_deadline', days: 0 }] },
        { id: 'silenzio', on: 'approved', do: [{ type: 'tacit_approval', note: 'Silenzio-assenso' }] },
      ],
    };
    const r = await publish(accessoCivico.id, { ...accessoCivico.card, workflow: bad });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    const errors = r.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'workflow.approvals.0.by',
      'workflow.automations.0.do.0.template.body',
      'workflow.automations.0.do.0.pointer',
      'workflow.automations.1.do.0.days',
      'workflow.automations.2.do.0.type',
    ]);
    expect(errors[0]!.message).toContain('"ufficio-inesistente" non esiste in questo ente');
    expect(errors[1]!.message).toContain('{{nome}}');
    expect(r.json().detail).toMatch(/^La scheda ha 5 errori/);
    expect((await read(accessoCivico.id)).version).toBe(accessoCivico.version);
  });

  it('refuses what the schema does not allow (an unknown field, an unknown event), before any other check', async () => {
    const r = await publish(accessoCivico.id, {
      ...accessoCivico.card,
      workflow: { ...DEFAULT_WORKFLOW, colore: 'blu', automations: [{ id: 'a', on: 'a_mezzanotte', do: [{ type: 'escalate' }] }] } as unknown as WorkflowDefinition,
    });
    expect(r.statusCode).toBe(400);
    const paths = (r.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('body.workflow.colore');
    expect(paths.some((p) => p.startsWith('body.workflow.automations.0.on'))).toBe(true);
  });

  it('publishes a good workflow as a new version, with recipients read from a field of the form', async () => {
    const pointer = Object.keys((accessoCivico.card.form!.schema as { properties: Record<string, unknown> }).properties).map((k) => `/${k}`)[0]!;
    const good: WorkflowDefinition = {
      ...structuredClone(DEFAULT_WORKFLOW),
      checklist: [{ id: 'controinteressati', label: 'Controinteressati individuati', required: true }],
      approvals: [{ id: 'visto-urp', label: "Visto dell'URP", by: { officeCode: 'urp' } }],
      automations: [
        ...DEFAULT_WORKFLOW.automations,
        { id: 'avviso', on: 'taken_in_charge', do: [{ type: 'notify', to: 'answers', pointer, channels: ['email'], template: { subject: 'Richiesta {{codice}}', body: 'Il {{ente}} ha ricevuto una richiesta.' } }] },
      ],
    };
    const r = await publish(accessoCivico.id, { ...accessoCivico.card, workflow: good });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().version).toBe(accessoCivico.version + 1);
    expect(r.json().card.workflow).toEqual(good);
    expect((await read(accessoCivico.id)).card.workflow).toEqual(good);
  });

  it('keeps each version with the workflow it was published with', async () => {
    const base = (await read(accessoCivico.id)).card;
    const { form: _form, workflow: _workflow, ...plain } = base;
    const first: WorkflowDefinition = { ...structuredClone(DEFAULT_WORKFLOW), checklist: [{ id: 'uno', label: 'Prima verifica', required: true }] };
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/services', cookies: session.cookies, headers: { ...session.headers, 'idempotency-key': 'workflow-versions-0001' },
      payload: { ...plain, slug: 'servizio-con-flusso', title: 'Servizio con flusso di lavoro', workflow: first },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().version).toBe(1);

    const second: WorkflowDefinition = { ...first, paymentBeforeSubmission: true, fees: [{ id: 'diritti', label: 'Diritti di segreteria', kind: 'diritti', amountCents: 1000 }], checklist: [{ id: 'due', label: 'Seconda verifica', required: false }] };
    expect((await publish(id, { ...(await read(id)).card, workflow: second })).statusCode).toBe(201);
    expect((await read(id, 1)).card.workflow).toEqual(first);
    expect((await read(id)).card.workflow).toEqual(second);

    // a card without a workflow goes back to the default one (nothing stored)
    const { workflow: _w, ...withoutWorkflow } = (await read(id)).card;
    expect((await publish(id, withoutWorkflow)).statusCode).toBe(201);
    expect((await read(id)).card.workflow).toBeUndefined();
    expect((await read(id, 2)).card.workflow).toEqual(second);
  });

  it('does not export the workflow in the CPSV-AP catalogue', async () => {
    const jsonld = await t.app.inject({ url: `/api/v1/catalog.jsonld?tenant=${admin.tenantSlug}` });
    expect(jsonld.statusCode).toBe(200);
    expect(jsonld.body).not.toContain('Controinteressati individuati');
    expect(jsonld.body).not.toContain('workflow');
  });
});
