/**
 * The workspace's queue and filters as they live in the page address (so that a link or a reload keeps them),
 * in Italian words: /backoffice/pratiche?coda=in-scadenza&servizio=…&stato=in_progress&dal=2026-01-01&q=…
 * and as the API wants them (?queue=due_soon&service=…). Values that cannot be right (a status that does not
 * exist, a date that is not a date) are dropped rather than sent, so a hand-edited link never ends in an error.
 */
import { APPLICATION_STATUSES, WORK_QUEUES, type ApplicationStatus, type WorkQueue } from '../../../contracts/applications';

/** What GET /api/v1/applications takes, besides cursor and limit. */
export interface WorkFilters {
  queue: WorkQueue;
  service?: string;
  status?: ApplicationStatus;
  from?: string;
  to?: string;
  applicant?: string;
  q?: string;
  office?: string;
}

export const QUEUE_SLUGS: Record<WorkQueue, string> = {
  new: 'nuove',
  mine: 'mie',
  awaiting: 'in-attesa',
  due_soon: 'in-scadenza',
  overdue: 'scadute',
  visas: 'visti',
  open: 'aperte',
  closed: 'concluse',
};

export const DEFAULT_QUEUE: WorkQueue = 'new';

/** The URL's parameter for each filter. */
export const PARAM = {
  queue: 'coda',
  service: 'servizio',
  status: 'stato',
  from: 'dal',
  to: 'al',
  applicant: 'richiedente',
  q: 'q',
  office: 'ufficio',
} as const satisfies Record<keyof WorkFilters, string>;

/** Statuses an office may filter on: a draft is the citizen's own business until it is sent. */
export const FILTER_STATUSES: ApplicationStatus[] = APPLICATION_STATUSES.filter((s) => s !== 'draft');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  if (!YMD.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const text = (value: string | null, max: number) => {
  const trimmed = (value ?? '').trim().replace(/\s+/g, ' ');
  return trimmed ? trimmed.slice(0, max) : undefined;
};

export function queueFromSlug(slug: string | null): WorkQueue {
  const found = (Object.entries(QUEUE_SLUGS) as [WorkQueue, string][]).find(([, s]) => s === slug);
  return found ? found[0] : DEFAULT_QUEUE;
}

/** The address's parameters → the filters to ask the API for. */
export function filtersFromParams(params: URLSearchParams): WorkFilters {
  const filters: WorkFilters = { queue: queueFromSlug(params.get(PARAM.queue)) };
  const service = params.get(PARAM.service);
  if (service && UUID.test(service)) filters.service = service;
  const office = params.get(PARAM.office);
  if (office && UUID.test(office)) filters.office = office;
  const status = params.get(PARAM.status);
  if (status && (FILTER_STATUSES as string[]).includes(status)) filters.status = status as ApplicationStatus;
  const from = params.get(PARAM.from);
  if (from && isDay(from)) filters.from = from;
  const to = params.get(PARAM.to);
  if (to && isDay(to)) filters.to = to;
  // "dal 10 al 3" is a slip of the hand: swap rather than find nothing
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  const applicant = text(params.get(PARAM.applicant), 100);
  if (applicant) filters.applicant = applicant;
  const q = text(params.get(PARAM.q), 200);
  if (q) filters.q = q;
  return filters;
}

/** Filters → the address's parameters (the default queue and empty filters are left out: short links). */
export function paramsFromFilters(filters: WorkFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.queue !== DEFAULT_QUEUE) params.set(PARAM.queue, QUEUE_SLUGS[filters.queue]);
  for (const key of ['service', 'status', 'from', 'to', 'applicant', 'q', 'office'] as const) {
    const value = filters[key];
    if (value) params.set(PARAM[key], value);
  }
  return params;
}

/** The same filters in another queue (the tabs keep the search and the filters). */
export const withQueue = (filters: WorkFilters, queue: WorkQueue): WorkFilters => ({ ...filters, queue });

/** Is anything narrowing the queue besides the queue itself? */
export const hasFilters = (filters: WorkFilters) =>
  !!(filters.service || filters.status || filters.from || filters.to || filters.applicant || filters.q || filters.office);

/** The queue alone, every filter removed. */
export const withoutFilters = (filters: WorkFilters): WorkFilters => ({ queue: filters.queue });

/** Every queue the tabs show, in order. */
export const QUEUES: readonly WorkQueue[] = WORK_QUEUES;
