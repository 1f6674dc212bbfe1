import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Operators, their sessions and API tokens. Lookups before the tenant is known run in the platform scope. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<DB>) {}

  operatorByEmail(email: string) {
    return this.db.selectFrom('operators').selectAll().where('email', '=', email).executeTakeFirst();
  }

  insertOperator(row: { tenantId: string; email: string; name: string; passwordHash: string; roles: string[] }) {
    return this.db
      .insertInto('operators')
      .values({ tenant_id: row.tenantId, email: row.email, name: row.name, password_hash: row.passwordHash, roles: row.roles })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  insertSession(row: { tokenHash: string; operatorId: string; tenantId: string; expiresAt: Date }) {
    return this.db
      .insertInto('operator_sessions')
      .values({ token_hash: row.tokenHash, operator_id: row.operatorId, tenant_id: row.tenantId, expires_at: row.expiresAt })
      .execute();
  }

  sessionOperator(tokenHash: string) {
    return this.db
      .selectFrom('operator_sessions as s')
      .innerJoin('operators as o', 'o.id', 's.operator_id')
      .select(['o.id', 'o.name', 'o.email', 'o.tenant_id', 'o.roles', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', new Date())
      .executeTakeFirst();
  }

  deleteSession(tokenHash: string) {
    return this.db.deleteFrom('operator_sessions').where('token_hash', '=', tokenHash).execute();
  }

  insertToken(row: { tenantId: string; role: string; name: string; tokenHash: string }) {
    return this.db
      .insertInto('api_tokens')
      .values({ tenant_id: row.tenantId, role: row.role, name: row.name, token_hash: row.tokenHash })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  tokenByHash(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'tenant_id', 'role', 'name'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }
}
