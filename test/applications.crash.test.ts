/**
 * Issue 4, "nothing lost": an acknowledged submission survives a crash of the process right after the answer,
 * and retries (same Idempotency-Key, or a second tab) give one application and one protocol number.
 *
 * The real program (`node bin/sportello.js start`) runs as a child process on a data folder (and, on PostgreSQL, a
 * database) prepared beforehand in this process: a service with an online form, citizens logged in through the
 * bundled identity provider, complete drafts with their attachment. The child is killed with SIGKILL in the same
 * tick as the client receives a 201, started again on the same data, and the applications are checked through
 * the API and, at the end, in the database itself.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/connection.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { ensureWebBuild, webBuildIsStale } from '../src/server/web-build.ts';
import { freePort, testConfig } from './support/app.ts';
import { ProgramProcess, request } from './support/program.ts';
import { as, type TestSession } from './support/auth.ts';
import { freshDatabase } from './support/db.ts';
import { createFormService, PDF, VALID_ANSWERS } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIRST = 'giulia-ferrari';
const OTHERS = ['marco-colombo', 'luca-moretti', 'francesca-galli', 'paolo-rinaldi', 'sara-villa'];
/** in the second round, the child is killed when this many submissions have been acknowledged */
const KILL_AFTER = 3;

interface Draft {
  person: string;
  session: TestSession;
  id: string;
  /** the Idempotency-Key this client uses for its submission, and again for every retry of it */
  key: string;
}

interface Ack {
  id: string;
  code: string;
  status: string;
  submittedAt: string;
  protocol: unknown;
}

