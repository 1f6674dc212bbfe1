/** What the webhooks views share: their addresses, words for event types, badges, the secret shown once. */
import { Badge } from 'design-react-kit';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/status';
import { ADMIN_BASE } from '../admin/AdminLayout';
import { OneTimeSecret } from '../admin/forms';
import type { DeliveryStatus, SubscriptionWithSecret } from './webhooksApi';

export const WEBHOOKS_PATH = `${ADMIN_BASE}/webhook`;
export const subscriptionPath = (id: string) => `${WEBHOOKS_PATH}?sottoscrizione=${encodeURIComponent(id)}`;
export const deliveryPath = (id: string, deliveryId: string) => `${subscriptionPath(id)}&consegna=${encodeURIComponent(deliveryId)}`;

/** "it.sportello.application.submitted" → "Domanda presentata" */
export const eventLabel = (type: string, t: TFunction) => t(`webhooks.events.${type.replace(/^it\.sportello\./, '').replace('.', '_')}`, { defaultValue: type });

const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'secondary', delivered: 'success', failed: 'danger' };

export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} className="sp-badge">{t(`webhooks.deliveryStatus.${status}`)}</Badge>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge color={active ? 'success' : 'secondary'} className="sp-badge">{t(active ? 'webhooks.status.active' : 'webhooks.status.inactive')}</Badge>;
}

/** A secret just made: shown once, with a copy button and what to do with it. It takes the focus. */
export function NewSecret({ created, message }: { created: SubscriptionWithSecret; message: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [created]);
  return (
    <Notice tone="success" role="none" focusRef={ref}>
      <p className="fw-semibold">{message}</p>
      <OneTimeSecret label={t('webhooks.created.secretLabel')} value={created.secret} testId="webhook-secret" />
      <p className="fw-semibold mb-1">{t('webhooks.created.secretWarning')}</p>
      <p className="mb-0 small">{t('webhooks.created.secretHowTo')}</p>
    </Notice>
  );
}
