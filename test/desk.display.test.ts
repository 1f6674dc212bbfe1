/**
 * The waiting-room display over Server-Sent Events, against real listening servers: the stream's frame (retry,
 * id, the full state on connect and after each change), a change made through a second app on the same database
 * reaching the first app's stream (the hub's poll of desk_ticket_events.seq), and a restart: the first app closes,
 * a new one on the same database answers the reconnecting display with the queue and the last calls as they were.
 * The hub's heartbeats and its end at close are checked on the hub itself, with short intervals.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskCategory, DeskCounter, DisplayState, Ticket } from '../src/contracts/desk.ts';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/connection.ts';
import { DisplayHub } from '../src/server/modules/desk/display-hub.ts';
import { QueueRepository } from '../src/server/modules/desk/queue.repository.ts';
import { clock } from '../src/server/platform/clock.ts';
import type { App } from '../src/server/platform/context.ts';
import { testConfig } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { freshDatabase } from './support/db.ts';
import { platformAdmin } from './support/forms.ts';

interface Frame { retry?: string; id?: string; event?: string; data?: string; comments: string[] }

/** A display connected the way a browser's EventSource is: GET with Accept: text/event-stream, read as it comes. */
async function openStream(base: string, officeId: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/offices/${officeId}/display`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  /** the next frame (up to a blank line), or null when the stream ended */
  async function next(): Promise<Frame | null> {
    for (;;) {
      const cut = buffer.indexOf('\n\n');
      if (cut >= 0) {
        const text = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const frame: Frame = { comments: [] };
        for (const line of text.split('\n')) {
          if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
          else {
            const i = line.indexOf(':');
            const [field, value] = [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')];
            if (field === 'data') frame.data = (frame.data ? `${frame.data}\n` : '') + value;
            else if (field === 'retry' || field === 'id' || field === 'event') frame[field] = value;
          }
        }
        return frame;
      }
      if (ended) return null;
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }
  /** the next state event that satisfies `want` (fails after a generous while rather than hanging the suite) */
  async function stateWhere(want: (s: DisplayState, frame: Frame) => boolean, waitMs = 15_000): Promise<DisplayState> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no matching state event arrived');
      let timer: NodeJS.Timeout | undefined;
      const frame = await Promise.race([next(), new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), remaining); })]);
      clearTimeout(timer);
      if (frame === 'late') throw new Error('no matching state event arrived');
      if (frame === null) throw new Error('the stream ended');
      if (frame.event !== 'state') continue;
      const state = JSON.parse(frame.data!) as DisplayState;
      expect(frame.id).toBe(state.seq);
      if (want(state, frame)) return state;
    }
  }
  return { res, next, stateWhere, close: () => controller.abort() };
}

/** every app of this file is the same deployment: one session secret, so a session signed in at one holds at the others */
const config = () => testConfig({}, { SESSION_SECRET: 'una-chiave-di-sessione-per-i-display-di-prova-0123' });

async function listen(database: Database) {
  const { app, ctx } = await buildApp(config(), database, { webDist: false, tasks: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, ctx, base: `http://127.0.0.1:${port}` };
}

