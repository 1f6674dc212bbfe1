import { sql, type Kysely } from 'kysely';
import type { ContactField, DataReportStatus } from '../../../contracts/mydata.ts';
import type { DB } from '../../db/schema.ts';

/** A timestamp as exact text (microseconds), so that a page boundary never skips or repeats a row. */
const exactTime = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface ReportCursor { c: string; i: string }

/**
 * "I miei dati": the citizen's contacts with where they came from, the documents issued on their applications,
 * and the reports of a wrong item. Queries only; every method runs in the scope its caller opened (the citizen's
 * own, or the body's for the offices' list).
 */
export class MyDataRepository {
  constructor(private readonly db: Kysely<DB>) {}

  contacts(citizenId: string, lock = false) {
    let q = this.db.selectFrom('citizens')
      .select(['id', 'email', 'phone', 'pec', 'email_source', 'email_updated_at', 'phone_source', 'phone_updated_at', 'pec_source', 'pec_updated_at', 'message_preferences'])
      .where('id', '=', citizenId);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** Writes the given contacts (the trigger of 0014 records who changed them and when). */
  async updateContacts(citizenId: string, values: Partial<Record<ContactField, string | null>>) {
    await this.db.updateTable('citizens').set(values).where('id', '=', citizenId).execute();
  }

  /** The documents bodies issued on the citizen's own applications, newest first. */
  issuedDocuments(citizenId: string, limit: number) {
    return this.db
      .selectFrom('application_documents as d')
      .innerJoin('applications as a', (j) => j.onRef('a.id', '=', 'd.application_id').onRef('a.tenant_id', '=', 'd.tenant_id'))
      .innerJoin('tenants as t', 't.id', 'd.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select(['d.id', 'd.kind', 'd.title', 'd.created_at', 'd.revoked_at', 'd.tenant_id', 't.name as tenant_name', 'a.id as application_id', 'a.code', 's.title as service_title'])
      .where('a.citizen_id', '=', citizenId)
      .orderBy('d.created_at', 'desc').orderBy('d.id')
      .limit(limit)
      .execute();
  }

  // ---- reports -------------------------------------------------------------------------------------------------

  private reports() {
    return this.db
      .selectFrom('data_reports as r')
      .innerJoin('tenants as t', 't.id', 'r.tenant_id')
      .leftJoin('offices as o', 'o.id', 'r.office_id')
      .select([
        'r.id', 'r.tenant_id', 't.name as tenant_name', 'r.citizen_id', 'r.subject_fiscal_code', 'r.subject_name', 'r.office_id', 'o.name as office_name',
        'r.item', 'r.shown_value', 'r.correction', 'r.status', 'r.answer', 'r.created_at', 'r.handled_at', 'r.handled_by', 'r.handled_by_label',
        'r.idempotency_key', exactTime('r.created_at').as('created_key'),
      ]);
  }

  report(id: string) {
    return this.reports().where('r.id', '=', id).executeTakeFirst();
  }

  reportByKey(citizenId: string, key: string) {
    return this.reports().where('r.citizen_id', '=', citizenId).where('r.idempotency_key', '=', key).executeTakeFirst();
  }

  async hasOpenReport(citizenId: string, tenantId: string, item: string): Promise<boolean> {
    return !!(await this.db.selectFrom('data_reports').select('id').where('citizen_id', '=', citizenId).where('tenant_id', '=', tenantId)
      .where('item', '=', item).where('status', 'in', ['open', 'in_progress']).executeTakeFirst());
  }

  /** Newest first. */
  reportsOfCitizen(citizenId: string, limit: number) {
    return this.reports().where('r.citizen_id', '=', citizenId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  }

  async insertReport(row: {
    tenantId: string; citizenId: string; subjectFiscalCode: string; subjectName: string; officeId: string | null; item: string; shownValue: string;
    correction: string; createdAt: Date; idempotencyKey: string | null;
  }): Promise<string> {
    const r = await this.db.insertInto('data_reports').values({
      tenant_id: row.tenantId, citizen_id: row.citizenId, subject_fiscal_code: row.subjectFiscalCode, subject_name: row.subjectName,
      office_id: row.officeId, item: row.item, shown_value: row.shownValue, correction: row.correction, created_at: row.createdAt,
      idempotency_key: row.idempotencyKey,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /**
   * A body's reports, newest first, in the order of its indexes. `officeIds` null: all of them (a body-wide role);
   * otherwise only those that went to these offices.
   */
  list(tenantId: string, query: { status?: DataReportStatus; officeIds: string[] | null; after?: ReportCursor; limit: number }) {
    let q = this.reports().where('r.tenant_id', '=', tenantId);
    if (query.status) q = q.where('r.status', '=', query.status);
    if (query.officeIds) q = q.where('r.office_id', 'in', query.officeIds);
    if (query.after) {
      const after = query.after;
      q = q.where(sql<boolean>`(r.created_at < ${after.c}::timestamptz OR (r.created_at = ${after.c}::timestamptz AND r.id < ${after.i}::uuid))`);
    }
    return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(query.limit).execute();
  }

  async counts(tenantId: string, officeIds: string[] | null): Promise<{ open: number; inProgress: number }> {
    let q = this.db.selectFrom('data_reports').select((eb) => [
      eb.fn.countAll<string>().filterWhere('status', '=', 'open').as('open'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'in_progress').as('in_progress'),
    ]).where('tenant_id', '=', tenantId).where('status', 'in', ['open', 'in_progress']);
    if (officeIds) q = q.where('office_id', 'in', officeIds);
    const r = await q.executeTakeFirstOrThrow();
    return { open: Number(r.open), inProgress: Number(r.in_progress) };
  }

  lockReport(id: string, tenantId: string) {
    return this.db.selectFrom('data_reports').select(['id', 'status']).where('id', '=', id).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
  }

  async updateReport(id: string, values: { status: DataReportStatus; answer: string | null; handledAt: Date; handledBy: string; handledByLabel: string }) {
    await this.db.updateTable('data_reports').set({
      status: values.status, answer: values.answer, handled_at: values.handledAt, handled_by: values.handledBy, handled_by_label: values.handledByLabel,
    }).where('id', '=', id).execute();
  }
}

export type ReportRow = NonNullable<Awaited<ReturnType<MyDataRepository['report']>>>;
