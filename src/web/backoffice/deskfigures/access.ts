/** Who sees the desk dashboard's link: the roles of `desk.analytics` (src/server/platform/access.ts). */
export const DESK_FIGURES_ROLES: readonly string[] = ['manager', 'tenant_admin', 'platform_admin'];
export const canSeeDeskFigures = (me: { roles: string[] }) => me.roles.some((r) => DESK_FIGURES_ROLES.includes(r));
export const DESK_FIGURES_PATH = '/backoffice/cruscotto-sportello';
