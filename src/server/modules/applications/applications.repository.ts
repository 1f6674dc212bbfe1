import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApplicationStatus } from '../../../contracts/applications.ts';
import { PROFILE_OF_SUBJECT, type ProfileKind } from '../../../contracts/profiles.ts';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import type { ApplicationEventsTable, ApplicationsTable, DB } from '../../db/schema.ts';

export type ApplicationRow = Selectable<ApplicationsTable> & {
  tenant_slug: string;
  tenant_name: string;
  service_slug: string;
  service_title: string;
  office_name: string | null;
  office_tenant_name: string | null;
  responsible_name: string | null;
};
export type EventRow = Selectable<ApplicationEventsTable>;

export interface NewEvent {
  tenantId: string;
  applicationId: string;
  type: string;
  fromStatus?: ApplicationStatus | null;
  toStatus?: ApplicationStatus | null;
  actorKind: 'citizen' | 'operator' | 'system' | 'token';
  actorId?: string | null;
  actorLabel: string;
  note?: string | null;
  internal?: boolean;
  details?: Record<string, unknown>;
  /** when it happened, if not the transaction's start (a submission: the instant taken under the register's lock) */
  at?: Date;
}

export interface ListFilter {
  statuses?: ApplicationStatus[];
  serviceId?: string;
  subjectFiscalCode?: string;
  /** only the applications of one of the citizen's profiles (see profileOf) */
  profile?: ProfileFilter;
  /** keyset: created_at and id of the last row of the previous page */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Whose profile is asked for: the citizen looking, and the companies they represent. */
export interface ProfileFilter {
  kind: ProfileKind;
  citizenId: string;
  companyCodes: readonly string[];
}

/**
 * The profile an application belongs to, for the citizen looking at it. What they filed themselves goes by the
 * capacity they filed in (PROFILE_OF_SUBJECT); what someone else filed reaches them only because it is for one
 * of their minors (individual) or companies (company), whatever the filer's own capacity was.
 */
export function profileOf(viewer: Pick<ProfileFilter, 'citizenId' | 'companyCodes'>) {
  const ofCompany = viewer.companyCodes.length ? sql`a.subject_fiscal_code IN (${sql.join([...viewer.companyCodes])})` : sql`false`;
  const byKind = sql.join(Object.entries(PROFILE_OF_SUBJECT).map(([kind, profile]) => sql`WHEN ${sql.lit(kind)} THEN ${sql.lit(profile)}`), sql` `);
  return sql<ProfileKind>`(CASE WHEN a.citizen_id = ${viewer.citizenId}::uuid THEN (CASE a.subject_kind ${byKind} END)
    WHEN a.subject_kind = 'company' OR ${ofCompany} THEN 'company' ELSE 'individual' END)`;
}

/**
 * Queries on applications. Which rows a unit of work sees is decided by the scope it runs in (row-level
 * security): a citizen's own and their subjects', or one tenant's.
 */
export class ApplicationsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The unit of work this repository runs in: another module's reads join it (the embedded database has one session). */
  get executor(): Kysely<DB> {
    return this.db;
  }

  private withNames() {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .leftJoin('tenants as ot', 'ot.id', 'o.tenant_id')
      .leftJoin('operators as r', 'r.id', 'a.responsible_operator_id')
      .selectAll('a')
      .select(['t.slug as tenant_slug', 't.name as tenant_name', 's.slug as service_slug', 's.title as service_title', 'o.name as office_name',
        'ot.name as office_tenant_name', 'r.name as responsible_name']);
  }

  findById(id: string, lock = false): Promise<ApplicationRow | undefined> {
    let q = this.withNames().where('a.id', '=', id);
    if (lock) q = q.forUpdate('a');
    return q.executeTakeFirst();
  }

  /** The card of the service version an application is pinned to (read in the caller's own transaction). */
  async serviceCard(serviceId: string, version: number): Promise<ServiceCard | undefined> {
    const row = await this.db.selectFrom('service_versions').select('card').where('service_id', '=', serviceId).where('version', '=', version).executeTakeFirst();
    return row?.card;
  }

  /** The person's draft for the service, or the one waiting for its payment before submission (starting again resumes it). */
  openDraft(citizenId: string, serviceId: string, subjectFiscalCode: string) {
    return this.db.selectFrom('applications').select('id')
      .where('citizen_id', '=', citizenId).where('service_id', '=', serviceId)
      .where('subject_fiscal_code', '=', subjectFiscalCode)
      .where((eb) => eb.or([eb('status', '=', 'draft'), eb.and([eb('status', '=', 'payment_pending'), eb('submitted_at', 'is', null)])]))
      .orderBy(sql`status = 'draft'`, 'desc').executeTakeFirst();
  }

