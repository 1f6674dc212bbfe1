/**
 * The take-a-number queue over HTTP, on a body of its own: numbers that never repeat in a day (a race of 50) and
 * restart the next Rome day, call-next safe when two counters call at once and in the right order, recall,
 * transfer, served and no-show with their events, appointment check-in and its refusals, floor devices and
 * their keys, ratings, the estimated wait and the display's snapshot.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskCategory, DeskCounter, DisplayState, QueueState, Ticket } from '../src/contracts/desk.ts';
import { clock } from '../src/server/platform/clock.ts';
import { romeDate } from '../src/server/platform/legal-clock.ts';
import { actorOf } from '../src/server/platform/context.ts';
import { rateLimitKey } from '../src/server/platform/rate-limit-key.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { deviceOf } from '../src/server/modules/desk/devices.ts';
import { simulateDeskDays } from '../src/server/modules/desk/desk-simulator.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, platformAdmin } from './support/forms.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let tenantId: string;
let officeId: string;
let otherOfficeId: string;
let otherTenantOfficeId: string;
let serviceId: string;
let admin: TestSession;
let desk1: TestSession;
let desk2: TestSession;
let otherDesk: TestSession;
let foreignDesk: TestSession;
let anagrafe: DeskCategory;
let tributi: DeskCategory;
let stato: DeskCategory;
let otherOfficeCategory: DeskCategory;
let counter1: DeskCounter;
let counter2: DeskCounter;
let kioskKey: string;
let kioskId: string;
let ratingKey: string;

type Who = TestSession | { device: string } | null;
const call = (who: Who, opts: InjectOptions) => {
  if (who && 'device' in who) return t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), 'x-desk-device': who.device } });
  return t.app.inject(who ? as(who, opts) : opts);
};
const post = (who: Who, url: string, payload: object = {}, headers: Record<string, string> = {}) => call(who, { method: 'POST', url, payload, headers });
const ok = <T>(r: Awaited<ReturnType<typeof call>>, status = 200): T => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
};
const issue = async (who: Who, categoryId: string, office = officeId) => ok<Ticket>(await post(who, '/api/v1/tickets', { officeId: office, categoryId }), 201);
const callNext = async (who: Who, counterId: string) => ok<{ ticket: Ticket | null }>(await post(who, `/api/v1/counters/${counterId}/call-next`)).ticket;
const events = (ticketId: string) => inScope(t.database.db, { platform: true }, (trx) =>
  trx.selectFrom('desk_ticket_events').select(['kind', 'counter_id', 'category_id']).where('ticket_id', '=', ticketId).orderBy('seq').execute());
/** Moves a ticket's times back (minutes ago), as if the morning had passed. */
const backdate = (ticketId: string, issuedMinutesAgo: number) => inScope(t.database.db, { platform: true }, (trx) =>
  trx.updateTable('desk_tickets').set({ issued_at: new Date(clock.now().getTime() - issuedMinutesAgo * 60_000) }).where('id', '=', ticketId).execute());
/** Finishes everything waiting or called today at the office, so a test starts from an empty queue. */
const emptyQueue = (office = officeId) => inScope(t.database.db, { platform: true }, (trx) =>
  trx.updateTable('desk_tickets').set({ status: 'cancelled', finished_at: clock.now() }).where('office_id', '=', office).where('status', 'in', ['waiting', 'called']).execute());

async function staff(email: string, role: 'desk' | 'manager', office: string | null, tenant = tenantId) {
  await t.ctx.services.identity.createOperator({ tenantId: tenant, email, name: `Operatore ${email.slice(0, 6)}`, password: 'Password-coda-1',
    grants: [{ role, officeId: office }], createdBy: 'test' });
  return operatorLogin(t.app, email, 'Password-coda-1');
}

async function newTenant(slug: string, fiscalCode: string) {
  const tenant = await t.ctx.services.organisation.createTenant({ ...platformAdmin(randomUUID()), roles: ['platform_admin'] } as never, {
    slug, name: `Comune ${slug}`, type: 'comune', fiscalCode, ipaCode: `c_${slug.slice(-6)}`, aooCode: 'AOO_CODA',
  } as never) as { id: string; slug: string };
  const office = (code: string, name: string) => t.ctx.services.organisation.createOffice(platformAdmin(tenant.id), tenant.id, {
    code, name, address: 'Piazza del Municipio 1', postalCode: '24020', city: 'Coda', province: 'BG',
    openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:00' }],
  } as never) as Promise<{ id: string }>;
  return { tenant, office };
}

