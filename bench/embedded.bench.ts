/**
 * The embedded database (PGlite, the default when DATABASE_URL is unset) under a click-day peak, and a restart on
 * the data it leaves (`npm run bench:embedded`). Issue 11: ≥ 200 submissions/s; ready again in ≤ 3 s.
 *
 * A temporary DATA_DIR is prepared in this process, as bench/submit.bench.ts prepares its PostgreSQL database:
 * migrated, the demo loaded, a copy of the demo's nido enrolment form published without its application window,
 * one real parent (Sara Villa, through the bundled SPID test provider, acting for her daughter) fills in a complete
 * draft with one small PDF, and the draft, its attachment and its timeline are cloned in SQL for BENCH_DRAFTS
 * (4,000) synthetic citizens, each with a live session. Then the database is closed: a PGlite data folder is open
 * in one process at a time.
 *
 * The program itself then serves it, as an operator starts it: `node bin/sportello.js start` as a child process
 * with DATA_DIR on the folder (no DATABASE_URL, so PGlite in DATA_DIR/pg; role all, so the protocol registrar and
 * the receipt issuer run in it as well). BENCH_CONCURRENCY (200) keep-alive clients in a worker thread of this
 * process (bench/submit-worker.mjs, reused as it is) send `POST /api/v1/applications/{id}/submit` with an
 * Idempotency-Key until every draft is sent, at most BENCH_SECONDS (20) s. The server's resident memory is read
 * from /proc (VmRSS sampled, VmHWM = the kernel's peak), so the load generator's memory is not counted in it.
 *
 * Then the program is stopped (SIGTERM) and started again BENCH_RESTARTS (3) times on the data as it is, timing
 * from spawn to the first `GET /ready` answering 200. At the end, in this process again: the checks (protocol
 * numbers gapless in submission order, no duplicates, every acknowledgement as the database holds it), and the
 * database's own write ceiling. There is no pgbench for an embedded database: the ceiling is a raw loop of
 * single-row INSERTs (each its own transaction, autocommit) of a timeline-like row into a scratch table, through
 * PGlite's own client on the same data folder, for BENCH_RAW_SECONDS (5) s; the ratio printed is to that.
 *
 * Today's recommendations run (the daily evaluation of every citizen, a background task) is recorded as done in
 * the prepared folder, as after the night's run: with it left to do, the first start evaluates all the synthetic
 * citizens before it answers a request (PGlite's queries resolve without returning to the event loop, so the
 * batch holds the HTTP server until it ends); BENCH_DAILY_RUN=1 leaves it to the first start, to see that.
 *
 * Prints figures and ratios; never asserts timings. Meant to finish in about two minutes with the defaults.
 * Other knobs: BENCH_CONCURRENCY; BENCH_PROFILE=1 runs the program under `node --cpu-prof` (the one that serves the
 * peak, and the first restart up to /ready) and prints where its time went; BENCH_NODE_OPTIONS is the program's
 * NODE_OPTIONS (say, an --import to try something); BENCH_KEEP=1 keeps the data folder; BENCH_PREPARE_ONLY=1
 * stops once it is prepared (and keeps it), to start the program on it by hand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import type { ServiceForm } from '../src/contracts/forms.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createPGlite, openDatabase } from '../src/server/db/connection.ts';
import { nidoForm } from '../src/server/db/seed/demo/forms/index.ts';
import { VALDORO } from '../src/server/db/seed/demo/services-common.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { ensureWebBuild, webBuildIsStale } from '../src/server/web-build.ts';
import type { TestSession } from '../test/support/auth.ts';
import { createFormService } from '../test/support/forms.ts';
import {
  cloneDraftStatements, cpuBusy, cpuTicks, env, f1, f2, fillTemplateDraft, freePort, machine, stats, submitLoad, syntheticSubmitters, table, type SubmitItem,
} from './support.ts';

const DRAFTS = env('BENCH_DRAFTS', 4_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 200);
const SECONDS = env('BENCH_SECONDS', 20);
const RESTARTS = Math.max(1, env('BENCH_RESTARTS', 3));
const RAW_SECONDS = env('BENCH_RAW_SECONDS', 5);
/** BENCH_PROFILE=1: the program serves the peak under --cpu-prof; the functions with the most self time are printed */
const PROFILE = process.env.BENCH_PROFILE === '1';
/** BENCH_DAILY_RUN=1: today's evaluation of every citizen's recommendations is left to the program's first start */
const DAILY_RUN = process.env.BENCH_DAILY_RUN === '1';
const ROOT = path.resolve(import.meta.dirname, '..');

