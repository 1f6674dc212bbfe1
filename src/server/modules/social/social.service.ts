/**
 * The social services of a district (ambito sociale): first contacts (segretariato sociale), case files with their
 * professionals, household, ISEE, diary, plan and interventions, status, assessments and reserved part.
 *
 * Who may do what: only social workers of the district (social.read / social.write), within their grant's comuni,
 * sectors and target areas (social-scope.ts); a case outside the grant answers 404 like another district's; the
 * reserved part and reserved diary entries need the grant's explicit reserved permission (social.reserved).
 * Special-category data (the need in the person's words, the diary's text, court measures, health, SINA, SINBA) is
 * sealed with the field cipher, bound to its row's id, and never leaves this service but in the answer.
 * Every answer with a person's data writes the access log in the same transaction (LEGAL_BASIS.socialServices);
 * a case withheld from its subject (a court's child-protection proceeding) logs hidden from them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  CLOSE_REASON_LABELS, DIARY_KINDS, INTERVENTION_TYPES, SECTORS, TARGET_AREAS, interventionType,
  type CaseAction, type CaseAlert, type CaseDetail, type CaseEvent, type CaseStatus, type CaseSummary, type CloseReason, type DiaryEntry, type DiaryKind,
  type FirstContact, type FirstContactInput, type HouseholdMember, type Intervention, type InterventionInput, type IseeInfo, type ReservedPart,
  type Sector, type SinaAssessment, type SinbaRecord, type SocialComune, type SocialPerson, type SocialPersonInput, type TargetArea, type WorkerRole,
} from '../../../contracts/social.ts';
import type { DB } from '../../db/schema.ts';
import { isCitizen, isStaff, requireAccess, type Action, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, forbidden, notFound, Problem, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import type { FieldCipher } from '../../platform/field-cipher.ts';
import { addDays } from '../../platform/legal-clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import { changedSinceExport } from './psa-snapshot.ts';
import { grantCoversRow, hasReserved, isCoordinator, isSocialWorker, requireSocialAccess, socialGrants, socialScopeFilter } from './social-scope.ts';
import { SocialRepository } from './social.repository.ts';

type CaseRow = NonNullable<Awaited<ReturnType<SocialRepository['caseRow']>>>;
type PersonRow = NonNullable<Awaited<ReturnType<SocialRepository['person']>>>;
type InterventionRow = Awaited<ReturnType<SocialRepository['interventions']>>[number];
type DiaryRow = Awaited<ReturnType<SocialRepository['diary']>>[number];
type ContactRow = Awaited<ReturnType<SocialRepository['listContacts']>>[number];

/** Why a withheld case's reads are kept from the person (shown to them when the hiding ends). */
export const WITHHELD_REASON = 'procedimento a tutela di minore: art. 23 GDPR, legge 184/1983';
/** "For ever": a withheld case's reads stay hidden until the district lifts the withholding. */
export const WITHHELD_UNTIL = new Date('9999-12-31T00:00:00Z');
/** History events that speak of the reserved part or reserved diary entries: only for the reserved permission. */
const RESERVED_EVENT_KINDS = ['reserved', 'diary_reserved'];
const REVIEW_WINDOW_DAYS = 14;
const EXPIRING_WINDOW_DAYS = 30;
const PAGE = 50;

const unprocessable = (title: string, errors: ProblemItem[]) =>
  new Problem(422, title, `${errors.map((e) => e.message).join('; ')}`, errors);

const isoDate = (v: string | null | undefined) => v ?? null;
const cents = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const personName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const o = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && o < 1_000_000) return o;
  } catch {
    // answered below
  }
  throw badRequest('Il cursore di paginazione non è valido: ricomincia dalla prima pagina. (Invalid cursor.)',
    [{ path: 'query.cursor', message: 'cursore non valido: usa nextCursor della pagina precedente (invalid cursor)' }]);
}
const encodeOffset = (o: number) => Buffer.from(JSON.stringify({ o })).toString('base64url');

export interface CasePatch {
  household?: HouseholdMember[];
  isee?: IseeInfo | null;
  nextReviewOn?: string | null;
  workers?: { operatorId: string; role: WorkerRole }[];
  sector?: Sector;
  targetArea?: TargetArea;
  withheldFromSubject?: boolean;
  withheldReason?: string | null;
}

export interface TransitionBody {
  note?: string;
  on?: string;
  closeReason?: CloseReason;
}

export class SocialService {
  constructor(private readonly db: Kysely<DB>, private readonly deps: { fieldCipher: FieldCipher }) {}

  private get cipher() {
    return this.deps.fieldCipher;
  }

  // ---- who ---------------------------------------------------------------------------------------------------

  /** A district-wide route (lists, new contacts): staff of another role 403, citizens 403, anonymous 401. */
  private worker(actor: Actor | null, action: Action): StaffActor {
    if (!actor) throw unauthorized();
    return requireAccess(actor, action, isStaff(actor) ? { tenantId: actor.tenantId } : {}) as StaffActor;
  }

  private logActor(actor: StaffActor) {
    return { kind: actor.kind === 'token' ? 'token' as const : 'operator' as const, id: actor.id, label: actor.name };
  }

  private read(actor: StaffActor, tenantId: string, fiscalCode: string, object: { type: string; id: string; label: string }, operation: string,
    purpose: string, withheld: boolean): PersonalDataRead {
    return {
      tenantId, subjectFiscalCode: fiscalCode, actor: this.logActor(actor), officeName: 'Servizio sociale', object, operation, purpose,
      legalBasis: LEGAL_BASIS.socialServices,
      ...(withheld ? { hiddenUntil: WITHHELD_UNTIL, hiddenReason: WITHHELD_REASON } : {}),
    };
  }

  /**
   * Finds the case for the actor and runs fn in the district's scope: another district's case (or none) 404, a
   * role without the permission 403, a case outside the worker's grant 404.
   */
  private async reachCase<T>(actor: Actor | null, caseId: string, action: Action, fn: (trx: Transaction<DB>, repo: SocialRepository, row: CaseRow, staff: StaffActor) => Promise<T>,
    opts: { reserved?: boolean; lock?: boolean } = {}): Promise<T> {
    if (!actor) throw unauthorized();
    if (isCitizen(actor)) requireAccess(actor, action, { tenantId: '' });
    const tenantId = await inScope(this.db, { platform: true }, async (trx) => (await new SocialRepository(trx).caseTenant(caseId))?.tenant_id);
    if (!tenantId) {
      requireAccess(actor, action, isStaff(actor) ? { tenantId: actor.tenantId } : {});
      throw notFound('La cartella sociale');
    }
    requireAccess(actor, action, { tenantId });
    return inScope(this.db, { tenantId }, async (trx) => {
      const repo = new SocialRepository(trx);
      const row = opts.lock ? await repo.caseForUpdate(tenantId, caseId) : await repo.caseRow(tenantId, caseId);
      if (!row) throw notFound('La cartella sociale');
      const staff = requireSocialAccess(actor, action, row, { reserved: opts.reserved });
      return fn(trx, repo, row, staff);
    });
  }

