import type { ColumnType, Generated } from 'kysely';
import type { OpeningHours, ServiceCard } from '../../contracts/catalog.ts';

/** Kysely table types; kept by hand next to the SQL migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  type: string;
  fiscal_code: string;
  ipa_code: string;
  aoo_code: string;
  parent_id: string | null;
  website: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  created_at: Generated<Date>;
}

export interface OfficesTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  description: string | null;
  address: string;
  postal_code: string;
  city: string;
  province: string;
  email: string | null;
  pec: string | null;
  phone: string | null;
  opening_hours: ColumnType<OpeningHours[], string, string>;
}

export interface ServicesTable {
  id: Generated<string>;
  tenant_id: string;
  slug: string;
  current_version: number;
  title: string;
  short_description: string;
  category: string;
  life_events: string[];
  audiences: string[];
  online: boolean;
  status: string;
  max_days: number;
  office_id: string | null;
  published_at: Timestamp;
  search_document: ColumnType<string, unknown, unknown>;
  title_document: ColumnType<string, unknown, unknown>;
  created_at: Generated<Date>;
}

export interface ServiceVersionsTable {
  id: Generated<string>;
  tenant_id: string;
  service_id: string;
  version: number;
  card: ColumnType<ServiceCard, string, string>;
  published_at: Timestamp;
  published_by: string;
}

export interface SearchTermsTable {
  word: string;
  stem: string;
  uses: number;
}

export interface OperatorsTable {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string[];
  created_at: Generated<Date>;
}

export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: string;
  tenant_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  tenant_id: string;
  role: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  request_hash: string;
  status_code: number;
  body: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export interface CatalogStateTable {
  id: boolean;
  generation: ColumnType<string, never, never>;
}

export interface DB {
  catalog_state: CatalogStateTable;
  tenants: TenantsTable;
  offices: OfficesTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  search_terms: SearchTermsTable;
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
}
