/**
 * The back office's work on applications: the operator's queues, the transitions an office performs (take in
 * charge, reassign, ask for more, the outcome and its second-level visas), internal notes and the checklist.
 * Every change checks the version the operator saw (If-Match): of two operators acting at once, one succeeds
 * and the other is told to reload. Who may do what is the service's workflow (data) read here.
 */
import { sql, type Kysely } from 'kysely';
import type { ApplicationDetail, TransitionAction, WorkItem, WorkQueue } from '../../../contracts/applications.ts';
import type { OutcomeProposal, Performer, StaffTransition, WorkflowDefinition } from '../../../contracts/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { isCitizen, isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import { workflowOf, type WorkflowService } from '../workflow/workflow.service.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { ApplicationRow } from './applications.repository.ts';
import { applicationRead, summaryView } from './applications.views.ts';
import { recordPersonalDataReads } from '../../platform/personal-data.ts';
import { HandlingRepository, type Desk } from './handling.repository.ts';

const STAFF_ONLY: readonly TransitionAction[] = ['take_charge', 'assign', 'request_integration', 'approve', 'reject', 'endorse', 'send_back'];

/** What the status and the proposal allow, before asking who the operator is. */
export function actionsInStatus(row: Pick<ApplicationRow, 'status' | 'outcome_proposal'>): StaffTransition[] {
  switch (row.status) {
    case 'submitted':
    case 'registered': return ['take_charge', 'assign'];
    case 'in_progress': return row.outcome_proposal ? ['endorse', 'send_back', 'assign'] : ['request_integration', 'approve', 'reject', 'assign'];
    case 'awaiting_citizen': return ['assign'];
    default: return [];
  }
}

const PERFORMER_LABEL: Record<Performer, string> = {
  operator: "un operatore dell'ufficio", manager: 'un responsabile (manager)', desk: 'il personale di sportello', responsible: 'il responsabile del procedimento',
};

/** Whether this operator may do the action on this application, and if not, why (in words). */
export function mayPerform(actor: StaffActor, row: Pick<ApplicationRow, 'tenant_id' | 'office_id' | 'responsible_operator_id' | 'visa_office_id' | 'visa_step_id'>,
  def: WorkflowDefinition, action: StaffTransition): { ok: true } | { ok: false; why: string } {
  const manager = actor.grants.some((g) => g.role === 'manager') || actor.roles.includes('manager');
  if (action === 'endorse' || action === 'send_back') {
    const step = def.approvals.find((a) => a.id === row.visa_step_id);
    // another office's visa is that office's to give (a manager elsewhere does not stand in for it)
    const ok = row.visa_office_id
      ? actor.grants.some((g) => (g.role === 'operator' || g.role === 'manager') && g.officeId === row.visa_office_id)
      : manager;
    return ok ? { ok: true } : { ok: false, why: `Il visto «${step?.label ?? 'richiesto'}» lo appone ${row.visa_office_id ? "l'ufficio indicato nel flusso" : 'un responsabile (manager)'}.` };
  }
  const performers = def.permissions[action] ?? [];
  const has = (p: Performer) => p === 'responsible' ? row.responsible_operator_id === actor.id
    : p === 'manager' ? manager
    : actor.kind === 'token' ? actor.roles.includes(p) : actor.grants.some((g) => g.role === p && (g.officeId === null || g.officeId === row.office_id));
  if (performers.some(has)) return { ok: true };
  return { ok: false, why: `Questa operazione la può fare ${performers.map((p) => PERFORMER_LABEL[p]).join(' o ') || 'nessuno'}.` };
}

