/**
 * Webhooks for integrators (administration): the body's subscriptions and a form for a new one, whose signing
 * secret is shown once; one subscription with its deliveries (?sottoscrizione=…); one delivery with every attempt
 * and "Reinvia" (&consegna=…). The views live in the query string so that the back button and links work
 * within the one route the administration area gives this page.
 */
import { Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext, useSearchParams } from 'react-router';
import type { Operator } from '../../api/types';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { DeliveryView } from './DeliveryView';
import { ActiveBadge, eventLabel, NewSecret } from './common';
import { SubscriptionForm } from './SubscriptionForm';
import { SubscriptionView } from './SubscriptionView';
import { useSubscriptions, useWebhookFilters, webhookKeys, type SubscriptionWithSecret, type WebhookFilters } from './webhooksApi';

export default function WebhooksPage() {
  const [params] = useSearchParams();
  const subscriptionId = params.get('sottoscrizione');
  const deliveryId = params.get('consegna');
  if (subscriptionId && deliveryId) return <DeliveryView key={deliveryId} subscriptionId={subscriptionId} deliveryId={deliveryId} />;
  if (subscriptionId) return <SubscriptionView key={subscriptionId} subscriptionId={subscriptionId} />;
  return <SubscriptionsList />;
}

function bodiesLabel(ids: string[], filters: WebhookFilters | undefined) {
  const names = new Map(filters?.bodies.map((b) => [b.id, b.name]));
  return ids.map((id) => names.get(id) ?? id);
}

function SubscriptionsList() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('webhooks.title'));
  const subscriptions = useSubscriptions();
  const filters = useWebhookFilters();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<SubscriptionWithSecret | null>(null);
  const serviceTitle = new Map(filters.data?.services.map((s) => [s.id, s.title]));

  return (
    <>
      <AdminCrumbs items={[{ label: t('webhooks.title') }]} />
      <h1>{t('webhooks.title')}</h1>
      <p>{t('webhooks.lead')}</p>

      {created && <NewSecret created={created} message={t('webhooks.created.message', { url: created.url })} />}

      <section aria-labelledby="webhooks-list-title" className="mb-5">
        <h2 id="webhooks-list-title" className="h4">{t('webhooks.list.title')}</h2>
        {subscriptions.isPending ? (
          <Loading />
        ) : subscriptions.isError ? (
          <ErrorMessage error={subscriptions.error} retry={() => void subscriptions.refetch()} />
        ) : subscriptions.data.items.length === 0 ? (
          <p>{t('webhooks.list.empty')}</p>
        ) : (
          <Table responsive className="sp-catalog-table">
            <caption className="visually-hidden">{t('webhooks.list.caption', { name: operator.tenant.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.list.colUrl')}</th>
                <th scope="col">{t('webhooks.list.colEvents')}</th>
                <th scope="col" className="d-none d-md-table-cell">{t('webhooks.list.colFilters')}</th>
                <th scope="col">{t('webhooks.list.colStatus')}</th>
                <th scope="col"><span className="visually-hidden">{t('webhooks.list.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <span className="fw-semibold text-break">{s.url}</span>
                    {s.description && <div className="small">{s.description}</div>}
                  </td>
                  <td className="small">
                    <ul className="list-unstyled mb-0">
                      {s.events.map((e) => <li key={e}>{eventLabel(e, t)}</li>)}
                    </ul>
                  </td>
                  <td className="d-none d-md-table-cell small">
                    <div>{bodiesLabel(s.tenantIds, filters.data).join(', ')}</div>
                    <div>
                      {s.serviceIds.length === 0
                        ? t('webhooks.list.allServices')
                        : s.serviceIds.map((id) => serviceTitle.get(id) ?? id).join(', ')}
                    </div>
                  </td>
                  <td><ActiveBadge active={s.active} /></td>
                  <td>
                    <Link to={`?sottoscrizione=${encodeURIComponent(s.id)}`}>
                      {t('webhooks.list.open')}
                      <span className="visually-hidden"> {s.url}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      {filters.isPending ? (
        <Loading />
      ) : filters.isError ? (
        <ErrorMessage error={filters.error} retry={() => void filters.refetch()} />
      ) : (
        <SubscriptionForm filters={filters.data} ownTenantId={operator.tenant.id} onCreated={(s) => {
          setCreated(s);
          void queryClient.invalidateQueries({ queryKey: webhookKeys.list() });
        }} />
      )}
    </>
  );
}
