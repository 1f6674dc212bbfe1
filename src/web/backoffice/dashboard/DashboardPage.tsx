/**
 * The manager's dashboard (/backoffice/cruscotto): per office and service, what came in, what is on the desks,
 * what is late, how long the outcomes took against the legal maximum, how often the citizen was asked for more,
 * what citizens thought. Tiles for the headline, charts with a sentence each, a sortable table with every
 * number, CSV and Excel downloads. The choices live in the address, so a view can be bookmarked or sent.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router';
import type { Operator } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { Chart } from './Chart';
import { chartHeight, onTimeOption, timesOption, workloadOption } from './chartOptions';
import { exportUrl, useDashboard, useDashboardFilters, type AnalyticsFigures, type ApplicationsDashboard } from './dashboardApi';
import { FiguresTable } from './FiguresTable';
import { formatters, rowLabels, type Formatters } from './format';
import { DEFAULT_PRESET, paramsFrom, PRESETS, romeToday } from './period';
import { PeriodPicker } from './PeriodPicker';
import { onTimeSummary, timesSummary, workloadSummary } from './summaries';
import './dashboard.css';

const DEFINITIONS = ['received', 'inProgress', 'waiting', 'overdue', 'closed', 'days', 'maxDays', 'onTimeShare', 'integrationRate', 'rating'] as const;

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('dashboard.title'));
  const [search, setSearch] = useSearchParams();
  const today = romeToday();
  const params = useMemo(() => paramsFrom(search, today), [search, today]);
  const dashboard = useDashboard(params);
  const filters = useDashboardFilters(params.tenant);
  const fmt = useMemo(() => formatters(i18n.language), [i18n.language]);
  const data = dashboard.data;

  /** Changes some choices in the address; a new body clears the office and service of the old one. */
  const choose = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    if ('ente' in changes) {
      next.delete('ufficio');
      next.delete('servizio');
    }
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };

  return (
    <div className="container py-3 py-lg-4 sp-dashboard">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('dashboard.title') }]} />
      <h1>{t('dashboard.title')}</h1>
      <p className="lead mb-3">
        {t('dashboard.lead', { name: data?.tenant.name ?? operator.tenant.name })}
      </p>

      <section aria-labelledby="dashboard-choices" className="sp-dashboard-choices mb-4">
        <h2 id="dashboard-choices" className="h5">{t('dashboard.choices')}</h2>
        <PeriodPicker idPrefix="dashboard" textKey="dashboard.period" config={{ presets: PRESETS, defaultPreset: DEFAULT_PRESET }} search={search} onApply={choose} from={data?.from} to={data?.to} />
        <div className="row g-3 mt-1">
          {filters.data && filters.data.tenants.length > 1 && (
            <div className="col-12 col-md-4">
              <SelectField id="dashboard-tenant" label={t('dashboard.tenant')} value={params.tenant ?? operator.tenant.id}
                onValueChange={(v) => choose({ ente: v === operator.tenant.id ? undefined : v })}
                options={filters.data.tenants.map((x) => ({ value: x.id, label: x.name }))} />
            </div>
          )}
          <div className="col-12 col-md-4">
            <SelectField id="dashboard-office" label={t('dashboard.office')} value={params.office ?? ''} emptyLabel={t('dashboard.allOffices')}
              onValueChange={(v) => choose({ ufficio: v })} options={(filters.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </div>
          <div className="col-12 col-md-4">
            <SelectField id="dashboard-service" label={t('dashboard.service')} value={params.service ?? ''} emptyLabel={t('dashboard.allServices')}
              onValueChange={(v) => choose({ servizio: v })} options={(filters.data?.services ?? []).map((s) => ({ value: s.id, label: s.title }))} />
          </div>
        </div>
        <div className="d-flex flex-wrap gap-2 mt-2">
          <a className="btn btn-outline-primary btn-sm" href={exportUrl('csv', params)} download>{t('dashboard.downloadCsv')}</a>
          <a className="btn btn-outline-primary btn-sm" href={exportUrl('xlsx', params)} download>{t('dashboard.downloadXlsx')}</a>
        </div>
      </section>

      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <ErrorMessage error={dashboard.error} retry={() => void dashboard.refetch()} />
      ) : (
        <Results data={data!} fmt={fmt} busy={dashboard.isPlaceholderData} />
      )}
    </div>
  );
}


