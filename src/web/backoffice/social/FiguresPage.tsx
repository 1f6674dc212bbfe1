/**
 * /backoffice/sociale/cruscotto — "Servizi sociali in cifre": the district's first contacts and new cases by
 * comune, need, target area, age band and month; people in care; interventions and the body's spending by type;
 * waiting times from first contact to taking in charge. Filters (period, comune, area) live in the address; every
 * chart has its sentence and its table; CSV and Excel downloads carry the same numbers.
 *
 * Managers and administrators see the whole district with the cells of fewer than 5 people hidden ("<5"); a social
 * worker sees exact figures of their own comuni and areas (the server decides: GET /api/v1/social/figures).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { LineChart } from 'echarts/charts';
import { use as useEcharts } from 'echarts/core';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { TARGET_AREA_LABELS, TARGET_AREAS, type Cell, type FigureRow, type SocialFigures } from '../../../contracts/social';
import { request } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { DateRangeFields, SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { Chart, type ChartOption } from '../dashboard/Chart';
import {
  anySuppressed, apiQuery, breakdownSummary, cellText, chartValue, choicesOf, days, drawable, euros, longDate, searchOf,
  SUPPRESSED_TEXT, SUPPRESSED_WORDS, SUPPRESSION_NOTE, type FigureChoices,
} from './figuresFormat';
import '../dashboard/dashboard.css';
import './social.css';

// the dashboard's Chart draws bars; the months' trend is a line (registered once, for every chart)
useEcharts([LineChart]);

const TITLE = 'Servizi sociali in cifre';
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';
/** at least 3:1 on white (WCAG 1.4.11); cases are also hatched, so colour is not the only difference */
const COLOURS = { contacts: '#0066cc', cases: '#003366' };
const HATCH = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.45)' };

