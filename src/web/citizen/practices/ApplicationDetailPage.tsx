/**
 * /area-personale/pratiche/:applicationId — one application as its citizen sees it: status, what the office is
 * waiting for (at the top), the summary with the legal clock (submitted, taken in charge, due by, days left or
 * late, suspended days), the timeline, the messages with the office ("filo diretto"), the documents, the time
 * spent in each phase, withdrawal and the rating. Someone else's application (or an unknown one) is "Pratica non
 * trovata". The address may carry the application's code instead of its id (the links in e-mails and SMS do).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import type { ApplicationDetail } from '../../../contracts/applications';
import { applicationKeys, receiptOnItsWay, useApplication, useApplicationHistory } from '../../api/applications';
import { isApiError } from '../../api/client';
import type { CitizenMe } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { DoneMessage, ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { RatingWidget } from '../application/RatingWidget';
import { PERSONAL_AREA } from '../useSession';
import { WorkflowDiagram } from '../WorkflowDiagram';
import { AwaitingCallout } from './AwaitingCallout';
import { isApplicationCode, useApplicationIdByCode } from './byCode';
import { IssuedDocuments, SentAttachments } from './Documents';
import { applicationUrl, daysUntil, formatDate, formatDateTime, isClosed, romeDay, subjectIsMe } from './format';
import { PhaseTimes } from './PhaseTimes';
import { PaymentBanner, PaymentsSection } from '../payments/ApplicationPayments';
import { CitizenOnly, useDaysLeftText } from './shared';
import { StatusBadge } from './StatusBadge';
import { CitizenThread } from './Thread';
import { Timeline } from './Timeline';
import { WithdrawAction } from './WithdrawAction';
import './practices.css';

const MY_APPLICATIONS = `${PERSONAL_AREA}/pratiche`;

export default function ApplicationDetailPage() {
  return <CitizenOnly>{(citizen) => <ApplicationDetailView citizen={citizen} />}</CitizenOnly>;
}

function ApplicationDetailView({ citizen }: { citizen: CitizenMe }) {
  const { t } = useTranslation();
  const { applicationId } = useParams();
  const location = useLocation();
  const byCode = isApplicationCode(applicationId) ? applicationId : undefined;
  const resolved = useApplicationIdByCode(byCode);
  const application = useApplication(byCode ? undefined : applicationId);
  const notFound = byCode
    ? resolved.data === null
    : application.isError && (isApiError(application.error, 404) || isApiError(application.error, 400));
  useDocumentTitle(notFound ? t('practices.notFound.title') : application.data ? `${application.data.service.title} — ${application.data.code}` : t('practices.detail.title'));

  if (byCode && resolved.data) return <Navigate replace to={`${MY_APPLICATIONS}/${resolved.data}${location.hash}`} />;
  if (byCode && resolved.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={resolved.error} retry={() => void resolved.refetch()} />
      </div>
    );
  }
  if (notFound) return <PracticeNotFound />;
  if (byCode || application.isPending) {
    return (
      <div className="container py-4">
        <Loading />
      </div>
    );
  }
  if (application.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={application.error} retry={() => void application.refetch()} />
      </div>
    );
  }
  return <Detail a={application.data} citizen={citizen} />;
}

function PracticeNotFound() {
  const { t } = useTranslation();
  return (
    <div className="container py-4 py-lg-5">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('personalArea.title'), to: PERSONAL_AREA },
          { label: t('practices.list.title'), to: MY_APPLICATIONS },
          { label: t('practices.notFound.title') },
        ]}
      />
      <div className="sp-not-found">
        <h1>{t('practices.notFound.title')}</h1>
        <p className="lead">{t('practices.notFound.body')}</p>
        <p>{t('practices.notFound.hint')}</p>
        <ButtonLink to={MY_APPLICATIONS}>{t('practices.notFound.back')}</ButtonLink>
      </div>
    </div>
  );
}

function Detail({ a, citizen }: { a: ApplicationDetail; citizen: CitizenMe }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const history = useApplicationHistory(a.id);
  const [done, setDone] = useState<string | null>(null);

  // Arriving at #risposta (from the list's "Rispondi"): after the layout has put the page at the top, go there.
  useEffect(() => {
    if (!location.hash) return;
    const id = decodeURIComponent(location.hash.slice(1));
    const timer = window.setTimeout(() => {
      const target = document.getElementById(id);
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      if (target.tabIndex < 0 && target.hasAttribute('tabindex')) target.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.hash, location.key]);

  const changed = (updated: ApplicationDetail, message: string) => {
    queryClient.setQueryData(applicationKeys.detail(a.id), updated);
    void queryClient.invalidateQueries({ queryKey: applicationKeys.detail(a.id) });
    void queryClient.invalidateQueries({ queryKey: applicationKeys.history(a.id) });
    void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    setDone(message);
  };

  const items = history.data?.items ?? [];
  const waitingReceipt = receiptOnItsWay(a);

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('personalArea.title'), to: PERSONAL_AREA },
          { label: t('practices.list.title'), to: MY_APPLICATIONS },
          { label: a.code },
        ]}
      />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <p className="sp-kicker mb-1">
            {t('practices.detail.kicker')} <span className="sp-code">{a.code}</span>
          </p>
          <div className="sp-detail-head">
            <h1 lang="it">{a.service.title}</h1>
            <StatusBadge status={a.status} size="lg" />
          </div>

          <DoneMessage message={done} />

          {/* waiting for a payment: what and where to pay, first */}
          <PaymentBanner application={a} />

          {a.status === 'draft' && (
            <Notice tone="info" role="note">
              <p className="mb-2">{t('practices.detail.draftNote')}</p>
              <Link to={applicationUrl(a)} className="fw-semibold">
                {t('practices.list.continueDraft')}
              </Link>
            </Notice>
          )}

          {a.status === 'awaiting_citizen' && a.awaiting && (
            <AwaitingCallout application={a} onAnswered={(updated) => changed(updated, t('practices.awaiting.sent'))} />
          )}

          <Summary a={a} citizen={citizen} />

          <PaymentsSection application={a} />

          {/* filled by the server from the workflow of the service version; older answers may lack it */}
          {a.workflow?.steps?.length ? (
            <section className="sp-detail-section" aria-labelledby="come-procede">
              <h2 className="h3" id="come-procede">
                {t('workflow.diagram.title')}
              </h2>
              {a.workflow.currentStepId && <p>{t('workflow.diagram.applicationIntro')}</p>}
              <WorkflowDiagram steps={a.workflow.steps} currentStepId={a.workflow.currentStepId} labelledBy="come-procede" />
            </section>
          ) : null}

          <section className="sp-detail-section" aria-labelledby="cronologia">
            <h2 className="h3" id="cronologia">
              {t('practices.timeline.title')}
            </h2>
            {history.isPending ? (
              <Loading />
            ) : history.isError ? (
              <ErrorMessage error={history.error} retry={() => void history.refetch()} />
            ) : (
              <Timeline items={items} myName={citizen.name} />
            )}
          </section>

          <section className="sp-detail-section" aria-labelledby="messaggi">
            <h2 className="h3" id="messaggi" tabIndex={-1}>
              {t('thread.citizen.title')}
            </h2>
            <CitizenThread a={a} />
          </section>

          <section className="sp-detail-section" aria-labelledby="documenti">
            <h2 className="h3" id="documenti">
              {t('practices.documents.title')}
            </h2>
            <IssuedDocuments documents={a.documents} waitingReceipt={waitingReceipt} />
            <SentAttachments applicationId={a.id} attachments={a.attachments} />
          </section>

          {a.clock && (
            <section className="sp-detail-section" aria-labelledby="tempi">
              <h2 className="h3" id="tempi">
                {t('practices.times.title')}
              </h2>
              <PhaseTimes clock={a.clock} />
            </section>
          )}

          {a.actions.includes('withdraw') && (
            <section className="sp-detail-section" aria-labelledby="ritira">
              <h2 className="h3" id="ritira">
                {t('practices.withdraw.title')}
              </h2>
              <WithdrawAction application={a} onWithdrawn={(updated) => changed(updated, t('practices.withdraw.done'))} />
            </section>
          )}

          {a.status !== 'draft' &&
            (a.rating === null ? (
              // the widget brings its own heading ("Quanto è stato facile usare questo servizio?")
              <div className="sp-detail-section">
                <RatingWidget applicationId={a.id} initial={a.rating} />
              </div>
            ) : (
              <section className="sp-detail-section" aria-labelledby="valutazione">
                <h2 className="h3" id="valutazione">
                  {t('practices.rating.title')}
                </h2>
                <p>{t('practices.rating.done', { score: a.rating.score })}</p>
              </section>
            ))}

          <p className="mt-4">
            <Link to={MY_APPLICATIONS}>{t('practices.detail.back')}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

