/**
 * The daily retention run: once per Italian calendar day, claimed by one process, each rule of retention.rules.ts
 * applied in batches until nothing is left, the counts kept in retention_runs. A failed run is logged and its day
 * stays unfinished; the next day's run catches up, since every rule works on "older than", not "on that day".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import { romeDate } from '../../platform/legal-clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import { RetentionRepository } from './retention.repository.ts';
import { RETENTION_RULES, ruleOf, type RetentionRule } from './retention.rules.ts';

/** records per statement: short transactions, so the job never holds many locks at once */
const BATCH = 500;

export interface RetentionRun {
  day: string;
  counts: Record<string, number>;
}

export class RetentionService {
  constructor(private readonly db: Kysely<DB>) {}

  rules(): RetentionRule[] {
    return RETENTION_RULES;
  }

  /** Today's run if no process has done it yet; null otherwise. */
  async runToday(): Promise<RetentionRun | null> {
    const day = romeDate(clock.now());
    const claimed = await inScope(this.db, { platform: true }, (trx) => new RetentionRepository(trx).claimRun(day));
    if (!claimed) return null;
    const counts = await this.apply(clock.now());
    await inScope(this.db, { platform: true }, (trx) => new RetentionRepository(trx).finishRun(day, counts, clock.now()));
    return { day, counts };
  }

  /** Applies every rule as of `now`; returns how many records each removed or emptied. */
  async apply(now: Date): Promise<Record<string, number>> {
    const before = (kind: string) => new Date(now.getTime() - ruleOf(kind).days! * 86_400_000);
    const steps: [string, (repo: RetentionRepository) => Promise<number>][] = [
      ['abandoned_drafts', (repo) => repo.purgeAbandonedDrafts(before('abandoned_drafts'), BATCH)],
      ['appointments', (repo) => repo.anonymiseAppointments(before('appointments'), BATCH)],
      ['idempotency_keys', (repo) => repo.deleteIdempotencyKeys(before('idempotency_keys'), BATCH)],
    ];
    const counts: Record<string, number> = {};
    for (const [kind, step] of steps) {
      counts[kind] = 0;
      for (;;) {
        const n = await inScope(this.db, { platform: true }, (trx) => step(new RetentionRepository(trx)));
        counts[kind] += n;
        if (n < BATCH) break;
      }
    }
    return counts;
  }
}
