import { describe, expect, it } from 'vitest';
import { mobileNumber } from './sms.ts';

describe('mobile numbers for SMS', () => {
  it('writes Italian mobile numbers as E.164, however they were typed', () => {
    for (const written of ['3401234501', '340 123 4501', '340.123.4501', '340-1234501', '(340) 1234501', '+39 340 1234501', '+393401234501', '0039 340 1234501']) {
      expect(mobileNumber(written), written).toEqual({ ok: true, e164: '+393401234501' });
    }
    // older nine-digit mobile numbers are still in use
    expect(mobileNumber('333 123456')).toEqual({ ok: true, e164: '+39333123456' });
  });

  it('refuses landlines and numbers that cannot be Italian mobiles, saying why', () => {
    const landline = mobileNumber('035 123456');
    expect(landline.ok).toBe(false);
    expect(!landline.ok && landline.reason).toMatch(/fisso/);
    expect(mobileNumber('+39 02 12345678').ok).toBe(false);
    expect(mobileNumber('+39 340 12').ok).toBe(false);
    expect(mobileNumber('+39 340 123456789').ok).toBe(false);
    expect(mobileNumber('800 123 456').ok).toBe(false);
    expect(mobileNumber('340 123 45O1').ok).toBe(false);
    expect(mobileNumber('').ok).toBe(false);
  });

  it('takes a foreign number written in international form as it is', () => {
    expect(mobileNumber('+41 79 123 45 67')).toEqual({ ok: true, e164: '+41791234567' });
    expect(mobileNumber('0033 6 12 34 56 78')).toEqual({ ok: true, e164: '+33612345678' });
    expect(mobileNumber('+0 123').ok).toBe(false);
  });
});