function Results({ data, fmt, busy }: { data: ApplicationsDashboard; fmt: Formatters; busy: boolean }) {
  const { t } = useTranslation();
  const narrow = !useMediaQuery('(min-width: 576px)');
  const { rows, totals } = data;
  const labels = rowLabels(rows, t('dashboard.noOffice'));
  const period = t('dashboard.periodText', { from: fmt.date(data.from), to: fmt.date(data.to) });
  const open = rows.map((r, i) => ({ r, label: labels[i]! })).filter((x) => x.r.inProgress + x.r.waiting > 0);
  const closed = rows.map((r, i) => ({ r, label: labels[i]! })).filter((x) => x.r.closed > 0);
  const layout = { narrow };

  return (
    <div aria-busy={busy} className={busy ? 'sp-busy' : undefined}>
      <p role="status" className="small text-secondary">
        {busy ? t('dashboard.updating') : t('dashboard.generated', { period, at: fmt.dateTime(data.generatedAt) })}
      </p>

      <section aria-labelledby="dashboard-summary">
        <h2 id="dashboard-summary" className="visually-hidden">{t('dashboard.summaryHeading')}</h2>
        <KpiTiles totals={totals} fmt={fmt} />
      </section>

      <details className="sp-definitions mb-4">
        <summary>{t('dashboard.definitions.title')}</summary>
        <dl className="mt-2 mb-0">
          {DEFINITIONS.map((d) => (
            <div key={d}>
              <dt>{t(`dashboard.definitions.${d}.term`)}</dt>
              <dd>{t(`dashboard.definitions.${d}.text`)}</dd>
            </div>
          ))}
        </dl>
      </details>

      {rows.length === 0 ? (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('dashboard.empty')}</p>
        </Notice>
      ) : (
        <>
          <section aria-labelledby="dashboard-charts">
            <h2 id="dashboard-charts" className="h4">{t('dashboard.charts')}</h2>
            <div className="row g-4">
              <ChartFigure id="workload" title={t('dashboard.chart.workload')}
                summary={workloadSummary(open.map((x) => x.r), open.map((x) => x.label), totals, t, fmt)}
                rows={open.length} layout={layout}
                option={open.length ? workloadOption(open.map((x) => x.r), open.map((x) => x.label), t, fmt, layout) : null} />
              <ChartFigure id="ontime" title={t('dashboard.chart.onTime')}
                summary={onTimeSummary(closed.map((x) => x.r), closed.map((x) => x.label), totals, t, fmt)}
                rows={closed.length} layout={layout}
                option={closed.length ? onTimeOption(closed.map((x) => x.r), closed.map((x) => x.label), t, fmt, layout) : null} />
              <ChartFigure id="times" wide title={t('dashboard.chart.times')}
                summary={timesSummary(closed.map((x) => x.r), closed.map((x) => x.label), totals, t, fmt)}
                rows={closed.length} layout={layout}
                option={closed.length ? timesOption(closed.map((x) => x.r), closed.map((x) => x.label), t, fmt, layout) : null} />
            </div>
          </section>

          <section aria-labelledby="dashboard-table" className="mt-4">
            <h2 id="dashboard-table" className="h4">{t('dashboard.table')}</h2>
            <p className="small">{t('dashboard.tableHint')}</p>
            <FiguresTable rows={rows} totals={totals} fmt={fmt} caption={t('dashboard.caption', { name: data.tenant.name, period })} />
          </section>
        </>
      )}
    </div>
  );
}

function ChartFigure({ id, title, summary, option, rows, layout, wide }: {
  id: string; title: string; summary: string; option: ReturnType<typeof workloadOption> | null; rows: number; layout: { narrow: boolean }; wide?: boolean;
}) {
  return (
    <figure className={`col-12${wide ? '' : ' col-xl-6'} mb-0 sp-chart-figure`} aria-labelledby={`chart-${id}-title`}>
      <figcaption>
        <h3 id={`chart-${id}-title`} className="h5 mb-1">{title}</h3>
        <p className="mb-2" id={`chart-${id}-summary`}>{summary}</p>
      </figcaption>
      {option && <Chart option={option} height={chartHeight(rows, layout)} label={`${title}. ${summary}`} testId={`chart-${id}`} />}
    </figure>
  );
}

function KpiTiles({ totals, fmt }: { totals: AnalyticsFigures; fmt: Formatters }) {
  const { t } = useTranslation();
  const timeNote = totals.avgDays === null
    ? t('dashboard.kpi.noneClosed')
    : totals.maxDays !== null
      ? t('dashboard.kpi.timeNote', { p90: fmt.days(totals.p90Days), max: totals.maxDays })
      : t('dashboard.kpi.timeNoteMixed', { p90: fmt.days(totals.p90Days) });
  const tiles = [
    { key: 'received', value: fmt.int(totals.received), note: t('dashboard.kpi.inPeriod') },
    { key: 'inProgress', value: fmt.int(totals.inProgress), note: t('dashboard.kpi.today') },
    { key: 'waiting', value: fmt.int(totals.waiting), note: t('dashboard.kpi.waitingNote') },
    { key: 'overdue', value: fmt.int(totals.overdue), note: t('dashboard.kpi.overdueNote'), alarm: totals.overdue > 0 },
    {
      key: 'onTime', value: fmt.share(totals.onTimeShare),
      note: totals.closed ? t('dashboard.kpi.onTimeNote', { count: totals.closed, closed: fmt.int(totals.closed) }) : t('dashboard.kpi.noneClosed'),
    },
    {
      key: 'avgDays',
      value: totals.avgDays === null ? '—' : t('dashboard.daysValue', { value: fmt.days(totals.avgDays) }),
      note: timeNote,
      alarm: totals.avgDays !== null && totals.maxDays !== null && totals.avgDays > totals.maxDays,
    },
  ];
  return (
    <ul className="sp-kpis list-unstyled row g-2 g-md-3 mb-3">
      {tiles.map((tile) => (
        <li key={tile.key} className="col-6 col-md-4 col-xl-2" data-testid={`kpi-${tile.key}`}>
          <div className={`sp-kpi h-100${tile.alarm ? ' sp-kpi-alarm' : ''}`}>
            <p className="sp-kpi-label mb-1">{t(`dashboard.kpi.${tile.key}`)}</p>
            <p className="sp-kpi-value mb-1">{tile.value}</p>
            <p className="sp-kpi-note mb-0">{tile.note}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
