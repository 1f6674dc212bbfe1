/**
 * "I miei certificati": a citizen downloads at once a certificate of residence, of family status or of registry
 * record, for themselves or for a minor in their care, issued from the register of the comune that holds their
 * record, signed (PAdES) with that body's certificate, with a verification code and a QR code. Anyone holding the
 * paper or the file checks it on the public verification page, which shows what the certificate shows and nothing
 * else; the citizen who asked for it, or the body's registry office, can revoke it and it then verifies as revoked.
 */
import type { Kysely } from 'kysely';
import {
  CERTIFICATE_TITLES, type CertificateContent, type CertificateKind, type CertificatePage, type CertificateRequest,
  type CertificateRevocation, type CertificateVerificationView, type CertificateView,
} from '../../../contracts/certificates.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor, type StaffActor } from '../../platform/access.ts';
import { appendAudit, auditActor } from '../../platform/audit.ts';
import { clock } from '../../platform/clock.ts';
import { actorKey } from '../../platform/context.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../../platform/cursor.ts';
import { conflict, notFound, Problem, unauthorized } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { romeDate } from '../../platform/legal-clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, SYSTEM_ACTOR, type PersonalDataRead } from '../../platform/personal-data.ts';
import type { SignerRegistry } from '../../platform/signing.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { inScope } from '../../platform/tenancy.ts';
import { newVerificationCode, normaliseVerificationCode, type DocumentsService } from '../documents/documents.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { certificateContent, peopleShown, type RegisterPerson } from './certificate-content.ts';
import { issueSignedCertificate } from './certificate.pdf.ts';
import { CertificatesRepository, type CertificateRow } from './certificates.repository.ts';

export interface CertificatesDeps {
  registry: RegistryService;
  tenants: TenantsService;
  storage: FileStorage;
  signers: () => Promise<SignerRegistry>;
  /** the public verification by code: certificates join it, and take their verification address from it */
  documents: DocumentsService;
  /** PUBLIC_URL: the QR code on a certificate opens PUBLIC_URL/verify/<code> */
  publicUrl: string;
}

const DEFAULT_PAGE = 20;

/** The start of each file's name: "certificato-residenza-colombo-sofia-2026-11-24.pdf". */
const FILE_PREFIX: Record<CertificateKind, string> = {
  residence: 'certificato-residenza',
  family: 'certificato-stato-famiglia',
  registry: 'certificato-anagrafico',
};

/** Who reads the register when anyone checks a certificate by its code: the platform, for the holder. */
const VERIFICATION_ACTOR = { kind: 'system', id: null, label: 'Verifica pubblica del certificato' } as const;

/** A person no comune on Sportello holds in its register. */
export const noRegisterRecord = () => new Problem(409, 'Nessuna iscrizione anagrafica',
  "Nessun Comune presente su Sportello ha la tua iscrizione nell'anagrafe della popolazione residente, quindi non può emetterne il certificato: " +
  "chiedilo al Comune in cui risiedi. (No comune on Sportello holds your registry record, so none can issue the certificate.)");

