/**
 * Each channel adapter against a local stand-in of its peer: a real SMTP server, the IO messages API, the SMS
 * provider. What arrives, with which credentials and keys, and which failures are final and which are retried.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentFailure, type OutgoingMessage } from '../src/server/modules/messaging/channels/channel.ts';
import { IoChannel } from '../src/server/modules/messaging/channels/io.ts';
import { SmsChannel } from '../src/server/modules/messaging/channels/sms.ts';
import { SmtpChannel } from '../src/server/modules/messaging/channels/smtp.ts';
import { IoStandIn, SmsStandIn, SmtpStandIn } from './support/standins.ts';

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: randomUUID(), channel: 'email', to: 'giulia.ferrari@example.org', language: 'it', tenantName: 'Comune di Castelrocca',
  subject: 'Domanda CA-2026-7KQ4M2 ricevuta e protocollata',
  body: 'Comune di Castelrocca ha ricevuto la tua domanda (pratica CA-2026-7KQ4M2). La ricevuta è nella tua area personale.',
  ...over,
});

/** The error a send ends with, to look at its kind and reason. */
async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the send succeeded');
}

describe('e-mail by SMTP', () => {
  let peer: SmtpStandIn;
  let smtp: SmtpChannel;

  beforeAll(async () => {
    peer = await SmtpStandIn.start();
    smtp = new SmtpChannel('email', { url: peer.url, from: 'Comune di Castelrocca <noreply@castelrocca.example>', messageIdDomain: 'sportello.example.it' });
  });
  afterAll(async () => {
    await smtp.close();
    await peer.stop();
  });

  it('delivers the message with the notification id as Message-ID, and the same Message-ID when sent again', async () => {
    const m = message();
    const first = await smtp.send(m);
    expect(first).toEqual({ status: 'sent', providerMessageId: `<${m.id}@sportello.example.it>` });
    const [mail] = peer.withId(m.id);
    expect(mail).toMatchObject({
      envelope: { from: 'noreply@castelrocca.example', to: ['giulia.ferrari@example.org'] },
      messageId: `<${m.id}@sportello.example.it>`, subject: m.subject,
    });
    expect(mail!.from).toContain('Comune di Castelrocca');
    expect(mail!.text.trim()).toBe(m.body);
    expect(mail!.headers.get('content-language')).toBe('it');
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    // a resend after a crash is the same message to the receiving side
    await smtp.send(m);
    const copies = peer.withId(m.id);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId)).size).toBe(1);
  });

  it('takes a refused mailbox as final and a temporary refusal as worth retrying', async () => {
    peer.refuse('nessuno@example.org');
    const refused = await failureOf(smtp.send(message({ to: 'nessuno@example.org' })));
    expect(refused).toBeInstanceOf(PermanentFailure);
    expect(refused.message).toMatch(/550/);

    peer.failNext(451, 'Temporary local problem, try again later');
    const busy = await failureOf(smtp.send(message()));
    expect(busy).not.toBeInstanceOf(PermanentFailure);
    expect((busy as { responseCode?: number }).responseCode).toBe(451);

    peer.failNext(554, 'Message rejected as spam');
    expect(await failureOf(smtp.send(message()))).toBeInstanceOf(PermanentFailure);
  });

  it('retries, rather than fails, while the server refuses the deployment\'s credentials', async () => {
    const guarded = await SmtpStandIn.start(0, { user: 'sportello', pass: 'giusta' });
    const wrong = new SmtpChannel('email', { url: `smtp://sportello:sbagliata@127.0.0.1:${guarded.port}`, from: 'noreply@castelrocca.example', messageIdDomain: 'sportello.example.it' });
    const right = new SmtpChannel('email', { url: `smtp://sportello:giusta@127.0.0.1:${guarded.port}`, from: 'noreply@castelrocca.example', messageIdDomain: 'sportello.example.it' });
    try {
      const m = message();
      const refused = await failureOf(wrong.send(m));
      expect(refused).not.toBeInstanceOf(PermanentFailure);
      expect(refused.message).toMatch(/credenziali di SMTP_URL/);
      await right.send(m);
      expect(guarded.withId(m.id)).toHaveLength(1);
    } finally {
      await wrong.close();
      await right.close();
      await guarded.stop();
    }
  });

  it('says the server cannot be reached while it is down, and sends again once it is back on the same port', async () => {
    const port = peer.port;
    await peer.stop();
    const m = message();
    const down = await failureOf(smtp.send(m));
    expect(down).not.toBeInstanceOf(PermanentFailure);
    expect(down.message).toMatch(/server di posta non è raggiungibile/);
    expect(down.message).toMatch(/ECONNREFUSED/);
    await peer.restart();
    expect(peer.port).toBe(port);
    await smtp.send(m);
    expect(peer.withId(m.id)).toHaveLength(1);
  });
});

