import { Card } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useTenant } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Icon } from '../ui/Icon';
import { ErrorMessage, Loading, useDocumentTitle } from '../ui/status';
import NotFoundPage from './NotFoundPage';
import { OfficeContacts } from './ServiceCardView';
import { ServiceResults } from './ServiceResults';

export default function TenantPage() {
  const { t } = useTranslation();
  const { tenantSlug } = useParams();
  const tenant = useTenant(tenantSlug);
  useDocumentTitle(tenant.data?.name);

  if (tenant.isError && isApiError(tenant.error, 404)) return <NotFoundPage what="tenant" />;

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: tenant.data?.name ?? t('common.loading') }]} />
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorMessage error={tenant.error} retry={() => void tenant.refetch()} />
      ) : (
        <>
          <p className="sp-kicker mb-1">{t(`tenantType.${tenant.data.type}`)}</p>
          <h1 className="mb-3">{tenant.data.name}</h1>

          <section aria-labelledby="tenant-contacts" className="mb-4">
            <h2 id="tenant-contacts" className="h4">
              {t('tenant.contacts')}
            </h2>
            <ul className="list-unstyled sp-contact-list sp-contact-inline">
              {tenant.data.website && (
                <li>
                  <Icon name="externalLink" />
                  <span>
                    <span className="visually-hidden">{t('contacts.website')}: </span>
                    <a href={tenant.data.website}>{tenant.data.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a>
                  </span>
                </li>
              )}
              {tenant.data.phone && (
                <li>
                  <Icon name="telephone" />
                  <span>
                    <span className="visually-hidden">{t('contacts.phone')}: </span>
                    <a href={`tel:${tenant.data.phone.replace(/\s+/g, '')}`}>{tenant.data.phone}</a>
                  </span>
                </li>
              )}
              {tenant.data.email && (
                <li>
                  <Icon name="mail" />
                  <span>
                    <span className="visually-hidden">{t('contacts.email')}: </span>
                    <a href={`mailto:${tenant.data.email}`}>{tenant.data.email}</a>
                  </span>
                </li>
              )}
              {tenant.data.pec && (
                <li>
                  <Icon name="mail" />
                  <span>
                    {t('contacts.pec')}: <a href={`mailto:${tenant.data.pec}`}>{tenant.data.pec}</a>
                  </span>
                </li>
              )}
            </ul>
            <p className="small-sp mb-0">
              {t('tenant.fiscalCode')}: {tenant.data.fiscalCode} · {t('tenant.ipaCode')}: {tenant.data.ipaCode}
            </p>
          </section>

          <section aria-labelledby="tenant-offices" className="mb-4">
            <h2 id="tenant-offices" className="h4">
              {t('tenant.offices')}
            </h2>
            {tenant.data.offices.length === 0 ? (
              <p>{t('tenant.noOffices')}</p>
            ) : (
              <ul className="row list-unstyled">
                {tenant.data.offices.map((office) => (
                  <li key={office.id} className="col-12 col-md-6 col-xl-4 mb-3">
                    <Card tag="div" rounded className="h-100 p-3">
                      <OfficeContacts office={office} headingLevel={3} />
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="tenant-services" className="mb-4">
            <h2 id="tenant-services" className="h4">
              {t('tenant.services', { name: tenant.data.name })}
            </h2>
            <ServiceResults fixedTenant={{ slug: tenant.data.slug, name: tenant.data.name }} headingLevel={3} />
          </section>
        </>
      )}
    </div>
  );
}
