/**
 * Reading large registers (`npm run bench:registers`): "Le mie pratiche" of a citizen with 50 applications and an
 * office's open queue, in a database of 1,000,000 applications across 300 bodies (issue 11).
 *
 * On PostgreSQL only (DATABASE_URL, an admin URL; default postgres://postgres@127.0.0.1:5432/test): creates its
 * own database `sportello_bench_registers_<pid>`, migrates it and seeds it with `seedScale(BENCH_SCALE)` (default
 * 1: 1,000,000 applications, a few minutes), then VACUUM ANALYZE; the database is dropped at the end unless
 * BENCH_KEEP=1. BENCH_DB_URL=postgres://…/name uses that database instead (seeding it only if it holds no scale
 * seed yet, never dropping it): the way to rerun without the long seed.
 *
 * The real app (buildApp, background tasks off: a read benchmark measures reads) listens on 127.0.0.1 in this
 * process; keep-alive clients in a worker thread (bench/registers-worker.mjs) send, for BENCH_SECONDS (30) s each
 * after BENCH_WARMUP_SECONDS (3) s of warm-up:
 *   (a) "Le mie pratiche": GET /api/v1/applications (first page, 20 items) as the bench citizen, with
 *       BENCH_CONCURRENCY (50) clients — target ≥ 3,000 req/s, p99 ≤ 50 ms;
 *   (b) the operator queue: GET /api/v1/applications?queue=open (the back office's default queue: open
 *       applications of the operator's offices, sorted by due date; first page, 25 items) as the operator of the
 *       office with 100,000 open applications, with BENCH_QUEUE_CONCURRENCY (10) clients — target p95 ≤ 50 ms.
 * For each: requests/s, latency percentiles (client side and server side), errors, the process's peak RSS (server
 * and load worker together: they share the process), the SQL sent per request, the plan of the main query
 * (EXPLAIN ANALYZE with the scope the app sets), and the database's select-only ceiling: `pgbench -S` on a scratch
 * database initialised once (`pgbench -i`, scale 1) at the same concurrency for BENCH_PGBENCH_SECONDS (15) s, with
 * the ratio app / pgbench.
 *
 * Prints figures; never asserts timings. Other knobs: BENCH_POOL (app pool size; default the app's 10).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { APP_ROLE, openDatabase } from '../src/server/db/connection.ts';
import { BENCH_CITIZEN, BENCH_OPERATOR, BIG_OFFICE, scaleFixtures, seedScale } from '../src/server/db/seed/scale.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { as, operatorLogin } from '../test/support/auth.ts';
import { findPgbench } from './pgbench.ts';
import {
  admin, byLabel, cpuBusy, cpuTicks, dbUrl, env, f1, f2, freePort, inWorker, installProbe, machine, pgbenchLatencies, pgbenchSummary, stats, table,
} from './support.ts';

const run = promisify(execFile);

const SCALE = env('BENCH_SCALE', 1);
const SECONDS = env('BENCH_SECONDS', 30);
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 3);
const CITIZEN_CONCURRENCY = env('BENCH_CONCURRENCY', 50);
const QUEUE_CONCURRENCY = env('BENCH_QUEUE_CONCURRENCY', 10);
const PGBENCH_SECONDS = env('BENCH_PGBENCH_SECONDS', 15);
const POOL = env('BENCH_POOL');
const APP_POOL = POOL ?? 10; // openDatabase's default
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REUSE_URL = process.env.BENCH_DB_URL || '';
const KEEP = process.env.BENCH_KEEP === '1';
const BENCH_DB = `sportello_bench_registers_${process.pid}`;
const PGBENCH_DB = `sportello_bench_registers_pgbench_${process.pid}`;

const mib = (bytes: number) => f1(bytes / 2 ** 20);

// ---------------------------------------------------------------------------------------------------------------
// Database

/** The plan of the app's statement under the scope the app sets (as the application role, row-level security on). */
async function explain(url: string, scope: { platform: boolean; citizenId: string }, statement: { text: string; values: unknown[] }): Promise<string[]> {
  return admin(url, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await c.query(`SELECT set_config('sportello.tenant_id', '', true), set_config('sportello.citizen_id', $1, true),
        set_config('sportello.platform', $2, true), set_config('sportello.subject_codes', '', true)`, [scope.citizenId, scope.platform ? 'on' : 'off']);
      const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
      return r.rows.map((x) => x['QUERY PLAN']);
    } finally {
      await c.query('ROLLBACK');
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// pgbench: the select-only ceiling of the same server

interface PgbenchResult {
  clients: number;
  tps: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
}

async function pgbenchSelectOnly(bin: string, url: string, clients: number, dir: string): Promise<PgbenchResult> {
  const tag = `select-only-${clients}`;
  const args = ['-n', '-S', '-M', 'extended', '-c', String(clients), '-j', '2', '-T', String(PGBENCH_SECONDS), '-l', '--log-prefix', path.join(dir, `${tag}-log`), url];
  const { stdout } = await run(bin, args, { maxBuffer: 16 * 2 ** 20 });
  const s = stats(await pgbenchLatencies(dir, tag));
  const { tps, failed } = pgbenchSummary(stdout);
  return { clients, tps, failed, p50: s.p50, p95: s.p95, p99: s.p99 };
}

// ---------------------------------------------------------------------------------------------------------------
// Load, from a worker thread

interface LoadResult {
  latencyMs: number[];
  status: number[];
  elapsedMs: number;
  errors: string[];
  bytes: number;
  sample: string;
  failedSample: string;
}

function load(job: { base: string; path: string; cookie: string; concurrency: number; durationMs: number }): Promise<LoadResult> {
  return inWorker(new URL('./registers-worker.mjs', import.meta.url), job);
}

interface Scenario {
  label: string;
  path: string;
  route: string;
  cookie: string;
  concurrency: number;
  scope: { platform: boolean; citizenId: string };
  target: string;
  met: (r: { rps: number; p95: number; p99: number }) => boolean;
}

interface Measured {
  scenario: Scenario;
  result: LoadResult;
  rps: number;
  client: ReturnType<typeof stats>;
  server: ReturnType<typeof stats>;
  errors: number;
  rssPeak: number;
  rssBefore: number;
  heapPeak: number;
  elu: number;
  cpuProcess: number;
  cpuMachine: number;
  statements: Map<string, { n: number; ms: number }>;
  plan: string[];
  alone: ReturnType<typeof stats>;
}

async function main() {
  const started = performance.now();
  const busyBefore = await cpuBusy();
  // the first statement reading applications, with its parameters, to EXPLAIN it afterwards
  const probe = installProbe({ main: /^select .* from "applications" as "a"/is });
  const url = REUSE_URL || dbUrl(ADMIN_URL, BENCH_DB);
  if (!REUSE_URL) await admin(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${BENCH_DB}`));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-registers-'));
  let pgbenchCreated = false;
  try {
    console.log(`Sportello register benchmark on PostgreSQL (${new URL(url).pathname.slice(1)}); scale ${SCALE}, ${SECONDS} s per scenario`);
    const database = await openDatabase({ databaseUrl: url, poolSize: POOL });

    // ---- data: the scale seed, unless the database already holds one
    let seedSeconds: number | null = null;
    let vacuumSeconds: number | null = null;
    let fixtures = await scaleFixtures(database.db);
    if (!fixtures) {
      let t = performance.now();
      await seedScale(database, SCALE, { ownerUrl: url, log: (line) => console.log(line) });
      seedSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      await admin(url, (c) => c.query('VACUUM ANALYZE'));
      vacuumSeconds = (performance.now() - t) / 1000;
      console.log(`seed ${f1(seedSeconds)} s, then VACUUM ANALYZE ${f1(vacuumSeconds)} s`);
      fixtures = await scaleFixtures(database.db);
    } else {
      // a migration applied since the seed (an index) has no statistics yet
      const t = performance.now();
      await admin(url, (c) => c.query('ANALYZE applications'));
      console.log(`reusing the scale seed already in ${new URL(url).pathname.slice(1)} (BENCH_DB_URL); ANALYZE applications ${f1((performance.now() - t) / 1000)} s`);
    }
    if (!fixtures?.operatorId) throw new Error('the scale seed is incomplete: no bench citizen, big office or operator');
    const fx = fixtures;
    const data = await admin(url, async (c) => (await c.query<Record<string, string>>(`SELECT
        (SELECT count(*) FROM applications) AS applications,
        (SELECT count(DISTINCT tenant_id) FROM applications) AS bodies,
        (SELECT count(*) FROM services) AS services,
        (SELECT count(*) FROM citizens) AS citizens,
        (SELECT count(*) FROM applications WHERE citizen_id = $1) AS bench_citizen,
        (SELECT count(*) FROM applications WHERE office_id = $2 AND status IN ('submitted', 'registered', 'in_progress', 'awaiting_citizen')) AS big_open,
        (SELECT count(*) FROM applications WHERE status IN ('submitted', 'registered', 'in_progress', 'awaiting_citizen')) AS all_open,
        pg_size_pretty(pg_total_relation_size('applications')) AS applications_size,
        pg_size_pretty(pg_database_size(current_database())) AS database_size,
        current_setting('server_version') AS version,
        current_setting('shared_buffers') AS shared_buffers,
        current_setting('max_connections') AS max_connections`, [fx.citizenId, fx.officeId])).rows[0]!);

    // ---- the app
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    // test mode: the rate limit lets one address send thousands of requests (as the other benchmarks); logs off
    const config = {
      ...loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: publicUrl, SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir }),
      host: '127.0.0.1', port,
    };
    const { app } = await buildApp(config, database, { webDist: false, tasks: false });
    const serverTimes: number[] = [];
    let sink: number[] | null = null;
    app.addHook('onResponse', async (req, reply) => {
      if (sink && req.routeOptions.url === '/api/v1/applications') sink.push(reply.elapsedTime);
    });
    await app.listen({ host: '127.0.0.1', port });

    // sessions: the citizen's as the sign-in makes it (there is no test-provider identity for them); the operator
    // signs in with the password through the real route
    const token = randomBytes(32).toString('base64url');
    await inScope(database.db, { platform: true }, (trx) => trx.insertInto('sessions').values({
      token_hash: createHash('sha256').update(token).digest('hex'), kind: 'citizen', citizen_id: fx.citizenId,
      auth_method: 'spid', auth_level: 'SpidL2', expires_at: new Date(Date.now() + 8 * 3_600_000),
    }).execute());
    const operator = await operatorLogin(app, BENCH_OPERATOR.email, BENCH_OPERATOR.password);
    const cookieOf = (cookies: Record<string, string>) => Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');

    const scenarios: Scenario[] = [
      {
        label: `"Le mie pratiche" (${BENCH_CITIZEN.givenName} ${BENCH_CITIZEN.familyName}, ${data.bench_citizen} applications), first page`,
        path: '/api/v1/applications', route: 'GET /api/v1/applications', cookie: `sportello_session=${token}`, concurrency: CITIZEN_CONCURRENCY,
        scope: { platform: false, citizenId: fx.citizenId }, target: '≥ 3,000 req/s and p99 ≤ 50 ms',
        met: (r) => r.rps >= 3000 && r.p99 <= 50,
      },
      {
        label: `operator queue (${BIG_OFFICE.officeCode} of ${BIG_OFFICE.tenantSlug}, ${data.big_open} open), queue=open by due date, first page`,
        path: '/api/v1/applications?queue=open', route: 'GET /api/v1/applications?queue=open', cookie: cookieOf(operator.cookies), concurrency: QUEUE_CONCURRENCY,
        scope: { platform: true, citizenId: '' }, target: 'p95 ≤ 50 ms',
        met: (r) => r.p95 <= 50,
      },
    ];

    // one request each through inject, to be sure of what is measured
    const checks: string[] = [];
    for (const s of scenarios) {
      const session = s.scope.platform ? operator : { cookies: { sportello_session: token }, headers: {} };
      const t = performance.now();
      const r = await app.inject(as(session, { url: s.path }));
      const body = r.json() as { items?: unknown[] };
      if (r.statusCode !== 200 || !body.items?.length) throw new Error(`${s.route} answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
      checks.push(`${s.route}: ${r.statusCode}, ${body.items.length} items, ${r.body.length} bytes, ${f1(performance.now() - t)} ms cold`);
    }

    // ---- the runs
    const measured: Measured[] = [];
    for (const s of scenarios) {
      console.log(`running ${s.route} with ${s.concurrency} clients: ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured…`);
      await load({ base: publicUrl, path: s.path, cookie: s.cookie, concurrency: s.concurrency, durationMs: WARMUP_SECONDS * 1000 });
      // one request at a time (through inject, no network, no queueing): what a request costs on its own
      const session = s.scope.platform ? operator : { cookies: { sportello_session: token }, headers: {} };
      const aloneMs: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await app.inject(as(session, { url: s.path }));
        aloneMs.push(performance.now() - t);
      }
      serverTimes.length = 0;
      probe.queries.clear();
      probe.main = null;
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      let heapPeak = process.memoryUsage().heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        rssPeak = Math.max(rssPeak, m.rss);
        heapPeak = Math.max(heapPeak, m.heapUsed);
      }, 100);
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = await cpuTicks();
      const proc0 = process.cpuUsage();
      sink = serverTimes;
      probe.on = true;
      const result = await load({ base: publicUrl, path: s.path, cookie: s.cookie, concurrency: s.concurrency, durationMs: SECONDS * 1000 });
      probe.on = false;
      sink = null;
      clearInterval(sampler);
      const proc1 = process.cpuUsage(proc0);
      const cpu1 = await cpuTicks();
      const elu = performance.eventLoopUtilization(elu0);
      const ok = result.latencyMs.filter((_, i) => result.status[i] === 200);
      const plan = probe.main ? await explain(url, s.scope, probe.main).catch((e: unknown) => [`EXPLAIN failed: ${e}`]) : ['(no statement on applications captured)'];
      measured.push({
        scenario: s, result, rps: ok.length / (result.elapsedMs / 1000), client: stats(ok), server: stats(serverTimes),
        errors: result.status.filter((x) => x !== 200).length, rssPeak, rssBefore, heapPeak, elu: elu.utilization,
        cpuProcess: (proc1.user + proc1.system) / 1000 / result.elapsedMs, cpuMachine: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
        statements: byLabel(probe), plan, alone: stats(aloneMs),
      });
    }
    await app.close();
    await database.close();

    // ---- the database's select-only ceiling, same server, at each scenario's concurrency
    const bin = await findPgbench();
    const ceilings = new Map<number, PgbenchResult>();
    let pgbenchNote = '';
    if (!bin) {
      pgbenchNote = 'pgbench not found (apt-get install -y postgresql-client): database ceiling not measured';
    } else {
      const pgUrl = dbUrl(ADMIN_URL, PGBENCH_DB);
      await admin(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${PGBENCH_DB}`));
      pgbenchCreated = true;
      await run(bin, ['-i', '-q', pgUrl], { maxBuffer: 16 * 2 ** 20 });
      const dir = path.join(os.tmpdir(), 'sportello-bench-registers-pgbench');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      for (const c of new Set(scenarios.map((s) => s.concurrency))) {
        console.log(`pgbench -S -c ${c} -j 2 -T ${PGBENCH_SECONDS}…`);
        ceilings.set(c, await pgbenchSelectOnly(bin, pgUrl, c, dir));
      }
    }

    // ---- report
    console.log('');
    console.log(`machine:   ${await machine({ nproc: true })}; CPU ${f1(busyBefore * 100)}% busy before the bench started (other processes)`);
    console.log(`database:  PostgreSQL ${data.version} on the same machine (shared_buffers=${data.shared_buffers}, max_connections=${data.max_connections}); app pool ${APP_POOL} connections`);
    console.log(`data:      ${data.applications} applications (${data.all_open} open) across ${data.bodies} bodies, ${data.services} services, ${data.citizens} citizens;` +
      ` applications table ${data.applications_size} with indexes, database ${data.database_size}` +
      (seedSeconds !== null ? `; seeded (scale ${SCALE}) in ${f1(seedSeconds)} s + VACUUM ANALYZE ${f1(vacuumSeconds!)} s` : '; seed reused'));
    for (const c of checks) console.log(`check:     ${c}`);
    console.log('');
    table(
      ['', 'clients', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      measured.flatMap((m) => {
        const ceiling = ceilings.get(m.scenario.concurrency);
        return [
          [`${m.scenario.route}, client side`, m.scenario.concurrency, f1(m.rps), f1(m.client.p50), f1(m.client.p95), f1(m.client.p99), f1(m.client.max), m.errors],
          ['  same, server side (Fastify elapsedTime)', '', '', f1(m.server.p50), f1(m.server.p95), f1(m.server.p99), f1(m.server.max), ''],
          ...(ceiling ? [[`  pgbench -S (select-only), -j 2`, ceiling.clients, f1(ceiling.tps), f2(ceiling.p50), f2(ceiling.p95), f2(ceiling.p99), '', ceiling.failed]] : []),
        ];
      }),
    );
    console.log('');
    for (const m of measured) {
      const ceiling = ceilings.get(m.scenario.concurrency);
      console.log(`${m.scenario.label}`);
      console.log(`  target:   ${m.scenario.target} → ${m.scenario.met({ rps: m.rps, p95: m.client.p95, p99: m.client.p99 }) ? 'met' : 'NOT met'} (client side: ${f1(m.rps)} req/s, p95 ${f1(m.client.p95)} ms, p99 ${f1(m.client.p99)} ms; reported, not asserted)`);
      console.log(`  alone:    one request at a time (200 through inject, before the run): p50 ${f1(m.alone.p50)} ms, p95 ${f1(m.alone.p95)} ms, p99 ${f1(m.alone.p99)} ms`);
      if (ceiling) console.log(`  ratio:    app req/s ÷ pgbench select-only tx/s = ${(m.rps / ceiling.tps).toFixed(4)} (1 : ${f1(ceiling.tps / m.rps)}) at ${ceiling.clients} clients`);
      console.log(`  answers:  ${m.result.status.length} requests, ${m.errors} errors${m.result.errors.length ? ` (${m.result.errors.slice(0, 3).join('; ')})` : ''}${m.result.failedSample ? `; e.g. ${m.result.failedSample}` : ''}; ${m.result.bytes} bytes per answer`);
      console.log(`  memory:   process RSS ${mib(m.rssBefore)} MB before, peak ${mib(m.rssPeak)} MB during the run (server and load worker share the process); heap peak ${mib(m.heapPeak)} MB`);
      console.log(`  CPU:      machine ${f1(m.cpuMachine * 100)}% busy; this process ${f1(m.cpuProcess * 100)}% of one core (server + load worker); server event loop ${f1(m.elu * 100)}% busy`);
      const requests = Math.max(1, m.result.status.length);
      const total = [...m.statements.values()].reduce((a, q) => a + q.n, 0);
      console.log(`  SQL:      ${f1(total / requests)} statements per request`);
      table(['  statement', 'per request', 'mean ms'], [...m.statements].sort((a, b) => b[1].n - a[1].n).slice(0, 12).map(([label, q]) => [`  ${label}`, f2(q.n / requests), f2(q.ms / q.n)]));
      console.log('  plan of the statement on applications (EXPLAIN ANALYZE after the run, as the application role with the same scope):');
      const plan = m.plan.filter((line) => !/^\s*(Buffers|Planning):/.test(line));
      for (const line of plan.slice(0, 60)) console.log(`    ${line}`);
      if (plan.length > 60) console.log(`    … (${plan.length - 60} more lines)`);
      console.log('');
    }
    if (pgbenchNote) console.log(`note:      ${pgbenchNote}`);
    console.log('"mean ms" per statement runs from sending it on a checked-out connection to its answer being processed, event-loop waits included.');
    if (KEEP && !REUSE_URL) console.log(`The ${BENCH_DB} database is kept (BENCH_KEEP=1): rerun with BENCH_DB_URL=${url} to skip the seed; drop it when done.`);
    console.log(`total ${f1((performance.now() - started) / 1000)} s`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (pgbenchCreated) await admin(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`)).catch((e) => console.error(`could not drop ${PGBENCH_DB}: ${e}`));
    if (!KEEP && !REUSE_URL) await admin(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`)).catch((e) => console.error(`could not drop ${BENCH_DB}: ${e}`));
  }
}

await main();
