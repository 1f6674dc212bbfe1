import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW, placeholdersIn, workflowSteps, type WorkflowDefinition } from '../../../contracts/workflow.ts';
import { checkWorkflowDefinition, formFieldPointers } from './workflow-validation.ts';
import { WorkflowDefinitionSchema } from './workflow.schemas.ts';

const ctx = { officeCodes: ['tributi', 'ragioneria'], formPointers: ['/richiedente', '/richiedente/email', '/controinteressati'] };
const wf = (extra: Partial<WorkflowDefinition>): WorkflowDefinition => ({ ...structuredClone(DEFAULT_WORKFLOW), ...extra });
const paths = (def: WorkflowDefinition, c = ctx) => checkWorkflowDefinition(def, c).map((p) => p.path);
const schemaErrors = (value: unknown) => [...Value.Errors(WorkflowDefinitionSchema, value)].map((e) => e.instancePath);

describe('the workflow schema', () => {
  it('accepts the default workflow', () => {
    expect(schemaErrors(DEFAULT_WORKFLOW)).toEqual([]);
  });

  it('refuses unknown fields, events, channels and performers', () => {
    expect(schemaErrors({ ...DEFAULT_WORKFLOW, colore: 'blu' }).length).toBeGreaterThan(0);
    expect(schemaErrors(wf({ automations: [{ id: 'a', on: 'lunedi' as never, do: [{ type: 'escalate' }] }] })).length).toBeGreaterThan(0);
    expect(schemaErrors(wf({ permissions: { approve: ['sindaco' as never] } })).length).toBeGreaterThan(0);
    expect(schemaErrors(wf({ permissions: { firmare: ['manager'] } as never })).length).toBeGreaterThan(0);
    const notify = { type: 'notify', to: 'citizen', channels: ['piccione'], template: { subject: 'a', body: 'b' } };
    expect(schemaErrors(wf({ automations: [{ id: 'a', on: 'approved', do: [notify as never] }] })).length).toBeGreaterThan(0);
    // an action keeps to its own fields
    expect(schemaErrors(wf({ automations: [{ id: 'a', on: 'overdue', do: [{ type: 'escalate', days: 3 } as never] }] })).length).toBeGreaterThan(0);
  });

  it('bounds texts and lists', () => {
    expect(schemaErrors(wf({ checklist: [{ id: 'x', label: '', required: true }] })).length).toBeGreaterThan(0);
    expect(schemaErrors(wf({ checklist: Array.from({ length: 31 }, (_, i) => ({ id: `c${i}`, label: 'voce', required: false })) })).length).toBeGreaterThan(0);
    const long = { subject: 'x'.repeat(201), body: 'corpo' };
    expect(schemaErrors(wf({ response: { approved: long, rejected: long } })).length).toBeGreaterThan(0);
  });
});

