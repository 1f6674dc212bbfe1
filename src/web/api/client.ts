import i18n from '../i18n';
import type {
  AuthProviders,
  Delegation,
  GivenDelegation,
  Office,
  Operator,
  Problem,
  ServiceCard,
  ServiceDetail,
  ServiceSearchParams,
  ServiceSearchResult,
  Subject,
  Tenant,
  TenantDetail,
} from './types';

/** An HTTP error answered by the API; `problem` holds the problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'it',
    ...options.headers,
  };
  if (options.body !== undefined && !(options.body instanceof FormData)) headers['Content-Type'] = 'application/json';
  const method = options.method ?? 'GET';
  // writes made with the session cookie carry the session's CSRF token (the server refuses them otherwise)
  const csrf = method !== 'GET' ? csrfToken() : null;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : options.body instanceof FormData ? options.body : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The CSRF token the server set beside the session cookie (readable by our own pages only). */
export function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  const match = document.cookie.split('; ').find((c) => c.startsWith('sportello_csrf='));
  return match ? decodeURIComponent(match.slice('sportello_csrf='.length)) : null;
}

export function toQueryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A fresh key for POSTs that create something (DESIGN.md §6: Idempotency-Key on every creating POST). */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

const enc = encodeURIComponent;

export const api = {
  tenants: (signal?: AbortSignal) => request<{ items: Tenant[] }>('/api/v1/tenants', { signal }),
  tenant: (idOrSlug: string, signal?: AbortSignal) =>
    request<TenantDetail>(`/api/v1/tenants/${enc(idOrSlug)}`, { signal }),
  offices: (tenantId: string, signal?: AbortSignal) =>
    request<{ items: Office[] }>(`/api/v1/tenants/${enc(tenantId)}/offices`, { signal }),
  services: (params: ServiceSearchParams, signal?: AbortSignal) =>
    request<ServiceSearchResult>(`/api/v1/services${toQueryString(params)}`, { signal }),
  service: (id: string, version?: number, signal?: AbortSignal) =>
    request<ServiceDetail>(`/api/v1/services/${enc(id)}${toQueryString({ version })}`, { signal }),
  /** The same card at the body's address: /enti/{tenant}/servizi/{slug} in the portal. */
  serviceBySlug: (tenantIdOrSlug: string, serviceSlug: string, version?: number, signal?: AbortSignal) =>
    request<ServiceDetail>(`/api/v1/tenants/${enc(tenantIdOrSlug)}/services/${enc(serviceSlug)}${toQueryString({ version })}`, { signal }),
  createService: (input: ServiceCard & { slug: string }, idempotencyKey: string) =>
    request<ServiceDetail>('/api/v1/services', {
      method: 'POST',
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  publishVersion: (id: string, card: ServiceCard, idempotencyKey: string) =>
    request<ServiceDetail>(`/api/v1/services/${enc(id)}/versions`, {
      method: 'POST',
      body: card,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  me: (signal?: AbortSignal) => request<Operator | { kind: string }>('/api/v1/me', { signal }),
  operatorLogin: (email: string, password: string) =>
    request<unknown>('/auth/operator/login', { method: 'POST', body: { email, password } }),
  logout: () => request<unknown>('/auth/logout', { method: 'POST' }),
  // Citizens: sign-in options, whom they act for, delegations received
  authProviders: (signal?: AbortSignal) => request<AuthProviders>('/auth/providers', { signal }),
  citizenLogout: () => request<{ providerLogoutUrl: string | null }>('/auth/logout', { method: 'POST' }),
  mySubjects: (signal?: AbortSignal) => request<{ items: Subject[] }>('/api/v1/me/subjects', { signal }),
  chooseSubject: (choice: Pick<Subject, 'kind' | 'id'>) =>
    request<Subject>('/api/v1/me/acting-for', { method: 'PUT', body: { kind: choice.kind, id: choice.id } }),
  myDelegations: (signal?: AbortSignal) => request<{ items: Delegation[] }>('/api/v1/me/delegations', { signal }),
  /** multipart/form-data: delegatorFiscalCode, delegatorGivenName, delegatorFamilyName, purpose, validUntil, document */
  createDelegation: (form: FormData) => request<Delegation>('/api/v1/me/delegations', { method: 'POST', body: form }),
  revokeDelegation: (id: string, reason?: string) =>
    request<Delegation>(`/api/v1/me/delegations/${enc(id)}/revoke`, { method: 'POST', body: reason ? { reason } : {} }),
  /** a plain link (the browser downloads it with the session cookie) */
  delegationsGiven: (signal?: AbortSignal) => request<{ items: GivenDelegation[] }>('/api/v1/me/delegations-given', { signal }),
  revokeDelegationGiven: (id: string, reason?: string) =>
    request<GivenDelegation>(`/api/v1/me/delegations-given/${enc(id)}/revoke`, { method: 'POST', body: reason ? { reason } : {} }),
  delegationDocumentUrl: (id: string) => `/api/v1/me/delegations/${enc(id)}/document`,
};
