import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../ui/status';

/** Page not found; also rendered in place for an unknown body or service (the API answered 404). */
export default function NotFoundPage({ what }: { what?: 'page' | 'tenant' | 'service' }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="container py-5">
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{t(`notFound.${what ?? 'page'}`)}</p>
      <ul className="sp-inline-links">
        <li>
          <Link to="/">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link to="/servizi">{t('notFound.search')}</Link>
        </li>
      </ul>
    </div>
  );
}
