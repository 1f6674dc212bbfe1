import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMBITO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';

const CODE = 'K7QM-4ZPA-X9TD';
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SCREENSHOTS = process.env.SPORTELLO_SCREENSHOTS ?? path.resolve(import.meta.dirname, '../.test-cache/screenshots');

describe.skipIf(!hasBrowser)('someone scans the QR code of a paper receipt with a phone', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
    await inScope(j.database.db, { platform: true }, async (trx) => {
      // a body without the demo's history of applications, whose register has no number 42 yet
      const tenant = await trx.selectFrom('tenants').select('id').where('slug', '=', AMBITO_SLUG).executeTakeFirstOrThrow();
      const service = await trx.selectFrom('services').select(['id', 'current_version']).where('tenant_id', '=', tenant.id).orderBy('title').executeTakeFirstOrThrow();
      const citizen = await trx.insertInto('citizens').values({ fiscal_code: 'DRDNGZ85T52Z148X', given_name: 'Ngozi', family_name: 'Đorđević' })
        .returning('id').executeTakeFirstOrThrow();
      const application = await trx.insertInto('applications').values({
        tenant_id: tenant.id, code: 'CR-2026-7KQ4M2', service_id: service.id, service_version: service.current_version, citizen_id: citizen.id,
        filer_name: 'Ngozi Đorđević', subject_kind: 'self', subject_ref: citizen.id, subject_fiscal_code: 'DRDNGZ85T52Z148X',
        subject_name: 'Ngozi Đorđević', status: 'registered', auth_method: 'spid', auth_level: 'SpidL2',
        submitted_at: new Date('2026-11-23T13:05:12Z'), protocol_year: 2026, protocol_number: 42, registered_at: new Date('2026-11-23T13:05:14Z'),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('application_documents').values({
        tenant_id: tenant.id, application_id: application.id, kind: 'receipt', title: 'Ricevuta di presentazione della domanda',
        file_name: 'ricevuta.pdf', sha256: SHA, size: 30_000, verification_code: CODE, created_at: new Date('2026-11-23T13:05:15Z'),
      }).execute();
    });
  });
  afterAll(() => j?.stop());

  it('sees "Documento autentico" with the protocol and the SHA-256, no personal data, and can check another code by hand', async () => {
    const page = await j.newPage({ width: 360, height: 800 });
    // the address in the QR code, loaded straight into the browser
    await page.goto(`${j.baseUrl}/verify/${CODE}`);
    await page.getByRole('heading', { name: 'Documento autentico' }).waitFor();
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain('n. 0000042 del 23/11/2026');
    await expect(page.getByTestId('verify-sha256').textContent()).resolves.toBe(SHA);
    const text = (await main.textContent()) ?? '';
    expect(text).not.toContain('Đorđević');
    expect(text).not.toContain('DRDNGZ85T52Z148X');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verify-360.png'), fullPage: true });

    // a code typed from paper, in lower case and without dashes
    await page.getByLabel('Codice di verifica').fill('zzzz zzzz zzzz');
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.waitForURL(/\/verify\/ZZZZ-ZZZZ-ZZZZ$/);
    await page.getByRole('heading', { name: 'Codice non valido' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Codice di verifica').fill('k7qm4zpax9td');
    await page.getByLabel('Codice di verifica').press('Enter');
    await page.getByRole('heading', { name: 'Documento autentico' }).waitFor();

    // something that cannot be a code is explained at the field, without leaving the page
    await page.getByLabel('Codice di verifica').fill('ABC');
    await page.getByRole('button', { name: 'Verifica' }).click();
    await expect(page.getByText('Il codice di verifica ha 12 caratteri').isVisible()).resolves.toBe(true);
  });
});
