import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, OfficesTable, TenantsTable } from '../../db/schema.ts';

export type TenantRow = Selectable<TenantsTable>;
export type OfficeRow = Selectable<OfficesTable>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface OperatorListRow {
  id: string;
  email: string;
  name: string;
  has_fiscal_code: boolean;
  disabled_at: Date | null;
  totp_enabled_at: Date | null;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

export interface RoleListRow {
  id: string;
  operator_id: string;
  role: string;
  office_id: string | null;
  office_code: string | null;
  office_name: string | null;
  comuni: string[];
  sectors: string[];
  target_areas: string[];
  social_reserved: boolean;
  created_at: Date;
}

/** An office's own columns: what an administrator sets (the row less its id and tenant). */
export type OfficeValues = Omit<OfficeRow, 'id' | 'tenant_id'>;

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Queries of the administration module. Every method on tenant-owned rows filters by tenant; the caller opens
 * the scope (tenancy.ts) so that row-level security applies the same rule underneath.
 */
export class OrganisationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ----- bodies --------------------------------------------------------------------------------------------------

  tenantByIdOrSlug(idOrSlug: string): Promise<TenantRow | undefined> {
    const q = this.db.selectFrom('tenants').selectAll();
    return (UUID_RE.test(idOrSlug) ? q.where('id', '=', idOrSlug) : q.where('slug', '=', idOrSlug)).executeTakeFirst();
  }

  tenantsByIds(ids: string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; slug: string; name: string; type: string }[]);
    return this.db.selectFrom('tenants').select(['id', 'slug', 'name', 'type']).where('id', 'in', ids).execute();
  }

  /** Which of a new body's unique values (slug, IPA code) are taken already. */
  async tenantClashes(slug: string, ipaCode: string) {
    const rows = await this.db
      .selectFrom('tenants')
      .select(['slug', 'ipa_code'])
      .where((eb) => eb.or([eb('slug', '=', slug), eb(sql`lower(ipa_code)`, '=', ipaCode.toLowerCase())]))
      .execute();
    return { slug: rows.some((r) => r.slug === slug), ipaCode: rows.some((r) => r.ipa_code.toLowerCase() === ipaCode.toLowerCase()) };
  }

  insertTenant(values: { slug: string; name: string; type: string; fiscal_code: string; ipa_code: string; aoo_code: string;
    parent_id: string | null; website: string | null; email: string | null; pec: string | null; phone: string | null }) {
    return this.db.insertInto('tenants').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** A body's privacy choices; `forUpdate` holds the row until the change that reads it commits. */
  privacy(tenantId: string, opts: { forUpdate?: boolean } = {}) {
    const q = this.db.selectFrom('tenants').select(['access_log_names_operators']).where('id', '=', tenantId);
    return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  setPrivacy(tenantId: string, values: { access_log_names_operators: boolean }) {
    return this.db.updateTable('tenants').set(values).where('id', '=', tenantId).returning(['access_log_names_operators']).executeTakeFirstOrThrow();
  }

  /**
   * The comuni a social worker of this body may be scoped to: the body itself, the bodies below it, and the
   * members it serves under associated management.
   */
  async scopeTenants(tenantId: string) {
    const rows = await this.db
      .selectFrom('tenants')
      .select(['id', 'name'])
      .where((eb) => eb.or([
        eb('id', '=', tenantId),
        eb('parent_id', '=', tenantId),
        eb('id', 'in', eb.selectFrom('tenant_associations').select('member_tenant_id').where('lead_tenant_id', '=', tenantId)),
      ]))
      .execute();
    return rows;
  }

  // ----- offices -------------------------------------------------------------------------------------------------

  office(tenantId: string, officeId: string): Promise<OfficeRow | undefined> {
    return this.db.selectFrom('offices').selectAll().where('tenant_id', '=', tenantId).where('id', '=', officeId).executeTakeFirst();
  }

  officeIdByCode(tenantId: string, code: string) {
    return this.db.selectFrom('offices').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  }

  officesIn(tenantId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('offices').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }

  insertOffice(tenantId: string, v: OfficeValues) {
    return this.db
      .insertInto('offices')
      .values({ tenant_id: tenantId, ...v, opening_hours: JSON.stringify(v.opening_hours) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateOffice(tenantId: string, officeId: string, v: Partial<OfficeValues>) {
    const { opening_hours, ...rest } = v;
    return this.db
      .updateTable('offices')
      .set({ ...rest, ...(opening_hours ? { opening_hours: JSON.stringify(opening_hours) } : {}) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', officeId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  // ----- operators -----------------------------------------------------------------------------------------------

  private operatorColumns() {
    return this.db
      .selectFrom('operators')
      .select(['id', 'email', 'name', sql<boolean>`fiscal_code IS NOT NULL`.as('has_fiscal_code'), 'disabled_at', 'totp_enabled_at',
        'locked_until', 'last_login_at', 'created_at']);
  }

  /** A page of a body's operators by name, after the (name, id) of the previous page's last one. */
  listOperators(tenantId: string, opts: { q?: string; after?: [string, string]; limit: number }): Promise<OperatorListRow[]> {
    let q = this.operatorColumns().where('tenant_id', '=', tenantId);
    if (opts.q) {
      const pattern = likePattern(opts.q);
      q = q.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
    }
    if (opts.after) {
      const [name, id] = opts.after;
      q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
    }
    return q.orderBy('name').orderBy('id').limit(opts.limit).execute();
  }

  operator(tenantId: string, operatorId: string): Promise<OperatorListRow | undefined> {
    return this.operatorColumns().where('tenant_id', '=', tenantId).where('id', '=', operatorId).executeTakeFirst();
  }

  /** The roles of several operators in one query, with their office. */
  rolesOf(tenantId: string, operatorIds: string[]): Promise<RoleListRow[]> {
    if (!operatorIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('operator_roles as r')
      .leftJoin('offices as o', (j) => j.onRef('o.id', '=', 'r.office_id').onRef('o.tenant_id', '=', 'r.tenant_id'))
      .select(['r.id', 'r.operator_id', 'r.role', 'r.office_id', 'o.code as office_code', 'o.name as office_name', 'r.comuni', 'r.sectors',
        'r.target_areas', 'r.social_reserved', 'r.created_at'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.operator_id', 'in', operatorIds)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
  }

  setDisabled(tenantId: string, operatorId: string, disabled: boolean) {
    return this.db
      .updateTable('operators')
      .set({ disabled_at: disabled ? new Date() : null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', operatorId)
      .where('disabled_at', disabled ? 'is' : 'is not', null)
      .executeTakeFirst();
  }

  insertRole(row: { tenantId: string; operatorId: string; role: string; officeId: string | null; comuni: string[]; sectors: string[];
    targetAreas: string[]; reserved?: boolean; createdBy: string }) {
    return this.db
      .insertInto('operator_roles')
      .values({
        tenant_id: row.tenantId, operator_id: row.operatorId, role: row.role, office_id: row.officeId, comuni: row.comuni,
        sectors: row.sectors, target_areas: row.targetAreas, created_by: row.createdBy,
        social_reserved: row.reserved ?? false,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  // the reserved permission of a new account's social worker grant (identity.createOperator does not know it)
  setSocialReserved(tenantId: string, operatorId: string) {
    return this.db.updateTable('operator_roles').set({ social_reserved: true }).where('tenant_id', '=', tenantId).where('operator_id', '=', operatorId)
      .where('role', '=', 'social_worker').execute();
  }

  role(tenantId: string, operatorId: string, roleId: string) {
    return this.db
      .selectFrom('operator_roles')
      .select(['id', 'role', 'office_id'])
      .where('tenant_id', '=', tenantId)
      .where('operator_id', '=', operatorId)
      .where('id', '=', roleId)
      .executeTakeFirst();
  }

  /** Locks the operator's role rows, so two removals at once cannot both see "another one is left". */
  rolesForUpdate(tenantId: string, operatorId: string) {
    return this.db
      .selectFrom('operator_roles')
      .select(['id', 'role'])
      .where('tenant_id', '=', tenantId)
      .where('operator_id', '=', operatorId)
      .forUpdate()
      .execute();
  }

  deleteRole(tenantId: string, roleId: string) {
    return this.db.deleteFrom('operator_roles').where('tenant_id', '=', tenantId).where('id', '=', roleId).executeTakeFirst();
  }

  // ----- names for the audit log and token lists -----------------------------------------------------------------

  operatorNames(tenantId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('operators').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }

  tokenNames(tenantId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
    return this.db.selectFrom('api_tokens').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }

  // ----- associated management -----------------------------------------------------------------------------------

  associationsOf(tenantId: string, limit: number) {
    return this.db
      .selectFrom('tenant_associations as a')
      .innerJoin('tenants as l', 'l.id', 'a.lead_tenant_id')
      .innerJoin('tenants as m', 'm.id', 'a.member_tenant_id')
      .select(['l.id as lead_id', 'l.slug as lead_slug', 'l.name as lead_name', 'm.id as member_id', 'm.slug as member_slug',
        'm.name as member_name', 'a.description', 'a.created_at'])
      .where((eb) => eb.or([eb('a.lead_tenant_id', '=', tenantId), eb('a.member_tenant_id', '=', tenantId)]))
      .orderBy('l.name')
      .orderBy('m.name')
      .limit(limit)
      .execute();
  }

  insertAssociation(row: { leadTenantId: string; memberTenantId: string; description: string }) {
    return this.db
      .insertInto('tenant_associations')
      .values({ lead_tenant_id: row.leadTenantId, member_tenant_id: row.memberTenantId, description: row.description })
      .onConflict((oc) => oc.doNothing())
      .returning(['created_at'])
      .executeTakeFirst();
  }
}
