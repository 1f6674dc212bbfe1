/** Numbers the way the page's language writes them, and the labels of the rows. */
import type { AnalyticsRow } from './dashboardApi';

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

export function formatters(lng: string) {
  const int = new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(locale(lng), { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale(lng), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' });
  return {
    int: (v: number) => int.format(v),
    days: (v: number | null) => (v === null ? '—' : one.format(v)),
    share: (v: number | null) => (v === null ? '—' : pct.format(v)),
    rating: (v: number | null) => (v === null ? '—' : two.format(v)),
    /** a YYYY-MM-DD calendar date: "24 novembre 2026" */
    date: (v: string) => date.format(new Date(`${v}T00:00:00Z`)),
    dateTime: (v: string) => dateTime.format(new Date(v)),
  };
}
export type Formatters = ReturnType<typeof formatters>;

/**
 * What names a row in the charts: the service's title, and the office too when the same service shows under more
 * than one office (after a reassignment).
 */
export function rowLabels(rows: AnalyticsRow[], noOffice: string): string[] {
  const offices = new Map<string, Set<string>>();
  for (const r of rows) offices.set(r.service.id, (offices.get(r.service.id) ?? new Set()).add(r.office?.id ?? ''));
  return rows.map((r) => (offices.get(r.service.id)!.size > 1 ? `${r.service.title} (${r.office?.name ?? noOffice})` : r.service.title));
}
