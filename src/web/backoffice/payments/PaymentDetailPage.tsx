/**
 * /backoffice/pagamenti/:paymentId — one payment as the office sees it: who owes it and why, the lines of the
 * amount, the pagoPA data (notice number, IUV, the body's fiscal code, due date), the receipt once paid, the
 * reconciliation, the printable notice and receipt, the linked application, and what happened to it. The actions
 * the server lists for this operator now ("Annulla il pagamento", "Rimborsa") each open a dialog asking the reason.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { formatEuro, formatNoticeNumber, PAYABLE_STATUSES, type PaymentDetail, type PaymentEventView } from '../../../contracts/payments';
import { isApiError } from '../../api/client';
import { formatDate, formatDateTime } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { workspaceKeys } from '../workspace/api';
import { handlingUrl } from '../workspace/WorkList';
import { PAYMENTS_PATH } from './access';
import { officePaymentKeys, officePaymentsApi, usePayment } from './api';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import { ReasonDialog, type ReasonAction } from './ReasonDialog';
import './payments.css';

export default function PaymentDetailPage() {
  const { t } = useTranslation();
  const { paymentId } = useParams();
  const payment = usePayment(paymentId);
  const notFound = payment.isError && (isApiError(payment.error, 404) || isApiError(payment.error, 400));
  useDocumentTitle(notFound ? t('officePayments.detail.notFoundTitle') : payment.data ? `${payment.data.description} — ${t('officePayments.title')}` : t('officePayments.detail.title'));
  const crumbs = (last: string) => [{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('officePayments.title'), to: PAYMENTS_PATH }, { label: last }];

  if (payment.isPending) {
    return (
      <div className="container py-4">
        <Loading />
      </div>
    );
  }
  if (notFound) {
    return (
      <div className="container py-4">
        <Breadcrumbs items={crumbs(t('officePayments.detail.notFoundTitle'))} />
        <h1>{t('officePayments.detail.notFoundTitle')}</h1>
        <p>{t('officePayments.detail.notFoundBody')}</p>
        <ButtonLink to={PAYMENTS_PATH}>{t('officePayments.detail.back')}</ButtonLink>
      </div>
    );
  }
  if (payment.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={payment.error} retry={() => void payment.refetch()} />
      </div>
    );
  }
  return (
    <div className="container py-3 py-lg-4 sp-pay">
      <Breadcrumbs items={crumbs(formatNoticeNumber(payment.data.noticeNumber))} />
      <Detail p={payment.data} />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="sp-pay-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Detail({ p }: { p: PaymentDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const location = useLocation();
  const queryClient = useQueryClient();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [dialog, setDialog] = useState<ReasonAction | null>(null);
  const [done, setDone] = useState<{ message: string; n: number } | null>(created ? { message: t('officePayments.detail.created', { number: formatNoticeNumber(p.noticeNumber) }), n: 0 } : null);
  const doneRef = useRef<HTMLDivElement>(null);
  const openers = { cancel: useRef<HTMLButtonElement>(null), refund: useRef<HTMLButtonElement>(null) };
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const close = (action: ReasonAction) => {
    setDialog(null);
    window.setTimeout(() => openers[action].current?.focus(), 0);
  };
  const finished = (action: ReasonAction, updated: PaymentDetail) => {
    queryClient.setQueryData(officePaymentKeys.detail(p.id), updated);
    void queryClient.invalidateQueries({ queryKey: [...officePaymentKeys.all, 'list'] });
    if (p.application) {
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.detail(p.application.id) });
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.history(p.application.id) });
    }
    setDialog(null);
    setDone((d) => ({ message: t(`officePayments.${action}.done`), n: (d?.n ?? 0) + 1 }));
  };

  const payable = PAYABLE_STATUSES.includes(p.status);
  const hasReceipt = p.status === 'paid' || p.status === 'refunded';
  const actions = (['cancel', 'refund'] as const).filter((a) => p.actions.includes(a));
  const itemsTotal = p.items.reduce((sum, i) => sum + i.amountCents, 0);

  return (
    <>
      <p className="sp-kicker mb-1">
        {t('officePayments.detail.kicker')} · {t(`officePayments.purpose.${p.purpose}`)}
      </p>
      <div className="sp-pay-head">
        <h1 lang="it">{p.description}</h1>
        <PaymentStatusBadge status={p.status} />
      </div>
      <p className="h4 mb-3">{formatEuro(p.amountCents)}</p>

      <div role="status">
        {done && (
          <Notice tone="success" role="none" focusRef={doneRef} key={done.n}>
            {done.message}
          </Notice>
        )}
      </div>
      {p.statusReason && (p.status === 'cancelled' || p.status === 'refunded') && (
        <Notice tone="info" role="none">
          <p className="mb-0">
            <strong>{t('officePayments.detail.reason')}:</strong> <span lang="it">{p.statusReason}</span>
          </p>
        </Notice>
      )}
      {p.openAttempt && (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('officePayments.detail.openAttempt', { date: formatDateTime(p.openAttempt.startedAt, lng) })}</p>
        </Notice>
      )}

      <div className="row g-4">
        <div className="col-lg-7">
          <Section id="pay-debtor" title={t('officePayments.detail.debtorSection')}>
            <dl className="sp-pay-facts">
              <Fact label={t('officePayments.detail.debtor')}>{p.debtor.name}</Fact>
              <Fact label={t('officePayments.detail.fiscalCode')}>
                <span className="sp-pay-notice">{p.debtor.fiscalCode}</span>
              </Fact>
              <Fact label={t('officePayments.detail.application')}>
                {p.application ? (
                  <Link to={handlingUrl(p.application.id)}>{t('officePayments.detail.applicationLink', { code: p.application.code, service: p.application.serviceTitle })}</Link>
                ) : (
                  t('officePayments.list.noApplication')
                )}
              </Fact>
              <Fact label={t('officePayments.detail.createdAt')}>{formatDateTime(p.createdAt, lng)}</Fact>
            </dl>
          </Section>

          <Section id="pay-items" title={t('officePayments.detail.amountAndItems')}>
            <table className="table sp-pay-items">
              <caption className="visually-hidden">{t('officePayments.detail.itemsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('officePayments.detail.item')}</th>
                  <th scope="col">{t('officePayments.detail.kind')}</th>
                  <th scope="col" className="sp-pay-amount">
                    {t('officePayments.detail.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((item, i) => (
                  <tr key={i}>
                    <td lang="it">{item.label}</td>
                    <td>{t(`officePayments.kinds.${item.kind}`, { defaultValue: item.kind })}</td>
                    <td className="sp-pay-amount">{formatEuro(item.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('officePayments.detail.total')}
                  </th>
                  <td className="sp-pay-amount">{formatEuro(p.items.length ? itemsTotal : p.amountCents)}</td>
                </tr>
              </tfoot>
            </table>
          </Section>

          <Section id="pay-pagopa" title={t('officePayments.detail.pagopa')}>
            <dl className="sp-pay-facts">
              <Fact label={t('officePayments.detail.noticeNumber')}>
                <span className="sp-pay-notice">{formatNoticeNumber(p.noticeNumber)}</span>
              </Fact>
              <Fact label={t('officePayments.detail.iuv')}>
                <span className="sp-pay-notice">{p.iuv}</span>
              </Fact>
              <Fact label={t('officePayments.detail.bodyFiscalCode')}>
                <span className="sp-pay-notice">{p.bodyFiscalCode}</span>
              </Fact>
              <Fact label={t('officePayments.detail.dueDate')}>{formatDate(p.dueDate, lng)}</Fact>
              <Fact label={t('officePayments.detail.status')}>
                <PaymentStatusBadge status={p.status} />
              </Fact>
            </dl>
          </Section>

          <Section id="pay-receipt" title={t('officePayments.detail.receipt')}>
            {p.receipt ? (
              <dl className="sp-pay-facts">
                <Fact label={t('officePayments.detail.paidAt')}>{formatDateTime(p.receipt.paidAt, lng)}</Fact>
                <Fact label={t('officePayments.detail.paidAmount')}>{formatEuro(p.receipt.amountCents)}</Fact>
                <Fact label={t('officePayments.detail.psp')}>{p.receipt.psp}</Fact>
                <Fact label={t('officePayments.detail.channel')}>{p.receipt.channel}</Fact>
                <Fact label={t('officePayments.detail.receiptId')}>
                  <span className="sp-pay-notice">{p.receipt.receiptId}</span>
                </Fact>
              </dl>
            ) : (
              <p>{t('officePayments.detail.noReceipt')}</p>
            )}
          </Section>

          <Section id="pay-reconciliation" title={t('officePayments.detail.reconciliation')}>
            {p.reconciledAt ? (
              <>
                <p className="mb-1">{t('officePayments.detail.reconciledAt', { date: formatDateTime(p.reconciledAt, lng) })}</p>
                {p.reconciliationFlow && <p className="mb-0">{t('officePayments.detail.reconciledFlow', { flow: p.reconciliationFlow })}</p>}
              </>
            ) : (
              <p>{t('officePayments.detail.notReconciled')}</p>
            )}
          </Section>
        </div>

        <div className="col-lg-5">
          <Section id="pay-actions" title={t('officePayments.detail.actions')}>
            {actions.length === 0 ? (
              <p>{t('officePayments.detail.noActions')}</p>
            ) : (
              <div className="sp-pay-actions">
                {actions.map((a) => (
                  <Button key={a} type="button" color="danger" outline innerRef={openers[a]} onClick={() => setDialog(a)}>
                    {t(`officePayments.${a}.button`)}
                  </Button>
                ))}
              </div>
            )}
          </Section>

          <Section id="pay-documents" title={t('officePayments.detail.documents')}>
            {payable || hasReceipt ? (
              <ul>
                {payable && (
                  <li>
                    <a href={officePaymentsApi.noticeUrl(p.id)} download>
                      {t('officePayments.detail.noticePdf')}
                    </a>
                  </li>
                )}
                {hasReceipt && (
                  <li>
                    <a href={officePaymentsApi.receiptUrl(p.id)} download>
                      {t('officePayments.detail.receiptPdf')}
                    </a>
                  </li>
                )}
              </ul>
            ) : (
              <p>{t('officePayments.detail.noDocuments')}</p>
            )}
          </Section>

          <Section id="pay-events" title={t('officePayments.detail.events')}>
            <Events events={p.events} />
          </Section>
        </div>
      </div>

      <p className="mt-2">
        <Link to={PAYMENTS_PATH}>{t('officePayments.detail.back')}</Link>
      </p>

      {dialog && <ReasonDialog action={dialog} payment={p} onClose={() => close(dialog)} onDone={(updated) => finished(dialog, updated)} />}
    </>
  );
}

/** The reporting flow that reconciled the payment, as its event notes it. */
function Events({ events }: { events: PaymentEventView[] }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) return <p>{t('officePayments.detail.noEvents')}</p>;
  return (
    <ol className="sp-pay-events">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
          <span className="fw-semibold">{t(`officePayments.events.${e.type}`, { defaultValue: '' }) || t('officePayments.events.other')}</span>
          {e.toStatus && e.toStatus !== e.fromStatus && (
            <>
              {' '}
              <PaymentStatusBadge status={e.toStatus} />
            </>
          )}
          <span className="d-block sp-pay-small">{t('officePayments.detail.by', { who: e.actor })}</span>
          {e.note && (
            <p className="mb-0" lang="it">
              {e.note}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
