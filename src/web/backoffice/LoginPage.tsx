/**
 * Operator sign-in: e-mail and password, then the second factor when the role needs it — the 6-digit code of
 * the authenticator app, or, the first time, its set-up (QR code, or the key typed by hand) confirmed by a code —
 * then, for an account signing in with the temporary password an administrator gave it, a new password of its own.
 * Each step moves the focus to its heading; problems are announced and the e-mail typed is kept.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError, request } from '../api/client';
import { keys } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TextField } from '../ui/fields';
import { Icon } from '../ui/Icon';
import { Loading, Notice, useDocumentTitle } from '../ui/status';
import { safeReturnTo, useOperator } from './auth';
import { checkNewPasswordLocally, NewPasswordFields, newPasswordProblem, type NewPasswordErrors, type NewPasswordValues } from './PasswordPage';

type FieldName = 'email' | 'password';
type Values = Record<FieldName, string>;

type LoginStep =
  | { status: 'done' }
  | { status: 'totp_required'; challenge: string }
  | { status: 'totp_enrolment'; challenge: string; secret: string; otpauthUri: string; qrCode: string }
  | { status: 'password_change'; challenge: string };

type Step =
  | { kind: 'password' }
  | { kind: 'totp'; challenge: string }
  | { kind: 'enrol'; challenge: string; secret: string; qrCode: string }
  | { kind: 'newPassword'; challenge: string };

/** The two fields of the form, in order. */
const FIELDS = [
  { name: 'email', type: 'email', autoComplete: 'username' },
  { name: 'password', type: 'password', autoComplete: 'current-password' },
] as const satisfies readonly { name: FieldName; type: 'email' | 'password'; autoComplete: string }[];

const fieldId = (name: FieldName) => `login-${name}`;
const CODE_ID = 'login-code';
const NEW_PASSWORD_PREFIX = 'login-newpassword';

