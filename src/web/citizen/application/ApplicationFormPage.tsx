/**
 * /pratiche/:applicationId/compila — the online application: the form's steps (each a JSON Schema object drawn by
 * @rjsf with our own templates), "Allegati" when documents are asked, then "Riepilogo" and "Invia la domanda".
 *
 * The draft saves itself (see useDraft) and opens at the step where it was left, on any device. Going back is
 * always possible; going forward passes the checks of the step (the same JSON Schema the server uses). Data the
 * body already holds is filled in and marked; the person's own record stays locked, contacts may be changed.
 * Sending uses one Idempotency-Key per attempt, reused when the answer did not arrive.
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { ApplicationDetail } from '../../../contracts/applications';
import type { ServiceForm } from '../../../contracts/forms';
import { applicationKeys, applicationsApi, useApplication, useServiceForm } from '../../api/applications';
import { paymentsOf, paymentUrl } from '../../api/payments';
import { awaitedPayment } from '../payments/format';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { messageIn } from '../identityFormat';
import NotFoundPage from '../NotFoundPage';
import { loginPageUrl, useCitizen } from '../useSession';
import { AttachmentsStep } from './AttachmentsStep';
import {
  ATTACHMENTS_STEP,
  fieldDomId,
  formIdPrefix,
  isObject,
  isRequirementDue,
  labelAt,
  pageSteps,
  pointerSegments,
  prefilledMarks,
  stepOfPointer,
  stepSchema,
  stepUiSchema,
  type JsonObject,
  type Origin,
  type PageStep,
} from './formModel';
import { fields, templates, widgets, type FormContext } from './rjsfTheme';
import { StepIndicator } from './StepIndicator';
import { SummaryStep, type SubmitErrorItem, type SubmitFailure } from './SummaryStep';
import { formatTime } from './dates';
import { useDraft, type SaveStatus } from './useDraft';
import { errorTransformer, propertyPath, validatorFor } from './validation';
import './application.css';

export default function ApplicationFormPage() {
  const { t } = useTranslation();
  const { applicationId = '' } = useParams();
  const session = useCitizen();
  const application = useApplication(applicationId);
  const form = useServiceForm(application.data?.service.id, application.data?.service.version);

  if (session.isSuccess && !session.data) return <Navigate to={loginPageUrl({ returnTo: `/pratiche/${applicationId}/compila` })} replace />;
  if (application.isError && (isApiError(application.error, 404) || isApiError(application.error, 400))) return <NotFoundPage what="page" />;
  if (application.isError && isApiError(application.error, 401)) {
    return <Navigate to={loginPageUrl({ returnTo: `/pratiche/${applicationId}/compila` })} replace />;
  }
  const error = application.error ?? form.error;
  if (error) {
    return (
      <div className="container py-3 py-lg-4">
        <ErrorMessage
          error={error}
          retry={() => {
            void application.refetch();
            void form.refetch();
          }}
        />
      </div>
    );
  }
  if (!application.data || !form.data) {
    return (
      <div className="container py-3 py-lg-4">
        <Loading label={t('application.loading')} />
      </div>
    );
  }
  const a = application.data;
  if (a.status !== 'draft') {
    const sent = a.status === 'submitted' || a.status === 'registered';
    // waiting for the payment before sending: to that payment's page
    const awaited = a.status === 'payment_pending' && !a.submittedAt ? awaitedPayment(paymentsOf(a)) : null;
    return <Navigate to={awaited ? paymentUrl(awaited.id) : sent ? `/pratiche/${a.id}/inviata` : `/area-personale/pratiche/${a.id}`} replace />;
  }
  return <Wizard key={a.id} application={a} form={form.data} authMethod={session.data?.auth.method ?? a.auth?.method ?? 'spid'} />;
}

function initialIndex(steps: PageStep[], currentStep: string | null): number {
  const i = steps.findIndex((s) => s.id === currentStep);
  return i >= 0 ? i : 0;
}

/** Server errors of one step as rjsf's ErrorSchema (`extraErrors`). */
function errorSchemaFor(stepId: string, errors: Record<string, string>): ErrorSchema | undefined {
  let out: JsonObject | undefined;
  for (const [pointer, message] of Object.entries(errors)) {
    const [step, ...rest] = pointerSegments(pointer);
    if (step !== stepId) continue;
    out ??= {};
    let node = out;
    for (const segment of rest) {
      node[segment] ??= {};
      node = node[segment] as JsonObject;
    }
    node.__errors = [...((node.__errors as string[]) ?? []), message];
  }
  return out as ErrorSchema | undefined;
}

