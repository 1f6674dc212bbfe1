/**
 * What the administration forms share: turning a problem+json answer into messages next to the fields, a summary
 * at the top that takes the focus and links to each field, a submit helper that never clears what was typed, and
 * an inline confirmation for actions that cannot be undone.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isApiError } from '../../api/client';
import { Notice } from '../../ui/status';

export interface FormProblem {
  status: number | null;
  message: string;
  /** field key ("name", "grants.0.officeId") → message */
  fields: Record<string, string>;
}

/** The id of a form's control for a field key: "office-openingHours-0-opens". */
export const controlId = (form: string, key: string) => `${form}-${key.replace(/\./g, '-')}`;

/** "body.grants.0.officeId" → "grants.0.officeId" */
const fieldKey = (path: string) => path.replace(/^(body|query|params)\.?/, '');

export function problemOf(error: unknown, fallback: string, networkError: string, fixFields = fallback): FormProblem {
  if (!isApiError(error)) return { status: null, message: networkError, fields: {} };
  const fields: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    const key = fieldKey(e.path);
    if (key && !fields[key]) fields[key] = e.message;
  }
  // a 400's detail repeats every field's message: they are listed below and next to the fields instead
  const message = error.status === 400 && Object.keys(fields).length ? fixFields : (error.problem?.detail ?? error.problem?.title ?? fallback);
  return { status: error.status, message, fields };
}

/** Submitting a form: the pending state, the problem found, and focus on the summary when something is wrong. */
export function useFormSubmit() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setSubmitting(true);
    setProblem(null);
    try {
      return await work();
    } catch (error) {
      setProblem(problemOf(error, t('common.errorBody'), t('admin.networkError'), t('admin.fixErrors')));
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };

  /** Problems found before sending. */
  const fail = (fields: Record<string, string>) => setProblem({ status: null, message: t('admin.fixErrors'), fields });

  return { problem, submitting, summaryRef, run, fail, clear: () => setProblem(null), errorFor: (key: string) => problem?.fields[key] };
}

/** The problem at the top of a form: what went wrong, and a link to each field concerned. */
export function FormErrorSummary({ problem, form, labelFor, focusRef }: {
  problem: FormProblem | null;
  form: string;
  labelFor: (key: string) => string;
  focusRef: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!problem) return null;
  const jump = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
    // the field itself, or the nearest group that holds it ("grants.0.comuni.1" → "grants.0.comuni")
    const parts = key.split('.');
    let el: HTMLElement | null = null;
    while (parts.length && !el) {
      el = document.getElementById(controlId(form, parts.join('.')));
      parts.pop();
    }
    if (!el) return;
    event.preventDefault();
    const target = el.matches('input, select, textarea, button') ? el : (el.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
    target.focus();
  };
  const entries = Object.entries(problem.fields);
  return (
    <Notice tone="danger" role="alert" focusRef={focusRef} className="sp-error-summary" aria-labelledby={`${form}-problem-title`}>
      <h2 id={`${form}-problem-title`} className="h5">
        {t('admin.problemTitle')}
      </h2>
      <p className="mb-2">{problem.message}</p>
      {problem.status === 401 && (
        <p className="mb-2">
          <Link to={`/backoffice/login?returnTo=${encodeURIComponent(location.pathname)}`}>{t('admin.loginAgain')}</Link>
        </p>
      )}
      {entries.length > 0 && (
        <ul className="mb-0">
          {entries.map(([key, message]) => (
            <li key={key}>
              <a href={`#${controlId(form, key)}`} onClick={(e) => jump(e, key)}>
                {labelFor(key)}: {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/**
 * A button that asks again before acting: the question appears next to it, takes the focus, and offers the
 * confirming action and a way back.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled, color = 'danger', size = 'sm' }: {
  label: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  disabled?: boolean;
  color?: 'danger' | 'primary';
  size?: 'sm' | 'xs';
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <Button type="button" color={color} outline size={size} onClick={() => setAsking(true)} disabled={disabled} innerRef={openerRef}>
        {label}
      </Button>
    );
  }
  const cancel = () => {
    setAsking(false);
    setTimeout(() => openerRef.current?.focus(), 0);
  };
  return (
    <div className="sp-confirm border rounded p-2 mt-1" role="group" aria-label={question} tabIndex={-1} ref={questionRef}>
      <p className="mb-2 fw-semibold">{question}</p>
      <div className="d-flex flex-wrap gap-2">
        <Button
          type="button"
          color={color}
          size={size}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
        <Button type="button" color="secondary" outline size={size} onClick={cancel} disabled={busy}>
          {t('admin.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** A value shown once (temporary password, API token) with a button that copies it. */
export function OneTimeSecret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<null | boolean>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="mb-2">
      <p className="mb-1">{label}</p>
      <div className="d-flex flex-wrap align-items-center gap-2">
        <code className="sp-secret fs-5 p-2 bg-light border rounded text-break" data-testid={testId}>
          {value}
        </code>
        <Button type="button" color="primary" outline size="sm" onClick={() => void copy()}>
          {t('admin.copy')}
        </Button>
      </div>
      <p className="small mt-1 mb-0" role="status">
        {copied === true ? t('admin.copied') : copied === false ? t('admin.copyFailed') : ''}
      </p>
    </div>
  );
}

/**
 * The outcome of an action on the page: success announced politely, failure as an alert. After a confirmed
 * action its button is gone, so the focus moves to whichever message appeared.
 */
export function ActionOutcome({ done, failure }: { done: string | null; failure: string | null }) {
  const doneRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);
  return (
    <>
      <div aria-live="polite" role="status">
        {done && (
          <Notice tone="success" role="none" focusRef={doneRef}>
            <p className="mb-0">{done}</p>
          </Notice>
        )}
      </div>
      {failure && (
        <Notice tone="danger" role="alert" focusRef={failureRef}>
          <p className="mb-0">{failure}</p>
        </Notice>
      )}
    </>
  );
}
