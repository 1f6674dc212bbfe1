import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { inScope } from './tenancy.ts';

/** Security-relevant actions written to the hash-chained audit log. */
export type AuditAction =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'logout'
  | 'totp.enrolled'
  | 'totp.reset'
  | 'password.changed'
  | 'session.step_up'
  | 'operator.created'
  | 'operator.disabled'
  | 'operator.enabled'
  | 'role.granted'
  | 'role.revoked'
  | 'token.created'
  | 'token.revoked'
  | 'tenant.created'
  | 'tenant.privacy_updated'
  | 'office.created'
  | 'office.updated'
  | 'association.created'
  | 'delegation.created'
  | 'delegation.revoked'
  | 'subject.chosen'
  | 'protocol.annulled'
  | 'registry.imported'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.secret_rotated'
  | 'certificate.revoked'
  /** a citizen downloaded everything held about them ("Scarica tutti i miei dati") */
  | 'personal_data.exported'
  | 'upload.infected';

export interface AuditEntry {
  /** the tenant the action belongs to; null for platform-wide and citizen actions */
  tenantId: string | null;
  /** `operator:<id>`, `token:<id>`, `citizen:<id>`, `cli`, `system`, or `anonymous` */
  actor: string;
  action: AuditAction;
  /** what was acted on, as `<kind>:<id>`; never a name or a fiscal code */
  target?: string | null;
  /** ids, reasons and levels only: the log outlives the personal data it would otherwise copy */
  details?: Record<string, unknown>;
}

export const auditActor = (actor: Actor | null): string => (actor ? `${actor.kind}:${actor.id}` : 'anonymous');

/**
 * Appends an entry inside the caller's transaction, so it commits or rolls back with the change it records.
 * The caller's scope must allow it (the entry's tenant, or the platform). A trigger numbers and chains it.
 */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: entry.tenantId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Appends an entry in a transaction of its own: for what must be recorded even when the request fails. */
export function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  return inScope(db, { platform: true }, (trx) => appendAudit(trx, entry));
}

export interface AuditRow {
  seq: string;
  at: Date;
  tenantId: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** One tenant's entries, newest first, in pages of `limit` before the sequence number `before`. */
export async function listAudit(db: Kysely<DB>, tenantId: string, opts: { before?: string; limit: number; action?: string }) {
  return inScope(db, { tenantId }, async (trx) => {
    let q = trx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
    if (opts.before) q = q.where('seq', '<', opts.before as never);
    if (opts.action) q = q.where('action', '=', opts.action);
    const rows = await q.orderBy('seq', 'desc').limit(opts.limit + 1).execute();
    const page: AuditRow[] = rows.slice(0, opts.limit).map((r) => ({
      seq: String(r.seq), at: r.at, tenantId: r.tenant_id, actor: r.actor, action: r.action, target: r.target, details: r.details, hash: r.hash,
    }));
    return { items: page, next: rows.length > opts.limit ? page[page.length - 1]!.seq : null };
  });
}

export interface AuditVerification {
  entries: number;
  /** the last entry's hash: publish or print it to anchor the chain outside the database */
  head: string | null;
  problems: { seq: string; reason: 'content_changed' | 'chain_broken' | 'entry_missing' }[];
}

/**
 * Recomputes every entry's hash and checks each links to the one before. An edited entry shows as
 * content_changed; a deleted one as entry_missing and chain_broken on the entry after it.
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
  return inScope(db, { platform: true }, async (trx) => {
    const problems = await sql<{ seq: string; bad_hash: boolean; bad_link: boolean; gap: boolean }>`
      SELECT seq::text, bad_hash, bad_link, gap FROM (
        SELECT seq,
          hash <> sportello_audit_hash(prev_hash, seq, at, tenant_id, actor, action, target, details) AS bad_hash,
          prev_hash <> coalesce(lag(hash) OVER w, repeat('0', 64)) AS bad_link,
          seq <> coalesce(lag(seq) OVER w, 0) + 1 AS gap
        FROM audit_log WINDOW w AS (ORDER BY seq)
      ) checked
      WHERE bad_hash OR bad_link OR gap ORDER BY seq LIMIT 1000`.execute(trx);
    const summary = await sql<{ entries: string; head: string | null }>`
      SELECT count(*)::text AS entries, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS head FROM audit_log`.execute(trx);
    const found: AuditVerification['problems'] = [];
    for (const p of problems.rows) {
      if (p.gap) found.push({ seq: p.seq, reason: 'entry_missing' });
      if (p.bad_hash) found.push({ seq: p.seq, reason: 'content_changed' });
      if (p.bad_link) found.push({ seq: p.seq, reason: 'chain_broken' });
    }
    return { entries: Number(summary.rows[0]!.entries), head: summary.rows[0]!.head, problems: found };
  });
}
