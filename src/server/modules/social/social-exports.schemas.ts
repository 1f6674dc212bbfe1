/**
 * The HTTP contracts of the flows to the Casellario (contracts/social.ts: ExportPreview, ExportProblem,
 * SocialExport) in TypeBox. Unknown fields are refused.
 */
import { Type } from 'typebox';
import { EXPORT_FLOWS, type ExportFlow } from '../../../contracts/social.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateOnly = Type.String({ format: 'date', maxLength: 10 });
const Count = Type.Integer({ minimum: 0, format: 'int32' });
const Flow = Type.Unsafe<ExportFlow>(Type.String({ enum: [...EXPORT_FLOWS], maxLength: 10, description: 'psa: prestazioni sociali (con SINA); sinba: minori in carico' }));

export const ExportBody = Type.Object(
  {
    flow: Flow,
    from: Type.String({ format: 'date', maxLength: 10, description: 'primo giorno del periodo (AAAA-MM-GG)' }),
    to: Type.String({ format: 'date', maxLength: 10, description: 'ultimo giorno del periodo (AAAA-MM-GG), al massimo un anno dopo' }),
  },
  { additionalProperties: false },
);

export const ExportParams = Type.Object({ exportId: Uuid });

export const ExportProblemSchema = Type.Object({
  caseId: Uuid,
  reference: Text(40),
  person: Text(210, 0),
  interventionId: Type.Union([Uuid, Type.Null()]),
  intervention: Type.Union([Text(200), Type.Null()]),
  missing: Type.Array(Text(200), { maxItems: 50, description: 'i dati mancanti, con il nome che hanno nella cartella' }),
}, { $id: 'SocialExportProblem' });

const Problems = Type.Array(Type.Ref('SocialExportProblem'), { maxItems: 100_000 });

export const ExportPreviewSchema = Type.Object({
  flow: Flow,
  from: DateOnly,
  to: DateOnly,
  inserts: Count,
  corrections: Count,
  unchanged: Count,
  problems: Problems,
});

export const SocialExportSchema = Type.Object({
  id: Uuid,
  flow: Flow,
  from: DateOnly,
  to: DateOnly,
  fileName: Text(50),
  records: Count,
  corrections: Count,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64 }),
  createdBy: Text(300),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
}, { $id: 'SocialExport' });

export const ExportsList = Type.Object({ items: Type.Array(Type.Ref('SocialExport'), { maxItems: 100 }) });

/** 422 of an export refused: the problem+json with the records that lack fields. */
export const ExportRefusedSchema = Type.Object({
  type: Text(200),
  title: Text(200),
  status: Type.Integer({ format: 'int32', minimum: 100, maximum: 599 }),
  detail: Text(4000),
  errors: Type.Optional(Type.Array(Type.Object({ path: Text(300), message: Text(500) }), { maxItems: 100 })),
  problems: Type.Optional(Problems),
}, { description: 'problem+json; `problems` elenca i record a cui mancano dati (nessun file prodotto)' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'ripetere la richiesta con la stessa chiave restituisce il primo risultato' })),
});
