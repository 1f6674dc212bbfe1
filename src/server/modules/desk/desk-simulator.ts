/**
 * A day of arrivals at an office's take-a-number queue, simulated: what the tables would hold had the day really
 * happened (tickets with their numbers, calls and outcomes, the ticket events, the counters' sessions, ratings and
 * appointment check-ins). It exists so that the desk manager's figures have something to show in the demo and in
 * a new installation that wants to try them (`sportello seed desk-day`).
 *
 * The model, per day (everything drawn from one seeded generator, so a seed and a day give the same day):
 * - arrivals: a Poisson process per hour of the office's opening hours (offices.opening_hours), at a base rate
 *   proportional to the counters, shaped by the hour (peak 9–11, a dip towards lunch, a lighter afternoon) and by
 *   the weekday (Monday busier, Friday quieter); each arrival picks a category with the category's usual share;
 * - service times per category: Erlang-2 (the sum of two exponentials: "exponential-ish", but rarely near zero)
 *   around the category's mean (a CIE takes longer than a certificate);
 * - patience: a person who has waited longer than theirs leaves; the counter still calls them, recalls once and
 *   marks the ticket no-show (that is how abandonment shows in a real queue); a few called people do not show
 *   either;
 * - counters: all but one open at opening, the last joins for the morning peak, one takes a short break, and on
 *   some days one opens late; the afternoon is staffed with about half, covering every category; sessions ending
 *   at closing stay open until everyone already in line is called;
 * - calling: each free open counter calls the appointments whose time has come first, then the earliest arrival
 *   among its categories (the queue's own rule);
 * - appointments: a few per day on the office's calendars that lead into its queue, most checked in (a ticket on
 *   the appointment channel, priority from the slot), the others never came;
 * - ratings: about 40% of served visits, happier when the wait was short.
 *
 * The plan is computed in memory (planDeskDay, pure) and written in batches (simulateDeskDays). A day that already
 * has tickets at the office is skipped, so running it twice adds nothing; numbers continue from the day's
 * desk_ticket_sequences row if one exists, and the row is moved to the last number given.
 */
import type { Kysely, Transaction } from 'kysely';
import type { OpeningHours } from '../../../contracts/catalog.ts';
import type { Rating, TicketChannel, TicketEventKind, TicketStatus, WeeklyHours } from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import { isNonWorkingDay } from '../../platform/legal-clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import { Rng } from '../../platform/random.ts';

// ---- the generator --------------------------------------------------------------------------------------------

/** The generator of the demo (platform/random.ts) with the distributions a day of arrivals needs. */
export class SimRng extends Rng {
  /** exponential with this mean */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
  /** Poisson with this mean (Knuth's product method; the means here are small) */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }
  /** an index drawn with these weights */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
    return weights.length - 1;
  }
  /** a version-4-shaped UUID from the generator (the plan is the same for the same seed, ids included) */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** FNV-1a of a string: a day's seed from the run's seed and the day. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

// ---- the office as the simulator sees it ----------------------------------------------------------------------

export interface SimOffice {
  tenantId: string;
  officeId: string;
  openingHours: OpeningHours[];
  categories: { id: string; prefix: string }[];
  counters: { id: string; name: string; categoryIds: string[] }[];
  /** active calendars of the body whose appointments join one of these categories at check-in */
  calendars: { id: string; serviceIds: string[]; slotMinutes: number; capacity: number; categoryId: string; weeklyHours: WeeklyHours[] }[];
}

/** Share of arrivals and mean service minutes by the category's letter (the demo's letters; others get the default). */
const CATEGORY_PROFILE: Record<string, { share: number; serviceMinutes: number; reason: string }> = {
  A: { share: 0.36, serviceMinutes: 7, reason: 'Certificati e pratiche di anagrafe' },
  C: { share: 0.22, serviceMinutes: 15, reason: "Rilascio della carta d'identità elettronica" },
  S: { share: 0.1, serviceMinutes: 11, reason: 'Pratica di stato civile' },
  E: { share: 0.06, serviceMinutes: 4, reason: 'Tessera elettorale' },
  T: { share: 0.2, serviceMinutes: 10, reason: 'Informazioni su IMU e TARI' },
};
const DEFAULT_PROFILE = { share: 0.1, serviceMinutes: 8, reason: 'Pratica allo sportello' };
const profileOf = (prefix: string) => CATEGORY_PROFILE[prefix] ?? DEFAULT_PROFILE;

