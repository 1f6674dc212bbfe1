import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ROLES, type Actor, type RoleName } from '../../platform/access.ts';
import { badRequest, unauthorized } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import { IdentityRepository } from './identity.repository.ts';

export const SESSION_COOKIE = 'sportello_session';
export const SESSION_HOURS = 8;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A hash to verify against when the e-mail is unknown, so that timing does not reveal which e-mails exist. */
let decoyHash: Promise<string> | undefined;

/** Operator accounts (argon2id passwords), their sessions, and integrators' API tokens (stored hashed). */
export class IdentityService {
  constructor(private readonly db: Kysely<DB>) {}

  private platform<T>(fn: (repo: IdentityRepository) => Promise<T>) {
    return inScope(this.db, { platform: true }, (trx) => fn(new IdentityRepository(trx)));
  }

  async createOperator(input: { tenantId: string; email: string; name: string; password: string; roles: RoleName[] }) {
    const passwordHash = await hash(input.password);
    return this.platform((repo) =>
      repo.insertOperator({ tenantId: input.tenantId, email: input.email.toLowerCase(), name: input.name, passwordHash, roles: input.roles }),
    );
  }

  /** Checks the password and opens a session; the same answer whether the e-mail or the password is wrong. */
  async login(email: string, password: string): Promise<{ token: string; expiresAt: Date }> {
    const op = await this.platform((repo) => repo.operatorByEmail(email.trim().toLowerCase()));
    decoyHash ??= hash(randomBytes(16).toString('hex'));
    const ok = op ? await verify(op.password_hash, password) : (await verify(await decoyHash, password), false);
    if (!op || !ok) throw unauthorized('E-mail o password non corretti. (Wrong e-mail or password.)');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
    await this.platform((repo) => repo.insertSession({ tokenHash: sha256(token), operatorId: op.id, tenantId: op.tenant_id, expiresAt }));
    return { token, expiresAt };
  }

  async logout(token: string) {
    await this.platform((repo) => repo.deleteSession(sha256(token)));
  }

  async actorFromSession(token: string): Promise<(Actor & { email: string }) | null> {
    const row = await this.platform((repo) => repo.sessionOperator(sha256(token)));
    if (!row) return null;
    return { kind: 'operator', id: row.id, name: row.name, email: row.email, tenantId: row.tenant_id, roles: row.roles as RoleName[] };
  }

  async actorFromToken(token: string): Promise<Actor | null> {
    const row = await this.platform((repo) => repo.tokenByHash(sha256(token)));
    if (!row) return null;
    return { kind: 'token', id: row.id, name: row.name, tenantId: row.tenant_id, roles: [row.role as RoleName] };
  }

  /** `sportello token create`: the token is shown once; only its hash is kept. */
  async createToken(tenantId: string, role: string, name: string) {
    if (!(ROLES as readonly string[]).includes(role)) throw badRequest(`Ruolo sconosciuto "${role}"; usa uno di: ${ROLES.join(', ')}`);
    const token = `spt_${randomBytes(32).toString('base64url')}`;
    const { id } = await this.platform((repo) => repo.insertToken({ tenantId, role, name, tokenHash: sha256(token) }));
    return { id, token };
  }
}
