import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigationType } from 'react-router';
import { Icon } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';

export const MAIN_ID = 'main-content';

function focusMain() {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  main.focus({ preventScroll: true });
  main.scrollIntoView({ block: 'start' });
}

function SkipLinks() {
  const { t } = useTranslation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMain();
  };
  return (
    <div className="skiplinks">
      <a className="visually-hidden-focusable" href={`#${MAIN_ID}`} onClick={onClick}>
        {t('skipLink')}
      </a>
    </div>
  );
}

/**
 * After a client-side navigation to a new page, start at the top and move focus to the page heading (or to the
 * main content while the page is still loading), so that screen-reader and keyboard users land on the new page.
 * Back/forward (POP) keeps the browser's own scroll restoration.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (navigationType === 'POP') return;
    window.scrollTo(0, 0);
    const main = document.getElementById(MAIN_ID);
    const heading = main?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    } else {
      main?.focus({ preventScroll: true });
    }
  }, [pathname, navigationType]);
}

function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <Link className="navbar-brand sp-slim-brand" to="/">
                  Sportello
                </Link>
                <div className="it-header-slim-right-zone">
                  <LanguageSwitch />
                  <Link className="btn btn-primary btn-sm sp-operator-link d-none d-sm-inline-block" to="/backoffice">
                    {t('header.operators')}
                  </Link>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/">
                      <Icon name="pa" size="lg" className="sp-brand-icon" />
                      <div className="it-brand-text">
                        <div className="it-brand-title">{t('app.portalName')}</div>
                      </div>
                    </Link>
                  </div>
                  <div className="it-right-zone">
                    <div className="it-search-wrapper">
                      <Link className="search-link rounded-icon sp-search-link" to="/servizi">
                        <Icon name="search" />
                        <span className="visually-hidden">{t('header.searchServices')}</span>
                      </Link>
                    </div>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container">
          <div className="row">
            <div className="col-12 py-4">
              <p className="h3 text-white mb-2">{t('app.portalName')}</p>
              <p className="text-white mb-0">{t('footer.about')}</p>
            </div>
          </div>
          <div className="row">
            <div className="col-12 pb-4">
              <nav aria-label={t('footer.navLabel')}>
                <ul className="sp-footer-links">
                  <li>
                    <Link to="/">{t('nav.home')}</Link>
                  </li>
                  <li>
                    <Link to="/servizi">{t('nav.services')}</Link>
                  </li>
                  <li>
                    <Link to="/backoffice">{t('header.operators')}</Link>
                  </li>
                </ul>
              </nav>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints">
        <div className="container">
          <p className="sp-small-print mb-0 py-3">{t('footer.smallPrint')}</p>
        </div>
      </div>
    </footer>
  );
}

/** Page shell shared by the citizen portal and the back office: skip link, header, main, footer. */
export function Layout() {
  useFocusOnNavigation();
  return (
    <>
      <SkipLinks />
      <SiteHeader />
      <main id={MAIN_ID} tabIndex={-1} className="sp-main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
