/** Who sees the dashboard link: the roles of `analytics.read` (src/server/platform/access.ts). */
export const DASHBOARD_ROLES: readonly string[] = ['manager', 'tenant_admin', 'platform_admin'];
export const canSeeDashboard = (me: { roles: string[] }) => me.roles.some((r) => DASHBOARD_ROLES.includes(r));
