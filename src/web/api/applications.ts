/** Calls and queries for online applications (see src/contracts/applications.ts for the shapes). */
import { useQuery } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  ApplicationStatus,
  ApplicationSummary,
  AttachmentView,
  RatingInput,
  SubmissionAcknowledgement,
  TimelineEntry,
  TransitionAction,
  VerificationView,
} from '../../contracts/applications';
import type { ServiceForm } from '../../contracts/forms';
import type { ProfileKind } from '../../contracts/profiles';
import { request, toQueryString } from './client';

const enc = encodeURIComponent;

export interface ApplicationListParams {
  status?: ApplicationStatus[];
  serviceId?: string;
  subject?: string;
  /** individual, professional or company: only that profile's applications */
  profile?: ProfileKind;
  cursor?: string;
  limit?: number;
}

export const applicationsApi = {
  serviceForm: (serviceId: string, version?: number, signal?: AbortSignal) =>
    request<ServiceForm>(`/api/v1/services/${enc(serviceId)}/form${toQueryString({ version })}`, { signal }),
  /** starts a draft for the current subject, or returns the open draft for the same service and subject */
  start: (serviceId: string, idempotencyKey: string) =>
    request<ApplicationDetail>('/api/v1/applications', { method: 'POST', body: { serviceId }, headers: { 'Idempotency-Key': idempotencyKey } }),
  list: (params: ApplicationListParams, signal?: AbortSignal) =>
    request<{ items: ApplicationSummary[]; nextCursor: string | null }>(
      `/api/v1/applications${toQueryString({ ...params, status: params.status?.join(',') })}`,
      { signal },
    ),
  get: (id: string, signal?: AbortSignal) => request<ApplicationDetail>(`/api/v1/applications/${enc(id)}`, { signal }),
  /** saves the given steps of the draft; `revision` guards against overwriting another device's save */
  save: (id: string, patch: { data?: Record<string, unknown>; currentStep?: string }, revision?: number) =>
    request<ApplicationDetail>(`/api/v1/applications/${enc(id)}`, {
      method: 'PATCH',
      body: patch,
      headers: revision === undefined ? {} : { 'If-Match': `"${revision}"` },
    }),
  /** multipart: requirementId then file */
  upload: (id: string, requirementId: string, file: File) => {
    const form = new FormData();
    form.append('requirementId', requirementId);
    form.append('file', file, file.name);
    return request<AttachmentView>(`/api/v1/applications/${enc(id)}/attachments`, { method: 'POST', body: form });
  },
  removeAttachment: (id: string, attachmentId: string) =>
    request<void>(`/api/v1/applications/${enc(id)}/attachments/${enc(attachmentId)}`, { method: 'DELETE' }),
  submit: (id: string, idempotencyKey: string) =>
    request<SubmissionAcknowledgement>(`/api/v1/applications/${enc(id)}/submit`, {
      method: 'POST',
      body: {},
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  history: (id: string, signal?: AbortSignal) => request<{ items: TimelineEntry[] }>(`/api/v1/applications/${enc(id)}/history`, { signal }),
  transition: (id: string, action: TransitionAction, body: { note?: string; documents?: string[] } = {}) =>
    request<ApplicationDetail>(`/api/v1/applications/${enc(id)}/transitions/${action}`, { method: 'POST', body }),
  rate: (id: string, rating: RatingInput) =>
    request<RatingInput>(`/api/v1/applications/${enc(id)}/rating`, { method: 'POST', body: rating }),
  verification: (code: string, signal?: AbortSignal) => request<VerificationView>(`/api/v1/verifications/${enc(code)}`, { signal }),
};

export const applicationKeys = {
  all: ['applications'] as const,
  list: (params: ApplicationListParams) => ['applications', 'list', params] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  history: (id: string) => ['applications', 'history', id] as const,
  form: (serviceId: string, version?: number) => ['serviceForm', serviceId, version ?? 'current'] as const,
};

/** How long after registration a missing receipt is still on its way (the issuer takes seconds). */
const RECEIPT_WAIT_MS = 10 * 60_000;

/**
 * The receipt is on its way: the application is sent and waits for its protocol number, or was numbered moments ago
 * and the receipt is being rendered. One registered long ago without a receipt (the demo's history, made by the
 * seed) has none coming: the page says so and stops asking.
 */
export const receiptOnItsWay = (a: ApplicationDetail | undefined, now = Date.now()) =>
  !!a && (a.status === 'submitted' || (a.status !== 'draft' && a.status !== 'payment_pending' && !a.documents.some((d) => d.kind === 'receipt')
    && !!a.protocol && now - Date.parse(a.protocol.registeredAt) < RECEIPT_WAIT_MS));

export const useApplication = (id: string | undefined) =>
  useQuery({
    queryKey: applicationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => applicationsApi.get(id!, signal),
    enabled: !!id,
    staleTime: 0,
    refetchInterval: (query) => (receiptOnItsWay(query.state.data) ? 1500 : false),
  });

export const useApplications = (params: ApplicationListParams) =>
  useQuery({ queryKey: applicationKeys.list(params), queryFn: ({ signal }) => applicationsApi.list(params, signal), staleTime: 0 });

export const useApplicationHistory = (id: string | undefined) =>
  useQuery({ queryKey: applicationKeys.history(id ?? ''), queryFn: ({ signal }) => applicationsApi.history(id!, signal), enabled: !!id, staleTime: 0 });

/** The form of a service: of the version a draft is pinned to when given, else the current one. */
export const useServiceForm = (serviceId: string | undefined, version?: number) =>
  useQuery({ queryKey: applicationKeys.form(serviceId ?? '', version), queryFn: ({ signal }) => applicationsApi.serviceForm(serviceId!, version, signal), enabled: !!serviceId });

export const useVerification = (code: string | undefined) =>
  useQuery({ queryKey: ['verification', code], queryFn: ({ signal }) => applicationsApi.verification(code!, signal), enabled: !!code });
