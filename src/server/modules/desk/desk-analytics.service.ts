import type { Kysely } from 'kysely';
import { SERVICE_LEVEL, type DeskCategoryFigures, type DeskFigures, type DeskHourStaffing } from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { addDays, daysBetween, romeDayStart } from '../../platform/legal-clock.ts';
import { checkPeriod } from '../../platform/period.ts';
import { inScope } from '../../platform/tenancy.ts';
import { DeskAnalyticsRepository, type DayHourRow, type FiguresSelection } from './desk-analytics.repository.ts';
import { figuresCsv, figuresXlsx } from './desk-analytics.export.ts';
import { countersNeeded, offeredLoad, serviceLevelOfMean } from './erlang-c.ts';

/** The longest period the figures cover, in days (a year, leap years included). */
export const DESK_FIGURES_MAX_DAYS = 366;
/** The default period: the last four weeks, today included. */
export const DESK_FIGURES_DEFAULT_DAYS = 28;

export interface FiguresQuery { office: string; from?: string; to?: string }

/** The period asked for with its defaults, or a 400 saying what to change. */
export function resolveFiguresPeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  checkPeriod(query);
  const to = query.to ?? today;
  const { from } = checkPeriod({ from: query.from ?? addDays(to, -(DESK_FIGURES_DEFAULT_DAYS - 1)), to });
  const days = daysBetween(from!, to) + 1;
  if (days > DESK_FIGURES_MAX_DAYS) {
    throw badRequest(`Il periodo non è valido: dal ${from} al ${to} sono ${days} giorni, al massimo ${DESK_FIGURES_MAX_DAYS}; ` +
      `scegli un periodo più breve. (The period may last at most ${DESK_FIGURES_MAX_DAYS} days.)`,
    [{ path: 'query.from', message: `periodo di ${days} giorni, al massimo ${DESK_FIGURES_MAX_DAYS} (period longer than ${DESK_FIGURES_MAX_DAYS} days)` }]);
  }
  return { from: from!, to };
}

/** ISO 8601 week of a day: "2026-W48" (the week belongs to the year of its Thursday). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const round = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

const ROME_DAY_HOUR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
function romeDayHour(at: Date): { day: string; hour: number } {
  const p = Object.fromEntries(ROME_DAY_HOUR.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

interface HourCell { counterMinutes: number; intervals: [number, number][] }

/**
 * Counter-minutes and the minutes with at least one counter open, per Italian day and hour. Italy's offset is a
 * whole number of hours, so the hours of Rome start where UTC's do: a session is cut at every UTC hour.
 */
export function openTimeByDayHour(sessions: { opened_at: Date; closed_at: Date | null }[], from: Date, until: Date): Map<string, { counterMinutes: number; openMinutes: number }> {
  const cells = new Map<string, HourCell>();
  for (const s of sessions) {
    let a = Math.max(new Date(s.opened_at).getTime(), from.getTime());
    const b = Math.min(s.closed_at ? new Date(s.closed_at).getTime() : until.getTime(), until.getTime());
    while (a < b) {
      const boundary = Math.min(b, (Math.floor(a / 3_600_000) + 1) * 3_600_000);
      const { day, hour } = romeDayHour(new Date(a));
      const key = `${day}|${hour}`;
      const cell = cells.get(key) ?? { counterMinutes: 0, intervals: [] };
      cell.counterMinutes += (boundary - a) / 60_000;
      cell.intervals.push([a, boundary]);
      cells.set(key, cell);
      a = boundary;
    }
  }
  const out = new Map<string, { counterMinutes: number; openMinutes: number }>();
  for (const [key, cell] of cells) {
    // the union of the sessions: the minutes the office had someone at a counter
    const sorted = cell.intervals.sort((x, y) => x[0] - y[0]);
    let open = 0;
    let [start, end] = sorted[0]!;
    for (const [x, y] of sorted.slice(1)) {
      if (x > end) {
        open += end - start;
        [start, end] = [x, y];
      } else end = Math.max(end, y);
    }
    open += end - start;
    out.set(key, { counterMinutes: cell.counterMinutes, openMinutes: open / 60_000 });
  }
  return out;
}