/** Relative arrival rate by hour of the day (Rome): the morning peak at 9–11, a dip towards lunch, afternoons lighter. */
const HOUR_PROFILE: Record<number, number> = { 7: 0.4, 8: 0.9, 9: 1.5, 10: 1.6, 11: 1.2, 12: 0.6, 13: 0.3, 14: 0.5, 15: 0.9, 16: 0.8, 17: 0.5, 18: 0.3 };
/** ISO weekday → busier Mondays, quieter Fridays and Saturdays */
const WEEKDAY_FACTOR: Record<number, number> = { 1: 1.15, 2: 1, 3: 1, 4: 1.05, 5: 0.85, 6: 0.6, 7: 0 };
/** arrivals per hour per counter at a profile weight of 1 */
const BASE_RATE_PER_COUNTER = 3;

const NAMES = [
  'Alessandro Rota', 'Chiara Bonfanti', 'Giorgio Pesenti', 'Laura Carminati', 'Matteo Ghilardi', 'Sara Locatelli', 'Davide Mazzoleni',
  'Elisa Cortinovis', 'Luca Bonacina', 'Francesca Arnoldi', 'Stefano Zanchi', 'Valentina Gamba', 'Andrea Rossi', 'Marta Brembilla',
];

// ---- the plan of a day ----------------------------------------------------------------------------------------

export interface PlannedTicket {
  id: string;
  categoryId: string;
  number: number;
  label: string;
  status: TicketStatus;
  channel: TicketChannel;
  appointmentId: string | null;
  priorityFrom: Date | null;
  counterId: string | null;
  issuedAt: Date;
  firstCalledAt: Date | null;
  calledAt: Date | null;
  callCount: number;
  finishedAt: Date | null;
}
export interface PlannedEvent { ticketId: string; kind: TicketEventKind; counterId: string | null; categoryId: string; at: Date }
export interface PlannedSession { counterId: string; openedAt: Date; closedAt: Date }
export interface PlannedRating { ticketId: string; counterId: string; categoryId: string; rating: Rating; at: Date }
export interface PlannedAppointment {
  id: string; calendarId: string; serviceId: string; startsAt: Date; endsAt: Date; name: string; reason: string; code: string;
  channel: 'online' | 'phone'; status: 'served' | 'no_show'; checkedInAt: Date | null; ticketId: string | null; createdAt: Date;
}
export interface DayPlan {
  day: string;
  tickets: PlannedTicket[];
  events: PlannedEvent[];
  sessions: PlannedSession[];
  ratings: PlannedRating[];
  appointments: PlannedAppointment[];
  /** category id → the last number given that day */
  lastNumbers: Map<string, number>;
}

const ROME_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant of a Rome wall-clock time (minutes after midnight) on a day. Daylight saving changes at night, so noon's offset holds all day. */
export function romeAt(day: string, minutes: number): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const [h, m] = ROME_HOUR.format(noonUtc).split(':').map(Number);
  const offsetMinutes = h! * 60 + m! - 12 * 60;
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + (minutes - offsetMinutes) * 60_000);
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};
/** ISO weekday (Monday = 1) of a day */
export const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The office's opening windows on a day, in minutes after midnight, merged and in order. */
export function openingWindows(hours: OpeningHours[], day: string): [number, number][] {
  const weekday = isoWeekday(day);
  const windows = hours.filter((h) => h.days.includes(weekday)).map((h) => [toMinutes(h.opens), toMinutes(h.closes)] as [number, number])
    .filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  return merged;
}

interface Shift { counterIdx: number; from: number; to: number; /** ends at a window's close: stays until the line is called */ closing: boolean }

