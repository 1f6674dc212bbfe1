/**
 * Issue 11, scale-out: two processes of the program on one PostgreSQL database take a click-day burst together
 * and the protocol registers stay right — every acknowledged submission exists once, and each body's numbers for
 * the year are 1..N without a gap, in the order of submission.
 *
 * PostgreSQL only: the embedded PGlite database lives inside one process and cannot be shared by two.
 *
 * Prepared in this process on a fresh database (the demo's bodies and offices only, so that the registers start
 * empty): a service with an online form in each of two bodies, one real draft per body filled in through the API
 * by a citizen logged in through the bundled identity provider, cloned in SQL for a few hundred citizens with a
 * live session each. Then `node bin/sportello.js start` runs twice, as two real processes on two ports with the
 * same DATABASE_URL, DATA_DIR (a shared volume), session secret and keys; both have role all, so both run the
 * protocol registrar and the receipt issuer. Every draft is sent once to one of them; some are sent again with the
 * same Idempotency-Key to the other process, either at the same moment or after the first answer. No timing
 * is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { DEMO_TENANTS } from '../src/server/db/seed/demo/tenants.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { ensureWebBuild, webBuildIsStale } from '../src/server/web-build.ts';
import { freePort, testConfig } from './support/app.ts';
import { as } from './support/auth.ts';
import { freshDatabase } from './support/db.ts';
import { createFormService, PDF, VALID_ANSWERS } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ON_POSTGRES = !!process.env.DATABASE_URL;
const BODIES = ['comune-di-castelrocca', 'comune-di-valdoro'];
/** drafts per body */
const PER_BODY = 150;
/** concurrent clients in all, each with its own keep-alive connection to one of the two processes */
const CLIENTS = 32;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

interface Item {
  id: string;
  tenantId: string;
  cookie: string;
  csrf: string;
  key: string;
  /** the process it is sent to first (0 or 1) */
  primary: number;
  /** sent again with the same key to the other process: at the same moment, after the first answer, or not */
  retry: 'race' | 'after' | null;
}

interface Answer {
  item: Item;
  process: number;
  status: number;
  body: string;
}

