/**
 * The way into "I miei dati" from the personal area. Small on purpose: part of the personal area's chunk; the page
 * itself is loaded on demand.
 */
import { useTranslation } from 'react-i18next';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';

export const MY_DATA_URL = '/area-personale/dati';

export function MyDataLinkCard() {
  const { t } = useTranslation();
  return (
    <>
      <PersonalAreaLinkCard icon="it-card" to={MY_DATA_URL} id="miei-dati-link" title={t('mydata.entry.title')}>
        <p>{t('mydata.entry.body')}</p>
      </PersonalAreaLinkCard>
    </>
  );
}
