import { sql, type Kysely } from 'kysely';
import type { ContactChannel, ContactOutcome } from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { citizenByFiscalCode, officeOf } from './desk.repository.ts';

export interface NewContact {
  tenantId: string;
  officeId: string;
  at: Date;
  channel: ContactChannel;
  personName: string | null;
  fiscalCode: string | null;
  citizenId: string | null;
  reason: string;
  outcome: ContactOutcome;
  note: string | null;
  serviceId: string | null;
  applicationId: string | null;
  ticketId: string | null;
  appointmentId: string | null;
  recordedBy: string | null;
  recordedByLabel: string;
}

/** What the lookup searches by: an application's code, a protocol number (with or without its year), a fiscal code. */
export type LookupKey = { code: string } | { protocol: number; year: number | null } | { fiscalCode: string; citizenId: string | null };

/**
 * The reception's queries: the contacts register, the body's applications by code, protocol number or person,
 * and the people a draft can be started for. Each method runs in the scope its caller opened (the body's, or the
 * platform's for offices and citizen accounts).
 */
export class ReceptionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** An office with its body (offices are public). */
  office(officeId: string) {
    return officeOf(this.db, officeId);
  }

  private contacts() {
    return this.db.selectFrom('desk_contacts as c')
      .leftJoin('applications as a', (j) => j.onRef('a.id', '=', 'c.application_id').onRef('a.tenant_id', '=', 'c.tenant_id'))
      .leftJoin('desk_tickets as k', (j) => j.onRef('k.id', '=', 'c.ticket_id').onRef('k.tenant_id', '=', 'c.tenant_id'))
      .selectAll('c')
      .select(['a.code as application_code', 'k.label as ticket_label']);
  }

  /** The office's contacts between two instants (an Italian day), newest first. */
  contactsOf(officeId: string, from: Date, to: Date) {
    return this.contacts().where('c.office_id', '=', officeId).where('c.at', '>=', from).where('c.at', '<', to)
      .orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(1000).execute();
  }

  contact(id: string) {
    return this.contacts().where('c.id', '=', id).executeTakeFirstOrThrow();
  }

  async insertContact(c: NewContact): Promise<string> {
    const row = await this.db.insertInto('desk_contacts').values({
      tenant_id: c.tenantId, office_id: c.officeId, at: c.at, channel: c.channel, person_name: c.personName, fiscal_code: c.fiscalCode,
      citizen_id: c.citizenId, reason: c.reason, outcome: c.outcome, note: c.note, service_id: c.serviceId, application_id: c.applicationId,
      ticket_id: c.ticketId, appointment_id: c.appointmentId, recorded_by: c.recordedBy, recorded_by_label: c.recordedByLabel,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  // ---- what a contact may point at: the body's own objects -----------------------------------------------------

  serviceOf(tenantId: string, serviceId: string) {
    return this.db.selectFrom('services').select(['id', 'title']).where('id', '=', serviceId).where('tenant_id', '=', tenantId).executeTakeFirst();
  }

  /** the body's service with its current card (what says whether it has an online form) */
  serviceCard(tenantId: string, serviceId: string) {
    return this.db.selectFrom('services as s')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
      .select(['s.id', 's.title', 'v.card']).where('s.id', '=', serviceId).where('s.tenant_id', '=', tenantId).executeTakeFirst();
  }

  applicationOf(tenantId: string, applicationId: string) {
    return this.db.selectFrom('applications').select(['id', 'code']).where('id', '=', applicationId).where('tenant_id', '=', tenantId).executeTakeFirst();
  }

  ticketAt(officeId: string, ticketId: string) {
    return this.db.selectFrom('desk_tickets').select(['id', 'label']).where('id', '=', ticketId).where('office_id', '=', officeId).executeTakeFirst();
  }

  appointmentAt(officeId: string, appointmentId: string) {
    return this.db.selectFrom('appointments').select(['id']).where('id', '=', appointmentId).where('office_id', '=', officeId).executeTakeFirst();
  }

  // ---- people ----------------------------------------------------------------------------------------------

  /** The platform's citizen account with this fiscal code (platform scope). */
  citizenByFiscalCode(fiscalCode: string) {
    return citizenByFiscalCode(this.db, fiscalCode);
  }

  /**
   * A citizen account for a person of the body's registry who never signed in (platform scope): their SPID/CIE
   * sign-in later finds it by fiscal code (IdentityRepository.upsertCitizen) and takes the provider's attributes.
   */
  async ensureCitizen(p: { fiscalCode: string; givenName: string; familyName: string; birthDate: string | null; birthPlace: string | null; address: string | null }) {
    await this.db.insertInto('citizens').values({
      fiscal_code: p.fiscalCode, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate, birth_place: p.birthPlace,
      address: p.address, email: null, phone: null, last_login_at: null,
    }).onConflict((oc) => oc.column('fiscal_code').doNothing()).execute();
    return this.db.selectFrom('citizens').select(['id', 'given_name', 'family_name']).where('fiscal_code', '=', p.fiscalCode).executeTakeFirstOrThrow();
  }

  // ---- "where is my application" ----------------------------------------------------------------------------

  /** The body's sent applications matching the key, newest first (drafts are the person's own: never shown to offices). */
  applications(tenantId: string, key: LookupKey, limit = 50) {
    let q = this.db.selectFrom('applications as a')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .select(['a.id', 'a.tenant_id', 'a.code', 'a.status', 'a.submitted_at', 'a.created_at', 'a.closed_at', 'a.due_date', 'a.protocol_number', 'a.protocol_year',
        'a.subject_fiscal_code', 'a.subject_name', 'a.citizen_id', 's.title as service_title', 'o.name as office_name'])
      // sent ones only: not a draft, nor one waiting for its payment before submission
      .where('a.tenant_id', '=', tenantId).where('a.submitted_at', 'is not', null);
    if ('code' in key) q = q.where(sql`upper(a.code)`, '=', key.code);
    else if ('protocol' in key) {
      q = q.where('a.protocol_number', '=', key.protocol);
      if (key.year !== null) q = q.where('a.protocol_year', '=', key.year);
    } else {
      const { fiscalCode, citizenId } = key;
      q = q.where((eb) => eb.or([eb('a.subject_fiscal_code', '=', fiscalCode), ...(citizenId ? [eb('a.citizen_id', '=', citizenId)] : [])]));
    }
    return q.orderBy(sql`coalesce(a.submitted_at, a.created_at)`, 'desc').orderBy('a.id').limit(limit).execute();
  }
}