/** The program, as an operator starts it (see test/applications.crash.test.ts). */
class Program {
  private proc: ChildProcess | null = null;
  output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly env: Record<string, string>, readonly base: string) {}

  async start(timeoutMs = 90_000) {
    const proc = spawn(process.execPath, ['bin/sportello.js', 'start'], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let exitCode: number | null = null;
    proc.once('exit', (code) => (exitCode = code ?? -1));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exitCode !== null) throw new Error(`the program exited (${exitCode}) before it was ready:\n${this.output.slice(-3000)}`);
      if (await fetch(`${this.base}/ready`).then((r) => r.status === 200, () => false)) return;
      if (Date.now() > deadline) throw new Error(`the program was not ready within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    await this.exited;
    this.proc = null;
  }
}

function submit(agent: http.Agent, base: string, item: Item): Promise<{ status: number; body: string }> {
  const payload = '{}';
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`/api/v1/applications/${item.id}/submit`, base), {
      method: 'POST', agent,
      headers: {
        accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
        cookie: item.cookie, 'x-csrf-token': item.csrf, 'idempotency-key': item.key,
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function multipart(requirementId: string, file: { name: string; content: Buffer }) {
  const boundary = '----sportello-scale-out-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${requirementId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function owner<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

if (!ON_POSTGRES) console.info('applications.scale-out: skipped, PostgreSQL only (two processes cannot share an embedded PGlite database); set DATABASE_URL to run it');

describe.skipIf(!ON_POSTGRES)('two processes on one PostgreSQL database (PostgreSQL only: skipped on PGlite, an embedded database one process owns; set DATABASE_URL to run it)', () => {
  let dataDir = '';
  let url = '';
  const programs: Program[] = [];
  const items: Item[] = [];
  const serviceIds: string[] = [];

  beforeAll(async () => {
    // The program builds the front end when it is missing or stale; done here, so that neither start waits on it.
    if (webBuildIsStale()) await ensureWebBuild(() => undefined);
    dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-scale-out-'));
    const ports = [await freePort(), await freePort()];
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const sessionSecret = randomBytes(32).toString('hex');
    const socialKey = randomBytes(32).toString('hex');

    // Prepared in this process, then closed.
    const database = await freshDatabase();
    url = database.url!;
    const config = testConfig({ dataDir }, { PUBLIC_URL: bases[0]!, SESSION_SECRET: sessionSecret, SOCIAL_DATA_KEY: socialKey });
    const { app, ctx } = await buildApp(config, database, { webDist: false, tasks: false });
    const templates: { tenantId: string; draftId: string }[] = [];
    try {
      await upsertTenants(database.db, DEMO_TENANTS);
      await app.ready();
      const session = (await citizenLogin(app, bases[0]!, 'giulia-ferrari')).browser.session();
      for (const slug of BODIES) {
        const serviceId = await createFormService(ctx, slug);
        serviceIds.push(serviceId);
        const started = await app.inject(as(session, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
        expect(started.statusCode, started.body).toBe(201);
        const draft = started.json();
        const saved = await app.inject(as(session, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`,
          payload: { data: { alloggio: VALID_ANSWERS.alloggio, richiedente: { ...draft.data.richiedente, email: draft.data.richiedente.email ?? 'giulia.ferrari@example.org' } } } }));
        expect(saved.statusCode, saved.body).toBe(200);
        const upload = multipart('documento', { name: 'documento.pdf', content: PDF(`documento ${slug}`) });
        const uploaded = await app.inject(as(session, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: upload.payload, headers: upload.headers }));
        expect(uploaded.statusCode, uploaded.body).toBe(201);
        templates.push({ tenantId: (await ctx.services.tenants.get(slug)).id, draftId: draft.id });
      }

      // A few hundred citizens with a session each and a copy of the body's draft (as bench/submit.bench.ts
      // prepares its peak), as the database owner
      await owner(url, async (c) => {
        await c.query('BEGIN');
        for (const [b, template] of templates.entries()) {
          const citizenIds: string[] = [];
          const fiscalCodes: string[] = [];
          const hashes: string[] = [];
          const appIds: string[] = [];
          const codes: string[] = [];
          for (let i = 0; i < PER_BODY; i++) {
            const k = b * PER_BODY + i + 1;
            const token = randomBytes(32).toString('base64url');
            const hash = createHash('sha256').update(token).digest('hex');
            const id = randomUUID();
            let tail = '';
            for (let j = 0; j < 6; j++) tail += CODE_ALPHABET[randomBytes(1)[0]! % CODE_ALPHABET.length];
            citizenIds.push(randomUUID());
            fiscalCodes.push(`SCLOUT${String(k).padStart(10, '0')}`);
            hashes.push(hash);
            appIds.push(id);
            codes.push(`SC-${String(k).padStart(5, '0')}-${tail}`);
            items.push({ id, tenantId: template.tenantId, cookie: `sportello_session=${token}`, csrf: ctx.services.identity.csrfFor(hash),
              key: `scale-out-${randomUUID()}`, primary: 0, retry: null });
          }
          await c.query(`INSERT INTO citizens (id, fiscal_code, given_name, family_name, email)
            SELECT id, cf, 'Persona', 'Prova', lower(cf) || '@example.org' FROM unnest($1::uuid[], $2::text[]) AS u(id, cf)`, [citizenIds, fiscalCodes]);
          await c.query(`INSERT INTO sessions (token_hash, kind, citizen_id, auth_method, auth_level, expires_at)
            SELECT h, 'citizen', cid, 'spid', 'SpidL2', now() + interval '8 hours' FROM unnest($1::text[], $2::uuid[]) AS u(h, cid)`, [hashes, citizenIds]);
          await c.query(`INSERT INTO applications (id, tenant_id, code, service_id, service_version, office_id, citizen_id, filer_name, subject_kind,
              subject_ref, subject_fiscal_code, subject_name, status, data, prefilled, current_step, revision, max_days)
            SELECT u.id, a.tenant_id, u.code, a.service_id, a.service_version, a.office_id, u.cid, 'Persona Prova', a.subject_kind,
              a.subject_ref, a.subject_fiscal_code, a.subject_name, 'draft', a.data, a.prefilled, a.current_step, a.revision, a.max_days
            FROM applications a, unnest($2::uuid[], $3::text[], $4::uuid[]) AS u(id, code, cid) WHERE a.id = $1`, [template.draftId, appIds, codes, citizenIds]);
          await c.query(`INSERT INTO application_attachments (tenant_id, application_id, requirement_id, file_name, content_type, size, sha256, uploaded_by, submitted)
            SELECT t.tenant_id, u.id, t.requirement_id, t.file_name, t.content_type, t.size, t.sha256, 'citizen:' || u.cid, false
            FROM application_attachments t, unnest($2::uuid[], $3::uuid[]) AS u(id, cid) WHERE t.application_id = $1`, [template.draftId, appIds, citizenIds]);
          await c.query(`INSERT INTO application_events (tenant_id, application_id, type, to_status, actor_kind, actor_id, actor_label, details)
            SELECT e.tenant_id, u.id, e.type, e.to_status, e.actor_kind, u.cid::text, 'Persona Prova', e.details
            FROM application_events e, unnest($2::uuid[], $3::uuid[]) AS u(id, cid) WHERE e.application_id = $1 AND e.type = 'created'`, [template.draftId, appIds, citizenIds]);
          // the template itself stays a draft of Giulia Ferrari's, never sent: the registers hold only the clones
        }
        await c.query('COMMIT');
      });
    } finally {
      await app.close();
      await database.close();
    }

    // the bodies' drafts interleaved, each sent first to one process; every fifth also to the other at the same
    // moment, every fifth (another one) again to the other after the first answer
    items.sort(() => Math.random() - 0.5);
    for (const [i, item] of items.entries()) {
      item.primary = i % 2;
      item.retry = i % 5 === 1 ? 'race' : i % 5 === 3 ? 'after' : null;
    }

    for (const [i, base] of bases.entries()) {
      programs.push(new Program({
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), TMPDIR: tmpdir(),
        SPORTELLO_MODE: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(ports[i]), PUBLIC_URL: base,
        DATA_DIR: dataDir, SESSION_SECRET: sessionSecret, SOCIAL_DATA_KEY: socialKey, DATABASE_URL: url,
      }, base));
    }
    await Promise.all(programs.map((p) => p.start()));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(programs.map((p) => p.stop('SIGKILL')));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged submission once, and numbers each body\'s register 1..N without a gap in submission order', async () => {
    const agents = programs.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));
    const answers: Answer[] = [];
    const send = async (item: Item, to: number) => {
      const r = await submit(agents[to]!, programs[to]!.base, item);
      answers.push({ item, process: to, status: r.status, body: r.body });
    };
    let next = 0;
    const client = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const other = 1 - item.primary;
        if (item.retry === 'race') {
          await Promise.all([send(item, item.primary), send(item, other)]);
        } else {
          await send(item, item.primary);
          if (item.retry === 'after') await send(item, other);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CLIENTS }, client));
    } finally {
      for (const a of agents) a.destroy();
    }

    // every answer is an acknowledgement: 201 the first time, 200 (the same acknowledgement) for a retry
    const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 201);
    expect(unexpected.map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);
    const byDraft = new Map<string, Answer[]>();
    for (const a of answers) byDraft.set(a.item.id, [...(byDraft.get(a.item.id) ?? []), a]);
    expect(byDraft.size).toBe(items.length);
    expect(answers.length).toBe(items.length + items.filter((i) => i.retry).length);
    const acks = new Map<string, { code: string; submittedAt: string }>();
    for (const [id, list] of byDraft) {
      // one creation per draft, whichever process got there first; all its answers say the same
      expect(list.filter((a) => a.status === 201), id).toHaveLength(1);
      const said = list.map((a) => {
        const body = JSON.parse(a.body) as { id: string; code: string; submittedAt: string };
        return { id: body.id, code: body.code, submittedAt: body.submittedAt };
      });
      for (const s of said) expect(s).toEqual(said[0]);
      expect(said[0]!.id).toBe(id);
      acks.set(id, { code: said[0]!.code, submittedAt: said[0]!.submittedAt });
    }
    // both processes took part, in creations and in replays
    for (const p of [0, 1]) {
      expect(answers.filter((a) => a.process === p && a.status === 201).length, `process ${p}`).toBeGreaterThan(0);
      expect(answers.filter((a) => a.process === p && a.status === 200).length, `process ${p}`).toBeGreaterThan(0);
    }

    // the two registrars number everything (polled in the database; no time asserted beyond giving up)
    const ids = items.map((i) => i.id);
    const deadline = Date.now() + 45_000;
    for (;;) {
      const left = await owner(url, async (c) => Number((await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM applications WHERE id = ANY($1::uuid[]) AND protocol_number IS NULL`, [ids])).rows[0]!.n));
      if (left === 0) break;
      if (Date.now() > deadline) throw new Error(`${left} submissions still without a protocol number\n${programs.map((p) => p.output.slice(-1500)).join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const state = await owner(url, async (c) => ({
      apps: (await c.query<{ id: string; tenant_id: string; code: string; status: string; submitted_at: Date; protocol_year: number; protocol_number: number }>(
        `SELECT id, tenant_id, code, status, submitted_at, protocol_year, protocol_number FROM applications
          WHERE service_id = ANY($1::uuid[]) AND submitted_at IS NOT NULL ORDER BY tenant_id, submitted_at, id`, [serviceIds])).rows,
      entries: (await c.query<{ tenant_id: string; year: number; number: number; application_id: string | null; direction: string }>(
        `SELECT tenant_id, year, number, application_id, direction FROM protocol_entries ORDER BY tenant_id, year, number`)).rows,
      registers: (await c.query<{ tenant_id: string; year: number; last_number: number }>(`SELECT tenant_id, year, last_number FROM protocol_registers`)).rows,
      events: (await c.query<{ application_id: string; type: string; n: number }>(
        `SELECT application_id, type, count(*)::int AS n FROM application_events WHERE application_id = ANY($1::uuid[]) AND type IN ('submitted', 'registered', 'receipt_issued')
          GROUP BY application_id, type`, [ids])).rows,
      receipts: (await c.query<{ application_id: string; n: number }>(
        `SELECT application_id, count(*)::int AS n FROM application_documents WHERE application_id = ANY($1::uuid[]) AND kind = 'receipt' GROUP BY application_id`, [ids])).rows,
    }));

    // every acknowledged submission exists, once, as acknowledged; nothing else was submitted
    expect(state.apps.map((a) => a.id).sort()).toEqual([...ids].sort());
    for (const a of state.apps) {
      expect({ code: a.code, submittedAt: a.submitted_at.toISOString() }, a.id).toEqual(acks.get(a.id));
      expect(a.status, a.id).toBe('registered');
    }
    const count = (type: string) => new Map(state.events.filter((e) => e.type === type).map((e) => [e.application_id, e.n]));
    const submitted = count('submitted');
    const registered = count('registered');
    for (const id of ids) {
      expect(submitted.get(id), `"submitted" events of ${id}`).toBe(1);
      expect(registered.get(id), `"registered" events of ${id}`).toBe(1);
    }
    // the receipt issuers of both processes may be at work still: whatever they issued is one per application
    expect(state.receipts.filter((r) => r.n > 1)).toEqual([]);
    expect([...count('receipt_issued').values()].filter((n) => n > 1)).toEqual([]);

    // each body's register for the year: 1..N, no gap, no repeat, one entry per application, in submission order
    for (const tenantId of new Set(items.map((i) => i.tenantId))) {
      const apps = state.apps.filter((a) => a.tenant_id === tenantId);
      expect(apps).toHaveLength(PER_BODY);
      const years = new Set(apps.map((a) => a.protocol_year));
      for (const year of years) {
        const ofYear = apps.filter((a) => a.protocol_year === year);
        const entries = state.entries.filter((e) => e.tenant_id === tenantId && e.year === year);
        expect(entries.map((e) => e.number)).toEqual(entries.map((_, i) => i + 1));
        expect(entries.every((e) => e.direction === 'incoming')).toBe(true);
        // ordered by submission time (to the microsecond), then id, as the registrar orders them
        expect(ofYear.map((a) => a.protocol_number)).toEqual(ofYear.map((_, i) => i + 1));
        expect(entries.map((e) => e.application_id)).toEqual(ofYear.map((a) => a.id));
        expect(state.registers.find((r) => r.tenant_id === tenantId && r.year === year)?.last_number).toBe(ofYear.length);
      }
    }
  }, 120_000);
});
