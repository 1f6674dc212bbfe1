/**
 * "I miei dati": what the bodies hold about the signed-in citizen — each body's registry record and family sheet,
 * their contacts, the documents on file (identity card, delegations, documents issued on their applications) —
 * every item with its source and its last change; the citizen corrects their contacts and reports an item they
 * find wrong. The report goes to the body's registry office, which takes it and resolves or rejects it with an
 * answer the citizen reads on the same page.
 *
 * The citizen's own reads are not logged. The office's reads of a report (the list, an action on one) are
 * personal data read by someone else: each is written to the access log in the same transaction.
 */
import type { Kysely } from 'kysely';
import {
  CONTACT_FIELDS, DATA_REPORT_LIMITS, REGISTRY_FIELDS, REPORTABLE_ITEMS,
  type CivilStatus, type ContactField, type ContactItem, type DataReport, type DataReportAction, type DataReportCounts,
  type DataReportStatus, type DelegationItem, type FamilyRelation, type IdCardItem, type IssuedDocumentItem, type MyData, type MyDataReport,
  type RegistryField, type RegistryRecord, type ReportableItem,
} from '../../../contracts/mydata.ts';
import type { MessagePreferences } from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { OFFICE_ROLES, PERMISSIONS, isStaff, requireAccess, type Actor, type CitizenActor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, forbidden, notFound, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { LEGAL_BASIS, recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { SubjectsService } from '../identity/subjects.service.ts';
import type { MessagingService, NotificationRow } from '../messaging/messaging.service.ts';
import { normaliseEmail, normalisePhone } from '../messaging/settings.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { MyDataRepository, type ReportCursor, type ReportRow } from './mydata.repository.ts';
import type { ContactsPatch, DataReportQuery, NewDataReport } from './mydata.schemas.ts';

/** The code of a body's registry office (seed/demo/tenants.ts): reports go there. */
export const REGISTRY_OFFICE_CODE = 'anagrafe';
/** An identity card expiring within this many days is "in scadenza". */
export const ID_CARD_EXPIRING_DAYS = 90;
const ISSUED_DOCUMENTS_SHOWN = 100;
const REPORTS_SHOWN = 200;
const DEFAULT_PAGE = 20;
const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The items in words, for the office's list, the access log and the messages (the pages have their own words). */
export const ITEM_LABELS: Record<ReportableItem, string> = {
  'registry.given_name': 'nome',
  'registry.family_name': 'cognome',
  'registry.sex': 'sesso',
  'registry.birth_date': 'data di nascita',
  'registry.birth_place': 'luogo di nascita',
  'registry.citizenship': 'cittadinanza',
  'registry.civil_status': 'stato civile',
  'registry.address': 'indirizzo di residenza',
  'registry.residence_since': 'data di inizio della residenza',
  'registry.family': 'composizione della famiglia',
  'document.id_card': "carta d'identità",
};

const CIVIL_STATUS_LABELS: Record<CivilStatus, string> = {
  celibe_nubile: 'celibe/nubile', coniugato: 'coniugato/a', unito_civilmente: 'unito/a civilmente', separato: 'separato/a',
  divorziato: 'divorziato/a', vedovo: 'vedovo/a',
};
const RELATION_LABELS: Record<FamilyRelation, string> = {
  intestatario: 'intestatario/a', coniuge: 'coniuge', unito_civilmente: 'unito/a civilmente', convivente: 'convivente', figlio: 'figlio/a',
  genitore: 'genitore', altro: 'altro',
};

const CONTACT_SOURCE = { login: "SPID o CIE, all'accesso", citizen: 'Inserito da te' } as const;
/** The channel that needs each contact (messaging's preferences). */
const CHANNEL_OF: Record<ContactField, string> = { email: 'email', phone: 'sms', pec: 'pec' };
const CONTACT_WORDS: Record<ContactField, { it: string; en: string; channel: string }> = {
  email: { it: "l'indirizzo e-mail", en: 'the e-mail address', channel: "l'e-mail" },
  phone: { it: 'il numero di cellulare', en: 'the mobile number', channel: 'gli SMS' },
  pec: { it: 'la PEC', en: 'the PEC address', channel: 'la PEC' },
};
const FORMAT_PROBLEM: Record<ContactField, string> = {
  email: 'non è un indirizzo e-mail: scrivilo come nome@esempio.it (not an e-mail address)',
  phone: 'non è un numero di cellulare: scrivilo come 347 123 4567, o con il prefisso internazionale (+…) se è estero (not a mobile number)',
  pec: 'non è un indirizzo PEC: scrivilo come nome.cognome@pec.it (not a PEC address)',
};

/** "Anagrafe del Comune di Castelrocca" */
export const registrySource = (tenantName: string) => (/^comune\b/i.test(tenantName) ? `Anagrafe del ${tenantName}` : `Anagrafe — ${tenantName}`);

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const itDay = (ymd: string | null) => (ymd ? `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}/${ymd.slice(0, 4)}` : null);

/** "CA12345AB" → "CA*****AB": enough to recognise the card, not enough to use its number. */
export function maskCardNumber(number: string): string {
  const n = number.replace(/\s+/g, '');
  if (n.length <= 4) return '*'.repeat(n.length);
  return `${n.slice(0, 2)}${'*'.repeat(n.length - 4)}${n.slice(-2)}`;
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function cardState(expiresOn: string | null, today: string): IdCardItem['state'] {
  if (!expiresOn) return 'unknown';
  if (expiresOn < today) return 'expired';
  return daysBetween(today, expiresOn) <= ID_CARD_EXPIRING_DAYS ? 'expiring' : 'valid';
}

type BodyRecord = Awaited<ReturnType<RegistryService['recordsOf']>>[number];
type PersonRow = BodyRecord['person'];

/** What the page shows for an item, in Italian words: kept with a report, so the office knows what the citizen saw. */
function shownValue(record: BodyRecord, item: ReportableItem, today: string): string | null {
  const p = record.person;
  const blank = (v: string | null) => v ?? '(non registrato)';
  switch (item) {
    case 'registry.given_name': return p.given_name;
    case 'registry.family_name': return p.family_name;
    case 'registry.sex': return p.sex === 'F' ? 'femmina' : p.sex === 'M' ? 'maschio' : '(non registrato)';
    case 'registry.birth_date': return itDay(p.birth_date);
    case 'registry.birth_place': return p.birth_place;
    case 'registry.citizenship': return p.citizenship;
    case 'registry.civil_status': return blank(p.civil_status ? CIVIL_STATUS_LABELS[p.civil_status as CivilStatus] ?? p.civil_status : null);
    case 'registry.address': return p.address;
    case 'registry.residence_since': return blank(itDay(p.residence_since));
    case 'registry.family':
      return record.family.map((m) => `${m.given_name} ${m.family_name} (${RELATION_LABELS[m.family_relation as FamilyRelation] ?? m.family_relation}, ${itDay(m.birth_date)})`).join('; ');
    case 'document.id_card': {
      if (!p.id_card_number && !p.id_card_expires_on) return null;
      const state = cardState(p.id_card_expires_on, today);
      return [p.id_card_number ? `n. ${maskCardNumber(p.id_card_number)}` : null, p.id_card_expires_on ? `scadenza ${itDay(p.id_card_expires_on)}` : null,
        state === 'expired' ? '(scaduta)' : null].filter(Boolean).join(', ');
    }
  }
}

const fieldValue = (p: PersonRow, field: RegistryField): string | null => {
  switch (field) {
    case 'given_name': return p.given_name;
    case 'family_name': return p.family_name;
    case 'sex': return p.sex;
    case 'birth_date': return p.birth_date;
    case 'birth_place': return p.birth_place;
    case 'citizenship': return p.citizenship;
    case 'civil_status': return p.civil_status;
    case 'address': return p.address;
    case 'residence_since': return p.residence_since;
  }
};

function contactItems(row: NonNullable<Awaited<ReturnType<MyDataRepository['contacts']>>>): ContactItem[] {
  return CONTACT_FIELDS.map((field) => {
    const value = row[field];
    const source = row[`${field}_source`];
    const updatedAt = iso(row[`${field}_updated_at`]);
    if (!value) {
      // never given, or taken away by the citizen
      return { field, value: null, source: source ? 'Cancellato da te' : 'Non indicato', sourceKind: 'citizen', updatedAt: source ? updatedAt : null };
    }
    const kind = source ?? 'citizen';
    return { field, value, source: CONTACT_SOURCE[kind], sourceKind: kind, updatedAt };
  });
}

export interface ReportInput extends NewDataReport {
  idempotencyKey?: string;
}

export class MyDataService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { registry: RegistryService; tenants: TenantsService; subjects: SubjectsService; workflow: WorkflowService; messaging: MessagingService },
  ) {}

  private citizen(actor: Actor | null): CitizenActor {
    return requireAccess(actor, 'profile.read') as CitizenActor;
  }

  private mine<T>(citizen: CitizenActor, fn: (repo: MyDataRepository, trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return inScope(this.db, { citizenId: citizen.id }, (trx) => fn(new MyDataRepository(trx), trx));
  }

  // ---- the citizen's page --------------------------------------------------------------------------------------

  async data(actor: Actor | null): Promise<MyData> {
    const citizen = this.citizen(actor);
    const today = clock.today();
    const [records, own, received, given] = await Promise.all([
      this.deps.registry.recordsOf(citizen.fiscalCode),
      this.mine(citizen, async (repo) => ({ contacts: await repo.contacts(citizen.id), issued: await repo.issuedDocuments(citizen.id, ISSUED_DOCUMENTS_SHOWN) })),
      this.deps.subjects.delegations(citizen),
      this.deps.subjects.delegationsGiven(citizen),
    ]);
    if (!own.contacts) throw notFound('Il profilo');

    const recordViews: RegistryRecord[] = records.map((r) => {
      const source = registrySource(r.tenant.name);
      const at = iso(r.person.updated_at);
      const familyAt = iso(new Date(Math.max(...r.family.map((m) => new Date(m.updated_at).getTime()))));
      return {
        tenant: r.tenant, source, sourceKind: 'registry', updatedAt: at,
        fields: REGISTRY_FIELDS.map((field) => ({ field, item: `registry.${field}` as ReportableItem, value: fieldValue(r.person, field), source, sourceKind: 'registry' as const, updatedAt: at })),
        family: {
          item: 'registry.family', number: r.person.family_id, source, sourceKind: 'registry', updatedAt: familyAt,
          members: r.family.map((m) => ({
            name: `${m.given_name} ${m.family_name}`, relation: m.family_relation as FamilyRelation, birthDate: m.birth_date, minor: m.age < 18,
            inYourCare: m.inCare, you: m.fiscal_code === citizen.fiscalCode,
          })),
        },
      };
    });

    const idCards: IdCardItem[] = records.filter((r) => r.person.id_card_number || r.person.id_card_expires_on).map((r) => ({
      item: 'document.id_card', tenant: { id: r.tenant.id, name: r.tenant.name },
      number: r.person.id_card_number ? maskCardNumber(r.person.id_card_number) : '',
      expiresOn: r.person.id_card_expires_on, state: cardState(r.person.id_card_expires_on, today),
      source: registrySource(r.tenant.name), sourceKind: 'registry', updatedAt: iso(r.person.updated_at),
    }));

    const status = (d: { revoked_at: Date | null; valid_until: string }): DelegationItem['status'] =>
      d.revoked_at ? 'revoked' : d.valid_until < today ? 'expired' : 'active';
    const delegations: DelegationItem[] = [
      ...received.map((d): DelegationItem => ({
        id: d.id, direction: 'received', name: `${d.delegator_given_name} ${d.delegator_family_name}`, purpose: d.purpose, validUntil: d.valid_until,
        status: status(d), source: 'Inserita da te', sourceKind: 'citizen', updatedAt: iso(d.revoked_at ?? d.created_at),
      })),
      ...given.map((d): DelegationItem => ({
        id: d.id, direction: 'given', name: d.delegate_name ?? 'Una persona delegata', purpose: d.purpose, validUntil: d.valid_until,
        status: status(d), source: d.delegate_name ? `Registrata da ${d.delegate_name}` : 'Registrata dalla persona delegata', sourceKind: 'delegation',
        updatedAt: iso(d.revoked_at ?? d.created_at),
      })),
    ];

    const issued: IssuedDocumentItem[] = own.issued.map((d) => ({
      id: d.id, kind: d.kind, title: d.title, tenant: { id: d.tenant_id, name: d.tenant_name },
      application: { id: d.application_id, code: d.code, serviceTitle: d.service_title }, issuedAt: iso(d.created_at)!, revoked: !!d.revoked_at,
      href: `/api/v1/applications/${d.application_id}/documents/${d.id}`,
      source: d.tenant_name, sourceKind: 'body', updatedAt: iso(d.revoked_at ?? d.created_at),
    }));

    return {
      fiscalCode: citizen.fiscalCode, name: citizen.name, records: recordViews, contacts: contactItems(own.contacts),
      documents: { idCards, delegations, issued },
    };
  }

  // ---- contacts ------------------------------------------------------------------------------------------------

  /**
   * A merge patch of the contacts: a field left out stays; null or empty clears it. Every problem is answered at
   * once, on its field, and nothing is written unless all of it is right. A contact that a chosen channel of the
   * message preferences needs cannot be cleared here: the citizen first takes the channel away.
   */
  async updateContacts(actor: Actor | null, patch: ContactsPatch): Promise<{ items: ContactItem[] }> {
    const citizen = this.citizen(actor);
    const problems: ProblemItem[] = [];
    const wanted: Partial<Record<ContactField, string | null>> = {};
    for (const field of CONTACT_FIELDS) {
      if (patch[field] === undefined) continue;
      const raw = patch[field]?.trim() ?? '';
      if (!raw) {
        wanted[field] = null;
        continue;
      }
      const value = field === 'phone' ? normalisePhone(raw) : normaliseEmail(raw);
      if (value) wanted[field] = value;
      else problems.push({ path: `body.${field}`, message: FORMAT_PROBLEM[field] });
    }
    if (problems.length) throw this.notSaved(problems);
    return this.mine(citizen, async (repo) => {
      const current = await repo.contacts(citizen.id, true);
      if (!current) throw notFound('Il profilo');
      const chosen = current.message_preferences as MessagePreferences;
      for (const [field, value] of Object.entries(wanted) as [ContactField, string | null][]) {
        if (value !== null || !current[field]) continue;
        const uses = Object.values(chosen).some((channels) => channels?.includes(CHANNEL_OF[field] as never));
        if (uses) {
          problems.push({
            path: `body.${field}`,
            message: `ricevi ${CONTACT_WORDS[field].channel} per alcuni messaggi: togli prima quella scelta nelle preferenze dei messaggi, poi cancella ${CONTACT_WORDS[field].it} ` +
              `(your message preferences use ${CONTACT_WORDS[field].en}: change them first)`,
          });
        }
      }
      if (problems.length) throw this.notSaved(problems);
      const changed = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => current[field as ContactField] !== value));
      if (Object.keys(changed).length) await repo.updateContacts(citizen.id, changed);
      return { items: contactItems((await repo.contacts(citizen.id))!) };
    });
  }

  private notSaved(problems: ProblemItem[]) {
    return badRequest(`I recapiti non sono stati salvati: ${problems.map((p) => p.message).join('; ')}`, problems);
  }

  // ---- the citizen's reports -----------------------------------------------------------------------------------

  async myReports(actor: Actor | null): Promise<{ items: MyDataReport[] }> {
    const citizen = this.citizen(actor);
    const rows = await this.mine(citizen, (repo) => repo.reportsOfCitizen(citizen.id, REPORTS_SHOWN));
    return { items: rows.map(citizenView) };
  }

  /**
   * Reports an item as wrong: kept with what the page showed and what the citizen says is right, sent to the body's
   * registry office (its operators find it in their inbox and in "Segnalazioni sui dati"). With an Idempotency-Key a
   * retry returns the first report (created: false); the same key with another report is refused.
   */
  async report(actor: Actor | null, input: ReportInput): Promise<{ created: boolean; report: MyDataReport }> {
    const citizen = this.citizen(actor);
    const key = input.idempotencyKey;
    if (key !== undefined && !KEY_RE.test(key)) {
      throw badRequest("L'intestazione Idempotency-Key deve avere da 8 a 100 caratteri tra lettere, cifre e _ . : - (invalid Idempotency-Key)");
    }
    const correction = input.correction.trim();
    if (!correction) {
      throw badRequest('Scrivi che cosa è giusto, così l\'ufficio può verificarlo. (Say what is right.)', [{ path: 'body.correction', message: 'scrivi che cosa è giusto (required)' }]);
    }
    if (!(REPORTABLE_ITEMS as readonly string[]).includes(input.item)) {
      throw badRequest(`Dato sconosciuto "${input.item}". (Unknown item.)`, [{ path: 'body.item', message: 'dato sconosciuto (unknown item)' }]);
    }
    // read before the unit of work: on the embedded database nothing may run beside an open transaction
    const [records, offices] = await Promise.all([this.deps.registry.recordsOf(citizen.fiscalCode), this.deps.tenants.offices(input.tenantId)]);
    const record = records.find((r) => r.tenant.id === input.tenantId);
    const shown = record ? shownValue(record, input.item, clock.today()) : null;
    const office = offices.find((o) => o.code === REGISTRY_OFFICE_CODE) ?? null;

    return this.mine(citizen, async (repo, trx) => {
      // one report at a time per citizen: a retry with the same key waits here, then finds the first
      await repo.contacts(citizen.id, true);
      if (key) {
        const first = await repo.reportByKey(citizen.id, key);
        if (first) {
          if (first.tenant_id !== input.tenantId || first.item !== input.item || first.correction !== correction) {
            throw conflict('Questa Idempotency-Key è già stata usata per un\'altra segnalazione: usane una nuova. (Key reused with another report.)');
          }
          return { created: false, report: citizenView(first) };
        }
      }
      if (!record) throw notFound(`La tua scheda nell'anagrafe di questo ente`);
      if (shown === null) throw notFound(`Il dato «${ITEM_LABELS[input.item]}»`);
      if (await repo.hasOpenReport(citizen.id, input.tenantId, input.item)) {
        throw conflict(`Hai già segnalato un errore su «${ITEM_LABELS[input.item]}»: l'ufficio ti risponderà, poi potrai segnalarne un altro. ` +
          '(You already reported this item: wait for the answer.)');
      }
      const id = await repo.insertReport({
        tenantId: input.tenantId, citizenId: citizen.id, subjectFiscalCode: citizen.fiscalCode,
        subjectName: `${record.person.given_name} ${record.person.family_name}`, officeId: office?.id ?? null, item: input.item, shownValue: shown,
        correction, createdAt: clock.now(), idempotencyKey: key ?? null,
      });
      const saved = (await repo.report(id))!;
      // the office's inbox: operators and identities are the platform's rows (this transaction's scope changes here)
      await inScope(trx, { platform: true }, async (t) => {
        const operators = await this.deps.workflow.operatorsFor(t, { tenant_id: input.tenantId, office_id: office?.id ?? null, responsible_operator_id: null }, 'office');
        const rows: NotificationRow[] = operators.map((op) => ({
          tenant_id: input.tenantId, application_id: null, dedupe_key: `data_report:${id}:o:${op.id}:inbox`, recipient_kind: 'operator', citizen_id: null,
          operator_id: op.id, address: null, channel: 'inbox', status: 'delivered', status_reason: null, kind: 'office',
          subject: `Segnalazione di un dato errato: ${ITEM_LABELS[input.item]}`,
          body: `Un cittadino segnala che un dato dell'anagrafe è errato («${ITEM_LABELS[input.item]}»). Apri «Segnalazioni sui dati» nel back office per verificarlo e rispondere.`,
        }));
        await this.deps.messaging.enqueue(t, rows);
      });
      return { created: true, report: citizenView(saved) };
    });
  }

  // ---- the office ----------------------------------------------------------------------------------------------

  /** The actor as someone who handles reports in `tenantId` (their own unless a platform administrator names one). */
  private staff(actor: Actor | null, tenantId?: string): { staff: StaffActor; tenantId: string } {
    if (!actor) throw unauthorized();
    if (!isStaff(actor)) {
      requireAccess(actor, 'data_reports.handle');
      throw forbidden();
    }
    const where = tenantId ?? actor.tenantId;
    requireAccess(actor, 'data_reports.handle', { tenantId: where });
    return { staff: actor, tenantId: where };
  }

  /**
   * Which of a body's reports the actor reaches: all of them for a body-wide role (manager, administrator);
   * for office roles, the reports sent to their offices.
   */
  private reach(staff: StaffActor): string[] | null {
    const roles: readonly string[] = PERMISSIONS['data_reports.handle'].roles;
    const grants = staff.grants.filter((g) => roles.includes(g.role));
    if (staff.roles.includes('platform_admin') || grants.some((g) => !OFFICE_ROLES.includes(g.role))) return null;
    return [...new Set(grants.filter((g) => g.officeId).map((g) => g.officeId!))];
  }

  private read(row: ReportRow, staff: StaffActor): PersonalDataRead {
    return {
      tenantId: row.tenant_id, subjectFiscalCode: row.subject_fiscal_code, citizenId: row.citizen_id,
      actor: { kind: staff.kind === 'token' ? 'token' : 'operator', id: staff.id, label: staff.name }, officeName: row.office_name,
      object: { type: 'data_report', id: row.id, label: `Segnalazione sui dati: ${ITEM_LABELS[row.item as ReportableItem] ?? row.item}` },
      operation: 'data_report', purpose: `Verifica della segnalazione di un dato errato (${ITEM_LABELS[row.item as ReportableItem] ?? row.item}) inviata dalla persona`,
      legalBasis: LEGAL_BASIS.registry,
    };
  }

  async list(actor: Actor | null, query: DataReportQuery): Promise<{ items: DataReport[]; nextCursor: string | null }> {
    const { staff, tenantId } = this.staff(actor, query.tenant);
    const officeIds = this.reach(staff);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (officeIds && officeIds.length === 0) return { items: [], nextCursor: null };
    const rows = await inScope(this.db, { tenantId }, async (trx) => {
      const found = await new MyDataRepository(trx).list(tenantId, { status: query.status, officeIds, after, limit: limit + 1 });
      // each person in the page learns the office read their report (once a day however often the list is reloaded)
      await recordPersonalDataReads(trx, found.slice(0, limit).map((r) => this.read(r, staff)), { oncePerDay: true });
      return found;
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => staffView(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_key, i: last.id }) : null,
    };
  }

  /** How many reports wait, and whether the actor works on them at all (the back office shows its page then). */
  async counts(actor: Actor | null, tenant?: string): Promise<DataReportCounts> {
    const { staff, tenantId } = this.staff(actor, tenant);
    const officeIds = this.reach(staff);
    const registryOffice = (await this.deps.tenants.offices(tenantId)).find((o) => o.code === REGISTRY_OFFICE_CODE);
    const handles = officeIds === null || (!!registryOffice && officeIds.includes(registryOffice.id));
    if (officeIds && officeIds.length === 0) return { open: 0, inProgress: 0, handles };
    const counts = await inScope(this.db, { tenantId }, (trx) => new MyDataRepository(trx).counts(tenantId, officeIds));
    return { ...counts, handles };
  }

  /**
   * take: the office starts checking (an answer is optional); resolve: the record was corrected; reject: the record
   * stands. Both need an answer, which the citizen reads (with a message in their personal area). Under the report's
   * row lock, so of two operators acting at once one succeeds and the other is told what happened.
   */
  async transition(actor: Actor | null, id: string, action: DataReportAction, body: { answer?: string }): Promise<DataReport> {
    if (!actor) throw unauthorized();
    // a citizen never reaches an office's object: it does not exist for them
    if (!isStaff(actor)) throw notFound('La segnalazione');
    const where = await inScope(this.db, { platform: true }, (trx) => new MyDataRepository(trx).report(id));
    if (!where) throw notFound('La segnalazione');
    requireAccess(actor, 'data_reports.handle', { tenantId: where.tenant_id, officeId: where.office_id });
    const answer = body.answer?.trim() || null;
    if (action !== 'take' && !answer) {
      throw badRequest('Scrivi la risposta per il cittadino: che cosa è stato corretto, o perché il dato resta com\'è. (An answer is required.)',
        [{ path: 'body.answer', message: 'scrivi la risposta per il cittadino (required)' }]);
    }
    if (answer && answer.length > DATA_REPORT_LIMITS.answerMax) {
      throw badRequest(`La risposta supera i ${DATA_REPORT_LIMITS.answerMax} caratteri. (Too long.)`, [{ path: 'body.answer', message: `al massimo ${DATA_REPORT_LIMITS.answerMax} caratteri` }]);
    }
    const next: DataReportStatus = action === 'take' ? 'in_progress' : action === 'resolve' ? 'resolved' : 'rejected';
    return inScope(this.db, { tenantId: where.tenant_id }, async (trx) => {
      const repo = new MyDataRepository(trx);
      const locked = await repo.lockReport(id, where.tenant_id);
      if (!locked) throw notFound('La segnalazione');
      if (!actionsIn(locked.status).includes(action)) {
        throw conflict(locked.status === 'in_progress'
          ? 'La segnalazione è già stata presa in carico. (Already taken.)'
          : `La segnalazione è già chiusa (${locked.status === 'resolved' ? 'dato corretto' : 'dato confermato'}). (Already closed.)`);
      }
      await repo.updateReport(id, { status: next, answer: answer ?? null, handledAt: clock.now(), handledBy: actor.id, handledByLabel: actor.name });
      const row = (await repo.report(id))!;
      // the answer carries the report: each action is a read of it
      await recordPersonalDataReads(trx, [this.read(row, actor)]);
      if (next === 'resolved' || next === 'rejected') {
        await this.deps.messaging.enqueue(trx, [{
          tenant_id: row.tenant_id, application_id: null, dedupe_key: `data_report:${id}:${next}:c:${row.citizen_id}:inbox`, recipient_kind: 'citizen',
          citizen_id: row.citizen_id, operator_id: null, address: null, channel: 'inbox', status: 'delivered', status_reason: null, kind: 'data_report',
          subject: `Risposta alla tua segnalazione: ${ITEM_LABELS[row.item as ReportableItem] ?? row.item}`,
          body: `${row.office_name ?? row.tenant_name} ha risposto alla tua segnalazione su «${ITEM_LABELS[row.item as ReportableItem] ?? row.item}». ` +
            'Trovi la risposta in «I miei dati», nella tua area personale.',
        }]);
      }
      return staffView(row);
    });
  }
}

