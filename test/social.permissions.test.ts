/**
 * Every social route × every kind of caller: citizens, each staff role of the district, and social workers of each
 * scope — own comune vs another, own sector vs another, own target area vs another, with and without the reserved
 * permission — and a social worker of another body. A case outside a worker's grant does not exist for them (404);
 * staff who are not social workers are refused (403); the reserved part needs the explicit permission. 
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, DiaryEntry, FirstContact, SocialPerson } from '../src/contracts/social.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { fakeFiscalCode, openCase, socialWorld, type SocialWorld } from './support/social.ts';

const giulia = findTestIdentity('giulia-ferrari')!;

/** Social workers by scope; the target case is in Castelrocca, sector servizio_sociale_base, area famiglie_minori. */
const WORKERS = {
  Coord: { reserved: true },
  NoReserved: {},
  ReservedCr: { comuni: ['castelrocca' as const], reserved: true },
  CrOnly: { comuni: ['castelrocca' as const] },
  VdOnly: { comuni: ['valdoro' as const] },
  Minori: { targetAreas: ['famiglie_minori'] },
  Anziani: { targetAreas: ['anziani'] },
  Base: { sectors: ['servizio_sociale_base'] },
  Tutela: { sectors: ['tutela_minori'] },
  OtherDistrict: { otherTenant: true },
};
type Worker = keyof typeof WORKERS;
const STAFF = { Operator: 'operator', Manager: 'manager', Desk: 'desk', TenantAdmin: 'tenant_admin', PlatformAdmin: 'platform_admin' } as const;
type Caller = Worker | keyof typeof STAFF | 'Citizen' | 'Anonymous';
const CALLERS: Caller[] = [...Object.keys(WORKERS) as Worker[], ...Object.keys(STAFF) as (keyof typeof STAFF)[], 'Citizen', 'Anonymous'];

/** Who sees the target case (grant covers its comune, sector and area), and who has the reserved permission on it. */
const SEES: Worker[] = ['Coord', 'NoReserved', 'ReservedCr', 'CrOnly', 'Minori', 'Base'];
const RESERVED: Worker[] = ['Coord', 'ReservedCr'];
const isWorker = (c: Caller): c is Worker => c in WORKERS;

type Kind = 'case' | 'reserved' | 'district' | 'write-new' | 'me' | 'registry';
interface Route {
  kind: Kind;
  request: (w: World) => InjectOptions;
}
interface World {
  s: SocialWorld;
  caseId: string;
  interventionId: string;
  today: string;
}