describe('checkWorkflowDefinition', () => {
  it('finds nothing wrong with the default workflow', () => {
    expect(checkWorkflowDefinition(DEFAULT_WORKFLOW, { officeCodes: [] })).toEqual([]);
  });

  it('refuses repeated ids, naming the second one', () => {
    const def = wf({
      checklist: [{ id: 'sopralluogo', label: 'Sopralluogo', required: true }, { id: 'sopralluogo', label: 'Altro', required: false }],
      approvals: [{ id: 'visto', label: 'A', by: { role: 'manager' } }, { id: 'visto', label: 'B', by: { role: 'manager' } }],
      automations: [...DEFAULT_WORKFLOW.automations, { id: 'escalation-ritardo', on: 'overdue', do: [{ type: 'escalate' }] }],
    });
    const problems = checkWorkflowDefinition(def, ctx);
    expect(problems.map((p) => p.path)).toEqual(['workflow/checklist/1/id', 'workflow/approvals/1/id', 'workflow/automations/2/id']);
    expect(problems[0]!.message).toMatch(/^voce "sopralluogo" ripetuto.*\(duplicate id\)$/);
  });

  it('wants fees with the payment before sending, and fee fields that the form has', () => {
    const bollo = { id: 'bollo', label: 'Bollo', kind: 'bollo' as const, amountCents: 1600 };
    expect(paths(wf({ paymentBeforeSubmission: true, fees: [bollo] }))).toEqual([]);
    expect(paths(wf({ paymentBeforeSubmission: true, fees: [] }))).toEqual(['workflow/fees']);
    expect(paths(wf({ paymentBeforeSubmission: false, fees: [bollo] }))).toEqual(['workflow/paymentBeforeSubmission']);
    expect(paths(wf({ paymentBeforeSubmission: true, fees: [bollo, { ...bollo }] }))).toEqual(['workflow/fees/1/id']);
    const pointed = wf({ paymentBeforeSubmission: true, fees: [{ ...bollo, perPointer: '/richiedente/copie', when: { pointer: '/richiedente', equals: 'x' } }] });
    expect(paths(pointed)).toEqual(['workflow/fees/0/perPointer']);
    expect(checkWorkflowDefinition(pointed, { officeCodes: [] }).map((p) => p.path)).toEqual(['workflow/fees/0/perPointer', 'workflow/fees/0/when/pointer']);
    expect(schemaErrors({ ...DEFAULT_WORKFLOW, fees: [{ ...bollo, amountCents: 12.5 }] })).not.toEqual([]);
  });

  it('wants approval offices that exist in the body, and at most five approvals', () => {
    const def = wf({ approvals: [{ id: 'v1', label: 'Visto contabile', by: { officeCode: 'ragioneria' } }, { id: 'v2', label: 'Visto', by: { officeCode: 'protezione_civile' } }] });
    const problems = checkWorkflowDefinition(def, ctx);
    expect(problems).toEqual([{ path: 'workflow/approvals/1/by', message: expect.stringContaining('"protezione_civile" non esiste in questo ente') }]);
    const six = wf({ approvals: Array.from({ length: 6 }, (_, i) => ({ id: `v${i}`, label: `Visto ${i}`, by: { role: 'manager' as const } })) });
    expect(paths(six)).toEqual(['workflow/approvals']);
  });

  it('reads recipients from the answers only through a field of the form, by e-mail', () => {
    const notify = (pointer: string | undefined, channels: ('email' | 'sms')[] = ['email']) =>
      wf({ automations: [{ id: 'avviso', on: 'taken_in_charge', do: [{ type: 'notify', to: 'answers', ...(pointer ? { pointer } : {}), channels, template: { subject: 'Avviso', body: 'Pratica {{codice}}' } }] }] });
    expect(paths(notify('/controinteressati'))).toEqual([]);
    expect(paths(notify(undefined))).toEqual(['workflow/automations/0/do/0/pointer']);
    expect(checkWorkflowDefinition(notify('/nessuno'), ctx)[0]!.message).toBe('il campo /nessuno non esiste nel modulo online (unknown field)');
    expect(checkWorkflowDefinition(notify('/controinteressati'), { officeCodes: [] })[0]!.message).toMatch(/non ha un modulo online/);
    expect(paths(notify('/controinteressati', ['email', 'sms']))).toEqual(['workflow/automations/0/do/0/channels']);
    const citizenWithPointer = wf({ automations: [{ id: 'a', on: 'approved', do: [{ type: 'notify', to: 'citizen', pointer: '/richiedente/email', channels: ['email'], template: { subject: 's', body: 'b' } }] }] });
    expect(paths(citizenWithPointer)).toEqual(['workflow/automations/0/do/0/pointer']);
  });

  it('wants due_soon with days before the due date, and days only there', () => {
    const due = (daysBefore: number | undefined, on: 'due_soon' | 'submitted' = 'due_soon') =>
      wf({ automations: [{ id: 'a', on, ...(daysBefore === undefined ? {} : { daysBefore }), do: [{ type: 'remind_operator', daysBefore: 2 }] }] });
    expect(paths(due(2))).toEqual([]);
    expect(paths(due(0))).toEqual(['workflow/automations/0/daysBefore']);
    expect(paths(due(undefined))).toEqual(['workflow/automations/0/daysBefore']);
    expect(paths(due(3, 'submitted'))).toEqual(['workflow/automations/0/daysBefore']);
  });

  it('keeps deadlines and reminders within their ranges', () => {
    const def = wf({
      automations: [
        { id: 'a', on: 'submitted', do: [{ type: 'set_deadline', days: 0 }, { type: 'set_deadline', days: 3651 }, { type: 'set_deadline', days: 3650, move: true }] },
        { id: 'b', on: 'taken_in_charge', do: [{ type: 'remind_operator', daysBefore: 0 }] },
      ],
    });
    const problems = checkWorkflowDefinition(def, ctx);
    expect(problems.map((p) => p.path)).toEqual(['workflow/automations/0/do/0/days', 'workflow/automations/0/do/1/days', 'workflow/automations/1/do/0/daysBefore']);
    expect(problems[0]!.message).toBe('i giorni devono essere da 1 a 3650 (days from 1 to 3650)');
  });

  it('knows the placeholders, everywhere a text is sent', () => {
    const def = wf({
      automations: [{ id: 'a', on: 'approved', do: [{ type: 'notify', to: 'citizen', channels: ['sms'], template: { subject: 'Pratica {{ codice }}', body: 'Gentile {{nome}}, {{cognome}} e {{nome}}' } }] }],
      response: { approved: { subject: 'Esito {{esito}}', body: 'Ritiro presso {{ufficio}} {{scadenza' }, rejected: DEFAULT_WORKFLOW.response.rejected },
    });
    const problems = checkWorkflowDefinition(def, ctx);
    expect(problems).toEqual([
      { path: 'workflow/automations/0/do/0/template/body', message: expect.stringMatching(/^segnaposto sconosciuti \{\{nome\}\}, \{\{cognome\}\}: usa solo \{\{codice\}\}/) },
      { path: 'workflow/response/approved/body', message: expect.stringMatching(/^segnaposto incompleto/) },
    ]);
    expect(placeholdersIn('{{ codice }} e {{ente}}')).toEqual(['codice', 'ente']);
  });

  it('keeps the applicant\'s name and the reasons out of what leaves the platform; the personal area may carry them', () => {
    type Notify = Extract<WorkflowDefinition['automations'][number]['do'][number], { type: 'notify' }>;
    const notify = (to: Notify['to'], channels: Notify['channels'], template: Notify['template']) =>
      wf({ automations: [{ id: 'avviso', on: 'rejected', do: [{ type: 'escalate' }, { type: 'notify', to, ...(to === 'answers' ? { pointer: '/controinteressati' } : {}), channels, template }] }] });
    const personal = { subject: 'Esito per {{richiedente}}', body: 'La pratica {{codice}} è stata respinta: {{ motivazione }}.' };

    const byMail = checkWorkflowDefinition(notify('citizen', ['inbox', 'email'], personal), ctx);
    expect(byMail).toEqual([
      { path: 'workflow/automations/0/do/1/template/subject', message: expect.stringContaining('{{richiedente}} porterebbe dati personali fuori dall\'area personale') },
      { path: 'workflow/automations/0/do/1/template/body', message: expect.stringContaining('{{motivazione}} porterebbe dati personali') },
    ]);
    // each placeholder named once, however often it appears
    const twice = checkWorkflowDefinition(notify('citizen', ['sms'], { subject: 'Esito', body: '{{richiedente}}: {{motivazione}}, {{richiedente}}' }), ctx);
    expect(twice).toEqual([{ path: 'workflow/automations/0/do/1/template/body', message: expect.stringMatching(/^\{\{richiedente\}\}, \{\{motivazione\}\} porterebbe/) }]);
    for (const channel of ['email', 'sms', 'io'] as const) {
      expect(paths(notify('responsible', [channel], personal)), channel).toEqual(['workflow/automations/0/do/1/template/subject', 'workflow/automations/0/do/1/template/body']);
    }
    // addresses read from the answers are outside the platform whatever the channels say
    expect(paths(notify('answers', ['email'], personal))).toEqual(['workflow/automations/0/do/1/template/subject', 'workflow/automations/0/do/1/template/body']);

    // the personal area is where they belong
    expect(checkWorkflowDefinition(notify('citizen', ['inbox'], personal), ctx)).toEqual([]);
    expect(checkWorkflowDefinition(notify('manager', ['inbox'], personal), ctx)).toEqual([]);
    // and the placeholders that say nothing of the person go anywhere
    expect(checkWorkflowDefinition(notify('citizen', ['email', 'sms', 'io'], { subject: 'Pratica {{codice}} ({{ente}})', body: '{{servizio}}: {{esito}} il {{scadenza}}, protocollo {{protocollo}}, {{ufficio}}' }), ctx)).toEqual([]);
  });

  it('allows tacit approval only when the term has passed, once, and automatic checks only on what was sent', () => {
    const tacit = (on: 'overdue' | 'due_soon') => ({ id: `t-${on}`, on, ...(on === 'due_soon' ? { daysBefore: 1 } : {}), do: [{ type: 'tacit_approval' as const, note: 'Silenzio-assenso' }] });
    expect(paths(wf({ automations: [tacit('overdue')] }))).toEqual([]);
    expect(paths(wf({ automations: [tacit('due_soon')] }))).toEqual(['workflow/automations/0/do/0/type']);
    expect(paths(wf({ automations: [tacit('overdue'), { ...tacit('overdue'), id: 'altro' }] }))).toEqual(['workflow/automations']);
    expect(paths(wf({ automations: [{ id: 'c', on: 'approved', do: [{ type: 'automatic_checks' }] }] }))).toEqual(['workflow/automations/0/do/0/type']);
    expect(paths(wf({ automations: [{ id: 'c', on: 'submitted', do: [{ type: 'automatic_checks' }] }] }))).toEqual([]);
  });

  it('refuses visa events when there are no visas, and a transition nobody may do', () => {
    const def = wf({ permissions: { approve: [] }, automations: [{ id: 'v', on: 'visa_granted', do: [{ type: 'escalate' }] }] });
    expect(paths(def)).toEqual(['workflow/permissions/approve', 'workflow/automations/0/on']);
    expect(paths({ ...def, permissions: {}, approvals: [{ id: 'v1', label: 'Visto', by: { role: 'manager' } }] })).toEqual([]);
  });
});

