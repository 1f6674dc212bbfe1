/** Periods of calendar days asked for in a query (?from=YYYY-MM-DD&to=YYYY-MM-DD), checked one way everywhere. */
import { badRequest, type ProblemItem } from './errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The period as given (both ends optional), or a 400 naming the field: a date that is not one, a start after the end. */
export function checkPeriod<T extends { from?: string; to?: string }>(query: T): T {
  const errors: ProblemItem[] = [];
  for (const key of ['from', 'to'] as const) {
    const v = query[key];
    if (v !== undefined && !isCalendarDate(v)) {
      errors.push({ path: `query.${key}`, message: `"${v}" non è una data valida: scrivila come AAAA-MM-GG, per esempio 2026-11-24 (not a valid date: use YYYY-MM-DD)` });
    }
  }
  if (errors.length) throw badRequest(`Il periodo non è valido: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  if (query.from && query.to && query.from > query.to) {
    throw badRequest(`Il periodo non è valido: la data di inizio (${query.from}) viene dopo quella di fine (${query.to}); scambiale. (The start date is after the end date.)`,
      [{ path: 'query.from', message: `la data di inizio viene dopo quella di fine ${query.to} (from is after to)` }]);
  }
  return query;
}