describe('the display stream', () => {
  let database: Database & { url?: string };
  /** a second connection to the same database, as another server process would have (PGlite: the same one) */
  let secondDatabase: Database;
  let first: Awaited<ReturnType<typeof listen>>;
  let second: { app: App } | null = null;
  let restarted: Awaited<ReturnType<typeof listen>> | null = null;
  let firstClosed = false;
  let officeId: string;
  let category: DeskCategory;
  let counter: DeskCounter;
  let desk: TestSession;
  let reception: TestSession;

  const post = async (app: App, who: TestSession, url: string, payload: object = {}) => {
    const r = await app.inject(as(who, { method: 'POST', url, payload }));
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json();
  };

  beforeAll(async () => {
    database = await freshDatabase();
    secondDatabase = database.url ? await openDatabase({ databaseUrl: database.url, migrate: false, poolSize: 2 }) : database;
    first = await listen(database);
    const services = first.ctx.services;
    const tenant = await services.organisation.createTenant({ ...platformAdmin(randomUUID()), roles: ['platform_admin'] } as never, {
      slug: 'comune-del-display', name: 'Comune del Display', type: 'comune', fiscalCode: '00432170165', ipaCode: 'c_disp1', aooCode: 'AOO_DISP',
    } as never) as { id: string };
    officeId = (await services.organisation.createOffice(platformAdmin(tenant.id), tenant.id, {
      code: 'urp', name: 'Sportello del display', address: 'Piazza 1', postalCode: '24020', city: 'Display', province: 'BG',
      openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:00' }],
    } as never) as { id: string }).id;
    const token = await services.identity.createToken({ tenantId: tenant.id, role: 'tenant_admin', name: 'display', createdBy: 'test' });
    const admin: TestSession = { cookies: {}, headers: { authorization: `Bearer ${token.token}` } };
    category = await post(first.app, admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'C', name: "Carta d'identità" });
    counter = await post(first.app, admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 4', categoryIds: [category.id] });
    for (const email of ['display1@display.example', 'display2@display.example']) {
      await services.identity.createOperator({ tenantId: tenant.id, email, name: 'Operatore display', password: 'Password-display-1',
        grants: [{ role: 'desk', officeId }], createdBy: 'test' });
    }
    desk = await operatorLogin(first.app, 'display1@display.example', 'Password-display-1');
    reception = await operatorLogin(first.app, 'display2@display.example', 'Password-display-1');
    await post(first.app, desk, `/api/v1/counters/${counter.id}/open`);
  }, 120_000);

  afterAll(async () => {
    await second?.app.close();
    await restarted?.app.close();
    if (!firstClosed) await first?.app.close();
    if (secondDatabase !== database) await secondDatabase?.close();
    await database?.close();
  });

  it('sends retry, then the full state with its seq as id, and a new state after each change', async () => {
    const display = await openStream(first.base, officeId);
    expect(display.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const hello = await display.next();
    expect(hello!.retry).toBe('2000');
    const initial = await display.stateWhere(() => true);
    expect([initial.officeName, initial.calls, initial.queues.map((q) => q.prefix)]).toEqual(['Sportello del display', [], ['C']]);

    const ticket: Ticket = await post(first.app, reception, '/api/v1/tickets', { officeId, categoryId: category.id });
    const waiting = await display.stateWhere((s) => s.queues[0]!.waiting === 1);
    expect(waiting.queues[0]!.next).toEqual([ticket.label]);
    await post(first.app, desk, `/api/v1/counters/${counter.id}/call-next`);
    const called = await display.stateWhere((s) => s.calls.length === 1);
    expect(called.calls[0]).toMatchObject({ ticketId: ticket.id, label: ticket.label, counterName: 'Sportello 4', recall: false });
    expect(BigInt(called.seq)).toBeGreaterThan(BigInt(initial.seq));
    await post(first.app, desk, `/api/v1/tickets/${ticket.id}/served`);
    display.close();
  });

  it('hears a change committed through another app on the same database (the poll)', async () => {
    const display = await openStream(first.base, officeId);
    const before = await display.stateWhere(() => true);
    const other = await buildApp(config(), secondDatabase, { webDist: false, tasks: false });
    second = other;
    await other.app.ready();
    const ticket: Ticket = await post(other.app, reception, '/api/v1/tickets', { officeId, categoryId: category.id });
    await post(other.app, desk, `/api/v1/counters/${counter.id}/call-next`);
    const seen = await display.stateWhere((s) => s.calls.some((c) => c.ticketId === ticket.id));
    expect(BigInt(seen.seq)).toBeGreaterThan(BigInt(before.seq));
    expect(seen.calls[0]!.label).toBe(ticket.label);
    await post(other.app, desk, `/api/v1/tickets/${ticket.id}/served`);
    display.close();
  });

  it('after a restart the reconnecting display finds the queue and the last calls as they were', async () => {
    const display = await openStream(first.base, officeId);
    const queued: Ticket = await post(first.app, reception, '/api/v1/tickets', { officeId, categoryId: category.id });
    const last = await display.stateWhere((s) => s.queues[0]!.next.includes(queued.label));
    // the server goes away: the stream ends rather than hanging the shutdown
    await first.app.close();
    firstClosed = true;
    let frame: Frame | null;
    do frame = await display.next(); while (frame !== null);
    restarted = await listen(database);
    const again = await openStream(restarted.base, officeId);
    expect((await again.next())!.retry).toBe('2000');
    const state = await again.stateWhere(() => true);
    expect(state.seq).toBe(last.seq);
    expect(state.calls).toEqual(last.calls);
    expect(state.queues).toEqual(last.queues);
    // and it goes on working: the queued person is called at the restarted server
    await post(restarted.app, desk, `/api/v1/counters/${counter.id}/call-next`);
    const called = await again.stateWhere((s) => s.calls[0]?.ticketId === queued.id);
    expect(called.queues[0]!.waiting).toBe(0);
    again.close();
  });

  it('reads the positions of all watched offices in one query, and shows only today\'s calls (Rome day) on a fresh snapshot', async () => {
    const app = restarted?.app ?? first.app;
    const queue = (restarted?.ctx ?? first.ctx).services.queue;
    const perOffice = vi.spyOn(QueueRepository.prototype, 'latestSeq');
    try {
      const seqs = await queue.latestSeqs([officeId, randomUUID()]);
      expect(Number(seqs.get(officeId))).toBeGreaterThan(0);
      expect([...seqs.values()][1]).toBe('0');
      expect(perOffice).not.toHaveBeenCalled();
    } finally {
      perOffice.mockRestore();
    }
    const snapshot = async () => (await app.inject({ url: `/api/v1/offices/${officeId}/display` })).json() as DisplayState;
    expect((await snapshot()).calls.length).toBeGreaterThan(0);
    clock.advanceDays(1);
    try {
      expect((await snapshot()).calls).toEqual([]);
    } finally {
      clock.reset();
    }
  });

  it('answers a plain 404 for an office that does not exist, and JSON without the stream header', async () => {
    const base = restarted?.base ?? first.base;
    const missing = await fetch(`${base}/api/v1/offices/${randomUUID()}/display`, { headers: { accept: 'text/event-stream' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    const snapshot = await fetch(`${base}/api/v1/offices/${officeId}/display`);
    expect(snapshot.headers.get('content-type')).toMatch(/json/);
    expect(((await snapshot.json()) as DisplayState).officeId).toBe(officeId);
  });
});

describe('the display hub', () => {
  const state = (seq: string): DisplayState => ({ officeId: 'o', officeName: 'Ufficio', seq, calls: [], queues: [] });

  it('sends heartbeats while someone watches, wakes on a local change, polls for others, and ends every stream when stopped', async () => {
    let seq = 1;
    let loads = 0;
    const hub = new DisplayHub(async () => {
      loads++;
      return state(String(seq));
    }, async (ids) => new Map(ids.map((id) => [id, String(seq)])), { pollMs: 20, heartbeatMs: 20 });
    const got: string[] = [];
    let beats = 0;
    let ended = false;
    let resolveBeat!: () => void;
    const beat = new Promise<void>((r) => { resolveBeat = r; });
    let resolveSeen!: (s: string) => void;
    let waitFor = '3';
    let seen = new Promise<string>((r) => { resolveSeen = r; });
    const leave = await hub.subscribe('o', {
      send: (s) => {
        got.push(s.seq);
        if (s.seq === waitFor) resolveSeen(s.seq);
      },
      heartbeat: () => {
        beats++;
        resolveBeat();
      },
      end: () => { ended = true; },
    });
    expect(got).toEqual(['1']);
    await beat;
    expect(beats).toBeGreaterThan(0);
    // a local change: told at once
    seq = 3;
    hub.wake('o');
    expect(await seen).toBe('3');
    // a change elsewhere: the poll notices the seq moved
    waitFor = '4';
    seen = new Promise<string>((r) => { resolveSeen = r; });
    seq = 4;
    expect(await seen).toBe('4');
    expect(loads).toBeGreaterThanOrEqual(3);
    expect(hub.watching('o')).toBe(1);
    await hub.stop();
    expect(ended).toBe(true);
    expect(hub.watching('o')).toBe(0);
    leave();
  });

  it('stops its timers when the last subscriber leaves', async () => {
    let polls = 0;
    const hub = new DisplayHub(async () => state('1'), async (ids) => {
      polls++;
      return new Map(ids.map((id) => [id, '1']));
    }, { pollMs: 10, heartbeatMs: 10 });
    const leave = await hub.subscribe('o', { send: () => {}, heartbeat: () => {}, end: () => {} });
    leave();
    const after = polls;
    await new Promise((r) => setTimeout(r, 60));
    expect(polls).toBe(after);
    await hub.stop();
  });
});