/** Which counters open when: a fixed habit of the office, with the day's small accidents. */
function staffing(office: SimOffice, windows: [number, number][], rng: SimRng): Shift[] {
  const n = office.counters.length;
  const covers = (idxs: number[]) => new Set(idxs.flatMap((i) => office.counters[i]!.categoryIds));
  // a counter whose categories the others cover too: it can join late or take a break without closing a queue
  const spare = (among: number[]) => among.filter((i) => {
    const others = covers(among.filter((j) => j !== i));
    return office.counters[i]!.categoryIds.every((c) => others.has(c));
  });
  const shifts: Shift[] = [];
  windows.forEach(([open, close], w) => {
    const long = close - open >= 180 && w === 0;
    let team = office.counters.map((_, i) => i);
    if (!long) {
      // a short window (the afternoon): about half the counters, chosen to cover every category
      const target = Math.max(1, Math.ceil(n / 2));
      const chosen: number[] = [];
      const byReach = [...team].sort((a, b) => office.counters[b]!.categoryIds.length - office.counters[a]!.categoryIds.length);
      for (const i of byReach) if ([...covers([i])].some((c) => !covers(chosen).has(c))) chosen.push(i);
      for (const i of byReach) if (chosen.length < target && !chosen.includes(i)) chosen.push(i);
      team = chosen;
    }
    const floater = long && n > 1 ? spare(team)[0] : undefined;
    const breakTaker = long ? spare(team).find((i) => i !== floater) : undefined;
    const late = long && rng.chance(0.25) ? rng.weighted(team.map((i) => (i === floater ? 0 : 1))) : undefined;
    for (const i of team) {
      if (i === floater) {
        shifts.push({ counterIdx: i, from: Math.max(open, 9 * 60 + 30), to: Math.min(close, 12 * 60), closing: false });
        continue;
      }
      const from = i === team[late ?? -1] ? open + Math.round(rng.between(30, 75)) : open;
      if (i === breakTaker) {
        const pause = Math.round(rng.between(10 * 60 + 15, 11 * 60));
        shifts.push({ counterIdx: i, from, to: pause, closing: false }, { counterIdx: i, from: pause + 15, to: close, closing: true });
      } else shifts.push({ counterIdx: i, from, to: close, closing: true });
    }
  });
  return shifts.filter((s) => s.to > s.from);
}

