/**
 * How applications look to the API: summaries, details with the legal clock, and what each side may do next.
 * Pure functions of rows already read.
 */
import {
  CLOSED_STATUSES,
  type ApplicationDetail, type ApplicationStatus, type ApplicationSummary, type TransitionAction,
} from '../../../contracts/applications.ts';
import type { ServiceForm } from '../../../contracts/forms.ts';
import type { PaymentSummary } from '../../../contracts/payments.ts';
import { workflowSteps, type WorkflowDefinition } from '../../../contracts/workflow.ts';
import { isCitizen, type Actor, type StaffActor } from '../../platform/access.ts';
import { LEGAL_BASIS, type PersonalDataRead } from '../../platform/personal-data.ts';
import { clock as programClock } from '../../platform/clock.ts';
import { dueDate, phases, romeDate, suspendedDays } from '../../platform/legal-clock.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import type { ApplicationRow } from './applications.repository.ts';

/**
 * What the applicant may do. An application waiting for its payment before submission was never sent: there is
 * nothing to withdraw (the applicant cancels the payment to change the answers, on the payment's page); one waiting
 * for a payment the office asked for may be withdrawn, as while in progress.
 */
export function citizenActions(status: ApplicationStatus, submitted = true): TransitionAction[] {
  if (status === 'awaiting_citizen') return ['answer_integration', 'withdraw'];
  if (status === 'payment_pending') return submitted ? ['withdraw'] : [];
  if (['submitted', 'registered', 'in_progress'].includes(status)) return ['withdraw'];
  return [];
}

export function staffActions(status: ApplicationStatus): TransitionAction[] {
  if (status === 'registered') return ['take_charge', 'assign'];
  if (status === 'in_progress') return ['request_integration', 'approve', 'reject', 'assign'];
  if (status === 'awaiting_citizen') return ['assign'];
  return [];
}

export function protocolView(r: Pick<ApplicationRow, 'protocol_number' | 'protocol_year' | 'registered_at'>) {
  return r.protocol_number && r.protocol_year && r.registered_at
    ? { number: formatProtocolNumber(r.protocol_number), year: r.protocol_year, registeredAt: r.registered_at.toISOString() }
    : null;
}

export function attachmentView(a: { id: string; requirement_id: string; file_name: string; content_type: string; size: number; sha256: string; uploaded_at: Date }) {
  return { id: a.id, requirementId: a.requirement_id, fileName: a.file_name, contentType: a.content_type, size: a.size, sha256: a.sha256, uploadedAt: a.uploaded_at.toISOString() };
}

export function summaryView(r: ApplicationRow, viewer: Actor): ApplicationSummary {
  return {
    id: r.id, code: r.code, status: r.status,
    tenant: { id: r.tenant_id, slug: r.tenant_slug, name: r.tenant_name },
    service: { id: r.service_id, slug: r.service_slug, title: r.service_title, version: r.service_version },
    subject: { kind: r.subject_kind, fiscalCode: r.subject_fiscal_code, name: r.subject_name },
    filedBy: isCitizen(viewer) && r.citizen_id === viewer.id ? null : { name: r.filer_name },
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null, protocol: protocolView(r), dueDate: r.due_date,
  };
}

export function detailView(r: ApplicationRow, x: {
  viewer: Actor; attachments: Parameters<typeof attachmentView>[0][]; form: ServiceForm | null;
  documents: { id: string; kind: 'receipt' | 'response' | 'notice'; title: string; file_name: string; sha256: string; created_at: Date; verification_code: string;
    protocol_number: number | null; protocol_year: number | null; summary: string | null }[];
  rating: { score: number } | null; maxDays: number; changes: { at: Date; toStatus: string }[];
  awaitingEvent: { at: Date; note: string | null; details: Record<string, unknown> } | undefined; actions: TransitionAction[];
  workflow: WorkflowDefinition; staff: boolean; payments: PaymentSummary[];
}): ApplicationDetail {
  const now = programClock.now();
  let clock: ApplicationDetail['clock'] = null;
  if (r.submitted_at) {
    const closed = CLOSED_STATUSES.includes(r.status);
    // the clock stands still while the citizen is asked for more, or for a payment after submission
    const suspended = r.status === 'awaiting_citizen' || r.status === 'payment_pending' ? suspendedDays(x.changes, now) : r.suspended_days;
    const due = dueDate(romeDate(r.submitted_at), x.maxDays, suspended);
    const today = romeDate(now);
    clock = {
      submittedAt: r.submitted_at.toISOString(), takenInChargeAt: r.taken_in_charge_at?.toISOString() ?? null, dueDate: due,
      maxDays: x.maxDays, suspendedDays: suspended, closedAt: r.closed_at?.toISOString() ?? null,
      phases: phases(sentChanges(x.changes), now).map((p) => ({
        status: p.status as ApplicationStatus, from: p.from.toISOString(), to: p.to?.toISOString() ?? null, hours: Math.round(p.hours * 10) / 10,
      })),
      daysLeft: closed ? null : Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000),
    };
  }
  return {
    ...summaryView(r, x.viewer),
    data: r.data, prefilled: r.prefilled, currentStep: r.current_step, revision: r.revision,
    auth: r.auth_method && r.auth_level ? { method: r.auth_method, level: r.auth_level } : null,
    attachments: x.attachments.map(attachmentView),
    documents: x.documents.map((d) => ({
      id: d.id, kind: d.kind, title: d.title, fileName: d.file_name, sha256: d.sha256, createdAt: d.created_at.toISOString(),
      verificationCode: d.verification_code, href: `/api/v1/applications/${r.id}/documents/${d.id}`,
      protocol: d.protocol_number && d.protocol_year ? { number: formatProtocolNumber(d.protocol_number), year: d.protocol_year } : null, summary: d.summary,
    })),
    clock,
    awaiting: x.awaitingEvent
      ? { requestedAt: x.awaitingEvent.at.toISOString(), message: x.awaitingEvent.note ?? '', documents: (x.awaitingEvent.details.documents as string[] | undefined) ?? [],
        answerBy: (x.awaitingEvent.details.answerBy as string | undefined) ?? null }
      : null,
    actions: x.actions,
    rating: x.rating ? { score: x.rating.score } : null,
    workflow: workflowView(r, x.workflow),
    office: x.staff ? staffView(r, x.workflow) : null,
    payments: x.payments,
  };
}