const slugOf = (text: string) =>
  text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[Đđ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** The office that keeps the body's population register: its registry office, when it has one. */
function registryOffice<T extends { code: string; name: string }>(offices: T[]): T | null {
  return offices.find((o) => o.code === 'anagrafe') ?? offices.find((o) => /anagraf|demografic/i.test(`${o.code} ${o.name}`)) ?? null;
}

/** Of the bodies whose register holds the person, the one they live in now: the newest residence, then the newest record. */
function currentRecord<T extends { person: { residence_since: string | null; updated_at: Date } }>(records: T[]): T | undefined {
  return [...records].sort((a, b) =>
    (b.person.residence_since ?? '').localeCompare(a.person.residence_since ?? '') || b.person.updated_at.getTime() - a.person.updated_at.getTime())[0];
}

export class CertificatesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: CertificatesDeps,
  ) {
    // the one public verification page answers for certificates too
    deps.documents.addVerifier((code) => this.verification(code));
  }

  private view(row: CertificateRow, citizen: CitizenActor): CertificateView {
    const c = row.content;
    return {
      id: row.id,
      kind: row.kind,
      title: c.title,
      verificationCode: row.verification_code,
      issuedAt: new Date(row.issued_at).toISOString(),
      validUntil: c.validUntil,
      tenant: { id: row.tenant_id, name: row.tenant_name },
      subject: { fiscalCode: row.subject_fiscal_code, name: `${c.person.givenName} ${c.person.familyName}`, self: row.subject_fiscal_code === citizen.fiscalCode.toUpperCase() },
      file: { name: row.file_name, size: row.size, sha256: row.sha256 },
      status: row.revoked_at ? 'revoked' : 'valid',
      revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
      revokedBy: revokedBy(row),
      revokedReason: row.revoked_reason,
      verifyUrl: this.deps.documents.urlFor(row.verification_code),
    };
  }

  /**
   * Issues a certificate at once from the register that holds the person (the citizen, or a minor in their care),
   * signed by the body. Rendering and signing happen before the transaction; the certificate and the log of the
   * system's read of the register commit together. The same Idempotency-Key answers with the first certificate.
   */
  async issue(actor: Actor | null, request: CertificateRequest, idempotencyKey?: string): Promise<{ status: number; body: CertificateView }> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const own = citizen.fiscalCode.toUpperCase();
    const subjectCode = (request.subjectFiscalCode ?? own).toUpperCase();
    const self = subjectCode === own;
    let minorTenantId: string | undefined;
    if (!self) {
      const minor = (await this.deps.registry.minorsInCareOf(citizen.fiscalCode)).find((m) => m.fiscalCode.toUpperCase() === subjectCode);
      // anyone who is not a minor in the citizen's care does not exist for them
      if (!minor) throw notFound('La persona indicata');
      minorTenantId = minor.tenantId;
    }
    const records = await this.deps.registry.recordsOf(subjectCode);
    const record = minorTenantId ? records.find((r) => r.tenant.id === minorTenantId) : currentRecord(records);
    if (!record) throw noRegisterRecord();

    const tenant = await this.deps.tenants.get(record.tenant.id);
    const office = registryOffice(await this.deps.tenants.offices(tenant.id));
    const issuedAt = clock.now();
    const issuedOn = romeDate(issuedAt);
    const content = certificateContent({
      kind: request.kind,
      body: { name: tenant.name, fiscalCode: tenant.fiscal_code, office: office?.name ?? null },
      issuedOn,
      person: record.person as RegisterPerson,
      family: record.family as RegisterPerson[],
    });
    const verificationCode = newVerificationCode();
    const signer = await (await this.deps.signers()).forTenant({ slug: tenant.slug, name: tenant.name, fiscalCode: tenant.fiscal_code });
    const { pdf, sha256 } = await issueSignedCertificate({
      content,
      tenant: { type: tenant.type, aooCode: tenant.aoo_code, pec: tenant.pec, email: tenant.email, phone: tenant.phone, website: tenant.website },
      office,
      issuedAt,
      verificationCode,
      publicUrl: this.deps.publicUrl,
    }, signer);
    const storageKey = await this.deps.storage.put(pdf);
    const fileName = `${FILE_PREFIX[request.kind]}-${slugOf(`${content.person.familyName} ${content.person.givenName}`)}-${issuedOn}.pdf`;

    return idempotent(this.db, actorKey(citizen), idempotencyKey, { kind: request.kind, subject: subjectCode }, (executor) =>
      inScope(executor, { tenantId: tenant.id }, async (trx) => {
        const repo = new CertificatesRepository(trx);
        const id = await repo.insert({
          tenant_id: tenant.id, office_id: office?.id ?? null, citizen_id: citizen.id, subject_fiscal_code: subjectCode, kind: request.kind,
          verification_code: verificationCode, content: JSON.stringify(content), file_name: fileName, storage_key: storageKey, sha256,
          size: pdf.length, issued_at: issuedAt,
        });
        // the system read the register for the citizen: logged for everyone the certificate shows
        await recordPersonalDataReads(trx, registerReads(content, { id, tenantId: tenant.id, officeName: office?.name ?? null, citizen, verificationCode }));
        const row = await repo.ownById(citizen.id, id);
        return { status: 201, body: this.view(row!, citizen) };
      }));
  }

  /** The certificates the citizen asked for, newest first, in pages. */
  async list(actor: Actor | null, query: { cursor?: string; limit?: number }): Promise<CertificatePage> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeInstantCursor(query.cursor) : undefined;
    const rows = await inScope(this.db, { citizenId: citizen.id }, (trx) => new CertificatesRepository(trx).listOwn(citizen.id, { after, limit: limit + 1 }));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => this.view(r, citizen)),
      nextCursor: rows.length > limit && last ? encodeInstantCursor({ at: last.at_key, id: last.id }) : null,
    };
  }

  /** The stored PDF, the same bytes every time. */
  async file(actor: Actor | null, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const row = await inScope(this.db, { citizenId: citizen.id }, (trx) => new CertificatesRepository(trx).ownById(citizen.id, id));
    if (!row) throw notFound('Il certificato richiesto');
    return { fileName: row.file_name, contentType: 'application/pdf', content: await this.deps.storage.get(row.storage_key) };
  }

  /** The citizen who asked for it revokes it (lost, no longer needed…). The body's audit log records it. */
  async revokeOwn(actor: Actor | null, id: string, reason: string): Promise<CertificateView> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    return inScope(this.db, { citizenId: citizen.id }, async (trx) => {
      const row = await new CertificatesRepository(trx).ownById(citizen.id, id, true);
      if (!row) throw notFound('Il certificato richiesto');
      if (row.revoked_at) throw alreadyRevoked();
      const by = auditActor(citizen);
      // the revocation and its audit entry are the body's: written in its scope, in the same transaction
      const revoked = await inScope(trx, { tenantId: row.tenant_id }, async (t) => {
        await this.revokeRow(t, row, { by, reason, actor: by, revokedBy: 'citizen' });
        return new CertificatesRepository(t).ownById(citizen.id, id);
      });
      return this.view(revoked!, citizen);
    });
  }

  /**
   * The body revokes a certificate it issued (its administrators, or the operators of the office that keeps the
   * register), named by id or by the verification code printed on it. Another body's certificate does not exist
   * for it. The answer carries no person's data.
   */
  async revokeByOffice(actor: Actor | null, idOrCode: string, reason: string): Promise<CertificateRevocation> {
    if (!actor) throw unauthorized();
    const key = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode)
      ? { id: idOrCode.toLowerCase() }
      : normaliseVerificationCode(idOrCode) ? { code: normaliseVerificationCode(idOrCode)! } : null;
    if (!key) throw notFound('Il certificato richiesto');
    return inScope(this.db, { platform: true }, async (trx) => {
      const row = await new CertificatesRepository(trx).findForRevocation(key);
      if (!row) throw notFound('Il certificato richiesto');
      const staff = requireAccess(actor, 'certificates.revoke', { tenantId: row.tenant_id, officeId: row.office_id }) as StaffActor;
      if (row.revoked_at) throw alreadyRevoked();
      const by = auditActor(staff);
      const at = await inScope(trx, { tenantId: row.tenant_id }, (t) => this.revokeRow(t, row, { by, reason, actor: by, revokedBy: 'office' }));
      return {
        id: row.id, kind: row.kind, verificationCode: row.verification_code, tenant: { id: row.tenant_id, name: row.tenant_name },
        issuedAt: new Date(row.issued_at).toISOString(), revokedAt: at.toISOString(), revokedBy: 'office', revokedReason: reason,
      };
    });
  }

  private async revokeRow(trx: Kysely<DB>, row: CertificateRow, r: { by: string; reason: string; actor: string; revokedBy: 'citizen' | 'office' }): Promise<Date> {
    const at = clock.now();
    await new CertificatesRepository(trx).revoke(row.id, { at, reason: r.reason, by: r.by });
    await appendAudit(trx, {
      tenantId: row.tenant_id, actor: r.actor, action: 'certificate.revoked', target: `certificate:${row.id}`,
      details: { kind: row.kind, verificationCode: row.verification_code, by: r.revokedBy, reason: r.reason },
    });
    return at;
  }

  /**
   * The public verification of a certificate by its code (already in its printed form), or null when no
   * certificate has it. A valid one shows what it shows, and that read of the person's data is logged (once a day
   * per certificate); a revoked one says so, and shows none of it.
   */
  async verification(code: string): Promise<CertificateVerificationView | null> {
    return inScope(this.db, { platform: true }, async (trx) => {
      const row = await new CertificatesRepository(trx).byVerificationCode(code);
      if (!row) return null;
      // after its six months the certificate vouches for nothing, and its holder's data stop being shown to anyone
      const expired = row.revoked_at === null && clock.today() > row.content.validUntil;
      const valid = row.revoked_at === null && !expired;
      if (valid) {
        await recordPersonalDataReads(trx, peopleShown(row.content).map((p) => ({
          tenantId: row.tenant_id, subjectFiscalCode: p.fiscalCode, citizenId: row.citizen_id, actor: VERIFICATION_ACTOR, officeName: null,
          object: { type: 'certificate', id: row.id, label: `${row.content.title} (codice ${row.verification_code})` },
          operation: 'certificate_verification',
          purpose: "Verifica dell'autenticità del certificato chiesta sulla pagina pubblica da chi ne ha il codice (per esempio chi lo ha ricevuto)",
          legalBasis: LEGAL_BASIS.certificate,
        })), { oncePerDay: true });
      }
      return {
        kind: 'certificate', code: row.verification_code, valid, certificateKind: row.kind, title: CERTIFICATE_TITLES[row.kind],
        tenant: { name: row.tenant_name, fiscalCode: row.tenant_fiscal_code },
        issuedAt: new Date(row.issued_at).toISOString(), sha256: row.sha256,
        revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
        expiredOn: expired ? row.content.validUntil : null,
        content: valid ? row.content : null,
      };
    });
  }
}

