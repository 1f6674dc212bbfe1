/**
 * The reception's calls (issue 8), with the operator's session: the contacts register, "where is my application",
 * an application started for the person, tickets and check-ins at the reception, and the office's agenda with the
 * bookings taken by phone. Shapes come from the desk contract (src/contracts/desk.ts).
 */
import type {
  Appointment, ContactChannel, ContactInput, ContactOutcome, DeskCategory, DeskContact, LookupAnswer, QueueState, StartedApplication, Ticket,
} from '../../contracts/desk';
import { request, toQueryString } from './client';

export type { Appointment, ContactChannel, ContactInput, ContactOutcome, DeskContact, LookupAnswer, StartedApplication };

const enc = encodeURIComponent;

export interface PhoneBooking {
  serviceId: string;
  officeId: string;
  startsAt: string;
  reason: string;
  channel: 'phone' | 'desk';
  person: { name: string; fiscalCode?: string; email?: string; phone?: string };
}

export const receptionApi = {
  contacts: (officeId: string, day: string, signal?: AbortSignal) =>
    request<{ items: DeskContact[] }>(`/api/v1/desk-contacts${toQueryString({ office: officeId, day })}`, { signal }),
  recordContact: (input: ContactInput, idempotencyKey: string) =>
    request<DeskContact>('/api/v1/desk-contacts', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  lookup: (officeId: string, q: string, signal?: AbortSignal) =>
    request<LookupAnswer>(`/api/v1/desk/lookup${toQueryString({ office: officeId, q })}`, { signal }),
  startApplication: (input: { officeId: string; serviceId: string; fiscalCode: string }, idempotencyKey: string) =>
    request<StartedApplication>('/api/v1/desk/applications', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),

  // ---- the queue, from the reception (the operator's session, not a device key) ----
  categories: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskCategory[] }>(`/api/v1/offices/${enc(officeId)}/desk-categories`, { signal }),
  queues: (officeId: string, signal?: AbortSignal) =>
    request<{ items: QueueState[] }>(`/api/v1/queues${toQueryString({ office: officeId })}`, { signal }),
  issueTicket: (officeId: string, categoryId: string, idempotencyKey: string) =>
    request<Ticket>('/api/v1/tickets', { method: 'POST', body: { officeId, categoryId }, headers: { 'Idempotency-Key': idempotencyKey } }),
  checkIn: (code: string, idempotencyKey: string) =>
    request<Ticket>('/api/v1/appointments/check-in', { method: 'POST', body: { code }, headers: { 'Idempotency-Key': idempotencyKey } }),

  // ---- the agenda ----
  agenda: (officeId: string, day: string, signal?: AbortSignal) =>
    request<{ items: Appointment[] }>(`/api/v1/appointments${toQueryString({ office: officeId, day })}`, { signal }),
  book: (input: PhoneBooking, idempotencyKey: string) =>
    request<Appointment>('/api/v1/appointments', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  cancel: (appointmentId: string) => request<Appointment>(`/api/v1/appointments/${enc(appointmentId)}/cancel`, { method: 'POST', body: {} }),
};

export const receptionKeys = {
  contacts: (officeId: string, day: string) => ['reception', 'contacts', officeId, day] as const,
  categories: (officeId: string) => ['reception', 'categories', officeId] as const,
  queues: (officeId: string) => ['reception', 'queues', officeId] as const,
  agenda: (officeId: string, day: string) => ['reception', 'agenda', officeId, day] as const,
  formServices: (tenantSlug: string) => ['reception', 'form-services', tenantSlug] as const,
};

/** The message the server gave for a field of the body in a 400/422 (paths read "person.fiscalCode", "/body/reason"…). */
export function problemField(error: unknown, field: string): string | undefined {
  const problem = (error as { problem?: { errors?: { path: string; message: string }[] } } | null)?.problem;
  const norm = (p: string) => p.replace(/^[/.]+/, '').replace(/^body[/.]/, '').replace(/\//g, '.');
  return problem?.errors?.find((e) => norm(e.path) === field || norm(e.path).startsWith(`${field}.`))?.message;
}
