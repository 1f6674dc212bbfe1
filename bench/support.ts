/**
 * What the benchmarks in bench/ share, one copy each so that they measure and print alike: environment knobs,
 * statistics and the Markdown table, the machine and how busy it is, a free port, the admin connection to
 * PostgreSQL, pgbench's figures, the probe of the SQL the app sends, and the submission fixtures (the template
 * draft, its synthetic copies' citizens, the submit load worker). bench/pgbench.ts finds pgbench itself.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { ServiceForm } from '../src/contracts/forms.ts';
import { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { VALDORO } from '../src/server/db/seed/demo/services-common.ts';
import { validateAnswers } from '../src/server/modules/forms/form-validation.ts';
import type { App } from '../src/server/platform/context.ts';
import { as } from '../test/support/auth.ts';
import { PDF } from '../test/support/forms.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';

// ---------------------------------------------------------------------------------------------------------------
// Knobs

/** A numeric BENCH_* knob: its value when set (and not empty), else the fallback. */
export function env(name: string, fallback: number): number;
export function env(name: string): number | undefined;
export function env(name: string, fallback?: number): number | undefined {
  return process.env[name] ? Number(process.env[name]) : fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics and output

/** Nearest-rank percentile of an ascending list; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99),
    min: s[0] ?? NaN, max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** A Markdown table on stdout: the first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: (string | number)[][]) {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(cells[0]));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------------------------
// The machine

/** Cores, CPU model, memory and Node version; `nproc` says the core count is what nproc reports. */
export async function machine(opts: { nproc?: boolean } = {}) {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return `${os.availableParallelism()} cores${opts.nproc ? ' (nproc)' : ''}, ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

/** Busy and total CPU ticks of the whole machine, from /proc/stat. */
export async function cpuTicks() {
  const [, ...fields] = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3] + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Share of the machine's CPU time that was busy over `ms` (before the bench starts: other people's work). */
export async function cpuBusy(ms = 2000): Promise<number> {
  try {
    const a = await cpuTicks();
    await new Promise((r) => setTimeout(r, ms));
    const b = await cpuTicks();
    return (b.busy - a.busy) / (b.total - a.total);
  } catch {
    return NaN;
  }
}

/** A free TCP port on 127.0.0.1 (for a server whose public URL must be known before it listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

/** One connection to `url` for `fn`, closed afterwards. */
export async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the server `adminUrl` points to. */
export function dbUrl(adminUrl: string, name: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops database `name` (disconnecting whoever uses it) and creates it empty; its URL. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return dbUrl(adminUrl, name);
}

// ---------------------------------------------------------------------------------------------------------------
// pgbench's output

/** Throughput and counts from pgbench's summary on stdout. */
export function pgbenchSummary(stdout: string) {
  const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
  return {
    tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
  };
}

/** Per-transaction latencies in ms from the logs of a pgbench run with `-l --log-prefix <dir>/<tag>-log`. */
export async function pgbenchLatencies(dir: string, tag: string): Promise<number[]> {
  const latencies: number[] = [];
  for (const f of await readdir(dir)) {
    if (!f.startsWith(`${tag}-log`)) continue;
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  return latencies;
}

// ---------------------------------------------------------------------------------------------------------------
// What the server sends to PostgreSQL: statements by label, time waiting for a pooled connection, and the first
// statement matching a pattern with its parameters (to EXPLAIN it afterwards)

export interface SqlProbe {
  on: boolean;
  queries: Map<string, { n: number; ms: number }>;
  connectWaitMs: number[];
  main: { text: string; values: unknown[] } | null;
}

/** The first words of a statement, enough to tell them apart in a table. */
export function statementLabel(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)/i.test(oneLine)) return oneLine.split(' ')[0].toUpperCase();
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(oneLine)?.[1] ?? '';
  return `${oneLine.split(' ')[0].toLowerCase()} ${table}`.trim() + (/for update/i.test(oneLine) ? ' FOR UPDATE' : '') + (/pg_advisory/i.test(oneLine) ? ' (advisory lock)' : '') + (/set_config/i.test(oneLine) ? ' (set_config scope)' : '');
}

/**
 * Wraps pg's Client.query (and, with `connectWait`, Pool.connect: the app's pool is a pg.Pool from the same module).
 * While on, it only counts and times each statement by its text (statements are grouped into labels after the
 * run), keeps the first statement matching `main`, and with `connectWait` times each pool checkout (off unless
 * asked: the list grows with every request, which would weigh on a benchmark reporting the heap).
 */
export function installProbe(opts: { main?: RegExp; connectWait?: boolean } = {}): SqlProbe {
  const probe: SqlProbe = { on: false, queries: new Map(), connectWaitMs: [], main: null };
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (!probe.on) return query.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    if (opts.main && !probe.main && opts.main.test(text.trim())) probe.main = { text, values: (args[1] as unknown[]) ?? [] };
    const t = performance.now();
    const out = query.apply(this, args);
    const done = () => {
      const q = probe.queries.get(text);
      if (q) {
        q.n++;
        q.ms += performance.now() - t;
      } else {
        probe.queries.set(text, { n: 1, ms: performance.now() - t });
      }
    };
    if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(done, done);
    return out;
  } as typeof pg.Client.prototype.query;
  if (opts.connectWait) {
    const connect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
    pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
      if (!probe.on || args.length) return connect.apply(this, args);
      const t = performance.now();
      const out = connect.apply(this, args) as Promise<unknown>;
      out.then(() => probe.connectWaitMs.push(performance.now() - t), () => undefined);
      return out;
    } as typeof pg.Pool.prototype.connect;
  }
  return probe;
}

/** The statements seen, grouped by label. */
export function byLabel(probe: SqlProbe) {
  const out = new Map<string, { n: number; ms: number }>();
  for (const [text, q] of probe.queries) {
    const label = statementLabel(text);
    const g = out.get(label) ?? { n: 0, ms: 0 };
    g.n += q.n;
    g.ms += q.ms;
    out.set(label, g);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Load from a worker thread, so that the clients do not run in the server's event loop

/** Runs `script` (a bench/*-worker.mjs) with `workerData` and resolves with the one message it posts. */
export function inWorker<R>(script: URL, workerData: unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { workerData });
    w.once('message', (r: R) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** One draft for bench/submit-worker.mjs to submit: as whom, and with which Idempotency-Key. */
export interface SubmitItem {
  id: string;
  cookie: string;
  csrf: string;
  key: string;
}

export interface SubmitResult {
  index: number[];
  latencyMs: number[];
  status: number[];
  atMs: number[];
  submittedAt: string[];
  elapsedMs: number;
  errors: string[];
  bodies: string[];
}

/** `POST /api/v1/applications/{id}/submit` for every item, `concurrency` at a time (bench/submit-worker.mjs). */
export function submitLoad(job: { base: string; concurrency: number; timeLimitMs: number; items: SubmitItem[] }): Promise<SubmitResult> {
  return inWorker(new URL('./submit-worker.mjs', import.meta.url), job);
}

// ---------------------------------------------------------------------------------------------------------------
// Submission fixtures

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sample's answers over the draft's prefilled data (what a person sees filled in stays). */
export function mergeAnswers(answers: unknown, prefilled: unknown): unknown {
  if (!isObject(answers) || !isObject(prefilled)) return prefilled === undefined || prefilled === '' ? answers : prefilled;
  const out: Record<string, unknown> = { ...answers };
  for (const [k, v] of Object.entries(prefilled)) out[k] = k in answers ? mergeAnswers(answers[k], v) : v;
  return out;
}

/** A multipart/form-data upload of one PDF for an application's requirement, as app.inject takes it. */
export function multipart(requirementId: string, file: { name: string; content: Buffer }, boundary = '----sportello-bench') {
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${requirementId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * The draft the benchmark clones, filled in through the API as a real parent would: Sara Villa (the nido sample's
 * identity, through the bundled SPID test provider) acting for her daughter, the sample's answers over what the
 * draft has prefilled, and one small PDF (sent with `boundary`); refused if the form would not accept it.
 */
export async function fillTemplateDraft(app: App, publicUrl: string, serviceId: string, form: ServiceForm, boundary: string) {
  const sample = DEMO_FORM_SAMPLES.find((s) => s.serviceSlug === FORM_SERVICE_SLUGS.nido && s.tenantSlug === VALDORO.tenantSlug)!;
  const sara = (await citizenLogin(app, publicUrl, sample.identityId)).browser.session();
  const inject = async <T>(opts: Parameters<typeof as>[1], expected = [200, 201]): Promise<T> => {
    const r = await app.inject(as(sara, opts));
    if (!expected.includes(r.statusCode)) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };
  const subjects = await inject<{ items: { kind: string; id: string; fiscalCode?: string }[] }>({ url: '/api/v1/me/subjects' });
  const child = subjects.items.find((s) => s.kind === 'minor' && s.fiscalCode === sample.subject?.fiscalCode) ?? subjects.items.find((s) => s.kind === 'minor')!;
  await inject({ method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: child.kind, id: child.id } });
  const draft = await inject<{ id: string; data: Record<string, unknown> }>({ method: 'POST', url: '/api/v1/applications', payload: { serviceId } });
  const data = Object.fromEntries(Object.entries(sample.answers).map(([step, value]) => [step, mergeAnswers(value, draft.data[step])]));
  await inject({ method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } });
  const pdf = PDF(`Relazione dei servizi sociali - ${'x'.repeat(2000)}`);
  const upload = multipart('relazione-servizi-sociali', { name: 'relazione.pdf', content: pdf }, boundary);
  await inject({ method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: upload.payload, headers: upload.headers });
  const saved = await inject<{ data: unknown; attachments: unknown[] }>({ url: `/api/v1/applications/${draft.id}` });
  const problems = validateAnswers(form, saved.data);
  if (problems.length) throw new Error(`the template draft would not be accepted: ${JSON.stringify(problems)}`);
  return { sara, draft, saved, pdf };
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Citizens `from + 1` to `from + n` for copies of a template draft: the columns to insert (arrays, for unnest),
 * each with a session token, and the items for the submit load. `tag` marks their fiscal codes and application
 * codes as the benchmark's; `csrfFor` is the app's CSRF token for a session's hash.
 */
export function syntheticSubmitters(from: number, n: number, tag: { fiscalCode: string; code: string }, csrfFor: (hash: string) => string) {
  const citizenIds: string[] = [];
  const fiscalCodes: string[] = [];
  const familyNames: string[] = [];
  const hashes: string[] = [];
  const appIds: string[] = [];
  const codes: string[] = [];
  const items: SubmitItem[] = [];
  for (let i = 0; i < n; i++) {
    const k = from + i + 1;
    const token = randomBytes(32).toString('base64url');
    const hash = sha256Hex(token);
    const id = randomUUID();
    let tail = '';
    for (let j = 0; j < 6; j++) tail += CODE_ALPHABET[randomBytes(1)[0] % CODE_ALPHABET.length];
    citizenIds.push(randomUUID());
    fiscalCodes.push(`${tag.fiscalCode}${String(k).padStart(10, '0')}`);
    familyNames.push(`Prova ${k}`);
    hashes.push(hash);
    appIds.push(id);
    codes.push(`${tag.code}${String(k).padStart(5, '0')}-${tail}`);
    items.push({ id, cookie: `sportello_session=${token}`, csrf: csrfFor(hash), key: `bench-${randomUUID()}` });
  }
  return { citizenIds, fiscalCodes, familyNames, hashes, appIds, codes, items };
}

/**
 * The statements that give each synthetic citizen a live session and a copy of the template draft, with its
 * attachment and its "created" event: run as the owner (outside row-level security), in one transaction.
 */
export function cloneDraftStatements(templateId: string, rows: ReturnType<typeof syntheticSubmitters>): { text: string; values: unknown[] }[] {
  const { citizenIds, fiscalCodes, familyNames, hashes, appIds, codes } = rows;
  return [
    { text: `INSERT INTO citizens (id, fiscal_code, given_name, family_name, email)
        SELECT id, cf, 'Genitore', fam, lower(cf) || '@example.org' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, cf, fam)`,
      values: [citizenIds, fiscalCodes, familyNames] },
    { text: `INSERT INTO sessions (token_hash, kind, citizen_id, auth_method, auth_level, expires_at)
        SELECT h, 'citizen', cid, 'spid', 'SpidL2', now() + interval '8 hours' FROM unnest($1::text[], $2::uuid[]) AS u(h, cid)`,
      values: [hashes, citizenIds] },
    { text: `INSERT INTO applications (id, tenant_id, code, service_id, service_version, office_id, citizen_id, filer_name, subject_kind,
          subject_ref, subject_fiscal_code, subject_name, status, data, prefilled, current_step, revision, max_days)
        SELECT u.id, a.tenant_id, u.code, a.service_id, a.service_version, a.office_id, u.cid, 'Genitore ' || u.fam, a.subject_kind,
          a.subject_ref, a.subject_fiscal_code, a.subject_name, 'draft', a.data, a.prefilled, a.current_step, a.revision, a.max_days
        FROM applications a, unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[]) AS u(id, code, cid, fam) WHERE a.id = $1`,
      values: [templateId, appIds, codes, citizenIds, familyNames] },
    { text: `INSERT INTO application_attachments (tenant_id, application_id, requirement_id, file_name, content_type, size, sha256, uploaded_by, submitted)
        SELECT t.tenant_id, u.id, t.requirement_id, t.file_name, t.content_type, t.size, t.sha256, 'citizen:' || u.cid, false
        FROM application_attachments t, unnest($2::uuid[], $3::uuid[]) AS u(id, cid) WHERE t.application_id = $1`,
      values: [templateId, appIds, citizenIds] },
    { text: `INSERT INTO application_events (tenant_id, application_id, type, to_status, actor_kind, actor_id, actor_label, details)
        SELECT e.tenant_id, u.id, e.type, e.to_status, e.actor_kind, u.cid::text, 'Genitore ' || u.fam, e.details
        FROM application_events e, unnest($2::uuid[], $3::uuid[], $4::text[]) AS u(id, cid, fam) WHERE e.application_id = $1 AND e.type = 'created'`,
      values: [templateId, appIds, citizenIds, familyNames] },
  ];
}
