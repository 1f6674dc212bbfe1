import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from '../../../../contracts/workflow';
import { accessoCivicoWorkflow, idoneitaAlloggiativaWorkflow, rimborsoTributiWorkflow, sciaEdiliziaWorkflow } from '../../../../server/db/seed/demo/workflows';
import { idFrom, newAction, newAutomation, newFee, workflowDraftFrom, workflowDraftToDefinition } from './workflowDraft';

const messages = { required: 'obbligatorio', whole: (min: number, max: number) => `intero ${min}-${max}`, office: 'ufficio', amount: 'importo', fees: 'voci', number: 'numero' };
const convert = (draft = workflowDraftFrom(undefined)) => workflowDraftToDefinition(draft, messages);

describe('the workflow draft', () => {
  it('sends nothing while the workflow is the default one', () => {
    const c = convert();
    expect(c.errors).toEqual([]);
    expect(c.workflow).toBeUndefined();
    expect(c.definition).toEqual(DEFAULT_WORKFLOW);
  });

  it.each([
    ['idoneità', idoneitaAlloggiativaWorkflow(5000)],
    ['rimborso', rimborsoTributiWorkflow()],
    ['SCIA', sciaEdiliziaWorkflow()],
    ['accesso civico', accessoCivicoWorkflow()],
  ] as [string, WorkflowDefinition][])('gives back the %s workflow as it was published', (_, def) => {
    const c = convert(workflowDraftFrom(def));
    expect(c.errors).toEqual([]);
    expect(c.workflow).toEqual(def);
  });

  it('sends only the permissions that differ from the defaults', () => {
    const draft = workflowDraftFrom(undefined);
    draft.permissions.approve = ['responsible'];
    draft.permissions.take_charge = ['manager', 'operator']; // the default, in another order
    expect(convert(draft).workflow?.permissions).toEqual({ approve: ['responsible'] });
  });

  it('makes ids from labels for new rows, unique, and keeps the published ones', () => {
    const draft = workflowDraftFrom({ ...DEFAULT_WORKFLOW, checklist: [{ id: 'sopralluogo', label: 'Vecchio testo', required: true }] });
    draft.checklist.push({ id: '', label: 'Sopralluogo', required: true }, { id: '', label: '2° controllo', required: false });
    draft.approvals.push({ id: '', label: 'Visto di regolarità contabile', by: 'office', officeCode: 'ragioneria' });
    draft.automations.push(newAutomation());
    const def = convert(draft).workflow!;
    expect(def.checklist.map((c) => c.id)).toEqual(['sopralluogo', 'sopralluogo-2', 'voce-2-controllo']);
    expect(def.approvals).toEqual([{ id: 'visto-di-regolarita-contabile', label: 'Visto di regolarità contabile', by: { officeCode: 'ragioneria' } }]);
    expect(def.automations.at(-1)!.id).toBe('approved-notify');
    expect(idFrom('', 'voce', new Set())).toBe('voce');
  });

  it('finds numbers that are not whole, missing texts and an office not chosen, by field', () => {
    const draft = workflowDraftFrom(undefined);
    draft.approvals.push({ id: '', label: '', by: 'office', officeCode: '' });
    draft.automations.push({ id: '', on: 'due_soon', daysBefore: 'tre', do: [{ ...newAction('set_deadline'), days: '2,5' }, newAction('notify')] });
    const keys = convert(draft).errors.map((e) => e.key);
    expect(keys).toEqual([
      'workflow/approvals/0/by',
      'workflow/approvals/0/label',
      'workflow/automations/2/do/0/days',
      'workflow/automations/2/do/1/template/subject',
      'workflow/automations/2/do/1/template/body',
      'workflow/automations/2/daysBefore',
    ]);
  });

  it('keeps the pointer only for recipients read from the answers', () => {
    const draft = workflowDraftFrom(undefined);
    draft.automations = [{ id: 'a', on: 'approved', daysBefore: '', do: [{ ...newAction('notify'), to: 'citizen', pointer: '/x', subject: 's', body: 'b' }] }];
    const action = convert(draft).workflow!.automations[0]!.do[0]!;
    expect(action).toEqual({ type: 'notify', to: 'citizen', channels: ['inbox', 'email'], template: { subject: 's', body: 'b' } });
  });

  // the fees of the payment before submission
  it('gives back fees with their units and conditions as published, amounts typed in euro', () => {
    const def: WorkflowDefinition = {
      ...DEFAULT_WORKFLOW,
      paymentBeforeSubmission: true,
      fees: [
        { id: 'bollo', label: 'Imposta di bollo', kind: 'bollo', amountCents: 1600 },
        { id: 'copie', label: 'Copia conforme', kind: 'diritti', amountCents: 115, perPointer: '/richiesta/copie' },
        { id: 'urgenza', label: 'Procedura urgente', kind: 'diritti', amountCents: 2500, when: { pointer: '/richiesta/urgente', equals: true } },
        { id: 'estero', label: 'Spedizione all\'estero', kind: 'tariffa', amountCents: 750, when: { pointer: '/consegna/modo', equals: 'estero' } },
        { id: 'terzo', label: 'Terza copia', kind: 'diritti', amountCents: 100, when: { pointer: '/richiesta/copie', equals: 3 } },
      ],
    };
    const draft = workflowDraftFrom(def);
    expect(draft.fees.map((f) => [f.amount, f.whenType, f.whenEquals])).toEqual([
      ['16,00', 'string', ''],
      ['1,15', 'string', ''],
      ['25,00', 'boolean', 'true'],
      ['7,50', 'string', 'estero'],
      ['1,00', 'number', '3'],
    ]);
    const c = convert(draft);
    expect(c.errors).toEqual([]);
    expect(c.workflow).toEqual(def);
  });

  it('reads a new fee typed in euro into cents, with an id from its label', () => {
    const draft = workflowDraftFrom(undefined);
    draft.paymentBeforeSubmission = true;
    draft.fees.push({ ...newFee(), label: 'Diritti di segreteria', amount: '0,10' }, { ...newFee(), label: 'Diritti di segreteria', amount: '1.234,20', kind: 'tariffa' });
    expect(convert(draft).workflow!.fees).toEqual([
      { id: 'diritti-di-segreteria', label: 'Diritti di segreteria', kind: 'diritti', amountCents: 10 },
      { id: 'diritti-di-segreteria-2', label: 'Diritti di segreteria', kind: 'tariffa', amountCents: 123420 },
    ]);
  });

  it('finds amounts that are not euro, a condition without a value, and a payment with nothing to pay', () => {
    const draft = workflowDraftFrom(undefined);
    draft.paymentBeforeSubmission = true;
    expect(convert(draft).errors).toEqual([{ key: 'workflow/fees', message: 'voci' }]);
    draft.fees.push(
      { ...newFee(), label: 'A', amount: '12,505' },
      { ...newFee(), label: '', amount: '' },
      { ...newFee(), label: 'C', amount: '0' },
      { ...newFee(), label: 'D', amount: '5', whenPointer: '/x', whenType: 'number', whenEquals: 'tre' },
      { ...newFee(), label: 'E', amount: '5', whenPointer: '/y', whenType: 'string', whenEquals: ' ' },
    );
    expect(convert(draft).errors).toEqual([
      { key: 'workflow/fees/0/amountCents', message: 'importo' },
      { key: 'workflow/fees/1/label', message: 'obbligatorio' },
      { key: 'workflow/fees/1/amountCents', message: 'obbligatorio' },
      { key: 'workflow/fees/2/amountCents', message: 'importo' },
      { key: 'workflow/fees/3/when/equals', message: 'numero' },
      { key: 'workflow/fees/4/when/equals', message: 'obbligatorio' },
    ]);
  });

  it('keeps the fees in the draft but sends none while the payment before submission is off', () => {
    const draft = workflowDraftFrom(undefined);
    draft.fees.push({ ...newFee(), label: 'Bollo', amount: 'sedici' });
    const c = convert(draft);
    expect(c.errors).toEqual([]);
    expect(c.workflow).toBeUndefined();
    expect(draft.fees).toHaveLength(1);
  });
});
