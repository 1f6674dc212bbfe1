import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { isValidFiscalCode } from '../../../contracts/fiscal-code.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import {
  levelRank, SPID_LEVELS, STAFF_ROLES, TOTP_REQUIRED_ROLES,
  type Actor, type CitizenActor, type RoleGrant, type SpidLevel, type StaffActor, type StaffRole,
} from '../../platform/access.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import { badRequest, forbidden, Problem, unauthorized } from '../../platform/errors.ts';
import { Secrets, sha256Hex } from '../../platform/secrets.ts';
import { inScope } from '../../platform/tenancy.ts';
import { IdentityRepository, type SessionRow, type StoredSubject } from './identity.repository.ts';
import {
  LoginError, randomCodeVerifier, randomNonce, randomState, SPID_ACR_PREFIX, type OidcRelyingParty,
} from './oidc-client.ts';
import { checkNewPassword } from './password-rule.ts';

export const SESSION_COOKIE = 'sportello_session';
export const CSRF_COOKIE = 'sportello_csrf';
export const LOGIN_COOKIE = 'sportello_login';
/** Failed attempts in a row (password or code) before an operator account is locked, and for how long. */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
const CHALLENGE_MINUTES = 5;
const OIDC_LOGIN_MINUTES = 10;
/** last_seen_at is written at most this often, so that reading a page is not a write per request */
const TOUCH_EVERY_MS = 60_000;

let decoyHash: Promise<string> | undefined;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** After the password and the code: a session, or first a new password (the account has a temporary one). */
export type FinalStep = { status: 'done'; session: NewSession } | { status: 'password_change'; challenge: string };

export type PasswordStep =
  | FinalStep
  | { status: 'totp_required'; challenge: string }
  | { status: 'totp_enrolment'; challenge: string; secret: string; otpauthUri: string; qrCode: string };

/** What a signed sign-in challenge proves: the password was right (totp, enrol), or password and code (password). */
type ChallengeStage = 'totp' | 'enrol' | 'password';
interface ChallengeClaim {
  operatorId: string;
  stage: ChallengeStage;
  /** password stage: how the sign-in went so far, recorded on the session */
  method?: string;
  /** password stage: a MAC of the password hash the challenge was issued for; useless once it changes */
  pw?: string;
}

const problem = (status: number, title: string, detail: string, type: string) => new Problem(status, title, detail, undefined, type);
const lockedProblem = (until: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return problem(429, 'Account bloccato', `Troppi tentativi non riusciti: l'accesso è bloccato per ${minutes} minuti. ` +
    `(Too many failed attempts: sign-in is locked for ${minutes} minutes.)`, 'account-locked');
};
const wrongCredentials = () => unauthorized('E-mail o password non corretti. (Wrong e-mail or password.)');
const wrongCurrentPassword = () => unauthorized('La password attuale non è corretta. (The current password is wrong.)');

/**
 * Who is who: operator accounts (argon2id passwords, TOTP), citizens signed in through SPID/CIE OpenID Connect,
 * server-side sessions for both, and integrators' API tokens (stored hashed). Every sign-in, failure and token
 * change is written to the audit log.
 */
