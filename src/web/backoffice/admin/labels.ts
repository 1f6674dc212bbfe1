/** Words for roles, scopes, actors and dates in the administration pages. */
import type { TFunction } from 'i18next';
import type { ActorRef, RoleItem } from './adminApi';

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

/** "12 mar 2026, 09:41" */
export const formatDateTime = (iso: string | null | undefined, lng: string): string => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
};

export const roleLabel = (role: string, t: TFunction) => t(`admin.roles.${role}`, { defaultValue: role });

/** "Operatore · Servizi demografici", "Assistente sociale · Comune di Valdoro · Famiglie e minori" */
export function roleSummary(r: RoleItem, t: TFunction): string {
  const parts = [roleLabel(r.role, t)];
  if (r.office) parts.push(r.office.name);
  if (r.role === 'social_worker') {
    parts.push(r.comuni.length ? r.comuni.map((c) => c.name).join(', ') : t('admin.operators.allComuni'));
    if (r.targetAreas.length) parts.push(r.targetAreas.map((a) => t(`admin.targetAreas.${a}`, { defaultValue: a })).join(', '));
    if (r.sectors.length) parts.push(r.sectors.join(', '));
  }
  return parts.join(' · ');
}

/** Who did something: their name when known, otherwise what kind of actor it was. */
export function actorLabel(actor: ActorRef, t: TFunction): string {
  if (actor.name) return actor.kind === 'token' ? t('admin.audit.tokenNamed', { name: actor.name }) : actor.name;
  return t(`admin.audit.actorKinds.${actor.kind}`, { defaultValue: actor.ref });
}

export const actionLabel = (action: string, t: TFunction) => t(`admin.audit.actions.${action.replace('.', '_')}`, { defaultValue: action });
