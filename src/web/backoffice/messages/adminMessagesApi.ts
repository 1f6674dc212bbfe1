/**
 * The body's message settings as the back office uses them: templates per kind, channel and language with a
 * preview, and the delivery status of messages with resend (src/server/modules/messaging/messaging.routes.ts).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { newIdempotencyKey, request, toQueryString } from '../../api/client';
import type {
  DeliveryStatus, EffectiveTemplate, MessageChannel, MessageKind, MessageLanguage, MessageTemplateText,
} from '../../../contracts/messaging';

/** The kinds an administrator words (the server's EDITABLE_KINDS), in the order of a case's life. */
export const TEMPLATE_KINDS: MessageKind[] = [
  'receipt', 'taken_in_charge', 'integration_request', 'outcome', 'thread_message', 'appointment_confirmed', 'appointment_reminder', 'payment_notice',
];
export const TEMPLATE_CHANNELS: MessageChannel[] = ['email', 'pec', 'sms', 'io', 'inbox'];

export interface TemplateList {
  items: EffectiveTemplate[];
  placeholders: Partial<Record<MessageKind, string[]>>;
}

export interface Preview {
  subject: string | null;
  body: string;
  problems: { path: string; message: string }[];
}

export interface Delivery {
  id: string;
  createdAt: string;
  channel: MessageChannel;
  kind: MessageKind | null;
  legal: boolean;
  recipientKind: 'citizen' | 'operator' | 'address';
  recipient: string | null;
  applicationId: string | null;
  applicationCode: string | null;
  subject: string;
  status: DeliveryStatus;
  statusReason: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  resent: number;
}

export interface DeliveryFilters {
  status?: DeliveryStatus;
  channel?: MessageChannel;
  kind?: MessageKind;
  q?: string;
}

const enc = encodeURIComponent;
const templatePath = (kind: MessageKind, channel: MessageChannel, language: MessageLanguage) =>
  `/api/v1/admin/message-templates/${enc(kind)}/${enc(channel)}/${enc(language)}`;

export const adminMessageKeys = {
  templates: ['admin', 'message-templates'] as const,
  deliveries: (filters: DeliveryFilters) => ['admin', 'message-deliveries', filters] as const,
  allDeliveries: ['admin', 'message-deliveries'] as const,
};

export const adminMessagesApi = {
  templates: (signal?: AbortSignal) => request<TemplateList>('/api/v1/admin/message-templates', { signal }),
  saveTemplate: (kind: MessageKind, channel: MessageChannel, language: MessageLanguage, text: MessageTemplateText) =>
    request<EffectiveTemplate>(templatePath(kind, channel, language), { method: 'PUT', body: text }),
  resetTemplate: (kind: MessageKind, channel: MessageChannel, language: MessageLanguage) =>
    request<void>(templatePath(kind, channel, language), { method: 'DELETE' }),
  preview: (input: { kind: MessageKind; channel: MessageChannel; language: MessageLanguage } & MessageTemplateText, signal?: AbortSignal) =>
    request<Preview>('/api/v1/admin/message-templates/preview', { method: 'POST', body: input, signal }),
  deliveries: (filters: DeliveryFilters, cursor?: string, signal?: AbortSignal) =>
    request<{ items: Delivery[]; nextCursor: string | null }>(`/api/v1/admin/notifications${toQueryString({ ...filters, cursor })}`, { signal }),
  resend: (id: string) =>
    request<Delivery>(`/api/v1/admin/notifications/${enc(id)}/resend`, { method: 'POST', headers: { 'Idempotency-Key': newIdempotencyKey() } }),
};

export const useTemplates = () =>
  useQuery({ queryKey: adminMessageKeys.templates, queryFn: ({ signal }) => adminMessagesApi.templates(signal), staleTime: 0 });

export const useDeliveries = (filters: DeliveryFilters) =>
  useInfiniteQuery({
    queryKey: adminMessageKeys.deliveries(filters),
    queryFn: ({ pageParam, signal }) => adminMessagesApi.deliveries(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
