import { describe, expect, it } from 'vitest';
import { addDays, isDate, paramsFrom, periodChoice, romeToday } from './period';

describe('dashboard period in the address', () => {
  it('turns a preset into the days up to today', () => {
    expect(paramsFrom(new URLSearchParams(''), '2026-11-24')).toEqual({ from: '2026-08-26', to: '2026-11-24' });
    expect(paramsFrom(new URLSearchParams('periodo=30&ufficio=u1'), '2026-11-24')).toEqual({ from: '2026-10-25', to: '2026-11-24', office: 'u1' });
    expect(paramsFrom(new URLSearchParams('periodo=365'), '2026-03-01')).toEqual({ from: '2025-03-01', to: '2026-03-01' });
  });

  it('sends a custom period only with real dates', () => {
    expect(paramsFrom(new URLSearchParams('periodo=personalizzato&dal=2026-01-01&al=2026-03-31&ente=e1'), '2026-11-24'))
      .toEqual({ from: '2026-01-01', to: '2026-03-31', tenant: 'e1' });
    expect(paramsFrom(new URLSearchParams('periodo=personalizzato&dal=2026-02-30'), '2026-11-24')).toEqual({});
  });

  it('falls back to 90 days for an unknown choice', () => {
    expect(periodChoice(new URLSearchParams('periodo=7'))).toBe('90');
  });

  it('knows dates and the day in Italy', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // 23:30 UTC on 31 December is already New Year's Day in Rome
    expect(romeToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
