import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { TargetArea } from '../../../contracts/social.ts';
import type { DB } from '../../db/schema.ts';

/**
 * The district's figures: counts over first contacts, cases and interventions, grouped in the database (GROUPING
 * SETS, count(DISTINCT), percentile_cont: PostgreSQL and PGlite alike). No person's data leaves here: only counts,
 * sums and days. The caller opens the district's scope (row-level security applies underneath) and decides the
 * viewer's reach: `reach(alias)` narrows the rows to a social worker's grants (social-scope.ts), null = all.
 */
export interface FiguresSelection {
  tenantId: string;
  from: string;
  to: string;
  comuneId?: string;
  targetArea?: TargetArea;
  reach: ((alias: string) => (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) | null;
}

/** One group of a breakdown: `value` what the cell shows, `people` the distinct people behind it. */
export interface GroupRow {
  dim: 'comune' | 'need' | 'area' | 'age' | 'month' | 'total';
  key: string | null;
  value: number;
  people: number;
}

export interface InterventionRow { code: string; interventions: number; people: number; spending_cents: number }
export interface WaitingRow { cases: number; people: number; mean_days: number | null; median_days: number | null; p90_days: number | null }

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The age band on a day (the contact's, the case's opening), from the person's birth date; null when unknown. */
const ageBand = (on: string, birth: string): RawBuilder<string | null> => {
  const years = sql`date_part('year', age(${sql.ref(on)}, ${sql.ref(birth)}))`;
  return sql<string | null>`CASE WHEN ${sql.ref(birth)} IS NULL THEN NULL WHEN ${years} < 18 THEN '0-17' WHEN ${years} < 35 THEN '18-34'
    WHEN ${years} < 65 THEN '35-64' WHEN ${years} < 80 THEN '65-79' ELSE '80+' END`;
};

/** GROUPING(comune, need, area, age, month): the bits of the columns a row does NOT group by (SQL standard) */
const DIMS: Record<number, GroupRow['dim']> = { 15: 'comune', 23: 'need', 27: 'area', 29: 'age', 30: 'month', 31: 'total' };

export class SocialFiguresRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The district's member comuni (tenants whose parent is the district), by name. */
  comuni(districtId: string) {
    return this.db.selectFrom('tenants').select(['id', 'name']).where('parent_id', '=', districtId).orderBy('name').execute();
  }

  tenantName(tenantId: string) {
    return this.db.selectFrom('tenants').select(['name', 'type']).where('id', '=', tenantId).executeTakeFirst();
  }

