/**
 * /backoffice/pratiche — the operator's workspace: the applications of their offices in queues (new, mine, waiting
 * for the citizen, due soon, overdue, visas to give, all open, closed) with their counts, a full-text search and
 * filters by service, status, submission dates and applicant. Queue and filters live in the address, so a link or
 * a reload keeps them. Built for the keyboard: "/" goes to the search box, the rows are links, the arrow keys move
 * between them, and "Carica altre" puts the focus on the first new row.
 */
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext, useSearchParams } from 'react-router';
import type { WorkQueue } from '../../../contracts/applications';
import { useServiceSearch } from '../../api/queries';
import type { Operator } from '../../api/types';
import { statusLabel } from '../../citizen/practices/StatusBadge';
import { formatDate } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { LoadMore } from '../../ui/LoadMore';
import { DateRangeFields } from '../../ui/fields';
import { useQueueCounts, useWorkList } from './api';
import {
  FILTER_STATUSES,
  filtersFromParams,
  hasFilters,
  isDay,
  paramsFromFilters,
  QUEUES,
  withoutFilters,
  withQueue,
  type WorkFilters,
} from './filters';
import { WorkList, type WorkListHandle } from './WorkList';
import './workspace.css';

const SEARCH_ID = 'ws-search';

/** "/" anywhere outside a field goes to the search box (as in many work tools). */
function useSlashToSearch() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const box = document.getElementById(SEARCH_ID) as HTMLInputElement | null;
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export default function WorkspacePage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);
  useDocumentTitle(`${t('workspace.title')} — ${t(`workspace.queues.${filters.queue}`)}`);
  useSlashToSearch();

  const list = useWorkList(filters);
  const counts = useQueueCounts();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const listRef = useRef<WorkListHandle>(null);
  const focusIndex = useRef<number | null>(null);
  const countRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusIndex.current === null || items.length <= focusIndex.current) return;
    listRef.current?.focusRow(focusIndex.current);
    focusIndex.current = null;
  }, [items.length]);

  const go = (next: WorkFilters, focusResults = false) => {
    setSearchParams(paramsFromFilters(next), { preventScrollReset: true });
    if (focusResults) window.setTimeout(() => countRef.current?.focus(), 0);
  };

  const queueName = t(`workspace.queues.${filters.queue}`);
  const filtered = hasFilters(filters);

  return (
    <div className="container py-3 py-lg-4 sp-ws">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('workspace.title') }]} />
      <div className="sp-ws-head">
        <h1 className="mb-0">{t('workspace.title')}</h1>
        <p className="mb-0 sp-ws-lead">{t('workspace.lead', { name: operator.tenant.name })}</p>
      </div>

      <SearchBox filters={filters} onSearch={(q) => go({ ...filters, q }, true)} />

      <QueueTabs filters={filters} counts={counts.data} />

      <FilterForm key={searchParams.toString()} filters={filters} operator={operator} items={items} onApply={(next) => go(next, true)} />

      <div role="status" className="sp-ws-count">
        {list.data && (
          <p ref={countRef} tabIndex={-1} className="mb-0">
            {items.length === 0
              ? filtered
                ? t('workspace.list.noneFiltered', { queue: queueName })
                : t('workspace.list.none', { queue: queueName })
              : list.hasNextPage
                ? t('workspace.list.countMore', { count: items.length, queue: queueName })
                : t('workspace.list.count', { count: items.length, queue: queueName })}
          </p>
        )}
      </div>
      {filtered && (
        <p>
          <Button type="button" color="primary" outline size="sm" onClick={() => go(withoutFilters(filters), true)}>
            {t('workspace.filters.clear')}
          </Button>
        </p>
      )}

      {!list.data ? (
        list.isError ? (
          <ErrorMessage error={list.error} retry={() => void list.refetch()} />
        ) : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <Notice tone="info" role="none" className="sp-ws-empty">
          <p className="mb-0">{filtered ? t('workspace.list.emptyFiltered') : t(`workspace.empty.${filters.queue}`)}</p>
        </Notice>
      ) : (
        <>
          <p className="sp-ws-keys small d-none d-md-block">{t('workspace.list.keys')}</p>
          <WorkList ref={listRef} items={items} caption={t('workspace.list.caption', { queue: queueName })} />
          <LoadMore list={list} label={t('workspace.list.more')} onMore={() => (focusIndex.current = items.length)} />
        </>
      )}
    </div>
  );
}