/** Status changes from the submission on: the draft and a payment before submission are not the office's time. */
function sentChanges(changes: { at: Date; toStatus: string }[]) {
  const from = changes.findIndex((c) => c.toStatus === 'submitted');
  return from >= 0 ? changes.slice(from) : changes.filter((c) => c.toStatus !== 'draft');
}

/** The citizen's diagram: the steps of the workflow and the one the application is at. */
export function workflowView(r: Pick<ApplicationRow, 'status' | 'visa_step_id' | 'submitted_at'>, def: WorkflowDefinition): ApplicationDetail['workflow'] {
  const steps = workflowSteps(def);
  const has = (id: string) => steps.some((s) => s.id === id);
  let current: string | null;
  switch (r.status) {
    case 'draft': current = 'submission'; break;
    // a payment the office asked for while handling it: the application was sent and is being worked on
    case 'payment_pending':
      if (r.submitted_at) current = r.visa_step_id ? `approval:${r.visa_step_id}` : has('checklist') ? 'checklist' : 'in_charge';
      else current = has('payment') ? 'payment' : 'submission';
      break;
    case 'submitted': current = 'protocol'; break;
    case 'registered': current = has('checks') ? 'checks' : 'in_charge'; break;
    case 'in_progress':
    case 'awaiting_citizen':
      current = r.visa_step_id ? `approval:${r.visa_step_id}` : has('checklist') ? 'checklist' : 'in_charge'; break;
    case 'approved':
    case 'rejected': current = 'outcome'; break;
    default: current = null;
  }
  return { steps, currentStepId: current };
}

/** What the office sees beside the application: who has it, the checklist, the proposal and the visa awaited. */
export function staffView(r: ApplicationRow, def: WorkflowDefinition): NonNullable<ApplicationDetail['office']> {
  const step = def.approvals.find((a) => a.id === r.visa_step_id);
  return {
    office: r.office_id && r.office_name ? { id: r.office_id, name: r.office_name, tenantName: r.office_tenant_name ?? r.tenant_name } : null,
    responsible: r.responsible_operator_id && r.responsible_name ? { id: r.responsible_operator_id, name: r.responsible_name } : null,
    checklist: def.checklist.map((c) => {
      const state = r.checklist[c.id];
      return { id: c.id, label: c.label, required: c.required, done: !!state?.done, doneBy: state?.by ?? null, doneAt: state?.at ?? null };
    }),
    proposal: r.outcome_proposal,
    pendingVisa: step ? { stepId: step.id, label: step.label, by: 'role' in step.by ? 'un responsabile (manager)' : `l'ufficio ${step.by.officeCode}` } : null,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    motivation: r.outcome_motivation,
  };
}

/** The access-log entry of an office's read of an application (platform/personal-data.ts is the one path). */
export function applicationRead(row: Pick<ApplicationRow, 'id' | 'tenant_id' | 'subject_fiscal_code' | 'citizen_id' | 'office_name' | 'code' | 'service_title'>,
  staff: StaffActor, operation: string): PersonalDataRead {
  return {
    tenantId: row.tenant_id, subjectFiscalCode: row.subject_fiscal_code, citizenId: row.citizen_id,
    actor: { kind: staff.kind === 'token' ? 'token' : 'operator', id: staff.id, label: staff.name }, officeName: row.office_name,
    object: { type: 'application', id: row.id, label: `Pratica ${row.code} — ${row.service_title}` },
    operation, purpose: `Istruttoria della pratica ${row.code} («${row.service_title}»)`, legalBasis: LEGAL_BASIS.proceeding,
  };
}
