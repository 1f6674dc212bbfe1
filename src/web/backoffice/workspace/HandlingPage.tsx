/**
 * /backoffice/pratiche/:applicationId — where an operator handles one application. The header says what it is and
 * how urgent (code, service, status, days left and due date, protocol, for whom and by whom, who is responsible);
 * the main column shows what the citizen sent (answers, attachments), what the body issued, the messages with the
 * citizen (with reply templates) and the times per phase; the side column is the work: take charge, checklist, outcome and visas, integration request, assignment,
 * internal note and the timeline. Only the actions the server lists for this operator now are offered; every
 * action sends the revision the operator saw, and a colleague's change meanwhile is reported without losing text.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ApplicationDetail } from '../../../contracts/applications';
import { isApiError } from '../../api/client';
import { formatDate, formatDateTime } from '../../citizen/practices/format';
import { PhaseTimes } from '../../citizen/practices/PhaseTimes';
import { StatusBadge } from '../../citizen/practices/StatusBadge';
import { WorkflowDiagram } from '../../citizen/WorkflowDiagram';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { ActionAlert, useStaffAction } from './actions';
import { useWorkDetail, useWorkHistory, workspaceApi } from './api';
import { AnswersPanel, useApplicationForm } from './AnswersPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { AttachmentsPanel, DocumentsPanel } from './FilesPanel';
import { availablePanels, isClosedStatus } from './model';
import { OutcomePanel } from './OutcomePanel';
import { AssignPanel, IntegrationPanel, NotePanel } from './RequestPanels';
import { StaffTimeline } from './StaffTimeline';
import { ThreadPanel } from './ThreadPanel';
import { DaysLeft } from './WorkList';
// the application's payments and "Richiedi pagamento"
import { ApplicationPayments } from '../payments/ApplicationPayments';
import { canRequestPayment, paymentsOf } from '../payments/access';
import './workspace.css';

const WORKSPACE = '/backoffice/pratiche';

export default function HandlingPage() {
  const { t } = useTranslation();
  const { applicationId } = useParams();
  const detail = useWorkDetail(applicationId);
  const notFound = detail.isError && (isApiError(detail.error, 404) || isApiError(detail.error, 400));
  useDocumentTitle(notFound ? t('workspace.notFound.title') : detail.data ? `${detail.data.code} — ${detail.data.service.title}` : t('workspace.handling.title'));

  if (detail.isPending) {
    return (
      <div className="container py-4">
        <Loading />
      </div>
    );
  }
  if (notFound) {
    return (
      <div className="container py-4">
        <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('workspace.title'), to: WORKSPACE }, { label: t('workspace.notFound.title') }]} />
        <h1>{t('workspace.notFound.title')}</h1>
        <p>{t('workspace.notFound.body')}</p>
        <ButtonLink to={WORKSPACE}>{t('workspace.notFound.back')}</ButtonLink>
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={detail.error} retry={() => void detail.refetch()} />
      </div>
    );
  }
  return <Handling a={detail.data} />;
}

function Panel({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`sp-ws-panel${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 className="h5" id={id} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Handling({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation();
  const history = useWorkHistory(a.id);
  const formQuery = useApplicationForm(a);
  const [done, setDone] = useState<{ message: string; n: number } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const onDone = (message: string) => setDone((d) => ({ message, n: (d?.n ?? 0) + 1 }));

  const panels = availablePanels(a);
  const closed = isClosedStatus(a.status);
  const checklist = a.office?.checklist ?? [];
  const checklistEditable = !closed && (a.actions.includes('approve') || a.actions.includes('reject') || a.actions.includes('request_integration'));
  // payments panel: when there are payments, or one may be asked now
  const paymentsPanel = paymentsOf(a).length > 0 || canRequestPayment(a);

  const sections: { id: string; label: string }[] = [
    { id: 'dati', label: t('workspace.handling.answers') },
    { id: 'allegati', label: t('workspace.handling.attachments') },
    { id: 'documenti', label: t('workspace.handling.documents') },
    { id: 'messaggi', label: t('thread.office.title') },
    ...(checklist.length ? [{ id: 'checklist', label: t('workspace.handling.checklist') }] : []),
    { id: 'esito', label: t('workspace.handling.outcome') },
    ...(panels.integration || a.awaiting ? [{ id: 'integrazione', label: t('workspace.handling.integration') }] : []),
    ...(paymentsPanel ? [{ id: 'pagamenti', label: t('officePayments.request.panel') }] : []),
    ...(panels.assign ? [{ id: 'assegna', label: t('workspace.handling.assign') }] : []),
    { id: 'nota', label: t('workspace.handling.note') },
    { id: 'cronologia', label: t('workspace.handling.timeline') },
  ];

  return (
    <div className="container py-3 py-lg-4 sp-ws sp-ws-handling">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('workspace.title'), to: WORKSPACE }, { label: a.code }]} />

      <CaseHeader a={a} onDone={onDone} />

      <div role="status" className="sp-ws-done">
        {done && (
          <Notice tone="success" role="none" focusRef={doneRef} key={done.n}>
            {done.message}
          </Notice>
        )}
      </div>

      <nav className="sp-ws-toc" aria-label={t('workspace.handling.toc')}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const heading = document.getElementById(s.id);
                  heading?.scrollIntoView({ block: 'start' });
                  heading?.focus({ preventScroll: true });
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="row g-4">
        <div className="col-lg-7">
          <Panel id="dati" title={t('workspace.handling.answers')}>
            <AnswersPanel a={a} form={formQuery.data} formFailed={formQuery.isError} />
          </Panel>
          <Panel id="allegati" title={t('workspace.handling.attachments')}>
            <AttachmentsPanel a={a} form={formQuery.data} />
          </Panel>
          <Panel id="documenti" title={t('workspace.handling.documents')}>
            <DocumentsPanel a={a} />
          </Panel>
          <Panel id="messaggi" title={t('thread.office.title')} className="sp-ws-panel-thread">
            <ThreadPanel a={a} />
          </Panel>
          {a.clock && (
            <Panel id="tempi" title={t('workspace.handling.times')}>
              <PhaseTimes clock={a.clock} />
            </Panel>
          )}
        </div>
        <div className="col-lg-5">
          {checklist.length > 0 && (
            <Panel id="checklist" title={t('workspace.handling.checklist')}>
              <ChecklistPanel a={a} editable={checklistEditable} />
            </Panel>
          )}
          <Panel id="esito" title={t('workspace.handling.outcome')} className="sp-ws-panel-outcome">
            <OutcomePanel a={a} onDone={onDone} />
          </Panel>
          {(panels.integration || a.awaiting) && (
            <Panel id="integrazione" title={t('workspace.handling.integration')}>
              {a.awaiting && <AwaitingSummary a={a} />}
              {panels.integration && <IntegrationPanel a={a} onDone={onDone} />}
            </Panel>
          )}
          {/* payments */}
          {paymentsPanel && (
            <Panel id="pagamenti" title={t('officePayments.request.panel')}>
              <ApplicationPayments a={a} onDone={onDone} />
            </Panel>
          )}
          {panels.assign && (
            <Panel id="assegna" title={t('workspace.handling.assign')}>
              <AssignPanel a={a} onDone={onDone} />
            </Panel>
          )}
          <Panel id="nota" title={t('workspace.handling.note')} className="sp-ws-panel-internal">
            <NotePanel a={a} />
          </Panel>
          <Panel id="cronologia" title={t('workspace.handling.timeline')}>
            {history.isPending ? <Loading /> : history.isError ? <ErrorMessage error={history.error} retry={() => void history.refetch()} /> : <StaffTimeline items={history.data.items} />}
          </Panel>
        </div>
      </div>

      <p className="mt-4">
        <Link to={WORKSPACE}>{t('workspace.handling.back')}</Link>
      </p>
    </div>
  );
}

