import { describe, expect, it } from 'vitest';
import { dueDate, easterSunday, isNonWorkingDay, italianHolidays, nextWorkingDay, phases, romeDate, suspendedDays } from './legal-clock.ts';

describe('Italian calendar', () => {
  it('finds Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the national holidays, with 4 October from 2026', () => {
    expect(italianHolidays(2026)).toEqual([
      '2026-01-01', '2026-01-06', '2026-04-05', '2026-04-06', '2026-04-25', '2026-05-01', '2026-06-02', '2026-08-15',
      '2026-10-04', '2026-11-01', '2026-12-08', '2026-12-25', '2026-12-26',
    ]);
    expect(italianHolidays(2025)).not.toContain('2025-10-04');
  });

  it('treats Sundays and holidays as non-working, Saturdays as working', () => {
    expect(isNonWorkingDay('2026-11-29')).toBe(true); // Sunday
    expect(isNonWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isNonWorkingDay('2026-11-27')).toBe(false);
    expect(isNonWorkingDay('2026-11-27', ['2026-11-27'])).toBe(true); // the body's patron saint
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28'); // Christmas, Santo Stefano, Sunday
  });

  it('reads the date of an instant in Rome, not in UTC', () => {
    expect(romeDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(romeDate(new Date('2026-07-31T22:30:00Z'))).toBe('2026-08-01'); // summer time, UTC+2
    expect(romeDate(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23');
  });
});

describe('due date', () => {
  it('counts from the day after submission', () => {
    expect(dueDate('2026-11-23', 45)).toBe('2027-01-07'); // cambio di residenza, a Thursday
    expect(dueDate('2026-11-23', 30)).toBe('2026-12-23');
  });

  it('moves a Sunday to Monday', () => {
    expect(dueDate('2026-11-23', 6)).toBe('2026-11-30');
  });

  it('moves Easter Monday to the Tuesday', () => {
    expect(dueDate('2026-03-07', 30)).toBe('2026-04-07');
    expect(dueDate('2027-02-27', 30)).toBe('2027-03-30'); // Easter Monday 2027 is 29 March
  });

  it('moves 2 June (Festa della Repubblica) to the next day', () => {
    expect(dueDate('2026-05-03', 30)).toBe('2026-06-03');
  });

  it('moves 15 August on a Saturday past the Sunday to Monday 17', () => {
    expect(dueDate('2026-07-16', 30)).toBe('2026-08-17');
  });

  it('moves 8 December (Immacolata) to the 9th', () => {
    expect(dueDate('2026-11-08', 30)).toBe('2026-12-09');
  });

  it('adds the suspended days, then moves past a Sunday', () => {
    // 45 days + 10 suspended from 23 November 2026 = Sunday 17 January 2027 → Monday 18
    expect(dueDate('2026-11-23', 45, 10)).toBe('2027-01-18');
  });
});

describe('suspension and phases', () => {
  const at = (iso: string) => new Date(iso);
  const history = [
    { at: at('2026-11-23T09:00:00+01:00'), toStatus: 'submitted' },
    { at: at('2026-11-23T09:00:01+01:00'), toStatus: 'registered' },
    { at: at('2026-11-24T10:00:00+01:00'), toStatus: 'in_progress' },
    { at: at('2026-11-30T11:00:00+01:00'), toStatus: 'awaiting_citizen' },
    { at: at('2026-12-10T08:00:00+01:00'), toStatus: 'in_progress' },
  ];

  it('counts the calendar days spent waiting for the citizen', () => {
    expect(suspendedDays(history)).toBe(10);
    // an answer on the same day suspends nothing
    expect(suspendedDays([{ at: at('2026-11-30T09:00:00+01:00'), toStatus: 'awaiting_citizen' }, { at: at('2026-11-30T18:00:00+01:00'), toStatus: 'in_progress' }])).toBe(0);
    // a stay still open counts up to now
    expect(suspendedDays(history.slice(0, 4), at('2026-12-03T12:00:00+01:00'))).toBe(3);
    // two stays add up
    expect(suspendedDays([...history, { at: at('2026-12-12T09:00:00+01:00'), toStatus: 'awaiting_citizen' }, { at: at('2026-12-14T09:00:00+01:00'), toStatus: 'in_progress' }])).toBe(12);
  });

  it('stands still while a payment the office asked for waits, not while one asked before submission does', () => {
    // deferred payment: asked on 1 December, paid on 8 December: 7 days, added to the 10 of the integration
    const deferred = [...history, { at: at('2026-12-11T09:00:00+01:00'), toStatus: 'payment_pending' }, { at: at('2026-12-18T10:00:00+01:00'), toStatus: 'in_progress' }];
    expect(suspendedDays(deferred)).toBe(17);
    // still waiting: counts up to now
    expect(suspendedDays(deferred.slice(0, -1), at('2026-12-13T12:00:00+01:00'))).toBe(12);
    // a payment before submission comes before the term starts: its days (and a draft again) count for nothing
    const before = [
      { at: at('2026-11-01T09:00:00+01:00'), toStatus: 'draft' },
      { at: at('2026-11-02T09:00:00+01:00'), toStatus: 'payment_pending' },
      { at: at('2026-11-05T09:00:00+01:00'), toStatus: 'draft' },
      { at: at('2026-11-06T09:00:00+01:00'), toStatus: 'payment_pending' },
      ...history,
    ];
    expect(suspendedDays(before)).toBe(10);
    expect(suspendedDays(before.slice(0, 4), at('2026-11-20T09:00:00+01:00'))).toBe(0);
  });

  it('measures the time in each phase, the last one up to now', () => {
    const list = phases(history, at('2026-12-11T08:00:00+01:00'));
    expect(list.map((p) => p.status)).toEqual(['submitted', 'registered', 'in_progress', 'awaiting_citizen', 'in_progress']);
    expect(list[3]!.hours).toBeCloseTo(10 * 24 - 3, 5);
    expect(list[4]!.to).toBeNull();
    expect(list[4]!.hours).toBeCloseTo(24, 5);
  });

  it('stops the clock of a closed application', () => {
    const closed = phases([...history, { at: at('2026-12-20T09:00:00+01:00'), toStatus: 'approved' }], at('2027-02-01T00:00:00Z'));
    expect(closed.at(-1)).toMatchObject({ status: 'approved', to: null, hours: 0 });
  });
});

describe('romeDayStart', () => {
  it('is local midnight in winter and in summer, and across the changes of time', async () => {
    const { romeDayStart } = await import('./legal-clock.ts');
    expect(romeDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(romeDayStart('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(romeDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(romeDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});
