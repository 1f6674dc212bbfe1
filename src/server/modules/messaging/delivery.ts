/**
 * Sends one notification on its channel (the `notification.deliver` job), at least once and in effect once:
 *
 * 1. a short transaction claims the row: it counts the attempt and skips a row already sent or failed;
 * 2. the adapter sends, with no transaction open, carrying the row's id as idempotency key;
 * 3. the result is recorded in the job's completion transaction.
 *
 * A crash between 2 and 3 leaves the row queued with its attempt counted: the job expires and is retried, and the
 * adapter sends again under the same key (same Message-ID, same provider reference), which the receiving side
 * recognises as the same message. A transient failure (peer down) is retried with backoff by the queue; after
 * the last retry, or at once for a permanent failure, the row is marked failed with the reason.
 */
import type { Kysely } from 'kysely';
import type { MessageChannel, MessageLanguage } from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { inScope } from '../../platform/tenancy.ts';
import { PermanentFailure, type ChannelAdapter, type SendResult } from './channels/channel.ts';

export interface DeliveryJob {
  notificationId: string;
}

type Outcome =
  | { kind: 'skip' }
  | { kind: 'sent'; result: SendResult; adapter: string }
  | { kind: 'failed'; reason: string };

export type ChannelRegistry = Partial<Record<MessageChannel, ChannelAdapter>>;

export class NotificationDelivery {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    private readonly channels: () => ChannelRegistry,
  ) {}

  /** Runs one delivery job, if there is one. */
  runOne(): Promise<boolean> {
    return this.jobs.runStaged<DeliveryJob, Outcome>('notification.deliver', {
      outside: (data, job) => this.attempt(data.notificationId, job.retryCount >= job.retryLimit),
      inside: (trx, data, outcome) => this.record(trx, data.notificationId, outcome),
    });
  }

  private async attempt(id: string, lastTry: boolean): Promise<Outcome> {
    const row = await inScope(this.db, { platform: true }, async (t) => {
      const n = await t.selectFrom('notifications as n').innerJoin('tenants as tn', 'tn.id', 'n.tenant_id')
        .select(['n.id', 'n.channel', 'n.status', 'n.status_reason', 'n.address', 'n.fiscal_code', 'n.subject', 'n.body', 'n.language', 'n.recipient_kind',
          'n.citizen_id', 'n.resent', 'tn.name as tenant_name'])
        .where('n.id', '=', id).forUpdate('n').executeTakeFirst();
      if (!n || n.status !== 'queued') return null;
      // the previous attempt began and never told how it went (the process died while sending)
      const interrupted = n.status_reason === IN_FLIGHT;
      if (n.resent > 0 && n.recipient_kind === 'citizen' && n.citizen_id && (n.channel === 'email' || n.channel === 'pec' || n.channel === 'sms')) {
        // a resend goes to the citizen's contact as it is now (they may have added the missing one since)
        const c = await t.selectFrom('citizens').select(['email', 'pec', 'phone']).where('id', '=', n.citizen_id).executeTakeFirst();
        n.address = (n.channel === 'email' ? c?.email : n.channel === 'pec' ? c?.pec : c?.phone) ?? n.address;
      }
      await t.updateTable('notifications').set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: clock.now(), address: n.address, status_reason: IN_FLIGHT }))
        .where('id', '=', id).execute();
      return { ...n, interrupted };
    });
    if (!row) return { kind: 'skip' };
    // IO takes no idempotency key: a message that may have reached it is not sent again on our own (see io.ts)
    if (row.interrupted && row.channel === 'io') return { kind: 'failed', reason: `invio interrotto: ${IO_UNCERTAIN}` };
    const adapter = this.channels()[row.channel];
    if (!adapter) return { kind: 'failed', reason: `canale ${row.channel} non configurato` };
    const to = row.channel === 'io' ? row.fiscal_code : row.address;
    if (!to) return { kind: 'failed', reason: 'nessun recapito' };
    try {
      const result = await adapter.send({
        // each resend is a new message to the receiving side (a provider or mail system that deduplicates by key
        // would otherwise drop it); the retries of one sending share the key
        id: row.resent > 0 ? `${row.id}.r${row.resent}` : row.id,
        channel: row.channel, to, subject: row.channel === 'sms' ? null : row.subject, body: row.body,
        language: (row.language as MessageLanguage) ?? 'it', tenantName: row.tenant_name,
      });
      return { kind: 'sent', result, adapter: adapter.name };
    } catch (error) {
      const reason = describe(error);
      if (error instanceof PermanentFailure) return { kind: 'failed', reason };
      if (lastTry) return { kind: 'failed', reason: `non consegnato dopo tutti i tentativi: ${reason}` };
      // the reason is shown while the retry waits; the throw makes the queue retry with backoff
      await inScope(this.db, { platform: true }, (t) => t.updateTable('notifications').set({ status_reason: `${reason} (nuovo tentativo in corso)` })
        .where('id', '=', id).where('status', '=', 'queued').execute());
      throw error;
    }
  }

  private async record(trx: Kysely<DB>, id: string, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'skip') return;
    await inScope(trx, { platform: true }, async (t) => {
      const now = clock.now();
      if (outcome.kind === 'sent') {
        await t.updateTable('notifications').set({
          status: outcome.result.status, status_reason: null, sent_at: now,
          delivered_at: outcome.result.status === 'delivered' ? now : null,
          provider_message_id: outcome.result.providerMessageId ?? null,
        }).where('id', '=', id).where('status', '=', 'queued').execute();
      } else {
        await t.updateTable('notifications').set({ status: 'failed', status_reason: maskAddresses(outcome.reason).slice(0, 500) })
          .where('id', '=', id).where('status', '=', 'queued').execute();
      }
    });
  }

  /** Whether a delivery of the notification is still to run: a row queued without one is stuck and may be resent. */
  hasPendingDelivery(trx: Kysely<DB>, id: string): Promise<boolean> {
    return this.jobs.hasPending(trx, 'notification.deliver', 'notificationId', id);
  }

  /** An administrator's resend of a notification (failed, or sent but not received): queued again, same key. */
  async resend(trx: Kysely<DB>, id: string): Promise<void> {
    await trx.updateTable('notifications').set((eb) => ({ status: 'queued', status_reason: null, resent: eb('resent', '+', 1) }))
      .where('id', '=', id).execute();
    await this.jobs.send(trx, 'notification.deliver', { notificationId: id });
  }
}

/** Written on a row while its sending is under way: a retry that finds it knows the attempt was interrupted. */
const IN_FLIGHT = 'invio in corso';
const IO_UNCERTAIN = 'il messaggio potrebbe essere arrivato in IO; verifica prima di reinviarlo';

/**
 * An error as a short reason an administrator can read (never a stack). Addresses are masked: the deliveries list
 * masks the recipient, and the reason must not give it back (peers quote it in their refusals).
 */
export function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; responseCode?: number; response?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : null, e.message].filter(Boolean);
  return maskAddresses(parts.join(': ') || String(error)).slice(0, 300);
}

/** m***@example.it for every e-mail address in a text; long digit runs (phone numbers) keep their last three digits. */
export function maskAddresses(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, '$1***@$2')
    .replace(/\+?\d[\d ]{5,}(\d{3})/g, '***$1');
}
