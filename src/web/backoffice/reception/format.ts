/** Dates at the reception, as the office's clock reads them (Europe/Rome); the shared helpers are in ui/romeTime.ts. */
import { locale, ROME_TIME_ZONE } from '../../ui/romeTime';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "24/11/2026" for a calendar date or an instant's day in Rome */
export function shortDate(value: string, lng: string): string {
  const m = YMD.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale(lng), { timeZone: ROME_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