beforeAll(async () => {
  t = await testApp();
  const own = await newTenant('comune-della-coda', '00432170165');
  tenantId = own.tenant.id;
  officeId = (await own.office('urp', 'Sportello polifunzionale')).id;
  otherOfficeId = (await own.office('tributi', 'Ufficio tributi')).id;
  serviceId = await createFormService(t.ctx, own.tenant.slug, { officeCode: 'urp' });
  const other = await newTenant('comune-di-altrove', '00000000000');
  otherTenantOfficeId = (await other.office('urp', 'Sportello di Altrove')).id;

  const token = await t.ctx.services.identity.createToken({ tenantId, role: 'tenant_admin', name: 'coda', createdBy: 'test' });
  admin = { cookies: {}, headers: { authorization: `Bearer ${token.token}` } };
  desk1 = await staff('sportello1@coda.example', 'desk', officeId);
  desk2 = await staff('sportello2@coda.example', 'desk', officeId);
  otherDesk = await staff('tributi@coda.example', 'desk', otherOfficeId);
  foreignDesk = await staff('altrove@altrove.example', 'desk', otherTenantOfficeId, other.tenant.id);

  const category = async (office: string, prefix: string, name: string) =>
    ok<DeskCategory>(await post(admin, `/api/v1/offices/${office}/desk-categories`, { prefix, name }), 201);
  anagrafe = await category(officeId, 'A', 'Anagrafe');
  tributi = await category(officeId, 'T', 'Tributi');
  stato = await category(officeId, 'S', 'Stato civile');
  otherOfficeCategory = await category(otherOfficeId, 'A', 'Tributi e tasse');
  counter1 = ok<DeskCounter>(await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 1', categoryIds: [anagrafe.id, tributi.id] }), 201);
  counter2 = ok<DeskCounter>(await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 2', categoryIds: [anagrafe.id, stato.id] }), 201);
  const kiosk = ok<{ device: { id: string }; key: string; pairPath: string }>(await post(admin, `/api/v1/offices/${officeId}/devices`, { kind: 'kiosk', name: 'Totem ingresso' }), 201);
  kioskKey = kiosk.key;
  kioskId = kiosk.device.id;
  expect(kiosk.pairPath).toBe(`/sportello/abbina#chiave=${kiosk.key}`);
  ratingKey = ok<{ key: string }>(await post(admin, `/api/v1/offices/${officeId}/devices`, { kind: 'rating', name: 'Tablet sportello 1', counterId: counter1.id }), 201).key;
  ok(await post(desk1, `/api/v1/counters/${counter1.id}/open`));
  ok(await post(desk2, `/api/v1/counters/${counter2.id}/open`));
}, 120_000);
afterAll(async () => {
  clock.reset();
  await t?.close();
});

describe('set-up', () => {
  it('lists categories and counters to the desk staff and the office devices, and refuses the others', async () => {
    const cats = ok<{ items: DeskCategory[] }>(await call(desk1, { url: `/api/v1/offices/${officeId}/desk-categories` })).items;
    expect(cats.map((c) => c.prefix)).toEqual(['A', 'S', 'T']);
    expect(ok<{ items: DeskCategory[] }>(await call({ device: kioskKey }, { url: `/api/v1/offices/${officeId}/desk-categories` })).items).toHaveLength(3);
    expect((await call({ device: kioskKey }, { url: `/api/v1/offices/${otherOfficeId}/desk-categories` })).statusCode).toBe(403);
    expect((await call(null, { url: `/api/v1/offices/${officeId}/desk-categories` })).statusCode).toBe(401);
    expect((await call(foreignDesk, { url: `/api/v1/offices/${officeId}/desk-categories` })).statusCode).toBe(404);
    const counters = ok<{ items: DeskCounter[] }>(await call(desk1, { url: `/api/v1/offices/${officeId}/counters` })).items;
    expect(counters.map((c) => [c.name, c.open])).toEqual([['Sportello 1', true], ['Sportello 2', true]]);
    expect(counters[0]!.operatorName).toBe('Operatore sporte');
    expect((await call(otherDesk, { url: `/api/v1/offices/${officeId}/counters` })).statusCode).toBe(403);
  });

  it('refuses a letter taken in the office, a counter name taken, and categories of another office', async () => {
    expect((await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'A', name: 'Altro' })).statusCode).toBe(409);
    expect((await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'a', name: 'Minuscola' })).statusCode).toBe(400);
    expect((await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 1', categoryIds: [] })).statusCode).toBe(409);
    const r = await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 9', categoryIds: [otherOfficeCategory.id] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('body.categoryIds');
    expect((await post(desk1, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'Z', name: 'Non mia' })).statusCode).toBe(403);
  });
});

describe('ticket numbers', () => {
  it('issues 50 numbers at once in one category: 1..50, no gaps, no repeats', async () => {
    const cat = ok<DeskCategory>(await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'R', name: 'Raffica', active: true }), 201);
    const tickets = await Promise.all(Array.from({ length: 50 }, (_, i) => issue(i % 2 ? desk1 : { device: kioskKey }, cat.id)));
    const numbers = tickets.map((x) => Number(x.label.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(tickets.map((x) => x.label)).size).toBe(50);
    expect(tickets.find((x) => x.label === 'R001')!.channel).toMatch(/kiosk|reception/);
    expect(tickets.every((x) => x.day === clock.today())).toBe(true);
    await emptyQueue();
    ok(await call(admin, { method: 'PUT', url: `/api/v1/desk-categories/${cat.id}`, payload: { prefix: 'R', name: 'Raffica', active: false } }));
  });

  it('restarts the numbers the next Rome day, and gives the same ticket again for the same Idempotency-Key', async () => {
    const first = await issue(desk1, tributi.id);
    const key = { 'idempotency-key': `ticket-${randomUUID()}` };
    const once = await post({ device: kioskKey }, '/api/v1/tickets', { officeId, categoryId: tributi.id }, key);
    const again = await post({ device: kioskKey }, '/api/v1/tickets', { officeId, categoryId: tributi.id }, key);
    expect(once.statusCode).toBe(201);
    expect(again.json().id).toBe(once.json().id);
    expect(Number(once.json().label.slice(1))).toBe(Number(first.label.slice(1)) + 1);
    clock.advanceDays(1);
    try {
      const tomorrow = await issue(desk1, tributi.id);
      expect(tomorrow.label).toBe('T001');
      expect(tomorrow.day).toBe(romeDate(clock.now()));
      expect(tomorrow.day).not.toBe(first.day);
    } finally {
      clock.reset();
      await emptyQueue();
    }
  });

  it('issues only in an active category of the office named', async () => {
    const closed = ok<DeskCategory>(await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'Z', name: 'Chiusa', active: false }), 201);
    expect((await post(desk1, '/api/v1/tickets', { officeId, categoryId: closed.id })).statusCode).toBe(409);
    expect(ok<{ items: QueueState[] }>(await call(null, { url: `/api/v1/queues?office=${officeId}` })).items.map((q) => q.prefix)).not.toContain('Z');
    expect((await post(desk1, '/api/v1/tickets', { officeId, categoryId: otherOfficeCategory.id })).statusCode).toBe(400);
    expect((await post(otherDesk, '/api/v1/tickets', { officeId, categoryId: anagrafe.id })).statusCode).toBe(403);
    expect((await post(foreignDesk, '/api/v1/tickets', { officeId, categoryId: anagrafe.id })).statusCode).toBe(404);
    expect((await post(null, '/api/v1/tickets', { officeId, categoryId: anagrafe.id })).statusCode).toBe(401);
  });
});

