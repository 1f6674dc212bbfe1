/**
 * Appointments over HTTP, on a body of its own: calendars and their checks, the public slots, citizens' and the
 * reception's bookings, capacity under a race of bookings, move and cancel, the agenda's access-log entries,
 * the QR code, and the confirmation and reminder messages.
 *
 * The program's clock is moved to a known week (Monday 22 March 2027: Easter is on the 28th, the clocks go
 * forward that night, Easter Monday is a holiday) so that days, holidays and summer time are the same whenever
 * the suite runs.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, AppointmentCalendar, SlotDay } from '../src/contracts/desk.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, platformAdmin } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const MONDAY = '2027-03-22';
/** 09:00 in Rome on a day of winter time (UTC+1) and of summer time (UTC+2) */
const at = (day: string, hhmm: string, offset: '+01:00' | '+02:00') => new Date(`${day}T${hhmm}:00${offset}`).toISOString();

let t: Awaited<ReturnType<typeof testApp>>;
let tenantId: string;
let officeId: string;
let otherOfficeId: string;
let serviceId: string;
let otherServiceId: string;
let manager: TestSession;
let desk: TestSession;
let otherDesk: TestSession;
let luca: TestSession;
let sara: TestSession;
let lucaCode: string;
let calendar: AppointmentCalendar;

