import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { ServiceStatus } from '../../contracts/catalog';

/** "Attivo" / "Temporaneamente non attivo". */
export function StatusBadge({ status, onlyInactive = false }: { status: ServiceStatus; onlyInactive?: boolean }) {
  const { t } = useTranslation();
  if (status === 'active') {
    return onlyInactive ? null : (
      <Badge color="success" className="sp-badge">
        {t('status.active')}
      </Badge>
    );
  }
  return (
    <Badge color="danger" className="sp-badge">
      {t('status.inactive')}
    </Badge>
  );
}

/** "Online" */
export function OnlineBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="primary" className="sp-badge">
      {t('search.onlineBadge')}
    </Badge>
  );
}
