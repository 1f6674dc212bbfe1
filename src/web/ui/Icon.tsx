import type { CSSProperties } from 'react';
import calendar from 'bootstrap-italia/src/svg/it-calendar.svg';
import check from 'bootstrap-italia/src/svg/it-check-circle.svg';
import clock from 'bootstrap-italia/src/svg/it-clock.svg';
import close from 'bootstrap-italia/src/svg/it-close.svg';
import externalLink from 'bootstrap-italia/src/svg/it-external-link.svg';
import list from 'bootstrap-italia/src/svg/it-list.svg';
import logout from 'bootstrap-italia/src/svg/it-logout.svg';
import mail from 'bootstrap-italia/src/svg/it-mail.svg';
import mapMarker from 'bootstrap-italia/src/svg/it-map-marker.svg';
import pa from 'bootstrap-italia/src/svg/it-pa.svg';
import pencil from 'bootstrap-italia/src/svg/it-pencil.svg';
import plus from 'bootstrap-italia/src/svg/it-plus.svg';
import search from 'bootstrap-italia/src/svg/it-search.svg';
import telephone from 'bootstrap-italia/src/svg/it-telephone.svg';
import user from 'bootstrap-italia/src/svg/it-user.svg';

const ICONS = {
  calendar,
  check,
  clock,
  close,
  externalLink,
  list,
  logout,
  mail,
  mapMarker,
  pa,
  pencil,
  plus,
  search,
  telephone,
  user,
} as const;

export type IconName = keyof typeof ICONS;

/**
 * Bootstrap Italia icon drawn with a CSS mask so that it takes the current text colour.
 * Always decorative: the accessible name comes from the text next to it.
 */
export function Icon({ name, size = 'sm', className }: { name: IconName; size?: 'xs' | 'sm' | 'md' | 'lg'; className?: string }) {
  const style = { '--sp-icon': `url("${ICONS[name]}")` } as CSSProperties;
  return <span aria-hidden="true" className={`sp-icon sp-icon-${size}${className ? ` ${className}` : ''}`} style={style} />;
}
