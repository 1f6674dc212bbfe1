/**
 * /area-personale/pagamenti/:paymentId — one payment as its payer sees it: what to pay and why (the description,
 * the lines, the application it belongs to, the body), the amount and the due date, the notice number and the
 * body's fiscal code (what a bank, a post office or a shop asks), the status. "Paga con pagoPA" opens a checkout
 * at the provider, which sends the browser back here with ?esito=ok|ko|annullato; "Scarica l'avviso di pagamento"
 * is the printable notice; "Scarica la ricevuta" once paid. A payment asked before sending an application can be
 * given up to change the answers ("Modifica la domanda").
 *
 * Back with ?esito=ok while the confirmation has not arrived yet, the page asks the server every 2 s (whose GET
 * also asks the provider) for up to 2 minutes, then says calmly that it can take longer and nothing is lost.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatEuro, formatNoticeNumber, type PaymentDetail } from '../../../contracts/payments';
import { applicationKeys } from '../../api/applications';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { MY_PAYMENTS, paymentKeys, paymentsApi, paymentUrl } from '../../api/payments';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { formatDateTime } from '../practices/format';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { isPayable, outcomeFromSearch, outcomeView, shouldPoll, type OutcomeView } from './format';
import { PaymentDue } from './PaymentDue';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import './payments.css';

/** How often the page asks for the confirmation of a payment just made, and for how long. */
const POLL_MS = 2_000;
const POLL_LIMIT_MS = 2 * 60_000;

const applicationPage = (id: string) => `/area-personale/pratiche/${encodeURIComponent(id)}`;

export default function PaymentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('payments.detail.title'));
  return <CitizenOnly>{() => <PaymentDetailView />}</CitizenOnly>;
}

