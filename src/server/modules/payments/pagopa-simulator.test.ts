import { createHmac } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../db/connection.ts';
import { clock } from '../../platform/clock.ts';
import type { App } from '../../platform/context.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { PositionToRegister } from './gateway.ts';
import { noticeNumberOf } from './notice-number.ts';
import {
  ALREADY_PAID_REASON, CARD_REFUSED_REASON, COUNTER_CHANNEL, COUNTER_PSP, NOT_PAYABLE_REASON, PagoPaSimulator, SIGNATURE_HEADER, SIMULATED_CHANNEL, SIMULATED_PSP,
  SimulatorNoticeRefused,
} from './pagopa-simulator.ts';
import { mountPagoPaSimulator } from './simulator.routes.ts';

const KEY = 'chiave-di-firma-del-simulatore';
const PUBLIC_URL = 'http://localhost:3000';
let database: Database;
let tenantId: string;
let otherTenantId: string;
let simulator: PagoPaSimulator;
let iuvBase = 100;
let calls: { headers: Record<string, string>; rawBody: string }[] = [];

const BODY_CF = '00123450226';

function position(overrides: Partial<PositionToRegister> = {}): PositionToRegister {
  const { noticeNumber, iuv } = noticeNumberOf('01', iuvBase++);
  return {
    tenantId, bodyFiscalCode: BODY_CF, noticeNumber, iuv, amountCents: 6600, description: 'Carta di identità elettronica',
    dueDate: '2026-12-31', debtor: { fiscalCode: 'RSSMRA80A01H501U', name: 'Mario Rossi' }, ...overrides,
  };
}

async function checkout(p = position(), returnUrl = `${PUBLIC_URL}/area-personale/pagamenti/abc`) {
  await simulator.registerPosition(p);
  const started = await simulator.startCheckout(p, returnUrl);
  return { p, ...started };
}

const parsedCalls = () => calls.map((c) => simulator.parseCallback(c.headers, c.rawBody));

beforeAll(async () => {
  database = await freshDatabase();
  const make = (slug: string, fiscal: string) =>
    inScope(database.db, { platform: true }, (trx) =>
      trx.insertInto('tenants').values({ slug, name: `Comune di ${slug}`, type: 'comune', fiscal_code: fiscal, ipa_code: `c_${slug}`, aoo_code: 'aoo' })
        .returning('id').executeTakeFirstOrThrow());
  tenantId = (await make('castelrocca', BODY_CF)).id;
  otherTenantId = (await make('valdoro', '00987650227')).id;
  simulator = new PagoPaSimulator(database.db, { publicUrl: PUBLIC_URL, signingKey: KEY });
  simulator.onCallback = async (headers, rawBody) => {
    calls.push({ headers, rawBody });
  };
});
afterEach(async () => {
  await simulator.whenDelivered();
  calls = [];
  clock.reset();
});
afterAll(async () => {
  await database?.close();
});

