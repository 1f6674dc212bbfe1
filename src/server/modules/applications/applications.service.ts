/**
 * Online applications: drafts prefilled with what the body holds, attachments, submission with the legal clock,
 * the citizen's transitions, the timeline and the rating. Who may see what is decided here (requireAccess) and
 * underneath by row-level security: a citizen's scope shows their own applications and those of the minors and
 * companies they act for; an operator's shows their bodies'.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  APPLICATION_STATUSES, CLOSED_STATUSES, RATING_REASONS_HIGH, RATING_REASONS_LOW,
  type ApplicationDetail, type ApplicationStatus, type RatingInput, type SubmissionAcknowledgement,
  type TimelineEntry, type TransitionAction,
} from '../../../contracts/applications.ts';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import { computeFees, type FeesPreview, type PaymentItem, type PaymentSummary } from '../../../contracts/payments.ts';
import type { ProfileCounts, ProfileKind } from '../../../contracts/profiles.ts';
import type { ServiceForm } from '../../../contracts/forms.ts';
import type { DB } from '../../db/schema.ts';
import { isCitizen, isStaff, requireAccess, requireLevel, type Actor, type CitizenActor, type StaffActor, type Subject } from '../../platform/access.ts';
import { Problem, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { dueDate, romeDate, suspendedDays } from '../../platform/legal-clock.ts';
import { sniffDocumentType, type FileStorage } from '../../platform/storage.ts';
import type { UploadScreening } from '../../platform/virus-scan.ts';
import { inScope, type Scope } from '../../platform/tenancy.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { attachmentRequired, validateAnswers, type FieldProblem } from '../forms/form-validation.ts';
import { holdRegisterForSubmission } from '../protocol/protocol.service.ts';
import { workflowOf, type WorkflowService } from '../workflow/workflow.service.ts';
import { actionsInStatus, mayPerform } from './handling.service.ts';
import { clock } from '../../platform/clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, SYSTEM_ACTOR } from '../../platform/personal-data.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository.ts';
import { applicationRead, attachmentView, citizenActions, detailView, protocolView, staffActions, summaryView } from './applications.views.ts';
import { keepLockedValues, prefillDraft, type FamilyMember, type PrefillValues } from './prefill.ts';

/** A draft's answers are small JSON; this keeps a runaway client from storing megabytes. */
const MAX_DRAFT_BYTES = 256 * 1024;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * What applications need of payments: PaymentsService implements it. It is attached after construction
 * (attachPayments) because PaymentsService is built with this service and calls back into it (the submission on
 * confirmation, the application moved on or back): services.ts builds this first, then PaymentsService, then
 * attaches it here. Every method runs in the caller's transaction.
 */
export interface ApplicationPayments {
  /** the payment a draft being sent asks first: a new position in the applicant's name, in the caller's transaction */
  requestBeforeSubmission(trx: Kysely<DB>, app: ApplicationRow, input: { description: string; items: PaymentItem[]; by: CitizenActor }): Promise<{ id: string; amountCents: number }>;
  /** the payment before submission still awaited (the acknowledgement given again) */
  awaitedBeforeSubmission(trx: Kysely<DB>, applicationId: string): Promise<{ id: string; amountCents: number } | null>;
  /** the application's payments as its detail shows them */
  summariesOf(trx: Kysely<DB>, applicationId: string): Promise<PaymentSummary[]>;
  /** the application is being withdrawn: what it still asked to pay is cancelled; the answer runs after the commit */
  applicationWithdrawn(trx: Kysely<DB>, app: ApplicationRow, by: { kind: 'citizen'; id: string; label: string }): Promise<() => Promise<void>>;
  /** after the commit that made a position: make it payable at the provider */
  afterCreate(paymentId: string): Promise<void>;
}

/** Who a step of the application is recorded as. */
interface Who {
  actorKind: 'citizen' | 'operator' | 'system' | 'token';
  actorId: string | null;
  actorLabel: string;
}

export interface ApplicationsDeps {
  catalog: CatalogService;
  registry: RegistryService;
  storage: FileStorage;
  /** the antivirus: every upload passes it before anything else */
  uploadScreening: UploadScreening;
  /** called after a submission commits: the protocol registrar picks it up */
  onSubmitted: () => void;
  workflow: WorkflowService;
}

/** Why an office reads a citizen's application, as the access log records it. */
/** What an office's use of an application is logged as: a read (view, history, files, thread) or the step it took. */
export type AccessOperation = 'view' | 'history' | 'attachment' | 'document' | 'messages' | 'checklist' | `transition:${string}`;