function PaymentDetailView() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const outcome = outcomeFromSearch(searchParams);
  const [timedOut, setTimedOut] = useState(false);

  // the two minutes start when the page starts waiting for a confirmation
  useEffect(() => {
    setTimedOut(false);
    if (outcome !== 'ok') return;
    const timer = window.setTimeout(() => setTimedOut(true), POLL_LIMIT_MS);
    return () => window.clearTimeout(timer);
  }, [outcome, location.key]);

  const payment = useQuery({
    queryKey: paymentKeys.detail(paymentId),
    queryFn: ({ signal }) => paymentsApi.get(paymentId, signal),
    staleTime: 0,
    refetchInterval: (query) => (shouldPoll(outcome, query.state.data?.status, timedOut) ? POLL_MS : false),
  });

  // once paid, the application moved on (sent, or in progress again): its pages and the lists ask again
  const status = payment.data?.status;
  useEffect(() => {
    if (status !== 'paid') return;
    void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
    void queryClient.invalidateQueries({ queryKey: paymentKeys.all, predicate: (q) => q.queryKey[2] === 'list' });
  }, [status, queryClient]);

  const notFound = payment.isError && (isApiError(payment.error, 404) || isApiError(payment.error, 400) || isApiError(payment.error, 403));
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('personalArea.title'), to: PERSONAL_AREA },
          { label: t('payments.list.title'), to: MY_PAYMENTS },
          { label: notFound ? t('payments.notFound.title') : t('payments.detail.title') },
        ]}
      />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          {notFound ? (
            <div className="sp-not-found">
              <h1>{t('payments.notFound.title')}</h1>
              <p className="lead">{t('payments.notFound.body')}</p>
              <ButtonLink to={MY_PAYMENTS}>{t('payments.detail.back')}</ButtonLink>
            </div>
          ) : payment.isError && !payment.data ? (
            <ErrorMessage error={payment.error} retry={() => void payment.refetch()} />
          ) : !payment.data ? (
            <Loading />
          ) : (
            <PaymentView
              p={payment.data}
              view={outcomeView(outcome, payment.data.status, timedOut)}
              checking={payment.isFetching}
              onCheckAgain={() => void payment.refetch()}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function PaymentView({ p, view, checking, onCheckAgain }: { p: PaymentDetail; view: OutcomeView | null; checking: boolean; onCheckAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const outcomeRef = useRef<HTMLHeadingElement>(null);

  // the outcome is what to hear first: after the layout has settled, the focus goes to its heading (and again when
  // the awaited confirmation turns into "Pagamento riuscito")
  useEffect(() => {
    if (!view) return;
    const timer = window.setTimeout(() => outcomeRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [view]);

  const canPay = p.actions.includes('pay');
  // after a failure or a cancellation the button sits in the message itself; elsewhere, under "Come pagare"
  const payInOutcome = canPay && (view === 'failed' || view === 'abandoned');
  // the server offers it while the payment before sending is unpaid and no checkout is live at the provider
  const canEdit = p.purpose === 'before_submission' && !!p.application && p.actions.includes('cancel');

  return (
    <>
      <p className="sp-kicker mb-1">{t('payments.detail.kicker')}</p>
      <div className="sp-detail-head sp-pay-head">
        <h1 lang={lng === 'it' ? undefined : 'it'}>{p.description}</h1>
        <PaymentStatusBadge status={p.status} size="lg" />
      </div>

      {/* polite: "stiamo ricevendo la conferma…" and then "Pagamento riuscito" are announced as they come */}
      <div aria-live="polite" className="sp-pay-outcome-region">
        {view && <Outcome p={p} view={view} headingRef={outcomeRef} checking={checking} onCheckAgain={onCheckAgain} payButton={payInOutcome} />}
      </div>

      {(p.status === 'cancelled' || p.status === 'expired' || p.status === 'refunded') && (
        <Notice tone={p.status === 'refunded' ? 'info' : 'warning'} role="note" className="sp-pay-closed">
          <p className="fw-semibold mb-1">{t(`payments.detail.closed.${p.status}`)}</p>
          {p.statusReason && (
            <p className="mb-0 sp-pay-reason">
              {t('payments.detail.closed.reason')} <span lang="it">{p.statusReason}</span>
            </p>
          )}
        </Notice>
      )}

      {p.status === 'pending' && p.openAttempt && !view && (
        <Notice tone="info" role="note">
          <p className="mb-2">{t('payments.detail.openAttempt', { when: formatDateTime(p.openAttempt.startedAt, lng) })}</p>
          <Button type="button" color="primary" outline size="sm" onClick={onCheckAgain} disabled={checking}>
            {t('payments.outcome.check')}
          </Button>
        </Notice>
      )}

      <WhatToPay p={p} />

      {/* while the confirmation of a payment just made is awaited, nothing invites to pay again */}
      {isPayable(p.status) && view !== 'waiting' && <HowToPay p={p} showPayButton={canPay && !payInOutcome} />}

      {p.receipt && (p.status === 'paid' || p.status === 'refunded') && <Receipt p={p} />}

      {canEdit && <EditApplication p={p} />}

      <p className="mt-4">
        <Link to={MY_PAYMENTS}>{t('payments.detail.back')}</Link>
      </p>
    </>
  );
}

function Outcome({
  p,
  view,
  headingRef,
  checking,
  onCheckAgain,
  payButton,
}: {
  p: PaymentDetail;
  view: OutcomeView;
  headingRef: Ref<HTMLHeadingElement>;
  checking: boolean;
  onCheckAgain: () => void;
  payButton: boolean;
}) {
  const { t } = useTranslation();
  const heading = (text: string) => (
    <h2 className="h4 sp-pay-outcome-title" id="esito-pagamento" tabIndex={-1} ref={headingRef}>
      {text}
    </h2>
  );
  if (view === 'paid') {
    const a = p.application;
    return (
      <Notice tone="success" role="none" className="sp-pay-outcome" aria-labelledby="esito-pagamento">
        {heading(t('payments.outcome.paidTitle'))}
        <p className="mb-2">{t('payments.outcome.paidBody', { amount: formatEuro(p.amountCents) })}</p>
        {a && p.purpose === 'before_submission' && (
          <p className="mb-0">
            <strong>{t('payments.outcome.sent')}</strong> <Link to={applicationPage(a.id)}>{t('payments.outcome.sentLink', { code: a.code })}</Link>
          </p>
        )}
        {a && p.purpose === 'requested' && (
          <p className="mb-0">
            <strong>{t('payments.outcome.resumed')}</strong> <Link to={applicationPage(a.id)}>{t('payments.outcome.resumedLink', { code: a.code })}</Link>
          </p>
        )}
      </Notice>
    );
  }
  if (view === 'waiting') {
    return (
      <Notice tone="info" role="none" className="sp-pay-outcome" aria-labelledby="esito-pagamento">
        <div className="sp-pay-waiting">
          <span className="sp-pay-spinner" aria-hidden="true" />
          {heading(t('payments.outcome.waitingTitle'))}
        </div>
        <p className="mb-0">{t('payments.outcome.waitingBody')}</p>
      </Notice>
    );
  }
  if (view === 'slow') {
    return (
      <Notice tone="info" role="none" className="sp-pay-outcome" aria-labelledby="esito-pagamento">
        {heading(t('payments.outcome.slowTitle'))}
        <p className="mb-2">{t('payments.outcome.slowBody')}</p>
        <Button type="button" color="primary" outline size="sm" onClick={onCheckAgain} disabled={checking}>
          {t('payments.outcome.check')}
        </Button>
      </Notice>
    );
  }
  const failed = view === 'failed';
  return (
    <Notice tone={failed ? 'danger' : 'warning'} role="none" className="sp-pay-outcome" aria-labelledby="esito-pagamento">
      {heading(failed ? t('payments.outcome.failedTitle') : t('payments.outcome.abandonedTitle'))}
      <p className={payButton ? 'mb-3' : 'mb-0'}>{failed ? t('payments.outcome.failedBody') : t('payments.outcome.abandonedBody')}</p>
      {payButton && <PayButton p={p} />}
    </Notice>
  );
}

/** "Paga con pagoPA": a checkout at the provider, then the browser goes there (and comes back to this page). */
function PayButton({ p }: { p: PaymentDetail }) {
  const { t } = useTranslation();
  // one key per attempt: the same again when the answer did not arrive, a new one after a definite answer
  const key = useRef<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const checkout = useMutation({
    mutationFn: () => {
      key.current ??= newIdempotencyKey();
      return paymentsApi.checkout(p.id, paymentUrl(p.id), key.current);
    },
    onSuccess: (started) => {
      key.current = null;
      setLeaving(true);
      window.location.assign(started.redirectUrl);
    },
    onError: (error) => {
      if (isApiError(error) && error.status >= 400 && error.status < 500) key.current = null;
    },
  });
  const busy = checkout.isPending || leaving;
  return (
    <>
      {checkout.isError && <ErrorMessage error={checkout.error} />}
      <Button type="button" color="primary" size="lg" className="sp-pay-button" onClick={() => checkout.mutate()} disabled={busy}>
        <KitIcon icon="it-card" size="sm" className="sp-icon me-2" focusable="false" aria-hidden="true" />
        {t('payments.detail.payOnline')}
      </Button>
      <span className="sp-pay-leaving" role="status">
        {busy ? t('payments.detail.redirecting') : ''}
      </span>
    </>
  );
}

function WhatToPay({ p }: { p: PaymentDetail }) {
  const { t, i18n } = useTranslation();
  const it = i18n.language === 'it' ? undefined : 'it';
  const a = p.application;
  const settled = p.status === 'paid' || p.status === 'refunded';
  const why = settled ? 'whyPaid' : 'why';
  return (
    <section className="sp-pay-what" aria-labelledby="cosa-paghi">
      <h2 className="h4" id="cosa-paghi">
        {settled ? t('payments.detail.whatTitlePaid') : t('payments.detail.whatTitle')}
      </h2>
      <p className="sp-pay-amount-line">
        <span className="sp-pay-amount">{formatEuro(p.amountCents)}</span> <PaymentDue payment={p} />
      </p>
      <p className="sp-pay-why">
        {p.purpose === 'debt' ? t(`payments.detail.${why}.debt`, { body: p.tenantName }) : t(`payments.detail.${why}.${p.purpose}`, { service: a?.serviceTitle ?? '' })}
      </p>
      <dl className="sp-facts sp-facts-compact">
        <div>
          <dt>{t('payments.detail.facts.body')}</dt>
          <dd>{p.tenantName}</dd>
        </div>
        {a && (
          <div>
            <dt>{t('payments.detail.facts.application')}</dt>
            <dd>
              <Link to={applicationPage(a.id)}>
                <span lang={it}>{a.serviceTitle}</span> — <span className="sp-code">{a.code}</span>
              </Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('payments.detail.facts.debtor')}</dt>
          <dd>
            {p.debtor.name} <span className="sp-cf">({p.debtor.fiscalCode})</span>
          </dd>
        </div>
      </dl>
      {p.items.length > 0 && (
        <table className="table sp-pay-lines">
          <caption>{t('payments.detail.linesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.detail.lineLabel')}</th>
              <th scope="col" className="sp-pay-money">
                {t('payments.detail.lineAmount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((item, i) => (
              <tr key={`${item.label}-${i}`}>
                <td>
                  <span lang={it}>{item.label}</span>
                  <span className="d-block sp-pay-kind">{t(`payments.kinds.${item.kind}`)}</span>
                </td>
                <td className="sp-pay-money">{formatEuro(item.amountCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('payments.detail.total')}</th>
              <td className="sp-pay-money fw-bold">{formatEuro(p.amountCents)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function HowToPay({ p, showPayButton }: { p: PaymentDetail; showPayButton: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="sp-pay-how" aria-labelledby="come-pagare">
      <h2 className="h4" id="come-pagare">
        {t('payments.detail.payTitle')}
      </h2>
      {showPayButton && (
        <div className="sp-pay-online">
          <p>{t('payments.detail.payOnlineHint')}</p>
          <PayButton p={p} />
        </div>
      )}
      <h3 className="h5 mt-4" id="avviso-pagamento">
        {t('payments.detail.noticeTitle')}
      </h3>
      <p>{t('payments.detail.noticeHint')}</p>
      <dl className="sp-facts sp-facts-compact sp-pay-codes">
        <div>
          <dt>{t('payments.detail.noticeNumber')}</dt>
          <dd className="sp-pay-code" data-testid="notice-number">
            {formatNoticeNumber(p.noticeNumber)}
          </dd>
        </div>
        <div>
          <dt>{t('payments.detail.bodyFiscalCode')}</dt>
          <dd className="sp-pay-code">{p.bodyFiscalCode}</dd>
        </div>
      </dl>
      <a className="btn btn-outline-primary sp-pay-download" href={paymentsApi.noticeUrl(p.id)} download>
        <KitIcon icon="it-download" size="sm" className="sp-icon me-2" focusable="false" aria-hidden="true" />
        {t('payments.detail.downloadNotice')}
        <span className="ms-1 fw-normal">(PDF)</span>
      </a>
    </section>
  );
}

function Receipt({ p }: { p: PaymentDetail }) {
  const { t, i18n } = useTranslation();
  const r = p.receipt!;
  return (
    <section className="sp-pay-receipt" aria-labelledby="ricevuta-pagamento">
      <h2 className="h4" id="ricevuta-pagamento">
        {t('payments.detail.receiptTitle')}
      </h2>
      <dl className="sp-facts sp-facts-compact">
        <div>
          <dt>{t('payments.detail.receipt.paidAt')}</dt>
          <dd>{formatDateTime(r.paidAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('payments.detail.receipt.amount')}</dt>
          <dd>{formatEuro(r.amountCents)}</dd>
        </div>
        <div>
          <dt>{t('payments.detail.receipt.psp')}</dt>
          <dd>
            {r.psp}
            {r.channel && <span className="d-block sp-pay-kind">{r.channel}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('payments.detail.receipt.id')}</dt>
          <dd className="sp-pay-code">{r.receiptId}</dd>
        </div>
      </dl>
      <a className="btn btn-primary sp-pay-download" href={paymentsApi.receiptUrl(p.id)} download>
        <KitIcon icon="it-download" size="sm" className="sp-icon me-2" focusable="false" aria-hidden="true" />
        {t('payments.detail.downloadReceipt')}
        <span className="ms-1 fw-normal">(PDF)</span>
      </a>
    </section>
  );
}

/** Gives up the payment asked before sending: the application goes back to draft, and the page to its form. */
function EditApplication({ p }: { p: PaymentDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const a = p.application!;
  const cancel = useMutation({
    mutationFn: () => paymentsApi.cancel(p.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(paymentKeys.detail(p.id), updated);
      // the form must see the draft again, not the cached "awaiting payment" (which would send it back here)
      queryClient.removeQueries({ queryKey: applicationKeys.detail(a.id) });
      void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.all, predicate: (q) => q.queryKey[2] === 'list' });
      navigate(`/pratiche/${encodeURIComponent(a.id)}/compila`);
    },
  });
  return (
    <section className="sp-pay-edit" aria-labelledby="modifica-domanda">
      <h2 className="h5" id="modifica-domanda">
        {t('payments.detail.edit.title')}
      </h2>
      <p>{t('payments.detail.edit.body')}</p>
      {cancel.isError && <ErrorMessage error={cancel.error} />}
      <Button type="button" color="primary" outline onClick={() => cancel.mutate()} disabled={cancel.isPending}>
        <KitIcon icon="it-pencil" size="sm" className="sp-icon me-2" focusable="false" aria-hidden="true" />
        {cancel.isPending ? t('payments.detail.edit.sending') : t('payments.detail.edit.button')}
      </Button>
    </section>
  );
}
