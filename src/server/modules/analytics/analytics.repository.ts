import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What narrows the figures: one body, a period of Italian calendar days, optionally one office or service. */
export interface AnalyticsSelection {
  tenantId: string;
  /** YYYY-MM-DD, first day included */
  from: string;
  /** YYYY-MM-DD, last day included */
  to: string;
  officeId?: string;
  serviceId?: string;
  /** YYYY-MM-DD, today in Italy (the clock's): what "overdue" is measured against */
  today: string;
}

/** A group's key: office × service, or the totals line (GROUPING SETS' empty set) when `total`. */
interface GroupKey {
  office_id: string | null;
  service_id: string | null;
  total: boolean;
}

export interface ReceivedGroup extends GroupKey {
  received: number;
  integrated: number;
  rating_average: number | null;
  rating_count: number;
}

export interface SnapshotGroup extends GroupKey {
  in_progress: number;
  waiting: number;
  overdue: number;
}

export interface ClosedGroup extends GroupKey {
  closed: number;
  approved: number;
  rejected: number;
  on_time: number;
  avg_days: number | null;
  p90_days: number | null;
}

const OPEN = sql`('submitted', 'registered', 'in_progress')`;

/**
 * The dashboard's queries. Each figure group is one grouped query over the body's applications, with the totals
 * line computed by the same query (GROUPING SETS), so that the percentile and the averages of the totals are over
 * the applications, not over the rows. The caller opens the tenant scope (row-level security applies underneath).
 *
 * Days are Italian calendar days: a period's bounds become instants at midnight in Europe/Rome, which keeps
 * the comparisons on the indexed timestamp columns.
 */
export class AnalyticsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private narrow(s: AnalyticsSelection): RawBuilder<unknown> {
    return sql`a.tenant_id = ${s.tenantId}
      ${s.officeId ? sql`AND a.office_id = ${s.officeId}` : sql``}
      ${s.serviceId ? sql`AND a.service_id = ${s.serviceId}` : sql``}`;
  }

  /** [start, end) of the period as instants: midnight in Rome of `from`, and of the day after `to` */
  private within(column: RawBuilder<unknown>, s: AnalyticsSelection): RawBuilder<unknown> {
    return sql`${column} >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/Rome')
      AND ${column} < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`;
  }

  /** Submitted in the period: how many, how many had an integration request, and their ratings. */
  async received(s: AnalyticsSelection): Promise<ReceivedGroup[]> {
    const r = await sql<ReceivedGroup>`
      SELECT a.office_id, a.service_id, GROUPING(a.office_id, a.service_id) = 3 AS total,
        count(*)::int AS received,
        count(i.requested)::int AS integrated,
        avg(r.score)::float8 AS rating_average,
        count(r.score)::int AS rating_count
      FROM applications a
      LEFT JOIN LATERAL (
        SELECT true AS requested FROM application_events e
        WHERE e.application_id = a.id AND e.type = 'integration_requested' LIMIT 1
      ) i ON true
      LEFT JOIN service_ratings r ON r.application_id = a.id
      WHERE ${this.narrow(s)} AND ${this.within(sql`a.submitted_at`, s)}
      GROUP BY GROUPING SETS ((a.office_id, a.service_id), ())`.execute(this.db);
    return r.rows;
  }

  /** What is on the desks now, whatever the period: open, waiting for the citizen, open past the due date. */
  async snapshot(s: AnalyticsSelection): Promise<SnapshotGroup[]> {
    const r = await sql<SnapshotGroup>`
      SELECT a.office_id, a.service_id, GROUPING(a.office_id, a.service_id) = 3 AS total,
        count(*) FILTER (WHERE a.status IN ${OPEN})::int AS in_progress,
        count(*) FILTER (WHERE a.status IN ('awaiting_citizen', 'payment_pending'))::int AS waiting,
        count(*) FILTER (WHERE a.status IN ${OPEN} AND a.due_date < ${s.today}::date)::int AS overdue
      FROM applications a
      -- waiting for the citizen: an answer to an integration request, or a payment the office asked for (a payment
      -- before submission is not the office's: that application has not been sent)
      WHERE ${this.narrow(s)} AND (a.status IN ('submitted', 'registered', 'in_progress', 'awaiting_citizen')
        OR (a.status = 'payment_pending' AND a.submitted_at IS NOT NULL))
      GROUP BY GROUPING SETS ((a.office_id, a.service_id), ())`.execute(this.db);
    return r.rows;
  }

  /**
   * Approved or rejected in the period: how many, processing days (calendar days from submission to outcome less
   * the days suspended, never below 0) as average and 90th percentile, and how many by their due date.
   */
  async closed(s: AnalyticsSelection): Promise<ClosedGroup[]> {
    const r = await sql<ClosedGroup>`
      WITH c AS (
        SELECT a.office_id, a.service_id, a.status, a.due_date,
          (a.closed_at AT TIME ZONE 'Europe/Rome')::date AS closed_on,
          greatest((a.closed_at AT TIME ZONE 'Europe/Rome')::date - (a.submitted_at AT TIME ZONE 'Europe/Rome')::date
            - a.suspended_days, 0) AS days
        FROM applications a
        WHERE ${this.narrow(s)} AND a.status IN ('approved', 'rejected') AND a.submitted_at IS NOT NULL
          AND ${this.within(sql`a.closed_at`, s)}
      )
      SELECT office_id, service_id, GROUPING(office_id, service_id) = 3 AS total,
        count(*)::int AS closed,
        count(*) FILTER (WHERE status = 'approved')::int AS approved,
        count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
        count(*) FILTER (WHERE due_date IS NULL OR closed_on <= due_date)::int AS on_time,
        avg(days)::float8 AS avg_days,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::float8 AS p90_days
      FROM c
      GROUP BY GROUPING SETS ((office_id, service_id), ())`.execute(this.db);
    return r.rows;
  }

  tenant(tenantId: string) {
    return this.db.selectFrom('tenants').select(['id', 'slug', 'name']).where('id', '=', tenantId).executeTakeFirst();
  }

  tenants(ids: string[] | 'all') {
    let q = this.db.selectFrom('tenants').select(['id', 'name']).orderBy('name');
    if (ids !== 'all') {
      if (!ids.length) return Promise.resolve([]);
      q = q.where('id', 'in', ids);
    }
    return q.execute();
  }

  services(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('services').select(['id', 'title', 'max_days']).where('id', 'in', ids).execute();
  }

  offices(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('offices').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** The body's offices and any other office holding its applications (reassigned under associated management). */
  async officesOf(tenantId: string) {
    const r = await sql<{ id: string; name: string }>`
      SELECT o.id, o.name FROM offices o
      WHERE o.tenant_id = ${tenantId}
         OR o.id IN (SELECT DISTINCT a.office_id FROM applications a WHERE a.tenant_id = ${tenantId} AND a.office_id IS NOT NULL)
      ORDER BY o.name, o.id`.execute(this.db);
    return r.rows;
  }

  /** The body's services that have received applications (drafts do not count). */
  async servicesWithApplications(tenantId: string) {
    const r = await sql<{ id: string; title: string }>`
      SELECT s.id, s.title FROM services s
      WHERE s.tenant_id = ${tenantId}
        AND s.id IN (SELECT DISTINCT a.service_id FROM applications a WHERE a.tenant_id = ${tenantId} AND a.submitted_at IS NOT NULL)
      ORDER BY s.title, s.id
      LIMIT 2000`.execute(this.db);
    return r.rows;
  }
}
