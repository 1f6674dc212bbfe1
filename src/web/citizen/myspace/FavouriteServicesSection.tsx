/**
 * "I tuoi servizi preferiti" on the home page: only for a signed-in citizen, and only then is the list asked for,
 * so that an anonymous visit stays as light as before.
 */
import { Card, CardBody, CardText, CardTitle } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../ui/badges';
import { ErrorMessage, Loading } from '../../ui/status';
import { useCitizen } from '../useSession';
import { useFavourites } from './favouritesApi';
import './favourites.css';

/** Catalogue texts are written in Italian (WCAG 3.1.2 when the interface is in English). */
const CONTENT_LANG = 'it';

export function FavouriteServicesSection() {
  const { t } = useTranslation();
  const citizen = useCitizen();
  const signedIn = !!citizen.data;
  const favourites = useFavourites(signedIn);
  if (!signedIn) return null;

  return (
    <section className="mb-5 sp-favourites" aria-labelledby="home-favourites">
      <h2 id="home-favourites" className="h3">
        {t('myspace.favourites.homeTitle')}
      </h2>
      {favourites.isPending ? (
        <Loading />
      ) : favourites.isError ? (
        <ErrorMessage error={favourites.error} retry={() => void favourites.refetch()} />
      ) : favourites.data.items.length === 0 ? (
        <p className="sp-favourites-empty">{t('myspace.favourites.homeEmpty')}</p>
      ) : (
        <ul className="row list-unstyled sp-favourite-grid">
          {favourites.data.items.map((f) => (
            <li key={f.serviceId} className="col-12 col-md-6 col-lg-4 mb-3">
              <Card rounded shadow="sm" className="h-100">
                <CardTitle tag="h3" className="it-card-title h5 sp-favourite-title">
                  <Link to={f.href} lang={CONTENT_LANG}>
                    {f.title}
                  </Link>
                </CardTitle>
                <CardBody className="it-card-body">
                  <p className="sp-favourite-tenant mb-2">{f.tenant.name}</p>
                  {f.status === 'inactive' && (
                    <p className="mb-2">
                      <StatusBadge status={f.status} />
                    </p>
                  )}
                  {f.shortDescription && (
                    <CardText className="it-card-text" lang={CONTENT_LANG}>
                      {f.shortDescription}
                    </CardText>
                  )}
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
