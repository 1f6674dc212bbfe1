/**
 * The desk manager's dashboard (/backoffice/cruscotto-sportello): for an office with a queue and a period, the
 * counters needed hour by hour against those open (first: it answers "why were people waiting at 10?"), the
 * arrivals by hour, day and week, the waits by category, the visitors' satisfaction; CSV and Excel downloads.
 * Every chart has its sentence and its table. The choices live in the address, so a view can be bookmarked.
 */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router';
import {
  deskFiguresExportUrl, SERVICE_LEVEL, useDeskFigures, useDeskFiguresOffices, type DeskFigures, type DeskFiguresParams, type DeskHourStaffing,
} from '../../api/deskFigures';
import type { Operator } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { Chart, type ChartOption } from '../dashboard/Chart';
import { addDays, CUSTOM_PERIOD, isDate, periodChoiceOf, romeToday, type PeriodPresets } from '../dashboard/period';
import { PeriodPicker } from '../dashboard/PeriodPicker';
import { byDayOption, byHourOption, hourLabel, isShort, satisfactionOption, staffingOption, waitsOption } from './charts';
import { deskFormatters, type DeskFormatters } from './format';
import '../dashboard/dashboard.css';
import './deskfigures.css';

const PERIODS: PeriodPresets = { presets: ['28', '91', '365'], defaultPreset: '28', maxDays: 366 };
const DEFINITIONS = ['wait', 'service', 'abandoned', 'appointments', 'staffing', 'open'] as const;


/** What to ask for, from the address; a preset of N days ends today and includes it. */
function paramsFrom(search: URLSearchParams, office: string, today: string): DeskFiguresParams {
  const choice = periodChoiceOf(search, PERIODS);
  if (choice === CUSTOM_PERIOD) {
    const from = search.get('dal');
    const to = search.get('al');
    // the server checks the dates again and says what is wrong: a half-typed date is simply not sent
    return { office, ...(isDate(from) ? { from } : {}), ...(isDate(to) ? { to } : {}) };
  }
  return { office, from: addDays(today, -(Number(choice) - 1)), to: today };
}

export default function DeskFiguresPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('deskFigures.title'));
  const [search, setSearch] = useSearchParams();
  const today = romeToday();
  const offices = useDeskFiguresOffices();
  const officeList = offices.data?.items ?? [];
  const chosen = search.get('ufficio');
  const office = officeList.find((o) => o.id === chosen)?.id ?? officeList[0]?.id ?? '';
  const params = useMemo(() => (office ? paramsFrom(search, office, today) : null), [search, office, today]);
  const figures = useDeskFigures(params);
  const fmt = useMemo(() => deskFormatters(i18n.language), [i18n.language]);

  const choose = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };

  return (
    <div className="container py-3 py-lg-4 sp-dashboard sp-desk-figures">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('deskFigures.title') }]} />
      <h1>{t('deskFigures.title')}</h1>
      <p className="lead mb-3">{t('deskFigures.lead', { name: operator.tenant.name })}</p>

      {offices.isPending ? (
        <Loading />
      ) : offices.isError ? (
        <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
      ) : officeList.length === 0 ? (
        <Notice tone="info" role="none"><p className="mb-0">{t('deskFigures.noOffices')}</p></Notice>
      ) : (
        <>
          <section aria-labelledby="desk-figures-choices" className="sp-dashboard-choices mb-4">
            <h2 id="desk-figures-choices" className="h5">{t('deskFigures.choices')}</h2>
            <div className="row g-3 mb-2">
              <div className="col-12 col-md-6">
                <SelectField id="desk-figures-office" label={t('deskFigures.office')} value={office}
                  onValueChange={(v) => choose({ ufficio: v })} options={officeList.map((o) => ({ value: o.id, label: o.name }))} />
              </div>
            </div>
            <PeriodPicker idPrefix="desk-figures" textKey="deskFigures.period" config={PERIODS} search={search} onApply={choose} from={figures.data?.from} to={figures.data?.to} />
            {params && (
              <div className="d-flex flex-wrap gap-2 mt-3">
                <a className="btn btn-outline-primary btn-sm" href={deskFiguresExportUrl('csv', params)} download>{t('deskFigures.downloadCsv')}</a>
                <a className="btn btn-outline-primary btn-sm" href={deskFiguresExportUrl('xlsx', params)} download>{t('deskFigures.downloadXlsx')}</a>
              </div>
            )}
          </section>

          {figures.isPending ? (
            <Loading />
          ) : figures.isError ? (
            <ErrorMessage error={figures.error} retry={() => void figures.refetch()} />
          ) : (
            <Results data={figures.data} officeName={officeList.find((o) => o.id === figures.data.officeId)?.name ?? ''} fmt={fmt} busy={figures.isPlaceholderData} />
          )}
        </>
      )}
    </div>
  );
}


