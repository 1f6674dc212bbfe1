/**
 * One subscription: what it listens to, suspend or resume it, a new signing secret (shown once), and its
 * deliveries newest first with their state, attempts and next try, filtered by state.
 */
import { Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { ActionOutcome, ConfirmButton, problemOf } from '../admin/forms';
import { formatDateTime } from '../admin/labels';
import { ActiveBadge, DeliveryBadge, deliveryPath, eventLabel, NewSecret, WEBHOOKS_PATH } from './common';
import { useDeliveries, useSubscription, useWebhookFilters, webhookKeys, webhooksApi, type SubscriptionWithSecret } from './webhooksApi';

const STATES = ['pending', 'delivered', 'failed'] as const;

export function SubscriptionView({ subscriptionId }: { subscriptionId: string }) {
  const { t, i18n } = useTranslation();
  const subscription = useSubscription(subscriptionId);
  const filters = useWebhookFilters();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const deliveries = useDeliveries(subscriptionId, status);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [rotated, setRotated] = useState<SubscriptionWithSecret | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('webhooks.subscription.title'));

  const act = async (work: () => Promise<unknown>, message: string) => {
    setDone(null);
    setFailure(null);
    setBusy(true);
    try {
      await work();
      setDone(message);
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    } catch (error) {
      setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
    } finally {
      setBusy(false);
    }
  };

  const crumbs = <AdminCrumbs items={[{ label: t('webhooks.title'), to: WEBHOOKS_PATH }, { label: t('webhooks.subscription.title') }]} />;
  if (subscription.isPending) return <>{crumbs}<Loading /></>;
  if (subscription.isError) return <>{crumbs}<ErrorMessage error={subscription.error} retry={() => void subscription.refetch()} /></>;
  const s = subscription.data;
  const bodies = new Map(filters.data?.bodies.map((b) => [b.id, b.name]));
  const services = new Map(filters.data?.services.map((x) => [x.id, x.title]));
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      {crumbs}
      <p className="mb-2"><Link to={WEBHOOKS_PATH}>{t('webhooks.subscription.back')}</Link></p>
      <h1 className="h2 text-break">{t('webhooks.subscription.heading', { url: s.url })}</h1>
      {s.description && <p>{s.description}</p>}

      {rotated && <NewSecret created={rotated} message={t('webhooks.subscription.rotated')} />}
      <ActionOutcome done={done} failure={failure} />

      <dl className="row mb-3">
        <dt className="col-sm-3">{t('webhooks.subscription.state')}</dt>
        <dd className="col-sm-9"><ActiveBadge active={s.active} /></dd>
        <dt className="col-sm-3">{t('webhooks.list.colEvents')}</dt>
        <dd className="col-sm-9">{s.events.map((e) => eventLabel(e, t)).join(', ')}</dd>
        <dt className="col-sm-3">{t('webhooks.subscription.bodies')}</dt>
        <dd className="col-sm-9">{s.tenantIds.map((id) => bodies.get(id) ?? id).join(', ')}</dd>
        <dt className="col-sm-3">{t('webhooks.subscription.services')}</dt>
        <dd className="col-sm-9">{s.serviceIds.length ? s.serviceIds.map((id) => services.get(id) ?? id).join(', ') : t('webhooks.list.allServices')}</dd>
        <dt className="col-sm-3">{t('webhooks.subscription.createdAt')}</dt>
        <dd className="col-sm-9">{formatDateTime(s.createdAt, i18n.language)}</dd>
      </dl>

      <div className="d-flex flex-wrap gap-2 align-items-start mb-4">
        {s.active ? (
          <ConfirmButton label={t('webhooks.subscription.suspend')} question={t('webhooks.subscription.suspendQuestion')}
            confirmLabel={t('webhooks.subscription.suspendConfirm')}
            onConfirm={() => act(() => webhooksApi.update(s.id, { active: false }), t('webhooks.subscription.suspended'))} />
        ) : (
          <Button type="button" color="primary" outline size="sm" disabled={busy}
            onClick={() => void act(() => webhooksApi.update(s.id, { active: true }), t('webhooks.subscription.resumed'))}>
            {t('webhooks.subscription.resume')}
          </Button>
        )}
        <ConfirmButton label={t('webhooks.subscription.rotate')} question={t('webhooks.subscription.rotateQuestion')}
          confirmLabel={t('webhooks.subscription.rotateConfirm')} color="primary"
          onConfirm={async () => {
            setRotated(null);
            setDone(null);
            setFailure(null);
            try {
              setRotated(await webhooksApi.rotateSecret(s.id));
            } catch (error) {
              setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
            }
          }} />
      </div>

      <section aria-labelledby="webhook-deliveries-title">
        <h2 id="webhook-deliveries-title" className="h4">{t('webhooks.deliveries.title')}</h2>
        <SelectField id="webhook-deliveries-status" label={t('webhooks.deliveries.filter')} value={status} onValueChange={setStatus}
          emptyLabel={t('webhooks.deliveries.all')} options={STATES.map((x) => ({ value: x, label: t(`webhooks.deliveryStatus.${x}`) }))}
          className="col-12 col-md-4 px-0" />
        {deliveries.isPending ? (
          <Loading />
        ) : deliveries.isError ? (
          <ErrorMessage error={deliveries.error} retry={() => void deliveries.refetch()} />
        ) : items.length === 0 ? (
          <p>{t(status ? 'webhooks.deliveries.emptyFiltered' : 'webhooks.deliveries.empty')}</p>
        ) : (
          <>
            <Table responsive className="sp-catalog-table">
              <caption className="visually-hidden">{t('webhooks.deliveries.caption', { url: s.url })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.deliveries.colEvent')}</th>
                  <th scope="col">{t('webhooks.deliveries.colStatus')}</th>
                  <th scope="col" className="d-none d-md-table-cell">{t('webhooks.deliveries.colAttempts')}</th>
                  <th scope="col" className="d-none d-lg-table-cell">{t('webhooks.deliveries.colNext')}</th>
                  <th scope="col"><span className="visually-hidden">{t('webhooks.deliveries.colActions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <span className="fw-semibold">{eventLabel(d.eventType, t)}</span>
                      <div className="small">{formatDateTime(d.createdAt, i18n.language)}</div>
                    </td>
                    <td><DeliveryBadge status={d.status} /></td>
                    <td className="d-none d-md-table-cell">{d.attempts}</td>
                    <td className="d-none d-lg-table-cell small">{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, i18n.language) : '—'}</td>
                    <td>
                      <Link to={deliveryPath(s.id, d.id)}>
                        {t('webhooks.deliveries.details')}
                        <span className="visually-hidden"> {eventLabel(d.eventType, t)} {formatDateTime(d.createdAt, i18n.language)}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {deliveries.hasNextPage && (
              <Button type="button" color="primary" outline size="sm" disabled={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
                {deliveries.isFetchingNextPage ? t('common.loading') : t('admin.loadMore')}
              </Button>
            )}
          </>
        )}
      </section>
    </>
  );
}
