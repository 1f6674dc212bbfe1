/**
 * "Per te" on the personal area: the first alerts (deadlines first), each with why it is shown and where to act,
 * and the way to the page with all of them and the choice of kinds. Small on purpose: part of the personal area's
 * chunk; the page is loaded on demand.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../ui/status';
import { RecommendationCard } from './RecommendationCard';
import { RECOMMENDATIONS_URL, useRecommendations } from './recommendationsApi';
import './recommendations.css';

/** How many alerts the personal area shows; the page has them all. */
const SHOWN = 3;

export function RecommendationsSection() {
  const { t } = useTranslation();
  const list = useRecommendations();
  const items = list.data?.items ?? [];
  return (
    <section className="sp-pa-section sp-rec-section" aria-labelledby="per-te">
      <h2 className="h3" id="per-te">
        {t('recommendations.title')}
      </h2>
      <p>{t('recommendations.sectionIntro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="sp-empty-note">{t('recommendations.sectionEmpty')}</p>
      ) : (
        <ul className="sp-rec-list" aria-label={t('recommendations.listLabel')}>
          {items.slice(0, SHOWN).map((item) => (
            <li key={item.id}>
              <RecommendationCard item={item} headingLevel="h3" />
            </li>
          ))}
        </ul>
      )}
      <p className="sp-rec-more">
        <Link to={RECOMMENDATIONS_URL} id="per-te-link">
          {items.length > 0 ? t('recommendations.seeAllCount', { count: items.length }) : t('recommendations.seeAll')}
        </Link>
      </p>
    </section>
  );
}
