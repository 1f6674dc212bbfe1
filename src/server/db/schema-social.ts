import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus, CloseReason, ContactAnswer, ContactChannel, DiaryKind, ExportFlow, HouseholdMember, IseeInfo,
  InterventionStatus, MeansTest, Need, Periodicity, RequesterKind, Sector, TargetArea, WorkerRole } from '../../contracts/social.ts';

/** Kysely types of the social services' tables (migration 0018); kept by hand next to the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** date columns: YYYY-MM-DD both ways (db/connection.ts keeps the date type as text on both drivers) */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint columns come back from both drivers as strings */
type Cents = ColumnType<string | null, number | null | undefined, number | null>;

export interface SocialPersonsTable {
  id: Generated<string>;
  tenant_id: string;
  fiscal_code: string | null;
  given_name: string;
  family_name: string;
  birth_date: NullableDate;
  sex: 'M' | 'F' | null;
  birth_place_code: string | null;
  citizenship_code: string | null;
  comune_id: string;
  address: string | null;
  phone: string | null;
  registry_person_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SocialCasesTable {
  id: Generated<string>;
  tenant_id: string;
  reference: string;
  person_id: string;
  comune_id: string;
  sector: Sector;
  target_area: TargetArea;
  status: CaseStatus;
  close_reason: CloseReason | null;
  close_note: string | null;
  first_contact_on: DateColumn;
  opened_on: DateColumn;
  in_charge_on: NullableDate;
  closed_on: NullableDate;
  next_review_on: NullableDate;
  household: Json<HouseholdMember[]>;
  isee: ColumnType<IseeInfo | null, string | null | undefined, string | null>;
  health_sealed: string | null;
  court_sealed: string | null;
  sina_sealed: string | null;
  sinba_sealed: string | null;
  withheld_from_subject: Generated<boolean>;
  withheld_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sinba_exported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sinba_exported_hash: string | null;
}

export interface SocialCaseSequencesTable {
  tenant_id: string;
  year: number;
  last_n: number;
}

export interface SocialCaseWorkersTable {
  case_id: string;
  tenant_id: string;
  operator_id: string;
  role: WorkerRole;
  since: DateColumn;
}

export interface SocialCaseEventsTable {
  seq: Generated<string>;
  case_id: string;
  tenant_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  kind: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  note: string | null;
}

export interface SocialContactsTable {
  id: Generated<string>;
  tenant_id: string;
  comune_id: string;
  contact_on: DateColumn;
  channel: ContactChannel;
  requester_kind: RequesterKind;
  requester_name: string | null;
  person_id: string | null;
  target_area: TargetArea;
  sector: Sector;
  need: Need;
  need_sealed: string | null;
  answer: ContactAnswer;
  referral_to: string | null;
  privacy_notice_given: boolean;
  case_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SocialDiaryEntriesTable {
  id: Generated<string>;
  case_id: string;
  tenant_id: string;
  kind: DiaryKind;
  occurred_on: DateColumn;
  reserved: Generated<boolean>;
  text_sealed: string;
  author_id: string | null;
  author_label: string;
  created_at: Timestamp;
}

export interface SocialInterventionsTable {
  id: Generated<string>;
  case_id: string;
  tenant_id: string;
  code: string;
  status: InterventionStatus;
  requested_on: DateColumn;
  authorised_on: NullableDate;
  start_on: NullableDate;
  end_on: NullableDate;
  request_protocol: string | null;
  means_test: MeansTest;
  periodicity: Periodicity;
  amount_cents: Cents;
  monthly_amount_cents: Cents;
  period_months: number | null;
  share_body_cents: Cents;
  share_user_cents: Cents;
  share_health_cents: Cents;
  hours_monthly: number | null;
  note: string | null;
  exported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** the record as last sent (the fields the flow carries), to send a correction after a change */
  exported_snapshot: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SocialExportsTable {
  id: Generated<string>;
  tenant_id: string;
  flow: ExportFlow;
  period_from: DateColumn;
  period_to: DateColumn;
  file_name: string;
  xml_sealed: string;
  sha256: string;
  records: number;
  corrections: Generated<number>;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface SocialExportItemsTable {
  export_id: string;
  tenant_id: string;
  intervention_id: string | null;
  case_id: string;
  operation: 'insert' | 'correction';
}

export interface SocialTables {
  social_persons: SocialPersonsTable;
  social_cases: SocialCasesTable;
  social_case_sequences: SocialCaseSequencesTable;
  social_case_workers: SocialCaseWorkersTable;
  social_case_events: SocialCaseEventsTable;
  social_contacts: SocialContactsTable;
  social_diary_entries: SocialDiaryEntriesTable;
  social_interventions: SocialInterventionsTable;
  social_exports: SocialExportsTable;
  social_export_items: SocialExportItemsTable;
}
