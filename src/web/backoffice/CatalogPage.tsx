import { Button, Table } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router';
import { useServiceSearch } from '../api/queries';
import type { Operator } from '../api/types';
import { OnlineBadge, StatusBadge } from '../ui/badges';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { ButtonLink } from '../ui/buttons';
import { categoryLabel } from '../ui/format';
import { Icon } from '../ui/Icon';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';

export default function CatalogPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('catalog.title'));
  const list = useServiceSearch({ tenant: operator.tenant.slug, includeInactive: true, limit: 100 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice/catalogo' }, { label: t('catalog.title') }]} />
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 className="mb-0">{t('catalog.title')}</h1>
        <ButtonLink to="/backoffice/catalogo/nuovo">
          <Icon name="plus" className="me-1" />
          {t('catalog.new')}
        </ButtonLink>
      </div>
      <p>{t('catalog.lead', { name: operator.tenant.name })}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('catalog.empty')}</p>
        </Notice>
      ) : (
        <>
          <p role="status" className="fw-semibold">
            {t('catalog.count', { count: total })}
          </p>
          <Table responsive className="sp-catalog-table">
              <caption className="visually-hidden">{t('catalog.caption', { name: operator.tenant.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalog.colTitle')}</th>
                  <th scope="col" className="d-none d-md-table-cell">
                    {t('catalog.colCategory')}
                  </th>
                  <th scope="col">{t('catalog.colStatus')}</th>
                  <th scope="col" className="d-none d-sm-table-cell">
                    {t('catalog.colVersion')}
                  </th>
                  <th scope="col" className="d-none d-lg-table-cell">
                    {t('catalog.colPublic')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/backoffice/catalogo/${s.id}`} className="fw-semibold">
                        {s.title}
                      </Link>
                      {s.online && (
                        <>
                          {' '}
                          <OnlineBadge />
                        </>
                      )}
                    </td>
                    <td className="d-none d-md-table-cell">{categoryLabel(s.category, i18n.language)}</td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td className="d-none d-sm-table-cell">{s.version}</td>
                    <td className="d-none d-lg-table-cell">
                      <Link to={`/enti/${s.tenant.slug}/servizi/${s.slug}`}>
                        {t('catalog.viewPublic')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
          </Table>
          {list.hasNextPage && (
            <Button type="button" color="primary" outline onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t('common.loading') : t('search.loadMore')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
