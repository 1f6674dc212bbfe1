import { Card, CardBody, CardText, CardTitle } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CATEGORIES, LIFE_EVENTS } from '../../contracts/vocabularies';
import { useTenants } from '../api/queries';
import { ButtonLink } from '../ui/buttons';
import { vocabularyLabel } from '../ui/format';
import { ErrorMessage, Loading, useDocumentTitle } from '../ui/status';
import { FavouriteServicesSection } from './myspace/FavouriteServicesSection';
import { SearchBox } from './SearchBox';

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const tenants = useTenants();
  useDocumentTitle(undefined);

  const byLabel = (entries: typeof LIFE_EVENTS) =>
    entries.map((e) => ({ code: e.code, label: vocabularyLabel(entries, e.code, lng) })).sort((a, b) => a.label.localeCompare(b.label, lng));

  const lifeEvents = byLabel(LIFE_EVENTS);
  const isBusiness = (code: string) => LIFE_EVENTS.find((e) => e.code === code)?.uri.includes('/business-event/') ?? false;
  const lifeEventGroups = [
    { key: 'people', items: lifeEvents.filter((e) => !isBusiness(e.code)) },
    { key: 'businesses', items: lifeEvents.filter((e) => isBusiness(e.code)) },
  ];

  return (
    <>
      <div className="sp-hero">
        <div className="container py-4 py-lg-5">
          <h1 className="sp-hero-title">{t('home.title')}</h1>
          <p className="lead sp-hero-lead">{t('home.lead')}</p>
          <SearchBox
            large
            className="sp-hero-search"
            formLabel={t('search.formLabel')}
            onSearch={(q) => navigate(q ? `/servizi?q=${encodeURIComponent(q)}` : '/servizi')}
          />
        </div>
      </div>

      <div className="container py-4">
        <FavouriteServicesSection />

        {LIFE_EVENTS.length > 0 && (
          <section className="mb-5" aria-labelledby="home-life-events">
            <h2 id="home-life-events" className="h3">
              {t('home.lifeEvents')}
            </h2>
            <p>{t('home.lifeEventsLead')}</p>
            {lifeEventGroups.map((group) =>
              group.items.length === 0 ? null : (
                <div key={group.key} className="mb-4">
                  <h3 className="h5">{t(`home.lifeEventGroups.${group.key}`)}</h3>
                  <ul className="sp-tile-list">
                    {group.items.map((e) => (
                      <li key={e.code}>
                        <Link className="sp-tile-link" to={`/servizi?lifeEvent=${encodeURIComponent(e.code)}`}>
                          {e.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ),
            )}
          </section>
        )}

        {CATEGORIES.length > 0 && (
          <section className="mb-5" aria-labelledby="home-categories">
            <h2 id="home-categories" className="h3">
              {t('home.categories')}
            </h2>
            <ul className="sp-tile-list sp-tile-list-strong">
              {byLabel(CATEGORIES).map((c) => (
                <li key={c.code}>
                  <Link className="sp-tile-link" to={`/servizi?category=${encodeURIComponent(c.code)}`}>
                    {c.label}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section className="mb-4" aria-labelledby="home-bodies">
          <h2 id="home-bodies" className="h3">
            {t('home.bodies')}
          </h2>
          {tenants.isPending ? (
            <Loading />
          ) : tenants.isError ? (
            <ErrorMessage error={tenants.error} retry={() => void tenants.refetch()} />
          ) : tenants.data.items.length === 0 ? (
            <p>{t('home.noBodies')}</p>
          ) : (
            <ul className="row list-unstyled sp-body-grid">
              {[...tenants.data.items]
                .sort((a, b) => a.name.localeCompare(b.name, lng))
                .map((tenant) => (
                  <li key={tenant.id} className="col-12 col-md-6 col-lg-4 mb-3">
                    <Card rounded shadow="sm" className="h-100">
                      <CardTitle tag="h3" className="it-card-title h5">
                        <Link to={`/enti/${tenant.slug}`}>{tenant.name}</Link>
                      </CardTitle>
                      <CardBody className="it-card-body">
                        <CardText className="it-card-text">{t(`tenantType.${tenant.type}`)}</CardText>
                      </CardBody>
                    </Card>
                  </li>
                ))}
            </ul>
          )}
        </section>

        <p>
          <ButtonLink to="/servizi" outline>
            {t('home.allServices')}
          </ButtonLink>
        </p>
      </div>
    </>
  );
}
