/**
 * Catalogue search under load (`npm run bench:catalog`).
 *
 * Builds its own database (PostgreSQL `sportello_bench`, dropped and recreated on each run, when DATABASE_URL is
 * set — give the admin URL; otherwise PGlite in a temporary folder), loads the demo and a synthetic catalogue of
 * BENCH_SERVICES services (default 51,000), serves the real app on 127.0.0.1 and drives BENCH_CONCURRENCY (50)
 * keep-alive clients through BENCH_REQUESTS (5,000) searches, at most BENCH_SECONDS (60) s, from a worker thread.
 * Then measures the database's own ceiling on the same machine: pgbench running exactly the SQL the app sends
 * for the same mix of searches, at the same concurrency, for BENCH_PGBENCH_SECONDS (15) s.
 *
 * Prints figures and ratios; never asserts timings. Other knobs: BENCH_POOL (app pool size; default the app's).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { APP_ROLE, openDatabase, type Database } from '../src/server/db/connection.ts';
import type { DB } from '../src/server/db/schema.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { SERVICES_PER_BODY, seedSynthetic, syntheticSlug } from '../src/server/db/seed/synthetic.ts';
import type { SearchQueryT } from '../src/server/modules/catalog/catalog.schemas.ts';
import { CatalogService } from '../src/server/modules/catalog/catalog.service.ts';
import { findPgbench } from './pgbench.ts';
import { admin, cpuBusy, env, f1, f2, inWorker, machine, pgbenchLatencies, pgbenchSummary, recreateDatabase, stats, table } from './support.ts';

const run = promisify(execFile);

const SERVICES = env('BENCH_SERVICES', 51_000);
const REQUESTS = env('BENCH_REQUESTS', 5_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 50);
const SECONDS = env('BENCH_SECONDS', 60);
const PGBENCH_SECONDS = env('BENCH_PGBENCH_SECONDS', 15);
const POOL = env('BENCH_POOL');
const BENCH_DB = 'sportello_bench';
const TARGET_P95_MS = 20;

// ---------------------------------------------------------------------------------------------------------------
// The query mix

interface Kind {
  label: string;
  query: SearchQueryT;
  weight: number;
}

/** What people type, how often (relative), and the filters that fit each search. */
const TEXTS: { q: string; weight: number; lifeEvent: string; category: string }[] = [
  { q: "carta d'identità", weight: 14, lifeEvent: 'travel_abroad', category: 'civil_registry' },
  { q: 'residenza', weight: 12, lifeEvent: 'change_of_residence', category: 'civil_registry' },
  { q: 'iscrizione nido', weight: 10, lifeEvent: 'school_enrolment', category: 'education' },
  { q: 'tari', weight: 10, lifeEvent: 'paying_taxes', category: 'taxes_finance' },
  { q: 'iscrizioni asili', weight: 6, lifeEvent: 'school_enrolment', category: 'education' }, // word forms
  { q: 'certificato di nascita', weight: 5, lifeEvent: 'birth', category: 'civil_registry' },
  { q: 'mensa scolastica', weight: 5, lifeEvent: 'school_enrolment', category: 'education' },
  { q: 'anagarfe', weight: 5, lifeEvent: 'change_of_residence', category: 'civil_registry' }, // typo
  { q: 'iscrizoine', weight: 4, lifeEvent: 'school_enrolment', category: 'education' }, // typo
];

function queryMix(bodies: number): Kind[] {
  const someBodies = [1, Math.ceil(bodies / 2), bodies].map(syntheticSlug);
  const kinds: Kind[] = [];
  for (const t of TEXTS) {
    kinds.push({ label: t.q, query: { q: t.q }, weight: t.weight * 10 });
    someBodies.forEach((slug, i) => kinds.push({ label: `${t.q} +tenant`, query: { q: t.q, tenant: slug }, weight: t.weight + (i === 0 ? 1 : 0) }));
    kinds.push({ label: `${t.q} +tenant`, query: { q: t.q, tenant: CASTELROCCA_SLUG }, weight: t.weight });
    kinds.push({ label: `${t.q} +lifeEvent`, query: { q: t.q, lifeEvent: t.lifeEvent }, weight: t.weight * 2 });
    kinds.push({ label: `${t.q} +category`, query: { q: t.q, category: t.category }, weight: t.weight * 2 });
    kinds.push({ label: `${t.q} +online`, query: { q: t.q, online: true }, weight: t.weight * 2 });
  }
  // Browsing without words: a body's catalogue, a category, a life event.
  kinds.push({ label: '(browse) tenant', query: { tenant: someBodies[1] }, weight: 10 });
  kinds.push({ label: '(browse) tenant', query: { tenant: VALDORO_SLUG }, weight: 5 });
  kinds.push({ label: '(browse) category', query: { category: 'education' }, weight: 10 });
  kinds.push({ label: '(browse) lifeEvent', query: { lifeEvent: 'birth' }, weight: 10 });
  kinds.push({ label: '(browse) tenant+category', query: { tenant: someBodies[0], category: 'civil_registry' }, weight: 5 });
  return kinds;
}

