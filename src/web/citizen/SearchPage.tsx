import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { useDocumentTitle } from '../ui/status';
import { ServiceResults } from './ServiceResults';

export default function SearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('search.title'));
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('search.title') }]} />
      <h1 className="mb-3">{t('search.title')}</h1>
      <ServiceResults />
    </div>
  );
}
