/**
 * The citizen portal in a phone's browser (`npm run bench:web`), issue 11's web targets: first load ≤ 200 KB of
 * JavaScript (gzip), Lighthouse performance ≥ 90 on the mobile profile for the home, search and service card pages.
 *
 * Builds the front end with the project's vite.config.ts into a temporary folder (BENCH_WEB_DIST=<folder> serves an
 * existing build instead, e.g. to compare two builds), serves the real app (buildApp, demo loaded) on 127.0.0.1 —
 * on PGlite in a temporary folder, or with DATABASE_URL (an admin URL) on a database `sportello_bench_web` dropped
 * and recreated each run — and runs Lighthouse (npm `lighthouse`, default config: the mobile profile, simulated
 * slow 4G and 4× CPU slowdown) on Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), performance only,
 * BENCH_LH_RUNS (5) rounds over the pages, reporting each page's median run.
 *
 * There is no pgbench ceiling here: the page's cost is the browser's, not the database's. What plays that part is
 * Lighthouse's own benchmark index of this machine's CPU (measured in the same run, printed beside the scores):
 * Lighthouse scales its simulated 4× slowdown for it, and a busy machine still inflates the blocking time.
 *
 * BENCH_LH_SAVE=<folder> also writes each page's median report there (<page>.report.json, for Lighthouse's viewer).
 *
 * Prints figures; never asserts. The budget check on sizes lives in test/web.bundle-budget.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/connection.ts';
import { CASTELROCCA_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { buildWeb, firstLoadScripts, sum } from '../test/support/web-bundle.ts';
import { cpuBusy, env, freePort, machine, recreateDatabase, table } from './support.ts';

const RUNS = env('BENCH_LH_RUNS', 5);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const BENCH_DB = 'sportello_bench_web';
const TARGET_SCORE = 90;
const BUDGET_GZIP_BYTES = 200_000;

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: `/servizi?q=${encodeURIComponent("carta d'identità")}` },
  { name: 'card', path: `/enti/${CASTELROCCA_SLUG}/servizi/carta-identita-elettronica` },
];

// ---------------------------------------------------------------------------------------------------------------
// Printing

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : `${Math.round(x)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// ---------------------------------------------------------------------------------------------------------------
// Database and app

async function openBenchDatabase(): Promise<{ database: Database; label: string; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const url = await recreateDatabase(adminUrl, BENCH_DB);
    return { database: await openDatabase({ databaseUrl: url }), label: `PostgreSQL (${BENCH_DB})`, cleanup: async () => undefined };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-web-'));
  return {
    database: await openDatabase({ pgliteDir: path.join(dir, 'pg') }),
    label: 'PGlite',
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Lighthouse

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

interface PageRun {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  scriptBytes: number;
  totalBytes: number;
  benchmarkIndex: number;
  lhr: Lhr;
}

const numeric = (lhr: Lhr, id: string) => lhr.audits[id]?.numericValue ?? NaN;

function summarise(lhr: Lhr): PageRun {
  const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: numeric(lhr, 'first-contentful-paint'),
    lcp: numeric(lhr, 'largest-contentful-paint'),
    tbt: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    si: numeric(lhr, 'speed-index'),
    scriptBytes: requests.filter((r) => r.resourceType === 'Script').reduce((n, r) => n + (r.transferSize ?? 0), 0),
    totalBytes: numeric(lhr, 'total-byte-weight'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
    lhr,
  };
}

/** What Lighthouse says would help most on this run: failing audits with estimated savings, largest first. */
function opportunities(lhr: Lhr, limit = 6): string[] {
  const out: { text: string; weight: number }[] = [];
  for (const audit of Object.values(lhr.audits)) {
    if (audit.score === null || audit.score >= 0.9 || audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'notApplicable') continue;
    if (audit.scoreDisplayMode === 'numeric' && ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive', 'max-potential-fid'].includes(audit.id)) continue;
    const details = audit.details as { overallSavingsMs?: number; overallSavingsBytes?: number } | undefined;
    const savingsMs = details?.overallSavingsMs ?? 0;
    const savingsBytes = details?.overallSavingsBytes ?? 0;
    const savings = [savingsMs ? `~${Math.round(savingsMs)} ms` : '', savingsBytes ? `~${kb(savingsBytes)}` : ''].filter(Boolean).join(', ');
    out.push({ text: `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}${savings ? ` — saves ${savings}` : ''}`, weight: savingsMs + savingsBytes / 1000 });
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, limit).map((o) => o.text);
}

async function main() {
  const busyBefore = await cpuBusy();

  // 1. The build, and what its first load weighs.
  let tmpWeb: string | undefined;
  let webDist = process.env.BENCH_WEB_DIST;
  let buildSeconds = NaN;
  if (!webDist) {
    tmpWeb = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-web-dist-'));
    webDist = tmpWeb;
    const t = performance.now();
    await buildWeb(webDist);
    buildSeconds = (performance.now() - t) / 1000;
  }
  const scripts = firstLoadScripts(webDist);
  const firstLoadGzip = sum(scripts, 'gzipBytes');

  // 2. The real app with the demo.
  const { database, label, cleanup } = await openBenchDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = { ...loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: baseUrl }), host: '127.0.0.1', port };
  const { app, ctx } = await buildApp(config, database, { webDist });
  await seedDemo(database.db, ctx.services);
  await app.listen({ host: '127.0.0.1', port });
  console.log(`Sportello web benchmark: Lighthouse ${RUNS}× per page, mobile profile, performance; app on ${label}, demo data`);

  // the card exists (else Lighthouse would measure the "not found" page)
  const card = await fetch(`${baseUrl}/api/v1/tenants/${CASTELROCCA_SLUG}/services/carta-identita-elettronica`);
  if (card.status !== 200) throw new Error(`the demo card answered ${card.status}`);

  // 3. Lighthouse, one Chromium for all runs; each run starts with an empty cache (Lighthouse resets storage).
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const results = PAGES.map((page) => ({ ...page, runs: [] as PageRun[] }));
  const loadBefore = os.loadavg()[0];
  try {
    // round after round over the pages, so that a burst of other work on the machine weighs on every page alike
    for (let i = 0; i < RUNS; i++) {
      for (const page of results) {
        const result = await lighthouse(`${baseUrl}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${page.path}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
        page.runs.push(summarise(result.lhr));
        process.stderr.write(`  round ${i + 1}/${RUNS} ${page.name}: ${page.runs.at(-1)!.score}\n`);
      }
    }
  } finally {
    chrome.kill();
    await app.close();
    await database.close();
    await cleanup();
    if (tmpWeb) await rm(tmpWeb, { recursive: true, force: true });
  }

  // ---- report
  const benchmarkIndexes = results.flatMap((r) => r.runs.map((x) => x.benchmarkIndex));
  console.log('');
  console.log(
    `machine:   ${await machine()}; CPU ${(busyBefore * 100).toFixed(1)}% busy before the bench started (other processes); ` +
      `load average ${loadBefore.toFixed(1)} at the first run, ${os.loadavg()[0].toFixed(1)} after the last`,
  );
  const lhr0 = results[0].runs[0].lhr;
  const chromeVersion = /Chrome\/([\d.]+)/.exec(lhr0.environment?.hostUserAgent ?? '')?.[1] ?? '?';
  console.log(`browser:   Chromium ${chromeVersion} at ${CHROME_PATH} (chrome-launcher, ${CHROME_FLAGS.join(' ')}), Lighthouse ${lhr0.lighthouseVersion}; benchmark index ${Math.round(median(benchmarkIndexes))} (min ${Math.round(Math.min(...benchmarkIndexes))}, max ${Math.round(Math.max(...benchmarkIndexes))})`);
  console.log(`build:     ${process.env.BENCH_WEB_DIST ? `served as is from ${webDist}` : `vite build in ${buildSeconds.toFixed(1)} s`}`);
  console.log(
    `first load: ${scripts.length} scripts (index.html's entry + modulepreloads), ${kb(sum(scripts, 'bytes'))} minified, ` +
      `${kb(firstLoadGzip)} gzip (${firstLoadGzip} bytes) — budget ${kb(BUDGET_GZIP_BYTES)}: ${firstLoadGzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'}`,
  );
  console.log('');
  console.log(`Median run per page (by score) of ${RUNS}; target: performance ≥ ${TARGET_SCORE}`);
  const rows = results.map((r) => {
    const scores = r.runs.map((x) => x.score);
    const m = [...r.runs].sort((a, b) => a.score - b.score)[Math.floor((r.runs.length - 1) / 2)];
    return [
      r.name,
      r.path.length > 48 ? `${r.path.slice(0, 47)}…` : r.path,
      m.score,
      scores.join(' '),
      ms(m.fcp),
      ms(m.lcp),
      ms(m.tbt),
      m.cls.toFixed(3),
      ms(m.si),
      kb(m.scriptBytes),
      kb(m.totalBytes),
      m.score >= TARGET_SCORE ? 'yes' : 'NO',
    ];
  });
  table(['page', 'path', 'score', 'runs', 'FCP', 'LCP', 'TBT', 'CLS', 'Speed Index', 'JS transferred', 'all transferred', `≥ ${TARGET_SCORE}`], rows);
  for (const r of results) {
    const m = [...r.runs].sort((a, b) => a.score - b.score)[Math.floor((r.runs.length - 1) / 2)];
    if (process.env.BENCH_LH_SAVE) {
      await mkdir(process.env.BENCH_LH_SAVE, { recursive: true });
      await writeFile(path.join(process.env.BENCH_LH_SAVE, `${r.name}.report.json`), JSON.stringify(m.lhr));
    }
    const tips = opportunities(m.lhr);
    if (tips.length === 0) continue;
    console.log('');
    console.log(`${r.name}: what Lighthouse would still improve`);
    for (const tip of tips) console.log(`  - ${tip}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
