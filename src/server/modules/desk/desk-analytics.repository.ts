import { sql, type Kysely } from 'kysely';
import type { Rating } from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { officeOf } from './desk.repository.ts';

/** An office's queue over a period of Italian days (both included); `today` decides what a never-called ticket means. */
export interface FiguresSelection {
  officeId: string;
  from: string;
  to: string;
  today: string;
}

export interface DayHourRow { day: string; hour: number; arrivals: number; served: number; service_minutes_sum: number }
export interface CategoryRow {
  category_id: string | null;
  total: boolean;
  tickets: number;
  served: number;
  abandoned: number;
  wait_mean: number | null;
  wait_p90: number | null;
  service_mean: number | null;
}

const minutes = (to: string, from: string) => sql<number>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 60.0`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** the period's first instant and the instant after its last day, in Italy */
const periodStart = (s: FiguresSelection) => sql<Date>`(${s.from}::date::timestamp AT TIME ZONE 'Europe/Rome')`;
const periodEnd = (s: FiguresSelection) => sql<Date>`((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`;

/**
 * The figures' queries over one office's queue. The caller opens the body's scope (row-level security applies
 * underneath) and has checked that the office is the body's. Tickets are selected by their Italian day (the
 * indexed office + day); sessions, appointments and ratings by their instants within the period's Italian days.
 */
export class DeskAnalyticsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  office(officeId: string) {
    return officeOf(this.db, officeId);
  }

  /** The body's offices that have a queue (at least one category). */
  officesWithQueue(tenantId: string) {
    return this.db.selectFrom('offices as o').select(['o.id', 'o.name']).where('o.tenant_id', '=', tenantId)
      .where((eb) => eb.exists(eb.selectFrom('desk_categories as c').select('c.id').whereRef('c.office_id', '=', 'o.id')))
      .orderBy('o.name').execute();
  }

  categories(officeId: string) {
    return this.db.selectFrom('desk_categories').select(['id', 'prefix', 'name', 'active', 'sort']).where('office_id', '=', officeId)
      .orderBy('sort').orderBy('prefix').execute();
  }

  /** Per Italian day and hour of issue: arrivals, and the served ones with their summed service minutes. */
  async byDayHour(s: FiguresSelection): Promise<DayHourRow[]> {
    const hour = sql<number>`extract(hour from (t.issued_at AT TIME ZONE 'Europe/Rome'))::int`;
    const rows = await this.db.selectFrom('desk_tickets as t')
      .select(['t.day', hour.as('hour')])
      .select([
        sql<number>`count(*)::int`.as('arrivals'),
        sql<number>`count(*) FILTER (WHERE t.status = 'served' AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL)::int`.as('served'),
        sql<number>`coalesce(sum(${minutes('t.finished_at', 't.called_at')}) FILTER (WHERE t.status = 'served' AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL), 0)`.as('service_minutes_sum'),
      ])
      .where('t.office_id', '=', s.officeId).where('t.day', '>=', s.from).where('t.day', '<=', s.to)
      .groupBy(['t.day', hour]).orderBy('t.day').orderBy(hour).execute();
    return rows.map((r) => ({ day: String(r.day).slice(0, 10), hour: Number(r.hour), arrivals: Number(r.arrivals), served: Number(r.served), service_minutes_sum: Number(r.service_minutes_sum) }));
  }

  /**
   * Per category and for all (GROUPING SETS: the totals' mean and percentile are over the tickets, not the
   * categories). Waiting: issue to first call. Service: last call to the end, of served tickets. Abandoned: no-show,
   * cancelled, or still waiting / called on a day already over.
   */
  async byCategory(s: FiguresSelection): Promise<CategoryRow[]> {
    const wait = minutes('t.first_called_at', 't.issued_at');
    const rows = await this.db.selectFrom('desk_tickets as t')
      .select([
        't.category_id',
        sql<boolean>`grouping(t.category_id) = 1`.as('total'),
        sql<number>`count(*)::int`.as('tickets'),
        sql<number>`count(*) FILTER (WHERE t.status = 'served')::int`.as('served'),
        sql<number>`count(*) FILTER (WHERE t.status IN ('no_show', 'cancelled') OR (t.status IN ('waiting', 'called') AND t.day < ${s.today}::date))::int`.as('abandoned'),
        sql<number | null>`avg(${wait}) FILTER (WHERE t.first_called_at IS NOT NULL)`.as('wait_mean'),
        sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${wait}) FILTER (WHERE t.first_called_at IS NOT NULL)`.as('wait_p90'),
        sql<number | null>`avg(${minutes('t.finished_at', 't.called_at')}) FILTER (WHERE t.status = 'served' AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL)`.as('service_mean'),
      ])
      .where('t.office_id', '=', s.officeId).where('t.day', '>=', s.from).where('t.day', '<=', s.to)
      .groupBy(sql`GROUPING SETS ((t.category_id), ())`)
      .execute();
    return rows.map((r) => ({
      category_id: r.category_id, total: Boolean(r.total), tickets: Number(r.tickets), served: Number(r.served), abandoned: Number(r.abandoned),
      wait_mean: num(r.wait_mean), wait_p90: num(r.wait_p90), service_mean: num(r.service_mean),
    }));
  }

  /** Counters' sessions that overlap the period (an open one runs until `now`). */
  sessions(s: FiguresSelection) {
    return this.db.selectFrom('desk_counter_sessions').select(['counter_id', 'opened_at', 'closed_at'])
      .where('office_id', '=', s.officeId)
      .where('opened_at', '<', periodEnd(s))
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', periodStart(s))]))
      .orderBy('opened_at').execute();
  }

  /** Appointments at the office in the period, not cancelled; and those of days already over never checked in. */
  async appointments(s: FiguresSelection): Promise<{ appointments: number; no_shows: number }> {
    const r = await this.db.selectFrom('appointments')
      .select([
        sql<number>`count(*)::int`.as('appointments'),
        sql<number>`count(*) FILTER (WHERE checked_in_at IS NULL AND starts_at < (${s.today}::date::timestamp AT TIME ZONE 'Europe/Rome'))::int`.as('no_shows'),
      ])
      .where('office_id', '=', s.officeId).where('status', '<>', 'cancelled')
      .where('starts_at', '>=', periodStart(s)).where('starts_at', '<', periodEnd(s))
      .executeTakeFirstOrThrow();
    return { appointments: Number(r.appointments), no_shows: Number(r.no_shows) };
  }

  async ratings(s: FiguresSelection): Promise<Record<Rating, number>> {
    const rows = await this.db.selectFrom('desk_ratings').select(['rating', sql<number>`count(*)::int`.as('n')])
      .where('office_id', '=', s.officeId).where('created_at', '>=', periodStart(s)).where('created_at', '<', periodEnd(s))
      .groupBy('rating').execute();
    const out: Record<Rating, number> = { satisfied: 0, neutral: 0, unsatisfied: 0 };
    for (const r of rows) out[r.rating] = Number(r.n);
    return out;
  }
}
