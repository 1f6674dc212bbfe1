/**
 * Submissions under a click-day peak (`npm run bench:submit`).
 *
 * On PostgreSQL only (DATABASE_URL, an admin URL; default postgres://postgres@127.0.0.1:5432/test): creates its
 * own database `sportello_bench_submit_<pid>` (dropped at the end; BENCH_KEEP=1 keeps it), migrates it, loads the
 * demo and publishes a copy of the demo's nido enrolment form (issue 11) without its application window. One
 * real parent (Sara Villa, through the bundled SPID test provider, acting for her daughter) fills in a complete
 * draft with one small PDF through the API; the draft, its attachment and its timeline are then cloned for
 * BENCH_DRAFTS (20,000) synthetic citizens, each with a live session, so that the measured step is only
 * `POST /api/v1/applications/{id}/submit` with an Idempotency-Key.
 *
 * The real app (buildApp, role all: web, protocol registrar and receipt issuer) listens on 127.0.0.1 in this
 * process; BENCH_CONCURRENCY (200) keep-alive clients run in a worker thread (bench/submit-worker.mjs) until every
 * draft is submitted, at most BENCH_SECONDS (60) s. In-process rather than a child process: the harness is idle
 * while the clients run (it only awaits the worker), so the server gets the same CPU either way, and in-process it
 * can also report the server-side latency, its event-loop use and the SQL it sends per submission. The load runs
 * in a worker thread, not in the server's event loop, as in bench/catalog.bench.ts.
 *
 * After the run: how long until every submission had its protocol number (drain), that the numbers are 1..N
 * without gaps in submission order, and that nothing is duplicated. Then the database's own single-insert
 * ceiling on the same server: pgbench with one INSERT of a timeline-like row into a scratch table, at
 * BENCH_CONCURRENCY clients (or as many as max_connections leaves free) and at the app's pool size, for
 * BENCH_PGBENCH_SECONDS (15) s each.
 *
 * Prints figures and ratios; never asserts timings. Other knobs: BENCH_POOL (app pool size; default the app's).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { ServiceForm } from '../src/contracts/forms.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { nidoForm } from '../src/server/db/seed/demo/forms/index.ts';
import { VALDORO } from '../src/server/db/seed/demo/services-common.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { as } from '../test/support/auth.ts';
import { createFormService } from '../test/support/forms.ts';
import { findPgbench } from './pgbench.ts';
import {
  admin, byLabel, cloneDraftStatements, cpuBusy, cpuTicks, dbUrl, env, f1, f2, fillTemplateDraft, freePort, installProbe, machine, pgbenchLatencies,
  pgbenchSummary, stats, submitLoad, syntheticSubmitters, table, type SubmitItem,
} from './support.ts';

const run = promisify(execFile);

const DRAFTS = env('BENCH_DRAFTS', 20_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 200);
const SECONDS = env('BENCH_SECONDS', 60);
const PGBENCH_SECONDS = env('BENCH_PGBENCH_SECONDS', 15);
const POOL = env('BENCH_POOL');
const APP_POOL = POOL ?? 10; // openDatabase's default
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = `sportello_bench_submit_${process.pid}`;
const SUBMIT_ROUTE = '/api/v1/applications/:applicationId/submit';

// ---------------------------------------------------------------------------------------------------------------
// pgbench: the database's single-insert ceiling


interface PgbenchResult {
  clients: number;
  tps: number;
  transactions: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
}

async function pgbench(bin: string, url: string, script: string, clients: number, dir: string, tag: string): Promise<PgbenchResult> {
  const file = path.join(dir, `${tag}.sql`);
  await writeFile(file, script);
  const args = ['-n', '-M', 'extended', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(PGBENCH_SECONDS),
    '-l', '--log-prefix', path.join(dir, `${tag}-log`), '-f', file, url];
  const { stdout } = await run(bin, args, { maxBuffer: 16 * 2 ** 20 });
  const s = stats(await pgbenchLatencies(dir, tag));
  return {
    clients,
    ...pgbenchSummary(stdout),
    p50: s.p50, p95: s.p95, p99: s.p99,
  };
}


async function main() {
  const started = performance.now();
  const busyBefore = await cpuBusy();
  const probe = installProbe({ connectWait: true });
  const url = dbUrl(ADMIN_URL, BENCH_DB);
  await admin(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${BENCH_DB}`));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-submit-'));
  const keep = process.env.BENCH_KEEP === '1';
  try {
    console.log(`Sportello submission benchmark on PostgreSQL (${BENCH_DB}); ${DRAFTS} drafts, ${CONCURRENCY} clients (≤ ${SECONDS} s)`);
    const database = await openDatabase({ databaseUrl: url, poolSize: POOL });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    // test mode: the rate limit lets one address send thousands of requests (as the catalogue benchmark); logs off
    const config = {
      ...loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: publicUrl, SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir }),
      host: '127.0.0.1', port,
    };
    const { app, ctx } = await buildApp(config, database, { webDist: false });
    const serverTimes: number[] = [];
    let sink: number[] | null = null;
    app.addHook('onResponse', async (req, reply) => {
      if (sink && req.routeOptions.url === SUBMIT_ROUTE) sink.push(reply.elapsedTime);
    });

    // ---- data: the demo, the nido form, one real draft, cloned
    let t = performance.now();
    await seedDemo(database.db, ctx.services);
    const form: ServiceForm = { ...nidoForm(VALDORO), window: undefined };
    const serviceId = await createFormService(ctx, VALDORO.tenantSlug, { slug: 'bench-iscrizione-nido', form, maxDays: 60 });
    await app.listen({ host: '127.0.0.1', port });

    const { sara, draft, saved, pdf } = await fillTemplateDraft(app, publicUrl, serviceId, form, '----sportello-bench-submit');

    // N citizens with a live session each, and a copy of the draft (with its attachment and timeline) for each
    const items: SubmitItem[] = [];
    await admin(url, async (c) => {
      await c.query('BEGIN');
      const chunk = 5000;
      for (let from = 0; from < DRAFTS; from += chunk) {
        const n = Math.min(chunk, DRAFTS - from);
        const rows = syntheticSubmitters(from, n, { fiscalCode: 'BNCHPR', code: 'VA-B' }, (hash) => ctx.services.identity.csrfFor(hash));
        items.push(...rows.items);
        for (const q of cloneDraftStatements(draft.id, rows)) await c.query(q.text, q.values);
      }
      await c.query('COMMIT');
      await c.query('VACUUM ANALYZE');
    });
    const prepareSeconds = (performance.now() - t) / 1000;
    const pgVersion = await admin(url, async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v);
    const settings = await admin(url, async (c) => (await c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('max_connections', 'synchronous_commit', 'fsync', 'shared_buffers', 'wal_level')`)).rows);

    // warm-up on the template draft's own path (a few GETs), then sessions seen just now, as people filling in forms
    for (let i = 0; i < 20; i++) await app.inject(as(sara, { url: `/api/v1/applications/${draft.id}` }));
    await admin(url, (c) => c.query(`UPDATE sessions SET last_seen_at = now()`));

    // ---- the measured run
    const elu0 = performance.eventLoopUtilization();
    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    const heap0 = process.memoryUsage();
    const cpu0 = await cpuTicks();
    const proc0 = process.cpuUsage();
    sink = serverTimes;
    probe.on = true;
    const result = await submitLoad({ base: publicUrl, concurrency: CONCURRENCY, timeLimitMs: SECONDS * 1000, items });
    const loadEnded = performance.now();
    probe.on = false;
    sink = null;
    const cpu1 = await cpuTicks();
    const proc1 = process.cpuUsage(proc0);
    const elu = performance.eventLoopUtilization(elu0);
    const heap1 = process.memoryUsage();
    eld.disable();

    // ---- drain: every submission numbered
    const pending = () => admin(url, async (c) => Number((await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM applications WHERE service_id = $1 AND status = 'submitted'`, [serviceId])).rows[0]!.n));
    let left = await pending();
    const leftAtEnd = left;
    while (left > 0 && performance.now() - loadEnded < 120_000) {
      await new Promise((r) => setTimeout(r, 20));
      left = await pending();
    }
    const drainMs = performance.now() - loadEnded;

    // ---- checks
    const check = await admin(url, async (c) => {
      const rows = (await c.query<{ id: string; submitted_at: Date; protocol_number: number | null; status: string }>(
        `SELECT id, submitted_at, protocol_number, status FROM applications WHERE service_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id`, [serviceId])).rows;
      const dupEntries = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT application_id FROM protocol_entries GROUP BY application_id HAVING count(*) > 1) d`)).rows[0]!.n);
      const dupSubmitted = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT application_id FROM application_events WHERE type = 'submitted' GROUP BY application_id HAVING count(*) > 1) d`)).rows[0]!.n);
      const entries = (await c.query<{ n: string; min: number; max: number }>(`SELECT count(*) AS n, min(number), max(number) FROM protocol_entries`)).rows[0]!;
      const lastNumber = (await c.query<{ last_number: number }>(`SELECT last_number FROM protocol_registers`)).rows.map((r) => r.last_number);
      const receipts = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM applications WHERE service_id = $1 AND receipt_document_id IS NOT NULL`, [serviceId])).rows[0]!.n);
      return { rows, dupEntries, dupSubmitted, entries: { n: Number(entries.n), min: entries.min, max: entries.max }, lastNumber, receipts };
    });
    const receiptsAtEnd = check.receipts;
    await app.close();
    await database.close();

    const acked = result.status.filter((s) => s === 201).length;
    const replayed = result.status.filter((s) => s === 200).length;
    const failed = result.status.length - acked - replayed;
    const okLatency = result.latencyMs.filter((_, i) => result.status[i] === 201);
    const client = stats(okLatency);
    const server = stats(serverTimes);
    const rate = acked / (result.elapsedMs / 1000);
    // the demo has already registered applications of the same body, so the run's numbers continue the register:
    // gapless means consecutive from the first one, in submission order
    const first = check.rows[0]?.protocol_number ?? 1;
    const gapless = check.rows.every((r, i) => r.protocol_number === first + i);
    const firstBad = check.rows.findIndex((r, i) => r.protocol_number !== first + i);
    // every acknowledgement is what the database holds
    const byId = new Map(check.rows.map((r) => [r.id, r.submitted_at.toISOString()]));
    const ackMismatch = result.index.filter((idx, k) => result.status[k] === 201 && byId.get(items[idx]!.id) !== result.submittedAt[k]).length;
    // throughput over time: submissions acknowledged per second of the run
    const perSecond: number[] = [];
    for (const [k, at] of result.atMs.entries()) if (result.status[k] === 201) perSecond[Math.floor(at / 1000)] = (perSecond[Math.floor(at / 1000)] ?? 0) + 1;

    // ---- the database's ceiling: one INSERT of a timeline-like row, same server, same database
    let benches: PgbenchResult[] = [];
    let pgbenchNote = '';
    const bin = await findPgbench();
    const dir = path.join(os.tmpdir(), 'sportello-bench-submit-pgbench');
    if (!bin) {
      pgbenchNote = 'pgbench not found (apt-get install -y postgresql-client): database ceiling not measured';
    } else {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const { tenant, free } = await admin(url, async (c) => {
        await c.query(`CREATE TABLE bench_submit_scratch (LIKE application_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
        const tenantId = (await c.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [VALDORO.tenantSlug])).rows[0]!.id;
        const r = (await c.query<{ max: number; used: number; reserved: number }>(`SELECT current_setting('max_connections')::int AS max,
          (SELECT count(*) FROM pg_stat_activity)::int AS used, current_setting('superuser_reserved_connections')::int AS reserved`)).rows[0]!;
        return { tenant: tenantId, free: r.max - r.used - r.reserved - 5 };
      });
      const script = `INSERT INTO bench_submit_scratch (tenant_id, application_id, type, from_status, to_status, actor_kind, actor_id, actor_label, details)
  VALUES ('${tenant}', gen_random_uuid(), 'submitted', 'draft', 'submitted', 'citizen', gen_random_uuid()::text, 'Genitore Prova',
  '{"authMethod":"spid","authLevel":"SpidL2","attachments":1}');\n`;
      const many = Math.max(1, Math.min(CONCURRENCY, free));
      if (many < CONCURRENCY) pgbenchNote = `pgbench at ${many} clients, not ${CONCURRENCY}: the server's max_connections leaves only that many free`;
      benches = [await pgbench(bin, url, script, many, dir, 'insert-many')];
      if (APP_POOL !== many) benches.push(await pgbench(bin, url, script, APP_POOL, dir, 'insert-pool'));
    }

    // ---- report
    const mb = (x: number) => f1(x / 1e6);
    console.log('');
    console.log(`machine:   ${await machine({ nproc: true })}; CPU ${f1(busyBefore * 100)}% busy before the bench started (other processes)`);
    console.log(`database:  PostgreSQL ${pgVersion} on the same machine (${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}); app pool ${APP_POOL} connections`);
    console.log(`data:      ${DRAFTS} drafts of the nido form (${Object.keys(form.schema.properties ?? {}).length} steps, ${Buffer.byteLength(JSON.stringify(saved.data))} bytes of answers, 1 PDF of ${pdf.length} bytes) for ${DRAFTS} citizens with a session; prepared in ${f1(prepareSeconds)} s`);
    console.log(`load:      ${result.status.length} submissions in ${f1(result.elapsedMs / 1000)} s, ${CONCURRENCY} keep-alive clients in a worker thread; server and PostgreSQL share the machine's cores with them`);
    console.log('');
    table(
      ['', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      [
        ['app: POST /submit (201), client side', f1(rate), f1(client.p50), f1(client.p95), f1(client.p99), f1(client.max), failed],
        ['app: same, server side (Fastify elapsedTime)', '', f1(server.p50), f1(server.p95), f1(server.p99), f1(server.max), ''],
        ...benches.map((b) => [`pgbench: 1 INSERT per tx, ${b.clients} clients`, f1(b.tps), f2(b.p50), f2(b.p95), f2(b.p99), '', b.failed]),
      ],
    );
    console.log('');
    if (benches.length) {
      const ratio = (b: PgbenchResult) => `${(rate / b.tps).toFixed(4)} (1 : ${f1(b.tps / rate)})`;
      console.log(`ratio:     app submissions/s ÷ pgbench single-insert tx/s = ${ratio(benches[0]!)} at ${benches[0]!.clients} pgbench clients` +
        (benches[1] ? `; ${ratio(benches[1])} against pgbench at the app's pool size (${benches[1].clients})` : ''));
    }
    if (pgbenchNote) console.log(`note:      ${pgbenchNote}`);
    console.log(`answers:   ${acked} × 201, ${replayed} × 200 (replays), ${failed} failed${result.errors.length ? ` (${result.errors.slice(0, 3).join('; ')})` : ''}${result.bodies.length ? `; e.g. ${result.bodies[0]}` : ''}`);
    console.log(`drain:     ${leftAtEnd} submissions still without a protocol number when the last answer arrived; all numbered ${f1(drainMs)} ms after it${left ? ` — NOT DONE, ${left} left after 120 s` : ''}`);
    console.log(`register:  ${check.rows.length} submitted; protocol numbers ${gapless ? `${first}..${first + check.rows.length - 1}, no gap, in submission order` : `NOT gapless/in order from position ${firstBad} (${check.rows[firstBad]?.protocol_number})`};` +
      ` ${check.entries.n} register entries (${check.entries.min}..${check.entries.max}), counter at ${check.lastNumber.join(',')}`);
    console.log(`duplicates: ${check.dupEntries} applications with two register entries, ${check.dupSubmitted} with two "submitted" events; ${ackMismatch} acknowledgements differing from the database; ${acked === check.rows.length ? 'acknowledged = submitted' : `acknowledged ${acked} ≠ submitted ${check.rows.length}`}`);
    console.log(`receipts:  ${receiptsAtEnd} of ${check.rows.length} PDFs issued when the register had drained (the issuer runs in the same process and was stopped there)`);
    const machineBusy = (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total);
    const procCpu = (proc1.user + proc1.system) / 1000 / result.elapsedMs;
    console.log(`CPU:       machine ${f1(machineBusy * 100)}% busy during the run; this process (server + load worker) ${f1(procCpu * 100)}% of one core;` +
      ` server event loop ${f1(elu.utilization * 100)}% busy, delay p50 ${f1(eld.percentile(50) / 1e6)} ms, p99 ${mb(eld.percentile(99))} ms, max ${mb(eld.max)} ms`);
    console.log(`memory:    heap ${f1(heap0.heapUsed / 2 ** 20)} MB before the run, ${f1(heap1.heapUsed / 2 ** 20)} MB after (${f1((heap1.heapUsed - heap0.heapUsed) / 1024 / Math.max(1, result.status.length))} KB per submission); RSS ${f1(heap1.rss / 2 ** 20)} MB`);
    console.log(`acknowledged per second: ${perSecond.map((n) => n ?? 0).join(' ')}`);
    const submissions = Math.max(1, result.status.length);
    const statements = byLabel(probe);
    const totalQueries = [...statements.values()].reduce((a, q) => a + q.n, 0);
    const wait = stats(probe.connectWaitMs);
    console.log('');
    console.log(`SQL sent during the run: ${f1(totalQueries / submissions)} statements per submission (registrar and receipt issuer included); waiting for a pooled connection: p50 ${f1(wait.p50)} ms, p95 ${f1(wait.p95)} ms, p99 ${f1(wait.p99)} ms (${wait.n} checkouts)`);
    table(
      ['statement', 'per submission', 'mean ms'],
      [...statements].sort((a, b) => b[1].n - a[1].n).slice(0, 25).map(([label, q]) => [label, f2(q.n / submissions), f2(q.ms / q.n)]),
    );
    console.log('"mean ms" is from sending a statement on a checked-out connection to its answer being processed, event-loop waits included.');
    if (keep) console.log(`The ${BENCH_DB} database is kept for inspection (BENCH_KEEP=1); drop it when done.`);
    console.log(`total ${f1((performance.now() - started) / 1000)} s`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (!keep) await admin(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`)).catch((e) => console.error(`could not drop ${BENCH_DB}: ${e}`));
  }
}

await main();
