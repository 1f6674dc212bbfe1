/**
 * Issue 12, "hostile input": every operation of `/openapi.json` receives at least 200 malformed requests — wrong
 * types, missing and extra fields, huge and deeply nested bodies, invalid JSON and encodings, wrong content types,
 * path traversal, SQL and script injection strings — anonymous, as a citizen and as an operator. No answer may be
 * a 5xx and the program must keep answering. The requests are made from a seeded pseudo-random generator, so a
 * failure names the seed, the operation and the request, and repeats.
 *
 * `FUZZ_PER_OPERATION` (default 200) sets how many requests each operation gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { Rng } from '../src/server/platform/random.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const ORIGIN = 'http://localhost:3000';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; $ref?: string };
interface Operation {
  method: string;
  path: string;
  operationId: string;
  pathParams: string[];
  query: string[];
  body?: Schema;
  multipart: boolean;
}

const HOSTILE_STRINGS = [
  "' OR '1'='1", "'; DROP TABLE applications; --", '1; SELECT pg_sleep(0)--', '" OR 1=1 --', '%27%20OR%201=1',
  '<script>window.__pwned=1</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}',
  '../../../../etc/passwd', '..%2F..%2F..%2Fetc%2Fpasswd', '..\\..\\windows\\win.ini', '/etc/passwd\u0000.pdf',
  '\u0000', '\uD800', '\uFFFF', '\u202Eexe.pdf', 'A'.repeat(70_000), '😀'.repeat(5000), ' ', '', '-1', '1e309', 'NaN',
  '9'.repeat(400), '00000000-0000-0000-0000-000000000000', 'null', 'true', '[]', '{}',
];
const HOSTILE_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [[[]]], { $gt: '' }, { __proto__: { admin: true } }];

/** percent-encoding, or for a lone surrogate (which has none) the bytes of one, invalid UTF-8 in a URL */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

function operationsOf(doc: { paths: Record<string, Record<string, { operationId?: string; parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(), path: p, operationId: op.operationId ?? `${method} ${p}`,
        pathParams: params.filter((x) => x.in === 'path').map((x) => x.name),
        query: params.filter((x) => x.in === 'query').map((x) => x.name),
        body: content['application/json']?.schema,
        multipart: !!content['multipart/form-data'],
      });
    }
  }
  return ops;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** One malformed request for an operation; `kind` walks through the families so each operation gets all of them. */
