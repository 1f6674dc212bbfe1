/**
 * The service's workflow as the editor holds it while an administrator edits it, and its conversion to the
 * WorkflowDefinition the API expects. Numbers stay as typed; ids are kept for what was published (the engine
 * refers to checklist items, visas and automations by id) and made from the label for new rows; permissions hold
 * every transition and only those that differ from the defaults are sent. A workflow equal to DEFAULT_WORKFLOW is
 * not sent at all, so that the service keeps following the default. Error keys follow the editor's convention
 * ("workflow/automations/1/do/0/days"); the server's paths ("workflow.automations.1.do.0.days") map to them 1:1
 * because no row is dropped on the way. The fees of the payment before submission keep their amounts as typed
 * ("16,00", read into cents without floating point) and are sent only while that payment is on: switched off,
 * they stay in the draft (switching back brings them back) but the service asks nothing.
 */
import {
  DEFAULT_PERMISSIONS,
  DEFAULT_WORKFLOW,
  PERFORMERS,
  STAFF_TRANSITIONS,
  type AutomationAction,
  type Channel,
  type MessageTemplate,
  type Performer,
  type Recipient,
  type StaffTransition,
  type WorkflowDefinition,
  type WorkflowEvent,
} from '../../../../contracts/workflow';
import { PAYMENT_ITEM_KINDS, type FeeRule, type PaymentItemKind } from '../../../../contracts/payments';
import { slugify, type FieldError } from '../../editorModel';
import { centsToInput, parseEuroCents } from '../../payments/money';

export type ActionType = AutomationAction['type'];
export const ACTION_TYPES: ActionType[] = ['notify', 'set_deadline', 'generate_document', 'remind_operator', 'escalate', 'automatic_checks', 'tacit_approval'];

export interface ChecklistRow {
  /** '' for a row added here: made from the label when sent */
  id: string;
  label: string;
  required: boolean;
}

export interface ApprovalRow {
  id: string;
  label: string;
  by: 'manager' | 'office';
  officeCode: string;
}

/** One action with the fields of every type, so that changing the type loses nothing typed. */
export interface ActionRow {
  type: ActionType;
  to: Recipient;
  pointer: string;
  channels: Channel[];
  subject: string;
  body: string;
  days: string;
  move: boolean;
  daysBefore: string;
  note: string;
}

export interface AutomationRow {
  id: string;
  on: WorkflowEvent;
  /** for due_soon */
  daysBefore: string;
  do: ActionRow[];
}

/** How the value of a fee's condition is written and sent: the type of the form's field it compares with. */
export type WhenType = 'string' | 'number' | 'boolean';

export interface FeeRow {
  /** '' for a row added here: made from the label when sent */
  id: string;
  label: string;
  kind: PaymentItemKind;
  /** euro as typed, e.g. "16,00" */
  amount: string;
  /** a numeric answer the amount is multiplied by; '' = counted once */
  perPointer: string;
  /** the answer the fee depends on; '' = always */
  whenPointer: string;
  /** the value it must have, as text ("true", "3", "urgente") */
  whenEquals: string;
  whenType: WhenType;
}

export const newFee = (): FeeRow => ({ id: '', label: '', kind: 'diritti', amount: '', perPointer: '', whenPointer: '', whenEquals: '', whenType: 'string' });

/** The type a condition's value takes from a form field's JSON Schema type. */
export const whenTypeOf = (schemaType: string | undefined): WhenType =>
  schemaType === 'boolean' ? 'boolean' : schemaType === 'number' || schemaType === 'integer' ? 'number' : 'string';

export interface WorkflowDraft {
  paymentBeforeSubmission: boolean;
  fees: FeeRow[];
  checklist: ChecklistRow[];
  approvals: ApprovalRow[];
  permissions: Record<StaffTransition, Performer[]>;
  automations: AutomationRow[];
  response: { approved: MessageTemplate; rejected: MessageTemplate };
}

export interface WorkflowMessages {
  required: string;
  whole: (min: number, max: number) => string;
  office: string;
  /** an amount that is not euro with at most two decimals, or is zero */
  amount: string;
  /** payment before submission with nothing to pay */
  fees: string;
  /** a condition on a numeric field whose value is not a number */
  number: string;
}

export const newAction = (type: ActionType = 'notify'): ActionRow => ({
  type,
  to: 'citizen',
  pointer: '',
  channels: ['inbox', 'email'],
  subject: '',
  body: '',
  days: '',
  move: false,
  daysBefore: '',
  note: '',
});

