/**
 * "Annulla il pagamento" and "Rimborsa": a modal that says what will happen, asks the reason the payer will read
 * (5 to 500 characters, said on the field when it is missing or too short) and sends it only on the explicit
 * confirmation. A refusal of the server (409: already paid, already refunded…) is shown as its sentence in the
 * dialog, with the reason still there.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuro, type PaymentDetail } from '../../../contracts/payments';
import { isApiError } from '../../api/client';
import { officePaymentKeys, officePaymentsApi } from './api';
import { callFailure, describedBy, Dialog, FailureAlert, FieldError, useProblemTexts } from './common';
import { reasonProblem, REASON_MAX } from './paymentForms';

export type ReasonAction = 'cancel' | 'refund';

export function ReasonDialog({ action, payment, onClose, onDone }: { action: ReasonAction; payment: PaymentDetail; onClose: () => void; onDone: (updated: PaymentDetail) => void }) {
  const { t, i18n } = useTranslation();
  const texts = useProblemTexts();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (text: string) => (action === 'cancel' ? officePaymentsApi.cancel(payment.id, text) : officePaymentsApi.refund(payment.id, text)),
    onSuccess: onDone,
    // refused because the payment changed meanwhile: the page behind the dialog shows how it is now
    onError: (error) => {
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: officePaymentKeys.detail(payment.id) });
    },
  });
  const failure = useMemo(() => (send.error ? callFailure(send.error, i18n.language, ['reason']) : null), [send.error, i18n.language]);
  const fieldError = error ?? failure?.fields.reason;
  const id = `pay-${action}-reason`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = reasonProblem(reason);
    if (problem) {
      setError(texts({ reason: problem }).reason);
      document.getElementById(id)?.focus();
      return;
    }
    setError(undefined);
    send.mutate(reason.trim());
  };

  const consequence = action === 'cancel' && payment.application && payment.purpose !== 'debt' ? t(`officePayments.cancel.${payment.purpose}`) : null;
  return (
    <Dialog labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t(`officePayments.${action}.title`)}</h2>
        <div id={`${id}-body`}>
          <p className="mb-1" lang="it">
            <strong>{payment.description}</strong> — {formatEuro(payment.amountCents)}
          </p>
          <p>
            {action === 'cancel' ? t('officePayments.cancel.body') : t('officePayments.refund.body', { amount: formatEuro(payment.receipt?.amountCents ?? payment.amountCents) })}
            {consequence && <> {consequence}</>}
          </p>
        </div>
        <div className="sp-pay-field">
          <label htmlFor={id} className="sp-pay-label">
            {t('officePayments.reason.label')} <span className="sp-pay-required">({t('officePayments.form.required')})</span>
          </label>
          <textarea
            id={id}
            className="form-control sp-pay-input"
            rows={4}
            maxLength={REASON_MAX + 50}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy(id, true, fieldError)}
            autoFocus
          />
          <p id={`${id}-hint`} className="sp-pay-hint mb-0">
            {t('officePayments.reason.hint')}
          </p>
          <FieldError id={id} message={fieldError} />
        </div>
        <div className="sp-pay-buttons">
          <Button type="submit" color="danger" disabled={send.isPending}>
            {send.isPending ? t('officePayments.reason.sending') : t(`officePayments.${action}.confirm`)}
          </Button>
          <Button type="button" color="primary" outline onClick={onClose} disabled={send.isPending}>
            {t('officePayments.reason.back')}
          </Button>
        </div>
        <FailureAlert failure={failure && !failure.fields.reason ? failure : null} title={t(`officePayments.${action}.failed`)} />
      </form>
    </Dialog>
  );
}
