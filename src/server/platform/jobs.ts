/**
 * Jobs in PostgreSQL through pg-boss, on both engines (PGlite too, through pg-boss's `db` option).
 *
 * A job is written in the same transaction as the state change that causes it (transactional outbox): if the
 * change commits, the job exists; if it rolls back, so does the job. A worker takes one job (pg-boss `fetch`,
 * committed on its own so that a crash leaves the job active until it expires and is retried), then runs the
 * handler and marks the job complete in one transaction: the effect and the completion commit together, so a
 * job whose effect committed is never run again. Handlers also key what they do (automation_runs, dedupe keys),
 * so a job delivered twice by expiry acts once. Failures retry with exponential backoff and stay visible
 * (GET /api/v1/admin/jobs).
 */
import { createRequire } from 'node:module';
import { CompiledQuery, type Kysely } from 'kysely';
import type PgBossType from 'pg-boss';
import type { DB } from '../db/schema.ts';
import type { OwnerExecutor } from '../db/migrate.ts';

const require = createRequire(import.meta.url);
const PgBoss = require('pg-boss') as typeof PgBossType;

export const JOB_SCHEMA = 'pgboss';

/** Every queue, with its retry policy. Created at migration time by the owner (creating one attaches a partition). */
export const QUEUES = {
  /** workflow automations triggered by an application event */
  automation: { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, retentionMinutes: 60 * 24 * 14 },
  /** response documents: render, sign, register as outgoing protocol, deliver */
  'document.issue': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, retentionMinutes: 60 * 24 * 14 },
  /** an event of an application turned into the citizen's messages and the webhooks' deliveries */
  'messaging.event': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, retentionMinutes: 60 * 24 * 7 },
  /**
   * one notification sent on its channel. 5 s doubling, 12 retries: an outage of minutes delays the message,
   * one of hours too; after the last retry the notification is marked failed and an administrator can resend it
   */
  'notification.deliver': { retryLimit: 12, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, retentionMinutes: 60 * 24 * 7 },
  /** one webhook delivery attempt; the next attempt is scheduled by the handler (see messaging/webhooks) */
  'webhook.deliver': { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120, retentionMinutes: 60 * 24 * 7 },
} as const;
export type QueueName = keyof typeof QUEUES;

interface SqlResult {
  rows: unknown[];
}
export interface JobExecutor {
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
}

/** pg-boss's view of a Kysely database or transaction. Parameterless multi-statement text runs as a script. */
export function jobExecutor(db: Kysely<DB>): JobExecutor {
  return {
    executeSql: async (text, values = []) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values as unknown[]));
      return { rows: result.rows as unknown[] };
    },
  };
}

/** Installs (or upgrades) pg-boss's schema and creates the queues, as the owner, inside the migration lock. */
export async function installJobSchema(owner: OwnerExecutor): Promise<void> {
  const [present] = await owner.query<{ table: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.version')::text AS table`);
  const installed = present?.table
    ? ((await owner.query<{ version: number }>(`SELECT version FROM ${JOB_SCHEMA}.version LIMIT 1`))[0]?.version ?? null)
    : null;
  const target = (require('pg-boss/version.json') as { schema: number }).schema;
  if (installed === null) {
    await owner.exec(PgBoss.getConstructionPlans(JOB_SCHEMA));
  } else if (installed < target) {
    await owner.exec(PgBoss.getMigrationPlans(JOB_SCHEMA, installed as never));
  }
  for (const [name, options] of Object.entries(QUEUES)) {
    await owner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2::json)`, [name, JSON.stringify({ policy: 'standard', ...options })]);
  }
  await owner.exec(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO sportello_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO sportello_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO sportello_app;`);
}

export interface JobSummary {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  createdOn: string;
  startAfter: string;
  output: unknown;
}

export type JobHandler<T> = (trx: Kysely<DB>, data: T, job: { id: string; retryCount: number }) => Promise<void>;

export class Jobs {
  private bossInstance: PgBossType | null = null;
  /** where the queue's own failures (maintenance) are told; the app points it at its logger */
  onError: (error: Error) => void = () => undefined;
  private started = false;

  constructor(private readonly db: Kysely<DB>) {}

  private make(maintenance: boolean): PgBossType {
    const boss = new PgBoss({
      db: jobExecutor(this.db),
      schema: JOB_SCHEMA,
      migrate: false,
      // maintenance (expiring jobs whose worker died, archiving) runs in worker processes only
      supervise: maintenance,
      schedule: false,
      maintenanceIntervalSeconds: 60,
    } as PgBossType.ConstructorOptions);
    // pg-boss reports maintenance failures as events: they go to the log, never crash the process
    boss.on('error', (error: Error) => this.onError(error));
    return boss;
  }

  /** Starts the queue; `maintenance` (expiring jobs whose worker died, archiving) in processes that run workers. */
  async start(opts: { maintenance?: boolean } = {}) {
    if (this.started) return;
    this.bossInstance = this.make(opts.maintenance ?? false);
    await this.bossInstance.start();
    this.started = true;
  }

  /** Sending needs no started queue (the web role sends, workers run): a client is made on first use. */
  private get boss(): PgBossType {
    return (this.bossInstance ??= this.make(false));
  }

