import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, type Actor, type RoleName } from './access.ts';

const actor = (roles: RoleName[], tenantId = 't1'): Actor => ({ kind: 'operator', id: 'a', name: 'A', tenantId, roles });

describe('permission matrix', () => {
  // The expected matrix, written out: a change in access.ts must change this table too.
  const expected: Record<keyof typeof PERMISSIONS, RoleName[]> = {
    'catalog.publish': ['tenant_admin', 'platform_admin'],
    'catalog.create': ['tenant_admin', 'platform_admin'],
  };
  for (const [action, allowed] of Object.entries(expected) as [keyof typeof PERMISSIONS, RoleName[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${action} in their own body`, () => {
        expect(can(actor([role]), action, { tenantId: 't1' })).toBe(allowed.includes(role));
      });
    }
    it(`a tenant_admin may not ${action} in another body; a platform_admin may`, () => {
      expect(can(actor(['tenant_admin']), action, { tenantId: 't2' })).toBe(false);
      expect(can(actor(['platform_admin']), action, { tenantId: 't2' })).toBe(true);
    });
  }
  it('nobody anonymous', () => {
    expect(can(null, 'catalog.publish', { tenantId: 't1' })).toBe(false);
  });
});
