/**
 * Profiles: Marco Colombo, a parent who also represents the family trattoria, has sent a request of his own and
 * one for the trattoria, on which the office is waiting for an answer and has written a message. On a phone
 * (360 px) he opens the personal area, moves between "Come privato" and "Per le imprese" with the arrow keys,
 * follows each profile's link with the keyboard and finds the trattoria's application only under "Per le
 * imprese" and his own only under "Come privato"; "Tutte le mie pratiche" shows both again. Choosing to act for
 * the trattoria from its profile goes through the usual acting-for switch (the banner says so). axe on every
 * page; no sideways scroll at 360 and 320 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { as, officeStep, operatorLogin, type TestSession } from '../test/support/auth.ts';
import { createFormService, ONE_STEP_FORM, platformAdmin } from '../test/support/forms.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const NARROW = { width: 320, height: 700 };
const CASTELROCCA = 'comune-di-castelrocca';
const AREA = '/area-personale';
const LIST = '/area-personale/pratiche';
const TRATTORIA = 'Trattoria Al Castello di Colombo Marco & C. S.n.c.';


describe.skipIf(!hasBrowser)('profiles: as a private person and for a company, kept apart', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let marco: TestSession;
  const codes = { own: '', company: '' };

  const ok = async <T,>(s: TestSession, opts: Parameters<typeof as>[1]): Promise<T> => {
    const r = await j.app.inject(as(s, opts));
    if (r.statusCode >= 300) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };
  /** A service of the comune with a one-step form, under a title of its own. */
  async function service(slug: string, title: string) {
    const id = await createFormService(j.ctx, CASTELROCCA, { slug, form: ONE_STEP_FORM });
    const tenant = await j.ctx.services.tenants.get(CASTELROCCA);
    const card = (await j.ctx.services.catalog.getBySlug(CASTELROCCA, slug)).card;
    await j.ctx.services.catalog.publish(platformAdmin(tenant.id), id, { ...card, title } as never);
    return id;
  }
  async function send(serviceId: string, oggetto: string): Promise<ApplicationDetail> {
    const draft = await ok<ApplicationDetail>(marco, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } });
    await ok(marco, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data: { domanda: { ...(draft.data.domanda as object), oggetto } } } });
    await ok(marco, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `e2e-profili-${draft.id}` } });
    return draft;
  }

  beforeAll(async () => {
    j = await startJourney();
    const sport = await service('contributo-attivita-sportive', 'Contributo per le attività sportive');
    const dehors = await service('occupazione-suolo-dehors', 'Occupazione di suolo pubblico per dehors');
    marco = (await citizenLogin(j.app, j.baseUrl, 'marco-colombo')).browser.session();

    const own = await send(sport, 'Corso di nuoto');
    const subjects = await ok<{ items: { kind: string; id: string; name: string }[] }>(marco, { url: '/api/v1/me/subjects' });
    const company = subjects.items.find((s) => s.kind === 'company')!;
    await ok(marco, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: company.kind, id: company.id } });
    const forCompany = await send(dehors, 'Dehors estivo');
    await ok(marco, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'self', id: subjects.items.find((s) => s.kind === 'self')!.id } });
    await j.ctx.tasks.registrar.drain();
    await j.ctx.tasks.receipts.drain();
    codes.own = (await ok<ApplicationDetail>(marco, { url: `/api/v1/applications/${own.id}` })).code;
    codes.company = (await ok<ApplicationDetail>(marco, { url: `/api/v1/applications/${forCompany.id}` })).code;

    // the office asks the trattoria for the floor plan of the dehors and writes a message about it
    const laura = await operatorLogin(j.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    expect((await officeStep(j.app, laura, forCompany.id, 'take_charge')).statusCode).toBe(200);
    expect((await officeStep(j.app, laura, forCompany.id, 'request_integration', { note: 'Serve la planimetria del dehors.', documents: ['Planimetria'] })).statusCode).toBe(200);
    await ok(laura, { method: 'POST', url: `/api/v1/applications/${forCompany.id}/messages`, payload: { body: 'Basta anche uno schizzo quotato.' },
      headers: { 'idempotency-key': `e2e-profili-msg-${forCompany.id}` } });
  }, 180_000);
  afterAll(() => j?.stop());

  const shot = screenshots('profili');
  /** axe clean and a screenshot at 360 px, then the same at 320 px with no sideways scroll at either. */
  const check = async (page: Page, name: string) => {
    for (const size of [PHONE, NARROW]) {
      await page.setViewportSize(size);
      expect(await noSidewaysScroll(page), `${name}: sideways scroll at ${size.width} px`).toBe(true);
      expect(await seriousViolations(page), `${name} at ${size.width} px`).toEqual([]);
      await shot(page, name);
    }
    await page.setViewportSize(PHONE);
  };
  const section = (page: Page) => main(page).getByRole('region', { name: 'I tuoi profili' });
  const tab = (page: Page, name: string) => section(page).getByRole('tab', { name });
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  const listedCodes = async (page: Page) => main(page).locator('.sp-practice .sp-code').allTextContents();

  it('switches profile with the keyboard and finds each application only under its own profile', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'marco-colombo', AREA);
    await section(page).waitFor();
    // he acts for himself: "Come privato" is the profile shown, and he has no clients yet
    expect(await section(page).getByRole('tab').allTextContents()).toEqual(['Come privato', 'Per le imprese']);
    expect(await tab(page, 'Come privato').getAttribute('aria-selected')).toBe('true');
    const individual = section(page).getByRole('tabpanel', { name: 'Come privato' });
    await individual.getByText('Sofia Colombo', { exact: true }).waitFor();
    await individual.getByText('Tommaso Colombo', { exact: true }).waitFor();
    expect(await individual.locator('.sp-profile-counts li').first().textContent()).toContain('1 pratica in corso');
    await section(page).scrollIntoViewIfNeeded();
    await check(page, 'area-privato');

    // keyboard: on the selected tab, the right arrow moves to "Per le imprese" and shows its panel
    await tab(page, 'Come privato').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab(page, 'Per le imprese').getAttribute('aria-selected')).toBe('true');
    expect(await focused(page)).toBe('Per le imprese');
    const company = section(page).getByRole('tabpanel', { name: 'Per le imprese' });
    await company.getByText(TRATTORIA, { exact: true }).waitFor();
    expect(await individual.isHidden()).toBe(true);
    const counts = (await company.locator('.sp-profile-counts li').allTextContents()).map((s) => s.replace(/\s+/g, ' '));
    expect(counts).toEqual(['1 pratica in corso', '1 aspetta una tua risposta', '0 bozze da completare', '1 messaggio non letto']);
    await check(page, 'area-imprese');
    // Home and End go to the first and the last tab; the left arrow wraps around
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe('Come privato');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('Per le imprese');

    // Tab leads into the panel: its first stop is the link to the profile's applications
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Le tue pratiche per le imprese');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === LIST && url.searchParams.get('profilo') === 'impresa');
    await main(page).getByRole('heading', { level: 1, name: 'Le mie pratiche per le imprese' }).waitFor();
    await expect.poll(() => listedCodes(page)).toEqual([codes.company]);
    await main(page).getByRole('link', { name: 'Occupazione di suolo pubblico per dehors', exact: true }).waitFor();
    await check(page, 'pratiche-imprese');

    // the way back to everything
    await main(page).getByRole('link', { name: 'Tutte le mie pratiche' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === LIST && !url.searchParams.has('profilo'));
    await main(page).getByRole('heading', { level: 1, name: 'Le mie pratiche', exact: true }).waitFor();
    await expect.poll(async () => (await listedCodes(page)).sort()).toEqual([codes.own, codes.company].sort());

    // and as a private person: his own request, not the trattoria's
    await page.goto(`${j.baseUrl}${AREA}`);
    await tab(page, 'Come privato').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Le tue pratiche come privato');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === LIST && url.searchParams.get('profilo') === 'privato');
    await main(page).getByRole('heading', { level: 1, name: 'Le mie pratiche come privato' }).waitFor();
    await expect.poll(() => listedCodes(page)).toEqual([codes.own]);
    await main(page).getByRole('link', { name: 'Contributo per le attività sportive', exact: true }).waitFor();
    await check(page, 'pratiche-privato');
    await page.context().close();
  });

  it('acting for the trattoria from its profile uses the usual switch, and the profile follows the choice', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'marco-colombo', AREA);
    await tab(page, 'Per le imprese').click();
    const company = section(page).getByRole('tabpanel', { name: 'Per le imprese' });
    const actFor = company.getByRole('button', { name: `Opera per conto di ${TRATTORIA}` });
    await actFor.focus();
    await page.keyboard.press('Enter');
    // the confirmation takes the focus; the banner on every page says whom he acts for
    await expect.poll(() => focused(page)).toContain(`Ora operi per conto di ${TRATTORIA}`);
    await page.locator('.sp-acting-for').getByText(TRATTORIA).waitFor();
    await company.getByText('Stai operando per conto suo').waitFor();
    // the "Per chi operi" choice further down follows too
    expect(await main(page).getByRole('radio', { name: new RegExp(TRATTORIA.replace(/[.&]/g, '\\$&')) }).isChecked()).toBe(true);
    await check(page, 'area-per-impresa');

    // after a reload the profile shown is the one of whom he acts for
    await page.reload();
    await section(page).waitFor();
    expect(await tab(page, 'Per le imprese').getAttribute('aria-selected')).toBe('true');
    // back to himself, from the banner
    await page.locator('.sp-acting-for').getByRole('button', { name: 'Torna a operare per te' }).click();
    await expect.poll(() => page.locator('.sp-acting-for').count()).toBe(0);
    await page.context().close();
  });
});
