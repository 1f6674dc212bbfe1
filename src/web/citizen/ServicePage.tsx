import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { useServiceBySlug } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { MAIN_ID } from '../ui/Layout';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';
import { FavouriteToggle } from './myspace/FavouriteToggle';
import NotFoundPage from './NotFoundPage';
import { ServiceCardView } from './ServiceCardView';

export default function ServicePage() {
  const { t } = useTranslation();
  const { tenantSlug, serviceSlug } = useParams();
  const [searchParams] = useSearchParams();
  const versionParam = Number.parseInt(searchParams.get('version') ?? '', 10);
  const version = Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined;

  // Moving between versions keeps the path: bring the reader back to the top like a new page would.
  const firstVersion = useRef(true);
  useEffect(() => {
    if (firstVersion.current) {
      firstVersion.current = false;
      return;
    }
    document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [version]);

  const service = useServiceBySlug(tenantSlug, serviceSlug, version);
  const detail = service.data;
  useDocumentTitle(detail?.card.title);

  if (service.isError && isApiError(service.error, 404)) return <NotFoundPage what="service" />;

  const latest = detail ? Math.max(detail.version, ...detail.versions.map((v) => v.version)) : 0;
  const shownVersion = detail ? (version ?? detail.version) : 0;
  const shownDate = detail?.versions.find((v) => v.version === shownVersion)?.publishedAt ?? detail?.publishedAt ?? '';
  const currentUrl = `/enti/${tenantSlug}/servizi/${serviceSlug}`;

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: detail?.tenant.name ?? tenantSlug ?? '', to: `/enti/${tenantSlug}` },
          { label: detail?.card.title ?? t('common.loading') },
        ]}
      />
      {service.isError ? (
        <ErrorMessage error={service.error} retry={() => void service.refetch()} />
      ) : !detail ? (
        <Loading />
      ) : (
        <>
          {shownVersion < latest && (
            <Notice tone="warning" role="note" className="sp-old-version">
              <p className="mb-1 fw-semibold">{t('card.oldVersionNotice')}</p>
              <p className="mb-0">
                {t('card.oldVersionBody', { version: shownVersion, latest })} <Link to={currentUrl}>{t('card.goToCurrent')}</Link>
              </p>
            </Notice>
          )}
          <ServiceCardView
            card={detail.card}
            tenant={detail.tenant}
            office={detail.office}
            serviceSlug={detail.slug}
            meta={{ version: shownVersion, publishedAt: shownDate, versions: detail.versions }}
            actions={<FavouriteToggle serviceId={detail.id} returnTo={currentUrl} />}
          />
        </>
      )}
    </div>
  );
}
