/**
 * Issue 6's journey on the thread of an application ("filo diretto"), in a real browser, with a real SMTP peer:
 * an operator asks the citizen a question (starting from a reply template), the citizen is told by e-mail that
 * there is a message (the mail carries a link to the portal, never the question), signs in from the link, reads the
 * question and answers with a PDF; the operator reloads and finds the answer, with the marker that the citizen read
 * the question. Then an administrator manages the body's reply templates.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { as, operatorLogin } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { drainWork, fileDemoApplication } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { minimalPdf } from './support/files.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { signInAsCitizen } from './support/citizen-login.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800 };
const SHOTS = '/tmp/shots';
const CITIZEN = 'giulia-ferrari';
const CITIZEN_EMAIL = 'giulia.ferrari@example.org';
const OPERATOR = 'l.brembilla@castelrocca.example';
const MANAGER = 'g.pesenti@castelrocca.example';
/** what the template asks: it must reach the citizen in the portal only, never in the e-mail */
const QUESTION_MARK = 'data esatta del trasloco';
const TEMPLATE = {
  title: 'Data del trasloco',
  body: 'Gentile {{richiedente}}, per la pratica {{codice}} ci serve la data esatta del trasloco nella nuova abitazione. Può indicarla rispondendo a questo messaggio?',
};
const ANSWER = 'Il trasloco è avvenuto il 3 marzo; allego il verbale di consegna delle chiavi.';

