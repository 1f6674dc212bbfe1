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
        .select(['n.id', 'n.channel', 'n.status', 'n.address', 'n.fiscal_code', 'n.subject', 'n.body', 'n.language', 'tn.name as tenant_name'])
        .where('n.id', '=', id).forUpdate('n').executeTakeFirst();
      if (!n || n.status !== 'queued') return null;
      await t.updateTable('notifications').set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: clock.now() })).where('id', '=', id).execute();
      return n;
    });
    if (!row) return { kind: 'skip' };
    const adapter = this.channels()[row.channel];
    if (!adapter) return { kind: 'failed', reason: `canale ${row.channel} non configurato` };
    const to = row.channel === 'io' ? row.fiscal_code : row.address;
    if (!to) return { kind: 'failed', reason: 'nessun recapito' };
    try {
      const result = await adapter.send({
        id: row.id, channel: row.channel, to, subject: row.channel === 'sms' ? null : row.subject, body: row.body,
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
        await t.updateTable('notifications').set({ status: 'failed', status_reason: outcome.reason.slice(0, 500) })
          .where('id', '=', id).where('status', '=', 'queued').execute();
      }
    });
  }

  /** An administrator's resend of a notification (failed, or sent but not received): queued again, same key. */
  async resend(trx: Kysely<DB>, id: string): Promise<void> {
    await trx.updateTable('notifications').set((eb) => ({ status: 'queued', status_reason: null, resent: eb('resent', '+', 1) }))
      .where('id', '=', id).execute();
    await this.jobs.send(trx, 'notification.deliver', { notificationId: id });
  }
}

/** An error as a short reason an administrator can read (never a stack). */
export function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; responseCode?: number; response?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : null, e.message].filter(Boolean);
  return (parts.join(': ') || String(error)).slice(0, 300);
}
