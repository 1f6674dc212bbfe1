/**
 * Queries of the district's social services: persons, first contacts, cases with their workers, events, diary and
 * interventions. Only queries: who may run them (the worker's grant, social-scope.ts) and in which scope (row-level
 * security) is the service's business. Every method filters by the district (tenant_id) as well.
 * Sealed columns are read and written as they are: sealing and opening is the service's (FieldCipher).
 */
import { sql, type AliasableExpression, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { CaseStatus, Sector, TargetArea } from '../../../contracts/social.ts';
import type { DB } from '../../db/schema.ts';

export type ScopeFilter = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

export interface CaseListFilter {
  tenantId: string;
  scope: ScopeFilter;
  q?: string;
  status?: CaseStatus;
  comuneId?: string;
  targetArea?: TargetArea;
  alert?: 'review_due' | 'intervention_expiring';
  today: string;
  reviewBy: string;
  expiringBy: string;
  offset: number;
  limit: number;
}

export interface ContactListFilter {
  tenantId: string;
  scope: ScopeFilter;
  from?: string;
  to?: string;
  comuneId?: string;
  targetArea?: TargetArea;
  caseId?: string;
  personId?: string;
  offset: number;
  limit: number;
}

const likeText = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class SocialRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ---- the district ------------------------------------------------------------------------------------------

  /**
   * The comuni of the district: the comuni below it and the members it serves under associated management, and the
   * body itself when it is a comune running its own social services.
   */
  districtComuni(tenantId: string) {
    return this.db.selectFrom('tenants').select(['id', 'name', 'istat_code'])
      .where((eb) => eb.or([
        eb.and([eb('id', '=', tenantId), eb('type', '=', 'comune')]),
        eb.and([eb('parent_id', '=', tenantId), eb('type', '=', 'comune')]),
        eb('id', 'in', eb.selectFrom('tenant_associations').select('member_tenant_id').where('lead_tenant_id', '=', tenantId)),
      ]))
      .orderBy('name').execute();
  }

  tenantNames(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('tenants').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  }

  /** The district's social workers (active accounts with a social_worker role). */
  socialWorkers(tenantId: string) {
    return this.db.selectFrom('operators as o').select(['o.id', 'o.name'])
      .where('o.tenant_id', '=', tenantId).where('o.disabled_at', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('operator_roles as r').select('r.id').whereRef('r.operator_id', '=', 'o.id')
        .where('r.role', '=', 'social_worker').where('r.tenant_id', '=', tenantId)))
      .orderBy('o.name').execute();
  }

  operatorNames(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('operators').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  }

  /** A resident in a comune's registry (registry_people is the comuni's register, read for the district that serves them). */
  resident(comuneId: string, fiscalCode: string) {
    return this.db.selectFrom('registry_people').selectAll().where('tenant_id', '=', comuneId).where('fiscal_code', '=', fiscalCode).executeTakeFirst();
  }

  // ---- persons -----------------------------------------------------------------------------------------------

  person(tenantId: string, id: string) {
    return this.db.selectFrom('social_persons').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  personByFiscalCode(tenantId: string, fiscalCode: string) {
    return this.db.selectFrom('social_persons').selectAll().where('tenant_id', '=', tenantId).where('fiscal_code', '=', fiscalCode).executeTakeFirst();
  }

  /**
   * People by fiscal code or name: those within the worker's reach (resident in a comune of their grant, or with a
   * case or contact within their scope) by any match; anyone else only by the exact fiscal code (`in_reach` false).
   */
  searchPersons(tenantId: string, q: string, limit: number, reach: { comuni: string[] | null; caseScope: ScopeFilter; contactScope: ScopeFilter; exactCode: string | null }) {
    const code = q.toUpperCase().replace(/\s+/g, '');
    return this.db.selectFrom('social_persons as p').selectAll('p')
      .select((eb) => this.inReach(eb, tenantId, reach).as('in_reach'))
      .where('p.tenant_id', '=', tenantId)
      .where((eb) => eb.or([
        eb.and([
          eb.or([
            eb('p.fiscal_code', 'like', `${code.replace(/[\\%_]/g, '')}%`),
            eb(sql`lower(p.family_name || ' ' || p.given_name)`, 'like', likeText(q)),
            eb(sql`lower(p.given_name || ' ' || p.family_name)`, 'like', likeText(q)),
          ]),
          this.inReach(eb, tenantId, reach),
        ]),
        ...(reach.exactCode ? [eb('p.fiscal_code', '=', reach.exactCode)] : []),
      ]))
      .orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').limit(limit).execute();
  }

  private inReach(eb: ExpressionBuilder<any, any>, tenantId: string, reach: { comuni: string[] | null; caseScope: ScopeFilter; contactScope: ScopeFilter }): AliasableExpression<SqlBool> {
    if (!reach.comuni) return sql<SqlBool>`true`;
    return eb.or([
      ...(reach.comuni.length ? [eb('p.comune_id', 'in', reach.comuni)] : []),
      eb.exists(eb.selectFrom('social_cases as c').select('c.id').where('c.tenant_id', '=', tenantId).whereRef('c.person_id', '=', 'p.id').where(reach.caseScope)),
      eb.exists(eb.selectFrom('social_contacts as k').select('k.id').where('k.tenant_id', '=', tenantId).whereRef('k.person_id', '=', 'p.id').where(reach.contactScope)),
    ]);
  }

  insertPerson(row: Record<string, unknown>) {
    return this.db.insertInto('social_persons').values(row as never).returningAll().executeTakeFirstOrThrow();
  }

  /** Inserts a person unless one with the same fiscal code exists in the district (a concurrent first contact): then undefined. */
  insertPersonOnce(row: Record<string, unknown>) {
    return this.db.insertInto('social_persons').values(row as never)
      .onConflict((oc) => oc.columns(['tenant_id', 'fiscal_code']).where('fiscal_code', 'is not', null).doNothing())
      .returningAll().executeTakeFirst();
  }

  /**
   * Hides from the person their earlier access-log rows about a case and its contacts (the case is now withheld).
   * The application role may change only these two columns of the log (0020_personal_data.sql).
   */
  async hideCaseReads(tenantId: string, fiscalCode: string, caseId: string, until: Date, reason: string) {
    const contacts = await this.db.selectFrom('social_contacts').select('id').where('tenant_id', '=', tenantId).where('case_id', '=', caseId).execute();
    await this.db.updateTable('access_log').set({ hidden_until: until, hidden_reason: reason })
      .where('tenant_id', '=', tenantId).where('subject_fiscal_code', '=', fiscalCode)
      .where('object_id', 'in', [caseId, ...contacts.map((k) => k.id)]).execute();
  }

  /** The cases of persons, within the worker's scope (for SocialPerson.cases). */
  casesOfPersons(tenantId: string, personIds: readonly string[], scope: ScopeFilter) {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.selectFrom('social_cases as c').select(['c.id', 'c.person_id', 'c.reference', 'c.status', 'c.target_area', 'c.withheld_from_subject'])
      .where('c.tenant_id', '=', tenantId).where('c.person_id', 'in', [...personIds]).where(scope).orderBy('c.opened_on', 'desc').execute();
  }

  /** True when one of the person's cases is withheld from them (their log entries about the person stay hidden). */
  async personWithheld(personIds: readonly string[]) {
    if (!personIds.length) return new Set<string>();
    const rows = await this.db.selectFrom('social_cases').select('person_id').where('person_id', 'in', [...personIds])
      .where('withheld_from_subject', '=', true).execute();
    return new Set(rows.map((r) => r.person_id));
  }

  // ---- cases -------------------------------------------------------------------------------------------------

  /** The next reference number of the district's year: the row lock makes it gapless under concurrency. */
  async nextCaseNumber(tenantId: string, year: number): Promise<number> {
    const row = await this.db.insertInto('social_case_sequences').values({ tenant_id: tenantId, year, last_n: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet({ last_n: sql`social_case_sequences.last_n + 1` }))
      .returning('last_n').executeTakeFirstOrThrow();
    return row.last_n;
  }

  insertCase(row: Record<string, unknown>) {
    return this.db.insertInto('social_cases').values(row as never).returningAll().executeTakeFirstOrThrow();
  }

  caseTenant(id: string) {
    return this.db.selectFrom('social_cases').select('tenant_id').where('id', '=', id).executeTakeFirst();
  }

  caseRow(tenantId: string, id: string) {
    return this.db.selectFrom('social_cases').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /** Locks the case for a change (two workers changing it at once are applied one after the other). */
  caseForUpdate(tenantId: string, id: string) {
    return this.db.selectFrom('social_cases').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  }

  updateCase(id: string, values: Record<string, unknown>) {
    return this.db.updateTable('social_cases').set(values as never).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  listCases(f: CaseListFilter) {
    let q = this.db.selectFrom('social_cases as c').innerJoin('social_persons as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select(['p.given_name', 'p.family_name', 'p.fiscal_code', 'p.birth_date'])
      .where('c.tenant_id', '=', f.tenantId).where(f.scope);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.comuneId) q = q.where('c.comune_id', '=', f.comuneId);
    if (f.targetArea) q = q.where('c.target_area', '=', f.targetArea);
    if (f.q) {
      const text = f.q.trim();
      const code = text.toUpperCase().replace(/[\\%_\s]/g, '');
      q = q.where((eb) => eb.or([
        eb('p.fiscal_code', 'like', `${code}%`),
        eb('c.reference', '=', text),
        eb(sql`lower(p.family_name || ' ' || p.given_name)`, 'like', likeText(text)),
        eb(sql`lower(p.given_name || ' ' || p.family_name)`, 'like', likeText(text)),
      ]));
    }
    if (f.alert === 'review_due') q = q.where('c.status', '<>', 'closed').where('c.next_review_on', 'is not', null).where('c.next_review_on', '<=', f.reviewBy);
    if (f.alert === 'intervention_expiring') {
      q = q.where('c.status', '<>', 'closed').where((eb) => eb.exists(eb.selectFrom('social_interventions as i').select('i.id').whereRef('i.case_id', '=', 'c.id')
        .where('i.status', 'in', ['authorised', 'delivered']).where('i.end_on', '>=', f.today).where('i.end_on', '<=', f.expiringBy)));
    }
    return q.orderBy('c.opened_on', 'desc').orderBy('c.reference', 'desc').orderBy('c.id').offset(f.offset).limit(f.limit).execute();
  }

  /** The interventions ending in the window, per case (the "expiring" alert). */
  expiringInterventions(caseIds: readonly string[], today: string, by: string) {
    if (!caseIds.length) return Promise.resolve([]);
    return this.db.selectFrom('social_interventions').select(['case_id', 'code', 'end_on']).where('case_id', 'in', [...caseIds])
      .where('status', 'in', ['authorised', 'delivered']).where('end_on', '>=', today).where('end_on', '<=', by).orderBy('end_on').execute();
  }

  caseManagers(caseIds: readonly string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return this.db.selectFrom('social_case_workers as w').innerJoin('operators as o', 'o.id', 'w.operator_id')
      .select(['w.case_id', 'o.name']).where('w.case_id', 'in', [...caseIds]).where('w.role', '=', 'case_manager').orderBy('w.since').execute();
  }

  // ---- workers, events ---------------------------------------------------------------------------------------

  caseWorkers(caseId: string) {
    return this.db.selectFrom('social_case_workers as w').leftJoin('operators as o', 'o.id', 'w.operator_id')
      .select(['w.operator_id', 'w.role', 'w.since', 'o.name']).where('w.case_id', '=', caseId).orderBy('w.since').orderBy('o.name').execute();
  }

  async replaceWorkers(tenantId: string, caseId: string, workers: { operatorId: string; role: string; since: string }[]) {
    await this.db.deleteFrom('social_case_workers').where('case_id', '=', caseId).execute();
    if (workers.length) {
      await this.db.insertInto('social_case_workers').values(workers.map((w) => ({
        case_id: caseId, tenant_id: tenantId, operator_id: w.operatorId, role: w.role as never, since: w.since,
      }))).execute();
    }
  }

  addEvent(e: { tenantId: string; caseId: string; at: Date; actorId: string | null; actorLabel: string; kind: string;
    fromStatus?: CaseStatus | null; toStatus?: CaseStatus | null; note?: string | null }) {
    return this.db.insertInto('social_case_events').values({
      tenant_id: e.tenantId, case_id: e.caseId, at: e.at, actor_id: e.actorId, actor_label: e.actorLabel, kind: e.kind,
      from_status: e.fromStatus ?? null, to_status: e.toStatus ?? null, note: e.note ?? null,
    }).execute();
  }

  events(caseId: string) {
    return this.db.selectFrom('social_case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  }

  lastEventAt(caseId: string, kind: string) {
    return this.db.selectFrom('social_case_events').select('at').where('case_id', '=', caseId).where('kind', '=', kind)
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  }

  // ---- contacts ----------------------------------------------------------------------------------------------

  insertContact(row: Record<string, unknown>) {
    return this.db.insertInto('social_contacts').values(row as never).returningAll().executeTakeFirstOrThrow();
  }

  listContacts(f: ContactListFilter) {
    let q = this.db.selectFrom('social_contacts as k').leftJoin('social_persons as p', 'p.id', 'k.person_id')
      .selectAll('k').select(['p.given_name', 'p.family_name', 'p.fiscal_code'])
      .where('k.tenant_id', '=', f.tenantId).where(f.scope);
    if (f.from) q = q.where('k.contact_on', '>=', f.from);
    if (f.to) q = q.where('k.contact_on', '<=', f.to);
    if (f.comuneId) q = q.where('k.comune_id', '=', f.comuneId);
    if (f.targetArea) q = q.where('k.target_area', '=', f.targetArea);
    if (f.personId) q = q.where('k.person_id', '=', f.personId);
    return q.orderBy('k.contact_on', 'desc').orderBy('k.created_at', 'desc').orderBy('k.id').offset(f.offset).limit(f.limit).execute();
  }

  // ---- diary, interventions ----------------------------------------------------------------------------------

  insertDiary(row: Record<string, unknown>) {
    return this.db.insertInto('social_diary_entries').values(row as never).returningAll().executeTakeFirstOrThrow();
  }

  diary(caseId: string, withReserved: boolean) {
    let q = this.db.selectFrom('social_diary_entries').selectAll().where('case_id', '=', caseId);
    if (!withReserved) q = q.where('reserved', '=', false);
    return q.orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').execute();
  }

  interventions(caseId: string) {
    return this.db.selectFrom('social_interventions').selectAll().where('case_id', '=', caseId).orderBy('requested_on').orderBy('created_at').execute();
  }

  intervention(caseId: string, id: string) {
    return this.db.selectFrom('social_interventions').selectAll().where('case_id', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
  }

  insertIntervention(row: Record<string, unknown>) {
    return this.db.insertInto('social_interventions').values(row as never).returningAll().executeTakeFirstOrThrow();
  }

  updateIntervention(id: string, values: Record<string, unknown>) {
    return this.db.updateTable('social_interventions').set(values as never).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }
}

export type { Sector, TargetArea };
