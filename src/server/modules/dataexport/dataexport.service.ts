/**
 * "Scarica tutti i miei dati" (GDPR art. 15, copy of the data): everything Sportello holds about the signed-in
 * citizen, gathered into one object (dataexport.schemas.ts) and handed out as JSON or as a PDF drawn from it.
 *
 * Who: the citizen alone, for themselves, at SPID/CIE level 2 at least (the file carries health data of the social
 * services); whoever they act for at the moment does not change what is exported. Anonymous callers get 401,
 * operators and tokens 403.
 *
 * What is left out, and why, is said in the file itself (dataexport.labels.ts, NOT_INCLUDED), the same list for
 * everyone. The social services follow the access log's rule: a case withheld from its subject (a court's
 * child-protection proceeding) hides the person's reads from them, so here it hides the person's whole record in
 * that district — nothing tells them it exists. Of the cases they may know of: court measures, reserved diary
 * entries and SINBA are left out (data processed for reasons of justice: art. 2-duodecies d.lgs. 196/2003), the
 * diary's text too (it speaks of others: art. 15(4) GDPR); health data and the SINA assessment are theirs and are in.
 *
 * The person's own download is not a read by someone else: it is not in their access log. It is a security-relevant
 * act (a stolen session would take everything with one call), so it goes to the audit log, like choosing whom to
 * act for.
 */
import type { Kysely } from 'kysely';
import { CERTIFICATE_TITLES, type CertificateContent } from '../../../contracts/certificates.ts';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { DEFAULT_CHANNELS, MESSAGE_KIND_IDS, MESSAGE_KINDS, type MessagePreferences } from '../../../contracts/messaging.ts';
import { formatEuro, type PaymentItem } from '../../../contracts/payments.ts';
import { RECOMMENDATION_KINDS } from '../../../contracts/recommendations.ts';
import {
  CASE_STATUS_LABELS, CLOSE_REASON_LABELS, CONTACT_ANSWER_LABELS, CONTACT_CHANNEL_LABELS, DIARY_KIND_LABELS, INTERVENTION_STATUS_LABELS, MEANS_TEST_LABELS, NEED_LABELS,
  PERIODICITY_LABELS, REQUESTER_KIND_LABELS, SECTOR_LABELS, TARGET_AREA_LABELS, WORKER_ROLE_LABELS, interventionType,
  type HouseholdMember, type IseeInfo, type SinaAssessment,
} from '../../../contracts/social.ts';
import type { DB } from '../../db/schema.ts';
import type { StoredReceipt } from '../../db/schema-payments.ts';
import { requireAccess, requireLevel, type Actor, type CitizenActor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { clock } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import type { FieldCipher } from '../../platform/field-cipher.ts';
import { inScope } from '../../platform/tenancy.ts';
import { answerSections } from '../forms/answers.ts';
import { ITEM_LABELS, maskCardNumber, registrySource } from '../mydata/mydata.service.ts';
import { UNNAMED_OPERATOR, type AccessLogService } from '../myspace/access-log.service.ts';
import type { AccessLogQuery } from '../myspace/access-log.schemas.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import {
  ABOUT_PURPOSES, ABOUT_RIGHTS, APPLICATION_EVENT_LABELS, APPLICATION_STATUS_LABELS, APPOINTMENT_STATUS_LABELS, AUDIT_ACTION_LABELS, CERTIFICATE_KIND_LABELS,
  CHANNEL_LABELS, CONTACT_FIELD_LABELS, DATA_REPORT_STATUS_LABELS, DELEGATION_STATUS_LABELS, DELIVERY_STATUS_LABELS, DESK_OUTCOME_LABELS,
  DOCUMENT_KIND_LABELS, MESSAGE_KIND_LABELS, NOT_INCLUDED, PAYMENT_PURPOSE_LABELS, PAYMENT_STATUS_LABELS, RECOMMENDATION_KIND_LABELS,
  REGISTRY_FIELD_LABELS, SECTION_DESCRIPTIONS, SECTION_LABELS, SOCIAL_EVENT_LABELS, SUBJECT_KIND_LABELS, labelOf,
} from './dataexport.labels.ts';
import { renderDataExportPdf } from './dataexport.pdf.ts';
import { DataExportRepository } from './dataexport.repository.ts';
import { EXPORT_FORMATS, type DataExport, type ExportFormat, type SectionKey, type Sections } from './dataexport.schemas.ts';

/** The portal page the step-up to level 2 comes back to. */
const RETURN_TO = '/area-personale/dati';
/** Access-log pages read per call while gathering the whole log. */
const ACCESS_LOG_PAGE = 500;
/** Events of a social case that speak of its reserved part, or of the SINBA record (left out, see NOT_INCLUDED): kept from the person with the part. */
const RESERVED_SOCIAL_EVENTS = ['reserved', 'diary_reserved', 'sinba'];

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());
const isoOf = (d: Date | string) => new Date(d).toISOString();
const day = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const cents = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

