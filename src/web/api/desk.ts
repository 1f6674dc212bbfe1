/**
 * The desk's floor and counter calls (issue 8): the paired devices (kiosk, rating tablet) authenticate with the key
 * stored when they were paired, sent as X-Desk-Device; the counter page uses the operator's session.
 */
import type { DeskCategory, DeskCounter, DeskDevice, DisplayState, QueueState, Rating, Ticket } from '../../contracts/desk';
import { newIdempotencyKey, request, toQueryString } from './client';
import type { Operator } from './types';

const enc = encodeURIComponent;

/** Where a paired device keeps its key (set by /sportello/abbina). */
export const DEVICE_KEY_STORAGE = 'sportello.desk.device';
export const DEVICE_HEADER = 'X-Desk-Device';

export function storedDeviceKey(): string | null {
  try {
    return window.localStorage.getItem(DEVICE_KEY_STORAGE);
  } catch {
    return null;
  }
}

export function storeDeviceKey(key: string) {
  try {
    window.localStorage.setItem(DEVICE_KEY_STORAGE, key);
  } catch {
    // without storage the device cannot stay paired: the pairing page says so when the check fails
  }
}

const device = (key: string) => ({ [DEVICE_HEADER]: key });

export interface DeviceMe {
  device: DeskDevice;
  officeName: string;
  counterName: string | null;
}

export interface CounterState {
  counter: DeskCounter;
  current: Ticket | null;
  queues: QueueState[];
  seq: string;
}

export interface RatingTarget {
  ticket: { id: string; label: string; finishedAt: string } | null;
}

/** A role grant as /api/v1/me lists it: office roles (desk, operator) carry their office. */
export interface OperatorGrant {
  role: string;
  officeId: string | null;
}
export type OperatorWithGrants = Operator & { grants?: OperatorGrant[] };

export const deskApi = {
  // ---- devices on the floor ----
  deviceMe: (key: string, signal?: AbortSignal) => request<DeviceMe>('/api/v1/desk-devices/me', { headers: device(key), signal }),
  ratingTarget: (key: string, signal?: AbortSignal) =>
    request<RatingTarget>('/api/v1/desk-devices/me/rating-target', { headers: device(key), signal }),
  rate: (key: string, rating: Rating, ticketId: string | undefined, idempotencyKey: string) =>
    request<{ id: string; rating: Rating }>('/api/v1/desk-ratings', {
      method: 'POST',
      body: ticketId ? { rating, ticketId } : { rating },
      headers: { ...device(key), 'Idempotency-Key': idempotencyKey },
    }),
  /** kiosk: a ticket for a category; the same idempotency key on a retry gets the same ticket */
  takeTicket: (key: string, officeId: string, categoryId: string, idempotencyKey: string) =>
    request<Ticket>('/api/v1/tickets', {
      method: 'POST',
      body: { officeId, categoryId },
      headers: { ...device(key), 'Idempotency-Key': idempotencyKey },
    }),
  checkIn: (key: string, code: string, idempotencyKey: string) =>
    request<Ticket>('/api/v1/appointments/check-in', {
      method: 'POST',
      body: { code },
      headers: { ...device(key), 'Idempotency-Key': idempotencyKey },
    }),

  // ---- public ----
  queues: (officeId: string, signal?: AbortSignal) =>
    request<{ items: QueueState[] }>(`/api/v1/queues${toQueryString({ office: officeId })}`, { signal }),
  display: (officeId: string, signal?: AbortSignal) => request<DisplayState>(`/api/v1/offices/${enc(officeId)}/display`, { signal }),
  displayStreamUrl: (officeId: string) => `/api/v1/offices/${enc(officeId)}/display`,

  // ---- the counter (operator's session) ----
  categories: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskCategory[] }>(`/api/v1/offices/${enc(officeId)}/desk-categories`, { signal }),
  counters: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskCounter[] }>(`/api/v1/offices/${enc(officeId)}/counters`, { signal }),
  counter: (counterId: string, signal?: AbortSignal) => request<CounterState>(`/api/v1/counters/${enc(counterId)}`, { signal }),
  openCounter: (counterId: string, categoryIds: string[]) =>
    request<DeskCounter>(`/api/v1/counters/${enc(counterId)}/open`, { method: 'POST', body: { categoryIds } }),
  closeCounter: (counterId: string) => request<DeskCounter>(`/api/v1/counters/${enc(counterId)}/close`, { method: 'POST', body: {} }),
  callNext: (counterId: string) =>
    request<{ ticket: Ticket | null }>(`/api/v1/counters/${enc(counterId)}/call-next`, { method: 'POST', body: {} }),
  recall: (ticketId: string) => request<Ticket>(`/api/v1/tickets/${enc(ticketId)}/recall`, { method: 'POST', body: {} }),
  served: (ticketId: string) => request<Ticket>(`/api/v1/tickets/${enc(ticketId)}/served`, { method: 'POST', body: {} }),
  noShow: (ticketId: string) => request<Ticket>(`/api/v1/tickets/${enc(ticketId)}/no-show`, { method: 'POST', body: {} }),
  transfer: (ticketId: string, to: { counterId: string } | { categoryId: string }) =>
    request<Ticket>(`/api/v1/tickets/${enc(ticketId)}/transfer`, { method: 'POST', body: to }),
};

export const deskKeys = {
  deviceMe: (key: string | null) => ['desk', 'device', key ?? ''] as const,
  ratingTarget: (key: string) => ['desk', 'rating-target', key] as const,
  queues: (officeId: string) => ['desk', 'queues', officeId] as const,
  categories: (officeId: string) => ['desk', 'categories', officeId] as const,
  counters: (officeId: string) => ['desk', 'counters', officeId] as const,
  counter: (counterId: string) => ['desk', 'counter', counterId] as const,
};

export { newIdempotencyKey };