function actionsIn(status: string): DataReportAction[] {
  if (status === 'open') return ['take', 'resolve', 'reject'];
  if (status === 'in_progress') return ['resolve', 'reject'];
  return [];
}

function citizenView(r: ReportRow): MyDataReport {
  return {
    id: r.id, tenant: { id: r.tenant_id, name: r.tenant_name }, office: r.office_name ?? null, item: r.item as ReportableItem, shownValue: r.shown_value,
    correction: r.correction, status: r.status, answer: r.answer, createdAt: iso(r.created_at)!, handledAt: iso(r.handled_at),
  };
}

function staffView(r: ReportRow): DataReport {
  return {
    ...citizenView(r), subject: { fiscalCode: r.subject_fiscal_code, name: r.subject_name }, handledBy: r.handled_by_label,
    actions: actionsIn(r.status),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodeCursor(c: ReportCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): ReportCursor {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ReportCursor>;
    if (typeof v.c === 'string' && AT_RE.test(v.c) && typeof v.i === 'string' && UUID_RE.test(v.i)) return { c: v.c, i: v.i };
  } catch {
    // refused below
  }
  throw badRequest('Il cursore di paginazione non è valido: ricomincia dalla prima pagina. (Invalid cursor.)',
    [{ path: 'query.cursor', message: 'cursore non valido: usa nextCursor della pagina precedente (invalid cursor)' }]);
}

