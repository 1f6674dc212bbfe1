import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { WorkQueue } from '../../../contracts/applications.ts';
import type { DB } from '../../db/schema.ts';

/** Where an operator works: the bodies they serve, the offices they sit in, whether they see every office. */
export interface Desk {
  tenantIds: string[];
  officeIds: string[];
  /** managers see every office of the bodies they serve */
  allOffices: boolean;
  managerTenantIds: string[];
  operatorId: string | null;
  today: string;
}

export interface WorkFilter {
  queue: WorkQueue;
  serviceId?: string;
  status?: string;
  officeId?: string;
  from?: string;
  to?: string;
  applicant?: string;
  q?: string;
  after?: { key: string; id: string };
  limit: number;
}

const OPEN = ['submitted', 'registered', 'in_progress'] as const;
const CLOSED = ['approved', 'rejected', 'withdrawn'] as const;

type EB = ExpressionBuilder<DB & { a: DB['applications'] }, 'a'>;

/**
 * The terms of a search box as a prefix query: "ross mar" finds Rossi Mario. Accents are kept: the index is the
 * 'simple' configuration, which keeps them too (unaccent cannot be used in a generated column).
 */
export function prefixQuery(text: string): string | null {
  const terms = text.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  return terms.length ? terms.map((t) => `${t}:*`).join(' & ') : null;
}

/**
 * The operators' queues. Runs in the platform scope with the body filter written out, because an operator of a
 * lead body works on the applications of several bodies at once (associated management).
 */
