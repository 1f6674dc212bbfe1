import type { ColumnType, Generated } from 'kysely';
import type { ApplicationStatus } from '../../contracts/applications.ts';
import type { OpeningHours, ServiceCard } from '../../contracts/catalog.ts';
import type { OutcomeProposal } from '../../contracts/workflow.ts';
import type { MessageChannel, MessagePreferences } from '../../contracts/messaging.ts';
import type { DeskTables } from './schema-desk.ts';
import type { PaymentTables } from './schema-payments.ts';
import type { SocialTables } from './schema-social.ts';

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
  access_log_names_operators: Generated<boolean>;
  /** two digits that make the body's pagoPA notice numbers its own (migration 0017) */
  pagopa_segregation_code: Generated<string>;
  /** the Casellario's codes of a comune (migration 0018) */
  istat_code: ColumnType<string | null, string | null | undefined, string | null>;
  cadastral_code: ColumnType<string | null, string | null | undefined, string | null>;
  region_code: ColumnType<string | null, string | null | undefined, string | null>;
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
  fiscal_code: string | null;
  /** sealed with the platform key (platform/secrets.ts) */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  /** set on accounts created with a temporary password: the next password sign-in must choose a new one */
  password_must_change: Generated<boolean>;
  password_changed_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface OperatorRolesTable {
  id: Generated<string>;
  tenant_id: string;
  operator_id: string;
  role: string;
  office_id: string | null;
  comuni: ColumnType<string[], string[] | undefined, string[]>;
  sectors: ColumnType<string[], string[] | undefined, string[]>;
  target_areas: ColumnType<string[], string[] | undefined, string[]>;
  social_reserved: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string;
}

export interface CitizensTable {
  id: Generated<string>;
  fiscal_code: string;
  given_name: string;
  family_name: string;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  birth_place: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  created_at: Generated<Date>;
  last_login_at: Timestamp | null;
  pec: string | null;
  language: Generated<'it' | 'en'>;
  message_preferences: ColumnType<MessagePreferences, string | undefined, string>;
  /** the kinds of advice ("Per te") the citizen switched off */
  recommendation_kinds_off: ColumnType<string[], string[] | undefined, string[]>;
  /** where each contact came from (the sign-in or the citizen) and when it last changed; kept by a trigger (0014) */
  email_source: 'login' | 'citizen' | null;
  email_updated_at: Timestamp | null;
  phone_source: 'login' | 'citizen' | null;
  phone_updated_at: Timestamp | null;
  pec_source: 'login' | 'citizen' | null;
  pec_updated_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  kind: 'citizen' | 'operator';
  citizen_id: string | null;
  operator_id: string | null;
  tenant_id: string | null;
  auth_method: string;
  auth_level: string | null;
  acting_for: ColumnType<ActingForRef, string | undefined, string>;
  id_token: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

/** Whom a citizen's session acts for; the id points at the citizen, registry_people, delegations or companies. */
export interface ActingForRef {
  kind: 'self' | 'minor' | 'delegation' | 'company';
  id: string;
  fiscalCode: string;
  name: string;
  validUntil?: string;
}

export interface OidcLoginsTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  audience: 'citizen' | 'operator';
  method: string;
  level: string;
  return_to: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface TenantAssociationsTable {
  lead_tenant_id: string;
  member_tenant_id: string;
  description: string;
  created_at: Generated<Date>;
}

export interface RegistryPeopleTable {
  id: Generated<string>;
  tenant_id: string;
  fiscal_code: string;
  given_name: string;
  family_name: string;
  sex: 'M' | 'F' | null;
  birth_date: ColumnType<string, string, string>;
  birth_place: string;
  citizenship: Generated<string>;
  address: string;
  family_id: string;
  family_relation: string;
  civil_status: string | null;
  residence_since: ColumnType<string | null, string | null | undefined, string | null>;
  id_card_number: string | null;
  id_card_expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  import_id: string | null;
  updated_at: Generated<Date>;
}

export interface RegistryImportsTable {
  id: Generated<string>;
  tenant_id: string;
  file_name: string;
  sha256: string;
  started_at: Generated<Date>;
  finished_at: Date | null;
  rows_total: Generated<number>;
  rows_loaded: Generated<number>;
  rows_rejected: Generated<number>;
  rejected: ColumnType<{ line: number; fiscalCode?: string; reason: string }[], string | undefined, string>;
}

export interface CompaniesTable {
  id: Generated<string>;
  fiscal_code: string;
  name: string;
  legal_form: string;
  address: string;
}

export interface CompanyRepresentativesTable {
  company_id: string;
  fiscal_code: string;
  role: string;
}

export interface DelegationsTable {
  id: Generated<string>;
  delegate_citizen_id: string;
  delegator_fiscal_code: string;
  delegator_given_name: string;
  delegator_family_name: string;
  purpose: string;
  valid_until: ColumnType<string, string, string>;
  document_sha256: string;
  document_name: string;
  document_type: string;
  document_size: number;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
  delegate_name: string | null;
  revoked_by: 'delegate' | 'delegator' | null;
}

export interface AuditLogTable {
  /** numbered, timed and chained by a trigger */
  seq: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  tenant_id: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  tenant_id: string;
  role: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_by: Generated<string>;
  revoked_by: string | null;
  last_used_at: Timestamp | null;
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

type Json<T> = ColumnType<T, string | undefined, string>;

export interface ApplicationsTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  service_id: string;
  service_version: number;
  office_id: string | null;
  citizen_id: string;
  filer_name: string;
  subject_kind: 'self' | 'minor' | 'delegation' | 'company';
  subject_ref: string;
  subject_fiscal_code: string;
  subject_name: string;
  status: ApplicationStatus;
  data: Json<Record<string, unknown>>;
  prefilled: Json<Record<string, 'spid' | 'registry' | 'company'>>;
  current_step: string | null;
  revision: Generated<number>;
  auth_method: string | null;
  auth_level: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Timestamp | null;
  max_days: number | null;
  suspended_days: Generated<number>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  taken_in_charge_at: Timestamp | null;
  closed_at: Timestamp | null;
  responsible_operator_id: string | null;
  protocol_year: number | null;
  protocol_number: number | null;
  registered_at: Timestamp | null;
  receipt_document_id: string | null;
  checklist: ColumnType<Record<string, { done: boolean; by: string; at: string }>, string | undefined, string>;
  outcome_proposal: Json<OutcomeProposal> | null;
  visa_step_id: string | null;
  visa_office_id: string | null;
  outcome_motivation: string | null;
  escalated_at: Timestamp | null;
  deadline_marks: ColumnType<Record<string, string>, string | undefined, string>;
  response_document_id: string | null;
  /** generated: the operators' full-text search */
  search: ColumnType<string, never, never>;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string;
  at: Generated<Date>;
  type: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus | null;
  actor_kind: 'citizen' | 'operator' | 'system' | 'token';
  actor_id: string | null;
  actor_label: string;
  note: string | null;
  internal: Generated<boolean>;
  details: Json<Record<string, unknown>>;
}

export interface ApplicationAttachmentsTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string;
  requirement_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: Generated<Date>;
  uploaded_by: string;
  submitted: Generated<boolean>;
}

