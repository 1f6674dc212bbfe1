/**
 * Who sees the desk's pages in the back office's links: the roles of each desk permission
 * (src/server/platform/access.ts; the server decides, this only hides links that would answer 403). Kept apart
 * from the pages so that the links do not pull the pages' chunks into the first load.
 */
type Me = { roles: string[] };
const anyOf = (roles: readonly string[]) => (me: Me) => me.roles.some((r) => roles.includes(r));

export const DESK_PATHS = {
  counter: '/backoffice/sportello',
  reception: '/backoffice/accoglienza',
  settings: '/backoffice/impostazioni-sportello',
  figures: '/backoffice/cruscotto-sportello',
} as const;

/** 'desk.serve': open a counter and call */
export const servesAtCounter = anyOf(['desk', 'manager']);
/** 'desk.reception': tickets for people, check-in, contacts register, agenda */
export const worksAtReception = anyOf(['desk', 'manager']);
/** 'desk.configure': calendars, categories, counters, devices */
export const configuresDesk = anyOf(['manager', 'tenant_admin', 'platform_admin']);
/** 'desk.analytics': the desk's figures */
export const canSeeDeskFigures = anyOf(['manager', 'tenant_admin', 'platform_admin']);

/** Roles that reach every office of the body at the desk (the desk role is bound to its grant's office). */
const BODY_WIDE = ['manager'];

/** The offices a desk page lets the operator choose: null for all the body's, otherwise those of their desk roles. */
export function deskOfficesOf(operator: Me & { grants?: { role: string; officeId: string | null }[] }): string[] | null {
  if (operator.roles.some((r) => BODY_WIDE.includes(r))) return null;
  return [...new Set((operator.grants ?? []).filter((g) => g.role === 'desk' && g.officeId).map((g) => g.officeId!))];
}
