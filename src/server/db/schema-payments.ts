import type { ColumnType, Generated } from 'kysely';
import type { PaymentItem, PaymentPurpose, PaymentStatus } from '../../contracts/payments.ts';

/**
 * Kysely types of the payments' tables (migration 0017); kept by hand next to the SQL. The simulator's own table
 * (pagopa_simulator_sessions) is typed in pagopa-simulator.ts: it stands for another system and nothing else reads it.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint columns come back from both drivers as strings (they may pass 2^53) */
type BigInt = ColumnType<string, string | number | bigint, string | number | bigint>;

/** The provider's receipt of a payment, as stored with the position. */
export interface StoredReceipt {
  receiptId: string;
  psp: string;
  channel: string;
  paidAt: string;
  /** the refund the provider gave, once refunded */
  refundId?: string;
}

export interface PaymentIuvSequencesTable {
  tenant_id: string;
  last_base: BigInt;
}

export interface PaymentPositionsTable {
  id: Generated<string>;
  tenant_id: string;
  purpose: PaymentPurpose;
  application_id: string | null;
  service_id: string | null;
  debtor_fiscal_code: string;
  debtor_name: string;
  citizen_id: string | null;
  description: string;
  items: Json<PaymentItem[]>;
  amount_cents: number;
  iuv: string;
  notice_number: string;
  due_date: ColumnType<string, string, string>;
  status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
  open_attempt_id: string | null;
  paid_at: Timestamp | null;
  paid_amount_cents: number | null;
  receipt: ColumnType<StoredReceipt | null, string | null | undefined, string | null>;
  reconciled_at: Timestamp | null;
  reconciliation_flow: string | null;
  status_reason: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AttemptStatus = 'open' | 'succeeded' | 'failed' | 'cancelled';

export interface PaymentAttemptsTable {
  id: Generated<string>;
  tenant_id: string;
  payment_id: string;
  provider: string;
  provider_session_id: string;
  status: ColumnType<AttemptStatus, AttemptStatus | undefined, AttemptStatus>;
  return_path: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  last_polled_at: Timestamp | null;
}

export type PaymentActorKind = 'citizen' | 'operator' | 'token' | 'system' | 'provider';

export interface PaymentEventsTable {
  seq: ColumnType<string, never, never>;
  tenant_id: string;
  payment_id: string;
  type: string;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus | null;
  actor_kind: PaymentActorKind;
  actor_id: string | null;
  actor_label: string | null;
  note: string | null;
  provider_event_id: string | null;
  details: Json<Record<string, unknown>>;
  at: Timestamp;
}

export interface PaymentTables {
  payment_iuv_sequences: PaymentIuvSequencesTable;
  payment_positions: PaymentPositionsTable;
  payment_attempts: PaymentAttemptsTable;
  payment_events: PaymentEventsTable;
}