export interface ApplicationDocumentsTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string;
  kind: 'receipt' | 'response' | 'notice';
  title: string;
  file_name: string;
  sha256: string;
  size: number;
  verification_code: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  protocol_year: number | null;
  protocol_number: number | null;
  summary: string | null;
  issue_key: string | null;
}

export interface AccessLogTable {
  id: Generated<string>;
  tenant_id: string;
  at: Generated<Date>;
  subject_fiscal_code: string;
  citizen_id: string | null;
  actor_kind: 'operator' | 'token' | 'system';
  actor_id: string | null;
  actor_label: string;
  office_name: string | null;
  object_type: string;
  object_id: string;
  object_label: string;
  operation: string;
  purpose: string;
  legal_basis: string;
  hidden_until: Timestamp | null;
  hidden_reason: string | null;
}

export interface FavouriteServicesTable {
  citizen_id: string;
  service_id: string;
  created_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string | null;
  dedupe_key: string;
  recipient_kind: 'citizen' | 'operator' | 'address';
  citizen_id: string | null;
  operator_id: string | null;
  address: string | null;
  channel: MessageChannel;
  subject: string;
  body: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  status_reason: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  kind: string | null;
  language: Generated<string>;
  legal: Generated<boolean>;
  fiscal_code: string | null;
  attempts: Generated<number>;
  last_attempt_at: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  provider_message_id: string | null;
  resent: Generated<number>;
}

export interface MessageTemplatesTable {
  tenant_id: string;
  kind: string;
  channel: MessageChannel;
  language: 'it' | 'en';
  subject: string | null;
  body: string;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface ApplicationMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string;
  author_kind: 'citizen' | 'office';
  author_citizen_id: string | null;
  author_operator_id: string | null;
  author_label: string;
  body: string;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  idempotency_key: string | null;
}

export interface ApplicationMessageFilesTable {
  id: Generated<string>;
  tenant_id: string;
  application_id: string;
  message_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
}

export interface ReplyTemplatesTable {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  body: string;
  updated_at: Generated<Date>;
}

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  secret_sealed: string;
  events: string[];
  tenant_ids: string[];
  service_ids: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
}

export interface WebhookAttemptsTable {
  id: Generated<string>;
  tenant_id: string;
  delivery_id: string;
  at: Generated<Date>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  response_excerpt: string | null;
}

export interface DevMailboxTable {
  id: Generated<string>;
  notification_id: string | null;
  idempotency_key: string | null;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  sent_at: Generated<Date>;
}

