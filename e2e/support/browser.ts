import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { freePort, testApp } from '../../test/support/app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);

if (!hasBrowser) {
  const msg = `\n!!! Browser tests SKIPPED: ${CHROMIUM} not found. Install Debian's chromium: apt-get install -y chromium\n`;
  if (process.env.SPORTELLO_REQUIRE_BROWSER) throw new Error(msg);
  console.warn(msg);
}

/** The real server (demo data, built front end) on a free port, and a headless Chromium. */
export async function startJourney(opts: { env?: Record<string, string> } = {}) {
  // the public URL must be the real one: the bundled identity provider and the login callback live there
  const port = await freePort();
  const t = await testApp({ demo: true, web: true, env: { ...opts.env, PUBLIC_URL: `http://127.0.0.1:${port}` } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'it-IT' });
      return context.newPage();
    },
    async stop() {
      await browser.close();
      await t.close();
    },
  };
}

/** Serious and critical axe violations on the page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await settleTransitions(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Waits (at most 2 s) for finite CSS transitions and animations to end: a dialog's backdrop still fading out
 * darkens what is under it, and axe would measure the contrast of that passing frame.
 */
async function settleTransitions(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
}
