/**
 * The administration API as the back office uses it: operators and roles, offices, API tokens, the audit log,
 * bodies and associated management (see src/server/modules/organisation). Types mirror the server's schemas.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { newIdempotencyKey, request, toQueryString } from '../../api/client';
import type { OfficeInput } from '../../../contracts/catalog';
import type { OpeningHours, Office, Operator, Tenant, TenantRef } from '../../api/types';

export const STAFF_ROLES = ['operator', 'desk', 'manager', 'social_worker', 'tenant_admin', 'platform_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles that work in one office. */
export const OFFICE_ROLES: readonly string[] = ['operator', 'desk'];
/** Roles that work across the whole body (no office). */
export const BODY_ROLES: readonly string[] = ['manager', 'tenant_admin', 'platform_admin'];
export const TARGET_AREAS = ['famiglie_minori', 'disabilita_non_autosufficienza', 'adulti_poverta', 'anziani'] as const;

export const AUDIT_ACTIONS = [
  'login.succeeded', 'login.failed', 'login.locked', 'logout', 'totp.enrolled', 'totp.reset', 'session.step_up',
  'operator.created', 'operator.disabled', 'operator.enabled', 'role.granted', 'role.revoked', 'token.created',
  'token.revoked', 'password.changed', 'tenant.created', 'office.created', 'office.updated', 'association.created', 'delegation.created',
  'delegation.revoked', 'subject.chosen', 'webhook.created', 'webhook.updated', 'webhook.secret_rotated', 'tenant.privacy_updated',
  'certificate.revoked', 'registry.imported', 'protocol.annulled', 'upload.infected',
] as const;

export const isTenantAdmin = (me: Pick<Operator, 'roles'>) => me.roles.includes('tenant_admin') || me.roles.includes('platform_admin');
export const isPlatformAdmin = (me: Pick<Operator, 'roles'>) => me.roles.includes('platform_admin');

export interface RoleItem {
  id: string;
  role: StaffRole;
  office: { id: string; code: string; name: string } | null;
  comuni: { id: string; name: string }[];
  sectors: string[];
  targetAreas: string[];
  createdAt: string;
}

export interface OperatorItem {
  id: string;
  email: string;
  name: string;
  hasFiscalCode: boolean;
  disabled: boolean;
  totpEnrolled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  roles: RoleItem[];
}

export interface GrantInput {
  role: string;
  officeId?: string;
  comuni?: string[];
  sectors?: string[];
  targetAreas?: string[];
  // social workers: the reserved parts of a case
  reserved?: boolean;
}

export interface NewOperatorInput {
  email: string;
  name: string;
  fiscalCode?: string;
  grants: GrantInput[];
}

export interface ActorRef {
  ref: string;
  kind: string;
  name: string | null;
}

export interface TokenItem {
  id: string;
  name: string;
  role: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdBy: ActorRef;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: ActorRef | null;
  lastUsedAt: string | null;
}

export interface AuditItem {
  seq: string;
  at: string;
  action: string;
  actor: ActorRef;
  target: ActorRef | null;
  details: Record<string, unknown>;
}

/** The body's privacy choices (GET/PATCH /tenants/{tenantId}/privacy). */
export interface TenantPrivacy {
  accessLogNamesOperators: boolean;
}

export interface Association {
  lead: TenantRef;
  member: TenantRef;
  description: string;
  createdAt: string;
}

/** What an administrator types for an office: the same shape as the catalogue's office. */
export type { OfficeInput } from '../../../contracts/catalog';

export interface NewTenantInput {
  slug: string;
  name: string;
  type: string;
  fiscalCode: string;
  ipaCode: string;
  aooCode: string;
  parentId?: string;
  website?: string;
  email?: string;
  pec?: string;
  phone?: string;
}

const enc = encodeURIComponent;
const base = (tenantId: string) => `/api/v1/tenants/${enc(tenantId)}`;

