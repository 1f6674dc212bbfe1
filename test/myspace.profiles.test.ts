/**
 * Profiles: Marco Colombo is a parent of two minors and the legal representative of the family trattoria, so he
 * has an individual and a company profile; once he registers a client's delegation he is also a professional.
 * What he files as himself, for his daughter, for the trattoria and for the client lands in that profile's list
 * of applications and in no other, with the counts a person wants to see (open, awaiting them, drafts, unread
 * messages). The other parent finds the child's application under her individual profile; a stranger sees none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, ApplicationSummary } from '../src/contracts/applications.ts';
import type { Profile, ProfileKind } from '../src/contracts/profiles.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, ONE_STEP_FORM, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const inOneYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);


function delegationForm(fields: Record<string, string>) {
  const boundary = '----sportello-profiles';
  const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  return {
    payload: Buffer.concat([
      Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="delega.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('profiles: as an individual, as a professional, for a company', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let marco: TestSession;
  let giulia: TestSession; // the other parent of Sofia and Tommaso
  let elena: TestSession; // Marco's client
  let luca: TestSession; // a stranger
  let laura: TestSession; // operator, Castelrocca anagrafe
  let serviceId: string;
  let baseline: Record<ProfileKind, Profile['counts']>;
  const ids = { self: '', sofia: '', company: '', client: '' };
  let delegationId = '';

  const ok = async <T,>(s: TestSession, opts: Parameters<typeof as>[1], expected = [200, 201]): Promise<T> => {
    const r = await t.app.inject(as(s, opts));
    if (!expected.includes(r.statusCode)) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };
  const profiles = async (s: TestSession) => {
    const r = await t.app.inject(as(s, { url: '/api/v1/me/profiles' }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
    return (r.json() as { items: Profile[] }).items;
  };
  const profile = async (s: TestSession, kind: ProfileKind) => (await profiles(s)).find((p) => p.kind === kind);
  const listIds = async (s: TestSession, query = '') =>
    (await ok<{ items: ApplicationSummary[] }>(s, { url: `/api/v1/applications?limit=100${query}` })).items.map((a) => a.id);
  const actFor = (s: TestSession, subject: { kind: string; id: string }) =>
    ok(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: subject.kind, id: subject.id } });
  /** A draft for whoever the session acts for now; sent too when `send`. */
  async function file(s: TestSession, send: boolean): Promise<string> {
    const draft = await ok<ApplicationDetail>(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } });
    const step = (draft.data.domanda ?? {}) as Record<string, unknown>;
    await ok(s, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data: { domanda: { ...step, oggetto: 'Richiesta di prova' } } } });
    if (send) await ok(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `profili-${draft.id}` } });
    return draft.id;
  }
  const countsOf = async (s: TestSession) =>
    Object.fromEntries((await profiles(s)).map((p) => [p.kind, p.counts])) as Partial<Record<ProfileKind, Profile['counts']>>;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-profiles` } });
    serviceId = await createFormService(t.ctx, 'comune-di-castelrocca', { form: ONE_STEP_FORM, maxDays: 30 });
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    elena = (await citizenLogin(t.app, ORIGIN, 'elena-conti')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => t?.close());

  it('Marco acts as a private individual (for himself and his two children) and for the trattoria he represents', async () => {
    const items = await profiles(marco);
    expect(items.map((p) => p.kind)).toEqual(['individual', 'company']);
    const [individual, company] = items;
    expect(individual!.subjects.map((s) => [s.kind, s.name])).toEqual([
      ['self', 'Marco Colombo'], ['minor', expect.stringMatching(/Colombo$/)], ['minor', expect.stringMatching(/Colombo$/)],
    ]);
    expect(individual!.subjects.filter((s) => s.kind === 'minor').map((s) => s.name).sort()).toEqual(['Sofia Colombo', 'Tommaso Colombo']);
    expect(company!.subjects).toEqual([{ kind: 'company', id: expect.any(String), name: 'Trattoria Al Castello di Colombo Marco & C. S.n.c.', fiscalCode: expect.stringMatching(/^\d{11}$/) }]);
    for (const p of items) expect(p.counts).toEqual({ open: expect.any(Number), awaiting: expect.any(Number), drafts: expect.any(Number), unreadMessages: expect.any(Number) });
    baseline = { individual: individual!.counts, company: company!.counts, professional: { open: 0, awaiting: 0, drafts: 0, unreadMessages: 0 } };

    // someone without children, clients or companies has the individual profile only, with themselves in it
    const lucas = await profiles(luca);
    expect(lucas.map((p) => p.kind)).toEqual(['individual']);
    expect(lucas[0]!.subjects.map((s) => [s.kind, s.name])).toEqual([['self', 'Luca Moretti']]);
  });

  it('registering a client\'s delegation gives him the professional profile, with the client in it', async () => {
    const client = await ok<{ fiscalCode: string }>(elena, { url: '/api/v1/me' });
    const up = delegationForm({ delegatorFiscalCode: client.fiscalCode, delegatorGivenName: 'Elena', delegatorFamilyName: 'Conti',
      purpose: 'pratiche edilizie', validUntil: inOneYear() });
    const created = await ok<{ id: string }>(marco, { method: 'POST', url: '/api/v1/me/delegations', payload: up.payload, headers: up.headers });
    delegationId = created.id;
    // the client sees it among the delegations given in her name
    expect((await ok<{ items: { id: string }[] }>(elena, { url: '/api/v1/me/delegations-given' })).items.map((d) => d.id)).toContain(delegationId);

    const items = await profiles(marco);
    expect(items.map((p) => p.kind)).toEqual(['individual', 'professional', 'company']);
    expect(items[1]).toEqual({
      kind: 'professional', subjects: [{ kind: 'delegation', id: delegationId, name: 'Elena Conti', fiscalCode: client.fiscalCode }],
      counts: { open: 0, awaiting: 0, drafts: 0, unreadMessages: 0 },
    });
  });

  it('what he files as himself, for his daughter, for the trattoria and for the client lands in that profile and nowhere else', async () => {
    const [individual, professional, company] = await profiles(marco);
    const sofia = individual!.subjects.find((s) => s.name === 'Sofia Colombo')!;
    // each profile's subjects are the ones the acting-for choice takes
    ids.self = await file(marco, true);
    await actFor(marco, sofia);
    ids.sofia = await file(marco, false);
    await actFor(marco, company!.subjects[0]!);
    ids.company = await file(marco, true);
    await actFor(marco, professional!.subjects[0]!);
    ids.client = await file(marco, false);
    await actFor(marco, individual!.subjects[0]!);
    await runBackgroundWork(t.ctx);

    const all = await listIds(marco);
    for (const id of Object.values(ids)) expect(all).toContain(id);
    const byProfile = {
      individual: await listIds(marco, '&profile=individual'),
      professional: await listIds(marco, '&profile=professional'),
      company: await listIds(marco, '&profile=company'),
    };
    expect(byProfile.individual).toEqual(expect.arrayContaining([ids.self, ids.sofia]));
    expect(byProfile.professional).toEqual([ids.client]);
    expect(byProfile.company).toEqual([ids.company]);
    expect(byProfile.individual).not.toContain(ids.company);
    expect(byProfile.individual).not.toContain(ids.client);
    // every application of his is in exactly one profile
    expect([...byProfile.individual, ...byProfile.professional, ...byProfile.company].sort()).toEqual([...all].sort());

    // the profile filter goes with the others: status, person
    expect(await listIds(marco, '&profile=individual&status=draft')).toEqual(expect.arrayContaining([ids.sofia]));
    expect(await listIds(marco, '&profile=individual&status=draft')).not.toContain(ids.self);
    const sofiaCode = (await ok<ApplicationDetail>(marco, { url: `/api/v1/applications/${ids.sofia}` })).subject.fiscalCode;
    expect(await listIds(marco, `&profile=individual&subject=${sofiaCode}`)).toEqual([ids.sofia]);
    expect(await listIds(marco, `&profile=company&subject=${sofiaCode}`)).toEqual([]);
  });

  it('the other parent finds the child\'s application under her own individual profile; a stranger sees none of them', async () => {
    expect((await profiles(giulia)).map((p) => p.kind)).toEqual(['individual']);
    expect(await listIds(giulia, '&profile=individual')).toContain(ids.sofia);
    const giulias = await listIds(giulia);
    for (const id of [ids.self, ids.company, ids.client]) expect(giulias).not.toContain(id);
    for (const kind of ['', '&profile=individual', '&profile=professional', '&profile=company']) {
      const seen = await listIds(luca, kind);
      for (const id of Object.values(ids)) expect(seen, kind).not.toContain(id);
    }
    expect((await profiles(luca))[0]!.counts).toEqual({ open: 0, awaiting: 0, drafts: 0, unreadMessages: 0 });
  });

  it('counts what is open, what waits for him and the offices\' unread messages, per profile', async () => {
    // the office asks the trattoria for a document and writes on its application
    expect((await officeStep(t.app, laura, ids.company, 'take_charge')).statusCode).toBe(200);
    const asked = await officeStep(t.app, laura, ids.company, 'request_integration', { note: 'Serve la visura camerale.', documents: ['Visura camerale'] });
    expect(asked.statusCode, asked.body).toBe(200);
    await ok(laura, { method: 'POST', url: `/api/v1/applications/${ids.company}/messages`, payload: { body: 'Ci mandi la visura aggiornata, grazie.' },
      headers: { 'idempotency-key': `profili-msg-${ids.company}` } });

    const counts = await countsOf(marco);
    expect(counts.individual).toEqual({ ...baseline.individual, open: baseline.individual.open + 1, drafts: baseline.individual.drafts + 1 });
    expect(counts.professional).toEqual({ open: 0, awaiting: 0, drafts: 1, unreadMessages: 0 });
    expect(counts.company).toEqual({
      open: baseline.company.open + 1, awaiting: baseline.company.awaiting + 1, drafts: baseline.company.drafts,
      unreadMessages: baseline.company.unreadMessages + 1,
    });
    // the list of the company profile shows it waiting for him
    const waiting = (await ok<{ items: ApplicationSummary[] }>(marco, { url: '/api/v1/applications?profile=company&status=awaiting_citizen' })).items;
    expect(waiting.map((a) => a.id)).toEqual([ids.company]);

    // reading the thread clears the unread count
    expect((await t.app.inject(as(marco, { method: 'POST', url: `/api/v1/applications/${ids.company}/messages/read`, payload: {} }))).statusCode).toBe(204);
    expect((await countsOf(marco)).company!.unreadMessages).toBe(baseline.company.unreadMessages);
  });

  it('when the delegation ends the professional profile goes, and what he filed for the client stays findable by it', async () => {
    await ok(marco, { method: 'POST', url: `/api/v1/me/delegations/${delegationId}/revoke`, payload: { reason: 'incarico concluso' } });
    expect((await profiles(marco)).map((p) => p.kind)).toEqual(['individual', 'company']);
    expect(await listIds(marco, '&profile=professional')).toEqual([ids.client]);
  });

  it('refuses an unknown profile with a 400 that lists the accepted ones', async () => {
    for (const bad of ['privato', 'INDIVIDUAL', '']) {
      const r = await t.app.inject(as(marco, { url: `/api/v1/applications?profile=${bad}` }));
      expect(r.statusCode, bad).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const problem = r.json() as { detail: string; errors: { path: string; message: string }[] };
      expect(problem.errors[0]!.path).toBe('query.profile');
      expect(problem.errors[0]!.message).toContain('individual, professional, company');
    }
    // and the profiles themselves are a citizen's: an operator and an anonymous caller are refused
    expect((await t.app.inject(as(laura, { url: '/api/v1/me/profiles' }))).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/me/profiles' })).statusCode).toBe(401);
  });
});
