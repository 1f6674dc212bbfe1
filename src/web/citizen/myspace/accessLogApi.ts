/** "Chi ha consultato i miei dati" as the portal reads it: GET /api/v1/me/access-log and the CSV beside it. */
import type { AccessLogEntry } from '../../../contracts/myspace';
import { request, toQueryString } from '../../api/client';

export type { AccessLogEntry };

export interface AccessLogPage {
  items: AccessLogEntry[];
  nextCursor: string | null;
  total: number;
  bodies: { id: string; name: string }[];
}

/** Italian calendar days YYYY-MM-DD (both included) and a body's id; empty means no filter. */
export interface AccessLogFilters {
  from?: string;
  to?: string;
  tenant?: string;
}

export const ACCESS_LOG_URL = '/area-personale/accessi';
export const ACCESS_LOG_PAGE_SIZE = 20;

/** Under ['me', …]: signing in or out (which invalidates ['me']) refreshes it too. */
export const accessLogKeys = {
  list: (filters: AccessLogFilters) => ['me', 'access-log', filters] as const,
};

export const accessLogApi = {
  list: (filters: AccessLogFilters, cursor?: string, signal?: AbortSignal) =>
    request<AccessLogPage>(`/api/v1/me/access-log${toQueryString({ ...filters, cursor, limit: ACCESS_LOG_PAGE_SIZE })}`, { signal }),
  csvUrl: (filters: AccessLogFilters) => `/api/v1/me/access-log.csv${toQueryString(filters)}`,
};
