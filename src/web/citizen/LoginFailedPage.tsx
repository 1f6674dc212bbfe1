/**
 * /accesso-non-riuscito?motivo=…: where a sign-in that did not complete lands. It says, in plain words, what
 * happened and what to do; never a technical detail (the reason code only picks the message).
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { ButtonLink } from '../ui/buttons';
import { Notice, useDocumentTitle } from '../ui/status';

/** Reason codes the server sends; anything else gets the generic message. */
const REASONS = [
  'state_mismatch',
  'login_expired',
  'provider_error',
  'token_rejected',
  'missing_claims',
  'invalid_fiscal_code',
  'level_too_low',
  'no_operator_account',
  'provider_unavailable',
  'cancelled',
  'oidc-not-configured',
] as const;
type Reason = (typeof REASONS)[number] | 'generic';

export default function LoginFailedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const given = params.get('motivo') ?? '';
  const reason: Reason = (REASONS as readonly string[]).includes(given) ? (given as Reason) : 'generic';
  const key = `auth.failed.reasons.${reason.replace(/-/g, '_')}`;
  useDocumentTitle(t('auth.failed.title'));
  const operator = reason === 'no_operator_account';

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('auth.failed.title') }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1>{t('auth.failed.title')}</h1>
          <Notice tone={reason === 'cancelled' ? 'info' : 'danger'} role="none" className="sp-login-failed">
            <h2 className="h5 mb-2">
              {t(`${key}.title`)}
            </h2>
            <p className="mb-2">{t(`${key}.what`)}</p>
            <p className="mb-0">
              <strong>{t('auth.failed.whatToDo')}</strong> {t(`${key}.todo`)}
            </p>
          </Notice>
          <div className="sp-actions">
            <ButtonLink to={operator ? '/backoffice/login' : '/accedi'}>{t('auth.failed.retry')}</ButtonLink>
            <Link to="/" className="sp-actions-link">
              {t('auth.failed.home')}
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}
