/**
 * The channels of a deployment, from its configuration: each configured peer, and in development and test the
 * mailbox (standing in for channels without a peer, and keeping a copy of what the others send).
 */
import type { Kysely } from 'kysely';
import type { MessageChannel } from '../../../../contracts/messaging.ts';
import type { MessagingConfig } from '../../../config.ts';
import type { DB } from '../../../db/schema.ts';
import type { ChannelRegistry } from '../delivery.ts';
import type { ChannelAdapter } from './channel.ts';
import { IoChannel } from './io.ts';
import { MailboxChannel, RecordingChannel } from './mailbox.ts';
import { SmsChannel } from './sms.ts';
import { SmtpChannel } from './smtp.ts';

export function createChannels(config: MessagingConfig, db: Kysely<DB>, publicUrl: string): ChannelRegistry {
  const domain = new URL(publicUrl).hostname || 'sportello.localhost';
  const real: Partial<Record<MessageChannel, ChannelAdapter>> = {};
  if (config.smtpUrl) real.email = new SmtpChannel('email', { url: config.smtpUrl, from: config.mailFrom, messageIdDomain: domain });
  if (config.pecSmtpUrl && config.pecFrom) real.pec = new SmtpChannel('pec', { url: config.pecSmtpUrl, from: config.pecFrom, messageIdDomain: domain });
  if (config.smsUrl && config.smsToken) real.sms = new SmsChannel({ url: config.smsUrl, token: config.smsToken, sender: config.smsSender });
  if (config.ioApiKey) real.io = new IoChannel({ apiUrl: config.ioApiUrl, apiKey: config.ioApiKey });
  const registry: ChannelRegistry = {};
  for (const channel of ['email', 'pec', 'sms', 'io'] as const) {
    const adapter = real[channel];
    if (adapter) registry[channel] = config.devMailbox ? new RecordingChannel(adapter, db) : adapter;
    else if (config.devMailbox) registry[channel] = new MailboxChannel(channel, db);
  }
  return registry;
}

/** The channels a citizen may choose: those that can send here. */
export const availableChannels = (registry: ChannelRegistry): MessageChannel[] =>
  ['inbox', ...(['email', 'pec', 'sms', 'io'] as const).filter((c) => registry[c])];
