/**
 * The development mailbox: every message any channel sends is kept in dev_mailbox for the /sviluppo/posta page.
 * As a channel of its own it stands in for a channel with no peer configured (development and test only; the
 * configuration refuses it in production). As a recorder it wraps a real adapter and keeps a copy of what the
 * adapter sent.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { inScope } from '../../../platform/tenancy.ts';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel.ts';

/** Keeps a message once per idempotency key (the notification id, with a suffix for each resend). */
async function keep(db: Kysely<DB>, message: OutgoingMessage) {
  await inScope(db, { platform: true }, (t) => t.insertInto('dev_mailbox').values({
    notification_id: message.id.slice(0, 36), idempotency_key: message.id, channel: message.channel, recipient: message.to, subject: message.subject, body: message.body,
  }).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute());
}

/** Delivers into the mailbox only. A repeat of the same message (same id) is kept once. */
export class MailboxChannel implements ChannelAdapter {
  readonly name = 'mailbox';
  constructor(readonly channel: ChannelAdapter['channel'], private readonly db: Kysely<DB>) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    await keep(this.db, message);
    return { status: 'delivered', providerMessageId: `mailbox:${message.id}` };
  }
}

/** Sends with the real adapter, then keeps a copy in the mailbox. */
export class RecordingChannel implements ChannelAdapter {
  readonly channel: ChannelAdapter['channel'];
  readonly name: string;
  constructor(private readonly inner: ChannelAdapter, private readonly db: Kysely<DB>) {
    this.channel = inner.channel;
    this.name = inner.name;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const result = await this.inner.send(message);
    await keep(this.db, message).catch(() => undefined);
    return result;
  }

  close() {
    return this.inner.close?.() ?? Promise.resolve();
  }
}
