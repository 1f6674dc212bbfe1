/** Every figure of every row, sortable by any column: the accessible alternative to the charts. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFigures, AnalyticsRow } from './dashboardApi';
import type { Formatters } from './format';

type NumericKey = Exclude<keyof AnalyticsFigures, never>;
type SortKey = 'office' | 'service' | NumericKey;
type Kind = 'int' | 'days' | 'share' | 'rating';

export const NUMERIC_COLUMNS: { key: NumericKey; kind: Kind }[] = [
  { key: 'received', kind: 'int' }, { key: 'inProgress', kind: 'int' }, { key: 'waiting', kind: 'int' }, { key: 'overdue', kind: 'int' },
  { key: 'closed', kind: 'int' }, { key: 'approved', kind: 'int' }, { key: 'rejected', kind: 'int' }, { key: 'avgDays', kind: 'days' },
  { key: 'p90Days', kind: 'days' }, { key: 'maxDays', kind: 'int' }, { key: 'onTimeShare', kind: 'share' },
  { key: 'integrationRate', kind: 'share' }, { key: 'ratingAverage', kind: 'rating' }, { key: 'ratingCount', kind: 'int' },
];

function cell(kind: Kind, v: number | null, fmt: Formatters): string {
  if (v === null) return '—';
  switch (kind) {
    case 'days': return fmt.days(v);
    case 'share': return fmt.share(v);
    case 'rating': return fmt.rating(v);
    default: return fmt.int(v);
  }
}

interface Props {
  rows: AnalyticsRow[];
  totals: AnalyticsFigures;
  caption: string;
  fmt: Formatters;
}

export function FiguresTable({ rows, totals, caption, fmt }: Props) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' } | null>(null);
  const noOffice = t('dashboard.noOffice');

  const sorted = useMemo(() => {
    if (!sort) return rows;
    const text = (r: AnalyticsRow) => (sort.key === 'office' ? r.office?.name ?? noOffice : r.service.title);
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      if (sort.key === 'office' || sort.key === 'service') return sign * text(a).localeCompare(text(b), i18n.language);
      const x = a[sort.key];
      const y = b[sort.key];
      // rows without the figure go last, whichever the direction
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * (x - y);
    });
  }, [rows, sort, noOffice, i18n.language]);

  const header = (key: SortKey, numeric: boolean) => {
    const active = sort?.key === key;
    const next = () => setSort(active ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: numeric ? 'desc' : 'asc' });
    return (
      <th key={key} scope="col" className={numeric ? 'text-end' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sp-sort" onClick={next}>
          {t(`dashboard.columns.${key}`)}
          <span className="sp-sort-mark" aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

  const figures = (f: AnalyticsFigures) =>
    NUMERIC_COLUMNS.map((c) => (
      <td key={c.key} className={`text-end${c.key === 'overdue' && f.overdue > 0 ? ' sp-overdue' : ''}`}>{cell(c.kind, f[c.key], fmt)}</td>
    ));

  return (
    <div className="table-responsive sp-figures" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-sm sp-figures-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('office', false)}
            {header('service', false)}
            {NUMERIC_COLUMNS.map((c) => header(c.key, true))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={`${r.office?.id ?? '-'}|${r.service.id}`}>
              <td>{r.office?.name ?? noOffice}</td>
              <th scope="row">{r.service.title}</th>
              {figures(r)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>{t('dashboard.total')}</th>
            {figures(totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
