/**
 * What happens after something happens to an application: the citizen's messages on the channels they chose,
 * and the deliveries to integrators' webhooks. An event is published in the transaction of the change that
 * caused it (a `messaging.event` job); the job turns it into notifications (one row per recipient and channel,
 * keyed so that a repeat makes none) and webhook deliveries (one per subscription and event), each with its own
 * delivery job. Nothing here sends: delivery.ts and webhooks.ts do, outside any transaction.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_CHANNELS, MESSAGE_KINDS, type MessageChannel, type MessageKind, type MessageLanguage, type WebhookEventType,
} from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { inScope } from '../../platform/tenancy.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import { defaultTemplate, render } from './templates.ts';

/**
 * What happened. Workflow events (contracts/workflow.ts) plus the platform's own: registration with its receipt,
 * a document issued, a message in the thread, a payment of the application confirmed (payments.service.ts).
 * Appointments write their own notifications (appointments.service.ts).
 */
export type MessagingEventName =
  | 'submitted' | 'registered' | 'taken_in_charge' | 'assigned' | 'integration_requested' | 'integration_answered'
  | 'outcome_proposed' | 'visa_granted' | 'visa_refused' | 'approved' | 'rejected' | 'withdrawn' | 'due_soon' | 'overdue' | 'escalated'
  | 'document_issued' | 'message_from_office' | 'message_from_citizen'
  /** a service's own notice to the citizen (a workflow automation): details carry subject, body and channels */
  | 'service_update'
  /** a payment of the application was confirmed: details carry paymentId, noticeNumber, amountCents, purpose */
  | 'payment_completed';

export interface MessagingEvent {
  applicationId: string;
  tenantId: string;
  event: MessagingEventName;
  /** unique per occurrence: notifications and deliveries are keyed by it */
  key: string;
  /** e.g. the document issued ({ documentId, kind }) or the message posted ({ messageId }) */
  details?: Record<string, string>;
  /** when it happened and the status it left (set by publish: the job may run after later changes) */
  at?: string;
  status?: string;
}

/** The status an event leaves the application in (the others leave it as it was). */
const STATUS_AFTER: Partial<Record<MessagingEventName, string>> = {
  submitted: 'submitted', registered: 'registered', taken_in_charge: 'in_progress', integration_requested: 'awaiting_citizen',
  integration_answered: 'in_progress', approved: 'approved', rejected: 'rejected', withdrawn: 'withdrawn',
};

/** One notification to write: the outbox row of one recipient on one channel. */
export interface NotificationRow {
  tenant_id: string;
  application_id: string | null;
  dedupe_key: string;
  recipient_kind: 'citizen' | 'operator' | 'address';
  citizen_id: string | null;
  operator_id: string | null;
  address: string | null;
  fiscal_code?: string | null;
  channel: MessageChannel;
  subject: string;
  body: string;
  status: 'queued' | 'delivered' | 'failed';
  status_reason: string | null;
  kind?: string | null;
  language?: MessageLanguage;
  legal?: boolean;
}

/** The CloudEvents type of an event, and whether the citizen gets a message of some kind from it. */
const EVENT_EFFECTS: Partial<Record<MessagingEventName, { webhook?: WebhookEventType; notice?: MessageKind }>> = {
  submitted: { webhook: 'it.sportello.application.submitted' },
  registered: { webhook: 'it.sportello.application.status_changed', notice: 'receipt' },
  taken_in_charge: { webhook: 'it.sportello.application.status_changed', notice: 'taken_in_charge' },
  integration_requested: { webhook: 'it.sportello.application.status_changed', notice: 'integration_request' },
  integration_answered: { webhook: 'it.sportello.application.status_changed' },
  approved: { webhook: 'it.sportello.application.status_changed' },
  rejected: { webhook: 'it.sportello.application.status_changed' },
  withdrawn: { webhook: 'it.sportello.application.status_changed' },
  document_issued: { webhook: 'it.sportello.document.issued' },
  message_from_office: { webhook: 'it.sportello.application.message_sent', notice: 'thread_message' },
  message_from_citizen: { webhook: 'it.sportello.application.message_sent' },
  service_update: { notice: 'service_update' },
  // the citizen has the payment's own page and receipt: no message, only integrators hear of it
  payment_completed: { webhook: 'it.sportello.payment.completed' },
};

/** A stable UUID from a key: the CloudEvent id of an occurrence, the same however many times it is dispatched. */
export function eventIdOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const itDate = (iso: string | null | undefined, language: MessageLanguage) =>
  iso ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : '';

export interface MessagingOptions {
  publicUrl: string;
  /** the channels that can send in this deployment (configured, or the development mailbox) */
  availableChannels: () => MessageChannel[];
}