export const newAutomation = (): AutomationRow => ({ id: '', on: 'approved', daysBefore: '', do: [newAction()] });

function actionRow(a: AutomationAction): ActionRow {
  const row = newAction(a.type);
  switch (a.type) {
    case 'notify':
      return { ...row, to: a.to, pointer: a.pointer ?? '', channels: [...a.channels], subject: a.template.subject, body: a.template.body };
    case 'generate_document':
      return { ...row, subject: a.template.subject, body: a.template.body };
    case 'set_deadline':
      return { ...row, days: String(a.days), move: Boolean(a.move) };
    case 'remind_operator':
      return { ...row, daysBefore: String(a.daysBefore) };
    case 'tacit_approval':
      return { ...row, note: a.note };
    default:
      return row;
  }
}

function feeRow(f: FeeRule): FeeRow {
  const equals = f.when?.equals;
  return {
    id: f.id,
    label: f.label,
    kind: f.kind,
    amount: centsToInput(f.amountCents),
    perPointer: f.perPointer ?? '',
    whenPointer: f.when?.pointer ?? '',
    whenEquals: equals === undefined ? '' : String(equals),
    whenType: typeof equals === 'boolean' ? 'boolean' : typeof equals === 'number' ? 'number' : 'string',
  };
}

/** The draft of a published workflow (the default one when the card has none). */
export function workflowDraftFrom(def: WorkflowDefinition | undefined): WorkflowDraft {
  const w = structuredClone(def ?? DEFAULT_WORKFLOW);
  return {
    paymentBeforeSubmission: w.paymentBeforeSubmission,
    fees: (w.fees ?? []).map(feeRow),
    checklist: w.checklist.map((c) => ({ ...c })),
    approvals: w.approvals.map((a) => ({ id: a.id, label: a.label, by: 'officeCode' in a.by ? 'office' : 'manager', officeCode: 'officeCode' in a.by ? a.by.officeCode : '' })),
    permissions: Object.fromEntries(STAFF_TRANSITIONS.map((t) => [t, [...(w.permissions[t] ?? DEFAULT_PERMISSIONS[t])]])) as Record<StaffTransition, Performer[]>,
    automations: w.automations.map((a) => ({ id: a.id, on: a.on, daysBefore: a.daysBefore === undefined ? '' : String(a.daysBefore), do: a.do.map(actionRow) })),
    response: w.response,
  };
}

