/**
 * One or two sentences per chart that say what it shows — the answer at a glance, and the chart's name for a
 * screen reader. The table carries every number.
 */
import type { TFunction } from 'i18next';
import type { AnalyticsFigures, AnalyticsRow } from './dashboardApi';
import type { Formatters } from './format';

const worst = <T>(items: T[], score: (x: T) => number) => items.reduce<T | undefined>((best, x) => (best === undefined || score(x) > score(best) ? x : best), undefined);

export function workloadSummary(rows: AnalyticsRow[], labels: string[], totals: AnalyticsFigures, t: TFunction, fmt: Formatters): string {
  const open = totals.inProgress + totals.waiting;
  if (open === 0) return t('dashboard.summary.workloadNone');
  const parts = [t('dashboard.summary.workload', {
    count: open, open: fmt.int(open), onTime: fmt.int(totals.inProgress - totals.overdue), overdue: fmt.int(totals.overdue), waiting: fmt.int(totals.waiting),
  })];
  const top = worst(rows.map((r, i) => ({ r, label: labels[i]! })), (x) => x.r.overdue);
  if (top && top.r.overdue > 0) parts.push(t('dashboard.summary.mostOverdue', { service: top.label, count: top.r.overdue, n: fmt.int(top.r.overdue) }));
  return parts.join(' ');
}

export function timesSummary(rows: AnalyticsRow[], labels: string[], totals: AnalyticsFigures, t: TFunction, fmt: Formatters): string {
  if (totals.closed === 0) return t('dashboard.summary.timesNone');
  const parts = [t('dashboard.summary.times', { count: totals.closed, closed: fmt.int(totals.closed), avg: fmt.days(totals.avgDays), p90: fmt.days(totals.p90Days) })];
  const over = rows.map((r, i) => ({ r, label: labels[i]! })).filter((x) => x.r.p90Days !== null && x.r.maxDays !== null && x.r.p90Days > x.r.maxDays);
  parts.push(over.length
    ? t('dashboard.summary.overLimit', { count: over.length, list: over.map((x) => t('dashboard.summary.overLimitItem', { service: x.label, p90: fmt.days(x.r.p90Days), max: x.r.maxDays })).join('; ') })
    : t('dashboard.summary.withinLimit'));
  return parts.join(' ');
}

export function onTimeSummary(rows: AnalyticsRow[], labels: string[], totals: AnalyticsFigures, t: TFunction, fmt: Formatters): string {
  if (totals.closed === 0) return t('dashboard.summary.timesNone');
  const parts = [t('dashboard.summary.onTime', { share: fmt.share(totals.onTimeShare), count: totals.closed, closed: fmt.int(totals.closed) })];
  const lowest = worst(rows.map((r, i) => ({ r, label: labels[i]! })).filter((x) => x.r.onTimeShare !== null), (x) => 1 - x.r.onTimeShare!);
  if (lowest && lowest.r.onTimeShare! < 1 && rows.filter((r) => r.closed > 0).length > 1) {
    parts.push(t('dashboard.summary.lowestOnTime', { service: lowest.label, share: fmt.share(lowest.r.onTimeShare) }));
  }
  return parts.join(' ');
}