function SearchBox({ filters, onSearch }: { filters: WorkFilters; onSearch: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(filters.q ?? '');
  useEffect(() => setValue(filters.q ?? ''), [filters.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(value.trim() || undefined);
  };
  return (
    <form role="search" className="sp-ws-search" onSubmit={submit}>
      <label htmlFor={SEARCH_ID} className="sp-ws-label">
        {t('workspace.search.label')}
      </label>
      <div className="sp-ws-search-row">
        <input
          id={SEARCH_ID}
          type="search"
          name="q"
          className="form-control sp-ws-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${SEARCH_ID}-hint`}
          aria-keyshortcuts="/"
          maxLength={200}
          autoComplete="off"
        />
        <Button type="submit" color="primary">
          <Icon name="search" className="me-1" />
          {t('workspace.search.submit')}
        </Button>
      </div>
      <p id={`${SEARCH_ID}-hint`} className="sp-ws-hint">
        {t('workspace.search.hint')}
      </p>
    </form>
  );
}

function QueueTabs({ filters, counts }: { filters: WorkFilters; counts: Partial<Record<WorkQueue, number>> | undefined }) {
  const { t } = useTranslation();
  const urgent: WorkQueue[] = ['overdue', 'visas'];
  return (
    <nav aria-label={t('workspace.queues.label')} className="sp-ws-queues">
      <ul>
        {QUEUES.map((queue) => {
          const current = queue === filters.queue;
          const search = paramsFromFilters(withQueue(filters, queue)).toString();
          const count = counts?.[queue];
          return (
            <li key={queue}>
              <Link
                to={{ pathname: '/backoffice/pratiche', search: search ? `?${search}` : '' }}
                aria-current={current ? 'page' : undefined}
                className={`sp-ws-queue${current ? ' is-current' : ''}`}
                preventScrollReset
              >
                <span>{t(`workspace.queues.${queue}`)}</span>
                {count !== undefined && (
                  <span className={`sp-ws-queue-count${count > 0 && urgent.includes(queue) ? ' is-urgent' : ''}`}>
                    {count}
                    <span className="visually-hidden"> {t('workspace.queues.countUnit', { count })}</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

interface FilterValues {
  service: string;
  status: string;
  from: string;
  to: string;
  applicant: string;
}

function FilterForm({ filters, operator, items, onApply }: { filters: WorkFilters; operator: Operator; items: { service: { id: string; title: string } }[]; onApply: (f: WorkFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [values, setValues] = useState<FilterValues>({
    service: filters.service ?? '',
    status: filters.status ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
    applicant: filters.applicant ?? '',
  });
  const [dateError, setDateError] = useState<string | null>(null);
  const services = useServiceSearch({ tenant: operator.tenant.slug, includeInactive: true, limit: 100 });
  const serviceOptions = useMemo(() => {
    const map = new Map<string, string>();
    for (const page of services.data?.pages ?? []) for (const s of page.items) map.set(s.id, s.title);
    // applications of bodies under associated management carry services of other bodies: offer them too
    for (const item of items) map.set(item.service.id, item.service.title);
    if (filters.service && !map.has(filters.service)) map.set(filters.service, t('workspace.filters.selectedService'));
    return [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, lng));
  }, [services.data, items, filters.service, lng, t]);

  const set = (key: keyof FilterValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const active = !!(filters.service || filters.status || filters.from || filters.to || filters.applicant);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    for (const key of ['from', 'to'] as const) {
      if (values[key] && !isDay(values[key])) {
        setDateError(t('workspace.filters.badDate'));
        document.getElementById(`ws-filter-${key}`)?.focus();
        return;
      }
    }
    setDateError(null);
    onApply({
      ...filters,
      service: values.service || undefined,
      status: (values.status || undefined) as WorkFilters['status'],
      from: values.from || undefined,
      to: values.to || undefined,
      applicant: values.applicant.trim() || undefined,
    });
  };

  const summary = [
    filters.service && serviceOptions.find((o) => o.value === filters.service)?.label,
    filters.status && statusLabel(filters.status, t),
    filters.from && t('workspace.filters.fromShort', { date: formatDate(filters.from, lng) }),
    filters.to && t('workspace.filters.toShort', { date: formatDate(filters.to, lng) }),
    filters.applicant && `${t('workspace.filters.applicant')}: ${filters.applicant}`,
  ].filter(Boolean);

  return (
    <details className="sp-ws-filters" open={active || undefined}>
      <summary>
        <span className="fw-semibold">{t('workspace.filters.title')}</span>
        {summary.length > 0 && <span className="sp-ws-filter-summary"> — {summary.join(' · ')}</span>}
      </summary>
      <form onSubmit={submit} aria-label={t('workspace.filters.title')} noValidate>
        <div className="sp-ws-filter-grid">
          <div className="sp-ws-field">
            <label htmlFor="ws-filter-service" className="sp-ws-label">
              {t('workspace.filters.service')}
            </label>
            <select id="ws-filter-service" className="form-select sp-ws-input" value={values.service} onChange={(e) => set('service')(e.target.value)}>
              <option value="">{t('workspace.filters.allServices')}</option>
              {serviceOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="sp-ws-field">
            <label htmlFor="ws-filter-status" className="sp-ws-label">
              {t('workspace.filters.status')}
            </label>
            <select id="ws-filter-status" className="form-select sp-ws-input" value={values.status} onChange={(e) => set('status')(e.target.value)}>
              <option value="">{t('workspace.filters.allStatuses')}</option>
              {FILTER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s, t)}
                </option>
              ))}
            </select>
          </div>
          <DateRangeFields idPrefix="ws-filter" classPrefix="sp-ws" className="sp-ws-field sp-ws-dates" legend={t('workspace.filters.submitted')} fromLabel={t('workspace.filters.from')} toLabel={t('workspace.filters.to')}
            from={values.from} to={values.to} onChange={(end, value) => set(end)(value)} error={dateError} errorClassName="sp-field-error mb-0" />
          <div className="sp-ws-field">
            <label htmlFor="ws-filter-applicant" className="sp-ws-label">
              {t('workspace.filters.applicant')}
            </label>
            <input
              id="ws-filter-applicant"
              type="text"
              className="form-control sp-ws-input"
              value={values.applicant}
              onChange={(e) => set('applicant')(e.target.value)}
              aria-describedby="ws-filter-applicant-hint"
              maxLength={100}
              autoComplete="off"
            />
            <p id="ws-filter-applicant-hint" className="sp-ws-hint mb-0">
              {t('workspace.filters.applicantHint')}
            </p>
          </div>
        </div>
        <Button type="submit" color="primary" size="sm">
          {t('workspace.filters.apply')}
        </Button>
      </form>
    </details>
  );
}