export interface UploadInput {
  requirementId: string;
  fileName: string;
  content: Buffer;
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** A short code for people: prefix of the body, year, six characters without look-alikes. */
function applicationCode(tenantSlug: string, at: Date) {
  const prefix = tenantSlug.replace(/^(comune|ambito|unione|provincia)-(di-|del-|della-|dei-)?/, '').slice(0, 2).toUpperCase() || 'SP';
  let tail = '';
  for (let i = 0; i < 6; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${prefix}-${at.getUTCFullYear()}-${tail}`;
}

export class ApplicationsService {
  private readonly subjectCodes = new Map<string, { at: number; codes: string[] }>();
  /** Cards of published versions never change: kept so that each form's validator is compiled once. */
  private readonly versionCards = new Map<string, ServiceCard>();
  private payments: ApplicationPayments | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: ApplicationsDeps,
  ) {}

  /** Late binding of payments (see ApplicationPayments): services.ts calls it once both services exist. */
  attachPayments(payments: ApplicationPayments) {
    this.payments = payments;
  }

  // ---- scopes ---------------------------------------------------------------------------------------------

  /** Minors and companies the citizen acts for by law (registry, business register): their applications too (and their payments). */
  async citizenScope(citizen: CitizenActor): Promise<Scope> {
    const cached = this.subjectCodes.get(citizen.id);
    if (cached && Date.now() - cached.at < 30_000) return { citizenId: citizen.id, subjectCodes: cached.codes };
    const [minors, companies] = await Promise.all([
      this.deps.registry.minorsInCareOf(citizen.fiscalCode),
      this.deps.registry.companiesRepresentedBy(citizen.fiscalCode),
    ]);
    const codes = [...minors.map((m) => m.fiscalCode), ...companies.map((c) => c.fiscal_code)];
    this.subjectCodes.set(citizen.id, { at: Date.now(), codes });
    return { citizenId: citizen.id, subjectCodes: codes };
  }

  /**
   * Runs fn in the scope that lets the actor see the application, after checking they may; 404 otherwise. An
   * office's read named by `operation` is written to the access log in the same transaction.
   */
  async withApplication<T>(actor: Actor | null, id: string, fn: (repo: ApplicationsRepository, row: ApplicationRow, trx: Kysely<DB>) => Promise<T>, lock = false,
    operation?: AccessOperation): Promise<T> {
    if (isCitizen(actor)) {
      requireAccess(actor, 'application.apply');
      const attempt = (scope: Scope) => inScope(this.db, scope, async (trx) => {
        const repo = new ApplicationsRepository(trx);
        const row = await repo.findById(id, lock);
        return row ? { value: await fn(repo, row, trx) } : null;
      });
      // most applications are the citizen's own: the registry is asked for minors and companies only when not
      const found = (await attempt({ citizenId: actor.id })) ?? (await attempt(await this.citizenScope(actor)));
      if (!found) throw notFound('La pratica richiesta');
      return found.value;
    }
    if (!isStaff(actor)) requireAccess(actor, 'application.handle');
    const where = await inScope(this.db, { platform: true }, async (trx) =>
      (await trx.selectFrom('applications').select(['tenant_id', 'office_id', 'status', 'visa_office_id', 'submitted_at']).where('id', '=', id).executeTakeFirst()));
    // an application not sent yet (a draft, or one waiting for its payment before submission) is the applicant's alone
    if (!where || !where.submitted_at) throw notFound('La pratica richiesta');
    try {
      requireAccess(actor, 'application.handle', { tenantId: where.tenant_id, officeId: where.office_id });
    } catch (error) {
      // the office whose visa is awaited works on it too
      if (!where.visa_office_id || !(error instanceof Problem) || error.status !== 403) throw error;
      requireAccess(actor, 'application.handle', { tenantId: where.tenant_id, officeId: where.visa_office_id });
    }
    const staff = actor as StaffActor;
    return inScope(this.db, { tenantId: where.tenant_id }, async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const row = await repo.findById(id, lock);
      if (!row) throw notFound('La pratica richiesta');
      const result = await fn(repo, row, trx);
      if (operation) await recordPersonalDataReads(trx, [applicationRead(row, staff, operation)]);
      return result;
    });
  }

  /**
   * The pinned version's card and form, read through the unit of work's own repository: on the embedded
   * database a query outside the open transaction would wait for it to end.
   */
  private async formOf(repo: ApplicationsRepository, serviceId: string, version: number): Promise<{ card: ServiceCard; form: ServiceForm }> {
    const card = await this.cardOf(repo, serviceId, version);
    if (!card) throw notFound('Il servizio della pratica');
    if (!card.form) throw conflict('Questo servizio non si richiede online con Sportello. (This service has no online form.)');
    return { card, form: card.form };
  }

  private async cardOf(repo: ApplicationsRepository, serviceId: string, version: number): Promise<ServiceCard | null> {
    const key = `${serviceId}:${version}`;
    let card = this.versionCards.get(key);
    if (!card) {
      card = await repo.serviceCard(serviceId, version);
      if (!card) return null;
      if (this.versionCards.size >= 500) this.versionCards.delete(this.versionCards.keys().next().value!);
      this.versionCards.set(key, card);
    }
    return card;
  }

  /** The online form of a service, current or of a given version (a draft keeps the version it started on). */
  async serviceForm(serviceId: string, version?: number): Promise<ServiceForm> {
    const detail = await this.deps.catalog.get(serviceId, version);
    const form = (detail.card as ServiceCard).form;
    if (!form) throw notFound('Il modulo online di questo servizio');
    return form;
  }

  // ---- drafts ---------------------------------------------------------------------------------------------

  /** Starts a draft for whom the citizen acts for, or returns the open one for the same service and person. */
  async start(actor: Actor | null, serviceId: string): Promise<{ created: boolean; detail: ApplicationDetail }> {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const service = await this.deps.catalog.get(serviceId);
    const card = service.card as ServiceCard;
    if (!card.form || !card.access.online || card.status !== 'active') {
      throw conflict(`"${card.title}" non si richiede online con Sportello: vedi la scheda del servizio per come fare. (No online form.)`);
    }
    requireLevel(citizen, card.access.authLevel ?? 'SpidL2', `/enti/${service.tenant.slug}/servizi/${service.slug}/domanda`);
    const form = card.form;
    this.checkWindow(form);
    const subject = citizen.actingFor;
    if (form.filedBy === 'representative' && subject.kind === 'self') {
      throw conflict("Questa pratica la presenta un professionista o un rappresentante per conto di qualcuno: scegli prima per chi operi nell'area personale. (Choose whom you act for first.)");
    }
    const scope = await this.citizenScope(citizen);
    const existing = await inScope(this.db, scope, (trx) => new ApplicationsRepository(trx).openDraft(citizen.id, serviceId, subject.fiscalCode));
    if (existing) return { created: false, detail: await this.get(citizen, existing.id) };

    const { values, registryPeople } = await this.prefillValues(citizen, service.tenant.id);
    const { data, prefilled } = prefillDraft(form, values);
    // The subject's registry record went into the draft: logged in the subject's log. The family members' records
    // (a form that lists the household) are not logged in theirs: the entry would tell a spouse that the other
    // filed, say, a request for help against violence (GDPR art. 15(4): access must not harm the rights of others).
    const fromRegistry = Object.keys(prefilled).some((pointer) => prefilled[pointer] === 'registry');
    const readPeople = fromRegistry ? registryPeople.filter((p) => p.self) : [];
    // A second tab (or a retry) starting at the same instant: either it sees the first draft here, or both insert
    // and the unique index refuses the later one, which then resumes the draft the first committed.
    const started = await inScope(this.db, scope, async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const again = await repo.openDraft(citizen.id, serviceId, subject.fiscalCode);
      if (again) return { id: again.id, created: false };
      const newId = await repo.insert({
        tenantId: service.tenant.id, code: applicationCode(service.tenant.slug, new Date()), serviceId, serviceVersion: service.version,
        officeId: service.office?.id ?? null, citizenId: citizen.id, filerName: citizen.name, subjectKind: subject.kind,
        subjectRef: subject.id, subjectFiscalCode: subject.fiscalCode, subjectName: subject.name, data, prefilled,
        currentStep: form.steps[0]!.id, maxDays: card.maxDays,
      });
      await repo.addEvent({ tenantId: service.tenant.id, applicationId: newId, type: 'created', toStatus: 'draft', actorKind: 'citizen', actorId: citizen.id,
        actorLabel: citizen.name, details: { serviceVersion: service.version, subjectKind: subject.kind } });
      await recordPersonalDataReads(trx, readPeople.map((p) => ({
        tenantId: service.tenant.id, subjectFiscalCode: p.fiscalCode, citizenId: p.self ? citizen.id : null, actor: SYSTEM_ACTOR, officeName: null,
        object: { type: 'registry', id: newId, label: `Dati anagrafici per la domanda «${card.title}»` }, operation: 'registry',
        purpose: `Precompilazione della domanda «${card.title}» con i dati già in possesso del Comune, invece di chiederli di nuovo`,
        legalBasis: LEGAL_BASIS.onceOnly,
      })));
      return { id: newId, created: true };
    }).catch(async (err: unknown) => {
      if ((err as { constraint?: string }).constraint !== 'applications_one_draft_idx') throw err;
      const first = await inScope(this.db, scope, (trx) => new ApplicationsRepository(trx).openDraft(citizen.id, serviceId, subject.fiscalCode));
      if (!first) throw err;
      return { id: first.id, created: false };
    });
    return { created: started.created, detail: await this.get(citizen, started.id) };
  }

  /**
   * A draft in a person's own name, started for them by an operator at the desk (reception): the person finds it in
   * "Le mie pratiche" to complete and send. The caller (the reception) has checked at which office the operator
   * works and who the person is (a citizen account, made from the registry if they never signed in). Prefilled
   * like the person's own draft; the history says it was started at the desk and by whom. An open draft of theirs
   * for the same service is returned instead of a second one. `alsoInTransaction` runs in the same transaction when
   * the draft is new (the reception's contacts register).
   */
  async startAtDesk(staff: StaffActor, person: { citizenId: string; fiscalCode: string; name: string }, serviceId: string, desk: { officeId: string; officeName: string },
    alsoInTransaction?: (trx: Kysely<DB>, draft: { id: string; code: string }) => Promise<void>): Promise<{ created: boolean; id: string; code: string }> {
    const service = await this.deps.catalog.get(serviceId);
    requireAccess(staff, 'desk.reception', { tenantId: service.tenant.id, officeId: desk.officeId });
    const card = service.card as ServiceCard;
    if (!card.form || !card.access.online || card.status !== 'active') {
      throw conflict(`"${card.title}" non si richiede online con Sportello: non si può avviare una pratica per la persona. (No online form.)`);
    }
    const form = card.form;
    this.checkWindow(form, clock.now());
    if (form.filedBy === 'representative') {
      throw conflict(`"${card.title}" la presenta un professionista o un rappresentante per conto di qualcuno: allo sportello si avviano solo le pratiche che la persona presenta per sé. (Filed by a representative.)`);
    }
    const self: Subject = { kind: 'self', id: person.citizenId, fiscalCode: person.fiscalCode, name: person.name };
    const asPerson: CitizenActor = { kind: 'citizen', id: person.citizenId, name: person.name, fiscalCode: person.fiscalCode, roles: ['citizen'],
      auth: { method: 'desk', level: 'SpidL1' }, actingFor: self };
    const { values, registryPeople } = await this.prefillValues(asPerson, service.tenant.id);
    const { data, prefilled } = prefillDraft(form, values);
    const fromRegistry = Object.keys(prefilled).some((pointer) => prefilled[pointer] === 'registry');
    const readPeople = fromRegistry ? registryPeople.filter((p) => p.self) : [];
    return inScope(this.db, { tenantId: service.tenant.id }, async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const open = await repo.openDraft(person.citizenId, serviceId, person.fiscalCode);
      if (open) {
        const row = (await repo.findById(open.id))!;
        return { created: false, id: row.id, code: row.code };
      }
      const code = applicationCode(service.tenant.slug, clock.now());
      const id = await repo.insert({
        tenantId: service.tenant.id, code, serviceId, serviceVersion: service.version, officeId: service.office?.id ?? null, citizenId: person.citizenId,
        filerName: person.name, subjectKind: 'self', subjectRef: person.citizenId, subjectFiscalCode: person.fiscalCode, subjectName: person.name,
        data, prefilled, currentStep: form.steps[0]!.id, maxDays: card.maxDays,
      });
      await repo.addEvent({ tenantId: service.tenant.id, applicationId: id, type: 'created', toStatus: 'draft', actorKind: staff.kind === 'token' ? 'token' : 'operator',
        actorId: staff.id, actorLabel: staff.name, note: `Avviata allo sportello (${desk.officeName}) da ${staff.name}, per conto della persona`,
        details: { serviceVersion: service.version, subjectKind: 'self', startedAt: 'desk', officeId: desk.officeId } });
      await recordPersonalDataReads(trx, readPeople.map((p) => ({
        tenantId: service.tenant.id, subjectFiscalCode: p.fiscalCode, citizenId: person.citizenId, actor: SYSTEM_ACTOR, officeName: null,
        object: { type: 'registry', id, label: `Dati anagrafici per la domanda «${card.title}»` }, operation: 'registry',
        purpose: `Precompilazione della domanda «${card.title}», avviata allo sportello, con i dati già in possesso del Comune`,
        legalBasis: LEGAL_BASIS.onceOnly,
      })));
      await alsoInTransaction?.(trx, { id, code });
      return { created: true, id, code };
    });
  }

  private checkWindow(form: ServiceForm, now = new Date()) {
    if (!form.window) return;
    const fmt = (iso: string) => new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(iso));
    if (now < new Date(form.window.opensAt)) throw conflict(`Le domande si presentano dal ${fmt(form.window.opensAt)}. (Applications open on ${form.window.opensAt}.)`);
    if (now > new Date(form.window.closesAt)) throw conflict(`Le domande si sono chiuse il ${fmt(form.window.closesAt)}. (Applications closed on ${form.window.closesAt}.)`);
  }

  /** What the body holds about the applicant and the subject, by prefill source. */
  private async prefillValues(citizen: CitizenActor, tenantId: string): Promise<{ values: PrefillValues; registryPeople: { fiscalCode: string; self: boolean }[] }> {
    const profile = await inScope(this.db, { citizenId: citizen.id }, (trx) => trx.selectFrom('citizens').selectAll().where('id', '=', citizen.id).executeTakeFirst());
    const v: PrefillValues = {
      'applicant.givenName': profile?.given_name, 'applicant.familyName': profile?.family_name, 'applicant.fiscalCode': citizen.fiscalCode,
      'applicant.birthDate': profile?.birth_date ?? undefined, 'applicant.birthPlace': profile?.birth_place ?? undefined,
      'applicant.email': profile?.email ?? undefined, 'applicant.phone': profile?.phone ?? undefined, 'applicant.address': profile?.address ?? undefined,
    };
    const subject = citizen.actingFor;
    if (subject.kind === 'company') {
      const company = await this.deps.registry.company(subject.id);
      if (company) Object.assign(v, { 'company.name': company.name, 'company.fiscalCode': company.fiscal_code, 'company.legalForm': company.legal_form, 'company.address': company.address });
      return { values: v, registryPeople: [] };
    }
    const record = await this.deps.registry.recordOf(tenantId, subject.fiscalCode);
    if (record) {
      const p = record.person;
      Object.assign(v, {
        'subject.givenName': p.given_name, 'subject.familyName': p.family_name, 'subject.fiscalCode': p.fiscal_code,
        'subject.birthDate': p.birth_date, 'subject.birthPlace': p.birth_place, 'subject.citizenship': p.citizenship, 'subject.address': p.address,
        'subject.family': record.family.map((m): FamilyMember => ({
          givenName: m.given_name, familyName: m.family_name, fiscalCode: m.fiscal_code, birthDate: String(m.birth_date), relation: m.family_relation,
        })),
      });
    } else if (subject.kind === 'self') {
      // not resident in this body: what the identity provider said
      Object.assign(v, {
        'subject.givenName': profile?.given_name, 'subject.familyName': profile?.family_name, 'subject.fiscalCode': citizen.fiscalCode,
        'subject.birthDate': profile?.birth_date ?? undefined, 'subject.birthPlace': profile?.birth_place ?? undefined,
      });
    } else {
      const [givenName, ...rest] = subject.name.split(' ');
      Object.assign(v, { 'subject.fiscalCode': subject.fiscalCode, 'subject.givenName': givenName, 'subject.familyName': rest.join(' ') });
    }
    const registryPeople = record ? record.family.map((m) => ({ fiscalCode: m.fiscal_code, self: m.fiscal_code === record.person.fiscal_code })) : [];
    return { values: v, registryPeople };
  }

  /** Saves steps of a draft (each step sent replaces the saved one); locked prefilled values are kept. */
  async save(actor: Actor | null, id: string, patch: { data?: Record<string, unknown>; currentStep?: string }, ifMatch?: number): Promise<ApplicationDetail> {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    await this.withApplication(citizen, id, async (repo, row) => {
      if (row.status === 'payment_pending' && !row.submitted_at) {
        throw conflict('La domanda attende il pagamento: per cambiare le risposte annulla prima il pagamento dalla pagina della pratica. (Waiting for the payment: cancel it to change the answers.)');
      }
      if (row.status !== 'draft') throw conflict('La domanda è già stata inviata: non si può più modificare. (Already submitted.)');
      if (ifMatch !== undefined && ifMatch !== row.revision) {
        throw new Problem(412, 'Bozza modificata altrove', 'La bozza è stata salvata da un altro dispositivo o scheda: ricarica per vedere la versione più recente. (Saved elsewhere meanwhile: reload.)');
      }
      const { form } = await this.formOf(repo, row.service_id, row.service_version);
      const stepIds = new Set(form.steps.map((s) => s.id));
      const incoming = { ...(patch.data ?? {}) };
      const problems: FieldProblem[] = [];
      for (const [key, value] of Object.entries(incoming)) {
        if (!stepIds.has(key)) problems.push({ path: `/${key}`, message: `passo sconosciuto "${key}" (unknown step)` });
        else if (!value || typeof value !== 'object' || Array.isArray(value)) problems.push({ path: `/${key}`, message: 'ogni passo è un oggetto (each step is an object)' });
      }
      if (patch.currentStep !== undefined && !stepIds.has(patch.currentStep) && !['allegati', 'riepilogo'].includes(patch.currentStep)) {
        problems.push({ path: '/currentStep', message: `passo sconosciuto "${patch.currentStep}"` });
      }
      if (problems.length) throw badRequest(problems.map((p) => p.message).join('; '), problems);
      keepLockedValues(form, row.prefilled as Record<string, string>, row.data, incoming);
      const data = { ...row.data, ...incoming };
      if (Buffer.byteLength(JSON.stringify(data)) > MAX_DRAFT_BYTES) throw new Problem(413, 'Bozza troppo grande', 'Le risposte superano i 256 KB consentiti. (Answers too large.)');
      await repo.saveDraft(id, data, patch.currentStep ?? row.current_step);
    }, true);
    return this.get(citizen, id);
  }

  async upload(actor: Actor | null, id: string, input: UploadInput) {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    // before anything reads the file, and outside the transaction (a scan may take seconds)
    await this.deps.uploadScreening.check([{ name: input.fileName, content: input.content }],
      { actor: `citizen:${citizen.id}`, channel: 'application.attachment', field: 'file', target: `application:${id}` });
    return this.withApplication(citizen, id, async (repo, row) => {
      const integration = row.status === 'awaiting_citizen';
      if (row.status !== 'draft' && !integration) throw conflict('Gli allegati si aggiungono alla bozza o quando l\'ufficio chiede un\'integrazione. (Not editable now.)');
      const { form } = await this.formOf(repo, row.service_id, row.service_version);
      const requirement = integration && input.requirementId === 'integrazione'
        ? { id: 'integrazione', title: 'Documenti integrativi', maxFiles: 10, maxSizeMb: 10, types: ['application/pdf', 'image/jpeg', 'image/png'] as const }
        : form.attachments.find((a) => a.id === input.requirementId);
      if (!requirement) throw notFound(`Il documento "${input.requirementId}" richiesto da questo modulo`);
      const existing = await repo.attachments(id);
      // the same file sent again for the same document (a retry after a timeout) is the same attachment
      const contentHash = createHash('sha256').update(input.content).digest('hex');
      const same = existing.find((a) => a.requirement_id === input.requirementId && a.sha256 === contentHash && !a.submitted);
      if (same) return { created: false, attachment: attachmentView(same) };
      const refuse = (status: number, title: string, detail: string) => new Problem(status, title, detail, [{ path: `/attachments/${requirement.id}`, message: detail }]);
      if (input.content.length > requirement.maxSizeMb * MB) {
        throw refuse(413, 'File troppo grande', `"${input.fileName}" pesa ${sizeText(input.content.length)}: per "${requirement.title}" il massimo è ${requirement.maxSizeMb} MB. Riduci il file (per esempio scansionando a 150 dpi) e riprova. (File too large.)`);
      }
      const type = sniffDocumentType(input.content);
      if (!type || !(requirement.types as readonly string[]).includes(type)) {
        const names = requirement.types.map((t) => TYPE_NAMES[t] ?? t);
        const allowed = names.length > 1 ? `${names.slice(0, -1).join(', ')} o ${names.at(-1)}` : names[0]!;
        throw refuse(415, 'Tipo di file non ammesso', `"${input.fileName}" non è un file ${allowed} valido: per "${requirement.title}" sono ammessi solo ${allowed}. (File type not allowed.)`);
      }
      const forRequirement = existing.filter((a) => a.requirement_id === requirement.id && (integration ? !a.submitted : true));
      if (forRequirement.length >= requirement.maxFiles) {
        throw refuse(409, 'Troppi file', `Per "${requirement.title}" si possono allegare al massimo ${requirement.maxFiles} file: togline uno prima di aggiungerne altri. (Too many files.)`);
      }
      if (!integration) {
        if (existing.length >= form.limits.maxFiles) throw refuse(409, 'Troppi file', `Questa domanda accetta al massimo ${form.limits.maxFiles} file in tutto. (Too many files.)`);
        const total = existing.reduce((s, a) => s + a.size, 0) + input.content.length;
        if (total > form.limits.maxTotalMb * MB) throw refuse(413, 'Allegati troppo grandi', `Gli allegati supererebbero i ${form.limits.maxTotalMb} MB consentiti in tutto. (Total size exceeded.)`);
      }
      const sha256 = await this.deps.storage.put(input.content);
      const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(-200) || 'allegato';
      const added = await repo.addAttachment({
        tenantId: row.tenant_id, applicationId: id, requirementId: requirement.id, fileName, contentType: type,
        size: input.content.length, sha256, uploadedBy: `citizen:${citizen.id}`, submitted: false,
      });
      await repo.touch(id);
      return { created: true, attachment: attachmentView(added) };
    });
  }

  async removeAttachment(actor: Actor | null, id: string, attachmentId: string) {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    await this.withApplication(citizen, id, async (repo, row) => {
      if (row.status !== 'draft' && row.status !== 'awaiting_citizen') throw conflict('Gli allegati di una domanda inviata restano agli atti. (Submitted attachments stay.)');
      if (!(await repo.removeAttachment(id, attachmentId))) throw notFound("L'allegato");
      await repo.touch(id);
    });
  }

  async attachmentFile(actor: Actor | null, id: string, attachmentId: string) {
    const found = await this.withApplication(actor, id, (repo) => repo.attachment(id, attachmentId), false, 'attachment');
    if (!found) throw notFound("L'allegato");
    return { fileName: found.file_name, contentType: found.content_type, content: await this.deps.storage.get(found.sha256) };
  }

  async documentFile(actor: Actor | null, id: string, documentId: string) {
    const found = await this.withApplication(actor, id, (repo) => repo.document(id, documentId), false, 'document');
    if (!found) throw notFound('Il documento');
    return { fileName: found.file_name, content: await this.deps.storage.get(found.sha256) };
  }

  // ---- submission -----------------------------------------------------------------------------------------

  /**
   * Sends the draft. Idempotent by state: sending an application already sent answers with the same
   * acknowledgement, so a double click, a retry or a second tab make one application. The acknowledgement is
   * returned only after the commit. A service that asks a payment first (paymentBeforeSubmission, with fees whose
   * total is above zero) gets the payment position instead: the application waits in payment_pending with its
   * answers frozen, and is sent by itself when the payment is confirmed (paymentConfirmed).
   */
  async submit(actor: Actor | null, id: string): Promise<{ created: boolean; ack: SubmissionAcknowledgement }> {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const result = await this.withApplication(citizen, id, async (repo, row, trx) => {
      if (row.status !== 'draft') {
        const awaited = row.status === 'payment_pending' && !row.submitted_at ? await this.payments?.awaitedBeforeSubmission(trx, id) ?? null : null;
        return { created: false, row, payment: awaited };
      }
      const { card, form } = await this.formOf(repo, row.service_id, row.service_version);
      requireLevel(citizen, card.access.authLevel ?? 'SpidL2', `/pratiche/${id}/compila`);
      this.checkWindow(form);
      const problems = validateAnswers(form, row.data);
      const attachments = await repo.attachments(id);
      for (const req of form.attachments) {
        if (attachmentRequired(req, row.data) && !attachments.some((a) => a.requirement_id === req.id)) {
          problems.push({ path: `/attachments/${req.id}`, message: `${req.title}: documento obbligatorio, allegalo prima di inviare` });
        }
      }
      if (problems.length) {
        throw new Problem(422, 'La domanda non è completa', `Correggi ${problems.length === 1 ? 'questo punto' : `questi ${problems.length} punti`} e invia di nuovo: ${problems.map((p) => p.message).join('; ')}`, problems);
      }
      const def = workflowOf(card);
      const fees = def.paymentBeforeSubmission ? computeFees(def.fees ?? [], row.data) : null;
      const auth = { method: citizen.auth.method, level: citizen.auth.level };
      if (fees && fees.totalCents > 0) {
        if (!this.payments) throw new Problem(503, 'Pagamenti non disponibili', 'Questo servizio chiede un pagamento prima dell\'invio, ma i pagamenti non sono attivi: riprova più tardi. (Payments are not available.)');
        const payment = await this.payments.requestBeforeSubmission(trx, row, { description: card.title.slice(0, 140), items: fees.items, by: citizen });
        await repo.setStatus(id, 'payment_pending');
        await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'payment_requested', fromStatus: 'draft', toStatus: 'payment_pending', actorKind: 'citizen',
          actorId: citizen.id, actorLabel: citizen.name,
          // how the applicant signed in: the submission made when the payment is confirmed records it as theirs
          details: { paymentId: payment.id, amountCents: payment.amountCents, purpose: 'before_submission', authMethod: auth.method, authLevel: auth.level } });
        return { created: true, row: (await repo.findById(id))!, payment };
      }
      await this.send(trx, repo, row, card, { actorKind: 'citizen', actorId: citizen.id, actorLabel: citizen.name }, auth, attachments.length);
      return { created: true, row: (await repo.findById(id))!, payment: null };
    }, true);
    if (result.created && result.payment) await this.payments?.afterCreate(result.payment.id);
    else if (result.created) this.deps.onSubmitted();
    const r = result.row;
    return {
      created: result.created,
      ack: {
        id: r.id, code: r.code, status: r.status, submittedAt: r.submitted_at?.toISOString() ?? null, protocol: protocolView(r),
        payment: result.payment ? { id: result.payment.id, amountCents: result.payment.amountCents } : null,
      },
    };
  }

  /**
   * The submission itself, the same whether the applicant sends the draft or the payment it waited for is
   * confirmed: the submission time is taken under the register's shared lock (see ProtocolRegistrar), the legal
   * clock starts, the timeline and the workflow hear of it. The caller wakes the registrar after the commit.
   */
  private async send(trx: Kysely<DB>, repo: ApplicationsRepository, row: ApplicationRow, card: ServiceCard, who: Who, auth: { method: string; level: string }, attachments: number) {
    await holdRegisterForSubmission(trx, row.tenant_id);
    const submittedAt = await repo.markSubmitted(row.id, auth);
    await repo.setStatus(row.id, 'submitted', { due_date: dueDate(romeDate(submittedAt), row.max_days ?? card.maxDays) });
    // at the submission instant: after anything else this transaction recorded (the payment that sent it)
    await repo.addEvent({ tenantId: row.tenant_id, applicationId: row.id, type: 'submitted', fromStatus: row.status, toStatus: 'submitted', ...who,
      details: { authMethod: auth.method, authLevel: auth.level, attachments }, at: submittedAt });
    await this.deps.workflow.emit(trx, row, workflowOf(card), 'submitted', `${row.id}:submitted`);
  }

  /** The fees the draft's current answers make the applicant pay before sending (none when the service asks no payment first). */
  async fees(actor: Actor | null, id: string): Promise<FeesPreview> {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    return this.withApplication(citizen, id, async (repo, row) => {
      const def = workflowOf(await this.cardOf(repo, row.service_id, row.service_version));
      return def.paymentBeforeSubmission ? computeFees(def.fees ?? [], row.data) : { items: [], totalCents: 0 };
    });
  }

  // ---- payments (PaymentsService calls these in its own transactions) -----------------------------------------

  /** The payment the application waits for: the last one asked while it is in payment_pending. */
  async awaitedPayment(trx: Kysely<DB>, applicationId: string): Promise<string | null> {
    const repo = new ApplicationsRepository(trx);
    const row = await repo.findById(applicationId);
    if (row?.status !== 'payment_pending') return null;
    const asked = await repo.lastEvent(applicationId, 'payment_requested');
    return (asked?.details.paymentId as string | undefined) ?? null;
  }

  /**
   * The office asked for a payment while handling the application (status registered or in_progress, checked by
   * the caller under the row lock): it waits in payment_pending and the legal clock stands still meanwhile.
   */
  async paymentRequested(trx: Kysely<DB>, row: ApplicationRow, payment: { id: string; amountCents: number; dueDate: string }, by: StaffActor, note: string | null,
    idempotencyKey?: string) {
    const repo = new ApplicationsRepository(trx);
    await repo.setStatus(row.id, 'payment_pending');
    await repo.addEvent({ tenantId: row.tenant_id, applicationId: row.id, type: 'payment_requested', fromStatus: row.status, toStatus: 'payment_pending',
      actorKind: by.kind === 'token' ? 'token' : 'operator', actorId: by.id, actorLabel: by.name, note,
      details: { paymentId: payment.id, amountCents: payment.amountCents, dueDate: payment.dueDate, purpose: 'requested', ...(idempotencyKey ? { idempotencyKey } : {}) } });
  }

  /**
   * A payment of the application was confirmed, in the confirmation's transaction. The application moves only if
   * it still waits for that very payment: before submission it is sent now, as submit() would have (the applicant
   * is recorded as the sender); after submission the office's work resumes (in_progress) with the due date moved
   * by the days it waited. Anything else (a duplicate, a payment the applicant had given up) changes nothing.
   * Says what happened; on 'submitted' the caller wakes the registrar after the commit (wakeRegistrar).
   */
  async paymentConfirmed(trx: Kysely<DB>, applicationId: string, payment: { id: string; amountCents: number }): Promise<'submitted' | 'resumed' | null> {
    const repo = new ApplicationsRepository(trx);
    const row = await repo.findById(applicationId, true);
    if (!row || row.status !== 'payment_pending') return null;
    const asked = await repo.lastEvent(applicationId, 'payment_requested');
    if (asked?.details.paymentId !== payment.id) return null;
    const system: Who = { actorKind: 'system', actorId: null, actorLabel: 'pagoPA' };
    if (!row.submitted_at) {
      await repo.addEvent({ tenantId: row.tenant_id, applicationId, type: 'payment_received', ...system, details: { paymentId: payment.id, amountCents: payment.amountCents } });
      const { card } = await this.formOf(repo, row.service_id, row.service_version);
      const attachments = (await repo.attachments(applicationId)).length;
      const auth = { method: String(asked.details.authMethod ?? 'spid'), level: String(asked.details.authLevel ?? 'SpidL2') };
      await this.send(trx, repo, row, card, { actorKind: 'citizen', actorId: row.citizen_id, actorLabel: row.filer_name }, auth, attachments);
      return 'submitted';
    }
    const { suspended, to } = await this.resume(repo, row, asked);
    await repo.addEvent({ tenantId: row.tenant_id, applicationId, type: 'payment_received', fromStatus: 'payment_pending', toStatus: to, ...system,
      details: { paymentId: payment.id, amountCents: payment.amountCents, suspendedDays: suspended } });
    return 'resumed';
  }

  /**
   * The payment the application waited for will not come (cancelled by the applicant or the office, or expired),
   * in that change's transaction: a draft again before submission (the applicant may change the answers and send
   * again), the office's work again after. Nothing happens when the application was not waiting for it.
   */
  async paymentWithdrawn(trx: Kysely<DB>, applicationId: string, paymentId: string, how: { who: Who; note: string | null }): Promise<boolean> {
    const repo = new ApplicationsRepository(trx);
    const row = await repo.findById(applicationId, true);
    if (!row || row.status !== 'payment_pending') return false;
    const asked = await repo.lastEvent(applicationId, 'payment_requested');
    if (asked?.details.paymentId !== paymentId) return false;
    if (!row.submitted_at) {
      await repo.setStatus(applicationId, 'draft');
      await repo.addEvent({ tenantId: row.tenant_id, applicationId, type: 'payment_cancelled', fromStatus: 'payment_pending', toStatus: 'draft', ...how.who, note: how.note,
        details: { paymentId } });
      return true;
    }
    const { suspended, to } = await this.resume(repo, row, asked);
    await repo.addEvent({ tenantId: row.tenant_id, applicationId, type: 'payment_cancelled', fromStatus: 'payment_pending', toStatus: to, ...how.who, note: how.note,
      details: { paymentId, suspendedDays: suspended } });
    return true;
  }

  /**
   * Back to where the office was when it asked the payment (registered or in_progress: the request's fromStatus)
   * after a wait in payment_pending: the days waited move the due date, as an integration does.
   */
  private async resume(repo: ApplicationsRepository, row: ApplicationRow, asked: { from_status: string | null } | undefined): Promise<{ suspended: number; to: 'registered' | 'in_progress' }> {
    const now = clock.now();
    const to = asked?.from_status === 'registered' ? 'registered' : 'in_progress';
    const changes = [...(await repo.statusChanges(row.id)).map((c) => ({ at: c.at, toStatus: c.to_status! })), { at: now, toStatus: to }];
    const suspended = suspendedDays(changes, now);
    await repo.setStatus(row.id, to, { suspended_days: suspended, due_date: dueDate(romeDate(row.submitted_at!), row.max_days ?? 0, suspended) });
    return { suspended, to };
  }

  /** After a commit that sent an application (a payment confirmed): the protocol registrar picks it up. */
  wakeRegistrar() {
    this.deps.onSubmitted();
  }

  // ---- reading --------------------------------------------------------------------------------------------

  async list(actor: Actor | null, query: { statuses?: ApplicationStatus[]; serviceId?: string; subject?: string; profile?: ProfileKind; cursor?: string; limit?: number }) {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const limit = query.limit ?? 20;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as { c: string; i: string };
        if (typeof parsed.c !== 'string' || !/^[0-9a-f-]{36}$/.test(parsed.i) || Number.isNaN(Date.parse(parsed.c))) throw new Error('bad');
        after = { createdAt: parsed.c, id: parsed.i };
      } catch {
        throw badRequest('Il cursore di paginazione non è valido: ricomincia dalla prima pagina. (Invalid cursor.)');
      }
    }
    const [scope, companyCodes] = await Promise.all([this.citizenScope(citizen), query.profile ? this.companyCodes(citizen) : []]);
    const profile = query.profile ? { kind: query.profile, citizenId: citizen.id, companyCodes } : undefined;
    const rows = await inScope(this.db, scope, (trx) =>
      new ApplicationsRepository(trx).list({ statuses: query.statuses, serviceId: query.serviceId, subjectFiscalCode: query.subject, profile, after, limit: limit + 1 }));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => summaryView(r, citizen)),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ c: last.created_at.toISOString(), i: last.id })).toString('base64url') : null,
    };
  }

  /** The companies the citizen represents: what others file for them belongs to the citizen's company profile. */
  private async companyCodes(citizen: CitizenActor): Promise<string[]> {
    return (await this.deps.registry.companiesRepresentedBy(citizen.fiscalCode)).map((c) => c.fiscal_code);
  }

  /** How many applications of each profile are open, await the citizen, are drafts; unread messages from offices. */
  async profileCounts(actor: Actor | null): Promise<Partial<Record<ProfileKind, ProfileCounts>>> {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const [scope, companyCodes] = await Promise.all([this.citizenScope(citizen), this.companyCodes(citizen)]);
    const open = APPLICATION_STATUSES.filter((s) => s !== 'draft' && !CLOSED_STATUSES.includes(s));
    const rows = await inScope(this.db, scope, (trx) => new ApplicationsRepository(trx).countsByProfile({ citizenId: citizen.id, companyCodes }, open));
    return Object.fromEntries(rows.map((r) => [r.profile, { open: r.open, awaiting: r.awaiting, drafts: r.drafts, unreadMessages: r.unread }]));
  }

  async get(actor: Actor | null, id: string): Promise<ApplicationDetail> {
    return this.withApplication(actor, id, (repo, row) => this.detailOf(repo, row, actor!), false, 'view');
  }

  /**
   * The application as this actor sees it, read in the caller's unit of work: after a transition that takes it
   * out of the operator's reach (reassigned, visa given) they still get the answer to what they did.
   */
  async detailOf(repo: ApplicationsRepository, row: ApplicationRow, actor: Actor): Promise<ApplicationDetail> {
    const id = row.id;
    {
      const [card, attachments, documents, changes, events, rating] = await Promise.all([
        this.cardOf(repo, row.service_id, row.service_version),
        repo.attachments(id), repo.documents(id), repo.statusChanges(id), repo.events(id, false), repo.rating(id),
      ]);
      // read in the same unit of work (the embedded database has one session): the trx behind repo
      const payments = this.payments ? await this.payments.summariesOf(repo.executor, id) : [];
      const def = workflowOf(card);
      const staff = isStaff(actor) ? actor : null;
      return detailView(row, {
        viewer: actor!, attachments, documents, rating: rating ?? null, maxDays: row.max_days ?? card?.maxDays ?? 0, form: card?.form ?? null,
        changes: changes.map((c) => ({ at: c.at, toStatus: c.to_status! })),
        awaitingEvent: row.status === 'awaiting_citizen' ? [...events].reverse().find((e) => e.type === 'integration_requested') : undefined,
        actions: staff ? actionsInStatus(row).filter((a) => mayPerform(staff, row, def, a).ok) : citizenActions(row.status, !!row.submitted_at),
        workflow: def, staff: !!staff, payments,
      });
    }
  }

  /** The citizen's inbox of notifications (outcomes and what the office asks). */
  async citizenNotifications(actor: Actor | null) {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const { items, unread } = await inScope(this.db, { citizenId: citizen.id }, async (trx) => ({
      items: await trx.selectFrom('notifications')
        .select(['id', 'subject', 'body', 'application_id', 'created_at', 'read_at'])
        .where('citizen_id', '=', citizen.id).where('channel', '=', 'inbox').orderBy('created_at', 'desc').limit(50).execute(),
      // all the unread ones, not only among the 50 shown
      unread: (await trx.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('citizen_id', '=', citizen.id).where('channel', '=', 'inbox').where('read_at', 'is', null).executeTakeFirstOrThrow()).n,
    }));
    return {
      items: items.map((n) => ({ id: n.id, subject: n.subject, body: n.body, applicationId: n.application_id, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
      unread: Number(unread),
    };
  }

  async history(actor: Actor | null, id: string): Promise<{ items: TimelineEntry[] }> {
    return this.withApplication(actor, id, async (repo, row) => {
      const events = await repo.events(id, isStaff(actor));
      return {
        items: events.map((e) => ({
          id: e.id, at: e.at.toISOString(), type: e.type, fromStatus: e.from_status, toStatus: e.to_status,
          // a citizen sees "Tu" for their own steps and the office, not the operator's name, for the office's
          actorLabel: isCitizen(actor) && e.actor_kind === 'citizen' && e.actor_id === actor.id ? 'Tu'
            : isCitizen(actor) && (e.actor_kind === 'operator' || e.actor_kind === 'token') ? (row.office_name ?? row.tenant_name) : e.actor_label,
          note: e.note, internal: e.internal,
        })),
      };
    }, false, 'history');
  }

  // ---- transitions ----------------------------------------------------------------------------------------

  /** The applicant's own transitions: answering a request for more, withdrawing. The office's are in HandlingService. */
  async transition(actor: Actor | null, id: string, action: TransitionAction, body: { note?: string }, ifMatch?: number) {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const after: { commit?: () => Promise<void> } = {};
    await this.withApplication(citizen, id, async (repo, row, trx) => {
      if (ifMatch !== undefined && ifMatch !== row.revision) {
        throw new Problem(412, 'Pratica aggiornata nel frattempo', "L'ufficio ha appena aggiornato la pratica: ricarica la pagina e riprova. (Changed meanwhile: reload.)");
      }
      const allowed = citizenActions(row.status, !!row.submitted_at);
      if (!allowed.includes(action)) {
        if (!citizenActions('in_progress').includes(action) && !citizenActions('awaiting_citizen').includes(action)) {
          throw new Problem(403, 'Operazione non consentita', "Questa operazione la fa l'ufficio. (Only the office can do this.)");
        }
        throw conflict(`Non si può fare "${action}" su una pratica nello stato "${row.status}". (Not allowed in this status.)`);
      }
      const note = body.note?.trim() || null;
      const who = { actorKind: 'citizen' as const, actorId: citizen.id, actorLabel: citizen.name };
      const now = clock.now();
      const def = workflowOf(await this.cardOf(repo, row.service_id, row.service_version));
      if (action === 'answer_integration') {
        const changes = [...(await repo.statusChanges(id)).map((c) => ({ at: c.at, toStatus: c.to_status! })), { at: now, toStatus: 'in_progress' }];
        const suspended = suspendedDays(changes, now);
        await repo.setStatus(id, 'in_progress', { suspended_days: suspended, due_date: dueDate(romeDate(row.submitted_at!), row.max_days ?? 0, suspended) });
        await repo.markIntegrationSubmitted(id);
        await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'integration_answered', fromStatus: row.status, toStatus: 'in_progress', ...who, note, details: { suspendedDays: suspended } });
        await this.deps.workflow.emit(trx, row, def, 'integration_answered', `${id}:${row.revision}`);
      } else {
        // what it still asked to pay is cancelled with it (the notice withdrawn at the provider after the commit)
        if (row.status === 'payment_pending' && this.payments) after.commit = await this.payments.applicationWithdrawn(trx, row, { kind: 'citizen', id: citizen.id, label: citizen.name });
        await repo.setStatus(id, 'withdrawn', { closed_at: now });
        await repo.addEvent({ tenantId: row.tenant_id, applicationId: id, type: 'withdrawn', fromStatus: row.status, toStatus: 'withdrawn', ...who, note });
        await this.deps.workflow.emit(trx, row, def, 'withdrawn', `${id}:withdrawn`);
      }
    }, true);
    await after.commit?.();
    return this.get(actor, id);
  }

  // ---- rating ---------------------------------------------------------------------------------------------

  async rate(actor: Actor | null, id: string, input: RatingInput) {
    const citizen = requireAccess(actor, 'application.apply') as CitizenActor;
    const reasons: readonly string[] = input.score <= 3 ? RATING_REASONS_LOW : RATING_REASONS_HIGH;
    if (input.reason && !reasons.includes(input.reason)) {
      throw badRequest(`Il motivo "${input.reason}" non corrisponde a un giudizio di ${input.score} stelle. (Reason does not match the score.)`, [{ path: 'reason', message: 'motivo non valido per questo punteggio' }]);
    }
    return this.withApplication(citizen, id, async (repo, row) => {
      if (!row.submitted_at) throw conflict('Potrai valutare il servizio dopo aver inviato la domanda. (Rate after sending.)');
      const comment = input.comment?.trim() || null;
      await repo.saveRating({ applicationId: id, tenantId: row.tenant_id, serviceId: row.service_id, score: input.score, reason: input.reason ?? null, comment });
      return { score: input.score, reason: input.reason ?? null, comment };
    });
  }
}
