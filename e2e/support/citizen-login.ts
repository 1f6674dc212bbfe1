/**
 * A citizen signs in in the browser as a journey does: from the sign-in page, through the bundled test identity
 * provider (SPID), choosing the test person, and back to `returnTo`.
 */
import type { Page } from 'playwright-core';

export async function signInAsCitizen(page: Page, baseUrl: string, identity: string, returnTo: string,
  /** where the journey lands, when the page at `returnTo` moves on by itself */
  arrived: (url: URL) => boolean = (url) => url.pathname === returnTo) {
  await page.goto(`${baseUrl}/accedi?returnTo=${encodeURIComponent(returnTo)}`);
  await page.locator('main').getByRole('link', { name: 'Entra con SPID' }).click();
  await page.waitForURL(/\/test-idp\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${identity}"]) button`).click();
  await page.waitForURL(arrived);
}