export class MessagingService {
  /** told after a transaction that queued deliveries commits, to wake the senders (the app wires it) */
  onQueued: () => void = () => undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    private readonly options: MessagingOptions,
  ) {}

  availableChannels(): MessageChannel[] {
    return this.options.availableChannels();
  }

  /** Publishes an event in the caller's transaction: its messages and webhooks exist if and only if it commits. */
  async publish(trx: Kysely<DB>, event: MessagingEvent): Promise<void> {
    const effects = EVENT_EFFECTS[event.event];
    if (!effects) return;
    await this.jobs.send(trx, 'messaging.event', { ...event, at: event.at ?? clock.now().toISOString(), status: event.status ?? STATUS_AFTER[event.event] });
  }

  /**
   * Writes notifications (skipping any whose key exists) and a delivery job for each new one that leaves the
   * platform, in the caller's transaction. Returns the rows written.
   */
  async enqueue(trx: Kysely<DB>, rows: NotificationRow[]): Promise<{ id: string; channel: MessageChannel; status: string }[]> {
    if (!rows.length) return [];
    const written = await trx.insertInto('notifications').values(rows.map((r) => ({
      ...r, subject: r.subject.slice(0, 300), body: r.body.slice(0, 10000),
    }))).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning(['id', 'channel', 'status']).execute();
    for (const row of written) {
      if (row.channel !== 'inbox' && row.status === 'queued') await this.jobs.send(trx, 'notification.deliver', { notificationId: row.id });
    }
    if (written.some((r) => r.channel !== 'inbox' && r.status === 'queued')) this.onQueued();
    return written;
  }

  /** The job handler of `messaging.event`: the citizen's messages and the webhooks' deliveries of one event. */
  async dispatch(trx: Kysely<DB>, event: MessagingEvent): Promise<void> {
    const effects = EVENT_EFFECTS[event.event];
    if (!effects) return;
    await inScope(trx, { platform: true }, async (t) => {
      const app = await t.selectFrom('applications as a')
        .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
        .innerJoin('services as s', 's.id', 'a.service_id')
        .leftJoin('offices as o', 'o.id', 'a.office_id')
        .select(['a.id', 'a.tenant_id', 'a.service_id', 'a.citizen_id', 'a.code', 'a.status', 'a.protocol_number', 'a.protocol_year', 'a.due_date',
          'tn.name as tenant_name', 's.title as service_title', 'o.name as office_name'])
        .where('a.id', '=', event.applicationId).executeTakeFirst();
      if (!app) return;
      const notice = event.event === 'document_issued' && event.details?.kind === 'response' ? 'outcome' : effects.notice;
      if (notice === 'service_update' && event.details) {
        const { subject = '', body = '', channels = '' } = event.details;
        await this.noticeToCitizen(t, app, notice, event.key, { text: { subject, body }, channels: channels.split(',') as MessageChannel[] });
      } else if (notice) {
        await this.noticeToCitizen(t, app, notice, event.key);
      }
      if (effects.webhook) await this.queueWebhooks(t, app, effects.webhook, event);
    });
  }

  /** Placeholder values of an application for the citizen's messages (no personal data beyond the code). */
  valuesOf(app: { code: string; status: string; protocol_number: number | null; protocol_year: number | null; due_date: string | null; tenant_name: string; service_title: string; office_name: string | null }, language: MessageLanguage): Record<string, string> {
    const en = language === 'en';
    return {
      codice: app.code, servizio: app.service_title, ente: app.tenant_name, ufficio: app.office_name ?? app.tenant_name,
      protocollo: app.protocol_number ? `${formatProtocolNumber(app.protocol_number)}/${app.protocol_year}` : en ? 'being assigned' : 'in corso di assegnazione',
      scadenza: itDate(app.due_date, language),
      esito: app.status === 'approved' ? (en ? 'approved' : 'accolta') : app.status === 'rejected' ? (en ? 'rejected' : 'respinta') : '',
      link: `${this.options.publicUrl}/area-personale/pratiche/${app.code}`,
    };
  }

  /**
   * The citizen's message of a kind, on the inbox and the channels they chose for it; a legal one also goes to
   * their digital domicile (PEC) or, without one, their e-mail, whatever they chose.
   */
  async noticeToCitizen(t: Kysely<DB>, app: Parameters<MessagingService['valuesOf']>[0] & { id: string; tenant_id: string; citizen_id: string },
    kind: MessageKind, key: string, extra: { values?: Record<string, string>; text?: { subject: string; body: string }; channels?: MessageChannel[] } = {}) {
    await this.noticeRows(t, { tenantId: app.tenant_id, applicationId: app.id, citizenId: app.citizen_id }, kind, key,
      { text: extra.text, channels: extra.channels }, (language) => ({ ...this.valuesOf(app, language), ...extra.values }));
  }

  /**
   * A citizen's message whose values the caller gives, in the citizen's language: the same channels and templates
   * as noticeToCitizen, for messages about something else than the application's own state, or about no
   * application at all (a payment notice: payments.service.ts).
   */
  async noticeWithValues(t: Kysely<DB>, to: { tenantId: string; applicationId: string | null; citizenId: string }, kind: MessageKind, key: string,
    values: (language: MessageLanguage) => Record<string, string>) {
    await this.noticeRows(t, to, kind, key, {}, values);
  }

  private async noticeRows(t: Kysely<DB>, to: { tenantId: string; applicationId: string | null; citizenId: string }, kind: MessageKind, key: string,
    extra: { text?: { subject: string; body: string }; channels?: MessageChannel[] }, valuesFor: (language: MessageLanguage) => Record<string, string>) {
    const citizen = await t.selectFrom('citizens').select(['id', 'fiscal_code', 'email', 'phone', 'pec', 'language', 'message_preferences'])
      .where('id', '=', to.citizenId).executeTakeFirst();
    if (!citizen) return;
    const language = citizen.language as MessageLanguage;
    const legal = MESSAGE_KINDS[kind].legal;
    const available = this.availableChannels();
    const chosen = citizen.message_preferences[kind] ?? DEFAULT_CHANNELS;
    const channels = new Set<MessageChannel>(['inbox']);
    for (const c of chosen) if (available.includes(c) && (!extra.channels || extra.channels.includes(c))) channels.add(c);
    if (legal) {
      if (citizen.pec && available.includes('pec')) channels.add('pec');
      else if (citizen.email && available.includes('email')) channels.add('email');
    }
    const overrides = await t.selectFrom('message_templates').selectAll()
      .where('tenant_id', '=', to.tenantId).where('kind', '=', kind).where('language', '=', language).execute();
    const values = valuesFor(language);
    const rows: NotificationRow[] = [];
    for (const channel of channels) {
      const own = overrides.find((o) => o.channel === channel);
      const template = extra.text ?? (own ? { subject: own.subject ?? undefined, body: own.body } : defaultTemplate(kind, channel, language));
      const message = render(template, channel, values, language);
      const address = channel === 'email' ? citizen.email : channel === 'pec' ? citizen.pec : channel === 'sms' ? citizen.phone : channel === 'io' ? citizen.fiscal_code : null;
      const missing = channel !== 'inbox' && !address;
      rows.push({
        tenant_id: to.tenantId, application_id: to.applicationId, dedupe_key: `${key}:${kind}:c:${citizen.id}:${channel}`,
        recipient_kind: 'citizen', citizen_id: citizen.id, operator_id: null, address: channel === 'io' ? null : address ?? null,
        fiscal_code: channel === 'io' ? citizen.fiscal_code : null,
        channel, subject: message.subject ?? message.body.slice(0, 120), body: message.body,
        status: channel === 'inbox' ? 'delivered' : missing ? 'failed' : 'queued',
        status_reason: missing ? MISSING_ADDRESS[channel] ?? 'nessun recapito' : null,
        kind, language, legal,
      });
    }
    await this.enqueue(t, rows);
  }

  /** One delivery per active subscription that listens to the event, for the event's body and service. */
  private async queueWebhooks(t: Kysely<DB>, app: { id: string; tenant_id: string; service_id: string; code: string; status: string; protocol_number: number | null; protocol_year: number | null },
    type: WebhookEventType, event: MessagingEvent) {
    const subscriptions = await t.selectFrom('webhook_subscriptions').select(['id', 'tenant_id', 'service_ids'])
      .where('active', '=', true).where(sql<boolean>`${app.tenant_id}::uuid = ANY (tenant_ids)`)
      .where(sql<boolean>`${type}::text = ANY (events)`).execute();
    // a body leading this one under associated management hears of its events while the association lasts
    const leads = subscriptions.some((s) => s.tenant_id !== app.tenant_id)
      ? (await t.selectFrom('tenant_associations').select('lead_tenant_id').where('member_tenant_id', '=', app.tenant_id).execute()).map((r) => r.lead_tenant_id)
      : [];
    const matching = subscriptions.filter((s) => (s.tenant_id === app.tenant_id || leads.includes(s.tenant_id))
      && (!s.service_ids.length || s.service_ids.includes(app.service_id)));
    if (!matching.length) return;
    const id = eventIdOf(event.key);
    const payload = {
      specversion: '1.0', id, type, source: `${this.options.publicUrl}/api/v1/tenants/${app.tenant_id}`,
      subject: `applications/${app.id}`, time: event.at ?? clock.now().toISOString(), datacontenttype: 'application/json',
      data: {
        applicationId: app.id, code: app.code, tenantId: app.tenant_id, serviceId: app.service_id, status: event.status ?? app.status, event: event.event,
        protocol: app.protocol_number ? { number: formatProtocolNumber(app.protocol_number), year: app.protocol_year } : null,
        ...(event.details ?? {}),
      },
    };
    const written = await t.insertInto('webhook_deliveries').values(matching.map((s) => ({
      tenant_id: s.tenant_id, subscription_id: s.id, event_id: id, event_type: type, payload: JSON.stringify(payload),
    }))).onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing()).returning('id').execute();
    for (const d of written) await this.jobs.send(t, 'webhook.deliver', { deliveryId: d.id });
    if (written.length) this.onQueued();
  }
}

const MISSING_ADDRESS: Partial<Record<MessageChannel, string>> = {
  email: 'nessun indirizzo e-mail nel profilo',
  pec: 'nessun domicilio digitale (PEC) nel profilo',
  sms: 'nessun numero di cellulare nel profilo',
  io: 'codice fiscale mancante',
};
