/** The three charts of the dashboard, as ECharts options built from the rows. */
import type { TFunction } from 'i18next';
import type { ChartOption } from './Chart';
import type { AnalyticsRow } from './dashboardApi';
import type { Formatters } from './format';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11); overdue is also striped, not told by colour alone. */
export const COLOURS = { onTime: '#0066cc', overdue: '#cc334d', waiting: '#a66300', avg: '#0066cc', p90: '#003366', limit: '#cc334d', share: '#008055' };

/** room per row: a phone's narrow labels break over more lines */
const rowHeight = (layout: Layout) => (layout.narrow ? 56 : 44);
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';

export interface Layout {
  narrow: boolean;
}

export const chartHeight = (rows: number, layout: Layout) => rows * rowHeight(layout) + (layout.narrow ? 110 : 80);

function frame(labels: string[], layout: Layout, axisFormatter: (v: number) => string, max?: number): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    legend: { top: 0, left: 0, right: 0, itemGap: 16, textStyle: { fontSize: 13, color: '#1a1a1a' } },
    grid: { top: layout.narrow ? 70 : 40, left: 8, right: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'value', max, axisLabel: { formatter: axisFormatter, color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } },
    yAxis: {
      type: 'category', data: labels, inverse: true,
      // every row named (interval 0), long titles broken over lines and cut when they would run into the next row
      axisLabel: {
        interval: 0, width: layout.narrow ? 100 : 220, overflow: 'break', lineOverflow: 'truncate', height: rowHeight(layout) - 4,
        color: '#1a1a1a', fontSize: layout.narrow ? 12 : 13, lineHeight: 15,
      },
      axisTick: { show: false },
    },
  };
}

/** Open applications per row: on time, overdue, waiting for the citizen, stacked. */
export function workloadOption(rows: AnalyticsRow[], labels: string[], t: TFunction, fmt: Formatters, layout: Layout): ChartOption {
  const label = { show: true, color: '#ffffff', fontWeight: 'bold' as const, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? fmt.int(Number(p.value)) : '') };
  return {
    ...frame(labels, layout, (v) => fmt.int(v)),
    series: [
      { name: t('dashboard.series.onTime'), type: 'bar', stack: 'open', data: rows.map((r) => r.inProgress - r.overdue), itemStyle: { color: COLOURS.onTime }, label, barMaxWidth: 28 },
      {
        name: t('dashboard.series.overdue'), type: 'bar', stack: 'open', data: rows.map((r) => r.overdue), label, barMaxWidth: 28,
        itemStyle: { color: COLOURS.overdue, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.35)' } },
      },
      { name: t('dashboard.series.waiting'), type: 'bar', stack: 'open', data: rows.map((r) => r.waiting), itemStyle: { color: COLOURS.waiting }, label, barMaxWidth: 28 },
    ],
  };
}

/** Processing days of those closed in the period: average and 90th percentile, with the legal maximum marked. */
export function timesOption(rows: AnalyticsRow[], labels: string[], t: TFunction, fmt: Formatters, layout: Layout): ChartOption {
  const valueFormatter = (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : t('dashboard.daysValue', { value: fmt.days(Number(v)) }));
  return {
    ...frame(labels, layout, (v) => fmt.int(v)),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: valueFormatter as never },
    series: [
      { name: t('dashboard.series.avg'), type: 'bar', data: rows.map((r) => r.avgDays), itemStyle: { color: COLOURS.avg }, barMaxWidth: 14, barGap: '10%' },
      { name: t('dashboard.series.p90'), type: 'bar', data: rows.map((r) => r.p90Days), itemStyle: { color: COLOURS.p90 }, barMaxWidth: 14 },
      {
        // a short upright line across each row at its legal maximum
        name: t('dashboard.series.limit'), type: 'scatter', symbol: 'rect', symbolSize: [4, 34], z: 5,
        data: rows.map((r, i) => (r.maxDays === null ? null : [r.maxDays, i])) as never,
        itemStyle: { color: COLOURS.limit, opacity: 1 },
      },
    ],
  };
}

/** Share of those closed in the period by their due date. */
export function onTimeOption(rows: AnalyticsRow[], labels: string[], t: TFunction, fmt: Formatters, layout: Layout): ChartOption {
  return {
    ...frame(labels, layout, (v) => `${fmt.int(v)}%`, 100),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: ((v: unknown) => fmt.share(Number(v) / 100)) as never },
    series: [
      {
        name: t('dashboard.series.onTimeShare'), type: 'bar', data: rows.map((r) => (r.onTimeShare === null ? null : Math.round(r.onTimeShare * 1000) / 10)),
        itemStyle: { color: COLOURS.share }, barMaxWidth: 24,
        label: { show: true, position: 'right', color: '#1a1a1a', formatter: (p: { value: unknown }) => fmt.share(Number(p.value) / 100) },
      },
    ],
  };
}
