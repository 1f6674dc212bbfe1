import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** what stands in an emptied record's name */
export const ANONYMISED = 'Dato cancellato';

/** The retention job's statements; each removes or empties at most `limit` records, oldest first. */
export class RetentionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** today's run: claimed by the first process to insert it; null when another has it or it is done */
  async claimRun(day: string): Promise<boolean> {
    const claimed = await this.db.insertInto('retention_runs').values({ day }).onConflict((oc) => oc.column('day').doNothing())
      .returning('day').executeTakeFirst();
    return !!claimed;
  }

  finishRun(day: string, counts: Record<string, number>, now: Date) {
    return this.db.updateTable('retention_runs').set({ finished_at: now, counts: JSON.stringify(counts) }).where('day', '=', day).execute();
  }

  lastRuns(limit: number) {
    return this.db.selectFrom('retention_runs').selectAll().orderBy('day', 'desc').limit(limit).execute();
  }

  async purgeAbandonedDrafts(cutoff: Date, limit: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT sportello_purge_abandoned_drafts(${cutoff}, ${limit}) AS n`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /** the person's details and the reason go; day, office, service and outcome stay for the desk's figures */
  async anonymiseAppointments(cutoff: Date, limit: number): Promise<number> {
    const r = await this.db.updateTable('appointments')
      .set({ name: ANONYMISED, fiscal_code: null, citizen_id: null, email: null, phone: null, reason: `${ANONYMISED} (conservazione scaduta)` })
      .where('id', 'in', (qb) => qb.selectFrom('appointments').select('id').where('ends_at', '<', cutoff).where('name', '!=', ANONYMISED)
        .orderBy('ends_at').limit(limit))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async deleteIdempotencyKeys(cutoff: Date, limit: number): Promise<number> {
    const r = await this.db.deleteFrom('idempotency_keys')
      .where(sql<boolean>`(actor, key) IN (SELECT actor, key FROM idempotency_keys WHERE created_at < ${cutoff} ORDER BY created_at LIMIT ${limit})`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
