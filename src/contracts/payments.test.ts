import { describe, expect, it } from 'vitest';
import { computeFees, formatEuro, formatNoticeNumber, valueAtPointer, type FeeRule } from './payments.ts';

const RULES: FeeRule[] = [
  { id: 'bollo', label: 'Imposta di bollo', kind: 'bollo', amountCents: 1600 },
  { id: 'diritti', label: 'Diritti di segreteria', kind: 'diritti', amountCents: 52, perPointer: '/richiesta/copie' },
  { id: 'urgenza', label: 'Rilascio urgente', kind: 'diritti', amountCents: 1000, when: { pointer: '/richiesta/urgente', equals: true } },
];

describe('fees from the answers', () => {
  it('adds a fixed fee, a fee per copy and a fee that applies only when asked', () => {
    expect(computeFees(RULES, { richiesta: { copie: 3, urgente: true } })).toEqual({
      items: [
        { label: 'Imposta di bollo', amountCents: 1600, kind: 'bollo' },
        { label: 'Diritti di segreteria (× 3)', amountCents: 156, kind: 'diritti' },
        { label: 'Rilascio urgente', amountCents: 1000, kind: 'diritti' },
      ],
      totalCents: 2756,
    });
  });

  it('leaves out a conditional fee whose answer differs and a per-unit fee without a whole count', () => {
    for (const copie of [0, -2, 1.5, 'tre', undefined]) {
      const { items, totalCents } = computeFees(RULES, { richiesta: { copie, urgente: false } });
      expect(items.map((i) => i.label)).toEqual(['Imposta di bollo']);
      expect(totalCents).toBe(1600);
    }
  });

  it('stays in whole cents: a hundred 1-cent lines make exactly one euro', () => {
    const many: FeeRule[] = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, label: 'un centesimo', kind: 'altro', amountCents: 1 }));
    const { totalCents } = computeFees(many, {});
    expect(totalCents).toBe(100);
    expect(Number.isInteger(totalCents)).toBe(true);
  });

  it('reads JSON pointers with escaped characters', () => {
    expect(valueAtPointer({ 'a/b': { 'c~d': 4 } }, '/a~1b/c~0d')).toBe(4);
    expect(valueAtPointer({ a: null }, '/a/b')).toBeUndefined();
  });
});

describe('amounts and notice numbers for people', () => {
  it('writes euro the Italian way from cents', () => {
    expect(formatEuro(6600)).toBe('66,00 €');
    expect(formatEuro(5)).toBe('0,05 €');
    expect(formatEuro(123456789)).toBe('1.234.567,89 €');
    expect(formatEuro(-1050)).toBe('-10,50 €');
  });

  it('groups the notice number in fours', () => {
    expect(formatNoticeNumber('301000000000000144')).toBe('3010 0000 0000 0001 44');
  });
});
