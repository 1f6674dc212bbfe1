/**
 * A service's workflow, configured as data (no code): which steps apply after submission, who may do each
 * transition, and automations "when X happens, do Y". It is part of a service version (card.workflow), so an
 * application follows the workflow of the version it was filed on. Shared by server and web: the web draws the
 * citizen's diagram of the steps from the same definition.
 */
import type { FeeRule } from './payments.ts';

/** What happens to an application, as automations see it. `due_soon` and `overdue` come from the deadline sweep. */
export const WORKFLOW_EVENTS = [
  'submitted', 'registered', 'taken_in_charge', 'assigned', 'integration_requested', 'integration_answered',
  'outcome_proposed', 'visa_granted', 'visa_refused', 'approved', 'rejected', 'withdrawn', 'due_soon', 'overdue',
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

/** Transitions an office performs (the citizen's own — answer_integration, withdraw — are not configurable). */
export const STAFF_TRANSITIONS = ['take_charge', 'assign', 'request_integration', 'approve', 'reject', 'endorse', 'send_back'] as const;
export type StaffTransition = (typeof STAFF_TRANSITIONS)[number];

/** Who may perform a transition: a role in the office, or the responsible officer of the application. */
export const PERFORMERS = ['operator', 'manager', 'desk', 'responsible'] as const;
export type Performer = (typeof PERFORMERS)[number];

export const CHANNELS = ['inbox', 'email', 'sms', 'io'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Whom a notification goes to. `answers` reads e-mail addresses from the application's answers (a JSON pointer). */
export const RECIPIENTS = ['citizen', 'office', 'responsible', 'manager', 'answers'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** The placeholders a template may use; each is replaced by the application's value when the text is sent. */
export const PLACEHOLDERS = ['codice', 'servizio', 'ente', 'ufficio', 'richiedente', 'protocollo', 'scadenza', 'esito', 'motivazione'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The names written as {{name}} in a text, in order of appearance (spaces inside the braces are allowed). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!);
}

/** At most this many second-level approvals (visti) follow the officer's proposed outcome. */
export const MAX_APPROVALS = 5;

/** A text with placeholders: {{codice}}, {{servizio}}, {{ente}}, {{ufficio}}, {{richiedente}}, {{protocollo}}, {{scadenza}}, {{esito}}, {{motivazione}}. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

export type AutomationAction =
  | { type: 'notify'; to: Recipient; pointer?: string; channels: Channel[]; template: MessageTemplate }
  /** sets the due date to N days from the event (or moves it by N days with `move: true`) */
  | { type: 'set_deadline'; days: number; move?: boolean }
  /** issues a document on the application (a notice, a communication), signed and protocolled as outgoing */
  | { type: 'generate_document'; template: MessageTemplate }
  /** reminds the responsible officer (or the office, when nobody took charge) N days before the due date */
  | { type: 'remind_operator'; daysBefore: number }
  /** tells the body's managers that the application is overdue and marks it escalated */
  | { type: 'escalate' }
  /** the automatic checks of a SCIA-like procedure: the answers validate, every required document is there */
  | { type: 'automatic_checks' }
  /** silenzio-assenso: when the term passes without an outcome the application is approved by law */
  | { type: 'tacit_approval'; note: string };

export interface Automation {
  id: string;
  /** when X happens … */
  on: WorkflowEvent;
  /** for due_soon: how many working-calendar days before the due date */
  daysBefore?: number;
  /** … do Y */
  do: AutomationAction[];
}

/** A second-level approval (visto) after the officer's proposed outcome: a manager's, or another office's. */
export interface ApprovalStep {
  id: string;
  label: string;
  by: { role: 'manager' } | { officeCode: string };
}

export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
}

/**
 * The response document's text, by outcome (placeholders as in MessageTemplate). The document prints the decision,
 * the motivation and the means of appeal on its own: the text need not repeat them.
 */
export interface ResponseTemplates {
  approved: MessageTemplate;
  rejected: MessageTemplate;
}

export interface WorkflowDefinition {
  /** a payment is required before the application can be sent (status payment_pending) */
  paymentBeforeSubmission: boolean;
  /** what that payment is made of, computed from the answers (contracts/payments.ts#computeFees) */
  fees?: FeeRule[];
  checklist: ChecklistItem[];
  approvals: ApprovalStep[];
  /** who may do each transition; a transition not listed follows DEFAULT_PERMISSIONS */
  permissions: Partial<Record<StaffTransition, Performer[]>>;
  automations: Automation[];
  response: ResponseTemplates;
}

export const DEFAULT_PERMISSIONS: Record<StaffTransition, Performer[]> = {
  take_charge: ['operator', 'manager'],
  assign: ['operator', 'manager'],
  request_integration: ['responsible', 'manager'],
  approve: ['responsible', 'manager'],
  reject: ['responsible', 'manager'],
  endorse: ['manager'],
  send_back: ['manager'],
};

export const DEFAULT_RESPONSE: ResponseTemplates = {
  approved: {
    subject: 'Accoglimento della domanda {{codice}}',
    body: "Vista la domanda presentata da {{richiedente}} per il servizio «{{servizio}}», protocollata con il numero {{protocollo}}, e verificata la sussistenza dei requisiti, l'ufficio {{ufficio}} accoglie la domanda.",
  },
  rejected: {
    subject: 'Rigetto della domanda {{codice}}',
    body: "Vista la domanda presentata da {{richiedente}} per il servizio «{{servizio}}», protocollata con il numero {{protocollo}}, l'ufficio {{ufficio}} non può accogliere la domanda per i motivi indicati di seguito.",
  },
};

/**
 * What every service does unless its workflow says otherwise: remind before the due date, escalate when late.
 * The citizen's messages on receipt, taking in charge, integration requests and outcome are the platform's own
 * (modules/messaging), sent whatever the workflow says: a service adds to them, it cannot forget them.
 */
export const DEFAULT_AUTOMATIONS: Automation[] = [
  { id: 'promemoria-scadenza', on: 'due_soon', daysBefore: 3, do: [{ type: 'remind_operator', daysBefore: 3 }] },
  { id: 'escalation-ritardo', on: 'overdue', do: [{ type: 'escalate' }] },
];

export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  paymentBeforeSubmission: false,
  fees: [],
  checklist: [],
  approvals: [],
  permissions: {},
  automations: DEFAULT_AUTOMATIONS,
  response: DEFAULT_RESPONSE,
};