function CaseHeader({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const office = a.office;
  const take = useStaffAction(
    a,
    () => workspaceApi.transition(a.id, 'take_charge', a.revision, {}),
    () => onDone(t('workspace.handling.takenInCharge')),
  );
  const daysLeft = a.clock?.daysLeft ?? null;
  const closed = isClosedStatus(a.status);

  return (
    <header className="sp-ws-case-head">
      <p className="sp-kicker mb-1">
        {t('workspace.handling.kicker')} <span className="sp-code">{a.code}</span>
      </p>
      <div className="sp-ws-case-title">
        <h1 lang="it">{a.service.title}</h1>
        <StatusBadge status={a.status} size="lg" />
      </div>
      <div className="sp-ws-flags mb-2">
        {office?.escalatedAt && <span className="badge sp-ws-flag sp-ws-flag-escalated">{t('workspace.handling.escalated', { date: formatDate(office.escalatedAt, lng) })}</span>}
        {office?.pendingVisa && <span className="badge sp-ws-flag sp-ws-flag-visa">{t('workspace.list.pendingVisa', { label: office.pendingVisa.label })}</span>}
      </div>
      <dl className="sp-ws-facts">
        <div>
          <dt>{t('workspace.handling.subject')}</dt>
          <dd>
            {a.subject.name} <span className="sp-ws-cf">{a.subject.fiscalCode}</span>
            {a.subject.kind !== 'self' && <span className="sp-ws-small">{t(`workspace.handling.subjectKinds.${a.subject.kind}`)}</span>}
          </dd>
        </div>
        {a.filedBy && a.filedBy.name !== a.subject.name && (
          <div>
            <dt>{t('workspace.handling.filedBy')}</dt>
            <dd>{a.filedBy.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('workspace.handling.submittedAt')}</dt>
          <dd>{a.submittedAt ? formatDateTime(a.submittedAt, lng) : '—'}</dd>
        </div>
        <div>
          <dt>{t('workspace.handling.protocol')}</dt>
          <dd>
            {a.protocol
              ? t('workspace.handling.protocolValue', { number: a.protocol.number, year: a.protocol.year, date: formatDate(a.protocol.registeredAt, lng) })
              : t('workspace.handling.protocolPending')}
          </dd>
        </div>
        <div>
          <dt>{closed ? t('workspace.handling.closedAt') : t('workspace.handling.due')}</dt>
          <dd>
            {closed ? (
              a.clock?.closedAt ? formatDate(a.clock.closedAt, lng) : '—'
            ) : (
              <DaysLeft item={{ status: a.status, daysLeft, dueDate: a.clock?.dueDate ?? a.dueDate }} withDate />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.handling.takenInChargeAt')}</dt>
          <dd>{a.clock?.takenInChargeAt ? formatDateTime(a.clock.takenInChargeAt, lng) : t('workspace.handling.notTaken')}</dd>
        </div>
        <div>
          <dt>{t('workspace.handling.responsible')}</dt>
          <dd>
            {office?.responsible ? office.responsible.name : t('workspace.list.nobody')}
            {office?.office && (
              <span className="sp-ws-small">
                {office.office.name}
                {office.office.tenantName !== a.tenant.name ? ` — ${office.office.tenantName}` : ''}
              </span>
            )}
          </dd>
        </div>
      </dl>
      {(a.workflow?.steps.length ?? 0) > 0 && (
        <div className="sp-ws-steps">
          <h2 className="h6" id="fasi">
            {t('workspace.handling.steps')}
          </h2>
          <WorkflowDiagram steps={a.workflow.steps} currentStepId={a.workflow.currentStepId} labelledBy="fasi" />
        </div>
      )}
      {a.actions.includes('take_charge') && (
        <div className="sp-ws-take">
          <Button type="button" color="primary" disabled={take.isPending} onClick={() => take.mutate(undefined)}>
            {take.isPending ? t('workspace.form.sending') : t('workspace.handling.takeCharge')}
          </Button>
          <p className="sp-ws-hint mb-0">{t('workspace.handling.takeChargeHint')}</p>
          <ActionAlert failure={take.failure} applicationId={a.id} onReloaded={() => take.reset()} />
        </div>
      )}
    </header>
  );
}

/** What the office asked the citizen, while it waits for the answer. */
function AwaitingSummary({ a }: { a: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const w = a.awaiting!;
  return (
    <div className="sp-ws-awaiting">
      <p className="fw-semibold mb-1">{t('workspace.integration.waiting', { date: formatDateTime(w.requestedAt, lng) })}</p>
      <p className="sp-ws-quote" lang="it">
        {w.message}
      </p>
      {w.documents.length > 0 && (
        <>
          <p className="mb-1">{t('workspace.integration.askedDocuments')}</p>
          <ul>
            {w.documents.map((d) => (
              <li key={d} lang="it">
                {d}
              </li>
            ))}
          </ul>
        </>
      )}
      {w.answerBy && <p className="mb-0">{t('workspace.integration.answerByValue', { date: formatDate(w.answerBy, lng) })}</p>}
    </div>
  );
}
