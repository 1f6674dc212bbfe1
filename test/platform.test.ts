import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, ConfigError } from '../src/server/config.ts';
import { freshDatabase } from './support/db.ts';
import { testApp, testConfig } from './support/app.ts';

describe('health, metrics and request ids', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('answers /api/v1/status, /health and /ready with the database kind', async () => {
    for (const url of ['/api/v1/status', '/health', '/ready']) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.json()).toMatchObject({ status: 'ok', database: t.database.kind });
    }
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await t.app.inject({ url: '/api/v1/tenants' });
    const r = await t.app.inject({ url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('sportello_http_request_duration_seconds_bucket');
    expect(r.body).toContain('process_cpu_user_seconds_total');
  });

  it('gives every answer a request id, keeping a well-formed one from the caller', async () => {
    const r = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc12345-trace' } });
    expect(r.headers['x-request-id']).toBe('abc12345-trace');
    const s = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(s.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with problem+json 404', async () => {
    const r = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/auth/operator/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('logs', () => {
  it('are JSON lines with the request id, and carry no credentials or search words', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const database = await freshDatabase();
    const { app } = await buildApp(testConfig({ logLevel: 'info' }), database, { webDist: false, logStream: stream });
    await app.inject({ url: '/api/v1/services?q=rossi+mario', headers: { 'x-request-id': 'trace-0001-abc' } });
    await app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'mario.rossi@example.org', password: 'segreta123' } });
    await app.close();
    await database.close();
    const records = lines.map((l) => JSON.parse(l));
    expect(records.some((r) => r.reqId === 'trace-0001-abc' && r.res?.statusCode === 200)).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toMatch(/rossi|segreta123|mario/i);
  });
});

describe('configuration', () => {
  it('fails fast naming the variable to fix', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ SPORTELLO_MODE: 'production' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
  it('needs nothing for a development start', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemoOnEmpty).toBe(true);
  });
});