describe('pagoPA simulator: checkout and confirmations', () => {
  it('a checkout opens a session on the simulator page; paying with a callback sends one signed confirmation that parseCallback accepts', async () => {
    const { p, sessionId, redirectUrl } = await checkout(position(), `${PUBLIC_URL}/domande/1?passo=pagamento`);
    expect(redirectUrl).toBe(`${PUBLIC_URL}/pagopa-simulatore/pagamento/${sessionId}`);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await simulator.outcomeOf(sessionId)).toBeNull(); // open: nothing to say yet

    const back = await simulator.decide(sessionId, 'paid', 'callback');
    expect(back).toBe(`${PUBLIC_URL}/domande/1?passo=pagamento&esito=ok`);
    expect(calls).toHaveLength(0); // sent after the answer, not before
    await simulator.whenDelivered();
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].headers[SIGNATURE_HEADER]).toBe(createHmac('sha256', KEY).update(calls[0].rawBody).digest('hex'));
    const outcome = simulator.parseCallback(calls[0].headers, calls[0].rawBody);
    expect(outcome).toMatchObject({ sessionId, noticeNumber: p.noticeNumber, outcome: 'paid',
      receipt: { psp: SIMULATED_PSP, channel: SIMULATED_CHANNEL, amountCents: 6600 } });
    expect(outcome!.receipt!.receiptId).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(Date.parse(outcome!.receipt!.paidAt) - clock.now().getTime())).toBeLessThan(60_000);
    // polling says the same thing, with the same event id (one confirmation, two ways to learn it)
    expect(await simulator.outcomeOf(sessionId)).toEqual(outcome);
  });

  it('a callback whose body or signature was touched, or that has no signature, is not genuine', async () => {
    const { sessionId } = await checkout();
    await simulator.decide(sessionId, 'paid', 'callback');
    await simulator.whenDelivered();
    const { headers, rawBody } = calls[0];
    expect(simulator.parseCallback(headers, rawBody)).not.toBeNull();
    expect(simulator.parseCallback(headers, rawBody.replace('"amountCents":6600', '"amountCents":1'))).toBeNull();
    const sig = headers[SIGNATURE_HEADER];
    const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    expect(simulator.parseCallback({ ...headers, [SIGNATURE_HEADER]: flipped }, rawBody)).toBeNull();
    expect(simulator.parseCallback({ ...headers, [SIGNATURE_HEADER]: sig.slice(0, 10) }, rawBody)).toBeNull();
    expect(simulator.parseCallback({ ...headers, [SIGNATURE_HEADER]: [sig, sig] }, rawBody)).toBeNull();
    expect(simulator.parseCallback({ 'content-type': 'application/json' }, rawBody)).toBeNull();
    // signed with another key: another provider's, or a forger's
    const other = new PagoPaSimulator(database.db, { publicUrl: PUBLIC_URL, signingKey: 'un-altra-chiave' });
    expect(other.parseCallback(headers, rawBody)).toBeNull();
    // well signed but not a confirmation
    const junk = JSON.stringify({ eventId: 'x', sessionId: 'y', noticeNumber: '123', outcome: 'paid' });
    expect(simulator.parseCallback({ [SIGNATURE_HEADER]: createHmac('sha256', KEY).update(junk).digest('hex') }, junk)).toBeNull();
    const noReceipt = JSON.stringify({ ...JSON.parse(rawBody), receipt: undefined });
    expect(simulator.parseCallback({ [SIGNATURE_HEADER]: createHmac('sha256', KEY).update(noReceipt).digest('hex') }, noReceipt)).toBeNull();
  });

  it("'duplicate' sends the same confirmation twice, with the same event id", async () => {
    const { sessionId } = await checkout();
    expect(await simulator.decide(sessionId, 'paid', 'duplicate')).toMatch(/\?esito=ok$/);
    await simulator.whenDelivered();
    expect(calls).toHaveLength(2);
    expect(calls[1].rawBody).toBe(calls[0].rawBody);
    const [a, b] = parsedCalls();
    expect(a!.eventId).toBe(b!.eventId);
    expect(a!.outcome).toBe('paid');
  });

  it("'late' sends nothing: only polling finds the payment", async () => {
    const { sessionId, p } = await checkout();
    await simulator.decide(sessionId, 'paid', 'late');
    await simulator.whenDelivered();
    expect(calls).toHaveLength(0);
    const outcome = await simulator.outcomeOf(sessionId);
    expect(outcome).toMatchObject({ outcome: 'paid', noticeNumber: p.noticeNumber, receipt: { amountCents: 6600 } });
  });

  it('a refused card fails, giving up cancels; neither carries a receipt', async () => {
    const failed = await checkout();
    expect(await simulator.decide(failed.sessionId, 'failed', 'callback')).toBe(`${PUBLIC_URL}/area-personale/pagamenti/abc?esito=ko`);
    const cancelled = await checkout();
    expect(await simulator.decide(cancelled.sessionId, 'cancelled', 'callback')).toBe(`${PUBLIC_URL}/area-personale/pagamenti/abc?esito=annullato`);
    await simulator.whenDelivered();
    const outcomes = parsedCalls();
    expect(outcomes).toHaveLength(2);
    const byOutcome = Object.fromEntries(outcomes.map((o) => [o!.outcome, o!]));
    expect(byOutcome.failed).toMatchObject({ sessionId: failed.sessionId, reason: CARD_REFUSED_REASON });
    expect(byOutcome.failed.receipt).toBeUndefined();
    expect(byOutcome.cancelled).toMatchObject({ sessionId: cancelled.sessionId });
    expect(byOutcome.cancelled.receipt).toBeUndefined();
    expect((await simulator.outcomeOf(failed.sessionId))!.outcome).toBe('failed');
  });

  it('a second decision on the same session (back button, double click) keeps the first and sends nothing more', async () => {
    const { sessionId } = await checkout();
    const first = await simulator.decide(sessionId, 'failed', 'callback');
    await simulator.whenDelivered();
    const second = await simulator.decide(sessionId, 'paid', 'duplicate');
    await simulator.whenDelivered();
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    expect((await simulator.outcomeOf(sessionId))!.outcome).toBe('failed');
  });

  it('two double clicks at once still record one decision and one confirmation', async () => {
    const { sessionId } = await checkout();
    const urls = await Promise.all([simulator.decide(sessionId, 'paid', 'callback'), simulator.decide(sessionId, 'cancelled', 'callback')]);
    await simulator.whenDelivered();
    expect(urls[0]).toBe(urls[1]);
    expect(calls).toHaveLength(1);
  });

  it('a notice the body withdrew cannot be paid: the payment fails with "avviso non più pagabile"', async () => {
    const { p, sessionId } = await checkout();
    await simulator.cancelPosition(p);
    await simulator.cancelPosition(p); // idempotent
    await simulator.registerPosition(p); // registering again does not make it payable
    expect((await simulator.session(sessionId))!.payable).toBe(false);
    expect(await simulator.decide(sessionId, 'paid', 'callback')).toMatch(/esito=ko$/);
    await simulator.whenDelivered();
    const [outcome] = parsedCalls();
    expect(outcome).toMatchObject({ outcome: 'failed', reason: NOT_PAYABLE_REASON });
    expect(outcome!.receipt).toBeUndefined();
    // a checkout opened after the withdrawal fails in the same way
    const again = await simulator.startCheckout(p, `${PUBLIC_URL}/x`);
    expect(await simulator.decide(again.sessionId, 'paid', 'late')).toBe(`${PUBLIC_URL}/x?esito=ko`);
    expect((await simulator.outcomeOf(again.sessionId))!.reason).toBe(NOT_PAYABLE_REASON);
  });

  it('keeps its state in the database: another instance (another process) sees the same sessions', async () => {
    const { sessionId } = await checkout();
    const second = new PagoPaSimulator(database.db, { publicUrl: PUBLIC_URL, signingKey: KEY });
    expect(await second.decide(sessionId, 'paid', 'late')).toMatch(/esito=ok$/);
    expect((await simulator.outcomeOf(sessionId))!.outcome).toBe('paid');
  });

  it('unknown sessions: no outcome, and a decision is refused', async () => {
    expect(await simulator.outcomeOf('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(await simulator.outcomeOf('posizione:x')).toBeNull();
    await expect(simulator.decide('AAAAAAAAAAAAAAAAAAAAAA', 'paid', 'callback')).rejects.toThrow(/no checkout session/);
  });

  it('a callback that fails is logged, not thrown', async () => {
    const errors: unknown[] = [];
    const noisy = new PagoPaSimulator(database.db, { publicUrl: PUBLIC_URL, signingKey: KEY, log: { error: (obj) => errors.push(obj) } });
    noisy.onCallback = async () => {
      throw new Error('the app is down');
    };
    const p = position();
    const { sessionId } = await noisy.startCheckout(p, `${PUBLIC_URL}/x`);
    expect(await noisy.decide(sessionId, 'paid', 'callback')).toMatch(/esito=ok$/);
    await noisy.whenDelivered();
    expect(errors).toHaveLength(1);
    // the outcome is still there for polling
    expect((await noisy.outcomeOf(sessionId))!.outcome).toBe('paid');
  });
});

