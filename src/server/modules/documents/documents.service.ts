import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentVerificationView, VerificationView } from '../../../contracts/applications.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { Problem } from '../../platform/errors.ts';
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


/**
 * The one answer for a code that verifies nothing: unknown, forged, altered or not even shaped like a code. Same
 * status, same body, whatever the reason, so the answer tells a guesser nothing.
 */
export const codeNotValid = () => new Problem(404, 'Codice non valido',
  'Il codice di verifica non corrisponde a nessun documento valido. (This verification code does not match any valid document.)');

/** Another kind of document verified by its code (registry certificates): null when no such document has it. */
export type CodeVerifier = (code: string) => Promise<VerificationView | null>;

/** Documents issued on applications: the public verification of their authenticity. */
export class DocumentsService {
  private readonly repo = new DocumentsRepository();
  private readonly verifiers: CodeVerifier[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: Pick<Config, 'publicUrl'>,
  ) {}

  /** The address printed (and put in the QR code) on a document with this code. */
  urlFor(code: string): string {
    return verificationUrl(this.config.publicUrl, code);
  }

  /** Other documents verified on the same page by their codes (certificates add theirs). */
  addVerifier(verifier: CodeVerifier): void {
    this.verifiers.push(verifier);
  }

  /**
   * What a document says about itself, for anyone holding it. A receipt or a response: the body, the service, the
   * application's code, protocol and dates and the document's SHA-256, never the names or fiscal codes of the
   * people involved. Another kind (a certificate) answers through its verifier. A code that verifies nothing gets
   * the same answer whatever the reason (`codeNotValid`).
   */
  async verify(code: string): Promise<VerificationView> {
    const normalised = normaliseVerificationCode(code);
    if (!normalised) throw codeNotValid();
    const row = await inScope(this.db, { platform: true }, (trx) => this.repo.findByVerificationCode(trx, normalised));
    if (row) return toView(row);
    for (const verifier of this.verifiers) {
      const found = await verifier(normalised);
      if (found) return found;
    }
    throw codeNotValid();
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toView(row: VerificationRow): DocumentVerificationView {
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
