/**
 * "Scarica tutti i miei dati": Giulia Ferrari, on a phone, opens "I miei dati" and downloads everything held about
 * her, first as PDF with the keyboard, then as JSON. Both files are named with the day and hold her data. axe on the
 * page; no sideways scroll at 320 px.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const MY_DATA = '/area-personale/dati';

describe.skipIf(!hasBrowser)('"Scarica tutti i miei dati": the citizen downloads everything held about her, as PDF and JSON', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  const shot = screenshots('scarica-dati');

  it('finds the links on "I miei dati" and downloads a PDF and a JSON file of her data', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', MY_DATA);
    await page.getByRole('heading', { level: 1, name: 'I miei dati' }).waitFor();
    const links = main(page).getByRole('list', { name: 'Scarica tutti i miei dati' });
    const pdfLink = links.getByRole('link', { name: /^In PDF, da leggere e stampare ?: scarica tutti i miei dati$/ });
    await pdfLink.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), 'sideways scroll at 320 px').toBe(true);
    await shot(page, 'link');

    // with the keyboard
    await pdfLink.focus();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pdf.suggestedFilename()).toMatch(/^i-miei-dati-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    const [json] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: /^In JSON, per altri programmi ?: scarica tutti i miei dati$/ }).click()]);
    expect(json.suggestedFilename()).toMatch(/^i-miei-dati-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse((await readFile((await json.path())!)).toString('utf8')) as { person: { name: string }; sections: Record<string, { label: string }> };
    expect(data.person.name).toBe('Giulia Ferrari');
    expect(data.sections.payments!.label).toBe('Pagamenti e ricevute');
  });
});