describe('SMS through the provider API', () => {
  let provider: SmsStandIn;
  let sms: SmsChannel;

  beforeAll(async () => {
    provider = await SmsStandIn.start();
    sms = new SmsChannel({ url: provider.url, token: provider.token, sender: 'Castelrocca', timeoutMs: 300 });
  });
  afterAll(() => provider.stop());

  const text = (over: Partial<OutgoingMessage> = {}) => message({ channel: 'sms', to: '340 123 4501', subject: null,
    body: 'Comune di Castelrocca: domanda CA-2026-7KQ4M2 ricevuta. La ricevuta è nella tua area personale.', ...over });

  it('posts the text with the bearer token, the number as E.164 and the notification id as reference and idempotency key', async () => {
    const m = text();
    const result = await sms.send(m);
    const [request] = provider.received('POST').filter((r) => r.headers['idempotency-key'] === m.id);
    expect(request!.headers.authorization).toBe(`Bearer ${provider.token}`);
    expect(request!.headers['content-type']).toMatch(/application\/json/);
    expect(request!.body).toEqual({ to: '+393401234501', from: 'Castelrocca', text: m.body, reference: m.id });
    const delivered = provider.sent.find((s) => s.reference === m.id)!;
    expect(result).toEqual({ status: 'sent', providerMessageId: delivered.id });
  });

  it('sends a repeat under the same key, which the provider recognises: one SMS reaches the phone', async () => {
    const m = text();
    const first = await sms.send(m);
    const again = await sms.send(m);
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(provider.received('POST').filter((r) => r.headers['idempotency-key'] === m.id)).toHaveLength(2);
    expect(provider.sent.filter((s) => s.reference === m.id)).toHaveLength(1);
  });

  it('normalises the ways people write a mobile number and refuses a landline before calling the provider', async () => {
    for (const written of ['+39 340 123 4501', '0039 340.123.4501', '(340) 123-4501', '+393401234501']) {
      const m = text({ to: written });
      await sms.send(m);
      expect(provider.sent.find((s) => s.reference === m.id)!.to).toBe('+393401234501');
    }
    const before = provider.requests.length;
    const landline = await failureOf(sms.send(text({ to: '+39 035 123456' })));
    expect(landline).toBeInstanceOf(PermanentFailure);
    expect(landline.message).toMatch(/fisso/);
    expect(await failureOf(sms.send(text({ to: '12345' })))).toBeInstanceOf(PermanentFailure);
    expect(provider.requests.length).toBe(before);
  });

  it('takes a refusal (4xx) as final, with the provider reason, and 5xx, 408, 429, timeouts and outages as transient', async () => {
    provider.failNext({ status: 422, body: { error: 'destination is blacklisted' } });
    const refused = await failureOf(sms.send(text()));
    expect(refused).toBeInstanceOf(PermanentFailure);
    expect(refused.message).toMatch(/422.*destination is blacklisted/);

    const wrongToken = new SmsChannel({ url: provider.url, token: 'wrong', sender: 'Castelrocca' });
    const unauthorised = await failureOf(wrongToken.send(text()));
    expect(unauthorised).toBeInstanceOf(PermanentFailure);
    expect(unauthorised.message).toMatch(/401/);

    for (const status of [500, 503, 408, 429]) {
      provider.failNext({ status, body: { error: 'try later' } });
      const transient = await failureOf(sms.send(text()));
      expect(transient, String(status)).not.toBeInstanceOf(PermanentFailure);
      expect(transient.message).toContain(String(status));
    }

    provider.failNext({ status: 202, delayMs: 2000 });
    const slow = await failureOf(sms.send(text()));
    expect(slow).not.toBeInstanceOf(PermanentFailure);
    expect(slow.message).toMatch(/non ha risposto/);

    await provider.stop();
    const down = await failureOf(sms.send(text()));
    expect(down).not.toBeInstanceOf(PermanentFailure);
    expect(down.message).toMatch(/non è raggiungibile/);
    await provider.restart();
    const m = text();
    await sms.send(m);
    expect(provider.sent.some((s) => s.reference === m.id)).toBe(true);
  });

  it('refuses a text longer than three SMS without calling the provider', async () => {
    const before = provider.requests.length;
    expect(await failureOf(sms.send(text({ body: 'x'.repeat(460) })))).toBeInstanceOf(PermanentFailure);
    expect(provider.requests.length).toBe(before);
  });
});

