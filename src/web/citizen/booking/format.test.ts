import { describe, expect, it } from 'vitest';
import { mediumDay, shortDayParts } from './format';

describe('booking days: as the office calendar reads them', () => {
  it('writes a calendar day the same whatever the zone (no shift to the day before)', () => {
    expect(mediumDay('2027-01-01', 'it')).toBe('venerdì 1 gennaio');
    expect(shortDayParts('2026-11-26', 'it')).toEqual(['gio', '26 nov']);
    expect(mediumDay('not a day', 'it')).toBe('');
  });
});
