import { forbidden, unauthorized } from './errors.ts';

export const ROLES = ['citizen', 'operator', 'manager', 'desk', 'social_worker', 'tenant_admin', 'platform_admin'] as const;
export type RoleName = (typeof ROLES)[number];

/** Who is acting: a logged-in operator or an integrator's API token, always bound to one tenant. */
export interface Actor {
  kind: 'operator' | 'token';
  id: string;
  name: string;
  tenantId: string;
  roles: RoleName[];
}

/** What can be done to what. One table, read by requireAccess and by the matrix test. */
export const PERMISSIONS = {
  'catalog.publish': ['tenant_admin', 'platform_admin'],
  'catalog.create': ['tenant_admin', 'platform_admin'],
} as const satisfies Record<string, readonly RoleName[]>;
export type Action = keyof typeof PERMISSIONS;

/**
 * The one place where permissions are decided. A tenant admin acts only on their own tenant's resources; the
 * caller answers 404 rather than 403 for another tenant's objects, so this is only reached for own-tenant ones.
 */
export function requireAccess(actor: Actor | null, action: Action, resource: { tenantId: string }): Actor {
  if (!actor) throw unauthorized();
  const allowed: readonly RoleName[] = PERMISSIONS[action];
  const hasRole = actor.roles.some((r) => allowed.includes(r));
  const sameTenant = actor.tenantId === resource.tenantId || actor.roles.includes('platform_admin');
  if (!hasRole || !sameTenant) throw forbidden();
  return actor;
}

export function can(actor: Actor | null, action: Action, resource: { tenantId: string }): boolean {
  try {
    requireAccess(actor, action, resource);
    return true;
  } catch {
    return false;
  }
}
