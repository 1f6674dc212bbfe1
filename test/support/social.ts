/**
 * A social-services world on the demo: the Ambito (district) with its comuni, and fresh social workers of each
 * scope (comune, sector, target area, with and without the reserved permission), staff of the other roles, and a
 * social worker of another body. Used by the social.* tests. 
 */
import { randomUUID } from 'node:crypto';
import { AMBITO_SLUG, CASTELROCCA_SLUG, VALDORO_SLUG } from '../../src/server/db/seed/demo/tenants.ts';
import type { StaffRole } from '../../src/server/platform/access.ts';
import { inScope } from '../../src/server/platform/tenancy.ts';
import type { testApp } from './app.ts';
import { as, operatorLogin, type TestSession } from './auth.ts';

type T = Awaited<ReturnType<typeof testApp>>;

export interface WorkerSpec {
  comuni?: ('castelrocca' | 'valdoro')[];
  sectors?: string[];
  targetAreas?: string[];
  reserved?: boolean;
  /** another body's social worker (Valdoro, not the district) */
  otherTenant?: boolean;
}

export interface SocialWorld {
  ambito: string;
  castelrocca: string;
  valdoro: string;
  session: (name: string) => TestSession;
  operatorId: (name: string) => string;
}

const PASSWORD = 'Password-sociale-1';

/** Creates and signs in the named accounts: social workers by spec, other roles by role name. */
export async function socialWorld(t: T, workers: Record<string, WorkerSpec>, roles: Partial<Record<string, StaffRole>> = {}): Promise<SocialWorld> {
  const ambito = (await t.ctx.services.tenants.get(AMBITO_SLUG)).id;
  const castelrocca = (await t.ctx.services.tenants.get(CASTELROCCA_SLUG)).id;
  const valdoro = (await t.ctx.services.tenants.get(VALDORO_SLUG)).id;
  const comune = { castelrocca, valdoro };
  const sessions = new Map<string, TestSession>();
  const ids = new Map<string, string>();
  const tag = randomUUID().slice(0, 6);
  for (const [name, spec] of Object.entries(workers)) {
    const tenantId = spec.otherTenant ? valdoro : ambito;
    const email = `${name.toLowerCase()}-${tag}@sociale.example`;
    const op = await t.ctx.services.identity.createOperator({ tenantId, email, name: `AS ${name}`, password: PASSWORD, createdBy: 'test',
      grants: [{ role: 'social_worker', comuni: (spec.comuni ?? []).map((c) => comune[c]), sectors: spec.sectors ?? [], targetAreas: spec.targetAreas ?? [] }] });
    if (spec.reserved) {
      await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('operator_roles').set({ social_reserved: true }).where('operator_id', '=', op!.id).execute());
    }
    ids.set(name, op!.id);
    sessions.set(name, await operatorLogin(t.app, email, PASSWORD));
  }
  for (const [name, role] of Object.entries(roles)) {
    const email = `${name.toLowerCase()}-${tag}@sociale.example`;
    let officeId: string | null = null;
    if (role === 'operator' || role === 'desk') officeId = (await t.ctx.services.tenants.offices(ambito))[0]!.id;
    const op = await t.ctx.services.identity.createOperator({ tenantId: ambito, email, name: `Staff ${name}`, password: PASSWORD, createdBy: 'test',
      grants: [{ role: role!, officeId }] });
    ids.set(name, op!.id);
    sessions.set(name, await operatorLogin(t.app, email, PASSWORD));
  }
  return {
    ambito, castelrocca, valdoro,
    session: (name) => sessions.get(name) ?? (() => { throw new Error(`no session ${name}`); })(),
    operatorId: (name) => ids.get(name)!,
  };
}

/** A first contact that opens a case, recorded by `session`; returns the case id. */
export async function openCase(t: T, session: TestSession, body: { comuneId: string; targetArea: string; sector: string; fiscalCode?: string; givenName?: string;
  familyName?: string; needText?: string; withPersonId?: string }) {
  const r = await t.app.inject(as(session, { method: 'POST', url: '/api/v1/social/contacts', payload: {
    comuneId: body.comuneId, contactOn: new Date().toISOString().slice(0, 10), channel: 'in_person', requesterKind: 'self', targetArea: body.targetArea,
    sector: body.sector, need: 'economic', needText: body.needText ?? 'Ha perso il lavoro e non paga l’affitto', answer: 'case_opened', privacyNoticeGiven: true,
    ...(body.withPersonId ? { personId: body.withPersonId } : {
      person: { fiscalCode: body.fiscalCode ?? null, givenName: body.givenName ?? 'Mario', familyName: body.familyName ?? 'Bianchi', comuneId: body.comuneId } }),
  } }));
  if (r.statusCode !== 201) throw new Error(`openCase answered ${r.statusCode}: ${r.body}`);
  return r.json() as { contact: { id: string; person: { id: string } }; caseId: string };
}

/** A synthetic fiscal code (16 characters, not checked against the person). */
export const fakeFiscalCode = () => `TST${randomUUID().replace(/-/g, '').slice(0, 13).toUpperCase()}`;
