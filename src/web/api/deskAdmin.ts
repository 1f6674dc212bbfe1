/**
 * The desk's set-up as the back office's "Impostazioni sportello" uses it: an office's appointment calendars,
 * queue categories, counters and paired floor devices (types from src/contracts/desk.ts, routes in
 * src/server/modules/desk/), and the body's services that a calendar can book.
 */
import { useQuery } from '@tanstack/react-query';
import type { AppointmentCalendar, DeskCategory, DeskCounter, DeskDevice, DeskDeviceKind } from '../../contracts/desk';
import { request, toQueryString } from './client';
import type { ServiceDetail, ServiceSearchResult, ServiceSummary } from './types';

export type CalendarInput = Omit<AppointmentCalendar, 'id' | 'tenantId' | 'officeId' | 'officeName'>;
export interface CategoryInput {
  prefix: string;
  name: string;
  description?: string;
  sort?: number;
  active?: boolean;
}
export interface CounterInput {
  name: string;
  categoryIds: string[];
  active?: boolean;
}
export interface DeviceInput {
  kind: DeskDeviceKind;
  name: string;
  /** the counter a rating tablet stands at */
  counterId?: string;
}
/** A device just paired: its key is in the answer this once, inside `pairPath` (`/sportello/abbina#chiave=…`). */
export interface PairedDevice {
  device: DeskDevice;
  key: string;
  pairPath: string;
}

const enc = encodeURIComponent;
const idem = (key: string) => ({ 'Idempotency-Key': key });

export const deskAdminApi = {
  calendars: (officeId: string, signal?: AbortSignal) =>
    request<{ items: AppointmentCalendar[] }>(`/api/v1/offices/${enc(officeId)}/calendars`, { signal }),
  createCalendar: (officeId: string, input: CalendarInput, idempotencyKey: string) =>
    request<AppointmentCalendar>(`/api/v1/offices/${enc(officeId)}/calendars`, { method: 'POST', body: input, headers: idem(idempotencyKey) }),
  updateCalendar: (calendarId: string, input: CalendarInput) =>
    request<AppointmentCalendar>(`/api/v1/calendars/${enc(calendarId)}`, { method: 'PUT', body: input }),

  categories: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskCategory[] }>(`/api/v1/offices/${enc(officeId)}/desk-categories`, { signal }),
  createCategory: (officeId: string, input: CategoryInput, idempotencyKey: string) =>
    request<DeskCategory>(`/api/v1/offices/${enc(officeId)}/desk-categories`, { method: 'POST', body: input, headers: idem(idempotencyKey) }),
  updateCategory: (categoryId: string, input: CategoryInput) =>
    request<DeskCategory>(`/api/v1/desk-categories/${enc(categoryId)}`, { method: 'PUT', body: input }),

  counters: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskCounter[] }>(`/api/v1/offices/${enc(officeId)}/counters`, { signal }),
  createCounter: (officeId: string, input: CounterInput, idempotencyKey: string) =>
    request<DeskCounter>(`/api/v1/offices/${enc(officeId)}/counters`, { method: 'POST', body: input, headers: idem(idempotencyKey) }),
  updateCounter: (counterId: string, input: CounterInput) =>
    request<DeskCounter>(`/api/v1/counters/${enc(counterId)}`, { method: 'PUT', body: input }),

  devices: (officeId: string, signal?: AbortSignal) =>
    request<{ items: DeskDevice[] }>(`/api/v1/offices/${enc(officeId)}/devices`, { signal }),
  pairDevice: (officeId: string, input: DeviceInput, idempotencyKey: string) =>
    request<PairedDevice>(`/api/v1/offices/${enc(officeId)}/devices`, { method: 'POST', body: input, headers: idem(idempotencyKey) }),
  revokeDevice: (deviceId: string) => request<DeskDevice>(`/api/v1/desk-devices/${enc(deviceId)}/revoke`, { method: 'POST', body: {} }),
};