const ROUTES: Record<string, Route> = {
  'GET /api/v1/social/me': { kind: 'me', request: () => ({ url: '/api/v1/social/me' }) },
  'GET /api/v1/social/comuni': { kind: 'district', request: () => ({ url: '/api/v1/social/comuni' }) },
  'GET /api/v1/social/workers': { kind: 'district', request: () => ({ url: '/api/v1/social/workers' }) },
  'GET /api/v1/social/persons': { kind: 'district', request: () => ({ url: `/api/v1/social/persons?q=${giulia.fiscalCode}` }) },
  'GET /api/v1/social/registry-lookup': { kind: 'registry', request: (w) => ({ url: `/api/v1/social/registry-lookup?fiscalCode=${giulia.fiscalCode}&comuneId=${w.s.castelrocca}` }) },
  'POST /api/v1/social/contacts': {
    kind: 'write-new',
    request: (w) => ({ method: 'POST', url: '/api/v1/social/contacts', payload: { comuneId: w.s.castelrocca, contactOn: w.today, channel: 'phone', requesterKind: 'school',
      targetArea: 'famiglie_minori', sector: 'servizio_sociale_base', need: 'minors_protection', answer: 'information', privacyNoticeGiven: true } }),
  },
  'GET /api/v1/social/contacts': { kind: 'district', request: () => ({ url: '/api/v1/social/contacts' }) },
  'GET /api/v1/social/cases': { kind: 'district', request: () => ({ url: '/api/v1/social/cases' }) },
  'GET /api/v1/social/cases/:caseId': { kind: 'case', request: (w) => ({ url: `/api/v1/social/cases/${w.caseId}` }) },
  'PATCH /api/v1/social/cases/:caseId': { kind: 'case', request: (w) => ({ method: 'PATCH', url: `/api/v1/social/cases/${w.caseId}`, payload: { nextReviewOn: w.today } }) },
  // the first allowed caller takes the case in charge; the others get 409 (past the permission check)
  'POST /api/v1/social/cases/:caseId/transitions/:action': {
    kind: 'case', request: (w) => ({ method: 'POST', url: `/api/v1/social/cases/${w.caseId}/transitions/take_charge`, payload: {} }),
  },
  'GET /api/v1/social/cases/:caseId/history': { kind: 'case', request: (w) => ({ url: `/api/v1/social/cases/${w.caseId}/history` }) },
  'GET /api/v1/social/cases/:caseId/diary': { kind: 'case', request: (w) => ({ url: `/api/v1/social/cases/${w.caseId}/diary` }) },
  'POST /api/v1/social/cases/:caseId/diary': {
    kind: 'case', request: (w) => ({ method: 'POST', url: `/api/v1/social/cases/${w.caseId}/diary`, payload: { kind: 'note', occurredOn: w.today, text: 'Annotazione di prova' } }),
  },
  'POST /api/v1/social/cases/:caseId/interventions': {
    kind: 'case', request: (w) => ({ method: 'POST', url: `/api/v1/social/cases/${w.caseId}/interventions`, payload: { code: 'D1.01', requestedOn: w.today, meansTest: '4', periodicity: '1' } }),
  },
  'PATCH /api/v1/social/cases/:caseId/interventions/:interventionId': {
    kind: 'case', request: (w) => ({ method: 'PATCH', url: `/api/v1/social/cases/${w.caseId}/interventions/${w.interventionId}`, payload: { hoursMonthly: 10 } }),
  },
  'GET /api/v1/social/cases/:caseId/reserved': { kind: 'reserved', request: (w) => ({ url: `/api/v1/social/cases/${w.caseId}/reserved` }) },
  'PUT /api/v1/social/cases/:caseId/reserved': {
    kind: 'reserved', request: (w) => ({ method: 'PUT', url: `/api/v1/social/cases/${w.caseId}/reserved`, payload: { courtMeasures: 'Decreto TM 12/2026', health: 'Nessuna patologia' } }),
  },
  'PUT /api/v1/social/cases/:caseId/assessments/sina': {
    kind: 'case', request: (w) => ({ method: 'PUT', url: `/api/v1/social/cases/${w.caseId}/assessments/sina`, payload: { mobility: '2', dailyLiving: '2', behavioural: '1',
      healthCare: '2', income: '2', support: '2', source: '1', tool: '1', neededInterventions: ['B1.01'], invalidity: ['1'], assessedOn: w.today } }),
  },
  'PUT /api/v1/social/cases/:caseId/assessments/sinba': {
    kind: 'case', request: (w) => ({ method: 'PUT', url: `/api/v1/social/cases/${w.caseId}/assessments/sinba`, payload: { unaccompaniedForeignMinor: '2', condition: '1',
      livingPlace: '1', school: '2', work: '1', disability: '2', household: ['1'], reportSource: '3', firstReportMonth: '01/2026', minorAssessment: '2',
      familyAssessment: '3', reportedToCourt: '2', courtMeasure: '2', interventions: ['D1.01'] } }),
  },
};

/** The answer each caller must get: 'ok' (2xx, or 409 for a step already taken) or a status. */
function expected(kind: Kind, caller: Caller): 'ok' | number {
  if (caller === 'Anonymous') return 401;
  if (kind === 'me') return caller === 'Citizen' ? 403 : 'ok';
  if (caller === 'Citizen') return kind === 'case' || kind === 'reserved' ? 404 : 403;
  if (!isWorker(caller)) return kind === 'case' || kind === 'reserved' ? 403 : 403;
  if (caller === 'OtherDistrict') {
    if (kind === 'district') return 'ok';
    if (kind === 'write-new') return 422; // Castelrocca is not a comune of their body
    return 404;
  }
  const sees = SEES.includes(caller);
  switch (kind) {
    case 'district': return 'ok';
    case 'registry': return caller === 'VdOnly' ? 404 : 'ok'; // the comune is not one they work in
    case 'write-new': return sees ? 'ok' : 403;
    case 'case': return sees ? 'ok' : 404;
    case 'reserved': return !sees ? 404 : RESERVED.includes(caller) ? 'ok' : 403;
  }
  return 'ok';
}

