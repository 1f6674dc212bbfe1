/**
 * /backoffice/pagamenti — the body's payments: a search (notice number, fiscal code, name, description), filters
 * by status, kind and creation dates kept in the page address, the totals of what they find (count and amount,
 * from the server, over every page), and the list: a table on wide screens, cards on a phone (nothing scrolls
 * sideways at 320 px). "Carica altri" puts the focus on the first new row. From here: a new debt position and the
 * day's reconciliation.
 */
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext, useSearchParams } from 'react-router';
import { formatEuro, formatNoticeNumber, PAYMENT_PURPOSES, PAYMENT_STATUSES, type PaymentSummary } from '../../../contracts/payments';
import type { Operator } from '../../api/types';
import { formatDate } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { LoadMore } from '../../ui/LoadMore';
import { DateRangeFields } from '../../ui/fields';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { handlingUrl } from '../workspace/WorkList';
import { managesPayments, NEW_DEBT_PATH, paymentUrl, RECONCILIATION_PATH } from './access';
import { usePaymentList } from './api';
import { filtersFromParams, hasFilters, paramsFromFilters, Q_MAX, searchText, type PaymentFilters } from './filters';
import { isDay } from './paymentForms';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import './payments.css';

const SEARCH_ID = 'pay-search';

export default function PaymentsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);
  useDocumentTitle(t('officePayments.title'));
  const list = usePaymentList(operator.tenant.id, filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const totals = list.data?.pages[0]?.totals;
  const rows = useRef<HTMLDivElement>(null);
  const focusIndex = useRef<number | null>(null);
  const totalsRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusIndex.current === null || items.length <= focusIndex.current) return;
    rows.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex.current}"]`)?.focus();
    focusIndex.current = null;
  }, [items.length]);

  const go = (next: PaymentFilters) => {
    setSearchParams(paramsFromFilters(next), { preventScrollReset: true });
    window.setTimeout(() => totalsRef.current?.focus(), 0);
  };
  const filtered = hasFilters(filters);

  return (
    <div className="container py-3 py-lg-4 sp-pay">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('officePayments.title') }]} />
      <div className="sp-pay-head">
        <h1>{t('officePayments.title')}</h1>
        {managesPayments(operator) && (
          <div className="sp-pay-head-actions">
            <ButtonLink to={NEW_DEBT_PATH} color="primary">
              <Icon name="plus" className="me-1" />
              {t('officePayments.newDebt')}
            </ButtonLink>
            <ButtonLink to={RECONCILIATION_PATH} color="primary" outline>
              {t('officePayments.reconciliation')}
            </ButtonLink>
          </div>
        )}
      </div>
      <p className="sp-pay-lead">{t('officePayments.lead', { name: operator.tenant.name })}</p>

      <SearchBox key={`q-${filters.q ?? ''}`} filters={filters} onSearch={(q) => go({ ...filters, q })} />
      <FilterForm key={searchParams.toString()} filters={filters} onApply={go} />

      <div role="status">
        {totals && (
          <p ref={totalsRef} tabIndex={-1} className="sp-pay-totals">
            {totals.count === 0
              ? filtered
                ? t('officePayments.list.noneFiltered')
                : t('officePayments.list.none')
              : t('officePayments.list.totals', { count: totals.count, amount: formatEuro(totals.amountCents) })}
            {totals.count > items.length && items.length > 0 && <> {t('officePayments.list.shown', { shown: items.length })}</>}
          </p>
        )}
      </div>
      {filtered && (
        <p>
          <Button type="button" color="primary" outline size="sm" onClick={() => go({})}>
            {t('officePayments.filters.clear')}
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
        // the totals above already say it when the server gives them
        !totals && (
        <Notice tone="info" role="none">
          <p className="mb-0">{filtered ? t('officePayments.list.noneFiltered') : t('officePayments.list.none')}</p>
        </Notice>
        )
      ) : (
        <>
          <div ref={rows}>
            <PaymentList items={items} />
          </div>
          <LoadMore list={list} label={t('officePayments.list.more')} onMore={() => (focusIndex.current = items.length)} className="mt-3" />
        </>
      )}
    </div>
  );
}

