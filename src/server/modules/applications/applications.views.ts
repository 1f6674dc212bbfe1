/**
 * How applications look to the API: summaries, details with the legal clock, and what each side may do next.
 * Pure functions of rows already read.
 */
import {
  CLOSED_STATUSES,
  type ApplicationDetail, type ApplicationStatus, type ApplicationSummary, type TransitionAction,
} from '../../../contracts/applications.ts';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { isCitizen, type Actor } from '../../platform/access.ts';
import { dueDate, phases, romeDate, suspendedDays } from '../../platform/legal-clock.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import type { ApplicationRow } from './applications.repository.ts';

export function citizenActions(status: ApplicationStatus): TransitionAction[] {
  if (status === 'awaiting_citizen') return ['answer_integration', 'withdraw'];
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
  documents: { id: string; kind: 'receipt' | 'response'; title: string; file_name: string; sha256: string; created_at: Date; verification_code: string }[];
  rating: { score: number } | null; maxDays: number; changes: { at: Date; toStatus: string }[];
  awaitingEvent: { at: Date; note: string | null; details: Record<string, unknown> } | undefined; actions: TransitionAction[];
}): ApplicationDetail {
  const now = new Date();
  let clock: ApplicationDetail['clock'] = null;
  if (r.submitted_at) {
    const closed = CLOSED_STATUSES.includes(r.status);
    const suspended = r.status === 'awaiting_citizen' ? suspendedDays(x.changes, now) : r.suspended_days;
    const due = dueDate(romeDate(r.submitted_at), x.maxDays, suspended);
    const today = romeDate(now);
    clock = {
      submittedAt: r.submitted_at.toISOString(), takenInChargeAt: r.taken_in_charge_at?.toISOString() ?? null, dueDate: due,
      maxDays: x.maxDays, suspendedDays: suspended, closedAt: r.closed_at?.toISOString() ?? null,
      phases: phases(x.changes.filter((c) => c.toStatus !== 'draft'), now).map((p) => ({
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
    })),
    clock,
    awaiting: x.awaitingEvent
      ? { requestedAt: x.awaitingEvent.at.toISOString(), message: x.awaitingEvent.note ?? '', documents: (x.awaitingEvent.details.documents as string[] | undefined) ?? [],
        answerBy: (x.awaitingEvent.details.answerBy as string | undefined) ?? null }
      : null,
    actions: x.actions,
    rating: x.rating ? { score: x.rating.score } : null,
  };
}
