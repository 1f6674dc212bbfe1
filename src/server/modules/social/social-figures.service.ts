import type { Kysely } from 'kysely';
import {
  AGE_BANDS, INTERVENTION_TYPES, NEED_LABELS, NEEDS, TARGET_AREA_LABELS, TARGET_AREAS,
  type Cell, type FigureRow, type SocialFigures, type TargetArea,
} from '../../../contracts/social.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { daysBetween } from '../../platform/legal-clock.ts';
import { checkPeriod } from '../../platform/period.ts';
import { inScope } from '../../platform/tenancy.ts';
import { figuresCsv, figuresXlsx } from './social-figures.export.ts';
import { SocialFiguresRepository, type FiguresSelection, type GroupRow } from './social-figures.repository.ts';
import { isSocialWorker, socialGrants, socialScopeFilter } from './social-scope.ts';
import { breakdownCells, cellOf, type RawCount } from './suppression.ts';

/** The longest period of the figures: five years (60 months on the chart). */
export const SOCIAL_FIGURES_MAX_DAYS = 5 * 366;

export interface SocialFiguresQuery { from?: string; to?: string; comuneId?: string; targetArea?: TargetArea }

/** The figures with what a file needs besides: the district's name and the filters in words. */
export interface SocialFiguresReport extends SocialFigures {
  districtName: string;
  comuneName: string | null;
  targetAreaLabel: string | null;
}

/** The default period: the last 12 months, the current one included (from the first day of the month 11 months ago). */
export function resolveSocialPeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  checkPeriod(query);
  const to = query.to ?? today;
  let from = query.from;
  if (!from) {
    const [y, m] = to.split('-').map(Number) as [number, number];
    const back = new Date(Date.UTC(y, m - 1 - 11, 1));
    from = back.toISOString().slice(0, 10);
  }
  checkPeriod({ from, to });
  const days = daysBetween(from, to) + 1;
  if (days > SOCIAL_FIGURES_MAX_DAYS) {
    throw badRequest(`Il periodo non è valido: dal ${from} al ${to} sono ${days} giorni, al massimo ${SOCIAL_FIGURES_MAX_DAYS} (5 anni); ` +
      `scegli un periodo più breve. (The period may last at most 5 years.)`,
    [{ path: 'query.from', message: `periodo di ${days} giorni, al massimo ${SOCIAL_FIGURES_MAX_DAYS} (period longer than 5 years)` }]);
  }
  return { from, to };
}

