/**
 * Days and times as the bodies' offices read them (Europe/Rome), whatever the zone of the browser: today's date,
 * calendar-day arithmetic, "martedì 1 dicembre 2026", "09:20", "24/11/26, 09:20". One copy for the citizen's
 * booking, the reception, the dashboards, the desk's settings and the floor devices.
 */
export const ROME_TIME_ZONE = 'Europe/Rome';

/** The formatting locale of the page's language. */
export const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
// en-CA writes dates as YYYY-MM-DD
const ROME_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: ROME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

const asDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);
const valid = (date: Date) => !Number.isNaN(date.getTime());

/** A calendar day "2026-12-01" as the instant of its noon in UTC, which is the same day in every zone we print in. */
export function dayAsDate(day: string): Date {
  const m = YMD.exec(day);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : new Date(NaN);
}

/** The Italian calendar day of an instant (now by default): "2026-11-24". */
export function romeToday(now: Date | string = new Date()): string {
  const date = asDate(now);
  return valid(date) ? ROME_DAY.format(date) : '';
}

/** "2026-11-24" + 14 → "2026-12-08" (calendar days; not a day: unchanged). */
export function addDays(day: string, days: number): string {
  const date = dayAsDate(day);
  if (!valid(date)) return day;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A calendar day in words: "martedì 1 dicembre 2026" (not a day: ''). */
export function longDay(day: string, lng: string): string {
  const date = dayAsDate(day);
  return valid(date)
    ? new Intl.DateTimeFormat(locale(lng), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
    : '';
}

/** An instant's time of day in Rome: "09:20" (not a time: ''). */
export function clockTime(value: Date | string, lng: string): string {
  const date = asDate(value);
  return valid(date) ? new Intl.DateTimeFormat(locale(lng), { timeZone: ROME_TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date) : '';
}

/** An instant's short date and time in Rome: "24/11/26, 09:20" (not a time: ''). */
export function shortDateTime(value: Date | string, lng: string): string {
  const date = asDate(value);
  return valid(date) ? new Intl.DateTimeFormat(locale(lng), { timeZone: ROME_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(date) : '';
}
