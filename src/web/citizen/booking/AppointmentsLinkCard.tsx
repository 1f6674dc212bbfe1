/**
 * The way into "I miei appuntamenti" from the personal area. Small on purpose: part of the personal area's chunk;
 * the pages load on demand.
 */
import { useTranslation } from 'react-i18next';
import { MY_APPOINTMENTS } from '../../api/booking';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';

export function AppointmentsLinkCard() {
  const { t } = useTranslation();
  return (
    <PersonalAreaLinkCard icon="it-calendar" to={MY_APPOINTMENTS} id="appuntamenti-link" title={t('booking.entry.title')}>
      <p>{t('booking.entry.body')}</p>
    </PersonalAreaLinkCard>
  );
}
