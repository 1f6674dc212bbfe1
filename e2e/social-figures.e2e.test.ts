/**
 * "Servizi sociali in cifre" on the demo's district: the Ambito's manager opens the dashboard, sees the charts
 * with their tables and the note on hidden small cells ("<5"), downloads the CSV (the same cells hidden); the
 * coordinator (s.personeni) sees exact numbers and no note. Axe on every view, no sideways scroll at 360 px,
 * screenshots under /tmp/shots/social-figures-*.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocialFigures } from '../src/contracts/social.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const shot = screenshots('social-figures');
/** the Ambito's manager (Ufficio di Piano): the whole district, small cells hidden */
const MANAGER = 'g.zambelli@ambitovalleorsa.example';
/** the district's coordinator: a social worker without limits, exact figures */
const COORDINATOR = 's.personeni@ambitovalleorsa.example';
const PATH = '/backoffice/sociale/cruscotto';
const CHARTS = ['comune', 'area', 'need', 'age', 'month'];

async function shootBoth(page: Page, name: string) {
  await shot(page, name);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => window.innerWidth === 360);
  await page.waitForTimeout(300); // the charts follow their box
  await shot(page, name);
  expect(await noSidewaysScroll(page), `${name} scrolls sideways at 360 px`).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const apiFigures = async (page: Page, baseUrl: string) =>
  (await (await page.context().request.get(`${baseUrl}/api/v1/social/figures`)).json()) as SocialFigures;

describe.skipIf(!hasBrowser)("the district's social figures", () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  it('the manager sees the charts, the hidden small cells explained, and downloads the CSV with the same cells hidden', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, MANAGER, DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}${PATH}`);
    await page.getByRole('heading', { level: 1, name: 'Servizi sociali in cifre' }).waitFor();

    const f = await apiFigures(page, j.baseUrl);
    expect(f.suppression).toBe(true);
    expect(f.totals.contacts.value).toBeGreaterThan(50);

    // the note on hidden cells
    const note = page.getByTestId('suppression-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Per tutelare le persone, i valori inferiori a 5 sono nascosti');

    // the totals as cards, with the server's numbers
    const contacts = await page.getByTestId('soc-kpi-contacts').locator('.sp-kpi-value').textContent();
    expect(contacts).toBe(f.totals.contacts.value!.toLocaleString('it-IT'));

    // every chart drawn, a named picture with its sentence; its table under it
    for (const id of CHARTS) {
      const chart = page.getByTestId(`soc-chart-${id}`);
      await chart.locator('svg').first().waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect((await chart.getAttribute('aria-label'))!.length).toBeGreaterThan(20);
    }
    // a hidden cell in a table reads "<5" (and "meno di 5" to a screen reader)
    const hiddenRow = [...f.byComune, ...f.byNeed, ...f.byTargetArea, ...f.byAgeBand].find((r) => r.contacts.suppressed || r.cases.suppressed);
    expect(hiddenRow, 'the demo has at least one small cell').toBeTruthy();
    await page.getByText('I dati in tabella').first().click();
    const comuneTable = main(page).getByRole('table', { name: 'Per comune' });
    await comuneTable.waitFor();
    expect(await comuneTable.locator('tbody tr').count()).toBe(f.byComune.length);
    const anyHidden = main(page).locator('[data-suppressed="true"]').first();
    await anyHidden.waitFor({ state: 'attached' });
    expect(await anyHidden.textContent()).toContain('<5');
    await main(page).getByTestId('interventions-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'manager');

    // the CSV: the same figures, the same cells hidden
    const download = page.waitForEvent('download');
    await page.getByTestId('download-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`servizi-sociali-${f.from}_${f.to}.csv`);
    const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[1]).toContain('Per tutelare le persone');
    expect(csv).toContain(`Primi contatti;${f.totals.contacts.value}`);
    const label = hiddenRow!.label;
    const line = csv.find((l) => l.startsWith(`${label};`))!;
    expect(line).toContain('<5');

    // a filter: one comune, kept in the address
    const comune = f.byComune[0]!;
    await page.getByLabel('Comune', { exact: true }).selectOption(comune.key);
    await page.getByRole('button', { name: 'Mostra le cifre' }).click();
    await page.waitForURL(new RegExp(`comune=${comune.key}`));
    const rows = main(page).getByRole('table', { name: 'Per comune' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe(comune.label);
    await shot(page, 'manager-one-comune');
  }, 240_000);

  it('the coordinator sees exact numbers, without hidden cells', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, COORDINATOR, DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}${PATH}`);
    await page.getByRole('heading', { level: 1, name: 'Servizi sociali in cifre' }).waitFor();
    const f = await apiFigures(page, j.baseUrl);
    expect(f.suppression).toBe(false);
    await page.getByTestId('exact-note').waitFor();
    expect(await page.getByTestId('suppression-note').count()).toBe(0);
    expect(await main(page).locator('[data-suppressed="true"]').count()).toBe(0);
    // a comune with few people, exact here
    const small = [...f.byComune].sort((a, b) => (a.contacts.value ?? 0) - (b.contacts.value ?? 0))[0]!;
    await page.getByText('I dati in tabella').first().click();
    const row = main(page).getByRole('table', { name: 'Per comune' }).getByRole('row', { name: new RegExp(small.label) });
    expect((await row.locator('td').allTextContents())[0]).toBe(small.contacts.value!.toLocaleString('it-IT'));
    const contacts = await page.getByTestId('soc-kpi-contacts').locator('.sp-kpi-value').textContent();
    expect(contacts).toBe(f.totals.contacts.value!.toLocaleString('it-IT'));
    for (const id of CHARTS) await page.getByTestId(`soc-chart-${id}`).locator('svg').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'coordinator');
  }, 240_000);
});
