import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RoleGrant, StaffRole, Subject } from '../../platform/access.ts';

/** A session row joined with the person behind it, the operator's role grants and the tenants they serve. */
export interface SessionRow {
  kind: 'citizen' | 'operator';
  auth_method: string;
  auth_level: string | null;
  acting_for: StoredSubject;
  id_token: string | null;
  last_seen_at: Date;
  expires_at: Date;
  citizen_id: string | null;
  fiscal_code: string | null;
  citizen_name: string | null;
  operator_id: string | null;
  operator_name: string | null;
  operator_email: string | null;
  tenant_id: string | null;
  grants: RoleGrant[] | null;
  served: string[] | null;
}

/** The subject kept in the session: resolved when chosen; a delegation's end date is checked on every request. */
export type StoredSubject = Subject & { validUntil?: string };

const grantsJson = (operatorId: ReturnType<typeof sql>) => sql<RoleGrant[]>`(
  SELECT coalesce(json_agg(json_build_object('role', r.role, 'officeId', r.office_id, 'comuni', r.comuni,
    'sectors', r.sectors, 'targetAreas', r.target_areas, 'reserved', r.social_reserved)), '[]'::json)
  FROM operator_roles r WHERE r.operator_id = ${operatorId})`;

/** Operators, citizens, sessions, OpenID logins and API tokens. Sign-in lookups run in the platform scope. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<DB>) {}

  operatorByEmail(email: string) {
    return this.db.selectFrom('operators').selectAll().where('email', '=', email).executeTakeFirst();
  }

  operatorByFiscalCode(fiscalCode: string) {
    return this.db.selectFrom('operators').selectAll().where('fiscal_code', '=', fiscalCode).executeTakeFirst();
  }

  operatorById(id: string) {
    return this.db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
  }

  grantsOf(operatorId: string) {
    return this.db.selectFrom('operator_roles').select(['role']).where('operator_id', '=', operatorId).execute();
  }

  insertOperator(row: { tenantId: string; email: string; name: string; passwordHash: string; fiscalCode?: string | null; mustChangePassword?: boolean }) {
    return this.db
      .insertInto('operators')
      .values({ tenant_id: row.tenantId, email: row.email, name: row.name, password_hash: row.passwordHash, fiscal_code: row.fiscalCode ?? null,
        password_must_change: row.mustChangePassword ?? false })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  insertGrant(row: { tenantId: string; operatorId: string; role: StaffRole; officeId?: string | null; createdBy: string;
    comuni?: string[]; sectors?: string[]; targetAreas?: string[] }) {
    return this.db
      .insertInto('operator_roles')
      .values({
        tenant_id: row.tenantId, operator_id: row.operatorId, role: row.role, office_id: row.officeId ?? null, created_by: row.createdBy,
        comuni: row.comuni ?? [], sectors: row.sectors ?? [], target_areas: row.targetAreas ?? [],
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  /** Counts a failed password or code; from the `lockAfter`-th in a row the account is locked until `lockUntil`. */
  recordFailure(operatorId: string, lockAfter: number, lockUntil: Date) {
    return this.db
      .updateTable('operators')
      // a lock that has run out starts the count again: one typo after it must not lock the account once more
      .set(() => ({
        failed_logins: sql<number>`CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END`,
        locked_until: sql<Date | null>`CASE
          WHEN locked_until <= now() THEN NULL
          WHEN failed_logins + 1 >= ${lockAfter} THEN ${lockUntil}::timestamptz
          ELSE locked_until END`,
      }))
      .where('id', '=', operatorId)
      .returning(['failed_logins', 'locked_until'])
      .executeTakeFirstOrThrow();
  }

  recordLogin(operatorId: string) {
    return this.db
      .updateTable('operators')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', operatorId)
      .execute();
  }

  /**
   * Replaces the password, only if it is still the one read a moment ago (`previousHash`): of two changes racing
   * with the same proof, one wins. Clears the must-change flag and the failed attempts.
   */
  setPassword(operatorId: string, previousHash: string, passwordHash: string) {
    return this.db
      .updateTable('operators')
      .set({ password_hash: passwordHash, password_must_change: false, password_changed_at: new Date(), failed_logins: 0, locked_until: null })
      .where('id', '=', operatorId)
      .where('password_hash', '=', previousHash)
      .executeTakeFirst();
  }

  /** Ends an operator's sessions except the one whose token hash is given (the one making the change). */
  deleteOtherOperatorSessions(operatorId: string, keepTokenHash: string) {
    return this.db.deleteFrom('sessions').where('operator_id', '=', operatorId).where('token_hash', '!=', keepTokenHash).execute();
  }

  /** Stores the sealed TOTP secret; `enabled` once the first code has been confirmed. */
  setTotp(operatorId: string, sealedSecret: string | null, enabled: boolean) {
    return this.db
      .updateTable('operators')
      .set({ totp_secret: sealedSecret, totp_enabled_at: enabled ? new Date() : null, totp_last_step: null })
      .where('id', '=', operatorId)
      .execute();
  }

  /** Remembers the last accepted TOTP time step, only if it is newer: a code is good once. */
  useTotpStep(operatorId: string, step: number) {
    return this.db
      .updateTable('operators')
      .set({ totp_last_step: step })
      .where('id', '=', operatorId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .executeTakeFirst();
  }

  upsertCitizen(row: { fiscalCode: string; givenName: string; familyName: string; birthDate: string | null; birthPlace: string | null;
    email: string | null; phone: string | null; address: string | null }) {
    const values = {
      fiscal_code: row.fiscalCode, given_name: row.givenName, family_name: row.familyName, birth_date: row.birthDate,
      birth_place: row.birthPlace, email: row.email, phone: row.phone, address: row.address, last_login_at: new Date(),
    };
    return this.db
      .insertInto('citizens')
      .values(values)
      // the identity attributes follow the provider; the contacts are the citizen's own once given (the provider's
      // only fill a blank): a number the citizen saved survives the next login, and so does one they deleted
      // (a blank the citizen made, *_source = 'citizen', is theirs too)
      .onConflict((oc) => oc.column('fiscal_code').doUpdateSet(() => ({
        ...values,
        email: sql<string | null>`CASE WHEN citizens.email_source = 'citizen' THEN citizens.email ELSE coalesce(citizens.email, excluded.email) END`,
        phone: sql<string | null>`CASE WHEN citizens.phone_source = 'citizen' THEN citizens.phone ELSE coalesce(citizens.phone, excluded.phone) END`,
      })))
      .returning(['id'])
      .executeTakeFirstOrThrow();
  }

  citizenById(id: string) {
    return this.db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertSession(row: { tokenHash: string; kind: 'citizen' | 'operator'; citizenId?: string; operatorId?: string; tenantId?: string;
    authMethod: string; authLevel: string | null; actingFor?: StoredSubject; idToken?: string | null; expiresAt: Date }) {
    return this.db
      .insertInto('sessions')
      .values({
        token_hash: row.tokenHash, kind: row.kind, citizen_id: row.citizenId ?? null, operator_id: row.operatorId ?? null,
        tenant_id: row.tenantId ?? null, auth_method: row.authMethod, auth_level: row.authLevel,
        ...(row.actingFor ? { acting_for: JSON.stringify(row.actingFor) } : {}), id_token: row.idToken ?? null, expires_at: row.expiresAt,
      })
      .execute();
  }

  /** The live session for a token hash: not past its absolute end, not idle longer than `idleSince` allows. */
  liveSession(tokenHash: string, idleSince: Date): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions as s')
      .leftJoin('citizens as c', 'c.id', 's.citizen_id')
      .leftJoin('operators as o', 'o.id', 's.operator_id')
      .select([
        's.kind', 's.auth_method', 's.auth_level', 's.acting_for', 's.id_token', 's.last_seen_at', 's.expires_at', 's.citizen_id',
        'c.fiscal_code', sql<string | null>`c.given_name || ' ' || c.family_name`.as('citizen_name'),
        's.operator_id', 'o.name as operator_name', 'o.email as operator_email', 's.tenant_id',
        sql<RoleGrant[] | null>`CASE WHEN s.operator_id IS NULL THEN NULL ELSE ${grantsJson(sql.ref('s.operator_id'))} END`.as('grants'),
        sql<string[] | null>`(SELECT array_agg(a.member_tenant_id) FROM tenant_associations a WHERE a.lead_tenant_id = s.tenant_id)`.as('served'),
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', new Date())
      .where('s.last_seen_at', '>', idleSince)
      .where((eb) => eb.or([eb('s.operator_id', 'is', null), eb('o.disabled_at', 'is', null)]))
      .executeTakeFirst() as Promise<SessionRow | undefined>;
  }

  touchSession(tokenHash: string) {
    return this.db.updateTable('sessions').set({ last_seen_at: new Date() }).where('token_hash', '=', tokenHash).execute();
  }

  setActingFor(tokenHash: string, subject: StoredSubject) {
    return this.db.updateTable('sessions').set({ acting_for: JSON.stringify(subject) }).where('token_hash', '=', tokenHash).execute();
  }

  /** Sessions acting through a delegation go back to acting for the citizen themselves when it is revoked. */
  resetActingForDelegation(delegationId: string) {
    return this.db
      .updateTable('sessions')
      .set({ acting_for: sql`jsonb_build_object('kind', 'self')` as never })
      .where(sql`acting_for->>'kind'`, '=', 'delegation')
      .where(sql`acting_for->>'id'`, '=', delegationId)
      .execute();
  }

  deleteSession(tokenHash: string) {
    return this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning(['kind', 'citizen_id', 'operator_id', 'tenant_id', 'id_token', 'acting_for']).executeTakeFirst();
  }

  deleteOperatorSessions(operatorId: string) {
    return this.db.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
  }

  deleteExpired(now: Date) {
    return Promise.all([
      this.db.deleteFrom('sessions').where('expires_at', '<', now).execute(),
      this.db.deleteFrom('oidc_logins').where('expires_at', '<', now).execute(),
    ]);
  }

  insertOidcLogin(row: { stateHash: string; codeVerifier: string; nonce: string; audience: 'citizen' | 'operator'; method: string;
    level: string; returnTo: string; expiresAt: Date }) {
    return this.db
      .insertInto('oidc_logins')
      .values({
        state_hash: row.stateHash, code_verifier: row.codeVerifier, nonce: row.nonce, audience: row.audience, method: row.method,
        level: row.level, return_to: row.returnTo, expires_at: row.expiresAt,
      })
      .execute();
  }

  /** Takes a login in flight, once: a replayed callback finds nothing. */
  takeOidcLogin(stateHash: string) {
    return this.db.deleteFrom('oidc_logins').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
  }

  insertToken(row: { tenantId: string; role: string; name: string; tokenHash: string; expiresAt: Date | null; createdBy: string }) {
    return this.db
      .insertInto('api_tokens')
      .values({ tenant_id: row.tenantId, role: row.role, name: row.name, token_hash: row.tokenHash, expires_at: row.expiresAt, created_by: row.createdBy })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
  }

  tokenByHash(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens as t')
      .select(['t.id', 't.tenant_id', 't.role', 't.name', 't.last_used_at',
        sql<string[] | null>`(SELECT array_agg(a.member_tenant_id) FROM tenant_associations a WHERE a.lead_tenant_id = t.tenant_id)`.as('served')])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
      .executeTakeFirst();
  }

  markTokenUsed(id: string) {
    return this.db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
  }

  listTokens(tenantId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'tenant_id', 'role', 'name', 'created_at', 'created_by', 'expires_at', 'revoked_at', 'revoked_by', 'last_used_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
  }

  revokeToken(id: string, tenantId: string, by: string) {
    return this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date(), revoked_by: by })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .returning(['id'])
      .executeTakeFirst();
  }

  tokenInTenant(id: string, tenantId: string) {
    return this.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  }
}
