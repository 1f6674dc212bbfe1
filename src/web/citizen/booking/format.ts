/**
 * Days of appointments for the booking's tiles and headings, always as the office's calendar reads them, whatever
 * the phone's zone: "martedì 1 dicembre", "mar 1 dic". The shared ones (long day, time, Rome day, day arithmetic)
 * are in ui/romeTime.ts.
 */
import { dayAsDate, locale } from '../../ui/romeTime';

function format(date: Date, lng: string, options: Intl.DateTimeFormatOptions): string {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(lng), { ...options, timeZone: 'UTC' }).format(date);
}

/** "martedì 1 dicembre" */
export const mediumDay = (day: string, lng: string) => format(dayAsDate(day), lng, { weekday: 'long', day: 'numeric', month: 'long' });

/** ["mar", "1 dic"]: the weekday and the date, for a day's tile */
export function shortDayParts(day: string, lng: string): [string, string] {
  const date = dayAsDate(day);
  return [format(date, lng, { weekday: 'short' }), format(date, lng, { day: 'numeric', month: 'short' })];
}

/** The bodies' own texts (service titles, reasons for closing) are Italian: so marked in another language. */
export const contentLang = (lng: string) => (lng === 'it' ? undefined : 'it');
