import { generate } from 'otplib';
import type { Page } from 'playwright-core';

/** TOTP secrets enrolled through the login page, per server and e-mail, for the life of that server. */
const secrets = new Map<string, string>();
/** The last 30-second step whose code was used, per server and e-mail: a code is accepted once per step. */
const lastStep = new Map<string, number>();

const keyOf = (baseUrl: string, email: string) => `${baseUrl}|${email.trim().toLowerCase()}`;
const stepNow = () => Math.floor(Date.now() / 30_000);

/** The secret an account enrolled through the login page on this server, if it did. */
export const enrolledSecret = (baseUrl: string, email: string) => secrets.get(keyOf(baseUrl, email));

/**
 * A code for the account that the server has not seen yet: if this step's code was used already, waits for the
 * next 30-second step.
 */
export async function freshCode(baseUrl: string, email: string): Promise<string> {
  const key = keyOf(baseUrl, email);
  const secret = secrets.get(key);
  if (!secret) throw new Error(`no TOTP secret enrolled for ${email} on ${baseUrl}`);
  while (lastStep.get(key) === stepNow()) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  }
  lastStep.set(key, stepNow());
  return generate({ secret });
}

/** Remembers that a code of this step was used some other way (e.g. a wrong attempt followed by a right one). */
export const markCodeUsed = (baseUrl: string, email: string) => lastStep.set(keyOf(baseUrl, email), stepNow());

export type LoginStepShown = 'done' | 'totp' | 'enrol' | 'newPassword';

const NEW_PASSWORD_HEADING = 'Scegli una nuova password';

/** Waits for what follows a step: the back office, the heading of one of the given steps, or an alert (thrown). */
function nextStep(page: Page, email: string, headings: Partial<Record<Exclude<LoginStepShown, 'done'>, string>>): Promise<LoginStepShown> {
  const done = page.waitForURL((url) => url.pathname.startsWith('/backoffice') && !url.pathname.startsWith('/backoffice/login')).then(() => 'done' as const);
  const steps = Object.entries(headings).map(([step, name]) =>
    page.getByRole('heading', { name }).waitFor().then(() => step as LoginStepShown));
  const failed = page.locator('main').getByRole('alert').waitFor().then(async () => {
    throw new Error(`login of ${email} failed: ${await page.locator('main').getByRole('alert').first().textContent()}`);
  });
  const all = [done, ...steps, failed];
  // the outcomes that do not happen time out later: nobody waits for them
  for (const p of all) p.catch(() => undefined);
  return Promise.race(all);
}

/** Fills e-mail and password on the login page and tells which step came next. */
export async function submitPassword(page: Page, baseUrl: string, email: string, password: string): Promise<LoginStepShown> {
  if (!page.url().includes('/backoffice/login')) await page.goto(`${baseUrl}/backoffice/login`);
  const form = page.getByRole('form', { name: 'Accesso operatori' });
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Accedi', exact: true }).click();
  return nextStep(page, email, { totp: 'Codice di verifica', enrol: "Configura l'app di autenticazione", newPassword: NEW_PASSWORD_HEADING });
}

/** On the new-password step: types the new password twice and saves it. */
export async function submitNewPassword(page: Page, newPassword: string, repeat = newPassword): Promise<void> {
  await page.getByLabel('Nuova password', { exact: true }).fill(newPassword);
  await page.getByLabel('Ripeti la nuova password', { exact: true }).fill(repeat);
  await page.getByRole('button', { name: 'Salva e accedi' }).click();
}

/** On the enrolment step: reads the key shown for manual entry and remembers it for this server. */
export async function readEnrolmentSecret(page: Page, baseUrl: string, email: string): Promise<string> {
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  secrets.set(keyOf(baseUrl, email), secret);
  return secret;
}

/**
 * Signs an operator in through the real login page: password, then the enrolment (reading the key shown on the
 * page) or the TOTP code from the key enrolled earlier against this server, then, for an account with a temporary
 * password, `newPassword` (without it such a sign-in fails, naming the step). Ends in the back office.
 */
export async function loginAsOperator(page: Page, baseUrl: string, email: string, password: string, newPassword?: string): Promise<void> {
  await page.goto(`${baseUrl}/backoffice/login`);
  let step = await submitPassword(page, baseUrl, email, password);
  if (step === 'totp' || step === 'enrol') {
    if (step === 'enrol') await readEnrolmentSecret(page, baseUrl, email);
    await page.getByLabel('Codice a 6 cifre').fill(await freshCode(baseUrl, email));
    await page.getByRole('button', { name: step === 'enrol' ? 'Conferma e accedi' : 'Verifica' }).click();
    step = await nextStep(page, email, { newPassword: NEW_PASSWORD_HEADING });
  }
  if (step === 'newPassword') {
    if (!newPassword) throw new Error(`${email} signed in with a temporary password and must choose a new one: pass newPassword`);
    await submitNewPassword(page, newPassword);
    step = await nextStep(page, email, {});
  }
  if (step !== 'done') throw new Error(`login of ${email} stopped at ${step}`);
}