/** A valid id (letter first, at most 60 characters) from a label, unlike any in `used`. */
export function idFrom(label: string, fallback: string, used: Set<string>): string {
  let base = slugify(label).slice(0, 50).replace(/-+$/, '') || fallback;
  if (!/^[a-z]/.test(base)) base = `${fallback}-${base}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Deep equality of JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface WorkflowConversion {
  /** what the diagram draws (always there, even with problems) */
  definition: WorkflowDefinition;
  /** what the card carries: undefined when it is the default workflow */
  workflow: WorkflowDefinition | undefined;
  /** problems found before sending: numbers that are not whole, missing texts, an office not chosen */
  errors: FieldError[];
}

export function workflowDraftToDefinition(draft: WorkflowDraft, messages: WorkflowMessages): WorkflowConversion {
  const errors: FieldError[] = [];
  const need = (key: string, value: string) => {
    if (!value.trim()) errors.push({ key, message: messages.required });
    return value.trim();
  };
  const whole = (key: string, value: string, min: number, max: number): number => {
    const text = value.trim();
    if (!/^-?\d+$/.test(text)) {
      errors.push({ key, message: text ? messages.whole(min, max) : messages.required });
      return min;
    }
    // the range itself is the server's to check: its message says what the days are for
    return Number(text);
  };
  const template = (key: string, t: MessageTemplate): MessageTemplate => ({ subject: need(`${key}/subject`, t.subject), body: need(`${key}/body`, t.body) });

  // fees: only while the payment before submission is on (the server refuses fees without it, and it without fees)
  const feeIds = new Set(draft.fees.map((f) => f.id).filter(Boolean));
  const fees: FeeRule[] = !draft.paymentBeforeSubmission
    ? []
    : draft.fees.map((f, i) => {
        const key = `workflow/fees/${i}`;
        const label = need(`${key}/label`, f.label);
        const cents = parseEuroCents(f.amount);
        if (cents === null || cents === 0) errors.push({ key: `${key}/amountCents`, message: f.amount.trim() ? messages.amount : messages.required });
        let when: FeeRule['when'];
        if (f.whenPointer) {
          const text = f.whenEquals.trim();
          let equals: string | number | boolean = text;
          if (f.whenType === 'boolean') equals = text === 'true';
          else if (f.whenType === 'number') {
            equals = Number(text.replace(',', '.'));
            if (!text || !Number.isFinite(equals)) errors.push({ key: `${key}/when/equals`, message: text ? messages.number : messages.required });
          } else if (!text) errors.push({ key: `${key}/when/equals`, message: messages.required });
          when = { pointer: f.whenPointer, equals };
        }
        return {
          id: f.id || idFrom(f.label, 'voce', feeIds),
          label,
          kind: PAYMENT_ITEM_KINDS.includes(f.kind) ? f.kind : 'altro',
          amountCents: cents ?? 0,
          ...(f.perPointer ? { perPointer: f.perPointer } : {}),
          ...(when ? { when } : {}),
        };
      });
  if (draft.paymentBeforeSubmission && fees.length === 0) errors.push({ key: 'workflow/fees', message: messages.fees });

  const checklistIds = new Set(draft.checklist.map((c) => c.id).filter(Boolean));
  const checklist = draft.checklist.map((c, i) => ({
    id: c.id || idFrom(c.label, 'voce', checklistIds),
    label: need(`workflow/checklist/${i}/label`, c.label),
    required: c.required,
  }));

  const approvalIds = new Set(draft.approvals.map((a) => a.id).filter(Boolean));
  const approvals: WorkflowDefinition['approvals'] = draft.approvals.map((a, i) => {
    if (a.by === 'office' && !a.officeCode) errors.push({ key: `workflow/approvals/${i}/by`, message: messages.office });
    return {
      id: a.id || idFrom(a.label, 'visto', approvalIds),
      label: need(`workflow/approvals/${i}/label`, a.label),
      by: a.by === 'office' ? { officeCode: a.officeCode } : { role: 'manager' as const },
    };
  });

  const permissions: WorkflowDefinition['permissions'] = {};
  for (const t of STAFF_TRANSITIONS) {
    const chosen = PERFORMERS.filter((p) => draft.permissions[t].includes(p));
    if (!sameSet(chosen, DEFAULT_PERMISSIONS[t])) permissions[t] = chosen;
  }

  const automationIds = new Set(draft.automations.map((a) => a.id).filter(Boolean));
  const automations: WorkflowDefinition['automations'] = draft.automations.map((a, i) => {
    const at = `workflow/automations/${i}`;
    const actions = a.do.map((d, j): AutomationAction => {
      const key = `${at}/do/${j}`;
      switch (d.type) {
        case 'notify':
          return {
            type: 'notify',
            to: d.to,
            ...(d.to === 'answers' ? { pointer: d.pointer } : {}),
            channels: [...d.channels],
            template: template(`${key}/template`, { subject: d.subject, body: d.body }),
          };
        case 'generate_document':
          return { type: 'generate_document', template: template(`${key}/template`, { subject: d.subject, body: d.body }) };
        case 'set_deadline':
          return { type: 'set_deadline', days: whole(`${key}/days`, d.days, 1, 3650), ...(d.move ? { move: true } : {}) };
        case 'remind_operator':
          return { type: 'remind_operator', daysBefore: whole(`${key}/daysBefore`, d.daysBefore, 1, 365) };
        case 'tacit_approval':
          return { type: 'tacit_approval', note: need(`${key}/note`, d.note) };
        case 'escalate':
          return { type: 'escalate' };
        case 'automatic_checks':
          return { type: 'automatic_checks' };
      }
    });
    const fallback = `${a.on}-${a.do[0]?.type ?? 'azione'}`.replace(/_/g, '-');
    return {
      id: a.id || idFrom(fallback, 'automazione', automationIds),
      on: a.on,
      ...(a.on === 'due_soon' ? { daysBefore: whole(`${at}/daysBefore`, a.daysBefore, 1, 365) } : {}),
      do: actions,
    };
  });

  const definition: WorkflowDefinition = {
    paymentBeforeSubmission: draft.paymentBeforeSubmission,
    fees,
    checklist,
    approvals,
    permissions,
    automations,
    response: {
      approved: template('workflow/response/approved', draft.response.approved),
      rejected: template('workflow/response/rejected', draft.response.rejected),
    },
  };
  return { definition, workflow: sameJson(definition, DEFAULT_WORKFLOW) ? undefined : definition, errors };
}
