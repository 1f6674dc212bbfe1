/**
 * Six months of work in the two demo comuni, so that a fresh demo shows a living back office: about eighty
 * applications per comune on the services with an online form, filed by demo residents over the last 180 days,
 * most concluded, some on the operators' desks today (new, in progress, waiting for the citizen, due soon, overdue,
 * a tax refund waiting for its visas, one withdrawn).
 *
 * Every row is what the real code would have written had these people used Sportello on those days: the draft and
 * its answers (valid against the pinned form, prefilled where the body holds the data), the attachments the answers
 * make necessary (small placeholder PDFs that say what they stand for), the submission and the legal clock
 * (platform/legal-clock.ts), the incoming protocol numbers of the register (gapless per body and year, in order of
 * submission, the register's counter where the registrar will continue), the timeline with the office's actions
 * on working days, the workflow's automations (SCIA automatic checks and silenzio-assenso, reminders before the
 * due date, escalations when late, messages to the citizen and to the counter-interested parties, visas awaited),
 * the access log of the operators' reads and, on about half of the concluded ones, the citizen's rating.
 *
 * What it does not make: PDFs of receipts and responses. Rendering one takes about 40 ms of CPU; the receipt issuer,
 * which works on every registered application without a receipt, would spend seconds on the history at the first
 * start (and in every test that loads the demo) and would date each receipt today, after outcomes months old. So the
 * history's applications carry NO_RECEIPT in receipt_document_id ("none to issue"), and the concluded ones have no
 * response document: their outcome is the status, the motivation and the timeline.
 *
 * Made once: a body whose protocol register already has entries (or that already has submitted applications) gets
 * no history, because numbers dated in the past could not follow numbers already given. A second seed therefore
 * adds nothing. Dates are relative to the day of seeding (the program's clock), so the demo always looks current.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RATING_REASONS_HIGH, RATING_REASONS_LOW, type ApplicationStatus } from '../../../../contracts/applications.ts';
import type { ServiceCard } from '../../../../contracts/catalog.ts';
import type { ServiceForm } from '../../../../contracts/forms.ts';
import type { Automation, AutomationAction, Channel, OutcomeProposal, WorkflowDefinition } from '../../../../contracts/workflow.ts';
import { prefillDraft, type PrefillValues } from '../../../modules/applications/prefill.ts';
import { formatProtocolNumber } from '../../../modules/protocol/protocol.service.ts';
import { fillTemplate, workflowOf } from '../../../modules/workflow/workflow.service.ts';
import { DEFAULT_TEXTS } from '../../../modules/messaging/templates.ts';
import { clock } from '../../../platform/clock.ts';
import { addDays, daysBetween, dueDate, isNonWorkingDay, romeDate, suspendedDays } from '../../../platform/legal-clock.ts';
import type { FileStorage } from '../../../platform/storage.ts';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';
import { requiredAttachmentIds, withPrefill } from './forms/demo-prefill.ts';
import {
  DRAFTERS, FILE_NAMES, GENERIC_NOTES, HISTORY_SERVICES, NEWCOMERS, RATING_COMMENTS, TECHNICIANS, TEXTS, WITHDRAW_NOTES,
  familyOf, historyPeople, isNonEu, type HistoryPerson, type HistoryService, type Outcome,
} from './history-content.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';
import { LEGAL_BASIS } from '../../../platform/personal-data.ts';
import { Rng } from '../../../platform/random.ts';

/** How far back the history goes, in days. */
export const HISTORY_DAYS = 180;
/**
 * receipt_document_id of the history's applications: no receipt was issued for them and none is to be (the receipt
 * issuer's work list is the registered applications whose receipt_document_id is null). Not a document's id.
 */
export const NO_RECEIPT = '00000000-0000-0000-0000-000000000000';
const SEED = 20_260_524;

const DAY = 86_400_000;
const OPEN: readonly ApplicationStatus[] = ['submitted', 'registered', 'in_progress'];

// ---- what happens in each comune ------------------------------------------------------------------------------

/**
 * How an application stands today: concluded on time or late (done, late), concluded by silenzio-assenso (tacit),
 * or open: new (to take in charge), working (in progress, not yet due), due_soon (due within 3 days), overdue,
 * awaiting (the citizen was asked for more), visa_manager / visa_office (a refund's proposal waiting for the
 * manager's visa or the financial office's), withdrawn.
 */
type Scenario = 'done' | 'late' | 'tacit' | 'new' | 'working' | 'due_soon' | 'overdue' | 'awaiting' | 'visa_manager' | 'visa_office' | 'withdrawn';
/** a service, how it stands, how many such (default 1), and a test identity who files it (so that they find it at login) */
type Slot = [HistoryService, Scenario, number?, string?];

/**
 * Per comune: the applications that stand somewhere in particular today (a few filed by a test identity, who finds
 * them at login), how many concluded per service (about 15% of those with a short term late, some refused), and
 * how many SCIA concluded by silenzio-assenso. Each office with operators gets something in every queue.
 */
const PLAN: Record<string, { open: Slot[]; concluded: Partial<Record<HistoryService, number>>; tacit?: number }> = {
  [CASTELROCCA_SLUG]: {
    open: [
      ['cambio', 'new'], ['iscrizione', 'new'], ['rimborso', 'new'],
      ['rimborso', 'working', 3], ['accesso', 'working'], ['scia', 'working'], ['idoneita', 'working'],
      ['cambio', 'due_soon'], ['accesso', 'due_soon'],
      ['iscrizione', 'overdue'], ['idoneita', 'overdue'],
      ['cambio', 'awaiting'], ['rimborso', 'awaiting'],
      ['rimborso', 'visa_manager'], ['rimborso', 'visa_office'],
      ['cambio', 'withdrawn'],
      ['accesso', 'done', 1, 'alessandro-ricci'], ['rimborso', 'working', 1, 'alessandro-ricci'], ['cambio', 'done', 1, 'giuseppe-bonetti'],
    ],
    concluded: { cambio: 2, iscrizione: 3, rimborso: 18, accesso: 19, idoneita: 2, scia: 12 },
    tacit: 2,
  },
  [VALDORO_SLUG]: {
    open: [
      ['cambio', 'new'], ['idoneita', 'new'], ['autolettura', 'new'],
      ['cambio', 'working'], ['iscrizione', 'working'], ['scia', 'working'], ['accesso', 'working'], ['autolettura', 'working', 2],
      ['idoneita', 'due_soon'],
      ['cambio', 'overdue'], ['autolettura', 'overdue'],
      ['cambio', 'awaiting'], ['scia', 'awaiting'],
      ['iscrizione', 'withdrawn'],
      ['autolettura', 'done', 2, 'maria-teresa-rota'], ['accesso', 'awaiting', 1, 'maria-teresa-rota'],
    ],
    concluded: { cambio: 3, iscrizione: 3, autolettura: 26, idoneita: 3, scia: 12, accesso: 13 },
    tacit: 3,
  },
};

/** Share of the concluded that were refused, by service. */
const REFUSALS: Record<HistoryService, number> = { cambio: 0.1, iscrizione: 0.15, rimborso: 0.2, accesso: 0.15, idoneita: 0.25, scia: 0.12, autolettura: 0.08 };

// ---- time ------------------------------------------------------------------------------------------------------

const CLOCK_IN_ROME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** Minutes since midnight on the wall clock in Italy. */
const romeMinutes = (at: Date) => {
  const [h, m] = CLOCK_IN_ROME.format(at).split(':').map(Number);
  return h! * 60 + m!;
};
/** UTC offset of Italy by day and hour (Intl is slow and the history asks thousands of times) */
const offsets = new Map<string, string>();

