/**
 * One delivery: the event, its state, every attempt with the receiver's answer (status code, error, duration,
 * the first 1000 characters), the CloudEvent sent, and "Reinvia" (same event id).
 */
import { Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { ActionOutcome, problemOf } from '../admin/forms';
import { formatDateTime } from '../admin/labels';
import { DeliveryBadge, eventLabel, subscriptionPath, WEBHOOKS_PATH } from './common';
import { useDelivery, useSubscription, webhookKeys, webhooksApi } from './webhooksApi';

export function DeliveryView({ subscriptionId, deliveryId }: { subscriptionId: string; deliveryId: string }) {
  const { t, i18n } = useTranslation();
  const delivery = useDelivery(subscriptionId, deliveryId);
  const subscription = useSubscription(subscriptionId);
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useDocumentTitle(t('webhooks.delivery.title'));

  const crumbs = (
    <AdminCrumbs items={[
      { label: t('webhooks.title'), to: WEBHOOKS_PATH },
      { label: t('webhooks.subscription.title'), to: subscriptionPath(subscriptionId) },
      { label: t('webhooks.delivery.title') },
    ]} />
  );
  if (delivery.isPending) return <>{crumbs}<Loading /></>;
  if (delivery.isError) return <>{crumbs}<ErrorMessage error={delivery.error} retry={() => void delivery.refetch()} /></>;
  const d = delivery.data;
  const inactive = subscription.data?.active === false;

  const redeliver = async () => {
    setDone(null);
    setFailure(null);
    setSending(true);
    try {
      const detail = await webhooksApi.redeliver(subscriptionId, deliveryId);
      queryClient.setQueryData(webhookKeys.delivery(subscriptionId, deliveryId), detail);
      setDone(t('webhooks.delivery.redelivered'));
      void queryClient.invalidateQueries({ queryKey: ['webhooks', 'deliveries', subscriptionId] });
    } catch (error) {
      setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      {crumbs}
      <p className="mb-2"><Link to={subscriptionPath(subscriptionId)}>{t('webhooks.delivery.back')}</Link></p>
      <h1 className="h2">{t('webhooks.delivery.heading', { event: eventLabel(d.eventType, t) })}</h1>
      <ActionOutcome done={done} failure={failure} />

      <dl className="row mb-3">
        <dt className="col-sm-4">{t('webhooks.delivery.status')}</dt>
        <dd className="col-sm-8"><DeliveryBadge status={d.status} /></dd>
        <dt className="col-sm-4">{t('webhooks.delivery.eventType')}</dt>
        <dd className="col-sm-8"><code>{d.eventType}</code></dd>
        <dt className="col-sm-4">{t('webhooks.delivery.eventId')}</dt>
        <dd className="col-sm-8"><code className="text-break">{d.eventId}</code></dd>
        <dt className="col-sm-4">{t('webhooks.delivery.createdAt')}</dt>
        <dd className="col-sm-8">{formatDateTime(d.createdAt, i18n.language)}</dd>
        <dt className="col-sm-4">{t('webhooks.delivery.attempts')}</dt>
        <dd className="col-sm-8">{d.attempts}</dd>
        {d.nextAttemptAt && (
          <>
            <dt className="col-sm-4">{t('webhooks.delivery.nextAttempt')}</dt>
            <dd className="col-sm-8">{formatDateTime(d.nextAttemptAt, i18n.language)}</dd>
          </>
        )}
        {d.deliveredAt && (
          <>
            <dt className="col-sm-4">{t('webhooks.delivery.deliveredAt')}</dt>
            <dd className="col-sm-8">{formatDateTime(d.deliveredAt, i18n.language)}</dd>
          </>
        )}
      </dl>

      <div className="mb-4">
        <Button type="button" color="primary" size="sm" disabled={sending || inactive} onClick={() => void redeliver()}
          aria-describedby={inactive ? 'webhook-redeliver-note' : 'webhook-redeliver-hint'}>
          {sending ? t('admin.saving') : t('webhooks.delivery.redeliver')}
        </Button>
        <p id={inactive ? 'webhook-redeliver-note' : 'webhook-redeliver-hint'} className="small mt-1 mb-0">
          {inactive ? t('webhooks.delivery.inactiveNote') : t('webhooks.delivery.redeliverHint')}
        </p>
      </div>

      <section aria-labelledby="webhook-attempts-title" className="mb-4">
        <h2 id="webhook-attempts-title" className="h4">{t('webhooks.delivery.attemptsTitle')}</h2>
        {d.attemptLog.length === 0 ? (
          <Notice tone="info" role="none"><p className="mb-0">{t('webhooks.delivery.noAttempts')}</p></Notice>
        ) : (
          <Table responsive className="sp-catalog-table">
            <caption className="visually-hidden">{t('webhooks.delivery.attemptsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.delivery.colAt')}</th>
                <th scope="col">{t('webhooks.delivery.colStatusCode')}</th>
                <th scope="col" className="d-none d-md-table-cell">{t('webhooks.delivery.colDuration')}</th>
                <th scope="col">{t('webhooks.delivery.colAnswer')}</th>
              </tr>
            </thead>
            <tbody>
              {d.attemptLog.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td className="small">{formatDateTime(a.at, i18n.language)}</td>
                  <td>
                    {a.statusCode === null ? <span className="small">{t('webhooks.delivery.noAnswer')}</span> : <strong>{a.statusCode}</strong>}
                  </td>
                  <td className="d-none d-md-table-cell small">{t('webhooks.delivery.durationMs', { ms: a.durationMs })}</td>
                  <td className="small">
                    {a.error && <div className="text-danger text-break">{a.error}</div>}
                    {a.responseExcerpt && <pre className="mb-0 p-2 bg-light border rounded sp-webhook-excerpt" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxWidth: '40rem' }}>{a.responseExcerpt}</pre>}
                    {!a.error && !a.responseExcerpt && '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <details className="mb-4">
        <summary>{t('webhooks.delivery.payload')}</summary>
        <pre className="p-2 bg-light border rounded mt-2" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(d.payload, null, 2)}</pre>
      </details>
    </>
  );
}