  /** The citizen's own applications and, where row-level security lets them see it, their subjects'. */
  list(filter: ListFilter): Promise<ApplicationRow[]> {
    let q = this.withNames();
    if (filter.statuses?.length) q = q.where('a.status', 'in', filter.statuses);
    if (filter.serviceId) q = q.where('a.service_id', '=', filter.serviceId);
    if (filter.subjectFiscalCode) q = q.where('a.subject_fiscal_code', '=', filter.subjectFiscalCode);
    if (filter.profile) q = q.where(sql<boolean>`${profileOf(filter.profile)} = ${filter.profile.kind}`);
    if (filter.after) {
      const { createdAt, id } = filter.after;
      q = q.where(sql<boolean>`(a.created_at, a.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
    }
    return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).execute();
  }

  /**
   * For each profile of the citizen looking: applications sent and still open, awaiting their answer, drafts, and
   * the offices' messages nobody has read. One query over what row-level security lets them see.
   */
  async countsByProfile(viewer: Pick<ProfileFilter, 'citizenId' | 'companyCodes'>, openStatuses: readonly ApplicationStatus[]) {
    const r = await sql<{ profile: ProfileKind; open: string; awaiting: string; drafts: string; unread: string }>`
      SELECT ${profileOf(viewer)} AS profile,
        count(*) FILTER (WHERE a.status IN (${sql.join([...openStatuses])})) AS open,
        count(*) FILTER (WHERE a.status = 'awaiting_citizen') AS awaiting,
        count(*) FILTER (WHERE a.status = 'draft') AS drafts,
        coalesce(sum(m.n), 0) AS unread
      FROM applications a
      LEFT JOIN LATERAL (SELECT count(*) AS n FROM application_messages x
        WHERE x.application_id = a.id AND x.author_kind = 'office' AND x.read_at IS NULL) m ON a.status <> 'draft'
      GROUP BY 1`.execute(this.db);
    return r.rows.map((row) => ({ profile: row.profile, open: Number(row.open), awaiting: Number(row.awaiting), drafts: Number(row.drafts), unread: Number(row.unread) }));
  }

  async insert(values: {
    tenantId: string; code: string; serviceId: string; serviceVersion: number; officeId: string | null;
    citizenId: string; filerName: string; subjectKind: ApplicationsTable['subject_kind']; subjectRef: string;
    subjectFiscalCode: string; subjectName: string; data: Record<string, unknown>; prefilled: Record<string, string>;
    currentStep: string | null; maxDays: number;
  }): Promise<string> {
    const row = await this.db.insertInto('applications').values({
      tenant_id: values.tenantId, code: values.code, service_id: values.serviceId, service_version: values.serviceVersion,
      office_id: values.officeId, citizen_id: values.citizenId, filer_name: values.filerName, subject_kind: values.subjectKind,
      subject_ref: values.subjectRef, subject_fiscal_code: values.subjectFiscalCode, subject_name: values.subjectName,
      status: 'draft', data: JSON.stringify(values.data), prefilled: JSON.stringify(values.prefilled),
      current_step: values.currentStep, max_days: values.maxDays,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async saveDraft(id: string, data: Record<string, unknown>, currentStep: string | null): Promise<void> {
    await this.db.updateTable('applications')
      .set({ data: JSON.stringify(data), current_step: currentStep, revision: sql`revision + 1`, updated_at: sql`now()` })
      .where('id', '=', id).execute();
  }

  /**
   * Marks the draft submitted. The submission instant is taken after the shared register lock is held (see
   * ProtocolRegistrar): every submission committed before a registrar batch is earlier than every later one. A draft,
   * or an application that waited for its payment before submission.
   */
  async markSubmitted(id: string, auth: { method: string; level: string }): Promise<Date> {
    const row = await this.db.updateTable('applications')
      .set({
        status: 'submitted', submitted_at: sql`clock_timestamp()`, updated_at: sql`clock_timestamp()`,
        auth_method: auth.method, auth_level: auth.level, revision: sql`revision + 1`,
      })
      .where('id', '=', id).where('status', 'in', ['draft', 'payment_pending']).where('submitted_at', 'is', null)
      .returning('submitted_at').executeTakeFirstOrThrow();
    await this.db.updateTable('application_attachments').set({ submitted: true }).where('application_id', '=', id).execute();
    return row.submitted_at!;
  }

  async setStatus(id: string, status: ApplicationStatus, extra: Partial<{
    taken_in_charge_at: Date; closed_at: Date; responsible_operator_id: string | null; suspended_days: number; due_date: string | null;
  }> = {}): Promise<void> {
    await this.db.updateTable('applications')
      .set({ status, updated_at: sql`now()`, revision: sql`revision + 1`, ...extra })
      .where('id', '=', id).execute();
  }

  async addEvent(e: NewEvent): Promise<string> {
    const row = await this.db.insertInto('application_events').values({
      tenant_id: e.tenantId, application_id: e.applicationId, type: e.type, from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null, actor_kind: e.actorKind, actor_id: e.actorId ?? null, actor_label: e.actorLabel,
      note: e.note ?? null, internal: e.internal ?? false, details: JSON.stringify(e.details ?? {}), ...(e.at ? { at: e.at } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  events(applicationId: string, includeInternal: boolean): Promise<EventRow[]> {
    let q = this.db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId);
    if (!includeInternal) q = q.where('internal', '=', false);
    return q.orderBy('at').orderBy('id').execute();
  }

  /** The latest event of a type (the payment the application waits for is named by the last 'payment_requested'). */
  lastEvent(applicationId: string, type: string) {
    return this.db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId).where('type', '=', type)
      .orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  statusChanges(applicationId: string) {
    return this.db.selectFrom('application_events').select(['at', 'to_status'])
      .where('application_id', '=', applicationId).where('to_status', 'is not', null)
      .orderBy('at').orderBy('id').execute();
  }

  attachments(applicationId: string) {
    return this.db.selectFrom('application_attachments').selectAll().where('application_id', '=', applicationId).orderBy('uploaded_at').orderBy('id').execute();
  }

  attachment(applicationId: string, attachmentId: string) {
    return this.db.selectFrom('application_attachments').selectAll()
      .where('application_id', '=', applicationId).where('id', '=', attachmentId).executeTakeFirst();
  }

  async addAttachment(values: {
    tenantId: string; applicationId: string; requirementId: string; fileName: string; contentType: string; size: number; sha256: string; uploadedBy: string; submitted: boolean;
  }) {
    return this.db.insertInto('application_attachments').values({
      tenant_id: values.tenantId, application_id: values.applicationId, requirement_id: values.requirementId, file_name: values.fileName,
      content_type: values.contentType, size: values.size, sha256: values.sha256, uploaded_by: values.uploadedBy, submitted: values.submitted,
    }).returningAll().executeTakeFirstOrThrow();
  }

  async removeAttachment(applicationId: string, attachmentId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('application_attachments')
      .where('application_id', '=', applicationId).where('id', '=', attachmentId).where('submitted', '=', false)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Integration documents become part of the record once the answer is sent. */
  async markIntegrationSubmitted(id: string) {
    await this.db.updateTable('application_attachments').set({ submitted: true }).where('application_id', '=', id).where('submitted', '=', false).execute();
  }

  operatorIn(tenantId: string, operatorId: string) {
    return this.db.selectFrom('operators').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', operatorId)
      .where('disabled_at', 'is', null).executeTakeFirst();
  }

  /** Attachments changed: the answers (and their revision, which guards them against another device) did not. */
  async touch(id: string) {
    await this.db.updateTable('applications').set({ updated_at: sql`now()` }).where('id', '=', id).execute();
  }

  documents(applicationId: string) {
    return this.db.selectFrom('application_documents').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
  }

  document(applicationId: string, documentId: string) {
    return this.db.selectFrom('application_documents').selectAll()
      .where('application_id', '=', applicationId).where('id', '=', documentId).executeTakeFirst();
  }

  rating(applicationId: string) {
    return this.db.selectFrom('service_ratings').select(['score', 'reason', 'comment']).where('application_id', '=', applicationId).executeTakeFirst();
  }

  async saveRating(values: { applicationId: string; tenantId: string; serviceId: string; score: number; reason: string | null; comment: string | null }) {
    await this.db.insertInto('service_ratings').values({
      application_id: values.applicationId, tenant_id: values.tenantId, service_id: values.serviceId,
      score: values.score, reason: values.reason, comment: values.comment,
    }).onConflict((oc) => oc.column('application_id').doUpdateSet({ score: values.score, reason: values.reason, comment: values.comment, created_at: sql`now()` }))
      .execute();
  }
}
