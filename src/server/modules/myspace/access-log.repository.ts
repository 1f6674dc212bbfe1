/**
 * Queries of the citizen's access log. They run in the citizen's scope: row-level security already narrows
 * access_log to their rows and those of the people they act for; the conditions here say the same again and
 * leave out what the citizen may not learn of yet.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AccessLogSelection {
  /** whose data: the citizen's own fiscal code and those of the minors and companies they act for */
  subjectCodes: readonly string[];
  /** entries hidden until after this instant are left out (and not counted) */
  now: Date;
  /** Italian calendar days, both included */
  from?: string;
  to?: string;
  tenantId?: string;
}

export interface AccessLogCursor {
  /** the entry's instant to the microsecond, as the database holds it */
  at: string;
  id: string;
}

export class AccessLogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private visible(s: Pick<AccessLogSelection, 'subjectCodes' | 'now'>) {
    const now = s.now.toISOString();
    return this.db.selectFrom('access_log as l')
      .where('l.subject_fiscal_code', 'in', [...s.subjectCodes])
      .where((eb) => eb.or([eb('l.hidden_until', 'is', null), eb('l.hidden_until', '<=', sql<Date>`${now}::timestamptz`)]));
  }

  private selected(s: AccessLogSelection) {
    let q = this.visible(s);
    // a day is a day in Italy: its bounds are midnights in Europe/Rome
    if (s.from) q = q.where(sql<SqlBool>`l.at >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/Rome')`);
    if (s.to) q = q.where(sql<SqlBool>`l.at < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`);
    if (s.tenantId) q = q.where('l.tenant_id', '=', s.tenantId);
    return q;
  }

  /** Newest first; `after` continues from the last entry of the previous page. */
  entries(s: AccessLogSelection, page: { after?: AccessLogCursor; limit?: number } = {}) {
    let q = this.selected(s)
      .innerJoin('tenants as t', 't.id', 'l.tenant_id')
      .leftJoin('applications as a', (j) => j.onRef('a.id', '=', 'l.object_id').on('l.object_type', '=', 'application'))
      .select([
        'l.id', 'l.at', 'l.tenant_id', 't.name as tenant_name', 't.access_log_names_operators', 'l.office_name', 'l.actor_kind', 'l.actor_label', 'l.object_type', 'l.object_id',
        'l.object_label', 'l.operation', 'l.purpose', 'l.legal_basis', 'l.subject_fiscal_code', 'a.subject_name', 'l.hidden_until', 'l.hidden_reason',
        // JavaScript dates stop at the millisecond: the cursor keeps the database's microseconds
        sql<string>`to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_key'),
      ]);
    if (page.after) q = q.where(sql<SqlBool>`(l.at, l.id) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`);
    q = q.orderBy('l.at', 'desc').orderBy('l.id', 'desc');
    if (page.limit) q = q.limit(page.limit);
    return q.execute();
  }

  async count(s: AccessLogSelection): Promise<number> {
    const row = await this.selected(s).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The bodies that appear in the citizen's log (whatever the filters), by name. */
  bodies(s: Pick<AccessLogSelection, 'subjectCodes' | 'now'>) {
    return this.visible(s)
      .innerJoin('tenants as t', 't.id', 'l.tenant_id')
      .select(['t.id', 't.name']).distinct()
      .orderBy('t.name').orderBy('t.id')
      .execute();
  }
}
