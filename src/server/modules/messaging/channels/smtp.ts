/**
 * E-mail and PEC by SMTP (nodemailer). The notification's id becomes the Message-ID, so a message sent again after
 * a crash is the same message to every mail system that deduplicates by it (and to the citizen's client).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentFailure, type ChannelAdapter, type OutgoingMessage, type SendResult } from './channel.ts';

export interface SmtpOptions {
  url: string;
  from: string;
  /** the domain of the Message-ID (the public host) */
  messageIdDomain: string;
}

export class SmtpChannel implements ChannelAdapter {
  readonly name: string;
  private readonly transport: Transporter;

  constructor(readonly channel: 'email' | 'pec', private readonly options: SmtpOptions) {
    this.name = channel === 'pec' ? 'pec-smtp' : 'smtp';
    // short timeouts: a peer that is down fails the attempt quickly and the queue retries later
    this.transport = nodemailer.createTransport(options.url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.body,
        messageId: `<${message.id}@${this.options.messageIdDomain}>`,
        headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
      });
      if (info.rejected?.length && !info.accepted?.length) throw new PermanentFailure(`indirizzo rifiutato dal server di posta: ${message.to}`);
      return { status: 'sent', providerMessageId: info.messageId };
    } catch (error) {
      // 5xx answers are permanent (no such mailbox, message refused); connection errors and 4xx are transient
      // (a refused login is the deployment's to fix, not the message's: it is retried until someone does)
      const { responseCode: code, code: kind } = error as { responseCode?: number; code?: string };
      if (error instanceof PermanentFailure) throw error;
      if (kind === 'EAUTH') throw new Error(`il server di posta ha rifiutato le credenziali di ${this.channel === 'pec' ? 'PEC_SMTP_URL' : 'SMTP_URL'} (${(error as Error).message})`.slice(0, 300));
      if (code && code >= 500 && code < 600) throw new PermanentFailure(`SMTP ${code}: ${(error as Error).message}`.slice(0, 300));
      if (kind === 'EENVELOPE') throw new PermanentFailure(`indirizzo non valido: ${(error as Error).message}`.slice(0, 300));
      if (!code && UNREACHABLE.has(kind ?? '')) throw unreachable(this.name === 'pec-smtp' ? 'il server PEC' : 'il server di posta', error);
      throw error;
    }
  }

  async close() {
    this.transport.close();
  }
}

/** Nodemailer's codes for a connection that never got as far as an SMTP answer. */
const UNREACHABLE = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EGREETING', 'ECONNREFUSED', 'ECONNRESET']);

/** Nodemailer's errors before any SMTP answer (refused, timed out, TLS) as a reason an administrator can read. */
function unreachable(peer: string, error: unknown): Error {
  const e = error as { code?: string; message?: string };
  const timedOut = e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '');
  const said = `${peer} ${timedOut ? 'non ha risposto in tempo' : 'non è raggiungibile'} (${e.message ?? e.code ?? String(error)})`;
  return new Error(said.slice(0, 300));
}
