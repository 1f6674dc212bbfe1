/**
 * Euro amounts as operators type them ("12,50", "1.234,50", "12.50", "€ 7") turned into integer cents by reading
 * the digits, never through a floating-point number: "0,10" + "0,20" must be 30 cents, not 30.000000000000004.
 * The way back gives the text an input shows ("12,50", without grouping, so that it parses again the same).
 */

/** Twelve digits of euro are far beyond any payment position and well inside Number.MAX_SAFE_INTEGER in cents. */
const MAX_EURO_DIGITS = 12;

/**
 * Cents of an amount written the Italian way (decimal comma, optional dots between thousands) or with a decimal
 * point ("12.50"). A dot followed by exactly three digits and no comma ("1.234") is a thousands separator, as an
 * Italian reader means it. Null when the text is not a non-negative amount with at most two decimals.
 */
export function parseEuroCents(text: string): number | null {
  const value = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (!value) return null;
  let whole: string;
  let fraction = '';
  const comma = value.split(',');
  if (comma.length > 2) return null;
  if (comma.length === 2) {
    [whole, fraction] = comma as [string, string];
    if (!/^\d{1,2}$/.test(fraction)) return null;
    whole = ungroup(whole);
  } else if (/^\d+\.\d{1,2}$/.test(value)) {
    [whole, fraction] = value.split('.') as [string, string];
  } else {
    whole = ungroup(value);
  }
  if (!/^\d+$/.test(whole) || whole.replace(/^0+(?=\d)/, '').length > MAX_EURO_DIGITS) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** "1.234.567" → "1234567" when the dots group thousands correctly; anything else is returned as it is (and fails). */
function ungroup(whole: string): string {
  return /^\d{1,3}(\.\d{3})+$/.test(whole) ? whole.replace(/\./g, '') : whole;
}

/** 1250 → "12,50": what an amount field shows for a stored amount. */
export function centsToInput(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The total of the amounts that parse (the others count as nothing while they are being typed). */
export function totalOfTyped(amounts: readonly string[]): number {
  return amounts.reduce((sum, text) => sum + (parseEuroCents(text) ?? 0), 0);
}
