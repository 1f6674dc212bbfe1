/**
 * Who sees "Servizi sociali" in the back office's links, and where it leads: a social worker of the district goes
 * to the case files; a manager or an administrator of a social district only to the district's figures (when the
 * server's /social/me says they may see them). The server decides (social.read, social.analytics in
 * src/server/platform/access.ts); this only hides links that would answer 403. Kept apart from the pages so the
 * link does not pull their chunks into the first load.
 */
type Me = { roles: string[] };

export const SOCIAL_PATH = '/backoffice/sociale';
export const SOCIAL_PATHS = {
  cases: SOCIAL_PATH,
  firstContact: `${SOCIAL_PATH}/primo-contatto`,
  contacts: `${SOCIAL_PATH}/contatti`,
  exports: `${SOCIAL_PATH}/invii-inps`,
  figures: `${SOCIAL_PATH}/cruscotto`,
} as const;
export const caseUrl = (id: string) => `${SOCIAL_PATH}/cartelle/${encodeURIComponent(id)}`;

/** 'social.read' / 'social.write': the district's social workers (their grant narrows which cases) */
export const isSocialWorker = (me: Me) => me.roles.includes('social_worker');

/** The roles of 'social.analytics': the figures (managers and administrators see small cells hidden). */
const FIGURES_ROLES: readonly string[] = ['social_worker', 'manager', 'tenant_admin', 'platform_admin'];
export const mayAskFigures = (me: Me) => me.roles.some((r) => FIGURES_ROLES.includes(r));

/** A manager or an administrator who is no social worker: whether their body is a social district, /social/me says. */
export const needsSocialMe = (me: Me) => !isSocialWorker(me) && mayAskFigures(me);

/** Where "Servizi sociali" leads this person, or null when it is not shown. */
export function socialNavTarget(me: Me, socialMe: { canFigures: boolean } | null | undefined): string | null {
  if (isSocialWorker(me)) return SOCIAL_PATHS.cases;
  if (mayAskFigures(me) && socialMe?.canFigures) return SOCIAL_PATHS.figures;
  return null;
}
