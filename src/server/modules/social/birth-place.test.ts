import { describe, expect, it } from 'vitest';
import { fiscalCode } from '../../../contracts/fiscal-code.ts';
import { birthPlaceFromFiscalCode } from './social.service.ts';

describe('the place of birth from the fiscal code', () => {
  it('reads the cadastral code, also when omocodia replaced its digits', () => {
    const code = fiscalCode({ givenName: 'Davide', familyName: 'Esposito', sex: 'M', birthDate: '1979-03-14', birthPlaceCode: 'F839' });
    expect(birthPlaceFromFiscalCode(code)).toBe('F839');
    // omocodia: the last digits of the place become letters (8 → U, 3 → P, 9 → V)
    expect(birthPlaceFromFiscalCode(code.slice(0, 12) + 'UPV' + 'A')).toBe('F839');
    expect(birthPlaceFromFiscalCode('not-a-code')).toBeNull();
  });
});
