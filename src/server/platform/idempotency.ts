import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict } from './errors.ts';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * Runs a creating request at most once per (actor, Idempotency-Key). The key, the work and the stored answer
 * commit in one transaction: a failure anywhere leaves nothing (the retry does the work once), and a retry while
 * the first is still running waits on the key's row, then gets the stored answer. A key reused with another
 * body is refused. `work` must do all its writes through the executor it is given.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  actorKey: string,
  key: string | undefined,
  request: unknown,
  work: (executor: Kysely<DB>) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (key === undefined) return { ...(await work(db)), replayed: false };
  if (!KEY_RE.test(key)) {
    throw badRequest("L'intestazione Idempotency-Key deve avere da 8 a 100 caratteri tra lettere, cifre e _ . : - (invalid Idempotency-Key)");
  }
  const requestHash = createHash('sha256').update(JSON.stringify(request ?? null)).digest('hex');
  return db.transaction().execute(async (trx) => {
    // Blocks while another transaction holds the same key, until it commits or rolls back.
    const reserved = await trx
      .insertInto('idempotency_keys')
      .values({ actor: actorKey, key, request_hash: requestHash, status_code: 0, body: 'null' })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!reserved) {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('actor', '=', actorKey)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) {
        throw conflict('Questa Idempotency-Key è già stata usata per una richiesta diversa: usane una nuova. (Key reused with another body.)');
      }
      return { status: prior.status_code, body: prior.body as T, replayed: true };
    }
    const result = await work(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, body: JSON.stringify(result.body) })
      .where('actor', '=', actorKey)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
}
