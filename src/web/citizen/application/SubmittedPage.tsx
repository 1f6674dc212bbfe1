/**
 * /pratiche/:applicationId/inviata — the acknowledgement, at once: "Domanda inviata", the application's code and
 * when it was sent (big and copyable). Then, in a polite live region, the protocol number and the receipt as soon
 * as the registrar has them (a second or two: useApplication polls until then). Links to the application in the
 * personal area, and the rating of the service.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import type { SubmissionAcknowledgement } from '../../../contracts/applications';
import { useApplication } from '../../api/applications';
import { paymentsOf, paymentUrl } from '../../api/payments';
import { awaitedPayment } from '../payments/format';
import { isApiError } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { formatDay } from '../identityFormat';
import NotFoundPage from '../NotFoundPage';
import { loginPageUrl, useCitizen } from '../useSession';
import { RatingWidget } from './RatingWidget';
import { formatDateDMY, formatDateTime } from './dates';
import './application.css';

/** After this long without a protocol number, the page says it will come (and keeps asking). */
const SLOW_MS = 20_000;

export default function SubmittedPage() {
  const { t, i18n } = useTranslation();
  const { applicationId = '' } = useParams();
  const location = useLocation();
  const ack = (location.state as { ack?: SubmissionAcknowledgement } | null)?.ack;
  const session = useCitizen();
  const application = useApplication(applicationId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [slow, setSlow] = useState(false);
  const [copied, setCopied] = useState(false);
  useDocumentTitle(t('application.submitted.title'));

  const a = application.data;
  const code = a?.code ?? ack?.code;
  const submittedAt = a?.submittedAt ?? ack?.submittedAt;
  const protocol = a?.protocol ?? ack?.protocol ?? null;
  const receipt = a?.documents.find((d) => d.kind === 'receipt');
  const ready = !!protocol && !!receipt;

  useEffect(() => {
    if (code) headingRef.current?.focus();
  }, [!!code]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [ready]);

  if (session.isSuccess && !session.data) return <Navigate to={loginPageUrl({ returnTo: `/pratiche/${applicationId}/inviata` })} replace />;
  if (application.isError && (isApiError(application.error, 404) || isApiError(application.error, 400))) return <NotFoundPage what="page" />;
  if (a && a.status === 'draft') return <Navigate to={`/pratiche/${a.id}/compila`} replace />;
  // not sent yet: it waits for the payment before sending, whose page says what to do
  if (a && a.status === 'payment_pending' && !a.submittedAt) {
    const awaited = awaitedPayment(paymentsOf(a));
    return <Navigate to={awaited ? paymentUrl(awaited.id) : `/area-personale/pratiche/${a.id}`} replace />;
  }
  if (!a && ack?.status === 'payment_pending' && ack.payment) return <Navigate to={paymentUrl(ack.payment.id)} replace />;

  const copy = async () => {
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // no clipboard (permissions): select the code so that the person can copy it
      const el = document.getElementById('codice-domanda');
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
    }
  };

  return (
    <div className="container py-3 py-lg-4 sp-submitted">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('application.submitted.myApplications'), to: '/area-personale/pratiche' },
          { label: t('application.submitted.title') },
        ]}
      />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          {!code ? (
            application.isError ? (
              <ErrorMessage error={application.error} retry={() => void application.refetch()} />
            ) : (
              <Loading />
            )
          ) : (
            <>
              <div className="sp-ack">
                <svg className="sp-ack-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.6 14.6-4.2-4.2 1.4-1.4 2.8 2.8 6.2-6.2 1.4 1.4-7.6 7.6Z" />
                </svg>
                <div>
                  <h1 ref={headingRef} tabIndex={-1} className="sp-ack-title">
                    {t('application.submitted.title')}
                  </h1>
                  {a && <p className="sp-ack-lead">{t('application.submitted.lead', { service: a.service.title, tenant: a.tenant.name })}</p>}
                </div>
              </div>

              <dl className="sp-ack-facts">
                <div>
                  <dt>{t('application.submitted.code')}</dt>
                  <dd>
                    <span id="codice-domanda" className="sp-ack-code">
                      {code}
                    </span>
                    <button type="button" className="btn btn-outline-primary btn-sm sp-copy" onClick={() => void copy()}>
                      {t('application.submitted.copy')}
                      <span className="visually-hidden"> {code}</span>
                    </button>
                    <span className="sp-copied" role="status">
                      {copied ? t('application.submitted.copied') : ''}
                    </span>
                  </dd>
                </div>
                {submittedAt && (
                  <div>
                    <dt>{t('application.submitted.at')}</dt>
                    <dd className="sp-ack-time">
                      <time dateTime={submittedAt}>{formatDateTime(submittedAt)}</time>
                    </dd>
                  </div>
                )}
              </dl>
              <p>{t('application.submitted.keepCode')}</p>

              <div className="sp-protocol" role="status" aria-live="polite">
                {ready ? (
                  <>
                    <p className="sp-protocol-line">
                      {t('application.submitted.protocol', { number: protocol.number, date: formatDateDMY(protocol.registeredAt) })}
                    </p>
                    <a className="btn btn-primary sp-receipt" href={receipt.href} download={receipt.fileName}>
                      <svg className="sp-receipt-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3V3ZM5 19h14v2H5v-2Z" />
                      </svg>
                      {t('application.submitted.receipt')}
                    </a>
                  </>
                ) : (
                  <p className="sp-protocol-wait">
                    <span className="sp-spinner" aria-hidden="true" />
                    {slow ? t('application.submitted.protocolSlow') : t('application.submitted.protocolPending')}
                  </p>
                )}
              </div>

              <section className="sp-next" aria-labelledby="cosa-succede">
                <h2 className="h4" id="cosa-succede">
                  {t('application.submitted.nextTitle')}
                </h2>
                <p>
                  {a?.dueDate
                    ? t('application.submitted.nextDue', { date: formatDay(a.dueDate, i18n.language) })
                    : t('application.submitted.next')}
                </p>
                <ul className="sp-next-links">
                  <li>
                    <Link to={`/area-personale/pratiche/${applicationId}`}>{t('application.submitted.follow')}</Link>
                  </li>
                  <li>
                    <Link to="/area-personale/pratiche">{t('application.submitted.myApplications')}</Link>
                  </li>
                </ul>
              </section>

              {a && <RatingWidget applicationId={applicationId} initial={a.rating} />}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
