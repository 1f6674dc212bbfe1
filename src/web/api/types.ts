/**
 * Shapes of the HTTP API as the web front end consumes it (see DESIGN.md §6).
 * The editable service card comes from the shared contracts.
 */
import type { Audience, OfficeInput, ServiceCard, ServiceStatus, TenantType } from '../../contracts/catalog';

export type { Audience, OpeningHours, ServiceCard, ServiceCost, ServiceAccess } from '../../contracts/catalog';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  type: TenantType;
  fiscalCode: string;
  ipaCode: string;
  parentId: string | null;
  website?: string;
  email?: string;
  pec?: string;
  phone?: string;
}

export interface Office extends OfficeInput {
  id: string;
}

export interface TenantDetail extends Tenant {
  offices: Office[];
}

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface ServiceSummary {
  id: string;
  slug: string;
  tenant: TenantRef;
  title: string;
  shortDescription: string;
  category: string;
  lifeEvents: string[];
  audiences: Audience[];
  online: boolean;
  status: ServiceStatus;
  maxDays: number;
  version: number;
}

export interface ServiceVersionRef {
  version: number;
  publishedAt: string;
}

export interface ServiceDetail extends ServiceSummary {
  card: ServiceCard;
  office: Office | null;
  publishedAt: string;
  versions: ServiceVersionRef[];
}

export interface ServiceSearchResult {
  items: ServiceSummary[];
  nextCursor: string | null;
  total: number;
  /** more than `total` services match (the server stops counting at 1000) */
  totalCapped?: boolean;
  didYouMean?: string;
}

export interface ServiceSearchParams {
  q?: string;
  tenant?: string;
  lifeEvent?: string;
  category?: string;
  audience?: string;
  online?: 'true' | 'false';
  cursor?: string;
  limit?: number;
  includeInactive?: boolean;
}

export interface Operator {
  kind: 'operator';
  id: string;
  name: string;
  email: string;
  tenant: TenantRef;
  roles: string[];
}

/** RFC 7807 problem details, as every error of the API is shaped. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** SPID/CIE security level (SPID's names; CIE maps to the same three). */
export type SpidLevel = 'SpidL1' | 'SpidL2' | 'SpidL3';
export type LoginMethod = 'spid' | 'cie';
export type SubjectKind = 'self' | 'minor' | 'delegation' | 'company';

/** Whom a citizen acts for: themselves, a minor child, a client who delegated them, a company they represent. */
export interface Subject {
  kind: SubjectKind;
  id: string;
  fiscalCode: string;
  name: string;
  /** e.g. "figlio/a minore, 9 anni — Comune di Castelrocca" (Italian, from the server) */
  detail?: string;
  validUntil?: string;
}

/** GET /api/v1/me for a citizen signed in with SPID or CIE. */
export interface CitizenMe {
  kind: 'citizen';
  id: string;
  name: string;
  fiscalCode: string;
  roles: string[];
  auth: { method: LoginMethod; level: SpidLevel };
  actingFor: Subject;
  csrfToken?: string;
}

export interface AuthProviders {
  oidc: boolean;
  bundledTestProvider: boolean;
}

export type DelegationStatus = 'active' | 'expired' | 'revoked';

/** A delegation someone registered naming the citizen as the person delegating. */
export interface GivenDelegation {
  id: string;
  delegateName: string | null;
  purpose: string;
  validUntil: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: 'delegate' | 'delegator' | null;
  status: DelegationStatus;
}

export interface Delegation {
  id: string;
  delegatorFiscalCode: string;
  delegatorName: string;
  purpose: string;
  validUntil: string;
  document: { name: string; type: string; size: number; sha256: string };
  createdAt: string;
  revokedAt: string | null;
  status: DelegationStatus;
}