/** /proc's KiB in MiB. */
const mib = (kb: number) => f1(kb / 1024);
const cookieOf = (s: TestSession) => Object.entries(s.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
const romeYear = (at: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(at));

/** The program's own Prometheus metrics (prom-client's defaults): its event-loop delay since the last scrape. */
async function metricsOf(base: string) {
  const text = await fetch(`${base}/metrics`).then((r) => r.text(), () => '');
  const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p50: value('nodejs_eventloop_lag_p50_seconds'), p99: value('nodejs_eventloop_lag_p99_seconds'), max: value('nodejs_eventloop_lag_max_seconds') };
}

// ---------------------------------------------------------------------------------------------------------------
// The program as a child process, and what /proc says about it

/** VmRSS and VmHWM (the peak resident set the kernel recorded for the process), in KiB; null once it is gone. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** User + system CPU seconds the process has used, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

class Program {
  proc: ChildProcess | null = null;
  output = '';
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(private readonly env: Record<string, string>, readonly base: string) {}

  /** Spawns `node bin/sportello.js start` and returns the milliseconds until GET /ready first answers 200. */
  async start(timeoutMs = 120_000, nodeArgs: string[] = []): Promise<number> {
    const t = performance.now();
    const proc = spawn(process.execPath, [...nodeArgs, 'bin/sportello.js', 'start'], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.output = '';
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    let exitCode: number | null = null;
    this.exited = new Promise((resolve) => proc.once('exit', (code) => {
      exitCode = code ?? -1;
      resolve(code);
    }));
    for (;;) {
      if (exitCode !== null) throw new Error(`the program exited (${exitCode}) before it was ready:\n${this.output.slice(-3000)}`);
      const ok = await fetch(`${this.base}/ready`).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - t;
      if (performance.now() - t > timeoutMs) throw new Error(`the program was not ready within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      // fine-grained: the figure is the time to ready, so the poll must not add much to it
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** SIGTERM, as an operator stops it (the program closes the app and the database); the milliseconds to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    const t = performance.now();
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    await this.exited;
    this.proc = null;
    return performance.now() - t;
  }

  /** The program builds the front end at start when its sources are newer than the build (see web-build.ts). */
  get rebuiltWeb() {
    return this.output.includes('Building the web front end');
  }
}

/**
 * Builds the front end now when it is stale, so that the start timed next does not include a Vite build (only
 * the sources being edited while the bench runs make it stale again; such a start is flagged in the output).
 */
async function freshWebBuild() {
  if (webBuildIsStale()) await ensureWebBuild(() => undefined);
}

/** What a sampled frame belongs to, for a coarse account of where the program's time went. */
function categoryOf(functionName: string, url: string): string {
  if (url.startsWith('wasm://')) return 'PGlite: the PostgreSQL engine (WebAssembly)';
  if (url.includes('@electric-sql/pglite')) return 'PGlite: JavaScript around it (wire protocol, parsing, file system)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 and native code (unattributed)';
  if (!url && /^(fstat|writev|write|read|open|close|fsync|fdatasync|ftruncate|lstat|stat|unlink|rename|readdir|mkdir)$/.test(functionName)) return 'file system calls (PGlite data folder, files)';
  if (/fontkit|pdf-lib|signpdf|pdfkit|node-forge/.test(url)) return 'PDF receipts (rendering, signing)';
  if (/node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|pino|fast-json-stringify|ajv|secure-json-parse)/.test(url)) return 'Fastify, validation, serialisation, logging';
  if (url.includes('node_modules/kysely')) return 'Kysely (query building)';
  if (url.includes(`${ROOT}/src/`) || url.startsWith('src/')) return 'Sportello code (src/)';
  if (/node:internal\/modules|tsx|esbuild/.test(url) || /^(compileSourceTextModule|wrapSafe|compileFunction)$/.test(functionName)) return 'module loading and compiling (start)';
  if (url.startsWith('node:')) return 'Node.js internals (HTTP, streams, timers)';
  return 'other';
}

/** Self time from a V8 .cpuprofile (up to `untilMs` after it started, if given): by category, and the functions with the most of it. */
async function selfTime(file: string, n = 12, untilMs = Infinity) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[]; timeDeltas: number[];
  };
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    const dt = profile.timeDeltas[i] ?? 0;
    if (total + dt > untilMs * 1000) break;
    total += dt;
    const frame = byNode.get(id)!.callFrame;
    const url = frame.url.replace(/^file:\/\//, '');
    const where = url ? `${url.replace(ROOT + '/', '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const category = categoryOf(frame.functionName, url);
    categories.set(category, (categories.get(category) ?? 0) + dt);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, categories: sorted(categories), top: sorted(self).slice(0, n) };
}

async function main() {
  const started = performance.now();
  const busyBefore = await cpuBusy();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-embedded-'));
  const pgDir = path.join(dataDir, 'pg');
  const keep = process.env.BENCH_KEEP === '1';
  let program: Program | null = null;
  try {
    console.log(`Sportello embedded-database benchmark (PGlite in ${dataDir}); ${DRAFTS} drafts, ${CONCURRENCY} clients (≤ ${SECONDS} s), ${RESTARTS} restarts`);
    // the program builds the front end at start when it is missing or stale: done here, so that no timed start waits on it
    if (webBuildIsStale()) console.log('building the web front end first (it is missing or stale)…');
    await freshWebBuild();
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const sessionSecret = randomBytes(32).toString('hex');

    // ---- data, prepared in this process: the demo, the nido form, one real draft, cloned
    let t = performance.now();
    const database = await openDatabase({ pgliteDir: pgDir });
    // test mode, as the program will run: the rate limit lets one address send thousands of requests; logs quiet
    const config = loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: publicUrl, SESSION_SECRET: sessionSecret, DATA_DIR: dataDir });
    const { app, ctx } = await buildApp(config, database, { webDist: false, tasks: false });
    let serviceId = '';
    let tenantId = '';
    let base = 0;
    let form: ServiceForm;
    let answersBytes = 0;
    let pdfBytes = 0;
    let sara: TestSession;
    let templateId = '';
    const items: SubmitItem[] = [];
    try {
      await seedDemo(database.db, ctx.services);
      await app.ready();
      const seeded = (performance.now() - t) / 1000;
      form = { ...nidoForm(VALDORO), window: undefined };
      serviceId = await createFormService(ctx, VALDORO.tenantSlug, { slug: 'bench-iscrizione-nido', form, maxDays: 60 });
      tenantId = (await ctx.services.tenants.get(VALDORO.tenantSlug)).id;
      const year = romeYear(new Date());
      // the demo's history may have numbered this year's register already: the peak's numbers come after it
      base = (await inScope(database.db, { platform: true }, (trx) => trx.selectFrom('protocol_registers').select('last_number')
        .where('tenant_id', '=', tenantId).where('year', '=', year).executeTakeFirst()))?.last_number ?? 0;

      const template = await fillTemplateDraft(app, publicUrl, serviceId, form, '----sportello-bench-embedded');
      const draft = template.draft;
      sara = template.sara;
      templateId = draft.id;
      pdfBytes = template.pdf.length;
      answersBytes = Buffer.byteLength(JSON.stringify(template.saved.data));

      // N citizens with a live session each, and a copy of the draft (with its attachment and timeline) for each.
      // As the owner (outside row-level security), as bench/submit.bench.ts does through its admin connection;
      // PGlite is one session, so the role is switched back before the transaction ends.
      await database.db.transaction().execute(async (trx) => {
        await sql`RESET ROLE`.execute(trx);
        const chunk = 2500;
        for (let from = 0; from < DRAFTS; from += chunk) {
          const n = Math.min(chunk, DRAFTS - from);
          const rows = syntheticSubmitters(from, n, { fiscalCode: 'BNCHEM', code: 'VA-E' }, (hash) => ctx.services.identity.csrfFor(hash));
          items.push(...rows.items);
          for (const q of cloneDraftStatements(draft.id, rows)) await trx.executeQuery(CompiledQuery.raw(q.text, q.values));
        }
        // Today's recommendations run (every citizen evaluated once a day, by a background task) recorded as done,
        // as it would be on a click-day morning after the night's run: otherwise the first start evaluates every
        // synthetic citizen before it answers anything (BENCH_DAILY_RUN=1 leaves it to the first start, to see it)
        if (!DAILY_RUN) {
          await sql`INSERT INTO recommendation_runs (day, evaluated, finished_at) VALUES (${clock.today()}, 0, now())
            ON CONFLICT (day) DO UPDATE SET finished_at = now()`.execute(trx);
        }
        await sql`SET ROLE sportello_app`.execute(trx);
      });
      await sql`RESET ROLE`.execute(database.db);
      await sql`VACUUM ANALYZE`.execute(database.db);
      await sql`SET ROLE sportello_app`.execute(database.db);
      console.log(`prepared:  demo loaded in ${f1(seeded)} s; ${DRAFTS} drafts cloned; ${f1((performance.now() - t) / 1000)} s in all`);
    } finally {
      await app.close();
      await database.close();
    }
    const prepareSeconds = (performance.now() - t) / 1000;
    if (process.env.BENCH_PREPARE_ONLY === '1') {
      console.log(`BENCH_PREPARE_ONLY=1: the prepared folder is ${dataDir} (kept); start it with DATA_DIR=${dataDir} SESSION_SECRET=${sessionSecret} SPORTELLO_MODE=test node bin/sportello.js start`);
      return;
    }

    // ---- the program, started on the prepared folder
    program = new Program({
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), TMPDIR: os.tmpdir(),
      SPORTELLO_MODE: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: publicUrl,
      DATA_DIR: dataDir, SESSION_SECRET: sessionSecret,
      // BENCH_NODE_OPTIONS: extra Node options for the program (say, --max-old-space-size, or an --import to try something)
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    }, publicUrl);
    const profileDir = path.join(dataDir, 'profile');
    await freshWebBuild();
    const firstStartMs = await program.start(120_000, PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
    const firstRebuilt = program.rebuiltWeb;
    const firstCpu = await cpuSecondsOf(program.proc!.pid!);
    const pid = program.proc!.pid!;
    const readyMemory = await memoryOf(pid);
    // warm-up on the template draft's own path, as people filling in forms would have done
    for (let i = 0; i < 20; i++) {
      await fetch(`${publicUrl}/api/v1/applications/${templateId}`, { headers: { cookie: cookieOf(sara!), accept: 'application/json' } }).then((r) => r.arrayBuffer());
    }

    // ---- the measured run, with the server's memory sampled every 100 ms
    const samples: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const m = await memoryOf(pid);
        if (m) samples.push(m.rss);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await metricsOf(publicUrl); // prom-client resets its event-loop delay histogram on every scrape
    const cpu0 = await cpuTicks();
    const child0 = await cpuSecondsOf(pid);
    const result = await submitLoad({ base: publicUrl, concurrency: CONCURRENCY, timeLimitMs: SECONDS * 1000, items });
    const loadEnded = performance.now();
    const cpu1 = await cpuTicks();
    const child1 = await cpuSecondsOf(pid);
    const afterLoad = await memoryOf(pid);

    // ---- drain: numbers are given in submission order, so the last acknowledged one registered means all are
    const acked = result.status.map((s, k) => ({ s, k })).filter((x) => x.s === 201);
    const last = acked.reduce<{ k: number; at: string } | null>((m, x) => (!m || result.submittedAt[x.k]! > m.at ? { k: x.k, at: result.submittedAt[x.k]! } : m), null);
    let drainMs = NaN;
    if (last) {
      const item = items[result.index[last.k]!]!;
      for (;;) {
        const r = await fetch(`${publicUrl}/api/v1/applications/${item.id}`, { headers: { cookie: item.cookie, accept: 'application/json' } });
        const body = (await r.json().catch(() => ({}))) as { status?: string };
        if (body.status && body.status !== 'submitted') break;
        if (performance.now() - loadEnded > 120_000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      drainMs = performance.now() - loadEnded;
    }
    sampling = false;
    await sampler;
    const loop = await metricsOf(publicUrl);
    const beforeStop = await memoryOf(pid);
    const firstStopMs = await program.stop();

    // ---- restarts on the data the peak left
    const restarts: { readyMs: number; cpuS: number; rssKb: number; stopMs: number; rebuilt: boolean; profiled: boolean }[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await freshWebBuild();
      // with BENCH_PROFILE=1 the first restart is profiled too (until it has stopped): where a start's time goes
      const readyMs = await program.start(120_000, PROFILE && i === 0 ? ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, 'restart')] : []);
      const m = await memoryOf(program.proc!.pid!);
      const cpuS = await cpuSecondsOf(program.proc!.pid!);
      const rebuilt = program.rebuiltWeb;
      const stopMs = await program.stop();
      restarts.push({ readyMs, cpuS, rssKb: m?.rss ?? NaN, stopMs, rebuilt, profiled: PROFILE && i === 0 });
    }
    const profile = PROFILE ? await readdir(profileDir).then((f) => f.find((x) => x.endsWith('.cpuprofile')), () => undefined) : undefined;
    const hot = profile ? await selfTime(path.join(profileDir, profile)) : null;
    const restartProfile = PROFILE ? await readdir(path.join(profileDir, 'restart')).then((f) => f.find((x) => x.endsWith('.cpuprofile')), () => undefined) : undefined;
    // up to the moment /ready answered (the profile starts with the process, a few milliseconds after the spawn)
    const restartHot = restartProfile ? await selfTime(path.join(profileDir, 'restart', restartProfile), 12, restarts[0]!.readyMs) : null;
    program = null;

    // ---- checks, and the raw INSERT loop, in this process on the same folder (as the owner: PGlite's own client)
    t = performance.now();
    const pglite = await createPGlite({ pgliteDir: pgDir });
    let check: {
      rows: { id: string; submitted_at: Date; protocol_number: number | null; status: string }[];
      entries: { number: number; application_id: string }[]; dupEntries: number; dupSubmitted: number; lastNumber: number[]; receipts: number; dbBytes: number;
    };
    const raw: number[] = [];
    let rawElapsed = 0;
    try {
      const q = async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows;
      check = {
        rows: await q(`SELECT id, submitted_at, protocol_number, status FROM applications WHERE service_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id`, [serviceId]),
        entries: await q(`SELECT number, application_id FROM protocol_entries WHERE tenant_id = $1 AND year = $2 AND number > $3 ORDER BY number`, [tenantId, romeYear(new Date()), base]),
        dupEntries: Number((await q<{ n: string }>(`SELECT count(*) AS n FROM (SELECT application_id FROM protocol_entries GROUP BY application_id HAVING count(*) > 1) d`))[0]!.n),
        dupSubmitted: Number((await q<{ n: string }>(`SELECT count(*) AS n FROM (SELECT application_id FROM application_events WHERE type = 'submitted' GROUP BY application_id HAVING count(*) > 1) d`))[0]!.n),
        lastNumber: (await q<{ last_number: number }>(`SELECT last_number FROM protocol_registers WHERE tenant_id = $1 AND year = $2`, [tenantId, romeYear(new Date())])).map((r) => r.last_number),
        receipts: Number((await q<{ n: string }>(`SELECT count(*) AS n FROM applications WHERE service_id = $1 AND receipt_document_id IS NOT NULL`, [serviceId]))[0]!.n),
        dbBytes: Number((await q<{ n: string }>(`SELECT pg_database_size(current_database()) AS n`))[0]!.n),
      };
      // the embedded database's own write ceiling: one INSERT of a timeline-like row per transaction, back to back
      await pglite.exec(`CREATE TABLE bench_embedded_scratch (LIKE application_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
      const insert = `INSERT INTO bench_embedded_scratch (tenant_id, application_id, type, from_status, to_status, actor_kind, actor_id, actor_label, details)
        VALUES ($1, gen_random_uuid(), 'submitted', 'draft', 'submitted', 'citizen', gen_random_uuid()::text, 'Genitore Prova', $2)`;
      const details = '{"authMethod":"spid","authLevel":"SpidL2","attachments":1}';
      for (let i = 0; i < 200; i++) await pglite.query(insert, [tenantId, details]); // warm-up
      const r0 = performance.now();
      while (performance.now() - r0 < RAW_SECONDS * 1000) {
        const s = performance.now();
        await pglite.query(insert, [tenantId, details]);
        raw.push(performance.now() - s);
      }
      rawElapsed = performance.now() - r0;
      await pglite.exec(`DROP TABLE bench_embedded_scratch`);
    } finally {
      await pglite.close();
    }
    const checkSeconds = (performance.now() - t) / 1000;

    // ---- figures
    const ok = result.status.filter((s) => s === 201).length;
    const replayed = result.status.filter((s) => s === 200).length;
    const failed = result.status.length - ok - replayed;
    const client = stats(result.latencyMs.filter((_, i) => result.status[i] === 201));
    const rate = ok / (result.elapsedMs / 1000);
    const rawStats = stats(raw);
    const rawRate = raw.length / (rawElapsed / 1000);
    const gapless = check.rows.every((r, i) => r.protocol_number === base + i + 1);
    const firstBad = check.rows.findIndex((r, i) => r.protocol_number !== base + i + 1);
    const entriesOk = check.entries.length === check.rows.length && check.entries.every((e, i) => e.number === base + i + 1 && e.application_id === check.rows[i]!.id);
    const byId = new Map(check.rows.map((r) => [r.id, r.submitted_at.toISOString()]));
    const ackMismatch = result.index.filter((idx, k) => result.status[k] === 201 && byId.get(items[idx]!.id) !== result.submittedAt[k]).length;
    const perSecond: number[] = [];
    for (const [k, at] of result.atMs.entries()) if (result.status[k] === 201) perSecond[Math.floor(at / 1000)] = (perSecond[Math.floor(at / 1000)] ?? 0) + 1;
    const machineBusy = (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total);
    const serverCpu = (child1 - child0) / (result.elapsedMs / 1000);
    const peakKb = Math.max(beforeStop?.hwm ?? NaN, afterLoad?.hwm ?? NaN);
    const sampled = stats(samples);
    const comparable = restarts.filter((r) => !r.rebuilt && !r.profiled);
    const ready = stats(comparable.map((r) => r.readyMs));
    const readyCpu = stats(comparable.map((r) => r.cpuS));

    console.log('');
    console.log(`machine:   ${await machine({ nproc: true })}; CPU ${f1(busyBefore * 100)}% busy before the bench started (other processes)`);
    console.log(`database:  PGlite (embedded, WebAssembly PostgreSQL, one session) in the program's process, data folder on ${os.tmpdir()}; ${f1(check.dbBytes / 2 ** 20)} MB at the end`);
    console.log(`data:      ${DRAFTS} drafts of the nido form (${Object.keys(form!.schema.properties ?? {}).length} steps, ${answersBytes} bytes of answers, 1 PDF of ${pdfBytes} bytes) for ${DRAFTS} citizens with a session, after the demo; prepared in ${f1(prepareSeconds)} s`);
    console.log(`program:   node bin/sportello.js start (role all: web, protocol registrar, receipt issuer), SPORTELLO_MODE=test, DATA_DIR=${dataDir}`);
    console.log(`load:      ${result.status.length} submissions in ${f1(result.elapsedMs / 1000)} s, ${CONCURRENCY} keep-alive clients in a worker thread of the bench process; the program and the clients share the machine's cores`);
    console.log('');
    table(
      ['', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      [
        ['app: POST /submit (201), client side', f1(rate), f1(client.p50), f1(client.p95), f1(client.p99), f1(client.max), failed],
        ['raw PGlite: 1 INSERT per tx, 1 client, in-process', f1(rawRate), f2(rawStats.p50), f2(rawStats.p95), f2(rawStats.p99), f2(rawStats.max), 0],
      ],
    );
    console.log('');
    console.log(`ratio:     app submissions/s ÷ raw PGlite single-row INSERT tx/s = ${(rate / rawRate).toFixed(4)} (1 : ${f1(rawRate / rate)}); ` +
      'no pgbench for an embedded database: the ceiling is a loop of single-row INSERTs (autocommit) through PGlite\'s own client on the same data folder, in this run');
    console.log(`target:    ≥ 200 submissions/s: ${rate >= 200 ? 'met' : 'NOT met'} (${f1(rate)})`);
    console.log(`answers:   ${ok} × 201, ${replayed} × 200 (replays), ${failed} failed${result.errors.length ? ` (${result.errors.slice(0, 3).join('; ')})` : ''}${result.bodies.length ? `; e.g. ${result.bodies[0]}` : ''}`);
    console.log(`drain:     the last submission had its protocol number ${f1(drainMs)} ms after the last answer arrived`);
    console.log(`register:  ${check.rows.length} submitted; protocol numbers ${gapless ? `${base + 1}..${base + check.rows.length} (after the demo's ${base}), no gap, in submission order` : `NOT gapless/in order from position ${firstBad} (${check.rows[firstBad]?.protocol_number})`};` +
      ` register entries ${entriesOk ? 'one per submission, the same numbers' : `DIFFER (${check.entries.length} entries)`}, counter at ${check.lastNumber.join(',')}`);
    console.log(`duplicates: ${check.dupEntries} applications with two register entries, ${check.dupSubmitted} with two "submitted" events; ${ackMismatch} acknowledgements differing from the database; ${ok === check.rows.length ? 'acknowledged = submitted' : `acknowledged ${ok} ≠ submitted ${check.rows.length}`}`);
    console.log(`receipts:  ${check.receipts} of ${check.rows.length} PDFs issued by the end of the last restart (the issuer renders them after the peak, in the background)`);
    console.log(`CPU:       machine ${f1(machineBusy * 100)}% busy during the run; the program ${f1(serverCpu * 100)}% of one core (server, database and background work share its one JavaScript thread),` +
      ` ${f1(((child1 - child0) * 1000) / Math.max(1, ok))} ms of its CPU per acknowledged submission (background work done meanwhile included)`);
    console.log(`event loop: the program's, during the run and the drain (its /metrics): delay p50 ${f1(loop.p50)} ms, p99 ${f1(loop.p99)} ms, max ${f1(loop.max)} ms`);
    console.log(`memory:    the program's resident set: ${mib(readyMemory?.rss ?? NaN)} MiB when first ready; during the run p50 ${mib(sampled.p50)}, max sampled ${mib(sampled.max)} MiB;` +
      ` peak (VmHWM) ${mib(peakKb)} MiB; ${mib(beforeStop?.rss ?? NaN)} MiB when stopped; ${peakKb / 1024 <= 300 ? 'under' : 'OVER'} 300 MiB`);
    console.log(`acknowledged per second: ${perSecond.map((n) => n ?? 0).join(' ')}`);
    console.log('');
    console.log(`restart with the peak's data (the demo and the bench's ${DRAFTS} applications, ${f1(check.dbBytes / 2 ** 20)} MB), spawn → GET /ready 200:`);
    table(
      ['start', 'ready ms', 'CPU s to ready', 'RSS at ready MiB', 'stop (SIGTERM → exit) ms'],
      [
        [`first start after preparation${DAILY_RUN ? " (with today's recommendations run to do)" : ''}${firstRebuilt ? ' (rebuilt the web: sources changed)' : ''}${PROFILE ? ' (under --cpu-prof)' : ''}`, f1(firstStartMs), f2(firstCpu), mib(readyMemory?.rss ?? NaN), f1(firstStopMs)],
        ...restarts.map((r, i) => [`restart ${i + 1}${r.rebuilt ? ' (rebuilt the web: sources changed; left out)' : ''}${r.profiled ? ' (under --cpu-prof; left out)' : ''}`, f1(r.readyMs), f2(r.cpuS), mib(r.rssKb), f1(r.stopMs)]),
      ],
    );
    console.log(`restart:   median ${f1(ready.p50)} ms, best ${f1(ready.min)} ms, worst ${f1(ready.max)} ms over ${comparable.length}; target ≤ 3 s: ${ready.p50 <= 3000 ? 'met' : 'NOT met'}` +
      ' (includes Node and tsx starting, opening PGlite on the folder, the migrations check, building the app)');
    console.log(`           CPU to get there: ${f2(readyCpu.p50)} s (median; all the process's threads: main, tsx's module loader, the garbage collector's).` +
      ' The stop waits for the receipt issuer to finish the batch it is rendering (up to 50 PDFs)');
    if (hot) {
      console.log('');
      console.log(`where the program's time went (--cpu-prof over its whole life, load included: ${f1(hot.total / 1e6)} s sampled), by self time:`);
      table(['category', 'self s', '%'], hot.categories.map(([k, us]) => [k, f2(us / 1e6), f1((us / hot.total) * 100)]));
      console.log('');
      table(['function', 'self s', '%'], hot.top.map(([k, us]) => [k.slice(0, 110), f2(us / 1e6), f1((us / hot.total) * 100)]));
    }
    if (restartHot) {
      console.log('');
      console.log(`where restart 1's time went (--cpu-prof from the process's start to /ready answering: ${f1(restartHot.total / 1e6)} s sampled), by self time:`);
      table(['category', 'self s', '%'], restartHot.categories.map(([k, us]) => [k, f2(us / 1e6), f1((us / restartHot.total) * 100)]));
      console.log('');
      table(['function', 'self s', '%'], restartHot.top.map(([k, us]) => [k.slice(0, 110), f2(us / 1e6), f1((us / restartHot.total) * 100)]));
    }
    console.log(`checks and raw loop took ${f1(checkSeconds)} s; total ${f1((performance.now() - started) / 1000)} s`);
    if (keep) console.log(`The data folder ${dataDir} is kept for inspection (BENCH_KEEP=1); remove it when done.`);
  } finally {
    if (program) await program.stop('SIGKILL').catch(() => undefined);
    if (!keep && process.env.BENCH_PREPARE_ONLY !== '1') await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
