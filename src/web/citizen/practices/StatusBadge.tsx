/**
 * The status of an application as a badge: the Italian label ("In attesa di integrazioni"), an icon and a colour
 * per status. The words always say it; the icon and the colour only help the eye (never the only carrier).
 *
 * Bootstrap Italia's badge markup is written directly: its colour variants are five, the statuses nine, and each
 * pair of text and background here is checked for a contrast of at least 4.5:1 (see practices.css).
 */
import { Icon as KitIcon, type IconName } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../contracts/applications';
import './practices.css';

const STATUS_ICON: Record<ApplicationStatus, IconName> = {
  draft: 'it-pencil',
  payment_pending: 'it-card',
  submitted: 'it-upload',
  registered: 'it-file-signed',
  in_progress: 'it-clock',
  awaiting_citizen: 'it-warning-circle',
  approved: 'it-check-circle',
  rejected: 'it-close-circle',
  withdrawn: 'it-minus-circle',
};

/** "In lavorazione" */
export const statusLabel = (status: ApplicationStatus, t: (key: string) => string) => t(`practices.status.${status}`);

export function StatusBadge({ status, size = 'md', className }: { status: ApplicationStatus; size?: 'md' | 'lg'; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sp-app-status sp-app-status-${status}${size === 'lg' ? ' sp-app-status-lg' : ''}${className ? ` ${className}` : ''}`}>
      <KitIcon icon={STATUS_ICON[status]} size="xs" className="sp-icon sp-app-status-icon" focusable="false" aria-hidden="true" />
      <span className="visually-hidden">{t('practices.status.prefix')} </span>
      {statusLabel(status, t)}
    </span>
  );
}

export default StatusBadge;
