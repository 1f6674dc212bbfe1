/**
 * /backoffice/pagamenti/riconciliazione — the day's reporting flow of pagoPA matched against the body's payments:
 * choose a day (yesterday, as a rule), POST /payments/reconciliation, and read what came of it: how many payments the
 * flow confirmed now and earlier, the flow's entries that match nothing here (with a search for their notice
 * number) and the payments paid that day that the flow does not carry (with a link to each).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router';
import { formatNoticeNumber, type ReconciliationResult } from '../../../contracts/payments';
import type { Operator } from '../../api/types';
import { formatDate, romeDay } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { useDocumentTitle } from '../../ui/status';
import { paymentUrl, PAYMENTS_PATH } from './access';
import { officePaymentKeys, officePaymentsApi } from './api';
import { callFailure, describedBy, FailureAlert, FieldError } from './common';
import { paramsFromFilters } from './filters';
import { addDays, isDay } from './paymentForms';
import './payments.css';

const DATE_ID = 'reconcile-date';

export default function ReconciliationPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  const queryClient = useQueryClient();
  useDocumentTitle(t('officePayments.reconcile.title'));
  const today = romeDay();
  const [date, setDate] = useState(addDays(today, -1));
  const [error, setError] = useState<string | undefined>();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const run = useMutation({
    mutationFn: (day: string) => officePaymentsApi.reconcile(operator.tenant.id, day),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: officePaymentKeys.all }),
  });
  const failure = useMemo(() => (run.error ? callFailure(run.error, i18n.language, ['date']) : null), [run.error, i18n.language]);
  const fieldError = error ?? failure?.fields.date;
  useEffect(() => {
    if (run.data) resultRef.current?.focus();
  }, [run.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !date ? 'required' : !isDay(date) ? 'date' : null;
    if (problem) {
      setError(t(`officePayments.problems.${problem}`));
      document.getElementById(DATE_ID)?.focus();
      return;
    }
    setError(undefined);
    run.mutate(date);
  };

  return (
    <div className="container py-3 py-lg-4 sp-pay">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('officePayments.title'), to: PAYMENTS_PATH }, { label: t('officePayments.reconcile.title') }]} />
      <h1>{t('officePayments.reconcile.title')}</h1>
      <p className="sp-pay-lead">{t('officePayments.reconcile.intro')}</p>
      <form onSubmit={submit} noValidate className="sp-pay-form" aria-label={t('officePayments.reconcile.title')}>
        <div className="sp-pay-field">
          <label htmlFor={DATE_ID} className="sp-pay-label">
            {t('officePayments.reconcile.date')}
          </label>
          <input
            id={DATE_ID}
            type="date"
            className="form-control sp-pay-input"
            style={{ maxWidth: '14rem' }}
            max={today}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy(DATE_ID, true, fieldError)}
          />
          <p id={`${DATE_ID}-hint`} className="sp-pay-hint mb-0">
            {t('officePayments.reconcile.dateHint')}
          </p>
          <FieldError id={DATE_ID} message={fieldError} />
        </div>
        <Button type="submit" color="primary" disabled={run.isPending}>
          {run.isPending ? t('officePayments.reconcile.sending') : t('officePayments.reconcile.submit')}
        </Button>
        <FailureAlert failure={failure && !failure.fields.date ? failure : null} title={t('officePayments.reconcile.failed')} />
      </form>
      {run.data && <Result result={run.data} headingRef={resultRef} />}
    </div>
  );
}

function Result({ result, headingRef }: { result: ReconciliationResult; headingRef: RefObject<HTMLHeadingElement> }) {
  const { t, i18n } = useTranslation();
  const searchFor = (notice: string) => `${PAYMENTS_PATH}?${paramsFromFilters({ q: notice }).toString()}`;
  return (
    <section className="mt-4" aria-labelledby="reconcile-result">
      <h2 id="reconcile-result" className="h3" ref={headingRef} tabIndex={-1}>
        {t('officePayments.reconcile.result', { date: formatDate(result.date, i18n.language) })}
      </h2>
      <p>
        {t('officePayments.reconcile.flow')}: <span className="sp-pay-notice">{result.flowId}</span>
      </p>
      <ul className="sp-pay-figures">
        <li>
          <strong>{result.matched}</strong> {t('officePayments.reconcile.matched')}
        </li>
        <li>
          <strong>{result.alreadyReconciled}</strong> {t('officePayments.reconcile.alreadyReconciled')}
        </li>
      </ul>
      <h3 className="h5 mt-4">{t('officePayments.reconcile.discrepancies', { count: result.discrepancies.length })}</h3>
      {result.discrepancies.length === 0 ? (
        <p>{t('officePayments.reconcile.noDiscrepancies')}</p>
      ) : (
        <ul className="sp-pay-problems">
          {result.discrepancies.map((d, i) => (
            <li key={`${d.noticeNumber}-${i}`}>
              <Link to={searchFor(d.noticeNumber)} aria-label={t('officePayments.reconcile.searchNotice', { number: formatNoticeNumber(d.noticeNumber) })}>
                <span className="sp-pay-notice">{formatNoticeNumber(d.noticeNumber)}</span>
              </Link>
              {' — '}
              <span lang="it">{d.problem}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="h5 mt-4">{t('officePayments.reconcile.missing', { count: result.missingFromFlow.length })}</h3>
      {result.missingFromFlow.length === 0 ? (
        <p>{t('officePayments.reconcile.noMissing')}</p>
      ) : (
        <ul className="sp-pay-problems">
          {result.missingFromFlow.map((m) => (
            <li key={m.paymentId}>
              <Link to={paymentUrl(m.paymentId)} aria-label={t('officePayments.reconcile.openPayment', { number: formatNoticeNumber(m.noticeNumber) })}>
                <span className="sp-pay-notice">{formatNoticeNumber(m.noticeNumber)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
