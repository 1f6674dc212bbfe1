import { describe, expect, it } from 'vitest';
import { PERMISSIONS, STAFF_ROLES } from '../../../server/platform/access';
import { caseUrl, isSocialWorker, mayAskFigures, needsSocialMe, SOCIAL_PATHS, socialNavTarget } from './access';

describe('who sees "Servizi sociali" in the back office', () => {
  it('uses exactly the roles the server gives social.read and social.analytics', () => {
    for (const role of STAFF_ROLES) {
      expect(isSocialWorker({ roles: [role] }), role).toBe((PERMISSIONS['social.read'].roles as readonly string[]).includes(role));
      expect(mayAskFigures({ roles: [role] }), role).toBe((PERMISSIONS['social.analytics'].roles as readonly string[]).includes(role));
    }
  });

  it('leads a social worker to the case files without asking the server', () => {
    expect(socialNavTarget({ roles: ['social_worker'] }, null)).toBe(SOCIAL_PATHS.cases);
    expect(socialNavTarget({ roles: ['manager', 'social_worker'] }, { canFigures: false })).toBe('/backoffice/sociale');
    expect(needsSocialMe({ roles: ['social_worker', 'manager'] })).toBe(false);
  });

  it('shows managers and administrators only the figures, and only of a social district', () => {
    for (const role of ['manager', 'tenant_admin', 'platform_admin']) {
      expect(needsSocialMe({ roles: [role] })).toBe(true);
      expect(socialNavTarget({ roles: [role] }, { canFigures: true })).toBe('/backoffice/sociale/cruscotto');
      expect(socialNavTarget({ roles: [role] }, { canFigures: false })).toBeNull();
      expect(socialNavTarget({ roles: [role] }, undefined)).toBeNull();
    }
  });

  it('hides the link from everyone else', () => {
    for (const role of ['operator', 'desk']) {
      expect(needsSocialMe({ roles: [role] })).toBe(false);
      expect(socialNavTarget({ roles: [role] }, { canFigures: true })).toBeNull();
    }
  });

  it('builds a case address that survives odd ids', () => {
    expect(caseUrl('a/b')).toBe('/backoffice/sociale/cartelle/a%2Fb');
  });
});
