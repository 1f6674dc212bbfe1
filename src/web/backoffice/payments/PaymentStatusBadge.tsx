/**
 * A payment's status as a badge: the words ("Da pagare", "Pagato"…), an icon and a colour. The words always say
 * it; the icon and the colour only help the eye. The pill's shape is the global one of status badges
 * (.sp-app-status in app.css); the colours are in payments.css, each pair checked for 4.5:1.
 */
import { Icon as KitIcon, type IconName } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { PaymentStatus } from '../../../contracts/payments';
import './payments.css';

const STATUS_ICON: Record<PaymentStatus, IconName> = {
  created: 'it-card',
  pending: 'it-clock',
  paid: 'it-check-circle',
  failed: 'it-close-circle',
  cancelled: 'it-ban',
  expired: 'it-minus-circle',
  refunded: 'it-restore',
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sp-app-status sp-pay-status sp-pay-status-${status}`}>
      <KitIcon icon={STATUS_ICON[status]} size="xs" className="sp-icon sp-app-status-icon" focusable="false" aria-hidden="true" />
      <span className="visually-hidden">{t('officePayments.status.prefix')} </span>
      {t(`officePayments.status.${status}`)}
    </span>
  );
}