/** A real SMTP server on loopback that keeps every message it receives. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

describe.skipIf(!hasBrowser)('the thread between office and citizen', { timeout: 300_000 }, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    j = await startJourney({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    await mkdir(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
    await smtp?.close();
  });

  const main = (page: Page) => page.locator('main');
  const thread = (page: Page) => main(page).locator('section[aria-labelledby="messaggi"]');
  const shot = async (page: Page, name: string) => {
    await writeFile(`${SHOTS}/thread-${name}-${page.viewportSize()?.width}.png`, await page.screenshot({ fullPage: true }));
    // the thread alone, to look at closely
    const section = thread(page);
    if (await section.count()) await writeFile(`${SHOTS}/thread-${name}-${page.viewportSize()?.width}-filo.png`, await section.screenshot());
  };
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('an operator asks a question, the citizen is told by e-mail, answers in the portal, and the operator sees it', async () => {
    const giulia = (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
    const application: ApplicationDetail = await fileDemoApplication(j.app, j.ctx, giulia, CITIZEN, FORM_SERVICE_SLUGS.cambioAbitazione);
    await drainWork(j.ctx);
    const mailsBefore = smtp.received.length;

    // the manager has prepared a reply template for the office
    const manager = await operatorLogin(j.app, MANAGER, DEMO_PASSWORD);
    const made = await j.app.inject(as(manager, { method: 'POST', url: '/api/v1/reply-templates', payload: TEMPLATE }));
    expect(made.statusCode, made.body).toBe(201);

    // the operator opens the application, inserts the template and sends it
    const office = await j.newPage(DESKTOP);
    await loginAsOperator(office, j.baseUrl, OPERATOR, DEMO_PASSWORD);
    await office.goto(`${j.baseUrl}/backoffice/pratiche/${application.id}`);
    await office.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
    const panel = thread(office);
    await panel.getByRole('heading', { name: 'Messaggi con il cittadino' }).waitFor();
    await panel.getByText('Nessun messaggio con il cittadino per ora.').waitFor();
    await panel.getByLabel('Risposta predefinita').selectOption({ label: TEMPLATE.title });
    await panel.getByRole('button', { name: 'Inserisci nel messaggio' }).click();
    const text = panel.getByLabel('Messaggio al cittadino');
    const filled = await text.inputValue();
    expect(filled).toContain(`per la pratica ${application.code} ci serve la ${QUESTION_MARK}`);
    expect(filled).toContain(`Gentile ${application.subject.name},`);
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.getByRole('button', { name: 'Invia il messaggio' }).click();
    await panel.getByText('Messaggio inviato al cittadino.').waitFor();
    const question = panel.locator('li.sp-thread-item', { hasText: QUESTION_MARK });
    await question.getByText('Non ancora letto dal cittadino').waitFor();
    expect(await question.textContent()).toContain('Laura Brembilla');
    expect(await text.inputValue()).toBe('');
    expect(await seriousViolations(office)).toEqual([]);
    await shot(office, 'ufficio-domanda');

    // the notice leaves by e-mail: subject and link, never the question
    await drainWork(j.ctx);
    await expect.poll(() => smtp.received.slice(mailsBefore).filter((m) => recipients(m).includes(CITIZEN_EMAIL) && m.subject?.includes('Nuovo messaggio')).length,
      { timeout: 20_000 }).toBe(1);
    const mail = smtp.received.slice(mailsBefore).find((m) => recipients(m).includes(CITIZEN_EMAIL) && m.subject?.includes('Nuovo messaggio'))!;
    expect(mail.subject).toBe(`Nuovo messaggio sulla pratica ${application.code}`);
    const mailText = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
    expect(mailText).not.toContain(QUESTION_MARK);
    expect(mailText).not.toContain('trasloco');
    const link = /https?:\/\/[^\s"<>]+\/area-personale\/pratiche\/[^\s"<>)]+/.exec(mailText)?.[0];
    expect(link, mailText).toBeDefined();
    expect(link!.startsWith(j.baseUrl)).toBe(true);

    // the citizen follows the link on her phone, signs in and reads the question
    const home = await j.newPage(PHONE);
    const target = new URL(link!);
    // the link names the application by its code; the page finds it and moves to its address
    await signInAsCitizen(home, j.baseUrl, CITIZEN, target.pathname, (url) => url.pathname === `/area-personale/pratiche/${application.id}`);
    const mine = thread(home);
    await mine.getByRole('heading', { name: 'Messaggi' }).waitFor();
    const received = mine.locator('li.sp-thread-item', { hasText: QUESTION_MARK });
    await received.waitFor();
    expect(await received.textContent()).not.toContain('Brembilla');
    await received.getByText('Nuovo', { exact: true }).waitFor();

    // and answers with a PDF, from the keyboard
    const answerBox = mine.getByLabel('Il tuo messaggio');
    await answerBox.focus();
    await home.keyboard.type(ANSWER);
    await mine.getByLabel(/Allega file/).setInputFiles({ name: 'verbale-chiavi.pdf', mimeType: 'application/pdf', buffer: minimalPdf('verbale chiavi') });
    await mine.getByRole('list', { name: 'File scelti' }).getByRole('button', { name: 'Togli verbale-chiavi.pdf' }).waitFor();
    await mine.getByRole('button', { name: 'Invia il messaggio' }).focus();
    await home.keyboard.press('Enter');
    await mine.getByText("Messaggio inviato all'ufficio.").waitFor();
    const sent = mine.locator('li.sp-thread-item', { hasText: 'Il trasloco è avvenuto il 3 marzo' });
    await sent.getByText('Non ancora letto', { exact: true }).waitFor();
    await sent.getByRole('link', { name: 'verbale-chiavi.pdf' }).waitFor();
    expect(await answerBox.inputValue()).toBe('');
    expect(await noSidewaysScroll(home)).toBe(true);
    expect(await seriousViolations(home)).toEqual([]);
    await shot(home, 'cittadino');

    // the operator reloads: the answer with its file, flagged new; her question read by the citizen
    await office.reload();
    const panelAgain = thread(office);
    const answer = panelAgain.locator('li.sp-thread-item', { hasText: 'Il trasloco è avvenuto il 3 marzo' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Giulia Ferrari');
    await answer.getByText('Nuovo', { exact: true }).waitFor();
    await panelAgain.getByText('1 nuovo messaggio dal cittadino.').waitFor();
    const [download] = await Promise.all([office.waitForEvent('download'), answer.getByRole('link', { name: 'verbale-chiavi.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('verbale-chiavi.pdf');
    await panelAgain.locator('li.sp-thread-item', { hasText: QUESTION_MARK }).getByText(/^Letto dal cittadino il \d{2}\/\d{2}\/\d{4}/).waitFor();
    expect(await seriousViolations(office)).toEqual([]);
    await shot(office, 'ufficio-risposta');

    // the office opened the thread: the citizen sees her answer read
    await home.reload();
    await thread(home).locator('li.sp-thread-item', { hasText: 'Il trasloco è avvenuto il 3 marzo' }).getByText(/^Letto dall'ufficio il/).waitFor();
    await shot(home, 'cittadino-letto');
  });

  it('keeps what the citizen typed when the message is refused, and says why', async () => {
    const giulia = (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
    const applications = (await j.app.inject(as(giulia, { url: '/api/v1/applications?status=registered,in_progress' }))).json().items as { id: string }[];
    const page = await j.newPage({ width: 320, height: 720 });
    await signInAsCitizen(page, j.baseUrl, CITIZEN, `/area-personale/pratiche/${applications[0]!.id}`);
    const section = thread(page);
    // empty text: said next to the field, which takes the focus
    await section.getByRole('button', { name: 'Invia il messaggio' }).click();
    await section.getByText('Scrivi il testo del messaggio prima di inviarlo.').waitFor();
    await expect.poll(() => section.getByLabel('Il tuo messaggio').evaluate((el) => el === document.activeElement)).toBe(true);
    // a file that is not a PDF though named so: the server refuses it, the text and the file stay
    await section.getByLabel('Il tuo messaggio').fill('Allego la ricevuta.');
    await section.getByLabel(/Allega file/).setInputFiles({ name: 'ricevuta.pdf', mimeType: 'application/pdf', buffer: Buffer.from('non sono un pdf') });
    await section.getByRole('button', { name: 'Invia il messaggio' }).click();
    await section.getByText(/"ricevuta\.pdf" non è un file PDF, JPG o PNG valido/).waitFor();
    expect(await section.getByLabel('Il tuo messaggio').inputValue()).toBe('Allego la ricevuta.');
    await section.getByRole('list', { name: 'File scelti' }).getByRole('button', { name: 'Togli ricevuta.pdf' }).waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'cittadino-errore');
  });

  it('an administrator writes, edits and deletes the reply templates', async () => {
    const admin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-castelrocca')!;
    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, admin.email, admin.password);
    await page.goto(`${j.baseUrl}/backoffice/amministrazione/risposte`);
    await page.getByRole('heading', { level: 1, name: 'Risposte predefinite' }).waitFor();
    // the one the manager wrote in the first journey is listed
    await main(page).getByRole('heading', { name: TEMPLATE.title }).waitFor();

    // a title already used is refused next to the field, with nothing lost
    await main(page).getByLabel('Titolo').fill('data del trasloco');
    await main(page).getByLabel('Testo').fill('Un altro testo per {{codice}}.');
    await main(page).getByRole('button', { name: 'Crea la risposta' }).click();
    await main(page).getByRole('alert').getByText(/esiste già una risposta con questo titolo/).waitFor();
    expect(await main(page).getByLabel('Testo').inputValue()).toBe('Un altro testo per {{codice}}.');
    await main(page).getByLabel('Titolo').fill('Chiarimento sul modulo');
    await main(page).getByRole('button', { name: 'Crea la risposta' }).click();
    await main(page).getByText('Risposta «Chiarimento sul modulo» creata.').waitFor();
    const item = main(page).locator('li', { has: page.getByRole('heading', { name: 'Chiarimento sul modulo' }) });
    await item.waitFor();

    await item.getByRole('button', { name: 'Modifica Chiarimento sul modulo' }).click();
    await expect.poll(() => main(page).getByLabel('Titolo').inputValue()).toBe('Chiarimento sul modulo');
    await main(page).getByLabel('Titolo').fill('Chiarimento sulla domanda');
    await main(page).getByRole('button', { name: 'Salva le modifiche' }).click();
    await main(page).getByText('Risposta «Chiarimento sulla domanda» salvata.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'risposte-predefinite');

    const edited = main(page).locator('li', { has: page.getByRole('heading', { name: 'Chiarimento sulla domanda' }) });
    await edited.getByRole('button', { name: 'Elimina Chiarimento sulla domanda' }).click();
    await edited.getByRole('button', { name: 'Sì, elimina' }).click();
    await main(page).getByText('Risposta «Chiarimento sulla domanda» eliminata.').waitFor();
    // the message comes with the answer; the list follows when it is read again
    await expect.poll(() => main(page).getByRole('heading', { name: 'Chiarimento sulla domanda' }).count()).toBe(0);
  });
});