function pathOf(q: SearchQueryT): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  return `/api/v1/services?${p}`;
}

/** mulberry32 */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(kinds: Kind[], count: number, seed: number): number[] {
  const rand = rng(seed);
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  const cumulative: number[] = [];
  kinds.reduce((s, k) => (cumulative.push(s + k.weight), s + k.weight), 0);
  return Array.from({ length: count }, () => {
    const x = rand() * total;
    return cumulative.findIndex((c) => x < c);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Database

async function openBenchDatabase(): Promise<{ database: Database; url?: string; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const url = await recreateDatabase(adminUrl, BENCH_DB);
    return { database: await openDatabase({ databaseUrl: url, poolSize: POOL }), url, cleanup: async () => undefined };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-'));
  return {
    database: await openDatabase({ pgliteDir: path.join(dir, 'pg') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Fresh statistics and visibility map, as autovacuum would leave them after a bulk load. */
async function vacuumAnalyze(database: Database, url?: string) {
  if (url) {
    await admin(url, (c) => c.query('VACUUM ANALYZE'));
    return;
  }
  // PGlite: one session; step out of the application role for the owner-only VACUUM, then back.
  await sql`RESET ROLE`.execute(database.db);
  try {
    await sql`VACUUM ANALYZE`.execute(database.db);
  } finally {
    await sql.raw(`SET ROLE ${APP_ROLE}`).execute(database.db);
  }
}

async function version(database: Database) {
  const r = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
  return r.rows[0].v;
}

// ---------------------------------------------------------------------------------------------------------------
// pgbench: the same SQL, without the app

/** A bound parameter as the literal pg would send (text, type left to the server), for a pgbench script. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const text = (x: unknown): string => {
    if (Array.isArray(x)) return `{${x.map((e) => (e === null ? 'NULL' : `"${text(e).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
    if (x instanceof Date) return x.toISOString();
    return String(x);
  };
  return `'${text(v).replace(/'/g, "''")}'`;
}

function inline(q: CompiledQuery): string {
  const oneLine = q.sql.replace(/\s+/g, ' ').trim();
  return oneLine.replace(/\$(\d+)/g, (_, n: string) => literal(q.parameters[Number(n) - 1]));
}

/** The SQL statements the catalogue sends for each request, captured from the service itself. */
async function captureSql(url: string, queries: SearchQueryT[]): Promise<string[][]> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c role=${APP_ROLE}` });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  const svc = new CatalogService(db);
  const out: string[][] = [];
  try {
    for (const q of queries) {
      captured.length = 0;
      await svc.search(q);
      out.push(captured.map(inline));
    }
  } finally {
    await db.destroy();
  }
  return out;
}


interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

async function pgbench(bin: string, url: string, scripts: { sql: string[]; weight: number }[], dir: string, tag: string): Promise<PgbenchResult> {
  const args = ['-n', '-M', 'extended', '-c', String(CONCURRENCY), '-j', String(Math.min(CONCURRENCY, os.availableParallelism())), '-T', String(PGBENCH_SECONDS), '-l', '--log-prefix', path.join(dir, `${tag}-log`)];
  for (const [i, s] of scripts.entries()) {
    const file = path.join(dir, `${tag}-${String(i).padStart(3, '0')}.sql`);
    await writeFile(file, `${s.sql.join(';\n')};\n`);
    args.push('-f', `${file}@${s.weight}`);
  }
  args.push(url);
  const { stdout } = await run(bin, args, { env: { ...process.env, PGOPTIONS: `-c role=${APP_ROLE}` }, maxBuffer: 16 * 2 ** 20 });
  const s = stats(await pgbenchLatencies(dir, tag));
  return {
    ...pgbenchSummary(stdout),
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    mean: s.mean,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Load, from a worker thread (bench/load-worker.mjs)

interface LoadJob {
  base: string;
  paths: string[];
  concurrency: number;
  timeLimitMs: number;
}

interface LoadResult {
  /** per request sent: index into paths, latency in ms, HTTP status (0 = network error) */
  index: number[];
  latencyMs: number[];
  status: number[];
  elapsedMs: number;
  errors: string[];
}

function load(job: LoadJob): Promise<LoadResult> {
  return inWorker(new URL('./load-worker.mjs', import.meta.url), job);
}

async function main() {
  const started = performance.now();
  const busyBefore = await cpuBusy();
  const { database, url, cleanup } = await openBenchDatabase();
  const kind = database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  console.log(`Sportello catalogue benchmark on ${kind}${url ? ` (${BENCH_DB})` : ''}; ${SERVICES} synthetic services, ${CONCURRENCY} clients, ${REQUESTS} requests (≤ ${SECONDS} s)`);

  const config = { ...loadConfig({ SPORTELLO_MODE: 'test', SPORTELLO_SEARCH_CACHE_MS: process.env.SPORTELLO_SEARCH_CACHE_MS }), host: '127.0.0.1', port: 0 };
  const { app, ctx } = await buildApp(config, database, { webDist: false });

  let t = performance.now();
  const demo = await seedDemo(database.db, ctx.services);
  const demoSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const synthetic = await seedSynthetic(database, SERVICES, { progress: process.stderr.isTTY });
  const syntheticSeconds = (performance.now() - t) / 1000;
  await vacuumAnalyze(database, url);
  const pgVersion = await version(database);

  // Server-side latency: from the request's arrival in Fastify to the end of the response.
  let sink: { url: string; ms: number }[] | null = null;
  const serverTimes: { url: string; ms: number }[] = [];
  const aloneTimes: { url: string; ms: number }[] = [];
  app.addHook('onResponse', async (req, reply) => {
    if (sink && req.url.startsWith('/api/v1/services')) sink.push({ url: req.url, ms: reply.elapsedTime });
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  // Warm-up: every first page once (collecting cursors for page 2), then a short burst of the mix.
  const bodies = Math.max(1, Math.round(SERVICES / SERVICES_PER_BODY));
  const kinds = queryMix(bodies);
  for (const k of [...kinds]) {
    const res = await fetch(new URL(pathOf(k.query), address));
    if (res.status !== 200) throw new Error(`warm-up: ${pathOf(k.query)} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { nextCursor: string | null };
    if (body.nextCursor && !k.label.startsWith('(browse)')) {
      kinds.push({ label: `${k.label.split(' +')[0]} (page 2)`, query: { ...k.query, cursor: body.nextCursor }, weight: Math.max(1, Math.round(k.weight / 8)) });
    }
  }
  const paths = kinds.map((k) => pathOf(k.query));
  const warm = await load({ base: address, paths: sample(kinds, Math.min(500, REQUESTS), 1).map((i) => paths[i]), concurrency: CONCURRENCY, timeLimitMs: 20_000 });
  if (warm.status.some((s) => s !== 200)) console.log(`warm-up: ${warm.status.filter((s) => s !== 200).length} requests failed (${warm.errors[0] ?? 'HTTP error'})`);

  // Each search alone, one at a time (twice): what a request costs without queueing behind others.
  sink = aloneTimes;
  for (let rep = 0; rep < 2; rep++) {
    for (const p of paths) await (await fetch(new URL(p, address))).arrayBuffer();
  }
  sink = null;

  // The measured run.
  const sequence = sample(kinds, REQUESTS, 2);
  sink = serverTimes;
  const result = await load({ base: address, paths: sequence.map((i) => paths[i]), concurrency: CONCURRENCY, timeLimitMs: SECONDS * 1000 });
  sink = null;
  const client = stats(result.latencyMs);
  const server = stats(serverTimes.map((s) => s.ms));
  const errors = result.status.filter((s) => s !== 200).length;
  const rps = result.latencyMs.length / (result.elapsedMs / 1000);
  await app.close();

  // The database's ceiling: the same SQL, same weights, same concurrency, straight into PostgreSQL.
  let mixBench: PgbenchResult | null = null;
  let oneBench: PgbenchResult | null = null;
  let pgbenchNote = '';
  let dir = '';
  let residenzaSql: string[] = [];
  if (url) {
    const bin = await findPgbench();
    if (!bin) {
      pgbenchNote = 'pgbench not found (apt-get install -y postgresql-client): database ceiling not measured';
    } else {
      // one folder, replaced on each run, so that runs do not pile up scripts and logs
      dir = path.join(os.tmpdir(), 'sportello-bench-pgbench');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const captured = await captureSql(url, kinds.map((k) => k.query));
      const used = new Map<number, number>();
      for (const i of sequence) used.set(i, (used.get(i) ?? 0) + 1);
      mixBench = await pgbench(bin, url, [...used].map(([i, n]) => ({ sql: captured[i], weight: n })), dir, 'mix');
      const r = kinds.findIndex((k) => k.query.q === 'residenza' && Object.keys(k.query).length === 1);
      residenzaSql = captured[r];
      oneBench = await pgbench(bin, url, [{ sql: residenzaSql, weight: 1 }], dir, 'residenza');
    }
  } else {
    pgbenchNote = 'pgbench skipped: PGlite is embedded in the process, there is no database server to drive';
  }
  await database.close();
  await cleanup();

  // ---- report
  console.log('');
  console.log(`machine:   ${await machine()}; CPU ${f1(busyBefore * 100)}% busy before the bench started (other processes)`);
  console.log(`database:  ${kind} ${pgVersion}${url ? `, app pool ${POOL ?? 10} connections` : ''}`);
  console.log(
    `catalogue: ${demo.services.created + demo.services.unchanged + demo.services.updated} demo + ${synthetic.services} synthetic services` +
      ` (${synthetic.bodies} synthetic bodies${synthetic.skipped ? `, ${synthetic.skipped} already there` : ''});` +
      ` seed: demo ${f1(demoSeconds)} s, synthetic ${f1(syntheticSeconds)} s`,
  );
  console.log(`load:      ${result.latencyMs.length} requests in ${f1(result.elapsedMs / 1000)} s, ${CONCURRENCY} keep-alive clients, ${kinds.length} distinct searches`);
  console.log('');
  table(
    ['', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    [
      ['app, client side', f1(rps), f1(client.p50), f1(client.p95), f1(client.p99), errors],
      ['app, server side (Fastify elapsedTime)', '', f1(server.p50), f1(server.p95), f1(server.p99), ''],
      ...(mixBench ? [['pgbench, same SQL and mix (1 tx = 1 request)', f1(mixBench.tps), f1(mixBench.p50), f1(mixBench.p95), f1(mixBench.p99), mixBench.failed]] : []),
      ...(oneBench ? [['pgbench, "residenza" only', f1(oneBench.tps), f1(oneBench.p50), f1(oneBench.p95), f1(oneBench.p99), oneBench.failed]] : []),
    ],
  );
  console.log('');
  if (mixBench) {
    console.log(`ratios:    app / pgbench throughput = ${f2(rps / mixBench.tps)}; app server p95 / pgbench p95 = ${f2(server.p95 / mixBench.p95)}; app client p95 / pgbench p95 = ${f2(client.p95 / mixBench.p95)}`);
  } else {
    console.log(`ratios:    ${pgbenchNote}`);
  }
  console.log(`target:    server-side p95 ≤ ${TARGET_P95_MS} ms at ${CONCURRENCY} concurrent searches → ${server.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'} (${f1(server.p95)} ms; reported, not asserted)`);
  if (result.errors.length) console.log(`errors:    ${result.errors.slice(0, 3).join('; ')}`);
  console.log(
    'note:      server-side time runs from when Fastify reads the request to the end of the reply: it includes waiting for a' +
      ' pooled connection, not waiting for a busy event loop (PGlite runs every query on it), which only the client sees.',
  );

  // Where the time goes, per kind of search (server side).
  const labelOf = new Map(kinds.map((k) => [pathOf(k.query), k.label]));
  const group = (times: { url: string; ms: number }[]) => {
    const by = new Map<string, number[]>();
    for (const t of times) {
      const label = labelOf.get(t.url) ?? t.url;
      const list = by.get(label) ?? [];
      list.push(t.ms);
      by.set(label, list);
    }
    return by;
  };
  const loaded = group(serverTimes);
  const alone = group(aloneTimes);
  console.log('');
  table(
    ['server side, by search', 'n', 'p50 ms', 'p95 ms', 'alone ms (p50)'],
    [...loaded]
      .map(([label, ms]) => ({ label, ...stats(ms), alone: stats(alone.get(label) ?? []).p50 }))
      .sort((a, b) => b.alone - a.alone)
      .map((s) => [s.label, s.n, f1(s.p50), f1(s.p95), f1(s.alone)]),
  );
  console.log('"alone": each search sent on its own, one at a time, before the load: its cost without queueing.');
  if (residenzaSql.length) {
    console.log('\nSQL of one search ("residenza"), as the catalogue sends it:');
    for (const s of residenzaSql) console.log(`  ${s};`);
    console.log(`pgbench scripts and logs: ${dir}`);
  }
  if (url) console.log(`The ${BENCH_DB} database is kept for inspection (EXPLAIN ANALYZE); the next run recreates it.`);
  console.log(`total ${f1((performance.now() - started) / 1000)} s`);
}

await main();
