import type { Kysely } from 'kysely';
import {
  ANALYTICS_DEFAULT_DAYS, ANALYTICS_MAX_YEARS, type AnalyticsFigures, type AnalyticsFilters, type AnalyticsRow,
  type ApplicationsDashboard, type ApplicationsDashboardQuery,
} from '../../../contracts/analytics.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { addDays } from '../../platform/legal-clock.ts';
import { checkPeriod } from '../../platform/period.ts';
import { inScope } from '../../platform/tenancy.ts';
import { toCsv, toXlsx } from './analytics.export.ts';
import { AnalyticsRepository, type ClosedGroup, type ReceivedGroup, type SnapshotGroup } from './analytics.repository.ts';

/** The same day `years` years earlier (29 February → 1 March in a common year). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The period asked for, with its defaults (to = today, from = to − 90 days), or a 400 that says what to change:
 * a date that is not a real YYYY-MM-DD date, a start after the end, a period longer than three years.
 */
export function resolvePeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  checkPeriod(query);
  const to = query.to ?? today;
  // the default start is checked against the end like a given one (an end before the default start cannot be)
  const { from } = checkPeriod({ from: query.from ?? addDays(to, -ANALYTICS_DEFAULT_DAYS), to });
  if (from < yearsBefore(to, ANALYTICS_MAX_YEARS)) {
    throw badRequest(`Il periodo non è valido: al massimo ${ANALYTICS_MAX_YEARS} anni (dal ${yearsBefore(to, ANALYTICS_MAX_YEARS)} al ${to}); ` +
      `scegli un periodo più breve. (The period may last at most ${ANALYTICS_MAX_YEARS} years.)`,
    [{ path: 'query.from', message: `periodo più lungo di ${ANALYTICS_MAX_YEARS} anni (period longer than ${ANALYTICS_MAX_YEARS} years)` }]);
  }
  return { from, to };
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);
const key = (officeId: string | null, serviceId: string | null) => `${officeId ?? '-'}|${serviceId ?? '-'}`;

/** The figures of one group, from what each query found for it (a group absent from a query has nothing there). */
function figures(r: ReceivedGroup | undefined, s: SnapshotGroup | undefined, c: ClosedGroup | undefined, maxDays: number | null): AnalyticsFigures {
  const received = r?.received ?? 0;
  const closed = c?.closed ?? 0;
  return {
    received,
    inProgress: s?.in_progress ?? 0,
    waiting: s?.waiting ?? 0,
    overdue: s?.overdue ?? 0,
    closed,
    approved: c?.approved ?? 0,
    rejected: c?.rejected ?? 0,
    avgDays: closed ? round(c!.avg_days, 1) : null,
    p90Days: closed ? round(c!.p90_days, 1) : null,
    maxDays,
    onTimeShare: share(c?.on_time ?? 0, closed),
    integrationRate: share(r?.integrated ?? 0, received),
    ratingAverage: r?.rating_count ? round(r.rating_average, 2) : null,
    ratingCount: r?.rating_count ?? 0,
  };
}

/** "comune-di-castelrocca" → "castelrocca": the part of the slug that names the place, for file names. */
export function shortName(slug: string): string {
  return slug.replace(/^(comune|unione|provincia|comunita|ambito)-(di|dei|della|del|delle|degli)-/, '') || slug;
}

/**
 * The manager's dashboard of applications: per office × service, how many were received, are on the desks,
 * waiting, overdue; how long the closed ones took against the legal maximum; how many were on time; how often
 * the citizen was asked for more; what citizens thought. Managers, the body's administrators and platform
 * administrators may look; a lead body's manager may also look at a member body it serves.
 */
export class AnalyticsService {
  constructor(private readonly db: Kysely<DB>) {}

  private authorise(actor: Actor | null, tenant: string | undefined): { staff: StaffActor; tenantId: string } {
    const staff = requireAccess(actor, 'analytics.read', { tenantId: tenant ?? (actor && actor.kind !== 'citizen' ? actor.tenantId : undefined) }) as StaffActor;
    return { staff, tenantId: tenant ?? staff.tenantId };
  }