describe('IO app messages API', () => {
  let api: IoStandIn;
  let io: IoChannel;
  const FISCAL_CODE = 'FRRGLI84E54A794K';

  beforeAll(async () => {
    api = await IoStandIn.start();
    io = new IoChannel({ apiUrl: api.url, apiKey: api.apiKey, timeoutMs: 300 });
  });
  afterAll(() => api.stop());

  const notice = (over: Partial<OutgoingMessage> = {}) => message({ channel: 'io', to: FISCAL_CODE,
    body: 'Comune di Castelrocca ha ricevuto la tua domanda «Iscrizione al nido» (pratica CA-2026-7KQ4M2). La ricevuta è nella tua area personale: https://sportello.example.it/area-personale', ...over });

  it('checks the profile first, then posts the message with the subscription key; the fiscal code is only the addressee', async () => {
    api.profile(FISCAL_CODE);
    const m = notice();
    const from = api.requests.length;
    const result = await io.send(m);
    const calls = api.requests.slice(from);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /profiles/${FISCAL_CODE}`, 'POST /messages']);
    for (const c of calls) expect(c.headers['ocp-apim-subscription-key']).toBe(api.apiKey);
    expect(calls[1]!.body).toEqual({ fiscal_code: FISCAL_CODE, content: { subject: m.subject, markdown: m.body } });
    expect(JSON.stringify((calls[1]!.body as { content: object }).content)).not.toContain(FISCAL_CODE);
    expect(result).toEqual({ status: 'sent', providerMessageId: api.messages.at(-1)!.id });
  });

  it('gives up at once, without posting, when the citizen has no IO profile or turned the body off', async () => {
    const without = 'MRTLCU76H30B157Z';
    const from = api.requests.length;
    const none = await failureOf(io.send(notice({ to: without })));
    expect(none).toBeInstanceOf(PermanentFailure);
    expect(none.message).toBe('il cittadino non usa l\'app IO');
    api.profile('RCCLSN04M11L219X', false);
    const off = await failureOf(io.send(notice({ to: 'RCCLSN04M11L219X' })));
    expect(off).toBeInstanceOf(PermanentFailure);
    expect(off.message).toMatch(/disattivato i messaggi di questo ente/);
    expect(api.requests.slice(from).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('refuses a subject or text outside the IO limits before calling IO', async () => {
    const from = api.requests.length;
    for (const over of [{ subject: 'Breve' }, { subject: 'x'.repeat(121) }, { body: 'Troppo corto.' }, { body: 'x'.repeat(10_001) }, { to: 'not-a-fiscal-code' }]) {
      expect(await failureOf(io.send(notice(over))), JSON.stringify(over).slice(0, 40)).toBeInstanceOf(PermanentFailure);
    }
    expect(api.requests.length).toBe(from);
  });

  it('takes a wrong key as final and throttling, server errors, timeouts and outages as transient', async () => {
    api.profile(FISCAL_CODE);
    const wrongKey = new IoChannel({ apiUrl: api.url, apiKey: 'wrong' });
    const denied = await failureOf(wrongKey.send(notice()));
    expect(denied).toBeInstanceOf(PermanentFailure);
    expect(denied.message).toMatch(/401/);

    api.failNext({ status: 429, path: '/profiles' });
    expect(await failureOf(io.send(notice()))).not.toBeInstanceOf(PermanentFailure);
    api.failNext({ status: 503, path: '/profiles', body: { title: 'Service Unavailable' } });
    const unavailable = await failureOf(io.send(notice()));
    expect(unavailable).not.toBeInstanceOf(PermanentFailure);
    expect(unavailable.message).toMatch(/503.*Service Unavailable/);
    // a 5xx to the message itself may come after IO stored it: IO has no idempotency key, so it is not sent again
    // on its own but left to an administrator, saying why
    api.failNext({ status: 503, path: '/messages', body: { title: 'Service Unavailable' } });
    const uncertain = await failureOf(io.send(notice()));
    expect(uncertain).toBeInstanceOf(PermanentFailure);
    expect(uncertain.message).toMatch(/503.*esito incerto/);
    // so is a message IO took and did not answer in time, or whose connection broke before the answer
    const posted = api.received('POST', '/messages').length;
    api.failNext({ status: 201, path: '/messages', body: { id: 'TARDIVO' }, delayMs: 2000 });
    const late = await failureOf(io.send(notice()));
    expect(late).toBeInstanceOf(PermanentFailure);
    expect(late.message).toMatch(/non ha risposto.*esito incerto/);
    api.failNext({ status: 0, path: '/messages' });
    const broken = await failureOf(io.send(notice()));
    expect(broken).toBeInstanceOf(PermanentFailure);
    expect(broken.message).toMatch(/esito incerto/);
    expect(api.received('POST', '/messages').length).toBe(posted + 2);
    api.failNext({ status: 400, path: '/messages', body: { title: 'Invalid message', detail: 'markdown is not valid' } });
    expect(await failureOf(io.send(notice()))).toBeInstanceOf(PermanentFailure);

    api.failNext({ status: 200, delayMs: 2000 });
    expect((await failureOf(io.send(notice()))).message).toMatch(/non ha risposto/);

    await api.stop();
    const down = await failureOf(io.send(notice()));
    expect(down).not.toBeInstanceOf(PermanentFailure);
    expect(down.message).toMatch(/non è raggiungibile/);
    await api.restart();
    expect((await io.send(notice())).status).toBe('sent');
  });
});