/** Runs fn with the program's clock at the real time, then puts it back on the known week. */
async function atRealTime(fn: () => Promise<void>) {
  const known = clock.now();
  clock.reset();
  try {
    await fn();
  } finally {
    clock.setTo(known);
  }
}
const call = (session: TestSession | null, opts: InjectOptions) => t.app.inject(session ? as(session, opts) : opts);
const calendarInput = (over: Partial<Record<string, unknown>> = {}) => ({
  name: 'Carta d\'identità', serviceIds: [serviceId],
  // Monday to Saturday mornings: 09:00, 09:30, … (20 minutes + 10 of buffer), the last starting at 11:30
  weeklyHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '12:00' })),
  slotMinutes: 20, capacity: 3, bufferMinutes: 10, minNoticeHours: 24, horizonDays: 30,
  closures: [{ from: '2027-03-26', to: '2027-03-26', reason: 'Inventario' }], categoryId: null, active: true, ...over,
});
const slotsOf = async (from: string, days = 14) => {
  const r = await call(null, { url: `/api/v1/offices/${officeId}/slots?service=${serviceId}&from=${from}&days=${days}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { calendarId: string; slotMinutes: number; days: SlotDay[] };
};
const book = (session: TestSession, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(session, { method: 'POST', url: '/api/v1/appointments', payload: { serviceId, officeId, reason: 'Rinnovo della carta scaduta', ...payload }, headers });
const bookedCount = (startsAt: string) => inScope(t.database.db, { platform: true }, async (trx) =>
  (await trx.selectFrom('appointment_slots').select('booked').where('calendar_id', '=', calendar.id).where('starts_at', '=', new Date(startsAt)).executeTakeFirst())?.booked ?? 0);
const messages = (citizenId: string, kind: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications')
  .select(['id', 'channel', 'subject', 'body', 'dedupe_key']).where('citizen_id', '=', citizenId).where('kind', '=', kind).orderBy('created_at').execute());

beforeAll(async () => {
  t = await testApp();
  const admin = platformAdmin(randomUUID());
  const tenant = await t.ctx.services.organisation.createTenant({ ...admin, roles: ['platform_admin'] } as never, {
    slug: 'comune-di-appuntamenti', name: 'Comune di Appuntamenti', type: 'comune', fiscalCode: '00432170165', ipaCode: 'c_app1', aooCode: 'AOO_APP',
    email: 'info@appuntamenti.example', website: 'https://www.appuntamenti.example',
  } as never) as { id: string; slug: string };
  tenantId = tenant.id;
  const office = (code: string, name: string) => t.ctx.services.organisation.createOffice(platformAdmin(tenantId), tenantId, {
    code, name, address: 'Piazza del Municipio 1', postalCode: '24020', city: 'Appuntamenti', province: 'BG',
    openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:00' }],
  } as never) as Promise<{ id: string }>;
  officeId = (await office('urp', 'Ufficio relazioni con il pubblico')).id;
  otherOfficeId = (await office('tributi', 'Ufficio tributi')).id;
  serviceId = await createFormService(t.ctx, tenant.slug, { officeCode: 'urp' });
  otherServiceId = await createFormService(t.ctx, tenant.slug, { officeCode: 'tributi' });
  const staff = async (email: string, role: 'manager' | 'desk', office: string | null) => {
    await t.ctx.services.identity.createOperator({ tenantId, email, name: `Operatore ${role} ${email.slice(0, 5)}`, password: 'Password-sportello-1',
      grants: [{ role, officeId: office }], createdBy: 'test' });
    return operatorLogin(t.app, email, 'Password-sportello-1');
  };
  manager = await staff('responsabile@appuntamenti.example', 'manager', null);
  desk = await staff('accoglienza@appuntamenti.example', 'desk', officeId);
  otherDesk = await staff('tributi@appuntamenti.example', 'desk', otherOfficeId);
  luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
  sara = (await citizenLogin(t.app, ORIGIN, 'sara-villa')).browser.session();
  lucaCode = (await call(luca, { url: '/api/v1/me' })).json().fiscalCode;
  // a known week and hour (10:00 in Rome), whatever the time is: the notice and horizon checks count hours
  clock.setTo(new Date(at(MONDAY, '10:00', '+01:00')));
}, 120_000);
afterAll(async () => {
  clock.reset();
  await t?.close();
});

describe('calendars', () => {
  it('refuses a calendar with wrong rules, naming each field', async () => {
    const r = await call(manager, { method: 'POST', url: `/api/v1/offices/${officeId}/calendars`, payload: calendarInput({
      weeklyHours: [{ weekday: 1, from: '12:00', to: '09:00' }, { weekday: 2, from: '09:00', to: '12:00' }, { weekday: 2, from: '11:00', to: '13:00' }],
      closures: [{ from: '2027-04-10', to: '2027-04-01' }], serviceIds: [serviceId, randomUUID()], categoryId: randomUUID(),
    }) });
    expect(r.statusCode, r.body).toBe(400);
    const paths = (r.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.weeklyHours.0.to', 'body.weeklyHours.2.from', 'body.closures.0.to', 'body.serviceIds.1', 'body.categoryId']));
    const bounds = await call(manager, { method: 'POST', url: `/api/v1/offices/${officeId}/calendars`, payload: calendarInput({ capacity: 0, slotMinutes: 500 }) });
    expect(bounds.statusCode).toBe(400);
    expect(bounds.body).toMatch(/capacity|slotMinutes/);
    // a service of another body is not "the body's"
    const foreign = await call(manager, { method: 'POST', url: `/api/v1/offices/${officeId}/calendars`, payload: calendarInput({ serviceIds: ['00000000-0000-4000-8000-000000000001'] }) });
    expect(foreign.statusCode).toBe(400);
  });

  it('lets the manager create one; the office\'s reception reads it, another office\'s desk may not', async () => {
    const r = await call(manager, { method: 'POST', url: `/api/v1/offices/${officeId}/calendars`, payload: calendarInput() });
    expect(r.statusCode, r.body).toBe(201);
    calendar = r.json();
    expect(calendar).toMatchObject({ officeId, tenantId, capacity: 3, slotMinutes: 20, bufferMinutes: 10, serviceIds: [serviceId], active: true });
    const read = await call(desk, { url: `/api/v1/offices/${officeId}/calendars` });
    expect(read.statusCode).toBe(200);
    expect(read.json().items.map((c: AppointmentCalendar) => c.id)).toEqual([calendar.id]);
    expect((await call(otherDesk, { url: `/api/v1/offices/${officeId}/calendars` })).statusCode).toBe(403);
    expect((await call(desk, { method: 'POST', url: `/api/v1/offices/${officeId}/calendars`, payload: calendarInput() })).statusCode).toBe(403);
    expect((await call(luca, { url: `/api/v1/offices/${officeId}/calendars` })).statusCode).toBe(404);
  });
  it('creates a calendar once for one Idempotency-Key; a closed calendar offers nothing', async () => {
    const headers = { 'idempotency-key': 'calendar-create-0001' };
    const payload = calendarInput({ name: 'Chiuso', serviceIds: [otherServiceId], active: false });
    const first = await call(manager, { method: 'POST', url: `/api/v1/offices/${otherOfficeId}/calendars`, payload, headers });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(manager, { method: 'POST', url: `/api/v1/offices/${otherOfficeId}/calendars`, payload, headers });
    expect(again.json().id).toBe(first.json().id);
    expect((await call(manager, { url: `/api/v1/offices/${otherOfficeId}/calendars` })).json().items).toHaveLength(1);
    expect((await call(null, { url: `/api/v1/offices/${otherOfficeId}/slots?service=${otherServiceId}` })).statusCode).toBe(404);
    const r = await call(luca, { method: 'POST', url: '/api/v1/appointments',
      payload: { serviceId: otherServiceId, officeId: otherOfficeId, startsAt: at('2027-03-24', '09:00', '+01:00'), reason: 'Prova' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('body.serviceId');
  });
});

describe('public slots', () => {
  it('lists the office among those booking the service, with its first free day and nobody\'s data', async () => {
    const r = await call(null, { url: `/api/v1/services/${serviceId}/booking-offices` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([expect.objectContaining({ officeId, officeName: 'Ufficio relazioni con il pubblico', tenantId, firstFreeDay: expect.any(String) })]);
    expect((await call(null, { url: `/api/v1/services/${otherServiceId}/booking-offices` })).json().items).toEqual([]);
    expect((await call(null, { url: `/api/v1/offices/${otherOfficeId}/slots?service=${serviceId}` })).statusCode).toBe(404);
  });

  it('cuts the mornings into slots in Rome time, across the change to summer time, with holidays and closures closed', async () => {
    const { days, slotMinutes } = await slotsOf(MONDAY, 10);
    expect(slotMinutes).toBe(20);
    const day = (d: string) => days.find((x) => x.day === d);
    // today is before the minimum notice: not listed
    expect(day(MONDAY)).toBeUndefined();
    // winter time: 09:00 in Rome is 08:00Z; six slots 30 minutes apart, each 20 minutes long
    expect(day('2027-03-24')!.slots.map((s) => s.startsAt)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((h) => at('2027-03-24', h, '+01:00')));
    expect(day('2027-03-24')!.slots[0]).toEqual({ startsAt: '2027-03-24T08:00:00.000Z', endsAt: '2027-03-24T08:20:00.000Z', free: 3 });
    expect(day('2027-03-26')).toEqual({ day: '2027-03-26', closedReason: 'Inventario', slots: [] });
    // Sunday 28 (Easter, clocks forward): no hours; Monday 29 (Easter Monday): a holiday
    expect(day('2027-03-28')!.slots).toEqual([]);
    expect(day('2027-03-29')).toEqual({ day: '2027-03-29', closedReason: 'Festività nazionale', slots: [] });
    // summer time: 09:00 in Rome is 07:00Z
    expect(day('2027-03-30')!.slots[0]!.startsAt).toBe('2027-03-30T07:00:00.000Z');
    expect(JSON.stringify(days)).not.toMatch(/name|fiscal|email|phone/i);
  });

  it('lists nothing beyond the horizon', async () => {
    const { days } = await slotsOf(addDays(MONDAY, 25), 14);
    expect(days.at(-1)!.day).toBe(addDays(MONDAY, 30));
  });
});

describe('bookings', () => {
  let lucas: Appointment;

  it('a citizen books for themselves, with the contacts of their profile; the same Idempotency-Key gives the same appointment', async () => {
    const startsAt = at('2027-03-24', '09:30', '+01:00');
    const headers = { 'idempotency-key': 'book-luca-0001' };
    const r = await book(luca, { startsAt }, headers);
    expect(r.statusCode, r.body).toBe(201);
    lucas = r.json();
    expect(lucas).toMatchObject({ officeId, serviceId, startsAt, endsAt: '2027-03-24T08:50:00.000Z', status: 'booked', channel: 'online', changeable: true,
      person: { fiscalCode: lucaCode, name: expect.stringMatching(/Luca/) }, ticketLabel: null, cancelledAt: null });
    expect(lucas.code).toMatch(/^[A-Z0-9]{8}$/);
    const again = await book(luca, { startsAt }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(lucas.id);
    expect(await bookedCount(startsAt)).toBe(1);
    // what a citizen sends as someone else is not used: they book for themselves
    const other = await book(luca, { startsAt: at('2027-03-24', '10:00', '+01:00'), person: { name: 'Qualcun Altro', fiscalCode: 'RSSMRA80A01H501U' }, channel: 'phone' });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json()).toMatchObject({ channel: 'online', person: { fiscalCode: lucaCode } });
    expect((await call(luca, { method: 'POST', url: `/api/v1/appointments/${other.json().id}/cancel`, payload: {} })).statusCode).toBe(200);
  });

  it('sees only their own: another citizen gets 404, the free places count the booking', async () => {
    const mine = await call(luca, { url: '/api/v1/appointments' });
    expect(mine.json().items.map((a: Appointment) => a.id)).toContain(lucas.id);
    expect((await call(sara, { url: '/api/v1/appointments' })).json().items).toEqual([]);
    for (const opts of [{ url: `/api/v1/appointments/${lucas.id}` }, { url: `/api/v1/appointments/${lucas.id}/qr.svg` },
      { method: 'POST' as const, url: `/api/v1/appointments/${lucas.id}/cancel`, payload: {} },
      { method: 'POST' as const, url: `/api/v1/appointments/${lucas.id}/move`, payload: { startsAt: at('2027-03-24', '11:00', '+01:00') } }]) {
      expect((await call(sara, opts)).statusCode, opts.url).toBe(404);
    }
    const slot = (await slotsOf('2027-03-24', 1)).days[0]!.slots.find((s) => s.startsAt === lucas.startsAt)!;
    expect(slot.free).toBe(2);
  });

  it('refuses a time the calendar does not offer, naming startsAt and why', async () => {
    const cases: [string, RegExp][] = [
      [at('2027-03-24', '09:10', '+01:00'), /non è uno di quelli/],
      [at('2027-03-24', '11:50', '+01:00'), /non è uno di quelli/],
      [at('2027-03-26', '09:00', '+01:00'), /chiuso.*Inventario/],
      [at('2027-03-29', '09:00', '+02:00'), /chiuso.*Festività/],
      [at('2027-03-23', '09:00', '+01:00'), /almeno 24 ore/],
      [at(addDays(MONDAY, 31), '09:00', '+02:00'), /al massimo 30 giorni/],
    ];
    for (const [startsAt, message] of cases) {
      const r = await book(luca, { startsAt });
      expect(r.statusCode, startsAt).toBe(400);
      expect(r.json().errors[0].path).toBe('body.startsAt');
      expect(r.json().errors[0].message, startsAt).toMatch(message);
    }
  });

  it('the QR code holds the appointment code', async () => {
    const r = await call(luca, { url: `/api/v1/appointments/${lucas.id}/qr.svg` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(r.body).toBe(await QRCode.toString(lucas.code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
    expect((await call(desk, { url: `/api/v1/appointments/${lucas.id}/qr.svg` })).statusCode).toBe(200);
  });

  it('sends the confirmation with code, service, office, day and time, never the reason', async () => {
    const citizenId = (await call(luca, { url: '/api/v1/me' })).json().id as string;
    const sent = await messages(citizenId, 'appointment_confirmed');
    const inbox = sent.filter((m) => m.dedupe_key.startsWith(`appointment:${lucas.id}:`) && m.channel === 'inbox');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toContain(lucas.code);
    expect(inbox[0]!.body).toContain('Ufficio relazioni con il pubblico');
    expect(inbox[0]!.body).toContain('Domanda di prova');
    expect(inbox[0]!.body).toMatch(/24 marzo 2027/);
    expect(inbox[0]!.body).toContain('09:30');
    for (const m of sent) expect(m.body).not.toContain('Rinnovo della carta scaduta');
  });

  it('moves: takes the new place and gives back the old one; a full slot refuses and leaves it where it was', async () => {
    const from = lucas.startsAt;
    const to = at('2027-03-25', '10:00', '+01:00');
    const r = await call(luca, { method: 'POST', url: `/api/v1/appointments/${lucas.id}/move`, payload: { startsAt: to } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: lucas.id, startsAt: to, endsAt: '2027-03-25T09:20:00.000Z', code: lucas.code });
    expect(await bookedCount(from)).toBe(0);
    expect(await bookedCount(to)).toBe(1);
    const citizenId = (await call(luca, { url: '/api/v1/me' })).json().id as string;
    const confirmations = (await messages(citizenId, 'appointment_confirmed')).filter((m) => m.dedupe_key.startsWith(`appointment:${lucas.id}:`) && m.channel === 'inbox');
    expect(confirmations).toHaveLength(2);
    expect(confirmations[1]!.body).toMatch(/25 marzo 2027/);
    expect(confirmations[1]!.body).toContain('10:00');
    // fill 10:30 with phone bookings, then try to move there
    const full = at('2027-03-25', '10:30', '+01:00');
    for (let i = 0; i < 3; i++) expect((await book(desk, { startsAt: full, channel: 'phone', person: { name: `Persona ${i}` } })).statusCode).toBe(201);
    const refused = await call(luca, { method: 'POST', url: `/api/v1/appointments/${lucas.id}/move`, payload: { startsAt: full } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/\/slot-full$/);
    expect((await call(luca, { url: `/api/v1/appointments/${lucas.id}` })).json().startsAt).toBe(to);
    expect(await bookedCount(to)).toBe(1);
    expect(await bookedCount(full)).toBe(3);
    lucas = (await call(luca, { url: `/api/v1/appointments/${lucas.id}` })).json();
  });

  it('keeps every booking when the capacity goes down; the slot just shows no place', async () => {
    const full = at('2027-03-25', '10:30', '+01:00');
    const r = await call(manager, { method: 'PUT', url: `/api/v1/calendars/${calendar.id}`, payload: calendarInput({ capacity: 1 }) });
    expect(r.statusCode, r.body).toBe(200);
    expect(await bookedCount(full)).toBe(3);
    const slot = (await slotsOf('2027-03-25', 1)).days[0]!.slots.find((s) => s.startsAt === full)!;
    expect(slot.free).toBe(0);
    const agenda = await call(desk, { url: `/api/v1/appointments?office=${officeId}&day=2027-03-25` });
    expect(agenda.json().items.filter((a: Appointment) => a.startsAt === full && a.status === 'booked')).toHaveLength(3);
    expect((await call(manager, { method: 'PUT', url: `/api/v1/calendars/${calendar.id}`, payload: calendarInput() })).statusCode).toBe(200);
  });

  it('the reception books for someone who phoned: name required, no message without an account', async () => {
    const startsAt = at('2027-03-31', '09:00', '+02:00');
    const noName = await book(desk, { startsAt, channel: 'phone' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].path).toBe('body.person');
    const blank = await book(desk, { startsAt, channel: 'phone', reason: '  ', person: { name: ' ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.reason', 'body.person.name']);
    const r = await book(desk, { startsAt, channel: 'phone', person: { name: 'Maria Bianchi', phone: '+39 333 1234567' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ channel: 'phone', person: { name: 'Maria Bianchi', fiscalCode: null, phone: '+39 333 1234567' } });
    const written = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select('id')
      .where('dedupe_key', 'like', `appointment:${r.json().id}:%`).execute());
    expect(written).toEqual([]);
    // another office's desk, a citizen naming someone else's office: refused
    expect((await book(otherDesk, { startsAt, channel: 'phone', person: { name: 'Maria Bianchi' } })).statusCode).toBe(403);
  });

  it('a phone booking with the fiscal code of a citizen with an account shows in their area and reaches them', async () => {
    const saraMe = (await call(sara, { url: '/api/v1/me' })).json() as { id: string; fiscalCode: string };
    const r = await book(desk, { startsAt: at('2027-03-31', '09:30', '+02:00'), channel: 'phone',
      person: { name: 'Sara Villa', fiscalCode: saraMe.fiscalCode.toLowerCase() } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().person.fiscalCode).toBe(saraMe.fiscalCode);
    expect((await call(sara, { url: '/api/v1/appointments' })).json().items.map((a: Appointment) => a.id)).toContain(r.json().id);
    const confirmations = (await messages(saraMe.id, 'appointment_confirmed')).filter((m) => m.dedupe_key.startsWith(`appointment:${r.json().id}:`));
    expect(confirmations.map((m) => m.channel)).toContain('inbox');
    // the office moves it too, while it is booked
    const moved = await call(desk, { method: 'POST', url: `/api/v1/appointments/${r.json().id}/move`, payload: { startsAt: at('2027-03-31', '10:00', '+02:00') } });
    expect(moved.statusCode, moved.body).toBe(200);
    // an empty fiscal code is "not known"
    const unknown = await book(desk, { startsAt: at('2027-03-31', '10:30', '+02:00'), channel: 'desk', person: { name: 'Senza Codice', fiscalCode: '' } });
    expect(unknown.statusCode, unknown.body).toBe(201);
    expect(unknown.json().person.fiscalCode).toBeNull();
  });

  it('a citizen cancels until it starts; then only the office can', async () => {
    const startsAt = at('2027-03-25', '11:00', '+01:00');
    const a = (await book(luca, { startsAt })).json() as Appointment;
    expect(await bookedCount(startsAt)).toBe(1);
    const cancelled = await call(luca, { method: 'POST', url: `/api/v1/appointments/${a.id}/cancel`, payload: {} });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', changeable: false, cancelledAt: expect.any(String) });
    expect(await bookedCount(startsAt)).toBe(0);
    expect((await call(luca, { method: 'POST', url: `/api/v1/appointments/${a.id}/cancel`, payload: {} })).statusCode).toBe(409);

    const late = (await book(luca, { startsAt: at('2027-03-25', '11:30', '+01:00') })).json() as Appointment;
    clock.advanceDays(4);
    try {
      const r = await call(luca, { method: 'POST', url: `/api/v1/appointments/${late.id}/cancel`, payload: {} });
      expect(r.statusCode).toBe(409);
      expect((await call(luca, { url: `/api/v1/appointments/${late.id}` })).json().changeable).toBe(false);
      const office = await call(desk, { method: 'POST', url: `/api/v1/appointments/${late.id}/cancel`, payload: {} });
      expect(office.statusCode, office.body).toBe(200);
      expect(office.json().status).toBe('cancelled');
    } finally {
      clock.advanceDays(-4);
    }
  });
  it('lists the citizen\'s appointments upcoming first (soonest first), then past ones (latest first)', async () => {
    expect((await book(luca, { startsAt: at('2027-04-02', '09:00', '+02:00') })).statusCode).toBe(201);
    expect((await book(luca, { startsAt: at('2027-03-31', '11:00', '+02:00') })).statusCode).toBe(201);
    clock.advanceDays(3);
    try {
      const items = (await call(luca, { url: '/api/v1/appointments' })).json().items as Appointment[];
      const now = clock.now().getTime();
      const upcoming = items.filter((a) => Date.parse(a.startsAt) >= now);
      const past = items.filter((a) => Date.parse(a.startsAt) < now);
      expect(upcoming.length).toBeGreaterThan(0);
      expect(past.length).toBeGreaterThan(0);
      expect(items).toEqual([...upcoming, ...past]);
      expect(upcoming.map((a) => a.startsAt)).toEqual(upcoming.map((a) => a.startsAt).sort());
      expect(past.map((a) => a.startsAt)).toEqual(past.map((a) => a.startsAt).sort().reverse());
    } finally {
      clock.advanceDays(-3);
    }
  });
});

describe('capacity under a race', () => {
  it('30 bookings of a slot with 3 places at once: 3 made, 27 told it is full', async () => {
    const startsAt = at('2027-04-01', '09:30', '+02:00');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      book(desk, { startsAt, channel: 'phone', person: { name: `Persona in coda ${i}` } })));
    const created = answers.filter((r) => r.statusCode === 201);
    const full = answers.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(3);
    expect(full).toHaveLength(27);
    for (const r of full) {
      expect(r.json().type).toMatch(/\/slot-full$/);
      expect(r.json().detail).toMatch(/non ha più posti liberi/);
    }
    expect(await bookedCount(startsAt)).toBe(3);
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('appointments').select('id')
      .where('calendar_id', '=', calendar.id).where('starts_at', '=', new Date(startsAt)).execute());
    expect(rows).toHaveLength(3);
  });

  it('citizens racing for the last place: one gets it', async () => {
    const startsAt = at('2027-04-01', '10:00', '+02:00');
    for (let i = 0; i < 2; i++) expect((await book(desk, { startsAt, channel: 'desk', person: { name: `Allo sportello ${i}` } })).statusCode).toBe(201);
    const answers = await Promise.all([luca, sara, luca, sara].map((s) => book(s, { startsAt })));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(3);
    expect(await bookedCount(startsAt)).toBe(3);
  });
  it('people swapping times at the same moment both get their move, and the counts stay right', async () => {
    const p = at('2027-04-05', '09:00', '+02:00');
    const q = at('2027-04-05', '09:30', '+02:00');
    const a = (await book(desk, { startsAt: p, channel: 'phone', person: { name: 'Prima Persona' } })).json() as Appointment;
    const b = (await book(desk, { startsAt: q, channel: 'phone', person: { name: 'Seconda Persona' } })).json() as Appointment;
    const move = (id: string, startsAt: string) => call(desk, { method: 'POST', url: `/api/v1/appointments/${id}/move`, payload: { startsAt } });
    for (let round = 0; round < 5; round++) {
      const [toA, toB] = round % 2 === 0 ? [q, p] : [p, q];
      const answers = await Promise.all([move(a.id, toA), move(b.id, toB)]);
      expect(answers.map((r) => r.statusCode), answers.map((r) => r.body).join('\n')).toEqual([200, 200]);
    }
    expect(await bookedCount(p)).toBe(1);
    expect(await bookedCount(q)).toBe(1);
  });

  it('every slot\'s count is the number of its booked appointments', async () => {
    const [slots, booked] = await inScope(t.database.db, { platform: true }, async (trx) => Promise.all([
      trx.selectFrom('appointment_slots').select(['starts_at', 'booked']).where('calendar_id', '=', calendar.id).execute(),
      trx.selectFrom('appointments').select(['starts_at']).where('calendar_id', '=', calendar.id).where('status', '=', 'booked').execute(),
    ]));
    const counted = new Map<string, number>();
    for (const r of booked) counted.set(new Date(r.starts_at).toISOString(), (counted.get(new Date(r.starts_at).toISOString()) ?? 0) + 1);
    const rows = new Map(slots.filter((r) => r.booked > 0).map((r) => [new Date(r.starts_at).toISOString(), r.booked]));
    expect(rows).toEqual(counted);
    expect(rows.size).toBeGreaterThan(5);
  });
  it('the public answers, with bookings made, still carry nobody\'s data', async () => {
    const lucaName = (await call(luca, { url: '/api/v1/me' })).json().name as string;
    expect(lucaName).toMatch(/Luca/);
    const answers = [
      (await call(null, { url: `/api/v1/services/${serviceId}/booking-offices` })).body,
      (await call(null, { url: `/api/v1/offices/${officeId}/slots?service=${serviceId}&from=2027-03-23&days=31` })).body,
    ];
    for (const body of answers) {
      for (const secret of [lucaCode, lucaName, 'Maria Bianchi', 'Persona in coda', 'Rinnovo della carta scaduta', '+39 333']) expect(body).not.toContain(secret);
    }
    expect(answers[1]).toContain('"free":0');
  });
});

describe('the agenda and the reminders', () => {
  it('shows the office\'s day to its reception and logs the reading once a day per person', async () => {
    const day = '2027-03-25';
    const agenda = await call(desk, { url: `/api/v1/appointments?office=${officeId}&day=${day}` });
    expect(agenda.statusCode, agenda.body).toBe(200);
    const items = agenda.json().items as Appointment[];
    expect(items.map((a) => a.startsAt)).toEqual([...items.map((a) => a.startsAt)].sort());
    expect(items.some((a) => a.person.fiscalCode === lucaCode)).toBe(true);
    expect((await call(otherDesk, { url: `/api/v1/appointments?office=${officeId}&day=${day}` })).statusCode).toBe(403);
    expect((await call(desk, { url: '/api/v1/appointments' })).statusCode).toBe(400);
    const logged = () => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select(['object_id', 'operation', 'purpose', 'actor_label'])
      .where('subject_fiscal_code', '=', lucaCode).where('operation', '=', 'appointment_agenda').execute());
    const first = await logged();
    expect(first.map((l) => l.object_id)).toContain(items.find((a) => a.person.fiscalCode === lucaCode)!.id);
    expect(first[0]!.purpose).toMatch(/agenda/);
    expect(first[0]!.actor_label).toMatch(/Operatore desk/);
  });

  it('logs the agenda once a day per person however often the reception reloads it', async () => {
    // at the real time: the log's entries are stamped by the database's clock, the "once a day" by the program's
    await atRealTime(async () => {
      const { days } = await slotsOf(addDays(clock.today(), 2), 10);
      const free = days.flatMap((d) => d.slots).find((s) => s.free > 0)!;
      const mine = (await book(luca, { startsAt: free.startsAt })).json() as Appointment;
      const day = days.find((d) => d.slots.includes(free))!.day;
      const count = async () => (await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select('id')
        .where('object_id', '=', mine.id).where('operation', '=', 'appointment_agenda').execute())).length;
      expect(await count()).toBe(0);
      for (let i = 0; i < 3; i++) expect((await call(desk, { url: `/api/v1/appointments?office=${officeId}&day=${day}` })).statusCode).toBe(200);
      expect(await count()).toBe(1);
      await call(luca, { method: 'POST', url: `/api/v1/appointments/${mine.id}/cancel`, payload: {} });
    });
  });

  it('sends each reminder once, the day before, with the same details as the confirmation', async () => {
    const startsAt = at('2027-03-24', '11:30', '+01:00');
    const a = (await book(sara, { startsAt, reason: 'Motivo riservato' })).json() as Appointment;
    const citizenId = (await call(sara, { url: '/api/v1/me' })).json().id as string;
    // also tomorrow: one Sara cancelled, one the office took for someone without an account — neither gets a reminder
    const cancelled = (await book(sara, { startsAt: at('2027-03-24', '10:30', '+01:00') })).json() as Appointment;
    await call(sara, { method: 'POST', url: `/api/v1/appointments/${cancelled.id}/cancel`, payload: {} });
    const byPhone = (await book(desk, { startsAt, channel: 'phone', person: { name: 'Senza Account' } })).json() as Appointment;
    const reminders = async () => (await messages(citizenId, 'appointment_reminder')).filter((m) => m.dedupe_key.startsWith(`appointment:${a.id}:`));
    await t.ctx.services.appointments.sendReminders();
    expect(await reminders()).toEqual([]);
    clock.advanceDays(1);
    try {
      await t.ctx.services.appointments.sendReminders();
      await t.ctx.services.appointments.sendReminders();
      const sent = await reminders();
      const inbox = sent.filter((m) => m.channel === 'inbox');
      expect(inbox).toHaveLength(1);
      expect(inbox[0]!.subject).toMatch(/Promemoria/);
      for (const text of [a.code, 'Ufficio relazioni con il pubblico', 'Domanda di prova', '11:30']) expect(inbox[0]!.body).toContain(text);
      expect(inbox[0]!.body).toMatch(/24 marzo 2027/);
      expect(inbox[0]!.body).not.toContain('Motivo riservato');
      const row = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('appointments').select('reminder_sent_at').where('id', '=', a.id).executeTakeFirstOrThrow());
      expect(row.reminder_sent_at).not.toBeNull();
      const others = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select('id')
        .where('kind', '=', 'appointment_reminder').where((eb) => eb.or([eb('dedupe_key', 'like', `appointment:${cancelled.id}:%`), eb('dedupe_key', 'like', `appointment:${byPhone.id}:%`)])).execute());
      expect(others).toEqual([]);
    } finally {
      clock.advanceDays(-1);
    }
  });
});
