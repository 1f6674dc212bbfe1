import { describe, expect, it } from 'vitest';
import { PERMISSIONS, STAFF_ROLES, can, requireAccess, requireLevel, type CitizenActor, type StaffActor, type StaffRole } from './access.ts';

const staff = (roles: StaffRole[], tenantId = 't1', extra: Partial<StaffActor> = {}): StaffActor => ({
  kind: 'operator', id: 'a', name: 'A', tenantId, roles,
  grants: roles.map((role) => ({ role, officeId: role === 'operator' || role === 'desk' ? 'office-1' : null, comuni: [], sectors: [], targetAreas: [] })),
  servedTenantIds: [tenantId], auth: { method: 'password', level: null }, ...extra,
});
const citizen = (id = 'c1'): CitizenActor => ({
  kind: 'citizen', id, name: 'C', fiscalCode: 'RSSMRA80A01H501U', roles: ['citizen'], auth: { method: 'spid', level: 'SpidL2' },
  actingFor: { kind: 'self', id, fiscalCode: 'RSSMRA80A01H501U', name: 'C' },
});
const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (e) {
    return (e as { status: number }).status;
  }
};

describe('permission table', () => {
  // The expected matrix, written out: a change in access.ts must change this table too.
  const expected: Record<keyof typeof PERMISSIONS, string[]> = {
    'catalog.publish': ['tenant_admin', 'platform_admin'],
    'catalog.create': ['tenant_admin', 'platform_admin'],
    'tenant.create': ['platform_admin'],
    'association.manage': ['platform_admin'],
    'office.manage': ['tenant_admin', 'platform_admin'],
    'operator.read': ['tenant_admin', 'platform_admin', 'manager'],
    'operator.manage': ['tenant_admin', 'platform_admin'],
    'token.manage': ['tenant_admin', 'platform_admin'],
    'audit.read': ['tenant_admin', 'platform_admin'],
    'application.handle': ['operator', 'manager', 'desk'],
    'profile.read': ['citizen'],
    'subject.choose': ['citizen'],
    'delegation.manage': ['citizen'],
    'application.apply': ['citizen'],
    'protocol.annul': ['tenant_admin', 'platform_admin'],
    'analytics.read': ['manager', 'tenant_admin', 'platform_admin'],
    'jobs.read': ['platform_admin'],
    'messages.manage': ['tenant_admin', 'platform_admin'],
    'reply_templates.read': ['operator', 'manager', 'desk', 'tenant_admin', 'platform_admin'],
    'reply_templates.manage': ['manager', 'tenant_admin', 'platform_admin'],
    'webhooks.manage': ['tenant_admin', 'platform_admin'],
    'certificates.revoke': ['operator', 'tenant_admin', 'platform_admin'],
    'recommendations.manage': ['tenant_admin', 'platform_admin'],
    'data_reports.handle': ['operator', 'manager', 'tenant_admin', 'platform_admin'],
    'desk.configure': ['manager', 'tenant_admin', 'platform_admin'],
    'desk.read': ['desk', 'manager', 'tenant_admin', 'platform_admin'],
    'desk.serve': ['desk', 'manager'],
    'desk.reception': ['desk', 'manager'],
    'desk.analytics': ['manager', 'tenant_admin', 'platform_admin'],
    'appointment.book': ['citizen'],
    'payment.read': ['operator', 'manager', 'tenant_admin', 'platform_admin'],
    'payment.manage': ['operator', 'manager', 'tenant_admin', 'platform_admin'],
    'payment.pay': ['citizen'],
    'social.read': ['social_worker'],
    'social.write': ['social_worker'],
    'social.reserved': ['social_worker'],
    'social.export': ['social_worker'],
    'social.analytics': ['social_worker', 'manager', 'tenant_admin', 'platform_admin'],
  };
  for (const [action, allowed] of Object.entries(expected) as [keyof typeof PERMISSIONS, string[]][]) {
    for (const role of STAFF_ROLES) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${action} in their own body`, () => {
        expect(can(staff([role]), action, { tenantId: 't1', officeId: 'office-1' })).toBe(allowed.includes(role));
      });
    }
    it(`a citizen ${allowed.includes('citizen') ? 'may' : 'may not'} ${action}`, () => {
      expect(can(citizen(), action, allowed.includes('citizen') ? { citizenId: 'c1' } : { tenantId: 't1' })).toBe(allowed.includes('citizen'));
    });
    it(`nobody anonymous may ${action}`, () => expect(statusOf(() => requireAccess(null, action, { tenantId: 't1' }))).toBe(401));
  }
});

describe('whose objects', () => {
  it("another tenant's object answers 404, not 403; a platform admin reaches every tenant", () => {
    expect(statusOf(() => requireAccess(staff(['tenant_admin']), 'office.manage', { tenantId: 't2' }))).toBe(404);
    expect(statusOf(() => requireAccess(staff(['operator']), 'office.manage', { tenantId: 't1' }))).toBe(403);
    expect(statusOf(() => requireAccess(staff(['platform_admin']), 'office.manage', { tenantId: 't2' }))).toBe(200);
  });
  it("another citizen's object answers 404; a citizen never reaches staff objects", () => {
    expect(statusOf(() => requireAccess(citizen('c1'), 'delegation.manage', { citizenId: 'c2' }))).toBe(404);
    expect(statusOf(() => requireAccess(citizen('c1'), 'operator.read', { tenantId: 't1' }))).toBe(404);
    expect(statusOf(() => requireAccess(staff(['tenant_admin']), 'delegation.manage', { citizenId: 'c1' }))).toBe(403);
  });
  it('an operator works only in their own office', () => {
    expect(can(staff(['operator']), 'application.handle', { tenantId: 't1', officeId: 'office-1' })).toBe(true);
    expect(can(staff(['operator']), 'application.handle', { tenantId: 't1', officeId: 'office-2' })).toBe(false);
    expect(can(staff(['manager']), 'application.handle', { tenantId: 't1', officeId: 'office-2' })).toBe(true);
  });
  it('associated management: the lead body handles member bodies’ applications, not the other way round', () => {
    const lead = staff(['manager'], 'lead', { servedTenantIds: ['lead', 'member'] });
    const member = staff(['manager'], 'member');
    expect(can(lead, 'application.handle', { tenantId: 'member' })).toBe(true);
    expect(can(member, 'application.handle', { tenantId: 'lead' })).toBe(false);
    // served tenants widen only the actions marked as such
    expect(can(staff(['tenant_admin'], 'lead', { servedTenantIds: ['lead', 'member'] }), 'office.manage', { tenantId: 'member' })).toBe(false);
  });
  it('a social worker sees only their comuni, sectors and target areas; an empty scope is all', () => {
    const scoped = staff(['social_worker']);
    scoped.grants = [{ role: 'social_worker', officeId: null, comuni: ['comune-a'], sectors: [], targetAreas: ['anziani'] }];
    const coordinator = staff(['social_worker']);
    const perms = PERMISSIONS as Record<string, { roles: readonly string[]; scope: string }>;
    perms['test.social'] = { roles: ['social_worker'], scope: 'tenant' };
    const action = 'test.social' as keyof typeof PERMISSIONS;
    expect(can(scoped, action, { tenantId: 't1', comuneId: 'comune-a', targetArea: 'anziani' })).toBe(true);
    expect(can(scoped, action, { tenantId: 't1', comuneId: 'comune-b', targetArea: 'anziani' })).toBe(false);
    expect(can(scoped, action, { tenantId: 't1', comuneId: 'comune-a', targetArea: 'famiglie_minori' })).toBe(false);
    expect(can(coordinator, action, { tenantId: 't1', comuneId: 'comune-b', targetArea: 'famiglie_minori' })).toBe(true);
    delete perms['test.social'];
  });
});

describe('SPID level of the session', () => {
  it('passes at or above the level asked, and sends a lower session to log in again at that level', () => {
    const c = citizen();
    expect(requireLevel(c, 'SpidL2', '/x')).toBe(c);
    expect(requireLevel(c, 'SpidL1', '/x')).toBe(c);
    try {
      requireLevel(c, 'SpidL3', '/enti/a/servizi/b?x=1');
      expect.unreachable();
    } catch (e) {
      expect((e as { status: number }).status).toBe(401);
      expect((e as { loginUrl: string }).loginUrl).toBe('/auth/login?level=SpidL3&method=spid&returnTo=%2Fenti%2Fa%2Fservizi%2Fb%3Fx%3D1');
    }
  });
});
