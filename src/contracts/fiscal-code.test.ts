import { describe, expect, it } from 'vitest';
import { fiscalCodeCheckChar, isValidFiscalCode } from './fiscal-code.ts';

describe('fiscal code', () => {
  // The Agenzia delle Entrate's own example (Mario Rossi, born in Rome on 1 January 1980): RSSMRA80A01H501U.
  it('accepts a known-good code and computes its check character', () => {
    expect(fiscalCodeCheckChar('RSSMRA80A01H501')).toBe('U');
    expect(isValidFiscalCode('RSSMRA80A01H501U')).toBe(true);
  });
  it('rejects a wrong check character, lower case, wrong length and a bad month letter', () => {
    expect(isValidFiscalCode('RSSMRA80A01H501X')).toBe(false);
    expect(isValidFiscalCode('rssmra80a01h501u')).toBe(false);
    expect(isValidFiscalCode('RSSMRA80A01H501')).toBe(false);
    expect(isValidFiscalCode('RSSMRA80Z01H501U')).toBe(false);
  });
  it('accepts omocodia (digits replaced by letters) with its own check character', () => {
    const first15 = 'RSSMRA80A01H50M';
    expect(isValidFiscalCode(first15 + fiscalCodeCheckChar(first15))).toBe(true);
  });
});
