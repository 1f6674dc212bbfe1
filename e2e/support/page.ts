/**
 * Small helpers the journeys share: the page's main landmark, the sideways-scroll check, full-page screenshots
 * under /tmp/shots named `<prefix>-<name>-<width>.png`, Tab until an element with a given text has the focus, and
 * the text of what has the focus.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export const SHOTS = '/tmp/shots';

export const main = (page: Page) => page.locator('main');

/** True when the page is no wider than the window (nothing to scroll sideways). */
export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A function that saves a full-page screenshot as SHOTS/<prefix>-<name>-<viewport width>.png. */
export function screenshots(prefix: string) {
  return async (page: Page, name: string) => {
    await mkdir(SHOTS, { recursive: true });
    await writeFile(`${SHOTS}/${prefix}-${name}-${page.viewportSize()?.width}.png`, await page.screenshot({ fullPage: true }));
  };
}

/** Presses Tab until the focused element's text is `name` (at most `presses` times). */
export async function tabTo(page: Page, name: string, presses = 12) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`"${name}" not reached with Tab`);
}

/** The visible text of the focused element. */
export const activeText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