  // ---- the worker and the district ---------------------------------------------------------------------------

  /** What the signed-in staff member may do in the social services (any staff of the district; not API tokens). */
  async me(actor: Actor | null) {
    if (!actor) throw unauthorized();
    if (!isStaff(actor) || actor.kind !== 'operator') throw forbidden();
    const grants = socialGrants(actor);
    const unlimited = grants.some((g) => !g.comuni.length);
    const comuneIds = unlimited ? [] : [...new Set(grants.flatMap((g) => g.comuni))];
    const names = await inScope(this.db, { tenantId: actor.tenantId }, (trx) => new SocialRepository(trx).tenantNames(comuneIds));
    const all = <T extends string>(lists: string[][]): T[] => (lists.some((l) => !l.length) ? [] : [...new Set(lists.flat())] as T[]);
    return {
      socialWorker: grants.length > 0,
      canExport: isCoordinator(actor),
      reserved: hasReserved(actor),
      canFigures: grants.length > 0 || actor.roles.some((r) => r === 'manager' || r === 'tenant_admin' || r === 'platform_admin'),
      scope: {
        comuni: names.map((n) => n.name).sort(),
        sectors: grants.length ? all<Sector>(grants.map((g) => g.sectors)) : [],
        targetAreas: grants.length ? all<TargetArea>(grants.map((g) => g.targetAreas)) : [],
      },
    };
  }

  private async comuniOf(repo: SocialRepository, actor: StaffActor) {
    const rows = await repo.districtComuni(actor.tenantId);
    const grants = socialGrants(actor);
    return rows.filter((r) => grants.some((g) => !g.comuni.length || g.comuni.includes(r.id)));
  }

