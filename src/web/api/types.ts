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
