/**
 * The desk manager's dashboard on the demo's simulated weeks: Castelrocca's manager opens "Sportello in cifre",
 * finds the URP chosen, reads the staffing table (the hours short of counters marked in words), the charts with
 * their sentences, changes the period, downloads the Excel file. Axe on every view, no sideways scroll at 360 px,
 * screenshots under /tmp/shots/desk-figures-*.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskFigures } from '../src/contracts/desk.ts';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const shot = screenshots('desk-figures');
const MANAGER = 'g.pesenti@castelrocca.example';

/** Screenshots at 1280 and 360 px, with the sideways-scroll check at 360 (after the page re-rendered). */
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

describe.skipIf(!hasBrowser)("the desk manager's dashboard", () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let urp: { id: string; name: string };

  beforeAll(async () => {
    j = await startJourney();
    const offices = (await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/offices` })).json() as { items: { id: string; code: string; name: string }[] };
    urp = offices.items.find((o) => o.code === DEMO_DESK.castelrocca.officeCode)!;
  }, 180_000);
  afterAll(() => j?.stop());

  it('a manager sees why people waited: the staffing table, the charts, another period, the Excel file', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, MANAGER, DEMO_PASSWORD);
    await page.locator('.sp-operator-bar').getByRole('link', { name: 'Sportello in cifre', exact: true }).click();
    await page.waitForURL(/\/backoffice\/cruscotto-sportello/);
    await page.getByRole('heading', { level: 1, name: 'Cruscotto dello sportello' }).waitFor();

    // the only office with a queue is chosen; the last four weeks by default
    expect(await page.getByLabel('Ufficio').inputValue()).toBe(urp.id);
    expect(await page.getByLabel('Ultime 4 settimane').isChecked()).toBe(true);
    const figures = await (await page.context().request.get(`${j.baseUrl}/api/v1/desk/figures?office=${urp.id}`)).json() as DeskFigures;
    expect(figures.totals.tickets).toBeGreaterThan(500);

    // the staffing table: one row per hour with the server's numbers; the demo's mornings are short of counters, and say so
    const table = page.getByRole('table', { name: /^Sportelli per fascia oraria/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(figures.staffing.length);
    const short = figures.staffing.filter((h) => h.serviceLevelWithOpen !== null && h.serviceLevelWithOpen < 0.8);
    expect(short.length).toBeGreaterThan(0);
    const worst = short.reduce((a, b) => (b.serviceLevelWithOpen! < a.serviceLevelWithOpen! ? b : a));
    const row = table.locator(`tbody tr[data-hour="${worst.hour}"]`);
    expect(await row.getAttribute('class')).toContain('sp-staffing-short');
    await row.getByText(/^⚠ Scoperta: mancan?o? [\d,]+ sportell[oi]$/).waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(String(worst.countersNeeded));
    expect(cells[1]).toBe(worst.countersOpen.toLocaleString('it-IT', { maximumFractionDigits: 1 }));
    // the sentence above it names the hour
    const hh = String(worst.hour).padStart(2, '0');
    expect(await page.locator('#desk-figures-staffing-summary').textContent()).toContain(`dalle ${hh}:00 (`);
    expect(await page.getByTestId('desk-kpi-short').locator('.sp-kpi-value').textContent()).toBe(String(short.length));

    // charts drawn, each a named picture with its sentence; their tables folded under them
    for (const id of ['staffing', 'by-hour', 'by-day', 'waits', 'satisfaction']) {
      const chart = page.getByTestId(`desk-chart-${id}`);
      await chart.locator('svg').first().waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect((await chart.getAttribute('aria-label'))!.length).toBeGreaterThan(30);
    }
    await main(page).getByRole('table', { name: /^Attese e servizio per categoria/ }).getByRole('rowheader', { name: "C · Carta d'identità elettronica" }).waitFor();
    await page.getByText('Dati del grafico in tabella').first().click();
    await main(page).getByRole('table', { name: 'Arrivi per fascia oraria' }).getByRole('rowheader', { name: '10:00–11:00' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'four-weeks');

    // another period: the address keeps the choice, the figures follow
    // the kit draws the radio over its label: a person clicks the label
    await page.locator('label[for="desk-figures-period-91"]').click();
    await page.waitForURL(/periodo=91/);
    const from91 = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${addDays(clock.today(), -90)}T00:00:00Z`));
    await page.getByRole('status').getByText(`dal ${from91} al`, { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // a custom period with the dates reversed is refused on the page, with the reason
    await page.locator('label[for="desk-figures-period-personalizzato"]').click();
    await page.getByLabel('Dal', { exact: true }).fill('2026-11-20');
    await page.getByLabel('Al', { exact: true }).fill('2026-11-01');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.getByRole('alert').getByText('La data di inizio viene dopo quella di fine.').waitFor();
    await shootBoth(page, 'custom-period');

    // the Excel file: the same tables, sheet by sheet
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Scarica Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sportello-urp-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await readFile((await file.path())!) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sintesi', 'Personale per ora', 'Categorie', 'Arrivi per ora', 'Arrivi per giorno', 'Arrivi per settimana', 'Note']);
  }, 180_000);

  it('is not in the desk operator\'s bar, and the page says so to them', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, DEMO_DESK.castelrocca.deskOperatorEmail, DEMO_PASSWORD);
    await page.locator('.sp-operator-bar').getByRole('link', { name: 'Sportello', exact: true }).waitFor();
    expect(await page.locator('.sp-operator-bar').getByRole('link', { name: 'Sportello in cifre' }).count()).toBe(0);
    await page.goto(`${j.baseUrl}/backoffice/cruscotto-sportello`);
    await page.getByRole('heading', { level: 1, name: 'Cruscotto dello sportello' }).waitFor();
    await main(page).getByRole('alert').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
