/**
 * The way into "Le mie pratiche" at the top of the personal area; says so when an office is waiting for an answer.
 * Small on purpose: it is part of the personal area's chunk, the list and the detail are loaded on demand.
 */
import { useQuery } from '@tanstack/react-query';
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applicationsApi } from '../../api/applications';
import './entry.css';

export const MY_APPLICATIONS = '/area-personale/pratiche';

export function PracticesLinkCard() {
  const { t } = useTranslation();
  // Only to say "n pratiche aspettano una tua risposta"; a failure just leaves the sentence out.
  const awaiting = useQuery({
    queryKey: ['applications', 'list', 'awaiting-count'],
    queryFn: ({ signal }) => applicationsApi.list({ status: ['awaiting_citizen'], limit: 20 }, signal),
    staleTime: 0,
    retry: false,
  });
  const count = awaiting.data?.items.length ?? 0;
  return (
    <section className="sp-pa-practices-card" aria-labelledby="le-mie-pratiche-link">
      <KitIcon icon="it-files" className="sp-icon" focusable="false" aria-hidden="true" />
      <div>
        <h2 className="h4 mb-0">
          <Link to={MY_APPLICATIONS} id="le-mie-pratiche-link">
            {t('practices.entry.title')}
          </Link>
        </h2>
        <p>{t('practices.entry.body')}</p>
        {count > 0 && (
          <p className="fw-semibold sp-pa-practices-awaiting">
            {awaiting.data?.nextCursor ? t('practices.entry.awaitingMany') : t('practices.entry.awaiting', { count })}
          </p>
        )}
      </div>
    </section>
  );
}
