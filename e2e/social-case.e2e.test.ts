/**
 * The district's social services (issue 10), in a real browser, on the demo's Ambito Sociale Valle dell'Orsa.
 *
 *  a. Silvia Personeni, the district's coordinator, records a first contact for Davide Esposito of Castelrocca
 *     (found in the comune's registry by fiscal code) that opens a case; takes the case in charge; adds a diary
 *     entry (an interview) and an intervention of the plan (an income-support contribution, authorised, with its
 *     protocol, monthly amount and the body's share); then exports the PSA flow of today to INPS's Casellario: the
 *     file is produced, downloads, validates against the official XSD with xmllint and carries the new benefit.
 *  b. Marco Bonfanti, who works on families and minors only, opens the same case's address: the case is not
 *     there for him (the server answers as for a case that does not exist), and his list does not show it.
 *
 * Every page: axe with no serious or critical violation, no sideways scroll at 360 px; screenshots under
 * /tmp/shots/social-e2e-*.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { romeDate } from '../src/server/platform/legal-clock.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const COORDINATOR = 's.personeni@ambitovalleorsa.example';
const MINORS_WORKER = 'm.bonfanti@ambitovalleorsa.example';
const PSA_XSD = path.resolve('src/server/modules/social/xsd/PS_PSA_SINA201806.xsd');
const NEED = 'Ha perso il lavoro a settembre e non riesce a pagare affitto e bollette; chiede un aiuto economico.';
const DIARY = "Colloquio in sede: ricostruita la situazione economica del nucleo, concordata la domanda di contributo.";
const PROTOCOL = 'AMB-2026-E2E0001';

describe.skipIf(!hasBrowser)('social services: a first contact opens a case, the plan is kept and sent to INPS', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let caseUrl = '';
  const davide = findTestIdentity('davide-esposito')!;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  const shot = screenshots('social-e2e');
  const check = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, name);
    const size = page.viewportSize()!;
    if (size.width === PHONE.width) {
      expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
      return;
    }
    await page.setViewportSize(PHONE);
    await expect.poll(() => noSidewaysScroll(page), { message: `${name}: sideways scroll at 360 px`, timeout: 5_000 }).toBe(true);
    expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
    await shot(page, name);
    await page.setViewportSize(size);
  };

  it('a. first contact → case → diary and intervention → the PSA file for INPS', async () => {
    const today = romeDate(new Date());
    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, COORDINATOR, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Servizi sociali' }).first().click();
    await main(page).getByRole('heading', { level: 1, name: 'Cartelle sociali' }).waitFor();
    await main(page).getByTestId('case-list').waitFor();
    await check(page, 'cartelle');

    // the first contact: Davide Esposito's sister phones; he is found in Castelrocca's registry
    await main(page).getByRole('link', { name: 'Nuovo primo contatto' }).click();
    const form = main(page).getByTestId('first-contact-form');
    await form.waitFor();
    await form.getByLabel('Comune *').selectOption({ label: 'Comune di Castelrocca' });
    expect(await form.getByLabel('Data del contatto *').inputValue()).toBe(today);
    await form.getByLabel('Canale *').selectOption('phone');
    await form.getByLabel('Chi si è rivolto al servizio *').selectOption('family');
    await form.getByLabel('Codice fiscale').first().fill(davide.fiscalCode);
    await form.getByRole('button', { name: "Cerca nell'anagrafe del comune" }).click();
    await expect.poll(() => form.getByLabel('Cognome *').inputValue(), { timeout: 10_000 }).toBe(davide.familyName);
    expect(await form.getByLabel('Nome *', { exact: true }).inputValue()).toBe(davide.givenName);
    await form.getByLabel('Area di utenza *').selectOption('adulti_poverta');
    await form.getByLabel('Servizio competente *').selectOption('servizio_sociale_base');
    await form.getByLabel('Bisogno prevalente *').selectOption('economic');
    await form.getByLabel('Bisogno espresso, con le parole della persona').fill(NEED);
    await form.getByLabel('Risposta *').selectOption('case_opened');
    await form.getByLabel(/Ho dato alla persona l'informativa/).check();
    await check(page, 'primo-contatto');
    await form.getByTestId('first-contact-save').click();

    // the case is open, in the person's name
    await page.waitForURL(/\/backoffice\/sociale\/cartelle\/[0-9a-f-]{36}$/);
    caseUrl = page.url();
    await main(page).getByText('Primo contatto registrato e cartella aperta.').waitFor();
    expect((await main(page).getByTestId('case-title').innerText()).trim()).toBe(`${davide.givenName} ${davide.familyName}`);
    expect(await main(page).getByTestId('case-status').first().innerText()).toContain('Aperto');

    // taken in charge
    await main(page).getByTestId('case-action-take_charge').click();
    await page.getByTestId('case-action-confirm').click();
    await expect.poll(async () => main(page).getByTestId('case-status').first().innerText(), { timeout: 10_000 }).toContain('Preso in carico');

    // a diary entry: an interview
    await main(page).getByRole('tab', { name: 'Diario' }).click();
    await main(page).getByLabel('Tipo *').selectOption('interview');
    await main(page).getByLabel('Testo *').fill(DIARY);
    await main(page).getByTestId('diary-save').click();
    await main(page).getByTestId('diary-list').getByText(DIARY).waitFor();
    await check(page, 'diario');

    // the household's ISEE (the contribution is means-tested: the Casellario needs the DSU)
    await main(page).getByRole('tab', { name: 'Nucleo e ISEE' }).click();
    await main(page).locator('#isee-dsuProtocol').fill('INPS-ISEE-2026-000123456-00');
    await main(page).locator('#isee-dsuYear').fill(today.slice(0, 4));
    await main(page).locator('#isee-dsuDate').fill(`${today.slice(0, 4)}-01-15`);
    await main(page).locator('#isee-value').fill('6.240,00');
    await main(page).locator('#isee-validUntil').fill(`${today.slice(0, 4)}-12-31`);
    await main(page).getByTestId('household-save').click();
    await main(page).getByText('Nucleo, ISEE e verifica salvati.').waitFor();

    // an intervention of the plan: income support, authorised today, 250 € a month for 6 months
    await main(page).getByRole('tab', { name: 'Progetto e interventi' }).click();
    await main(page).getByTestId('intervention-add').click();
    await main(page).getByLabel('Intervento *').selectOption('A1.04');
    await main(page).getByLabel('Stato *').selectOption('authorised');
    await main(page).getByLabel('Richiesto il *').fill(today);
    await main(page).getByLabel('Autorizzato il').fill(today);
    await main(page).getByLabel('Inizio erogazione').fill(today);
    await main(page).getByLabel('Protocollo della domanda').fill(PROTOCOL);
    await main(page).getByLabel('Importo mensile').fill('250,00');
    await main(page).getByLabel('Durata in mesi').fill('6');
    await main(page).getByLabel('Importo totale').fill('1.500,00');
    await main(page).getByLabel("Quota dell'ente").fill('1.500,00');
    await check(page, 'intervento-modulo');
    await main(page).getByTestId('intervention-save').click();
    const interventions = main(page).getByTestId('intervention-list');
    await interventions.getByRole('heading', { name: /A1\.04 — Contributo economico per il sostegno al reddito/ }).waitFor();
    expect((await interventions.innerText()).replace(/\s+/g, ' ')).toMatch(/250,00/);
    await check(page, 'interventi');

    // the PSA flow of today, for INPS's Casellario dell'Assistenza
    await page.goto(`${j.baseUrl}/backoffice/sociale/invii-inps`);
    await main(page).getByLabel('Flusso', { exact: true }).selectOption('psa');
    await main(page).getByLabel('Dal', { exact: true }).fill(today);
    await main(page).getByLabel('Al', { exact: true }).fill(today);
    await main(page).getByTestId('export-preview').click();
    const result = main(page).getByTestId('export-result');
    await result.getByTestId('export-counts').waitFor();
    const problems = result.getByTestId('export-problems');
    expect(await problems.count() ? await problems.innerText() : '', 'records of today that cannot be sent').toBe('');
    await check(page, 'invio-verifica');
    await main(page).getByTestId('export-create').click();
    const download = result.getByTestId('export-download');
    await download.waitFor();
    await check(page, 'invio-fatto');

    const href = await download.getAttribute('href');
    const file = await page.request.get(new URL(href!, j.baseUrl).toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/application\/xml/);
    const xml = await file.text();
    expect(xml).toContain(`CodiceFiscale="${davide.fiscalCode}"`);
    expect(xml).toContain('CodicePrestazione="A1.04"');
    expect(xml).toContain(`ProtocolloDomanda="${PROTOCOL}"`);
    const dir = mkdtempSync(path.join(tmpdir(), 'psa-'));
    writeFileSync(path.join(dir, 'psa.xml'), xml);
    // xmllint exits non-zero (and execFileSync throws with its messages) when the file does not validate
    execFileSync('xmllint', ['--noout', '--schema', PSA_XSD, path.join(dir, 'psa.xml')], { stdio: 'pipe' });
  });

  it('b. a worker of another target area cannot open the case', async () => {
    expect(caseUrl).not.toBe('');
    const page = await j.newPage(PHONE);
    await loginAsOperator(page, j.baseUrl, MINORS_WORKER, DEMO_PASSWORD);
    await page.goto(caseUrl);
    await main(page).getByText(/non (esiste|è stata trovata|trovata)|non puoi vedere/i).first().waitFor();
    expect(await main(page).getByTestId('case-title').count()).toBe(0);
    expect(await main(page).innerText()).not.toContain(davide.familyName);
    await check(page, 'altra-area');

    // nor is it in his list, searched by name
    await page.goto(`${j.baseUrl}/backoffice/sociale`);
    await main(page).getByTestId('case-list').waitFor();
    expect(await main(page).getByTestId('case-list').innerText()).not.toContain(`${davide.givenName} ${davide.familyName}`);
  });
});
