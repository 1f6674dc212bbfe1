import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['src/web', 'src/contracts', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when dist/web is missing or older than any front-end source. */
export function webBuildIsStale(outDir = path.join(ROOT, 'dist/web')): boolean {
  const index = path.join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** Builds the front end with Vite when missing or stale, so a fresh clone needs no extra step. */
export async function ensureWebBuild(log: (msg: string) => void = console.log): Promise<void> {
  if (!webBuildIsStale()) return;
  log('Building the web front end (first start or sources changed)…');
  await buildWebProduction();
}

/**
 * The production build of the front end, into `outDir` (default dist/web). Vite takes the bundle's
 * process.env.NODE_ENV from the environment when it is set: under the test runner (NODE_ENV=test) React's
 * development build would be shipped, 45 % larger and slower. The build is always a production one.
 */
export async function buildWebProduction(outDir?: string): Promise<void> {
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
