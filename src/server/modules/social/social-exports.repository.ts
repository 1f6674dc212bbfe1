/**
 * Queries of the flows to the Casellario (Kysely only): the district as the sending body, the interventions and the
 * cases a period's PSA and SINBA files take, the files made and what each record was, and the marks that say what
 * was sent. Every method runs on the caller's transaction, inside the district's scope (platform/tenancy.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ExportFlow } from '../../../contracts/social.ts';

export type PsaCandidate = Awaited<ReturnType<SocialExportsRepository['psaCandidates']>>[number];
export type SinbaCandidate = Awaited<ReturnType<SocialExportsRepository['sinbaCandidates']>>[number];
export type ExportRow = Awaited<ReturnType<SocialExportsRepository['list']>>[number];

const EXPORT_COLUMNS = ['e.id', 'e.flow', 'e.period_from', 'e.period_to', 'e.file_name', 'e.records', 'e.corrections', 'e.sha256', 'e.created_by_label', 'e.created_at'] as const;

export class SocialExportsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** One export of the district at a time: what was sent is read and marked without another export in between. */
  async lockDistrict(tenantId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`social-export:${tenantId}`}))`.execute(this.db);
  }

  district(tenantId: string) {
    return this.db.selectFrom('tenants').select(['id', 'name', 'fiscal_code', 'cadastral_code']).where('id', '=', tenantId).executeTakeFirst();
  }

  /**
   * The interventions of the district that the PSA flow of [from, to] takes: authorised, being delivered or ended,
   * whose dates fall in or overlap the period — a periodic benefit from start_on to end_on (open-ended when no end),
   * a one-off benefit (or one not started yet) on its delivery, authorisation or request date. With the case and
   * the person (and their comune's codes) in the same row.
   */
  psaCandidates(tenantId: string, from: string, to: string) {
    return this.db.selectFrom('social_interventions as i')
      .innerJoin('social_cases as c', 'c.id', 'i.case_id')
      .innerJoin('social_persons as p', 'p.id', 'c.person_id')
      .innerJoin('tenants as t', 't.id', 'p.comune_id')
      .select([
        'i.id', 'i.case_id', 'i.code', 'i.status', 'i.requested_on', 'i.authorised_on', 'i.start_on', 'i.end_on', 'i.request_protocol', 'i.means_test',
        'i.periodicity', 'i.amount_cents', 'i.monthly_amount_cents', 'i.period_months', 'i.share_body_cents', 'i.share_user_cents', 'i.share_health_cents',
        'i.hours_monthly', 'i.exported_at', 'i.exported_snapshot',
        'c.reference', 'c.status as case_status', 'c.target_area', 'c.in_charge_on', 'c.closed_on', 'c.isee', 'c.sina_sealed',
        'c.withheld_from_subject', 'c.withheld_reason',
        'p.id as person_id', 'p.fiscal_code', 'p.given_name', 'p.family_name', 'p.birth_date', 'p.sex', 'p.birth_place_code', 'p.citizenship_code',
        't.istat_code as comune_istat_code', 't.region_code as comune_region_code',
      ])
      .where('i.tenant_id', '=', tenantId)
      // benefits given; and ones sent before and since refused or back to requested: the Casellario must cancel them
      .where((eb) => eb.or([eb('i.status', 'in', ['authorised', 'delivered', 'ended']), eb('i.exported_at', 'is not', null)]))
      .where(sql<boolean>`CASE WHEN i.periodicity = '2' OR i.start_on IS NULL
        THEN coalesce(i.start_on, i.authorised_on, i.requested_on) BETWEEN ${from}::date AND ${to}::date
        ELSE i.start_on <= ${to}::date AND (i.end_on IS NULL OR i.end_on >= ${from}::date) END`)
      .orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').orderBy('i.requested_on').orderBy('i.id')
      .execute();
  }

  /**
   * The minors' cases of the district that the SINBA flow of [from, to] takes: target area families and minors, a
   * SINBA record filled in, the case open or in charge at some time in the period (not merely reported).
   */
  sinbaCandidates(tenantId: string, from: string, to: string) {
    return this.db.selectFrom('social_cases as c')
      .innerJoin('social_persons as p', 'p.id', 'c.person_id')
      .innerJoin('tenants as t', 't.id', 'p.comune_id')
      .select([
        'c.id', 'c.reference', 'c.status', 'c.opened_on', 'c.closed_on', 'c.close_reason', 'c.isee', 'c.household', 'c.sinba_sealed',
        'c.sinba_exported_at', 'c.sinba_exported_hash', 'c.withheld_from_subject', 'c.withheld_reason',
        'p.id as person_id', 'p.fiscal_code', 'p.given_name', 'p.family_name', 'p.birth_date', 't.region_code as comune_region_code',
      ])
      .where('c.tenant_id', '=', tenantId)
      .where('c.target_area', '=', 'famiglie_minori')
      .where('c.sinba_sealed', 'is not', null)
      .where('c.status', '<>', 'reported')
      .where('c.opened_on', '<=', to)
      .where((eb) => eb.or([eb('c.closed_on', 'is', null), eb('c.closed_on', '>=', from)]))
      .orderBy('c.reference')
      .execute();
  }

  /** How many files of the flow the district made since `since` (the day's progressive number of the file name). */
  async countSince(tenantId: string, flow: ExportFlow, since: Date): Promise<number> {
    const row = await this.db.selectFrom('social_exports').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId).where('flow', '=', flow).where('created_at', '>=', since).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertExport(row: { id: string; tenantId: string; flow: ExportFlow; from: string; to: string; fileName: string; xmlSealed: string; sha256: string;
    records: number; corrections: number; createdBy: string; createdByLabel: string }) {
    return this.db.insertInto('social_exports').values({
      id: row.id, tenant_id: row.tenantId, flow: row.flow, period_from: row.from, period_to: row.to, file_name: row.fileName, xml_sealed: row.xmlSealed,
      sha256: row.sha256, records: row.records, corrections: row.corrections, created_by: row.createdBy, created_by_label: row.createdByLabel,
    }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  }

  async insertItems(items: { exportId: string; tenantId: string; interventionId: string | null; caseId: string; operation: 'insert' | 'correction' }[]) {
    if (!items.length) return;
    await this.db.insertInto('social_export_items').values(items.map((i) => ({
      export_id: i.exportId, tenant_id: i.tenantId, intervention_id: i.interventionId, case_id: i.caseId, operation: i.operation,
    }))).execute();
  }

  /** The interventions sent: when, and the values sent (the next export compares against them). */
  async markInterventions(tenantId: string, at: Date, sent: { id: string; snapshot: Record<string, unknown> }[]) {
    for (const s of sent) {
      await this.db.updateTable('social_interventions').set({ exported_at: at, exported_snapshot: JSON.stringify(s.snapshot) })
        .where('tenant_id', '=', tenantId).where('id', '=', s.id).execute();
    }
  }

  /** The cases whose SINBA record was sent: when, and the fingerprint of the record sent. */
  async markSinba(tenantId: string, at: Date, sent: { caseId: string; hash: string }[]) {
    for (const s of sent) {
      await this.db.updateTable('social_cases').set({ sinba_exported_at: at, sinba_exported_hash: s.hash })
        .where('tenant_id', '=', tenantId).where('id', '=', s.caseId).execute();
    }
  }

  list(tenantId: string, limit = 100) {
    return this.db.selectFrom('social_exports as e').select(EXPORT_COLUMNS).where('e.tenant_id', '=', tenantId)
      .orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
  }

  /** A file made by the body (`tenantId`), or by any body (null: the platform's scope). */
  file(tenantId: string | null, id: string) {
    let q = this.db.selectFrom('social_exports as e').select([...EXPORT_COLUMNS, 'e.tenant_id', 'e.xml_sealed']).where('e.id', '=', id);
    if (tenantId !== null) q = q.where('e.tenant_id', '=', tenantId);
    return q.executeTakeFirst();
  }
}
