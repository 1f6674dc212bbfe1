/**
 * The way into "Chi ha consultato i miei dati" from the personal area. Small on purpose: part of the personal
 * area's chunk; the page itself is loaded on demand.
 */
import { useTranslation } from 'react-i18next';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';
import { ACCESS_LOG_URL } from './accessLogApi';

export function AccessLogLinkCard() {
  const { t } = useTranslation();
  return (
    <>
      <PersonalAreaLinkCard icon="it-password-visible" to={ACCESS_LOG_URL} id="accessi-link" title={t('myspace.accessLog.entry.title')}>
        <p>{t('myspace.accessLog.entry.body')}</p>
      </PersonalAreaLinkCard>
    </>
  );
}
