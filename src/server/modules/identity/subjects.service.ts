import type { Kysely } from 'kysely';
import { isValidFiscalCode } from '../../../contracts/fiscal-code.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor, type Subject } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { sniffDocumentType, type FileStorage } from '../../platform/storage.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { IdentityService } from './identity.service.ts';
import { SubjectsRepository } from './subjects.repository.ts';

export const DELEGATION_MAX_BYTES = 5 * 1024 * 1024;
const MAX_DELEGATION_DAYS = 3 * 366;

/** Someone a citizen may act for, as offered in the "per chi operi" choice. */
export interface SubjectOption extends Subject {
  /** e.g. "figlia, 9 anni — Comune di Castelrocca", "delega fino al 31/12/2027", "legale rappresentante" */
  detail: string;
  validUntil?: string;
}

export interface DelegationInput {
  delegatorFiscalCode: string;
  delegatorGivenName: string;
  delegatorFamilyName: string;
  purpose: string;
  validUntil: string;
  document: { content: Buffer; fileName: string };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Whom a citizen acts for: themselves, a minor child on their family sheet (from the registry), a client who
 * gave them a delegation (uploaded, revocable), or a company they legally represent. The choice is kept in the
 * session and shown on every page; everything filed records it.
 */
export class SubjectsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly identity: IdentityService,
    private readonly registry: RegistryService,
    private readonly storage: FileStorage,
  ) {}

  /** The same service working inside a caller's transaction (an idempotent request). */
  withExecutor(db: Kysely<DB>) {
    return new SubjectsService(db, this.identity, this.registry, this.storage);
  }

  private mine<T>(citizen: CitizenActor, fn: (repo: SubjectsRepository, trx: Kysely<DB>) => Promise<T>) {
    return inScope(this.db, { citizenId: citizen.id }, (trx) => fn(new SubjectsRepository(trx), trx));
  }

  async options(actor: Actor | null): Promise<SubjectOption[]> {
    const citizen = requireAccess(actor, 'subject.choose') as CitizenActor;
    const [minors, companies, delegations] = await Promise.all([
      this.registry.minorsInCareOf(citizen.fiscalCode),
      this.registry.companiesRepresentedBy(citizen.fiscalCode),
      this.mine(citizen, (repo) => repo.activeDelegations(citizen.id, today())),
    ]);
    const ageOf = (birth: string) => Math.floor((Date.now() - Date.parse(birth)) / (365.25 * 86_400_000));
    return [
      { kind: 'self', id: citizen.id, fiscalCode: citizen.fiscalCode, name: citizen.name, detail: 'te stesso' },
      ...minors.map((m) => ({ kind: 'minor' as const, id: m.id, fiscalCode: m.fiscalCode, name: m.name,
        detail: `figlio/a minore, ${ageOf(m.birthDate)} anni — ${m.tenantName}` })),
      ...delegations.map((d) => ({ kind: 'delegation' as const, id: d.id, fiscalCode: d.delegator_fiscal_code,
        name: `${d.delegator_given_name} ${d.delegator_family_name}`, detail: `delega: ${d.purpose}`, validUntil: d.valid_until })),
      ...companies.map((c) => ({ kind: 'company' as const, id: c.id, fiscalCode: c.fiscal_code, name: c.name, detail: `${c.role} — ${c.legal_form}` })),
    ];
  }

  /** Switches the session to act for one of the options; anything else answers 404. */
  async choose(actor: Actor | null, sessionToken: string, choice: { kind: Subject['kind']; id: string }): Promise<SubjectOption> {
    const citizen = requireAccess(actor, 'subject.choose') as CitizenActor;
    const option = (await this.options(citizen)).find((o) => o.kind === choice.kind && o.id === choice.id);
    if (!option) throw notFound('La persona o impresa scelta');
    await this.identity.setActingFor(sessionToken, {
      kind: option.kind, id: option.id, fiscalCode: option.fiscalCode, name: option.name, ...(option.validUntil ? { validUntil: option.validUntil } : {}),
    });
    // a revocation that committed between the check above and this write did not see this session: look again
    if (option.kind === 'delegation' && !(await this.mine(citizen, (repo) => repo.isActive(option.id, today())))) {
      await this.identity.setActingFor(sessionToken, { kind: 'self', id: citizen.id, fiscalCode: citizen.fiscalCode, name: citizen.name });
      throw notFound('La delega');
    }
    await this.mine(citizen, (_repo, trx) => appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'subject.chosen',
      target: option.kind === 'self' ? null : `${option.kind}:${option.id}` }));
    return option;
  }

  async delegations(actor: Actor | null) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    return this.mine(citizen, (repo) => repo.delegationsOf(citizen.id));
  }

  /** Records a delegation with its signed document (PDF or image, at most 5 MB). */
  async createDelegation(actor: Actor | null, input: DelegationInput) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    const fiscalCode = input.delegatorFiscalCode.trim().toUpperCase();
    const problems: { path: string; message: string }[] = [];
    if (!isValidFiscalCode(fiscalCode)) problems.push({ path: 'delegatorFiscalCode', message: 'codice fiscale non valido: controlla i 16 caratteri (invalid fiscal code)' });
    if (fiscalCode === citizen.fiscalCode) problems.push({ path: 'delegatorFiscalCode', message: 'non puoi delegare te stesso (you cannot delegate yourself)' });
    const maxDate = new Date(Date.now() + MAX_DELEGATION_DAYS * 86_400_000).toISOString().slice(0, 10);
    // a round trip through Date catches 30 February, which Date.parse quietly accepts
    const realDate = /^\d{4}-\d{2}-\d{2}$/.test(input.validUntil) && !Number.isNaN(Date.parse(input.validUntil))
      && new Date(`${input.validUntil}T00:00:00Z`).toISOString().slice(0, 10) === input.validUntil;
    if (!realDate || input.validUntil < today() || input.validUntil > maxDate) {
      problems.push({ path: 'validUntil', message: `scadenza tra oggi e il ${maxDate} (the end date must be between today and ${maxDate})` });
    }
    const type = sniffDocumentType(input.document.content);
    if (!type) problems.push({ path: 'document', message: 'il documento deve essere un PDF, PNG o JPEG (the document must be a PDF, PNG or JPEG file)' });
    if (input.document.content.length > DELEGATION_MAX_BYTES) problems.push({ path: 'document', message: 'il documento supera 5 MB (the file is larger than 5 MB)' });
    if (problems.length) throw badRequest('La delega non è stata salvata: correggi i campi indicati. (The delegation was not saved.)', problems);
    const sha256 = await this.storage.put(input.document.content);
    return this.mine(citizen, async (repo, trx) => {
      const row = await repo.insertDelegation({
        delegateCitizenId: citizen.id, delegateName: citizen.name, delegatorFiscalCode: fiscalCode, delegatorGivenName: input.delegatorGivenName.trim(),
        delegatorFamilyName: input.delegatorFamilyName.trim(), purpose: input.purpose.trim(), validUntil: input.validUntil,
        documentSha256: sha256, documentName: input.document.fileName.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 120) || 'delega',
        documentType: type!, documentSize: input.document.content.length,
      });
      await appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'delegation.created', target: `delegation:${row.id}`, details: { validUntil: input.validUntil } });
      return row;
    });
  }

  /** Revokes a delegation; sessions acting through it go back to the citizen themselves at once. */
  async revokeDelegation(actor: Actor | null, delegationId: string, reason: string | undefined) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    return this.mine(citizen, async (repo, trx) => {
      const row = await repo.revokeDelegation(delegationId, citizen.id, reason?.trim() || null);
      if (!row) throw notFound('La delega');
      // sessions are platform rows: switch this same transaction to the platform scope for the rest of it
      await inScope(trx, { platform: true }, (platformTrx) => this.identity.resetActingForDelegation(platformTrx, delegationId));
      await appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'delegation.revoked', target: `delegation:${delegationId}` });
      return row;
    });
  }

  /** Delegations that others registered in this citizen's name: they can see them and revoke them. */
  async delegationsGiven(actor: Actor | null) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    return this.mine(citizen, (repo) => repo.delegationsGivenBy(citizen.fiscalCode));
  }

  /** The person who gave a delegation withdraws it; the professional's sessions stop acting for them at once. */
  async revokeGiven(actor: Actor | null, delegationId: string, reason: string | undefined) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    return this.mine(citizen, async (repo, trx) => {
      const row = await repo.revokeGiven(delegationId, citizen.fiscalCode, reason?.trim() || null);
      if (!row) throw notFound('La delega');
      await inScope(trx, { platform: true }, (platformTrx) => this.identity.resetActingForDelegation(platformTrx, delegationId));
      await appendAudit(trx, { tenantId: null, actor: `citizen:${citizen.id}`, action: 'delegation.revoked', target: `delegation:${delegationId}`,
        details: { by: 'delegator' } });
      return row;
    });
  }

  async delegationDocument(actor: Actor | null, delegationId: string) {
    const citizen = requireAccess(actor, 'delegation.manage') as CitizenActor;
    const row = await this.mine(citizen, (repo) => repo.delegationById(delegationId));
    if (!row) throw notFound('La delega');
    return { content: await this.storage.get(row.document_sha256), type: row.document_type, name: row.document_name };
  }
}
