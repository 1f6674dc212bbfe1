/**
 * Issue 11, web: the citizen portal's first load ships ≤ 200 KB of JavaScript (gzip). A size, not a timing.
 * And the server sends the build's precompressed files (.br, .gz written by vite.config.ts) to browsers that take them.
 *
 * Reads dist/web when it is fresh (global setup builds it unless SPORTELLO_SKIP_WEB_BUILD is set); otherwise builds
 * into a temporary folder, leaving dist/web alone for the other test files' servers.
 * Lighthouse's scores for the same pages: `npm run bench:web`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { webBuildIsStale } from '../src/server/web-build.ts';
import { WEB_DIST } from '../src/server/platform/web.ts';
import { testConfig } from './support/app.ts';
import { freshDatabase } from './support/db.ts';
import { buildWeb, firstLoadScripts, sum, type FirstLoadScript } from './support/web-bundle.ts';

const BUDGET_GZIP_BYTES = 200_000;

let distDir = WEB_DIST;
let tmp: string | undefined;
let scripts: FirstLoadScript[];

beforeAll(async () => {
  if (webBuildIsStale()) {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'sportello-web-budget-'));
    distDir = tmp;
    await buildWeb(distDir);
  }
  scripts = firstLoadScripts(distDir);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('first load of the citizen portal', () => {
  it('ships at most 200 KB of JavaScript, gzip', () => {
    const gzip = sum(scripts, 'gzipBytes');
    const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
    console.log(
      [
        `first-load JavaScript (${path.relative(process.cwd(), distDir) || distDir}): ${scripts.length} scripts, ` +
          `${kb(sum(scripts, 'bytes'))} minified, ${kb(gzip)} gzip (${gzip} bytes; budget ${kb(BUDGET_GZIP_BYTES)})`,
        ...[...scripts].sort((a, b) => b.gzipBytes - a.gzipBytes).map((s) => `  ${kb(s.gzipBytes).padStart(9)}  ${s.kind.padEnd(13)} ${s.src}`),
      ].join('\n'),
    );
    expect(scripts.filter((s) => s.kind === 'entry')).toHaveLength(1);
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('leaves the back office, the personal area and the English strings to lazy chunks', () => {
    const names = scripts.map((s) => path.basename(s.src));
    const built = readdirSync(path.join(distDir, 'assets'));
    for (const lazyChunk of ['BackofficeApp-', 'PersonalAreaPage-', 'LoginPage-', 'en-', 'backoffice-']) {
      // built as a chunk of its own (so the check below means something), and not loaded up front
      expect(built.some((n) => n.startsWith(lazyChunk) && n.endsWith('.js')), lazyChunk).toBe(true);
      expect(names.filter((n) => n.startsWith(lazyChunk))).toEqual([]);
    }
  });
});

describe('serving the build', () => {
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let database: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    database = await freshDatabase();
    ({ app } = await buildApp(testConfig(), database, { webDist: distDir }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, acceptEncoding?: string) => app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the first-load script brotli or gzip compressed, by Accept-Encoding, and as is otherwise', async () => {
    const entry = scripts.find((s) => s.kind === 'entry')!;
    const original = readFileSync(path.join(distDir, entry.src));

    const br = await get(entry.src, 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);

    const gz = await get(entry.src, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);

    const plain = await get(entry.src);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('sends index.html compressed for the home page and for client-side routes, never cached', async () => {
    const html = readFileSync(path.join(distDir, 'index.html'));
    for (const url of ['/', '/servizi?q=residenza']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).equals(html), url).toBe(true);
    }
  });

  it('a missing asset is still a 404, whatever the encoding', async () => {
    expect((await get('/assets/not-there-123.js', 'br')).statusCode).toBe(404);
  });
});
