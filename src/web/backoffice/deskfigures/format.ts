/** Numbers, minutes and days the way the page's language writes them. */
import { locale } from '../../ui/romeTime';

export function deskFormatters(lng: string) {
  const int = new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 1, minimumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale(lng), { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortDate = new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(locale(lng), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    int: (v: number) => int.format(v),
    one: (v: number) => one.format(v),
    share: (v: number | null) => (v === null ? '—' : pct.format(v)),
    minutes: (v: number | null) => (v === null ? '—' : `${one.format(v)} min`),
    /** a YYYY-MM-DD calendar date: "24 novembre 2026" */
    date: (v: string) => date.format(new Date(`${v}T00:00:00Z`)),
    shortDate: (v: string) => shortDate.format(new Date(`${v}T00:00:00Z`)),
    weekdayDate: (v: string) => weekday.format(new Date(`${v}T00:00:00Z`)),
  };
}
export type DeskFormatters = ReturnType<typeof deskFormatters>;
