/**
 * "Per te": advice from the citizen's situation. Giulia Ferrari's identity card (demo: it expires 60 days after the
 * seed) makes one alert when she signs in and one when the daily run passes, never two; it says why it is shown and
 * links to the comune's identity-card service; the registry read behind it is in her access log as the system's.
 * A child of nursery age makes advice for both parents. Dismissing hides it for good; switching its kind off hides
 * it and switching it on brings it back; an administrator's change to a rule takes effect; a renewed card ends the
 * alert; nobody else sees or dismisses it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Recommendation, RecommendationPreferences, RecommendationRule } from '../src/contracts/recommendations.ts';
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import { DEMO_PASSWORD, DEMO_PLATFORM_ADMIN } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity, person, PLACES } from '../src/server/modules/identity/test-idp/identities.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, daysBetween } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { platformAdmin } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const LIST = '/api/v1/me/recommendations';
const PREFS = '/api/v1/me/recommendations/preferences';
const RULES = '/api/v1/admin/recommendation-rules';
const CIE = '/enti/comune-di-castelrocca/servizi/carta-identita-elettronica';
const giuliaCode = findTestIdentity('giulia-ferrari')!.fiscalCode;
const marcoCode = findTestIdentity('marco-colombo')!.fiscalCode;

describe('"Per te": advice from the citizen\'s situation', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let luca: TestSession; // another citizen, resident elsewhere
  let laura: TestSession; // operator, Castelrocca
  let admin: TestSession; // Castelrocca's administrator
  let castelrocca: string;

  const svc = () => t.ctx.services.recommendations;
  const list = async (s: TestSession) => {
    const r = await t.app.inject(as(s, { url: LIST }));
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Recommendation[] }).items;
  };
  const cardAlerts = async (s: TestSession) => (await list(s)).filter((x) => x.kind === 'deadline');
  const stored = (fiscalCode: string, kind: Recommendation['kind'] = 'deadline') => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('recommendations as r')
    .innerJoin('citizens as c', 'c.id', 'r.citizen_id').select(['r.id', 'r.title', 'r.expires_at', 'r.dismissed_at'])
    .where('c.fiscal_code', '=', fiscalCode).where('r.kind', '=', kind).execute());
  const setCard = (fiscalCode: string, expires: string) => inScope(t.database.db, { platform: true }, (trx) =>
    trx.updateTable('registry_people').set({ id_card_expires_on: expires }).where('fiscal_code', '=', fiscalCode).execute());
  const signIn = async (identity: string) => {
    const s = (await citizenLogin(t.app, ORIGIN, identity)).browser.session();
    await svc().settled();
    return s;
  };
  const today = () => clock.today();

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-recommendations` } });
    castelrocca = (await t.ctx.services.tenants.get('comune-di-castelrocca')).id;
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    admin = await operatorLogin(t.app, 'admin@castelrocca.example', DEMO_PASSWORD);
    luca = await signIn('luca-moretti');
  }, 180_000);
  afterEach(() => clock.reset());
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  it('the demo gives Giulia Ferrari an identity card expiring 60 days after the seed', async () => {
    const [row] = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('registry_people')
      .select(['id_card_number', 'id_card_expires_on']).where('fiscal_code', '=', giuliaCode).execute());
    expect(row).toEqual({ id_card_number: 'CA48213FG', id_card_expires_on: addDays(today(), 60) });
  });

  it('signing in makes the identity-card alert once, with why it is shown and where to act', async () => {
    giulia = await signIn('giulia-ferrari');
    const r = await t.app.inject(as(giulia, { url: LIST }));
    expect(r.headers['cache-control']).toBe('private, no-store');
    const [alert, ...others] = (r.json() as { items: Recommendation[] }).items;
    // besides the card, the demo's second TARI instalment falls due in 12 days (seed/demo/payments.ts)
    expect(others.map((o) => [o.kind, o.title])).toEqual([['payment', 'Pagamento in scadenza']]);
    expect(others[0]!.message).toMatch(/^TARI 2026 – seconda rata: 118,23 € da pagare entro il /);
    const expires = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${addDays(today(), 60)}T00:00:00Z`));
    expect(alert).toMatchObject({
      kind: 'deadline', title: "Rinnova la carta d'identità", link: CIE, about: { self: true, name: 'Giulia Ferrari' },
      body: { id: castelrocca, name: 'Comune di Castelrocca' }, relevantFrom: addDays(today(), -30), expiresAt: null,
    });
    expect(alert!.message).toBe(`La tua carta d'identità scade il ${expires}. Puoi chiedere la nuova carta d'identità elettronica al Comune di Castelrocca.`);
    expect(alert!.reason).toBe(`L'anagrafe del Comune di Castelrocca riporta il ${expires} come data di scadenza della tua carta d'identità.`);

    // signing in again changes nothing
    await signIn('giulia-ferrari');
    expect(await cardAlerts(giulia)).toHaveLength(1);
    expect(await stored(giuliaCode)).toHaveLength(1);

    // the registry read behind it is the system's, in her log, once
    const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    const reads = log.filter((e) => e.operation === 'recommendation');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ who: { kind: 'system' }, object: { type: 'recommendation', id: alert!.id }, subject: { self: true }, body: { id: castelrocca } });
    expect(reads[0]!.legalBasis).toMatch(/art\. 7 CAD/);
  });

  it('the daily run makes the alert once for a citizen who has not signed in since', async () => {
    const marco = await signIn('marco-colombo');
    expect(await cardAlerts(marco)).toEqual([]);
    // the comune records that Marco's card expires in 30 days; tomorrow's run finds it
    await setCard(marcoCode, addDays(today(), 30));
    clock.advanceDays(1);
    expect(await svc().runDaily()).toBeGreaterThanOrEqual(3);
    expect(await svc().runDaily()).toBe(0); // today's run is done
    const [alert] = await cardAlerts(marco);
    expect(alert!.message).toContain("La tua carta d'identità scade il");
    // the next day's run, and a sign-in, make nothing new
    clock.advanceDays(1);
    await svc().runDaily();
    await signIn('marco-colombo');
    expect(await cardAlerts(marco)).toHaveLength(1);
    expect(await stored(marcoCode)).toHaveLength(1);
    expect(await cardAlerts(giulia)).toHaveLength(1);
    expect(await stored(giuliaCode)).toHaveLength(1);
  });

  it('advises both parents when a child will be of nursery age at the opening of the window (1 November 2026)', async () => {
    // as on 24 November 2026, with a daughter born on 31 July 2026: 3 months on 31 October
    clock.advanceDays(daysBetween(today(), '2026-11-24'));
    const lia = person('Lia', 'Colombo', 'F', '2026-07-31', PLACES.bergamo);
    await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('registry_people').values({
      tenant_id: castelrocca, fiscal_code: lia.fiscalCode, given_name: 'Lia', family_name: 'Colombo', sex: 'F', birth_date: lia.birthDate,
      birth_place: 'Bergamo', address: 'Via Giuseppe Garibaldi 28, 24029 Castelrocca (BG)', family_id: 'CR-0001', family_relation: 'figlio',
    }).execute());
    const marco = await signIn('marco-colombo');
    await svc().evaluateCitizen((await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().id);
    for (const parent of [giulia, marco]) {
      const nursery = (await list(parent)).filter((x) => x.kind === 'life_event');
      expect(nursery).toHaveLength(1);
      expect(nursery[0]).toMatchObject({
        title: "Iscrizioni al nido: Lia Colombo ha l'età giusta", about: { self: false, name: 'Lia Colombo' },
        link: '/enti/comune-di-castelrocca/servizi/iscrizione-asilo-nido', relevantFrom: '2026-10-02', expiresAt: '2027-03-31T10:00:00.000Z',
      });
      expect(nursery[0]!.message).toContain('dal 1 novembre 2026 al 31 marzo 2027');
      expect(nursery[0]!.reason).toContain('Lia Colombo, che all\'apertura delle iscrizioni avrà 3 mesi');
    }
    // the read of the child's registry record is in the parents' log, under her name
    const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    expect(log.filter((e) => e.operation === 'recommendation' && e.subject.name === 'Lia Colombo').length).toBeGreaterThan(0);
    // after the window closes, the advice is over
    clock.advanceDays(daysBetween(today(), '2027-04-01'));
    expect((await list(giulia)).filter((x) => x.kind === 'life_event')).toEqual([]);
  });

  it('a dismissed alert stays hidden, whatever is evaluated after; only its owner may dismiss it', async () => {
    const [alert] = await cardAlerts(giulia);
    // another citizen cannot see or dismiss it; staff and anonymous callers are refused
    expect((await list(luca)).map((x) => x.id)).not.toContain(alert!.id);
    const byOther = await t.app.inject(as(luca, { method: 'POST', url: `${LIST}/${alert!.id}/dismiss` }));
    expect(byOther.statusCode).toBe(404);
    expect(byOther.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.app.inject(as(laura, { method: 'POST', url: `${LIST}/${alert!.id}/dismiss` }))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `${LIST}/${alert!.id}/dismiss` })).statusCode).toBe(401);
    expect((await t.app.inject(as(laura, { url: LIST }))).statusCode).toBe(403);
    expect((await t.app.inject({ url: LIST })).statusCode).toBe(401);
    expect(await cardAlerts(giulia)).toHaveLength(1);

    const done = await t.app.inject(as(giulia, { method: 'POST', url: `${LIST}/${alert!.id}/dismiss` }));
    expect(done.statusCode, done.body).toBe(204);
    expect(await cardAlerts(giulia)).toEqual([]);
    expect((await t.app.inject(as(giulia, { method: 'POST', url: `${LIST}/${alert!.id}/dismiss` }))).statusCode).toBe(204);
    await signIn('giulia-ferrari');
    clock.advanceDays(1);
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toEqual([]);
    expect(await stored(giuliaCode)).toHaveLength(1);
    // a renewed card that expires again is another occasion: a new alert
    await setCard(giuliaCode, addDays(today(), 45));
    await signIn('giulia-ferrari');
    expect(await cardAlerts(giulia)).toHaveLength(1);
  });

  it('switching a kind off hides its alerts; switching it back on shows them again', async () => {
    const prefs = async () => (await t.app.inject(as(giulia, { url: PREFS }))).json() as RecommendationPreferences;
    expect(await prefs()).toEqual({ kinds: { life_event: true, deadline: true, payment: true, favourite: true } });
    const off = await t.app.inject(as(giulia, { method: 'PUT', url: PREFS, payload: { kinds: { life_event: true, deadline: false, payment: true, favourite: true } } }));
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ kinds: { life_event: true, deadline: false, payment: true, favourite: true } });
    expect(await cardAlerts(giulia)).toEqual([]);
    expect((await prefs()).kinds.deadline).toBe(false);
    // the daily run leaves the switched-off kind alone: it is not ended, nor made again
    clock.advanceDays(1);
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toEqual([]);

    const on = await t.app.inject(as(giulia, { method: 'PUT', url: PREFS, payload: { kinds: { life_event: true, deadline: true, payment: true, favourite: true } } }));
    expect(on.statusCode).toBe(200);
    await svc().settled();
    expect(await cardAlerts(giulia)).toHaveLength(1);

    // bad input is a clear 400
    const unknown = await t.app.inject(as(giulia, { method: 'PUT', url: PREFS, payload: { kinds: { life_event: true, deadline: true, payment: true, favourite: true, spam: false } } }));
    expect(unknown.statusCode).toBe(400);
    const missing = await t.app.inject(as(giulia, { method: 'PUT', url: PREFS, payload: { kinds: { deadline: true } } }));
    expect(missing.statusCode).toBe(400);
  });

  it("an administrator's change to a rule takes effect: narrower, reworded, then switched off for the body", async () => {
    const rules = await t.app.inject(as(admin, { url: RULES }));
    expect(rules.statusCode, rules.body).toBe(200);
    const items = (rules.json() as { items: RecommendationRule[] }).items;
    expect(items.map((r) => r.key).sort()).toEqual(['asilo-nido', 'carta-identita', 'pagamento-in-scadenza', 'preferito-aggiornato']);
    const card = items.find((r) => r.key === 'carta-identita')!;
    expect(card).toMatchObject({ tenantId: null, kind: 'deadline', active: true, replaced: false,
      condition: { type: 'id_card_expiring', withinDays: 90, includeExpired: true, serviceSlug: 'carta-identita-elettronica' } });
    expect(items.find((r) => r.key === 'pagamento-in-scadenza')).toMatchObject({ kind: 'payment', condition: { type: 'payment_due' } });
    const { id: _id, key: _key, tenantId: _t, kind: _k, updatedAt: _u, replaced: _r, ...editable } = card;

    // Giulia's card expires in 45 days: a rule of 30 days no longer holds for it
    const narrower = await t.app.inject(as(admin, { method: 'PUT', url: `${RULES}/carta-identita`, payload: { ...editable, condition: { ...card.condition, withinDays: 30 } } }));
    expect(narrower.statusCode, narrower.body).toBe(200);
    expect(narrower.json()).toMatchObject({ key: 'carta-identita', tenantId: castelrocca, condition: { withinDays: 30 } });
    expect(((await t.app.inject(as(admin, { url: RULES }))).json() as { items: RecommendationRule[] }).items
      .find((r) => r.key === 'carta-identita' && r.tenantId === null)!.replaced).toBe(true);
    // today's run starts again after a change (the background task may be doing it already)
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toEqual([]);

    // reworded, 90 days again: the same alert comes back with the body's words
    const reworded = await t.app.inject(as(admin, { method: 'PUT', url: `${RULES}/carta-identita`,
      payload: { ...editable, title: 'Carta d\'identità: prenota il rinnovo', message: 'Scade il {{data}}: prenota allo sportello anagrafe del {{ente}}.' } }));
    expect(reworded.statusCode, reworded.body).toBe(200);
    await svc().runDaily();
    const [alert] = await cardAlerts(giulia);
    expect(alert).toMatchObject({ title: "Carta d'identità: prenota il rinnovo", link: CIE });
    expect(alert!.message).toMatch(/^Scade il \d+ \w+ \d{4}: prenota allo sportello anagrafe del Comune di Castelrocca\.$/);
    expect(await stored(giuliaCode)).toHaveLength(2); // the dismissed one and this one

    // switched off for the body: the platform's rule does not come back in its place
    expect((await t.app.inject(as(admin, { method: 'PUT', url: `${RULES}/carta-identita`, payload: { ...editable, active: false } }))).statusCode).toBe(200);
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toEqual([]);
    expect((await t.app.inject(as(admin, { method: 'PUT', url: `${RULES}/carta-identita`, payload: editable }))).statusCode).toBe(200);
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toHaveLength(1);
  });

  it('refuses a bad rule with a clear 400 on the field, and platform-wide rules to a body administrator', async () => {
    const base = { condition: { type: 'child_age_at_window', serviceSlug: 'iscrizione-asilo-nido', minMonths: 3, maxMonths: 36, showDaysBefore: 30 },
      title: 'Nido per {{figlio}}', message: 'Dal {{apertura}}.', reason: '{{figlio}} ha {{mesi}} mesi.', link: '{{link_servizio}}', active: true };
    const put = (payload: object, who = admin) => t.app.inject(as(who, { method: 'PUT', url: `${RULES}/nido-prova`, payload }));
    const problems = async (payload: object) => {
      const r = await put(payload);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return r.json() as { detail: string; errors: { path: string; message: string }[] };
    };
    expect((await problems({ ...base, condition: { ...base.condition, minMonths: 40 } })).errors)
      .toEqual([{ path: 'body.condition.minMonths', message: expect.stringContaining("l'età minima (40 mesi) supera la massima (36 mesi)") }]);
    expect((await problems({ ...base, condition: { ...base.condition, maxMonths: 'trentasei' } })).errors[0])
      .toMatchObject({ path: 'body.condition.maxMonths', message: expect.stringContaining('numero intero') });
    expect((await problems({ ...base, condition: { ...base.condition, colour: 'red' } })).errors[0])
      .toMatchObject({ path: 'body.condition.colour', message: expect.stringContaining('campo sconosciuto') });
    const { showDaysBefore: _s, ...noDays } = base.condition;
    expect((await problems({ ...base, condition: noDays })).errors[0]!.message).toContain('showDaysBefore');
    expect((await problems({ ...base, condition: { type: 'horoscope' } })).errors[0]!.path).toMatch(/condition/);
    expect((await problems({ ...base, message: 'Scade il {{scadenza}} {{importo}}' })).errors[0])
      .toMatchObject({ path: 'body.message', message: expect.stringContaining('{{scadenza}}, {{importo}}') });
    expect((await problems({ ...base, title: 'Nido per {{figlio}' })).errors[0]!.message).toContain('segnaposto incompleto');
    expect((await problems({ ...base, link: 'https://esempio.example/truffa' })).errors[0]!.path).toBe('body.link');
    expect((await problems({ ...base, link: '//esempio.example/' })).errors[0]!.path).toBe('body.link');
    expect((await put({ ...base, platformWide: true })).statusCode).toBe(403);
    // nothing was saved
    expect(((await t.app.inject(as(admin, { url: RULES }))).json() as { items: RecommendationRule[] }).items.some((r) => r.key === 'nido-prova')).toBe(false);

    // a platform administrator changes the platform's rule
    const platform = await operatorLogin(t.app, DEMO_PLATFORM_ADMIN, DEMO_PASSWORD);
    const saved = await put({ ...base, platformWide: true }, platform);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ key: 'nido-prova', tenantId: null, kind: 'life_event' });
    // staff without the role and citizens are refused
    expect((await put(base, laura)).statusCode).toBe(403);
    expect((await t.app.inject(as(giulia, { url: RULES }))).statusCode).toBe(403);
  });

  it('an alert whose condition no longer holds goes away: the card was renewed', async () => {
    expect(await cardAlerts(giulia)).toHaveLength(1);
    await setCard(giuliaCode, addDays(today(), 3650));
    await signIn('giulia-ferrari');
    expect(await cardAlerts(giulia)).toEqual([]);
    const rows = await stored(giuliaCode);
    expect(rows.every((r) => r.dismissed_at || (r.expires_at && r.expires_at <= clock.now()))).toBe(true);
    // and the daily run does not bring it back
    clock.advanceDays(1);
    await svc().runDaily();
    expect(await cardAlerts(giulia)).toEqual([]);
  });

  it('tells of a favourite service that published a new version after it was starred', async () => {
    const service = await t.ctx.services.catalog.getBySlug('comune-di-castelrocca', 'iscrizione-asilo-nido');
    expect((await t.app.inject(as(giulia, { method: 'PUT', url: `/api/v1/me/favourites/${service.id}` }))).statusCode).toBe(204);
    await signIn('giulia-ferrari');
    expect((await list(giulia)).filter((x) => x.kind === 'favourite')).toEqual([]);
    const card = service.card as unknown as { timeLimits: string };
    await t.ctx.services.catalog.publish(platformAdmin(castelrocca), service.id, { ...service.card, timeLimits: `${card.timeLimits} Aggiornato.` } as never);
    await signIn('giulia-ferrari');
    const [news, ...more] = (await list(giulia)).filter((x) => x.kind === 'favourite');
    expect(more).toEqual([]);
    expect(news).toMatchObject({ title: 'È cambiato un servizio che segui', link: '/enti/comune-di-castelrocca/servizi/iscrizione-asilo-nido', about: { self: true } });
    expect(news!.reason).toContain("Hai messo «Iscrizione all'asilo nido comunale» tra i tuoi servizi preferiti");
    // no registry data behind it: nothing in the access log
    const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    expect(log.some((e) => e.object.id === news!.id)).toBe(false);
  });
});
