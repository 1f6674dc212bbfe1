import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { RecommendationKind } from '../../../contracts/recommendations.ts';
import type { DB, RecommendationsTable } from '../../db/schema.ts';

export type RuleRow = {
  id: string; tenant_id: string | null; key: string; kind: RecommendationKind; condition: Record<string, unknown>;
  title: string; message: string; reason: string; link: string; active: boolean; updated_at: Date;
};

export type RecommendationRow = {
  id: string; kind: RecommendationKind; title: string; message: string; reason: string; link: string;
  subject_fiscal_code: string; subject_name: string; tenant_id: string | null; tenant_name: string | null;
  relevant_from: string; expires_at: Date | null; created_at: Date;
};

export interface StoredRecommendation {
  id: string;
  dedupe_key: string;
  rule_id: string;
  kind: RecommendationKind;
  title: string;
  message: string;
  reason: string;
  link: string;
  relevant_from: string;
  expires_at: Date | null;
  dismissed_at: Date | null;
}

/** A recommendation as the evaluation makes it: the table's own columns, without those the database fills in. */
export type NewRecommendation = Pick<Selectable<RecommendationsTable>, 'citizen_id' | 'rule_id' | 'kind' | 'dedupe_key' | 'tenant_id' | 'title' | 'message'
  | 'reason' | 'link' | 'subject_fiscal_code' | 'subject_name' | 'relevant_from' | 'expires_at'>;

const RULE_COLUMNS = ['id', 'tenant_id', 'key', 'kind', 'condition', 'title', 'message', 'reason', 'link', 'active', 'updated_at'] as const;

/**
 * Queries of "Per te". The profile reads (registry record, favourites, the services the rules name) read other
 * capabilities' tables in the caller's transaction, as the favourites list does; the minors in care come from
 * RegistryService, outside it.
 */
