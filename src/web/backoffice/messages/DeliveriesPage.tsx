/**
 * /backoffice/amministrazione/invii: every message the body sent by e-mail, PEC, SMS and IO, newest first, with
 * its delivery status (queued, sent, delivered, not delivered with the reason), attempts and resends; filters
 * live in the address. A message not delivered, or sent but not received, can be resent after a confirmation.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Table } from 'design-react-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router';
import { DELIVERY_STATUSES, EXTERNAL_CHANNELS, type DeliveryStatus, type MessageChannel, type MessageKind } from '../../../contracts/messaging';
import type { Operator } from '../../api/types';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { ConfirmButton } from '../admin/forms';
import { formatDateTime } from '../admin/labels';
import { adminMessageKeys, adminMessagesApi, TEMPLATE_KINDS, useDeliveries, type Delivery, type DeliveryFilters } from './adminMessagesApi';
import './messages-admin.css';

const STATUS_COLOR: Record<DeliveryStatus, string> = { queued: 'secondary', sent: 'primary', delivered: 'success', failed: 'danger' };
const RESENDABLE: DeliveryStatus[] = ['failed', 'sent'];

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export default function DeliveriesPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  const queryClient = useQueryClient();
  useDocumentTitle(t('messages.admin.deliveries.title'));
  const [params, setParams] = useSearchParams();
  const filters: DeliveryFilters = {
    status: pick(params.get('stato'), DELIVERY_STATUSES),
    channel: pick(params.get('canale'), EXTERNAL_CHANNELS),
    kind: pick(params.get('messaggio'), TEMPLATE_KINDS),
    q: params.get('q')?.trim() || undefined,
  };
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(params.get('q') ?? ''), [params]);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const list = useDeliveries(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter('q', search.trim());
  };
  const resend = async (d: Delivery) => {
    setDone(null);
    setFailure(null);
    try {
      await adminMessagesApi.resend(d.id);
      setDone(t('messages.admin.deliveries.resent'));
    } catch (error) {
      setFailure(error);
    }
    await queryClient.invalidateQueries({ queryKey: adminMessageKeys.allDeliveries });
  };
  const anyFilter = !!(filters.status || filters.channel || filters.kind || filters.q);

  return (
    <>
      <AdminCrumbs items={[{ label: t('messages.admin.deliveries.title') }]} />
      <h1>{t('messages.admin.deliveries.title')}</h1>
      <p>{t('messages.admin.deliveries.lead', { name: operator.tenant.name })}</p>

      <form onSubmit={submitSearch} noValidate>
        <fieldset className="sp-delivery-filters">
          <legend className="h5">{t('messages.admin.deliveries.filters')}</legend>
          <div className="row g-3">
            <div className="col-12 col-sm-6 col-lg-3">
              <SelectField
                id="invii-stato"
                label={t('messages.admin.deliveries.status')}
                value={filters.status ?? ''}
                onValueChange={(v) => setFilter('stato', v)}
                emptyLabel={t('messages.admin.deliveries.all')}
                options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`messages.admin.deliveries.statuses.${s}`) }))}
              />
            </div>
            <div className="col-12 col-sm-6 col-lg-3">
              <SelectField
                id="invii-canale"
                label={t('messages.admin.deliveries.channel')}
                value={filters.channel ?? ''}
                onValueChange={(v) => setFilter('canale', v)}
                emptyLabel={t('messages.admin.deliveries.all')}
                options={EXTERNAL_CHANNELS.map((c) => ({ value: c, label: t(`messages.channels.${c}`) }))}
              />
            </div>
            <div className="col-12 col-lg-6">
              <SelectField
                id="invii-messaggio"
                label={t('messages.admin.deliveries.kind')}
                value={filters.kind ?? ''}
                onValueChange={(v) => setFilter('messaggio', v)}
                emptyLabel={t('messages.admin.deliveries.all')}
                options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`messages.kinds.${k}`) }))}
              />
            </div>
            <div className="col-12 col-lg-6">
              <TextField
                id="invii-cerca"
                type="search"
                label={t('messages.admin.deliveries.search')}
                hint={t('messages.admin.deliveries.searchHint')}
                value={search}
                onValueChange={setSearch}
                maxLength={100}
              />
            </div>
            <div className="col-12 col-lg-6 d-flex flex-wrap align-items-start gap-2 pt-lg-3 mb-3">
              <Button type="submit" color="primary">{t('messages.admin.deliveries.apply')}</Button>
              {anyFilter && (
                <Button type="button" color="primary" outline onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  {t('messages.admin.deliveries.clear')}
                </Button>
              )}
              <Button type="button" color="primary" outline onClick={() => void list.refetch()} disabled={list.isRefetching}>
                {t('messages.admin.deliveries.refresh')}
              </Button>
            </div>
          </div>
        </fieldset>
      </form>

      <div role="status">
        {done && <Notice tone="success" role="none"><p className="mb-0">{done}</p></Notice>}
      </div>
      {failure !== null && <ErrorMessage error={failure} />}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('messages.admin.deliveries.empty')}</p>
        </Notice>
      ) : (
        <>
          <p className="small">{t('messages.admin.deliveries.count', { count: items.length })}</p>
          <Table responsive className="sp-delivery-table">
            <caption className="visually-hidden">{t('messages.admin.deliveries.caption', { name: operator.tenant.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('messages.admin.deliveries.colWhen')}</th>
                <th scope="col">{t('messages.admin.deliveries.colMessage')}</th>
                <th scope="col">{t('messages.admin.deliveries.colChannel')}</th>
                <th scope="col">{t('messages.admin.deliveries.colRecipient')}</th>
                <th scope="col">{t('messages.admin.deliveries.colApplication')}</th>
                <th scope="col">{t('messages.admin.deliveries.colStatus')}</th>
                <th scope="col">{t('messages.admin.deliveries.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-id={d.id}>
                  <td className="small text-nowrap">{formatDateTime(d.createdAt, i18n.language)}</td>
                  <td>
                    {d.kind
                      ? t(`messages.kinds.${d.kind as MessageKind}`, { defaultValue: d.kind })
                      : d.recipientKind === 'operator' ? t('messages.admin.deliveries.toOffice') : '—'}
                    {d.legal && <span className="sp-delivery-meta">{t('messages.admin.deliveries.legal')}</span>}
                    <span className="sp-delivery-subject">{d.subject}</span>
                  </td>
                  <td>{t(`messages.channels.${d.channel as MessageChannel}`)}</td>
                  <td className="text-break">
                    {d.channel === 'io' ? t('messages.admin.deliveries.ioRecipient') : (d.recipient ?? <em>{t('messages.admin.deliveries.noRecipient')}</em>)}
                  </td>
                  {/* administrators do not handle applications: the code, to find it with the office */}
                  <td className="text-nowrap sp-code">{d.applicationCode ?? '—'}</td>
                  <td>
                    <Badge color={STATUS_COLOR[d.status]} className="sp-badge">{t(`messages.admin.deliveries.statuses.${d.status}`)}</Badge>
                    {d.statusReason && <span className="sp-delivery-reason">{d.statusReason}</span>}
                    <span className="sp-delivery-meta">{t('messages.admin.deliveries.attempts', { count: d.attempts })}</span>
                    {d.resent > 0 && <span className="sp-delivery-meta">{t('messages.admin.deliveries.resentTimes', { count: d.resent })}</span>}
                    <When d={d} />
                  </td>
                  <td>
                    {RESENDABLE.includes(d.status) && (
                      <ConfirmButton
                        label={
                          <>
                            {t('messages.admin.deliveries.resend')}
                            <span className="visually-hidden"> — {d.subject}</span>
                          </>
                        }
                        question={t('messages.admin.deliveries.resendQuestion', { channel: t(`messages.channels.${d.channel as MessageChannel}`) })}
                        confirmLabel={t('messages.admin.deliveries.resendConfirm')}
                        color="primary"
                        onConfirm={() => resend(d)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {list.hasNextPage && (
            <Button type="button" color="primary" outline onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t('common.loading') : t('messages.admin.deliveries.more')}
            </Button>
          )}
        </>
      )}
    </>
  );
}

/** The moment that goes with the status: delivered, sent, or the last attempt of one still queued or failed. */
function When({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const [key, at] = d.status === 'delivered' && d.deliveredAt ? ['deliveredAt', d.deliveredAt]
    : (d.status === 'sent' || d.status === 'delivered') && d.sentAt ? ['sentAt', d.sentAt]
      : d.lastAttemptAt ? ['lastAttemptAt', d.lastAttemptAt] : [null, null];
  if (!key || !at) return null;
  return <span className="sp-delivery-meta">{t(`messages.admin.deliveries.${key}`, { date: formatDateTime(at, i18n.language) })}</span>;
}
