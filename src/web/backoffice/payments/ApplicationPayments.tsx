/**
 * The payments of an application on the back office's handling page, and "Richiedi pagamento": while the
 * application is registered or in progress and the operator may handle it, a dialog asks what to pay (purpose,
 * lines with the live total, due date proposed 30 days ahead, a note for the citizen) and POSTs the request; the
 * application then waits in payment_pending and the new payment is listed here with a link to its page. What is
 * typed stays in the tab's session until the server accepts it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApplicationDetail } from '../../../contracts/applications';
import { formatEuro, PAYABLE_STATUSES, type PaymentRequestInput } from '../../../contracts/payments';
import { newIdempotencyKey } from '../../api/client';
import { formatDate, romeDay } from '../../citizen/practices/format';
import { useApplicationChanged } from '../workspace/actions';
import { workspaceKeys } from '../workspace/api';
import { useDraft } from '../workspace/drafts';
import { canRequestPayment, paymentsOf, paymentUrl } from './access';
import { officePaymentKeys, officePaymentsApi } from './api';
import { callFailure, describedBy, Dialog, FailureAlert, FieldError, useProblemTexts } from './common';
import { fieldDomId, LinesEditor } from './LinesEditor';
import { addDays, DESCRIPTION_MAX, firstProblem, newLine, NOTE_MAX, requestInput, type RequestDraft } from './paymentForms';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import './payments.css';

const PREFIX = 'payreq';
const FIELDS = ['description', 'items', 'dueDate', 'note'] as const;

export function ApplicationPayments({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const payments = paymentsOf(a);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    window.setTimeout(() => opener.current?.focus(), 0);
  };
  return (
    <>
      {payments.length === 0 ? (
        <p>{t('officePayments.request.none')}</p>
      ) : (
        <ul className="sp-pay-app-list">
          {payments.map((p) => (
            <li key={p.id}>
              <Link to={paymentUrl(p.id)} lang="it">
                {p.description}
              </Link>{' '}
              <strong className="text-nowrap">{formatEuro(p.amountCents)}</strong>
              <span className="d-flex flex-wrap align-items-center gap-2 mt-1">
                <PaymentStatusBadge status={p.status} />
                {PAYABLE_STATUSES.includes(p.status) && <span className="sp-pay-small">{t('officePayments.list.dueBy', { date: formatDate(p.dueDate, i18n.language) })}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canRequestPayment(a) && (
        <>
          <p className="sp-pay-hint">{t('officePayments.request.hint')}</p>
          <Button type="button" color="primary" outline innerRef={opener} onClick={() => setOpen(true)}>
            {t('officePayments.request.open')}
          </Button>
        </>
      )}
      {open && (
        <RequestDialog
          a={a}
          onClose={close}
          onSent={() => {
            setOpen(false);
            onDone(t('officePayments.request.done'));
          }}
        />
      )}
    </>
  );
}

function RequestDialog({ a, onClose, onSent }: { a: ApplicationDetail; onClose: () => void; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const texts = useProblemTexts();
  const queryClient = useQueryClient();
  const changed = useApplicationChanged();
  const today = romeDay();
  const initial: RequestDraft = useMemo(
    () => ({ description: `${a.service.title} (${a.code})`.slice(0, DESCRIPTION_MAX), lines: [newLine('diritti')], dueDate: addDays(today, 30), note: '' }),
    [a.service.title, a.code, today],
  );
  const [draft, setDraft, clearDraft] = useDraft<RequestDraft>(`${a.id}.paymentRequest`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const send = useMutation({
    mutationFn: (input: PaymentRequestInput) => {
      const body = JSON.stringify(input);
      if (!attempt.current || attempt.current.body !== body) attempt.current = { body, key: newIdempotencyKey() };
      return officePaymentsApi.requestPayment(a.id, input, attempt.current.key);
    },
    onSuccess: (created) => {
      attempt.current = null;
      clearDraft();
      queryClient.setQueryData(officePaymentKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...officePaymentKeys.all, 'list'] });
      // the application is now waiting for the payment: fetch it, its timeline and the queues afresh
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.detail(a.id) });
      changed(null, a.id);
      onSent();
    },
    onError: (error) => {
      const failure = callFailure(error, i18n.language, FIELDS);
      setErrors(failure.fields);
      const first = firstProblem(Object.fromEntries(Object.keys(failure.fields).map((k) => [k, 'required' as const])), FIELDS);
      if (first) window.setTimeout(() => document.getElementById(fieldDomId(PREFIX, first))?.focus(), 0);
    },
  });
  const failure = useMemo(() => (send.error ? callFailure(send.error, i18n.language, FIELDS) : null), [send.error, i18n.language]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, problems } = requestInput(draft, today);
    setErrors(texts(problems));
    if (!input) {
      send.reset();
      const first = firstProblem(problems, FIELDS);
      if (first) document.getElementById(fieldDomId(PREFIX, first))?.focus();
      return;
    }
    send.mutate(input);
  };
  const set = (values: Partial<RequestDraft>) => setDraft((d) => ({ ...d, ...values }));
  const id = (key: string) => fieldDomId(PREFIX, key);

  return (
    <Dialog labelledBy={`${PREFIX}-title`} describedBy={`${PREFIX}-intro`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${PREFIX}-title`}>{t('officePayments.request.title')}</h2>
        <p id={`${PREFIX}-intro`}>{t('officePayments.request.intro')}</p>
        <div className="sp-pay-field">
          <label htmlFor={id('description')} className="sp-pay-label">
            {t('officePayments.request.description')}
          </label>
          <input
            id={id('description')}
            type="text"
            className="form-control sp-pay-input"
            value={draft.description}
            maxLength={DESCRIPTION_MAX}
            onChange={(e) => set({ description: e.target.value })}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy(id('description'), true, errors.description)}
            autoComplete="off"
          />
          <p id={`${id('description')}-hint`} className="sp-pay-hint mb-0">
            {t('officePayments.request.descriptionHint')}
          </p>
          <FieldError id={id('description')} message={errors.description} />
        </div>
        <LinesEditor prefix={PREFIX} lines={draft.lines} onChange={(lines) => set({ lines })} errors={errors} />
        <div className="sp-pay-field">
          <label htmlFor={id('dueDate')} className="sp-pay-label">
            {t('officePayments.request.dueDate')}
          </label>
          <input
            id={id('dueDate')}
            type="date"
            className="form-control sp-pay-input"
            style={{ maxWidth: '14rem' }}
            min={today}
            value={draft.dueDate}
            onChange={(e) => set({ dueDate: e.target.value })}
            aria-invalid={errors.dueDate ? true : undefined}
            aria-describedby={describedBy(id('dueDate'), true, errors.dueDate)}
          />
          <p id={`${id('dueDate')}-hint`} className="sp-pay-hint mb-0">
            {t('officePayments.request.dueDateHint')}
          </p>
          <FieldError id={id('dueDate')} message={errors.dueDate} />
        </div>
        <div className="sp-pay-field">
          <label htmlFor={id('note')} className="sp-pay-label">
            {t('officePayments.request.note')} <span className="sp-pay-required">({t('officePayments.form.optional')})</span>
          </label>
          <textarea
            id={id('note')}
            className="form-control sp-pay-input"
            rows={3}
            maxLength={NOTE_MAX}
            value={draft.note}
            onChange={(e) => set({ note: e.target.value })}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={describedBy(id('note'), false, errors.note)}
          />
          <FieldError id={id('note')} message={errors.note} />
        </div>
        <div className="sp-pay-buttons">
          <Button type="submit" color="primary" disabled={send.isPending}>
            {send.isPending ? t('officePayments.request.sending') : t('officePayments.request.submit')}
          </Button>
          <Button type="button" color="primary" outline onClick={onClose} disabled={send.isPending}>
            {t('officePayments.request.back')}
          </Button>
        </div>
        <FailureAlert failure={failure} takeFocus={!Object.keys(failure?.fields ?? {}).length} title={t('officePayments.request.failed')} />
      </form>
    </Dialog>
  );
}