export interface AutomationRunsTable {
  key: string;
  tenant_id: string;
  application_id: string;
  ran_at: Generated<Date>;
}

export interface ProtocolRegistersTable {
  tenant_id: string;
  year: number;
  last_number: Generated<number>;
}

export interface ProtocolEntriesTable {
  tenant_id: string;
  year: number;
  number: number;
  direction: 'incoming' | 'outgoing';
  registered_at: Timestamp;
  aoo_code: string;
  subject: string;
  correspondent: string;
  application_id: string | null;
  document_sha256: string | null;
  annulled_at: Timestamp | null;
  annulled_by: string | null;
  annulment_reason: string | null;
}

export interface ServiceRatingsTable {
  application_id: string;
  tenant_id: string;
  service_id: string;
  score: number;
  reason: string | null;
  comment: string | null;
  created_at: Generated<Date>;
}

export interface RecommendationRulesTable {
  id: Generated<string>;
  tenant_id: string | null;
  key: string;
  kind: 'life_event' | 'deadline' | 'payment' | 'favourite';
  condition: ColumnType<Record<string, unknown>, string, string>;
  title: string;
  message: string;
  reason: string;
  link: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface RecommendationsTable {
  id: Generated<string>;
  citizen_id: string;
  rule_id: string;
  kind: 'life_event' | 'deadline' | 'payment' | 'favourite';
  dedupe_key: string;
  tenant_id: string | null;
  title: string;
  message: string;
  reason: string;
  link: string;
  subject_fiscal_code: string;
  subject_name: string;
  relevant_from: ColumnType<string, string, string>;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  read_at: Timestamp | null;
  dismissed_at: Timestamp | null;
}

export interface RecommendationRunsTable {
  day: ColumnType<string, string, string>;
  started_at: Generated<Date>;
  last_citizen: string | null;
  evaluated: Generated<number>;
  finished_at: Timestamp | null;
}

/** One day's run of the retention job, with what each rule removed (0020_personal_data.sql). */
export interface RetentionRunsTable {
  day: ColumnType<string, string, string>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
}

/** A citizen's report that an item a body holds about them is wrong (0014_data_reports.sql). */
export interface DataReportsTable {
  id: Generated<string>;
  tenant_id: string;
  citizen_id: string;
  subject_fiscal_code: string;
  subject_name: string;
  office_id: string | null;
  item: string;
  shown_value: string;
  correction: string;
  status: Generated<'open' | 'in_progress' | 'resolved' | 'rejected'>;
  answer: string | null;
  created_at: Timestamp;
  handled_at: Timestamp | null;
  handled_by: string | null;
  handled_by_label: string | null;
  idempotency_key: string | null;
}

/** A registry certificate issued to a citizen (0012_certificates.sql). */
export interface CertificatesTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string | null;
  citizen_id: string;
  subject_fiscal_code: string;
  kind: 'residence' | 'family' | 'registry';
  verification_code: string;
  /** contracts/certificates.ts CertificateContent */
  content: ColumnType<import('../../contracts/certificates.ts').CertificateContent, string, never>;
  file_name: string;
  storage_key: string;
  sha256: string;
  size: number;
  issued_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  revoked_by: string | null;
}

export interface DB extends DeskTables, PaymentTables, SocialTables {
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_attachments: ApplicationAttachmentsTable;
  application_documents: ApplicationDocumentsTable;
  protocol_registers: ProtocolRegistersTable;
  protocol_entries: ProtocolEntriesTable;
  service_ratings: ServiceRatingsTable;
  access_log: AccessLogTable;
  notifications: NotificationsTable;
  message_templates: MessageTemplatesTable;
  application_messages: ApplicationMessagesTable;
  application_message_files: ApplicationMessageFilesTable;
  reply_templates: ReplyTemplatesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  dev_mailbox: DevMailboxTable;
  favourite_services: FavouriteServicesTable;
  automation_runs: AutomationRunsTable;
  catalog_state: CatalogStateTable;
  tenants: TenantsTable;
  offices: OfficesTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  search_terms: SearchTermsTable;
  operators: OperatorsTable;
  operator_roles: OperatorRolesTable;
  citizens: CitizensTable;
  sessions: SessionsTable;
  oidc_logins: OidcLoginsTable;
  tenant_associations: TenantAssociationsTable;
  registry_people: RegistryPeopleTable;
  registry_imports: RegistryImportsTable;
  certificates: CertificatesTable;
  data_reports: DataReportsTable;
  recommendation_rules: RecommendationRulesTable;
  recommendations: RecommendationsTable;
  recommendation_runs: RecommendationRunsTable;
  retention_runs: RetentionRunsTable;
  companies: CompaniesTable;
  company_representatives: CompanyRepresentativesTable;
  delegations: DelegationsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
}
