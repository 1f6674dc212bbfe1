import type { Selectable } from 'kysely';
import type { SocialInterventionsTable } from '../../db/schema-social.ts';

/**
 * The fields of an intervention that the PSA flow to the Casellario carries: what `exported_snapshot` keeps when an
 * intervention is sent, and what a later change is compared against (a difference → the next export sends it as a
 * correction). Shared by the case file (changedSinceExport) and the export. The intervention's status is not in
 * the record (a delivered benefit becoming ended changes nothing there); what the record takes from the case (taken
 * in charge, target area, the ISEE's DSU, the SINA assessment) is kept beside, as `PsaCaseContext`, by the export.
 */
export const PSA_SNAPSHOT_FIELDS = [
  'code', 'requested_on', 'authorised_on', 'start_on', 'end_on', 'request_protocol', 'means_test', 'periodicity',
  'amount_cents', 'monthly_amount_cents', 'period_months', 'share_body_cents', 'share_user_cents', 'share_health_cents', 'hours_monthly',
] as const;
export type PsaSnapshotField = (typeof PSA_SNAPSHOT_FIELDS)[number];
export type PsaSnapshot = Record<PsaSnapshotField, string | number | null>;

type InterventionRow = Pick<Selectable<SocialInterventionsTable>, PsaSnapshotField>;

/** Normalised so that a value read back from either driver (bigint as string, date as text) compares equal. */
function norm(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v) && v.length < 16) return v; // codes like '1' stay strings
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v as string | number;
}

/** The snapshot of an intervention row as the PSA flow would carry it. */
export function psaSnapshot(row: InterventionRow): PsaSnapshot {
  const out = {} as PsaSnapshot;
  for (const f of PSA_SNAPSHOT_FIELDS) {
    const v = norm(row[f]);
    // amounts: always numbers (bigint columns come back as strings)
    out[f] = f.endsWith('_cents') && v !== null ? Number(v) : v;
  }
  return out;
}

/** True when the intervention was exported and a field the flow carries has changed since. */
export function changedSinceExport(row: InterventionRow & { exported_at: Date | string | null; exported_snapshot: Record<string, unknown> | null }): boolean {
  if (!row.exported_at) return false;
  if (!row.exported_snapshot) return true;
  const now = psaSnapshot(row);
  const then = row.exported_snapshot;
  return PSA_SNAPSHOT_FIELDS.some((f) => {
    const a = now[f];
    const b = then[f] === undefined ? null : (f.endsWith('_cents') && then[f] !== null ? Number(then[f]) : then[f]);
    return String(a) !== String(b);
  });
}

/** What a PSA record takes from its case, kept in the snapshot under `case` (SINA as a keyed hash, never in clear). */
export interface PsaCaseContext {
  inCharge: boolean;
  targetArea: string;
  dsu: string | null;
  sinaMac: string | null;
}

/** True when what the record takes from the case has changed since it was sent (an old snapshot without it: no). */
export function caseContextChanged(snapshot: Record<string, unknown> | null, now: PsaCaseContext): boolean {
  const then = snapshot?.case as PsaCaseContext | undefined;
  if (!then) return false;
  return then.inCharge !== now.inCharge || then.targetArea !== now.targetArea || then.dsu !== now.dsu || then.sinaMac !== now.sinaMac;
}