/** The period widened to whole calendar months: from the first day of its first month to the last of its last. */
export function wholeMonths(period: { from: string; to: string }): { from: string; to: string } {
  const [y, m] = period.to.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${period.from.slice(0, 7)}-01`, to: last };
}

/** The months of a period, YYYY-MM, first to last. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

const MONTH = new Intl.DateTimeFormat('it-IT', { month: 'short', year: 'numeric', timeZone: 'UTC' });
export const monthLabel = (key: string) => MONTH.format(new Date(`${key}-01T00:00:00Z`));
const UNKNOWN = 'unknown';
const round1 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(1)));

/**
 * The district's social figures: first contacts and new cases by comune, need, target area, age band and month;
 * totals; interventions and the body's spending by type; waiting times from first contact to taking in charge.
 *
 * Who sees what (social.analytics): a social worker sees exact figures of the rows their grants cover (their
 * comuni, sectors, target areas) and nothing else; managers and the administrators of the district see the whole
 * district with the cells of 1 to 4 people hidden (suppression.ts), here and in the files.
 */
export class SocialFiguresService {
  constructor(protected readonly db: Kysely<DB>) {}

  async figures(actor: Actor | null, query: SocialFiguresQuery): Promise<SocialFiguresReport> {
    const staff = requireAccess(actor, 'social.analytics') as StaffActor;
    const tenantId = staff.tenantId;
    // a social worker (any grant of the role) sees their own scope exactly; everyone else the district, suppressed
    const worker = isSocialWorker(staff);
    const suppress = !worker;
    const period = resolveSocialPeriod(query, clock.today());
    // Suppressed figures come in whole months: with free days, two periods one day apart would give by difference
    // the exact contacts of that day, however small the cell.
    const { from, to } = suppress ? wholeMonths(period) : period;

    return inScope(this.db, { tenantId }, async (trx) => {
      const repo = new SocialFiguresRepository(trx);
      const district = await repo.tenantName(tenantId);
      const members = await repo.comuni(tenantId);
      if (query.comuneId && !members.some((c) => c.id === query.comuneId)) throw notFound("Il comune dell'ambito");
      // a worker asking for a comune or an area outside their grants: 403 (the district's comuni are no secret)
      requireAccess(actor, 'social.analytics', { tenantId, ...(query.comuneId ? { comuneId: query.comuneId } : {}), ...(query.targetArea ? { targetArea: query.targetArea } : {}) });

      const grants = socialGrants(staff);
      const reach = worker ? (alias: string) => socialScopeFilter(staff, alias) : null;
      const s: FiguresSelection = { tenantId, from, to, comuneId: query.comuneId, targetArea: query.targetArea, reach };
      // in sequence: PGlite serves one query at a time
      const contacts = await repo.contactGroups(s);
      const cases = await repo.caseGroups(s);
      const inCharge = await repo.inChargeAtEnd(s);
      const people = await repo.people(s);
      const interventions = await repo.interventions(s);
      const waiting = await repo.waiting(s);

      // the rows a viewer can have figures for: a worker's comuni and areas (when every grant limits them)
      const workerComuni = worker && grants.every((g) => g.comuni.length) ? new Set(grants.flatMap((g) => g.comuni)) : null;
      const workerAreas = worker && grants.every((g) => g.targetAreas.length) ? new Set(grants.flatMap((g) => g.targetAreas)) : null;
      const comuneKeys = members.filter((c) => (!query.comuneId || c.id === query.comuneId) && (!workerComuni || workerComuni.has(c.id)));
      const areaKeys = TARGET_AREAS.filter((a) => (!query.targetArea || a === query.targetArea) && (!workerAreas || workerAreas.has(a)));
      // rows found in the data but not among the member comuni (a comune that left the district)
      const extra = [...new Set([...contacts, ...cases].filter((r) => r.dim === 'comune' && r.key && !comuneKeys.some((c) => c.id === r.key)).map((r) => r.key!))];
      const extraNames = await repo.namesOf(extra);

      const table = (dim: GroupRow['dim'], keys: { key: string | null; label: string; always: boolean }[]): FigureRow[] => {
        const pick = (rows: GroupRow[], key: string | null): RawCount => rows.find((r) => r.dim === dim && r.key === key) ?? { value: 0, people: 0 };
        const kept = keys.filter((k) => k.always || pick(contacts, k.key).value > 0 || pick(cases, k.key).value > 0);
        const c = breakdownCells(kept.map((k) => pick(contacts, k.key)), suppress);
        const n = breakdownCells(kept.map((k) => pick(cases, k.key)), suppress);
        return kept.map((k, i) => ({ key: k.key ?? UNKNOWN, label: k.label, contacts: c[i]!, cases: n[i]! }));
      };
      const total = (rows: GroupRow[]): RawCount => rows.find((r) => r.dim === 'total') ?? { value: 0, people: 0 };

      const typeRows = [...INTERVENTION_TYPES.map((t) => t.code), ...interventions.map((i) => i.code)]
        .filter((code, i, all) => all.indexOf(code) === i)
        .map((code) => {
          const row = interventions.find((i) => i.code === code);
          return { code, name: INTERVENTION_TYPES.find((t) => t.code === code)?.name ?? code, row: row ?? { code, interventions: 0, people: 0, spending_cents: 0 } };
        });
      const typePeople = breakdownCells(typeRows.map((t) => ({ value: t.row.people, people: t.row.people })), suppress);
      const waitingHidden = suppress && cellOf({ value: waiting.cases, people: waiting.people }, true).suppressed;

      return {
        districtName: district?.name ?? '',
        comuneName: query.comuneId ? members.find((c) => c.id === query.comuneId)?.name ?? null : null,
        targetAreaLabel: query.targetArea ? TARGET_AREA_LABELS[query.targetArea] : null,
        from,
        to,
        suppression: suppress,
        totals: {
          contacts: cellOf(total(contacts), suppress),
          newCases: cellOf(total(cases), suppress),
          casesInCharge: cellOf({ value: inCharge, people: inCharge }, suppress),
          people: cellOf({ value: people, people }, suppress),
        },
        byComune: table('comune', [
          ...comuneKeys.map((c) => ({ key: c.id, label: c.name, always: true })),
          ...extra.map((id) => ({ key: id, label: extraNames.find((x) => x.id === id)?.name ?? id, always: false })),
        ]),
        byNeed: table('need', [...NEEDS.map((n) => ({ key: n, label: NEED_LABELS[n], always: true })), { key: null, label: 'Bisogno non rilevato', always: false }]),
        byTargetArea: table('area', areaKeys.map((a) => ({ key: a, label: TARGET_AREA_LABELS[a], always: true }))),
        byAgeBand: table('age', [...AGE_BANDS.map((b) => ({ key: b, label: b === '80+' ? '80 anni e più' : `${b.replace('-', '–')} anni`, always: true })),
          { key: null, label: 'Età non nota', always: false }]),
        byMonth: table('month', monthsOf(from, to).map((m) => ({ key: m, label: monthLabel(m), always: true }))),
        interventions: typeRows.map((t, i) => {
          const hidden = typePeople[i]!.suppressed;
          return {
            code: t.code, name: t.name,
            people: typePeople[i]!,
            interventions: hidden ? { value: null, suppressed: true } : { value: t.row.interventions, suppressed: false },
            spendingCents: hidden ? null : t.row.spending_cents,
            suppressed: hidden,
          };
        }),
        waiting: waitingHidden
          ? { cases: 0, meanDays: null, medianDays: null, p90Days: null, suppressed: true }
          : { cases: waiting.cases, meanDays: round1(waiting.mean_days), medianDays: round1(waiting.median_days), p90Days: round1(waiting.p90_days), suppressed: false },
      };
    });
  }

  /** The same figures as a file (CSV for Italian Excel, or XLSX), with the same cells hidden ("<5"). */
  async figuresExport(actor: Actor | null, query: SocialFiguresQuery & { format: 'csv' | 'xlsx' }) {
    const { format, ...filters } = query;
    const figures = await this.figures(actor, filters);
    const fileName = `servizi-sociali-${figures.from}_${figures.to}.${format}`;
    if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', content: figuresCsv(figures) };
    return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await figuresXlsx(figures, clock.now()) };
  }
}

/** A cell in words: the number, or "<5" when hidden. */
export const cellText = (c: Cell) => (c.suppressed ? '<5' : String(c.value ?? 0));
