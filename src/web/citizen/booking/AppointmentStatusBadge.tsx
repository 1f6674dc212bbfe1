/**
 * An appointment's status as a badge: the words ("Prenotato", "Presentato", …), an icon and a colour. The words
 * always carry it; each text and background pair has a contrast of at least 4.5:1 (booking.css).
 */
import { Icon as KitIcon, type IconName } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../../contracts/desk';
import './booking.css';

const STATUS_ICON: Record<AppointmentStatus, IconName> = {
  booked: 'it-calendar',
  checked_in: 'it-check',
  served: 'it-check-circle',
  no_show: 'it-warning-circle',
  cancelled: 'it-close-circle',
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sp-appt-status sp-appt-status-${status}`}>
      <KitIcon icon={STATUS_ICON[status]} size="xs" className="sp-icon sp-appt-status-icon" focusable="false" aria-hidden="true" />
      <span className="visually-hidden">{t('booking.status.prefix')} </span>
      {t(`booking.status.${status}`)}
    </span>
  );
}