export class IdentityService {
  readonly secrets: Secrets;
  /** told after a citizen's sign-in has committed (the advice of "Per te" is evaluated then); must not wait or throw */
  onCitizenSignedIn: ((citizenId: string) => void) | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: Pick<Config, 'sessionSecret' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'publicUrl'>,
    private readonly relyingParty: OidcRelyingParty | null = null,
  ) {
    this.secrets = new Secrets(config.sessionSecret);
  }

  get oidcEnabled() {
    return this.relyingParty !== null;
  }

  private platform<T>(fn: (repo: IdentityRepository, trx: Kysely<DB>) => Promise<T>) {
    return inScope(this.db, { platform: true }, (trx) => fn(new IdentityRepository(trx), trx));
  }

  // ----- operator accounts -------------------------------------------------------------------------------------

  /**
   * Creates an account with its first roles (seed, CLI and the administration module use this). With
   * `mustChangePassword` (a temporary password) the first password sign-in must choose a new one.
   */
  async createOperator(input: { tenantId: string; email: string; name: string; password: string; fiscalCode?: string | null;
    grants: { role: StaffRole; officeId?: string | null; comuni?: string[]; sectors?: string[]; targetAreas?: string[] }[]; createdBy: string;
    mustChangePassword?: boolean }) {
    if (input.fiscalCode && !isValidFiscalCode(input.fiscalCode)) throw badRequest(`Codice fiscale non valido: ${input.fiscalCode}`);
    const passwordHash = await hash(input.password);
    return this.platform(async (repo, trx) => {
      const row = await repo.insertOperator({ tenantId: input.tenantId, email: input.email.trim().toLowerCase(), name: input.name,
        passwordHash, fiscalCode: input.fiscalCode ?? null, mustChangePassword: input.mustChangePassword ?? false });
      if (!row) return undefined;
      for (const g of input.grants) {
        await repo.insertGrant({ tenantId: input.tenantId, operatorId: row.id, role: g.role, officeId: g.officeId ?? null,
          comuni: g.comuni, sectors: g.sectors, targetAreas: g.targetAreas, createdBy: input.createdBy });
      }
      await appendAudit(trx, { tenantId: input.tenantId, actor: input.createdBy, action: 'operator.created', target: `operator:${row.id}`,
        details: { roles: input.grants.map((g) => g.role) } });
      return row;
    });
  }

  /**
   * Step one of an operator's sign-in: the password. Managers and administrators go on to a TOTP code; an account
   * with a temporary password then chooses a new one (passwordChangeLogin) before it gets a session.
   */
  async passwordLogin(email: string, password: string): Promise<PasswordStep> {
    const normalised = email.trim().toLowerCase();
    // the account and its roles in one read: the roles decide whether a second factor follows
    const { op, roles } = await this.platform(async (repo) => {
      const found = await repo.operatorByEmail(normalised);
      return { op: found, roles: found ? (await repo.grantsOf(found.id)).map((g) => g.role as StaffRole) : [] };
    });
    decoyHash ??= hash(randomBytes(16).toString('hex'));
    if (!op) {
      await verify(await decoyHash, password);
      await recordAudit(this.db, { tenantId: null, actor: 'anonymous', action: 'login.failed',
        details: { method: 'password', reason: 'unknown_account', account: sha256Hex(normalised).slice(0, 16) } });
      throw wrongCredentials();
    }
    if (op.locked_until && op.locked_until > new Date()) {
      await recordAudit(this.db, { tenantId: op.tenant_id, actor: `operator:${op.id}`, action: 'login.failed', details: { method: 'password', reason: 'locked' } });
      throw lockedProblem(op.locked_until);
    }
    if (!(await verify(op.password_hash, password))) {
      await this.failAttempt(op.id, op.tenant_id, 'password', 'wrong_password');
      throw wrongCredentials();
    }
    if (op.disabled_at) {
      await recordAudit(this.db, { tenantId: op.tenant_id, actor: `operator:${op.id}`, action: 'login.failed', details: { method: 'password', reason: 'disabled' } });
      throw problem(403, 'Account disabilitato', "L'account è disabilitato: rivolgiti all'amministratore del tuo ente. (This account is disabled.)", 'account-disabled');
    }
    const needsTotp = roles.some((r) => TOTP_REQUIRED_ROLES.includes(r)) || !!op.totp_enabled_at;
    if (!needsTotp) return this.finalStep(op, 'password');
    if (op.totp_enabled_at) return { status: 'totp_required', challenge: this.challenge(op.id, 'totp') };
    // first sign-in of a role that needs a second factor: enrol now, confirmed by the first code
    const secret = generateSecret();
    await this.platform((repo) => repo.setTotp(op.id, this.secrets.seal(secret), false));
    const otpauthUri = generateURI({ issuer: 'Sportello', label: op.email, secret });
    const qrCode = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 });
    return { status: 'totp_enrolment', challenge: this.challenge(op.id, 'enrol'), secret, otpauthUri, qrCode };
  }

  /** Step two: the TOTP code, once per time step; on enrolment the first good code switches TOTP on. */
  async totpLogin(challenge: string, code: string): Promise<FinalStep> {
    const claim = this.readChallenge(challenge, ['totp', 'enrol']);
    const op = await this.platform((repo) => repo.operatorById(claim.operatorId));
    if (!op || op.disabled_at || !op.totp_secret) throw this.challengeExpired();
    if (op.locked_until && op.locked_until > new Date()) throw lockedProblem(op.locked_until);
    let secret: string;
    try {
      secret = this.secrets.open(op.totp_secret);
    } catch {
      throw problem(409, 'Codice da configurare di nuovo', "Il secondo fattore va configurato di nuovo: chiedi all'amministratore di azzerarlo. (The second factor must be set up again.)", 'totp-reset-needed');
    }
    const result = await verifyTotp({ secret, token: code.replace(/\s/g, ''), epochTolerance: 30,
      ...(op.totp_last_step ? { afterTimeStep: Number(op.totp_last_step) } : {}) }).catch(() => ({ valid: false as const }));
    const step = result.valid ? (result as { timeStep: number }).timeStep : 0;
    const used = result.valid ? await this.platform((repo) => repo.useTotpStep(op.id, step)) : undefined;
    if (!result.valid || !used || Number(used.numUpdatedRows) !== 1) {
      await this.failAttempt(op.id, op.tenant_id, 'password_totp', 'wrong_code');
      throw unauthorized('Codice non valido o già usato: inserisci il codice che l\'app mostra adesso. (Invalid or already used code.)');
    }
    if (claim.stage === 'enrol') {
      await this.platform(async (repo, trx) => {
        await repo.setTotp(op.id, op.totp_secret, true);
        await repo.useTotpStep(op.id, step);
        await appendAudit(trx, { tenantId: op.tenant_id, actor: `operator:${op.id}`, action: 'totp.enrolled', target: `operator:${op.id}` });
      });
    }
    return this.finalStep(op, 'password_totp');
  }

  /** The end of a password sign-in: a session, or first the password change a temporary password asks for. */
  private async finalStep(op: { id: string; tenant_id: string; password_hash: string; password_must_change: boolean }, method: string): Promise<FinalStep> {
    if (op.password_must_change) {
      return { status: 'password_change', challenge: this.challenge(op.id, 'password', { method, pw: this.passwordMark(op.password_hash) }) };
    }
    return { status: 'done', session: await this.openOperatorSession(op.id, op.tenant_id, method, null) };
  }

  /**
   * Last step for an account with a temporary password: the new password (password and code were right, the
   * challenge says so). The temporary one stops working, any other session of the account ends, and this
   * sign-in gets its session.
   */
  async passwordChangeLogin(challenge: string, newPassword: string): Promise<NewSession> {
    const claim = this.readChallenge(challenge, ['password']);
    const op = await this.platform((repo) => repo.operatorById(claim.operatorId));
    if (!op || op.disabled_at || !op.password_must_change || claim.pw !== this.passwordMark(op.password_hash)) throw this.challengeExpired();
    if (op.locked_until && op.locked_until > new Date()) throw lockedProblem(op.locked_until);
    await checkNewPassword(newPassword, { email: op.email, passwordHash: op.password_hash });
    const passwordHash = await hash(newPassword);
    const changed = await this.platform(async (repo, trx) => {
      const r = await repo.setPassword(op.id, op.password_hash, passwordHash);
      if (Number(r.numUpdatedRows) !== 1) return false;
      await repo.deleteOperatorSessions(op.id);
      await appendAudit(trx, { tenantId: op.tenant_id, actor: `operator:${op.id}`, action: 'password.changed', target: `operator:${op.id}`,
        details: { forced: true } });
      return true;
    });
    // the same challenge used twice at once: the other use changed it first
    if (!changed) throw this.challengeExpired();
    return this.openOperatorSession(op.id, op.tenant_id, claim.method ?? 'password', null);
  }

  /**
   * A signed-in operator changes their own password. A wrong current password counts as a failed sign-in (the
   * same lockout); on success the operator's other sessions end and this one stays.
   */
  async changeOwnPassword(actor: Actor | null, sessionToken: string | undefined, currentPassword: string, newPassword: string): Promise<void> {
    if (!actor) throw unauthorized();
    // citizens sign in with SPID/CIE and tokens have no password: only an operator's own session may do this
    if (actor.kind !== 'operator' || !sessionToken) throw forbidden('Solo un operatore collegato può cambiare la propria password. (Only a signed-in operator can change their password.)');
    const op = await this.platform((repo) => repo.operatorById(actor.id));
    if (!op || op.disabled_at) throw unauthorized();
    if (op.locked_until && op.locked_until > new Date()) throw lockedProblem(op.locked_until);
    if (!(await verify(op.password_hash, currentPassword).catch(() => false))) {
      await this.failAttempt(op.id, op.tenant_id, 'password_change', 'wrong_password');
      throw wrongCurrentPassword();
    }
    await checkNewPassword(newPassword, { email: op.email, passwordHash: op.password_hash });
    const passwordHash = await hash(newPassword);
    const changed = await this.platform(async (repo, trx) => {
      const r = await repo.setPassword(op.id, op.password_hash, passwordHash);
      if (Number(r.numUpdatedRows) !== 1) return false;
      await repo.deleteOtherOperatorSessions(op.id, sha256Hex(sessionToken));
      await appendAudit(trx, { tenantId: op.tenant_id, actor: `operator:${op.id}`, action: 'password.changed', target: `operator:${op.id}`,
        details: { forced: false } });
      return true;
    });
    // changed meanwhile from another session: the current password given is no longer the current one
    if (!changed) throw wrongCurrentPassword();
  }

  /** An administrator clears an operator's second factor (lost phone): they enrol again at the next sign-in. */
  async resetTotp(actor: StaffActor, operatorId: string, tenantId: string) {
    await inScope(this.db, { tenantId }, async (trx) => {
      await new IdentityRepository(trx).setTotp(operatorId, null, false);
      await appendAudit(trx, { tenantId, actor: `${actor.kind}:${actor.id}`, action: 'totp.reset', target: `operator:${operatorId}` });
    });
  }

  private async failAttempt(operatorId: string, tenantId: string, method: string, reason: string) {
    const lockUntil = new Date(Date.now() + LOCK_MINUTES * 60_000);
    const after = await this.platform(async (repo, trx) => {
      const r = await repo.recordFailure(operatorId, LOCK_AFTER, lockUntil);
      await appendAudit(trx, { tenantId, actor: `operator:${operatorId}`, action: 'login.failed', details: { method, reason, attempt: r.failed_logins } });
      if (r.failed_logins === LOCK_AFTER) await appendAudit(trx, { tenantId, actor: 'system', action: 'login.locked', target: `operator:${operatorId}`, details: { minutes: LOCK_MINUTES } });
      return r;
    });
    if (after.locked_until && after.locked_until > new Date() && after.failed_logins >= LOCK_AFTER) throw lockedProblem(after.locked_until);
  }

  /**
   * A short-lived, signed note of how far a sign-in got: the password was right (the TOTP step needs it), or
   * password and code were (the password-change step needs it).
   */
  private challenge(operatorId: string, stage: ChallengeStage, extra: { method?: string; pw?: string } = {}) {
    const body = Buffer.from(JSON.stringify({ o: operatorId, s: stage, e: Date.now() + CHALLENGE_MINUTES * 60_000,
      ...(extra.method ? { m: extra.method } : {}), ...(extra.pw ? { p: extra.pw } : {}) })).toString('base64url');
    return `${body}.${this.secrets.mac('login-challenge', body)}`;
  }

  /** A challenge this server signed, not expired, and of one of the stages the caller accepts. */
  private readChallenge(challenge: string, stages: ChallengeStage[]): ChallengeClaim {
    const [body, mac] = challenge.split('.');
    if (!body || !mac || !this.secrets.verifyMac('login-challenge', body, mac)) throw this.challengeExpired();
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { o: string; s: ChallengeStage; e: number; m?: string; p?: string };
    if (claim.e < Date.now() || !stages.includes(claim.s)) throw this.challengeExpired();
    return { operatorId: claim.o, stage: claim.s, method: claim.m, pw: claim.p };
  }

  /** Ties a password-change challenge to the password it was issued for, without showing anything of it. */
  private passwordMark(passwordHash: string) {
    return this.secrets.mac('password-mark', passwordHash).slice(0, 22);
  }

  private challengeExpired() {
    return unauthorized("La verifica è scaduta: inserisci di nuovo e-mail e password. (The sign-in step expired: start again.)");
  }

  // ----- sessions ----------------------------------------------------------------------------------------------

  private newToken(): { token: string; tokenHash: string; csrfToken: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256Hex(token);
    return { token, tokenHash, csrfToken: this.csrfFor(tokenHash), expiresAt: new Date(Date.now() + this.config.sessionMaxHours * 3600_000) };
  }

  /** The CSRF token of a session: bound to it, so a token read from one session is useless in another. */
  csrfFor(tokenHash: string) {
    return this.secrets.mac('csrf', tokenHash);
  }

  verifyCsrf(sessionToken: string, given: string) {
    return this.secrets.verifyMac('csrf', sha256Hex(sessionToken), given);
  }

  private async openOperatorSession(operatorId: string, tenantId: string, method: string, level: string | null, idToken: string | null = null) {
    const t = this.newToken();
    await this.platform(async (repo, trx) => {
      await repo.insertSession({ tokenHash: t.tokenHash, kind: 'operator', operatorId, tenantId, authMethod: method, authLevel: level, idToken, expiresAt: t.expiresAt });
      await repo.recordLogin(operatorId);
      await appendAudit(trx, { tenantId, actor: `operator:${operatorId}`, action: 'login.succeeded', details: { method, ...(level ? { level } : {}) } });
    });
    return { token: t.token, csrfToken: t.csrfToken, expiresAt: t.expiresAt };
  }

  /** Ends the session here; the answer says where to end it at the provider too, when there is one. */
  async logout(token: string): Promise<{ providerLogoutUrl: string | null }> {
    const ended = await this.platform(async (repo, trx) => {
      const row = await repo.deleteSession(sha256Hex(token));
      if (row) {
        await appendAudit(trx, { tenantId: row.tenant_id, actor: row.kind === 'citizen' ? `citizen:${row.citizen_id}` : `operator:${row.operator_id}`, action: 'logout' });
      }
      return row;
    });
    if (!ended?.id_token || !this.relyingParty) return { providerLogoutUrl: null };
    return { providerLogoutUrl: await this.relyingParty.endSessionUrl(ended.id_token, `${this.config.publicUrl}/`) };
  }

  /** The person behind a session cookie, or null when it is unknown, idle too long, past its end, or disabled. */
  async actorFromSession(token: string): Promise<Actor | null> {
    const tokenHash = sha256Hex(token);
    const idleSince = new Date(Date.now() - this.config.sessionIdleMinutes * 60_000);
    const row = await this.platform((repo) => repo.liveSession(tokenHash, idleSince));
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await this.platform((repo) => repo.touchSession(tokenHash));
    return row.kind === 'citizen' ? citizenActor(row) : staffActor(row);
  }

  async actorFromToken(token: string): Promise<StaffActor | null> {
    const row = await this.platform((repo) => repo.tokenByHash(sha256Hex(token)));
    if (!row) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) await this.platform((repo) => repo.markTokenUsed(row.id));
    const role = row.role as StaffRole;
    return {
      kind: 'token', id: row.id, name: row.name, tenantId: row.tenant_id, roles: [role],
      grants: [{ role, officeId: null, comuni: [], sectors: [], targetAreas: [] }],
      servedTenantIds: [row.tenant_id, ...(row.served ?? [])], auth: { method: 'token', level: null },
    };
  }

  /** Drops expired sessions and logins in flight (run by the worker). */
  purgeExpired() {
    return this.platform((repo) => repo.deleteExpired(new Date()));
  }

  /** Ends every session of an operator (account disabled, roles changed). */
  endOperatorSessions(operatorId: string) {
    return this.platform((repo) => repo.deleteOperatorSessions(operatorId));
  }

  /** The subject a citizen's session acts for; checked by the subjects service before it calls this. */
  setActingFor(token: string, subject: StoredSubject) {
    return this.platform((repo) => repo.setActingFor(sha256Hex(token), subject));
  }

  resetActingForDelegation(trx: Kysely<DB>, delegationId: string) {
    return new IdentityRepository(trx).resetActingForDelegation(delegationId);
  }

  // ----- OpenID Connect (SPID / CIE) ---------------------------------------------------------------------------

  /** Starts a login at the provider; `state` goes to the browser in a cookie as well, binding the callback to it. */
  async startOidcLogin(input: { audience: 'citizen' | 'operator'; method: 'spid' | 'cie'; level: SpidLevel; returnTo: string }) {
    if (input.audience === 'operator' && levelRank(input.level) < 2) input = { ...input, level: 'SpidL2' };
    if (!this.relyingParty) throw problem(404, 'Accesso con SPID/CIE non attivo', "L'accesso con SPID o CIE non è configurato su questo sito. (SPID/CIE login is not configured.)", 'oidc-not-configured');
    const state = randomState();
    const nonce = randomNonce();
    const codeVerifier = randomCodeVerifier();
    const url = await this.relyingParty.authorizationUrl({ state, nonce, codeVerifier, level: input.level });
    await this.platform((repo) => repo.insertOidcLogin({ stateHash: sha256Hex(state), codeVerifier, nonce, audience: input.audience,
      method: input.method, level: input.level, returnTo: input.returnTo, expiresAt: new Date(Date.now() + OIDC_LOGIN_MINUTES * 60_000) }));
    return { url: url.toString(), state };
  }

  /**
   * Completes a login: the state must match the browser's cookie and a login in flight (used once), the code is
   * exchanged with PKCE, the ID token checked (issuer, audience, nonce, expiry by openid-client), and the claims
   * must carry a valid fiscal code at the level asked for.
   */
  async finishOidcLogin(callbackUrl: URL, browserState: string | undefined, replacing?: string): Promise<{ session: NewSession; returnTo: string; audience: 'citizen' | 'operator' }> {
    if (!this.relyingParty) throw new LoginError('provider_unavailable');
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!state || !browserState || state !== browserState) throw await this.loginFailed(new LoginError('state_mismatch'));
    const pending = await this.platform((repo) => repo.takeOidcLogin(sha256Hex(state)));
    if (!pending || pending.expires_at < new Date()) throw await this.loginFailed(new LoginError('login_expired'));
    let result: Awaited<ReturnType<OidcRelyingParty['finish']>>;
    try {
      result = await this.relyingParty.finish(callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
    } catch (error) {
      throw await this.loginFailed(error instanceof LoginError ? error : new LoginError('token_rejected', String(error)), pending.method);
    }
    const { claims } = result;
    const fiscalNumber = claims['https://attributes.eid.gov.it/fiscal_number'];
    const givenName = claims.given_name;
    const familyName = claims.family_name;
    if (typeof fiscalNumber !== 'string' || typeof givenName !== 'string' || typeof familyName !== 'string') {
      throw await this.loginFailed(new LoginError('missing_claims'), pending.method);
    }
    const fiscalCode = fiscalNumber.replace(/^TINIT-/, '').toUpperCase();
    if (!fiscalNumber.startsWith('TINIT-') || !isValidFiscalCode(fiscalCode)) throw await this.loginFailed(new LoginError('invalid_fiscal_code'), pending.method);
    const acr = typeof claims.acr === 'string' && claims.acr.startsWith(SPID_ACR_PREFIX) ? claims.acr.slice(SPID_ACR_PREFIX.length) : '';
    if (!(SPID_LEVELS as readonly string[]).includes(acr) || levelRank(acr) < levelRank(pending.level)) {
      throw await this.loginFailed(new LoginError('level_too_low'), pending.method);
    }
    const level = acr as SpidLevel;
    const method = pending.method;

    if (pending.audience === 'operator') {
      // SPID level 1 is a password alone: operators need at least level 2 (two factors)
      if (levelRank(level) < 2) throw await this.loginFailed(new LoginError('level_too_low'), method);
      const op = await this.platform((repo) => repo.operatorByFiscalCode(fiscalCode));
      if (!op || op.disabled_at || (op.locked_until && op.locked_until > new Date())) throw await this.loginFailed(new LoginError('no_operator_account'), method);
      const session = await this.openOperatorSession(op.id, op.tenant_id, method, level, result.idToken);
      return { session, returnTo: pending.return_to, audience: 'operator' };
    }

    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : null);
    const address = claims.address as { formatted?: unknown } | string | undefined;
    const birthDate = str(claims.birthdate);
    const t = this.newToken();
    const citizenId = await this.platform(async (repo, trx) => {
      const citizen = await repo.upsertCitizen({
        fiscalCode, givenName: givenName.trim(), familyName: familyName.trim(),
        birthDate: birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : null,
        birthPlace: str(claims.place_of_birth), email: str(claims.email), phone: str(claims.phone_number),
        address: typeof address === 'string' ? str(address) : str(address?.formatted),
      });
      // a step-up replaces the lower-level session and keeps whom the citizen was acting for
      let actingFor: StoredSubject = { kind: 'self', id: citizen.id, fiscalCode, name: `${givenName.trim()} ${familyName.trim()}` };
      if (replacing) {
        const old = await repo.deleteSession(sha256Hex(replacing));
        if (old?.citizen_id === citizen.id) {
          if (old.acting_for.kind !== 'self') actingFor = old.acting_for;
          await appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'session.step_up', details: { level } });
        }
      }
      await repo.insertSession({ tokenHash: t.tokenHash, kind: 'citizen', citizenId: citizen.id, authMethod: method, authLevel: level,
        actingFor, idToken: result.idToken, expiresAt: t.expiresAt });
      await appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'login.succeeded', details: { method, level } });
      return citizen.id;
    });
    try {
      this.onCitizenSignedIn?.(citizenId);
    } catch {
      // whatever follows a sign-in never undoes it
    }
    return { session: { token: t.token, csrfToken: t.csrfToken, expiresAt: t.expiresAt }, returnTo: pending.return_to, audience: 'citizen' };
  }

  private async loginFailed(error: LoginError, method = 'oidc') {
    await recordAudit(this.db, { tenantId: null, actor: 'anonymous', action: 'login.failed', details: { method, reason: error.reason } });
    return error;
  }

  // ----- API tokens --------------------------------------------------------------------------------------------

  /** A new integrator token: shown once; only its hash is kept. Expires after `days` (default 365). */
  async createToken(input: { tenantId: string; role: string; name: string; days?: number | null; createdBy: string }) {
    if (!(STAFF_ROLES as readonly string[]).includes(input.role)) {
      throw badRequest(`Ruolo sconosciuto "${input.role}"; usa uno di: ${STAFF_ROLES.join(', ')}`);
    }
    const days = input.days === undefined ? 365 : input.days;
    const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
    const token = `spt_${randomBytes(32).toString('base64url')}`;
    const row = await inScope(this.db, { tenantId: input.tenantId }, async (trx) => {
      const r = await new IdentityRepository(trx).insertToken({ tenantId: input.tenantId, role: input.role, name: input.name,
        tokenHash: sha256Hex(token), expiresAt, createdBy: input.createdBy });
      await appendAudit(trx, { tenantId: input.tenantId, actor: input.createdBy, action: 'token.created', target: `token:${r.id}`, details: { role: input.role, days } });
      return r;
    });
    return { id: row.id, token, expiresAt, createdAt: row.created_at };
  }

  listTokens(tenantId: string) {
    return inScope(this.db, { tenantId }, (trx) => new IdentityRepository(trx).listTokens(tenantId));
  }

  /** Revokes a token of the tenant; false when there is no such live token. */
  revokeToken(input: { tenantId: string; tokenId: string; revokedBy: string }) {
    return inScope(this.db, { tenantId: input.tenantId }, async (trx) => {
      const done = await new IdentityRepository(trx).revokeToken(input.tokenId, input.tenantId, input.revokedBy);
      if (done) await appendAudit(trx, { tenantId: input.tenantId, actor: input.revokedBy, action: 'token.revoked', target: `token:${input.tokenId}` });
      return !!done;
    });
  }

  tokenExists(tenantId: string, tokenId: string) {
    return inScope(this.db, { tenantId }, (trx) => new IdentityRepository(trx).tokenInTenant(tokenId, tenantId));
  }
}

