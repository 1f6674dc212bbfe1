import { describe, expect, it } from 'vitest';
import { checkSlot, closedReason, daySlotGrid, romeInstant, romeWallClock, slotDays, type CalendarRules } from './slots.ts';

const RULES: CalendarRules = {
  weeklyHours: [
    { weekday: 1, from: '09:00', to: '12:30' },
    { weekday: 1, from: '14:30', to: '16:00' },
    { weekday: 3, from: '09:00', to: '10:00' },
    { weekday: 7, from: '01:00', to: '04:00' },
  ],
  slotMinutes: 20, bufferMinutes: 10, capacity: 2, minNoticeHours: 24, horizonDays: 30,
  closures: [{ from: '2026-12-21', to: '2026-12-23', reason: 'Chiusura natalizia' }, { from: '2027-01-11', to: '2027-01-11' }],
};
const iso = (s: string) => new Date(s).toISOString();

describe('Rome wall-clock time', () => {
  it('turns a time of a day into the instant it happens, winter and summer', () => {
    expect(romeInstant('2026-12-14', 9 * 60)!.toISOString()).toBe('2026-12-14T08:00:00.000Z');
    expect(romeInstant('2026-07-13', 9 * 60)!.toISOString()).toBe('2026-07-13T07:00:00.000Z');
    expect(romeWallClock(new Date('2026-07-13T07:00:00Z'))).toEqual({ day: '2026-07-13', minutes: 540 });
    // just before midnight in Rome is the previous UTC day's evening
    expect(romeWallClock(new Date('2026-12-31T23:30:00Z'))).toEqual({ day: '2027-01-01', minutes: 30 });
  });

  it('has no 02:30 on the night the clocks go forward, and takes the first 02:30 the night they go back', () => {
    expect(romeInstant('2026-03-29', 2 * 60 + 30)).toBeNull();
    expect(romeInstant('2026-03-29', 3 * 60)!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(romeInstant('2026-10-25', 2 * 60 + 30)!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('the slots of a day', () => {
  it('cuts each window into slot + buffer steps, the last ending by the closing time', () => {
    const grid = daySlotGrid(RULES, '2026-12-14');
    expect(grid.map((s) => romeWallClock(s.startsAt).minutes / 60)).toEqual([9, 9.5, 10, 10.5, 11, 11.5, 12, 14.5, 15, 15.5]);
    expect(grid[0]).toEqual({ startsAt: new Date('2026-12-14T08:00:00Z'), endsAt: new Date('2026-12-14T08:20:00Z') });
    // 12:00 + 20 minutes ends at 12:20, within 12:30; 12:30 would end after it
    expect(grid.some((s) => romeWallClock(s.startsAt).minutes === 12 * 60 + 30)).toBe(false);
  });

  it('skips the hour that does not exist when summer time starts, and keeps real durations across it', () => {
    // Sunday 29 March 2026, open 01:00–04:00: 01:00, 01:30, (02:00, 02:30 do not exist), 03:00, 03:30
    const grid = daySlotGrid(RULES, '2026-03-29');
    expect(grid.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z',
    ]);
    // the day the clocks go back: 02:00 and 02:30 once each (the first time), none doubled
    const back = daySlotGrid(RULES, '2026-10-25');
    expect(back.map((s) => romeWallClock(s.startsAt).minutes / 60)).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
    expect(new Set(back.map((s) => s.startsAt.getTime())).size).toBe(6);
  });

  it('closes holidays (also when they fall on an open weekday), closures with their reason, and weekdays without hours', () => {
    expect(closedReason(RULES, '2026-12-08')).toBe('Festività nazionale'); // the Immacolata, though a Tuesday without hours
    expect(closedReason(RULES, '2026-12-09')).toBeNull();
    expect(closedReason(RULES, '2027-03-29')).toBe('Festività nazionale'); // Easter Monday 2027, a Monday with hours
    expect(closedReason(RULES, '2026-12-21')).toBe('Chiusura natalizia');
    expect(closedReason(RULES, '2027-01-11')).toBe('Chiusura straordinaria');
    expect(closedReason(RULES, '2026-12-15')).toBe('Nessun orario di ricevimento in questo giorno');
    expect(closedReason(RULES, '2026-10-04')).toBe('Festività nazionale'); // San Francesco, a Sunday with hours
  });
});

describe('the days a booking page shows', () => {
  const now = new Date('2026-12-13T10:00:00Z'); // Sunday, 11:00 in Rome

  it('starts after the minimum notice, stops at the horizon, and counts free places', () => {
    const booked = new Map([[iso('2026-12-14T10:30:00Z'), 1], [iso('2026-12-14T11:00:00Z'), 2], [iso('2026-12-14T13:30:00Z'), 5]]);
    const days = slotDays(RULES, '2026-12-12', 40, now, booked);
    // today (13th) and the 12th come before the notice (24 hours: from 11:00 on the 14th)
    expect(days[0]!.day).toBe('2026-12-14');
    const monday = days[0]!.slots;
    expect(monday[0]!.startsAt).toBe('2026-12-14T10:00:00.000Z');
    expect(monday.slice(0, 4).map((s) => s.free)).toEqual([2, 1, 0, 0]);
    expect(days.at(-1)!.day).toBe('2027-01-12');
    expect(days.find((d) => d.day === '2026-12-22')).toEqual({ day: '2026-12-22', closedReason: 'Chiusura natalizia', slots: [] });
    expect(days.find((d) => d.day === '2026-12-15')!.slots).toEqual([]);
  });

  it('accepts exactly the slots it lists and says why another time is refused', () => {
    expect(checkSlot(RULES, new Date('2026-12-16T08:30:00Z'), now)).toEqual({ endsAt: new Date('2026-12-16T08:50:00Z') });
    const kind = (at: string) => {
      const r = checkSlot(RULES, new Date(at), now);
      return 'problem' in r ? r.problem.kind : 'ok';
    };
    expect(kind('2026-12-16T08:10:00Z')).toBe('not_a_slot');
    expect(kind('2026-12-16T09:00:00Z')).toBe('not_a_slot'); // 10:00 would end after closing
    expect(kind('2026-12-14T09:00:00Z')).toBe('too_soon');
    expect(kind('2026-12-21T08:00:00Z')).toBe('closed');
    expect(kind('2027-01-13T08:00:00Z')).toBe('too_far');
    expect(kind('2027-01-04T08:00:00Z')).toBe('ok');
    expect(kind('2026-12-15T08:00:00Z')).toBe('closed');
  });
});
