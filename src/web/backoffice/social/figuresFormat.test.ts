import { describe, expect, it } from 'vitest';
import type { FigureRow, SocialFigures } from '../../../contracts/social';
import { anySuppressed, apiQuery, breakdownSummary, cellText, chartValue, choicesOf, days, drawable, euros, searchOf } from './figuresFormat';

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const row = (key: string, contacts: FigureRow['contacts'], cases: FigureRow['cases']): FigureRow => ({ key, label: `Comune di ${key}`, contacts, cases });

describe('the figures page', () => {
  it('writes a hidden cell as <5 and draws nothing for it; zero stays zero', () => {
    expect(cellText(hidden)).toBe('<5');
    expect(cellText(shown(0))).toBe('0');
    expect(cellText(shown(12345))).toBe('12.345');
    expect(chartValue(hidden)).toBeNull();
    expect(chartValue(shown(0))).toBe(0);
  });

  it('writes euros, days and hidden spending', () => {
    expect(euros(1_234_500).replace(/\s/g, ' ')).toBe('12.345 €');
    expect(euros(null)).toBe('<5');
    expect(days(1)).toBe('1 giorno');
    expect(days(75.5)).toBe('75,5 giorni');
    expect(days(null)).toBe('—');
  });

  it('says which row has most, never naming a hidden value', () => {
    const rows = [row('Alfa', shown(10), hidden), row('Beta', hidden, shown(6)), row('Gamma', shown(0), shown(0))];
    expect(breakdownSummary(rows, 'comune')).toBe('Per comune, più primi contatti: Comune di Alfa (10); più nuove cartelle: Comune di Beta (6).');
    expect(breakdownSummary([row('Alfa', hidden, hidden)], 'comune')).toBe('Per comune i valori sono tutti nascosti o pari a zero.');
    expect(breakdownSummary([row('Alfa', shown(0), shown(0))], 'comune')).toContain('Nessun primo contatto');
    // a row with only zeros is not drawn; a hidden one is (something is behind it)
    expect(drawable(rows).map((r) => r.key)).toEqual(['Alfa', 'Beta']);
  });

  it('knows when something is hidden', () => {
    const base = {
      from: '2025-01-01', to: '2025-06-30', suppression: true,
      totals: { contacts: shown(13), newCases: shown(6), casesInCharge: shown(7), people: shown(12) },
      byComune: [row('Alfa', shown(10), shown(5))], byNeed: [], byTargetArea: [], byAgeBand: [], byMonth: [], interventions: [],
      waiting: { cases: 6, meanDays: 36, medianDays: 25, p90Days: 75.5, suppressed: false },
    } satisfies SocialFigures;
    expect(anySuppressed(base)).toBe(false);
    expect(anySuppressed({ ...base, byComune: [row('Alfa', hidden, shown(5))] })).toBe(true);
    expect(anySuppressed({ ...base, waiting: { ...base.waiting, suppressed: true } })).toBe(true);
  });

  it('keeps the choices in the address and sends only valid ones to the API', () => {
    const id = '0b8f3c1e-2d4a-4c5b-9e6f-7a8b9c0d1e2f';
    const c = choicesOf(new URLSearchParams(`dal=2025-01-01&al=2025-02-30&comune=${id}&area=anziani`));
    expect(c).toEqual({ from: '2025-01-01', comuneId: id, targetArea: 'anziani' });
    expect(choicesOf(new URLSearchParams('area=nessuna&comune=x')).targetArea).toBeUndefined();
    expect(choicesOf(searchOf(c))).toEqual(c);
    expect(apiQuery(c, { format: 'csv' })).toBe(`?format=csv&from=2025-01-01&comuneId=${id}&targetArea=anziani`);
    expect(apiQuery({})).toBe('');
  });
});