/**
 * Per hour of the day, over the period: arrivals an hour and counters open, both per minute the office was open in
 * that hour (a day on which the hour had arrivals but no counter session counts the whole hour), the hour's mean
 * service time, and Erlang C on them: the counters needed for SERVICE_LEVEL and the level the open ones gave.
 */
export function staffingByHour(rows: DayHourRow[], open: Map<string, { counterMinutes: number; openMinutes: number }>, fallbackServiceMinutes: number | null): DeskHourStaffing[] {
  const hours = new Map<number, { arrivals: number; served: number; serviceSum: number; counterMinutes: number; openMinutes: number }>();
  const cell = (h: number) => {
    let c = hours.get(h);
    if (!c) hours.set(h, (c = { arrivals: 0, served: 0, serviceSum: 0, counterMinutes: 0, openMinutes: 0 }));
    return c;
  };
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.day}|${r.hour}`;
    seen.add(key);
    const o = open.get(key);
    const c = cell(r.hour);
    c.arrivals += r.arrivals;
    c.served += r.served;
    c.serviceSum += r.service_minutes_sum;
    c.counterMinutes += o?.counterMinutes ?? 0;
    c.openMinutes += o && o.openMinutes > 0 ? o.openMinutes : r.arrivals > 0 ? 60 : 0;
  }
  for (const [key, o] of open) {
    if (seen.has(key)) continue;
    const c = cell(Number(key.split('|')[1]));
    c.counterMinutes += o.counterMinutes;
    c.openMinutes += o.openMinutes;
  }
  return [...hours.entries()].filter(([, c]) => c.openMinutes > 0).sort((a, b) => a[0] - b[0]).map(([hour, c]) => {
    const arrivalsPerHour = (c.arrivals / c.openMinutes) * 60;
    const countersOpen = c.counterMinutes / c.openMinutes;
    const meanService = c.served ? c.serviceSum / c.served : null;
    const serviceMinutes = meanService ?? fallbackServiceMinutes;
    const computable = c.arrivals > 0 && serviceMinutes !== null && serviceMinutes > 0;
    const load = computable ? offeredLoad(arrivalsPerHour, serviceMinutes) : 0;
    return {
      hour,
      arrivalsPerHour: round(arrivalsPerHour, 1)!,
      meanServiceMinutes: round(meanService, 1),
      countersNeeded: computable ? countersNeeded({ arrivalsPerHour, serviceMinutes, share: SERVICE_LEVEL.share, withinMinutes: SERVICE_LEVEL.withinMinutes }) : null,
      countersOpen: round(countersOpen, 1)!,
      serviceLevelWithOpen: computable ? round(serviceLevelOfMean(countersOpen, load, serviceMinutes, SERVICE_LEVEL.withinMinutes), 3) : null,
    };
  });
}

/**
 * The desk manager's figures for one office's queue: arrivals by hour, day and week; waiting and service times by
 * category; abandonment; appointments and their no-shows; satisfaction; and per hour the counters needed at the
 * observed rates (Erlang C) against those open. For the body's managers and administrators (and the platform's).
 * No person's data: counts, times and shares.
 */
export class DeskAnalyticsService {
  constructor(protected readonly db: Kysely<DB>) {}

  /** The office, if it is one the actor may look at: 401 without a caller, 404 for another body's office (or none), 403 by role. */
  private async office(actor: Actor | null, officeId: string) {
    if (!actor) requireAccess(actor, 'desk.analytics');
    const office = await inScope(this.db, { platform: true }, (trx) => new DeskAnalyticsRepository(trx).office(officeId));
    if (!office) throw notFound("L'ufficio");
    requireAccess(actor, 'desk.analytics', { tenantId: office.tenant_id, officeId });
    return office;
  }

  /** The offices of the actor's body that have a queue, for the page's office filter. */
  async offices(actor: Actor | null): Promise<{ items: { id: string; name: string }[] }> {
    const staff = requireAccess(actor, 'desk.analytics');
    if (staff.kind === 'citizen') throw notFound("L'ente");
    const tenantId = staff.tenantId;
    requireAccess(actor, 'desk.analytics', { tenantId });
    const items = await inScope(this.db, { tenantId }, (trx) => new DeskAnalyticsRepository(trx).officesWithQueue(tenantId));
    return { items };
  }

  async figures(actor: Actor | null, query: FiguresQuery): Promise<DeskFigures & { officeName: string }> {
    const office = await this.office(actor, query.office);
    const today = clock.today();
    const now = clock.now();
    const { from, to } = resolveFiguresPeriod(query, today);
    const selection: FiguresSelection = { officeId: office.id, from, to, today };
    return inScope(this.db, { tenantId: office.tenant_id }, async (trx) => {
      const repo = new DeskAnalyticsRepository(trx);
      // in sequence: PGlite serves one query at a time
      const categories = await repo.categories(office.id);
      const dayHours = await repo.byDayHour(selection);
      const groups = await repo.byCategory(selection);
      const sessions = await repo.sessions(selection);
      const appointments = await repo.appointments(selection);
      const ratings = await repo.ratings(selection);

      const byHour = new Map<number, number>();
      const byDay = new Map<string, number>();
      const byWeek = new Map<string, number>();
      for (const r of dayHours) {
        byHour.set(r.hour, (byHour.get(r.hour) ?? 0) + r.arrivals);
        byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.arrivals);
        byWeek.set(isoWeek(r.day), (byWeek.get(isoWeek(r.day)) ?? 0) + r.arrivals);
      }
      const total = groups.find((g) => g.total);
      const byCategory = new Map(groups.filter((g) => !g.total).map((g) => [g.category_id, g]));
      const categoryFigures: DeskCategoryFigures[] = categories.filter((c) => c.active || byCategory.has(c.id)).map((c) => {
        const g = byCategory.get(c.id);
        return {
          categoryId: c.id, name: c.name, prefix: c.prefix, tickets: g?.tickets ?? 0, served: g?.served ?? 0, abandoned: g?.abandoned ?? 0,
          waitMeanMinutes: round(g?.wait_mean ?? null, 1), waitP90Minutes: round(g?.wait_p90 ?? null, 1), serviceMeanMinutes: round(g?.service_mean ?? null, 1),
        };
      });

      const until = Math.min(now.getTime(), romeDayStart(addDays(to, 1)).getTime());
      const open = openTimeByDayHour(sessions, romeDayStart(from), new Date(until));
      const staffing = staffingByHour(dayHours, open, total?.service_mean ?? null);

      const ratingCount = ratings.satisfied + ratings.neutral + ratings.unsatisfied;
      const tickets = total?.tickets ?? 0;
      return {
        officeId: office.id,
        officeName: office.name,
        from,
        to,
        arrivals: {
          byHour: [...byHour].sort((a, b) => a[0] - b[0]).map(([hour, count]) => ({ hour, count })),
          byDay: [...byDay].sort().map(([day, count]) => ({ day, count })),
          byWeek: [...byWeek].sort().map(([week, count]) => ({ week, count })),
        },
        totals: {
          tickets,
          served: total?.served ?? 0,
          abandoned: total?.abandoned ?? 0,
          abandonmentRate: tickets ? round((total?.abandoned ?? 0) / tickets, 4) : null,
          waitMeanMinutes: round(total?.wait_mean ?? null, 1),
          waitP90Minutes: round(total?.wait_p90 ?? null, 1),
          appointments: appointments.appointments,
          noShowAppointments: appointments.no_shows,
        },
        categories: categoryFigures,
        satisfaction: { ...ratings, score: ratingCount ? round(ratings.satisfied / ratingCount, 4) : null },
        staffing,
      };
    });
  }

  /** The same figures as a file: CSV for Italian Excel, or an XLSX workbook with one sheet per table. */
  async figuresExport(actor: Actor | null, query: FiguresQuery, format: 'csv' | 'xlsx') {
    const figures = await this.figures(actor, query);
    const fileName = `sportello-${slugify(figures.officeName)}-${figures.from}_${figures.to}.${format}`;
    if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', content: figuresCsv(figures) };
    return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await figuresXlsx(figures, clock.now()) };
  }
}

const slugify = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'ufficio';