describe('formFieldPointers', () => {
  it('lists every field, nested and conditional, with JSON-pointer escapes', () => {
    const schema = {
      type: 'object',
      properties: {
        richiesta: {
          type: 'object',
          properties: { oggetto: { type: 'string' }, 'a/b': { type: 'string' } },
          allOf: [{ if: {}, then: { properties: { sezione: { type: 'string' } } } }],
        },
      },
    };
    expect(formFieldPointers(schema).sort()).toEqual(['/richiesta', '/richiesta/a~1b', '/richiesta/oggetto', '/richiesta/sezione']);
  });
});

describe('workflowSteps', () => {
  it('draws the default and a configured flow', () => {
    expect(workflowSteps(undefined).map((s) => s.id)).toEqual(['submission', 'protocol', 'in_charge', 'outcome']);
    const def = wf({
      paymentBeforeSubmission: true,
      checklist: [{ id: 'c', label: 'Controllo', required: true }],
      approvals: [{ id: 'v1', label: 'Visto del responsabile', by: { role: 'manager' } }],
      automations: [{ id: 'a', on: 'submitted', do: [{ type: 'automatic_checks' }] }, { id: 't', on: 'overdue', do: [{ type: 'tacit_approval', note: 'x' }] }],
    });
    expect(workflowSteps(def).map((s) => s.id)).toEqual(['payment', 'submission', 'protocol', 'checks', 'in_charge', 'checklist', 'approval:v1', 'outcome']);
    expect(workflowSteps(def).at(-1)!.label).toMatch(/silenzio-assenso/);
  });
});
