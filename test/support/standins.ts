/**
 * Local stand-ins for the peers messages go to, for tests: a real SMTP server on loopback, and HTTP servers that
 * speak the IO messages API and the SMS provider contract (messaging/channels/sms.ts). Each records what it
 * received, can be told to fail, and can be stopped and started again on the same port (an outage).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// ----- SMTP --------------------------------------------------------------------------------------------------------

export interface ReceivedMail {
  /** the SMTP envelope, as the client gave it */
  envelope: { from: string; to: string[] };
  /** as written in the header, with its angle brackets */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Map<string, unknown>;
  raw: string;
}

type SmtpFailure = { code: number; message: string };

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message it accepts, parsed. */
export class SmtpStandIn {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private failures: SmtpFailure[] = [];
  private refused = new Map<string, SmtpFailure>();

  private constructor(public port: number, private readonly login: { user: string; pass: string } | null) {}

  /** Starts on a free port (or the one given); with `login`, only that user and password may send. */
  static async start(port = 0, login: { user: string; pass: string } | null = null): Promise<SmtpStandIn> {
    const standIn = new SmtpStandIn(port, login);
    await standIn.listen();
    return standIn;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running() {
    return this.server !== null;
  }

  /** The next `times` messages are answered with this SMTP code at the end of DATA (e.g. 451 or 554). */
  failNext(code: number, message: string, times = 1) {
    for (let i = 0; i < times; i++) this.failures.push({ code, message });
  }

  /** Every message to this address is refused at RCPT TO with the code (550: no such mailbox). */
  refuse(address: string, code = 550, message = 'Mailbox unavailable') {
    this.refused.set(address.toLowerCase(), { code, message });
  }

  /** Messages whose envelope includes the address. */
  to(address: string) {
    return this.received.filter((m) => m.envelope.to.includes(address.toLowerCase()));
  }

  /** Messages whose Message-ID carries the id (the notification's id). */
  withId(id: string) {
    return this.received.filter((m) => m.messageId.includes(id));
  }

  /** Stops listening: clients are refused until restart() (an outage). */
  async stop() {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart() {
    if (this.server) return;
    await this.listen();
  }

  private async listen() {
    const server = new SMTPServer({
      secure: false,
      authOptional: !this.login,
      // plain text on loopback: no certificate for the client to distrust
      disabledCommands: this.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        if (this.login && auth.username === this.login.user && auth.password === this.login.pass) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      logger: false,
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refused.get(address.address.toLowerCase());
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const failure = this.failures.shift();
          if (failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then((parsed) => {
            const envelopeFrom = session.envelope.mailFrom;
            this.received.push({
              envelope: {
                from: envelopeFrom ? envelopeFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              },
              messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : '',
              from: parsed.from?.text ?? '',
              to: [parsed.to ?? []].flat().map((a) => a.text).join(', '),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers: parsed.headers as Map<string, unknown>,
              raw: raw.toString('utf8'),
            });
            callback();
          }, (error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // smtp-server reports client errors as events; a test peer must not crash the run over them
    server.on('error', () => undefined);
    this.port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
    this.server = server;
  }
}

// ----- HTTP stand-ins ----------------------------------------------------------------------------------------------

export interface ReceivedRequest {
  method: string;
  /** the path under the stand-in's base (e.g. /profiles/RSSMRA…) */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** An answer the test forces on the next request(s). `status: 0` drops the connection without answering. */
export interface ForcedAnswer {
  status: number;
  body?: unknown;
  /** only for requests whose path starts with this (default: any) */
  path?: string;
  /** wait this long before answering (for timeouts) */
  delayMs?: number;
}

type Answer = { status: number; body?: unknown };

/** A small JSON HTTP server on 127.0.0.1 that records requests and can be told to fail. */
abstract class HttpStandIn {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | null = null;
  private forced: ForcedAnswer[] = [];
  port = 0;

  protected constructor(private readonly base: string) {}

  protected abstract handle(request: ReceivedRequest): Answer;

  /** The base URL to configure (IO_API_URL, SMS_URL). */
  get url() {
    return `http://127.0.0.1:${this.port}${this.base}`;
  }

  /** The next `times` matching requests get this answer instead of the normal one. */
  failNext(answer: ForcedAnswer, times = 1) {
    for (let i = 0; i < times; i++) this.forced.push(answer);
  }

  /** Requests received, optionally by method and path prefix. */
  received(method?: string, pathPrefix = '') {
    return this.requests.filter((r) => (!method || r.method === method) && r.path.startsWith(pathPrefix));
  }

  async listen(port = this.port) {
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop() {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart() {
    if (!this.server) await this.listen(this.port);
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // kept as text
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.startsWith(this.base) ? url.pathname.slice(this.base.length) || '/' : url.pathname;
    const request: ReceivedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
    this.requests.push(request);
    const index = this.forced.findIndex((f) => !f.path || path.startsWith(f.path));
    const forced = index >= 0 ? this.forced.splice(index, 1)[0] : undefined;
    if (forced?.delayMs) await new Promise((r) => setTimeout(r, forced.delayMs));
    if (forced?.status === 0) {
      req.socket.destroy();
      return;
    }
    const answer = forced ?? this.handle(request);
    const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, payload && typeof answer.body !== 'string' ? { 'content-type': 'application/json' } : {});
    res.end(payload);
  }
}

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', status, title, detail });

/**
 * The IO messages API (the part Sportello uses): GET /profiles/{fiscal_code} and POST /messages, behind the
 * subscription key. Citizens exist in IO only once added with profile().
 */
export class IoStandIn extends HttpStandIn {
  private readonly profiles = new Map<string, { senderAllowed: boolean }>();
  /** the messages IO accepted */
  readonly messages: { id: string; fiscalCode: string; subject: string; markdown: string }[] = [];

  private constructor(readonly apiKey: string) {
    super('/api/v1');
  }

  static async start(apiKey = `io-key-${randomUUID()}`): Promise<IoStandIn> {
    const standIn = new IoStandIn(apiKey);
    await standIn.listen();
    return standIn;
  }

  /** A citizen with the app; `senderAllowed: false` when they turned this body's messages off. */
  profile(fiscalCode: string, senderAllowed = true) {
    this.profiles.set(fiscalCode, { senderAllowed });
  }

  protected handle(r: ReceivedRequest): Answer {
    if (r.headers['ocp-apim-subscription-key'] !== this.apiKey) {
      return { status: 401, body: { statusCode: 401, message: 'Access denied due to invalid subscription key.' } };
    }
    const profileMatch = /^\/profiles\/([A-Z0-9]{16})$/.exec(r.path);
    if (r.method === 'GET' && profileMatch) {
      const profile = this.profiles.get(profileMatch[1]!);
      if (!profile) return { status: 404, body: problem(404, 'Profile not found', 'The profile you requested was not found in the system.') };
      return { status: 200, body: { sender_allowed: profile.senderAllowed, preferred_languages: ['it_IT'] } };
    }
    if (r.method === 'POST' && r.path === '/messages') {
      const body = r.body as { fiscal_code?: string; content?: { subject?: string; markdown?: string } } | null;
      const subject = body?.content?.subject ?? '';
      const markdown = body?.content?.markdown ?? '';
      if (!body?.fiscal_code || subject.length < 10 || subject.length > 120 || markdown.length < 80 || markdown.length > 10000) {
        return { status: 400, body: problem(400, 'Invalid message', 'subject must be 10-120 and markdown 80-10000 characters') };
      }
      const id = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 26);
      this.messages.push({ id, fiscalCode: body.fiscal_code, subject, markdown });
      return { status: 201, body: { id } };
    }
    return { status: 404, body: problem(404, 'Not found', `${r.method} ${r.path}`) };
  }
}

/**
 * The SMS provider's API as sms.ts speaks it: POST with a bearer token and an Idempotency-Key. A repeated key gets
 * the first answer again and sends nothing more (as providers that honour idempotency keys do); every request
 * is still recorded, so a test sees the repeat.
 */
export class SmsStandIn extends HttpStandIn {
  /** the SMS the provider sent to phones, once per idempotency key */
  readonly sent: { id: string; to: string; from: string; text: string; reference: string }[] = [];
  private readonly byKey = new Map<string, string>();

  private constructor(readonly token: string) {
    super('/v1/sms');
  }

  static async start(token = `sms-token-${randomUUID()}`): Promise<SmsStandIn> {
    const standIn = new SmsStandIn(token);
    await standIn.listen();
    return standIn;
  }

  /** How many different messages arrived (by reference), however many times each was posted. */
  uniqueReferences() {
    return new Set(this.received('POST').map((r) => (r.body as { reference?: string } | null)?.reference)).size;
  }

  protected handle(r: ReceivedRequest): Answer {
    if (r.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: { error: 'invalid token' } };
    if (r.method !== 'POST' || r.path !== '/') return { status: 404, body: { error: 'not found' } };
    const body = r.body as { to?: string; from?: string; text?: string; reference?: string } | null;
    if (!body?.to || !/^\+\d{8,15}$/.test(body.to)) return { status: 422, body: { error: 'invalid destination number' } };
    if (!body.text) return { status: 422, body: { error: 'empty text' } };
    const key = String(r.headers['idempotency-key'] ?? '');
    const earlier = key ? this.byKey.get(key) : undefined;
    if (earlier) return { status: 200, body: { id: earlier, status: 'accepted' } };
    const id = `sms-${randomUUID()}`;
    if (key) this.byKey.set(key, id);
    this.sent.push({ id, to: body.to, from: body.from ?? '', text: body.text, reference: body.reference ?? '' });
    return { status: 202, body: { id, status: 'accepted' } };
  }
}
