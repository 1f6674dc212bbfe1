/**
 * One interface for every way a message leaves the platform. An adapter sends one message and says how it went;
 * the delivery job (messaging/delivery.ts) owns retries, states and idempotency around it.
 */
import type { MessageChannel, MessageLanguage } from '../../../../contracts/messaging.ts';

export interface OutgoingMessage {
  /**
   * The notification's id: the idempotency key. A message sent again after a crash carries the same one, so that
   * the receiving side can tell a repeat from a new message (Message-ID for mail, the provider's reference for SMS).
   */
  id: string;
  channel: MessageChannel;
  /** e-mail or PEC address, phone number (E.164), or for IO the fiscal code */
  to: string;
  subject: string | null;
  body: string;
  language: MessageLanguage;
  /** the sending body, for the sender name */
  tenantName: string;
}

export interface SendResult {
  /** `delivered` when the channel confirms delivery at once (the inbox, the development mailbox); else `sent` */
  status: 'sent' | 'delivered';
  /** the provider's id of the message, to match later delivery reports */
  providerMessageId?: string;
}

/**
 * A failure that will not go away by retrying (no such address, the citizen turned the body's messages off in
 * IO, a message the provider refuses): the notification is marked failed at once, with this message as reason.
 * Any other error is taken as transient (peer down, timeout) and retried with backoff.
 */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

export interface ChannelAdapter {
  readonly channel: MessageChannel;
  /** a name for the log and the administrator's view: "smtp", "io", "mailbox" … */
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}
