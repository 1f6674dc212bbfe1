import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Whose rows a unit of work may touch: one tenant's, one citizen's (their profile, delegations), or (for
 * seeding, imports, sign-in and system jobs) the platform's.
 */
export type Scope = { tenantId: string } | { citizenId: string; subjectCodes?: readonly string[] } | { platform: true };

/**
 * Runs fn in a transaction whose row-level-security context is the given scope. set_config(…, true) is local
 * to the transaction, so a pooled connection never carries a tenant into the next request.
 */
export async function inScope<T>(db: Kysely<DB>, scope: Scope, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const tenantId = 'tenantId' in scope ? scope.tenantId : '';
  const citizenId = 'citizenId' in scope ? scope.citizenId : '';
  const platform = 'platform' in scope ? 'on' : 'off';
  // the people a citizen acts for as parent or legal representative: their applications are visible too
  const subjectCodes = 'citizenId' in scope ? (scope.subjectCodes ?? []).join(',') : '';
  const enter = async (trx: Transaction<DB>) => {
    await sql`SELECT set_config('sportello.tenant_id', ${tenantId}, true), set_config('sportello.citizen_id', ${citizenId}, true),
      set_config('sportello.platform', ${platform}, true), set_config('sportello.subject_codes', ${subjectCodes}, true)`.execute(trx);
    return fn(trx);
  };
  // Inside a caller's transaction (an idempotent request), the work joins it rather than committing on its own.
  return db.isTransaction ? enter(db as Transaction<DB>) : db.transaction().execute(enter);
}
