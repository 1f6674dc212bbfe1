/**
 * Booking an appointment at a desk, as the citizen's pages use it: the offices where a service can be booked, the
 * free times of an office, and the citizen's own appointments (book, read, move, cancel, the QR code's image).
 * Shapes come from the desk contract (src/contracts/desk.ts).
 */
import type { Appointment, BookingOffice, SlotDay } from '../../contracts/desk';
import { isApiError, request, toQueryString } from './client';

export type { Appointment, BookingOffice, SlotDay };

/** The free times of one office for one service, over some days. */
export interface SlotsPage {
  officeId: string;
  serviceId: string;
  calendarId: string;
  slotMinutes: number;
  days: SlotDay[];
}

export interface BookingInput {
  serviceId: string;
  officeId: string;
  startsAt: string;
  reason: string;
  email?: string;
  phone?: string;
}

/** The days one page of free times covers: the next two weeks. */
export const SLOT_PAGE_DAYS = 14;
/** The longest reason the server keeps (appointments.reason). */
export const REASON_MAX = 500;

export const MY_APPOINTMENTS = '/area-personale/appuntamenti';
export const appointmentUrl = (id: string) => `${MY_APPOINTMENTS}/${encodeURIComponent(id)}`;
export const bookingPageUrl = (tenantSlug: string, serviceSlug: string) =>
  `/enti/${encodeURIComponent(tenantSlug)}/servizi/${encodeURIComponent(serviceSlug)}/prenota`;

/** The citizen's own appointments live under ['me', …]: signing in or out refreshes them. */
export const bookingKeys = {
  offices: (serviceId: string) => ['booking', 'offices', serviceId] as const,
  slotsOf: (officeId: string, serviceId: string) => ['booking', 'slots', officeId, serviceId] as const,
  slots: (officeId: string, serviceId: string, from: string) => ['booking', 'slots', officeId, serviceId, from] as const,
  appointments: ['me', 'appointments'] as const,
  appointment: (id: string) => ['me', 'appointments', id] as const,
};

const enc = encodeURIComponent;

export const bookingApi = {
  offices: (serviceId: string, signal?: AbortSignal) =>
    request<{ items: BookingOffice[] }>(`/api/v1/services/${enc(serviceId)}/booking-offices`, { signal }),
  slots: (officeId: string, serviceId: string, from: string, signal?: AbortSignal) =>
    request<SlotsPage>(`/api/v1/offices/${enc(officeId)}/slots${toQueryString({ service: serviceId, from, days: SLOT_PAGE_DAYS })}`, { signal }),
  book: (input: BookingInput, idempotencyKey: string) =>
    request<Appointment>('/api/v1/appointments', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  list: (signal?: AbortSignal) => request<{ items: Appointment[] }>('/api/v1/appointments', { signal }),
  get: (id: string, signal?: AbortSignal) => request<Appointment>(`/api/v1/appointments/${enc(id)}`, { signal }),
  move: (id: string, startsAt: string) =>
    request<Appointment>(`/api/v1/appointments/${enc(id)}/move`, { method: 'POST', body: { startsAt } }),
  cancel: (id: string) => request<Appointment>(`/api/v1/appointments/${enc(id)}/cancel`, { method: 'POST', body: {} }),
  /** an image the browser loads with the session cookie */
  qrUrl: (id: string) => `/api/v1/appointments/${enc(id)}/qr.svg`,
};

/** The slot was taken by someone else meanwhile (409, problem type …/slot-full). */
export const isSlotTaken = (error: unknown): boolean =>
  isApiError(error, 409) && (error.problem?.type ?? '').endsWith('/slot-full');

/** The message the server gave for one field of the body in a 400, if any (its paths read "body.startsAt"). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error, 400)) return undefined;
  const item = error.problem?.errors?.find((e) => e.path.replace(/^[/.]+/, '').replace(/^body[/.]/, '').split(/[/.]/)[0] === field);
  return item?.message;
}