function Results({ data, officeName, fmt, busy }: { data: DeskFigures; officeName: string; fmt: DeskFormatters; busy: boolean }) {
  const { t } = useTranslation();
  const narrow = !useMediaQuery('(min-width: 576px)');
  const period = t('deskFigures.periodText', { from: fmt.date(data.from), to: fmt.date(data.to) });
  const target = { share: fmt.share(SERVICE_LEVEL.share), minutes: SERVICE_LEVEL.withinMinutes };

  return (
    <div aria-busy={busy} className={busy ? 'sp-busy' : undefined}>
      <p role="status" className="small text-secondary">
        {busy ? t('deskFigures.updating') : t('deskFigures.generated', { office: officeName, from: fmt.date(data.from), to: fmt.date(data.to) })}
      </p>

      <section aria-labelledby="desk-figures-summary">
        <h2 id="desk-figures-summary" className="visually-hidden">{t('deskFigures.summaryHeading')}</h2>
        <KpiTiles data={data} fmt={fmt} />
      </section>

      {data.totals.tickets === 0 && data.staffing.length === 0 ? (
        <Notice tone="info" role="none"><p className="mb-0">{t('deskFigures.empty')}</p></Notice>
      ) : (
        <>
          <section aria-labelledby="desk-figures-staffing" className="mb-4">
            <h2 id="desk-figures-staffing" className="h4">{t('deskFigures.staffing.heading')}</h2>
            <p>{t('deskFigures.staffing.intro', target)}</p>
            <p className="fw-semibold" id="desk-figures-staffing-summary">{staffingSummary(data.staffing, t, fmt)}</p>
            <StaffingTable rows={data.staffing} fmt={fmt} caption={t('deskFigures.staffing.caption', { period })} />
            {data.staffing.some((r) => r.countersNeeded !== null) && (
              <ChartFigure id="staffing" title={t('deskFigures.staffing.chart')} summary={t('deskFigures.staffing.chartReading')} label={staffingSummary(data.staffing, t, fmt)}
                option={staffingOption(data.staffing, t, fmt, narrow)} height={narrow ? 280 : 300} />
            )}
          </section>

          <section aria-labelledby="desk-figures-arrivals" className="mb-4">
            <h2 id="desk-figures-arrivals" className="h4">{t('deskFigures.arrivals.heading')}</h2>
            <div className="row g-4">
              <ChartFigure half id="by-hour" title={t('deskFigures.arrivals.byHour')} summary={byHourSummary(data, t, fmt)}
                option={data.arrivals.byHour.length ? byHourOption(data, t, fmt, narrow) : null} height={260}
                table={<SimpleTable caption={t('deskFigures.arrivals.byHour')} head={[t('deskFigures.staffing.hour'), t('deskFigures.arrivals.count')]}
                  rows={data.arrivals.byHour.map((r) => [hourRange(r.hour), fmt.int(r.count)])} />} />
              <ChartFigure half id="by-day" title={t('deskFigures.arrivals.byDay')} summary={byDaySummary(data, t, fmt)}
                option={data.arrivals.byDay.length ? byDayOption(data, t, fmt, narrow) : null} height={260}
                table={<SimpleTable caption={t('deskFigures.arrivals.byDay')} head={[t('deskFigures.arrivals.day'), t('deskFigures.arrivals.count')]}
                  rows={data.arrivals.byDay.map((r) => [fmt.weekdayDate(r.day), fmt.int(r.count)])} />} />
            </div>
            {data.arrivals.byWeek.length > 0 && (
              <div className="mt-3">
                <SimpleTable caption={t('deskFigures.arrivals.byWeek')} head={[t('deskFigures.arrivals.week'), t('deskFigures.arrivals.count')]}
                  rows={data.arrivals.byWeek.map((r) => [t('deskFigures.arrivals.weekLabel', { week: Number(r.week.slice(6)), year: r.week.slice(0, 4) }), fmt.int(r.count)])} />
              </div>
            )}
          </section>

          <section aria-labelledby="desk-figures-categories" className="mb-4">
            <h2 id="desk-figures-categories" className="h4">{t('deskFigures.categories.heading')}</h2>
            <CategoriesTable data={data} fmt={fmt} caption={t('deskFigures.categories.caption', { period })} />
            {data.categories.some((c) => c.waitMeanMinutes !== null) && (
              <ChartFigure id="waits" title={t('deskFigures.categories.chart')} summary={waitsSummary(data, t, fmt)}
                option={waitsOption(data.categories, t, fmt, narrow)} height={data.categories.length * (narrow ? 52 : 44) + (narrow ? 90 : 70)} />
            )}
          </section>

          <section aria-labelledby="desk-figures-satisfaction" className="mb-4">
            <h2 id="desk-figures-satisfaction" className="h4">{t('deskFigures.satisfaction.heading')}</h2>
            <div className="row g-4">
              <ChartFigure half id="satisfaction" title={t('deskFigures.satisfaction.heading')} hideTitle summary={satisfactionSummary(data, t, fmt)}
                option={data.satisfaction.score !== null ? satisfactionOption(data, t, fmt, narrow) : null} height={240}
                table={<SimpleTable caption={t('deskFigures.satisfaction.caption', { period })} head={[t('deskFigures.satisfaction.rating'), t('deskFigures.satisfaction.count')]}
                  rows={(['satisfied', 'neutral', 'unsatisfied'] as const).map((k) => [t(`deskFigures.satisfaction.${k}`), fmt.int(data.satisfaction[k])])} />} />
            </div>
          </section>
        </>
      )}

      <details className="sp-definitions mb-4">
        <summary>{t('deskFigures.definitions.title')}</summary>
        <dl className="mt-2 mb-0">
          {DEFINITIONS.map((d) => (
            <div key={d}>
              <dt>{t(`deskFigures.definitions.${d}.term`)}</dt>
              <dd>{t(`deskFigures.definitions.${d}.text`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

const hourRange = (h: number) => `${hourLabel(h)}–${hourLabel(h + 1)}`;

function KpiTiles({ data, fmt }: { data: DeskFigures; fmt: DeskFormatters }) {
  const { t } = useTranslation();
  const { totals, satisfaction } = data;
  const ratings = satisfaction.satisfied + satisfaction.neutral + satisfaction.unsatisfied;
  const short = data.staffing.filter(isShort).length;
  const tiles = [
    { key: 'tickets', value: fmt.int(totals.tickets), note: t('deskFigures.kpi.ticketsNote', { served: fmt.int(totals.served) }) },
    { key: 'wait', value: fmt.minutes(totals.waitMeanMinutes), note: totals.waitP90Minutes === null ? t('deskFigures.kpi.none') : t('deskFigures.kpi.waitNote', { p90: fmt.minutes(totals.waitP90Minutes) }) },
    { key: 'abandoned', value: fmt.share(totals.abandonmentRate), note: t('deskFigures.kpi.abandonedNote', { count: totals.abandoned }) },
    { key: 'satisfaction', value: fmt.share(satisfaction.score), note: ratings ? t('deskFigures.kpi.satisfactionNote', { count: ratings }) : t('deskFigures.kpi.noRatings') },
    { key: 'appointments', value: fmt.int(totals.appointments), note: t('deskFigures.kpi.appointmentsNote', { noShows: fmt.int(totals.noShowAppointments) }) },
    { key: 'short', value: fmt.int(short), note: t('deskFigures.kpi.shortNote', { share: fmt.share(SERVICE_LEVEL.share), minutes: SERVICE_LEVEL.withinMinutes }), alarm: short > 0 },
  ];
  return (
    <ul className="sp-kpis list-unstyled row g-2 g-md-3 mb-3">
      {tiles.map((tile) => (
        <li key={tile.key} className="col-6 col-md-4 col-xl-2" data-testid={`desk-kpi-${tile.key}`}>
          <div className={`sp-kpi h-100${tile.alarm ? ' sp-kpi-alarm' : ''}`}>
            <p className="sp-kpi-label mb-1">{t(`deskFigures.kpi.${tile.key}`)}</p>
            <p className="sp-kpi-value mb-1">{tile.value}</p>
            <p className="sp-kpi-note mb-0">{tile.note}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The staffing table: the page's answer to "why were people waiting at that hour?". Understaffed rows say so in words too. */
function StaffingTable({ rows, fmt, caption }: { rows: DeskHourStaffing[]; fmt: DeskFormatters; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-responsive sp-figures mb-3" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table sp-staffing-table" data-testid="desk-staffing-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deskFigures.staffing.hour')}</th>
            <th scope="col" className="text-end">{t('deskFigures.staffing.needed')}</th>
            <th scope="col" className="text-end">{t('deskFigures.staffing.open')}</th>
            <th scope="col">{t('deskFigures.staffing.status')}</th>
            <th scope="col" className="text-end">{t('deskFigures.staffing.level', { minutes: SERVICE_LEVEL.withinMinutes })}</th>
            <th scope="col" className="text-end">{t('deskFigures.staffing.arrivals')}</th>
            <th scope="col" className="text-end">{t('deskFigures.staffing.service')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const short = isShort(r);
            const missing = r.countersNeeded === null ? 0 : Math.max(0, r.countersNeeded - r.countersOpen);
            return (
              <tr key={r.hour} className={short ? 'sp-staffing-short' : undefined} data-hour={r.hour}>
                <th scope="row">{hourRange(r.hour)}</th>
                <td className="text-end">{r.countersNeeded === null ? '—' : fmt.int(r.countersNeeded)}</td>
                <td className="text-end">{fmt.one(r.countersOpen)}</td>
                <td>
                  {r.countersNeeded === null ? t('deskFigures.staffing.nobody') : short ? (
                    <strong className="sp-staffing-flag">
                      <span aria-hidden="true">⚠ </span>
                      {t('deskFigures.staffing.short', { count: Number(missing.toFixed(1)), missing: fmt.one(Number(missing.toFixed(1))) })}
                    </strong>
                  ) : t('deskFigures.staffing.enough')}
                </td>
                <td className="text-end">{fmt.share(r.serviceLevelWithOpen)}</td>
                <td className="text-end">{fmt.one(r.arrivalsPerHour)}</td>
                <td className="text-end">{fmt.minutes(r.meanServiceMinutes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CategoriesTable({ data, fmt, caption }: { data: DeskFigures; fmt: DeskFormatters; caption: string }) {
  const { t } = useTranslation();
  const cols = ['waitMean', 'waitP90', 'serviceMean', 'tickets', 'served', 'abandoned'] as const;
  return (
    <div className="table-responsive sp-figures mb-3" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deskFigures.categories.category')}</th>
            {cols.map((c) => <th key={c} scope="col" className="text-end">{t(`deskFigures.categories.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.categories.map((c) => (
            <tr key={c.categoryId}>
              <th scope="row">{c.prefix} · {c.name}</th>
              <td className="text-end">{fmt.minutes(c.waitMeanMinutes)}</td>
              <td className="text-end">{fmt.minutes(c.waitP90Minutes)}</td>
              <td className="text-end">{fmt.minutes(c.serviceMeanMinutes)}</td>
              <td className="text-end">{fmt.int(c.tickets)}</td>
              <td className="text-end">{fmt.int(c.served)}</td>
              <td className="text-end">{fmt.int(c.abandoned)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboard.total')}</th>
            <td className="text-end">{fmt.minutes(data.totals.waitMeanMinutes)}</td>
            <td className="text-end">{fmt.minutes(data.totals.waitP90Minutes)}</td>
            <td className="text-end">—</td>
            <td className="text-end">{fmt.int(data.totals.tickets)}</td>
            <td className="text-end">{fmt.int(data.totals.served)}</td>
            <td className="text-end">{fmt.int(data.totals.abandoned)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function SimpleTable({ caption, head, rows }: { caption: string; head: [string, string]; rows: string[][] }) {
  return (
    <div className="table-responsive sp-figures sp-simple-table" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table mb-0">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{head[0]}</th><th scope="col" className="text-end">{head[1]}</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r[0]}><th scope="row">{r[0]}</th><td className="text-end">{r[1]}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

/** A chart with its title and summary sentence; its table, when it has one of its own, folded under it. */
function ChartFigure({ id, title, summary, label, option, height, table, half, hideTitle }: {
  id: string; title: string; summary: string; /** what the picture says, when the caption only tells how to read it */ label?: string;
  option: ChartOption | null; height: number; table?: ReactNode; half?: boolean; hideTitle?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <figure className={`${half ? 'col-12 col-xl-6' : ''} mb-0 sp-chart-figure`} aria-labelledby={`desk-chart-${id}-title`}>
      <figcaption>
        <h3 id={`desk-chart-${id}-title`} className={hideTitle ? 'visually-hidden' : 'h5 mb-1'}>{title}</h3>
        <p className="mb-2" id={`desk-chart-${id}-summary`}>{summary}</p>
      </figcaption>
      {option && <Chart option={option} height={height} label={`${title}. ${label ?? summary}`} testId={`desk-chart-${id}`} />}
      {table && (
        <details className="sp-definitions mt-2">
          <summary>{t('deskFigures.dataTable')}</summary>
          <div className="mt-2">{table}</div>
        </details>
      )}
    </figure>
  );
}

// ---- the sentences that say what each chart shows --------------------------------------------------------------

type T = ReturnType<typeof useTranslation>['t'];

function staffingSummary(rows: DeskHourStaffing[], t: T, fmt: DeskFormatters): string {
  const target = { share: fmt.share(SERVICE_LEVEL.share), minutes: SERVICE_LEVEL.withinMinutes };
  const computable = rows.filter((r) => r.countersNeeded !== null);
  if (!computable.length) return t('deskFigures.staffing.summaryNone');
  const short = computable.filter(isShort);
  if (!short.length) return t('deskFigures.staffing.summaryEnough', target);
  const list = short.map((r) => t('deskFigures.staffing.summaryHour', {
    hour: hourLabel(r.hour), arrivals: fmt.one(r.arrivalsPerHour), needed: fmt.int(r.countersNeeded!), open: fmt.one(r.countersOpen),
    level: fmt.share(r.serviceLevelWithOpen), minutes: SERVICE_LEVEL.withinMinutes,
  })).join('; ');
  return t('deskFigures.staffing.summaryShort', { count: short.length, hours: computable.length, list });
}

function byHourSummary(d: DeskFigures, t: T, fmt: DeskFormatters): string {
  if (!d.arrivals.byHour.length) return t('deskFigures.empty');
  const top = d.arrivals.byHour.reduce((a, b) => (b.count > a.count ? b : a));
  return t('deskFigures.arrivals.byHourSummary', { total: fmt.int(d.totals.tickets), hour: hourLabel(top.hour), count: fmt.int(top.count) });
}

function byDaySummary(d: DeskFigures, t: T, fmt: DeskFormatters): string {
  if (!d.arrivals.byDay.length) return t('deskFigures.empty');
  const top = d.arrivals.byDay.reduce((a, b) => (b.count > a.count ? b : a));
  return t('deskFigures.arrivals.byDaySummary', { mean: fmt.one(d.totals.tickets / d.arrivals.byDay.length), day: fmt.date(top.day), count: fmt.int(top.count) });
}

function waitsSummary(d: DeskFigures, t: T, fmt: DeskFormatters): string {
  const called = d.categories.filter((c) => c.waitMeanMinutes !== null);
  if (!called.length) return t('deskFigures.categories.summaryNone');
  const top = called.reduce((a, b) => (b.waitMeanMinutes! > a.waitMeanMinutes! ? b : a));
  return t('deskFigures.categories.summary', { name: top.name, mean: fmt.minutes(top.waitMeanMinutes), p90: fmt.minutes(top.waitP90Minutes) });
}

function satisfactionSummary(d: DeskFigures, t: T, fmt: DeskFormatters): string {
  const s = d.satisfaction;
  if (s.score === null) return t('deskFigures.satisfaction.summaryNone');
  return t('deskFigures.satisfaction.summary', { satisfied: fmt.int(s.satisfied), neutral: fmt.int(s.neutral), unsatisfied: fmt.int(s.unsatisfied), score: fmt.share(s.score) });
}
