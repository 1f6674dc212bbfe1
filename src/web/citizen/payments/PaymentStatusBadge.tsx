/**
 * A payment's status as a badge: the words ("Da pagare", "Pagato", …), an icon and a colour, in the pill shape the
 * applications' and appointments' badges share (styles/app.css). The words always carry it; each text and
 * background pair has a contrast of at least 4.5:1 (payments.css).
 */
import { Icon as KitIcon, type IconName } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { PaymentStatus } from '../../../contracts/payments';
import './payments.css';

const STATUS_ICON: Record<PaymentStatus, IconName> = {
  created: 'it-card',
  pending: 'it-clock',
  paid: 'it-check-circle',
  failed: 'it-error',
  cancelled: 'it-close-circle',
  expired: 'it-ban',
  refunded: 'it-restore',
};

export function PaymentStatusBadge({ status, size = 'md' }: { status: PaymentStatus; size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sp-app-status sp-pay-status-${status}${size === 'lg' ? ' sp-pay-status-lg' : ''}`}>
      <KitIcon icon={STATUS_ICON[status]} size="xs" className="sp-icon sp-app-status-icon" focusable="false" aria-hidden="true" />
      <span className="visually-hidden">{t('payments.status.prefix')} </span>
      {t(`payments.status.${status}`)}
    </span>
  );
}
