/**
 * The take-a-number queue of an office: categories (a letter each), counters and their operators' sessions,
 * tickets from the kiosk, the reception or an appointment's check-in, the counters' calls, the waiting-room
 * display, the floor devices and the visitors' ratings.
 *
 * The queue lives only in the database: any process can answer for any office, a restarted server finds it as it
 * was, and every change appends to desk_ticket_events, whose seq is the office's change stream (the display hub
 * watches it for changes other processes make).
 *
 * Estimated wait, kept simple on purpose: people waiting in the category × today's mean service time of the
 * category (first call to end, over tickets served today) ÷ the counters open now that serve it (at least one).
 * Without a ticket served in the category today there is no estimate (null): yesterday's pace says little
 * about this morning's.
 */
import type { Kysely } from 'kysely';
import type {
  DeskCategory, DeskCounter, DeskDevice, DisplayState, QueueState, Rating, Ticket, TicketChannel,
} from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Action, type Actor, type Resource } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, forbidden, notFound, Problem, unauthorized } from '../../platform/errors.ts';
import { romeDate, romeDayStart } from '../../platform/legal-clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import { iso, isoOrNull } from './dates.ts';
import { createDevice, pairPath, revokeDevice, type DeviceActor } from './devices.ts';
import {
  QueueRepository, type CategoryRow, type CounterRow, type DeviceRow, type TicketViewRow,
} from './queue.repository.ts';
import type { CategoryInput, CounterInput, DeviceInput } from './queue.schemas.ts';

/** Check-in opens this long before the appointment… */
export const CHECK_IN_EARLY_MINUTES = 60;
/** …and closes this long after its start (later, the person asks at the reception). */
export const CHECK_IN_LATE_MINUTES = 15;
/** How many of the day's latest calls the display shows. */
export const DISPLAY_CALLS = 8;
/** How many next labels a queue lists. */
const NEXT_LABELS = 5;
/** A rating tablet offers the last ticket served at its counter within this time. */
const RATING_WINDOW_MS = 10 * 60_000;
/** A tablet takes at most one rating without a ticket in this time (a visitor tapping again and again counts once). */
export const GENERAL_RATING_GAP_MS = 30_000;

const problem = (status: number, title: string, detail: string, type: string) => new Problem(status, title, detail, undefined, `/problems/${type}`);
const conflict = (detail: string, type = 'conflict') => problem(409, 'Conflitto', detail, type);
/** Only the operator sitting at a counter calls and acts there; opening it (taking it over) is how another one sits. */
const counterHeld = (name: string) => conflict(`Lo sportello ${name} è aperto da un altro operatore: aprilo tu per lavorarci. ` +
  `(Counter ${name} is held by someone else: open it yourself to work there.)`, 'counter-held');
const uniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
const hhmm = (at: Date) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

const STATUS_IT: Record<string, string> = { waiting: 'in attesa', called: 'chiamato', served: 'servito', no_show: 'non presentato', cancelled: 'annullato' };

/** "A012": the letter, then the number on at least three digits. */
export const ticketLabel = (prefix: string, number: number) => `${prefix}${String(number).padStart(3, '0')}`;
const MAX_NUMBER = 9999;

export function categoryDto(r: CategoryRow): DeskCategory {
  return { id: r.id, officeId: r.office_id, prefix: r.prefix, name: r.name, description: r.description, sort: r.sort, active: r.active };
}

export function counterDto(r: CounterRow): DeskCounter {
  return {
    id: r.id, officeId: r.office_id, name: r.name, categoryIds: r.category_ids, open: r.operator_id !== null,
    operatorId: r.operator_id, operatorName: r.operator_id ? r.operator_name : null, openedAt: isoOrNull(r.opened_at), active: r.active,
  };
}

export function ticketDto(r: TicketViewRow): Ticket {
  return {
    id: r.id, officeId: r.office_id, categoryId: r.category_id, categoryName: r.category_name, label: r.label,
    day: typeof r.day === 'string' ? r.day : romeDate(new Date(r.day)), status: r.status, channel: r.channel,
    appointment: r.appointment_id && r.appointment_starts_at ? { id: r.appointment_id, startsAt: iso(r.appointment_starts_at) } : null,
    counterId: r.counter_id, counterName: r.counter_name, issuedAt: iso(r.issued_at), calledAt: isoOrNull(r.called_at),
    finishedAt: isoOrNull(r.finished_at), callCount: r.call_count,
  };
}

export function deviceDto(r: DeviceRow): DeskDevice {
  return {
    id: r.id, officeId: r.office_id, kind: r.kind, name: r.name, counterId: r.counter_id, createdAt: iso(r.created_at),
    lastSeenAt: isoOrNull(r.last_seen_at), revokedAt: isoOrNull(r.revoked_at),
  };
}

/** People ahead × mean service minutes ÷ counters serving (at least one); null without today's history. */
export function estimateWait(ahead: number, meanServiceMinutes: number | undefined, countersServing: number): number | null {
  if (meanServiceMinutes === undefined || !Number.isFinite(meanServiceMinutes)) return null;
  return Math.round((ahead * meanServiceMinutes) / Math.max(1, countersServing));
}

/** Who did something: a staff member or a floor device (its id goes into the events). */
type Doer = { id: string };

