/**
 * Passwords in the back office: the "Cambia password" page (current password, new one twice) and the pair of
 * new-password fields it shares with the sign-in step that replaces a temporary password. The rule is shown
 * under the new password; the server checks it (the length and the repetition are also checked here, so that
 * the commonest mistakes are reported without a round trip). Problems go next to their field, which takes the
 * focus; a success is announced and the fields are emptied.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, request } from '../api/client';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TextField } from '../ui/fields';
import { Notice, useDocumentTitle } from '../ui/status';

/** The server's rule starts with this; everything else it checks is reported by the server. */
export const PASSWORD_MIN_LENGTH = 12;

export interface NewPasswordValues {
  newPassword: string;
  repeat: string;
}
export type NewPasswordErrors = Partial<Record<keyof NewPasswordValues, string>>;

/** The problems the page can find by itself: too short, the two not the same. */
export function checkNewPasswordLocally(values: NewPasswordValues, t: (key: string, options?: Record<string, unknown>) => string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const length = [...values.newPassword].length;
  if (!values.newPassword) errors.newPassword = t('password.newRequired');
  else if (length < PASSWORD_MIN_LENGTH) errors.newPassword = t('password.tooShort', { count: length });
  if (!errors.newPassword && values.repeat !== values.newPassword) errors.repeat = t('password.mismatch');
  return errors;
}

/** The server's items on `newPassword` (the password rule), joined into the field's message. */
export function newPasswordProblem(error: unknown): string | undefined {
  if (!isApiError(error, 400)) return undefined;
  const items = (error.problem?.errors ?? []).filter((e) => e.path === 'newPassword' || e.path === 'body.newPassword');
  if (!items.length) return undefined;
  return items.map((e) => e.message.charAt(0).toUpperCase() + e.message.slice(1)).join('. ') + '.';
}

/** New password and its repetition, with the rule under the first. */
export function NewPasswordFields({ idPrefix, values, errors, onChange }: {
  idPrefix: string;
  values: NewPasswordValues;
  errors: NewPasswordErrors;
  onChange: (values: NewPasswordValues) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-new`}
        name="new-password"
        type="password"
        label={t('password.new')}
        hint={t('password.rule')}
        value={values.newPassword}
        onValueChange={(newPassword) => onChange({ ...values, newPassword })}
        error={errors.newPassword}
        autoComplete="new-password"
        maxLength={200}
        required
      />
      <TextField
        id={`${idPrefix}-repeat`}
        name="repeat-password"
        type="password"
        label={t('password.repeat')}
        value={values.repeat}
        onValueChange={(repeat) => onChange({ ...values, repeat })}
        error={errors.repeat}
        autoComplete="new-password"
        maxLength={200}
        required
      />
    </>
  );
}

const FORM = 'password';
type Field = 'current' | 'newPassword' | 'repeat';
const fieldId = (field: Field) => `${FORM}-${field === 'newPassword' ? 'new' : field}`;

export default function PasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.title'));
  const [current, setCurrent] = useState('');
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [saving, setSaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const showErrors = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    const first = (['current', 'newPassword', 'repeat'] as const).find((f) => found[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const found: Partial<Record<Field, string>> = { ...checkNewPasswordLocally(values, t) };
    if (!current) found.current = t('password.currentRequired');
    if (Object.keys(found).length) return showErrors(found);
    setErrors({});
    setSaving(true);
    try {
      await request<void>('/api/v1/me/password', { method: 'POST', body: { currentPassword: current, newPassword: values.newPassword } });
      setCurrent('');
      setValues({ newPassword: '', repeat: '' });
      setDone(true);
    } catch (error) {
      const rule = newPasswordProblem(error);
      if (rule) showErrors({ newPassword: rule });
      else if (isApiError(error, 401)) showErrors({ current: t('password.wrongCurrent') });
      else setFailure(isApiError(error) && error.problem?.detail ? error.problem.detail : t('common.errorBody'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice/catalogo' }, { label: t('password.title') }]} />
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>{t('password.title')}</h1>
          <p>{t('password.lead')}</p>
          {done && (
            <Notice tone="success" role="status" focusRef={doneRef}>
              {t('password.changed')}
            </Notice>
          )}
          {failure && (
            <Notice tone="danger" role="alert" focusRef={alertRef}>
              {failure}
            </Notice>
          )}
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('password.title')} className="mt-4">
            <TextField
              id={fieldId('current')}
              name="current-password"
              type="password"
              label={t('password.current')}
              value={current}
              onValueChange={setCurrent}
              error={errors.current}
              autoComplete="current-password"
              maxLength={200}
              required
            />
            <NewPasswordFields
              idPrefix={FORM}
              values={values}
              errors={{ newPassword: errors.newPassword, repeat: errors.repeat }}
              onChange={setValues}
            />
            <Button type="submit" color="primary" disabled={saving}>
              {saving ? t('password.saving') : t('password.submit')}
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
