import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import rdf from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.ts';
import { freshDatabase } from './support/db.ts';

const SHAPES = path.resolve(import.meta.dirname, '../src/server/modules/catalog/cpsv/cpsv-ap-3.2.0-shacl.ttl');
const parseTurtle = (text: string) => rdf.dataset().import(rdf.formats.parsers.import('text/turtle', Readable.from([text]))!);

describe('the whole demo catalogue exported as CPSV-AP 3.2.0', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let validator: SHACLValidator;
  beforeAll(async () => {
    t = await testApp({ demo: true });
    validator = new SHACLValidator(await parseTurtle(readFileSync(SHAPES, 'utf8')), { factory: rdf });
  });
  afterAll(() => t.close());

  it('Turtle from /api/v1/catalog.ttl validates with 0 violations and holds every service', async () => {
    const r = await t.app.inject({ url: '/api/v1/catalog.ttl' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/turtle/);
    const data = await parseTurtle(r.body);
    const report = await validator.validate(data);
    const violations = report.results.map((x) => `${x.focusNode?.value} ${x.path?.value}: ${x.sourceConstraintComponent?.value}`);
    expect(violations).toEqual([]);
    const services = [...data.match(null, rdf.ns.rdf.type, rdf.namedNode('http://purl.org/vocab/cpsv#PublicService'))];
    const total = (await t.app.inject({ url: '/api/v1/services?includeInactive=true&limit=1' })).json().total;
    expect(services.length).toBe(total);
  }, 60_000);

  it('JSON-LD from /api/v1/catalog.jsonld?tenant= holds only that body', async () => {
    const r = await t.app.inject({ url: '/api/v1/catalog.jsonld?tenant=comune-di-valdoro' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/ld\+json/);
    const text = r.body;
    expect(text).toContain('Valdoro');
    expect(text).not.toContain('Comune di Castelrocca');
    expect((await t.app.inject({ url: '/api/v1/catalog.jsonld?tenant=nessuno' })).statusCode).toBe(404);
  }, 60_000);
});

describe('sportello export catalog', () => {
  it('writes Turtle on standard output from the configured database', async () => {
    const { tmpdir } = await import('node:os');
    const { rm } = await import('node:fs/promises');
    const dataDir = path.join(tmpdir(), `sportello-cli-${process.pid}`);
    // On PostgreSQL the command gets a fresh database of its own; on PGlite a data folder of its own.
    const pgDatabase = process.env.DATABASE_URL ? await freshDatabase() : undefined;
    await pgDatabase?.close();
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      SPORTELLO_MODE: 'test',
      LOG_LEVEL: 'silent',
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : {}),
    };
    const bin = path.resolve(import.meta.dirname, '../bin/sportello.js');
    const run = promisify(execFile);
    await run(process.execPath, [bin, 'seed', '--demo'], { env, maxBuffer: 50e6 });
    const out = await run(process.execPath, [bin, 'export', 'catalog', '--format', 'ttl', '--tenant', 'comune-di-valdoro'], { env, maxBuffer: 50e6 });
    expect(out.stdout).toContain('PublicService');
    expect(out.stdout).toContain('Valdoro');
    const bad = await run(process.execPath, [bin, 'export', 'catalogo'], { env }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/catalog/);
    await rm(dataDir, { recursive: true, force: true });
  }, 180_000);
});