const SEX_LABELS: Record<string, string> = { F: 'Femmina', M: 'Maschio' };
const CIVIL_STATUS: Record<string, string> = {
  celibe_nubile: 'Celibe o nubile', coniugato: 'Coniugato o coniugata', unito_civilmente: 'Unito o unita civilmente', separato: 'Separato o separata',
  divorziato: 'Divorziato o divorziata', vedovo: 'Vedovo o vedova',
};
const RELATIONS: Record<string, string> = {
  intestatario: 'Intestatario/a della scheda', coniuge: 'Coniuge', unito_civilmente: 'Unito/a civilmente', convivente: 'Convivente', figlio: 'Figlio/a',
  genitore: 'Genitore', altro: 'Altro',
};
const CONTACT_SOURCES: Record<string, string> = { login: "SPID o CIE, all'accesso", citizen: 'Inserito da te' };
const SINA_FIELDS: [keyof SinaAssessment, string, Record<string, string>][] = [
  ['mobility', 'Mobilità', { 1: 'si sposta da solo', 2: 'si sposta assistito', 3: 'non si sposta' }],
  ['dailyLiving', 'Attività della vita quotidiana', { 1: 'autonomo', 2: 'parzialmente dipendente', 3: 'totalmente dipendente' }],
  ['cognitive', 'Disturbi dell\'area cognitiva', { 1: 'lievi', 2: 'moderati', 3: 'gravi' }],
  ['behavioural', 'Disturbi comportamentali', { 1: 'assenti', 2: 'presenti' }],
  ['healthCare', 'Necessità di cure sanitarie', { 1: 'bassa', 2: 'media', 3: 'alta' }],
  ['income', 'Area reddituale', { 1: 'autosufficiente', 2: 'aiutato dai familiari', 3: 'in stato di bisogno senza aiuti' }],
  ['support', 'Area del supporto', { 1: 'rete familiare presente', 2: 'parziale', 3: 'assente' }],
  ['source', 'Fonte della valutazione', { 1: 'unità di valutazione multidimensionale', 2: 'cartella sociale', 3: 'altra documentazione', 4: 'valutazione diretta' }],
];

/** Which of JSON and PDF the caller asked for: ?format= first, then Accept; JSON when neither says. */
export function chooseFormat(format: ExportFormat | undefined, accept: string | undefined): ExportFormat {
  if (format) return format;
  if (!accept?.trim()) return 'json';
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    return { range: range ?? '', q: Number.isFinite(quality) ? quality : 0 };
  });
  // the most specific range that matches decides (RFC 9110, 12.5.1)
  const qualityOf = (mime: string) => {
    const [type] = mime.split('/');
    const match = ranges.find((r) => r.range === mime) ?? ranges.find((r) => r.range === `${type}/*`) ?? ranges.find((r) => r.range === '*/*');
    return match?.q ?? 0;
  };
  const json = qualityOf('application/json');
  const pdf = qualityOf('application/pdf');
  if (json <= 0 && pdf <= 0) {
    throw new Problem(406, 'Formato non disponibile', 'I tuoi dati si scaricano in JSON (application/json) o in PDF (application/pdf): ' +
      `chiedi uno dei due con l'intestazione Accept o con ?format=${EXPORT_FORMATS.join('|')}. (Only JSON or PDF are available.)`);
  }
  return pdf > json ? 'pdf' : 'json';
}

