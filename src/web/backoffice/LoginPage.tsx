import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../api/client';
import { keys } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TextField } from '../ui/fields';
import { Loading, Notice, useDocumentTitle } from '../ui/status';
import { safeReturnTo, useOperator } from './auth';

type FieldName = 'email' | 'password';
type Values = Record<FieldName, string>;

/** The two fields of the form, in order. */
const FIELDS = [
  { name: 'email', type: 'email', autoComplete: 'username' },
  { name: 'password', type: 'password', autoComplete: 'current-password' },
] as const satisfies readonly { name: FieldName; type: 'email' | 'password'; autoComplete: string }[];

const fieldId = (name: FieldName) => `login-${name}`;

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const operator = useOperator();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const loggedOut = Boolean((location.state as { loggedOut?: boolean } | null)?.loggedOut);

  const [values, setValues] = useState<Values>({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Values>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  if (operator.isPending) {
    return (
      <div className="container">
        <Loading />
      </div>
    );
  }
  if (operator.data && !submitting) return <Navigate to={returnTo} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const email = values.email.trim();
    const errors: Partial<Values> = {};
    if (!email) errors.email = t('login.emailRequired');
    if (!values.password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    const firstInvalid = FIELDS.find((f) => errors[f.name]);
    if (firstInvalid) {
      setFailure(null);
      document.getElementById(fieldId(firstInvalid.name))?.focus();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      await api.operatorLogin(email, values.password);
      await queryClient.invalidateQueries({ queryKey: keys.me });
      const me = await queryClient.fetchQuery({ queryKey: keys.me, queryFn: () => api.me() });
      if (!me || me.kind !== 'operator') {
        setFailure(t('login.notOperator'));
        setSubmitting(false);
        return;
      }
      navigate(returnTo, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isApiError(error) && error.problem?.detail) setFailure(error.problem.detail);
      else if (isApiError(error, 401)) setFailure(t('login.wrongCredentials'));
      else setFailure(t('common.errorBody'));
    }
  };

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('login.title') }]} />
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>{t('login.title')}</h1>
          <p>{t('login.lead')}</p>
          {loggedOut && !failure && (
            <Notice tone="success" role="status">
              {t('login.loggedOut')}
            </Notice>
          )}
          {failure && (
            <Notice tone="danger" role="alert" focusRef={alertRef}>
              {failure}
            </Notice>
          )}
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('login.title')} className="mt-4">
            {FIELDS.map((field) => (
              <TextField
                key={field.name}
                {...field}
                id={fieldId(field.name)}
                label={t(`login.${field.name}`)}
                value={values[field.name]}
                onValueChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
                error={fieldErrors[field.name]}
                required
              />
            ))}
            <Button type="submit" color="primary" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
