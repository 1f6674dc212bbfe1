/**
 * "Prenota un appuntamento" on the card of a service booked at a desk. Small on purpose: it is part of the card's
 * chunk; the booking pages load on demand.
 */
import { useTranslation } from 'react-i18next';
import { bookingPageUrl } from '../../api/booking';
import { ButtonLink } from '../../ui/buttons';
import { Icon } from '../../ui/Icon';

export function BookAppointmentLink({ tenantSlug, serviceSlug }: { tenantSlug: string; serviceSlug: string }) {
  const { t } = useTranslation();
  return (
    <ButtonLink to={bookingPageUrl(tenantSlug, serviceSlug)} className="sp-cta">
      <Icon name="calendar" className="me-2" />
      {t('booking.entry.book')}
    </ButtonLink>
  );
}