/** How an office's person is named to the citizen: by name only where the body has decided so (organisation's privacy). */
const staffName = (name: string | null | undefined, named: boolean) => (named && name ? name : UNNAMED_OPERATOR);

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export class DataExportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { registry: RegistryService; accessLog: AccessLogService; fieldCipher: FieldCipher },
  ) {}

  private citizen(actor: Actor | null): CitizenActor {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    return requireLevel(citizen, 'SpidL2', RETURN_TO);
  }

  /** The file to download, in the format asked for; the download is written to the audit log. */
  async download(actor: Actor | null, query: { format?: ExportFormat }, accept: string | undefined): Promise<ExportFile> {
    const citizen = this.citizen(actor);
    const format = chooseFormat(query.format, accept);
    const data = await this.gather(citizen);
    const file: ExportFile = format === 'pdf'
      ? { fileName: `i-miei-dati-${clock.today()}.pdf`, contentType: 'application/pdf', content: await renderDataExportPdf(data) }
      : { fileName: `i-miei-dati-${clock.today()}.json`, contentType: 'application/json; charset=utf-8', content: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8') };
    await inScope(this.db, { citizenId: citizen.id }, (trx) => appendAudit(trx, {
      tenantId: null, actor: `citizen:${citizen.id}`, action: 'personal_data.exported', details: { format, bytes: file.content.length },
    }));
    return file;
  }

  /** Everything held about the citizen, as of now. */
  async gather(actor: Actor | null): Promise<DataExport> {
    const citizen = this.citizen(actor);
    const code = citizen.fiscalCode.toUpperCase();
    const today = clock.today();
    // Separate units of work, none calling another service from inside (the embedded database has one session).
    const [own, desk, socialRecords, records, companies, fullAccessLog] = await Promise.all([
      // the citizen's scope with their own fiscal code: what is theirs, and what is in their name (row-level security)
      inScope(this.db, { citizenId: citizen.id, subjectCodes: [code] }, async (trx) => {
        const repo = new DataExportRepository(trx);
        const profile = await repo.citizen(citizen.id);
        const applications = await repo.applications(citizen.id, code);
        const ids = applications.map((a) => a.id);
        const payments = await repo.payments(citizen.id, code);
        return {
          profile, applications,
          cards: await repo.cards(applications.map((a) => ({ serviceId: a.service_id, version: a.service_version }))),
          events: await repo.events(ids), attachments: await repo.attachments(ids), documents: await repo.documents(ids),
          messages: await repo.messages(ids), messageFiles: await repo.messageFiles(ids), ratings: await repo.ratings(ids),
          payments, paymentEvents: await repo.paymentEvents(payments.map((p) => p.id)),
          received: await repo.delegationsReceived(citizen.id), given: await repo.delegationsGiven(code),
          certificates: await repo.certificates(citizen.id), notifications: await repo.notifications(citizen.id),
          recommendations: await repo.recommendations(citizen.id), favourites: await repo.favourites(citizen.id), reports: await repo.dataReports(citizen.id),
        };
      }),
      // the desks' registers and the audit log: no citizen scope reaches them; every query names the person
      inScope(this.db, { platform: true }, async (trx) => {
        const repo = new DataExportRepository(trx);
        return {
          appointments: await repo.platformAppointments(citizen.id, code), contacts: await repo.platformDeskContacts(citizen.id, code),
          audit: await repo.platformAuditOf(citizen.id),
        };
      }),
      this.socialRecords(code),
      this.deps.registry.recordsOf(citizen.fiscalCode),
      this.deps.registry.companiesRepresentedBy(citizen.fiscalCode),
      this.accessLog(citizen),
    ]);
    const social = socialRecords.items;
    const accessLog = fullAccessLog.filter((e) => !(e.object.type.startsWith('social_') && socialRecords.hidden.has(e.object.id)));
    if (!own.profile) throw new Problem(404, 'Non trovato', 'Il tuo profilo non esiste più. (Your profile was not found.)');
    const p = own.profile;

    const bodies = new Map<string, string>();
    const body = (id: string, name: string) => {
      bodies.set(id, name);
      return { id, name };
    };
    const section = <K extends SectionKey>(key: K, rest: Omit<Sections[K], 'label' | 'description'>) =>
      ({ label: SECTION_LABELS[key], description: SECTION_DESCRIPTIONS[key], ...rest }) as Sections[K];

    // ---- profile, contacts, preferences ------------------------------------------------------------------------
    const contacts = (['email', 'phone', 'pec'] as const).map((field) => {
      const value = p[field];
      const source = p[`${field}_source`];
      return {
        field, fieldLabel: CONTACT_FIELD_LABELS[field]!, value,
        source: value ? CONTACT_SOURCES[source ?? 'citizen']! : source ? 'Cancellato da te' : 'Non indicato',
        updatedAt: value || source ? iso(p[`${field}_updated_at`]) : null,
      };
    });
    const chosen = (p.message_preferences ?? {}) as MessagePreferences;
    const privacyNotices = social.flatMap((s) => s.contacts.filter((c) => c.privacyNoticeGiven).map((c) => ({
      body: body(s.district.id, s.district.name), on: c.on, context: `Primo contatto con il servizio sociale (${c.comune})`,
    })));

    // ---- registry ----------------------------------------------------------------------------------------------
    const registry = records.map((r) => {
      const person = r.person;
      const values: Record<string, string | null> = {
        given_name: person.given_name, family_name: person.family_name, sex: person.sex ? SEX_LABELS[person.sex] ?? person.sex : null,
        birth_date: day(person.birth_date), birth_place: person.birth_place, citizenship: person.citizenship,
        civil_status: person.civil_status ? CIVIL_STATUS[person.civil_status] ?? person.civil_status : null, address: person.address,
        residence_since: day(person.residence_since),
      };
      return {
        body: body(r.tenant.id, r.tenant.name), source: registrySource(r.tenant.name), updatedAt: iso(person.updated_at),
        fields: Object.entries(REGISTRY_FIELD_LABELS).map(([field, label]) => ({ field, label, value: values[field] ?? null })),
        family: {
          number: person.family_id,
          members: r.family.map((m) => ({
            name: `${m.given_name} ${m.family_name}`, relation: m.family_relation, relationLabel: labelOf(RELATIONS, m.family_relation),
            birthDate: day(m.birth_date)!, you: m.fiscal_code.toUpperCase() === code, minor: m.age < 18, inYourCare: m.inCare,
          })),
        },
        idCard: person.id_card_number || person.id_card_expires_on
          ? { number: person.id_card_number ? maskCardNumber(person.id_card_number) : '', expiresOn: day(person.id_card_expires_on) } : null,
      };
    });

    // ---- delegations -------------------------------------------------------------------------------------------
    const delegationStatus = (d: { revoked_at: Date | null; valid_until: string }) => (d.revoked_at ? 'revoked' : d.valid_until < today ? 'expired' : 'active');
    const delegationOf = (d: typeof own.received[number], direction: 'received' | 'given') => {
      const status = delegationStatus(d);
      return {
        id: d.id, direction, directionLabel: direction === 'received' ? 'Ricevuta: agisci tu per questa persona' : 'Data: questa persona agisce per te',
        otherPerson: direction === 'received' ? `${d.delegator_given_name} ${d.delegator_family_name}` : d.delegate_name ?? 'La persona delegata',
        otherFiscalCode: direction === 'received' ? d.delegator_fiscal_code : null,
        purpose: d.purpose, validUntil: day(d.valid_until)!, status, statusLabel: DELEGATION_STATUS_LABELS[status]!, createdAt: isoOf(d.created_at),
        revokedAt: iso(d.revoked_at), revokedBy: d.revoked_by, revokeReason: d.revoke_reason,
        document: { fileName: d.document_name, contentType: d.document_type, size: d.document_size, sha256: d.document_sha256 },
      };
    };

    // ---- applications ------------------------------------------------------------------------------------------
    const cardOf = new Map(own.cards.map((c) => [`${c.service_id}:${c.version}`, c.card as ServiceCard]));
    const byApplication = <T extends { application_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.application_id, [...(m.get(r.application_id) ?? []), r]);
      return m;
    };
    const events = byApplication(own.events);
    const attachments = byApplication(own.attachments);
    const documents = byApplication(own.documents);
    const messages = byApplication(own.messages);
    const ratings = new Map(own.ratings.map((r) => [r.application_id, r]));
    const filesOf = new Map<string, typeof own.messageFiles>();
    for (const f of own.messageFiles) filesOf.set(f.message_id, [...(filesOf.get(f.message_id) ?? []), f]);
    const protocolLabel = (n: number | null, y: number | null) => (n && y ? `n. ${formatProtocolNumber(n)}/${y}` : null);

    const applications = own.applications.map((a) => {
      const mine = a.citizen_id === citizen.id;
      const office = a.office_name ?? a.tenant_name;
      const form = (cardOf.get(`${a.service_id}:${a.service_version}`) as { form?: ServiceForm } | undefined)?.form ?? null;
      const who = (kind: string, id: string | null) => (kind === 'citizen' ? (id === citizen.id ? 'Tu' : a.filer_name) : kind === 'system' ? 'Sistema' : office);
      const rating = ratings.get(a.id);
      return {
        id: a.id, code: a.code, service: { id: a.service_id, title: a.service_title, version: a.service_version }, body: body(a.tenant_id, a.tenant_name),
        office: a.office_name, filedByYou: mine, filedBy: mine ? 'Tu' : a.filer_name,
        subject: { kind: a.subject_kind, kindLabel: labelOf(SUBJECT_KIND_LABELS, a.subject_kind), name: a.subject_name, fiscalCode: a.subject_fiscal_code },
        status: a.status, statusLabel: labelOf(APPLICATION_STATUS_LABELS, a.status), createdAt: isoOf(a.created_at), submittedAt: iso(a.submitted_at),
        protocol: a.protocol_number && a.protocol_year && a.registered_at
          ? { number: formatProtocolNumber(a.protocol_number), year: a.protocol_year, label: protocolLabel(a.protocol_number, a.protocol_year)!, registeredAt: isoOf(a.registered_at) }
          : null,
        dueDate: day(a.due_date), takenInChargeAt: iso(a.taken_in_charge_at), closedAt: iso(a.closed_at), outcomeMotivation: a.outcome_motivation,
        contentIncluded: mine,
        answers: mine && form ? answerSections(form, a.data ?? {}) : [],
        rawAnswers: mine ? (a.data ?? {}) : null,
        attachments: mine ? (attachments.get(a.id) ?? []).map((f) => ({
          requirement: form?.attachments?.find((r) => r.id === f.requirement_id)?.title ?? f.requirement_id,
          fileName: f.file_name, contentType: f.content_type, size: f.size, sha256: f.sha256, uploadedAt: isoOf(f.uploaded_at), sent: f.submitted,
        })) : [],
        history: (events.get(a.id) ?? []).map((e) => ({
          at: isoOf(e.at), event: APPLICATION_EVENT_LABELS[e.type] ?? (e.to_status ? `Passata a «${labelOf(APPLICATION_STATUS_LABELS, e.to_status)}»` : labelOf({}, e.type)),
          fromStatus: e.from_status, toStatus: e.to_status, toStatusLabel: e.to_status ? labelOf(APPLICATION_STATUS_LABELS, e.to_status) : null,
          by: who(e.actor_kind, e.actor_id), note: e.note,
        })),
        messages: mine ? (messages.get(a.id) ?? []).map((m) => ({
          at: isoOf(m.created_at), from: m.author_kind, author: m.author_kind === 'citizen' ? who('citizen', m.author_citizen_id) : office, body: m.body,
          readAt: iso(m.read_at), files: (filesOf.get(m.id) ?? []).map((f) => ({ fileName: f.file_name, contentType: f.content_type, size: f.size, sha256: f.sha256 })),
        })) : [],
        documents: (documents.get(a.id) ?? []).map((d) => ({
          kind: d.kind, kindLabel: labelOf(DOCUMENT_KIND_LABELS, d.kind), title: d.title, fileName: d.file_name, size: d.size, sha256: d.sha256,
          verificationCode: d.verification_code, issuedAt: isoOf(d.created_at), revokedAt: iso(d.revoked_at), protocol: protocolLabel(d.protocol_number, d.protocol_year),
        })),
        rating: mine && rating ? { score: rating.score, reason: rating.reason, comment: rating.comment, at: isoOf(rating.created_at) } : null,
      };
    });

    // ---- payments ----------------------------------------------------------------------------------------------
    const paymentEvents = new Map<string, typeof own.paymentEvents>();
    for (const e of own.paymentEvents) paymentEvents.set(e.payment_id, [...(paymentEvents.get(e.payment_id) ?? []), e]);
    const payments = own.payments.map((x) => {
      const receipt = x.receipt as StoredReceipt | null;
      return {
        id: x.id, body: body(x.tenant_id, x.tenant_name), description: x.description, purpose: x.purpose, purposeLabel: labelOf(PAYMENT_PURPOSE_LABELS, x.purpose),
        application: x.application_id && x.application_code ? { id: x.application_id, code: x.application_code } : null,
        debtor: { name: x.debtor_name, fiscalCode: x.debtor_fiscal_code }, amountCents: x.amount_cents, amount: formatEuro(x.amount_cents),
        items: (x.items as PaymentItem[]).map((i) => ({ label: i.label, kind: i.kind, amountCents: i.amountCents })),
        noticeNumber: x.notice_number, iuv: x.iuv, dueDate: day(x.due_date)!, status: x.status, statusLabel: labelOf(PAYMENT_STATUS_LABELS, x.status),
        statusReason: x.status_reason, createdAt: isoOf(x.created_at), paidAt: iso(x.paid_at), paidAmountCents: x.paid_amount_cents,
        receipt: receipt ? { receiptId: receipt.receiptId, psp: receipt.psp, channel: receipt.channel, paidAt: receipt.paidAt, refundId: receipt.refundId ?? null } : null,
        history: (paymentEvents.get(x.id) ?? []).map((e) => ({ at: isoOf(e.at), event: labelOf(PAYMENT_EVENT_LABELS, e.type), fromStatus: e.from_status, toStatus: e.to_status, note: e.note })),
      };
    });

    // ---- desk --------------------------------------------------------------------------------------------------
    const appointments = desk.appointments.map((x) => ({
      id: x.id, code: x.code, body: body(x.tenant_id, x.tenant_name), office: x.office_name, service: x.service_title, startsAt: isoOf(x.starts_at),
      endsAt: isoOf(x.ends_at), status: x.status, statusLabel: labelOf(APPOINTMENT_STATUS_LABELS, x.status), channel: x.channel, reason: x.reason,
      email: x.email, phone: x.phone, bookedAt: isoOf(x.created_at), cancelledAt: iso(x.cancelled_at), cancelledBy: x.cancelled_by,
      checkedInAt: iso(x.checked_in_at), reminderSentAt: iso(x.reminder_sent_at),
      ticket: x.ticket_label && x.ticket_day && x.ticket_status && x.ticket_issued_at
        ? { label: x.ticket_label, day: day(x.ticket_day)!, status: x.ticket_status, issuedAt: isoOf(x.ticket_issued_at), calledAt: iso(x.ticket_called_at), finishedAt: iso(x.ticket_finished_at) }
        : null,
    }));
    const deskContacts = desk.contacts.map((x) => ({
      at: isoOf(x.at), body: body(x.tenant_id, x.tenant_name), office: x.office_name, channel: x.channel, reason: x.reason, outcome: x.outcome,
      outcomeLabel: labelOf(DESK_OUTCOME_LABELS, x.outcome), note: x.note, service: x.service_title, application: x.application_code, ticket: x.ticket_label,
    }));

    // ---- certificates, messages, advice, favourites, reports ---------------------------------------------------------
    const certificates = own.certificates.map((x) => {
      const content = x.content as CertificateContent;
      return {
        id: x.id, kind: x.kind, title: CERTIFICATE_TITLES[x.kind] ?? labelOf(CERTIFICATE_KIND_LABELS, x.kind), body: body(x.tenant_id, x.tenant_name),
        about: content?.person ? `${content.person.givenName} ${content.person.familyName}` : citizen.name, issuedAt: isoOf(x.issued_at),
        validUntil: content?.validUntil ?? null, verificationCode: x.verification_code, file: { fileName: x.file_name, size: x.size, sha256: x.sha256 },
        revokedAt: iso(x.revoked_at), revokedReason: x.revoked_reason, content: (content ?? {}) as unknown as Record<string, unknown>,
      };
    });
    const notifications = own.notifications.map((n) => ({
      at: isoOf(n.created_at), body: body(n.tenant_id, n.tenant_name), kind: n.kind, kindLabel: n.kind ? labelOf(MESSAGE_KIND_LABELS, n.kind) : null,
      channel: n.channel, channelLabel: labelOf(CHANNEL_LABELS, n.channel), address: n.address, subject: n.subject, text: n.body, status: n.status,
      statusLabel: labelOf(DELIVERY_STATUS_LABELS, n.status), legal: n.legal, sentAt: iso(n.sent_at), deliveredAt: iso(n.delivered_at), readAt: iso(n.read_at),
      application: n.application_code,
    }));
    const recommendations = own.recommendations.map((r) => ({
      kind: r.kind, kindLabel: labelOf(RECOMMENDATION_KIND_LABELS, r.kind), title: r.title, message: r.message, reason: r.reason, link: r.link, about: r.subject_name,
      body: r.tenant_id && r.tenant_name ? body(r.tenant_id, r.tenant_name) : null, createdAt: isoOf(r.created_at), expiresAt: iso(r.expires_at),
      readAt: iso(r.read_at), dismissedAt: iso(r.dismissed_at),
    }));
    const favourites = own.favourites.map((f) => ({ service: { id: f.service_id, title: f.title }, body: body(f.tenant_id, f.tenant_name), addedAt: isoOf(f.created_at) }));
    const dataReports = own.reports.map((r) => ({
      id: r.id, body: body(r.tenant_id, r.tenant_name), office: r.office_name, item: r.item, itemLabel: ITEM_LABELS[r.item as keyof typeof ITEM_LABELS] ?? r.item,
      shownValue: r.shown_value, correction: r.correction, status: r.status, statusLabel: labelOf(DATA_REPORT_STATUS_LABELS, r.status), answer: r.answer,
      createdAt: isoOf(r.created_at), handledAt: iso(r.handled_at),
    }));
    for (const s of social) body(s.district.id, s.district.name);
    for (const e of accessLog) body(e.body.id, e.body.name);

    // ---- sign-ins and security --------------------------------------------------------------------------------------
    const signIns = desk.audit.map((a) => ({
      at: isoOf(a.at), action: a.action, actionLabel: labelOf(AUDIT_ACTION_LABELS, a.action), details: auditDetails(a.details),
    }));

    const sections: Sections = {
      about: section('about', { purposes: ABOUT_PURPOSES, rights: ABOUT_RIGHTS, bodies: [...bodies].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name, 'it')) }),
      profile: section('profile', {
        fiscalCode: p.fiscal_code, givenName: p.given_name, familyName: p.family_name, birthDate: day(p.birth_date), birthPlace: p.birth_place,
        address: p.address, language: p.language, accountCreatedAt: isoOf(p.created_at), lastSignInAt: iso(p.last_login_at),
      }),
      contacts: section('contacts', { items: contacts }),
      preferences: section('preferences', {
        language: p.language,
        messages: MESSAGE_KIND_IDS.map((kind) => ({
          kind, kindLabel: labelOf(MESSAGE_KIND_LABELS, kind), channels: [...(chosen[kind] ?? DEFAULT_CHANNELS)], legal: MESSAGE_KINDS[kind].legal,
        })),
        advice: RECOMMENDATION_KINDS.map((kind) => ({ kind, kindLabel: labelOf(RECOMMENDATION_KIND_LABELS, kind), on: !(p.recommendation_kinds_off ?? []).includes(kind) })),
        privacyNotices,
      }),
      registry: section('registry', { items: registry }),
      companies: section('companies', { items: companies.map((c) => ({ fiscalCode: c.fiscal_code, name: c.name, legalForm: c.legal_form, role: c.role })) }),
      delegations: section('delegations', { items: [...own.received.map((d) => delegationOf(d, 'received')), ...own.given.map((d) => delegationOf(d, 'given'))] }),
      applications: section('applications', { items: applications }),
      payments: section('payments', { items: payments }),
      appointments: section('appointments', { items: appointments }),
      deskContacts: section('deskContacts', { items: deskContacts }),
      certificates: section('certificates', { items: certificates }),
      notifications: section('notifications', { items: notifications }),
      recommendations: section('recommendations', { items: recommendations }),
      favourites: section('favourites', { items: favourites }),
      dataReports: section('dataReports', { items: dataReports }),
      socialServices: section('socialServices', { items: social }),
      accessLog: section('accessLog', { total: accessLog.length, items: accessLog.map(accessEntry) }),
      signIns: section('signIns', { items: signIns }),
      notIncluded: section('notIncluded', { items: NOT_INCLUDED.map((n) => ({ ...n })) }),
    };
    return {
      format: 'sportello.dati-personali', version: 1, title: 'I miei dati', generatedAt: clock.now().toISOString(),
      person: { fiscalCode: p.fiscal_code, name: `${p.given_name} ${p.family_name}` }, sections,
    };
  }

  /** The whole access log, as the citizen's page reads it (hidden entries stay hidden until their deferral ends). */
  private async accessLog(citizen: CitizenActor) {
    const all: Awaited<ReturnType<AccessLogService['list']>>['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.accessLog.list(citizen, { limit: ACCESS_LOG_PAGE, ...(cursor ? { cursor } : {}) } as AccessLogQuery);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /**
   * The districts' records of the person, with what they may know. A district where any case is withheld from them
   * gives nothing at all (see the file's comment); the rest leaves out what the law reserves.
   */
  private async socialRecords(fiscalCode: string): Promise<{ items: Sections['socialServices']['items']; hidden: Set<string> }> {
    const cipher = this.deps.fieldCipher;
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new DataExportRepository(trx);
      const persons = await repo.socialPersons(fiscalCode);
      if (!persons.length) return { items: [], hidden: new Set<string>() };
      const allCases = await repo.socialCases(persons.map((x) => x.id));
      const withheld = new Set(allCases.filter((k) => k.withheld_from_subject).map((k) => k.person_id));
      // Every object of a withheld district's record (the person, their first contacts, their cases): its reads in
      // the access log go too, also those logged before the case was withheld, which the log itself still shows.
      const withheldContacts = await repo.socialContacts([...withheld]);
      const hidden = new Set<string>([...withheld, ...allCases.filter((k) => withheld.has(k.person_id)).map((k) => k.id), ...withheldContacts.map((c) => c.id)]);
      const visible = persons.filter((x) => !withheld.has(x.id));
      const cases = allCases.filter((k) => !withheld.has(k.person_id));
      const caseIds = cases.map((k) => k.id);
      const [contacts, workers, interventions, diary, events] = [
        await repo.socialContacts(visible.map((x) => x.id)), await repo.socialWorkers(caseIds), await repo.socialInterventions(caseIds),
        await repo.socialDiary(caseIds), await repo.socialEvents(caseIds),
      ];
      const of = <T extends { case_id: string }>(rows: T[], id: string) => rows.filter((r) => r.case_id === id);
      const items = visible.map((person) => {
        const named = person.access_log_names_operators;
        return {
          district: { id: person.tenant_id, name: person.district_name },
          comune: person.comune_name,
          person: { givenName: person.given_name, familyName: person.family_name, birthDate: day(person.birth_date), address: person.address, phone: person.phone },
          contacts: contacts.filter((c) => c.person_id === person.id).map((c) => ({
            on: day(c.contact_on)!, comune: c.comune_name, channel: labelOf(CONTACT_CHANNEL_LABELS, c.channel), requester: labelOf(REQUESTER_KIND_LABELS, c.requester_kind),
            need: labelOf(NEED_LABELS, c.need),
            // the person's own words; a report by someone else is that person's (art. 15(4) GDPR)
            needInYourWords: c.requester_kind === 'self' && c.need_sealed ? cipher.open(c.need_sealed, c.id) : null,
            answer: labelOf(CONTACT_ANSWER_LABELS, c.answer), referralTo: c.referral_to, privacyNoticeGiven: c.privacy_notice_given, caseReference: c.case_reference,
          })),
          cases: cases.filter((k) => k.person_id === person.id).map((k) => {
            const sina = k.sina_sealed ? cipher.openJson<SinaAssessment>(k.sina_sealed, k.id) : null;
            const isee = k.isee as IseeInfo | null;
            return {
              reference: k.reference, comune: k.comune_name, sector: labelOf(SECTOR_LABELS, k.sector), targetArea: labelOf(TARGET_AREA_LABELS, k.target_area),
              status: labelOf(CASE_STATUS_LABELS, k.status), closeReason: k.close_reason ? labelOf(CLOSE_REASON_LABELS, k.close_reason) : null, closeNote: k.close_note,
              firstContactOn: day(k.first_contact_on)!, openedOn: day(k.opened_on)!, inChargeOn: day(k.in_charge_on), closedOn: day(k.closed_on), nextReviewOn: day(k.next_review_on),
              professionals: of(workers, k.id).map((w) => ({ role: labelOf(WORKER_ROLE_LABELS, w.role), name: staffName(w.name, named), since: day(w.since)! })),
              household: ((k.household ?? []) as HouseholdMember[]).map((m) => ({ relation: m.relation, name: m.name, birthYear: m.birthYear ?? null })),
              isee: isee ? { dsuProtocol: isee.dsuProtocol, dsuYear: isee.dsuYear, dsuDate: isee.dsuDate, valueCents: isee.valueCents, validUntil: isee.validUntil } : null,
              health: k.health_sealed ? cipher.open(k.health_sealed, k.id) : null,
              sina: sina ? sinaRows(sina) : null,
              interventions: of(interventions, k.id).map((i) => ({
                code: i.code, type: interventionType(i.code)?.name ?? i.code, status: labelOf(INTERVENTION_STATUS_LABELS, i.status), requestedOn: day(i.requested_on)!,
                authorisedOn: day(i.authorised_on), startOn: day(i.start_on), endOn: day(i.end_on), requestProtocol: i.request_protocol,
                meansTest: labelOf(MEANS_TEST_LABELS as Record<string, string>, i.means_test), periodicity: labelOf(PERIODICITY_LABELS as Record<string, string>, i.periodicity),
                amountCents: cents(i.amount_cents), monthlyAmountCents: cents(i.monthly_amount_cents), periodMonths: i.period_months,
                shareBodyCents: cents(i.share_body_cents), shareUserCents: cents(i.share_user_cents), shareHealthCents: cents(i.share_health_cents),
                hoursMonthly: i.hours_monthly === null ? null : Number(i.hours_monthly), note: i.note, sentToInpsAt: iso(i.exported_at),
              })),
              diary: of(diary, k.id).map((d) => ({ on: day(d.occurred_on)!, kind: labelOf(DIARY_KIND_LABELS, d.kind), author: staffName(d.author_label, named) })),
              history: of(events, k.id)
                // what speaks of the reserved part stays with it (the same filter as the case's history in social.service.ts)
                .filter((e) => !RESERVED_SOCIAL_EVENTS.includes(e.kind) && !(e.kind === 'diary' && e.note?.includes(', riservata)')))
                .map((e) => ({
                  at: isoOf(e.at), event: labelOf(SOCIAL_EVENT_LABELS, e.kind), fromStatus: e.from_status ? labelOf(CASE_STATUS_LABELS, e.from_status) : null,
                  toStatus: e.to_status ? labelOf(CASE_STATUS_LABELS, e.to_status) : null, by: e.actor_id ? staffName(e.actor_label, named) : e.actor_label, note: e.note,
                })),
            };
          }),
        };
      });
      return { items, hidden };
    });
  }
}

