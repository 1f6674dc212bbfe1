/**
 * The workflow engine: it reads a service version's workflow (data, see contracts/workflow.ts), turns events on
 * an application into automation jobs in the same transaction as the event, carries the jobs out, and sweeps
 * deadlines to raise the time-based events (due_soon, overdue). The applications service owns the transitions;
 * this module owns what happens because of them.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import {
  DEFAULT_PERMISSIONS, DEFAULT_WORKFLOW,
  type AutomationAction, type Channel, type MessageTemplate, type WorkflowDefinition, type WorkflowEvent,
} from '../../../contracts/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { dueDate, romeDate } from '../../platform/legal-clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import { attachmentRequired, validateAnswers } from '../forms/form-validation.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import type { MessagingService, NotificationRow } from '../messaging/messaging.service.ts';

/** The workflow of a card: its own, with what it leaves out taken from the default. */
export function workflowOf(card: Pick<ServiceCard, 'workflow'> | null | undefined): WorkflowDefinition {
  const w = card?.workflow;
  if (!w) return { ...DEFAULT_WORKFLOW, permissions: { ...DEFAULT_PERMISSIONS } };
  return {
    paymentBeforeSubmission: w.paymentBeforeSubmission ?? false,
    fees: w.fees ?? [],
    checklist: w.checklist ?? [],
    approvals: w.approvals ?? [],
    permissions: { ...DEFAULT_PERMISSIONS, ...(w.permissions ?? {}) },
    automations: w.automations ?? DEFAULT_WORKFLOW.automations,
    response: w.response ?? DEFAULT_WORKFLOW.response,
  };
}

/** What an automation job carries: which application, which event (with a key unique to that occurrence). */
export interface AutomationJob {
  applicationId: string;
  tenantId: string;
  event: WorkflowEvent;
  /** unique per occurrence of the event: the automation's effects are keyed by it */
  eventKey: string;
  automationIds: string[];
}

/** A document to issue on an application: the response on an outcome, or a notice asked by an automation. */
export interface DocumentJob {
  applicationId: string;
  tenantId: string;
  kind: 'response' | 'notice';
  /** one document per key: a job run twice issues one */
  issueKey: string;
  template?: MessageTemplate;
}

const PLACEHOLDER = /\{\{\s*([a-z]+)\s*\}\}/g;

