/**
 * The back office's calls for the district's social services (shapes from src/contracts/social.ts, routes under
 * /api/v1/social): the worker's scope, comuni, people, first contacts, case files with their diary, plan,
 * household, assessments and reserved part, and the exports to INPS's Casellario. Query keys live here, as the
 * payments pages keep theirs.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  CaseAction,
  CaseDetail,
  CaseEvent,
  CaseStatus,
  CaseSummary,
  CloseReason,
  DiaryEntry,
  DiaryKind,
  ExportFlow,
  ExportPreview,
  FirstContact,
  FirstContactInput,
  HouseholdMember,
  Intervention,
  InterventionInput,
  IseeInfo,
  ReservedPart,
  SectorCode,
  SinaAssessment,
  SinbaRecord,
  SocialComune,
  SocialExport,
  SocialPerson,
  SocialPersonInput,
  TargetArea,
  WorkerRole,
} from './types';
import { request, toQueryString } from '../../api/client';

const BASE = '/api/v1/social';
const enc = encodeURIComponent;

export interface SocialMe {
  socialWorker: boolean;
  canExport: boolean;
  reserved: boolean;
  canFigures: boolean;
  scope: { comuni: string[]; sectors: SectorCode[]; targetAreas: TargetArea[] };
}

export interface CaseFilters {
  q?: string;
  status?: CaseStatus;
  comuneId?: string;
  targetArea?: TargetArea;
  alert?: 'review_due' | 'intervention_expiring';
}
export interface ContactFilters {
  from?: string;
  to?: string;
  comuneId?: string;
  targetArea?: TargetArea;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CasePatch {
  household?: HouseholdMember[];
  isee?: IseeInfo | null;
  nextReviewOn?: string | null;
  workers?: { operatorId: string; role: WorkerRole }[];
  sector?: SectorCode;
  targetArea?: TargetArea;
  withheldFromSubject?: boolean;
  withheldReason?: string | null;
}

export interface TransitionInput {
  note?: string;
  on?: string;
  closeReason?: CloseReason;
}

export interface DiaryInput {
  kind: DiaryKind;
  occurredOn: string;
  text: string;
  reserved?: boolean;
}

export const socialApi = {
  me: (signal?: AbortSignal) => request<SocialMe>(`${BASE}/me`, { signal }),
  comuni: (signal?: AbortSignal) => request<{ items: SocialComune[] }>(`${BASE}/comuni`, { signal }),
  workers: (signal?: AbortSignal) => request<{ items: { operatorId: string; name: string }[] }>(`${BASE}/workers`, { signal }),
  persons: (q: string, signal?: AbortSignal) => request<{ items: SocialPerson[] }>(`${BASE}/persons${toQueryString({ q })}`, { signal }),
  registryLookup: (fiscalCode: string, comuneId: string) =>
    request<SocialPersonInput>(`${BASE}/registry-lookup${toQueryString({ fiscalCode, comuneId })}`),
  createContact: (input: FirstContactInput & { case?: { nextReviewOn?: string } }) =>
    request<{ contact: FirstContact; caseId: string | null }>(`${BASE}/contacts`, { method: 'POST', body: input }),
  contacts: (filters: ContactFilters, cursor: string | undefined, signal?: AbortSignal) =>
    request<Page<FirstContact>>(`${BASE}/contacts${toQueryString({ ...filters, cursor })}`, { signal }),
  cases: (filters: CaseFilters, cursor: string | undefined, signal?: AbortSignal) =>
    request<Page<CaseSummary>>(`${BASE}/cases${toQueryString({ ...filters, cursor })}`, { signal }),
  case: (id: string, signal?: AbortSignal) => request<CaseDetail>(`${BASE}/cases/${enc(id)}`, { signal }),
  patchCase: (id: string, patch: CasePatch) => request<CaseDetail>(`${BASE}/cases/${enc(id)}`, { method: 'PATCH', body: patch }),
  transition: (id: string, action: CaseAction, input: TransitionInput) =>
    request<CaseDetail>(`${BASE}/cases/${enc(id)}/transitions/${action}`, { method: 'POST', body: input }),
  history: (id: string, signal?: AbortSignal) => request<{ items: CaseEvent[] }>(`${BASE}/cases/${enc(id)}/history`, { signal }),
  diary: (id: string, signal?: AbortSignal) => request<{ items: DiaryEntry[] }>(`${BASE}/cases/${enc(id)}/diary`, { signal }),
  addDiary: (id: string, input: DiaryInput) => request<DiaryEntry>(`${BASE}/cases/${enc(id)}/diary`, { method: 'POST', body: input }),
  addIntervention: (id: string, input: InterventionInput) =>
    request<Intervention>(`${BASE}/cases/${enc(id)}/interventions`, { method: 'POST', body: input }),
  patchIntervention: (id: string, interventionId: string, patch: Partial<InterventionInput>) =>
    request<Intervention>(`${BASE}/cases/${enc(id)}/interventions/${enc(interventionId)}`, { method: 'PATCH', body: patch }),
  reserved: (id: string, signal?: AbortSignal) => request<ReservedPart>(`${BASE}/cases/${enc(id)}/reserved`, { signal }),
  putReserved: (id: string, body: { courtMeasures: string; health: string }) =>
    request<ReservedPart>(`${BASE}/cases/${enc(id)}/reserved`, { method: 'PUT', body }),
  putSina: (id: string, sina: SinaAssessment) =>
    request<{ sina: SinaAssessment }>(`${BASE}/cases/${enc(id)}/assessments/sina`, { method: 'PUT', body: sina }),
  putSinba: (id: string, sinba: SinbaRecord) =>
    request<{ sinba: SinbaRecord }>(`${BASE}/cases/${enc(id)}/assessments/sinba`, { method: 'PUT', body: sinba }),
  previewExport: (input: { flow: ExportFlow; from: string; to: string }) =>
    request<ExportPreview>(`${BASE}/exports/preview`, { method: 'POST', body: input }),
  createExport: (input: { flow: ExportFlow; from: string; to: string }) =>
    request<SocialExport>(`${BASE}/exports`, { method: 'POST', body: input }),
  exports: (signal?: AbortSignal) => request<{ items: SocialExport[] }>(`${BASE}/exports`, { signal }),
  exportFileUrl: (id: string) => `${BASE}/exports/${enc(id)}/file`,
};

export const socialKeys = {
  all: ['social'] as const,
  me: ['social', 'me'] as const,
  comuni: ['social', 'comuni'] as const,
  workers: ['social', 'workers'] as const,
  persons: (q: string) => ['social', 'persons', q] as const,
  cases: (filters: CaseFilters) => ['social', 'cases', filters] as const,
  contacts: (filters: ContactFilters) => ['social', 'contacts', filters] as const,
  case: (id: string) => ['social', 'case', id] as const,
  diary: (id: string) => ['social', 'case', id, 'diary'] as const,
  history: (id: string) => ['social', 'case', id, 'history'] as const,
  reserved: (id: string) => ['social', 'case', id, 'reserved'] as const,
  exports: ['social', 'exports'] as const,
};

export const useSocialMe = (enabled = true) =>
  useQuery({ queryKey: socialKeys.me, queryFn: ({ signal }) => socialApi.me(signal), enabled, staleTime: 60_000, retry: false });
export const useSocialComuni = () => useQuery({ queryKey: socialKeys.comuni, queryFn: ({ signal }) => socialApi.comuni(signal), staleTime: 300_000 });
export const useSocialWorkers = (enabled = true) =>
  useQuery({ queryKey: socialKeys.workers, queryFn: ({ signal }) => socialApi.workers(signal), staleTime: 300_000, enabled });

export const useCaseList = (filters: CaseFilters) =>
  useInfiniteQuery({
    queryKey: socialKeys.cases(filters),
    queryFn: ({ pageParam, signal }) => socialApi.cases(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<CaseSummary>) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
export const useContactList = (filters: ContactFilters) =>
  useInfiniteQuery({
    queryKey: socialKeys.contacts(filters),
    queryFn: ({ pageParam, signal }) => socialApi.contacts(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<FirstContact>) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
export const useCase = (id: string) => useQuery({ queryKey: socialKeys.case(id), queryFn: ({ signal }) => socialApi.case(id, signal), staleTime: 0, retry: false });
export const useDiary = (id: string) => useQuery({ queryKey: socialKeys.diary(id), queryFn: ({ signal }) => socialApi.diary(id, signal), staleTime: 0 });
export const useHistory = (id: string) => useQuery({ queryKey: socialKeys.history(id), queryFn: ({ signal }) => socialApi.history(id, signal), staleTime: 0 });
export const useReserved = (id: string, enabled: boolean) =>
  useQuery({ queryKey: socialKeys.reserved(id), queryFn: ({ signal }) => socialApi.reserved(id, signal), staleTime: 0, enabled, retry: false });
export const useExports = (enabled: boolean) =>
  useQuery({ queryKey: socialKeys.exports, queryFn: ({ signal }) => socialApi.exports(signal), staleTime: 0, enabled });