/**
 * Roles that need a second factor count only in a session that proved one: a TOTP code, or SPID/CIE at level 2
 * or more. A role granted to someone signed in with a password alone waits for their next sign-in.
 */
const strongSession = (row: SessionRow) => row.auth_method === 'password_totp' || levelRank(row.auth_level) >= 2;

function staffActor(row: SessionRow): StaffActor {
  const grants = ((row.grants ?? []) as RoleGrant[]).filter((g) => !TOTP_REQUIRED_ROLES.includes(g.role) || strongSession(row));
  return {
    kind: 'operator', id: row.operator_id!, name: row.operator_name!, tenantId: row.tenant_id!,
    roles: [...new Set(grants.map((g) => g.role))], grants,
    servedTenantIds: [row.tenant_id!, ...(row.served ?? [])],
    auth: { method: row.auth_method, level: row.auth_level },
  };
}

function citizenActor(row: SessionRow): CitizenActor {
  const self = { kind: 'self' as const, id: row.citizen_id!, fiscalCode: row.fiscal_code!, name: row.citizen_name! };
  const chosen = row.acting_for;
  // a delegation that has ended since it was chosen no longer counts
  const stillValid = chosen.kind !== 'self' && chosen.fiscalCode && (!chosen.validUntil || chosen.validUntil >= new Date().toISOString().slice(0, 10));
  const actingFor = stillValid ? { kind: chosen.kind, id: chosen.id, fiscalCode: chosen.fiscalCode, name: chosen.name } : self;
  return {
    kind: 'citizen', id: row.citizen_id!, name: row.citizen_name!, fiscalCode: row.fiscal_code!, roles: ['citizen'],
    auth: { method: row.auth_method, level: (row.auth_level ?? 'SpidL1') as SpidLevel }, actingFor,
  };
}
