/**
 * "I miei dati" as the portal reads it (GET /api/v1/me/data), the correction of contacts (PATCH /api/v1/me/contacts)
 * and the citizen's reports of a wrong item (/api/v1/me/data/reports); the back office's list of those reports
 * (/api/v1/data-reports) lives here too, so that both sides share the words of the items.
 */
import type {
  ContactField, ContactItem, DataReport, DataReportAction, DataReportCounts, DataReportStatus, MyData, MyDataReport, ReportableItem,
} from '../../../contracts/mydata';
import { newIdempotencyKey, request, toQueryString } from '../../api/client';

export type { ContactItem, DataReport, DataReportCounts, MyData, MyDataReport, ReportableItem };

export { MY_DATA_URL } from './MyDataLinkCard';
export const DATA_REPORTS_PATH = '/backoffice/segnalazioni-dati';
/** "Scarica tutti i miei dati" (GET /api/v1/me/export): a download, not a query. */
export const exportUrl = (format: 'pdf' | 'json') => `/api/v1/me/export?format=${format}`;

/** Under ['me', …]: signing in or out (which invalidates ['me']) refreshes them too. */
export const myDataKeys = {
  data: ['me', 'data'] as const,
  reports: ['me', 'data', 'reports'] as const,
};
export const dataReportKeys = {
  all: ['data-reports'] as const,
  list: (status: DataReportStatus | '') => ['data-reports', 'list', status] as const,
  counts: ['data-reports', 'counts'] as const,
};

export interface NewReport {
  tenantId: string;
  item: ReportableItem;
  correction: string;
}

export const myDataApi = {
  data: (signal?: AbortSignal) => request<MyData>('/api/v1/me/data', { signal }),
  /** a merge patch: only the fields given change; null clears */
  saveContacts: (patch: Partial<Record<ContactField, string | null>>) =>
    request<{ items: ContactItem[] }>('/api/v1/me/contacts', { method: 'PATCH', body: patch }),
  reports: (signal?: AbortSignal) => request<{ items: MyDataReport[] }>('/api/v1/me/data/reports', { signal }),
  report: (input: NewReport, idempotencyKey = newIdempotencyKey()) =>
    request<MyDataReport>('/api/v1/me/data/reports', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
};

export const dataReportsApi = {
  list: (status: DataReportStatus | '', cursor?: string, signal?: AbortSignal) =>
    request<{ items: DataReport[]; nextCursor: string | null }>(`/api/v1/data-reports${toQueryString({ status, cursor })}`, { signal }),
  counts: (signal?: AbortSignal) => request<DataReportCounts>('/api/v1/data-reports/counts', { signal }),
  act: (id: string, action: DataReportAction, answer?: string) =>
    request<DataReport>(`/api/v1/data-reports/${encodeURIComponent(id)}/transitions/${action}`, { method: 'POST', body: answer ? { answer } : {} }),
};
