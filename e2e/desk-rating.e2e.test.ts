/**
 * The rating tablet by Sportello 1: the administrator pairs it; before anyone is served it asks for a general
 * rating; Francesca Gotti serves a ticket at Sportello 1 and the tablet asks "Valuta la visita del numero …"; the
 * visitor taps "Soddisfatto", reads "Grazie!", and the rating is recorded for that ticket.
 */
import type { BrowserContext } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskCategory, DeskCounter, Ticket } from '../src/contracts/desk.ts';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { noSidewaysScroll, screenshots } from './support/page.ts';

const ADMIN = 'admin@castelrocca.example';
const DESK = DEMO_DESK.castelrocca;
const TABLET = { width: 800, height: 1280 };
const PHONE = { width: 360, height: 800 };

describe.skipIf(!hasBrowser)('the rating tablet: a visitor rates the visit just served at its counter', { timeout: 300_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  const shot = screenshots('sportello-valutazione');

  const api = async <T = unknown>(context: BrowserContext, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const csrf = (await context.cookies(j.baseUrl)).find((c) => c.name === 'sportello_csrf')?.value ?? '';
    const response = await context.request.fetch(`${j.baseUrl}${url}`, {
      method,
      headers: { 'X-CSRF-Token': decodeURIComponent(csrf), 'Idempotency-Key': crypto.randomUUID() },
      ...(data === undefined ? {} : { data }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${JSON.stringify(body)}`);
    return body as T;
  };

  it('asks in general, then for the ticket just served, thanks the visitor and records the rating', async () => {
    // the administrator pairs a rating tablet for Sportello 1
    const admin = (await j.newPage()).context();
    await loginAsOperator(await admin.newPage(), j.baseUrl, ADMIN, DEMO_PASSWORD);
    const offices = await api<{ items: { id: string; code: string }[] }>(admin, 'GET', `/api/v1/tenants/${DESK.tenantSlug}/offices`);
    const officeId = offices.items.find((o) => o.code === DESK.officeCode)!.id;
    const counters = await api<{ items: DeskCounter[] }>(admin, 'GET', `/api/v1/offices/${officeId}/counters`);
    const counter = counters.items.find((c) => c.name === 'Sportello 1')!;
    const paired = await api<{ pairPath: string }>(admin, 'POST', `/api/v1/offices/${officeId}/devices`, { kind: 'rating', name: 'Tablet Sportello 1', counterId: counter.id });

    // the tablet: paired, it opens the rating page and asks in general
    const tablet = await j.newPage(TABLET);
    await tablet.goto(`${j.baseUrl}${paired.pairPath}`);
    // the pairing page moves on inside the page (no new load): watch the address itself
    await expect.poll(() => new URL(tablet.url()).pathname).toBe('/sportello/valutazione');
    await tablet.getByRole('heading', { level: 1, name: 'Come è andata la tua visita?' }).waitFor();
    await tablet.getByText('Sportello 1').waitFor();
    for (const name of ['Soddisfatto', 'Così così', 'Insoddisfatto']) {
      const box = await tablet.getByRole('button', { name, exact: true }).boundingBox();
      expect(box!.height, name).toBeGreaterThanOrEqual(64);
    }
    expect(await seriousViolations(tablet)).toEqual([]);
    await shot(tablet, 'generale');

    // the desk operator issues a ticket (reception), opens Sportello 1, calls it and serves it
    const desk = (await j.newPage()).context();
    await loginAsOperator(await desk.newPage(), j.baseUrl, DESK.deskOperatorEmail, DEMO_PASSWORD);
    const categories = await api<{ items: DeskCategory[] }>(desk, 'GET', `/api/v1/offices/${officeId}/desk-categories`);
    const registry = categories.items.find((c) => c.prefix === 'A')!;
    const issued = await api<Ticket>(desk, 'POST', '/api/v1/tickets', { officeId, categoryId: registry.id });
    await api(desk, 'POST', `/api/v1/counters/${counter.id}/open`, { categoryIds: counter.categoryIds });
    const called = await api<{ ticket: Ticket | null }>(desk, 'POST', `/api/v1/counters/${counter.id}/call-next`, {});
    expect(called.ticket?.id).toBe(issued.id);
    await api(desk, 'POST', `/api/v1/tickets/${issued.id}/served`, {});

    // within a few seconds the tablet asks about that visit
    const question = tablet.getByRole('heading', { level: 1, name: `Valuta la visita del numero ${issued.label}` });
    await question.waitFor({ timeout: 15_000 });
    expect(await seriousViolations(tablet)).toEqual([]);
    await shot(tablet, 'numero');

    // with the keyboard too: the first face is a real button
    await tablet.getByRole('button', { name: 'Soddisfatto', exact: true }).focus();
    await tablet.keyboard.press('Enter');
    await tablet.getByRole('heading', { name: 'Grazie!' }).waitFor();
    expect(await seriousViolations(tablet)).toEqual([]);
    await shot(tablet, 'grazie');

    // the rating is recorded against the ticket, once
    const rows = await inScope(j.database.db, { platform: true }, (trx) =>
      sql<{ rating: string; counter_id: string | null }>`SELECT rating, counter_id FROM desk_ratings WHERE ticket_id = ${issued.id}`.execute(trx));
    expect(rows.rows).toEqual([{ rating: 'satisfied', counter_id: counter.id }]);

    // then it waits for the next visitor, with nothing left to rate
    await tablet.getByRole('heading', { level: 1, name: 'Come è andata la tua visita?' }).waitFor({ timeout: 20_000 });
    await tablet.setViewportSize(PHONE);
    expect(await noSidewaysScroll(tablet), 'rating page at 360 px').toBe(true);
    await shot(tablet, 'telefono');

    // a general rating (no ticket) is recorded as well
    const neutral = async () => {
      const r = await inScope(j.database.db, { platform: true }, (trx) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM desk_ratings WHERE office_id = ${officeId} AND ticket_id IS NULL AND rating = 'neutral'`.execute(trx));
      return r.rows[0]!.n;
    };
    const before = await neutral();
    await tablet.getByRole('button', { name: 'Così così' }).click();
    await tablet.getByRole('heading', { name: 'Grazie!' }).waitFor();
    await expect.poll(neutral).toBe(before + 1);
  });

  it('a manager reaches the counter page from the menu, chooses the office and sees who sits at each counter', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    await page.locator('.sp-operator-bar').getByRole('link', { name: 'Sportello', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sportello' }).waitFor();
    const office = page.getByLabel('Ufficio');
    await office.selectOption({ label: 'URP - Ufficio Relazioni con il Pubblico e Protocollo' });
    await page.getByRole('heading', { name: 'A quale sportello sei?' }).waitFor();
    // the first journey left Sportello 1 open by the desk operator
    const first = page.locator('.sp-counter-choice').filter({ hasText: 'Sportello 1' });
    await first.getByText('Aperto da Francesca Gotti').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'responsabile');

    // sitting at Francesca's counter shows that it is hers, not her calls; taking it over opens it for the manager
    await first.getByRole('button', { name: 'Scegli Sportello 1' }).click();
    await page.getByRole('heading', { name: 'Lo sportello è aperto da Francesca Gotti' }).waitFor();
    expect(await page.getByRole('button', { name: 'Chiama il prossimo' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'sportello-di-altri');
    await page.getByRole('button', { name: 'Prendi lo sportello' }).click();
    await page.getByRole('button', { name: 'Chiama il prossimo' }).waitFor();
    await page.getByText('Sportello 1 è aperto.').waitFor();
  });
});
