/**
 * The right end of the slim header (Designers Italia "modello comuni"): "Accedi all'area personale" for a
 * visitor, or the citizen's initials and name, a link to the personal area and "Esci". On a phone the labels
 * shrink to an icon and a word.
 */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Icon } from '../ui/Icon';
import './identity.css';
import { initials, loginPageUrl, PERSONAL_AREA, useCitizen, useLogout } from './useSession';

/** Pages where "come back here after login" makes no sense. */
const NO_RETURN = ['/accedi', '/accesso-non-riuscito'];

export function HeaderAccount() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useCitizen();
  const logout = useLogout();

  // Until the session is known, keep the place (no login button flashing for a citizen who is signed in).
  if (session.isPending) return <span className="sp-account-pending" aria-hidden="true" />;

  const citizen = session.data;
  if (!citizen) {
    const returnTo = NO_RETURN.includes(location.pathname) || location.pathname.startsWith('/backoffice') ? undefined : `${location.pathname}${location.search}`;
    const full = t('auth.header.login');
    return (
      // the accessible name is the full label; on a phone the visible text is its first word (label in name)
      <Link className="btn btn-primary btn-icon sp-login-button" to={loginPageUrl({ returnTo })} aria-label={full}>
        <span className="rounded-icon sp-login-icon" aria-hidden="true">
          <Icon name="user" />
        </span>
        <span className="d-sm-none">{t('auth.header.loginShort')}</span>
        <span className="d-none d-sm-inline">{full}</span>
      </Link>
    );
  }

  return (
    <div className="sp-account">
      <span className="sp-account-who">
        <span className="sp-avatar" aria-hidden="true">
          {initials(citizen.name)}
        </span>
        <span className="sp-account-name">
          <span className="visually-hidden">{t('auth.header.signedInAs')} </span>
          {citizen.name}
        </span>
      </span>
      <Link className="sp-account-link" to={PERSONAL_AREA}>
        {t('auth.header.personalArea')}
      </Link>
      <button type="button" className="sp-logout-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        <Icon name="logout" />
        <span>{t('auth.header.logout')}</span>
      </button>
      {logout.isError && (
        <span className="sp-account-error" role="alert">
          {t('auth.header.logoutFailed')}
        </span>
      )}
    </div>
  );
}