export class QueueService {
  /**
   * Told of each committed change to an office's queue (the display hub hangs on it). Shared with the
   * executor-bound copies, which leave the telling to the caller that commits (see changed()).
   */
  readonly hooks: { onChange: ((officeId: string) => void) | null };

  constructor(protected readonly db: Kysely<DB>, hooks?: { onChange: ((officeId: string) => void) | null }) {
    this.hooks = hooks ?? { onChange: null };
  }

  /** The same service on a caller's transaction (an idempotent request): the caller tells of the change after committing. */
  withExecutor(executor: Kysely<DB>): QueueService {
    return new QueueService(executor, this.hooks);
  }

  /** Tells the watchers that an office's queue changed (after the change committed). */
  changed(officeId: string) {
    this.hooks.onChange?.(officeId);
  }

  private committed(officeId: string) {
    // inside a caller's transaction nothing is committed yet: the caller tells
    if (!this.db.isTransaction) this.changed(officeId);
  }

  // ---- who may ------------------------------------------------------------------------------------------------

  /** The body and office of a queue object, found before deciding who may touch it (another body's answers 404). */
  private async locate(table: 'desk_categories' | 'desk_counters' | 'desk_tickets' | 'desk_devices', id: string, what: string) {
    const row = await inScope(this.db, { platform: true }, (trx) => new QueueRepository(trx).owner(table, id));
    if (!row) throw notFound(what);
    return { tenantId: row.tenant_id, officeId: row.office_id };
  }

  private async locateOffice(officeId: string) {
    const row = await inScope(this.db, { platform: true }, (trx) => new QueueRepository(trx).office(officeId));
    if (!row) throw notFound("L'ufficio");
    return { tenantId: row.tenant_id, officeId: row.id, officeName: row.name };
  }

  /** Staff who set the desk up or work at it: what the set-up pages and the counters read. */
  private requireDeskStaff(actor: Actor | null, resource: Resource) {
    requireAccess(actor, 'desk.read', resource);
  }

  /**
   * A floor device of the office, or staff with the action. A device of another body finds nothing (404); a
   * device of the wrong kind or of another office of the body may not (403).
   */
  private requireFloor(actor: Actor | null, device: DeviceActor | null, action: Action, resource: Resource & { tenantId: string; officeId: string },
    kinds: readonly DeviceActor['deviceKind'][]): Doer {
    if (device) {
      if (device.tenantId !== resource.tenantId) throw notFound("L'oggetto richiesto");
      if (!kinds.includes(device.deviceKind)) throw forbidden('Questo dispositivo non può fare questa operazione. (This device may not do this.)');
      if (device.officeId !== resource.officeId) throw forbidden("Questo dispositivo lavora per un altro ufficio. (This device belongs to another office.)");
      return { id: device.id };
    }
    return requireAccess(actor, action, resource);
  }

  private requireDevice(device: DeviceActor | null, kind?: DeviceActor['deviceKind']): DeviceActor {
    if (!device) throw unauthorized('Serve un dispositivo di sala abbinato (intestazione X-Desk-Device). (A paired floor device is required.)');
    if (kind && device.deviceKind !== kind) throw forbidden('Questo dispositivo non può fare questa operazione. (This device may not do this.)');
    return device;
  }

  // ---- public: queues and the display -------------------------------------------------------------------------

  /** The queues of an office as the kiosk, the reception and the counters show them. Public; no personal data. */
  async queues(officeId: string): Promise<QueueState[]> {
    await this.locateOffice(officeId);
    return inScope(this.db, { platform: true }, (trx) => this.queuesOf(new QueueRepository(trx), officeId));
  }

  private async queuesOf(repo: QueueRepository, officeId: string): Promise<QueueState[]> {
    const now = clock.now();
    const day = romeDate(now);
    const [categories, waiting, lastCalled, means, open] = await Promise.all([
      repo.categories(officeId, { activeOnly: true }), repo.waiting(officeId, day, now), repo.lastCalled(officeId, day),
      repo.meanServiceMinutes(officeId, day), repo.openCounters(officeId),
    ]);
    return categories.map((c) => {
      const mine = waiting.filter((t) => t.category_id === c.id);
      const serving = open.filter((o) => o.category_ids.includes(c.id)).length;
      return {
        categoryId: c.id, prefix: c.prefix, name: c.name, waiting: mine.length, next: mine.slice(0, NEXT_LABELS).map((t) => t.label),
        lastCalled: lastCalled.get(c.id) ?? null, estimatedWaitMinutes: estimateWait(mine.length, means.get(c.id), serving),
      };
    });
  }

