import { Kysely, DummyDriver, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import type { RoleGrant, StaffActor } from '../../platform/access.ts';
import { Problem } from '../../platform/errors.ts';
import { hasReserved, isCoordinator, isSocialWorker, requireSocialAccess, socialScopeFilter } from './social-scope.ts';

// a social worker's reach: the list filter and the check of one row
const db = new Kysely<DB>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(),
  createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } });
const T = '11111111-1111-4111-8111-111111111111';
const CR = '22222222-2222-4222-8222-222222222222';
const VD = '33333333-3333-4333-8333-333333333333';
const grant = (g: Partial<RoleGrant>): RoleGrant => ({ role: 'social_worker', officeId: null, comuni: [], sectors: [], targetAreas: [], ...g });
const actor = (grants: RoleGrant[], roles = grants.map((g) => g.role)): StaffActor => ({ kind: 'operator', id: 'a', name: 'A', tenantId: T, roles, grants,
  servedTenantIds: [T], auth: { method: 'password', level: null } });
const row = (r: Partial<{ comune_id: string; sector: string; target_area: string; tenant_id: string }> = {}) =>
  ({ tenant_id: T, comune_id: CR, sector: 'servizio_sociale_base', target_area: 'famiglie_minori', ...r });
const status = (fn: () => unknown) => { try { fn(); return 200; } catch (e) { return (e as Problem).status; } };

describe('socialScopeFilter', () => {
  const compiled = (a: StaffActor) => db.selectFrom('social_cases as c').select('c.id').where(socialScopeFilter(a, 'c')).compile();

  it('is OR over the grants of AND over comune, sector and target area', () => {
    const q = compiled(actor([grant({ comuni: [CR], targetAreas: ['anziani'] }), grant({ sectors: ['tutela_minori'] })]));
    expect(q.sql).toMatch(/\("c"\."comune_id" in \(\$1\) and "c"\."target_area" in \(\$2\)\) or "c"\."sector" in \(\$3\)/);
    expect(q.parameters).toEqual([CR, 'anziani', 'tutela_minori']);
  });

  it('lets the coordinator see everything and others nothing', () => {
    expect(compiled(actor([grant({})])).sql).toMatch(/where true/);
    expect(compiled(actor([grant({ role: 'manager' })])).sql).toMatch(/where false/);
  });
});

describe('requireSocialAccess', () => {
  it('answers 404 outside the grant, 403 to other roles and for the reserved part without the permission', () => {
    const cr = actor([grant({ comuni: [CR] })]);
    expect(status(() => requireSocialAccess(cr, 'social.read', row()))).toBe(200);
    expect(status(() => requireSocialAccess(cr, 'social.read', row({ comune_id: VD })))).toBe(404);
    expect(status(() => requireSocialAccess(actor([grant({ sectors: ['anziani'] })]), 'social.write', row()))).toBe(404);
    expect(status(() => requireSocialAccess(actor([grant({ targetAreas: ['anziani'] })]), 'social.read', row()))).toBe(404);
    expect(status(() => requireSocialAccess(cr, 'social.reserved', row(), { reserved: true }))).toBe(403);
    expect(status(() => requireSocialAccess(actor([grant({ comuni: [CR], reserved: true })]), 'social.reserved', row(), { reserved: true }))).toBe(200);
    expect(status(() => requireSocialAccess(actor([grant({ role: 'manager' })]), 'social.read', row()))).toBe(403);
    expect(status(() => requireSocialAccess(cr, 'social.read', row({ tenant_id: VD })))).toBe(404);
  });

  it('knows the coordinator, the reserved permission and social workers', () => {
    expect(isCoordinator(actor([grant({})]))).toBe(true);
    expect(isCoordinator(actor([grant({ comuni: [CR] })]))).toBe(false);
    expect(hasReserved(actor([grant({ comuni: [CR], reserved: true })]), row({ comune_id: VD }))).toBe(false);
    expect(hasReserved(actor([grant({ comuni: [CR], reserved: true })]), row())).toBe(true);
    expect(isSocialWorker(actor([grant({ role: 'desk' })]))).toBe(false);
    expect(isSocialWorker(null)).toBe(false);
  });
});
