/**
 * pagoPA notice numbers (codice avviso) for bodies with aux digit 3: 18 digits = aux digit "3" + the body's
 * segregation code (2 digits) + the IUV base (13 digits) + check digits (2). The check digits are the first 16
 * digits, read as one number, modulo 93, written with two digits. The IUV is the notice number without its aux
 * digit (17 digits). The numbers need BigInt: 16 digits are past JavaScript's exact integers.
 */

export const AUX_DIGIT = '3';
/** The largest IUV base: 13 digits. */
export const MAX_IUV_BASE = 9_999_999_999_999;

export function checkDigits(first16: string): string {
  if (!/^[0-9]{16}$/.test(first16)) throw new Error('the check digits are computed on 16 digits');
  return (BigInt(first16) % 93n).toString().padStart(2, '0');
}

/** The notice number and the IUV of a body's n-th position. */
export function noticeNumberOf(segregationCode: string, iuvBase: number): { noticeNumber: string; iuv: string } {
  if (!/^[0-9]{2}$/.test(segregationCode)) throw new Error('the segregation code has two digits');
  if (!Number.isSafeInteger(iuvBase) || iuvBase < 0 || iuvBase > MAX_IUV_BASE) throw new Error('the IUV base has at most 13 digits');
  const first16 = `${AUX_DIGIT}${segregationCode}${String(iuvBase).padStart(13, '0')}`;
  const noticeNumber = `${first16}${checkDigits(first16)}`;
  return { noticeNumber, iuv: noticeNumber.slice(1) };
}

/** Whether a string is a well-formed aux-digit-3 notice number whose check digits are right. */
export function isValidNoticeNumber(notice: string): boolean {
  return /^3[0-9]{17}$/.test(notice) && checkDigits(notice.slice(0, 16)) === notice.slice(16);
}

/** The text of the notice's QR code (pagoPA "Avviso di pagamento" specification, version 002). */
export function qrPayload(noticeNumber: string, bodyFiscalCode: string, amountCents: number): string {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new Error('the amount is a positive number of cents');
  return `PAGOPA|002|${noticeNumber}|${bodyFiscalCode}|${amountCents}`;
}