export const deskAdminKeys = {
  all: ['deskAdmin'] as const,
  calendars: (officeId: string) => ['deskAdmin', officeId, 'calendars'] as const,
  categories: (officeId: string) => ['deskAdmin', officeId, 'categories'] as const,
  counters: (officeId: string) => ['deskAdmin', officeId, 'counters'] as const,
  devices: (officeId: string) => ['deskAdmin', officeId, 'devices'] as const,
  bodyServices: (tenantId: string) => ['deskAdmin', 'services', tenantId] as const,
  deskServices: (tenantId: string) => ['deskAdmin', 'deskServices', tenantId] as const,
};

export const useCalendars = (officeId: string) =>
  useQuery({ queryKey: deskAdminKeys.calendars(officeId), queryFn: ({ signal }) => deskAdminApi.calendars(officeId, signal) });
export const useCategories = (officeId: string) =>
  useQuery({ queryKey: deskAdminKeys.categories(officeId), queryFn: ({ signal }) => deskAdminApi.categories(officeId, signal) });
export const useCounters = (officeId: string) =>
  useQuery({ queryKey: deskAdminKeys.counters(officeId), queryFn: ({ signal }) => deskAdminApi.counters(officeId, signal) });
export const useDevices = (officeId: string) =>
  useQuery({ queryKey: deskAdminKeys.devices(officeId), queryFn: ({ signal }) => deskAdminApi.devices(officeId, signal) });

export interface DeskService {
  id: string;
  title: string;
  active: boolean;
}

/** The body's services, active or not, by title: one page of the catalogue at a time. */
export async function bodyServices(tenantId: string, signal?: AbortSignal): Promise<ServiceSummary[]> {
  const all: ServiceSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await request<ServiceSearchResult>(
      `/api/v1/services${toQueryString({ tenant: tenantId, includeInactive: true, limit: 100, cursor })}`,
      { signal },
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all.sort((a, b) => a.title.localeCompare(b.title, 'it'));
}

/** At most this many card reads at once while finding which services are offered at the desk. */
const CARD_READS_AT_ONCE = 6;

/**
 * Those of the body's services a person can use at the desk (card.access.desk). The catalogue's list carries
 * `online` but not `desk`: a service that is not online is a desk service; for the others the card says.
 */
export async function deskServices(services: ServiceSummary[], signal?: AbortSignal): Promise<DeskService[]> {
  const atDesk = new Map<string, boolean>(services.filter((s) => !s.online).map((s) => [s.id, true]));
  const toRead = services.filter((s) => s.online);
  for (let i = 0; i < toRead.length; i += CARD_READS_AT_ONCE) {
    const cards = await Promise.all(
      toRead.slice(i, i + CARD_READS_AT_ONCE).map((s) => request<ServiceDetail>(`/api/v1/services/${enc(s.id)}`, { signal })),
    );
    for (const c of cards) atDesk.set(c.id, c.card.access.desk);
  }
  return services.filter((s) => atDesk.get(s.id)).map((s) => ({ id: s.id, title: s.title, active: s.status !== 'inactive' }));
}

const SERVICES_FRESH_MS = 5 * 60_000;

export const useBodyServices = (tenantId: string) =>
  useQuery({ queryKey: deskAdminKeys.bodyServices(tenantId), queryFn: ({ signal }) => bodyServices(tenantId, signal), staleTime: SERVICES_FRESH_MS });

/** Only while a calendar's form is open: it reads the cards of the body's online services. */
export function useDeskServices(tenantId: string) {
  const all = useBodyServices(tenantId);
  const desk = useQuery({
    queryKey: deskAdminKeys.deskServices(tenantId),
    queryFn: ({ signal }) => deskServices(all.data!, signal),
    enabled: Boolean(all.data),
    staleTime: SERVICES_FRESH_MS,
  });
  const failed = all.isError ? all : desk.isError ? desk : null;
  return {
    data: desk.data,
    error: failed?.error ?? null,
    retry: () => void (all.isError ? all.refetch() : desk.refetch()),
  };
}
