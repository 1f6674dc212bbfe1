import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

describe.skipIf(!hasBrowser)('a tenant administrator edits a card and publishes a new version', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  const admin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-castelrocca') ?? DEMO_ADMINS[0];
  // another body's administrator, so that each test signs in (and enrols its app) on its own
  const otherAdmin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-valdoro') ?? DEMO_ADMINS[1];
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.stop());

  it('wrong password: a clear message, the e-mail kept', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/backoffice/login`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('sbagliata');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/non corrett/);
    expect(await page.getByLabel('E-mail').inputValue()).toBe(admin.email);
  });

  it('logs in, edits with a preview, publishes version N+1; the citizen sees it and can still read version N', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/backoffice/login`);
    expect(await seriousViolations(page)).toEqual([]);
    // the administrator's first sign-in enrols the authenticator app (TOTP), handled by the helper
    await loginAsOperator(page, j.baseUrl, admin.email, admin.password);
    await page.waitForURL(/\/backoffice\/catalogo/);
    await page.locator('main table, main [role="status"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // open the first service of the list
    const firstEdit = page.locator('main a[href^="/backoffice/catalogo/"]:not([href$="/nuovo"])').first();
    const oldTitle = (await firstEdit.textContent())!.trim();
    await firstEdit.click();
    const titleField = page.getByLabel('Titolo', { exact: true });
    await titleField.waitFor();
    expect(await titleField.inputValue()).toBe(oldTitle);
    expect(await seriousViolations(page)).toEqual([]);

    const newTitle = `${oldTitle} – nuova procedura`;
    await titleField.fill(newTitle);
    await page.getByRole('tab', { name: 'Anteprima' }).click();
    const preview = page.getByRole('tabpanel').filter({ has: page.getByRole('heading', { name: newTitle }) });
    await preview.waitFor();
    await page.getByRole('tab', { name: 'Modifica' }).click();

    const versionsBefore = await j.app.inject({ url: `/api/v1/services?q=${encodeURIComponent(oldTitle)}&tenant=${admin.tenantSlug}&limit=1` });
    const serviceId = versionsBefore.json().items[0].id as string;
    const before = (await j.app.inject({ url: `/api/v1/services/${serviceId}` })).json();

    await page.getByRole('button', { name: 'Pubblica nuova versione' }).click();
    await page.getByText(`Versione ${before.version + 1} pubblicata.`).waitFor();

    // the citizen's card shows the new title; the earlier version is still readable
    const citizen = await j.newPage({ width: 360, height: 800 });
    await citizen.goto(`${j.baseUrl}/enti/${admin.tenantSlug}/servizi/${before.slug}`);
    await citizen.getByRole('heading', { level: 1, name: newTitle }).waitFor();
    await citizen.goto(`${j.baseUrl}/enti/${admin.tenantSlug}/servizi/${before.slug}?version=${before.version}`);
    await citizen.getByText('Stai leggendo una versione precedente').waitFor();
    await citizen.getByRole('heading', { level: 1, name: oldTitle }).waitFor();
  }, 90_000);

  it('a bad value is reported next to the field and nothing typed is lost', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, otherAdmin.email, otherAdmin.password);
    await page.waitForURL(/\/backoffice\/catalogo/);
    await page.locator('main a[href^="/backoffice/catalogo/"]:not([href$="/nuovo"])').first().click();
    const shortDescription = page.getByLabel('Descrizione breve');
    await shortDescription.waitFor();
    await shortDescription.fill('corta');
    const title = page.getByLabel('Titolo', { exact: true });
    await title.fill('Titolo che non deve andare perso');
    await page.getByRole('button', { name: 'Pubblica nuova versione' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await title.inputValue()).toBe('Titolo che non deve andare perso');
    expect(await shortDescription.inputValue()).toBe('corta');
  }, 60_000);
});
