import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import it_ from '../../i18n/it.json';
import { hoursSummary, wholeNumber } from './hours';

beforeAll(async () => {
  await i18n.init({ lng: 'it', resources: { it: { translation: it_ } } });
});

describe('hoursSummary', () => {
  it('tells windows with the same times once, with their days in runs', () => {
    const morning = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '08:30', to: '12:30' }));
    const afternoon = ([2, 4] as const).map((weekday) => ({ weekday, from: '14:30', to: '17:00' }));
    expect(hoursSummary([...afternoon, ...morning], i18n.t)).toBe('Lunedì–Venerdì 08:30–12:30; Martedì, Giovedì 14:30–17:00');
  });
  it('is empty without hours', () => {
    expect(hoursSummary([], i18n.t)).toBe('');
  });
});

describe('wholeNumber', () => {
  it('reads whole numbers only', () => {
    expect(wholeNumber(' 15 ')).toBe(15);
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('1.5')).toBeNull();
    expect(wholeNumber('')).toBeNull();
    expect(wholeNumber('-3')).toBeNull();
  });
});
