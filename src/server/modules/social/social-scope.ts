import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { notFound } from '../../platform/errors.ts';
import { isStaff, requireAccess, type Action, type Actor, type RoleGrant, type StaffActor } from '../../platform/access.ts';

/**
 * A social worker's reach over the district's rows. A worker's grants (operator_roles with role social_worker)
 * each name the comuni, sectors and target areas they cover (empty = all); a row is visible when ANY grant
 * covers its comune AND its sector AND its target area. Lists filter with `socialScopeFilter`; one row is checked
 * with `requireSocialAccess` (platform/access.ts: requireAccess with the row's Resource), which answers 404 for
 * a row outside the grant (its existence is not revealed) and 403 for a caller who is not a social worker.
 */

/** The social worker grants of an actor (none for citizens and for staff without the role). */
export function socialGrants(actor: Actor | null): RoleGrant[] {
  return isStaff(actor) ? actor.grants.filter((g) => g.role === 'social_worker') : [];
}

/** True for a social worker of the district. */
export const isSocialWorker = (actor: Actor | null): actor is StaffActor => socialGrants(actor).length > 0;

/** A grant without limits of comune, sector or target area: the district's coordinator (exports, whole district). */
export const isCoordinatorGrant = (g: RoleGrant) => !g.comuni.length && !g.sectors.length && !g.targetAreas.length;

/** The district's coordinator: a social worker with one grant without limits (may export for the whole district). */
export function isCoordinator(actor: Actor | null): boolean {
  return socialGrants(actor).some(isCoordinatorGrant);
}

/** True when the actor holds the explicit reserved permission on a grant that covers the row (or any, without a row). */
export function hasReserved(actor: Actor | null, row?: SocialRow): boolean {
  return socialGrants(actor).some((g) => g.reserved && (!row || grantCoversRow(g, row)));
}

/** The columns a row of the district carries that decide who sees it. */
export interface SocialRow {
  tenant_id?: string;
  comune_id: string;
  sector: string;
  target_area: string;
}

export function grantCoversRow(g: RoleGrant, row: SocialRow): boolean {
  return (!g.comuni.length || g.comuni.includes(row.comune_id))
    && (!g.sectors.length || g.sectors.includes(row.sector))
    && (!g.targetAreas.length || g.targetAreas.includes(row.target_area));
}

/**
 * The where-expression of a list: OR over the actor's social worker grants of
 * (comune_id in grant.comuni or all) AND (sector in grant.sectors or all) AND (target_area in grant.targetAreas or all).
 * `alias` is the table's alias in the query ('c' → c.comune_id, c.sector, c.target_area); without one the bare
 * column names are used. An actor without grants gets a false expression (no rows).
 *
 *   db.selectFrom('social_cases as c').selectAll().where(socialScopeFilter(actor, 'c'))
 */
export function socialScopeFilter(actor: Actor | null, alias?: string) {
  const grants = socialGrants(actor);
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (!grants.length) return sql<SqlBool>`false`;
    if (grants.some(isCoordinatorGrant)) return sql<SqlBool>`true`;
    return eb.or(grants.map((g) => {
      const parts: Expression<SqlBool>[] = [];
      if (g.comuni.length) parts.push(eb(col('comune_id'), 'in', g.comuni));
      if (g.sectors.length) parts.push(eb(col('sector'), 'in', g.sectors));
      if (g.targetAreas.length) parts.push(eb(col('target_area'), 'in', g.targetAreas));
      return parts.length ? eb.and(parts) : sql<SqlBool>`true`;
    }));
  };
}

/**
 * The check of one row: requireAccess(actor, action, {tenantId, comuneId, sector, targetArea, reserved}). A staff
 * member who is not a social worker gets 403 (access.ts); a row of another tenant 404; a social worker whose
 * grants do not cover the row gets 404 too (the case is not revealed) — except for `social.reserved`, where a
 * worker who may see the case but lacks the reserved permission gets 403.
 */
export function requireSocialAccess(actor: Actor | null, action: Action, row: SocialRow & { tenant_id: string }, opts: { reserved?: boolean } = {}): StaffActor {
  const resource = { tenantId: row.tenant_id, comuneId: row.comune_id, sector: row.sector, targetArea: row.target_area, ...(opts.reserved ? { reserved: true } : {}) };
  if (isSocialWorker(actor) && row.tenant_id === (actor as StaffActor).tenantId) {
    const sees = socialGrants(actor).some((g) => grantCoversRow(g, row));
    // outside the grant: the row does not exist for this worker
    if (!sees) throw notFound('La cartella sociale');
  }
  return requireAccess(actor, action, resource) as StaffActor;
}
