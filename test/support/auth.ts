import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { App } from '../../src/server/platform/context.ts';

/** Cookies and headers that authenticate injected requests as one session, CSRF token included. */
export interface TestSession {
  cookies: Record<string, string>;
  headers: Record<string, string>;
  /** the TOTP secret enrolled during this login, if any */
  totpSecret?: string;
}

export const sessionFrom = (r: LightMyRequestResponse): TestSession => {
  const cookies: Record<string, string> = {};
  for (const c of r.cookies) if (c.value) cookies[c.name] = c.value;
  return { cookies, headers: cookies.sportello_csrf ? { 'x-csrf-token': cookies.sportello_csrf } : {} };
};

/**
 * Signs an operator in through the real routes: password, then (for roles that need it) TOTP enrolment or a code
 * from the secret enrolled earlier in the same test file, then, for an account with a temporary password, the
 * new password given in `opts.newPassword` (without one such a sign-in fails, naming the step).
 */
export async function operatorLogin(app: App, email: string, password: string,
  opts: { totpSecret?: string; newPassword?: string } = {}): Promise<TestSession> {
  const r = await app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email, password } });
  if (r.statusCode !== 200) throw new Error(`login of ${email} answered ${r.statusCode}: ${r.body}`);
  let step = r.json() as { status: string; challenge?: string; secret?: string };
  let last = r;
  let secret: string | undefined;
  if (step.status === 'totp_required' || step.status === 'totp_enrolment') {
    secret = step.secret ?? opts.totpSecret;
    if (!secret) throw new Error(`${email} needs a TOTP code and no secret was given`);
    const code = await generate({ secret });
    last = await app.inject({ method: 'POST', url: '/auth/operator/totp', payload: { challenge: step.challenge, code } });
    if (last.statusCode !== 200) throw new Error(`TOTP of ${email} answered ${last.statusCode}: ${last.body}`);
    step = last.json();
  }
  if (step.status === 'password_change') {
    if (!opts.newPassword) throw new Error(`${email} signed in with a temporary password and must choose a new one: pass opts.newPassword`);
    last = await app.inject({ method: 'POST', url: '/auth/operator/password', payload: { challenge: step.challenge, newPassword: opts.newPassword } });
    if (last.statusCode !== 200) throw new Error(`new password of ${email} answered ${last.statusCode}: ${last.body}`);
    step = last.json();
  }
  if (step.status !== 'done') throw new Error(`login of ${email} stopped at ${step.status}`);
  return { ...sessionFrom(last), ...(secret ? { totpSecret: secret } : {}) };
}

/** An injected request made within a session (cookies + CSRF header). */
export function as(session: TestSession, opts: InjectOptions): InjectOptions {
  return { ...opts, cookies: { ...session.cookies, ...(opts.cookies ?? {}) }, headers: { ...session.headers, ...(opts.headers ?? {}) } };
}

/**
 * An office's transition as the workspace does it: read the application's revision, then act with If-Match
 * (operators must say which version they acted on).
 */
export async function officeStep(app: App, session: TestSession, applicationId: string, action: string, payload: object = {}) {
  const current = await app.inject(as(session, { url: `/api/v1/applications/${applicationId}` }));
  if (current.statusCode !== 200) return current;
  return app.inject(as(session, {
    method: 'POST', url: `/api/v1/applications/${applicationId}/transitions/${action}`, payload,
    headers: { 'if-match': `"${(current.json() as { revision: number }).revision}"` },
  }));
}