describe('labels that never repeat', () => {
  it('refuses a new letter for a category that gave numbers today, and takes it in a category that gave none', async () => {
    const used = ok<DeskCategory>(await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'P', name: 'Protocollo' }), 201);
    await issue(desk1, used.id);
    const put = (id: string, prefix: string) => call(admin, { method: 'PUT', url: `/api/v1/desk-categories/${id}`, payload: { prefix, name: 'Protocollo', active: false } });
    const refused = await put(used.id, 'Q');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('lettera P');
    expect(ok<DeskCategory>(await put(used.id, 'P')).active).toBe(false);
    const unused = ok<DeskCategory>(await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'K', name: 'Ragioneria', active: false }), 201);
    expect(ok<DeskCategory>(await put(unused.id, 'W')).prefix).toBe('W');
    await emptyQueue();
  });

  it('carries on after a number written around the sequence instead of failing, and the simulator writes past days only', async () => {
    const before = await issue(desk1, tributi.id);
    const n = Number(before.label.slice(1));
    await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('desk_tickets').values({
      tenant_id: tenantId, office_id: officeId, category_id: tributi.id, day: before.day, issued_category_id: tributi.id, number: n + 1,
      label: `T${String(n + 1).padStart(3, '0')}`, channel: 'simulated', appointment_id: null, priority_from: null, issued_at: clock.now(),
    }).execute());
    const after = await issue(desk1, tributi.id);
    expect(Number(after.label.slice(1))).toBe(n + 2);
    expect(Number((await issue(desk1, tributi.id)).label.slice(1))).toBe(n + 3);
    await expect(simulateDeskDays(t.database.db, { tenantId, officeId, days: [clock.today()], seed: 1 })).rejects.toThrow(/past days only/);
    await emptyQueue();
  });
});

