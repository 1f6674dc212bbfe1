import { Header, HeaderBrand, HeaderContent, HeaderRightZone, Headers, Skiplink, SkiplinkItem } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigationType } from 'react-router';
import { ActingForBanner } from '../citizen/ActingForBanner';
import { HeaderAccount } from '../citizen/HeaderAccount';
import { ButtonLink } from './buttons';
import { Icon } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';

export const MAIN_ID = 'main-content';

/** The footer's links. */
const SITE_LINKS = [
  { to: '/', key: 'nav.home' },
  { to: '/servizi', key: 'nav.services' },
  { to: '/backoffice', key: 'header.operators' },
] as const;

/**
 * After a client-side navigation to a new page, start at the top and move focus to the page heading (or to the
 * main content while the page is still loading), so that screen-reader and keyboard users land on the new page.
 * Back/forward (POP) keeps the browser's own scroll restoration.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const first = useRef(true);
  // the type is read when the path changes, not watched: a page that rewrites its own address (replace) stays put
  const typeRef = useRef(navigationType);
  typeRef.current = navigationType;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (typeRef.current === 'POP') return;
    window.scrollTo(0, 0);
    const main = document.getElementById(MAIN_ID);
    const heading = main?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    } else {
      main?.focus({ preventScroll: true });
    }
  }, [pathname]);
}

function SiteHeader() {
  const { t } = useTranslation();
  // The kit's HeaderBrand takes a `tag` only in the slim header: there it is a router Link (no page reload).
  const homeLink = { tag: Link, to: '/' };
  return (
    <header>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <HeaderBrand responsive className="sp-slim-brand" {...homeLink}>
              Sportello
            </HeaderBrand>
            <HeaderRightZone>
              <LanguageSwitch />
              <ButtonLink to="/backoffice" size="sm" className="sp-operator-link d-none d-sm-inline-block">
                {t('header.operators')}
              </ButtonLink>
              <HeaderAccount />
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <div className="it-nav-wrapper">
          <Header type="center">
            <HeaderContent>
              {/* Not the kit's HeaderBrand / HeaderSearch: in the centre header both render a plain <a href>, which
                  reloads the whole app on every click. Same Bootstrap Italia markup, with router links. */}
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon name="pa" size="lg" className="sp-brand-icon" />
                  <div className="it-brand-text">
                    <div className="it-brand-title">{t('app.portalName')}</div>
                  </div>
                </Link>
              </div>
              <HeaderRightZone>
                <div className="it-search-wrapper">
                  <Link className="search-link rounded-icon sp-search-link" to="/servizi">
                    <Icon name="search" />
                    <span className="visually-hidden">{t('header.searchServices')}</span>
                  </Link>
                </div>
              </HeaderRightZone>
            </HeaderContent>
          </Header>
        </div>
      </Headers>
      {/* whom a citizen acts for: inside the banner landmark, under the header, on every page */}
      <ActingForBanner />
    </header>
  );
}

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container py-4">
          <p className="h3 text-white mb-2">{t('app.portalName')}</p>
          <p className="text-white">{t('footer.about')}</p>
          <nav aria-label={t('footer.navLabel')}>
            <ul className="sp-footer-links">
              {SITE_LINKS.map((link) => (
                <li key={link.to}>
                  <Link to={link.to}>{t(link.key)}</Link>
                </li>
              ))}
            </ul>
          </nav>
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
  const { t } = useTranslation();
  useFocusOnNavigation();
  return (
    <>
      {/* The kit's Skiplink drops its children unless it is a <nav>. A plain fragment link (an onClick would make the
          kit replace the href with "#"): main is focusable (tabIndex -1), so the browser moves focus and scroll there. */}
      <Skiplink nav ariaLabel={t('skipLinksLabel')}>
        <SkiplinkItem navItem href={`#${MAIN_ID}`}>
          {t('skipLink')}
        </SkiplinkItem>
      </Skiplink>
      <SiteHeader />
      <main id={MAIN_ID} tabIndex={-1} className="sp-main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
