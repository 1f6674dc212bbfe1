import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from '../../../../contracts/workflow';
import { accessoCivicoWorkflow, idoneitaAlloggiativaWorkflow, rimborsoTributiWorkflow, sciaEdiliziaWorkflow } from '../../../../server/db/seed/demo/workflows';
import { idFrom, newAction, newAutomation, workflowDraftFrom, workflowDraftToDefinition } from './workflowDraft';

const messages = { required: 'obbligatorio', whole: (min: number, max: number) => `intero ${min}-${max}`, office: 'ufficio' };
const convert = (draft = workflowDraftFrom(undefined)) => workflowDraftToDefinition(draft, messages);

describe('the workflow draft', () => {
  it('sends nothing while the workflow is the default one', () => {
    const c = convert();
    expect(c.errors).toEqual([]);
    expect(c.workflow).toBeUndefined();
    expect(c.definition).toEqual(DEFAULT_WORKFLOW);
  });

  it.each([
    ['idoneità', idoneitaAlloggiativaWorkflow()],
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
});