describe('calling', () => {
  it('never gives the same ticket to two counters calling at once', async () => {
    await emptyQueue();
    const issued = [];
    for (let i = 0; i < 12; i++) issued.push(await issue(desk1, anagrafe.id));
    const seen: string[] = [];
    for (let round = 0; round < 7; round++) {
      const [a, b] = await Promise.all([callNext(desk1, counter1.id), callNext(desk2, counter2.id)]);
      for (const [who, x] of [[desk1, a], [desk2, b]] as const) {
        if (!x) continue;
        seen.push(x.id);
        ok(await post(who, `/api/v1/tickets/${x.id}/served`));
      }
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(new Set(seen)).toEqual(new Set(issued.map((x) => x.id)));
  });

  it('calls transferred tickets first, then appointments whose time has come, then by arrival', async () => {
    await emptyQueue();
    const early = await issue(desk1, anagrafe.id);
    await backdate(early.id, 30);
    const second = await issue(desk1, anagrafe.id);
    await backdate(second.id, 20);
    const appointment = await appointmentTicket(new Date(clock.now().getTime() - 5 * 60_000));
    const later = await issue(desk1, tributi.id);
    // a ticket of Stato civile (not served at counter 1) transferred to counter 1
    const transferred = await issue(desk1, stato.id);
    ok<Ticket>(await post(desk2, `/api/v1/tickets/${transferred.id}/transfer`, { counterId: counter1.id }));
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const x = await callNext(desk1, counter1.id);
      order.push(x!.label);
      ok(await post(desk1, `/api/v1/tickets/${x!.id}/served`));
    }
    expect(order).toEqual([transferred.label, appointment.label, early.label, second.label, later.label]);
    expect(await callNext(desk1, counter1.id)).toBeNull();
  });

  it('answers 409 while the counter still has a called ticket, and when it is closed', async () => {
    await emptyQueue();
    await issue(desk1, anagrafe.id);
    await issue(desk1, anagrafe.id);
    const first = await callNext(desk1, counter1.id);
    const again = await post(desk1, `/api/v1/counters/${counter1.id}/call-next`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(first!.label);
    expect((await post(desk1, `/api/v1/counters/${counter1.id}/close`)).statusCode).toBe(409);
    const view = ok<{ current: Ticket | null; queues: QueueState[]; seq: string }>(await call(desk1, { url: `/api/v1/counters/${counter1.id}` }));
    expect(view.current!.id).toBe(first!.id);
    expect(view.queues.find((q) => q.categoryId === anagrafe.id)!.waiting).toBe(1);
    ok(await post(desk1, `/api/v1/tickets/${first!.id}/no-show`));
    const closed = ok<DeskCounter>(await post(desk1, `/api/v1/counters/${counter1.id}/close`));
    expect(closed.open).toBe(false);
    expect((await post(desk1, `/api/v1/counters/${counter1.id}/call-next`)).statusCode).toBe(409);
    ok(await post(desk1, `/api/v1/counters/${counter1.id}/open`));
    const sessions = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_counter_sessions').select(['opened_at', 'closed_at'])
      .where('counter_id', '=', counter1.id).orderBy('opened_at').execute());
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.closed_at === null)).toHaveLength(1);
  });

  it('moves an operator who opens another counter: the one they held closes', async () => {
    const spare = ok<DeskCounter>(await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 3', categoryIds: [anagrafe.id] }), 201);
    const opened = ok<DeskCounter>(await post(desk1, `/api/v1/counters/${spare.id}/open`, { categoryIds: [tributi.id] }));
    expect([opened.open, opened.categoryIds]).toEqual([true, [tributi.id]]);
    const counters = ok<{ items: DeskCounter[] }>(await call(desk1, { url: `/api/v1/offices/${officeId}/counters` })).items;
    expect(counters.find((c) => c.id === counter1.id)!.open).toBe(false);
    expect((await post(desk1, `/api/v1/counters/${spare.id}/open`, { categoryIds: [otherOfficeCategory.id] })).statusCode).toBe(400);
    ok(await post(desk1, `/api/v1/counters/${spare.id}/close`));
    ok(await post(desk1, `/api/v1/counters/${counter1.id}/open`));
    // a counter taken out of service closes and cannot be opened
    ok(await call(admin, { method: 'PUT', url: `/api/v1/counters/${spare.id}`, payload: { name: 'Sportello 3', categoryIds: [anagrafe.id], active: false } }));
    expect((await post(desk2, `/api/v1/counters/${spare.id}/open`)).statusCode).toBe(409);
  });

  it('recalls, transfers to a category, serves and marks no-show, appending each step', async () => {
    await emptyQueue();
    const x = await issue(desk1, anagrafe.id);
    expect((await post(desk1, `/api/v1/tickets/${x.id}/recall`)).statusCode).toBe(409);
    const called = await callNext(desk1, counter1.id);
    expect(called!.id).toBe(x.id);
    const recalled = ok<Ticket>(await post(desk1, `/api/v1/tickets/${x.id}/recall`));
    expect(recalled.callCount).toBe(2);
    const moved = ok<Ticket>(await post(desk1, `/api/v1/tickets/${x.id}/transfer`, { categoryId: stato.id }));
    expect([moved.status, moved.categoryId, moved.counterId, moved.label, moved.issuedAt]).toEqual(['waiting', stato.id, null, x.label, x.issuedAt]);
    expect((await post(desk1, `/api/v1/tickets/${x.id}/transfer`, { categoryId: stato.id, counterId: counter2.id })).statusCode).toBe(400);
    // counter 1 does not serve Stato civile; counter 2 does
    expect(await callNext(desk1, counter1.id)).toBeNull();
    expect((await callNext(desk2, counter2.id))!.id).toBe(x.id);
    ok(await post(desk2, `/api/v1/tickets/${x.id}/served`));
    expect((await post(desk2, `/api/v1/tickets/${x.id}/served`)).statusCode).toBe(409);
    expect((await events(x.id)).map((e) => e.kind)).toEqual(['issued', 'called', 'recalled', 'transferred', 'called', 'served']);
    const times = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_tickets').select(['first_called_at', 'called_at', 'finished_at', 'issued_at'])
      .where('id', '=', x.id).executeTakeFirstOrThrow());
    expect(times.first_called_at!.getTime()).toBeLessThanOrEqual(times.called_at!.getTime());
    expect(times.finished_at).not.toBeNull();
  });

  it('lets only the operator holding a counter call there and act on its called ticket; counters carry their operator\'s id', async () => {
    await emptyQueue();
    const x = await issue(desk1, anagrafe.id);
    const held = await post(desk2, `/api/v1/counters/${counter1.id}/call-next`);
    expect(held.statusCode).toBe(409);
    expect(held.json().type).toMatch(/\/counter-held$/);
    expect(held.json().detail).toContain('altro operatore');
    expect((await callNext(desk1, counter1.id))!.id).toBe(x.id);
    for (const action of ['recall', 'served', 'no-show']) {
      const r = await post(desk2, `/api/v1/tickets/${x.id}/${action}`);
      expect(r.statusCode, action).toBe(409);
      expect(r.json().type).toMatch(/\/counter-held$/);
    }
    expect((await post(desk2, `/api/v1/tickets/${x.id}/transfer`, { categoryId: stato.id })).statusCode).toBe(409);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));
    const counters = ok<{ items: DeskCounter[] }>(await call(desk1, { url: `/api/v1/offices/${officeId}/counters` })).items;
    const one = counters.find((c) => c.id === counter1.id)!;
    const two = counters.find((c) => c.id === counter2.id)!;
    expect(one.operatorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(two.operatorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(one.operatorId).not.toBe(two.operatorId);
    expect(one.operatorName).not.toBeNull();
    expect(counters.filter((c) => !c.open).every((c) => c.operatorId === null && c.operatorName === null)).toBe(true);
  });

  it('refuses a transfer to a closed counter, and gives the tickets waiting for a counter back to their category when it closes or leaves service', async () => {
    await emptyQueue();
    const x = await issue(desk1, anagrafe.id);
    ok<Ticket>(await post(desk1, `/api/v1/tickets/${x.id}/transfer`, { counterId: counter2.id }));
    ok(await post(desk2, `/api/v1/counters/${counter2.id}/close`));
    const closed = await post(desk1, `/api/v1/tickets/${x.id}/transfer`, { counterId: counter2.id });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().type).toMatch(/\/counter-closed$/);
    const back = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_tickets').select(['counter_id', 'category_id', 'issued_at', 'status'])
      .where('id', '=', x.id).executeTakeFirstOrThrow());
    expect([back.counter_id, back.category_id, back.status, back.issued_at.toISOString()]).toEqual([null, anagrafe.id, 'waiting', x.issuedAt]);
    // counter 1 serves Anagrafe: it can call it now
    expect((await callNext(desk1, counter1.id))!.id).toBe(x.id);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));

    // a counter taken out of service hands its waiting tickets back too
    const spare = ok<DeskCounter>(await post(admin, `/api/v1/offices/${officeId}/counters`, { name: 'Sportello 4', categoryIds: [stato.id] }), 201);
    ok(await post(desk2, `/api/v1/counters/${spare.id}/open`));
    const y = await issue(desk1, anagrafe.id);
    ok<Ticket>(await post(desk1, `/api/v1/tickets/${y.id}/transfer`, { counterId: spare.id }));
    ok(await call(admin, { method: 'PUT', url: `/api/v1/counters/${spare.id}`, payload: { name: 'Sportello 4', categoryIds: [stato.id], active: false } }));
    expect((await callNext(desk1, counter1.id))!.id).toBe(y.id);
    ok(await post(desk1, `/api/v1/tickets/${y.id}/served`));
    ok(await post(desk2, `/api/v1/counters/${counter2.id}/open`));
  });

  it('lets desk staff act only at counters of their office, and nobody of another body', async () => {
    await emptyQueue();
    expect((await post(otherDesk, `/api/v1/counters/${counter1.id}/call-next`)).statusCode).toBe(403);
    expect((await post(otherDesk, `/api/v1/counters/${counter1.id}/open`)).statusCode).toBe(403);
    expect((await post(foreignDesk, `/api/v1/counters/${counter1.id}/call-next`)).statusCode).toBe(404);
    expect((await call(foreignDesk, { url: `/api/v1/counters/${counter1.id}` })).statusCode).toBe(404);
    const x = await issue(desk1, anagrafe.id);
    expect((await post(otherDesk, `/api/v1/tickets/${x.id}/transfer`, { counterId: counter2.id })).statusCode).toBe(403);
    expect((await post(foreignDesk, `/api/v1/tickets/${x.id}/served`)).statusCode).toBe(404);
    // a floor device is no operator
    expect((await post({ device: kioskKey }, `/api/v1/counters/${counter1.id}/call-next`)).statusCode).toBe(401);
  });
});

