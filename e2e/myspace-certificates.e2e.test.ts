/**
 * "I miei certificati": Giulia Ferrari, on a phone, downloads her certificate of residence from her personal area
 * with the keyboard, reads its verification code; someone she gives it to opens /verify/<code> without logging in
 * and finds it authentic, with what it states; she revokes it and the same page says it is revoked; a forged or
 * altered code is "not valid". She also downloads her daughter's family certificate, which lists the household.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { activeText, main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const PAGE = '/area-personale/certificati';
const GIULIA = findTestIdentity('giulia-ferrari')!;

describe.skipIf(!hasBrowser)('"I miei certificati": download a certificate, check it by its code, revoke it', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  const shot = screenshots('certificati');

  it('downloads, verifies as a stranger, revokes, and tells a forged code apart', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', '/area-personale');
    const link = main(page).getByRole('link', { name: 'I miei certificati' });
    await link.waitFor();
    await shot(page, 'area-personale');
    // with the keyboard: the link, then Enter
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === PAGE);
    await page.getByRole('heading', { level: 1, name: 'I miei certificati' }).waitFor();
    await main(page).getByRole('heading', { name: 'Certificato di residenza' }).waitFor();
    await main(page).getByText('Non hai ancora scaricato certificati.').waitFor();

    // whom for: herself or one of her two children
    const person = main(page).getByLabel('Per chi è il certificato');
    await person.waitFor();
    expect(await person.locator('option').allInnerTexts()).toEqual(['Per te (Giulia Ferrari)', 'Sofia Colombo', 'Tommaso Colombo']);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'pagina');

    // from the choice of person, Tab reaches the first "Scarica" (the certificate of residence); Enter issues it
    await person.focus();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toMatch(/^Scarica/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^certificato-residenza-ferrari-giulia-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const notice = main(page).locator('.sp-cert-status');
    await notice.getByText('Certificato di residenza emesso').waitFor();
    // the notice takes the focus, so that a keyboard or screen-reader user hears it
    await expect.poll(() => activeText(page)).toBe('Certificato di residenza emesso');
    const code = (await notice.locator('.sp-cert-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const item = main(page).locator('.sp-cert-item').filter({ hasText: code });
    await item.waitFor();
    expect((await item.innerText()).replace(/\s+/g, ' ')).toMatch(/Certificato di residenza Valido Per te Codice di verifica [A-Z0-9-]+ Emesso il/i);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'emesso');

    // someone she gives it to: no login, the address printed in the QR code
    const stranger = await j.newPage(PHONE);
    await stranger.goto(`${j.baseUrl}/verify/${code}`);
    await stranger.getByRole('heading', { name: 'Certificato autentico' }).waitFor();
    const shown = ((await stranger.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
    for (const s of ['Certificato di residenza', 'Comune di Castelrocca', 'Ferrari', 'Giulia', GIULIA.fiscalCode, 'Via Giuseppe Garibaldi 28', '14/05/1984', 'Valido fino al']) {
      expect(shown, s).toContain(s);
    }
    // nothing the certificate does not print: not her husband, not her children, not her citizenship
    expect(shown).not.toContain('Colombo');
    const labels = await stranger.locator('main dt').allInnerTexts();
    for (const s of ['Cittadinanza', 'Stato civile']) expect(labels, s).not.toContain(s);
    expect(labels).toContain('Indirizzo di residenza');
    // the SHA-256 shown is the downloaded file's
    expect(await stranger.getByTestId('verify-sha256').innerText()).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await noSidewaysScroll(stranger), 'sideways scroll on the verification page').toBe(true);
    expect(await seriousViolations(stranger)).toEqual([]);
    await shot(stranger, 'verifica-valido');

    // she revokes it (lost), with the keyboard, after a confirmation with the reason
    const revoke = item.getByRole('button', { name: /^Revoca/ });
    await revoke.focus();
    await page.keyboard.press('Enter');
    const confirm = item.locator('.sp-revoke-confirm');
    await confirm.waitFor();
    await expect.poll(() => activeText(page)).toBe(`Vuoi revocare il certificato con codice ${code}?`);
    // without a reason it says what is missing, at the field
    await confirm.getByRole('button', { name: 'Revoca il certificato' }).click();
    await confirm.getByText('Scrivi il motivo della revoca').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'revoca-conferma');
    await confirm.getByLabel('Motivo della revoca').fill('Smarrito');
    await confirm.getByRole('button', { name: 'Revoca il certificato' }).focus();
    await page.keyboard.press('Enter');
    await main(page).getByText(`Il certificato con codice ${code} è stato revocato.`).waitFor();
    await expect.poll(async () => (await item.innerText()).replace(/\s+/g, ' ')).toMatch(/Revocato.*Revocato da te.*Motivo: Smarrito/);
    expect(await item.getByRole('button', { name: /^Revoca/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'revocato');

    // the same address now says it is revoked, and shows none of her data
    await stranger.reload();
    await stranger.getByRole('heading', { name: 'Certificato revocato' }).waitFor();
    const revokedText = (await stranger.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(revokedText).toContain('Revocato il');
    for (const s of [GIULIA.fiscalCode, 'Via Giuseppe Garibaldi', '14/05/1984']) expect(revokedText, s).not.toContain(s);
    expect(await seriousViolations(stranger)).toEqual([]);
    await shot(stranger, 'verifica-revocato');

    // a forged code and the real one with one character changed: both plainly "not valid"
    const altered = `${code.slice(0, 5)}${code[5] === 'A' ? 'B' : 'A'}${code.slice(6)}`;
    for (const other of ['ZZZZ-ZZZZ-ZZZZ', altered]) {
      await stranger.goto(`${j.baseUrl}/verify/${other}`);
      await stranger.getByRole('heading', { name: 'Codice non valido' }).waitFor();
      expect(await stranger.locator('main').innerText()).toContain('non corrisponde a nessun documento valido');
      expect(await seriousViolations(stranger)).toEqual([]);
    }
    await shot(stranger, 'verifica-non-valido');
    await stranger.context().close();

    // her daughter's family certificate: the whole household, on the verification page too
    await person.selectOption({ label: 'Sofia Colombo' });
    const familyCard = main(page).locator('.sp-cert-kind').filter({ hasText: 'Certificato di stato di famiglia' });
    const [familyDownload] = await Promise.all([page.waitForEvent('download'), familyCard.getByRole('button', { name: /^Scarica/ }).click()]);
    expect(familyDownload.suggestedFilename()).toMatch(/^certificato-stato-famiglia-colombo-sofia-/);
    await notice.getByText('Il download del PDF per Sofia Colombo è partito.').waitFor();
    const familyCode = (await notice.locator('.sp-cert-code').innerText()).trim();
    await main(page).locator('.sp-cert-item').filter({ hasText: familyCode }).getByText('Per Sofia Colombo').waitFor();
    const check = await j.newPage(PHONE);
    await check.goto(`${j.baseUrl}/verify/${familyCode}`);
    await check.getByRole('heading', { name: 'Certificato autentico' }).waitFor();
    expect(await check.getByTestId('verify-family').locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('Ferrari Giulia · intestataria della scheda'),
      expect.stringContaining('Colombo Marco · coniuge'),
      expect.stringContaining('Colombo Sofia · figlia'),
      expect.stringContaining('Colombo Tommaso · figlio'),
    ]);
    expect(await seriousViolations(check)).toEqual([]);
    await shot(check, 'verifica-famiglia');
    await check.context().close();

    // the narrowest phone
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), 'sideways scroll at 320 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'elenco');
  });
});