function multipart(requirementId: string, file: { name: string; content: Buffer }) {
  const boundary = '----sportello-crash-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${requirementId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('an acknowledged submission survives a crash of the process right after the answer', () => {
  let dataDir: string;
  let pgUrl: string | undefined;
  let child: ProgramProcess;
  let serviceId: string;
  const drafts: Draft[] = [];
  /** the body's register after the demo seed (its history is numbered already): the submissions here come next */
  let tenantId = '';
  let base = 0;
  const numberAfter = (n: number) => String(base + n).padStart(7, '0');

  const submit = (d: Draft, key = d.key, onResponse?: (status: number) => void) =>
    request(child.base, d.session, { method: 'POST', path: `/api/v1/applications/${d.id}/submit`, headers: { 'idempotency-key': key }, body: {} }, onResponse);
  const read = async (d: Draft) => {
    const r = await request(child.base, d.session, { path: `/api/v1/applications/${d.id}` });
    expect(r.status, r.body).toBe(200);
    return r.json() as { status: string; code: string; submittedAt: string; protocol: { number: string; year: number } | null; documents: { kind: string; href: string }[] };
  };
  const historyOf = async (d: Draft) => {
    const r = await request(child.base, d.session, { path: `/api/v1/applications/${d.id}/history` });
    expect(r.status, r.body).toBe(200);
    return (r.json().items as { type: string }[]).map((e) => e.type);
  };
  /** Polls until every draft has its protocol number and its receipt; returns their details. */
  const registered = async (list: Draft[], withinMs = 15_000) => {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const details = await Promise.all(list.map(read));
      if (details.every((d) => d.status === 'registered' && d.protocol && d.documents.some((x) => x.kind === 'receipt'))) return details;
      if (Date.now() > deadline) {
        throw new Error(`not registered with a receipt within ${withinMs} ms: ${JSON.stringify(details.map((d) => ({ status: d.status, protocol: d.protocol, documents: d.documents.length })))}\n${child.output.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    // The program builds the front end when it is missing or stale; do it here, so that no start below waits on it.
    if (webBuildIsStale()) await ensureWebBuild(() => undefined);
    dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-crash-'));
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const sessionSecret = randomBytes(32).toString('hex');

    // Prepared in this process, then closed: a PGlite data folder can be open in one process at a time.
    let database: Database;
    if (process.env.DATABASE_URL) {
      const fresh = await freshDatabase();
      database = fresh;
      pgUrl = fresh.url;
    } else {
      const tar = await readFile(inject('pgliteTemplate'));
      database = await openDatabase({ pgliteDir: path.join(dataDir, 'pg'), loadDataDir: new Blob([tar]), migrate: false });
    }
    const config = testConfig({ dataDir }, { PUBLIC_URL: publicUrl, SESSION_SECRET: sessionSecret });
    const { app, ctx } = await buildApp(config, database, { webDist: false, tasks: false });
    try {
      await seedDemo(database.db, ctx.services);
      await app.ready();
      tenantId = (await ctx.services.tenants.get('comune-di-castelrocca')).id;
      base = (await inScope(database.db, { platform: true }, (trx) => trx.selectFrom('protocol_registers').select('last_number')
        .where('tenant_id', '=', tenantId).where('year', '=', new Date().getFullYear()).executeTakeFirst()))?.last_number ?? 0;
      serviceId = await createFormService(ctx, 'comune-di-castelrocca');
      for (const person of [FIRST, ...OTHERS]) {
        const session = (await citizenLogin(app, publicUrl, person)).browser.session();
        const started = await app.inject(as(session, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
        expect(started.statusCode, started.body).toBe(201);
        const draft = started.json();
        const saved = await app.inject(as(session, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`,
          payload: { data: { alloggio: VALID_ANSWERS.alloggio, richiedente: { ...draft.data.richiedente, email: draft.data.richiedente.email ?? `${person}@example.org` } } } }));
        expect(saved.statusCode, saved.body).toBe(200);
        const body = multipart('documento', { name: `documento-${person}.pdf`, content: PDF(person) });
        const uploaded = await app.inject(as(session, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: body.payload, headers: body.headers }));
        expect(uploaded.statusCode, uploaded.body).toBe(201);
        drafts.push({ person, session, id: draft.id, key: `submit-${randomUUID()}` });
      }
    } finally {
      await app.close();
      await database.close();
    }

    child = new ProgramProcess({
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), TMPDIR: tmpdir(),
      SPORTELLO_MODE: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: publicUrl,
      DATA_DIR: dataDir, SESSION_SECRET: sessionSecret, ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
    }, publicUrl);
  }, 180_000);

  afterAll(async () => {
    await child?.stop('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps one submission acknowledged just before SIGKILL: registered after the restart with the next number, with its receipt', async () => {
    const d = drafts[0]!;
    await child.start();
    let killedAt = 0;
    const answer = await submit(d, d.key, (status) => {
      if (status === 201) {
        child.kill();
        killedAt = performance.now();
      }
    });
    expect(answer.status, answer.body).toBe(201);
    expect(killedAt).toBeGreaterThan(0);
    const ack = answer.json() as unknown as Ack;
    expect(ack).toMatchObject({ id: d.id, status: 'submitted', protocol: null });
    await child.exited;

    await child.start();
    const before = await read(d);
    expect(['submitted', 'registered']).toContain(before.status);
    expect(before.submittedAt).toBe(ack.submittedAt);
    expect(before.code).toBe(ack.code);

    const [after] = await registered([d]);
    expect(after!.protocol!.number).toBe(numberAfter(1));
    const receipt = after!.documents.find((x) => x.kind === 'receipt')!;
    const pdf = await request(child.base, d.session, { path: receipt.href });
    expect(pdf.status).toBe(200);
    expect(pdf.body.startsWith('%PDF-')).toBe(true);

    // the client never saw the answer, say, and retries with the same key: the same acknowledgement, nothing new
    const retry = await submit(d);
    expect(retry.status, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ id: ack.id, code: ack.code, submittedAt: ack.submittedAt });
    // a second tab, with a key of its own
    const tab = await submit(d, `submit-${randomUUID()}`);
    expect(tab.status, tab.body).toBe(200);
    expect(tab.json()).toMatchObject({ id: ack.id, code: ack.code, submittedAt: ack.submittedAt });
    expect((await read(d)).protocol!.number).toBe(numberAfter(1));
    const history = await historyOf(d);
    expect(history.filter((t) => t === 'submitted')).toHaveLength(1);
    expect(history.filter((t) => t === 'registered')).toHaveLength(1);
    expect(history.filter((t) => t === 'receipt_issued')).toHaveLength(1);
  }, 150_000);

  it(`keeps every acknowledged one when killed after the ${KILL_AFTER}rd of ${OTHERS.length} concurrent submissions; retries give gapless numbers in submission order`, async () => {
    const round = drafts.slice(1);
    const acks = new Map<string, Ack>();
    let acknowledged = 0;
    let killed = false;
    const outcomes = await Promise.allSettled(round.map((d) => submit(d, d.key, (status) => {
      if (status !== 201) return;
      acknowledged++;
      if (acknowledged === KILL_AFTER && !killed) {
        killed = true;
        child.kill();
      }
    }).then((a) => {
      if (a.status === 201) acks.set(d.id, a.json() as unknown as Ack);
      return a;
    })));
    await child.exited;
    expect(killed).toBe(true);
    // a 201 is an acknowledgement, even one that reached the client after the kill; anything else gets retried
    for (const [i, o] of outcomes.entries()) {
      if (o.status === 'fulfilled') expect([201], o.value.body).toContain(o.value.status);
      else expect(acks.has(round[i]!.id)).toBe(false);
    }
    expect(acks.size).toBeGreaterThanOrEqual(KILL_AFTER);

    await child.start();
    // every acknowledged submission is there, as acknowledged
    for (const d of round.filter((x) => acks.has(x.id))) {
      const now = await read(d);
      const ack = acks.get(d.id)!;
      expect(['submitted', 'registered']).toContain(now.status);
      expect({ code: now.code, submittedAt: now.submittedAt }).toEqual({ code: ack.code, submittedAt: ack.submittedAt });
    }
    // the clients retry what was not acknowledged, with the same keys; the acknowledged ones retry too (lost reply)
    const retries = await Promise.all(round.map((d) => submit(d)));
    for (const [i, r] of retries.entries()) {
      const d = round[i]!;
      if (acks.has(d.id)) {
        expect(r.status, r.body).toBe(200);
        expect(r.json()).toMatchObject({ id: d.id, code: acks.get(d.id)!.code, submittedAt: acks.get(d.id)!.submittedAt });
      } else {
        // 201 if the crash came before its commit, 200 (the same acknowledgement) if after
        expect([200, 201], r.body).toContain(r.status);
        acks.set(d.id, r.json() as unknown as Ack);
      }
    }

    const all = await registered(drafts);
    const rows = drafts.map((d, i) => ({ id: d.id, submittedAt: acks.get(d.id)?.submittedAt ?? all[i]!.submittedAt, number: Number(all[i]!.protocol!.number) }));
    // the next N numbers: no gap, no repeat …
    expect(rows.map((r) => r.number).sort((a, b) => a - b)).toEqual(rows.map((_, i) => base + i + 1));
    // … in the order of submission, as far as the milliseconds of the acknowledgement tell (two submissions in one
    // millisecond are told apart in the database's microseconds: the next test checks that order exactly)
    for (const a of rows) for (const b of rows) if (a.submittedAt < b.submittedAt) expect(a.number, `${a.submittedAt} before ${b.submittedAt}`).toBeLessThan(b.number);
    for (const d of round) {
      const history = await historyOf(d);
      expect(history.filter((t) => t === 'submitted'), d.person).toHaveLength(1);
      expect(history.filter((t) => t === 'registered'), d.person).toHaveLength(1);
    }
  }, 150_000);

  it('leaves the register itself consistent: one entry per application, the next N numbers, and the counter after them', async () => {
    await child.stop();
    const ids = drafts.map((d) => d.id);
    const check = async (database: Database) => inScope(database.db, { platform: true }, async (trx) => ({
      entries: await trx.selectFrom('protocol_entries').select(['number', 'application_id']).where('tenant_id', '=', tenantId).where('number', '>', base).orderBy('number').execute(),
      registers: await trx.selectFrom('protocol_registers').select(['last_number']).where('tenant_id', '=', tenantId).where('year', '=', new Date().getFullYear()).execute(),
      // submission time in microseconds, as the registrar orders by it
      apps: await trx.selectFrom('applications').select(['id', 'status', 'protocol_number', sql<string>`to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`.as('submitted')])
        .where('id', 'in', ids).orderBy('submitted_at').orderBy('id').execute(),
    }));
    const database = pgUrl
      ? await openDatabase({ databaseUrl: pgUrl, migrate: false, poolSize: 1 })
      : await openDatabase({ pgliteDir: path.join(dataDir, 'pg'), migrate: false });
    let state: Awaited<ReturnType<typeof check>>;
    try {
      state = await check(database);
    } finally {
      await database.close();
    }
    expect(state.entries.map((e) => e.number)).toEqual(ids.map((_, i) => base + i + 1));
    expect(new Set(state.entries.map((e) => e.application_id)).size).toBe(ids.length);
    expect([...state.entries.map((e) => e.application_id)].sort()).toEqual([...ids].sort());
    expect(state.registers.map((r) => r.last_number)).toEqual([base + ids.length]);
    expect(state.apps.every((a) => a.status === 'registered' && a.protocol_number !== null)).toBe(true);
    // numbered in the order of submission, to the microsecond
    expect(state.apps.map((a) => a.protocol_number)).toEqual(state.apps.map((_, i) => base + i + 1));
  }, 150_000);
});
