/**
 * Issue 12, "no injected script executes in any page": a citizen stores hostile values where people type freely —
 * an answer of the form, the name of an attached file, a message to the office — and the pages that show them
 * are opened in a real browser, by the citizen and by the office's operator. Each value must appear as text:
 * no element made from it, no script run, no dialog. (The content security policy would stop an inline script
 * even if a page inserted the markup: the test also checks that no markup was inserted, so it does not pass on
 * the policy alone.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { as } from '../test/support/auth.ts';
import { createFormService, PDF, VALID_ANSWERS } from '../test/support/forms.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { multipart } from './support/applications.ts';
import { hasBrowser, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { loginAsOperator } from './support/operator-login.ts';

const CITIZEN = 'giulia-ferrari';
const OPERATOR = 'l.brembilla@castelrocca.example';
const ADDRESS = `Via Roma 1 <img src="x" id="pwned-img" onerror="window.__pwned='img'"><script>window.__pwned='script'</script>`;
const FILE_NAME = `"><svg id="pwned-svg" onload="window.__pwned='svg'">.pdf`;
const MESSAGE = `Buongiorno <a id="pwned-link" href="javascript:window.__pwned='link'">clicca qui</a> <iframe id="pwned-frame" srcdoc="<script>parent.__pwned='frame'</script>"></iframe> {{constructor.constructor('window.__pwned=1')()}}`;

/** nothing made from the hostile values: no element with their ids, no flag set, no dialog opened */
async function expectInert(page: Page, where: string, dialogs: string[]) {
  const found = await page.evaluate(() => ({
    flag: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    elements: ['pwned-img', 'pwned-svg', 'pwned-link', 'pwned-frame'].filter((id) => document.getElementById(id)),
  }));
  expect(found, where).toEqual({ flag: null, elements: [] });
  expect(dialogs, where).toEqual([]);
}

describe.skipIf(!hasBrowser)('stored hostile values are shown as text', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let applicationId: string;

  beforeAll(async () => {
    j = await startJourney();
    const serviceId = await createFormService(j.ctx, 'comune-di-castelrocca');
    const s = (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
    const draft = await j.app.inject(as(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
    expect(draft.statusCode, draft.body).toBe(201);
    applicationId = draft.json().id;
    const saved = await j.app.inject(as(s, { method: 'PATCH', url: `/api/v1/applications/${applicationId}`,
      payload: { data: { alloggio: { ...VALID_ANSWERS.alloggio, indirizzo: ADDRESS }, richiedente: { ...draft.json().data.richiedente, email: draft.json().data.richiedente.email ?? 'giulia@example.org' } } } }));
    expect(saved.statusCode, saved.body).toBe(200);
    const file = multipart({ requirementId: 'documento' }, { name: FILE_NAME, content: PDF('ostile'), type: 'application/pdf' });
    const uploaded = await j.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${applicationId}/attachments`, payload: file.payload, headers: file.headers }));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const sent = await j.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${applicationId}/submit`, payload: {}, headers: { 'idempotency-key': `xss-${applicationId}` } }));
    expect(sent.statusCode, sent.body).toBe(201);
    await j.ctx.tasks.registrar.drain();
    await j.ctx.tasks.receipts.drain();
    const message = await j.app.inject(as(s, { method: 'POST', url: `/api/v1/applications/${applicationId}/messages`, payload: { body: MESSAGE } }));
    expect(message.statusCode, message.body).toBe(201);
  }, 240_000);
  afterAll(() => j?.stop());

  it("the citizen's application page shows the message as text", async () => {
    const page = await j.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    const path = `/area-personale/pratiche/${applicationId}`;
    await signInAsCitizen(page, j.baseUrl, CITIZEN, path);
    await page.getByText('clicca qui', { exact: false }).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('<a id="pwned-link"');
    await expectInert(page, 'citizen', dialogs);
  });

  it("the operator's workspace shows them as text too", async () => {
    const page = await j.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await loginAsOperator(page, j.baseUrl, OPERATOR, DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/backoffice/pratiche/${applicationId}`);
    await page.getByText('clicca qui', { exact: false }).first().waitFor();
    await page.getByText('id="pwned-img"', { exact: false }).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('<img src="x" id="pwned-img"');
    expect(text).toContain('<a id="pwned-link"');
    await expectInert(page, 'operator', dialogs);
  });
});
