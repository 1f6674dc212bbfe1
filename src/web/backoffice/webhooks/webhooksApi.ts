/**
 * The webhooks API as the back office uses it (see src/server/modules/messaging/webhooks.*): the body's
 * subscriptions, what they may listen to, deliveries with each attempt, redelivery and secret rotation.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { newIdempotencyKey, request, toQueryString } from '../../api/client';
import type { WebhookAttempt, WebhookDelivery, WebhookEventType, WebhookSubscription } from '../../../contracts/messaging';

export { WEBHOOK_EVENTS } from '../../../contracts/messaging';
export type { WebhookAttempt, WebhookDelivery, WebhookEventType, WebhookSubscription };

export interface WebhookFilters {
  events: WebhookEventType[];
  bodies: { id: string; slug: string; name: string }[];
  services: { id: string; tenantId: string; title: string }[];
}

export interface WebhookInput {
  url: string;
  description?: string;
  events: WebhookEventType[];
  tenantIds?: string[];
  serviceIds?: string[];
}

export type SubscriptionWithSecret = WebhookSubscription & { secret: string };

export interface DeliveryDetail extends WebhookDelivery {
  payload: Record<string, unknown>;
  attemptLog: WebhookAttempt[];
}

export type DeliveryStatus = WebhookDelivery['status'];

const enc = encodeURIComponent;

export const webhooksApi = {
  list: (signal?: AbortSignal) => request<{ items: WebhookSubscription[] }>('/api/v1/webhooks', { signal }),
  filters: (signal?: AbortSignal) => request<WebhookFilters>('/api/v1/webhooks/filters', { signal }),
  get: (id: string, signal?: AbortSignal) => request<WebhookSubscription>(`/api/v1/webhooks/${enc(id)}`, { signal }),
  create: (input: WebhookInput, idempotencyKey: string) =>
    request<SubscriptionWithSecret>('/api/v1/webhooks', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, patch: Partial<WebhookInput> & { active?: boolean }) =>
    request<WebhookSubscription>(`/api/v1/webhooks/${enc(id)}`, { method: 'PATCH', body: patch }),
  rotateSecret: (id: string) => request<SubscriptionWithSecret>(`/api/v1/webhooks/${enc(id)}/secret`, { method: 'POST' }),
  deliveries: (id: string, params: { status?: string; cursor?: string }, signal?: AbortSignal) =>
    request<{ items: WebhookDelivery[]; nextCursor: string | null }>(`/api/v1/webhooks/${enc(id)}/deliveries${toQueryString({ ...params, limit: 20 })}`, { signal }),
  delivery: (id: string, deliveryId: string, signal?: AbortSignal) =>
    request<DeliveryDetail>(`/api/v1/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}`, { signal }),
  redeliver: (id: string, deliveryId: string) =>
    request<DeliveryDetail>(`/api/v1/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`, { method: 'POST' }),
};

export { newIdempotencyKey };

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => ['webhooks', 'list'] as const,
  filters: () => ['webhooks', 'filters'] as const,
  one: (id: string) => ['webhooks', 'one', id] as const,
  deliveries: (id: string, status: string) => ['webhooks', 'deliveries', id, status] as const,
  delivery: (id: string, deliveryId: string) => ['webhooks', 'delivery', id, deliveryId] as const,
};

export const useSubscriptions = () => useQuery({ queryKey: webhookKeys.list(), queryFn: ({ signal }) => webhooksApi.list(signal), staleTime: 0 });

export const useWebhookFilters = () => useQuery({ queryKey: webhookKeys.filters(), queryFn: ({ signal }) => webhooksApi.filters(signal) });

export const useSubscription = (id: string) =>
  useQuery({ queryKey: webhookKeys.one(id), queryFn: ({ signal }) => webhooksApi.get(id, signal), staleTime: 0 });

export const useDeliveries = (id: string, status: string) =>
  useInfiniteQuery({
    queryKey: webhookKeys.deliveries(id, status),
    queryFn: ({ pageParam, signal }) => webhooksApi.deliveries(id, { status: status || undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

/** A delivery, looked at again every few seconds while a try is under way. */
export const useDelivery = (id: string, deliveryId: string) =>
  useQuery({
    queryKey: webhookKeys.delivery(id, deliveryId),
    queryFn: ({ signal }) => webhooksApi.delivery(id, deliveryId, signal),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 3000 : false),
  });