export const adminApi = {
  operators: (tenantId: string, params: { q?: string; cursor?: string }, signal?: AbortSignal) =>
    request<{ items: OperatorItem[]; nextCursor: string | null }>(`${base(tenantId)}/operators${toQueryString({ ...params, limit: 50 })}`, { signal }),
  operator: (tenantId: string, operatorId: string, signal?: AbortSignal) =>
    request<OperatorItem>(`${base(tenantId)}/operators/${enc(operatorId)}`, { signal }),
  createOperator: (tenantId: string, input: NewOperatorInput) =>
    request<{ operator: OperatorItem; temporaryPassword: string }>(`${base(tenantId)}/operators`, { method: 'POST', body: input }),
  setDisabled: (tenantId: string, operatorId: string, disabled: boolean) =>
    request<OperatorItem>(`${base(tenantId)}/operators/${enc(operatorId)}`, { method: 'PATCH', body: { disabled } }),
  grantRole: (tenantId: string, operatorId: string, grant: GrantInput, idempotencyKey: string) =>
    request<OperatorItem>(`${base(tenantId)}/operators/${enc(operatorId)}/roles`, { method: 'POST', body: grant, headers: { 'Idempotency-Key': idempotencyKey } }),
  revokeRole: (tenantId: string, operatorId: string, roleId: string) =>
    request<OperatorItem>(`${base(tenantId)}/operators/${enc(operatorId)}/roles/${enc(roleId)}`, { method: 'DELETE' }),
  resetTotp: (tenantId: string, operatorId: string) =>
    request<OperatorItem>(`${base(tenantId)}/operators/${enc(operatorId)}/totp-reset`, { method: 'POST' }),

  createOffice: (tenantId: string, input: OfficeInput, idempotencyKey: string) =>
    request<Office>(`${base(tenantId)}/offices`, { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  updateOffice: (tenantId: string, officeId: string, input: Partial<OfficeInput>) =>
    request<Office>(`${base(tenantId)}/offices/${enc(officeId)}`, { method: 'PATCH', body: input }),

  tokens: (tenantId: string, signal?: AbortSignal) => request<{ items: TokenItem[] }>(`${base(tenantId)}/tokens`, { signal }),
  createToken: (tenantId: string, input: { name: string; role: string; days?: number }) =>
    request<TokenItem & { token: string }>(`${base(tenantId)}/tokens`, { method: 'POST', body: input }),
  revokeToken: (tenantId: string, tokenId: string) =>
    request<TokenItem>(`${base(tenantId)}/tokens/${enc(tokenId)}/revoke`, { method: 'POST' }),

  privacy: (tenantId: string, signal?: AbortSignal) => request<TenantPrivacy>(`${base(tenantId)}/privacy`, { signal }),
  updatePrivacy: (tenantId: string, input: Partial<TenantPrivacy>) =>
    request<TenantPrivacy>(`${base(tenantId)}/privacy`, { method: 'PATCH', body: input }),

  audit: (tenantId: string, params: { action?: string; before?: string }, signal?: AbortSignal) =>
    request<{ items: AuditItem[]; nextBefore: string | null }>(`${base(tenantId)}/audit${toQueryString({ ...params, limit: 50 })}`, { signal }),

  associations: (tenantId: string, signal?: AbortSignal) => request<{ items: Association[] }>(`${base(tenantId)}/associations`, { signal }),
  createAssociation: (input: { leadTenantId: string; memberTenantId: string; description: string }, idempotencyKey: string) =>
    request<Association>('/api/v1/associations', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  createTenant: (input: NewTenantInput, idempotencyKey: string) =>
    request<Tenant>('/api/v1/tenants', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
};

export { newIdempotencyKey };

export const adminKeys = {
  operators: (tenantId: string, q: string) => ['admin', 'operators', tenantId, q] as const,
  operator: (tenantId: string, id: string) => ['admin', 'operator', tenantId, id] as const,
  tokens: (tenantId: string) => ['admin', 'tokens', tenantId] as const,
  audit: (tenantId: string, action: string) => ['admin', 'audit', tenantId, action] as const,
  associations: (tenantId: string) => ['admin', 'associations', tenantId] as const,
  privacy: (tenantId: string) => ['admin', 'privacy', tenantId] as const,
};

export const useOperators = (tenantId: string, q: string) =>
  useInfiniteQuery({
    queryKey: adminKeys.operators(tenantId, q),
    queryFn: ({ pageParam, signal }) => adminApi.operators(tenantId, { q: q || undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

export const useOperatorDetail = (tenantId: string, operatorId: string | undefined) =>
  useQuery({
    queryKey: adminKeys.operator(tenantId, operatorId ?? ''),
    queryFn: ({ signal }) => adminApi.operator(tenantId, operatorId!, signal),
    enabled: Boolean(operatorId),
    staleTime: 0,
  });

export const useTokens = (tenantId: string) =>
  useQuery({ queryKey: adminKeys.tokens(tenantId), queryFn: ({ signal }) => adminApi.tokens(tenantId, signal), staleTime: 0 });

export const useAudit = (tenantId: string, action: string) =>
  useInfiniteQuery({
    queryKey: adminKeys.audit(tenantId, action),
    queryFn: ({ pageParam, signal }) => adminApi.audit(tenantId, { action: action || undefined, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });

export const usePrivacy = (tenantId: string) =>
  useQuery({ queryKey: adminKeys.privacy(tenantId), queryFn: ({ signal }) => adminApi.privacy(tenantId, signal), staleTime: 0 });

export const useAssociations = (tenantId: string | undefined) =>
  useQuery({
    queryKey: adminKeys.associations(tenantId ?? ''),
    queryFn: ({ signal }) => adminApi.associations(tenantId!, signal),
    enabled: Boolean(tenantId),
  });