  /** What the waiting-room display shows. Public; no personal data. */
  async display(officeId: string): Promise<DisplayState> {
    const office = await this.locateOffice(officeId);
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new QueueRepository(trx);
      // seq first: a change committed while the rest is read is shown now or by the next update, never lost
      const seq = await repo.latestSeq(officeId);
      const [rows, queues] = await Promise.all([repo.recentCalls(officeId, romeDayStart(clock.today()), DISPLAY_CALLS * 4), this.queuesOf(repo, officeId)]);
      const seen = new Set<string>();
      const calls: DisplayState['calls'] = [];
      for (const r of rows) {
        if (seen.has(r.ticket_id)) continue;
        seen.add(r.ticket_id);
        calls.push({ ticketId: r.ticket_id, label: r.label, counterName: r.counter_name, calledAt: iso(r.at), recall: r.kind === 'recalled' });
        if (calls.length === DISPLAY_CALLS) break;
      }
      return { officeId, officeName: office.officeName, seq, calls, queues };
    });
  }

  /** The change stream positions of some offices (the display hub's poll). */
  async latestSeqs(officeIds: readonly string[]): Promise<Map<string, string>> {
    // one query for all the watched offices: the hub asks every poll
    return inScope(this.db, { platform: true }, (trx) => new QueueRepository(trx).latestSeqs(officeIds));
  }

  // ---- categories ---------------------------------------------------------------------------------------------

  async listCategories(actor: Actor | null, device: DeviceActor | null, officeId: string): Promise<{ items: DeskCategory[] }> {
    const office = await this.locateOffice(officeId);
    if (device) this.requireFloor(null, device, 'desk.configure', office, ['kiosk', 'rating']);
    else this.requireDeskStaff(actor, office);
    return inScope(this.db, { tenantId: office.tenantId }, async (trx) => ({ items: (await new QueueRepository(trx).categories(officeId)).map(categoryDto) }));
  }

  async createCategory(actor: Actor | null, officeId: string, input: CategoryInput): Promise<DeskCategory> {
    const office = await this.locateOffice(officeId);
    requireAccess(actor, 'desk.configure', office);
    return this.saveCategory(office.tenantId, (repo) => repo.insertCategory({
      tenant_id: office.tenantId, office_id: officeId, prefix: input.prefix, name: input.name.trim(), description: input.description?.trim() || null,
      sort: input.sort ?? 0, active: input.active ?? true,
    }), input.prefix);
  }

  async updateCategory(actor: Actor | null, categoryId: string, input: CategoryInput): Promise<DeskCategory> {
    const where = await this.locate('desk_categories', categoryId, 'La categoria');
    requireAccess(actor, 'desk.configure', where);
    const saved = await this.saveCategory(where.tenantId, async (repo) => {
      const before = await repo.category(categoryId);
      // today's numbers keep the old letter: the new one would start again at 1 beside them and repeat their labels
      if (before && before.prefix !== input.prefix && await repo.issuedOn(categoryId, clock.today())) {
        throw conflict(`La categoria ha già dato numeri oggi con la lettera ${before.prefix}: cambiala da domani, a code vuote. ` +
          `(The category issued numbers with ${before.prefix} today: change its letter from tomorrow.)`, 'prefix-in-use-today');
      }
      return repo.updateCategory(categoryId, {
      prefix: input.prefix, name: input.name.trim(), description: input.description?.trim() || null, sort: input.sort ?? 0, active: input.active ?? true,
      });
    }, input.prefix);
    this.committed(where.officeId);
    return saved;
  }

  private async saveCategory(tenantId: string, write: (repo: QueueRepository) => Promise<CategoryRow>, prefix: string) {
    try {
      return categoryDto(await inScope(this.db, { tenantId }, (trx) => write(new QueueRepository(trx))));
    } catch (err) {
      if (uniqueViolation(err)) {
        throw conflict(`La lettera ${prefix} è già usata da un'altra categoria dell'ufficio: scegline un'altra. (Prefix ${prefix} is taken in this office.)`, 'prefix-taken');
      }
      throw err;
    }
  }

  // ---- counters -----------------------------------------------------------------------------------------------

  async listCounters(actor: Actor | null, officeId: string): Promise<{ items: DeskCounter[] }> {
    const office = await this.locateOffice(officeId);
    this.requireDeskStaff(actor, office);
    return inScope(this.db, { tenantId: office.tenantId }, async (trx) => ({ items: (await new QueueRepository(trx).counters(officeId)).map(counterDto) }));
  }

  /** The categories named must be the office's own. */
  private async checkCategories(repo: QueueRepository, officeId: string, categoryIds: readonly string[], path: string) {
    const own = new Set((await repo.categories(officeId)).map((c) => c.id));
    const wrong = categoryIds.filter((id) => !own.has(id));
    if (wrong.length) {
      throw badRequest("Alcune categorie non sono di questo ufficio. (Some categories are not this office's.)",
        wrong.map((id) => ({ path, message: `la categoria ${id} non è di questo ufficio (not a category of this office)` })));
    }
  }

  async createCounter(actor: Actor | null, officeId: string, input: CounterInput): Promise<DeskCounter> {
    const office = await this.locateOffice(officeId);
    requireAccess(actor, 'desk.configure', office);
    return this.saveCounter(office.tenantId, input.name, async (repo) => {
      await this.checkCategories(repo, officeId, input.categoryIds, 'body.categoryIds');
      const { id } = await repo.insertCounter({ tenant_id: office.tenantId, office_id: officeId, name: input.name.trim(), category_ids: input.categoryIds, active: input.active ?? true });
      return id;
    });
  }

  async updateCounter(actor: Actor | null, counterId: string, input: CounterInput): Promise<DeskCounter> {
    const where = await this.locate('desk_counters', counterId, 'Lo sportello');
    requireAccess(actor, 'desk.configure', where);
    const saved = await this.saveCounter(where.tenantId, input.name, async (repo) => {
      await this.checkCategories(repo, where.officeId, input.categoryIds, 'body.categoryIds');
      await repo.lockCounter(counterId);
      const active = input.active ?? true;
      await repo.updateCounter(counterId, { name: input.name.trim(), category_ids: input.categoryIds, active });
      // a counter taken out of service is closed
      if (!active) {
        await repo.closeSessions(counterId, clock.now());
        await repo.updateCounter(counterId, { operator_id: null, opened_at: null });
        await repo.releaseWaiting(counterId);
      }
      return counterId;
    });
    this.committed(where.officeId);
    return saved;
  }

  private async saveCounter(tenantId: string, name: string, write: (repo: QueueRepository) => Promise<string>) {
    try {
      return await inScope(this.db, { tenantId }, async (trx) => {
        const repo = new QueueRepository(trx);
        return counterDto((await repo.counter(await write(repo)))!);
      });
    } catch (err) {
      if (uniqueViolation(err)) throw conflict(`C'è già uno sportello «${name.trim()}» in questo ufficio. (A counter with this name exists.)`, 'counter-name-taken');
      throw err;
    }
  }

  /** The operator sits at the counter: it opens (a session starts) and serves the categories given, or its own. */
  async openCounter(actor: Actor | null, counterId: string, body: { categoryIds?: string[] }): Promise<DeskCounter> {
    const where = await this.locate('desk_counters', counterId, 'Lo sportello');
    const staff = requireAccess(actor, 'desk.serve', where);
    const counter = await inScope(this.db, { tenantId: where.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const now = clock.now();
      const locked = await repo.lockForOpening(counterId, staff.id);
      const row = locked.find((c) => c.id === counterId);
      if (!row!.active) throw conflict('Questo sportello non è in servizio: chiedi a chi configura lo sportello. (This counter is not in service.)', 'counter-inactive');
      if (body.categoryIds) await this.checkCategories(repo, where.officeId, body.categoryIds, 'body.categoryIds');
      // an operator sits at one counter: the one they held closes
      for (const held of locked) {
        if (held.id === counterId || held.operator_id !== staff.id) continue;
        const current = await repo.currentAt(held.id);
        if (current) {
          throw conflict(`Allo sportello ${held.name} hai ancora il numero ${current.label}: chiudilo prima di cambiare sportello. ` +
            `(Ticket ${current.label} is still called at ${held.name}: finish it first.)`, 'ticket-still-called');
        }
        await repo.closeSessions(held.id, now);
        await repo.updateCounter(held.id, { operator_id: null, opened_at: null });
      }
      if (row!.operator_id !== staff.id) {
        // someone else's session ends where this one begins
        await repo.closeSessions(counterId, now);
        await repo.openSession({ tenant_id: where.tenantId, office_id: where.officeId, counter_id: counterId, operator_id: staff.id, opened_at: now });
        await repo.updateCounter(counterId, { operator_id: staff.id, opened_at: now });
      }
      if (body.categoryIds) await repo.updateCounter(counterId, { category_ids: body.categoryIds });
      return counterDto((await repo.counter(counterId))!);
    });
    this.committed(where.officeId);
    return counter;
  }

  /** The operator leaves: the session ends. A ticket still called there must be finished first (409). */
  async closeCounter(actor: Actor | null, counterId: string): Promise<DeskCounter> {
    const where = await this.locate('desk_counters', counterId, 'Lo sportello');
    requireAccess(actor, 'desk.serve', where);
    const counter = await inScope(this.db, { tenantId: where.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      await repo.lockCounter(counterId);
      const current = await repo.currentAt(counterId);
      if (current) {
        throw conflict(`Allo sportello c'è ancora il numero ${current.label}: segnalo come servito, non presentato o trasferiscilo, poi chiudi. ` +
          `(Ticket ${current.label} is still called here: finish it first.)`, 'ticket-still-called');
      }
      await repo.closeSessions(counterId, clock.now());
      await repo.updateCounter(counterId, { operator_id: null, opened_at: null });
      await repo.releaseWaiting(counterId);
      return counterDto((await repo.counter(counterId))!);
    });
    this.committed(where.officeId);
    return counter;
  }

  /** The counter's page: the counter, the ticket called there, the office's queues and the change stream position. */
  async counterView(actor: Actor | null, counterId: string) {
    const where = await this.locate('desk_counters', counterId, 'Lo sportello');
    requireAccess(actor, 'desk.serve', where);
    return inScope(this.db, { tenantId: where.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const seq = await repo.latestSeq(where.officeId);
      const counter = (await repo.counter(counterId))!;
      const current = await repo.currentAt(counterId);
      return { counter: counterDto(counter), current: current ? ticketDto(current) : null, queues: await this.queuesOf(repo, where.officeId), seq };
    });
  }

  // ---- calling ------------------------------------------------------------------------------------------------

  /** The next ticket for the counter (null: nobody waiting). 409 while the counter still has one called. */
  async callNext(actor: Actor | null, counterId: string): Promise<{ ticket: Ticket | null }> {
    const where = await this.locate('desk_counters', counterId, 'Lo sportello');
    const staff = requireAccess(actor, 'desk.serve', where);
    const ticket = await inScope(this.db, { tenantId: where.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      // one call at a time per counter; other counters call in parallel (the ticket itself is taken with SKIP LOCKED)
      const counter = (await repo.lockCounter(counterId))!;
      if (!counter.active) throw conflict('Questo sportello non è in servizio. (This counter is not in service.)', 'counter-inactive');
      if (counter.operator_id === null) throw conflict('Apri lo sportello prima di chiamare. (Open the counter first.)', 'counter-closed');
      if (counter.operator_id !== staff.id) throw counterHeld(counter.name);
      const current = await repo.currentAt(counterId);
      if (current) {
        throw conflict(`Lo sportello ha già chiamato il numero ${current.label}: segnalo come servito, non presentato o trasferiscilo prima di chiamare il prossimo. ` +
          `(Ticket ${current.label} is still called here: finish it first.)`, 'ticket-still-called');
      }
      const now = clock.now();
      const id = await repo.callNext({ officeId: where.officeId, counterId, categoryIds: counter.category_ids, day: romeDate(now), now, calledBy: staff.id });
      if (!id) return null;
      const called = (await repo.ticket(id))!;
      await repo.appendEvent({ tenantId: where.tenantId, officeId: where.officeId, ticketId: id, kind: 'called', counterId, categoryId: called.category_id, actorId: staff.id, at: now });
      return ticketDto(called);
    });
    if (ticket) this.committed(where.officeId);
    return { ticket };
  }

  /** Changes a ticket in one transaction after checking who may; the change is told to the display. */
  private async onTicket(actor: Actor | null, ticketId: string, fn: (repo: QueueRepository, ticket: NonNullable<Awaited<ReturnType<QueueRepository['lockTicket']>>>, doer: Doer) => Promise<void>) {
    const where = await this.locate('desk_tickets', ticketId, 'Il biglietto');
    const staff = requireAccess(actor, 'desk.serve', where);
    const ticket = await inScope(this.db, { tenantId: where.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const row = (await repo.lockTicket(ticketId))!;
      // a called ticket belongs to the counter that called it: only the operator sitting there acts on it
      if (row.status === 'called' && row.counter_id) {
        const at = await repo.counter(row.counter_id);
        if (at && at.operator_id !== null && at.operator_id !== staff.id) throw counterHeld(at.name);
      }
      await fn(repo, row, staff);
      return ticketDto((await repo.ticket(ticketId))!);
    });
    this.committed(where.officeId);
    return ticket;
  }

  private static requireCalled(status: string, label: string, doing: string) {
    if (status !== 'called') {
      throw conflict(`Il numero ${label} non è chiamato a uno sportello (è ${STATUS_IT[status] ?? status}): non si può ${doing}. ` +
        `(Ticket ${label} is not called: it is ${status}.)`, 'ticket-not-called');
    }
  }

  recall(actor: Actor | null, ticketId: string) {
    return this.onTicket(actor, ticketId, async (repo, t, doer) => {
      QueueService.requireCalled(t.status, t.label, 'richiamarlo');
      const now = clock.now();
      await repo.updateTicket(t.id, { called_at: now, call_count: t.call_count + 1 });
      await repo.appendEvent({ tenantId: t.tenant_id, officeId: t.office_id, ticketId: t.id, kind: 'recalled', counterId: t.counter_id, categoryId: t.category_id, actorId: doer.id, at: now });
    });
  }

  served(actor: Actor | null, ticketId: string) {
    return this.finish(actor, ticketId, 'served');
  }

  noShow(actor: Actor | null, ticketId: string) {
    return this.finish(actor, ticketId, 'no_show');
  }

  private finish(actor: Actor | null, ticketId: string, status: 'served' | 'no_show') {
    return this.onTicket(actor, ticketId, async (repo, t, doer) => {
      QueueService.requireCalled(t.status, t.label, status === 'served' ? 'segnarlo come servito' : 'segnarlo come non presentato');
      const now = clock.now();
      await repo.updateTicket(t.id, { status, finished_at: now });
      await repo.appendEvent({ tenantId: t.tenant_id, officeId: t.office_id, ticketId: t.id, kind: status, counterId: t.counter_id, categoryId: t.category_id, actorId: doer.id, at: now });
      // the appointment the ticket came from ends the same way
      if (t.appointment_id) await repo.updateAppointment(t.appointment_id, { status, updated_at: now });
    });
  }

  /** Sends a ticket to another counter (called first there) or category; it waits again and keeps its arrival time. */
  transfer(actor: Actor | null, ticketId: string, body: { counterId?: string; categoryId?: string }) {
    if ((body.counterId === undefined) === (body.categoryId === undefined)) {
      throw badRequest('Indica uno sportello (counterId) oppure una categoria (categoryId), non entrambi. (Give either counterId or categoryId.)',
        [{ path: 'body', message: 'uno tra counterId e categoryId (exactly one of counterId, categoryId)' }]);
    }
    return this.onTicket(actor, ticketId, async (repo, t, doer) => {
      if (t.status !== 'waiting' && t.status !== 'called') {
        throw conflict(`Il numero ${t.label} è già chiuso (${STATUS_IT[t.status] ?? t.status}): non si trasferisce. (Ticket ${t.label} is finished.)`, 'ticket-finished');
      }
      const now = clock.now();
      if (body.counterId) {
        const target = await repo.counter(body.counterId);
        if (!target || target.office_id !== t.office_id) throw badRequest("Lo sportello non è di questo ufficio. (Not a counter of this office.)", [{ path: 'body.counterId', message: 'sportello sconosciuto in questo ufficio' }]);
        if (!target.active) throw conflict(`Lo sportello ${target.name} non è in servizio. (Counter not in service.)`, 'counter-inactive');
        // nobody would call it there: only another counter's operator could, and they take only their categories' tickets
        if (target.operator_id === null) {
          throw conflict(`Lo sportello ${target.name} è chiuso: trasferisci a uno sportello aperto o alla categoria. (Counter ${target.name} is closed.)`, 'counter-closed');
        }
        await repo.updateTicket(t.id, { status: 'waiting', counter_id: target.id });
        await repo.appendEvent({ tenantId: t.tenant_id, officeId: t.office_id, ticketId: t.id, kind: 'transferred', counterId: target.id, categoryId: t.category_id, actorId: doer.id, at: now });
      } else {
        const target = await repo.category(body.categoryId!);
        if (!target || target.office_id !== t.office_id) throw badRequest('La categoria non è di questo ufficio. (Not a category of this office.)', [{ path: 'body.categoryId', message: 'categoria sconosciuta in questo ufficio' }]);
        if (!target.active) throw conflict(`La categoria ${target.name} non è attiva. (Category not active.)`, 'category-inactive');
        await repo.updateTicket(t.id, { status: 'waiting', counter_id: null, category_id: target.id });
        await repo.appendEvent({ tenantId: t.tenant_id, officeId: t.office_id, ticketId: t.id, kind: 'transferred', counterId: null, categoryId: target.id, actorId: doer.id, at: now });
      }
    });
  }

  // ---- issuing ------------------------------------------------------------------------------------------------

  /**
   * Issues the next number of a category, in the caller's transaction: the day's sequence row gives the number,
   * so the same number is never issued twice in a day; the ticket and its 'issued' event commit with it.
   */
  private async issueIn(repo: QueueRepository, p: { tenantId: string; officeId: string; category: CategoryRow; channel: TicketChannel;
    appointment?: { id: string; startsAt: Date }; doer: Doer }): Promise<Ticket> {
    const now = clock.now();
    const day = romeDate(now);
    let number = await repo.nextNumber(p.tenantId, p.category.id, day);
    // tickets written around the sequence (a simulation run for today): carry on after the highest instead of failing
    const highest = await repo.maxIssued(p.category.id, day);
    if (number <= highest) {
      number = highest + 1;
      await repo.setSequence(p.category.id, day, number);
    }
    if (number > MAX_NUMBER) throw conflict(`La categoria ${p.category.name} ha finito i numeri di oggi. (No numbers left today.)`, 'numbers-exhausted');
    let id: string;
    try {
      ({ id } = await repo.insertTicket({
        tenant_id: p.tenantId, office_id: p.officeId, category_id: p.category.id, day, issued_category_id: p.category.id, number,
        label: ticketLabel(p.category.prefix, number), channel: p.channel, appointment_id: p.appointment?.id ?? null,
        priority_from: p.appointment?.startsAt ?? null, issued_at: now,
      }));
    } catch (err) {
      // should a number still be taken (written around the sequence just now): nothing was issued, the caller tries again
      if (uniqueViolation(err)) {
        throw conflict(`Il numero ${ticketLabel(p.category.prefix, number)} risulta già dato: riprova. (Number already taken: please try again.)`, 'number-taken');
      }
      throw err;
    }
    await repo.appendEvent({ tenantId: p.tenantId, officeId: p.officeId, ticketId: id, kind: 'issued', categoryId: p.category.id, actorId: p.doer.id, at: now });
    const [waiting, means, open] = await Promise.all([repo.waiting(p.officeId, day, now), repo.meanServiceMinutes(p.officeId, day), repo.openCounters(p.officeId)]);
    const ahead = waiting.filter((w) => w.category_id === p.category.id && w.id !== id).length;
    const serving = open.filter((o) => o.category_ids.includes(p.category.id)).length;
    return { ...ticketDto((await repo.ticket(id))!), waitingBefore: ahead, estimatedWaitMinutes: estimateWait(ahead, means.get(p.category.id), serving) };
  }

  /** A ticket from the kiosk (device) or from the reception for a person at the desk ('desk.reception'). */
  async issue(actor: Actor | null, device: DeviceActor | null, body: { officeId: string; categoryId: string }): Promise<Ticket> {
    const office = await this.locateOffice(body.officeId);
    const doer = this.requireFloor(actor, device, 'desk.reception', office, ['kiosk']);
    const ticket = await inScope(this.db, { tenantId: office.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const category = await repo.category(body.categoryId);
      if (!category || category.office_id !== office.officeId) {
        throw badRequest('La categoria non è di questo ufficio. (Not a category of this office.)', [{ path: 'body.categoryId', message: 'categoria sconosciuta in questo ufficio' }]);
      }
      if (!category.active) throw conflict(`La categoria ${category.name} oggi non è attiva. (This category is not active.)`, 'category-inactive');
      return this.issueIn(repo, { tenantId: office.tenantId, officeId: office.officeId, category, channel: device ? 'kiosk' : 'reception', doer });
    });
    this.committed(office.officeId);
    return ticket;
  }

  /**
   * Check-in of an appointment by its code: today, at this office, not cancelled, from an hour before its start
   * to a quarter of an hour after. One ticket in the calendar's category, ahead of the others from the
   * appointment's time; a second check-in answers 409 with the number already given.
   */
  async checkIn(actor: Actor | null, device: DeviceActor | null, code: string): Promise<Ticket> {
    // someone must ask before the code is looked up: otherwise 401 for a real code and 404 for a made-up one would
    // tell anybody which codes exist (a signed-in caller of another body gets 404 for both, below)
    if (!device && !actor) throw unauthorized();
    const normalised = code.trim().toUpperCase();
    const found = /^[A-Z0-9]{6,16}$/.test(normalised)
      ? await inScope(this.db, { platform: true }, (trx) => new QueueRepository(trx).appointmentByCode(normalised))
      : undefined;
    const unknown = () => problem(404, 'Codice non trovato', `Nessun appuntamento ha il codice ${normalised || '(vuoto)'}: controlla il codice sulla conferma. ` +
      '(No appointment has this code.)', 'appointment-code-unknown');
    if (!found) throw unknown();
    if (device && device.tenantId !== found.tenant_id) throw unknown();
    const where = { tenantId: found.tenant_id, officeId: found.office_id };
    if (device && device.officeId !== found.office_id) {
      const office = await this.locateOffice(found.office_id);
      throw problem(409, 'Ufficio diverso', `L'appuntamento è presso un altro ufficio: ${office.officeName}. (The appointment is at another office.)`, 'appointment-other-office');
    }
    let doer: Doer;
    try {
      doer = this.requireFloor(actor, device, 'desk.reception', where, ['kiosk']);
    } catch (err) {
      // another body's code: the same answer as a code that does not exist
      throw err instanceof Problem && err.status === 404 ? unknown() : err;
    }
    const ticket = await inScope(this.db, { tenantId: found.tenant_id }, async (trx) => {
      const repo = new QueueRepository(trx);
      // two check-ins of the same code at once: the second waits here, then sees the first's ticket
      const a = (await repo.lockAppointment(found.id))!;
      const startsAt = new Date(a.starts_at);
      const now = clock.now();
      if (a.status === 'cancelled') throw problem(409, 'Appuntamento annullato', "Questo appuntamento è stato annullato: rivolgiti all'accoglienza. (This appointment was cancelled.)", 'appointment-cancelled');
      if (a.ticket_id) {
        const existing = await repo.ticket(a.ticket_id);
        throw problem(409, 'Check-in già fatto', `Hai già fatto il check-in: il tuo numero è ${existing?.label ?? ''}. (Already checked in: your number is ${existing?.label ?? ''}.)`, 'already-checked-in');
      }
      if (a.status !== 'booked') throw problem(409, 'Appuntamento chiuso', "Questo appuntamento è già concluso. (This appointment is over.)", 'appointment-closed');
      if (romeDate(startsAt) !== romeDate(now)) {
        const day = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' }).format(startsAt);
        throw problem(409, 'Appuntamento di un altro giorno', `L'appuntamento è per il ${day} alle ${hhmm(startsAt)}, non per oggi. (The appointment is on another day.)`, 'appointment-other-day');
      }
      const opensAt = new Date(startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000);
      const closesAt = new Date(startsAt.getTime() + CHECK_IN_LATE_MINUTES * 60_000);
      if (now < opensAt) {
        throw problem(409, 'Troppo presto', `L'appuntamento è alle ${hhmm(startsAt)}: il check-in si apre alle ${hhmm(opensAt)}, un'ora prima. ` +
          `(Check-in opens at ${hhmm(opensAt)}.)`, 'check-in-too-early');
      }
      if (now > closesAt) {
        throw problem(409, 'Troppo tardi', `L'appuntamento era alle ${hhmm(startsAt)} e sono passati più di ${CHECK_IN_LATE_MINUTES} minuti: rivolgiti all'accoglienza. ` +
          `(More than ${CHECK_IN_LATE_MINUTES} minutes late: please ask at the reception.)`, 'check-in-too-late');
      }
      const category = a.category_id ? await repo.category(a.category_id) : undefined;
      if (!category) throw problem(409, 'Nessuna coda', "Per questo appuntamento l'ufficio non usa i numeri: rivolgiti all'accoglienza. (This office has no queue for it.)", 'no-queue');
      if (!category.active) {
        throw problem(409, 'Coda non attiva', `La coda «${category.name}» oggi non è attiva: rivolgiti all'accoglienza. (The appointment's queue is not active today.)`, 'category-inactive');
      }
      const issued = await this.issueIn(repo, { tenantId: found.tenant_id, officeId: a.office_id, category, channel: 'appointment', appointment: { id: a.id, startsAt }, doer });
      await repo.appendEvent({ tenantId: found.tenant_id, officeId: a.office_id, ticketId: issued.id, kind: 'checked_in', categoryId: category.id, actorId: doer.id, at: now });
      await repo.updateAppointment(a.id, { status: 'checked_in', checked_in_at: now, ticket_id: issued.id, updated_at: now });
      return issued;
    });
    this.committed(found.office_id);
    return ticket;
  }

  // ---- devices ------------------------------------------------------------------------------------------------

  async listDevices(actor: Actor | null, officeId: string): Promise<{ items: DeskDevice[] }> {
    const office = await this.locateOffice(officeId);
    requireAccess(actor, 'desk.configure', office);
    return inScope(this.db, { tenantId: office.tenantId }, async (trx) => ({ items: (await new QueueRepository(trx).devices(officeId)).map(deviceDto) }));
  }

  /** Pairs a new device: its key is in this answer only (never stored in clear, so a retry cannot repeat it). */
  async createDevice(actor: Actor | null, officeId: string, input: DeviceInput) {
    const office = await this.locateOffice(officeId);
    const staff = requireAccess(actor, 'desk.configure', office);
    const counterId = input.counterId ?? null;
    if (input.kind === 'rating' && !counterId) {
      throw badRequest('Un tablet di valutazione appartiene a uno sportello: indicalo. (A rating tablet needs its counter.)', [{ path: 'body.counterId', message: 'obbligatorio per i tablet di valutazione' }]);
    }
    if (input.kind === 'kiosk' && counterId) {
      throw badRequest('Un totem serve tutto l\'ufficio: non indicare uno sportello. (A kiosk has no counter.)', [{ path: 'body.counterId', message: 'solo per i tablet di valutazione' }]);
    }
    return inScope(this.db, { tenantId: office.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      if (counterId) {
        const counter = await repo.counter(counterId);
        if (!counter || counter.office_id !== officeId) throw badRequest("Lo sportello non è di questo ufficio. (Not a counter of this office.)", [{ path: 'body.counterId', message: 'sportello sconosciuto in questo ufficio' }]);
      }
      const { row, key } = await createDevice(trx, { tenantId: office.tenantId, officeId, kind: input.kind, name: input.name.trim(), counterId, createdBy: staff.id });
      return { device: deviceDto(row), key, pairPath: pairPath(key) };
    });
  }

  async revokeDevice(actor: Actor | null, deviceId: string): Promise<DeskDevice> {
    const where = await this.locate('desk_devices', deviceId, 'Il dispositivo');
    requireAccess(actor, 'desk.configure', where);
    return inScope(this.db, { tenantId: where.tenantId }, async (trx) => deviceDto(await revokeDevice(trx, deviceId)));
  }

  /** The device itself: what it is, its office and counter (the floor pages greet with them). */
  async deviceMe(device: DeviceActor | null) {
    const d = this.requireDevice(device);
    return inScope(this.db, { tenantId: d.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const row = (await repo.device(d.id))!;
      const office = (await repo.office(d.officeId))!;
      const counter = d.counterId ? await repo.counter(d.counterId) : undefined;
      return { device: deviceDto(row), officeName: office.name, counterName: counter?.name ?? null };
    });
  }

  /** The rating tablet's question: the last ticket served at its counter in the last minutes, not rated yet. */
  async ratingTarget(device: DeviceActor | null) {
    const d = this.requireDevice(device, 'rating');
    if (!d.counterId) return { ticket: null };
    return inScope(this.db, { tenantId: d.tenantId }, async (trx) => {
      const row = await new QueueRepository(trx).ratingTarget(d.counterId!, new Date(clock.now().getTime() - RATING_WINDOW_MS));
      return { ticket: row && !row.rating_id ? { id: row.id, label: row.label, finishedAt: iso(row.finished_at!) } : null };
    });
  }

  /** A visitor's rating on the tablet: of a ticket served at its counter (once), or of the visit without one. */
  async rate(device: DeviceActor | null, body: { rating: Rating; ticketId?: string }): Promise<{ id: string; rating: Rating }> {
    const d = this.requireDevice(device, 'rating');
    const answer = await inScope(this.db, { tenantId: d.tenantId }, async (trx) => {
      const repo = new QueueRepository(trx);
      const now = clock.now();
      let categoryId: string | null = null;
      if (body.ticketId) {
        const t = await repo.lockTicket(body.ticketId);
        if (!t) throw notFound('Il biglietto');
        if (t.status !== 'served' || !d.counterId || t.counter_id !== d.counterId) {
          throw forbidden('Questo tablet valuta soltanto le visite servite al suo sportello. (This tablet rates only tickets served at its counter.)');
        }
        if (!t.finished_at || new Date(t.finished_at).getTime() < now.getTime() - RATING_WINDOW_MS) {
          throw conflict(`La visita ${t.label} si è conclusa da più di ${RATING_WINDOW_MS / 60_000} minuti: non si valuta più. ` +
            `(Visit ${t.label} ended more than ${RATING_WINDOW_MS / 60_000} minutes ago: it can no longer be rated.)`, 'rating-window-closed');
        }
        categoryId = t.category_id;
      } else {
        // the device's row orders two taps at once: the second sees the first's rating
        await repo.lockDevice(d.id);
        if (await repo.generalRatingSince(d.officeId, d.counterId, new Date(now.getTime() - GENERAL_RATING_GAP_MS))) {
          throw conflict(`Questo tablet ha appena ricevuto una valutazione: grazie! Si può lasciarne un'altra tra ${GENERAL_RATING_GAP_MS / 1000} secondi. ` +
            `(This tablet was just rated: another rating is taken after ${GENERAL_RATING_GAP_MS / 1000} seconds.)`, 'rating-too-soon');
        }
      }
      const row = await repo.insertRating({ tenant_id: d.tenantId, office_id: d.officeId, ticket_id: body.ticketId ?? null, counter_id: d.counterId,
        category_id: categoryId, rating: body.rating, created_at: now });
      if (!row) throw conflict('Questa visita è già stata valutata: grazie! (This visit was already rated.)', 'already-rated');
      if (body.ticketId) {
        await repo.appendEvent({ tenantId: d.tenantId, officeId: d.officeId, ticketId: body.ticketId, kind: 'rated', counterId: d.counterId, categoryId, actorId: d.id, at: now });
      }
      return { id: row.id, rating: row.rating };
    });
    if (body.ticketId) this.committed(d.officeId);
    return answer;
  }
}

