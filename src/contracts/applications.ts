/** Applications (pratiche) as the API shows them to citizens and operators. See DESIGN.md §5. */
import type { CertificateVerificationView } from './certificates.ts';
import type { PaymentSummary } from './payments.ts';
import type { OutcomeProposal, WorkflowStep } from './workflow.ts';

export const APPLICATION_STATUSES = [
  'draft', 'payment_pending', 'submitted', 'registered', 'in_progress', 'awaiting_citizen', 'approved', 'rejected', 'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn'];

/** Transitions through POST /api/v1/applications/{id}/transitions/{action}. */
export const TRANSITIONS = [
  'take_charge', 'assign', 'request_integration', 'answer_integration', 'approve', 'reject', 'withdraw',
  // second-level approval (visto) of a proposed outcome: give it, or send the application back to the officer
  'endorse', 'send_back',
] as const;
export type TransitionAction = (typeof TRANSITIONS)[number];

export type SubjectKind = 'self' | 'minor' | 'delegation' | 'company';

export interface ApplicationSubject {
  kind: SubjectKind;
  fiscalCode: string;
  name: string;
}

export interface AttachmentView {
  id: string;
  /** the requirement it answers (AttachmentRequirement.id) */
  requirementId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface DocumentView {
  id: string;
  kind: 'receipt' | 'response' | 'notice';
  title: string;
  fileName: string;
  /** outgoing protocol of a response or notice */
  protocol: { number: string; year: number } | null;
  /** one line for the personal area: "Domanda accolta", "Domanda respinta: …" */
  summary: string | null;
  sha256: string;
  createdAt: string;
  /** the code printed on the document for the public verification page */
  verificationCode: string;
  /** GET this to download */
  href: string;
}

export interface ProtocolView {
  /** formatted with 7 digits at least, e.g. "0000123" */
  number: string;
  year: number;
  registeredAt: string;
}

/** How long the application spent in a phase (a status), in whole days and in hours. */
export interface PhaseTime {
  status: ApplicationStatus;
  from: string;
  to: string | null;
  hours: number;
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  /** who did it, as the citizen may see it: "Tu", "Ufficio Anagrafe", "Sistema" */
  actorLabel: string;
  note: string | null;
  /** only operators see internal notes */
  internal: boolean;
}

/** What the office is waiting for (status awaiting_citizen): the request and the documents it asks for. */
export interface IntegrationRequest {
  requestedAt: string;
  message: string;
  /** titles of documents to upload */
  documents: string[];
  /** the date the citizen should answer by, when the office set one */
  answerBy: string | null;
}

export interface ApplicationSummary {
  id: string;
  /** short human code shown on the acknowledgement, e.g. "CR-2026-7KQ4M2" */
  code: string;
  status: ApplicationStatus;
  tenant: { id: string; slug: string; name: string };
  service: { id: string; slug: string; title: string; version: number };
  subject: ApplicationSubject;
  /** who filed it (the person logged in), when not the subject */
  filedBy: { name: string } | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  protocol: ProtocolView | null;
  dueDate: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  /** answers so far (the whole JSON document of the form) */
  data: Record<string, unknown>;
  /** JSON pointers of the fields the body filled in from the data it holds, with the source's origin */
  prefilled: Record<string, 'spid' | 'registry' | 'company'>;
  currentStep: string | null;
  /** changes on every save; send it back as If-Match to avoid overwriting a save from another device */
  revision: number;
  auth: { method: string; level: string } | null;
  attachments: AttachmentView[];
  documents: DocumentView[];
  /** taken in charge at, due date, suspended days, phases; null before submission */
  clock: {
    submittedAt: string;
    takenInChargeAt: string | null;
    dueDate: string;
    maxDays: number;
    suspendedDays: number;
    closedAt: string | null;
    phases: PhaseTime[];
    /** working-calendar days left until the due date (negative when late); null once closed */
    daysLeft: number | null;
  } | null;
  awaiting: IntegrationRequest | null;
  /** what the citizen may do now */
  actions: TransitionAction[];
  rating: { score: number } | null;
  /** the steps of the service's workflow and where the application is (the citizen's diagram) */
  workflow: { steps: WorkflowStep[]; currentStepId: string | null };
  /** what the office sees and works on; null for the citizen */
  office: StaffView | null;
  /** the payments of the application (before submission, or asked by the office), oldest first */
  payments: PaymentSummary[];
}

/** The back office's view of an application. */
export interface StaffView {
  office: { id: string; name: string; tenantName: string } | null;
  responsible: { id: string; name: string } | null;
  checklist: { id: string; label: string; required: boolean; done: boolean; doneBy: string | null; doneAt: string | null }[];
  /** the outcome proposed by the officer while visas are awaited */
  proposal: OutcomeProposal | null;
  /** whose visa is awaited now */
  pendingVisa: { stepId: string; label: string; by: string } | null;
  escalatedAt: string | null;
  /** the final motivation, once decided */
  motivation: string | null;
}

/** A row of the operator's workspace. */
export interface WorkItem extends ApplicationSummary {
  office: { id: string; name: string } | null;
  responsible: { id: string; name: string } | null;
  /** working-calendar days left before the due date (negative when late); null once closed or while suspended */
  daysLeft: number | null;
  escalated: boolean;
  pendingVisa: string | null;
}

export const WORK_QUEUES = ['new', 'mine', 'awaiting', 'due_soon', 'overdue', 'visas', 'open', 'closed'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

/** Applications of the operator's offices in each queue (the workspace's tabs). */
export type WorkQueueCounts = Record<WorkQueue, number>;

/** The answer to a submission: at once, before the protocol number. */
export interface SubmissionAcknowledgement {
  id: string;
  code: string;
  /** submitted; or payment_pending when the service asks a payment before sending */
  status: ApplicationStatus;
  /** null while the payment before sending is awaited: the application is sent when it is confirmed */
  submittedAt: string | null;
  protocol: ProtocolView | null;
  /** the payment to make before the application is sent (status payment_pending), else null */
  payment: { id: string; amountCents: number } | null;
}

export const RATING_REASONS_LOW = ['indicazioni-poco-chiare', 'indicazioni-incomplete', 'incertezza-procedura', 'problemi-tecnici', 'altro'] as const;
export const RATING_REASONS_HIGH = ['indicazioni-chiare', 'indicazioni-complete', 'procedura-chiara', 'nessun-problema-tecnico', 'altro'] as const;
export type RatingReason = (typeof RATING_REASONS_LOW)[number] | (typeof RATING_REASONS_HIGH)[number];

export interface RatingInput {
  /** "Quanto è stato facile usare questo servizio?" 1–5 */
  score: number;
  reason?: RatingReason;
  comment?: string;
}

/** The public verification of a receipt or a response: what the document shows about itself, no personal data. */
export interface DocumentVerificationView {
  code: string;
  valid: boolean;
  kind: 'receipt' | 'response';
  tenant: { name: string; fiscalCode: string };
  service: { title: string };
  applicationCode: string;
  submittedAt: string | null;
  protocol: ProtocolView | null;
  issuedAt: string;
  /** SHA-256 of the PDF as issued: compare with the file you hold */
  sha256: string;
  revokedAt: string | null;
}

/** The public verification by code: a receipt or a response on an application, or a registry certificate. */
export type VerificationView = DocumentVerificationView | CertificateVerificationView;
