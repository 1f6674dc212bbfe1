/**
 * The reception of the one-stop desk: the single register of contacts with the public (who came or phoned, why,
 * how it ended), "where is my application" answered from the body's applications, and an application started in
 * the person's own name, which they complete and send from "Le mie pratiche".
 *
 * Everything is 'desk.reception' at the office named (operators of another office 403, another body's office 404).
 * The register names people, and the lookup shows their applications: both are personal data read by the office,
 * written to the access log in the same transaction as the read.
 */
import type { Kysely } from 'kysely';
import type { ContactInput, DeskContact, LookupAnswer, StartedApplication } from '../../../contracts/desk.ts';

export type { ContactInput, LookupAnswer };
import { isValidFiscalCode } from '../../../contracts/fiscal-code.ts';
import type { DB } from '../../db/schema.ts';
import { isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, Problem, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { actorKey } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { addDays, romeDayStart } from '../../platform/legal-clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { ReceptionRepository, type LookupKey } from './reception.repository.ts';

/** Why the reception reads a person's applications, as their access log says it. */
export const LOOKUP_PURPOSE = 'sportello: stato della pratica';
const CONTACT_PURPOSE = 'sportello: registro dei contatti';

export interface ReceptionDeps {
  applications: ApplicationsService;
  registry: RegistryService;
}


type ContactRow = Awaited<ReturnType<ReceptionRepository['contact']>>;

const CODE_RE = /^[A-Z]{2}-\d{4}-[A-Z0-9]{6}$/;
const FISCAL_CODE_RE = /^[A-Z0-9]{16}$/;
/** "123", "0000123", "123/2026", "0000123/2026", "n. 123/2026" */
const PROTOCOL_RE = /^(?:N\.?\s*)?(\d{1,7})(?:\s*\/\s*(\d{4}))?$/;

function contactView(r: ContactRow): DeskContact {
  return {
    id: r.id, officeId: r.office_id, at: r.at.toISOString(), channel: r.channel,
    person: { name: r.person_name, fiscalCode: r.fiscal_code },
    reason: r.reason, outcome: r.outcome, note: r.note, serviceId: r.service_id, applicationId: r.application_id,
    applicationCode: r.application_code ?? null, ticketLabel: r.ticket_label ?? null, recordedBy: r.recorded_by_label,
  };
}

/** What the search box holds: a code, a protocol number or a fiscal code; anything else is a 400 naming `q`. */
export function lookupKeyOf(q: string): { code: string } | { protocol: number; year: number | null } | { fiscalCode: string } {
  const text = q.trim().toUpperCase().replace(/\s+/g, ' ');
  if (CODE_RE.test(text)) return { code: text };
  const protocol = PROTOCOL_RE.exec(text);
  if (protocol) return { protocol: Number(protocol[1]), year: protocol[2] ? Number(protocol[2]) : null };
  const compact = text.replace(/\s/g, '');
  if (FISCAL_CODE_RE.test(compact)) {
    if (!isValidFiscalCode(compact)) throw badRequest(`Il codice fiscale ${compact} non è valido: controlla le lettere e le cifre. (Invalid fiscal code.)`, [{ path: 'q', message: 'codice fiscale non valido' }]);
    return { fiscalCode: compact };
  }
  throw badRequest('Cerca con il codice della pratica (come CA-2026-AB12CD), il numero di protocollo (come 123/2026) o il codice fiscale della persona. ' +
    '(Search by application code, protocol number or fiscal code.)', [{ path: 'q', message: 'né un codice di pratica, né un protocollo, né un codice fiscale' }]);
}

const staffLabel = (staff: StaffActor) => ({ kind: staff.kind === 'token' ? 'token' as const : 'operator' as const, id: staff.id, label: staff.name });

export class ReceptionService {
  constructor(
    protected readonly db: Kysely<DB>,
    private readonly deps: ReceptionDeps,
  ) {}

  /**
   * The office and the actor allowed at it: 404 for an unknown office (or another body's), 403 for another office's
   * staff. Without an office named, the one where the operator works at the reception (their desk role's office).
   */
  private async atOffice(actor: Actor | null, officeId: string | undefined) {
    if (!actor) throw unauthorized();
    if (!officeId) {
      const desks = isStaff(actor) ? [...new Set(actor.grants.filter((g) => g.role === 'desk' && g.officeId).map((g) => g.officeId!))] : [];
      if (desks.length !== 1) {
        requireAccess(actor, 'desk.reception');
        throw badRequest("Indica l'ufficio dello sportello (office). (Which office?)", [{ path: 'office', message: "scegli l'ufficio" }]);
      }
      officeId = desks[0]!;
    }
    const id = officeId;
    const office = await inScope(this.db, { platform: true }, (trx) => new ReceptionRepository(trx).office(id));
    if (!office) throw notFound("L'ufficio");
    const staff = requireAccess(actor, 'desk.reception', { tenantId: office.tenant_id, officeId: id }) as StaffActor;
    return { staff, office };
  }

  // ---- the contacts register -------------------------------------------------------------------------------

  /** The office's contacts of an Italian day (today by default), newest first. Each person named is logged once a day per operator. */
  async contacts(actor: Actor | null, query: { office?: string; day?: string }): Promise<{ items: DeskContact[] }> {
    const { staff, office } = await this.atOffice(actor, query.office);
    const day = query.day ?? clock.today();
    return inScope(this.db, { tenantId: office.tenant_id }, async (trx) => {
      const rows = await new ReceptionRepository(trx).contactsOf(office.id, romeDayStart(day), romeDayStart(addDays(day, 1)));
      // one entry per person: their first contact of the day stands for the register's page (stable across reloads)
      const firstOfPerson = new Map<string, ContactRow>();
      for (const r of [...rows].reverse()) if (r.fiscal_code && !firstOfPerson.has(r.fiscal_code)) firstOfPerson.set(r.fiscal_code, r);
      await recordPersonalDataReads(trx, [...firstOfPerson.values()].map((r): PersonalDataRead => ({
        tenantId: office.tenant_id, subjectFiscalCode: r.fiscal_code!, citizenId: r.citizen_id, actor: staffLabel(staff), officeName: office.name,
        object: { type: 'desk_contact', id: r.id, label: `Registro dei contatti dello sportello — ${office.name}, ${day}` },
        operation: 'desk_contacts', purpose: CONTACT_PURPOSE, legalBasis: LEGAL_BASIS.proceeding,
      })), { oncePerDay: true });
      return { items: rows.map(contactView) };
    });
  }

  /** Records a contact. With an Idempotency-Key, a repeated click records it once and answers the same. */
  async recordContact(actor: Actor | null, input: ContactInput, idempotencyKey?: string): Promise<{ status: number; body: DeskContact }> {
    const { staff, office } = await this.atOffice(actor, input.officeId);
    const problems: ProblemItem[] = [];
    const name = input.person.name?.trim() || null;
    const fiscalCode = input.person.fiscalCode?.trim().toUpperCase() || null;
    if (fiscalCode && !isValidFiscalCode(fiscalCode)) problems.push({ path: 'person.fiscalCode', message: 'codice fiscale non valido' });
    const reason = input.reason.trim();
    if (!reason) problems.push({ path: 'reason', message: 'scrivi il motivo del contatto' });
    if (problems.length) throw badRequest(`Correggi: ${problems.map((p) => p.message).join('; ')}. (Invalid contact.)`, problems);
    const citizen = fiscalCode ? await inScope(this.db, { platform: true }, (trx) => new ReceptionRepository(trx).citizenByFiscalCode(fiscalCode)) : undefined;
    return idempotent(this.db, actorKey(staff), idempotencyKey, input, (executor) => inScope(executor, { tenantId: office.tenant_id }, async (trx) => {
      const repo = new ReceptionRepository(trx);
      // what the contact points at must be the body's (and the ticket and appointment this office's)
      const links: ProblemItem[] = [];
      if (input.serviceId && !(await repo.serviceOf(office.tenant_id, input.serviceId))) links.push({ path: 'serviceId', message: "servizio non dell'ente" });
      if (input.applicationId && !(await repo.applicationOf(office.tenant_id, input.applicationId))) links.push({ path: 'applicationId', message: "pratica non dell'ente" });
      if (input.ticketId && !(await repo.ticketAt(office.id, input.ticketId))) links.push({ path: 'ticketId', message: "biglietto non di quest'ufficio" });
      if (input.appointmentId && !(await repo.appointmentAt(office.id, input.appointmentId))) links.push({ path: 'appointmentId', message: "appuntamento non di quest'ufficio" });
      if (links.length) throw badRequest(`Il contatto rimanda a qualcosa che non c'è: ${links.map((l) => l.message).join('; ')}. (Unknown link.)`, links);
      const id = await repo.insertContact({
        tenantId: office.tenant_id, officeId: office.id, at: clock.now(), channel: input.channel, personName: name, fiscalCode, citizenId: citizen?.id ?? null,
        reason, outcome: input.outcome, note: input.note?.trim() || null, serviceId: input.serviceId ?? null, applicationId: input.applicationId ?? null,
        ticketId: input.ticketId ?? null, appointmentId: input.appointmentId ?? null, recordedBy: staff.kind === 'operator' ? staff.id : null, recordedByLabel: staff.name,
      });
      const row = await repo.contact(id);
      if (fiscalCode) await recordPersonalDataReads(trx, [this.contactRead(row, staff, office)]);
      return { status: 201, body: contactView(row) };
    }));
  }

  private contactRead(r: ContactRow, staff: StaffActor, office: { tenant_id: string; name: string }): PersonalDataRead {
    return {
      tenantId: office.tenant_id, subjectFiscalCode: r.fiscal_code!, citizenId: r.citizen_id, actor: staffLabel(staff), officeName: office.name,
      object: { type: 'desk_contact', id: r.id, label: `Contatto con lo sportello — ${office.name}` },
      operation: 'desk_contact', purpose: CONTACT_PURPOSE, legalBasis: LEGAL_BASIS.proceeding,
    };
  }

  // ---- "where is my application" ---------------------------------------------------------------------------

  /**
   * The body's applications by code, protocol number or the person's fiscal code, with status, dates and the due
   * date (tempi certi). Every application shown is logged in its person's access log; a person found with none is
   * logged too (the answer names them).
   */
  async lookup(actor: Actor | null, query: { office?: string; q: string }): Promise<LookupAnswer> {
    const { staff, office } = await this.atOffice(actor, query.office);
    const parsed = lookupKeyOf(query.q);
    let key: LookupKey = parsed as LookupKey;
    let known: { id: string; name: string; fiscalCode: string; citizenId: string | null } | null = null;
    let citizen: Awaited<ReturnType<ReceptionRepository['citizenByFiscalCode']>>;
    if ('fiscalCode' in parsed) {
      citizen = await inScope(this.db, { platform: true }, (trx) => new ReceptionRepository(trx).citizenByFiscalCode(parsed.fiscalCode));
      const record = await this.deps.registry.recordOf(office.tenant_id, parsed.fiscalCode);
      key = { fiscalCode: parsed.fiscalCode, citizenId: citizen?.id ?? null };
      if (record) known = { id: record.person.id, name: `${record.person.given_name} ${record.person.family_name}`, fiscalCode: parsed.fiscalCode, citizenId: citizen?.id ?? null };
    }
    return inScope(this.db, { tenantId: office.tenant_id }, async (trx) => {
      const rows = await new ReceptionRepository(trx).applications(office.tenant_id, key);
      // the platform's account names the person only to a body that has something of theirs: a fiscal code typed at
      // another body's desk must not reveal who it belongs to
      if (!known && citizen && rows.length > 0) {
        known = { id: citizen.id, name: `${citizen.given_name} ${citizen.family_name}`, fiscalCode: citizen.fiscal_code, citizenId: citizen.id };
      }
      const reads: PersonalDataRead[] = rows.map((r) => ({
        tenantId: r.tenant_id, subjectFiscalCode: r.subject_fiscal_code, citizenId: r.citizen_id, actor: staffLabel(staff), officeName: office.name,
        object: { type: 'application', id: r.id, label: `Pratica ${r.code} — ${r.service_title}` },
        operation: 'desk_lookup', purpose: LOOKUP_PURPOSE, legalBasis: LEGAL_BASIS.proceeding,
      }));
      const fromApplication = !known && rows.length > 0 && !('fiscalCode' in parsed) ? rows[0]! : null;
      const person = known ? { name: known.name, fiscalCode: known.fiscalCode }
        : fromApplication ? { name: fromApplication.subject_name, fiscalCode: fromApplication.subject_fiscal_code } : null;
      const named = known;
      if (named && !rows.some((r) => r.subject_fiscal_code === named.fiscalCode)) {
        reads.push({
          tenantId: office.tenant_id, subjectFiscalCode: named.fiscalCode, citizenId: named.citizenId, actor: staffLabel(staff), officeName: office.name,
          object: { type: 'person', id: named.id, label: 'Ricerca delle pratiche allo sportello' },
          operation: 'desk_lookup', purpose: LOOKUP_PURPOSE, legalBasis: LEGAL_BASIS.proceeding,
        });
      }
      await recordPersonalDataReads(trx, reads);
      return {
        person,
        applications: rows.map((r) => ({
          id: r.id, code: r.code, serviceTitle: r.service_title, status: r.status, submittedAt: r.submitted_at?.toISOString() ?? null,
          dueDate: r.due_date, officeName: r.office_name,
          protocolNumber: r.protocol_number && r.protocol_year ? `${formatProtocolNumber(r.protocol_number)}/${r.protocol_year}` : null,
          closedAt: r.closed_at?.toISOString() ?? null,
        })),
      };
    });
  }

  // ---- an application started for the person ---------------------------------------------------------------

  /**
   * Starts a draft in the person's name for a service of the body with an online form. The person must be known:
   * a citizen who has used the platform, or a person of the body's registry (who gets an account their first
   * SPID/CIE sign-in takes over). The contact goes into the register in the same transaction.
   */
  async startApplication(actor: Actor | null, input: { officeId: string; serviceId: string; fiscalCode: string }):
    Promise<{ created: boolean; body: StartedApplication }> {
    const { staff, office } = await this.atOffice(actor, input.officeId);
    const fiscalCode = input.fiscalCode.trim().toUpperCase();
    if (!isValidFiscalCode(fiscalCode)) {
      throw badRequest(`Il codice fiscale ${fiscalCode} non è valido: controlla le lettere e le cifre. (Invalid fiscal code.)`, [{ path: 'fiscalCode', message: 'codice fiscale non valido' }]);
    }
    // the service first: a person of the registry gets a platform account (personFor) only for a draft that can exist
    const service = await inScope(this.db, { tenantId: office.tenant_id }, (trx) => new ReceptionRepository(trx).serviceCard(office.tenant_id, input.serviceId));
    if (!service) throw notFound('Il servizio');
    const card = service.card;
    if (!card.form || !card.access.online || card.status !== 'active') {
      throw conflict(`"${card.title}" non si richiede online con Sportello: non si può avviare una pratica per la persona. (No online form.)`);
    }
    const person = await this.personFor(office.tenant_id, fiscalCode);
    const draft = await this.deps.applications.startAtDesk(staff, person, input.serviceId, { officeId: office.id, officeName: office.name }, async (trx, started) => {
      const repo = new ReceptionRepository(trx);
      const id = await repo.insertContact({
        tenantId: office.tenant_id, officeId: office.id, at: clock.now(), channel: 'desk', personName: person.name, fiscalCode, citizenId: person.citizenId,
        reason: `Avvio di una pratica per conto della persona (${started.code})`, outcome: 'application_started', note: null, serviceId: input.serviceId,
        applicationId: started.id, ticketId: null, appointmentId: null, recordedBy: staff.kind === 'operator' ? staff.id : null, recordedByLabel: staff.name,
      });
      await recordPersonalDataReads(trx, [this.contactRead(await repo.contact(id), staff, office)]);
    });
    if (!draft.created) {
      // the person's open draft, named again to the operator: their log says so (a new one is logged with its contact above)
      await inScope(this.db, { tenantId: office.tenant_id }, (trx) => recordPersonalDataReads(trx, [{
        tenantId: office.tenant_id, subjectFiscalCode: fiscalCode, citizenId: person.citizenId, actor: staffLabel(staff), officeName: office.name,
        object: { type: 'application', id: draft.id, label: `Pratica ${draft.code}` }, operation: 'desk_start', purpose: CONTACT_PURPOSE,
        legalBasis: LEGAL_BASIS.proceeding,
      }]));
    }
    return { created: draft.created, body: { applicationId: draft.id, code: draft.code, citizenName: person.name } };
  }

  /** The citizen account of the person, made from the body's registry when they never signed in; 422 when neither knows them. */
  private async personFor(tenantId: string, fiscalCode: string): Promise<{ citizenId: string; fiscalCode: string; name: string }> {
    const citizen = await inScope(this.db, { platform: true }, (trx) => new ReceptionRepository(trx).citizenByFiscalCode(fiscalCode));
    if (citizen) return { citizenId: citizen.id, fiscalCode, name: `${citizen.given_name} ${citizen.family_name}` };
    const record = await this.deps.registry.recordOf(tenantId, fiscalCode);
    if (!record) {
      throw new Problem(422, 'Persona non trovata',
        `Il codice fiscale ${fiscalCode} non è di nessuno che abbia già usato Sportello, né di un residente nell'anagrafe del Comune: ` +
        "la pratica non si può avviare a suo nome. La persona può accedere una volta con SPID o CIE e poi tornare allo sportello, oppure presentare la domanda da sé. " +
        '(This person is neither a platform citizen nor in the body\'s registry.)', [{ path: 'fiscalCode', message: 'persona sconosciuta a Sportello e all\'anagrafe' }]);
    }
    const p = record.person;
    const made = await inScope(this.db, { platform: true }, (trx) => new ReceptionRepository(trx).ensureCitizen({
      fiscalCode, givenName: p.given_name, familyName: p.family_name, birthDate: p.birth_date ?? null,
      birthPlace: p.birth_place ?? null, address: p.address ?? null,
    }));
    return { citizenId: made.id, fiscalCode, name: `${made.given_name} ${made.family_name}` };
  }
}
