import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VerificationView } from '../../../contracts/applications.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import { DocumentsRepository, type VerificationRow } from './documents.repository.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';

/** Letters and digits nobody confuses when reading a paper receipt aloud or typing it: no 0/O, 1/I. */
export const VERIFICATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new verification code, 12 characters in groups of four: "K7QM-4ZPA-X9TD" (60 bits). */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)];
  }
  return code;
}

/**
 * A code as someone typed it (lower case, with or without dashes or spaces) in its printed form, or null when it
 * cannot be one of ours.
 */
export function normaliseVerificationCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (bare.length !== 12 || [...bare].some((c) => !VERIFICATION_ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

/** The public page a QR code on a document opens. */
export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/verify/${code}`;


/** Documents issued on applications: the public verification of their authenticity. */
export class DocumentsService {
  private readonly repo = new DocumentsRepository();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: Pick<Config, 'publicUrl'>,
  ) {}

  /** The address printed (and put in the QR code) on a document with this code. */
  urlFor(code: string): string {
    return verificationUrl(this.config.publicUrl, code);
  }

  /**
   * What a document says about itself, for anyone holding it: the body, the service, the application's code,
   * protocol and dates and the document's SHA-256. Never the names or fiscal codes of the people involved.
   */
  async verify(code: string): Promise<VerificationView> {
    const normalised = normaliseVerificationCode(code);
    const row = normalised
      ? await inScope(this.db, { platform: true }, (trx) => this.repo.findByVerificationCode(trx, normalised))
      : undefined;
    if (!row) throw notFound(`Il codice di verifica ${code}`);
    return toView(row);
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toView(row: VerificationRow): VerificationView {
  return {
    code: row.verification_code,
    valid: row.revoked_at === null,
    kind: row.kind,
    tenant: { name: row.tenant_name, fiscalCode: row.tenant_fiscal_code },
    service: { title: row.service_title },
    applicationCode: row.application_code,
    submittedAt: row.submitted_at ? iso(row.submitted_at) : null,
    protocol:
      row.protocol_number !== null && row.protocol_year !== null && row.registered_at
        ? { number: formatProtocolNumber(row.protocol_number), year: row.protocol_year, registeredAt: iso(row.registered_at) }
        : null,
    issuedAt: iso(row.created_at),
    sha256: row.sha256,
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  };
}