const PAYMENT_EVENT_LABELS: Record<string, string> = {
  created: 'Posizione creata', checkout_started: 'Pagamento avviato', checkout_expired: 'Sessione di pagamento scaduta', paid: 'Pagato',
  payment_received: 'Pagamento ricevuto', cancelled: 'Annullato', expired: 'Scaduto', refund_started: 'Rimborso avviato', refunded: 'Rimborsato',
  refund_failed: 'Rimborso non riuscito', reconciled: 'Riconciliato', duplicate_refunded: 'Pagamento doppio rimborsato', failed: 'Pagamento non riuscito',
};

function sinaRows(s: SinaAssessment): { label: string; value: string }[] {
  const rows = SINA_FIELDS.filter(([key]) => s[key] !== undefined).map(([key, label, values]) => ({ label, value: values[String(s[key])] ?? String(s[key]) }));
  rows.unshift({ label: 'Data della valutazione', value: s.assessedOn });
  if (s.neededInterventions?.length) rows.push({ label: 'Interventi necessari', value: s.neededInterventions.map((c) => interventionType(c)?.name ?? c).join('; ') });
  if (s.invalidity?.length) rows.push({ label: 'Invalidità civile (codici)', value: s.invalidity.join(', ') });
  return rows;
}

function auditDetails(details: Record<string, unknown>): string {
  const words: string[] = [];
  if (typeof details.method === 'string') words.push(details.method === 'cie' ? 'CIE' : details.method === 'spid' ? 'SPID' : details.method);
  if (typeof details.level === 'string') words.push(`livello ${details.level.slice(-1)}`);
  if (typeof details.format === 'string') words.push(`formato ${details.format.toUpperCase()}`);
  if (typeof details.validUntil === 'string') words.push(`valida fino al ${details.validUntil}`);
  return words.join(', ');
}

function accessEntry(e: Awaited<ReturnType<AccessLogService['list']>>['items'][number]) {
  return {
    at: e.at, body: e.body, office: e.office, who: e.who.name, operation: e.operationLabel, data: e.object.label,
    whose: e.subject.self ? 'Tu' : e.subject.name, purpose: e.purpose, legalBasis: e.legalBasis, deferred: e.hidden ? { until: e.hidden.until, reason: e.hidden.reason } : null,
  };
}