/** One step of the diagram the citizen sees. */
export interface WorkflowStep {
  id: string;
  /** Italian label; the web translates the fixed ones by id */
  label: string;
  kind: 'payment' | 'submission' | 'protocol' | 'in_charge' | 'checklist' | 'approval' | 'outcome';
}

/** The steps of a workflow in order, as the citizen sees them on the service card and on the application. */
export function workflowSteps(def: WorkflowDefinition | undefined, opts: { tacit?: boolean } = {}): WorkflowStep[] {
  const w = def ?? DEFAULT_WORKFLOW;
  const steps: WorkflowStep[] = [];
  if (w.paymentBeforeSubmission) steps.push({ id: 'payment', label: 'Pagamento', kind: 'payment' });
  steps.push({ id: 'submission', label: 'Invio della domanda', kind: 'submission' });
  steps.push({ id: 'protocol', label: 'Protocollo', kind: 'protocol' });
  if (w.automations.some((a) => a.do.some((d) => d.type === 'automatic_checks'))) steps.push({ id: 'checks', label: 'Controlli automatici', kind: 'checklist' });
  steps.push({ id: 'in_charge', label: 'Presa in carico', kind: 'in_charge' });
  if (w.checklist.length) steps.push({ id: 'checklist', label: 'Istruttoria', kind: 'checklist' });
  for (const a of w.approvals) steps.push({ id: `approval:${a.id}`, label: a.label, kind: 'approval' });
  const tacit = opts.tacit ?? w.automations.some((a) => a.do.some((d) => d.type === 'tacit_approval'));
  steps.push({ id: 'outcome', label: tacit ? 'Esito (o silenzio-assenso alla scadenza)' : 'Esito', kind: 'outcome' });
  return steps;
}

/** The proposed outcome waiting for visas (status stays in_progress meanwhile). */
export interface OutcomeProposal {
  decision: 'approved' | 'rejected';
  motivation: string;
  proposedBy: string;
  proposedAt: string;
  /** visas given so far, in order */
  visas: { stepId: string; by: string; at: string }[];
}