function SearchBox({ filters, onSearch }: { filters: PaymentFilters; onSearch: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(filters.q ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(searchText(value));
  };
  return (
    <form role="search" onSubmit={submit} className="mb-2">
      <label htmlFor={SEARCH_ID} className="sp-pay-label">
        {t('officePayments.search.label')}
      </label>
      <div className="sp-pay-search-row">
        <input
          id={SEARCH_ID}
          type="search"
          className="form-control sp-pay-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${SEARCH_ID}-hint`}
          maxLength={Q_MAX + 10}
          autoComplete="off"
        />
        <Button type="submit" color="primary">
          <Icon name="search" className="me-1" />
          {t('officePayments.search.submit')}
        </Button>
      </div>
      <p id={`${SEARCH_ID}-hint`} className="sp-pay-hint mb-0">
        {t('officePayments.search.hint')}
      </p>
    </form>
  );
}

function FilterForm({ filters, onApply }: { filters: PaymentFilters; onApply: (f: PaymentFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [values, setValues] = useState({ status: filters.status ?? '', purpose: filters.purpose ?? '', from: filters.from ?? '', to: filters.to ?? '' });
  const [dateError, setDateError] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const active = !!(filters.status || filters.purpose || filters.from || filters.to);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    for (const key of ['from', 'to'] as const) {
      if (values[key] && !isDay(values[key])) {
        setDateError(t('officePayments.filters.badDate'));
        document.getElementById(`pay-filter-${key}`)?.focus();
        return;
      }
    }
    setDateError(null);
    onApply({
      ...filters,
      status: (values.status || undefined) as PaymentFilters['status'],
      purpose: (values.purpose || undefined) as PaymentFilters['purpose'],
      from: values.from || undefined,
      to: values.to || undefined,
    });
  };

  const summary = [
    filters.status && t(`officePayments.status.${filters.status}`),
    filters.purpose && t(`officePayments.purpose.${filters.purpose}`),
    filters.from && t('officePayments.filters.fromShort', { date: formatDate(filters.from, lng) }),
    filters.to && t('officePayments.filters.toShort', { date: formatDate(filters.to, lng) }),
  ].filter(Boolean);

  return (
    <details className="sp-pay-filters" open={active || undefined}>
      <summary>
        <span className="fw-semibold">{t('officePayments.filters.title')}</span>
        {summary.length > 0 && <span> — {summary.join(' · ')}</span>}
      </summary>
      <form onSubmit={submit} aria-label={t('officePayments.filters.title')} noValidate>
        <div className="sp-pay-filter-grid">
          <div>
            <label htmlFor="pay-filter-status" className="sp-pay-label">
              {t('officePayments.filters.status')}
            </label>
            <select id="pay-filter-status" className="form-select sp-pay-input" value={values.status} onChange={(e) => set('status')(e.target.value)}>
              <option value="">{t('officePayments.filters.allStatuses')}</option>
              {PAYMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`officePayments.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="pay-filter-purpose" className="sp-pay-label">
              {t('officePayments.filters.purpose')}
            </label>
            <select id="pay-filter-purpose" className="form-select sp-pay-input" value={values.purpose} onChange={(e) => set('purpose')(e.target.value)}>
              <option value="">{t('officePayments.filters.allPurposes')}</option>
              {PAYMENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`officePayments.purpose.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <DateRangeFields idPrefix="pay-filter" classPrefix="sp-pay" legend={t('officePayments.filters.period')} fromLabel={t('officePayments.filters.from')} toLabel={t('officePayments.filters.to')}
            from={values.from} to={values.to} onChange={(end, value) => set(end)(value)} error={dateError} errorClassName="sp-pay-error" />
        </div>
        <Button type="submit" color="primary" size="sm" className="mb-2">
          {t('officePayments.filters.apply')}
        </Button>
      </form>
    </details>
  );
}

function Reconciled({ item }: { item: PaymentSummary }) {
  const { t, i18n } = useTranslation();
  if (!item.reconciledAt) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('officePayments.list.reconciledNo')}</span>
      </>
    );
  }
  return (
    <span className="sp-pay-reconciled" title={formatDate(item.reconciledAt, i18n.language)}>
      <KitIcon icon="it-check" size="xs" className="sp-icon me-1" focusable="false" aria-hidden="true" />
      {t('officePayments.list.reconciledYes')}
    </span>
  );
}

