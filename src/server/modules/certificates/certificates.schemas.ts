/** TypeBox contracts of "I miei certificati" and of a certificate's public verification (src/contracts/certificates.ts). */
import { Type } from 'typebox';
import { CERTIFICATE_KINDS } from '../../../contracts/certificates.ts';
import { Cursor, Limit, Uuid } from '../../platform/schemas.ts';

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const DateTime = (description?: string) => Type.String({ format: 'date-time', maxLength: 40, ...(description ? { description } : {}) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});
const FiscalCode = (description: string) => Type.String({ pattern: '^[A-Za-z0-9]{16}$', minLength: 16, maxLength: 16, description });

export const CertificateKind = Type.Union(CERTIFICATE_KINDS.map((k) => Type.Literal(k)), {
  description: 'residence: certificato di residenza; family: di stato di famiglia; registry: anagrafico (nomi, nascita, cittadinanza, stato civile, residenza)',
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'rende una POST ripetuta uguale alla prima (makes a retried POST return the first result)' })),
});

export const CertificateRequest = Type.Object(
  {
    kind: CertificateKind,
    subjectFiscalCode: Type.Optional(FiscalCode('un figlio minore di cui hai la responsabilità (sulla tua scheda di famiglia); senza: tu')),
  },
  { additionalProperties: false },
);

export const CertificateParams = Type.Object({ certificateId: Uuid }, { additionalProperties: false });

/** The office names the certificate by its id or by the verification code printed on it. */
export const OfficeCertificateParams = Type.Object(
  {
    certificateId: Type.String({
      pattern: '^([0-9a-fA-F-]{36}|[A-Za-z0-9-]{12,14})$', minLength: 12, maxLength: 36,
      description: 'id del certificato, oppure il codice di verifica stampato (es. K7QM-4ZPA-X9TD)',
    }),
  },
  { additionalProperties: false },
);

export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, description: 'perché: smarrito, dati cambiati, non serve più…' }) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });

const Person = {
  givenName: Text(200),
  familyName: Text(200),
  fiscalCode: Text(16),
  sex: Nullable(Type.Union([Type.Literal('M'), Type.Literal('F')])),
  birthDate: Day('data di nascita'),
  birthPlace: Text(200, 'luogo di nascita'),
};

/** src/contracts/certificates.ts CertificateContent */
export const CertificateContentSchema = Type.Object(
  {
    kind: CertificateKind,
    title: Text(100),
    body: Type.Object({ name: Text(300), fiscalCode: Text(16), office: Nullable(Text(300)) }, { description: "l'ente che lo ha emesso e l'ufficio che tiene l'anagrafe" }),
    issuedOn: Day('giorno di emissione (ora italiana)'),
    validUntil: Day('ultimo giorno di validità: sei mesi dal rilascio (art. 41 DPR 445/2000)'),
    person: Type.Object({
      ...Person,
      citizenship: Type.Optional(Text(100, 'cittadinanza (certificato anagrafico)')),
      civilStatus: Type.Optional(Nullable(Text(100), 'stato civile (certificato anagrafico); null se il registro non lo indica')),
    }, { description: 'la persona a cui si riferisce' }),
    residence: Type.Object({
      address: Text(500),
      since: Type.Optional(Nullable(Day('residente nel Comune dal (certificato anagrafico)'))),
    }),
    family: Type.Optional(Type.Array(Type.Object({ ...Person, relation: Text(100, "relazione con l'intestatario della scheda") }), {
      maxItems: 100, description: 'stato di famiglia: tutti i componenti della scheda, a partire dall\'intestatario',
    })),
  },
  { description: 'Esattamente ciò che il certificato riporta' },
);

export const CertificateSchema = Type.Object(
  {
    id: Uuid,
    kind: CertificateKind,
    title: Text(100),
    verificationCode: Text(14, 'codice di verifica stampato sul certificato'),
    issuedAt: DateTime(),
    validUntil: Day('ultimo giorno di validità'),
    tenant: Type.Object({ id: Uuid, name: Text(300) }),
    subject: Type.Object({ fiscalCode: Text(16), name: Text(400), self: Type.Boolean({ description: 'false: un figlio minore' }) }),
    file: Type.Object({ name: Text(200), size: Type.Integer({ minimum: 1, format: 'int32' }), sha256: Text(64) }),
    status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
    revokedAt: Nullable(DateTime()),
    revokedBy: Nullable(Type.Union([Type.Literal('citizen'), Type.Literal('office')])),
    revokedReason: Nullable(Text(500)),
    verifyUrl: Text(500, 'la pagina pubblica di verifica (quella del codice QR)'),
  },
  { $id: 'Certificate', description: 'Un certificato emesso' },
);

export const CertificatePageSchema = Type.Object({
  items: Type.Array(Type.Ref('Certificate'), { maxItems: 100 }),
  nextCursor: Nullable(Text(500)),
});

export const CertificateRevocationSchema = Type.Object(
  {
    id: Uuid,
    kind: CertificateKind,
    verificationCode: Text(14),
    tenant: Type.Object({ id: Uuid, name: Text(300) }),
    issuedAt: DateTime(),
    revokedAt: DateTime(),
    revokedBy: Type.Union([Type.Literal('citizen'), Type.Literal('office')]),
    revokedReason: Nullable(Text(500)),
  },
  { description: 'Il certificato revocato, senza i dati della persona' },
);

/** src/contracts/certificates.ts CertificateVerificationView: part of GET /api/v1/verifications/{code}. */
export const CertificateVerificationSchema = Type.Object(
  {
    kind: Type.Literal('certificate'),
    code: Text(20, 'codice di verifica, nella forma stampata'),
    valid: Type.Boolean({ description: 'vero se il certificato è autentico, non revocato e non scaduto' }),
    certificateKind: CertificateKind,
    title: Text(100),
    tenant: Type.Object({ name: Text(300), fiscalCode: Text(16) }, { description: "l'ente che lo ha emesso" }),
    issuedAt: DateTime(),
    sha256: Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'impronta SHA-256 del PDF emesso' }),
    revokedAt: Nullable(DateTime()),
    expiredOn: Nullable(Type.String({ format: 'date', maxLength: 10, description: "l'ultimo giorno di validità, se è passato (sei mesi dal rilascio)" })),
    content: Nullable(CertificateContentSchema, 'ciò che il certificato riporta; null se è stato revocato o è scaduto'),
  },
  { description: 'Verifica pubblica di un certificato anagrafico: ciò che il certificato stesso riporta, nulla di più' },
);
