/**
 * The slots an appointment calendar offers, computed from its rules alone (no database): the weekly hours cut into
 * slots of `slotMinutes` followed by `bufferMinutes`, on Europe/Rome wall-clock time, minus Italian public holidays
 * and the calendar's closures, from `minNoticeHours` after now up to `horizonDays` ahead (Italian days). The same
 * function lists the free slots for the booking page and checks a time someone asks to book, so the two never
 * disagree.
 *
 * Wall-clock times become instants day by day with the offset Italy has at that moment, so 09:00 is 08:00Z in
 * winter and 07:00Z in summer; a time that does not exist on the night the clocks go forward (02:00–02:59 on the
 * last Sunday of March) is no slot, and one that happens twice when they go back is taken the first time.
 */
import type { CalendarClosure, Slot, SlotDay, WeeklyHours } from '../../../contracts/desk.ts';
import { addDays, daysBetween, italianHolidays, romeDate } from '../../platform/legal-clock.ts';

export interface CalendarRules {
  weeklyHours: readonly WeeklyHours[];
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  minNoticeHours: number;
  horizonDays: number;
  closures: readonly CalendarClosure[];
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570; null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const ROME_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The wall-clock reading in Rome of an instant: day and minutes since midnight. */
export function romeWallClock(at: Date): { day: string; minutes: number } {
  const parts = Object.fromEntries(ROME_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Minutes Italy is ahead of UTC at an instant (60 or 120). */
function romeOffsetMinutes(at: Date): number {
  const { day, minutes } = romeWallClock(at);
  const asUtc = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a Rome wall-clock time of a day happens, or null when that time does not exist that day (the hour
 * skipped when summer time starts). A time that happens twice (when it ends) is its first occurrence.
 */
export function romeInstant(day: string, minutes: number): Date | null {
  const naive = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  // the earlier candidate is summer time (+2h); it is right when Italy is then on summer time
  for (const offset of [120, 60]) {
    const candidate = new Date(naive - offset * 60_000);
    if (romeOffsetMinutes(candidate) === offset) return candidate;
  }
  return null;
}

const ISO_WEEKDAY = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const holidayCache = new Map<number, Set<string>>();
function isHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) holidayCache.set(year, (set = new Set(italianHolidays(year))));
  return set.has(day);
}

export const CLOSED_REASONS = {
  holiday: 'Festività nazionale',
  noHours: 'Nessun orario di ricevimento in questo giorno',
  closure: 'Chiusura straordinaria',
} as const;

/** Why the calendar is closed on a day (holiday, closure, no hours that weekday), or null when it is open. */
export function closedReason(rules: Pick<CalendarRules, 'weeklyHours' | 'closures'>, day: string): string | null {
  if (isHoliday(day)) return CLOSED_REASONS.holiday;
  const closure = rules.closures.find((c) => c.from <= day && day <= c.to);
  if (closure) return closure.reason?.trim() || CLOSED_REASONS.closure;
  const weekday = ISO_WEEKDAY(day);
  if (!rules.weeklyHours.some((h) => h.weekday === weekday)) return CLOSED_REASONS.noHours;
  return null;
}

/** The grid of a day: every slot start and end the weekly hours give, whatever the notice, horizon or bookings. */
export function daySlotGrid(rules: Pick<CalendarRules, 'weeklyHours' | 'slotMinutes' | 'bufferMinutes'>, day: string): { startsAt: Date; endsAt: Date }[] {
  const weekday = ISO_WEEKDAY(day);
  const out: { startsAt: Date; endsAt: Date }[] = [];
  const seen = new Set<number>();
  const windows = rules.weeklyHours.filter((h) => h.weekday === weekday)
    .map((h) => [minutesOf(h.from), minutesOf(h.to)] as const)
    .filter((w): w is readonly [number, number] => w[0] !== null && w[1] !== null && w[0] < w[1])
    .sort((a, b) => a[0] - b[0]);
  const step = rules.slotMinutes + rules.bufferMinutes;
  for (const [from, to] of windows) {
    for (let start = from; start + rules.slotMinutes <= to; start += step) {
      const startsAt = romeInstant(day, start);
      if (!startsAt || seen.has(startsAt.getTime())) continue;
      seen.add(startsAt.getTime());
      out.push({ startsAt, endsAt: new Date(startsAt.getTime() + rules.slotMinutes * 60_000) });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The first instant that may be booked, and the last Italian day that may be. */
export function bookingWindow(rules: Pick<CalendarRules, 'minNoticeHours' | 'horizonDays'>, now: Date): { earliest: Date; lastDay: string } {
  return { earliest: new Date(now.getTime() + rules.minNoticeHours * 3_600_000), lastDay: addDays(romeDate(now), rules.horizonDays) };
}

/**
 * The days from `from` (Italian days, `days` of them) as the booking page shows them. Days before the minimum
 * notice or after the horizon are left out; closed days carry the reason and no slots; slots before the notice are
 * left out of the first day. `booked` gives the places taken per slot start (ISO instant).
 */
export function slotDays(rules: CalendarRules, from: string, days: number, now: Date, booked: ReadonlyMap<string, number> = new Map()): SlotDay[] {
  const { earliest, lastDay } = bookingWindow(rules, now);
  const firstDay = romeDate(earliest);
  const out: SlotDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    if (day < firstDay) continue;
    if (day > lastDay) break;
    const reason = closedReason(rules, day);
    if (reason) {
      out.push({ day, closedReason: reason, slots: [] });
      continue;
    }
    const slots: Slot[] = daySlotGrid(rules, day)
      .filter((s) => s.startsAt.getTime() >= earliest.getTime())
      .map((s) => {
        const startsAt = s.startsAt.toISOString();
        return { startsAt, endsAt: s.endsAt.toISOString(), free: Math.max(0, rules.capacity - (booked.get(startsAt) ?? 0)) };
      });
    out.push({ day, slots });
  }
  return out;
}

/** Why a time cannot be booked on the calendar (in Italian, then English), or null when it is a slot it offers. */
export type SlotProblem = { kind: 'closed' | 'not_a_slot' | 'too_soon' | 'too_far'; message: string };

export function checkSlot(rules: CalendarRules, startsAt: Date, now: Date): { problem: SlotProblem } | { endsAt: Date } {
  const { day } = romeWallClock(startsAt);
  const reason = closedReason(rules, day);
  if (reason) return { problem: { kind: 'closed', message: `l'ufficio è chiuso il ${day} (${reason}) (the office is closed that day)` } };
  const slot = daySlotGrid(rules, day).find((s) => s.startsAt.getTime() === startsAt.getTime());
  if (!slot) {
    return { problem: { kind: 'not_a_slot', message: "l'orario non è uno di quelli che il calendario offre: scegli un orario libero tra quelli proposti (not a slot of this calendar)" } };
  }
  const { earliest, lastDay } = bookingWindow(rules, now);
  if (startsAt.getTime() < earliest.getTime()) {
    return { problem: { kind: 'too_soon', message: `si prenota almeno ${rules.minNoticeHours} ore prima (book at least ${rules.minNoticeHours} hours ahead)` } };
  }
  if (daysBetween(lastDay, day) > 0) {
    return { problem: { kind: 'too_far', message: `si prenota al massimo ${rules.horizonDays} giorni prima (book at most ${rules.horizonDays} days ahead)` } };
  }
  return { endsAt: slot.endsAt };
}
