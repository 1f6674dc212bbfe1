import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict } from './errors.ts';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * Runs a creating request at most once per (actor, Idempotency-Key): the key is reserved before the work, the
 * answer stored after it, and a retry gets the stored answer. A key reused with another body is refused.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  actorKey: string,
  key: string | undefined,
  request: unknown,
  work: () => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (key === undefined) return { ...(await work()), replayed: false };
  if (!KEY_RE.test(key)) {
    throw badRequest("L'intestazione Idempotency-Key deve avere da 8 a 100 caratteri tra lettere, cifre e _ . : - (invalid Idempotency-Key)");
  }
  const requestHash = createHash('sha256').update(JSON.stringify(request ?? null)).digest('hex');
  const reserved = await db
    .insertInto('idempotency_keys')
    .values({ actor: actorKey, key, request_hash: requestHash, status_code: 0, body: 'null' })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!reserved) {
    const prior = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('actor', '=', actorKey)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) {
      throw conflict('Questa Idempotency-Key è già stata usata per una richiesta diversa: usane una nuova. (Key reused with another body.)');
    }
    if (prior.status_code === 0) {
      throw conflict('Una richiesta con questa Idempotency-Key è ancora in corso: riprova tra poco. (Request in progress.)');
    }
    return { status: prior.status_code, body: prior.body as T, replayed: true };
  }
  try {
    const result = await work();
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, body: JSON.stringify(result.body) })
      .where('actor', '=', actorKey)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  } catch (err) {
    // Failed work is not remembered: the client may fix the request and retry with the same key.
    await db.deleteFrom('idempotency_keys').where('actor', '=', actorKey).where('key', '=', key).execute();
    throw err;
  }
}