const useSocialFigures = (c: FigureChoices) =>
  useQuery({
    queryKey: ['social', 'figures', c],
    queryFn: ({ signal }) => request<SocialFigures>(`/api/v1/social/figures${apiQuery(c)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export default function FiguresPage() {
  useDocumentTitle(TITLE);
  const [search, setSearch] = useSearchParams();
  const choices = useMemo(() => choicesOf(search), [search]);
  const figures = useSocialFigures(choices);
  // the comuni to choose from: those of the figures without the comune filter (the same request when none is chosen)
  const all = useSocialFigures({ ...choices, comuneId: undefined });
  const comuni = all.data?.byComune ?? [];

  return (
    <div className="container py-3 py-lg-4 sp-soc sp-dashboard sp-soc-figures">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: TITLE }]} />
      <h1>{TITLE}</h1>
      <p className="lead mb-3">Primi contatti, cartelle, interventi e tempi di presa in carico dei servizi sociali dell&apos;ambito.</p>

      <Filters choices={choices} shown={figures.data} comuni={comuni.map((c) => ({ value: c.key, label: c.label }))}
        onApply={(c) => setSearch(searchOf(c), { replace: true, preventScrollReset: true })} />

      {figures.isPending ? (
        <Loading />
      ) : figures.isError ? (
        <ErrorMessage error={figures.error} retry={() => void figures.refetch()} />
      ) : (
        <Results data={figures.data} choices={choices} busy={figures.isPlaceholderData} />
      )}
    </div>
  );
}

function Filters({ choices, shown, comuni, onApply }: {
  choices: FigureChoices; shown?: SocialFigures; comuni: { value: string; label: string }[]; onApply: (c: FigureChoices) => void;
}) {
  const [draft, setDraft] = useState({ from: choices.from ?? '', to: choices.to ?? '', comuneId: choices.comuneId ?? '', targetArea: choices.targetArea ?? '' });
  const [error, setError] = useState<string | null>(null);
  // the period the server chose (the last 12 months) fills the empty dates once known
  useEffect(() => {
    if (shown) setDraft((d) => ({ ...d, from: d.from || shown.from, to: d.to || shown.to }));
  }, [shown?.from, shown?.to]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to) return setError('Indica il primo e l\'ultimo giorno del periodo.');
    if (draft.to < draft.from) return setError("La fine del periodo non può precedere l'inizio.");
    setError(null);
    onApply({
      from: draft.from, to: draft.to, comuneId: draft.comuneId || undefined,
      targetArea: (TARGET_AREAS as readonly string[]).includes(draft.targetArea) ? (draft.targetArea as FigureChoices['targetArea']) : undefined,
    });
  };

  return (
    <section aria-labelledby="soc-figures-filters" className="sp-dashboard-choices mb-4">
      <h2 id="soc-figures-filters" className="h5">Scegli che cosa vedere</h2>
      <form onSubmit={apply} noValidate>
        <DateRangeFields idPrefix="soc-figures" classPrefix="sp-soc" legend="Periodo" fromLabel="Dal" toLabel="Al" from={draft.from} to={draft.to}
          onChange={(end, value) => setDraft((d) => ({ ...d, [end]: value }))} error={error} errorClassName="sp-soc-error" className="mb-3" />
        <div className="sp-soc-grid">
          <SelectField id="soc-figures-comune" label="Comune" value={draft.comuneId} emptyLabel="Tutti i comuni" options={comuni}
            onValueChange={(comuneId) => setDraft((d) => ({ ...d, comuneId }))} />
          <SelectField id="soc-figures-area" label="Area di intervento" value={draft.targetArea} emptyLabel="Tutte le aree"
            options={TARGET_AREAS.map((a) => ({ value: a, label: TARGET_AREA_LABELS[a] }))} onValueChange={(targetArea) => setDraft((d) => ({ ...d, targetArea }))} />
        </div>
        <div className="sp-soc-actions">
          <Button type="submit" color="primary">Mostra le cifre</Button>
        </div>
      </form>
    </section>
  );
}

function Results({ data, choices, busy }: { data: SocialFigures; choices: FigureChoices; busy: boolean }) {
  const narrow = !useMediaQuery('(min-width: 576px)');
  const hidden = anySuppressed(data);
  const fileChoices = { ...choices, from: data.from, to: data.to };
  const monthsDrawn = data.byMonth;

  return (
    <div aria-busy={busy} className={busy ? 'sp-busy' : undefined}>
      <p role="status" className="small text-secondary">
        {busy ? 'Aggiornamento delle cifre…' : `Dal ${longDate(data.from)} al ${longDate(data.to)}.`}
      </p>

      {data.suppression ? (
        <Notice tone="info" role="none" className="mb-3">
          <p className="mb-0" data-testid="suppression-note">
            <strong>{SUPPRESSION_NOTE}</strong> (sono indicati con «{SUPPRESSED_TEXT}»). Quando in una tabella è nascosto un solo valore, è nascosto anche
            il più piccolo dopo di esso, perché non si possa ricavare dal totale. Per lo stesso motivo il periodo si conta a mesi interi.{hidden ? '' : ' In questa scelta non ci sono valori nascosti.'}
          </p>
        </Notice>
      ) : (
        <Notice tone="info" role="none" className="mb-3">
          <p className="mb-0" data-testid="exact-note">Cifre esatte delle cartelle e dei contatti che il tuo incarico di assistente sociale comprende.</p>
        </Notice>
      )}

      <div className="d-flex flex-wrap gap-2 mb-4">
        <a className="btn btn-outline-primary btn-sm" href={`/api/v1/social/figures/export${apiQuery(fileChoices, { format: 'csv' })}`} download data-testid="download-csv">
          Scarica in CSV
        </a>
        <a className="btn btn-outline-primary btn-sm" href={`/api/v1/social/figures/export${apiQuery(fileChoices, { format: 'xlsx' })}`} download data-testid="download-xlsx">
          Scarica in Excel (XLSX)
        </a>
      </div>

      <section aria-labelledby="soc-figures-totals">
        <h2 id="soc-figures-totals" className="h4">In sintesi</h2>
        <Totals data={data} />
      </section>

      <section aria-labelledby="soc-figures-where" className="mb-4">
        <h2 id="soc-figures-where" className="h4">Dove e per che cosa</h2>
        <div className="row g-4">
          <BreakdownFigure id="comune" title="Per comune" what="comune" first="Comune" rows={data.byComune} narrow={narrow} horizontal />
          <BreakdownFigure id="area" title="Per area di intervento" what="area di intervento" first="Area" rows={data.byTargetArea} narrow={narrow} horizontal />
          <BreakdownFigure id="need" title="Per bisogno espresso" what="bisogno" first="Bisogno" rows={data.byNeed} narrow={narrow} horizontal
            note="Il bisogno di una cartella è quello del primo contatto che l'ha aperta. Nel grafico solo i bisogni con almeno un contatto o una cartella." />
          <BreakdownFigure id="age" title="Per fascia d'età" what="fascia d'età" first="Fascia d'età" rows={data.byAgeBand} narrow={narrow} horizontal
            note="L'età è quella del giorno del contatto o dell'apertura della cartella." />
        </div>
      </section>

      <section aria-labelledby="soc-figures-months" className="mb-4">
        <h2 id="soc-figures-months" className="h4">Mese per mese</h2>
        <ChartFigure id="month" title="Primi contatti e nuove cartelle per mese" summary={monthSummary(monthsDrawn)}
          option={monthOption(monthsDrawn, narrow)} height={narrow ? 280 : 320}
          table={<BreakdownTable caption="Primi contatti e nuove cartelle per mese" first="Mese" rows={monthsDrawn} />} />
      </section>

      <section aria-labelledby="soc-figures-interventions" className="mb-4">
        <h2 id="soc-figures-interventions" className="h4">Interventi e spesa</h2>
        <p>Interventi autorizzati, in erogazione o conclusi, attivi almeno un giorno nel periodo; la spesa è la quota a carico dell&apos;ente.</p>
        <InterventionsTable data={data} />
      </section>

      <section aria-labelledby="soc-figures-waiting" className="mb-4">
        <h2 id="soc-figures-waiting" className="h4">Tempi di presa in carico</h2>
        <p>Giorni dal primo contatto alla presa in carico, per le cartelle prese in carico nel periodo.</p>
        <Waiting data={data} narrow={narrow} />
      </section>

      <details className="sp-definitions mb-4">
        <summary>Come si contano</summary>
        <dl className="mt-2 mb-0">
          <dt>Primi contatti</dt><dd>ogni primo contatto del segretariato sociale nel periodo conta uno, anche se la stessa persona torna.</dd>
          <dt>Nuove cartelle</dt><dd>le persone con una cartella sociale aperta nel periodo (ogni persona conta una volta).</dd>
          <dt>Persone in carico</dt><dd>le persone con una cartella presa in carico entro l&apos;ultimo giorno del periodo e non chiusa a quella data.</dd>
          <dt>Persone distinte</dt><dd>le persone con un primo contatto o una nuova cartella nel periodo; un contatto senza persona indicata conta come una persona.</dd>
          <dt>Valori nascosti</dt><dd>un valore che riguarda da 1 a 4 persone è nascosto a chi non è assistente sociale di quell&apos;ambito di lavoro; lo zero resta zero.</dd>
        </dl>
      </details>
    </div>
  );
}

/** A number as the page writes it; a hidden one says so to screen readers in words. */
function Num({ cell }: { cell: Cell }) {
  if (!cell.suppressed) return <>{cellText(cell)}</>;
  return (
    <span className="sp-soc-suppressed" data-suppressed="true">
      <span aria-hidden="true">{SUPPRESSED_TEXT}</span>
      <span className="visually-hidden">{SUPPRESSED_WORDS}</span>
    </span>
  );
}

function Totals({ data }: { data: SocialFigures }) {
  const w = data.waiting;
  const tiles: { key: string; label: string; value: ReactNode; note: string }[] = [
    { key: 'contacts', label: 'Primi contatti', value: <Num cell={data.totals.contacts} />, note: 'nel periodo' },
    { key: 'newCases', label: 'Nuove cartelle', value: <Num cell={data.totals.newCases} />, note: 'persone con una cartella aperta nel periodo' },
    { key: 'inCharge', label: 'Persone in carico', value: <Num cell={data.totals.casesInCharge} />, note: `al ${longDate(data.to)}` },
    { key: 'people', label: 'Persone distinte', value: <Num cell={data.totals.people} />, note: 'con un primo contatto o una nuova cartella' },
    {
      key: 'waiting', label: 'Attesa media', value: w.suppressed ? <Num cell={{ value: null, suppressed: true }} /> : days(w.meanDays),
      note: 'dal primo contatto alla presa in carico',
    },
  ];
  return (
    <ul className="sp-kpis list-unstyled row g-2 g-md-3 mb-4">
      {tiles.map((tile) => (
        <li key={tile.key} className="col-6 col-md-4 col-xl" data-testid={`soc-kpi-${tile.key}`}>
          <div className="sp-kpi h-100">
            <p className="sp-kpi-label mb-1">{tile.label}</p>
            <p className="sp-kpi-value mb-1">{tile.value}</p>
            <p className="sp-kpi-note mb-0">{tile.note}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function BreakdownFigure({ id, title, what, first, rows, narrow, horizontal, note }: {
  id: string; title: string; what: string; first: string; rows: FigureRow[]; narrow: boolean; horizontal?: boolean; note?: string;
}) {
  const drawn = drawable(rows);
  const height = horizontal ? Math.max(160, drawn.length * (narrow ? 56 : 46) + (narrow ? 80 : 64)) : narrow ? 260 : 300;
  return (
    <ChartFigure half id={id} title={title} summary={breakdownSummary(rows, what)} note={note}
      option={drawn.length ? barOption(drawn, narrow, !!horizontal) : null} height={height}
      table={<BreakdownTable caption={title} first={first} rows={rows} />} />
  );
}

function BreakdownTable({ caption, first, rows }: { caption: string; first: string; rows: FigureRow[] }) {
  return (
    <div className="table-responsive sp-figures" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table mb-0">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="text-end">Primi contatti</th>
            <th scope="col" className="text-end">Nuove cartelle (persone)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="text-end"><Num cell={r.contacts} /></td>
              <td className="text-end"><Num cell={r.cases} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InterventionsTable({ data }: { data: SocialFigures }) {
  const rows = data.interventions.filter((i) => i.suppressed || (i.interventions.value ?? 0) > 0);
  const caption = "Interventi attivi nel periodo, persone e spesa a carico dell'ente, per tipo";
  if (!rows.length) return <Notice tone="info" role="none"><p className="mb-0">Nessun intervento attivo nel periodo.</p></Notice>;
  const spending = rows.reduce((s, i) => s + (i.spendingCents ?? 0), 0);
  return (
    <div className="table-responsive sp-figures" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table mb-0" data-testid="interventions-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Intervento</th>
            <th scope="col" className="text-end">Persone</th>
            <th scope="col" className="text-end">Interventi</th>
            <th scope="col" className="text-end">Spesa dell&apos;ente</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.code}>
              <th scope="row"><span className="text-secondary">{i.code}</span> {i.name}</th>
              <td className="text-end"><Num cell={i.people} /></td>
              <td className="text-end"><Num cell={i.interventions} /></td>
              <td className="text-end">{i.suppressed ? <Num cell={{ value: null, suppressed: true }} /> : euros(i.spendingCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{rows.some((i) => i.suppressed) ? 'Spesa dei tipi mostrati' : 'Spesa totale'}</th>
            <td /><td />
            <td className="text-end">{euros(spending)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Waiting({ data, narrow }: { data: SocialFigures; narrow: boolean }) {
  const w = data.waiting;
  if (w.suppressed) {
    return <Notice tone="info" role="none"><p className="mb-0" data-testid="waiting-suppressed">Le cartelle prese in carico nel periodo sono meno di 5: i tempi sono nascosti per tutelare le persone.</p></Notice>;
  }
  if (!w.cases) return <Notice tone="info" role="none"><p className="mb-0">Nessuna cartella presa in carico nel periodo.</p></Notice>;
  const items = [['Media', w.meanDays], ['Mediana', w.medianDays], ['90° percentile', w.p90Days]] as const;
  const summary = `Su ${w.cases} cartelle prese in carico, in media ${days(w.meanDays)}; metà entro ${days(w.medianDays)}, 9 su 10 entro ${days(w.p90Days)}.`;
  const option: ChartOption = {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    grid: { top: 16, left: 8, right: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'value', axisLabel: { color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } },
    yAxis: { type: 'category', inverse: true, data: items.map(([k]) => k), axisLabel: { color: '#1a1a1a' }, axisTick: { show: false } },
    series: [{
      name: 'Giorni', type: 'bar', data: items.map(([, v]) => v), itemStyle: { color: COLOURS.contacts }, barMaxWidth: 22,
      label: { show: true, position: 'right', color: '#1a1a1a', formatter: (p: { value: unknown }) => days(Number(p.value)) },
    }],
  };
  return (
    <ChartFigure id="waiting" title="Giorni dal primo contatto alla presa in carico" summary={summary} option={option} height={narrow ? 170 : 160}
      table={
        <div className="table-responsive sp-figures" role="region" aria-label="Tempi di presa in carico" tabIndex={0}>
          <table className="table table-sm sp-figures-table mb-0" data-testid="waiting-table">
            <caption>Tempi di presa in carico</caption>
            <tbody>
              <tr><th scope="row">Cartelle prese in carico</th><td className="text-end">{w.cases}</td></tr>
              {items.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td className="text-end">{days(v)}</td></tr>)}
            </tbody>
          </table>
        </div>
      } />
  );
}

/** A chart with its title and sentence; its table folded under it. */
function ChartFigure({ id, title, summary, note, option, height, table, half }: {
  id: string; title: string; summary: string; note?: string; option: ChartOption | null; height: number; table: ReactNode; half?: boolean;
}) {
  return (
    <figure className={`${half ? 'col-12 col-xl-6' : ''} mb-0 sp-chart-figure`} aria-labelledby={`soc-chart-${id}-title`} data-testid={`soc-figure-${id}`}>
      <figcaption>
        <h3 id={`soc-chart-${id}-title`} className="h5 mb-1">{title}</h3>
        <p className="mb-2">{summary}</p>
        {note && <p className="small text-secondary mb-2">{note}</p>}
      </figcaption>
      {option && <Chart option={option} height={height} label={`${title}. ${summary}`} testId={`soc-chart-${id}`} />}
      <details className="sp-definitions mt-2">
        <summary>I dati in tabella</summary>
        <div className="mt-2">{table}</div>
      </details>
    </figure>
  );
}

// ---- charts ----------------------------------------------------------------------------------------------------

const tooltipValue = ((v: unknown) => (v === null || v === undefined || v === '-' ? SUPPRESSED_TEXT : String(v))) as never;

function barOption(rows: FigureRow[], narrow: boolean, horizontal: boolean): ChartOption {
  const labels = rows.map((r) => r.label);
  const category = horizontal
    ? { type: 'category' as const, inverse: true, data: labels, axisTick: { show: false },
      axisLabel: { interval: 0, width: narrow ? 120 : 200, overflow: 'break' as const, color: '#1a1a1a', fontSize: narrow ? 12 : 13, lineHeight: 15 } }
    : { type: 'category' as const, data: labels, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, color: '#1a1a1a', fontSize: narrow ? 11 : 13 } };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } };
  return {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    legend: { top: 0, left: 0, itemGap: 16, textStyle: { fontSize: 13, color: '#1a1a1a' } },
    grid: { top: narrow ? 56 : 40, left: 8, right: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: tooltipValue },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      { name: 'Primi contatti', type: 'bar', data: rows.map((r) => chartValue(r.contacts)), itemStyle: { color: COLOURS.contacts }, barMaxWidth: horizontal ? 14 : 26, barGap: '10%' },
      { name: 'Nuove cartelle (persone)', type: 'bar', data: rows.map((r) => chartValue(r.cases)), itemStyle: { color: COLOURS.cases, decal: HATCH }, barMaxWidth: horizontal ? 14 : 26 },
    ],
  };
}

function monthOption(rows: FigureRow[], narrow: boolean): ChartOption {
  const line = (name: string, values: (number | null)[], color: string, dashed: boolean) => ({
    name, type: 'line', data: values, connectNulls: false, symbol: dashed ? 'rect' : 'circle', symbolSize: 8,
    lineStyle: { color, width: 3, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color },
  });
  return {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    legend: { top: 0, left: 0, itemGap: 16, textStyle: { fontSize: 13, color: '#1a1a1a' } },
    grid: { top: narrow ? 56 : 40, left: 8, right: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: tooltipValue },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: '#1a1a1a', fontSize: narrow ? 11 : 13, hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } },
    series: [
      line('Primi contatti', rows.map((r) => chartValue(r.contacts)), COLOURS.contacts, false),
      line('Nuove cartelle (persone)', rows.map((r) => chartValue(r.cases)), COLOURS.cases, true),
    ],
  } as unknown as ChartOption;
}

function monthSummary(rows: FigureRow[]): string {
  const shown = rows.filter((r) => !r.contacts.suppressed && (r.contacts.value ?? 0) > 0);
  if (!shown.length) {
    return rows.some((r) => r.contacts.suppressed) ? 'I primi contatti di ogni mese sono nascosti o pari a zero.' : 'Nessun primo contatto nel periodo.';
  }
  const top = shown.reduce((a, r) => ((r.contacts.value ?? 0) > (a.contacts.value ?? 0) ? r : a));
  const hiddenMonths = rows.filter((r) => r.contacts.suppressed).length;
  return `Il mese con più primi contatti è ${top.label} (${cellText(top.contacts)}).` +
    (hiddenMonths ? ` In ${hiddenMonths} ${hiddenMonths === 1 ? 'mese il valore è nascosto' : 'mesi il valore è nascosto'}: nel grafico la linea si interrompe.` : '');
}