export class HandlingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly applications: ApplicationsService,
    private readonly workflow: WorkflowService,
  ) {}

  private desk(actor: StaffActor): Desk {
    const manager = actor.grants.some((g) => g.role === 'manager');
    return {
      tenantIds: actor.servedTenantIds.length ? actor.servedTenantIds : [actor.tenantId],
      officeIds: [...new Set(actor.grants.filter((g) => g.officeId && (g.role === 'operator' || g.role === 'desk' || g.role === 'manager')).map((g) => g.officeId!))],
      allOffices: manager,
      managerTenantIds: manager ? (actor.servedTenantIds.length ? actor.servedTenantIds : [actor.tenantId]) : [],
      operatorId: actor.kind === 'operator' ? actor.id : null,
      today: clock.today(),
    };
  }

  /** The actor as an office worker. On a named application a citizen gets 404: office objects do not exist for them. */
  private staff(actor: Actor | null, onApplication = false): StaffActor {
    if (onApplication && isCitizen(actor)) throw notFound('La pratica richiesta');
    // on a named application, withApplication decides: another body's is 404 before any role is looked at
    if (onApplication && isStaff(actor)) return actor;
    requireAccess(actor, 'application.handle');
    if (!isStaff(actor)) throw new Problem(403, 'Operazione non consentita', "Questa operazione la fa l'ufficio. (Only the office can do this.)");
    return actor;
  }

  // ---- the workspace --------------------------------------------------------------------------------------

  async list(actor: Actor | null, query: { queue?: WorkQueue; service?: string; status?: string; office?: string; from?: string; to?: string; applicant?: string; q?: string; cursor?: string; limit?: number }) {
    const staff = this.staff(actor);
    const queue = query.queue ?? 'open';
    const limit = query.limit ?? 25;
    if (query.from && query.to && query.from > query.to) throw badRequest('La data "dal" è successiva alla data "al". (from is after to.)', [{ path: 'from', message: 'successiva a "al"' }]);
    let after: { key: string; id: string } | undefined;
    if (query.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as { k: string; i: string; q: string };
        if (parsed.q !== queue || typeof parsed.k !== 'string' || !/^[0-9a-f-]{36}$/.test(parsed.i) || Number.isNaN(Date.parse(parsed.k))) throw new Error('bad');
        after = { key: parsed.k, id: parsed.i };
      } catch {
        throw badRequest('Il cursore di paginazione non è valido: ricomincia dalla prima pagina. (Invalid cursor.)');
      }
    }
    const desk = this.desk(staff);
    const { rows, page } = await inScope(this.db, { platform: true }, async (trx) => {
      const found = await new HandlingRepository(trx).list(desk, {
        queue, serviceId: query.service, status: query.status, officeId: query.office, from: query.from, to: query.to, applicant: query.applicant, q: query.q, after, limit: limit + 1,
      });
      const shown = found.slice(0, limit);
      // the list shows who filed what: each person in it learns the office saw their application listed (once a day)
      await recordPersonalDataReads(trx, shown.map((r) => applicationRead(r, staff, 'list')), { oncePerDay: true });
      return { rows: found, page: shown };
    });
    const last = page.at(-1);
    const today = Date.parse(`${desk.today}T00:00:00Z`);
    const items: WorkItem[] = page.map((r) => ({
      ...summaryView(r as never, staff),
      office: r.office_id && r.office_name ? { id: r.office_id, name: r.office_name } : null,
      responsible: r.responsible_operator_id && r.responsible_name ? { id: r.responsible_operator_id, name: r.responsible_name } : null,
      daysLeft: r.due_date && ['submitted', 'registered', 'in_progress'].includes(r.status) ? Math.round((Date.parse(`${r.due_date}T00:00:00Z`) - today) / 86_400_000) : null,
      escalated: !!r.escalated_at,
      pendingVisa: r.visa_step_id,
    }));
    const key = (r: (typeof rows)[number]) => (queue === 'closed' ? r.closed_at!.toISOString() : r.due_date ?? '9999-12-31');
    return {
      items,
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ k: key(last), i: last.id, q: queue })).toString('base64url') : null,
    };
  }

  async counts(actor: Actor | null) {
    const desk = this.desk(this.staff(actor));
    return inScope(this.db, { platform: true }, (trx) => new HandlingRepository(trx).counts(desk));
  }

  async assignees(actor: Actor | null, id: string) {
    const staff = this.staff(actor, true);
    return this.applications.withApplication(staff, id, async (_repo, row, trx) => {
      // read in the application's own transaction (the embedded database has one session)
      const r = new HandlingRepository(trx);
      const [people, offices] = await Promise.all([r.colleagues(row.tenant_id), r.assignableOffices(row.tenant_id)]);
      const seen = new Set<string>();
      return {
        operators: people.filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => ({ id: p.id, name: p.name, officeName: p.office_name })),
        offices: offices.map((o) => ({ id: o.id, name: o.name, tenantName: o.tenant_name })),
      };
    });
  }

  async notifications(actor: Actor | null) {
    if (!actor) throw new Problem(401, 'Accesso richiesto', 'Accedi per vedere i tuoi avvisi. (Log in.)');
    if (!isStaff(actor)) return this.applications.citizenNotifications(actor);
    // an integrator's token has no inbox
    if (actor.kind !== 'operator') return { items: [], unread: 0 };
    const items = await inScope(this.db, { platform: true }, (trx) => new HandlingRepository(trx).notifications(actor.id));
    return {
      items: items.map((n) => ({ id: n.id, subject: n.subject, body: n.body, applicationId: n.application_id, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
      unread: items.filter((n) => !n.read_at).length,
    };
  }

  /** Marks the actor's inbox notifications read (the given ones, or all). */
  async markNotificationsRead(actor: Actor | null, ids?: string[]): Promise<void> {
    if (!actor) throw new Problem(401, 'Accesso richiesto', 'Accedi per vedere i tuoi avvisi. (Log in.)');
    if (isStaff(actor) && actor.kind !== 'operator') return;
    const scope = isCitizen(actor) ? { citizenId: actor.id } : { platform: true as const };
    await inScope(this.db, scope, async (trx) => {
      let q = trx.updateTable('notifications').set({ read_at: clock.now() }).where('channel', '=', 'inbox').where('read_at', 'is', null)
        .where(isCitizen(actor) ? 'citizen_id' : 'operator_id', '=', actor.id);
      if (ids?.length) q = q.where('id', 'in', ids);
      await q.execute();
    });
  }

  // ---- notes and checklist --------------------------------------------------------------------------------

  async addNote(actor: Actor | null, id: string, text: string) {
    const staff = this.staff(actor, true);
    const note = text.trim();
    if (!note) throw badRequest('Scrivi il testo della nota. (Empty note.)', [{ path: 'text', message: 'obbligatorio' }]);
    return this.applications.withApplication(staff, id, async (repo, row) => {
      const at = clock.now();
      const event = await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'note', actorKind: staff.kind === 'token' ? 'token' : 'operator', actorId: staff.id,
        actorLabel: staff.name, note, internal: true });
      return { id: event, at: at.toISOString(), type: 'note', fromStatus: null, toStatus: null, actorLabel: staff.name, note, internal: true };
    });
  }

  async setChecklistItem(actor: Actor | null, id: string, itemId: string, done: boolean): Promise<ApplicationDetail> {
    const staff = this.staff(actor, true);
    return this.applications.withApplication(staff, id, async (repo, row, trx) => {
      const def = workflowOf(await this.workflow.cardOf(trx, row.service_id, row.service_version));
      const item = def.checklist.find((c) => c.id === itemId);
      if (!item) throw notFound(`La voce "${itemId}" della checklist`);
      if (!['registered', 'in_progress', 'awaiting_citizen'].includes(row.status)) throw conflict('La checklist si compila durante l\'istruttoria. (Not in progress.)');
      const checklist = { ...row.checklist, [itemId]: { done, by: staff.name, at: clock.now().toISOString() } };
      await trx.updateTable('applications').set({ checklist: JSON.stringify(checklist), updated_at: sql`now()` }).where('id', '=', id).execute();
      await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'checklist', actorKind: 'operator', actorId: staff.id, actorLabel: staff.name,
        note: `${done ? 'Verificato' : 'Da rivedere'}: ${item.label}`, internal: true, details: { itemId, done } });
      return this.applications.detailOf(repo, (await repo.findById(id))!, staff);
    }, true, 'checklist');
  }

  // ---- transitions ----------------------------------------------------------------------------------------

  async transition(actor: Actor | null, id: string, action: TransitionAction, body: { note?: string; documents?: string[]; operatorId?: string; officeId?: string; answerBy?: string }, ifMatch: number | undefined): Promise<ApplicationDetail> {
    const staff = this.staff(actor, true);
    return this.applications.withApplication(staff, id, async (repo, row, trx) => {
      if (!STAFF_ONLY.includes(action)) throw conflict('Questa operazione la fa il cittadino che ha presentato la domanda, non l\'ufficio. (Only the applicant can do this.)');
      if (ifMatch === undefined) {
        throw new Problem(428, 'Manca la versione della pratica', "Invia l'intestazione If-Match con la revisione della pratica che hai letto, così due operatori non la modificano insieme. (If-Match required.)");
      }
      if (row.revision !== ifMatch) {
        throw new Problem(412, 'Pratica modificata da un collega', 'Un collega ha appena modificato questa pratica: ricarica per vedere la versione aggiornata e riprova. (Changed meanwhile: reload.)');
      }
      const card = await this.workflow.cardOf(trx, row.service_id, row.service_version);
      const def = workflowOf(card);
      const staffAction = action as StaffTransition;
      if (!actionsInStatus(row).includes(staffAction)) {
        const why = row.outcome_proposal && ['approve', 'reject', 'request_integration'].includes(action)
          ? 'È già stata proposta una decisione: attende il visto.'
          : `Non si può fare "${action}" su una pratica nello stato "${row.status}".`;
        throw conflict(`${why} (Not allowed in this status.)`);
      }
      const allowed = mayPerform(staff, row, def, staffAction);
      if (!allowed.ok) throw new Problem(403, 'Operazione non consentita', `${allowed.why} (Not allowed to you.)`);
      const note = body.note?.trim() || null;
      const who = { actorKind: staff.kind === 'token' ? ('token' as const) : ('operator' as const), actorId: staff.id, actorLabel: staff.name };
      const now = clock.now();
      const bump = { updated_at: sql<Date>`now()`, revision: sql<number>`revision + 1` };
      const key = `${id}:${row.revision}`;
      switch (staffAction) {
        case 'take_charge':
          await trx.updateTable('applications').set({ ...bump, status: 'in_progress', taken_in_charge_at: now, responsible_operator_id: staff.kind === 'operator' ? staff.id : null }).where('id', '=', id).execute();
          await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'taken_in_charge', fromStatus: row.status, toStatus: 'in_progress', ...who, note });
          await this.workflow.emit(trx, row, def, 'taken_in_charge', key);
          break;
        case 'assign':
          await this.assign(trx, repo, row, body, who, note);
          await this.workflow.emit(trx, row, def, 'assigned', key);
          break;
        case 'request_integration': {
          if (!note) throw badRequest('Scrivi che cosa serve al cittadino (note)', [{ path: 'note', message: 'obbligatorio' }]);
          if (body.answerBy && body.answerBy < clock.today()) throw badRequest('La data entro cui rispondere è già passata. (answerBy in the past.)', [{ path: 'answerBy', message: 'data passata' }]);
          const documents = (body.documents ?? []).map((d) => d.trim()).filter(Boolean).slice(0, 20);
          await trx.updateTable('applications').set({ ...bump, status: 'awaiting_citizen' }).where('id', '=', id).execute();
          await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'integration_requested', fromStatus: row.status, toStatus: 'awaiting_citizen', ...who, note,
            details: { documents, ...(body.answerBy ? { answerBy: body.answerBy } : {}) } });
          await this.workflow.emit(trx, row, def, 'integration_requested', key);
          break;
        }
        case 'approve':
        case 'reject': {
          if (action === 'reject' && !note) throw badRequest('Scrivi la motivazione del rigetto (note)', [{ path: 'note', message: 'obbligatoria' }]);
          const open = def.checklist.filter((c) => c.required && !row.checklist[c.id]?.done);
          if (action === 'approve' && open.length) {
            throw new Problem(422, 'Checklist incompleta', `Prima di accogliere, verifica: ${open.map((c) => c.label).join('; ')}. (Checklist incomplete.)`,
              open.map((c) => ({ path: `/checklist/${c.id}`, message: `${c.label}: da verificare` })));
          }
          const decision = action === 'approve' ? 'approved' as const : 'rejected' as const;
          const [first] = def.approvals;
          if (first) {
            const proposal: OutcomeProposal = { decision, motivation: note ?? '', proposedBy: staff.name, proposedAt: now.toISOString(), visas: [] };
            await this.awaitVisa(trx, row, def, first.id, proposal);
            await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'outcome_proposed', ...who, note, internal: true, details: { decision } });
            await this.workflow.emit(trx, row, def, 'outcome_proposed', key);
          } else {
            await this.workflow.conclude(trx, row, def, decision, note, who);
          }
          break;
        }
        case 'endorse': {
          const proposal = row.outcome_proposal!;
          const index = def.approvals.findIndex((a) => a.id === row.visa_step_id);
          const step = def.approvals[index];
          const visas = [...proposal.visas, { stepId: row.visa_step_id!, by: staff.name, at: now.toISOString() }];
          await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'visa_granted', ...who, note: `${step?.label ?? 'Visto'} apposto${note ? `: ${note}` : ''}`, details: { stepId: row.visa_step_id } });
          await this.workflow.emit(trx, row, def, 'visa_granted', key);
          const next = def.approvals[index + 1];
          if (next) await this.awaitVisa(trx, row, def, next.id, { ...proposal, visas });
          else await this.workflow.conclude(trx, row, def, proposal.decision, proposal.motivation || null, who);
          break;
        }
        case 'send_back': {
          if (!note) throw badRequest("Scrivi perché rinvii la proposta all'istruttore (note)", [{ path: 'note', message: 'obbligatoria' }]);
          await trx.updateTable('applications').set({ ...bump, outcome_proposal: null, visa_step_id: null, visa_office_id: null }).where('id', '=', id).execute();
          await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'visa_refused', ...who, note, internal: true, details: { stepId: row.visa_step_id } });
          await this.workflow.notify(trx, { ...row, office_email: null, responsible_name: null } as never, 'responsible', ['inbox'],
            { subject: `Proposta rinviata: ${row.code}`, body: `${staff.name} ha rinviato la proposta di decisione: ${note}` }, `${key}:send_back`);
          await this.workflow.emit(trx, row, def, 'visa_refused', key);
          break;
        }
      }
      return this.applications.detailOf(repo, (await repo.findById(id))!, staff);
    }, true, `transition:${action}`);
  }

  /** Sets the visa awaited and tells whoever gives it (in their inbox). */
  private async awaitVisa(trx: Kysely<DB>, row: ApplicationRow, def: WorkflowDefinition, stepId: string, proposal: OutcomeProposal) {
    const step = def.approvals.find((a) => a.id === stepId)!;
    let officeId: string | null = null;
    if ('officeCode' in step.by) {
      const office = await trx.selectFrom('offices').select('id').where('tenant_id', '=', row.tenant_id).where('code', '=', step.by.officeCode).executeTakeFirst();
      if (!office) throw conflict(`L'ufficio "${step.by.officeCode}" del visto «${step.label}» non esiste più: correggi il flusso del servizio. (Visa office missing.)`);
      officeId = office.id;
    }
    await trx.updateTable('applications').set({
      outcome_proposal: JSON.stringify(proposal), visa_step_id: stepId, visa_office_id: officeId, updated_at: sql`now()`, revision: sql`revision + 1`,
    }).where('id', '=', row.id).execute();
    const target = { tenant_id: row.tenant_id, office_id: officeId, responsible_operator_id: null };
    await this.workflow.notify(trx, { ...row, ...target, office_email: null, responsible_name: null } as never, officeId ? 'office' : 'manager', ['inbox'],
      { subject: `Visto da apporre: ${row.code}`, body: `«${step.label}» sulla pratica ${row.code} («${row.service_title}»): proposta di ${proposal.decision === 'approved' ? 'accoglimento' : 'rigetto'}.` },
      `${row.id}:${row.revision}:visa:${stepId}`);
  }

  private async assign(trx: Kysely<DB>, repo: Parameters<Parameters<ApplicationsService['withApplication']>[2]>[0], row: ApplicationRow,
    body: { operatorId?: string; officeId?: string }, who: { actorKind: 'operator' | 'token'; actorId: string; actorLabel: string }, note: string | null) {
    if (!body.operatorId === !body.officeId) {
      throw badRequest('Indica a chi assegnare la pratica: un collega (operatorId) oppure un ufficio (officeId).', [{ path: 'operatorId', message: 'uno dei due' }]);
    }
    const bump = { updated_at: sql<Date>`now()`, revision: sql<number>`revision + 1` };
    if (body.operatorId) {
      const target = await trx.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id')
        .select(['o.id', 'o.name']).where('r.tenant_id', 'in', [row.tenant_id, ...(await new HandlingRepository(trx).leadsOf(row.tenant_id))])
        .where('o.id', '=', body.operatorId).where('o.disabled_at', 'is', null).executeTakeFirst();
      if (!target) throw notFound("L'operatore");
      await trx.updateTable('applications').set({ ...bump, responsible_operator_id: target.id }).where('id', '=', row.id).execute();
      await repo.addEvent({ tenantId: row.tenant_id, applicationId: row.id, type: 'assigned', ...who, note: note ?? `Assegnata a ${target.name}`, internal: true, details: { operatorId: target.id } });
      await this.workflow.notify(trx, { ...row, responsible_operator_id: target.id, office_email: null, responsible_name: target.name } as never, 'responsible', ['inbox'],
        { subject: `Ti è stata assegnata la pratica ${row.code}`, body: `${who.actorLabel} ti ha assegnato la pratica ${row.code} («${row.service_title}»).${note ? ` Nota: ${note}` : ''}` }, `${row.id}:${row.revision}:assigned`);
      return;
    }
    const offices = await new HandlingRepository(trx).assignableOffices(row.tenant_id);
    const office = offices.find((o) => o.id === body.officeId);
    if (!office) throw notFound("L'ufficio (dell'ente o di un ente che lo gestisce in forma associata)");
    await trx.updateTable('applications').set({ ...bump, office_id: office.id, responsible_operator_id: null }).where('id', '=', row.id).execute();
    await repo.addEvent({ tenantId: row.tenant_id, applicationId: row.id, type: 'assigned', ...who, note: note ?? `Trasferita all'ufficio ${office.name} (${office.tenant_name})`, internal: true,
      details: { officeId: office.id, tenantId: office.tenant_id } });
    await this.workflow.notify(trx, { ...row, office_id: office.id, office_email: null, responsible_name: null } as never, 'office', ['inbox'],
      { subject: `Nuova pratica per l'ufficio: ${row.code}`, body: `${who.actorLabel} ha trasferito all'ufficio ${office.name} la pratica ${row.code} («${row.service_title}»).` }, `${row.id}:${row.revision}:office`);
  }
}