describe('pagoPA simulator: refunds and the reporting flow', () => {
  it('refunds a paid notice (the same refund id when asked twice); refuses an unknown receipt or an unpaid notice', async () => {
    const { p, sessionId } = await checkout();
    await simulator.decide(sessionId, 'paid', 'late');
    const { receipt } = (await simulator.outcomeOf(sessionId))!;
    const asked = { tenantId, bodyFiscalCode: BODY_CF, noticeNumber: p.noticeNumber, receiptId: receipt!.receiptId, amountCents: 6600 };
    const { refundId } = await simulator.refund(asked, 'Versato due volte');
    expect(refundId).toMatch(/^RIMB-/);
    expect((await simulator.refund(asked, 'Versato due volte')).refundId).toBe(refundId);
    await expect(simulator.refund({ ...asked, receiptId: 'sconosciuta' }, 'x')).rejects.toThrow(/no payment/);
    await expect(simulator.refund({ ...asked, tenantId: otherTenantId }, 'x')).rejects.toThrow(/no payment/);
    await expect(simulator.refund({ ...asked, amountCents: 6601 }, 'x')).rejects.toThrow(/cannot refund/);
    const unpaid = await checkout();
    await simulator.decide(unpaid.sessionId, 'failed', 'late');
    await expect(simulator.refund({ ...asked, noticeNumber: unpaid.p.noticeNumber }, 'x')).rejects.toThrow(/no payment/);
  });

  it('a notice paid at the counter sends a signed confirmation with no session, naming the body; a second payment of it is refused everywhere', async () => {
    const p = position();
    await simulator.registerPosition(p);
    const open = await simulator.startCheckout(p, `${PUBLIC_URL}/r`);
    await expect(simulator.payNotice(BODY_CF, p.noticeNumber, p.amountCents + 1)).rejects.toMatchObject({ reason: 'amount' });
    const { receiptId } = await simulator.payNotice(BODY_CF, p.noticeNumber, p.amountCents);
    await simulator.whenDelivered();
    const [sent] = parsedCalls();
    expect(sent).toEqual({ eventId: expect.any(String), bodyFiscalCode: BODY_CF, noticeNumber: p.noticeNumber, outcome: 'paid',
      receipt: { receiptId, psp: COUNTER_PSP, channel: COUNTER_CHANNEL, paidAt: expect.any(String), amountCents: p.amountCents } });
    expect(sent!.sessionId).toBeUndefined();
    await expect(simulator.payNotice(BODY_CF, p.noticeNumber, p.amountCents)).rejects.toMatchObject({ reason: 'already_paid' });
    // the checkout opened before cannot pay it again ("avviso già pagato")
    await simulator.decide(open.sessionId, 'paid', 'late');
    expect(await simulator.outcomeOf(open.sessionId)).toMatchObject({ outcome: 'failed', reason: ALREADY_PAID_REASON });
    const unknown = position();
    await expect(simulator.payNotice(BODY_CF, unknown.noticeNumber, 100)).rejects.toMatchObject({ reason: 'unknown' });
    const withdrawn = position();
    await simulator.registerPosition(withdrawn);
    await simulator.cancelPosition(withdrawn);
    await expect(simulator.payNotice(BODY_CF, withdrawn.noticeNumber, withdrawn.amountCents)).rejects.toBeInstanceOf(SimulatorNoticeRefused);
    // a session-less callback must name the body
    const body = JSON.stringify({ eventId: 'x', noticeNumber: p.noticeNumber, outcome: 'paid', receipt: sent!.receipt });
    expect(simulator.parseCallback({ [SIGNATURE_HEADER]: createHmac('sha256', KEY).update(body).digest('hex') }, body)).toBeNull();
  });

  it("the day's flow lists the body's payments of that Rome day, and nothing else", async () => {
    // a fresh body so that the other tests' payments do not count
    const fiscal = '00555550220';
    const day = clock.today();
    const paidToday = await checkout(position({ bodyFiscalCode: fiscal, amountCents: 1600 }));
    await simulator.decide(paidToday.sessionId, 'paid', 'late');
    const alsoToday = await checkout(position({ bodyFiscalCode: fiscal, amountCents: 4400 }));
    await simulator.decide(alsoToday.sessionId, 'paid', 'callback');
    const failed = await checkout(position({ bodyFiscalCode: fiscal }));
    await simulator.decide(failed.sessionId, 'failed', 'late');
    const open = await checkout(position({ bodyFiscalCode: fiscal }));
    const otherBody = await checkout(position({ tenantId: otherTenantId, bodyFiscalCode: fiscal }));
    await simulator.decide(otherBody.sessionId, 'paid', 'late');
    clock.advanceDays(1);
    const tomorrow = await checkout(position({ bodyFiscalCode: fiscal }));
    await simulator.decide(tomorrow.sessionId, 'paid', 'late');
    clock.reset();

    const flow = await simulator.reportingFlow(tenantId, fiscal, day);
    expect(flow.flowId).toBe(`${day}SIMUL-${fiscal}-0001`);
    expect(flow.date).toBe(day);
    const receipts = Object.fromEntries(await Promise.all([paidToday, alsoToday].map(async (c) => [c.p.noticeNumber, (await simulator.outcomeOf(c.sessionId))!.receipt!.receiptId])));
    expect(flow.payments).toEqual([
      { noticeNumber: paidToday.p.noticeNumber, amountCents: 1600, receiptId: receipts[paidToday.p.noticeNumber] },
      { noticeNumber: alsoToday.p.noticeNumber, amountCents: 4400, receiptId: receipts[alsoToday.p.noticeNumber] },
    ]);
    expect(open.sessionId).toBeTruthy();
    // a flow with a mistake, for reconciliation tests
    simulator.forceFlowExtra(tenantId, day, { noticeNumber: '301000000000099999', amountCents: 100, receiptId: 'sconosciuta' });
    expect((await simulator.reportingFlow(tenantId, fiscal, day)).payments).toHaveLength(3);
    expect((await simulator.reportingFlow(tenantId, fiscal, tomorrowOf(day))).payments.map((x) => x.noticeNumber)).toEqual([tomorrow.p.noticeNumber]);
  });
});