const loginApi = {
  password: (email: string, password: string) => request<LoginStep>('/auth/operator/login', { method: 'POST', body: { email, password } }),
  totp: (challenge: string, code: string) => request<LoginStep>('/auth/operator/totp', { method: 'POST', body: { challenge, code } }),
  newPassword: (challenge: string, newPassword: string) =>
    request<LoginStep>('/auth/operator/password', { method: 'POST', body: { challenge, newPassword } }),
  providers: (signal?: AbortSignal) => request<{ oidc: boolean }>('/auth/providers', { signal }),
};

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read and to type. */
export const groupSecret = (secret: string) => secret.replace(/\s/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;

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
  const providers = useQuery({ queryKey: ['auth-providers'], queryFn: ({ signal }) => loginApi.providers(signal), staleTime: 5 * 60_000, retry: false });

  const [values, setValues] = useState<Values>({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Values>>({});
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [newPassword, setNewPassword] = useState<NewPasswordValues>({ newPassword: '', repeat: '' });
  const [newPasswordErrors, setNewPasswordErrors] = useState<NewPasswordErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);
  useEffect(() => {
    if (step.kind !== 'password') stepHeadingRef.current?.focus();
  }, [step]);

  if (operator.isPending) {
    return (
      <div className="container">
        <Loading />
      </div>
    );
  }
  if (operator.data && !submitting) return <Navigate to={returnTo} replace />;

  const problemText = (error: unknown, fallback: string) => {
    if (isApiError(error) && error.problem?.detail) return error.problem.detail;
    if (isApiError(error, 401)) return fallback;
    return t('common.errorBody');
  };

  const finish = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.me });
    const me = await queryClient.fetchQuery({ queryKey: keys.me, queryFn: () => request<{ kind: string }>('/api/v1/me') });
    if (!me || me.kind !== 'operator') {
      setFailure(t('login.notOperator'));
      setSubmitting(false);
      return;
    }
    navigate(returnTo, { replace: true });
  };

  const onPassword = async (event: FormEvent) => {
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
      const next = await loginApi.password(email, values.password);
      if (next.status === 'done') return await finish();
      setSubmitting(false);
      setCode('');
      setCodeError(undefined);
      setValues((v) => ({ ...v, password: '' }));
      if (next.status === 'password_change') return toNewPassword(next.challenge);
      setStep(next.status === 'totp_required'
        ? { kind: 'totp', challenge: next.challenge }
        : { kind: 'enrol', challenge: next.challenge, secret: next.secret, qrCode: next.qrCode });
    } catch (error) {
      setSubmitting(false);
      setFailure(problemText(error, t('login.wrongCredentials')));
    }
  };

  const toNewPassword = (challenge: string) => {
    setNewPassword({ newPassword: '', repeat: '' });
    setNewPasswordErrors({});
    setStep({ kind: 'newPassword', challenge });
  };

  const onCode = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'totp' && step.kind !== 'enrol') return;
    const digits = code.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(digits)) {
      setCodeError(t('login.codeFormat'));
      setFailure(null);
      document.getElementById(CODE_ID)?.focus();
      return;
    }
    setCodeError(undefined);
    setSubmitting(true);
    setFailure(null);
    try {
      const next = await loginApi.totp(step.challenge, digits);
      if (next.status === 'password_change') {
        setSubmitting(false);
        return toNewPassword(next.challenge);
      }
      await finish();
    } catch (error) {
      setSubmitting(false);
      setFailure(problemText(error, t('login.wrongCode')));
    }
  };

  const onNewPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'newPassword') return;
    setFailure(null);
    const errors = checkNewPasswordLocally(newPassword, t);
    setNewPasswordErrors(errors);
    const firstInvalid = (['newPassword', 'repeat'] as const).find((f) => errors[f]);
    if (firstInvalid) {
      document.getElementById(`${NEW_PASSWORD_PREFIX}-${firstInvalid === 'newPassword' ? 'new' : 'repeat'}`)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await loginApi.newPassword(step.challenge, newPassword.newPassword);
      await finish();
    } catch (error) {
      setSubmitting(false);
      const rule = newPasswordProblem(error);
      if (rule) {
        setNewPasswordErrors({ newPassword: rule });
        document.getElementById(`${NEW_PASSWORD_PREFIX}-new`)?.focus();
        return;
      }
      setFailure(problemText(error, t('common.errorBody')));
    }
  };

  const restart = () => {
    setStep({ kind: 'password' });
    setFailure(null);
    setCode('');
    setNewPassword({ newPassword: '', repeat: '' });
    setNewPasswordErrors({});
    setTimeout(() => document.getElementById(fieldId('password'))?.focus(), 0);
  };

  const codeField = (
    <TextField
      id={CODE_ID}
      name="code"
      label={t('login.code')}
      hint={t('login.codeHint')}
      value={code}
      onValueChange={(value) => setCode(value.replace(/[^0-9 ]/g, '').slice(0, 7))}
      error={codeError}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      required
      style={{ maxWidth: '11rem', letterSpacing: '0.15em' }}
    />
  );
  // the TOTP step and the enrolment step send the code the same way; only the button's words differ
  const codeForm = (submitLabel: string) => (
    <form onSubmit={(e) => void onCode(e)} noValidate aria-labelledby="login-step-title">
      {codeField}
      <div className="d-flex flex-wrap gap-2">
        <Button type="submit" color="primary" disabled={submitting}>
          {submitting ? t('login.verifying') : submitLabel}
        </Button>
        <Button type="button" color="secondary" outline onClick={restart} disabled={submitting}>
          {t('login.restart')}
        </Button>
      </div>
    </form>
  );

  const oidcReturn = returnTo.startsWith('/backoffice') ? returnTo : '/backoffice';

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('login.title') }]} />
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>{t('login.title')}</h1>
          {loggedOut && !failure && step.kind === 'password' && (
            <Notice tone="success" role="status">
              {t('login.loggedOut')}
            </Notice>
          )}
          {failure && (
            <Notice tone="danger" role="alert" focusRef={alertRef}>
              {failure}
            </Notice>
          )}

          {step.kind === 'password' && (
            <>
              <p>{t('login.lead')}</p>
              <form onSubmit={(e) => void onPassword(e)} noValidate aria-label={t('login.title')} className="mt-4">
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
              {providers.data?.oidc && (
                <div className="mt-4 pt-3 border-top">
                  <p className="mb-2">{t('login.oidcLead')}</p>
                  <a
                    className="btn btn-outline-primary"
                    href={`/auth/login?audience=operator&method=spid&level=SpidL2&returnTo=${encodeURIComponent(oidcReturn)}`}
                  >
                    <Icon name="user" className="me-1" />
                    {t('login.oidc')}
                  </a>
                </div>
              )}
            </>
          )}

          {step.kind === 'totp' && (
            <StepSection title={t('login.totpTitle')} lead={t('login.totpLead')} headingRef={stepHeadingRef}>
              {codeForm(t('login.verify'))}
            </StepSection>
          )}

          {step.kind === 'enrol' && (
            <StepSection title={t('login.enrolTitle')} lead={t('login.enrolLead')} headingRef={stepHeadingRef}>
              <ol className="ps-3">
                <li className="mb-2">{t('login.enrolStepApp')}</li>
                <li className="mb-2">
                  {t('login.enrolStepScan')}
                  <div className="my-2">
                    <img src={step.qrCode} alt={t('login.qrAlt')} width={200} height={200} className="border rounded" />
                  </div>
                </li>
                <li className="mb-2">
                  {t('login.enrolStepManual')}
                  <div className="my-2">
                    <code className="fs-5 p-2 bg-light border rounded d-inline-block text-break" data-testid="totp-secret">
                      {groupSecret(step.secret)}
                    </code>
                  </div>
                </li>
                <li className="mb-2">{t('login.enrolStepCode')}</li>
              </ol>
              {codeForm(t('login.enrolConfirm'))}
            </StepSection>
          )}

          {step.kind === 'newPassword' && (
            <StepSection title={t('login.newPasswordTitle')} lead={t('login.newPasswordLead')} headingRef={stepHeadingRef}>
              <form onSubmit={(e) => void onNewPassword(e)} noValidate aria-labelledby="login-step-title">
                {/* the account the new password belongs to, for password managers */}
                <input type="email" name="username" autoComplete="username" value={values.email.trim()} readOnly hidden />
                <NewPasswordFields idPrefix={NEW_PASSWORD_PREFIX} values={newPassword} errors={newPasswordErrors} onChange={setNewPassword} />
                <div className="d-flex flex-wrap gap-2">
                  <Button type="submit" color="primary" disabled={submitting}>
                    {submitting ? t('password.saving') : t('login.newPasswordSubmit')}
                  </Button>
                  <Button type="button" color="secondary" outline onClick={restart} disabled={submitting}>
                    {t('login.restart')}
                  </Button>
                </div>
              </form>
            </StepSection>
          )}
        </div>
      </div>
    </div>
  );
}

/** One step of the sign-in (code, enrolment, new password): its heading takes the focus when the step appears. */
function StepSection({ title, lead, headingRef, children }: { title: string; lead: string; headingRef: Ref<HTMLHeadingElement>; children: ReactNode }) {
  return (
    <section aria-labelledby="login-step-title">
      <h2 id="login-step-title" className="h3" tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
      <p>{lead}</p>
      {children}
    </section>
  );
}