  namesOf(ids: string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('tenants').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** First contacts of the period, in its rows' scope. */
  private contacts(s: FiguresSelection) {
    return this.db.selectFrom('social_contacts as k')
      .leftJoin('social_persons as p', 'p.id', 'k.person_id')
      .where('k.tenant_id', '=', s.tenantId)
      .where('k.contact_on', '>=', s.from)
      .where('k.contact_on', '<=', s.to)
      .$if(!!s.comuneId, (q) => q.where('k.comune_id', '=', s.comuneId!))
      .$if(!!s.targetArea, (q) => q.where('k.target_area', '=', s.targetArea!))
      .$if(!!s.reach, (q) => q.where(s.reach!('k')));
  }

  /** Cases matching the filters (any dates): the caller narrows them by the date that matters. */
  private cases(s: FiguresSelection) {
    return this.db.selectFrom('social_cases as c')
      .where('c.tenant_id', '=', s.tenantId)
      .$if(!!s.comuneId, (q) => q.where('c.comune_id', '=', s.comuneId!))
      .$if(!!s.targetArea, (q) => q.where('c.target_area', '=', s.targetArea!))
      .$if(!!s.reach, (q) => q.where(s.reach!('c')));
  }

  /**
   * First contacts by comune, need, target area, age band (on the contact's day) and month, and the total: the
   * contacts, and the distinct people behind them (a contact with no person recorded counts as one person).
   */
  async contactGroups(s: FiguresSelection): Promise<GroupRow[]> {
    const base = this.contacts(s).select([
      sql<string>`k.comune_id::text`.as('comune'),
      sql<string>`k.need`.as('need'),
      sql<string>`k.target_area`.as('area'),
      ageBand('k.contact_on', 'p.birth_date').as('age'),
      sql<string>`to_char(k.contact_on, 'YYYY-MM')`.as('month'),
      sql<string>`coalesce(k.person_id::text, 'contatto:' || k.id::text)`.as('who'),
    ]);
    return this.grouped(base, sql`count(*)`);
  }

  /**
   * Cases opened in the period by comune, need (of the first contact that opened the case), target area, age band
   * (on the opening day) and month: distinct people, which is what the cell shows too.
   */
  async caseGroups(s: FiguresSelection): Promise<GroupRow[]> {
    const need = sql<string | null>`(SELECT k.need FROM social_contacts k WHERE k.case_id = c.id ORDER BY k.contact_on, k.created_at LIMIT 1)`;
    const base = this.cases(s)
      .innerJoin('social_persons as p', 'p.id', 'c.person_id')
      .where('c.opened_on', '>=', s.from)
      .where('c.opened_on', '<=', s.to)
      .select([
        sql<string>`c.comune_id::text`.as('comune'),
        need.as('need'),
        sql<string>`c.target_area`.as('area'),
        ageBand('c.opened_on', 'p.birth_date').as('age'),
        sql<string>`to_char(c.opened_on, 'YYYY-MM')`.as('month'),
        sql<string>`c.person_id::text`.as('who'),
      ]);
    return this.grouped(base, sql`count(DISTINCT x.who)`);
  }

  private async grouped(base: SelectQueryBuilder<any, any, any>, value: RawBuilder<unknown>): Promise<GroupRow[]> {
    const rows = await this.db.selectFrom(base.as('x'))
      .select([
        sql<number>`GROUPING(x.comune, x.need, x.area, x.age, x.month)`.as('g'),
        sql<string | null>`coalesce(x.comune, x.need, x.area, x.age, x.month)`.as('key'),
        value.as('value'),
        sql<number>`count(DISTINCT x.who)`.as('people'),
      ])
      .groupBy(sql`GROUPING SETS ((x.comune), (x.need), (x.area), (x.age), (x.month), ())`)
      .execute() as { g: number | string; key: string | null; value: number | string; people: number | string }[];
    return rows.map((r) => ({ dim: DIMS[Number(r.g)]!, key: r.key, value: Number(r.value), people: Number(r.people) }));
  }

  /** Distinct people in care at the end of the period: taken in charge by then and not closed by then. */
  async inChargeAtEnd(s: FiguresSelection): Promise<number> {
    const row = await this.cases(s)
      .where('c.in_charge_on', 'is not', null)
      .where('c.in_charge_on', '<=', s.to)
      .where((eb) => eb.or([eb('c.closed_on', 'is', null), eb('c.closed_on', '>', s.to)]))
      .select(sql<number>`count(DISTINCT c.person_id)`.as('people'))
      .executeTakeFirst();
    return Number(row?.people ?? 0);
  }

  /** Distinct people with a first contact or a new case in the period (a contact with no person: one person). */
  async people(s: FiguresSelection): Promise<number> {
    const contacts = this.contacts(s).select(sql<string>`coalesce(k.person_id::text, 'contatto:' || k.id::text)`.as('who'));
    const cases = this.cases(s).where('c.opened_on', '>=', s.from).where('c.opened_on', '<=', s.to).select(sql<string>`c.person_id::text`.as('who'));
    const row = await this.db.selectFrom(contacts.union(cases).as('x')).select(sql<number>`count(DISTINCT x.who)`.as('people')).executeTakeFirst();
    return Number(row?.people ?? 0);
  }

  /**
   * Interventions active in the period (authorised, being given or ended; started by its end and not ended before
   * its start) by type: how many, the distinct people, and the body's share in cents.
   */
  async interventions(s: FiguresSelection): Promise<InterventionRow[]> {
    const rows = await this.cases(s)
      .innerJoin('social_interventions as i', 'i.case_id', 'c.id')
      .where('i.status', 'in', ['authorised', 'delivered', 'ended'])
      .where(sql<SqlBool>`coalesce(i.start_on, i.authorised_on, i.requested_on) <= ${s.to}::date`)
      .where((eb) => eb.or([eb('i.end_on', 'is', null), eb('i.end_on', '>=', s.from)]))
      .select([
        'i.code',
        sql<number>`count(*)`.as('interventions'),
        sql<number>`count(DISTINCT c.person_id)`.as('people'),
        sql<number>`coalesce(sum(i.share_body_cents), 0)`.as('spending_cents'),
      ])
      .groupBy('i.code')
      .orderBy('i.code')
      .execute();
    return rows.map((r) => ({ code: r.code, interventions: Number(r.interventions), people: Number(r.people), spending_cents: Number(r.spending_cents) }));
  }

  /** Cases taken in charge in the period: days from the first contact, mean, median and 90th percentile (percentile_cont). */
  async waiting(s: FiguresSelection): Promise<WaitingRow> {
    const days = sql<number>`(c.in_charge_on - c.first_contact_on)`;
    const row = await this.cases(s)
      .where('c.in_charge_on', '>=', s.from)
      .where('c.in_charge_on', '<=', s.to)
      .select([
        sql<number>`count(*)`.as('cases'),
        sql<number>`count(DISTINCT c.person_id)`.as('people'),
        sql<number | null>`avg(${days})`.as('mean_days'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days})`.as('median_days'),
        sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days})`.as('p90_days'),
      ])
      .executeTakeFirst();
    return {
      cases: Number(row?.cases ?? 0), people: Number(row?.people ?? 0),
      mean_days: num(row?.mean_days), median_days: num(row?.median_days), p90_days: num(row?.p90_days),
    };
  }
}
