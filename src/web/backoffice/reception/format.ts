/** Days and times at the reception, as the office's clock reads them (Europe/Rome), whatever the device's zone. */
const TIME_ZONE = 'Europe/Rome';
const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's Italian date, "2026-11-24". */
export function romeToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "2026-11-24" + 1 → "2026-11-25" */
export function shiftDay(day: string, days: number): string {
  const m = YMD.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days, 12));
  return date.toISOString().slice(0, 10);
}

/** "martedì 24 novembre 2026" */
export function longDay(day: string, lng: string): string {
  const m = YMD.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(locale(lng), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
}

/** "24/11/2026" for a calendar date or an instant's day in Rome */
export function shortDate(value: string, lng: string): string {
  const m = YMD.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale(lng), { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** "09:20" in Rome */
export function clockTime(iso: string, lng: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale(lng), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date);
}
