/**
 * Queries of "Scarica tutti i miei dati". Two kinds, by the scope the service opens:
 *  - `Own*` methods run in the citizen's own scope, where row-level security already narrows each table to their
 *    rows (their account, and the rows in the name of their fiscal code); the conditions here say the same again;
 *  - `Platform*` methods run in the platform scope for tables no citizen scope reaches (the desk's registers, the
 *    social services, the audit log): each filters by the person's account id or fiscal code and nothing else.
 * Queries only: what is shown, and what is left out, is the service's business.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export class DataExportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ---- the citizen's own scope -----------------------------------------------------------------------------------

  citizen(citizenId: string) {
    return this.db.selectFrom('citizens').selectAll().where('id', '=', citizenId).executeTakeFirst();
  }

  delegationsReceived(citizenId: string) {
    return this.db.selectFrom('delegations').selectAll().where('delegate_citizen_id', '=', citizenId).orderBy('created_at', 'desc').orderBy('id').execute();
  }

  delegationsGiven(fiscalCode: string) {
    return this.db.selectFrom('delegations').selectAll().where('delegator_fiscal_code', '=', fiscalCode).orderBy('created_at', 'desc').orderBy('id').execute();
  }

  /** The applications the citizen filed (for anyone) and those filed by others about them, newest first. */
  applications(citizenId: string, fiscalCode: string) {
    return this.db.selectFrom('applications as a')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .select([
        'a.id', 'a.code', 'a.tenant_id', 't.name as tenant_name', 'a.service_id', 's.title as service_title', 'a.service_version', 'o.name as office_name',
        'a.citizen_id', 'a.filer_name', 'a.subject_kind', 'a.subject_fiscal_code', 'a.subject_name', 'a.status', 'a.data', 'a.created_at', 'a.submitted_at',
        'a.protocol_number', 'a.protocol_year', 'a.registered_at', 'a.due_date', 'a.taken_in_charge_at', 'a.closed_at', 'a.outcome_motivation',
      ])
      .where((eb) => eb.or([eb('a.citizen_id', '=', citizenId), eb('a.subject_fiscal_code', '=', fiscalCode)]))
      .orderBy('a.created_at', 'desc').orderBy('a.id')
      .execute();
  }

  /** The published cards of these (service, version) pairs: their forms label the answers. */
  cards(pairs: { serviceId: string; version: number }[]) {
    if (!pairs.length) return none<never>();
    return this.db.selectFrom('service_versions').select(['service_id', 'version', 'card'])
      .where('service_id', 'in', [...new Set(pairs.map((p) => p.serviceId))])
      .where('version', 'in', [...new Set(pairs.map((p) => p.version))])
      .execute();
  }

  /** What the applicant sees of the timeline: never the office's internal notes. */
  events(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('application_events')
      .select(['application_id', 'at', 'type', 'from_status', 'to_status', 'actor_kind', 'actor_id', 'note'])
      .where('application_id', 'in', applicationIds).where('internal', '=', false)
      .orderBy('at').orderBy('id')
      .execute();
  }

  attachments(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('application_attachments')
      .select(['application_id', 'requirement_id', 'file_name', 'content_type', 'size', 'sha256', 'uploaded_at', 'submitted'])
      .where('application_id', 'in', applicationIds)
      .orderBy('uploaded_at').orderBy('id')
      .execute();
  }

  documents(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('application_documents')
      .select(['application_id', 'kind', 'title', 'file_name', 'size', 'sha256', 'verification_code', 'created_at', 'revoked_at', 'protocol_number', 'protocol_year'])
      .where('application_id', 'in', applicationIds)
      .orderBy('created_at').orderBy('id')
      .execute();
  }

  messages(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('application_messages')
      .select(['id', 'application_id', 'author_kind', 'author_citizen_id', 'body', 'created_at', 'read_at'])
      .where('application_id', 'in', applicationIds)
      .orderBy('created_at').orderBy('id')
      .execute();
  }

  messageFiles(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('application_message_files')
      .select(['message_id', 'file_name', 'content_type', 'size', 'sha256'])
      .where('application_id', 'in', applicationIds)
      .orderBy('file_name').orderBy('id')
      .execute();
  }

  ratings(applicationIds: string[]) {
    if (!applicationIds.length) return none<never>();
    return this.db.selectFrom('service_ratings').select(['application_id', 'score', 'reason', 'comment', 'created_at'])
      .where('application_id', 'in', applicationIds).execute();
  }

  /** The payments in the citizen's name or started from their account. */
  payments(citizenId: string, fiscalCode: string) {
    return this.db.selectFrom('payment_positions as p')
      .innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .leftJoin('applications as a', 'a.id', 'p.application_id')
      .select([
        'p.id', 'p.tenant_id', 't.name as tenant_name', 'p.purpose', 'p.application_id', 'a.code as application_code', 'p.debtor_fiscal_code', 'p.debtor_name',
        'p.description', 'p.items', 'p.amount_cents', 'p.iuv', 'p.notice_number', 'p.due_date', 'p.status', 'p.status_reason', 'p.paid_at',
        'p.paid_amount_cents', 'p.receipt', 'p.created_at',
      ])
      .where((eb) => eb.or([eb('p.citizen_id', '=', citizenId), eb('p.debtor_fiscal_code', '=', fiscalCode)]))
      .orderBy('p.created_at', 'desc').orderBy('p.id')
      .execute();
  }

  paymentEvents(paymentIds: string[]) {
    if (!paymentIds.length) return none<never>();
    return this.db.selectFrom('payment_events').select(['payment_id', 'at', 'type', 'from_status', 'to_status', 'note'])
      .where('payment_id', 'in', paymentIds).orderBy('at').orderBy('seq').execute();
  }

  certificates(citizenId: string) {
    return this.db.selectFrom('certificates as c').innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select(['c.id', 'c.kind', 'c.tenant_id', 't.name as tenant_name', 'c.verification_code', 'c.content', 'c.file_name', 'c.size', 'c.sha256',
        'c.issued_at', 'c.revoked_at', 'c.revoked_reason'])
      .where('c.citizen_id', '=', citizenId)
      .orderBy('c.issued_at', 'desc').orderBy('c.id')
      .execute();
  }

  /** The messages addressed to the citizen, on every channel (not the office's copies, not third parties'). */
  notifications(citizenId: string) {
    return this.db.selectFrom('notifications as n')
      .innerJoin('tenants as t', 't.id', 'n.tenant_id')
      .leftJoin('applications as a', 'a.id', 'n.application_id')
      .select(['n.tenant_id', 't.name as tenant_name', 'n.kind', 'n.channel', 'n.address', 'n.subject', 'n.body', 'n.status', 'n.legal', 'n.created_at',
        'n.sent_at', 'n.delivered_at', 'n.read_at', 'a.code as application_code'])
      .where('n.citizen_id', '=', citizenId).where('n.recipient_kind', '=', 'citizen')
      .orderBy('n.created_at', 'desc').orderBy('n.id')
      .execute();
  }

  recommendations(citizenId: string) {
    return this.db.selectFrom('recommendations as r').leftJoin('tenants as t', 't.id', 'r.tenant_id')
      .select(['r.kind', 'r.title', 'r.message', 'r.reason', 'r.link', 'r.subject_name', 'r.tenant_id', 't.name as tenant_name', 'r.created_at',
        'r.expires_at', 'r.read_at', 'r.dismissed_at'])
      .where('r.citizen_id', '=', citizenId)
      .orderBy('r.created_at', 'desc').orderBy('r.id')
      .execute();
  }

  favourites(citizenId: string) {
    return this.db.selectFrom('favourite_services as f')
      .innerJoin('services as s', 's.id', 'f.service_id')
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(['s.id as service_id', 's.title', 's.tenant_id', 't.name as tenant_name', 'f.created_at'])
      .where('f.citizen_id', '=', citizenId)
      .orderBy('f.created_at', 'desc').orderBy('s.id')
      .execute();
  }

  dataReports(citizenId: string) {
    return this.db.selectFrom('data_reports as r')
      .innerJoin('tenants as t', 't.id', 'r.tenant_id')
      .leftJoin('offices as o', 'o.id', 'r.office_id')
      .select(['r.id', 'r.tenant_id', 't.name as tenant_name', 'o.name as office_name', 'r.item', 'r.shown_value', 'r.correction', 'r.status', 'r.answer',
        'r.created_at', 'r.handled_at'])
      .where('r.citizen_id', '=', citizenId)
      .orderBy('r.created_at', 'desc').orderBy('r.id')
      .execute();
  }

  // ---- the platform scope, narrowed to the person ----------------------------------------------------------------

  /** Appointments booked by the citizen, or for their fiscal code by an office (a booking by phone). */
  platformAppointments(citizenId: string, fiscalCode: string) {
    return this.db.selectFrom('appointments as p')
      .innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .innerJoin('offices as o', 'o.id', 'p.office_id')
      .innerJoin('services as s', 's.id', 'p.service_id')
      .leftJoin('desk_tickets as k', 'k.id', 'p.ticket_id')
      .select([
        'p.id', 'p.code', 'p.tenant_id', 't.name as tenant_name', 'o.name as office_name', 's.title as service_title', 'p.starts_at', 'p.ends_at', 'p.status',
        'p.channel', 'p.reason', 'p.email', 'p.phone', 'p.created_at', 'p.cancelled_at', 'p.cancelled_by', 'p.checked_in_at', 'p.reminder_sent_at',
        'k.label as ticket_label', 'k.day as ticket_day', 'k.status as ticket_status', 'k.issued_at as ticket_issued_at', 'k.first_called_at as ticket_called_at',
        'k.finished_at as ticket_finished_at',
      ])
      .where((eb) => eb.or([eb('p.citizen_id', '=', citizenId), eb('p.fiscal_code', '=', fiscalCode)]))
      .orderBy('p.starts_at', 'desc').orderBy('p.id')
      .execute();
  }

  /** The desks' register of contacts with the person. */
  platformDeskContacts(citizenId: string, fiscalCode: string) {
    return this.db.selectFrom('desk_contacts as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .innerJoin('offices as o', 'o.id', 'c.office_id')
      .leftJoin('services as s', 's.id', 'c.service_id')
      .leftJoin('applications as a', 'a.id', 'c.application_id')
      .leftJoin('desk_tickets as k', 'k.id', 'c.ticket_id')
      .select(['c.at', 'c.tenant_id', 't.name as tenant_name', 'o.name as office_name', 'c.channel', 'c.reason', 'c.outcome', 'c.note', 's.title as service_title',
        'a.code as application_code', 'k.label as ticket_label'])
      .where((eb) => eb.or([eb('c.citizen_id', '=', citizenId), eb('c.fiscal_code', '=', fiscalCode)]))
      .orderBy('c.at', 'desc').orderBy('c.id')
      .execute();
  }

  /** The audit log's entries made by the citizen's own account. */
  platformAuditOf(citizenId: string) {
    return this.db.selectFrom('audit_log').select(['seq', 'at', 'action', 'details'])
      .where('actor', '=', `citizen:${citizenId}`)
      .orderBy('seq', 'desc')
      .execute();
  }

  // ---- social services (platform scope) --------------------------------------------------------------------------

  /** The districts' records of the person, by fiscal code (written in capitals, as the districts keep them). */
  socialPersons(fiscalCode: string) {
    return this.db.selectFrom('social_persons as p')
      .innerJoin('tenants as d', 'd.id', 'p.tenant_id')
      .innerJoin('tenants as c', 'c.id', 'p.comune_id')
      .select(['p.id', 'p.tenant_id', 'd.name as district_name', 'd.access_log_names_operators', 'c.name as comune_name', 'p.given_name', 'p.family_name',
        'p.birth_date', 'p.address', 'p.phone'])
      .where('p.fiscal_code', '=', fiscalCode.toUpperCase())
      .orderBy('d.name').orderBy('p.id')
      .execute();
  }

  socialCases(personIds: string[]) {
    if (!personIds.length) return none<never>();
    return this.db.selectFrom('social_cases as k').innerJoin('tenants as c', 'c.id', 'k.comune_id')
      .select(['k.id', 'k.tenant_id', 'k.person_id', 'k.reference', 'c.name as comune_name', 'k.sector', 'k.target_area', 'k.status', 'k.close_reason', 'k.close_note',
        'k.first_contact_on', 'k.opened_on', 'k.in_charge_on', 'k.closed_on', 'k.next_review_on', 'k.household', 'k.isee', 'k.health_sealed', 'k.sina_sealed',
        'k.withheld_from_subject'])
      .where('k.person_id', 'in', personIds)
      .orderBy('k.opened_on', 'desc').orderBy('k.id')
      .execute();
  }

  socialContacts(personIds: string[]) {
    if (!personIds.length) return none<never>();
    return this.db.selectFrom('social_contacts as x').innerJoin('tenants as c', 'c.id', 'x.comune_id')
      .leftJoin('social_cases as k', 'k.id', 'x.case_id')
      .select(['x.id', 'x.person_id', 'x.tenant_id', 'x.contact_on', 'c.name as comune_name', 'x.channel', 'x.requester_kind', 'x.need', 'x.need_sealed', 'x.answer',
        'x.referral_to', 'x.privacy_notice_given', 'x.case_id', 'k.reference as case_reference'])
      .where('x.person_id', 'in', personIds)
      .orderBy('x.contact_on', 'desc').orderBy('x.id')
      .execute();
  }

  socialWorkers(caseIds: string[]) {
    if (!caseIds.length) return none<never>();
    return this.db.selectFrom('social_case_workers as w').leftJoin('operators as o', 'o.id', 'w.operator_id')
      .select(['w.case_id', 'w.role', 'w.since', 'o.name'])
      .where('w.case_id', 'in', caseIds).orderBy('w.since').orderBy('w.role').execute();
  }

  socialInterventions(caseIds: string[]) {
    if (!caseIds.length) return none<never>();
    return this.db.selectFrom('social_interventions').selectAll().where('case_id', 'in', caseIds).orderBy('requested_on').orderBy('id').execute();
  }

  /** The diary's entries without their text, and without those reserved to the workers with the reserved permission. */
  socialDiary(caseIds: string[]) {
    if (!caseIds.length) return none<never>();
    return this.db.selectFrom('social_diary_entries').select(['case_id', 'kind', 'occurred_on', 'author_label', 'author_id'])
      .where('case_id', 'in', caseIds).where('reserved', '=', false)
      .orderBy('occurred_on').orderBy('id').execute();
  }

  socialEvents(caseIds: string[]) {
    if (!caseIds.length) return none<never>();
    return this.db.selectFrom('social_case_events').select(['case_id', 'at', 'kind', 'from_status', 'to_status', 'actor_id', 'actor_label', 'note'])
      .where('case_id', 'in', caseIds).orderBy('at').orderBy('seq').execute();
  }
}