/** An appointment of today at the office (calendar with the Anagrafe category), checked in through the kiosk. */
async function appointmentTicket(startsAt: Date) {
  const code = await appointment(startsAt);
  return ok<Ticket>(await post({ device: kioskKey }, '/api/v1/appointments/check-in', { code }), 201);
}

let calendarId: string | null = null;
async function appointment(startsAt: Date, opts: { status?: 'booked' | 'cancelled'; office?: string } = {}) {
  const office = opts.office ?? officeId;
  return inScope(t.database.db, { platform: true }, async (trx) => {
    if (!calendarId || office !== officeId) {
      const cal = await trx.insertInto('appointment_calendars').values({
        tenant_id: tenantId, office_id: office, name: 'Carta d\'identità', service_ids: [serviceId], weekly_hours: JSON.stringify([]), slot_minutes: 15,
        closures: JSON.stringify([]), category_id: office === officeId ? anagrafe.id : otherOfficeCategory.id,
      }).returning('id').executeTakeFirstOrThrow();
      if (office === officeId) calendarId = cal.id;
      else return insertAppointment(trx, cal.id, office, startsAt, opts.status);
    }
    return insertAppointment(trx, calendarId!, office, startsAt, opts.status);
  });
}

async function insertAppointment(trx: Parameters<Parameters<typeof inScope>[2]>[0], calendar: string, office: string, startsAt: Date, status: 'booked' | 'cancelled' = 'booked') {
  const code = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
  await trx.insertInto('appointments').values({
    tenant_id: tenantId, office_id: office, calendar_id: calendar, service_id: serviceId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 15 * 60_000),
    name: 'Mario Rossi', fiscal_code: 'RSSMRA80A01H501U', reason: 'Carta d\'identità', code, channel: 'phone', status,
    cancelled_at: status === 'cancelled' ? clock.now() : null, cancelled_by: status === 'cancelled' ? 'office' : null,
  }).execute();
  return code;
}

const appointmentRow = (code: string) => inScope(t.database.db, { platform: true }, (trx) =>
  trx.selectFrom('appointments').select(['status', 'ticket_id', 'checked_in_at']).where('code', '=', code).executeTakeFirstOrThrow());

