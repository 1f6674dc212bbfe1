/** The desk dashboard's charts as ECharts options (drawn by the dashboard's Chart: bars only, SVG). */
import type { TFunction } from 'i18next';
import { SERVICE_LEVEL, type DeskCategoryFigures, type DeskFigures, type DeskHourStaffing } from '../../api/deskFigures';
import type { ChartOption } from '../dashboard/Chart';
import type { DeskFormatters } from './format';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11); "needed" is also hatched, not told by colour alone. */
export const COLOURS = { open: '#0066cc', needed: '#003366', short: '#cc334d', mean: '#0066cc', p90: '#003366', satisfied: '#008055', neutral: '#a66300', unsatisfied: '#cc334d', arrivals: '#0066cc' };
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';
const HATCH = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.4)' };

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

function columns(labels: string[], narrow: boolean, axis: (v: number) => string, legend = true): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    legend: { top: 0, left: 0, right: 0, itemGap: 16, textStyle: { fontSize: 13, color: '#1a1a1a' } },
    grid: { top: legend ? (narrow ? 64 : 40) : 24, left: 8, right: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'category', data: labels, axisLabel: { color: '#1a1a1a', fontSize: narrow ? 11 : 13, hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: axis, color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } },
  };
}

/** Counters needed (hatched) and open on average, hour by hour. */
export function staffingOption(rows: DeskHourStaffing[], t: TFunction, fmt: DeskFormatters, narrow: boolean): ChartOption {
  return {
    ...columns(rows.map((r) => hourLabel(r.hour)), narrow, (v) => fmt.int(v)),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: ((v: unknown) => (v === null || v === undefined || v === '-' ? '—' : fmt.one(Number(v)))) as never },
    series: [
      { name: t('deskFigures.staffing.seriesNeeded'), type: 'bar', data: rows.map((r) => r.countersNeeded), itemStyle: { color: COLOURS.needed, decal: HATCH }, barMaxWidth: 22, barGap: '10%' },
      {
        name: t('deskFigures.staffing.seriesOpen'), type: 'bar', barMaxWidth: 22,
        // an hour whose open counters fall short is red as well as shorter than its neighbour
        data: rows.map((r) => ({ value: r.countersOpen, itemStyle: { color: isShort(r) ? COLOURS.short : COLOURS.open } })),
        itemStyle: { color: COLOURS.open },
      },
    ],
  };
}

/** Tickets of the period by hour of the day. */
export function byHourOption(f: DeskFigures, t: TFunction, fmt: DeskFormatters, narrow: boolean): ChartOption {
  return {
    ...columns(f.arrivals.byHour.map((r) => hourLabel(r.hour)), narrow, (v) => fmt.int(v), false),
    legend: { show: false },
    series: [{ name: t('deskFigures.arrivals.count'), type: 'bar', data: f.arrivals.byHour.map((r) => r.count), itemStyle: { color: COLOURS.arrivals }, barMaxWidth: 28 }],
  };
}

/** Tickets by day. */
export function byDayOption(f: DeskFigures, t: TFunction, fmt: DeskFormatters, narrow: boolean): ChartOption {
  return {
    ...columns(f.arrivals.byDay.map((r) => fmt.shortDate(r.day)), narrow, (v) => fmt.int(v), false),
    legend: { show: false },
    series: [{ name: t('deskFigures.arrivals.count'), type: 'bar', data: f.arrivals.byDay.map((r) => r.count), itemStyle: { color: COLOURS.arrivals }, barMaxWidth: 18 }],
  };
}

/** Mean and 90th percentile wait per category, side by side (horizontal: the names are long). */
export function waitsOption(rows: DeskCategoryFigures[], t: TFunction, fmt: DeskFormatters, narrow: boolean): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: '#1a1a1a', fontSize: 13 },
    animation: false,
    legend: { top: 0, left: 0, right: 0, itemGap: 16, textStyle: { fontSize: 13, color: '#1a1a1a' } },
    grid: { top: narrow ? 64 : 40, left: 8, right: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: ((v: unknown) => (v === null || v === undefined || v === '-' ? '—' : fmt.minutes(Number(v)))) as never },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.int(v), color: '#1a1a1a' }, splitLine: { lineStyle: { color: '#d9dadb' } } },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => `${r.prefix} · ${r.name}`), axisTick: { show: false },
      axisLabel: { interval: 0, width: narrow ? 110 : 220, overflow: 'break', color: '#1a1a1a', fontSize: narrow ? 12 : 13, lineHeight: 15 },
    },
    series: [
      { name: t('deskFigures.categories.seriesMean'), type: 'bar', data: rows.map((r) => r.waitMeanMinutes), itemStyle: { color: COLOURS.mean }, barMaxWidth: 14, barGap: '10%' },
      { name: t('deskFigures.categories.seriesP90'), type: 'bar', data: rows.map((r) => r.waitP90Minutes), itemStyle: { color: COLOURS.p90, decal: HATCH }, barMaxWidth: 14 },
    ],
  };
}

/** The three faces' counts. */
export function satisfactionOption(f: DeskFigures, t: TFunction, fmt: DeskFormatters, narrow: boolean): ChartOption {
  const s = f.satisfaction;
  const kinds = ['satisfied', 'neutral', 'unsatisfied'] as const;
  return {
    ...columns(kinds.map((k) => t(`deskFigures.satisfaction.${k}`)), narrow, (v) => fmt.int(v), false),
    legend: { show: false },
    series: [{
      name: t('deskFigures.satisfaction.count'), type: 'bar', barMaxWidth: 48,
      data: kinds.map((k) => ({ value: s[k], itemStyle: { color: COLOURS[k] } })),
      label: { show: true, position: 'top', color: '#1a1a1a', formatter: (p: { value: unknown }) => fmt.int(Number(p.value)) },
    }],
  };
}

/** An hour whose open counters called fewer than the target share within the time (Erlang C). */
export const isShort = (r: DeskHourStaffing) => r.serviceLevelWithOpen !== null && r.serviceLevelWithOpen < SERVICE_LEVEL.share;
