/**
 * Revoking something from a list item (a delegation, a certificate) in two steps: a small danger button opens a
 * confirmation under the item, whose heading takes the focus; it says what follows, asks for a reason, and offers
 * confirm and cancel. Cancel closes it and gives the focus back to the button.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TextAreaField } from './fields';
import { ErrorMessage } from './status';

/** The state of the step: open or not, the reason typed, and where the focus goes. */
export function useRevokeStep() {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const openButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);
  const close = () => {
    setConfirming(false);
    setReason('');
  };
  return {
    confirming,
    reason,
    setReason,
    openButton,
    heading,
    open: () => setConfirming(true),
    close,
    /** closes, and the focus goes back to the button that opened it */
    cancel: () => {
      close();
      window.setTimeout(() => openButton.current?.focus(), 0);
    },
  };
}

export type RevokeStep = ReturnType<typeof useRevokeStep>;

/** The button that opens the confirmation (the caller shows it while the thing is revocable and `!step.confirming`). */
export function RevokeButton({ step, children }: { step: RevokeStep; children: ReactNode }) {
  return (
    <Button type="button" color="danger" outline size="sm" innerRef={step.openButton} onClick={step.open}>
      {children}
    </Button>
  );
}

interface RevokeConfirmProps {
  step: RevokeStep;
  /** the heading's id is `${id}-confirm`, the reason's `${id}-reason` */
  id: string;
  title: string;
  body: string;
  reasonLabel: string;
  reasonHint?: string;
  reasonError?: string;
  reasonRequired?: boolean;
  /** the revocation's failure, if any */
  error: unknown;
  pending: boolean;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  /** default: step.cancel */
  onCancel?: () => void;
}

/** The confirmation itself, shown while `step.confirming`. */
export function RevokeConfirm(props: RevokeConfirmProps) {
  const { step, id } = props;
  if (!step.confirming) return null;
  return (
    <div className="sp-revoke-confirm" role="group" aria-labelledby={`${id}-confirm`}>
      <p className="fw-semibold mb-1" id={`${id}-confirm`} tabIndex={-1} ref={step.heading}>
        {props.title}
      </p>
      <p>{props.body}</p>
      <TextAreaField
        id={`${id}-reason`}
        label={props.reasonLabel}
        hint={props.reasonHint}
        error={props.reasonError}
        value={step.reason}
        onValueChange={step.setReason}
        rows={2}
        required={props.reasonRequired}
      />
      {props.error ? <ErrorMessage error={props.error} /> : null}
      <div className="sp-actions">
        <Button type="button" color="danger" disabled={props.pending} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
        <Button type="button" color="primary" outline onClick={props.onCancel ?? step.cancel}>
          {props.cancelLabel}
        </Button>
      </div>
    </div>
  );
}
