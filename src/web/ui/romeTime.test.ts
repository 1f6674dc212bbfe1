import { describe, expect, it } from 'vitest';
import { addDays, clockTime, locale, longDay, romeToday, shortDateTime } from './romeTime';

describe('days and times as the offices read them in Rome', () => {
  it('writes a calendar day the same whatever the zone (no shift to the day before)', () => {
    expect(longDay('2026-12-01', 'it')).toBe('martedì 1 dicembre 2026');
    expect(longDay('2026-12-01', 'en')).toBe('Tuesday, 1 December 2026');
    expect(longDay('not a day', 'it')).toBe('');
  });

  it('reads an instant in Rome, across the change of summer time', () => {
    // 07:30 UTC is 08:30 in winter (UTC+1) and 09:30 in summer (UTC+2)
    expect(clockTime('2026-11-26T07:30:00.000Z', 'it')).toBe('08:30');
    expect(clockTime(new Date('2026-07-02T07:30:00.000Z'), 'en')).toBe('09:30');
    expect(clockTime('not a time', 'it')).toBe('');
    expect(shortDateTime('2026-11-26T07:30:00.000Z', 'it')).toBe('26/11/26, 08:30');
    // 23:30 UTC on 31 December is already 1 January in Rome
    expect(romeToday('2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
    expect(romeToday(new Date('2026-03-29T00:30:00.000Z'))).toBe('2026-03-29');
    expect(romeToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('counts calendar days over month and year ends and a leap day', () => {
    expect(addDays('2026-11-24', 14)).toBe('2026-12-08');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-08', -14)).toBe('2026-11-24');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('not a day', 1)).toBe('not a day');
  });

  it('formats in the page language', () => {
    expect(locale('en')).toBe('en-GB');
    expect(locale('it')).toBe('it-IT');
  });
});
