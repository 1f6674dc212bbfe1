import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

/** Screenshots for a person to look at: the dashboard at desktop and phone widths. */
const SHOTS = process.env.SPORTELLO_SCREENSHOTS ? path.join(process.env.SPORTELLO_SCREENSHOTS, 'dashboard') : '/tmp/sportello-e2e-shots/dashboard';
mkdirSync(SHOTS, { recursive: true });
async function shoot(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 800 });
    // the charts follow their box: give them a moment to redraw at the new width
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const MANAGER = 'g.pesenti@castelrocca.example';

describe.skipIf(!hasBrowser)("the manager's dashboard", () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  /** applications received in the last 30 and the last 90 days: those written below and the demo's own history */
  const received = { last30: 0, last90: 0 };

  beforeAll(async () => {
    j = await startJourney();
    // A few months of a comune's work, written straight into the tables: five services, some late.
    const today = clock.today();
    const at = (n: number) => new Date(`${addDays(today, n)}T09:30:00Z`);
    await inScope(j.database.db, { platform: true }, async (trx) => {
      const tenant = await trx.selectFrom('tenants').select('id').where('slug', '=', CASTELROCCA_SLUG).executeTakeFirstOrThrow();
      const services = await trx.selectFrom('services').select(['id', 'office_id', 'max_days', 'current_version'])
        .where('tenant_id', '=', tenant.id).where('office_id', 'is not', null).where('max_days', '>', 0).orderBy('title').limit(5).execute();
      const citizen = await trx.insertInto('citizens').values({ fiscal_code: 'CRSDSH80A01H501Q', given_name: 'Cruscotto', family_name: 'Prova' })
        .returning('id').executeTakeFirstOrThrow();
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      let n = 0;
      for (const [i, s] of services.entries()) {
        // the first service is the slow one: its outcomes take longer than the law allows
        const slowness = i === 0 ? 1.5 : 0.3 + random() * 0.6;
        for (let k = 0; k < 10 + i * 3; k++) {
          const closed = random() < 0.55;
          let submittedDay: number;
          let closedDay: number | null = null;
          let status: string;
          if (closed) {
            closedDay = -1 - Math.floor(random() * 80);
            submittedDay = closedDay - Math.round(s.max_days * slowness * (0.5 + random()));
            status = random() < 0.85 ? 'approved' : 'rejected';
          } else {
            const roll = random();
            status = roll < 0.6 ? 'in_progress' : roll < 0.8 ? 'awaiting_citizen' : 'registered';
            // the slow service's open ones are all past their due date
            submittedDay = i === 0 ? -(s.max_days + 1 + Math.floor(random() * 20)) : -1 - Math.floor(random() * 85);
          }
          const { id } = await trx.insertInto('applications').values({
            tenant_id: tenant.id, code: `CR-DASH-${++n}`, service_id: s.id, service_version: s.current_version, office_id: s.office_id,
            citizen_id: citizen.id, filer_name: 'Cruscotto Prova', subject_kind: 'self', subject_ref: citizen.id, subject_fiscal_code: 'CRSDSH80A01H501Q',
            subject_name: 'Cruscotto Prova', status: status as never, submitted_at: at(submittedDay), closed_at: closedDay === null ? null : at(closedDay),
            max_days: s.max_days, due_date: addDays(today, submittedDay + s.max_days), suspended_days: 0,
          }).returning('id').executeTakeFirstOrThrow();
          if (status === 'awaiting_citizen' || random() < 0.2) {
            await trx.insertInto('application_events').values({ tenant_id: tenant.id, application_id: id, type: 'integration_requested',
              actor_kind: 'operator', actor_label: 'Operatore', details: JSON.stringify({}) as never }).execute();
          }
          if (closed && random() < 0.6) {
            await trx.insertInto('service_ratings').values({ application_id: id, tenant_id: tenant.id, service_id: s.id, score: 1 + Math.floor(random() * 5) }).execute();
          }
        }
      }
      // the demo comes with six months of applications of its own (seed/demo/history.ts): count them all
      const since = async (days: number) => Number((await trx.selectFrom('applications').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenant.id).where(sql<boolean>`(submitted_at AT TIME ZONE 'Europe/Rome')::date >= ${addDays(today, -days)}::date`)
        .executeTakeFirstOrThrow()).n);
      received.last30 = await since(30);
      received.last90 = await since(90);
    });
  }, 180_000);
  afterAll(() => j?.stop());

  it('a manager opens the dashboard, reads tiles, charts and table, changes the period and downloads the Excel file', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, MANAGER, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Cruscotto' }).click();
    await page.waitForURL(/\/backoffice\/cruscotto/);
    await page.getByRole('heading', { level: 1, name: 'Cruscotto delle pratiche' }).waitFor();

    // the tiles: the last 90 days by default; late work in red
    const tile = (key: string) => page.getByTestId(`kpi-${key}`);
    await tile('received').getByText(String(received.last90), { exact: true }).waitFor();
    const overdue = Number(await tile('overdue').locator('.sp-kpi-value').textContent());
    expect(overdue).toBeGreaterThan(0);
    expect(await tile('overdue').locator('.sp-kpi').getAttribute('class')).toContain('sp-kpi-alarm');
    expect(await tile('onTime').locator('.sp-kpi-value').textContent()).toMatch(/%$/);
    expect(await tile('avgDays').locator('.sp-kpi-value').textContent()).toMatch(/gg$/);

    // three charts, each drawn, named by its summary; the summary is on the page too
    for (const id of ['workload', 'times', 'ontime']) {
      const chart = page.getByTestId(`chart-${id}`);
      await chart.locator('svg').first().waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect((await chart.getAttribute('aria-label'))!.length).toBeGreaterThan(40);
    }
    expect(await page.locator('#chart-workload-summary').textContent()).toMatch(/^Oggi sono aperte \d+ pratiche: .*Il servizio con più pratiche scadute è /);
    expect(await page.locator('#chart-times-summary').textContent()).toMatch(/90° percentile oltre il termine di legge/);

    // the table carries the same numbers, and sorts
    const table = page.getByRole('table', { name: /Pratiche di Comune di Castelrocca per ufficio e servizio/ });
    // the five services above, and those of the demo's history
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await table.locator('tfoot tr td').first().textContent()).toBe(String(received.last90));
    await table.getByRole('button', { name: /Scadute/ }).click();
    expect(await table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const overdueColumn = await table.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(overdueColumn.map(Number)).toEqual([...overdueColumn.map(Number)].sort((a, b) => b - a));

    // help on how each figure is computed
    await page.getByText('Come si calcolano le cifre').click();
    await page.getByText(/Giorni di calendario dalla presentazione all'esito, meno i giorni di sospensione/).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'dashboard-90-days');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    // the last 30 days: the address and the figures follow
    // Bootstrap Italia draws the radio on its label, which takes the click
    await page.getByText('Ultimi 30 giorni', { exact: true }).click();
    expect(await page.getByLabel('Ultimi 30 giorni').isChecked()).toBe(true);
    await page.waitForURL(/periodo=30/);
    await tile('received').getByText(String(received.last30), { exact: true }).waitFor();

    // a custom period, typed with the keyboard; a reversed one is refused on the page
    await page.getByText('Personalizzato', { exact: true }).click();
    const today = clock.today();
    await page.getByLabel('Dal', { exact: true }).fill(today);
    await page.getByLabel('Al', { exact: true }).fill(addDays(today, -10));
    await page.getByRole('button', { name: 'Mostra il periodo' }).click();
    await page.getByRole('alert').getByText('La data di inizio viene dopo quella di fine').waitFor();
    await page.getByLabel('Dal', { exact: true }).fill(addDays(today, -90));
    await page.getByLabel('Al', { exact: true }).fill(today);
    await page.getByLabel('Al', { exact: true }).press('Enter');
    await page.waitForURL(new RegExp(`periodo=personalizzato&dal=${addDays(today, -90)}&al=${today}`));
    await tile('received').getByText(String(received.last90), { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'dashboard-custom');

    // the Excel file: named after the body and the period, with the same totals
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Scarica Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`pratiche-castelrocca-${addDays(today, -90)}_${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const sheet = wb.getWorksheet('Pratiche')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Totale');
    expect(last.getCell(3).value).toBe(received.last90);
    expect(last.getCell(6).value).toBe(overdue);

    // the CSV link asks for the same choice
    expect(await page.getByRole('link', { name: 'Scarica CSV' }).getAttribute('href'))
      .toBe(`/api/v1/analytics/applications.csv?from=${addDays(today, -90)}&to=${today}`);
  }, 180_000);
});
