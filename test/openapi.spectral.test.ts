import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.ts';

const run = promisify(execFile);
const RULESET = path.resolve(import.meta.dirname, 'conformance/italian-guidelines.spectral.yml');
const SPECTRAL = path.resolve(import.meta.dirname, '../node_modules/.bin/spectral');

interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  path: string[];
}

describe('OpenAPI document against the Italian API guidelines', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let doc: Record<string, any>;
  beforeAll(async () => {
    t = await testApp();
    doc = (await t.app.inject({ url: '/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('describes the catalogue paths relative to the /api/v1 server', () => {
    expect(doc.servers[0].url).toMatch(/\/api\/v1$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/status', '/services', '/services/{serviceId}', '/catalog.ttl', '/tenants']));
  });

  it('passes the Spectral ruleset with 0 errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spectral-'));
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    // spectral exits 1 when it finds errors; the JSON report is on stdout either way
    const out = await run(SPECTRAL, ['lint', '-r', RULESET, '-f', 'json', '--quiet', file], { maxBuffer: 20e6 }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    const results = JSON.parse(out.stdout || '[]') as SpectralResult[];
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