function Summary({ a, citizen }: { a: ApplicationDetail; citizen: CitizenMe }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const daysText = useDaysLeftText();
  const me = subjectIsMe(a.subject, citizen.fiscalCode);
  const clock = a.clock;
  // The API leaves filedBy out when the reader filed it: then, for someone else, it was the reader.
  const filer = a.filedBy?.name ?? (me ? null : citizen.name);
  const filerIsMe = filer === citizen.name;

  return (
    <section className="sp-summary-box" aria-labelledby="riepilogo">
      <h2 className="h4" id="riepilogo">
        {t('practices.detail.summary')}
      </h2>
      <dl className="sp-facts sp-facts-compact">
        <div>
          <dt>{t('practices.fields.code')}</dt>
          <dd className="sp-code">{a.code}</dd>
        </div>
        <div>
          <dt>{t('practices.fields.body')}</dt>
          <dd>{a.tenant.name}</dd>
        </div>
        <div>
          <dt>{t('practices.fields.for')}</dt>
          <dd>
            {a.subject.name}{' '}
            <span className="text-muted-sp">({me ? t('practices.who.youShort') : t(`practices.who.kinds.${a.subject.kind}`)})</span>
          </dd>
        </div>
        {filer && (
          <div>
            <dt>{t('practices.fields.filedBy')}</dt>
            <dd>
              {filer}
              {filerIsMe && <span className="text-muted-sp"> ({t('practices.who.youShort')})</span>}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('practices.fields.submittedAt')}</dt>
          <dd>{a.submittedAt ? formatDateTime(a.submittedAt, lng) : t('practices.fields.notSubmitted')}</dd>
        </div>
        {a.submittedAt && (
          <div>
            <dt>{t('practices.fields.protocol')}</dt>
            <dd>
              {a.protocol
                ? t('practices.fields.protocolValue', { number: a.protocol.number, year: a.protocol.year, date: formatDate(a.protocol.registeredAt, lng) })
                : t('practices.fields.protocolPending')}
            </dd>
          </div>
        )}
        {clock && (
          <div>
            <dt>{t('practices.fields.takenInCharge')}</dt>
            <dd>{clock.takenInChargeAt ? formatDateTime(clock.takenInChargeAt, lng) : t('practices.fields.notTakenInCharge')}</dd>
          </div>
        )}
      </dl>

      {clock && (
        <div className="sp-clock-box">
          <ClockLine a={a} daysText={daysText} />
          <p className="sp-clock-note">
            {t('practices.clock.legal', { count: clock.maxDays })}
            {clock.suspendedDays > 0 && <> {t('practices.clock.suspended', { count: clock.suspendedDays })}</>}
          </p>
          {(clock.suspendedDays > 0 || a.status === 'awaiting_citizen') && <p className="sp-clock-note">{t('practices.clock.suspendedWhy')}</p>}
        </div>
      )}
      {!clock && (a.status === 'draft' || a.status === 'payment_pending') && <p className="sp-clock-note mt-3 mb-0">{t('practices.clock.notStarted')}</p>}
    </section>
  );
}

function ClockLine({ a, daysText }: { a: ApplicationDetail; daysText: (days: number) => string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const clock = a.clock!;
  const due = formatDate(clock.dueDate, lng);
  if (clock.closedAt || isClosed(a.status)) {
    const closedDay = clock.closedAt ? romeDay(clock.closedAt) : null;
    const onTime = closedDay ? closedDay <= clock.dueDate.slice(0, 10) : null;
    return (
      <>
        <p className="sp-clock-due">{closedDay ? t('practices.clock.closedOn', { date: formatDate(clock.closedAt!, lng) }) : statusText(a, t)}</p>
        <p className="sp-clock-note">
          {t('practices.clock.wasDue', { date: due })}
          {onTime !== null && <> — {onTime ? t('practices.clock.onTime') : t('practices.clock.afterDue')}</>}
        </p>
      </>
    );
  }
  if (a.status === 'awaiting_citizen') {
    return (
      <>
        <p className="sp-clock-due">{t('practices.clock.suspendedNow')}</p>
        <p className="sp-clock-note">{t('practices.clock.dueForNow', { date: due })}</p>
      </>
    );
  }
  if (a.status === 'payment_pending') {
    // the office asked a payment: the legal clock waits for it, as for an integration
    return (
      <>
        <p className="sp-clock-due">{t('payments.practice.clockSuspended')}</p>
        <p className="sp-clock-note">{t('practices.clock.dueForNow', { date: due })}</p>
      </>
    );
  }
  const days = clock.daysLeft ?? daysUntil(clock.dueDate);
  const late = days !== null && days < 0;
  return (
    <p className={`sp-clock-due${late ? ' sp-clock-late' : ''}`}>
      {t('practices.clock.dueBy', { date: due })}
      {days !== null && <> — {daysText(days)}</>}
    </p>
  );
}

const statusText = (a: ApplicationDetail, t: (key: string) => string) => t(`practices.status.${a.status}`);
