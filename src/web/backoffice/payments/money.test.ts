import { describe, expect, it } from 'vitest';
import { formatEuro } from '../../../contracts/payments';
import { centsToInput, parseEuroCents, totalOfTyped } from './money';

describe('euro typed by an operator', () => {
  it.each([
    ['12,50', 1250],
    ['12,5', 1250],
    ['0,05', 5],
    ['16', 1600],
    ['1.234,56', 123456],
    ['1.234.567,89', 123456789],
    ['12.50', 1250],
    ['12.5', 1250],
    ['1.234', 123400],
    ['€ 7,00', 700],
    ['7,00 €', 700],
    ['  1 234,50 ', 123450],
    ['1\u00a0234,50', 123450],
    ['0', 0],
    ['007,10', 710],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });

  it.each(['', '   ', 'abc', '12,505', '-1', '-1,00', '1,2,3', '12,', ',50', '1.23,4', '12.3456', '1e3', '12..5', '1.2345,00', '9999999999999'])(
    'refuses %j',
    (text) => {
      expect(parseEuroCents(text)).toBeNull();
    },
  );

  it('adds amounts exactly where floating point would not (0,10 + 0,20)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(totalOfTyped(['0,10', '0,20'])).toBe(30);
    expect(totalOfTyped(['16,00', '', 'abc', '0,01'])).toBe(1601);
  });

  it('reads 1,15 as 115 cents, where parseFloat("1.15") * 100 is 114.99999999999999', () => {
    expect(Number.parseFloat('1.15') * 100).not.toBe(115);
    expect(parseEuroCents('1,15')).toBe(115);
    expect(parseEuroCents('4,35')).toBe(435);
  });

  it('gives back the text of a stored amount, which reads back the same', () => {
    for (const cents of [0, 5, 50, 1250, 123456, 10_000_000]) {
      expect(parseEuroCents(centsToInput(cents))).toBe(cents);
    }
    expect(centsToInput(123456)).toBe('1234,56');
    expect(formatEuro(parseEuroCents('1.234,5')!)).toBe('1.234,50 €');
  });
});
