/**
 * The words and numbers of the district's figures page: a cell as the page writes it ("<5" when hidden), euros,
 * days, the sentence that says what a chart shows, and the choices as they live in the address
 * (?dal=&al=&comune=&area=). Kept apart from the page so they can be tested without drawing anything.
 */
import { SMALL_CELL_THRESHOLD, TARGET_AREAS, type Cell, type FigureRow, type SocialFigures, type TargetArea } from '../../../contracts/social';

export const SUPPRESSED_TEXT = `<${SMALL_CELL_THRESHOLD}`;
export const SUPPRESSED_WORDS = `meno di ${SMALL_CELL_THRESHOLD}, valore nascosto`;
export const SUPPRESSION_NOTE = `Per tutelare le persone, i valori inferiori a ${SMALL_CELL_THRESHOLD} sono nascosti`;

const INT = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });
const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const DATE = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A count as the page writes it: "1.234", or "<5" when hidden. */
export const cellText = (c: Cell): string => (c.suppressed || c.value === null ? SUPPRESSED_TEXT : INT.format(c.value));
/** The value a chart draws: nothing for a hidden cell (the table and the note say why). */
export const chartValue = (c: Cell): number | null => (c.suppressed ? null : c.value);
export const euros = (cents: number | null): string => (cents === null ? SUPPRESSED_TEXT : EURO.format(cents / 100));
export const days = (v: number | null): string => (v === null ? '—' : `${ONE.format(v)} ${v === 1 ? 'giorno' : 'giorni'}`);
export const longDate = (iso: string) => DATE.format(new Date(`${iso}T00:00:00Z`));

/** True when at least one number on the page is hidden. */
export function anySuppressed(f: SocialFigures): boolean {
  const rows = [...f.byComune, ...f.byNeed, ...f.byTargetArea, ...f.byAgeBand, ...f.byMonth];
  return Object.values(f.totals).some((c) => c.suppressed) || rows.some((r) => r.contacts.suppressed || r.cases.suppressed)
    || f.interventions.some((i) => i.suppressed) || f.waiting.suppressed;
}

/** Rows with something to draw (a hidden cell has something behind it); the table keeps every row. */
export const drawable = (rows: FigureRow[]) => rows.filter((r) => r.contacts.suppressed || r.cases.suppressed || !!r.contacts.value || !!r.cases.value);

/** What a breakdown's chart shows, in one sentence (the largest shown value of contacts and of cases). */
export function breakdownSummary(rows: FigureRow[], what: string): string {
  const top = (k: 'contacts' | 'cases') => rows.filter((r) => !r[k].suppressed && (r[k].value ?? 0) > 0)
    .reduce<FigureRow | null>((a, r) => (!a || (r[k].value ?? 0) > (a[k].value ?? 0) ? r : a), null);
  const c = top('contacts');
  const n = top('cases');
  if (!c && !n) {
    return rows.some((r) => r.contacts.suppressed || r.cases.suppressed)
      ? `Per ${what} i valori sono tutti nascosti o pari a zero.` : `Nessun primo contatto e nessuna nuova cartella per ${what} nel periodo.`;
  }
  const parts = [
    c ? `più primi contatti: ${c.label} (${cellText(c.contacts)})` : null,
    n ? `più nuove cartelle: ${n.label} (${cellText(n.cases)})` : null,
  ].filter(Boolean);
  return `Per ${what}, ${parts.join('; ')}.`;
}

export interface FigureChoices {
  from?: string;
  to?: string;
  comuneId?: string;
  targetArea?: TargetArea;
}

const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
  && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** The choices from the address: a date that is not one, or an unknown area, is not sent (the server's default applies). */
export function choicesOf(search: URLSearchParams): FigureChoices {
  const out: FigureChoices = {};
  const from = search.get('dal');
  const to = search.get('al');
  if (isDay(from)) out.from = from;
  if (isDay(to)) out.to = to;
  const comune = search.get('comune');
  if (comune && /^[0-9a-f-]{36}$/i.test(comune)) out.comuneId = comune;
  const area = search.get('area');
  if (area && (TARGET_AREAS as readonly string[]).includes(area)) out.targetArea = area as TargetArea;
  return out;
}

/** The address's query for the choices (the inverse of choicesOf). */
export function searchOf(c: FigureChoices): URLSearchParams {
  const p = new URLSearchParams();
  if (c.from) p.set('dal', c.from);
  if (c.to) p.set('al', c.to);
  if (c.comuneId) p.set('comune', c.comuneId);
  if (c.targetArea) p.set('area', c.targetArea);
  return p;
}

/** The API's query string for the choices (and the file's format). */
export function apiQuery(c: FigureChoices, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams(extra);
  if (c.from) p.set('from', c.from);
  if (c.to) p.set('to', c.to);
  if (c.comuneId) p.set('comuneId', c.comuneId);
  if (c.targetArea) p.set('targetArea', c.targetArea);
  const s = p.toString();
  return s ? `?${s}` : '';
}