  /** The district's comuni the worker may act in. */
  async comuni(actor: Actor | null): Promise<{ items: SocialComune[] }> {
    const staff = this.worker(actor, 'social.read');
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => ({
      items: (await this.comuniOf(new SocialRepository(trx), staff)).map((r) => ({ id: r.id, name: r.name, istatCode: r.istat_code ?? null })),
    }));
  }

  /** The district's social workers, to name the professionals of a case. */
  async workers(actor: Actor | null) {
    const staff = this.worker(actor, 'social.read');
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => ({
      items: (await new SocialRepository(trx).socialWorkers(staff.tenantId)).map((o) => ({ operatorId: o.id, name: o.name })),
    }));
  }

  // ---- persons -----------------------------------------------------------------------------------------------

  private async personViews(repo: SocialRepository, staff: StaffActor, rows: PersonRow[]): Promise<SocialPerson[]> {
    const names = new Map((await repo.tenantNames(rows.map((r) => r.comune_id))).map((t) => [t.id, t.name]));
    const cases = await repo.casesOfPersons(staff.tenantId, rows.map((r) => r.id), socialScopeFilter(staff, 'c'));
    return rows.map((r) => ({
      id: r.id, fiscalCode: r.fiscal_code, givenName: r.given_name, familyName: r.family_name, birthDate: isoDate(r.birth_date), sex: r.sex,
      birthPlaceCode: r.birth_place_code, citizenshipCode: r.citizenship_code, comuneId: r.comune_id, comuneName: names.get(r.comune_id) ?? '',
      address: r.address, phone: r.phone, registryPersonId: r.registry_person_id,
      cases: cases.filter((c) => c.person_id === r.id).map((c) => ({ id: c.id, reference: c.reference, status: c.status, targetArea: c.target_area })),
    }));
  }

  /** People known to the district's social services, by fiscal code or name (each one found is a logged read). */
  async persons(actor: Actor | null, q: string): Promise<{ items: SocialPerson[] }> {
    const staff = this.worker(actor, 'social.read');
    const text = q.trim();
    if (text.length < 2) throw badRequest('Scrivi almeno 2 caratteri del nome o del codice fiscale. (Type at least 2 characters.)', [{ path: 'query.q', message: 'almeno 2 caratteri (at least 2 characters)' }]);
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new SocialRepository(trx);
      const grants = socialGrants(staff);
      const comuni = grants.some((g) => !g.comuni.length) ? null : [...new Set(grants.flatMap((g) => g.comuni))];
      const code = text.toUpperCase().replace(/\s+/g, '');
      const found = await repo.searchPersons(staff.tenantId, text, 20, { comuni, caseScope: socialScopeFilter(staff, 'c'), contactScope: socialScopeFilter(staff, 'k'),
        exactCode: /^[A-Z0-9]{16}$/.test(code) ? code : null });
      // a person outside the worker's reach is found only by the exact fiscal code, and without address or phone
      const rows = found.map((r) => (r.in_reach ? r : { ...r, address: null, phone: null }));
      const withheld = await repo.personWithheld(rows.map((r) => r.id));
      await recordPersonalDataReads(trx, rows.filter((r) => r.fiscal_code).map((r) => this.read(staff, staff.tenantId, r.fiscal_code!,
        { type: 'social_person', id: r.id, label: 'Persona nota ai servizi sociali' }, 'social_search', 'Ricerca di una persona nei servizi sociali', withheld.has(r.id))));
      return { items: await this.personViews(repo, staff, rows) };
    });
  }

  /** A resident of a member comune from its registry, to prefill a first contact (a logged read); 404 if not a resident. */
  async registryLookup(actor: Actor | null, fiscalCode: string, comuneId: string): Promise<SocialPersonInput> {
    const staff = this.worker(actor, 'social.write');
    const code = fiscalCode.trim().toUpperCase();
    // the comuni's registers are theirs (row-level security by comune): the district reads them in the platform scope,
    // every query naming the district or the comune, and logs the read in the same transaction
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new SocialRepository(trx);
      const comuni = await this.comuniOf(repo, staff);
      if (!comuni.some((c) => c.id === comuneId)) throw notFound('Il comune');
      const p = await repo.resident(comuneId, code);
      if (!p) throw notFound("La persona nell'anagrafe del comune");
      const known = await repo.personByFiscalCode(staff.tenantId, code);
      const withheld = known ? (await repo.personWithheld([known.id])).has(known.id) : false;
      await recordPersonalDataReads(trx, [this.read(staff, staff.tenantId, p.fiscal_code, { type: 'registry', id: p.id, label: "Scheda dell'anagrafe" },
        'registry', "Lettura dell'anagrafe del comune per il primo contatto con i servizi sociali", withheld)]);
      return {
        fiscalCode: p.fiscal_code, givenName: p.given_name, familyName: p.family_name, birthDate: p.birth_date, sex: p.sex,
        birthPlaceCode: /^[A-Z][0-9]{3}$/.test(p.birth_place ?? '') ? p.birth_place : birthPlaceFromFiscalCode(p.fiscal_code),
        citizenshipCode: /^ital/i.test(p.citizenship ?? '') ? '100' : null,
        comuneId, address: p.address, phone: null, registryPersonId: p.id,
      };
    });
  }

  // ---- first contacts ----------------------------------------------------------------------------------------

  private contactView(k: ContactRow | (Omit<ContactRow, 'given_name' | 'family_name' | 'fiscal_code'> & { given_name: string | null; family_name: string | null; fiscal_code: string | null }),
    comuneName: string): FirstContact {
    return {
      id: k.id, comuneId: k.comune_id, comuneName, contactOn: k.contact_on, channel: k.channel, requesterKind: k.requester_kind,
      requesterName: k.requester_name,
      person: k.person_id ? { id: k.person_id, name: `${k.given_name ?? ''} ${k.family_name ?? ''}`.trim(), fiscalCode: k.fiscal_code } : null,
      targetArea: k.target_area, sector: k.sector, need: k.need, needText: k.need_sealed ? this.cipher.open(k.need_sealed, k.id) : null,
      answer: k.answer, referralTo: k.referral_to, privacyNoticeGiven: k.privacy_notice_given, caseId: k.case_id, createdAt: iso(k.created_at),
    };
  }

  private checkPersonInput(p: SocialPersonInput, path: string, comuni: Set<string>): ProblemItem[] {
    const errors: ProblemItem[] = [];
    if (!comuni.has(p.comuneId)) errors.push({ path: `${path}.comuneId`, message: "il comune di residenza non è tra i comuni dell'ambito in cui operi (not a comune of the district you work in)" });
    if (!p.givenName.trim()) errors.push({ path: `${path}.givenName`, message: 'scrivi il nome (given name required)' });
    if (!p.familyName.trim()) errors.push({ path: `${path}.familyName`, message: 'scrivi il cognome (family name required)' });
    if (p.birthDate && p.birthDate > clock.today()) errors.push({ path: `${path}.birthDate`, message: 'la data di nascita è nel futuro (birth date in the future)' });
    return errors;
  }

  /** Records a first contact; the answer 'case_opened' also opens the case, in the same transaction. */
  async createContact(actor: Actor | null, input: FirstContactInput & { case?: { nextReviewOn?: string | null } }): Promise<{ contact: FirstContact; caseId: string | null }> {
    const staff = this.worker(actor, 'social.write');
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new SocialRepository(trx);
      const comuni = await repo.districtComuni(staff.tenantId);
      const comuneIds = new Set(comuni.map((c) => c.id));
      const errors: ProblemItem[] = [];
      if (!comuneIds.has(input.comuneId)) errors.push({ path: 'body.comuneId', message: "non è un comune dell'ambito (not a comune of the district)" });
      if (input.contactOn > clock.today()) errors.push({ path: 'body.contactOn', message: 'la data del contatto è nel futuro (contact date in the future)' });
      if (input.answer === 'referral' && !input.referralTo?.trim()) errors.push({ path: 'body.referralTo', message: 'indica a quale servizio è stata inviata la persona (say where the person was referred)' });
      if (input.personId && input.person) errors.push({ path: 'body.person', message: 'indica una persona già nota oppure i dati di una nuova, non entrambi (either personId or person)' });
      if (input.answer === 'case_opened' && !input.personId && !input.person) errors.push({ path: 'body.person', message: 'per aprire la cartella serve la persona (a case needs the person)' });
      if (input.person) errors.push(...this.checkPersonInput(input.person, 'body.person', comuneIds));
      if (input.case?.nextReviewOn && input.case.nextReviewOn < input.contactOn) errors.push({ path: 'body.case.nextReviewOn', message: 'la verifica non può precedere il contatto (review before the contact)' });
      if (input.case && input.answer !== 'case_opened') errors.push({ path: 'body.case', message: "i dati della cartella valgono solo con la risposta «apertura della cartella» (only with answer case_opened)" });
      let person: PersonRow | undefined;
      if (input.personId) {
        person = await repo.person(staff.tenantId, input.personId);
        if (!person) errors.push({ path: 'body.personId', message: 'la persona indicata non è nota ai servizi sociali (unknown person)' });
      }
      if (errors.length) throw unprocessable('Il primo contatto non è completo', errors);
      // the worker must cover the contact's comune, sector and target area
      requireSocialWrite(staff, { comune_id: input.comuneId, sector: input.sector, target_area: input.targetArea });

      const now = clock.now();
      if (!person && input.person) {
        const p = input.person;
        const code = p.fiscalCode ? p.fiscalCode.toUpperCase() : null;
        person = code ? await repo.personByFiscalCode(staff.tenantId, code) : undefined;
        if (!person) {
          person = await repo.insertPersonOnce({
            tenant_id: staff.tenantId, fiscal_code: code, given_name: p.givenName.trim(), family_name: p.familyName.trim(), birth_date: p.birthDate ?? null,
            sex: p.sex ?? null, birth_place_code: p.birthPlaceCode ?? null, citizenship_code: p.citizenshipCode ?? null, comune_id: p.comuneId,
            address: p.address ?? null, phone: p.phone ?? null, registry_person_id: p.registryPersonId ?? null, created_at: now, updated_at: now,
          }) ?? (code ? await repo.personByFiscalCode(staff.tenantId, code) : undefined);
        }
      }
      let caseRow: CaseRow | null = null;
      if (input.answer === 'case_opened') {
        caseRow = await this.openCase(repo, staff, {
          personId: person!.id, comuneId: input.comuneId, sector: input.sector, targetArea: input.targetArea, contactOn: input.contactOn,
          nextReviewOn: input.case?.nextReviewOn ?? null, now,
        });
      }
      const id = randomUUID();
      const row = await repo.insertContact({
        id, tenant_id: staff.tenantId, comune_id: input.comuneId, contact_on: input.contactOn, channel: input.channel, requester_kind: input.requesterKind,
        requester_name: input.requesterName?.trim() || null, person_id: person?.id ?? null, target_area: input.targetArea, sector: input.sector, need: input.need,
        need_sealed: input.needText?.trim() ? this.cipher.seal(input.needText.trim(), id) : null, answer: input.answer,
        referral_to: input.referralTo?.trim() || null, privacy_notice_given: input.privacyNoticeGiven, case_id: caseRow?.id ?? null,
        created_by: staff.kind === 'operator' ? staff.id : null, created_at: now,
      });
      const comuneName = comuni.find((c) => c.id === input.comuneId)?.name ?? '';
      if (person?.fiscal_code) {
        const withheld = (await repo.personWithheld([person.id])).has(person.id);
        await recordPersonalDataReads(trx, [this.read(staff, staff.tenantId, person.fiscal_code, { type: 'social_contact', id, label: 'Primo contatto con i servizi sociali' },
          'social_contact', 'Registrazione del primo contatto con i servizi sociali', withheld)]);
      }
      return {
        contact: this.contactView({ ...row, given_name: person?.given_name ?? null, family_name: person?.family_name ?? null, fiscal_code: person?.fiscal_code ?? null }, comuneName),
        caseId: caseRow?.id ?? null,
      };
    });
  }

  private async openCase(repo: SocialRepository, staff: StaffActor, c: { personId: string; comuneId: string; sector: Sector; targetArea: TargetArea;
    contactOn: string; nextReviewOn: string | null; now: Date }): Promise<CaseRow> {
    const today = clock.today();
    const year = Number(today.slice(0, 4));
    const n = await repo.nextCaseNumber(staff.tenantId, year);
    const row = await repo.insertCase({
      tenant_id: staff.tenantId, reference: `${year}/${n}`, person_id: c.personId, comune_id: c.comuneId, sector: c.sector, target_area: c.targetArea,
      status: 'open', first_contact_on: c.contactOn, opened_on: today, next_review_on: c.nextReviewOn, household: '[]',
      created_by: staff.kind === 'operator' ? staff.id : null, created_at: c.now, updated_at: c.now,
    });
    if (staff.kind === 'operator') await repo.replaceWorkers(staff.tenantId, row.id, [{ operatorId: staff.id, role: 'case_manager', since: today }]);
    await repo.addEvent({ tenantId: staff.tenantId, caseId: row.id, at: c.now, actorId: staff.id, actorLabel: staff.name, kind: 'opened', toStatus: 'open',
      note: 'Cartella aperta dal primo contatto' });
    return row as CaseRow;
  }

  /** The first contacts register, within the worker's grant. */
  async contacts(actor: Actor | null, query: { from?: string; to?: string; comuneId?: string; targetArea?: TargetArea; cursor?: string; limit?: number }) {
    const staff = this.worker(actor, 'social.read');
    const offset = decodeOffset(query.cursor);
    const limit = query.limit ?? PAGE;
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new SocialRepository(trx);
      const rows = await repo.listContacts({ tenantId: staff.tenantId, scope: socialScopeFilter(staff, 'k'), from: query.from, to: query.to,
        comuneId: query.comuneId, targetArea: query.targetArea, offset, limit: limit + 1 });
      const page = rows.slice(0, limit);
      await this.logContacts(trx, repo, staff, page);
      const names = new Map((await repo.tenantNames(page.map((r) => r.comune_id))).map((t) => [t.id, t.name]));
      return { items: page.map((r) => this.contactView(r, names.get(r.comune_id) ?? '')), nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null };
    });
  }

  private async logContacts(trx: Kysely<DB>, repo: SocialRepository, staff: StaffActor, rows: ContactRow[]) {
    const withPerson = rows.filter((r) => r.fiscal_code);
    const withheld = await repo.personWithheld(withPerson.map((r) => r.person_id!));
    await recordPersonalDataReads(trx, withPerson.map((r) => this.read(staff, staff.tenantId, r.fiscal_code!,
      { type: 'social_contact', id: r.id, label: 'Primo contatto con i servizi sociali' }, 'social_contacts', 'Registro dei primi contatti dei servizi sociali',
      withheld.has(r.person_id!))), { oncePerDay: true });
  }

  // ---- cases -------------------------------------------------------------------------------------------------

  private windows() {
    const today = clock.today();
    return { today, reviewBy: addDays(today, REVIEW_WINDOW_DAYS), expiringBy: addDays(today, EXPIRING_WINDOW_DAYS) };
  }

  private alertsOf(row: { status: CaseStatus; next_review_on: string | null }, expiring: { code: string; end_on: string | null }[]): CaseAlert[] {
    const { reviewBy } = this.windows();
    const alerts: CaseAlert[] = [];
    if (row.status !== 'closed' && row.next_review_on && row.next_review_on <= reviewBy) {
      alerts.push({ kind: 'review_due', on: row.next_review_on, label: row.next_review_on < clock.today() ? 'Verifica scaduta' : 'Verifica in scadenza' });
    }
    if (row.status !== 'closed') {
      for (const i of expiring) {
        alerts.push({ kind: 'intervention_expiring', on: i.end_on!, label: `In scadenza: ${interventionType(i.code)?.name ?? i.code}` });
      }
    }
    return alerts;
  }

  /** The cases the worker may see, with their alerts (each listed case is a logged read, once a day). */
  async cases(actor: Actor | null, query: { q?: string; status?: CaseStatus; comuneId?: string; targetArea?: TargetArea; alert?: 'review_due' | 'intervention_expiring';
    cursor?: string; limit?: number }): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
    const staff = this.worker(actor, 'social.read');
    const offset = decodeOffset(query.cursor);
    const limit = query.limit ?? PAGE;
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new SocialRepository(trx);
      const w = this.windows();
      const rows = await repo.listCases({ tenantId: staff.tenantId, scope: socialScopeFilter(staff, 'c'), q: query.q, status: query.status, comuneId: query.comuneId,
        targetArea: query.targetArea, alert: query.alert, ...w, offset, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const ids = page.map((r) => r.id);
      const [names, expiring, managers] = await Promise.all([
        repo.tenantNames(page.map((r) => r.comune_id)).then((t) => new Map(t.map((x) => [x.id, x.name]))),
        repo.expiringInterventions(ids, w.today, w.expiringBy), repo.caseManagers(ids),
      ]);
      await recordPersonalDataReads(trx, page.filter((r) => r.fiscal_code).map((r) => this.read(staff, staff.tenantId, r.fiscal_code!,
        { type: 'social_case', id: r.id, label: `Cartella sociale ${r.reference}` }, 'list', "Elenco delle cartelle sociali", r.withheld_from_subject)), { oncePerDay: true });
      return {
        items: page.map((r) => this.summaryOf(r, { given_name: r.given_name, family_name: r.family_name, fiscal_code: r.fiscal_code, birth_date: r.birth_date },
          names.get(r.comune_id) ?? '', expiring.filter((e) => e.case_id === r.id), managers.find((m) => m.case_id === r.id)?.name ?? null)),
        nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null,
      };
    });
  }

  private summaryOf(r: CaseRow, p: { given_name: string; family_name: string; fiscal_code: string | null; birth_date: string | null }, comuneName: string,
    expiring: { code: string; end_on: string | null }[], caseManager: string | null): CaseSummary {
    return {
      id: r.id, reference: r.reference, person: { id: r.person_id, name: personName(p), fiscalCode: p.fiscal_code, birthDate: isoDate(p.birth_date) },
      comuneId: r.comune_id, comuneName, sector: r.sector, targetArea: r.target_area, status: r.status, openedOn: r.opened_on, inChargeOn: isoDate(r.in_charge_on),
      nextReviewOn: isoDate(r.next_review_on), caseManager, alerts: this.alertsOf(r, expiring),
    };
  }

  interventionView(i: InterventionRow): Intervention {
    return {
      id: i.id, code: i.code, name: interventionType(i.code)?.name ?? i.code, status: i.status, requestedOn: i.requested_on, authorisedOn: isoDate(i.authorised_on),
      startOn: isoDate(i.start_on), endOn: isoDate(i.end_on), requestProtocol: i.request_protocol, meansTest: i.means_test, periodicity: i.periodicity,
      amountCents: cents(i.amount_cents), monthlyAmountCents: cents(i.monthly_amount_cents), periodMonths: i.period_months, shareBodyCents: cents(i.share_body_cents),
      shareUserCents: cents(i.share_user_cents), shareHealthCents: cents(i.share_health_cents), hoursMonthly: i.hours_monthly, note: i.note,
      exportedAt: i.exported_at ? iso(i.exported_at) : null, changedSinceExport: changedSinceExport(i),
    };
  }

  /** The case file as the worker sees it. */
  private async detailOf(repo: SocialRepository, staff: StaffActor, row: CaseRow): Promise<CaseDetail> {
    const person = (await repo.person(row.tenant_id, row.person_id))!;
    const [personView] = await this.personViews(repo, staff, [person]);
    const w = this.windows();
    const [names, expiring, workers, interventions, contacts] = await Promise.all([
      repo.tenantNames([row.comune_id]), repo.expiringInterventions([row.id], w.today, w.expiringBy), repo.caseWorkers(row.id), repo.interventions(row.id),
      repo.listContacts({ tenantId: row.tenant_id, scope: socialScopeFilter(staff, 'k'), personId: row.person_id, offset: 0, limit: 100 }),
    ]);
    const comuneName = names[0]?.name ?? '';
    const contactComuni = new Map((await repo.tenantNames(contacts.map((c) => c.comune_id))).map((t) => [t.id, t.name]));
    const manager = workers.find((x) => x.role === 'case_manager')?.name ?? null;
    // court measures (SINBA) and health (SINA) only to a worker with the reserved permission
    const reserved = hasReserved(staff, row);
    const sina = this.cipher.openJson<SinaAssessment>(row.sina_sealed, row.id);
    const sinba = this.cipher.openJson<SinbaRecord>(row.sinba_sealed, row.id);
    return {
      ...this.summaryOf(row, person, comuneName, expiring, manager),
      person: { ...personView!, name: personName(person) },
      closeReason: row.close_reason, closeNote: row.close_note, closedOn: isoDate(row.closed_on), firstContactOn: row.first_contact_on,
      household: row.household ?? [], isee: row.isee ?? null,
      workers: workers.map((x) => ({ operatorId: x.operator_id, name: x.name ?? '', role: x.role, since: x.since })),
      interventions: interventions.map((i) => this.interventionView(i)),
      sina: reserved ? sina : withoutHealth(sina),
      sinba: reserved ? sinba : withoutCourt(sinba),
      withheldFromSubject: row.withheld_from_subject,
      can: { write: true, reserved: hasReserved(staff, row) },
      contacts: contacts.map((c) => this.contactView(c, contactComuni.get(c.comune_id) ?? '')),
    };
  }

  private async logCase(trx: Kysely<DB>, repo: SocialRepository, staff: StaffActor, row: CaseRow, operation: string, purpose: string, oncePerDay = false) {
    const person = await repo.person(row.tenant_id, row.person_id);
    if (!person?.fiscal_code) return;
    await recordPersonalDataReads(trx, [this.read(staff, row.tenant_id, person.fiscal_code, { type: 'social_case', id: row.id, label: `Cartella sociale ${row.reference}` },
      operation, purpose, row.withheld_from_subject)], { oncePerDay });
  }

  /** Opens a case file: written to the person's access log (hidden from them when the case is withheld). */
  getCase(actor: Actor | null, caseId: string): Promise<CaseDetail> {
    return this.reachCase(actor, caseId, 'social.read', async (trx, repo, row, staff) => {
      await this.logCase(trx, repo, staff, row, 'view', 'Consultazione della cartella sociale');
      return this.detailOf(repo, staff, row);
    });
  }

  /** Changes the household, ISEE, review date, professionals, sector, target area or withholding. */
  patchCase(actor: Actor | null, caseId: string, body: CasePatch): Promise<CaseDetail> {
    return this.reachCase(actor, caseId, 'social.write', async (trx, repo, row, staff) => {
      const errors: ProblemItem[] = [];
      const now = clock.now();
      const set: Record<string, unknown> = {};
      const changed: string[] = [];
      if (body.household !== undefined) { set.household = JSON.stringify(body.household); changed.push('nucleo familiare'); }
      if (body.isee !== undefined) {
        if (body.isee && body.isee.validUntil < body.isee.dsuDate) errors.push({ path: 'body.isee.validUntil', message: "la scadenza dell'ISEE precede la DSU (valid until before the DSU date)" });
        set.isee = body.isee ? JSON.stringify(body.isee) : null; changed.push('ISEE');
      }
      if (body.nextReviewOn !== undefined) { set.next_review_on = body.nextReviewOn; changed.push('data della verifica'); }
      if (body.sector !== undefined && body.sector !== row.sector) { set.sector = body.sector; changed.push('servizio'); }
      if (body.targetArea !== undefined && body.targetArea !== row.target_area) { set.target_area = body.targetArea; changed.push('area di intervento'); }
      if (body.withheldFromSubject !== undefined && body.withheldFromSubject !== row.withheld_from_subject) {
        requireSocialAccess(staff, 'social.reserved', row, { reserved: true });
      }
      if (body.withheldFromSubject !== undefined) {
        if (body.withheldFromSubject && !(body.withheldReason ?? row.withheld_reason)?.trim()) {
          errors.push({ path: 'body.withheldReason', message: "indica il motivo per cui la persona non deve sapere della cartella (reason required)" });
        }
        set.withheld_from_subject = body.withheldFromSubject; changed.push('riservatezza verso la persona');
      }
      if (body.withheldReason !== undefined) set.withheld_reason = body.withheldReason?.trim() || null;
      let workers: { operatorId: string; role: WorkerRole; since: string }[] | null = null;
      if (body.workers !== undefined) {
        const known = new Set((await repo.socialWorkers(row.tenant_id)).map((o) => o.id));
        const current = new Map((await repo.caseWorkers(row.id)).map((x) => [x.operator_id, x.since]));
        const seen = new Set<string>();
        body.workers.forEach((w, i) => {
          if (!known.has(w.operatorId)) errors.push({ path: `body.workers.${i}.operatorId`, message: "non è un assistente sociale dell'ambito (not a social worker of the district)" });
          if (seen.has(w.operatorId)) errors.push({ path: `body.workers.${i}.operatorId`, message: 'professionista indicato due volte (listed twice)' });
          seen.add(w.operatorId);
        });
        workers = body.workers.map((w) => ({ ...w, since: current.get(w.operatorId) ?? clock.today() }));
        changed.push('professionisti');
      }
      if (errors.length) throw unprocessable('La cartella non può essere salvata così', errors);
      // a new sector or target area must stay within the worker's grant
      const next = { ...row, sector: (set.sector as Sector) ?? row.sector, target_area: (set.target_area as TargetArea) ?? row.target_area };
      if (!socialGrants(staff).some((g) => grantCoversRow(g, next))) {
        throw forbidden("Il servizio o l'area di intervento scelti sono fuori dai casi che puoi seguire. (The new sector or target area is outside your grant.)");
      }
      let updated = row;
      if (Object.keys(set).length) updated = (await repo.updateCase(row.id, { ...set, updated_at: now })) as CaseRow;
      if (workers) await repo.replaceWorkers(row.tenant_id, row.id, workers);
      // A case withheld from now on: the person's earlier reads of it and of its first contacts are hidden from them
      // too, as the ones logged from now on are (logCase), so that the log does not tell what the law withholds.
      if (set.withheld_from_subject === true && !row.withheld_from_subject) {
        const person = await repo.person(row.tenant_id, row.person_id);
        if (person?.fiscal_code) await repo.hideCaseReads(row.tenant_id, person.fiscal_code, row.id, WITHHELD_UNTIL, WITHHELD_REASON);
      }
      if (changed.length) {
        await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'updated', note: `Modificati: ${changed.join(', ')}` });
      }
      await this.logCase(trx, repo, staff, updated, 'social_update', 'Aggiornamento della cartella sociale');
      return this.detailOf(repo, staff, updated);
    }, { lock: true });
  }

  /** take_charge (reported/open/reopened → in_charge), close (reason required), reopen (closed → reopened). */
  transition(actor: Actor | null, caseId: string, action: CaseAction, body: TransitionBody): Promise<CaseDetail> {
    return this.reachCase(actor, caseId, 'social.write', async (trx, repo, row, staff) => {
      const on = body.on ?? clock.today();
      const errors: ProblemItem[] = [];
      if (on > clock.today()) errors.push({ path: 'body.on', message: 'la data è nel futuro (date in the future)' });
      if (on < row.opened_on && on < row.first_contact_on) errors.push({ path: 'body.on', message: "la data precede l'apertura della cartella (before the case was opened)" });
      const allowed: Record<CaseAction, CaseStatus[]> = { take_charge: ['reported', 'open', 'reopened'], close: ['reported', 'open', 'in_charge', 'reopened'], reopen: ['closed'] };
      if (!allowed[action].includes(row.status)) {
        throw new Problem(409, 'Passaggio non possibile', `La cartella è nello stato «${row.status}»: «${action}» non si può fare ora. (The case is ${row.status}: ${action} is not possible now.)`);
      }
      if (action === 'close' && !body.closeReason) errors.push({ path: 'body.closeReason', message: 'indica il motivo della chiusura (close reason required)' });
      if (action !== 'close' && body.closeReason) errors.push({ path: 'body.closeReason', message: 'il motivo vale solo per la chiusura (only for close)' });
      if (errors.length) throw unprocessable('Il passaggio non è completo', errors);
      const now = clock.now();
      // a case closed before it was taken in charge goes back to 'open' ('reopened' needs the date of taking in charge)
      const to: CaseStatus = action === 'take_charge' ? 'in_charge' : action === 'close' ? 'closed' : row.in_charge_on ? 'reopened' : 'open';
      const set: Record<string, unknown> = { status: to, updated_at: now };
      if (action === 'take_charge') set.in_charge_on = on;
      if (action === 'close') Object.assign(set, { close_reason: body.closeReason, close_note: body.note?.trim() || null, closed_on: on });
      if (action === 'reopen') Object.assign(set, { close_reason: null, close_note: null, closed_on: null });
      const updated = (await repo.updateCase(row.id, set)) as CaseRow;
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: action, fromStatus: row.status, toStatus: to,
        note: [action === 'close' ? CLOSE_REASON_LABELS[body.closeReason!] : null, body.note?.trim() || null, on !== clock.today() ? `con data ${on}` : null].filter(Boolean).join(' — ').slice(0, 1000) || null });
      await this.logCase(trx, repo, staff, updated, `social_${action}`, 'Cambio di stato della cartella sociale');
      return this.detailOf(repo, staff, updated);
    }, { lock: true });
  }

  /** Every change of the case, oldest first. */
  history(actor: Actor | null, caseId: string): Promise<{ items: CaseEvent[] }> {
    return this.reachCase(actor, caseId, 'social.read', async (trx, repo, row, staff) => {
      await this.logCase(trx, repo, staff, row, 'social_history', 'Consultazione della storia della cartella sociale', true);
      const reserved = hasReserved(staff, row);
      return {
      items: (await repo.events(row.id)).filter((e) => reserved || !(RESERVED_EVENT_KINDS.includes(e.kind) || (e.kind === 'diary' && e.note?.includes(', riservata)')))).map((e) => ({ at: iso(e.at), actor: e.actor_label, kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, note: e.note })),
      };
    });
  }

  // ---- diary -------------------------------------------------------------------------------------------------

  private diaryView(d: DiaryRow): DiaryEntry {
    return { id: d.id, kind: d.kind, occurredOn: d.occurred_on, reserved: d.reserved, text: this.cipher.open(d.text_sealed, d.id), author: d.author_label, createdAt: iso(d.created_at) };
  }

  /** The diary; reserved entries only for a worker with the reserved permission (others do not see they exist). */
  diary(actor: Actor | null, caseId: string): Promise<{ items: DiaryEntry[] }> {
    return this.reachCase(actor, caseId, 'social.read', async (trx, repo, row, staff) => {
      await this.logCase(trx, repo, staff, row, 'social_diary', 'Consultazione del diario della cartella sociale', true);
      return { items: (await repo.diary(row.id, hasReserved(staff, row))).map((d) => this.diaryView(d)) };
    });
  }

  addDiary(actor: Actor | null, caseId: string, body: { kind: DiaryKind; occurredOn: string; text: string; reserved?: boolean }): Promise<DiaryEntry> {
    return this.reachCase(actor, caseId, 'social.write', async (_trx, repo, row, staff) => {
      if (body.reserved) requireSocialAccess(staff, 'social.reserved', row, { reserved: true });
      const errors: ProblemItem[] = [];
      if (!DIARY_KINDS.includes(body.kind)) errors.push({ path: 'body.kind', message: 'tipo di annotazione sconosciuto (unknown kind)' });
      if (body.occurredOn > clock.today()) errors.push({ path: 'body.occurredOn', message: 'la data è nel futuro (date in the future)' });
      if (!body.text.trim()) errors.push({ path: 'body.text', message: 'scrivi il testo (text required)' });
      if (errors.length) throw unprocessable("L'annotazione non è completa", errors);
      const id = randomUUID();
      const now = clock.now();
      const d = await repo.insertDiary({ id, case_id: row.id, tenant_id: row.tenant_id, kind: body.kind, occurred_on: body.occurredOn, reserved: !!body.reserved,
        text_sealed: this.cipher.seal(body.text.trim(), id), author_id: staff.kind === 'operator' ? staff.id : null, author_label: staff.name, created_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: body.reserved ? 'diary_reserved' : 'diary',
        note: `Annotazione nel diario (${body.kind}${body.reserved ? ', riservata' : ''}) del ${body.occurredOn}` });
      return this.diaryView(d as DiaryRow);
    });
  }

  // ---- interventions -----------------------------------------------------------------------------------------

  private checkIntervention(v: Partial<InterventionInput>, path = 'body'): ProblemItem[] {
    const errors: ProblemItem[] = [];
    if (v.code !== undefined && !INTERVENTION_TYPES.some((t) => t.code === v.code)) errors.push({ path: `${path}.code`, message: "prestazione sconosciuta: scegli dall'elenco delle prestazioni (unknown benefit code)" });
    if (v.startOn && v.endOn && v.endOn < v.startOn) errors.push({ path: `${path}.endOn`, message: "la fine precede l'inizio (end before start)" });
    if (v.authorisedOn && v.requestedOn && v.authorisedOn < v.requestedOn) errors.push({ path: `${path}.authorisedOn`, message: 'l’autorizzazione precede la richiesta (authorised before requested)' });
    return errors;
  }

  private interventionColumns(v: Partial<InterventionInput>) {
    const map: [keyof InterventionInput, string][] = [
      ['code', 'code'], ['status', 'status'], ['requestedOn', 'requested_on'], ['authorisedOn', 'authorised_on'], ['startOn', 'start_on'], ['endOn', 'end_on'],
      ['requestProtocol', 'request_protocol'], ['meansTest', 'means_test'], ['periodicity', 'periodicity'], ['amountCents', 'amount_cents'],
      ['monthlyAmountCents', 'monthly_amount_cents'], ['periodMonths', 'period_months'], ['shareBodyCents', 'share_body_cents'], ['shareUserCents', 'share_user_cents'],
      ['shareHealthCents', 'share_health_cents'], ['hoursMonthly', 'hours_monthly'], ['note', 'note'],
    ];
    const out: Record<string, unknown> = {};
    for (const [k, col] of map) if (v[k] !== undefined) out[col] = typeof v[k] === 'string' && (k === 'note' || k === 'requestProtocol') ? ((v[k] as string).trim() || null) : v[k];
    return out;
  }

  addIntervention(actor: Actor | null, caseId: string, body: InterventionInput): Promise<Intervention> {
    return this.reachCase(actor, caseId, 'social.write', async (_trx, repo, row, staff) => {
      const errors = this.checkIntervention(body);
      if (errors.length) throw unprocessable("L'intervento non è completo", errors);
      const now = clock.now();
      const i = await repo.insertIntervention({ ...this.interventionColumns(body), status: body.status ?? 'requested', case_id: row.id, tenant_id: row.tenant_id,
        created_by: staff.kind === 'operator' ? staff.id : null, created_at: now, updated_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'intervention_added',
        note: `Intervento: ${interventionType(body.code)?.name ?? body.code}` });
      return this.interventionView(i as InterventionRow);
    }, { lock: true });
  }

  patchIntervention(actor: Actor | null, caseId: string, interventionId: string, body: Partial<InterventionInput>): Promise<Intervention> {
    return this.reachCase(actor, caseId, 'social.write', async (_trx, repo, row, staff) => {
      const current = await repo.intervention(row.id, interventionId);
      if (!current) throw notFound("L'intervento");
      const merged = { ...this.interventionView(current as InterventionRow), ...body };
      const errors = this.checkIntervention({ ...body, startOn: merged.startOn, endOn: merged.endOn, authorisedOn: merged.authorisedOn, requestedOn: merged.requestedOn });
      if (errors.length) throw unprocessable("L'intervento non può essere salvato così", errors);
      const now = clock.now();
      const i = await repo.updateIntervention(current.id, { ...this.interventionColumns(body), updated_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'intervention_changed',
        note: `Intervento modificato: ${interventionType(i.code)?.name ?? i.code}` });
      return this.interventionView(i as InterventionRow);
    }, { lock: true });
  }

  // ---- reserved part, assessments ----------------------------------------------------------------------------

  getReserved(actor: Actor | null, caseId: string): Promise<ReservedPart> {
    return this.reachCase(actor, caseId, 'social.reserved', async (trx, repo, row, staff) => {
      await this.logCase(trx, repo, staff, row, 'social_reserved', 'Consultazione della parte riservata della cartella sociale', true);
      const at = await repo.lastEventAt(row.id, 'reserved');
      return {
        courtMeasures: row.court_sealed ? this.cipher.open(row.court_sealed, row.id) : '',
        health: row.health_sealed ? this.cipher.open(row.health_sealed, row.id) : '',
        updatedAt: at ? iso(at.at) : null,
      };
    }, { reserved: true });
  }

  putReserved(actor: Actor | null, caseId: string, body: { courtMeasures: string; health: string }): Promise<ReservedPart> {
    return this.reachCase(actor, caseId, 'social.reserved', async (_trx, repo, row, staff) => {
      const now = clock.now();
      const court = body.courtMeasures.trim();
      const health = body.health.trim();
      await repo.updateCase(row.id, { court_sealed: court ? this.cipher.seal(court, row.id) : null, health_sealed: health ? this.cipher.seal(health, row.id) : null, updated_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'reserved', note: 'Parte riservata aggiornata' });
      return { courtMeasures: court, health, updatedAt: iso(now) };
    }, { reserved: true, lock: true });
  }

  putSina(actor: Actor | null, caseId: string, body: SinaAssessment): Promise<{ sina: SinaAssessment }> {
    return this.reachCase(actor, caseId, 'social.write', async (_trx, repo, row, staff) => {
      const errors: ProblemItem[] = [];
      if (body.assessedOn > clock.today()) errors.push({ path: 'body.assessedOn', message: 'la data della valutazione è nel futuro (assessment date in the future)' });
      body.neededInterventions.forEach((c, i) => { if (!interventionType(c)) errors.push({ path: `body.neededInterventions.${i}`, message: 'prestazione sconosciuta (unknown benefit code)' }); });
      if (errors.length) throw unprocessable('La valutazione SINA non è completa', errors);
      const now = clock.now();
      if (!hasReserved(staff, row)) {
        // without the reserved permission the health fields keep what is stored
        const stored = this.cipher.openJson<SinaAssessment>(row.sina_sealed, row.id);
        if (stored) body = { ...body, healthCare: stored.healthCare, invalidity: stored.invalidity, invaliditySource: stored.invaliditySource } as SinaAssessment;
      }
      await repo.updateCase(row.id, { sina_sealed: this.cipher.sealJson(body, row.id), updated_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'sina', note: `Valutazione SINA del ${body.assessedOn}` });
      return { sina: hasReserved(staff, row) ? body : withoutHealth(body)! };
    }, { lock: true });
  }

  putSinba(actor: Actor | null, caseId: string, body: SinbaRecord): Promise<{ sinba: SinbaRecord }> {
    return this.reachCase(actor, caseId, 'social.write', async (_trx, repo, row, staff) => {
      const errors: ProblemItem[] = [];
      if (body.disability === '1' && !body.disabilityType) errors.push({ path: 'body.disabilityType', message: 'indica il tipo di disabilità (disability type required)' });
      if (body.courtMeasure === '1' && (!body.courtMeasureType || !body.courtAuthority)) {
        errors.push({ path: 'body.courtMeasureType', message: "indica tipo di provvedimento e autorità (court measure type and authority required)" });
      }
      body.interventions.forEach((c, i) => { if (!interventionType(c)) errors.push({ path: `body.interventions.${i}`, message: 'prestazione sconosciuta (unknown benefit code)' }); });
      if (errors.length) throw unprocessable('La scheda SINBA non è completa', errors);
      const now = clock.now();
      if (!hasReserved(staff, row)) {
        // without the reserved permission the court fields keep what is stored
        const stored = this.cipher.openJson<SinbaRecord>(row.sinba_sealed, row.id);
        if (stored) body = { ...body, reportedToCourt: stored.reportedToCourt, courtMeasure: stored.courtMeasure, courtMeasureType: stored.courtMeasureType,
          courtAuthority: stored.courtAuthority } as SinbaRecord;
      }
      await repo.updateCase(row.id, { sinba_sealed: this.cipher.sealJson(body, row.id), updated_at: now });
      await repo.addEvent({ tenantId: row.tenant_id, caseId: row.id, at: now, actorId: staff.id, actorLabel: staff.name, kind: 'sinba', note: 'Scheda SINBA aggiornata' });
      return { sinba: hasReserved(staff, row) ? body : withoutCourt(body)! };
    }, { lock: true });
  }
}

