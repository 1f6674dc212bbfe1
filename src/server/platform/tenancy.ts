import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Whose rows a unit of work may write: one tenant's, or (for seeding, imports, system jobs) the platform's. */
export type Scope = { tenantId: string } | { platform: true };

/**
 * Runs fn in a transaction whose row-level-security context is the given scope. set_config(…, true) is local
 * to the transaction, so a pooled connection never carries a tenant into the next request.
 */
export async function inScope<T>(db: Kysely<DB>, scope: Scope, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const tenantId = 'tenantId' in scope ? scope.tenantId : '';
  const platform = 'platform' in scope ? 'on' : 'off';
  const enter = async (trx: Transaction<DB>) => {
    await sql`SELECT set_config('sportello.tenant_id', ${tenantId}, true), set_config('sportello.platform', ${platform}, true)`.execute(trx);
    return fn(trx);
  };
  // Inside a caller's transaction (an idempotent request), the work joins it rather than committing on its own.
  return db.isTransaction ? enter(db as Transaction<DB>) : db.transaction().execute(enter);
}