export class RecommendationsRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  // ---- rules -----------------------------------------------------------------------------------------------

  /** The platform's rules and, with a tenant, that body's own; all bodies' with `everyBody` (the evaluation). */
  rules(opts: { tenantId?: string; everyBody?: boolean } = {}): Promise<RuleRow[]> {
    let q = this.db.selectFrom('recommendation_rules').select(RULE_COLUMNS);
    if (!opts.everyBody) {
      q = q.where((eb) => (opts.tenantId ? eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', opts.tenantId)]) : eb('tenant_id', 'is', null)));
    }
    return q.orderBy(sql`tenant_id IS NOT NULL`).orderBy('key').execute() as Promise<RuleRow[]>;
  }

  /** Adds the rules that are missing (by body and key); an existing rule, however changed, is left alone. */
  async insertMissingRules(rows: { key: string; kind: RecommendationKind; condition: object; title: string; message: string; reason: string; link: string }[]) {
    if (!rows.length) return;
    await this.db.insertInto('recommendation_rules')
      .values(rows.map((r) => ({ ...r, tenant_id: null, condition: JSON.stringify(r.condition), updated_by: 'system', updated_at: new Date() })))
      .onConflict((oc) => oc.constraint('recommendation_rules_key').doNothing())
      .execute();
  }

  saveRule(tenantId: string | null, key: string, values: { kind: RecommendationKind; condition: object; title: string; message: string; reason: string; link: string; active: boolean },
    by: string, at: Date): Promise<RuleRow> {
    const row = { ...values, condition: JSON.stringify(values.condition), updated_by: by, updated_at: at };
    return this.db.insertInto('recommendation_rules')
      .values({ tenant_id: tenantId, key, ...row })
      .onConflict((oc) => oc.constraint('recommendation_rules_key').doUpdateSet(row))
      .returning(RULE_COLUMNS)
      .executeTakeFirstOrThrow() as Promise<RuleRow>;
  }

  // ---- the profile -----------------------------------------------------------------------------------------

  citizen(citizenId: string) {
    return this.db.selectFrom('citizens').select(['id', 'fiscal_code', 'given_name', 'family_name', 'recommendation_kinds_off'])
      .where('id', '=', citizenId).executeTakeFirst();
  }

  /** Citizens after `after` (by id), a batch at a time: the daily evaluation walks them all. */
  citizenIds(after: string | null, limit: number): Promise<string[]> {
    let q = this.db.selectFrom('citizens').select('id').orderBy('id').limit(limit);
    if (after) q = q.where('id', '>', after);
    return q.execute().then((rows) => rows.map((r) => r.id));
  }

  /** The citizen's records in the bodies' registries, with the identity card each recorded. */
  registryRecords(fiscalCode: string) {
    return this.db.selectFrom('registry_people as p').innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .select(['p.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name', 'p.id_card_expires_on'])
      .where('p.fiscal_code', '=', fiscalCode).orderBy('t.slug').execute();
  }

  /** Favourite services with their current version and when it was published. */
  favourites(citizenId: string) {
    return this.db.selectFrom('favourite_services as f')
      .innerJoin('services as s', 's.id', 'f.service_id')
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(['s.id', 's.slug', 's.title', 's.current_version', 's.published_at', 's.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name',
        'f.created_at as starred_at'])
      .where('f.citizen_id', '=', citizenId)
      .execute();
  }

  /** The services of some bodies with these slugs, with the application window of their current form. */
  async namedServices(tenantIds: string[], slugs: string[]) {
    if (!tenantIds.length || !slugs.length) return [];
    return this.db.selectFrom('services as s')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(['s.id', 's.slug', 's.title', 's.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name',
        sql<{ opensAt?: unknown; closesAt?: unknown } | null>`v.card->'form'->'window'`.as('window')])
      .where('s.tenant_id', 'in', tenantIds).where('s.slug', 'in', slugs)
      .execute();
  }

  // ---- recommendations -------------------------------------------------------------------------------------

  stored(citizenId: string): Promise<StoredRecommendation[]> {
    return this.db.selectFrom('recommendations')
      .select(['id', 'dedupe_key', 'rule_id', 'kind', 'title', 'message', 'reason', 'link', sql<string>`relevant_from::text`.as('relevant_from'), 'expires_at', 'dismissed_at'])
      .where('citizen_id', '=', citizenId).execute();
  }

  /** New ones; one made meanwhile by another worker (same key) is left as it is and not returned. */
  insert(rows: NewRecommendation[]) {
    if (!rows.length) return Promise.resolve([]);
    return this.db.insertInto('recommendations').values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['id', 'dedupe_key']).execute();
  }

  update(id: string, values: Partial<Pick<NewRecommendation, 'rule_id' | 'title' | 'message' | 'reason' | 'link' | 'relevant_from' | 'expires_at'>>, at: Date) {
    return this.db.updateTable('recommendations').set({ ...values, updated_at: at }).where('id', '=', id).execute();
  }

  /** Those whose condition no longer holds stop being shown now. */
  expire(ids: string[], at: Date) {
    if (!ids.length) return Promise.resolve();
    return this.db.updateTable('recommendations').set({ expires_at: at, updated_at: at }).where('id', 'in', ids).execute().then(() => undefined);
  }

  /** What the citizen sees: not dismissed, already relevant, not over, of the kinds they want. */
  active(citizenId: string, today: string, now: Date, kindsOff: string[], limit: number): Promise<RecommendationRow[]> {
    let q = this.db.selectFrom('recommendations as r').leftJoin('tenants as t', 't.id', 'r.tenant_id')
      .select(['r.id', 'r.kind', 'r.title', 'r.message', 'r.reason', 'r.link', 'r.subject_fiscal_code', 'r.subject_name', 'r.tenant_id', 't.name as tenant_name',
        sql<string>`r.relevant_from::text`.as('relevant_from'), 'r.expires_at', 'r.created_at'])
      .where('r.citizen_id', '=', citizenId)
      .where('r.dismissed_at', 'is', null)
      .where('r.relevant_from', '<=', today)
      .where((eb) => eb.or([eb('r.expires_at', 'is', null), eb('r.expires_at', '>', now)]));
    if (kindsOff.length) q = q.where('r.kind', 'not in', kindsOff as RecommendationKind[]);
    // deadlines and payments first, then life events, then favourites; the newest occasion first
    return q.orderBy(sql`CASE r.kind WHEN 'deadline' THEN 0 WHEN 'payment' THEN 1 WHEN 'life_event' THEN 2 ELSE 3 END`)
      .orderBy('r.relevant_from', 'desc').orderBy('r.created_at', 'desc').limit(limit).execute() as Promise<RecommendationRow[]>;
  }

  /** Returns false when the citizen has no such recommendation. */
  async dismiss(citizenId: string, id: string, at: Date): Promise<boolean> {
    const row = await this.db.selectFrom('recommendations').select(['id', 'dismissed_at']).where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst();
    if (!row) return false;
    if (!row.dismissed_at) await this.db.updateTable('recommendations').set({ dismissed_at: at, updated_at: at }).where('id', '=', id).execute();
    return true;
  }

  async kindsOff(citizenId: string): Promise<string[] | null> {
    const row = await this.db.selectFrom('citizens').select('recommendation_kinds_off').where('id', '=', citizenId).executeTakeFirst();
    return row ? row.recommendation_kinds_off : null;
  }

  setKindsOff(citizenId: string, kinds: string[]) {
    return this.db.updateTable('citizens').set({ recommendation_kinds_off: kinds }).where('id', '=', citizenId).execute();
  }

  // ---- the daily run ---------------------------------------------------------------------------------------

  /** Today's run, made if missing. */
  async run(day: string) {
    await this.db.insertInto('recommendation_runs').values({ day }).onConflict((oc) => oc.column('day').doNothing()).execute();
    return this.db.selectFrom('recommendation_runs').select(['last_citizen', 'evaluated', 'finished_at']).where('day', '=', day).executeTakeFirstOrThrow();
  }

  /**
   * Records a batch done, only if the run is still where the batch started: a batch another worker already
   * recorded, or one overtaken by a rule change (restartRun), records nothing and the run goes on from there.
   */
  advanceRun(day: string, startedFrom: string | null, lastCitizen: string | null, evaluated: number, finished: boolean, at: Date) {
    return this.db.updateTable('recommendation_runs')
      .set((eb) => ({ last_citizen: lastCitizen, evaluated: eb('evaluated', '+', evaluated), finished_at: finished ? at : null }))
      .where('day', '=', day).where('last_citizen', 'is not distinct from', startedFrom).where('finished_at', 'is', null).execute();
  }

  /** After a rule changed: today's run starts again from the first citizen. */
  restartRun(day: string) {
    return this.db.updateTable('recommendation_runs').set({ last_citizen: null, evaluated: 0, finished_at: null }).where('day', '=', day).execute();
  }
}
