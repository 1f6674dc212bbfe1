import { Icon as KitIcon, type IconName as KitIconName } from 'design-react-kit';

/**
 * The icons the portal uses, by a short name. design-react-kit bundles every Bootstrap Italia icon as its own small
 * chunk (loaded from our origin on first use, never from a CDN) and draws it as an inline SVG.
 */
const ICONS = {
  calendar: 'it-calendar',
  check: 'it-check-circle',
  clock: 'it-clock',
  close: 'it-close',
  externalLink: 'it-external-link',
  list: 'it-list',
  logout: 'it-logout',
  mail: 'it-mail',
  mapMarker: 'it-map-marker',
  pa: 'it-pa',
  pencil: 'it-pencil',
  plus: 'it-plus',
  search: 'it-search',
  telephone: 'it-telephone',
  user: 'it-user',
} as const satisfies Record<string, KitIconName>;

export type IconName = keyof typeof ICONS;

/**
 * Always decorative (no title, so design-react-kit marks it aria-hidden): the accessible name comes from the text
 * next to it. It takes the current text colour (see .sp-icon in app.css).
 */
export function Icon({ name, size = 'sm', className }: { name: IconName; size?: 'xs' | 'sm' | 'lg'; className?: string }) {
  return <KitIcon icon={ICONS[name]} size={size} className={`sp-icon${className ? ` ${className}` : ''}`} focusable="false" />;
}
