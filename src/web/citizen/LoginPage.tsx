/**
 * /accedi: sign in with SPID or CIE at the level asked for (?level=SpidL3 when a service needs more), then back
 * to ?returnTo. The buttons are plain links: the browser goes to the identity provider and comes back.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import type { LoginMethod } from '../api/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Loading, Notice, useDocumentTitle } from '../ui/status';
import { DEFAULT_LEVEL, levelNumber, parseLevel, providerLoginUrl, safeReturnTo, useAuthProviders, useCitizen } from './useSession';

const METHODS: { method: LoginMethod; icon: 'it-user' | 'it-card' }[] = [
  { method: 'spid', icon: 'it-user' },
  { method: 'cie', icon: 'it-card' },
];

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const level = parseLevel(params.get('level')) ?? DEFAULT_LEVEL;
  const returnTo = safeReturnTo(params.get('returnTo'));
  const providers = useAuthProviders();
  const session = useCitizen();
  useDocumentTitle(t('auth.login.title'));

  const citizen = session.data;
  // Already signed in at this level or higher: nothing to do here.
  if (citizen && levelNumber(citizen.auth.level) >= levelNumber(level)) return <Navigate to={returnTo} replace />;

  const n = levelNumber(level);
  const configured = providers.data?.oidc !== false;

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('auth.login.title') }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1>{t('auth.login.title')}</h1>
          <p className="lead">{t('auth.login.intro')}</p>

          {n > levelNumber(DEFAULT_LEVEL) && (
            <Notice tone="info" role="note" className="sp-login-level">
              <p className="fw-semibold mb-1">{t('auth.login.higherLevelTitle', { level: n })}</p>
              <p className="mb-0">{t('auth.login.higherLevelBody', { level: n })}</p>
              {citizen && <p className="mb-0 mt-2">{t('auth.login.currentLevel', { level: levelNumber(citizen.auth.level) })}</p>}
            </Notice>
          )}

          {providers.isPending || session.isPending ? (
            <Loading />
          ) : !configured ? (
            <Notice tone="warning" role="note">
              <p className="fw-semibold mb-1">{t('auth.login.notConfiguredTitle')}</p>
              <p className="mb-0">{t('auth.login.notConfiguredBody')}</p>
            </Notice>
          ) : (
            <>
              <ul className="sp-login-options" aria-label={t('auth.login.optionsLabel')}>
                {METHODS.map(({ method, icon }) => (
                  <li key={method} className="sp-login-option">
                    <a className="btn btn-primary btn-lg btn-icon sp-login-method" href={providerLoginUrl({ method, level, returnTo })}>
                      <span className="rounded-icon" aria-hidden="true">
                        <KitIcon icon={icon} size="sm" color="primary" focusable="false" />
                      </span>
                      <span>{t(`auth.login.${method}Button`)}</span>
                    </a>
                    <p className="sp-login-caption">{t(`auth.login.${method}Caption`)}</p>
                  </li>
                ))}
              </ul>
              <p className="sp-login-level-line">{t('auth.login.levelLine', { level: n })}</p>
              {providers.data?.bundledTestProvider && (
                <Notice tone="warning" role="note" className="sp-test-provider-note">
                  <p className="fw-semibold mb-1">{t('auth.login.testProviderTitle')}</p>
                  <p className="mb-0">{t('auth.login.testProviderBody')}</p>
                </Notice>
              )}
            </>
          )}

          <h2 className="h4 mt-4">{t('auth.login.noIdentityTitle')}</h2>
          <p>{t('auth.login.noIdentityBody')}</p>
          <ul>
            <li>
              <a href="https://www.spid.gov.it/cos-e-spid/come-attivare-spid/">
                {t('auth.login.getSpid')}
                <span className="visually-hidden"> {t('common.externalSite')}</span>
              </a>
            </li>
            <li>
              <a href="https://www.cartaidentita.interno.gov.it/">
                {t('auth.login.getCie')}
                <span className="visually-hidden"> {t('common.externalSite')}</span>
              </a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}
