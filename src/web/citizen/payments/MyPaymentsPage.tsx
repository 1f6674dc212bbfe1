/**
 * /area-personale/pagamenti — "I miei pagamenti": what is still to pay (the default), what is paid, or everything;
 * the payments of the citizen and of the people they act for, also debts not tied to an application (a TARI
 * instalment loaded by the office). Each card: description, body, amount, due date (late ones marked), status,
 * the application's code when there is one, and a link to the payment's page. The filter lives in the URL
 * (?mostra=pagati|tutti); "Carica altri" follows the cursor.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatEuro, type PaymentSummary } from '../../../contracts/payments';
import { paymentKeys, paymentsApi, paymentUrl, type MyPaymentsFilter } from '../../api/payments';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { LoadMore } from '../../ui/LoadMore';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { isPayable } from './format';
import { PaymentDue } from './PaymentDue';
import { PaymentStatusBadge } from './PaymentStatusBadge';
// the segmented filter and the cards of "Le mie pratiche"
import '../practices/practices.css';
import './payments.css';

const PAGE_SIZE = 20;
const FILTERS: MyPaymentsFilter[] = ['due', 'paid', 'all'];
/** ?mostra= in the URL; "Da pagare" is the page without it */
const FILTER_PARAM: Record<MyPaymentsFilter, string> = { due: '', paid: 'pagati', all: 'tutti' };
const filterFromParam = (value: string | null): MyPaymentsFilter =>
  (Object.entries(FILTER_PARAM).find(([, v]) => v && v === value)?.[0] as MyPaymentsFilter | undefined) ?? 'due';

export default function MyPaymentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('payments.list.title'));
  return <CitizenOnly>{(citizen) => <MyPayments myFiscalCode={citizen.fiscalCode} />}</CitizenOnly>;
}

function MyPayments({ myFiscalCode }: { myFiscalCode: string }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = filterFromParam(searchParams.get('mostra'));

  const list = useInfiniteQuery({
    queryKey: paymentKeys.list(filter),
    queryFn: ({ pageParam, signal }) => paymentsApi.mine({ status: filter, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const choose = (next: MyPaymentsFilter) => {
    const params = new URLSearchParams(searchParams);
    if (FILTER_PARAM[next]) params.set('mostra', FILTER_PARAM[next]);
    else params.delete('mostra');
    setSearchParams(params, { preventScrollReset: true });
  };

  // After "Carica altri", the first card added takes the focus.
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const el = document.querySelector<HTMLElement>(`[data-payment-index="${focusIndex.current}"]`);
    if (el) {
      el.focus();
      focusIndex.current = null;
    }
  }, [items.length]);

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('payments.list.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('payments.list.title')}</h1>
          <p className="lead">{t('payments.list.intro')}</p>

          <form aria-label={t('payments.list.filterLabel')} onSubmit={(e) => e.preventDefault()}>
            <fieldset className="sp-status-tabs">
              <legend>{t('payments.list.filterLegend')}</legend>
              <div className="sp-segmented">
                {FILTERS.map((f) => {
                  const id = `pagamenti-${f}`;
                  return (
                    <span key={f}>
                      <input
                        type="radio"
                        name="mostra"
                        id={id}
                        value={f}
                        checked={filter === f}
                        onChange={(e: ChangeEvent<HTMLInputElement>) => e.target.checked && choose(f)}
                      />
                      <label htmlFor={id}>{t(`payments.list.filters.${f}`)}</label>
                    </span>
                  );
                })}
              </div>
            </fieldset>
          </form>

          <div role="status" className="sp-practices-status">
            {list.data && items.length > 0 && (
              <p className="sp-practices-count">
                {list.hasNextPage ? t(`payments.list.countMore.${filter}`, { count: items.length }) : t(`payments.list.count.${filter}`, { count: items.length })}
              </p>
            )}
          </div>

          {!list.data ? (
            list.isError ? (
              <ErrorMessage error={list.error} retry={() => void list.refetch()} />
            ) : (
              <Loading />
            )
          ) : items.length === 0 ? (
            <Notice tone="info" role="none" className="sp-empty">
              <p className="fw-semibold mb-1">{t(`payments.list.empty.${filter}.title`)}</p>
              <p className="mb-0">{t(`payments.list.empty.${filter}.body`)}</p>
            </Notice>
          ) : (
            <>
              <ul className="sp-practice-list">
                {items.map((p, index) => (
                  <PaymentCard key={p.id} p={p} index={index} myFiscalCode={myFiscalCode} />
                ))}
              </ul>
              <LoadMore list={list} label={t('payments.list.more')} onMore={() => (focusIndex.current = items.length)} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function PaymentCard({ p, index, myFiscalCode }: { p: PaymentSummary; index: number; myFiscalCode: string }) {
  const { t, i18n } = useTranslation();
  const it = i18n.language === 'it' ? undefined : 'it';
  const titleId = `pagamento-${p.id}`;
  const payable = isPayable(p.status);
  return (
    <li className={`sp-practice sp-pay-card sp-pay-card-${p.status}`}>
      <article aria-labelledby={titleId}>
        <div className="sp-practice-head">
          <h2 className="sp-practice-title" id={titleId}>
            <Link to={paymentUrl(p.id)} data-payment-index={index} lang={it}>
              {p.description}
            </Link>
          </h2>
          <PaymentStatusBadge status={p.status} />
        </div>
        <p className="sp-practice-body">{p.tenantName}</p>
        <p className="sp-pay-amount-line mb-1">
          <span className="sp-pay-amount sp-pay-amount-sm">{formatEuro(p.amountCents)}</span> <PaymentDue payment={p} />
        </p>
        {p.application && (
          <p className="sp-pay-card-application mb-1">
            {t('payments.list.application')} <span className="sp-code">{p.application.code}</span> — <span lang={it}>{p.application.serviceTitle}</span>
          </p>
        )}
        {/* for someone the citizen acts for (a child, a company): whose it is */}
        {p.debtor.fiscalCode.toUpperCase() !== myFiscalCode.toUpperCase() && <p className="sp-pay-card-debtor mb-0">{t('payments.list.debtor', { name: p.debtor.name })}</p>}
        {payable && (
          <Link to={paymentUrl(p.id)} className="sp-practice-action">
            {t('payments.list.pay')}
            <span className="visually-hidden"> — {p.description}</span>
          </Link>
        )}
      </article>
    </li>
  );
}