export class HandlingRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private reach(eb: EB, desk: Desk): Expression<SqlBool> {
    const mine: Expression<SqlBool>[] = [];
    if (desk.allOffices) mine.push(eb('a.tenant_id', 'in', desk.managerTenantIds.length ? desk.managerTenantIds : ['00000000-0000-0000-0000-000000000000']));
    if (desk.officeIds.length) {
      mine.push(eb('a.office_id', 'in', desk.officeIds));
      mine.push(eb('a.visa_office_id', 'in', desk.officeIds));
    }
    if (desk.operatorId) mine.push(eb('a.responsible_operator_id', '=', desk.operatorId));
    // sent applications only: a draft, or one waiting for its payment before submission, is the applicant's alone
    return eb.and([eb('a.status', '<>', 'draft'), eb('a.submitted_at', 'is not', null), eb('a.tenant_id', 'in', desk.tenantIds), mine.length ? eb.or(mine) : sql<SqlBool>`false`]);
  }

  private queueCondition(eb: EB, queue: WorkQueue, desk: Desk): Expression<SqlBool> {
    const soon = sql<string>`(${desk.today}::date + 3)`;
    switch (queue) {
      case 'new': return eb.and([eb('a.status', 'in', ['submitted', 'registered']), eb('a.responsible_operator_id', 'is', null)]);
      case 'mine': return eb.and([eb('a.responsible_operator_id', '=', desk.operatorId ?? '00000000-0000-0000-0000-000000000000'), eb('a.status', 'not in', [...CLOSED])]);
      case 'awaiting': return eb('a.status', '=', 'awaiting_citizen');
      case 'due_soon': return eb.and([eb('a.status', 'in', [...OPEN]), eb('a.due_date', '>=', desk.today), eb('a.due_date', '<=', soon)]);
      case 'overdue': return eb.and([eb('a.status', 'in', [...OPEN]), eb('a.due_date', '<', desk.today)]);
      case 'visas': {
        const byOffice = desk.officeIds.length ? [eb('a.visa_office_id', 'in', desk.officeIds)] : [];
        const byManager = desk.allOffices ? [eb.and([eb('a.visa_step_id', 'is not', null), eb('a.visa_office_id', 'is', null)])] : [];
        return byOffice.length + byManager.length ? eb.or([...byOffice, ...byManager]) : sql<SqlBool>`false`;
      }
      case 'open': return eb('a.status', 'not in', [...CLOSED]);
      case 'closed': return eb('a.status', 'in', [...CLOSED]);
    }
  }

  list(desk: Desk, f: WorkFilter) {
    const closed = f.queue === 'closed';
    let q = this.db.selectFrom('applications as a')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .leftJoin('operators as r', 'r.id', 'a.responsible_operator_id')
      .selectAll('a')
      .select(['t.slug as tenant_slug', 't.name as tenant_name', 's.slug as service_slug', 's.title as service_title', 'o.name as office_name', 'r.name as responsible_name'])
      .where((eb) => eb.and([this.reach(eb as never, desk), this.queueCondition(eb as never, f.queue, desk)]));
    if (f.serviceId) q = q.where('a.service_id', '=', f.serviceId);
    if (f.status) q = q.where('a.status', '=', f.status as never);
    if (f.officeId) q = q.where('a.office_id', '=', f.officeId);
    if (f.from) q = q.where(sql<string>`(a.submitted_at AT TIME ZONE 'Europe/Rome')::date`, '>=', f.from);
    if (f.to) q = q.where(sql<string>`(a.submitted_at AT TIME ZONE 'Europe/Rome')::date`, '<=', f.to);
    if (f.applicant) {
      const text = f.applicant.trim();
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('a.subject_name', 'ilike', like), eb('a.filer_name', 'ilike', like), eb('a.subject_fiscal_code', '=', text.toUpperCase())]));
    }
    if (f.q) {
      const query = prefixQuery(f.q);
      if (query) q = q.where(sql<SqlBool>`a.search @@ to_tsquery('simple', ${query})`);
    }
    if (closed) {
      if (f.after) q = q.where(sql<SqlBool>`(a.closed_at, a.id) < (${f.after.key}::timestamptz, ${f.after.id}::uuid)`);
      q = q.orderBy('a.closed_at', 'desc').orderBy('a.id', 'desc');
    } else {
      // due date first; applications without one (not yet sent) last
      if (f.after) q = q.where(sql<SqlBool>`(coalesce(a.due_date, '9999-12-31'::date), a.id) > (${f.after.key}::date, ${f.after.id}::uuid)`);
      q = q.orderBy(sql`coalesce(a.due_date, '9999-12-31'::date)`).orderBy('a.id');
    }
    return q.limit(f.limit).execute();
  }

  async counts(desk: Desk): Promise<Record<WorkQueue, number>> {
    const queues: WorkQueue[] = ['new', 'mine', 'awaiting', 'due_soon', 'overdue', 'visas', 'open', 'closed'];
    const row = await this.db.selectFrom('applications as a')
      .where((eb) => this.reach(eb as never, desk))
      .select((eb) => queues.map((queue) => eb.fn.countAll<number>().filterWhere(this.queueCondition(eb as never, queue, desk)).as(queue)))
      .executeTakeFirstOrThrow();
    return Object.fromEntries(queues.map((q) => [q, Number((row as Record<string, unknown>)[q] ?? 0)])) as Record<WorkQueue, number>;
  }

  /** The operators of a body with a role in it (colleagues to reassign to), and which office they sit in. */
  colleagues(tenantId: string) {
    return this.db.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id').leftJoin('offices as f', 'f.id', 'r.office_id')
      .select(['o.id', 'o.name', 'f.name as office_name', 'r.role'])
      .where('r.tenant_id', '=', tenantId).where('r.role', 'in', ['operator', 'manager']).where('o.disabled_at', 'is', null)
      .orderBy('o.name').execute();
  }

  /** The offices an application of this body may go to: its own and those of the bodies leading it (associated management). */
  assignableOffices(tenantId: string) {
    return this.db.selectFrom('offices as f').innerJoin('tenants as t', 't.id', 'f.tenant_id')
      .select(['f.id', 'f.name', 'f.tenant_id', 't.name as tenant_name'])
      .where((eb) => eb.or([
        eb('f.tenant_id', '=', tenantId),
        eb('f.tenant_id', 'in', eb.selectFrom('tenant_associations').select('lead_tenant_id').where('member_tenant_id', '=', tenantId)),
      ]))
      .orderBy('t.name').orderBy('f.name').execute();
  }

  /** The bodies of which `tenantId` is a member under associated management. */
  async leadsOf(tenantId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('tenant_associations').select('lead_tenant_id').where('member_tenant_id', '=', tenantId).execute();
    return rows.map((r) => r.lead_tenant_id);
  }

  notifications(operatorId: string) {
    return this.db.selectFrom('notifications').select(['id', 'subject', 'body', 'application_id', 'created_at', 'read_at'])
      .where('operator_id', '=', operatorId).where('channel', '=', 'inbox').orderBy('created_at', 'desc').limit(50).execute();
  }
}