describe('check-in', () => {
  it('gives one ticket in the calendar\'s category, ahead from the appointment\'s time; a second check-in answers 409 with its number', async () => {
    await emptyQueue();
    const startsAt = new Date(clock.now().getTime() + 10 * 60_000);
    const code = await appointment(romeDate(startsAt) === clock.today() ? startsAt : clock.now());
    const r = await post({ device: kioskKey }, '/api/v1/appointments/check-in', { code: code.toLowerCase() });
    const x = ok<Ticket>(r, 201);
    expect([x.channel, x.categoryId, x.appointment!.startsAt]).toEqual(['appointment', anagrafe.id, expect.any(String)]);
    expect(x.label).toMatch(/^A\d{3}$/);
    const row = await appointmentRow(code);
    expect([row.status, row.ticket_id]).toEqual(['checked_in', x.id]);
    const again = await post(desk1, '/api/v1/appointments/check-in', { code });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(x.label);
    expect(again.json().type).toMatch(/already-checked-in$/);
    expect((await events(x.id)).map((e) => e.kind)).toEqual(['issued', 'checked_in']);
    // served: the appointment is served
    const called = await callNext(desk1, counter1.id);
    expect(called!.id).toBe(x.id);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));
    expect((await appointmentRow(code)).status).toBe('served');
  });

  it('gives one ticket when the same code is checked in twice at once', async () => {
    await emptyQueue();
    const code = await appointment(clock.now());
    const answers = await Promise.all([post({ device: kioskKey }, '/api/v1/appointments/check-in', { code }), post(desk1, '/api/v1/appointments/check-in', { code })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const ticket = answers.find((r) => r.statusCode === 201)!.json() as Ticket;
    expect(answers.find((r) => r.statusCode === 409)!.json().detail).toContain(ticket.label);
    const tickets = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_tickets').select('id')
      .where('appointment_id', '=', ticket.appointment!.id).execute());
    expect(tickets).toHaveLength(1);
  });

  it('marks the appointment no-show when its ticket is', async () => {
    await emptyQueue();
    const x = await appointmentTicket(clock.now());
    await callNext(desk1, counter1.id);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/no-show`));
    const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('appointments').select('status').where('ticket_id', '=', x.id).executeTakeFirstOrThrow());
    expect(row.status).toBe('no_show');
  });

  it('says clearly why a code is refused: unknown, cancelled, another day, too early, too late, another office', async () => {
    const now = clock.now().getTime();
    const typeOf = async (code: string, who: Who = { device: kioskKey }) => {
      const r = await post(who, '/api/v1/appointments/check-in', { code });
      return `${r.statusCode} ${String(r.json().type).split('/').pop()}`;
    };
    expect(await typeOf('NOPE0000')).toBe('404 appointment-code-unknown');
    expect(await typeOf(await appointment(new Date(now), { status: 'cancelled' }))).toBe('409 appointment-cancelled');
    expect(await typeOf(await appointment(new Date(now + 2 * 86_400_000)))).toBe('409 appointment-other-day');
    const early = new Date(now + 90 * 60_000);
    expect(await typeOf(await appointment(early))).toBe(romeDate(early) === clock.today() ? '409 check-in-too-early' : '409 appointment-other-day');
    const late = new Date(now - 20 * 60_000);
    expect(await typeOf(await appointment(late))).toBe(romeDate(late) === clock.today() ? '409 check-in-too-late' : '409 appointment-other-day');
    const elsewhere = await appointment(new Date(now), { office: otherOfficeId });
    expect(await typeOf(elsewhere)).toBe('409 appointment-other-office');
    // the reception of the right office may; staff of another body find nothing
    expect(await typeOf(elsewhere, foreignDesk)).toBe('404 appointment-code-unknown');
    expect((await post(otherDesk, '/api/v1/appointments/check-in', { code: elsewhere })).statusCode).toBe(201);
  });
});

describe('check-in without a device or desk staff', () => {
  it('answers the same for a real code and a made-up one: who asks is checked before the code', async () => {
    const real = await appointment(new Date(clock.now().getTime() + 10 * 60_000));
    const anonymousReal = await post(null, '/api/v1/appointments/check-in', { code: real });
    const anonymousMadeUp = await post(null, '/api/v1/appointments/check-in', { code: 'ZZZZ9999' });
    expect([anonymousReal.statusCode, anonymousMadeUp.statusCode]).toEqual([401, 401]);
    // desk staff of another body: a real code of this body is as unknown as a made-up one
    const foreignReal = await post(foreignDesk, '/api/v1/appointments/check-in', { code: real });
    const foreignMadeUp = await post(foreignDesk, '/api/v1/appointments/check-in', { code: 'ZZZZ9999' });
    expect([foreignReal.statusCode, foreignMadeUp.statusCode]).toEqual([404, 404]);
    expect((await appointmentRow(real)).status).toBe('booked');
  });
});

describe('check-in into a queue that is off', () => {
  it('says the appointment\'s queue is not active today (409), and issues nothing', async () => {
    const code = await appointment(new Date(clock.now().getTime() + 10 * 60_000));
    const setActive = (active: boolean) => inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('desk_categories').set({ active })
      .where('id', '=', anagrafe.id).execute());
    await setActive(false);
    try {
      const r = await post({ device: kioskKey }, '/api/v1/appointments/check-in', { code });
      expect(r.statusCode).toBe(409);
      expect(r.json().type).toMatch(/\/category-inactive$/);
      expect(r.json().detail).toContain('Anagrafe');
      expect((await appointmentRow(code)).ticket_id).toBeNull();
    } finally {
      await setActive(true);
    }
  });
});

describe('devices', () => {
  it('knows itself; a revoked key gets 401', async () => {
    const me = ok<{ device: { kind: string; id: string }; officeName: string; counterName: string | null }>(await call({ device: kioskKey }, { url: '/api/v1/desk-devices/me' }));
    expect([me.device.kind, me.officeName, me.counterName]).toEqual(['kiosk', 'Sportello polifunzionale', null]);
    const rating = ok<{ counterName: string | null }>(await call({ device: ratingKey }, { url: '/api/v1/desk-devices/me' }));
    expect(rating.counterName).toBe('Sportello 1');
    expect((await call(null, { url: '/api/v1/desk-devices/me' })).statusCode).toBe(401);
    expect((await call({ device: 'sd_nonesiste' }, { url: '/api/v1/desk-devices/me' })).statusCode).toBe(401);
    const spare = ok<{ device: { id: string }; key: string }>(await post(admin, `/api/v1/offices/${officeId}/devices`, { kind: 'kiosk', name: 'Totem di riserva' }), 201);
    await issue({ device: spare.key }, anagrafe.id);
    expect((await post(desk1, `/api/v1/desk-devices/${spare.device.id}/revoke`)).statusCode).toBe(403);
    const revoked = ok<{ revokedAt: string | null }>(await post(admin, `/api/v1/desk-devices/${spare.device.id}/revoke`));
    expect(revoked.revokedAt).not.toBeNull();
    expect((await post({ device: spare.key }, '/api/v1/tickets', { officeId, categoryId: anagrafe.id })).statusCode).toBe(401);
    const list = ok<{ items: { id: string; revokedAt: string | null; lastSeenAt: string | null }[] }>(await call(admin, { url: `/api/v1/offices/${officeId}/devices` })).items;
    expect(list.find((d) => d.id === kioskId)!.lastSeenAt).not.toBeNull();
    expect(list.find((d) => d.id === spare.device.id)!.revokedAt).not.toBeNull();
    // the key is kept only as its SHA-256
    const stored = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_devices').select('key_hash').where('id', '=', spare.device.id).executeTakeFirstOrThrow());
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(spare.key);
  });

  it('lets a kiosk issue and check in only for its own office, and do nothing else', async () => {
    expect((await post({ device: kioskKey }, '/api/v1/tickets', { officeId: otherOfficeId, categoryId: otherOfficeCategory.id })).statusCode).toBe(403);
    expect((await post({ device: kioskKey }, '/api/v1/desk-ratings', { rating: 'satisfied' })).statusCode).toBe(403);
    expect((await call({ device: kioskKey }, { url: '/api/v1/desk-devices/me/rating-target' })).statusCode).toBe(403);
    expect((await call({ device: kioskKey }, { url: `/api/v1/offices/${officeId}/devices` })).statusCode).toBe(401);
    expect((await post({ device: ratingKey }, '/api/v1/tickets', { officeId, categoryId: anagrafe.id })).statusCode).toBe(403);
  });
});

describe('ratings', () => {
  it('rates a ticket served at the tablet\'s counter once, with counter and category', async () => {
    await emptyQueue();
    const x = await issue(desk1, tributi.id);
    expect((await callNext(desk1, counter1.id))!.id).toBe(x.id);
    expect((await post({ device: ratingKey }, '/api/v1/desk-ratings', { rating: 'satisfied', ticketId: x.id })).statusCode).toBe(403);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));
    const target = ok<{ ticket: { id: string; label: string } | null }>(await call({ device: ratingKey }, { url: '/api/v1/desk-devices/me/rating-target' }));
    expect(target.ticket).toMatchObject({ id: x.id, label: x.label });
    const rated = ok<{ id: string; rating: string }>(await post({ device: ratingKey }, '/api/v1/desk-ratings', { rating: 'neutral', ticketId: x.id }), 201);
    expect(rated.rating).toBe('neutral');
    expect((await post({ device: ratingKey }, '/api/v1/desk-ratings', { rating: 'satisfied', ticketId: x.id })).statusCode).toBe(409);
    expect(ok<{ ticket: unknown }>(await call({ device: ratingKey }, { url: '/api/v1/desk-devices/me/rating-target' })).ticket).toBeNull();
    const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_ratings').selectAll().where('ticket_id', '=', x.id).executeTakeFirstOrThrow());
    expect([row.counter_id, row.category_id, row.rating, row.office_id]).toEqual([counter1.id, tributi.id, 'neutral', officeId]);
    expect((await events(x.id)).map((e) => e.kind).at(-1)).toBe('rated');
    // a ticket served at another counter is not this tablet's
    const y = await issue(desk1, stato.id);
    await callNext(desk2, counter2.id);
    ok(await post(desk2, `/api/v1/tickets/${y.id}/served`));
    expect((await post({ device: ratingKey }, '/api/v1/desk-ratings', { rating: 'satisfied', ticketId: y.id })).statusCode).toBe(403);
    expect((await post(desk1, '/api/v1/desk-ratings', { rating: 'satisfied', ticketId: y.id })).statusCode).toBe(401);
  });

  it('answers a retried rating with the same Idempotency-Key once, refuses a visit older than 10 minutes, and spaces general ratings 30 s apart', async () => {
    const tablet = { device: ratingKey };
    const key = { 'idempotency-key': `rating-${randomUUID()}` };
    const once = ok<{ id: string }>(await post(tablet, '/api/v1/desk-ratings', { rating: 'satisfied' }, key), 201);
    const again = ok<{ id: string }>(await post(tablet, '/api/v1/desk-ratings', { rating: 'satisfied' }, key), 201);
    expect(again.id).toBe(once.id);
    const soon = await post(tablet, '/api/v1/desk-ratings', { rating: 'unsatisfied' });
    expect(soon.statusCode).toBe(409);
    expect(soon.json().type).toMatch(/\/rating-too-soon$/);
    expect(soon.json().detail).toContain('30 secondi');
    const general = () => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_ratings').select(['id']).where('office_id', '=', officeId)
      .where('ticket_id', 'is', null).execute());
    expect(await general()).toHaveLength(1);
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('desk_ratings').set({ created_at: new Date(clock.now().getTime() - 31_000) })
      .where('id', '=', once.id).execute());
    ok(await post(tablet, '/api/v1/desk-ratings', { rating: 'neutral' }), 201);
    expect(await general()).toHaveLength(2);

    await emptyQueue();
    const x = await issue(desk1, tributi.id);
    expect((await callNext(desk1, counter1.id))!.id).toBe(x.id);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('desk_tickets').set({ finished_at: new Date(clock.now().getTime() - 11 * 60_000) })
      .where('id', '=', x.id).execute());
    const late = await post(tablet, '/api/v1/desk-ratings', { rating: 'satisfied', ticketId: x.id });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toMatch(/\/rating-window-closed$/);
  });
});

describe('the global rate limit behind an office\'s NAT', () => {
  it('counts each paired device and each signed-in person on its own, and a made-up key or no credential by address', async () => {
    const key = rateLimitKey({ device: (req) => deviceOf(t.database.db, req), actor: (req) => actorOf(t.ctx, req) });
    const req = (headers: Record<string, string>, url = '/api/v1/tickets') => ({ url, ip: '10.0.0.1', headers, cookies: {} }) as never;
    const kiosk = await key(req({ 'x-desk-device': kioskKey }));
    const tablet = await key(req({ 'x-desk-device': ratingKey }));
    expect(kiosk).toBe(`device:${kioskId}`);
    expect(tablet).toMatch(/^device:/);
    expect(tablet).not.toBe(kiosk);
    expect(await key(req(admin.headers as Record<string, string>))).toMatch(/^[a-z_]+:[0-9a-f-]{36}$/);
    // a forged key gives no allowance of its own, and no secret appears in the key
    expect(await key(req({ 'x-desk-device': 'inventata-0123456789abcdef0123456789' }))).toBe('ip:10.0.0.1');
    expect(await key(req({ authorization: 'Bearer inventato' }))).toBe('ip:10.0.0.1');
    expect(await key(req({}))).toBe('ip:10.0.0.1');
    expect(await key(req({ 'x-desk-device': kioskKey }, '/assets/app.js'))).toBe('ip:10.0.0.1');
    expect(kiosk).not.toContain(kioskKey);
  });
});

describe('estimated wait and the display', () => {
  it('estimates people ahead × today\'s mean service time ÷ counters open serving the category; null without history', async () => {
    await emptyQueue();
    const fresh = ok<DeskCategory>(await post(admin, `/api/v1/offices/${officeId}/desk-categories`, { prefix: 'E', name: 'Elettorale' }), 201);
    ok(await call(admin, { method: 'PUT', url: `/api/v1/counters/${counter1.id}`, payload: { name: 'Sportello 1', categoryIds: [anagrafe.id, tributi.id, fresh.id] } }));
    ok(await call(admin, { method: 'PUT', url: `/api/v1/counters/${counter2.id}`, payload: { name: 'Sportello 2', categoryIds: [anagrafe.id, stato.id, fresh.id] } }));
    const first = await issue({ device: kioskKey }, fresh.id);
    expect([first.waitingBefore, first.estimatedWaitMinutes]).toEqual([0, null]);
    // one served today in 8 minutes
    await callNext(desk1, counter1.id);
    ok(await post(desk1, `/api/v1/tickets/${first.id}/served`));
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('desk_tickets')
      .set({ first_called_at: new Date(clock.now().getTime() - 8 * 60_000) }).where('id', '=', first.id).execute());
    await issue({ device: kioskKey }, fresh.id);
    await issue({ device: kioskKey }, fresh.id);
    const fourth = await issue({ device: kioskKey }, fresh.id);
    // 2 ahead × 8 minutes ÷ 2 counters open serving it (the queue, 3 waiting: 12)
    expect([fourth.waitingBefore, fourth.estimatedWaitMinutes]).toEqual([2, 8]);
    const queue = ok<{ items: QueueState[] }>(await call(null, { url: `/api/v1/queues?office=${officeId}` })).items.find((q) => q.categoryId === fresh.id)!;
    expect(queue).toMatchObject({ waiting: 3, prefix: 'E', lastCalled: first.label, estimatedWaitMinutes: 12 });
    expect(queue.next).toHaveLength(3);
  });

  it('shows the latest calls with their counter and recall flag, and the queues, without personal data', async () => {
    await emptyQueue();
    const code = await appointment(clock.now());
    const x = ok<Ticket>(await post({ device: kioskKey }, '/api/v1/appointments/check-in', { code }), 201);
    expect((await callNext(desk1, counter1.id))!.id).toBe(x.id);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/recall`));
    const state = ok<DisplayState>(await call(null, { url: `/api/v1/offices/${officeId}/display` }));
    expect(state.officeName).toBe('Sportello polifunzionale');
    expect(state.calls[0]).toMatchObject({ ticketId: x.id, label: x.label, counterName: 'Sportello 1', recall: true });
    expect(state.calls.filter((c) => c.ticketId === x.id)).toHaveLength(1);
    expect(state.calls.length).toBeLessThanOrEqual(8);
    expect(state.queues.map((q) => q.prefix)).toContain('A');
    expect(Number(state.seq)).toBeGreaterThan(0);
    const text = JSON.stringify(state);
    expect(text).not.toContain('Rossi');
    expect(text).not.toContain('RSSMRA');
    expect((await call(null, { url: `/api/v1/offices/${randomUUID()}/display` })).statusCode).toBe(404);
    ok(await post(desk1, `/api/v1/tickets/${x.id}/served`));
  });
});
