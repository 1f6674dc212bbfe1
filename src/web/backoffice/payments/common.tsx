/**
 * What the payment pages share: the text of a problem found by the checks (paymentForms.ts), a failed call read
 * as field errors plus what concerns no field, the alert that says it, and a modal dialog (the browser's own
 * <dialog>: it keeps the focus inside and closes with Escape; the focus goes back to the button that opened it).
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/status';
import { actionFailure } from '../workspace/model';
import { DESCRIPTION_MAX, LINE_LABEL_MAX, NAME_MAX, NOTE_MAX, REASON_MAX, problemKey, type ProblemCode, type Problems } from './paymentForms';

const MAX_OF: Record<string, number> = { description: DESCRIPTION_MAX, debtorName: NAME_MAX, note: NOTE_MAX, reason: REASON_MAX };

/** The words of each problem found here, keyed like the fields. */
export function useProblemTexts() {
  const { t } = useTranslation();
  return useMemo(() => {
    const text = (key: string, code: ProblemCode) => t(`officePayments.problems.${code}`, { max: MAX_OF[key] ?? (key.startsWith('items/') ? LINE_LABEL_MAX : undefined) });
    return (problems: Problems): Record<string, string> => Object.fromEntries(Object.entries(problems).map(([key, code]) => [key, text(key, code)]));
  }, [t]);
}

export interface CallFailure {
  kind: 'network' | 'problem';
  status: number | null;
  /** the server's sentence, in the reader's language */
  detail: string | null;
  /** problems the form shows on its fields */
  fields: Record<string, string>;
  /** problems that name no field of the form */
  other: string[];
}

/** A failed call as the form shows it: on its fields when the server names them (`fieldKeys` match by prefix). */
export function callFailure(error: unknown, lng: string, fieldKeys: readonly string[] = []): CallFailure {
  const f = actionFailure(error, lng);
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const item of f.items) {
    const key = problemKey(item.path);
    if (key && fieldKeys.some((k) => key === k || key.startsWith(`${k}/`))) fields[key] ??= item.message;
    else other.push(item.message);
  }
  return { kind: f.kind === 'network' ? 'network' : 'problem', status: f.status, detail: f.detail, fields, other };
}

/** The alert after a failed call: says what the server said; takes the focus unless a field with a problem does. */
export function FailureAlert({ failure, title, takeFocus = true }: { failure: CallFailure | null; title: string; takeFocus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure && takeFocus) ref.current?.focus();
  }, [failure, takeFocus]);
  if (!failure) return null;
  const lead =
    failure.kind === 'network'
      ? t('officePayments.problems.network')
      : failure.status === 403
        ? t('officePayments.problems.forbidden')
        : failure.status === 409
          ? t('officePayments.problems.conflict')
          : null;
  return (
    <Notice tone="danger" role="alert" focusRef={ref} className="mt-3">
      <p className="fw-semibold mb-1">{title}</p>
      {lead && <p className="mb-1">{lead}</p>}
      {failure.detail && <p className="mb-1">{failure.detail}</p>}
      {failure.other.length > 0 && (
        <ul className="mb-0">
          {failure.other.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/**
 * A modal dialog opened when it mounts. Escape (the browser's cancel) calls onClose; the caller unmounts it and
 * puts the focus back on its opener.
 */
export function Dialog({ labelledBy, describedBy, onClose, children }: { labelledBy: string; describedBy?: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="sp-pay-dialog"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** A field's error under it, tied to the control by `${id}-error`. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="sp-pay-error">
      {message}
    </p>
  );
}

/** aria-describedby of a control with its hint and its error. */
export const describedBy = (id: string, hint: boolean, error: string | undefined) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
