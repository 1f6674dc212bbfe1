import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../api/client';
import { keys } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TextField } from '../ui/fields';
import { Loading, useDocumentTitle } from '../ui/status';
import { safeReturnTo, useOperator } from './auth';

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

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
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
    const errors: typeof fieldErrors = {};
    if (!email.trim()) errors.email = t('login.emailRequired');
    if (!password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      setFailure(null);
      document.getElementById(errors.email ? 'login-email' : 'login-password')?.focus();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      await api.operatorLogin(email.trim(), password);
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
            <div className="alert alert-success" role="status">
              {t('login.loggedOut')}
            </div>
          )}
          {failure && (
            <div className="alert alert-danger" role="alert" tabIndex={-1} ref={alertRef}>
              {failure}
            </div>
          )}
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('login.title')} className="mt-4">
            <TextField
              id="login-email"
              type="email"
              name="email"
              autoComplete="username"
              label={t('login.email')}
              value={email}
              onValueChange={setEmail}
              error={fieldErrors.email}
              required
            />
            <TextField
              id="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              label={t('login.password')}
              value={password}
              onValueChange={setPassword}
              error={fieldErrors.password}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