/** SINA without the health fields, SINBA without the court fields: what a worker without the reserved permission sees. */
function withoutHealth(sina: SinaAssessment | null): SinaAssessment | null {
  if (!sina) return null;
  const { healthCare: _h, invalidity: _i, invaliditySource: _s, ...rest } = sina;
  return rest as SinaAssessment;
}
function withoutCourt(sinba: SinbaRecord | null): SinbaRecord | null {
  if (!sinba) return null;
  const { reportedToCourt: _r, courtMeasure: _m, courtMeasureType: _t, courtAuthority: _a, ...rest } = sinba;
  return rest as SinbaRecord;
}

/** The worker must cover a new row's comune, sector and target area (403: they may work here, not on that). */
function requireSocialWrite(staff: StaffActor, row: { comune_id: string; sector: string; target_area: string }) {
  if (!isSocialWorker(staff) || !socialGrants(staff).some((g) => grantCoversRow(g, row))) {
    throw forbidden('Il comune, il servizio o l’area di intervento indicati sono fuori dai casi che puoi seguire. (Outside your grant: comune, sector or target area.)');
  }
}

export { SECTORS, TARGET_AREAS };

/**
 * The cadastral code of the place of birth, as the fiscal code carries it (characters 12–15; the registry keeps
 * the place's name). Digits replaced against omocodia (L…V for 0…9) are put back.
 */
export function birthPlaceFromFiscalCode(code: string): string | null {
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(code)) return null;
  const place = code.slice(11, 15);
  return place[0] + [...place.slice(1)].map((c) => (/[0-9]/.test(c) ? c : String('LMNPQRSTUV'.indexOf(c)))).join('');
}
