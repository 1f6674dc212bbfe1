import { describe, expect, it } from 'vitest';
import { checkDigits, isValidNoticeNumber, noticeNumberOf, qrPayload } from './notice-number.ts';

/** A second way to the same remainder: Horner's rule digit by digit, never past small numbers. */
const horner = (digits: string) => [...digits].reduce((r, d) => (r * 10 + Number(d)) % 93, 0);

describe('pagoPA notice numbers (aux digit 3)', () => {
  // remainders computed outside JavaScript (Python's int(s) % 93) for these 16-digit prefixes
  const vectors: [string, string][] = [
    ['3010000000000001', '44'],
    ['3010000000000123', '73'],
    ['3999999999999999', '03'],
    ['3000000000000000', '03'],
    ['3470123456789012', '20'],
    ['3019876543210987', '85'],
  ];

  it.each(vectors)('the check digits of %s are %s', (first16, expected) => {
    expect(checkDigits(first16)).toBe(expected);
    expect(String(horner(first16)).padStart(2, '0')).toBe(expected);
  });

  it('builds 18 digits: 3, the segregation code, the 13-digit IUV base, the check digits', () => {
    const { noticeNumber, iuv } = noticeNumberOf('01', 1);
    expect(noticeNumber).toBe('301000000000000144');
    expect(noticeNumber).toHaveLength(18);
    expect(iuv).toBe('01000000000000144');
    expect(noticeNumberOf('47', 123456789012).noticeNumber).toBe('347012345678901220');
    expect(noticeNumberOf('01', 9876543210987).noticeNumber).toBe('301987654321098785');
  });

  it('gives different numbers to different bases and bodies, and agrees with Horner on many of them', () => {
    const seen = new Set<string>();
    for (let base = 0; base < 2000; base += 7) {
      for (const seg of ['00', '01', '99']) {
        const { noticeNumber } = noticeNumberOf(seg, base * 1_000_003);
        expect(noticeNumber.slice(16)).toBe(String(horner(noticeNumber.slice(0, 16))).padStart(2, '0'));
        expect(seen.has(noticeNumber)).toBe(false);
        seen.add(noticeNumber);
      }
    }
  });

  it('validates: a changed digit or wrong check digits are refused', () => {
    expect(isValidNoticeNumber('301000000000000144')).toBe(true);
    expect(isValidNoticeNumber('301000000000000145')).toBe(false);
    expect(isValidNoticeNumber('301000000000000244')).toBe(false);
    expect(isValidNoticeNumber('001000000000000144')).toBe(false);
    expect(isValidNoticeNumber('30100000000000014')).toBe(false);
  });

  it('refuses bases and segregation codes out of range', () => {
    expect(() => noticeNumberOf('1', 1)).toThrow();
    expect(() => noticeNumberOf('01', -1)).toThrow();
    expect(() => noticeNumberOf('01', 10_000_000_000_000)).toThrow();
    expect(() => noticeNumberOf('01', 1.5)).toThrow();
  });

  it('writes the QR code text with the amount in cents', () => {
    expect(qrPayload('301000000000000144', '00123450789', 6600)).toBe('PAGOPA|002|301000000000000144|00123450789|6600');
    expect(() => qrPayload('301000000000000144', '00123450789', 0)).toThrow();
    expect(() => qrPayload('301000000000000144', '00123450789', 12.5)).toThrow();
  });
});
