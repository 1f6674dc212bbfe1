/**
 * Italian personal fiscal code (codice fiscale, DM 23/12/1976): 16 characters, the last a check character
 * computed from the other 15. Digits may be replaced by letters (omocodia), so the pattern allows both.
 */
const PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// Values of characters in odd positions (1st, 3rd, …), for 0-9 then A-Z.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function value(ch: string, odd: boolean): number {
  const code = ch.charCodeAt(0);
  const index = code >= 48 && code <= 57 ? code - 48 : code - 65 + 10;
  if (odd) return ODD[index]!;
  return code >= 48 && code <= 57 ? code - 48 : code - 65;
}

/** The check character for the first 15 characters of a fiscal code. */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += value(first15[i]!, i % 2 === 0);
  return String.fromCharCode(65 + (sum % 26));
}

/** True for a well-formed personal fiscal code whose check character is right. Expects upper case. */
export function isValidFiscalCode(code: string): boolean {
  return PATTERN.test(code) && fiscalCodeCheckChar(code.slice(0, 15)) === code[15];
}

// ----- making codes: the demo people and companies get codes that pass every check -----
// (omocodia, the variant codes issued when two people collide, is not needed for invented people)

export interface FiscalCodeInput {
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  /** cadastral code of the comune of birth (e.g. A794 Bergamo) or Z code of the foreign state (e.g. Z330 Marocco) */
  birthPlaceCode: string;
}

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
/** January … December */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Upper case, accents removed, anything but A-Z dropped ("D'Amico" → DAMICO, "Nicolò" → NICOLO). */
function lettersOf(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
}

function split(s: string): { consonants: string[]; vowels: string[] } {
  const letters = [...lettersOf(s)];
  return { consonants: letters.filter((c) => !VOWELS.has(c)), vowels: letters.filter((c) => VOWELS.has(c)) };
}

/** Surname: consonants, then vowels, then X, first three. */
function familyNamePart(familyName: string): string {
  const { consonants, vowels } = split(familyName);
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

/** Name: with four or more consonants the 1st, 3rd and 4th; otherwise like the surname. */
function givenNamePart(givenName: string): string {
  const { consonants, vowels } = split(givenName);
  if (consonants.length >= 4) return consonants[0] + consonants[2] + consonants[3];
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

/** The 16-character fiscal code of a person. */
export function fiscalCode(p: FiscalCodeInput): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.birthDate);
  if (!m) throw new Error(`Data di nascita non valida (attesa AAAA-MM-GG): ${p.birthDate}`);
  const [, year, month, day] = m;
  const monthIndex = Number(month) - 1;
  if (monthIndex < 0 || monthIndex > 11 || Number(day) < 1 || Number(day) > 31) throw new Error(`Data di nascita non valida: ${p.birthDate}`);
  if (!/^[A-Z]\d{3}$/.test(p.birthPlaceCode)) throw new Error(`Codice catastale non valido: ${p.birthPlaceCode}`);
  const dayPart = String(Number(day) + (p.sex === 'F' ? 40 : 0)).padStart(2, '0');
  const first15 =
    familyNamePart(p.familyName) + givenNamePart(p.givenName) + year.slice(2) + MONTH_LETTERS[monthIndex] + dayPart + p.birthPlaceCode;
  return first15 + fiscalCodeCheckChar(first15);
}

/**
 * The check digit of a partita IVA from its first ten digits (seven of company number, three of the provincial
 * office): digits in odd positions are added as they are, those in even positions doubled (minus 9 when the
 * double exceeds 9); the check digit brings the total to a multiple of ten.
 */
export function partitaIvaCheckDigit(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new Error(`Attese 10 cifre: ${first10}`);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = Number(first10[i]);
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A complete partita IVA: the ten given digits and their check digit. */
export function partitaIva(first10: string): string {
  return first10 + partitaIvaCheckDigit(first10);
}

export function isValidPartitaIva(code: string): boolean {
  return /^\d{11}$/.test(code) && partitaIvaCheckDigit(code.slice(0, 10)) === code[10];
}
