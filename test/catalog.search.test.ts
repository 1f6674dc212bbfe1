import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.ts';

type Summary = { id: string; title: string; tenant: { slug: string }; lifeEvents: string[]; category: string; online: boolean; audiences: string[]; status: string };
type Page = { items: Summary[]; nextCursor: string | null; total: number; didYouMean?: string };

describe('catalogue search over the demo bodies', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const search = async (qs: Record<string, string>) => {
    const r = await t.app.inject({ url: `/api/v1/services?${new URLSearchParams(qs)}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page;
  };
  const titles = (p: Page) => p.items.map((i) => i.title.toLowerCase());

  beforeAll(async () => {
    t = await testApp({ demo: true });
  });
  afterAll(() => t.close());

  it('finds the identity card first for "carta d\'identità", also without the accent', async () => {
    for (const q of ["carta d'identità", 'carta identita']) {
      const p = await search({ q });
      expect(p.total).toBeGreaterThan(0);
      expect(titles(p)[0]).toMatch(/carta d.identit/);
    }
  });

  it('finds the nursery enrolment for "iscrizione nido" and for another word form "iscrizioni asili"', async () => {
    for (const q of ['iscrizione nido', 'iscrizioni asili']) {
      const p = await search({ q });
      expect(titles(p).slice(0, 3).some((x) => x.includes('nido')), `${q}: ${titles(p)}`).toBe(true);
    }
  });

  it('finds residence and TARI services', async () => {
    expect(titles(await search({ q: 'residenza' })).slice(0, 5).some((x) => x.includes('residenza'))).toBe(true);
    expect(titles(await search({ q: 'tari' })).slice(0, 3).some((x) => x.includes('tari'))).toBe(true);
  });

  it('puts services whose title or keywords match before those that only mention the words', async () => {
    const p = await search({ q: 'residenza', limit: '100' });
    const inTitle = await Promise.all(
      p.items.map(async (i) => {
        const card = (await t.app.inject({ url: `/api/v1/services/${i.id}` })).json().card;
        return /\bresidenza\b/i.test(`${card.title} ${card.keywords.join(' ')}`);
      }),
    );
    const firstOther = inTitle.indexOf(false);
    expect(firstOther).toBeGreaterThan(0);
    expect(inTitle.slice(firstOther).some(Boolean), 'a title match after a non-title match').toBe(false);
  });

  it('browses the catalogue when the words are all stop-words', async () => {
    const p = await search({ q: 'di la' });
    const all = await search({});
    expect(p.total).toBe(all.total);
  });

  it('tolerates a typing mistake and says what it searched instead', async () => {
    const p = await search({ q: 'anagarfe' });
    expect(p.didYouMean).toBe('anagrafe');
    expect(p.total).toBeGreaterThan(0);
  });

  it('searches all bodies from the portal, and only one body with the tenant filter', async () => {
    const all = await search({ q: 'residenza', limit: '100' });
    expect(new Set(all.items.map((i) => i.tenant.slug)).size).toBeGreaterThanOrEqual(2);
    const slug = all.items[0].tenant.slug;
    const one = await search({ q: 'residenza', tenant: slug, limit: '100' });
    expect(one.total).toBeGreaterThan(0);
    expect(one.total).toBeLessThan(all.total);
    expect(one.items.every((i) => i.tenant.slug === slug)).toBe(true);
  });

  it('filters by life event, category, audience and online availability', async () => {
    const birth = await search({ lifeEvent: 'birth', limit: '100' });
    expect(birth.total).toBeGreaterThan(0);
    expect(birth.items.every((i) => i.lifeEvents.includes('birth'))).toBe(true);
    const cat = birth.items[0].category;
    const byCat = await search({ category: cat, limit: '100' });
    expect(byCat.items.every((i) => i.category === cat)).toBe(true);
    const online = await search({ online: 'true', limit: '100' });
    expect(online.total).toBeGreaterThan(0);
    expect(online.items.every((i) => i.online)).toBe(true);
    const business = await search({ audience: 'businesses', limit: '100' });
    expect(business.total).toBeGreaterThan(0);
    expect(business.items.every((i) => i.audiences.includes('businesses'))).toBe(true);
  });

  it('hides inactive services unless asked, and then shows their status', async () => {
    const all = await search({ includeInactive: 'true', limit: '100' });
    const active = await search({ limit: '100' });
    expect(all.total).toBeGreaterThan(active.total);
    expect(active.items.every((i) => i.status === 'active')).toBe(true);
  });

  it('pages through every result with cursors, without repeats or gaps', async () => {
    for (const base of [{}, { q: 'certificato' }] as Record<string, string>[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total = 0;
      do {
        const p: Page = await search({ ...base, limit: '7', ...(cursor ? { cursor } : {}) });
        total = p.total;
        seen.push(...p.items.map((i) => i.id));
        cursor = p.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
    }
  });

  it('answers bad input with a problem+json 400 that says what to fix', async () => {
    const cases = [
      ['/api/v1/services?colour=red', /colour/],
      ['/api/v1/services?cursor=not-a-cursor', /cursor/i],
      [`/api/v1/services?q=${'a'.repeat(201)}`, /200/],
      ['/api/v1/services?limit=1000', /limit/],
      ['/api/v1/services?online=maybe', /online/],
    ] as const;
    for (const [url, hint] of cases) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = r.json();
      expect(body.status).toBe(400);
      expect(JSON.stringify(body)).toMatch(hint);
      expect(body.detail).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("reads a card at its body's address, current or earlier version", async () => {
    const first = (await search({ q: 'tari', tenant: 'comune-di-valdoro', limit: '1' })).items[0] as Summary & { slug: string };
    const r = await t.app.inject({ url: `/api/v1/tenants/comune-di-valdoro/services/${first.slug}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().id).toBe(first.id);
    expect((await t.app.inject({ url: `/api/v1/tenants/comune-di-valdoro/services/${first.slug}?version=1` })).json().card.title).toBeTruthy();
    expect((await t.app.inject({ url: '/api/v1/tenants/comune-di-valdoro/services/non-esiste' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/tenants/nessun-ente/services/${first.slug}` })).statusCode).toBe(404);
  });

  it('refuses a cursor forged, broken or taken from another search, with a 400 that says why', async () => {
    const nido = await search({ q: 'nido', limit: '1' });
    const other = await t.app.inject({ url: `/api/v1/services?q=tari&limit=1&cursor=${nido.nextCursor}` });
    expect(other.statusCode).toBe(400);
    expect(other.json().detail).toMatch(/altra ricerca/);
    const browse = await t.app.inject({ url: `/api/v1/services?limit=1&cursor=${nido.nextCursor}` });
    expect(browse.statusCode).toBe(400);
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = nido.items[0].id;
    for (const k of [[1, 1e300, id], [1, 0.5, '-'.repeat(36)], [3, 0.5, id], ['a\u0000b', id]]) {
      const r = await t.app.inject({ url: `/api/v1/services?q=nido&limit=1&cursor=${forge({ k, t: 5, w: ['nido'], f: 'x' })}` });
      expect(r.statusCode, JSON.stringify(k)).toBe(400);
    }
  });

  it('answers a NUL character in a query or body with 400, not 500', async () => {
    expect((await t.app.inject({ url: '/api/v1/services?q=a%00b' })).statusCode).toBe(400);
    const login = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'a\u0000b@c', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers an over-long path segment with a problem+json 400', async () => {
    const r = await t.app.inject({ url: `/api/v1/tenants/x/services/${'a'.repeat(130)}` });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 404 for an unknown service and 400 for a malformed id', async () => {
    const r = await t.app.inject({ url: '/api/v1/services/00000000-0000-4000-8000-000000000000' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.app.inject({ url: '/api/v1/services/nope' })).statusCode).toBe(400);
  });
});
