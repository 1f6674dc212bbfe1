import type { ColumnType, Generated } from 'kysely';
import type {
  AppointmentChannel, AppointmentStatus, CalendarClosure, ContactChannel, ContactOutcome, DeskDeviceKind, Rating, TicketChannel,
  TicketEventKind, TicketStatus, WeeklyHours,
} from '../../contracts/desk.ts';

/** Kysely types of the desk's tables (migration 0016); kept by hand next to the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface AppointmentCalendarsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  name: string;
  service_ids: ColumnType<string[], string[] | undefined, string[]>;
  weekly_hours: Json<WeeklyHours[]>;
  slot_minutes: number;
  capacity: Generated<number>;
  buffer_minutes: Generated<number>;
  min_notice_hours: Generated<number>;
  horizon_days: Generated<number>;
  closures: Json<CalendarClosure[]>;
  category_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AppointmentSlotsTable {
  tenant_id: string;
  calendar_id: string;
  starts_at: Timestamp;
  booked: Generated<number>;
}

export interface AppointmentsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  calendar_id: string;
  service_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  citizen_id: string | null;
  fiscal_code: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  reason: string;
  status: Generated<AppointmentStatus>;
  code: string;
  channel: AppointmentChannel;
  booked_by: string | null;
  reminder_sent_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancelled_by: 'citizen' | 'office' | null;
  checked_in_at: Timestamp | null;
  ticket_id: string | null;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DeskCategoriesTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  prefix: string;
  name: string;
  description: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface DeskCountersTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  name: string;
  category_ids: ColumnType<string[], string[] | undefined, string[]>;
  operator_id: string | null;
  opened_at: Timestamp | null;
  active: Generated<boolean>;
}

export interface DeskCounterSessionsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  counter_id: string;
  operator_id: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface DeskTicketSequencesTable {
  tenant_id: string;
  category_id: string;
  day: ColumnType<string, string, string>;
  last_number: number;
}

export interface DeskTicketsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  category_id: string;
  day: ColumnType<string, string, string>;
  issued_category_id: string;
  number: number;
  label: string;
  status: Generated<TicketStatus>;
  channel: TicketChannel;
  appointment_id: string | null;
  priority_from: Timestamp | null;
  counter_id: string | null;
  issued_at: Timestamp;
  first_called_at: Timestamp | null;
  called_at: Timestamp | null;
  call_count: Generated<number>;
  called_by: string | null;
  finished_at: Timestamp | null;
}

export interface DeskTicketEventsTable {
  seq: Generated<string>;
  tenant_id: string;
  office_id: string;
  ticket_id: string;
  kind: TicketEventKind;
  counter_id: string | null;
  category_id: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface DeskRatingsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  ticket_id: string | null;
  counter_id: string | null;
  category_id: string | null;
  rating: Rating;
  created_at: Timestamp;
}

export interface DeskDevicesTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  kind: DeskDeviceKind;
  name: string;
  counter_id: string | null;
  key_hash: string;
  created_at: Generated<Date>;
  created_by: string | null;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface DeskContactsTable {
  id: Generated<string>;
  tenant_id: string;
  office_id: string;
  at: Timestamp;
  channel: ContactChannel;
  person_name: string | null;
  fiscal_code: string | null;
  citizen_id: string | null;
  reason: string;
  outcome: ContactOutcome;
  note: string | null;
  service_id: string | null;
  application_id: string | null;
  ticket_id: string | null;
  appointment_id: string | null;
  recorded_by: string | null;
  recorded_by_label: string | null;
}

export interface DeskTables {
  appointment_calendars: AppointmentCalendarsTable;
  appointment_slots: AppointmentSlotsTable;
  appointments: AppointmentsTable;
  desk_categories: DeskCategoriesTable;
  desk_counters: DeskCountersTable;
  desk_counter_sessions: DeskCounterSessionsTable;
  desk_ticket_sequences: DeskTicketSequencesTable;
  desk_tickets: DeskTicketsTable;
  desk_ticket_events: DeskTicketEventsTable;
  desk_ratings: DeskRatingsTable;
  desk_devices: DeskDevicesTable;
  desk_contacts: DeskContactsTable;
}