  async applications(actor: Actor | null, query: ApplicationsDashboardQuery): Promise<ApplicationsDashboard & { tenant: { slug: string } }> {
    const { tenantId } = this.authorise(actor, query.tenant);
    const today = clock.today();
    const { from, to } = resolvePeriod(query, today);
    const generatedAt = clock.now().toISOString();
    const selection = { tenantId, from, to, today, officeId: query.office, serviceId: query.service };

    return inScope(this.db, { tenantId }, async (trx) => {
      const repo = new AnalyticsRepository(trx);
      const tenant = await repo.tenant(tenantId);
      if (!tenant) throw notFound("L'ente richiesto");
      // one query per figure group (PGlite serves one query at a time: in sequence, in the same transaction)
      const received = await repo.received(selection);
      const snapshot = await repo.snapshot(selection);
      const closed = await repo.closed(selection);

      const groups = new Map<string, { officeId: string | null; serviceId: string }>();
      for (const g of [...received, ...snapshot, ...closed]) {
        if (!g.total && g.service_id) groups.set(key(g.office_id, g.service_id), { officeId: g.office_id, serviceId: g.service_id });
      }
      const all = [...groups.values()];
      const services = new Map((await repo.services([...new Set(all.map((g) => g.serviceId))])).map((s) => [s.id, s]));
      const offices = new Map((await repo.offices([...new Set(all.flatMap((g) => (g.officeId ? [g.officeId] : [])))])).map((o) => [o.id, o]));

      const byKey = <T extends { office_id: string | null; service_id: string | null; total: boolean }>(list: T[]) =>
        new Map(list.filter((g) => !g.total).map((g) => [key(g.office_id, g.service_id), g]));
      const rMap = byKey(received);
      const sMap = byKey(snapshot);
      const cMap = byKey(closed);

      const rows: AnalyticsRow[] = all.map((g) => {
        const k = key(g.officeId, g.serviceId);
        const service = services.get(g.serviceId);
        const office = g.officeId ? offices.get(g.officeId) : undefined;
        return {
          office: g.officeId ? { id: g.officeId, name: office?.name ?? '—' } : null,
          service: { id: g.serviceId, title: service?.title ?? '—' },
          ...figures(rMap.get(k), sMap.get(k), cMap.get(k), service?.max_days ?? null),
        };
      });
      rows.sort((a, b) => (a.office?.name ?? '\uffff').localeCompare(b.office?.name ?? '\uffff', 'it')
        || a.service.title.localeCompare(b.service.title, 'it') || a.service.id.localeCompare(b.service.id));

      const maxima = [...new Set(rows.map((r) => r.maxDays))];
      const totals = figures(received.find((g) => g.total), snapshot.find((g) => g.total), closed.find((g) => g.total),
        maxima.length === 1 ? maxima[0]! : null);

      return { tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug }, from, to, generatedAt, rows, totals };
    });
  }

  /** The same figures as a file: CSV for Italian Excel, or a formatted XLSX workbook. */
  async applicationsExport(actor: Actor | null, query: ApplicationsDashboardQuery, format: 'csv' | 'xlsx') {
    const dashboard = await this.applications(actor, query);
    const fileName = `pratiche-${shortName(dashboard.tenant.slug)}-${dashboard.from}_${dashboard.to}.${format}`;
    if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', content: toCsv(dashboard) };
    return {
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: await toXlsx(dashboard),
    };
  }

  /** What the dashboard's pickers offer: the bodies the caller may look at, the body's offices and services. */
  async filters(actor: Actor | null, tenant: string | undefined): Promise<AnalyticsFilters> {
    const { staff, tenantId } = this.authorise(actor, tenant);
    return inScope(this.db, { tenantId }, async (trx) => {
      const repo = new AnalyticsRepository(trx);
      const row = await repo.tenant(tenantId);
      if (!row) throw notFound("L'ente richiesto");
      const tenants = await repo.tenants(staff.roles.includes('platform_admin') ? 'all' : staff.servedTenantIds);
      const offices = await repo.officesOf(tenantId);
      const services = await repo.servicesWithApplications(tenantId);
      return { tenant: { id: row.id, name: row.name }, tenants, offices, services };
    });
  }
}