function label(prefix: string, number: number) {
  return `${prefix}${String(number).padStart(number >= 1000 ? 4 : 3, '0')}`;
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * One day at the office, in memory. `startNumbers`: the last number already given that day per category (from
 * desk_ticket_sequences), so that numbers continue. Deterministic for (seed, day).
 */
export function planDeskDay(office: SimOffice, day: string, seed: number, startNumbers: ReadonlyMap<string, number> = new Map()): DayPlan {
  const rng = new SimRng(seedOf(`${seed}:${day}`));
  // ids from their own generator (seeded with the office too), so two offices simulated with one seed never share ids
  const ids = new SimRng(seedOf(`${seed}:${day}:${office.officeId}`));
  const plan: DayPlan = { day, tickets: [], events: [], sessions: [], ratings: [], appointments: [], lastNumbers: new Map() };
  const windows = openingWindows(office.openingHours, day);
  if (!windows.length || !office.counters.length || !office.categories.length) return plan;
  const at = (minutes: number) => romeAt(day, minutes);
  const prefixOf = new Map(office.categories.map((c) => [c.id, c.prefix]));

  const shifts = staffing(office, windows, rng);

  // arrivals: a Poisson count per hour-long piece of each window, spread uniformly over the piece
  interface Visitor { at: number; categoryId: string; patience: number; service: number; appointment?: PlannedAppointment }
  const visitors: Visitor[] = [];
  const weekdayFactor = WEEKDAY_FACTOR[isoWeekday(day)] ?? 1;
  const baseRate = BASE_RATE_PER_COUNTER * office.counters.length * weekdayFactor;
  const serviceMinutes = (categoryId: string) => {
    const mean = profileOf(prefixOf.get(categoryId)!).serviceMinutes;
    return Math.max(1, rng.exponential(mean / 2) + rng.exponential(mean / 2));
  };
  for (const [open, close] of windows) {
    // only the categories some counter of this window serves (the kiosk offers those)
    const served = new Set(shifts.filter((s) => s.from < close && s.to > open).flatMap((s) => office.counters[s.counterIdx]!.categoryIds));
    const cats = office.categories.filter((c) => served.has(c.id));
    if (!cats.length) continue;
    const shares = cats.map((c) => profileOf(c.prefix).share);
    for (let hour = Math.floor(open / 60); hour * 60 < close; hour++) {
      const from = Math.max(open, hour * 60);
      const to = Math.min(close, (hour + 1) * 60);
      const count = rng.poisson(baseRate * (HOUR_PROFILE[hour] ?? 0.3) * ((to - from) / 60));
      for (let k = 0; k < count; k++) {
        const categoryId = cats[rng.weighted(shares)]!.id;
        visitors.push({ at: rng.between(from, to), categoryId, patience: 20 + rng.exponential(60), service: serviceMinutes(categoryId) });
      }
    }
  }

  // appointments on the calendars that lead into this queue, on slots inside the opening windows
  const weekday = isoWeekday(day);
  for (const cal of office.calendars) {
    if (!prefixOf.has(cal.categoryId)) continue;
    const starts: number[] = [];
    for (const h of cal.weeklyHours.filter((x) => x.weekday === weekday)) {
      for (let s = toMinutes(h.from); s + cal.slotMinutes <= toMinutes(h.to); s += cal.slotMinutes) {
        if (windows.some(([a, b]) => s >= a && s + cal.slotMinutes <= b)) starts.push(s);
      }
    }
    const wanted = Math.min(starts.length, 2 + Math.floor(rng.next() * 4));
    for (let k = 0; k < wanted; k++) {
      const s = starts.splice(Math.floor(rng.next() * starts.length), 1)[0]!;
      const came = rng.chance(0.85);
      const code = Array.from({ length: 10 }, () => CODE_CHARS[Math.floor(ids.next() * CODE_CHARS.length)]).join('');
      const appointment: PlannedAppointment = {
        id: ids.uuid(), calendarId: cal.id, serviceId: cal.serviceIds[Math.floor(rng.next() * cal.serviceIds.length)]!,
        startsAt: at(s), endsAt: at(s + cal.slotMinutes), name: NAMES[Math.floor(rng.next() * NAMES.length)]!,
        reason: profileOf(prefixOf.get(cal.categoryId)!).reason, code, channel: rng.chance(0.7) ? 'online' : 'phone',
        status: 'no_show', checkedInAt: null, ticketId: null, createdAt: new Date(at(s).getTime() - Math.round(rng.between(2, 25)) * 86_400_000),
      };
      plan.appointments.push(appointment);
      if (came) visitors.push({ at: Math.max(windows.find(([a, b]) => s >= a && s < b)![0], s - rng.between(0, 15)), categoryId: cal.categoryId, patience: 240, service: serviceMinutes(cal.categoryId), appointment });
    }
  }
  visitors.sort((a, b) => a.at - b.at);

  // tickets in order of issue, numbered per category
  const numbers = new Map(startNumbers);
  interface Waiting { ticket: PlannedTicket; visitor: Visitor; gone: boolean; priority: number | null }
  const line: Waiting[] = visitors.map((v) => {
    const n = (numbers.get(v.categoryId) ?? 0) + 1;
    numbers.set(v.categoryId, n);
    const ticket: PlannedTicket = {
      id: ids.uuid(), categoryId: v.categoryId, number: n, label: label(prefixOf.get(v.categoryId)!, n), status: 'waiting',
      channel: v.appointment ? 'appointment' : 'simulated', appointmentId: v.appointment?.id ?? null,
      priorityFrom: v.appointment?.startsAt ?? null, counterId: null, issuedAt: at(v.at), firstCalledAt: null, calledAt: null,
      callCount: 0, finishedAt: null,
    };
    plan.tickets.push(ticket);
    plan.events.push({ ticketId: ticket.id, kind: v.appointment ? 'checked_in' : 'issued', counterId: null, categoryId: v.categoryId, at: ticket.issuedAt });
    if (v.appointment) Object.assign(v.appointment, { checkedInAt: ticket.issuedAt, ticketId: ticket.id });
    return { ticket, visitor: v, gone: false, priority: v.appointment ? (v.appointment.startsAt.getTime() - at(0).getTime()) / 60_000 : null };
  });
  plan.lastNumbers = new Map([...numbers].filter(([id, n]) => n !== startNumbers.get(id)));

  // the floor, half a minute at a time
  const STEP = 0.5;
  const lastClose = windows[windows.length - 1]![1];
  const counters = office.counters.map(() => ({ freeAt: 0, shift: null as Shift | null, openedAt: 0, closedAt: 0 }));
  let next = 0;
  const arrived: Waiting[] = [];
  for (let t = windows[0]![0]; t <= lastClose + 240; t += STEP) {
    while (next < line.length && line[next]!.visitor.at <= t) arrived.push(line[next++]!);
    for (const w of arrived) if (!w.gone && t - w.visitor.at > w.visitor.patience) w.gone = true;
    const order = office.counters.map((_, i) => i).sort(() => rng.next() - 0.5);
    for (const i of order) {
      const c = counters[i]!;
      const counter = office.counters[i]!;
      const eligible = arrived.filter((w) => counter.categoryIds.includes(w.ticket.categoryId));
      // a session ends at its shift's end once the operator is free; at closing, once nobody of theirs is in line
      if (c.shift && t >= c.shift.to && c.freeAt <= t && !(c.shift.closing && eligible.length)) {
        c.closedAt = Math.max(c.shift.to, c.freeAt);
        plan.sessions.push({ counterId: counter.id, openedAt: at(c.openedAt), closedAt: at(c.closedAt) });
        c.shift = null;
      }
      if (!c.shift) {
        // the next shift starts once the last one is over (a break that began late ends late)
        c.shift = shifts.find((s) => s.counterIdx === i && s.from <= t && t < s.to) ?? null;
        if (c.shift) c.openedAt = Math.max(c.shift.from, c.closedAt);
      }
      if (!c.shift || c.freeAt > t || !eligible.length) continue;
      const due = eligible.filter((w) => w.priority !== null && w.priority <= t).sort((a, b) => a.priority! - b.priority!);
      const w = due[0] ?? eligible[0]!;
      arrived.splice(arrived.indexOf(w), 1);
      const callAt = Math.max(t, c.freeAt) + rng.between(0, STEP);
      const tk = w.ticket;
      Object.assign(tk, { counterId: counter.id, firstCalledAt: at(callAt), calledAt: at(callAt), callCount: 1 });
      plan.events.push({ ticketId: tk.id, kind: 'called', counterId: counter.id, categoryId: tk.categoryId, at: at(callAt) });
      if (w.gone || rng.chance(0.02)) {
        // nobody comes: one recall, then no-show
        const recall = callAt + 1;
        const end = recall + 1.5;
        Object.assign(tk, { calledAt: at(recall), callCount: 2, status: 'no_show', finishedAt: at(end) });
        plan.events.push({ ticketId: tk.id, kind: 'recalled', counterId: counter.id, categoryId: tk.categoryId, at: at(recall) });
        plan.events.push({ ticketId: tk.id, kind: 'no_show', counterId: counter.id, categoryId: tk.categoryId, at: at(end) });
        if (w.visitor.appointment) w.visitor.appointment.status = 'no_show';
        c.freeAt = end;
        continue;
      }
      const end = callAt + w.visitor.service;
      Object.assign(tk, { status: 'served', finishedAt: at(end) });
      plan.events.push({ ticketId: tk.id, kind: 'served', counterId: counter.id, categoryId: tk.categoryId, at: at(end) });
      if (w.visitor.appointment) w.visitor.appointment.status = 'served';
      c.freeAt = end + rng.between(0.2, 1);
      if (rng.chance(0.4)) {
        const waited = callAt - w.visitor.at;
        const odds = waited < 10 ? [80, 15, 5] : waited < 25 ? [55, 30, 15] : [30, 35, 35];
        const rating = (['satisfied', 'neutral', 'unsatisfied'] as const)[rng.weighted(odds)]!;
        const ratedAt = at(end + rng.between(0.2, 1.5));
        plan.ratings.push({ ticketId: tk.id, counterId: counter.id, categoryId: tk.categoryId, rating, at: ratedAt });
        plan.events.push({ ticketId: tk.id, kind: 'rated', counterId: counter.id, categoryId: tk.categoryId, at: ratedAt });
      }
    }
    if (t > lastClose && next >= line.length && !arrived.length && counters.every((c) => !c.shift)) break;
  }
  // a category nobody served by the end (should not happen with the staffing above): the day's tickets are cancelled
  const dayEnd = at(lastClose + 240);
  for (const w of arrived) {
    Object.assign(w.ticket, { status: 'cancelled', finishedAt: dayEnd });
    plan.events.push({ ticketId: w.ticket.id, kind: 'cancelled', counterId: null, categoryId: w.ticket.categoryId, at: dayEnd });
  }
  for (const [i, c] of counters.entries()) {
    if (c.shift) plan.sessions.push({ counterId: office.counters[i]!.id, openedAt: at(c.openedAt), closedAt: at(Math.max(c.shift.to, c.freeAt)) });
  }
  plan.events.sort((a, b) => a.at.getTime() - b.at.getTime());
  plan.sessions.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  return plan;
}

// ---- writing it ----------------------------------------------------------------------------------------------

async function loadOffice(trx: Transaction<DB>, tenantId: string, officeId: string): Promise<SimOffice> {
  const office = await trx.selectFrom('offices').select(['id', 'opening_hours']).where('tenant_id', '=', tenantId).where('id', '=', officeId).executeTakeFirst();
  if (!office) throw new Error(`ufficio ${officeId} non trovato (office not found)`);
  const categories = await trx.selectFrom('desk_categories').select(['id', 'prefix']).where('office_id', '=', officeId).where('active', '=', true)
    .orderBy('sort').orderBy('prefix').execute();
  const counters = await trx.selectFrom('desk_counters').select(['id', 'name', 'category_ids']).where('office_id', '=', officeId).where('active', '=', true)
    .orderBy('name').execute();
  const categoryIds = categories.map((c) => c.id);
  const calendars = categoryIds.length
    ? await trx.selectFrom('appointment_calendars').select(['id', 'service_ids', 'slot_minutes', 'capacity', 'category_id', 'weekly_hours'])
      .where('tenant_id', '=', tenantId).where('active', '=', true).where('category_id', 'in', categoryIds).orderBy('name').execute()
    : [];
  const active = new Set(categoryIds);
  return {
    tenantId, officeId, openingHours: office.opening_hours, categories,
    counters: counters.map((c) => ({ id: c.id, name: c.name, categoryIds: c.category_ids.filter((id) => active.has(id)) })).filter((c) => c.categoryIds.length),
    calendars: calendars.filter((c) => c.service_ids.length).map((c) => ({
      id: c.id, serviceIds: c.service_ids, slotMinutes: c.slot_minutes, capacity: c.capacity, categoryId: c.category_id!, weeklyHours: c.weekly_hours,
    })),
  };
}

const CHUNK = 400;
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export interface SimulationReport { days: string[]; skipped: string[]; tickets: number }

/**
 * Simulates the given days at an office and writes them (one transaction). Days the office is closed (no opening
 * hours, Sundays, public holidays) and days that already have tickets there are skipped.
 */
export async function simulateDeskDays(db: Kysely<DB>, input: { tenantId: string; officeId: string; days: string[]; seed: number }): Promise<SimulationReport> {
  // today is still happening: its numbers come from the live queue, and simulated ones would collide with them
  const today = clock.today();
  const notPast = input.days.filter((d) => d >= today);
  if (notPast.length) throw new Error(`the simulator writes past days only (before ${today}), not ${notPast.join(', ')}`);
  return inScope(db, { platform: true }, async (trx) => {
    const office = await loadOffice(trx, input.tenantId, input.officeId);
    const report: SimulationReport = { days: [], skipped: [], tickets: 0 };
    if (!input.days.length) return report;
    const busy = new Set((await trx.selectFrom('desk_tickets').select('day').distinct().where('office_id', '=', input.officeId)
      .where('day', 'in', input.days).execute()).map((r) => String(r.day).slice(0, 10)));
    const categoryIds = office.categories.map((c) => c.id);
    const sequences = categoryIds.length
      ? await trx.selectFrom('desk_ticket_sequences').select(['category_id', 'day', 'last_number']).where('category_id', 'in', categoryIds)
        .where('day', 'in', input.days).execute()
      : [];
    const plans: DayPlan[] = [];
    for (const day of input.days) {
      if (busy.has(day) || isNonWorkingDay(day) || !openingWindows(office.openingHours, day).length) {
        report.skipped.push(day);
        continue;
      }
      const start = new Map(sequences.filter((s) => String(s.day).slice(0, 10) === day).map((s) => [s.category_id, s.last_number]));
      const plan = planDeskDay(office, day, input.seed, start);
      if (!plan.tickets.length) {
        report.skipped.push(day);
        continue;
      }
      plans.push(plan);
      report.days.push(day);
      report.tickets += plan.tickets.length;
    }
    if (!plans.length) return report;
    const base = { tenant_id: input.tenantId, office_id: input.officeId };

    await insertChunked(plans.flatMap((p) => p.appointments), (chunk) => trx.insertInto('appointments').values(chunk.map((a) => ({
      ...base, id: a.id, calendar_id: a.calendarId, service_id: a.serviceId, starts_at: a.startsAt, ends_at: a.endsAt, name: a.name,
      reason: a.reason, status: a.status, code: a.code, channel: a.channel, checked_in_at: a.checkedInAt, created_at: a.createdAt, updated_at: a.endsAt,
    }))).execute());
    // the slots the appointments hold (past days: for the agenda's counts; never beyond capacity, one booking per slot drawn)
    const slotRows = new Map<string, { calendar_id: string; starts_at: Date; booked: number }>();
    for (const a of plans.flatMap((p) => p.appointments)) {
      const key = `${a.calendarId}|${a.startsAt.toISOString()}`;
      const row = slotRows.get(key) ?? { calendar_id: a.calendarId, starts_at: a.startsAt, booked: 0 };
      row.booked++;
      slotRows.set(key, row);
    }
    await insertChunked([...slotRows.values()], (chunk) => trx.insertInto('appointment_slots').values(chunk.map((s) => ({ tenant_id: input.tenantId, ...s })))
      .onConflict((oc) => oc.columns(['calendar_id', 'starts_at']).doNothing()).execute());

    await insertChunked(plans.flatMap((p) => p.tickets.map((t) => ({ p, t }))), (chunk) => trx.insertInto('desk_tickets').values(chunk.map(({ p, t }) => ({
      ...base, id: t.id, category_id: t.categoryId, day: p.day, issued_category_id: t.categoryId, number: t.number, label: t.label,
      status: t.status, channel: t.channel, appointment_id: t.appointmentId, priority_from: t.priorityFrom, counter_id: t.counterId,
      issued_at: t.issuedAt, first_called_at: t.firstCalledAt, called_at: t.calledAt, call_count: t.callCount, finished_at: t.finishedAt,
    }))).execute());
    for (const a of plans.flatMap((p) => p.appointments).filter((x) => x.ticketId)) {
      await trx.updateTable('appointments').set({ ticket_id: a.ticketId }).where('id', '=', a.id).execute();
    }
    await insertChunked(plans.flatMap((p) => p.events), (chunk) => trx.insertInto('desk_ticket_events').values(chunk.map((e) => ({
      ...base, ticket_id: e.ticketId, kind: e.kind, counter_id: e.counterId, category_id: e.categoryId, at: e.at,
    }))).execute());
    await insertChunked(plans.flatMap((p) => p.sessions), (chunk) => trx.insertInto('desk_counter_sessions').values(chunk.map((s) => ({
      ...base, counter_id: s.counterId, opened_at: s.openedAt, closed_at: s.closedAt,
    }))).execute());
    await insertChunked(plans.flatMap((p) => p.ratings), (chunk) => trx.insertInto('desk_ratings').values(chunk.map((r) => ({
      ...base, ticket_id: r.ticketId, counter_id: r.counterId, category_id: r.categoryId, rating: r.rating, created_at: r.at,
    }))).execute());
    const seqRows = plans.flatMap((p) => [...p.lastNumbers].map(([categoryId, last]) => ({ tenant_id: input.tenantId, category_id: categoryId, day: p.day, last_number: last })));
    await insertChunked(seqRows, (chunk) => trx.insertInto('desk_ticket_sequences').values(chunk)
      .onConflict((oc) => oc.columns(['category_id', 'day']).doUpdateSet((eb) => ({ last_number: eb.fn('greatest', [eb.ref('desk_ticket_sequences.last_number'), eb.ref('excluded.last_number')]) })))
      .execute());
    return report;
  });
}