const alreadyRevoked = () => conflict('Il certificato è già stato revocato. (The certificate was already revoked.)');

function revokedBy(row: Pick<CertificateRow, 'revoked_by'>): CertificateView['revokedBy'] {
  if (!row.revoked_by) return null;
  return row.revoked_by.startsWith('citizen:') ? 'citizen' : 'office';
}

/** The log of the system's read of the register for a new certificate: one entry per person it shows. */
export function registerReads(
  content: CertificateContent,
  c: { id: string; tenantId: string; officeName: string | null; citizen: CitizenActor; verificationCode: string },
): PersonalDataRead[] {
  const title = content.title.charAt(0).toLowerCase() + content.title.slice(1);
  return peopleShown(content).map((p) => ({
    tenantId: c.tenantId,
    subjectFiscalCode: p.fiscalCode,
    citizenId: c.citizen.id,
    actor: SYSTEM_ACTOR,
    officeName: c.officeName,
    object: { type: 'certificate', id: c.id, label: `${content.title} (codice ${c.verificationCode})` },
    operation: 'certificate',
    purpose: p.fiscalCode === c.citizen.fiscalCode.toUpperCase()
      ? `Emissione del ${title} che hai richiesto online`
      : `Emissione del ${title} richiesto online da un familiare`,
    legalBasis: LEGAL_BASIS.certificate,
  }));
}
