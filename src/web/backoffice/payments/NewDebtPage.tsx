/**
 * /backoffice/pagamenti/nuova-posizione — "Nuova posizione debitoria": a debt of a person or a company to the body
 * not tied to an application (a TARI instalment, a fine). Debtor's fiscal code (a person's 16 characters or a
 * company's 11 digits, checked with their check character), name, description, the lines with the total kept up
 * to date, due date. What is typed stays in the tab's session until the server accepts it: a refusal, a network
 * failure or a reload never loses it; the server's problems show on their fields.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { newIdempotencyKey } from '../../api/client';
import { romeDay } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { useDocumentTitle } from '../../ui/status';
import { useDraft } from '../workspace/drafts';
import { paymentUrl, PAYMENTS_PATH } from './access';
import { officePaymentKeys, officePaymentsApi } from './api';
import { callFailure, describedBy, FailureAlert, FieldError, useProblemTexts } from './common';
import { fieldDomId, LinesEditor } from './LinesEditor';
import { debtInput, DESCRIPTION_MAX, firstProblem, NAME_MAX, newLine, type DebtDraft } from './paymentForms';
import './payments.css';

const PREFIX = 'debt';
const FIELDS = ['debtorFiscalCode', 'debtorName', 'description', 'items', 'dueDate'] as const;
const EMPTY: DebtDraft = { fiscalCode: '', name: '', description: '', lines: [newLine('tributo')], dueDate: '' };

export default function NewDebtPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const texts = useProblemTexts();
  useDocumentTitle(t('officePayments.debt.title'));
  const [draft, setDraft, clearDraft] = useDraft<DebtDraft>(`payments.newDebt.${operator.tenant.id}`, EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // one key per attempt at the same text: a retry after a lost answer never creates the position twice
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const create = useMutation({
    mutationFn: (input: Parameters<typeof officePaymentsApi.createDebt>[0]) => {
      const body = JSON.stringify(input);
      if (!attempt.current || attempt.current.body !== body) attempt.current = { body, key: newIdempotencyKey() };
      return officePaymentsApi.createDebt(input, attempt.current.key);
    },
    onSuccess: (created) => {
      attempt.current = null;
      clearDraft();
      void queryClient.invalidateQueries({ queryKey: [...officePaymentKeys.all, 'list'] });
      queryClient.setQueryData(officePaymentKeys.detail(created.id), created);
      navigate(paymentUrl(created.id), { state: { created: true } });
    },
    onError: (error) => {
      const failure = callFailure(error, i18n.language, FIELDS);
      setErrors(failure.fields);
      const first = firstProblem(Object.fromEntries(Object.keys(failure.fields).map((k) => [k, 'required' as const])), FIELDS);
      if (first) window.setTimeout(() => document.getElementById(fieldDomId(PREFIX, first))?.focus(), 0);
    },
  });
  const failure = useMemo(() => (create.error ? callFailure(create.error, i18n.language, FIELDS) : null), [create.error, i18n.language]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, problems } = debtInput(draft, operator.tenant.id, romeDay());
    setErrors(texts(problems));
    if (!input) {
      create.reset();
      const first = firstProblem(problems, FIELDS);
      if (first) document.getElementById(fieldDomId(PREFIX, first))?.focus();
      return;
    }
    create.mutate(input);
  };

  const set = (values: Partial<DebtDraft>) => setDraft((d) => ({ ...d, ...values }));
  const text = (key: 'debtorFiscalCode' | 'debtorName' | 'description', field: 'fiscalCode' | 'name' | 'description', label: string, hint: string | null, max: number, extra: Record<string, string> = {}) => {
    const id = fieldDomId(PREFIX, key);
    return (
      <div className="sp-pay-field">
        <label htmlFor={id} className="sp-pay-label">
          {label}
        </label>
        <input
          id={id}
          type="text"
          className="form-control sp-pay-input"
          value={draft[field]}
          maxLength={max}
          onChange={(e) => set({ [field]: e.target.value })}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={describedBy(id, !!hint, errors[key])}
          {...extra}
        />
        {hint && (
          <p id={`${id}-hint`} className="sp-pay-hint mb-0">
            {hint}
          </p>
        )}
        <FieldError id={id} message={errors[key]} />
      </div>
    );
  };
  const dueId = fieldDomId(PREFIX, 'dueDate');

  return (
    <div className="container py-3 py-lg-4 sp-pay">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('officePayments.title'), to: PAYMENTS_PATH }, { label: t('officePayments.debt.title') }]} />
      <h1>{t('officePayments.debt.title')}</h1>
      <p className="sp-pay-lead">{t('officePayments.debt.intro')}</p>
      <form className="sp-pay-form" onSubmit={submit} noValidate aria-labelledby="debt-form-title">
        <h2 id="debt-form-title" className="visually-hidden">
          {t('officePayments.debt.title')}
        </h2>
        <fieldset className="sp-pay-fieldset">
          <legend>{t('officePayments.debt.debtor')}</legend>
          {text('debtorFiscalCode', 'fiscalCode', t('officePayments.debt.fiscalCode'), t('officePayments.debt.fiscalCodeHint'), 20, {
            autoComplete: 'off',
            autoCapitalize: 'characters',
            spellCheck: 'false',
          })}
          {text('debtorName', 'name', t('officePayments.debt.name'), null, NAME_MAX, { autoComplete: 'off' })}
        </fieldset>
        {text('description', 'description', t('officePayments.debt.description'), t('officePayments.debt.descriptionHint'), DESCRIPTION_MAX, { autoComplete: 'off' })}
        <LinesEditor prefix={PREFIX} lines={draft.lines} onChange={(lines) => set({ lines })} errors={errors} />
        <div className="sp-pay-field">
          <label htmlFor={dueId} className="sp-pay-label">
            {t('officePayments.debt.dueDate')}
          </label>
          <input
            id={dueId}
            type="date"
            className="form-control sp-pay-input"
            style={{ maxWidth: '14rem' }}
            min={romeDay()}
            value={draft.dueDate}
            onChange={(e) => set({ dueDate: e.target.value })}
            aria-invalid={errors.dueDate ? true : undefined}
            aria-describedby={describedBy(dueId, false, errors.dueDate)}
          />
          <FieldError id={dueId} message={errors.dueDate} />
        </div>
        <div className="sp-pay-buttons">
          <Button type="submit" color="primary" disabled={create.isPending}>
            {create.isPending ? t('officePayments.debt.sending') : t('officePayments.debt.submit')}
          </Button>
          <Link to={PAYMENTS_PATH}>{t('officePayments.debt.cancel')}</Link>
        </div>
        <FailureAlert failure={failure} takeFocus={!Object.keys(failure?.fields ?? {}).length} title={Object.keys(failure?.fields ?? {}).length ? `${t('officePayments.debt.failed')} ${t('officePayments.debt.fix')}` : t('officePayments.debt.failed')} />
      </form>
    </div>
  );
}