function ApplicationLink({ item }: { item: PaymentSummary }) {
  const { t } = useTranslation();
  if (!item.application) return <span className="sp-pay-small">{t('officePayments.list.noApplication')}</span>;
  return (
    <>
      <Link to={handlingUrl(item.application.id)} className="sp-code">
        {item.application.code}
      </Link>
      <span className="sp-pay-small" lang="it">
        {item.application.serviceTitle}
      </span>
    </>
  );
}

function PaymentList({ items }: { items: PaymentSummary[] }) {
  const wide = useMediaQuery('(min-width: 992px)');
  return wide ? <PaymentTable items={items} /> : <PaymentCards items={items} />;
}

function PaymentTable({ items }: { items: PaymentSummary[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <table className="table sp-pay-table">
      <caption>{t('officePayments.list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('officePayments.list.date')}</th>
          <th scope="col">{t('officePayments.list.debtor')}</th>
          <th scope="col">{t('officePayments.list.description')}</th>
          <th scope="col">{t('officePayments.list.application')}</th>
          <th scope="col" className="sp-pay-amount">
            {t('officePayments.list.amount')}
          </th>
          <th scope="col">{t('officePayments.list.due')}</th>
          <th scope="col">{t('officePayments.list.state')}</th>
          <th scope="col">{t('officePayments.list.reconciled')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p, index) => (
          <tr key={p.id}>
            <td>{formatDate(p.createdAt, lng)}</td>
            <td>
              {p.debtor.name}
              <span className="sp-pay-cf">{p.debtor.fiscalCode}</span>
            </td>
            <td>
              <Link to={paymentUrl(p.id)} data-row-index={index} lang="it">
                {p.description}
              </Link>
              <span className="sp-pay-small">
                {t(`officePayments.purpose.${p.purpose}`)} · {t('officePayments.list.notice', { number: formatNoticeNumber(p.noticeNumber) })}
              </span>
            </td>
            <td>
              <ApplicationLink item={p} />
            </td>
            <td className="sp-pay-amount">{formatEuro(p.amountCents)}</td>
            <td>{formatDate(p.dueDate, lng)}</td>
            <td>
              <PaymentStatusBadge status={p.status} />
            </td>
            <td>
              <Reconciled item={p} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PaymentCards({ items }: { items: PaymentSummary[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <ul className="sp-pay-cards" aria-label={t('officePayments.list.caption')}>
      {items.map((p, index) => (
        <li key={p.id} className="sp-pay-card">
          <div className="sp-pay-card-top">
            <h2 className="sp-pay-card-title">
              <Link to={paymentUrl(p.id)} data-row-index={index} lang="it">
                {p.description}
              </Link>
            </h2>
            <strong className="sp-pay-amount">{formatEuro(p.amountCents)}</strong>
          </div>
          <p className="mb-1 mt-1">
            <PaymentStatusBadge status={p.status} />
          </p>
          <dl>
            <dt>{t('officePayments.list.debtor')}</dt>
            <dd>
              {p.debtor.name}
              <span className="sp-pay-cf">{p.debtor.fiscalCode}</span>
            </dd>
            <dt>{t('officePayments.list.application')}</dt>
            <dd>
              <ApplicationLink item={p} />
            </dd>
            <dt>{t('officePayments.list.due')}</dt>
            <dd>{formatDate(p.dueDate, lng)}</dd>
            <dt>{t('officePayments.list.date')}</dt>
            <dd>{formatDate(p.createdAt, lng)}</dd>
            <dt>{t('officePayments.list.reconciled')}</dt>
            <dd>
              <Reconciled item={p} />
            </dd>
          </dl>
          <p className="sp-pay-small mb-0 mt-1">
            {t(`officePayments.purpose.${p.purpose}`)} · <span className="sp-pay-notice">{formatNoticeNumber(p.noticeNumber)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

