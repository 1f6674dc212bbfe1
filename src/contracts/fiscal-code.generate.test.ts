import { describe, expect, it } from 'vitest';
import { fiscalCode, fiscalCodeCheckChar, isValidFiscalCode, isValidPartitaIva, partitaIva, partitaIvaCheckDigit } from './fiscal-code.ts';

// The expected values below were worked out by hand from the algorithm, e.g. for RSSMRA85T10A562:
//   odd positions  R S R 8 T 0 5 2 → 8+12+8+19+14+1+13+5 = 80
//   even positions S M A 5 1 A 6   → 18+12+0+5+1+0+6     = 42
//   (80 + 42) mod 26 = 18 → S
describe('codice fiscale', () => {
  it('computes the check character', () => {
    expect(fiscalCodeCheckChar('RSSMRA85T10A562')).toBe('S');
    // odd 0+5+4+21+5+0+5+13 = 53, even 13+6+8+0+6+5+0 = 38, 91 mod 26 = 13 → N
    expect(fiscalCodeCheckChar('BNCGLI90C61F205')).toBe('N');
  });

  it('builds the whole code: surname, name, year, month, day (+40 for women), place, check', () => {
    expect(fiscalCode({ givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' })).toBe('RSSMRA85T10A562S');
    expect(fiscalCode({ givenName: 'Giulia', familyName: 'Bianchi', sex: 'F', birthDate: '1990-03-21', birthPlaceCode: 'F205' })).toBe('BNCGLI90C61F205N');
  });

  it('takes the 1st, 3rd and 4th consonant of a name with four or more, and pads short surnames with X', () => {
    // GIANFRANCO → G N F R N C → G F R; FO → F O X; July → L
    // odd 13+25+13+9+4+13+17+9 = 103, even 14+6+17+2+0+0+9 = 48, 151 mod 26 = 21 → V
    expect(fiscalCode({ givenName: 'Gianfranco', familyName: 'Fo', sex: 'M', birthDate: '1942-07-05', birthPlaceCode: 'A794' })).toBe('FOXGFR42L05A794V');
    // MARIA TERESA → M R T R S → M T R (all given names count)
    expect(fiscalCode({ givenName: 'Maria Teresa', familyName: 'Rota', sex: 'F', birthDate: '1939-10-27', birthPlaceCode: 'A794' }).slice(0, 6)).toBe('RTOMTR');
  });

  it("ignores apostrophes, spaces and accents (D'Amico Nicolò)", () => {
    // odd 7+5+5+0+1+21+0+17 = 56, even 12+13+11+6+0+1+5 = 48, 104 mod 26 = 0 → A
    expect(fiscalCode({ givenName: 'Nicolò', familyName: "D'Amico", sex: 'M', birthDate: '2016-01-09', birthPlaceCode: 'B157' })).toBe('DMCNCL16A09B157A');
    expect(fiscalCode({ givenName: 'Amina', familyName: 'El Idrissi', sex: 'F', birthDate: '1988-12-04', birthPlaceCode: 'Z330' }).slice(0, 15)).toBe('LDRMNA88T44Z330');
  });

  it('validates codes', () => {
    expect(isValidFiscalCode('RSSMRA85T10A562S')).toBe(true);
    expect(isValidFiscalCode('RSSMRA85T10A562T')).toBe(false);
    expect(isValidFiscalCode('RSSMRA85Z10A562S')).toBe(false); // Z is not a month
  });

  it('rejects malformed input', () => {
    expect(() => fiscalCode({ givenName: 'A', familyName: 'B', sex: 'M', birthDate: '1985-13-01', birthPlaceCode: 'A562' })).toThrow();
    expect(() => fiscalCode({ givenName: 'A', familyName: 'B', sex: 'M', birthDate: '1985-01-01', birthPlaceCode: 'Roma' })).toThrow();
  });
});

describe('partita IVA', () => {
  it('computes the check digit', () => {
    // 0 4 2 7 1 (odd) = 14; 0 3 1 0 6 doubled → 0 6 2 0 3 (12 − 9) = 11; 25 → 5
    expect(partitaIvaCheckDigit('0043217016')).toBe('5');
    // 0 9 7 5 1 = 22; 1 8 6 0 6 doubled → 2 7 3 0 3 = 15; 37 → 3
    expect(partitaIva('0198765016')).toBe('01987650163');
  });

  it('validates codes', () => {
    expect(isValidPartitaIva('00432170165')).toBe(true);
    expect(isValidPartitaIva('00432170166')).toBe(false);
    expect(isValidPartitaIva('0043217016')).toBe(false);
  });
});
