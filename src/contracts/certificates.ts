/**
 * "I miei certificati": registry certificates a citizen downloads at once from the body's population register, and
 * what their public verification shows. Shapes shared by server and web.
 */

export const CERTIFICATE_KINDS = ['residence', 'family', 'registry'] as const;
/** residence: certificato di residenza; family: di stato di famiglia; registry: anagrafico (iscrizione anagrafica) */
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** The Italian titles printed on the certificates. */
export const CERTIFICATE_TITLES: Record<CertificateKind, string> = {
  residence: 'Certificato di residenza',
  family: 'Certificato di stato di famiglia',
  registry: 'Certificato anagrafico',
};

/** A person as a certificate prints them. Dates are calendar days, YYYY-MM-DD. */
export interface CertifiedPerson {
  givenName: string;
  familyName: string;
  fiscalCode: string;
  sex: 'M' | 'F' | null;
  birthDate: string;
  birthPlace: string;
}

/**
 * Exactly what a certificate shows, kept as issued: the PDF is drawn from it and the public verification shows it
 * and nothing else. Words (civil status, family relations) are the Italian ones printed on the paper.
 */
export interface CertificateContent {
  kind: CertificateKind;
  title: string;
  /** the body that issued it, and the office that keeps its register */
  body: { name: string; fiscalCode: string; office: string | null };
  /** the day of issue, in Italy */
  issuedOn: string;
  /** the last day it may be used: six months, as for every certificate of facts that can change (art. 41 DPR 445/2000) */
  validUntil: string;
  /** whom it is about */
  person: CertifiedPerson & {
    /** registry certificate only */
    citizenship?: string;
    /** registry certificate only: "coniugata", "celibe"…; null when the register does not record it */
    civilStatus?: string | null;
  };
  /** the address in the register; `since` (registry certificate only) when the register records it */
  residence: { address: string; since?: string | null };
  /** family certificate only: everyone on the family sheet, the head first, with their relation to the head */
  family?: (CertifiedPerson & { relation: string })[];
}

export type CertificateStatus = 'valid' | 'revoked';

/** A certificate in "I miei certificati". */
export interface CertificateView {
  id: string;
  kind: CertificateKind;
  title: string;
  verificationCode: string;
  issuedAt: string;
  validUntil: string;
  tenant: { id: string; name: string };
  /** whom it is about: the citizen (self) or a minor in their care */
  subject: { fiscalCode: string; name: string; self: boolean };
  file: { name: string; size: number; sha256: string };
  status: CertificateStatus;
  revokedAt: string | null;
  /** who revoked it: the citizen themselves or the body's office */
  revokedBy: 'citizen' | 'office' | null;
  revokedReason: string | null;
  /** the public verification page (what the QR code on the certificate opens) */
  verifyUrl: string;
}

export interface CertificatePage {
  items: CertificateView[];
  nextCursor: string | null;
}

export interface CertificateRequest {
  kind: CertificateKind;
  /** a minor in the citizen's care; the citizen themselves when absent */
  subjectFiscalCode?: string;
}

/** What the body's office sees after revoking one: no person's data. */
export interface CertificateRevocation {
  id: string;
  kind: CertificateKind;
  verificationCode: string;
  tenant: { id: string; name: string };
  issuedAt: string;
  revokedAt: string;
  revokedBy: 'citizen' | 'office';
  revokedReason: string | null;
}

/** The public verification of a certificate (GET /api/v1/verifications/{code}). */
export interface CertificateVerificationView {
  kind: 'certificate';
  code: string;
  /** authentic and not revoked */
  valid: boolean;
  certificateKind: CertificateKind;
  title: string;
  tenant: { name: string; fiscalCode: string };
  issuedAt: string;
  /** SHA-256 of the PDF as issued: compare with the file you hold */
  sha256: string;
  revokedAt: string | null;
  /** its last day of validity, once passed (six months from issue, art. 41 DPR 445/2000) */
  expiredOn: string | null;
  /** what the certificate shows; null once revoked or expired: it no longer vouches for anything */
  content: CertificateContent | null;
}