/** The instant of a wall-clock time in Italy on a calendar day (daylight-saving time included). */
export function romeInstant(date: string, minutes: number, seconds = 0): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  const ss = String(Math.floor(seconds)).padStart(2, '0');
  const key = `${date}T${hh}`;
  const known = offsets.get(key);
  if (known) return new Date(`${date}T${hh}:${mm}:${ss}${known}`);
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${date}T${hh}:${mm}:${ss}${offset}`);
    if (romeDate(at) === date && CLOCK_IN_ROME.format(at).slice(0, 2) === hh) {
      offsets.set(key, offset);
      return at;
    }
  }
  throw new Error(`no such time in Italy: ${date} ${hh}:${mm}`);
}

const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
const anyDay = () => true;
const isOfficeDay = (date: string) => !isNonWorkingDay(date) && new Date(`${date}T00:00:00Z`).getUTCDay() !== 6;
const IT_DATE = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' });
/** "24 novembre 2026", as the workflow's messages write a due date */
const itDate = (iso: string | null) => (iso ? IT_DATE.format(new Date(`${iso}T00:00:00Z`)) : '');

class Moments {
  constructor(private readonly rng: Rng, readonly now: Date) {}

  /** a random moment strictly between from and to (and before now), on an allowed day, within a window of the day */
  private between(from: Date, to: Date, days: (date: string) => boolean, windows: [number, number][]): Date | null {
    const end = to.getTime() < this.now.getTime() ? to : this.now;
    if (end.getTime() - from.getTime() < 60_000) return null;
    const [firstDay, lastDay] = [romeDate(from), romeDate(end)];
    const [fromMinute, endMinute] = [romeMinutes(from) + 1, romeMinutes(end)];
    // each allowed day's windows, cut to the interval; one is drawn in proportion to its length
    const slots: [string, number, number][] = [];
    let total = 0;
    const add = (d: string, lo: number, hi: number) => {
      if (hi <= lo || !days(d)) return;
      slots.push([d, lo, hi]);
      total += hi - lo;
    };
    const span = daysBetween(firstDay, lastDay);
    // a long stretch of any day (a citizen's months): draw the day first, then the window in it
    if (span > 3 && days === anyDay) {
      const day = addDays(firstDay, this.rng.int(0, span));
      for (const [a, b] of windows) add(day, day === firstDay ? Math.max(a, fromMinute) : a, day === lastDay ? Math.min(b, endMinute) : b);
    } else {
      for (let d = firstDay; d <= lastDay; d = addDays(d, 1)) {
        for (const [a, b] of windows) add(d, d === firstDay ? Math.max(a, fromMinute) : a, d === lastDay ? Math.min(b, endMinute) : b);
      }
    }
    if (!slots.length) return null;
    let draw = this.rng.next() * total;
    const [day, lo, hi] = slots.find(([, a, b]) => (draw -= b - a) < 0) ?? slots.at(-1)!;
    const t = romeInstant(day, this.rng.int(lo, hi - 1), this.rng.int(0, 59));
    // the seconds (or an hour that daylight-saving time skips) can still fall outside: then the slot's first minute
    if (t.getTime() > from.getTime() && t.getTime() < end.getTime()) return t;
    const first = romeInstant(day, lo);
    return first.getTime() > from.getTime() && first.getTime() < end.getTime() ? first : null;
  }

  /** when a citizen might use the portal: any day, from 7 in the morning to half past eleven at night */
  citizen(from: Date, to: Date): Date | null {
    return this.between(from, to, anyDay, [[7 * 60, 9 * 60], [12 * 60, 14 * 60], [17 * 60, 23 * 60 + 30], [9 * 60, 17 * 60]]);
  }

  /** an office's working hours: Monday to Friday, not on public holidays */
  office(from: Date, to: Date): Date | null {
    return this.between(from, to, isOfficeDay, [[8 * 60 + 30, 12 * 60 + 45], [14 * 60, 17 * 60 + 30]]);
  }

  /** the deadline sweep runs every minute: it sees a new day within the first minute */
  sweep(date: string): Date {
    return romeInstant(date, 0, this.rng.int(15, 55));
  }
}

class RetryScenario extends Error {}
const need = <T,>(v: T | null): T => {
  if (v === null) throw new RetryScenario();
  return v;
};

// ---- what the seed reads and writes ------------------------------------------------------------------------------

export interface HistoryOperator { id: string; name: string; email: string; role: string; officeId: string | null }
export interface HistoryOffice { id: string; code: string; name: string; email: string | null }
export interface HistoryServiceVersion { id: string; slug: string; title: string; version: number; officeId: string | null; maxDays: number; card: ServiceCard; form: ServiceForm; def: WorkflowDefinition }
/** A demo comune as the history needs it: its offices, staff and the services with an online form (current version). */
export interface HistoryTenant { id: string; slug: string; name: string; aoo: string; offices: HistoryOffice[]; operators: HistoryOperator[]; services: Map<HistoryService, HistoryServiceVersion> }
export interface Placeholder { sha256: string; size: number }
type Operator = HistoryOperator;
type Service = HistoryServiceVersion;
type Tenant = HistoryTenant;
interface Citizen { id: string; person: HistoryPerson }

interface EventRow {
  id: string; at: Date; type: string; from_status: ApplicationStatus | null; to_status: ApplicationStatus | null;
  actor_kind: 'citizen' | 'operator' | 'system'; actor_id: string | null; actor_label: string; note: string | (() => string) | null; internal: boolean;
  details: Record<string, unknown> | (() => Record<string, unknown>);
}
interface NotificationRow {
  dedupe_key: string; recipient_kind: 'citizen' | 'operator' | 'address'; citizen_id: string | null; operator_id: string | null; address: string | null;
  channel: Channel; message: () => { subject: string; body: string }; status: 'delivered' | 'sent'; created_at: Date; read_at: Date | null; pending?: boolean;
  kind?: string;
  legal?: boolean;
}
interface AttachmentRow { requirement_id: string; file_name: string; placeholder: Placeholder; uploaded_at: Date }

type Who = { kind: 'citizen' | 'operator' | 'system'; id: string | null; label: string };

/**
 * One application's life, told in order: each method is what a transition of the real code writes (status,
 * revision, legal clock, timeline event, the automations it triggers), at the time given.
 */
class Story {
  readonly id = randomUUID();
  code = '';
  status: ApplicationStatus = 'draft';
  revision = 1;
  readonly events: EventRow[] = [];
  readonly changes: { at: Date; toStatus: ApplicationStatus }[] = [];
  readonly dueHistory: { from: Date; due: string }[] = [];
  readonly notifications: NotificationRow[] = [];
  readonly runs: { key: string; at: Date }[] = [];
  readonly accesses: { at: Date; operator: Operator; operation: 'view' | 'history' }[] = [];
  readonly attachments: AttachmentRow[] = [];
  createdAt!: Date;
  updatedAt!: Date;
  submittedAt: Date | null = null;
  registeredAt: Date | null = null;
  takenAt: Date | null = null;
  closedAt: Date | null = null;
  responsible: Operator | null = null;
  suspended = 0;
  due: string | null = null;
  checklist: Record<string, { done: boolean; by: string; at: string }> = {};
  proposal: OutcomeProposal | null = null;
  visaStep: string | null = null;
  visaOffice: string | null = null;
  motivation: string | null = null;
  escalatedAt: Date | null = null;
  marks: Record<string, string> = {};
  protocol: { year: number; number: number } | null = null;
  auth = { method: 'spid', level: 'SpidL2' };
  rating: { score: number; reason: string | null; comment: string | null; at: Date } | null = null;
  private last = new Date(0);
  registeredEvent: EventRow | null = null;

  constructor(
    readonly tenant: Tenant,
    readonly service: Service,
    readonly citizen: Citizen,
    readonly subject: { kind: 'self' | 'delegation'; ref: string; person: HistoryPerson },
    readonly data: Record<string, unknown>,
    readonly prefilled: Record<string, string>,
    private readonly rng: Rng,
    private readonly now: Date,
    private readonly managers: Operator[],
  ) {}

  get def() {
    return this.service.def;
  }
  get office() {
    return this.tenant.offices.find((o) => o.id === this.service.officeId) ?? null;
  }
  get lastAt() {
    return this.last;
  }
  private get citizenWho(): Who {
    return { kind: 'citizen', id: this.citizen.id, label: `${this.citizen.person.givenName} ${this.citizen.person.familyName}` };
  }

  private step(at: Date) {
    if (at.getTime() <= this.last.getTime()) throw new Error(`${this.code}: ${at.toISOString()} is not after ${this.last.toISOString()}`);
    if (at.getTime() >= this.now.getTime()) throw new Error(`${this.code}: ${at.toISOString()} is in the future`);
    this.last = at;
    this.updatedAt = at;
  }

  private event(at: Date, type: string, who: Who, o: { from?: ApplicationStatus | null; to?: ApplicationStatus | null; note?: EventRow['note']; internal?: boolean; details?: EventRow['details'] } = {}) {
    this.events.push({
      id: randomUUID(), at, type, from_status: o.from ?? null, to_status: o.to ?? null, actor_kind: who.kind, actor_id: who.id, actor_label: who.label,
      note: o.note ?? null, internal: o.internal ?? false, details: o.details ?? {},
    });
    if (o.to) this.changes.push({ at, toStatus: o.to });
  }

  private read(operator: Operator, at: Date) {
    // the operator opened the application before acting on it (every read is in the access log)
    const opened = new Date(Math.max(at.getTime() - this.rng.int(40, 400) * 1000, (this.registeredAt ?? at).getTime() + 1000));
    this.accesses.push({ at: opened, operator, operation: 'view' });
    if (this.rng.chance(0.25)) this.accesses.push({ at: new Date(opened.getTime() + 5000), operator, operation: 'history' });
  }

  private who(operator: Operator): Who {
    return { kind: 'operator', id: operator.id, label: operator.name };
  }

  // ---- the citizen ----

  create(at: Date) {
    this.step(at);
    this.createdAt = at;
    this.event(at, 'created', this.citizenWho, { to: 'draft', details: { serviceVersion: this.service.version, subjectKind: this.subject.kind } });
    // every step is saved once on the way (each save is a new revision of the draft)
    this.revision += this.service.form.steps.length;
  }

  attach(requirement: string, placeholder: Placeholder, at: Date) {
    this.attachments.push({ requirement_id: requirement, file_name: this.rng.pick(FILE_NAMES[requirement] ?? [`${requirement}.pdf`]), placeholder, uploaded_at: at });
  }

  submit(at: Date) {
    this.step(at);
    this.status = 'submitted';
    this.submittedAt = at;
    this.revision += 2;
    this.due = dueDate(romeDate(at), this.service.maxDays);
    this.dueHistory.push({ from: at, due: this.due });
    this.event(at, 'submitted', this.citizenWho, { from: 'draft', to: 'submitted', details: { authMethod: this.auth.method, authLevel: this.auth.level, attachments: this.attachments.length } });
    this.emit('submitted', `${this.id}:submitted`, at);
  }

  register(at: Date) {
    this.step(at);
    this.status = 'registered';
    this.registeredAt = at;
    this.revision += 1;
    this.event(at, 'registered', { kind: 'system', id: null, label: 'Protocollo' }, {
      from: 'submitted', to: 'registered',
      note: () => `Protocollo n. ${formatProtocolNumber(this.protocol!.number)}/${this.protocol!.year}`,
      details: () => ({ protocolNumber: this.protocol!.number, year: this.protocol!.year }),
    });
    this.registeredEvent = this.events.at(-1)!;
  }

  answer(at: Date, note: string, document?: { requirement: string; placeholder: Placeholder }) {
    if (this.status !== 'awaiting_citizen') throw new Error(`${this.code}: answer in ${this.status}`);
    if (document) this.attach(document.requirement, document.placeholder, new Date(at.getTime() - this.rng.int(60, 900) * 1000));
    this.step(at);
    const suspended = suspendedDays([...this.changes, { at, toStatus: 'in_progress' }], at);
    this.suspended = suspended;
    this.due = dueDate(romeDate(this.submittedAt!), this.service.maxDays, suspended);
    this.dueHistory.push({ from: at, due: this.due });
    const key = `${this.id}:${this.revision}`;
    this.revision += 1;
    this.status = 'in_progress';
    this.event(at, 'integration_answered', this.citizenWho, { from: 'awaiting_citizen', to: 'in_progress', note, details: { suspendedDays: suspended } });
    this.emit('integration_answered', key, at);
  }

  withdraw(at: Date, note: string | null) {
    if (!['submitted', 'registered', 'in_progress', 'awaiting_citizen'].includes(this.status)) throw new Error(`${this.code}: withdraw in ${this.status}`);
    this.step(at);
    const from = this.status;
    this.status = 'withdrawn';
    this.closedAt = at;
    this.revision += 1;
    this.event(at, 'withdrawn', this.citizenWho, { from, to: 'withdrawn', note });
    this.emit('withdrawn', `${this.id}:withdrawn`, at);
  }

  // ---- the office ----

  takeCharge(operator: Operator, at: Date) {
    if (!['submitted', 'registered'].includes(this.status)) throw new Error(`${this.code}: take charge in ${this.status}`);
    this.read(operator, at);
    this.step(at);
    const key = `${this.id}:${this.revision}`;
    const from = this.status;
    this.status = 'in_progress';
    this.takenAt = at;
    this.responsible = operator;
    this.revision += 1;
    this.event(at, 'taken_in_charge', this.who(operator), { from, to: 'in_progress' });
    this.emit('taken_in_charge', key, at);
    this.platformNotice('taken_in_charge', key, at);
  }

  note(operator: Operator, at: Date, text: string) {
    this.read(operator, at);
    this.step(at);
    this.event(at, 'note', this.who(operator), { note: text, internal: true });
  }

  tick(operator: Operator, at: Date, itemId: string) {
    const item = this.def.checklist.find((c) => c.id === itemId);
    if (!item) throw new Error(`${this.service.slug}: no checklist item ${itemId}`);
    this.step(at);
    this.checklist[itemId] = { done: true, by: operator.name, at: at.toISOString() };
    this.event(at, 'checklist', this.who(operator), { note: `Verificato: ${item.label}`, internal: true, details: { itemId, done: true } });
  }

  requestIntegration(operator: Operator, at: Date, note: string, documents: string[]) {
    if (this.status !== 'in_progress' || this.proposal) throw new Error(`${this.code}: request integration in ${this.status}`);
    this.read(operator, at);
    this.step(at);
    const key = `${this.id}:${this.revision}`;
    this.status = 'awaiting_citizen';
    this.revision += 1;
    this.event(at, 'integration_requested', this.who(operator), { from: 'in_progress', to: 'awaiting_citizen', note, details: { documents } });
    this.emit('integration_requested', key, at);
    this.platformNotice('integration_request', key, at);
  }

  /** approve or reject: the outcome at once, or (with second-level approvals) the proposal that waits for the visas */
  decide(operator: Operator, at: Date, decision: 'approved' | 'rejected', motivation: string) {
    if (this.status !== 'in_progress' || this.proposal) throw new Error(`${this.code}: decide in ${this.status}`);
    const open = this.def.checklist.filter((c) => c.required && !this.checklist[c.id]?.done);
    if (decision === 'approved' && open.length) throw new Error(`${this.code}: approval with the checklist open`);
    this.read(operator, at);
    this.step(at);
    const [first] = this.def.approvals;
    if (!first) {
      this.conclude(at, decision, motivation, this.who(operator), true);
      return;
    }
    const key = `${this.id}:${this.revision}`;
    this.awaitVisa(at, first.id, { decision, motivation, proposedBy: operator.name, proposedAt: at.toISOString(), visas: [] });
    this.event(at, 'outcome_proposed', this.who(operator), { note: motivation, internal: true, details: { decision } });
    this.emit('outcome_proposed', key, at);
  }

  endorse(operator: Operator, at: Date, note: string | null = null) {
    const proposal = this.proposal;
    if (!proposal || this.status !== 'in_progress') throw new Error(`${this.code}: endorse without a proposal`);
    this.read(operator, at);
    this.step(at);
    const index = this.def.approvals.findIndex((a) => a.id === this.visaStep);
    const step = this.def.approvals[index]!;
    const key = `${this.id}:${this.revision}`;
    const visas = [...proposal.visas, { stepId: step.id, by: operator.name, at: at.toISOString() }];
    this.event(at, 'visa_granted', this.who(operator), { note: `${step.label} apposto${note ? `: ${note}` : ''}`, details: { stepId: step.id } });
    this.emit('visa_granted', key, at);
    const next = this.def.approvals[index + 1];
    if (next) this.awaitVisa(at, next.id, { ...proposal, visas }, key);
    else this.conclude(plus(at, 4), proposal.decision, proposal.motivation || null, this.who(operator), true);
  }

  private awaitVisa(at: Date, stepId: string, proposal: OutcomeProposal, key = `${this.id}:${this.revision}`) {
    const step = this.def.approvals.find((a) => a.id === stepId)!;
    const office = 'officeCode' in step.by ? this.tenant.offices.find((o) => o.code === (step.by as { officeCode: string }).officeCode) : undefined;
    // the visa asked before has been given: that message is no longer waiting for anyone
    for (const n of this.notifications) n.pending = false;
    this.proposal = proposal;
    this.visaStep = stepId;
    this.visaOffice = office?.id ?? null;
    this.revision += 1;
    const code = this.code;
    const title = this.service.title;
    const recipients = office ? this.officeOperators(office.id) : this.managers;
    for (const op of recipients) {
      this.notifications.push({
        dedupe_key: `${key}:visa:${stepId}:o:${op.id}:inbox`, recipient_kind: 'operator', citizen_id: null, operator_id: op.id, address: null,
        channel: 'inbox', status: 'delivered', created_at: plus(at, 2), read_at: null, pending: true,
        message: () => ({ subject: `Visto da apporre: ${code}`, body: `«${step.label}» sulla pratica ${code} («${title}»): proposta di ${proposal.decision === 'approved' ? 'accoglimento' : 'rigetto'}.` }),
      });
    }
  }

  conclude(at: Date, decision: 'approved' | 'rejected', motivation: string | null, who: Who, sameStep = false) {
    if (!sameStep) this.step(at);
    else this.last = at;
    const from = this.status;
    this.status = decision;
    this.closedAt = at;
    this.updatedAt = at;
    this.motivation = motivation;
    this.proposal = null;
    this.visaStep = null;
    this.visaOffice = null;
    this.revision += 1;
    for (const n of this.notifications) n.pending = false;
    this.event(at, decision, who, { from, to: decision, note: motivation });
    this.emit(decision, `${this.id}:${decision}`, at);
    this.platformNotice('outcome', `${this.id}:${decision}`, at);
  }

  /**
   * The platform's own message to the citizen (modules/messaging) in the inbox and by e-mail, as the dispatcher
   * would have written it. No receipt message: these applications have no receipt PDF to point at. The outcome's
   * text does not promise a signed document either, for the same reason.
   */
  private platformNotice(kind: 'taken_in_charge' | 'integration_request' | 'outcome', key: string, at: Date) {
    const text = kind === 'outcome'
      ? { subject: DEFAULT_TEXTS.outcome.it.subject, body: 'La tua domanda «{{servizio}}» (pratica {{codice}}) è stata {{esito}}. Trovi l\'esito nella tua area personale: {{link}}' }
      : DEFAULT_TEXTS[kind].it;
    const message = () => {
      const values = { ...this.values(), link: `/area-personale/pratiche/${this.code}` };
      return { subject: fillTemplate(text.subject, values), body: fillTemplate(text.body, values) };
    };
    const email = this.citizen.person.email;
    for (const channel of ['inbox', 'email'] as const) {
      if (channel === 'email' && !email) continue;
      this.notifications.push({
        recipient_kind: 'citizen', citizen_id: this.citizen.id, operator_id: null, address: channel === 'email' ? email : null, channel,
        status: channel === 'inbox' ? 'delivered' : 'sent', dedupe_key: `${key}:${kind}:c:${this.citizen.id}:${channel}`, message, created_at: at, read_at: null, kind, legal: true,
      });
    }
  }

  // ---- the workflow's automations, as the jobs would have run them ----

  officeOperators(officeId: string) {
    return this.tenant.operators.filter((o) => o.officeId === officeId && (o.role === 'operator' || o.role === 'manager'));
  }

  private operatorsFor(to: string): Operator[] {
    if (to === 'responsible' && this.responsible) return [this.responsible];
    if (to === 'manager') return this.managers;
    if (this.service.officeId) return this.officeOperators(this.service.officeId);
    return this.managers;
  }

  /** the placeholders' values as they were when the automation ran; the protocol number is read when the text is written */
  private values(): Record<string, string> {
    const story = this;
    return {
      codice: this.code, servizio: this.service.title, ente: this.tenant.name, ufficio: this.office?.name ?? this.tenant.name,
      richiedente: `${this.subject.person.givenName} ${this.subject.person.familyName}`,
      get protocollo() {
        return story.protocol ? `${formatProtocolNumber(story.protocol.number)}/${story.protocol.year}` : 'in corso di assegnazione';
      },
      scadenza: itDate(this.due), esito: this.status === 'approved' ? 'accolta' : this.status === 'rejected' ? 'respinta' : '', motivazione: this.motivation ?? '',
    };
  }

  /** `pending`: about work still waiting (a late application, a visa), so left unread while it waits */
  private notify(at: Date, to: string, channels: Channel[], message: () => { subject: string; body: string }, key: string, pointer?: string, pending = false) {
    const add = (r: Omit<NotificationRow, 'dedupe_key' | 'message' | 'created_at' | 'read_at'>, who: string) =>
      this.notifications.push({ ...r, dedupe_key: `${key}:${who}:${r.channel}`, message, created_at: at, read_at: null, pending });
    if (to === 'citizen') {
      const p = this.citizen.person;
      for (const channel of channels) {
        add({ recipient_kind: 'citizen', citizen_id: this.citizen.id, operator_id: null, address: channel === 'email' ? p.email : channel === 'sms' ? p.phone : null,
          channel, status: channel === 'inbox' ? 'delivered' : 'sent' }, `c:${this.citizen.id}`);
      }
    } else if (to === 'answers') {
      const found = pointer!.split('/').slice(1).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), this.data);
      for (const address of (Array.isArray(found) ? found : []).filter((v): v is string => typeof v === 'string')) {
        add({ recipient_kind: 'address', citizen_id: null, operator_id: null, address, channel: 'email', status: 'sent' }, `a:${address.toLowerCase()}`);
      }
    } else {
      for (const op of this.operatorsFor(to)) {
        for (const channel of channels.filter((c) => c === 'inbox' || c === 'email')) {
          add({ recipient_kind: 'operator', citizen_id: null, operator_id: op.id, address: channel === 'email' ? op.email : null, channel, status: channel === 'inbox' ? 'delivered' : 'sent' }, `o:${op.id}`);
        }
      }
    }
  }

  emit(event: string, eventKey: string, at: Date, automations: Automation[] = this.def.automations.filter((a) => a.on === event)) {
    // the automation job runs a moment after the event's commit
    const ran = plus(at, this.rng.int(300, 1800));
    for (const automation of automations) {
      const key = `${eventKey}:${automation.id}`;
      this.runs.push({ key, at: ran });
      automation.do.forEach((action, index) => this.act(action, `${key}:${index}`, plus(ran, index), event));
    }
  }

  private act(action: AutomationAction, key: string, at: Date, event: string) {
    const values = this.values();
    const fill = (template: { subject: string; body: string }) => () => ({ subject: fillTemplate(template.subject, values), body: fillTemplate(template.body, values) });
    switch (action.type) {
      case 'notify':
        this.notify(at, action.to, action.channels, fill(action.template), key, action.pointer);
        return;
      case 'remind_operator': {
        const left = daysBetween(romeDate(at), this.due!);
        const { code, due } = this;
        const title = this.service.title;
        this.notify(at, 'responsible', ['inbox', 'email'], () => ({
          subject: `Promemoria: la pratica ${code} scade il ${itDate(due)}`,
          body: `La pratica ${code} («${title}») scade il ${itDate(due)}: ${left === 1 ? 'manca 1 giorno' : `mancano ${left} giorni`}.`,
        }), key, undefined, true);
        return;
      }
      case 'escalate': {
        this.escalatedAt ??= at;
        const { code, due } = this;
        const title = this.service.title;
        const office = this.office?.name ?? this.tenant.name;
        const responsible = this.responsible?.name ?? 'nessuno (non presa in carico)';
        this.event(at, 'escalated', { kind: 'system', id: null, label: 'Sistema' }, { note: `Pratica scaduta il ${itDate(due)}: segnalata ai responsabili`, internal: true });
        this.notify(at, 'manager', ['inbox', 'email'], () => ({
          subject: `Pratica scaduta: ${code}`,
          body: `La pratica ${code} («${title}») è scaduta il ${itDate(due)} senza esito. Ufficio: ${office}; responsabile: ${responsible}.`,
        }), key, undefined, true);
        return;
      }
      case 'automatic_checks':
        this.event(at, 'automatic_checks', { kind: 'system', id: null, label: 'Sistema' }, { note: 'Controlli automatici superati: dati completi e documenti presenti', details: { passed: true, problems: [] } });
        return;
      case 'tacit_approval':
        if (event !== 'overdue' || !OPEN.includes(this.status)) return;
        // the office acted after the term: not this story's shape, draw again
        if (this.events.some((e) => e.at.getTime() >= at.getTime())) throw new RetryScenario();
        this.last = new Date(at.getTime() - 1);
        this.conclude(at, 'approved', action.note, { kind: 'system', id: null, label: 'Silenzio-assenso' });
        return;
      default:
        throw new Error(`the demo history does not replay "${action.type}" automations`);
    }
  }

  /**
   * The deadline sweep: for each due date the application had, the reminder days before it and the escalation
   * (or silenzio-assenso) the day after, when the application was open (not waiting for the citizen) then.
   */
  sweep(moments: Moments) {
    const statusAt = (t: Date) => [...this.changes].reverse().find((c) => c.at.getTime() <= t.getTime())?.toStatus ?? 'draft';
    const epochs = [...this.dueHistory];
    for (const [i, epoch] of epochs.entries()) {
      const until = epochs[i + 1]?.from ?? this.closedAt ?? this.now;
      const fired: { at: Date; event: 'due_soon' | 'overdue'; automations: Automation[] }[] = [];
      const earliest = plus(epoch.from, 30_000);
      // the job of a sweep runs a moment later: keep it in the past
      const latest = new Date(this.now.getTime() - 60_000);
      for (const a of this.def.automations.filter((x) => x.on === 'due_soon')) {
        const at = new Date(Math.max(earliest.getTime(), moments.sweep(addDays(epoch.due, -(a.daysBefore ?? 3))).getTime()));
        if (at < until && at < latest && romeDate(at) <= epoch.due && OPEN.includes(statusAt(at))) fired.push({ at, event: 'due_soon', automations: [a] });
      }
      const overdue = this.def.automations.filter((x) => x.on === 'overdue');
      if (overdue.length) {
        const at = new Date(Math.max(earliest.getTime(), moments.sweep(addDays(epoch.due, 1)).getTime()));
        if (at < until && at < latest && OPEN.includes(statusAt(at))) fired.push({ at, event: 'overdue', automations: overdue });
      }
      for (const f of fired.sort((a, b) => a.at.getTime() - b.at.getTime())) {
        for (const a of f.automations) this.marks[`${a.id}@${epoch.due}`] = f.at.toISOString();
        const open = OPEN.includes(this.status);
        this.emit(f.event, `${this.id}:${f.event}@${epoch.due}`, f.at, f.automations);
        // silenzio-assenso concluded it: nothing is due any more
        if (open && !OPEN.includes(this.status)) return;
      }
    }
  }
}

// ---- placeholder documents ---------------------------------------------------------------------------------------

/** A one-page PDF (PDF 1.4, Helvetica, WinAnsi) that says what it stands for; written by hand, no renderer needed. */
export function placeholderPdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 15 Tf', '56 770 Td', `(${esc(title)}) Tj`, '/F1 10 Tf', '0 -30 Td', ...lines.flatMap((l) => [`(${esc(l)}) Tj`, '0 -15 Td']), 'ET'].join('\n');
  const stream = Buffer.from(content, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = body === null
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')])
      : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

async function storePlaceholders(storage: FileStorage, services: Service[]): Promise<Map<string, Placeholder>> {
  const titles = new Map<string, string>();
  for (const s of services) for (const a of s.form.attachments) titles.set(a.id, a.title);
  titles.set('procura-delega', 'Procura speciale per la presentazione della SCIA');
  const out = new Map<string, Placeholder>();
  await Promise.all([...titles].map(async ([id, title]) => {
    const pdf = placeholderPdf(title.replace(/[^\x20-\x7e\xa0-\xff]/g, '-'), [
      'Documento dimostrativo di Sportello.',
      'Nei dati di prova questo file prende il posto del documento che la persona',
      'ha allegato alla domanda: non contiene dati veri.',
    ]);
    out.set(id, { sha256: await storage.put(pdf), size: pdf.length });
  }));
  return out;
}

// ---- the seed ----------------------------------------------------------------------------------------------------

export interface HistoryReport {
  /** applications made, by body slug */
  created: Record<string, number>;
  /** bodies left alone, with the reason */
  skipped: Record<string, string>;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const codePrefix = (slug: string) => slug.replace(/^(comune|ambito|unione|provincia)-(di-|del-|della-|dei-)?/, '').slice(0, 2).toUpperCase() || 'SP';

/**
 * Writes the history of the demo comuni that have none yet (see the file's comment). The demo bodies, catalogue,
 * operators and registries must be seeded first. `now` defaults to the program's clock.
 */
export async function seedDemoHistory(db: Kysely<DB>, storage: FileStorage, opts: { now?: Date } = {}): Promise<HistoryReport> {
  const now = opts.now ?? clock.now();
  const report: HistoryReport = { created: {}, skipped: {} };
  const tenants = await loadTenants(db, Object.keys(PLAN), report);
  if (!tenants.length) return report;
  const placeholders = await storePlaceholders(storage, tenants.flatMap((t) => [...t.services.values()]));

  await inScope(db, { platform: true }, async (trx) => {
    // someone who already logged in keeps their row; the others get theirs as at their first login
    const fiscalCodes = Object.keys(PLAN).flatMap((slug) => historyPeople(slug, romeDate(now)).map((p) => p.fiscalCode));
    const known = await trx.selectFrom('citizens').select(['id', 'fiscal_code']).where('fiscal_code', 'in', fiscalCodes).execute();
    const { stories, citizens } = tellHistory(tenants, now, (id) => placeholders.get(id)!, new Map(known.map((c) => [c.fiscal_code, c.id])));
    for (const tenant of tenants) report.created[tenant.slug] = stories.filter((s) => s.tenant.id === tenant.id).length;
    await citizens.save(trx, stories);
    await saveDelegations(trx, stories, citizens, placeholders.get('procura-delega')!);
    await write(trx, stories);
  });
  return report;
}

/**
 * The history of the given comuni as it stands at `now`, in memory: no database, no files (the placeholder
 * documents are named by the caller). Deterministic for a given day.
 */
export function tellHistory(tenants: HistoryTenant[], now: Date, placeholder: (requirementId: string) => Placeholder, known = new Map<string, string>()) {
  const rng = new Rng(SEED);
  const people = new Map(Object.keys(PLAN).map((slug) => [slug, historyPeople(slug, romeDate(now))]));
  const everyone = [...people.values()].flat();
  const citizens = new CitizenBook(everyone, known);
  const stories: Story[] = [];
  for (const tenant of tenants) stories.push(...tellTenant(tenant, people.get(tenant.slug) ?? [], everyone, citizens, placeholder, rng, now));
  number(stories, tenants);
  finishNotifications(stories, rng, now);
  return { stories, citizens };
}

async function loadTenants(db: Kysely<DB>, slugs: string[], report: HistoryReport): Promise<Tenant[]> {
  return inScope(db, { platform: true }, async (trx) => {
    const rows = await trx.selectFrom('tenants').select(['id', 'slug', 'name', 'aoo_code']).where('slug', 'in', slugs).orderBy('slug').execute();
    const out: Tenant[] = [];
    for (const slug of slugs) if (!rows.some((r) => r.slug === slug)) report.skipped[slug] = 'ente non presente: carica prima la demo';
    for (const t of rows) {
      const used = await trx.selectFrom('protocol_entries').select('number').where('tenant_id', '=', t.id).limit(1).executeTakeFirst()
        ?? await trx.selectFrom('applications').select('id').where('tenant_id', '=', t.id).where('submitted_at', 'is not', null).limit(1).executeTakeFirst();
      if (used) {
        report.skipped[t.slug] = 'il registro di protocollo ha già delle registrazioni (o ci sono già domande inviate): la storia si crea una volta sola';
        continue;
      }
      const offices = await trx.selectFrom('offices').select(['id', 'code', 'name', 'email']).where('tenant_id', '=', t.id).execute();
      const operators = await trx.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id')
        .select(['o.id', 'o.name', 'o.email', 'r.role', 'r.office_id']).where('r.tenant_id', '=', t.id).where('o.disabled_at', 'is', null).orderBy('o.email').execute();
      const services = await trx.selectFrom('services as s')
        .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
        .select(['s.id', 's.slug', 's.title', 's.current_version', 's.office_id', 's.max_days', 'v.card'])
        .where('s.tenant_id', '=', t.id).where('s.slug', 'in', Object.values(HISTORY_SERVICES)).execute();
      const byKey = new Map<HistoryService, Service>();
      for (const [key, slug] of Object.entries(HISTORY_SERVICES) as [HistoryService, string][]) {
        const s = services.find((x) => x.slug === slug);
        const card = s?.card as ServiceCard | undefined;
        if (!s || !card?.form) continue;
        byKey.set(key, { id: s.id, slug: s.slug, title: s.title, version: s.current_version, officeId: s.office_id, maxDays: card.maxDays ?? s.max_days, card, form: card.form, def: workflowOf(card) });
      }
      out.push({
        id: t.id, slug: t.slug, name: t.name, aoo: t.aoo_code, offices,
        operators: operators.map((o) => ({ id: o.id, name: o.name, email: o.email, role: o.role, officeId: o.office_id })), services: byKey,
      });
    }
    return out;
  });
}

/**
 * The citizens' rows, as the identity service makes them at the first login with what SPID/CIE says (here: the
 * registry's data and the identities' contacts), created just before the first draft; the last login is the last
 * thing they did. A person who already has a row keeps it as it is.
 */
class CitizenBook {
  private readonly ids = new Map<string, string>();
  private readonly byCode: Map<string, HistoryPerson>;
  constructor(people: HistoryPerson[], private readonly known: Map<string, string>) {
    this.byCode = new Map(people.map((p) => [p.fiscalCode, p]));
    for (const p of people) this.ids.set(p.fiscalCode, known.get(p.fiscalCode) ?? randomUUID());
  }
  get(fiscalCode: string): Citizen {
    const person = this.byCode.get(fiscalCode);
    if (!person) throw new Error(`persona sconosciuta: ${fiscalCode}`);
    return { id: this.idOf(fiscalCode), person };
  }
  idOf(fiscalCode: string) {
    const id = this.ids.get(fiscalCode);
    if (!id) throw new Error(`nessun cittadino ${fiscalCode}`);
    return id;
  }
  async save(trx: Kysely<DB>, stories: Story[]) {
    const span = new Map<string, { person: HistoryPerson; from: Date; to: Date }>();
    const widen = (p: HistoryPerson, from: Date, to: Date) => {
      const seen = span.get(p.fiscalCode);
      if (!seen) span.set(p.fiscalCode, { person: p, from, to });
      else {
        if (from < seen.from) seen.from = from;
        if (to > seen.to) seen.to = to;
      }
    };
    for (const s of stories) {
      const own = s.events.filter((e) => e.actor_kind === 'citizen').map((e) => e.at.getTime());
      if (s.rating) own.push(s.rating.at.getTime());
      widen(s.citizen.person, s.createdAt, new Date(Math.max(...own)));
    }
    const rows = [...span.values()].filter(({ person }) => !this.known.has(person.fiscalCode)).map(({ person: p, from, to }) => ({
      id: this.idOf(p.fiscalCode), fiscal_code: p.fiscalCode, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate,
      birth_place: p.birthPlace, email: p.email, phone: p.phone, address: p.address, created_at: new Date(from.getTime() - 60_000), last_login_at: to,
    }));
    await insert(trx, 'citizens', rows);
  }
}

/** Picks the person who files next: among the least used for this service, at random. */
function picker(rng: Rng) {
  const uses = new Map<string, number>();
  return (service: string, candidates: HistoryPerson[], limit = Infinity): HistoryPerson => {
    const count = (p: HistoryPerson) => uses.get(`${service}:${p.fiscalCode}`) ?? 0;
    const allowed = candidates.filter((p) => count(p) < limit);
    const pool = allowed.length ? allowed : candidates;
    const least = Math.min(...pool.map(count));
    const chosen = rng.pick(pool.filter((p) => count(p) === least));
    uses.set(`${service}:${chosen.fiscalCode}`, count(chosen) + 1);
    return chosen;
  };
}

/** Spreads a share over a series: every time the running total passes a whole one, the next item is one of them. */
function every(share: number) {
  let acc = 0.5;
  return () => {
    acc += share;
    if (acc < 1) return false;
    acc -= 1;
    return true;
  };
}

function tellTenant(tenant: Tenant, people: HistoryPerson[], everyone: HistoryPerson[], citizens: CitizenBook, placeholder: (id: string) => Placeholder, rng: Rng, now: Date): Story[] {
  const plan = PLAN[tenant.slug];
  if (!plan) return [];
  // which concluded ones were late and which refused: fixed shares, whatever the day of seeding
  const late = every(0.15);
  const slots: [HistoryService, Scenario, string?, Outcome?][] = [];
  for (const [service, scenario, n, identity] of plan.open) for (let i = 0; i < (n ?? 1); i++) slots.push([service, scenario, identity, scenario === 'done' ? 'approved' : 'open']);
  for (const [service, n] of Object.entries(plan.concluded) as [HistoryService, number][]) {
    // late ones: not the SCIA (silenzio-assenso comes first), not the meter readings, not a 180-day term in 180 days
    const lateable = service !== 'scia' && service !== 'autolettura' && (tenant.services.get(service)?.maxDays ?? 0) <= 90;
    const refused = every(REFUSALS[service]);
    for (let i = 0; i < n; i++) slots.push([service, lateable && late() ? 'late' : 'done', undefined, refused() ? 'rejected' : 'approved']);
  }
  for (let i = 0; i < (plan.tacit ?? 0); i++) slots.push(['scia', 'tacit', undefined, 'approved']);

  const pick = picker(rng);
  const managers = tenant.operators.filter((o) => o.role === 'manager');
  const newcomers = NEWCOMERS[tenant.slug]!.map((n) => people.find((p) => p.givenName === n.givenName && p.familyName === n.familyName)).filter((p): p is HistoryPerson => !!p);
  const owners = people.filter((p) => p.relation === 'intestatario' || p.relation === 'coniuge' || p.relation === 'unito_civilmente');
  const technicians = TECHNICIANS[tenant.slug]!.map((t) => everyone.find((p) => p.givenName === t.givenName && p.familyName === t.familyName)!);
  const clients = owners.filter((o) => !technicians.some((t) => t.familyId === o.familyId));
  // a family that moved into the comune in these months did not also move within it
  const cambioFamilies = new Set<string>(newcomers.map((n) => n.familyId));
  const movedIn = new Set<string>();

  const stories: Story[] = [];
  for (const [service, scenario, identity, outcome = 'open'] of slots) {
    const svc = tenant.services.get(service);
    if (!svc) continue;
    let filer: HistoryPerson;
    let client: HistoryPerson | undefined;
    const featured = identity ? people.find((p) => p.identityId === identity) : undefined;
    if (identity && !featured) throw new Error(`${identity} non è tra i residenti di ${tenant.slug}`);
    switch (featured ? 'featured' : service) {
      case 'featured':
        filer = pick(service, [featured!]);
        if (service === 'cambio') cambioFamilies.add(filer.familyId);
        break;
      case 'cambio': {
        // one move per family (a refused or withdrawn one aside): the registry shows them at the new address
        const fresh = people.filter((p) => !cambioFamilies.has(p.familyId) && p.relation !== 'figlio');
        const moving = outcome !== 'rejected' && scenario !== 'withdrawn';
        if (moving && !fresh.length) continue;
        filer = pick(service, fresh.length ? fresh : people.filter((p) => p.relation !== 'figlio'), 1);
        if (moving) cambioFamilies.add(filer.familyId);
        break;
      }
      case 'iscrizione': {
        // each newcomer moved in once
        const left = newcomers.filter((n) => !movedIn.has(n.fiscalCode));
        if (!left.length) continue;
        filer = pick(service, left);
        movedIn.add(filer.fiscalCode);
        break;
      }
      case 'idoneita': filer = pick(service, people.filter(isNonEu)); break;
      case 'scia': filer = pick(`${service}:tecnico`, technicians); client = pick(service, clients); break;
      case 'autolettura': filer = pick(service, owners); break;
      case 'rimborso': filer = pick(service, people, 2); break;
      default: filer = pick(service, people, 3);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        stories.push(tell(tenant, svc, service, scenario, outcome, filer, client, citizens, placeholder, rng, now, managers));
        break;
      } catch (error) {
        if (!(error instanceof RetryScenario) || attempt >= 30) throw error instanceof RetryScenario ? new Error(`${tenant.slug}: no timing fits ${service}/${scenario}`) : error;
      }
    }
  }
  return stories;
}

/** One application from draft to today, for a scenario. Throws RetryScenario when the random times drawn do not fit. */
function tell(tenant: Tenant, svc: Service, service: HistoryService, scenario: Scenario, outcome: Outcome, filer: HistoryPerson, client: HistoryPerson | undefined,
  citizens: CitizenBook, placeholder: (id: string) => Placeholder, rng: Rng, now: Date, managers: Operator[]): Story {
  const at = new Moments(rng, now);
  const M = svc.maxDays;
  const today = romeDate(now);
  const texts = TEXTS[service];
  const officers = svc.officeId ? tenant.operators.filter((o) => o.officeId === svc.officeId && o.role === 'operator') : [];
  const officer = officers.length ? rng.pick(officers) : managers[0]!;
  if (!officer) throw new Error(`${tenant.slug}: nessun operatore né responsabile per ${svc.slug}`);

  // when it was sent: by scenario, so that today it stands where the scenario says
  const integration = (scenario === 'done' || scenario === 'late' || scenario === 'working') && texts.integration.length > 0 && rng.chance(scenario === 'working' ? 0.25 : 0.2);
  const suspension = integration ? rng.int(2, 12) : 0;
  let sentFrom: Date;
  let sentTo: Date;
  let processing = 0;
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
  const onDay = (d: string) => [romeInstant(d, 0), new Date(Math.min(romeInstant(d, 23 * 60 + 59).getTime(), now.getTime() - 6 * 3_600_000))] as const;
  switch (scenario) {
    case 'done': case 'late': {
      processing = service === 'autolettura' ? rng.int(1, 8) : scenario === 'late' ? M + rng.int(2, 18) : rng.int(Math.ceil(M * 0.12), Math.floor(M * 0.8));
      sentFrom = daysAgo(HISTORY_DAYS);
      sentTo = daysAgo(processing + suspension + 2);
      break;
    }
    case 'tacit': sentFrom = daysAgo(HISTORY_DAYS); sentTo = daysAgo(M + 4); break;
    case 'new': sentFrom = daysAgo(3); sentTo = new Date(now.getTime() - 20 * 60_000); break;
    case 'working': sentFrom = daysAgo(M > 90 ? 110 : Math.max(4, M - 10)); sentTo = daysAgo(3); break;
    case 'awaiting': sentFrom = daysAgo(M > 90 ? 90 : M - 8); sentTo = daysAgo(6); break;
    case 'visa_manager': case 'visa_office': sentFrom = daysAgo(120); sentTo = daysAgo(30); break;
    case 'withdrawn': sentFrom = daysAgo(150); sentTo = daysAgo(12); break;
    case 'due_soon': case 'overdue': {
      const [lo, hi] = scenario === 'due_soon' ? [1, 3] : [-6, -1];
      const days: string[] = [];
      for (let d = addDays(today, -M - 12); d < addDays(today, -2); d = addDays(d, 1)) {
        const left = daysBetween(today, dueDate(d, M));
        if (left >= lo && left <= hi) days.push(d);
      }
      [sentFrom, sentTo] = onDay(rng.pick(days));
      break;
    }
  }
  const sent = need(at.citizen(sentFrom, sentTo));
  const on = romeDate(sent);

  // the answers, with what the body holds laid over them
  const subjectPerson = client ?? filer;
  const drafted = DRAFTERS[service]({ rng, tenantSlug: tenant.slug, on, filer, client, outcome });
  const values: PrefillValues = {
    'applicant.givenName': filer.givenName, 'applicant.familyName': filer.familyName, 'applicant.fiscalCode': filer.fiscalCode,
    'applicant.birthDate': filer.birthDate, 'applicant.birthPlace': filer.birthPlace, 'applicant.email': filer.email, 'applicant.phone': filer.phone,
    'applicant.address': filer.address,
    ...(client
      ? { 'subject.fiscalCode': client.fiscalCode, 'subject.givenName': client.givenName, 'subject.familyName': client.familyName }
      : {
        'subject.givenName': filer.givenName, 'subject.familyName': filer.familyName, 'subject.fiscalCode': filer.fiscalCode, 'subject.birthDate': filer.birthDate,
        'subject.birthPlace': filer.birthPlace, 'subject.citizenship': filer.citizenship, 'subject.address': filer.address, 'subject.family': familyOf(filer),
      }),
  };
  const { prefilled } = prefillDraft(svc.form, values);
  const data = withPrefill(svc.form, values, drafted.answers);
  // steps in the form's order, as a draft saved step by step has them
  const ordered = Object.fromEntries(svc.form.steps.filter((s) => s.id in data).map((s) => [s.id, data[s.id]]));

  const story = new Story(tenant, svc, citizens.get(filer.fiscalCode), { kind: client ? 'delegation' : 'self', ref: '', person: subjectPerson }, ordered, prefilled, rng, now, managers);
  if (rng.chance(0.2)) story.auth = { method: 'cie', level: 'SpidL3' };

  // the draft: started some minutes (now and then days) before sending, documents uploaded meanwhile; its code
  // has the year the draft was started in, as applicationCode() gives it
  const created = new Date(sent.getTime() - (rng.chance(0.15) ? rng.int(1, 3) * DAY : 0) - rng.int(6, 70) * 60_000);
  story.code = `${codePrefix(tenant.slug)}-${created.getUTCFullYear()}-${Array.from({ length: 6 }, () => CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]).join('')}`;
  story.create(created);
  const documents = [...new Set([...requiredAttachmentIds(svc.form, ordered), ...drafted.extraAttachments])]
    .filter((id) => svc.form.attachments.some((a) => a.id === id && a.types.includes('application/pdf')));
  documents.forEach((id, i) => story.attach(id, placeholder(id), new Date(created.getTime() + ((sent.getTime() - created.getTime()) * (i + 1)) / (documents.length + 2))));
  story.submit(sent);
  story.register(new Date(sent.getTime() + rng.int(700, 2600)));
  if (scenario === 'new') return story;

  // the office
  const registered = story.registeredAt!;
  const takeBy = scenario === 'tacit' ? rng.chance(0.6) : true;
  if (scenario === 'withdrawn') {
    if (rng.chance(0.5)) story.takeCharge(officer, need(at.office(plus(registered, 600_000), plus(registered, 4 * DAY))));
    story.withdraw(need(at.citizen(plus(story.lastAt, 3_600_000), plus(story.lastAt, rng.int(2, 12) * DAY))), rng.pick(WITHDRAW_NOTES));
    return story;
  }
  if (takeBy) story.takeCharge(officer, need(at.office(plus(registered, 600_000), plus(registered, rng.int(1, 4) * DAY))));
  const ticks = svc.def.checklist.map((c) => c.id);
  if (ticks.length && story.status === 'in_progress' && scenario !== 'tacit') story.tick(officer, need(at.office(plus(story.lastAt, 1_800_000), plus(story.lastAt, 3 * DAY))), ticks[0]!);
  if (rng.chance(0.35) && story.status === 'in_progress') story.note(officer, need(at.office(plus(story.lastAt, 1_800_000), plus(story.lastAt, 4 * DAY))), rng.pick([...texts.notes, ...GENERIC_NOTES]));

  if (integration || scenario === 'awaiting') {
    const request = rng.pick(texts.integration);
    story.requestIntegration(officer, need(at.office(plus(story.lastAt, 3_600_000), scenario === 'awaiting' ? daysAgo(1) : plus(story.lastAt, Math.max(2, processing * 0.4) * DAY))), request.ask, request.documents);
    if (scenario === 'awaiting') return story;
    const document = request.requirement && svc.form.attachments.some((a) => a.id === request.requirement) ? { requirement: request.requirement, placeholder: placeholder(request.requirement) } : undefined;
    story.answer(need(at.citizen(plus(story.lastAt, 3 * 3_600_000), plus(story.lastAt, suspension * DAY))), request.answer, document);
  }

  switch (scenario) {
    case 'working': case 'due_soon': case 'overdue':
      if (ticks.length > 1 && rng.chance(0.5)) story.tick(officer, need(at.office(plus(story.lastAt, 1_800_000), daysAgo(0.2))), ticks[1]!);
      break;
    case 'visa_manager': case 'visa_office': {
      story.decide(officer, need(at.office(plus(story.lastAt, DAY), daysAgo(scenario === 'visa_office' ? 2 : 0.5))), 'approved', rng.pick(texts.approved));
      if (scenario === 'visa_office') story.endorse(managers[0]!, need(at.office(plus(story.lastAt, 3_600_000), daysAgo(0.1))));
      break;
    }
    case 'done': case 'late': {
      const decision = outcome === 'rejected' ? 'rejected' : 'approved';
      const startDay = romeDate(sent);
      const target = addDays(startDay, processing + story.suspended);
      const due = story.due!;
      // on time: by the target day and never after the due date; late: after it
      const [from, to] = scenario === 'late'
        ? [romeInstant(addDays(due, 1), 8 * 60), romeInstant(addDays(due, processing - M + 1), 19 * 60)]
        : [plus(story.lastAt, 2 * 3_600_000), romeInstant(target < due ? target : due, 19 * 60)];
      const items = decision === 'approved' ? ticks.slice(1) : ticks.slice(1, -1);
      for (const item of items) story.tick(officer, need(at.office(plus(story.lastAt, 1_800_000), new Date(Math.max(to.getTime() - 3_600_000, story.lastAt.getTime() + 2 * 3_600_000)))), item);
      const decided = need(at.office(new Date(Math.max(from.getTime(), story.lastAt.getTime() + 1_800_000)), to));
      if (svc.def.approvals.length) {
        // the officer proposes, the manager and then the financial office give their visas
        story.decide(officer, decided, decision, rng.pick(texts[decision]));
        story.endorse(managers[0]!, need(at.office(plus(decided, 3_600_000), plus(decided, 3 * DAY))));
        const accounting = tenant.operators.filter((o) => o.officeId === story.visaOffice);
        story.endorse(accounting.length ? rng.pick(accounting) : managers[0]!, need(at.office(plus(story.lastAt, 3_600_000), plus(story.lastAt, 4 * DAY))), rng.chance(0.3) ? 'Copertura finanziaria verificata' : null);
        if (scenario === 'done' && romeDate(story.closedAt!) > story.due!) throw new RetryScenario();
      } else {
        story.decide(officer, decided, decision, rng.pick(texts[decision]));
      }
      break;
    }
    case 'tacit':
      break;
  }
  story.sweep(at);
  if (scenario === 'tacit' && story.status !== 'approved') throw new RetryScenario();
  if ((scenario === 'done' || scenario === 'late') && !story.closedAt) throw new RetryScenario();
  // what today looks like must be what the scenario says
  const left = story.due ? daysBetween(today, story.due) : 0;
  if (scenario === 'working' && left < 4) throw new RetryScenario();
  if (scenario === 'due_soon' && (left < 0 || left > 3)) throw new RetryScenario();
  if (scenario === 'overdue' && left >= 0) throw new RetryScenario();
  if (scenario === 'late' && romeDate(story.closedAt!) <= story.due!) throw new RetryScenario();

  // about half of those concluded were rated afterwards
  if (story.closedAt && rng.chance(0.5)) {
    const score = story.status === 'approved' ? rng.pick([5, 5, 5, 4, 4, 3]) : rng.pick([1, 2, 2, 3, 4]);
    const when = at.citizen(plus(story.closedAt, 600_000), plus(story.closedAt, 3 * DAY));
    if (when) {
      const reasons: readonly string[] = score <= 3 ? RATING_REASONS_LOW : RATING_REASONS_HIGH;
      story.rating = { score, reason: rng.chance(0.8) ? rng.pick(reasons.filter((r) => r !== 'altro')) : null, comment: rng.chance(0.3) ? rng.pick(score <= 3 ? RATING_COMMENTS.low : RATING_COMMENTS.high) : null, at: when };
    }
  }
  return story;
}

/** The delegations the technicians registered before filing a SCIA for their clients, with the signed procura. */
async function saveDelegations(trx: Kysely<DB>, stories: Story[], citizens: CitizenBook, procura: Placeholder) {
  const byPair = new Map<string, { stories: Story[] }>();
  for (const s of stories.filter((x) => x.subject.kind === 'delegation')) {
    const key = `${s.citizen.person.fiscalCode}:${s.subject.person.fiscalCode}`;
    (byPair.get(key) ?? byPair.set(key, { stories: [] }).get(key)!).stories.push(s);
  }
  const rows = [...byPair.values()].map(({ stories: list }) => {
    const first = list.reduce((a, b) => (a.createdAt < b.createdAt ? a : b));
    const client = first.subject.person;
    const technician = first.citizen.person;
    const created = new Date(first.createdAt.getTime() - 2 * DAY);
    const id = randomUUID();
    for (const s of list) (s.subject as { ref: string }).ref = id;
    const street = client.address.split(',')[0];
    return {
      id, delegate_citizen_id: citizens.idOf(technician.fiscalCode), delegator_fiscal_code: client.fiscalCode, delegator_given_name: client.givenName,
      delegator_family_name: client.familyName, purpose: `Presentazione della SCIA edilizia per i lavori in ${street}`,
      valid_until: addDays(romeDate(created), 365), document_sha256: procura.sha256, document_name: 'procura-speciale.pdf', document_type: 'application/pdf',
      document_size: procura.size, created_at: created, delegate_name: `${technician.givenName} ${technician.familyName}`,
    };
  });
  if (rows.length) await trx.insertInto('delegations').values(rows).execute();
}

/** Incoming protocol numbers: per body and year of registration, 1, 2, 3… in order of submission. */
function number(stories: Story[], tenants: Tenant[]) {
  const romeYear = (d: Date) => Number(romeDate(d).slice(0, 4));
  for (const tenant of tenants) {
    const mine = stories.filter((s) => s.tenant.id === tenant.id).sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime() || a.id.localeCompare(b.id));
    const counters = new Map<number, number>();
    let previous: Story | null = null;
    for (const s of mine) {
      // two sent within the same second or two go in one registrar batch, with one registration time
      if (previous && s.registeredAt! < previous.registeredAt!) {
        s.registeredAt = previous.registeredAt;
        s.registeredEvent!.at = previous.registeredAt!;
        s.changes.find((c) => c.toStatus === 'registered')!.at = previous.registeredAt!;
      }
      const year = romeYear(s.registeredAt!);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      s.protocol = { year, number: n };
      previous = s;
    }
  }
}

/** Who read what: older messages were read, those about work still waiting were not. */
function finishNotifications(stories: Story[], rng: Rng, now: Date) {
  for (const s of stories) {
    for (const n of s.notifications) {
      if (n.channel !== 'inbox' || n.pending) continue;
      const age = now.getTime() - n.created_at.getTime();
      if (age > 2 * DAY && rng.chance(0.8)) n.read_at = new Date(n.created_at.getTime() + Math.min(age - 60_000, rng.int(10, 2 * 24 * 60) * 60_000));
    }
  }
}

function chunks<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function insert(trx: Kysely<DB>, table: keyof DB, rows: Record<string, unknown>[], size?: number) {
  for (const part of chunks(rows, size)) await trx.insertInto(table).values(part as never).execute();
}

async function write(trx: Kysely<DB>, stories: Story[]) {
  await insert(trx, 'applications', stories.map((s) => ({
    id: s.id, tenant_id: s.tenant.id, code: s.code, service_id: s.service.id, service_version: s.service.version, office_id: s.service.officeId,
    citizen_id: s.citizen.id, filer_name: `${s.citizen.person.givenName} ${s.citizen.person.familyName}`, subject_kind: s.subject.kind,
    subject_ref: s.subject.kind === 'self' ? s.citizen.id : s.subject.ref, subject_fiscal_code: s.subject.person.fiscalCode,
    subject_name: `${s.subject.person.givenName} ${s.subject.person.familyName}`, status: s.status, data: JSON.stringify(s.data), prefilled: JSON.stringify(s.prefilled),
    current_step: s.service.form.steps.at(-1)!.id, revision: s.revision, auth_method: s.auth.method, auth_level: s.auth.level, created_at: s.createdAt, updated_at: s.updatedAt,
    submitted_at: s.submittedAt, max_days: s.service.maxDays, suspended_days: s.suspended, due_date: s.due, taken_in_charge_at: s.takenAt, closed_at: s.closedAt,
    responsible_operator_id: s.responsible?.id ?? null, protocol_year: s.protocol!.year, protocol_number: s.protocol!.number, registered_at: s.registeredAt,
    receipt_document_id: NO_RECEIPT, checklist: JSON.stringify(s.checklist), outcome_proposal: s.proposal ? JSON.stringify(s.proposal) : null,
    visa_step_id: s.visaStep, visa_office_id: s.visaOffice, outcome_motivation: s.motivation, escalated_at: s.escalatedAt, deadline_marks: JSON.stringify(s.marks),
  })), 200);
  const resolve = <T,>(v: T | (() => T)) => (typeof v === 'function' ? (v as () => T)() : v);
  await insert(trx, 'application_events', stories.flatMap((s) => s.events.map((e) => ({
    id: e.id, tenant_id: s.tenant.id, application_id: s.id, at: e.at, type: e.type, from_status: e.from_status, to_status: e.to_status, actor_kind: e.actor_kind,
    actor_id: e.actor_id, actor_label: e.actor_label, note: resolve(e.note), internal: e.internal, details: JSON.stringify(resolve(e.details)),
  }))));
  await insert(trx, 'application_attachments', stories.flatMap((s) => s.attachments.map((a) => ({
    tenant_id: s.tenant.id, application_id: s.id, requirement_id: a.requirement_id, file_name: a.file_name, content_type: 'application/pdf', size: a.placeholder.size,
    sha256: a.placeholder.sha256, uploaded_at: a.uploaded_at, uploaded_by: `citizen:${s.citizen.id}`, submitted: true,
  }))));
  await insert(trx, 'protocol_entries', stories.map((s) => ({
    tenant_id: s.tenant.id, year: s.protocol!.year, number: s.protocol!.number, direction: 'incoming', registered_at: s.registeredAt, aoo_code: s.tenant.aoo,
    subject: `Domanda ${s.code}: ${s.service.title}`, correspondent: `${s.subject.person.givenName} ${s.subject.person.familyName} (${s.subject.person.fiscalCode})`, application_id: s.id,
  })));
  const registers = new Map<string, { tenant_id: string; year: number; last_number: number }>();
  for (const s of stories) {
    const key = `${s.tenant.id}:${s.protocol!.year}`;
    const r = registers.get(key) ?? { tenant_id: s.tenant.id, year: s.protocol!.year, last_number: 0 };
    r.last_number = Math.max(r.last_number, s.protocol!.number);
    registers.set(key, r);
  }
  for (const r of registers.values()) {
    await trx.insertInto('protocol_registers').values(r).onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet({ last_number: r.last_number })).execute();
  }
  await insert(trx, 'service_ratings', stories.filter((s) => s.rating).map((s) => ({
    application_id: s.id, tenant_id: s.tenant.id, service_id: s.service.id, score: s.rating!.score, reason: s.rating!.reason, comment: s.rating!.comment, created_at: s.rating!.at,
  })));
  await insert(trx, 'notifications', stories.flatMap((s) => s.notifications.map((n) => {
    const message = n.message();
    return {
      tenant_id: s.tenant.id, application_id: s.id, dedupe_key: n.dedupe_key, recipient_kind: n.recipient_kind, citizen_id: n.citizen_id, operator_id: n.operator_id,
      address: n.address, channel: n.channel, subject: message.subject.slice(0, 300), body: message.body.slice(0, 5000), status: n.status, created_at: n.created_at, read_at: n.read_at,
      kind: n.kind ?? null, legal: n.legal ?? false, sent_at: n.status === 'sent' ? n.created_at : null, attempts: n.status === 'sent' ? 1 : 0,
    };
  })));
  await insert(trx, 'automation_runs', stories.flatMap((s) => s.runs.map((r) => ({ key: r.key, tenant_id: s.tenant.id, application_id: s.id, ran_at: r.at }))));
  const officeName = (s: Story) => s.office?.name ?? null;
  // past reads carry their own time, which the one path (platform/personal-data.ts) does not take: same table, same words
  await insert(trx, 'access_log', stories.flatMap((s) => s.accesses.map((a) => ({
    tenant_id: s.tenant.id, at: a.at, subject_fiscal_code: s.subject.person.fiscalCode, citizen_id: s.citizen.id, actor_kind: 'operator', actor_id: a.operator.id,
    actor_label: a.operator.name, office_name: officeName(s), object_type: 'application', object_id: s.id, object_label: `Pratica ${s.code} — ${s.service.title}`,
    operation: a.operation, purpose: `Istruttoria della pratica ${s.code} («${s.service.title}»)`, legal_basis: LEGAL_BASIS.proceeding,
  }))));
}