  async stop() {
    if (!this.started) return;
    this.started = false;
    await this.bossInstance?.stop({ graceful: false, close: false, wait: true, timeout: 1000 });
  }

  /** Writes a job inside the caller's transaction: it exists if and only if the transaction commits. */
  async send<T extends object>(trx: Kysely<DB>, queue: QueueName, data: T, opts: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
    return this.boss.send(queue, data, { ...opts, db: jobExecutor(trx) } as PgBossType.SendOptions);
  }

  /**
   * Runs at most one job of the queue. Returns whether there was one. The handler's work and the completion
   * commit together; if the handler throws, the job is failed and retried later with backoff.
   */
  async runOne<T>(queue: QueueName, handler: JobHandler<T>): Promise<boolean> {
    const fetched = (await this.boss.fetch<T>(queue, { batchSize: 1, includeMetadata: true })) as PgBossType.JobWithMetadata<T>[] | null;
    const job = fetched?.[0];
    if (!job) return false;
    try {
      await this.db.transaction().execute(async (trx) => {
        await handler(trx, job.data, { id: job.id, retryCount: job.retryCount });
        await this.boss.complete(queue, job.id, {}, { db: jobExecutor(trx) } as PgBossType.ConnectionOptions);
      });
    } catch (error) {
      const err = error as Error;
      await this.boss.fail(queue, job.id, { message: err.message, name: err.name });
    }
    return true;
  }

  /**
   * Runs at most one job in two stages, for work that talks to the outside world (mail, webhooks): `outside` runs
   * with no transaction open (a slow peer never holds a connection, and on the embedded database never blocks
   * everyone else), then `inside` records the result and the job completes in one transaction. If either throws,
   * the job is failed and retried with backoff; `outside` must therefore be safe to repeat (idempotency keys).
   */
  async runStaged<T, R>(queue: QueueName, stages: {
    outside: (data: T, job: { id: string; retryCount: number; retryLimit: number }) => Promise<R>;
    inside: (trx: Kysely<DB>, data: T, result: R) => Promise<void>;
  }): Promise<boolean> {
    const fetched = (await this.boss.fetch<T>(queue, { batchSize: 1, includeMetadata: true })) as PgBossType.JobWithMetadata<T>[] | null;
    const job = fetched?.[0];
    if (!job) return false;
    try {
      const result = await stages.outside(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
      await this.db.transaction().execute(async (trx) => {
        await stages.inside(trx, job.data, result);
        await this.boss.complete(queue, job.id, {}, { db: jobExecutor(trx) } as PgBossType.ConnectionOptions);
      });
    } catch (error) {
      const err = error as Error;
      await this.boss.fail(queue, job.id, { message: err.message, name: err.name });
    }
    return true;
  }

  /**
   * Brings the retries of a queue forward to now (an administrator's "retry now" after an outage is fixed). A second
   * in the past: pg-boss fetches jobs whose start_after is strictly before now(), and now() is one per transaction.
   */
  async retryNow(queue: QueueName): Promise<number> {
    const { rows } = await jobExecutor(this.db).executeSql(
      `WITH moved AS (UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE name = $1 AND state = 'retry' AND start_after > now() RETURNING 1)
       SELECT count(*)::int AS n FROM moved`, [queue]);
    return (rows[0] as { n: number }).n;
  }

  /**
   * Fails the jobs whose worker went silent past their expiry (a process that crashed mid-job), so they are
   * retried. Maintenance does this every minute in worker processes; tests call it directly.
   */
  async expireStale(): Promise<void> {
    await (this.boss as unknown as { expire(): Promise<void> }).expire();
  }

  /** Jobs that failed for good or are waiting for a retry: what an administrator must look at. */
  async troubled(limit = 100): Promise<JobSummary[]> {
    const { rows } = await jobExecutor(this.db).executeSql(
      `SELECT id, name, state, retry_count, created_on, start_after, output FROM ${JOB_SCHEMA}.job
       WHERE state IN ('failed', 'retry') ORDER BY created_on DESC LIMIT $1`, [limit]);
    return (rows as { id: string; name: string; state: string; retry_count: number; created_on: Date; start_after: Date; output: unknown }[]).map((r) => ({
      id: r.id, queue: r.name, state: r.state, retryCount: r.retry_count, createdOn: new Date(r.created_on).toISOString(),
      startAfter: new Date(r.start_after).toISOString(), output: r.output,
    }));
  }

  /** Whether a job of the queue whose data has `field` = `value` is still to run (created, waiting a retry, or running). */
  async hasPending(trx: Kysely<DB>, queue: QueueName, field: string, value: string): Promise<boolean> {
    const { rows } = await jobExecutor(trx).executeSql(
      `SELECT 1 FROM ${JOB_SCHEMA}.job WHERE name = $1 AND data->>$2 = $3 AND state < 'completed' LIMIT 1`, [queue, field, value]);
    return rows.length > 0;
  }

  /** How many jobs of a queue are not done yet (tests wait on it). */
  async pending(queue: QueueName): Promise<number> {
    const { rows } = await jobExecutor(this.db).executeSql(
      `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state < 'completed'`, [queue]);
    return (rows[0] as { n: number }).n;
  }
}