/** Fills {{placeholders}}; unknown ones stay visible rather than vanish. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

const itDate = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : '');

type AppRow = Awaited<ReturnType<WorkflowService['loadApplication']>>;

export class WorkflowService {
  private readonly cards = new Map<string, ServiceCard>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    readonly messaging: MessagingService,
  ) {}

  /** The card of a pinned service version, cached (published versions never change). Reads through trx. */
  async cardOf(trx: Kysely<DB>, serviceId: string, version: number): Promise<ServiceCard | null> {
    const key = `${serviceId}:${version}`;
    const cached = this.cards.get(key);
    if (cached) return cached;
    const row = await trx.selectFrom('service_versions').select('card').where('service_id', '=', serviceId).where('version', '=', version).executeTakeFirst();
    if (!row) return null;
    if (this.cards.size >= 500) this.cards.delete(this.cards.keys().next().value!);
    this.cards.set(key, row.card as ServiceCard);
    return row.card as ServiceCard;
  }

  /** Queues the automations listening to an event, in the event's own transaction. */
  async emit(trx: Kysely<DB>, app: { id: string; tenant_id: string }, def: WorkflowDefinition, event: WorkflowEvent, eventKey: string): Promise<void> {
    // the citizen's messages and the integrators' webhooks of the event, whatever the service's automations
    await this.messaging.publish(trx, { applicationId: app.id, tenantId: app.tenant_id, event, key: eventKey });
    const automationIds = def.automations.filter((a) => a.on === event).map((a) => a.id);
    if (!automationIds.length) return;
    const job: AutomationJob = { applicationId: app.id, tenantId: app.tenant_id, event, eventKey, automationIds };
    await this.jobs.send(trx, 'automation', job);
  }

  /** Queues a document to issue (the response on an outcome), in the caller's transaction. */
  async queueDocument(trx: Kysely<DB>, job: DocumentJob): Promise<void> {
    await this.jobs.send(trx, 'document.issue', job);
  }

  private async loadApplication(trx: Kysely<DB>, id: string) {
    return trx.selectFrom('applications as a')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .leftJoin('operators as r', 'r.id', 'a.responsible_operator_id')
      .selectAll('a')
      .select(['t.name as tenant_name', 's.title as service_title', 'o.name as office_name', 'o.email as office_email', 'r.name as responsible_name'])
      .where('a.id', '=', id).forUpdate('a').executeTakeFirst();
  }

  /** Placeholder values of an application, for templates. */
  templateValues(app: NonNullable<AppRow>): Record<string, string> {
    return {
      codice: app.code, servizio: app.service_title, ente: app.tenant_name, ufficio: app.office_name ?? app.tenant_name,
      richiedente: app.subject_name,
      protocollo: app.protocol_number ? `${formatProtocolNumber(app.protocol_number)}/${app.protocol_year}` : 'in corso di assegnazione',
      scadenza: itDate(app.due_date),
      esito: app.status === 'approved' ? 'accolta' : app.status === 'rejected' ? 'respinta' : '',
      motivazione: app.outcome_motivation ?? '',
    };
  }

  /**
   * Carries out the automations of one event (the job handler). Runs in the job's transaction: the effects and
   * the job's completion commit together. Each automation is recorded in automation_runs under the event's key,
   * so a job delivered twice acts once.
   */
  async runAutomations(trx: Kysely<DB>, job: AutomationJob): Promise<void> {
    await inScope(trx, { tenantId: job.tenantId }, async (t) => {
      const app = await this.loadApplication(t, job.applicationId);
      if (!app) return;
      const card = await this.cardOf(t, app.service_id, app.service_version);
      const def = workflowOf(card);
      for (const automation of def.automations.filter((a) => job.automationIds.includes(a.id))) {
        const key = `${job.eventKey}:${automation.id}`;
        const first = await t.insertInto('automation_runs').values({ key, tenant_id: job.tenantId, application_id: app.id })
          .onConflict((oc) => oc.doNothing()).returning('key').executeTakeFirst();
        if (!first) continue;
        for (const [index, action] of automation.do.entries()) {
          await this.act(t, app, card, def, action, `${key}:${index}`, job);
        }
      }
    });
  }

  private async act(t: Kysely<DB>, app: NonNullable<AppRow>, card: ServiceCard | null, def: WorkflowDefinition, action: AutomationAction, key: string, job: AutomationJob) {
    const values = this.templateValues(app);
    switch (action.type) {
      case 'notify':
        await this.notify(t, app, action.to, action.channels, { subject: fillTemplate(action.template.subject, values), body: fillTemplate(action.template.body, values) }, key, action.pointer);
        return;
      case 'remind_operator': {
        const left = app.due_date ? Math.round((Date.parse(`${app.due_date}T00:00:00Z`) - Date.parse(`${clock.today()}T00:00:00Z`)) / 86_400_000) : action.daysBefore;
        await this.notify(t, app, 'responsible', ['inbox', 'email'], {
          subject: `Promemoria: la pratica ${app.code} scade il ${values.scadenza}`,
          // the e-mail copy leaves the platform: the code and the service, not the applicant's name
          body: `La pratica ${app.code} («${app.service_title}») scade il ${values.scadenza}: ${left === 1 ? 'manca 1 giorno' : `mancano ${left} giorni`}.`,
        }, key);
        return;
      }
      case 'escalate':
        await t.updateTable('applications').set({ escalated_at: clock.now() }).where('id', '=', app.id).where('escalated_at', 'is', null).execute();
        await this.event(t, app, 'escalated', `Pratica scaduta il ${values.scadenza}: segnalata ai responsabili`, true);
        await this.notify(t, app, 'manager', ['inbox', 'email'], {
          subject: `Pratica scaduta: ${app.code}`,
          body: `La pratica ${app.code} («${app.service_title}») è scaduta il ${values.scadenza} senza esito. Ufficio: ${values.ufficio}; responsabile: ${app.responsible_name ?? 'nessuno (non presa in carico)'}.`,
        }, key);
        return;
      case 'set_deadline': {
        const start = romeDate(app.submitted_at ?? clock.now());
        const base = action.move ? (app.max_days ?? 0) : Math.max(0, Math.round((Date.parse(`${clock.today()}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000));
        const maxDays = base + action.days;
        const due = dueDate(start, maxDays, app.suspended_days);
        await t.updateTable('applications').set({ max_days: maxDays, due_date: due, revision: sql`revision + 1` }).where('id', '=', app.id).execute();
        await this.event(t, app, 'deadline_set', `Nuovo termine: ${itDate(due)}`, false);
        return;
      }
      case 'generate_document':
        await this.queueDocument(t, { applicationId: app.id, tenantId: app.tenant_id, kind: 'notice', issueKey: key, template: action.template });
        return;
      case 'automatic_checks': {
        const problems: string[] = [];
        if (card?.form) {
          problems.push(...validateAnswers(card.form, app.data).map((p) => p.message));
          const attachments = await t.selectFrom('application_attachments').select('requirement_id').where('application_id', '=', app.id).execute();
          for (const req of card.form.attachments) {
            if (attachmentRequired(req, app.data) && !attachments.some((a) => a.requirement_id === req.id)) problems.push(`manca il documento "${req.title}"`);
          }
        }
        await this.event(t, app, 'automatic_checks', problems.length
          ? `Controlli automatici: ${problems.length} ${problems.length === 1 ? 'punto da verificare' : 'punti da verificare'} (${problems.join('; ')})`
          : 'Controlli automatici superati: dati completi e documenti presenti', false, { passed: problems.length === 0, problems });
        if (problems.length) {
          await this.notify(t, app, 'office', ['inbox'], { subject: `Controlli automatici non superati: ${app.code}`, body: problems.join('\n') }, key);
        }
        return;
      }
      case 'tacit_approval':
        if (job.event !== 'overdue' || !['submitted', 'registered', 'in_progress'].includes(app.status)) return;
        await this.conclude(t, app, def, 'approved', action.note, { actorKind: 'system', actorId: null, actorLabel: 'Silenzio-assenso' });
        return;
    }
  }

  /**
   * The outcome: status, motivation, timeline, the response document queued, the outcome's automations queued.
   * Called by the applications service on the last approval and by tacit approval.
   */
  async conclude(t: Kysely<DB>, app: { id: string; tenant_id: string; status: string }, def: WorkflowDefinition, decision: 'approved' | 'rejected', motivation: string | null,
    who: { actorKind: 'operator' | 'token' | 'system'; actorId: string | null; actorLabel: string }) {
    const now = clock.now();
    await t.updateTable('applications').set({
      status: decision, closed_at: now, outcome_motivation: motivation, outcome_proposal: null, visa_step_id: null, visa_office_id: null,
      updated_at: sql`now()`, revision: sql`revision + 1`,
    }).where('id', '=', app.id).execute();
    await t.insertInto('application_events').values({
      tenant_id: app.tenant_id, application_id: app.id, type: decision, from_status: app.status as never, to_status: decision,
      actor_kind: who.actorKind, actor_id: who.actorId, actor_label: who.actorLabel, note: motivation, internal: false, details: JSON.stringify({}),
    }).execute();
    await this.queueDocument(t, { applicationId: app.id, tenantId: app.tenant_id, kind: 'response', issueKey: 'response' });
    await this.emit(t, app, def, decision, `${app.id}:${decision}`);
  }

  private async event(t: Kysely<DB>, app: { id: string; tenant_id: string }, type: string, note: string, internal: boolean, details: Record<string, unknown> = {}) {
    await t.insertInto('application_events').values({
      tenant_id: app.tenant_id, application_id: app.id, type, actor_kind: 'system', actor_label: 'Sistema', note, internal, details: JSON.stringify(details),
    }).execute();
  }

  /**
   * One notification per recipient and channel, keyed so that none is made twice. A citizen's goes through their
   * preferences (a service's notice is a `service_update`); the office's and the addresses' go as asked.
   */
  async notify(t: Kysely<DB>, app: NonNullable<AppRow>, to: string, channels: Channel[], message: { subject: string; body: string }, key: string, pointer?: string) {
    if (to === 'citizen') {
      // the citizen's contacts and preferences are theirs, not the body's to read: the dispatcher (platform scope) applies them
      await this.messaging.publish(t, { applicationId: app.id, tenantId: app.tenant_id, event: 'service_update', key,
        details: { subject: message.subject, body: message.body, channels: channels.join(',') } });
      return;
    }
    const rows: NotificationRow[] = [];
    const base = { tenant_id: app.tenant_id, application_id: app.id, citizen_id: null, operator_id: null, address: null, status_reason: null, subject: message.subject, body: message.body, kind: 'office' };
    if (to === 'answers') {
      const found = pointer ? pointer.split('/').slice(1).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), app.data) : undefined;
      const addresses = (Array.isArray(found) ? found : [found]).flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [])).filter((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v));
      for (const address of addresses.slice(0, 20)) {
        rows.push({ ...base, recipient_kind: 'address', address, channel: 'email', status: 'queued', dedupe_key: `${key}:a:${address.toLowerCase()}:email` });
      }
    } else {
      const operators = await this.operatorsFor(t, app, to);
      for (const op of operators) {
        for (const channel of channels.filter((c) => c === 'inbox' || c === 'email')) {
          rows.push({ ...base, recipient_kind: 'operator', operator_id: op.id, address: channel === 'email' ? op.email : null, channel,
            status: channel === 'inbox' ? 'delivered' : 'queued', dedupe_key: `${key}:o:${op.id}:${channel}` });
        }
      }
      if (to === 'office' && channels.includes('email') && app.office_email) {
        rows.push({ ...base, recipient_kind: 'address', address: app.office_email, channel: 'email', status: 'queued', dedupe_key: `${key}:a:${app.office_email}:email` });
      }
    }
    await this.messaging.enqueue(t, rows);
  }

  /** The operators a staff notification goes to: the responsible officer (or the office), the office, the managers. */
  async operatorsFor(t: Kysely<DB>, app: { tenant_id: string; office_id: string | null; responsible_operator_id: string | null }, to: string) {
    if (to === 'responsible' && app.responsible_operator_id) {
      return t.selectFrom('operators').select(['id', 'email']).where('id', '=', app.responsible_operator_id).execute();
    }
    let q = t.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id').select(['o.id', 'o.email']).distinct()
      .where('o.disabled_at', 'is', null);
    if (to === 'manager') q = q.where('r.tenant_id', '=', app.tenant_id).where('r.role', '=', 'manager');
    else if (app.office_id) q = q.where('r.office_id', '=', app.office_id).where('r.role', 'in', ['operator', 'manager']);
    else q = q.where('r.tenant_id', '=', app.tenant_id).where('r.role', '=', 'manager');
    return q.execute();
  }

  // ---- deadlines ------------------------------------------------------------------------------------------

  /**
   * Raises due_soon and overdue for open applications, once per automation and due date (a moved due date
   * re-arms them). Returns how many events it queued. Awaiting the citizen, the clock is suspended: no event.
   */
  async sweepDeadlines(): Promise<number> {
    const today = clock.today();
    const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    const open = await inScope(this.db, { platform: true }, (t) => t.selectFrom('applications')
      .select(['id', 'tenant_id', 'service_id', 'service_version', 'due_date', 'deadline_marks'])
      .where('status', 'in', ['submitted', 'registered', 'in_progress']).where('due_date', '<=', horizon)
      .orderBy('due_date').limit(5000).execute());
    let queued = 0;
    for (const row of open) {
      const due = row.due_date!;
      const left = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      const card = await inScope(this.db, { platform: true }, (t) => this.cardOf(t, row.service_id, row.service_version));
      const def = workflowOf(card);
      const due_soon = def.automations.filter((a) => a.on === 'due_soon' && left >= 0 && left <= (a.daysBefore ?? 3) && !row.deadline_marks[`${a.id}@${due}`]);
      const overdue = left < 0 ? def.automations.filter((a) => a.on === 'overdue' && !row.deadline_marks[`${a.id}@${due}`]) : [];
      if (!due_soon.length && !overdue.length) continue;
      await inScope(this.db, { tenantId: row.tenant_id }, async (t) => {
        const current = await t.selectFrom('applications').select(['id', 'tenant_id', 'status', 'due_date', 'deadline_marks']).where('id', '=', row.id).forUpdate().executeTakeFirst();
        if (!current || current.due_date !== due || !['submitted', 'registered', 'in_progress'].includes(current.status)) return;
        const marks = { ...current.deadline_marks };
        for (const [event, list] of [['due_soon', due_soon], ['overdue', overdue]] as const) {
          const fresh = list.filter((a) => !marks[`${a.id}@${due}`]);
          if (!fresh.length) continue;
          for (const a of fresh) marks[`${a.id}@${due}`] = clock.now().toISOString();
          const job: AutomationJob = { applicationId: row.id, tenantId: row.tenant_id, event, eventKey: `${row.id}:${event}@${due}`, automationIds: fresh.map((a) => a.id) };
          await this.jobs.send(t, 'automation', job);
          queued++;
        }
        await t.updateTable('applications').set({ deadline_marks: JSON.stringify(marks) }).where('id', '=', row.id).execute();
      });
    }
    return queued;
  }
}
