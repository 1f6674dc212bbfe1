/**
 * Text clean-up and lexical forms used by the CPSV-AP export: trimmed texts, titles, slugs, URLs, times, amounts.
 */
import { createHash } from 'node:crypto';

export function clean(text: string | undefined | null): string {
  return (text ?? '').trim();
}

/** A short title from a possibly long text: its first line, cut at a word boundary. */
export function headline(text: string, max = 200): string {
  const first = clean(text.split(/\r?\n/)[0]);
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'x';
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The URL normalised by WHATWG URL, or undefined when it is not an absolute http(s) URL. */
export function httpUrl(value: string | undefined): string | undefined {
  const v = clean(value);
  if (!v) return undefined;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function parseTime(hhmm: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clean(hhmm));
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 24 && minute < 60 ? { hour, minute } : undefined;
}

/**
 * Euro amount as the canonical xsd:double lexical form ("2.221E1", "0.0E0"): the form JSON-LD processors produce,
 * so the Turtle and JSON-LD exports hold identical literals.
 */
export function euro(amountCents: number): string {
  const [mantissa, exponent] = (Math.round(amountCents) / 100).toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
