/** Who works at the reception: the roles of 'desk.reception' (src/server/platform/access.ts). Small: the nav link reads it. */
export const RECEPTION_ROLES: readonly string[] = ['desk', 'manager'];
export const worksAtReception = (me: { roles: string[] }) => me.roles.some((r) => RECEPTION_ROLES.includes(r));
