import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { verifyWebhook } from '../src/server/modules/messaging/webhook-signature.ts';
import { createFormService, fileTestApplication, runBackgroundWork } from '../test/support/forms.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

const SHOTS = process.env.SPORTELLO_SCREENSHOTS ?? '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
async function shoot(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasBrowser)('webhooks in the administration', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ricevuto":true}');
    });
  });
  let receiverUrl: string;
  let serviceId: string;

  beforeAll(async () => {
    j = await startJourney();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eventi`;
    serviceId = await createFormService(j.ctx, CASTELROCCA_SLUG);
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await j?.stop();
  });

  it('a tenant administrator subscribes a receiver, sees the secret once, and follows the deliveries down to each attempt', async () => {
    const { email } = DEMO_ADMINS.find((a) => a.tenantSlug === CASTELROCCA_SLUG)!;
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    await page.getByText('Nessuna sottoscrizione').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the form, by keyboard: address, then the events ticked with the space bar
    const form = page.getByRole('form', { name: 'Nuova sottoscrizione' });
    // sent empty, it says what is missing and takes the focus
    await form.getByRole('button', { name: 'Crea la sottoscrizione' }).click();
    await page.getByRole('alert').getByText("Scrivi l'indirizzo che riceverà gli eventi.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByLabel('Indirizzo (URL)').fill(receiverUrl);
    await form.getByLabel('Descrizione').fill('Gestionale del protocollo');
    await form.getByLabel('Domanda presentata').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await form.getByLabel('Domanda presentata').isChecked()).toBe(true);
    expect(await form.getByLabel('Cambio di stato della pratica').isChecked()).toBe(true);
    // the body itself is chosen already; services: only the one under test, found by a search
    expect(await form.getByLabel('Comune di Castelrocca').isChecked()).toBe(true);
    // Bootstrap Italia draws radios and checkboxes on their labels: a person clicks the label
    await form.getByText('Solo alcuni servizi', { exact: true }).click();
    expect(await form.getByLabel('Solo alcuni servizi').isChecked()).toBe(true);
    await form.getByLabel('Cerca un servizio').fill('prova');
    await form.locator(`label[for="webhook-service-${serviceId}"]`).click();
    expect(await form.locator(`#webhook-service-${serviceId}`).isChecked()).toBe(true);
    await shoot(page, 'webhooks-form');
    await form.getByRole('button', { name: 'Crea la sottoscrizione' }).click();

    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByText('non sarà più mostrato').waitFor();
    const row = page.getByRole('row', { name: new RegExp(receiverUrl.replace(/[.:/]/g, '\\$&')) });
    await row.getByText('Attiva').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shoot(page, 'webhooks-created');

    // an application is filed for the service: its events reach the receiver, signed with that secret
    const giulia = (await citizenLogin(j.app, j.baseUrl, 'giulia-ferrari')).browser.session();
    const applicationId = await fileTestApplication(j.app, j.ctx, giulia, serviceId);
    await runBackgroundWork(j.ctx);
    const mine = received.filter((r) => JSON.parse(r.body).data.applicationId === applicationId);
    expect(mine.map((r) => JSON.parse(r.body).type)).toEqual(['it.sportello.application.submitted', 'it.sportello.application.status_changed']);
    for (const r of mine) expect(verifyWebhook(secret, r.headers as Record<string, string>, r.body)).toBe(true);

    // back on the page the secret is gone for good; the deliveries are one link away
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    await page.getByRole('link', { name: `Consegne ${receiverUrl}` }).click();
    await page.getByRole('heading', { name: 'Consegne', level: 2 }).waitFor();
    const deliveries = page.getByRole('table', { name: /Consegne a/ });
    await deliveries.getByText('Domanda presentata', { exact: true }).waitFor();
    expect(await deliveries.getByText('Consegnata', { exact: true }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shoot(page, 'webhooks-deliveries');

    await deliveries.getByRole('link', { name: /^Dettagli Domanda presentata/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Consegna: Domanda presentata' }).waitFor();
    const attempts = page.getByRole('table', { name: /Tentativi di consegna/ });
    await attempts.getByRole('cell', { name: '200', exact: true }).waitFor();
    await attempts.getByText('{"ricevuto":true}').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shoot(page, 'webhooks-delivery');

    // "Reinvia": the same event goes out again, and the page shows the second attempt
    const before = received.length;
    await page.getByRole('button', { name: 'Reinvia' }).click();
    await page.getByText('Consegna rimessa in coda').waitFor();
    await j.ctx.tasks.webhooks.drain();
    await expect.poll(() => attempts.getByRole('cell', { name: '200', exact: true }).count(), { timeout: 15_000 }).toBe(2);
    expect(received.length).toBe(before + 1);
    expect(received[before]!.headers['webhook-id']).toBe(mine[0]!.headers['webhook-id']);
    expect(await seriousViolations(page)).toEqual([]);
  }, 180_000);
});