function tomorrowOf(day: string) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('pagoPA simulator: the payment page', () => {
  let app: App;
  beforeAll(async () => {
    app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
    await mountPagoPaSimulator(app, simulator);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const form = (url: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const pathOf = (redirectUrl: string) => new URL(redirectUrl).pathname;

  it('shows what is paid, with the two choices and no script, every value escaped, under a CSP of its own', async () => {
    const p = position({ description: 'Diritti <script>alert(1)</script> & "bollo"', amountCents: 123456 });
    const { redirectUrl } = await checkout(p, `${PUBLIC_URL}/area-personale/pagamenti/1`);
    const res = await app.inject({ url: pathOf(redirectUrl) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/form-action 'self' http:\/\/localhost:3000/);
    const html = res.body;
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Ambiente di prova: nessun pagamento reale');
    expect(html).toContain('Comune di castelrocca');
    expect(html).toContain('Diritti &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;bollo&quot;');
    expect(html).not.toContain('<script');
    expect(html).toContain('1.234,56 €');
    expect(html).toContain(p.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(html).toContain('<legend>Esito del pagamento</legend>');
    expect(html).toContain("<legend>Conferma all'ente</legend>");
    for (const label of ['Pagamento riuscito', 'Pagamento non riuscito (carta rifiutata)', 'Annulla il pagamento', 'Subito',
      'In ritardo (solo con la verifica periodica)', 'Due volte (conferma duplicata)']) expect(html).toContain(`<span>${label}</span>`);
    expect(html).toMatch(/<button type="submit">Conferma<\/button>/);
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
  });

  it('the form sends the browser back with 303 and the outcome; the page then says it is over, with a link back', async () => {
    const { redirectUrl, sessionId } = await checkout(position(), `${PUBLIC_URL}/domande/7?tab=pagamenti`);
    const res = await form(pathOf(redirectUrl), { esito: 'paid', conferma: 'duplicate' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PUBLIC_URL}/domande/7?tab=pagamenti&esito=ok`);
    await simulator.whenDelivered();
    expect(calls.filter((c) => JSON.parse(c.rawBody).sessionId === sessionId)).toHaveLength(2);

    const after = await app.inject({ url: pathOf(redirectUrl) });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Pagamento riuscito');
    expect(after.body).toContain('già conclusa');
    expect(after.body).toContain(`href="${PUBLIC_URL}/domande/7?tab=pagamenti&amp;esito=ok"`);
    expect(after.body).not.toContain('<form');
    // posting again (back button) changes nothing
    const again = await form(pathOf(redirectUrl), { esito: 'cancelled', conferma: 'callback' });
    expect(again.headers.location).toBe(`${PUBLIC_URL}/domande/7?tab=pagamenti&esito=ok`);
  });

  it('an unknown session is a 404 page; a form without a valid choice is a 400 page and decides nothing', async () => {
    const missing = await app.inject({ url: '/pagopa-simulatore/pagamento/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Sessione di pagamento non trovata');
    expect((await app.inject({ url: '/pagopa-simulatore/pagamento/%3Cb%3E' })).statusCode).toBe(404);
    expect((await form('/pagopa-simulatore/pagamento/AAAAAAAAAAAAAAAAAAAAAA', { esito: 'paid' })).statusCode).toBe(404);

    const { redirectUrl, sessionId } = await checkout();
    const bad = await form(pathOf(redirectUrl), { esito: 'rubato', conferma: 'callback' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Scelta non valida');
    expect(await simulator.outcomeOf(sessionId)).toBeNull();
  });

  it('a withdrawn notice shows "Avviso non più pagabile" with only the way back; paying it anyway fails', async () => {
    const first = await checkout(position(), `${PUBLIC_URL}/r`);
    await simulator.cancelPosition(first.p);
    const shown = await app.inject({ url: pathOf(first.redirectUrl) });
    expect(shown.body).toContain('Avviso non più pagabile');
    expect(shown.body).not.toContain('Esito del pagamento');
    const back = await form(pathOf(first.redirectUrl), { esito: 'cancelled', conferma: 'callback' });
    expect(back.headers.location).toBe(`${PUBLIC_URL}/r?esito=annullato`);

    // withdrawn while the page was open: the payer presses "Pagamento riuscito"
    const second = await checkout(position(), `${PUBLIC_URL}/r`);
    await app.inject({ url: pathOf(second.redirectUrl) });
    await simulator.cancelPosition(second.p);
    const paid = await form(pathOf(second.redirectUrl), { esito: 'paid', conferma: 'callback' });
    expect(paid.statusCode).toBe(409);
    expect(paid.body).toContain('Avviso non più pagabile');
    expect(paid.body).toContain(`href="${PUBLIC_URL}/r?esito=ko"`);
    expect((await simulator.outcomeOf(second.sessionId))!.outcome).toBe('failed');
  });

  it('the counter page pays a notice from its printed data, and says why it refuses one already paid', async () => {
    const p = position({ amountCents: 1650 });
    await simulator.registerPosition(p);
    const empty = await app.inject({ url: '/pagopa-simulatore/avviso' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Paga un avviso allo sportello');
    expect(empty.body).not.toContain('<script');
    const fields = { ente: BODY_CF, avviso: p.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '), importo: '16,50' };
    expect((await form('/pagopa-simulatore/avviso', { ...fields, importo: 'tanti' })).statusCode).toBe(400);
    const paid = await form('/pagopa-simulatore/avviso', fields);
    expect(paid.statusCode).toBe(200);
    expect(paid.body).toContain('Pagamento eseguito');
    await simulator.whenDelivered();
    expect(parsedCalls().map((c) => c?.noticeNumber)).toEqual([p.noticeNumber]);
    const again = await form('/pagopa-simulatore/avviso', fields);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Avviso già pagato');
  });
});
