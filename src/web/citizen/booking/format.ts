/**
 * Days and times of appointments, always as the office's clock reads them (Europe/Rome), whatever the phone's zone:
 * "martedì 1 dicembre 2026", "mar 1 dic", "09:20".
 */
const TIME_ZONE = 'Europe/Rome';
const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day "2026-12-01" as the instant of its noon in UTC, which is the same day in every zone we print in. */
function dayAsDate(day: string): Date {
  const m = YMD.exec(day);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : new Date(NaN);
}

function format(date: Date, lng: string, options: Intl.DateTimeFormatOptions, zone: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(lng), { ...options, timeZone: zone }).format(date);
}

/** "martedì 1 dicembre 2026" */
export const longDay = (day: string, lng: string) =>
  format(dayAsDate(day), lng, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, 'UTC');

/** "martedì 1 dicembre" */
export const mediumDay = (day: string, lng: string) => format(dayAsDate(day), lng, { weekday: 'long', day: 'numeric', month: 'long' }, 'UTC');

/** ["mar", "1 dic"]: the weekday and the date, for a day's tile */
export function shortDayParts(day: string, lng: string): [string, string] {
  const date = dayAsDate(day);
  return [format(date, lng, { weekday: 'short' }, 'UTC'), format(date, lng, { day: 'numeric', month: 'short' }, 'UTC')];
}

/** "09:20" in Rome */
export const time = (iso: string, lng: string) => format(new Date(iso), lng, { hour: '2-digit', minute: '2-digit' }, TIME_ZONE);

/** The Rome day of an instant: "2026-12-01" */
export function romeDayOf(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The bodies' own texts (service titles, reasons for closing) are Italian: so marked in another language. */
export const contentLang = (lng: string) => (lng === 'it' ? undefined : 'it');

/** "2026-12-01" + 14 → "2026-12-15" */
export function addDays(day: string, days: number): string {
  const date = dayAsDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

