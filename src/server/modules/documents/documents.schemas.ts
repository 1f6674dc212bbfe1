import { Type } from 'typebox';
import { CertificateVerificationSchema } from '../certificates/certificates.schemas.ts';

const Str = (max: number, extra: Record<string, unknown> = {}) => Type.String({ maxLength: max, ...extra });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const VerificationParams = Type.Object(
  {
    code: Type.String({
      pattern: '^[A-Za-z0-9-]{4,30}$',
      minLength: 4,
      maxLength: 30,
      description: 'codice di verifica stampato sul documento, es. K7QM-4ZPA-X9TD (maiuscole o minuscole, con o senza trattini)',
    }),
  },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

/** src/contracts/applications.ts DocumentVerificationView */
export const DocumentVerificationSchema = Type.Object(
  {
    code: Str(20, { description: 'codice di verifica, nella forma stampata' }),
    valid: Type.Boolean({ description: 'vero se il documento è autentico e non revocato' }),
    kind: Type.Union([Type.Literal('receipt'), Type.Literal('response')], { description: 'ricevuta di presentazione o provvedimento di risposta' }),
    tenant: Type.Object({ name: Str(300), fiscalCode: Str(16) }, { description: "l'ente che ha emesso il documento" }),
    service: Type.Object({ title: Str(300) }),
    applicationCode: Str(40, { description: 'codice della domanda' }),
    submittedAt: Nullable(DateTime),
    protocol: Nullable(
      Type.Object({
        number: Str(12, { pattern: '^[0-9]{7,12}$', description: 'numero di protocollo, almeno 7 cifre' }),
        year: Type.Integer({ minimum: 2000, maximum: 9999, format: 'int32' }),
        registeredAt: DateTime,
      }),
    ),
    issuedAt: DateTime,
    sha256: Str(64, { pattern: '^[0-9a-f]{64}$', description: 'impronta SHA-256 del PDF emesso: confrontala con quella del file che hai' }),
    revokedAt: Nullable(DateTime),
  },
  { description: 'Verifica pubblica di un documento: ciò che il documento dice di sé, senza dati personali' },
);

/** src/contracts/applications.ts VerificationView: a receipt or a response, or a registry certificate */
export const VerificationViewSchema = Type.Union([DocumentVerificationSchema, CertificateVerificationSchema], {
  description: 'Verifica pubblica per codice: una ricevuta o un provvedimento (kind receipt, response) o un certificato anagrafico (kind certificate)',
});