function malformed(op: Operation, rnd: () => number, kind: number, schemas: Record<string, Schema>): Sent {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const hostile = () => pick(HOSTILE_STRINGS);
  const pathValue = (): string => enc(pick([hostile(), '00000000-0000-4000-8000-000000000001', String(Math.floor(rnd() * 1e6)), 'comune-di-castelrocca', '..', '%2e%2e%2f']));
  let url = op.path.replace(/\{([^}]+)\}/g, () => (kind % 7 === 0 ? '..%2F..%2Fetc%2Fpasswd' : pathValue()));
  const query = op.query.length ? op.query.filter(() => rnd() < 0.6).map((q) => `${enc(q)}=${enc(String(pick([hostile(), ...HOSTILE_VALUES.map(String)])))}`) : [];
  if (kind % 5 === 1) query.push(`${enc(hostile().slice(0, 40))}=1`, 'limit=-5', 'cursor=%ff%fe');
  if (query.length) url += `?${query.join('&')}`;
  const headers: Record<string, string> = {};
  const resolve = (s?: Schema): Schema | undefined => (s?.$ref ? schemas[s.$ref.split('/').pop()!] : s);
  const body = resolve(op.body);
  const fields = Object.keys(body?.properties ?? {});
  const validish = () => Object.fromEntries(fields.map((f) => [f, pick([hostile(), ...HOSTILE_VALUES])]));
  let payload: string | Buffer | undefined;
  switch (kind % 10) {
    case 0: payload = JSON.stringify(validish()); headers['content-type'] = 'application/json'; break;
    case 1: payload = JSON.stringify({ ...validish(), [`extra_${Math.floor(rnd() * 100)}`]: hostile(), __proto__x: 1 }); headers['content-type'] = 'application/json'; break;
    case 2: payload = JSON.stringify(fields.length ? Object.fromEntries(fields.slice(1).map((f) => [f, hostile()])) : {}); headers['content-type'] = 'application/json'; break; // a required field missing
    case 3: payload = '{"a": '; headers['content-type'] = 'application/json'; break; // invalid JSON
    case 4: payload = JSON.stringify(nested(2000)); headers['content-type'] = 'application/json'; break; // deeply nested
    case 5: payload = JSON.stringify({ data: 'x'.repeat(3_000_000) }); headers['content-type'] = 'application/json'; break; // huge
    case 6: payload = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]); headers['content-type'] = 'application/json; charset=utf-8'; break; // invalid UTF-8
    case 7: payload = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`; headers['content-type'] = pick(['application/xml', 'text/plain', 'application/x-www-form-urlencoded']); break;
    case 8: {
      const boundary = 'fuzz';
      const name = pick(['../../../../tmp/evil.pdf', '..\\..\\evil.pdf', 'a/../../b.pdf', '\u0000.pdf', '<script>.pdf', 'x'.repeat(2000) + '.pdf']);
      payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${hostile().slice(0, 200)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${hostile().slice(0, 100)}\r\n--${boundary}--\r\n`);
      headers['content-type'] = pick([`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', `multipart/form-data; boundary=other`]);
      break;
    }
    default: payload = JSON.stringify(pick([...HOSTILE_VALUES, hostile()])); headers['content-type'] = 'application/json'; break;
  }
  if (op.method === 'GET' || op.method === 'DELETE') {
    // a body where none belongs, now and then; otherwise hostile headers
    if (kind % 3 !== 0) payload = undefined;
    else headers['content-type'] = 'application/json';
  }
  if (!payload) delete headers['content-type'];
  if (kind % 4 === 2) headers['idempotency-key'] = hostile().slice(0, 300) || 'x';
  if (kind % 6 === 3) headers['if-match'] = pick(['"abc"', '*', '"-1"', hostile().slice(0, 50)]);
  if (kind % 8 === 5) headers.accept = pick(['application/xml', '*/*', 'text/html', 'application/pdf']);
  if (kind % 9 === 4) headers['accept-language'] = hostile().slice(0, 200);
  return { method: op.method, url, headers, payload };
}

describe('hostile input on every operation of /openapi.json', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let ops: Operation[];
  let schemas: Record<string, Schema>;
  const identities: [string, TestSession | null][] = [];

  beforeAll(async () => {
    const routes: { method: string; url: string }[] = [];
    t = await testApp({ demo: true, onRoute: (r) => routes.push(r) });
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    // the document's paths are relative to its server (/api/v1)
    const prefix = new URL(doc.servers?.[0]?.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
    ops = operationsOf(doc).map((op) => ({ ...op, path: `${prefix}${op.path}` }));
    // The sign-in routes (/auth/…) are left out of the document (they are not an API for integrators), yet they
    // are the most exposed of all: they are fuzzed too, from the app's own list of routes.
    const seen = new Set(ops.map((op) => `${op.method} ${op.path}`));
    for (const r of routes) {
      const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m: string) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m));
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      for (const method of methods) {
        if (!path.startsWith('/auth/') || seen.has(`${method} ${path}`)) continue;
        seen.add(`${method} ${path}`);
        ops.push({ method, path, operationId: `${method} ${path}`, pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!), query: ['returnTo', 'level', 'state', 'code', 'error'],
          body: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string' }, code: { type: 'string' }, challenge: { type: 'string' }, newPassword: { type: 'string' } } },
          multipart: false });
      }
    }
    schemas = doc.components?.schemas ?? {};
    const admin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-castelrocca')!;
    identities.push(['anonymous', null],
      ['citizen', (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session()],
      ['administrator', await operatorLogin(t.app, admin.email, admin.password)],
      ['forged', { cookies: { sportello_session: 'forged-session-value' }, headers: { authorization: 'Bearer spt_forged_token', 'x-csrf-token': 'nope' } }]);
  }, 180_000);
  afterAll(() => t?.close());

  it(`answers ${PER_OPERATION} malformed requests per operation without a single 5xx`, async () => {
    expect(ops.length).toBeGreaterThan(100);
    const rng = new Rng(SEED);
    const rnd = () => rng.next();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const op of ops) {
      // logging out would end the sessions the rest of the run uses
      if (op.path === '/auth/logout') continue;
      for (let i = 0; i < PER_OPERATION; i++) {
        const [who, session] = identities[i % identities.length]!;
        const req = malformed(op, rnd, i, schemas);
        const opts = { method: req.method as 'GET', url: req.url, headers: req.headers, payload: req.payload };
        const r = await t.app.inject(session ? as(session, opts) : opts);
        sent++;
        statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        if (r.statusCode >= 500) failures.push(`${r.statusCode} ${op.operationId} as ${who}: ${req.method} ${req.url.slice(0, 200)} ${JSON.stringify(req.headers)} ${String(req.payload ?? '').slice(0, 200)} → ${r.body.slice(0, 300)}`);
      }
    }
    // still answering, and still right
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/services?q=anagrafe' })).statusCode).toBe(200);
    console.log(`fuzz: ${ops.length} operations, ${sent} requests (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures.slice(0, 30), `${failures.length} answers were 5xx`).toEqual([]);
  }, 1_800_000);
});
