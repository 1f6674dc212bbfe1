/** Text helpers for catalogue search: the same normalisation for indexed words and query words. */

const MAX_WORDS = 12;

/** lower case, without accents and apostrophes: "Carta d'Identità" → ["carta", "d", "identita"] */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function queryWords(q: string): string[] {
  return words(q).slice(0, MAX_WORDS);
}

/** Words worth remembering for "did you mean": letters only, 3 to 30 characters. */
export function lexiconWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 3 && w.length <= 30 && /^\p{L}+$/u.test(w));
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
