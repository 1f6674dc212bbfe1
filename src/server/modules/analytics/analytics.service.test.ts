import { describe, expect, it } from 'vitest';
import { Problem } from '../../platform/errors.ts';
import { isCalendarDate } from '../../platform/period.ts';
import { resolvePeriod, shortName, yearsBefore } from './analytics.service.ts';

const problemOf = (fn: () => unknown): Problem => {
  try {
    fn();
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('no problem thrown');
};

describe('dashboard period', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('24/11/2026')).toBe(false);
    expect(isCalendarDate('2026-11-24T00:00')).toBe(false);
  });

  it('defaults to the 90 days up to today', () => {
    expect(resolvePeriod({}, '2026-11-24')).toEqual({ from: '2026-08-26', to: '2026-11-24' });
    expect(resolvePeriod({ to: '2026-03-31' }, '2026-11-24')).toEqual({ from: '2025-12-31', to: '2026-03-31' });
    expect(resolvePeriod({ from: '2026-11-01' }, '2026-11-24')).toEqual({ from: '2026-11-01', to: '2026-11-24' });
    expect(resolvePeriod({ from: '2026-11-24', to: '2026-11-24' }, '2026-11-24')).toEqual({ from: '2026-11-24', to: '2026-11-24' });
  });

  it('refuses wrong dates, a start after the end and more than three years, saying what to change', () => {
    const wrong = problemOf(() => resolvePeriod({ from: '2026-02-30', to: 'ieri' }, '2026-11-24'));
    expect(wrong.status).toBe(400);
    expect(wrong.errors?.map((e) => e.path)).toEqual(['query.from', 'query.to']);
    expect(wrong.detail).toMatch(/AAAA-MM-GG/);
    const reversed = problemOf(() => resolvePeriod({ from: '2026-12-01' }, '2026-11-24'));
    expect(reversed.detail).toMatch(/viene dopo quella di fine/);
    expect(resolvePeriod({ from: '2023-11-24', to: '2026-11-24' }, '2026-11-24').from).toBe('2023-11-24');
    expect(problemOf(() => resolvePeriod({ from: '2023-11-23', to: '2026-11-24' }, '2026-11-24')).detail).toMatch(/al massimo 3 anni \(dal 2023-11-24 al 2026-11-24\)/);
  });

  it('goes back whole years, 29 February included', () => {
    expect(yearsBefore('2026-11-24', 3)).toBe('2023-11-24');
    expect(yearsBefore('2028-02-29', 3)).toBe('2025-03-01');
  });
});

describe('export file names', () => {
  it('keep the place name of the body', () => {
    expect(shortName('comune-di-castelrocca')).toBe('castelrocca');
    expect(shortName('unione-dei-colli-di-prova')).toBe('colli-di-prova');
    expect(shortName('ambito-sociale-valle-orsa')).toBe('ambito-sociale-valle-orsa');
  });
});