describe('social services: every route for every role and scope', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let world: World;
  const sessions = new Map<Caller, TestSession | null>();
  const routes: { method: string; url: string }[] = [];

  beforeAll(async () => {
    t = await testApp({ demo: true, onRoute: (r) => routes.push(r) });
    const s = await socialWorld(t, WORKERS, STAFF);
    for (const c of CALLERS) sessions.set(c, isWorker(c) || c in STAFF ? s.session(c) : null);
    sessions.set('Citizen', (await citizenLogin(t.app, 'http://localhost:3000', 'giulia-ferrari')).browser.session());
    const opened = await openCase(t, s.session('Coord'), { comuneId: s.castelrocca, targetArea: 'famiglie_minori', sector: 'servizio_sociale_base',
      fiscalCode: giulia.fiscalCode, givenName: 'Giulia', familyName: 'Ferrari' });
    const i = await t.app.inject(as(s.session('Coord'), { method: 'POST', url: `/api/v1/social/cases/${opened.caseId}/interventions`,
      payload: { code: 'D1.01', requestedOn: clock.today(), meansTest: '4', periodicity: '1' } }));
    world = { s, caseId: opened.caseId, interventionId: i.json().id, today: clock.today() };
  }, 300_000);
  afterAll(() => t?.close());

  it('covers every social route the app serves', () => {
    const served = [...new Set(routes.filter((r) => r.url.startsWith('/api/v1/social/') && !/\/(exports|figures)/.test(r.url)).map((r) => `${r.method} ${r.url}`))];
    expect(served.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !served.includes(r))).toEqual([]);
  });

  for (const [name, route] of Object.entries(ROUTES)) {
    it(name, async () => {
      const outcomes: string[] = [];
      for (const caller of CALLERS) {
        const session = sessions.get(caller) ?? null;
        const base = route.request(world);
        const r = await t.app.inject(session ? as(session, base) : base);
        const want = expected(route.kind, caller);
        const fine = want === 'ok' ? r.statusCode < 300 || r.statusCode === 409 : r.statusCode === want;
        if (!fine) outcomes.push(`${caller}: expected ${want}, got ${r.statusCode} ${r.body.slice(0, 200)}`);
        if (r.statusCode >= 400) expect(r.headers['content-type'], `${name} ${caller}`).toContain('application/problem+json');
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('lists only the cases, contacts and persons’ cases inside each worker’s grant', async () => {
    for (const caller of Object.keys(WORKERS) as Worker[]) {
      const s = sessions.get(caller)!;
      const cases = (await t.app.inject(as(s, { url: '/api/v1/social/cases?limit=100' }))).json().items as CaseSummary[];
      const contacts = (await t.app.inject(as(s, { url: '/api/v1/social/contacts?limit=100' }))).json().items as FirstContact[];
      const persons = (await t.app.inject(as(s, { url: `/api/v1/social/persons?q=${giulia.fiscalCode}` }))).json().items as SocialPerson[];
      const sees = SEES.includes(caller);
      expect(cases.some((c) => c.id === world.caseId), `${caller} cases`).toBe(sees);
      expect(contacts.some((c) => c.caseId === world.caseId), `${caller} contacts`).toBe(sees);
      expect(persons.flatMap((p) => p.cases).some((c) => c.id === world.caseId), `${caller} persons`).toBe(sees);
      // and nothing outside the grant in any list
      const spec = WORKERS[caller] as { comuni?: string[]; targetAreas?: string[] };
      if (spec.comuni?.includes('castelrocca')) expect(cases.every((c) => c.comuneId === world.s.castelrocca), caller).toBe(true);
      if (spec.targetAreas) expect(cases.every((c) => spec.targetAreas!.includes(c.targetArea)), caller).toBe(true);
    }
  });

  it('narrows the filters of a case list to the worker’s own comuni', async () => {
    const cr = (await t.app.inject(as(sessions.get('CrOnly')!, { url: '/api/v1/social/comuni' }))).json().items as { id: string }[];
    expect(cr.map((c) => c.id)).toEqual([world.s.castelrocca]);
    const all = (await t.app.inject(as(sessions.get('Coord')!, { url: '/api/v1/social/comuni' }))).json().items as { id: string }[];
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([world.s.castelrocca, world.s.valdoro]));
    const me = (await t.app.inject(as(sessions.get('Minori')!, { url: '/api/v1/social/me' }))).json();
    expect(me).toMatchObject({ socialWorker: true, canExport: false, reserved: false, scope: { comuni: [], targetAreas: ['famiglie_minori'] } });
    expect((await t.app.inject(as(sessions.get('Coord')!, { url: '/api/v1/social/me' }))).json()).toMatchObject({ canExport: true, reserved: true });
    expect((await t.app.inject(as(sessions.get('Manager')!, { url: '/api/v1/social/me' }))).json()).toMatchObject({ socialWorker: false, canFigures: true });
  });

  it('shows reserved diary entries only to workers with the reserved permission, who alone may write them', async () => {
    const coord = sessions.get('Coord')!;
    const text = `Relazione al Tribunale per i minorenni ${fakeFiscalCode()}`;
    const add = await t.app.inject(as(coord, { method: 'POST', url: `/api/v1/social/cases/${world.caseId}/diary`,
      payload: { kind: 'report', occurredOn: world.today, text, reserved: true } }));
    expect(add.statusCode, add.body).toBe(201);
    const seen = async (c: Caller) => ((await t.app.inject(as(sessions.get(c)!, { url: `/api/v1/social/cases/${world.caseId}/diary` }))).json().items as DiaryEntry[])
      .some((e) => e.text === text);
    expect(await seen('Coord')).toBe(true);
    expect(await seen('ReservedCr')).toBe(true);
    expect(await seen('NoReserved')).toBe(false);
    expect(await seen('CrOnly')).toBe(false);
    const refused = await t.app.inject(as(sessions.get('NoReserved')!, { method: 'POST', url: `/api/v1/social/cases/${world.caseId}/diary`,
      payload: { kind: 'report', occurredOn: world.today, text: 'Tentativo', reserved: true } }));
    expect(refused.statusCode).toBe(403);
    // the case file says what the worker may do
    const detail = async (c: Caller) => (await t.app.inject(as(sessions.get(c)!, { url: `/api/v1/social/cases/${world.caseId}` }))).json().can;
    expect(await detail('Coord')).toEqual({ write: true, reserved: true });
    expect(await detail('NoReserved')).toEqual({ write: true, reserved: false });
  });

  it('lets an administrator give the reserved permission to a social worker only, and shows it on the roles', async () => {
    const admin = sessions.get('TenantAdmin')!;
    const url = `/api/v1/tenants/${world.s.ambito}/operators`;
    const ok = await t.app.inject(as(admin, { method: 'POST', url, payload: { email: `riservata-${Date.now()}@sociale.example`, name: 'Assistente Riservata',
      grants: [{ role: 'social_worker', comuni: [world.s.castelrocca], reserved: true }] } }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().operator.roles[0]).toMatchObject({ role: 'social_worker', reserved: true });
    const plain = await t.app.inject(as(admin, { method: 'POST', url, payload: { email: `semplice-${Date.now()}@sociale.example`, name: 'Assistente Semplice',
      grants: [{ role: 'social_worker' }] } }));
    expect(plain.json().operator.roles[0]).toMatchObject({ role: 'social_worker', reserved: false });
    const wrong = await t.app.inject(as(admin, { method: 'POST', url, payload: { email: `sbagliata-${Date.now()}@sociale.example`, name: 'Operatrice Sbagliata',
      grants: [{ role: 'manager', reserved: true }] } }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'body.grants.0.reserved' })]);
    // a role given later carries it too
    const other = await t.app.inject(as(admin, { method: 'POST', url, payload: { email: `dopo-${Date.now()}@sociale.example`, name: 'Responsabile Dopo',
      grants: [{ role: 'tenant_admin' }] } }));
    const added = await t.app.inject(as(admin, { method: 'POST', url: `${url}/${other.json().operator.id}/roles`,
      payload: { role: 'social_worker', comuni: [world.s.valdoro], reserved: true } }));
    expect(added.statusCode, added.body).toBeLessThan(300);
    expect(added.json().roles.find((r: { role: string }) => r.role === 'social_worker')).toMatchObject({ reserved: true, comuni: [{ id: world.s.valdoro }] });
  });

  it('finds outside a worker’s reach only by the exact fiscal code, without address or phone', async () => {
    const vd = sessions.get('VdOnly')!;
    const byName = (await t.app.inject(as(vd, { url: '/api/v1/social/persons?q=Ferrari' }))).json().items as SocialPerson[];
    expect(byName.some((p) => p.fiscalCode === giulia.fiscalCode)).toBe(false);
    const byCode = (await t.app.inject(as(vd, { url: `/api/v1/social/persons?q=${giulia.fiscalCode}` }))).json().items as SocialPerson[];
    expect(byCode.find((p) => p.fiscalCode === giulia.fiscalCode)).toMatchObject({ address: null, phone: null, cases: [] });
    const cr = (await t.app.inject(as(sessions.get('CrOnly')!, { url: '/api/v1/social/persons?q=Ferrari' }))).json().items as SocialPerson[];
    expect(cr.some((p) => p.fiscalCode === giulia.fiscalCode)).toBe(true);
  });

  it('keeps withholding, court and health fields and reserved history to the reserved permission', async () => {
    const url = `/api/v1/social/cases/${world.caseId}`;
    const refused = await t.app.inject(as(sessions.get('NoReserved')!, { method: 'PATCH', url, payload: { withheldFromSubject: true, withheldReason: 'Decreto' } }));
    expect(refused.statusCode).toBe(403);
    const sinba = { ...ROUTES['PUT /api/v1/social/cases/:caseId/assessments/sinba']!.request(world).payload as object, reportedToCourt: '1', courtMeasure: '2' };
    expect((await t.app.inject(as(sessions.get('Coord')!, { method: 'PUT', url: `${url}/assessments/sinba`, payload: sinba }))).statusCode).toBe(200);
    // a worker without the reserved permission neither sees nor overwrites the court fields
    expect((await t.app.inject(as(sessions.get('NoReserved')!, { method: 'PUT', url: `${url}/assessments/sinba`, payload: { ...sinba, reportedToCourt: '2' } }))).statusCode).toBe(200);
    const plain = (await t.app.inject(as(sessions.get('NoReserved')!, { url }))).json();
    expect(plain.withheldFromSubject).toBe(false);
    expect(plain.sinba.condition).toBe('1');
    expect(plain.sinba.courtMeasure).toBeUndefined();
    expect(plain.sinba.reportedToCourt).toBeUndefined();
    expect((await t.app.inject(as(sessions.get('Coord')!, { url }))).json().sinba).toMatchObject({ reportedToCourt: '1', courtMeasure: '2' });
    // the history does not tell of reserved diary entries or the reserved part
    await t.app.inject(as(sessions.get('Coord')!, { method: 'POST', url: `${url}/diary`, payload: { kind: 'report', occurredOn: world.today, text: 'Riservata', reserved: true } }));
    const history = async (c: Caller) => ((await t.app.inject(as(sessions.get(c)!, { url: `${url}/history` }))).json().items as { kind: string; note: string | null }[]);
    expect((await history('NoReserved')).some((e) => e.kind === 'diary_reserved' || e.kind === 'reserved' || /riservat/.test(e.note ?? ''))).toBe(false);
    expect((await history('Coord')).some((e) => e.kind === 'diary_reserved')).toBe(true);
    // reading the diary, the history and the reserved part is in the person’s log
    await t.app.inject(as(sessions.get('Coord')!, { url: `${url}/diary` }));
    await t.app.inject(as(sessions.get('Coord')!, { url: `${url}/reserved` }));
    const ops = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select('operation').where('object_id', '=', world.caseId).execute());
    expect(ops.map((o) => o.operation)).toEqual(expect.arrayContaining(['social_history', 'social_diary', 'social_reserved']));
  });

  it('keeps a worker from moving a case outside their own grant', async () => {
    const r = await t.app.inject(as(sessions.get('Minori')!, { method: 'PATCH', url: `/api/v1/social/cases/${world.caseId}`, payload: { targetArea: 'anziani' } }));
    expect(r.statusCode).toBe(403);
    const still = await t.app.inject(as(sessions.get('Minori')!, { url: `/api/v1/social/cases/${world.caseId}` }));
    expect(still.json().targetArea).toBe('famiglie_minori');
  });
});
