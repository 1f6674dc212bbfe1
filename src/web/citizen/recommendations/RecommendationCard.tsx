/**
 * One piece of advice: its kind, title, text, "Perché lo vedi", whom it is about when not the citizen, and the way
 * to act. The texts come from the body's rules, in Italian whatever the page's language.
 */
import { Icon as KitIcon } from 'design-react-kit';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Recommendation, RecommendationKind } from './recommendationsApi';

const KIND_ICON: Record<RecommendationKind, string> = {
  life_event: 'it-calendar',
  deadline: 'it-clock',
  payment: 'it-card',
  favourite: 'it-star-full',
};

export function RecommendationCard({ item, headingLevel, actions }: { item: Recommendation; headingLevel: 'h3' | 'h2'; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const italian = i18n.language === 'it' ? undefined : 'it';
  const titleId = `avviso-${item.id}`;
  const Heading = headingLevel;
  return (
    <article className={`sp-rec sp-rec-${item.kind}`} aria-labelledby={titleId}>
      <p className="sp-rec-kind">
        <KitIcon icon={KIND_ICON[item.kind]} size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
        <span>{t(`recommendations.kinds.${item.kind}`)}</span>
      </p>
      <Heading className="sp-rec-title h5" id={titleId} tabIndex={-1} lang={italian}>
        {item.title}
      </Heading>
      <p className="sp-rec-message" lang={italian}>{item.message}</p>
      {!item.about.self && <p className="sp-rec-about">{t('recommendations.about', { name: item.about.name })}</p>}
      <p className="sp-rec-reason">
        <span className="sp-rec-why">{t('recommendations.why')}</span> <span lang={italian}>{item.reason}</span>
      </p>
      <div className="sp-rec-actions">
        <Link to={item.link} className="sp-rec-go">
          {t('recommendations.go')}
          <span className="visually-hidden"> {t('recommendations.goOf', { title: item.title })}</span>
          <KitIcon icon="it-arrow-right" size="sm" className="sp-icon ms-1" focusable="false" aria-hidden="true" />
        </Link>
        {actions}
      </div>
    </article>
  );
}
