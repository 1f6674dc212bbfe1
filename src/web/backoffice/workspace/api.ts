/**
 * Calls and queries of the operator's workspace: the queues, the handling of one application (transitions with
 * If-Match, checklist, internal notes, assignees) and the operator's alerts. Shapes from src/contracts/applications.ts.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  TimelineEntry,
  TransitionAction,
  WorkItem,
  WorkQueueCounts,
} from '../../../contracts/applications';
import { applicationKeys, applicationsApi } from '../../api/applications';
import { isApiError, newIdempotencyKey, request, toQueryString } from '../../api/client';
import type { WorkFilters } from './filters';

const enc = encodeURIComponent;

export interface WorkPage {
  items: WorkItem[];
  nextCursor: string | null;
}

export interface Assignees {
  operators: { id: string; name: string; officeName: string }[];
  offices: { id: string; name: string; tenantName: string }[];
}

export interface OperatorNotification {
  id: string;
  subject: string;
  body: string;
  applicationId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The bodies of the staff transitions (POST …/transitions/{action}). */
export type TransitionBody =
  | Record<string, never>
  | { operatorId: string; note?: string }
  | { officeId: string; note?: string }
  | { note: string; documents?: string[]; answerBy?: string }
  | { note?: string };

export const PAGE_SIZE = 25;

/** If-Match carries the revision the operator saw; the server answers 412 when a colleague changed it meanwhile. */
const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });

export const workspaceApi = {
  list: (filters: WorkFilters, cursor: string | undefined, signal?: AbortSignal) =>
    request<WorkPage>(`/api/v1/applications${toQueryString({ ...filters, cursor, limit: PAGE_SIZE })}`, { signal }),
  counts: (signal?: AbortSignal) => request<WorkQueueCounts>('/api/v1/applications/counts', { signal }),
  detail: (id: string, signal?: AbortSignal) => applicationsApi.get(id, signal),
  history: (id: string, signal?: AbortSignal) => applicationsApi.history(id, signal),
  transition: (id: string, action: TransitionAction, revision: number, body: TransitionBody) =>
    request<ApplicationDetail>(`/api/v1/applications/${enc(id)}/transitions/${action}`, { method: 'POST', body, headers: ifMatch(revision) }),
  assignees: (id: string, signal?: AbortSignal) => request<Assignees>(`/api/v1/applications/${enc(id)}/assignees`, { signal }),
  /** `idempotencyKey` stays the same while the same text is retried, so a retry never writes the note twice */
  addNote: (id: string, text: string, idempotencyKey: string) =>
    request<TimelineEntry>(`/api/v1/applications/${enc(id)}/notes`, { method: 'POST', body: { text }, headers: { 'Idempotency-Key': idempotencyKey } }),
  setChecklistItem: (id: string, itemId: string, done: boolean, revision: number) =>
    request<ApplicationDetail>(`/api/v1/applications/${enc(id)}/checklist/${enc(itemId)}`, { method: 'PUT', body: { done }, headers: ifMatch(revision) }),
  notifications: (signal?: AbortSignal) => request<{ items: OperatorNotification[] }>('/api/v1/me/notifications', { signal }),
  markNotificationsRead: (ids: string[]) => request<void>('/api/v1/me/notifications/read', { method: 'POST', body: { ids } }),
  newIdempotencyKey,
};

export const workspaceKeys = {
  list: (filters: WorkFilters) => ['applications', 'list', 'workspace', filters] as const,
  counts: ['applications', 'counts'] as const,
  /** the same keys as the citizen's pages: one cache entry per application */
  detail: applicationKeys.detail,
  history: applicationKeys.history,
  assignees: (id: string) => ['applications', 'assignees', id] as const,
  notifications: ['me', 'notifications'] as const,
};

export const useWorkList = (filters: WorkFilters) =>
  useInfiniteQuery({
    queryKey: workspaceKeys.list(filters),
    queryFn: ({ pageParam, signal }) => workspaceApi.list(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: WorkPage) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

export const useQueueCounts = () =>
  useQuery({ queryKey: workspaceKeys.counts, queryFn: ({ signal }) => workspaceApi.counts(signal), staleTime: 0, refetchInterval: 60_000 });

export const useWorkDetail = (id: string | undefined) =>
  useQuery({
    queryKey: workspaceKeys.detail(id ?? ''),
    queryFn: ({ signal }) => workspaceApi.detail(id!, signal),
    enabled: !!id,
    staleTime: 0,
    // a new application gets its protocol number within a second or two: follow it until then
    refetchInterval: (query) => (query.state.data?.status === 'submitted' ? 2000 : false),
  });

export const useWorkHistory = (id: string | undefined) =>
  useQuery({ queryKey: workspaceKeys.history(id ?? ''), queryFn: ({ signal }) => workspaceApi.history(id!, signal), enabled: !!id, staleTime: 0 });

export const useAssignees = (id: string, enabled: boolean) =>
  useQuery({ queryKey: workspaceKeys.assignees(id), queryFn: ({ signal }) => workspaceApi.assignees(id, signal), enabled, staleTime: 5 * 60_000 });

/** The operator's alerts; an older server without them (404) shows no bell rather than an error. */
export const useNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: workspaceKeys.notifications,
    queryFn: async ({ signal }) => {
      try {
        return await workspaceApi.notifications(signal);
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    enabled,
    staleTime: 30_000,
    refetchInterval: 120_000,
    retry: false,
  });