interface StepProblem {
  id: string;
  label: string;
  message: string;
}

function Wizard({ application: initial, form, authMethod }: { application: ApplicationDetail; form: ServiceForm; authMethod: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // the cache keeps the live application (attachments, revision); the answers live in the draft
  const live = useApplication(initial.id).data ?? initial;
  const draft = useDraft(initial);
  const steps = useMemo(() => pageSteps(form, t), [form, t]);
  const [index, setIndex] = useState(() => initialIndex(steps, initial.currentStep));
  const step = steps[index]!;
  const validator = validatorFor(lng);
  const formRef = useRef<Form>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [stepProblems, setStepProblems] = useState<StepProblem[] | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<SubmitFailure | null>(null);
  const [sending, setSending] = useState(false);
  const submitKey = useRef<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const moved = useRef(false);

  useDocumentTitle(t('application.documentTitle', { step: step.title, n: index + 1, total: steps.length, service: initial.service.title }));

  const marks = useMemo(() => prefilledMarks(form, initial), [form, initial]);
  const context: FormContext = useMemo(
    () => ({
      t,
      lng,
      originLabel: (origin: Origin) => (origin === 'spid' ? t(`application.prefill.origin.${authMethod === 'cie' ? 'cie' : 'spid'}`) : t(`application.prefill.origin.${origin}`)),
    }),
    [t, lng, authMethod],
  );

  const schemas = useMemo(() => {
    const out: Record<string, { schema: JsonObject; ui: JsonObject }> = {};
    for (const s of form.steps) out[s.id] = { schema: stepSchema(form, s.id), ui: stepUiSchema(form, initial, s.id) };
    return out;
  }, [form, initial]);

  /** A step's answers pass the schema (checked quietly, to know how far the indicator may jump). */
  const stepValid = useCallback(
    (s: PageStep): boolean => {
      if (s.kind === 'form') {
        const { schema } = schemas[s.id]!;
        const result = validator.validateFormData(draft.data[s.id] ?? {}, schema as never);
        return result.errors.filter((e) => e.name !== 'if').length === 0;
      }
      if (s.kind === 'attachments') return missingDocuments().length === 0;
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [schemas, validator, draft.data, live.attachments],
  );

  const missingDocuments = () =>
    form.attachments.filter((r) => isRequirementDue(r, draft.data) && !(live.attachments ?? []).some((a) => a.requirementId === r.id));

  const canGo = (target: number) => {
    if (target <= index) return true;
    for (let i = index; i < target; i++) if (!stepValid(steps[i]!)) return false;
    return true;
  };

  const show = (target: number, focusId?: string) => {
    setStepProblems(null);
    setIndex(target);
    draft.setCurrentStep(steps[target]!.id);
    moved.current = true;
    setFocusTarget(focusId ?? null);
  };

  // after moving: the new step's heading (or the field asked for) gets the focus, the page starts at the top
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const target = focusTarget ? document.getElementById(focusTarget) : null;
    const focusable = target && (target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea, button'));
    if (focusable) {
      focusable.focus();
      focusable.scrollIntoView({ block: 'center' });
    } else {
      window.scrollTo({ top: 0 });
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [index, focusTarget]);

  // the list of problems takes the focus when "Avanti" found them (not when it shrinks as they are fixed)
  const focusProblems = useRef(false);
  useEffect(() => {
    if (stepProblems?.length && focusProblems.current) problemRef.current?.focus();
    focusProblems.current = false;
  }, [stepProblems]);
  // a document uploaded after "Avanti" listed it as missing: it leaves the list (and the list goes when empty)
  const attachmentCount = live.attachments?.length ?? 0;
  useEffect(() => {
    if (step.kind !== 'attachments') return;
    setStepProblems((problems) => {
      if (!problems) return problems;
      const still = problems.filter((p) => missingDocuments().some((r) => `allegato-${r.id}` === p.id));
      return still.length === problems.length ? problems : still.length ? still : null;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attachmentCount]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  /** The checks of the current step failed: the list of problems at the top, each a link to its field. */
  const onStepErrors = (errors: RJSFValidationError[]) => {
    const seen = new Set<string>();
    const problems: StepProblem[] = [];
    for (const e of errors) {
      const path = propertyPath(e.property);
      const id = [formIdPrefix(step.id), ...path].join('_');
      if (seen.has(id)) continue;
      seen.add(id);
      problems.push({ id, label: labelAt(form, `/${step.id}/${path.join('/')}`), message: e.message ?? '' });
    }
    // in the order of the fields on the page
    const position = (id: string) => document.getElementById(id);
    problems.sort((a, b) => {
      const x = position(a.id);
      const y = position(b.id);
      if (!x || !y || x === y) return 0;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    focusProblems.current = true;
    setStepProblems(problems);
  };

  const goForward = (target: number) => {
    if (step.kind === 'form') {
      // the rjsf form checks the step (and shows each error under its field) before we move
      const ok = formRef.current?.validateForm() ?? true;
      if (!ok) return;
    } else if (step.kind === 'attachments') {
      const missing = missingDocuments();
      if (missing.length) {
        focusProblems.current = true;
        setStepProblems(missing.map((r) => ({ id: `allegato-${r.id}`, label: r.title, message: t('application.attachments.missing') })));
        return;
      }
    }
    for (let i = index + 1; i < target; i++) {
      if (!stepValid(steps[i]!)) {
        show(i);
        return;
      }
    }
    show(target);
  };

  const go = (target: number) => (target < index ? show(target) : goForward(target));

  const submit = async () => {
    if (sending) return;
    setSending(true);
    setFailure(null);
    try {
      const saved = await draft.flush();
      if (!saved) {
        setFailure({ title: t('application.submit.notSavedTitle'), detail: t('application.submit.notSaved'), items: [] });
        return;
      }
      // one key per attempt: the same again if the answer did not arrive, a new one after a definite answer
      submitKey.current ??= newIdempotencyKey();
      const ack = await applicationsApi.submit(initial.id, submitKey.current);
      submitKey.current = null;
      if (ack.status === 'payment_pending' && ack.payment) {
        // checked and frozen, not sent yet: it leaves when the payment is confirmed
        void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
        navigate(paymentUrl(ack.payment.id), { state: { fromSubmit: true } });
        return;
      }
      queryClient.setQueryData(applicationKeys.detail(initial.id), (old: ApplicationDetail | undefined) =>
        old ? { ...old, status: ack.status, submittedAt: ack.submittedAt, code: ack.code, protocol: ack.protocol } : old,
      );
      void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
      navigate(`/pratiche/${initial.id}/inviata`, { state: { ack } });
    } catch (error) {
      if (isApiError(error) && error.status >= 400 && error.status < 500) submitKey.current = null;
      if (isApiError(error, 422)) {
        const items: SubmitErrorItem[] = [];
        const byPointer: Record<string, string> = {};
        for (const e of error.problem?.errors ?? []) {
          const stepId = stepOfPointer(e.path, steps);
          const stepIndex = stepId ? steps.findIndex((s) => s.id === stepId) : -1;
          const message = messageIn(e.message, lng);
          const label = e.path.startsWith('/attachments/')
            ? (form.attachments.find((r) => `/attachments/${r.id}` === e.path)?.title ?? e.path)
            : labelAt(form, e.path);
          items.push({ pointer: e.path, stepIndex: stepIndex >= 0 ? stepIndex : null, stepTitle: stepIndex >= 0 ? steps[stepIndex]!.title : null, label, message });
          // under the field: the message without the field's name in front
          byPointer[e.path] = message.includes(`${label}: `) ? message.slice(message.lastIndexOf(`${label}: `) + label.length + 2) : message;
        }
        setServerErrors(byPointer);
        setFailure({ title: t('application.submit.incomplete', { count: items.length }), items });
      } else if (isApiError(error, 409) || isApiError(error, 403)) {
        setFailure({ title: t('application.submit.refused'), detail: error.problem?.detail ? messageIn(error.problem.detail, lng) : undefined, items: [] });
      } else if (isApiError(error, 401)) {
        setFailure({ title: t('application.submit.signIn'), detail: error.problem?.detail ? messageIn(error.problem.detail, lng) : undefined, items: [] });
      } else {
        setFailure({ title: t('application.submit.failedTitle'), detail: t('application.submit.failed'), items: [] });
      }
    } finally {
      setSending(false);
    }
  };

  const jump = (item: SubmitErrorItem) => {
    if (item.stepIndex === null) return;
    show(item.stepIndex, fieldDomId(item.pointer));
  };

  const stepHasPrefill = step.kind === 'form' && Object.keys(marks).some((p) => pointerSegments(p)[0] === step.id);
  const prefillOrigins = [...new Set(Object.entries(marks).filter(([p]) => pointerSegments(p)[0] === step.id).map(([, m]) => m.origin))];
  const stepData = step.kind === 'form' ? draft.data[step.id] : undefined;
  const attachmentMessages = Object.fromEntries(
    Object.entries(serverErrors)
      .filter(([p]) => p.startsWith('/attachments/'))
      .map(([p, m]) => [p.slice('/attachments/'.length), m]),
  );
  const isLast = index === steps.length - 1;
  const next = steps[index + 1];

  const navButtons = (forwardAsSubmit: boolean): ReactNode => (
    <div className="sp-step-nav">
      {index > 0 && (
        <button type="button" className="btn btn-outline-primary sp-step-back" onClick={() => show(index - 1)}>
          <span aria-hidden="true">← </span>
          {t('application.nav.back')}
        </button>
      )}
      {!isLast &&
        (forwardAsSubmit ? (
          <button type="submit" className="btn btn-primary sp-step-next">
            {t('application.nav.next')}
            <span className="visually-hidden">: {next?.title}</span>
            <span aria-hidden="true"> →</span>
          </button>
        ) : (
          <button type="button" className="btn btn-primary sp-step-next" onClick={() => goForward(index + 1)}>
            {t('application.nav.next')}
            <span className="visually-hidden">: {next?.title}</span>
            <span aria-hidden="true"> →</span>
          </button>
        ))}
    </div>
  );

  const tenantSlug = initial.tenant.slug;
  const cardUrl = `/enti/${tenantSlug}/servizi/${initial.service.slug}`;

  return (
    <div className="container py-3 py-lg-4 sp-application">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: initial.tenant.name, to: `/enti/${tenantSlug}` },
          { label: initial.service.title, to: cardUrl },
          { label: t('application.crumb') },
        ]}
      />
      <p className="sp-kicker mb-1">{t('application.kicker')}</p>
          <h1 className="sp-application-title">{initial.service.title}</h1>
          <p className="sp-application-meta">
            {initial.subject.kind === 'self' ? (
              <>{t('application.forSelf', { name: initial.subject.name })}</>
            ) : (
              <>{t('application.forOther', { name: initial.subject.name, by: initial.filedBy?.name ?? '' })}</>
            )}
            <span className="sp-application-code">
              {' · '}
              {t('application.draftCode', { code: initial.code })}
            </span>
          </p>

      <div className="row">
        <div className="col-lg-4 col-xl-3">
          <StepIndicator steps={steps} current={index} canGo={canGo} onGo={go} />
        </div>
        <div className="col-lg-8 col-xl-9 sp-application-main">
          <SaveLine status={draft.status} updatedAt={initial.updatedAt} onRetry={() => void draft.flush()} applicationId={initial.id} />

          {draft.recovered.length > 0 && (
            <Notice tone="info" role="status" className="sp-recovered">
              <p className="mb-0">
                {t('application.recovered', {
                  steps: draft.recovered.map((id) => steps.find((s) => s.id === id)?.title ?? id).join(', '),
                })}
              </p>
            </Notice>
          )}
          {draft.conflict && (
            <Notice tone="warning" role="alert" className="sp-conflict">
              <p className="fw-semibold mb-1">{t('application.conflict.title')}</p>
              <p className="mb-2">{t('application.conflict.body')}</p>
              <div className="d-flex flex-wrap gap-2">
                <button type="button" className="btn btn-outline-primary btn-sm" onClick={draft.restoreMine}>
                  {t('application.conflict.restore')}
                </button>
                <button type="button" className="btn btn-link btn-sm" onClick={draft.dismissConflict}>
                  {t('application.conflict.keep')}
                </button>
              </div>
            </Notice>
          )}

          <section className="sp-step-body" aria-labelledby="passo-titolo">
            <p className="sp-step-kicker">{t('application.steps.stepOf', { n: index + 1, total: steps.length })}</p>
            <h2 id="passo-titolo" ref={headingRef} tabIndex={-1} className="sp-step-heading">
              {step.title}
            </h2>
            {step.description && <p className="sp-step-description">{step.description}</p>}

            {stepProblems && stepProblems.length > 0 && (
              <Notice tone="danger" role="alert" focusRef={problemRef} className="sp-error-summary" aria-labelledby="passo-problemi">
                <p className="fw-semibold mb-1" id="passo-problemi">
                  {t('application.form.problems', { count: stepProblems.length })}
                </p>
                <ul className="mb-0">
                  {stepProblems.map((p) => (
                    <li key={p.id}>
                      <a
                        href={`#${p.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          const el = document.getElementById(p.id);
                          const target = el && (el.matches('input, select, textarea') ? el : el.querySelector<HTMLElement>('input, select, textarea'));
                          (target ?? el)?.focus();
                          (target ?? el)?.scrollIntoView({ block: 'center' });
                        }}
                      >
                        {p.label}: {p.message}
                      </a>
                    </li>
                  ))}
                </ul>
              </Notice>
            )}

            {stepHasPrefill && (
              <Notice tone="info" role="note" className="sp-prefill-note">
                <p className="mb-0">
                  {t('application.prefill.note', {
                    origins: prefillOrigins.map((o) => context.originLabel(o)).join(` ${t('application.attachments.and')} `),
                  })}
                </p>
              </Notice>
            )}

            {step.kind === 'form' && (
              <>
                <p className="sp-required-note">{t('application.form.requiredNote')}</p>
                <Form
                  key={step.id}
                  ref={formRef}
                  className="sp-rjsf"
                  schema={schemas[step.id]!.schema as never}
                  uiSchema={schemas[step.id]!.ui as never}
                  formData={stepData}
                  validator={validator}
                  templates={templates}
                  widgets={widgets}
                  fields={fields}
                  formContext={context}
                  idPrefix={formIdPrefix(step.id)}
                  noHtml5Validate
                  showErrorList={false}
                  omitExtraData
                  liveOmit="onChange"
                  // a statement to accept (const: true) starts unticked: the person ticks it
                  experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
                  transformErrors={errorTransformer(schemas[step.id]!.schema, schemas[step.id]!.ui, t)}
                  extraErrors={errorSchemaFor(step.id, serverErrors)}
                  onChange={(e) => {
                    draft.setStepData(step.id, e.formData ?? {});
                    if (Object.keys(serverErrors).some((p) => pointerSegments(p)[0] === step.id)) {
                      setServerErrors((old) => Object.fromEntries(Object.entries(old).filter(([p]) => pointerSegments(p)[0] !== step.id)));
                    }
                  }}
                  onError={onStepErrors}
                  onSubmit={(e) => {
                    draft.setStepData(step.id, isObject(e.formData) ? e.formData : {});
                    goForward(index + 1);
                  }}
                >
                  {navButtons(true)}
                </Form>
              </>
            )}

            {step.kind === 'attachments' && (
              <>
                <AttachmentsStep
                  application={live}
                  form={form}
                  data={draft.data}
                  missing={attachmentMessages}
                />
                {navButtons(false)}
              </>
            )}

            {step.kind === 'summary' && (
              <>
                <SummaryStep
                  application={live}
                  form={form}
                  steps={steps}
                  data={draft.data}
                  validator={validator}
                  onEdit={(i) => show(i)}
                  onJump={jump}
                  onSubmit={() => void submit()}
                  sending={sending}
                  failure={failure}
                  failureRef={failureRef}
                />
                {navButtons(false)}
              </>
            )}
          </section>

          <p className="sp-later">
            <Link
              to="/area-personale/pratiche"
              onClick={() => {
                void draft.flush();
              }}
            >
              {t('application.nav.later')}
            </Link>
            <span className="sp-hint d-block">{t('application.nav.laterNote')}</span>
          </p>
        </div>
      </div>
    </div>
  );
}

function SaveLine({ status, updatedAt, onRetry, applicationId }: { status: SaveStatus; updatedAt: string; onRetry: () => void; applicationId: string }) {
  const { t } = useTranslation();
  let text: ReactNode;
  switch (status.kind) {
    case 'saving':
      text = t('application.save.saving');
      break;
    case 'saved':
      text = t('application.save.savedAt', { time: formatTime(status.at) });
      break;
    case 'error':
      text = (
        <>
          <span className="sp-save-error">{t('application.save.failed')}</span>{' '}
          <button type="button" className="btn btn-link btn-sm p-0 align-baseline" onClick={onRetry}>
            {t('application.save.retry')}
          </button>
        </>
      );
      break;
    case 'signedOut':
      text = (
        <>
          <span className="sp-save-error">{t('application.save.signedOut')}</span>{' '}
          {/* a full page load: the app forgets the session that ended (the answers wait in sessionStorage) */}
          <a href={loginPageUrl({ returnTo: `/pratiche/${applicationId}/compila` })}>{t('application.save.signIn')}</a>
        </>
      );
      break;
    case 'closed':
      text = (
        <>
          {t('application.save.closed')} <Link to={`/pratiche/${applicationId}/inviata`}>{t('application.save.closedLink')}</Link>
        </>
      );
      break;
    default:
      text = t('application.save.savedAt', { time: formatTime(updatedAt) });
  }
  return (
    <p className={`sp-save-status is-${status.kind}`} role="status" aria-live="polite">
      <svg className="sp-save-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {status.kind === 'error' || status.kind === 'signedOut' ? (
          <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z" />
        ) : (
          <path d="M19.4 10A7.5 7.5 0 0 0 5.2 8.1 6 6 0 0 0 6 20h13a5 5 0 0 0 .4-10ZM10.5 16.5 7 13l1.4-1.4 2.1 2.1 5.1-5.1L17 10l-6.5 6.5Z" />
        )}
      </svg>
      <span>{text}</span>
    </p>
  );
}
