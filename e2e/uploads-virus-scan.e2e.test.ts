/**
 * An infected file in a real browser: the citizen attaches a PDF carrying the EICAR test file to a message to the
 * office; the page says, in words, that the file holds a virus and was refused, and keeps the text and the chosen
 * file so nothing typed is lost. ClamAV is the real clamscan with the test's own signature database.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { as } from '../test/support/auth.ts';
import { clamscanOrSkip, eicar, eicarDatabase } from '../test/support/eicar.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { drainWork, fileDemoApplication } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { minimalPdf } from './support/files.ts';

const CITIZEN = 'giulia-ferrari';
const TEXT = 'Allego la ricevuta del bonifico per i diritti di segreteria.';
const binary = hasBrowser ? clamscanOrSkip() : null;

describe.skipIf(!hasBrowser || !binary)('an infected attachment in the browser', { timeout: 300_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let database: string;

  beforeAll(async () => {
    database = await eicarDatabase();
    j = await startJourney({ env: { CLAMAV_DATABASE: database } });
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
    await rm(database, { recursive: true, force: true });
  });

  it('says the file holds a virus and was refused, and keeps what the citizen typed and chose', async () => {
    const giulia = (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
    const application = await fileDemoApplication(j.app, j.ctx, giulia, CITIZEN, FORM_SERVICE_SLUGS.cambioAbitazione);
    await drainWork(j.ctx);

    const page = await j.newPage({ width: 360, height: 800 });
    await signInAsCitizen(page, j.baseUrl, CITIZEN, `/area-personale/pratiche/${application.id}`);
    const section = page.locator('main').locator('section[aria-labelledby="messaggi"]');
    await section.getByLabel('Il tuo messaggio').fill(TEXT);
    const infected = Buffer.concat([minimalPdf('ricevuta'), eicar()]);
    await section.getByLabel(/Allega file/).setInputFiles({ name: 'ricevuta.pdf', mimeType: 'application/pdf', buffer: infected });
    await section.getByRole('button', { name: 'Invia il messaggio' }).click();
    await section.getByText(/Il file «ricevuta\.pdf» contiene un virus \(Eicar-Test-Signature[^)]*\) ed è stato rifiutato\./).waitFor();
    expect(await section.getByLabel('Il tuo messaggio').inputValue()).toBe(TEXT);
    await section.getByRole('list', { name: 'File scelti' }).getByRole('button', { name: 'Togli ricevuta.pdf' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // the office received nothing
    const thread = await j.app.inject(as(giulia, { url: `/api/v1/applications/${application.id}/messages` }));
    expect((thread.json().items as { body: string }[]).filter((m) => m.body === TEXT)).toEqual([]);
  });
});
