/**
 * Who sees "Impostazioni sportello" in the back office's links: managers and the body's administrators, who hold
 * 'desk.configure' (src/server/platform/access.ts). Kept apart from the page so that the link does not pull the
 * page's chunk into the first load.
 */
export const DESK_ADMIN_PATH = '/backoffice/impostazioni-sportello';
const DESK_ADMIN_ROLES: readonly string[] = ['manager', 'tenant_admin'];
export const configuresDesk = (me: { roles: string[] }) => me.roles.some((r) => DESK_ADMIN_ROLES.includes(r));
