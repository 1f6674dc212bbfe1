/**
 * The citizen's messages as the portal uses them: the personal-area inbox (/api/v1/me/notifications), the
 * contact preferences (/api/v1/me/preferences) and, in development, the mailbox of every message sent.
 */
import { useQuery } from '@tanstack/react-query';
import { request, toQueryString } from '../../api/client';
import type { MessageChannel, MessageKind, MessageLanguage, MyPreferences } from '../../../contracts/messaging';

export interface InboxMessage {
  id: string;
  subject: string;
  body: string;
  applicationId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  items: InboxMessage[];
  unread: number;
}

export interface PreferencesInput {
  language: MessageLanguage;
  contacts: { email: string | null; phone: string | null; pec: string | null };
  channels: Partial<Record<MessageKind, MessageChannel[]>>;
}

export interface MailboxMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  sentAt: string;
}

/** Under ['me', …]: signing in or out (which invalidates ['me']) refreshes these too. */
export const messageKeys = {
  inbox: ['me', 'notifications'] as const,
  preferences: ['me', 'preferences'] as const,
  mailbox: ['dev', 'mailbox'] as const,
};

export const messagesApi = {
  inbox: (signal?: AbortSignal) => request<Inbox>('/api/v1/me/notifications', { signal }),
  /** without ids: every message in the inbox */
  markRead: (ids?: string[]) => request<void>('/api/v1/me/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
  preferences: (signal?: AbortSignal) => request<MyPreferences>('/api/v1/me/preferences', { signal }),
  savePreferences: (input: PreferencesInput) => request<MyPreferences>('/api/v1/me/preferences', { method: 'PUT', body: input }),
  mailbox: (cursor?: string, signal?: AbortSignal) =>
    request<{ items: MailboxMessage[]; nextCursor: string | null }>(`/api/v1/dev/mailbox${toQueryString({ cursor })}`, { signal }),
};

/** The inbox of the signed-in citizen (only asked for when `enabled`). */
export const useInbox = (enabled = true) =>
  useQuery({ queryKey: messageKeys.inbox, queryFn: ({ signal }) => messagesApi.inbox(signal), enabled, staleTime: 0 });
