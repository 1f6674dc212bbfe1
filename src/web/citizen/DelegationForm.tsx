/**
 * "Registra una nuova delega": who delegates (fiscal code, names), for what, until when, and the signed document.
 * The server checks everything; its problems are shown next to each field (by `path`) and in a summary that
 * takes the focus. Nothing typed is lost on an error, the chosen file included.
 */
import { useMutation } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import type { Delegation } from '../api/types';
import { TextAreaField, TextField } from '../ui/fields';
import { Notice } from '../ui/status';
import { localDay, messageIn } from './identityFormat';

const TEXT_FIELDS = ['delegatorFiscalCode', 'delegatorGivenName', 'delegatorFamilyName', 'purpose', 'validUntil'] as const;
type TextName = (typeof TEXT_FIELDS)[number];
type FieldName = TextName | 'document';
type Values = Record<TextName, string>;

const EMPTY: Values = { delegatorFiscalCode: '', delegatorGivenName: '', delegatorFamilyName: '', purpose: '', validUntil: '' };
const FIELD_ORDER: FieldName[] = [...TEXT_FIELDS, 'document'];
const MAX_BYTES = 5 * 1024 * 1024;
/** The server accepts delegations up to three years ahead. */
const MAX_DAYS = 3 * 365;

const fieldId = (name: FieldName) => `delega-${name}`;

export function DelegationForm({ onCreated }: { onCreated: (delegation: Delegation) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [values, setValues] = useState<Values>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<{ title: string; others: string[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const create = useMutation({ mutationFn: (form: FormData) => api.createDelegation(form) });

  useEffect(() => {
    if (failure) summaryRef.current?.focus();
  }, [failure]);

  const set = (name: TextName) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const fail = (fieldErrors: Partial<Record<FieldName, string>>, title: string, others: string[] = []) => {
    setErrors(fieldErrors);
    setFailure({ title, others });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    if (file && file.size > MAX_BYTES) {
      fail({ document: t('personalArea.delegations.form.tooLarge') }, t('personalArea.delegations.form.notSaved'));
      return;
    }
    const form = new FormData();
    for (const name of TEXT_FIELDS) form.append(name, name === 'delegatorFiscalCode' ? values[name].trim().toUpperCase() : values[name]);
    if (file) form.append('document', file, file.name);
    create.mutate(form, {
      onSuccess: (delegation) => {
        setValues(EMPTY);
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
        setErrors({});
        setFailure(null);
        onCreated(delegation);
      },
      onError: (error) => {
        if (isApiError(error, 400) && error.problem) {
          const fieldErrors: Partial<Record<FieldName, string>> = {};
          const others: string[] = [];
          for (const item of error.problem.errors ?? []) {
            const name = item.path.replace(/^\//, '') as FieldName;
            const message = messageIn(item.message, lng);
            if ((FIELD_ORDER as string[]).includes(name)) fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${message}` : message;
            else others.push(message);
          }
          fail(fieldErrors, error.problem.detail ? messageIn(error.problem.detail, lng) : t('personalArea.delegations.form.notSaved'), others);
        } else if (isApiError(error, 413)) {
          fail({ document: t('personalArea.delegations.form.tooLarge') }, t('personalArea.delegations.form.notSaved'));
        } else {
          fail({}, t('personalArea.delegations.form.failed'));
        }
      },
    });
  };

  const label = (name: FieldName) => t(`personalArea.delegations.form.fields.${name}`);
  const listed = FIELD_ORDER.filter((name) => errors[name]);
  const describedBy = (name: FieldName, hint: boolean) => (hint || errors[name] ? `${fieldId(name)}Description` : undefined);

  return (
    <form className="sp-delegation-form" onSubmit={submit} noValidate>
      <p>{t('personalArea.delegations.form.intro')}</p>
      {failure && (
        <Notice tone="danger" role="alert" focusRef={summaryRef} className="sp-error-summary">
          <p className="fw-semibold mb-1">{failure.title}</p>
          {(listed.length > 0 || failure.others.length > 0) && (
            <ul className="mb-0">
              {listed.map((name) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`}>
                    {label(name)}: {errors[name]}
                  </a>
                </li>
              ))}
              {failure.others.map((message, i) => (
                <li key={`other-${i}`}>{message}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      <TextField
        id={fieldId('delegatorFiscalCode')}
        name="delegatorFiscalCode"
        label={label('delegatorFiscalCode')}
        hint={t('personalArea.delegations.form.hints.delegatorFiscalCode')}
        error={errors.delegatorFiscalCode}
        value={values.delegatorFiscalCode}
        onValueChange={set('delegatorFiscalCode')}
        maxLength={16}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        className="sp-cf-field"
      />
      <div className="row">
        <div className="col-md-6">
          <TextField
            id={fieldId('delegatorGivenName')}
            name="delegatorGivenName"
            label={label('delegatorGivenName')}
            error={errors.delegatorGivenName}
            value={values.delegatorGivenName}
            onValueChange={set('delegatorGivenName')}
            maxLength={300}
            autoComplete="off"
          />
        </div>
        <div className="col-md-6">
          <TextField
            id={fieldId('delegatorFamilyName')}
            name="delegatorFamilyName"
            label={label('delegatorFamilyName')}
            error={errors.delegatorFamilyName}
            value={values.delegatorFamilyName}
            onValueChange={set('delegatorFamilyName')}
            maxLength={300}
            autoComplete="off"
          />
        </div>
      </div>
      <TextAreaField
        id={fieldId('purpose')}
        name="purpose"
        label={label('purpose')}
        hint={t('personalArea.delegations.form.hints.purpose')}
        error={errors.purpose}
        value={values.purpose}
        onValueChange={set('purpose')}
        rows={2}
      />

      {/* Not the kit's Input: a native date picker and a file chooser, each with its label always above. */}
      <div className="sp-field sp-plain-field">
        <label htmlFor={fieldId('validUntil')}>{label('validUntil')}</label>
        <input
          id={fieldId('validUntil')}
          name="validUntil"
          type="date"
          className={`form-control${errors.validUntil ? ' is-invalid' : ''}`}
          value={values.validUntil}
          min={localDay()}
          max={localDay(MAX_DAYS)}
          onChange={(e) => set('validUntil')(e.target.value)}
          aria-invalid={errors.validUntil ? true : undefined}
          aria-describedby={describedBy('validUntil', true)}
        />
        <FieldDescription id={fieldId('validUntil')} hint={t('personalArea.delegations.form.hints.validUntil')} error={errors.validUntil} />
      </div>
      <div className="sp-field sp-plain-field">
        <label htmlFor={fieldId('document')}>{label('document')}</label>
        <input
          ref={fileInput}
          id={fieldId('document')}
          name="document"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg"
          className={`form-control${errors.document ? ' is-invalid' : ''}`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={errors.document ? true : undefined}
          aria-describedby={describedBy('document', true)}
        />
        <FieldDescription id={fieldId('document')} hint={t('personalArea.delegations.form.hints.document')} error={errors.document} />
      </div>

      <Button type="submit" color="primary" disabled={create.isPending}>
        {create.isPending ? t('personalArea.delegations.form.saving') : t('personalArea.delegations.form.submit')}
      </Button>
    </form>
  );
}

function FieldDescription({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <div id={`${id}Description`} className="sp-field-description">
      {hint && <small className="form-text sp-hint">{hint}</small>}
      {error && <div className="invalid-feedback d-block sp-field-error">{error}</div>}
    </div>
  );
}
