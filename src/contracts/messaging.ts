/**
 * Messages to citizens and offices, the thread on an application ("filo diretto") and webhooks for integrators.
 * Shared by server and web: the kinds, channels, languages and placeholders a template may use, and the rules a
 * template must keep (channel lengths, no personal data outside the personal area).
 */

/** Where a message goes. `inbox` is the personal area (always written); `pec` is the citizen's digital domicile. */
export const MESSAGE_CHANNELS = ['inbox', 'email', 'pec', 'sms', 'io'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Channels that leave the platform: what they carry is minimised (no names, no motivations). */
export const EXTERNAL_CHANNELS: MessageChannel[] = ['email', 'pec', 'sms', 'io'];

export const MESSAGE_LANGUAGES = ['it', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/**
 * The kinds of message a citizen receives. `legal` ones must reach the citizen by law (receipt, start of the
 * procedure, request for integration, outcome: L. 241/1990 arts. 8, 10-bis, 18-bis): they always go to the inbox
 * and to the digital domicile (PEC) or, without one, the e-mail address, whatever the preferences say.
 */
export const MESSAGE_KINDS = {
  receipt: { legal: true },
  taken_in_charge: { legal: true },
  integration_request: { legal: true },
  outcome: { legal: true },
  /** a new message from the office in the thread of an application */
  thread_message: { legal: false },
  /** a service's own notice, configured as an automation of its workflow */
  service_update: { legal: false },
  appointment_confirmed: { legal: false },
  appointment_reminder: { legal: false },
  payment_notice: { legal: false },
} as const;
export type MessageKind = keyof typeof MESSAGE_KINDS;
export const MESSAGE_KIND_IDS = Object.keys(MESSAGE_KINDS) as MessageKind[];

/** Placeholders of citizen message templates, written {{name}}. None of them is personal data beyond the code. */
export const MESSAGE_PLACEHOLDERS = ['codice', 'servizio', 'ente', 'ufficio', 'protocollo', 'scadenza', 'esito', 'link', 'data', 'ora', 'importo', 'avviso'] as const;
export type MessagePlaceholder = (typeof MESSAGE_PLACEHOLDERS)[number];

/** Placeholders that would carry personal data out of the personal area: refused in external channels' templates. */
export const PERSONAL_PLACEHOLDERS = ['richiedente', 'motivazione', 'codicefiscale', 'nome', 'cognome'];

/** Limits per channel. IO: subject 10–120 characters, markdown 80–10000 (IO messages API). */
export const CHANNEL_LIMITS: Record<MessageChannel, { subject?: [number, number]; body: [number, number] }> = {
  inbox: { subject: [1, 200], body: [1, 5000] },
  email: { subject: [1, 200], body: [1, 10000] },
  pec: { subject: [1, 200], body: [1, 10000] },
  sms: { body: [1, 459] },
  io: { subject: [10, 120], body: [80, 10000] },
};

/** Delivery states as an administrator sees them. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface MessageTemplateText {
  /** absent for SMS */
  subject?: string;
  body: string;
}

/** A template as the administrator sees it: the body's own, or the product's default. */
export interface EffectiveTemplate extends MessageTemplateText {
  kind: MessageKind;
  channel: MessageChannel;
  language: MessageLanguage;
  /** true when the body has not written its own */
  isDefault: boolean;
  updatedAt: string | null;
}

/** The citizen's choice: per kind, the channels besides the inbox. A kind not listed uses DEFAULT_CHANNELS. */
export type MessagePreferences = Partial<Record<MessageKind, MessageChannel[]>>;
export const DEFAULT_CHANNELS: MessageChannel[] = ['email'];

export interface MyPreferences {
  language: MessageLanguage;
  contacts: { email: string | null; phone: string | null; pec: string | null };
  /** per kind, the channels chosen (inbox is always on) */
  channels: Record<MessageKind, MessageChannel[]>;
  /** the channels this deployment can send on */
  available: MessageChannel[];
  /** the kinds that reach you by law whatever you choose */
  legal: MessageKind[];
}

/** A message in an application's thread. */
export interface ThreadMessage {
  id: string;
  author: 'citizen' | 'office';
  /** the office's name for office messages (the operator's name is not shown to the citizen) */
  authorLabel: string;
  body: string;
  at: string;
  /** when the other side opened the thread after this message; null = not read yet */
  readAt: string | null;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
}

export interface ReplyTemplate {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

/** Event types delivered to webhooks (CloudEvents `type`). */
export const WEBHOOK_EVENTS = [
  'it.sportello.application.submitted',
  'it.sportello.application.status_changed',
  'it.sportello.application.message_sent',
  'it.sportello.document.issued',
  'it.sportello.payment.completed',
  'it.sportello.appointment.booked',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookSubscription {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  /** bodies whose events are delivered (the owner's own, and bodies it leads under associated management) */
  tenantIds: string[];
  /** empty: every service */
  serviceIds: string[];
  active: boolean;
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
}

/** How long a failing webhook delivery is retried before it is given up (the issue asks for a day). */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The wait before retry n (1-based): 30 s doubling, at most an hour; about 30 attempts in a day. */
export function webhookRetryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 60 * 60 * 1000);
}
