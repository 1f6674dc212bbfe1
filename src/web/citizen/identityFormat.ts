/** Small formatting helpers of the personal area. */

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

/** A calendar date "YYYY-MM-DD" as the reader's language writes it ("31 dicembre 2026"), whatever the time zone. */
export function formatDay(ymd: string, lng: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return ymd;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** Today as "YYYY-MM-DD" in the reader's time zone, plus `days`. */
export function localDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 1536 → "1,5 kB" (it) / "1.5 kB" (en) */
export function formatSize(bytes: number, lng: string): string {
  const nf = (n: number) => new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${nf(bytes / 1000)} kB`;
  return `${nf(bytes / 1_000_000)} MB`;
}

/** "application/pdf" → "PDF" */
export const documentKind = (type: string): string => (type.split('/')[1] ?? type).replace('jpeg', 'JPEG').toUpperCase();

/**
 * The API's messages for people are written "Italiano (English)": the part in the reader's language. A message
 * of another shape is shown as it is.
 */
export function messageIn(message: string, lng: string): string {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/s.exec(message.trim());
  if (!m) return message;
  return lng === 'en' ? m[2]! : m[1]!;
}
