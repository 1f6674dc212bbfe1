/**
 * Tempi certi: the legal clock of an application (DESIGN.md §5). The term starts on the day of submission (that
 * day is not counted), runs for the service's maximum days, is extended by the days spent waiting for the
 * citizen (awaiting_citizen), and a due date that falls on a Sunday or an Italian public holiday moves to the
 * next working day (as art. 2963 of the civil code does for terms in general).
 *
 * Dates are calendar dates in Europe/Rome as 'YYYY-MM-DD' strings; arithmetic is done in UTC on those dates so
 * that daylight-saving changes never move a day.
 */

const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Rome of an instant. */
export const romeDate = (at: Date): string => ROME.format(at);

/** The instant a calendar day ('YYYY-MM-DD') begins in Italy. */
export function romeDayStart(day: string): Date {
  // Italy is UTC+1 or UTC+2: the UTC midnight of the day, moved back by the offset then in force
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const offsetHours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' }).format(utcMidnight));
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000);
}

const toUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole calendar days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);

/** Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** National public holidays (L. 260/1949 and later laws) of a year, as 'YYYY-MM-DD'. */
export function italianHolidays(year: number): string[] {
  const fixed = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];
  // San Francesco d'Assisi, patron saint of Italy, is a national holiday again from 2026 (L. 151/2025)
  if (year >= 2026) fixed.push('10-04');
  const easter = easterSunday(year);
  return [...fixed.map((md) => `${year}-${md}`), easter, addDays(easter, 1)].sort();
}

const holidayCache = new Map<number, Set<string>>();
function holidaySet(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) holidayCache.set(year, (set = new Set(italianHolidays(year))));
  return set;
}

/** Sundays and national public holidays; a body may add its own (the patron saint of the comune). */
export function isNonWorkingDay(date: string, extraHolidays: readonly string[] = []): boolean {
  if (toUtc(date).getUTCDay() === 0) return true;
  return holidaySet(Number(date.slice(0, 4))).has(date) || extraHolidays.includes(date);
}

export function nextWorkingDay(date: string, extraHolidays: readonly string[] = []): string {
  let d = date;
  while (isNonWorkingDay(d, extraHolidays)) d = addDays(d, 1);
  return d;
}

/** The due date: submission day + maximum days + suspended days, moved past Sundays and holidays. */
export function dueDate(submittedOn: string, maxDays: number, suspendedDays = 0, extraHolidays: readonly string[] = []): string {
  return nextWorkingDay(addDays(submittedOn, maxDays + suspendedDays), extraHolidays);
}

export interface StatusChange {
  at: Date;
  toStatus: string;
}

/** Statuses in which the legal clock stands still: waiting for the citizen's answer, or for a payment the office asked. */
const SUSPENDING = new Set(['awaiting_citizen', 'payment_pending']);

/**
 * Days the clock stood still: for every stay in awaiting_citizen, or in payment_pending after the submission (a
 * payment the office asked for while handling it), the calendar days from the request to the answer (an answer on
 * the same day suspends nothing). A payment asked before submission suspends nothing: the term has not started.
 * A stay still open counts up to `now`.
 */
export function suspendedDays(changes: readonly StatusChange[], now: Date = new Date()): number {
  let total = 0;
  let since: Date | null = null;
  let submitted = false;
  for (const change of changes) {
    if (change.toStatus === 'submitted') submitted = true;
    if (SUSPENDING.has(change.toStatus) && (submitted || change.toStatus === 'awaiting_citizen')) since ??= change.at;
    else if (since) {
      total += Math.max(0, daysBetween(romeDate(since), romeDate(change.at)));
      since = null;
    }
  }
  if (since) total += Math.max(0, daysBetween(romeDate(since), romeDate(now)));
  return total;
}

export interface Phase {
  status: string;
  from: Date;
  to: Date | null;
  hours: number;
}

/** The time spent in each status, in order, from the submission on (drafts are not the office's time). */
export function phases(changes: readonly StatusChange[], now: Date = new Date()): Phase[] {
  const list: Phase[] = [];
  for (const change of changes) {
    const last = list.at(-1);
    if (last && last.to === null) {
      if (last.status === change.toStatus) continue;
      last.to = change.at;
      last.hours = (change.at.getTime() - last.from.getTime()) / 3_600_000;
    }
    list.push({ status: change.toStatus, from: change.at, to: null, hours: 0 });
  }
  const open = list.at(-1);
  if (open && open.to === null) {
    if (['approved', 'rejected', 'withdrawn'].includes(open.status)) return list;
    open.hours = (now.getTime() - open.from.getTime()) / 3_600_000;
  }
  return list;
}
