/**
 * Every benchmark scenario, one after the other (`npm run bench`).
 *
 * Each scenario is its own script and its own process, so that one scenario's heap, pools and caches do not
 * weigh on the next, and each prints its figures beside the database ceiling it measured in the same run
 * (pgbench, or a raw insert loop on the embedded database). This runner only sequences them, passes the
 * environment through (DATABASE_URL, BENCH_SCALE, BENCH_SECONDS, …) and ends with one line per scenario.
 *
 * BENCH_ONLY=catalog,submit runs a subset. The scenarios that need PostgreSQL use DATABASE_URL, or the local
 * default postgres://postgres@127.0.0.1:5432/test (the admin URL: each creates and drops its own database).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Scenario {
  name: string;
  script: string;
  what: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'submit', script: 'submit.bench.ts', what: 'click day: concurrent submissions with an attachment, PostgreSQL' },
  { name: 'registers', script: 'registers.bench.ts', what: '"Le mie pratiche" in 1,000,000 applications and an office queue of 100,000' },
  { name: 'catalog', script: 'catalog.bench.ts', what: 'catalogue search over 51,000 service cards' },
  { name: 'embedded', script: 'embedded.bench.ts', what: 'submissions and restart on the embedded database (PGlite)' },
  { name: 'web', script: 'web.bench.ts', what: 'first-load JavaScript and Lighthouse (mobile) on home, search and card' },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (unknown.length) {
  console.error(`BENCH_ONLY: unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  process.exit(2);
}
const chosen = only.length ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' };

function runScenario(s: Scenario): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  // the embedded scenario chooses its own database: it must not inherit the PostgreSQL URL
  const childEnv = s.name === 'embedded' ? { ...env, DATABASE_URL: '' } : env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, s.script)], { stdio: 'inherit', env: childEnv });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), seconds: (performance.now() - started) / 1000 }));
  });
}

const results: { scenario: Scenario; code: number; seconds: number }[] = [];
for (const s of chosen) {
  console.log(`\n=== ${s.name}: ${s.what}\n`);
  results.push({ scenario: s, ...(await runScenario(s)) });
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.code === 0 ? 'ok    ' : `FAILED (exit ${r.code})`} ${r.scenario.name.padEnd(10)} ${r.seconds.toFixed(0).padStart(5)} s`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
