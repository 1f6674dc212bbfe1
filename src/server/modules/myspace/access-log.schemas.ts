/** TypeBox contracts of "Chi ha consultato i miei dati" (GET /api/v1/me/access-log and its CSV). */
import { Type, type Static } from 'typebox';
import { Cursor, Limit } from '../../platform/schemas.ts';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
// Dates are checked by the service, so that a wrong one gets a message that says how to write it.
const DateOnly = (description: string) => Type.String({ maxLength: 10, description });

export const ACCESS_ACTOR_KINDS = ['operator', 'token', 'system'] as const;

export const AccessLogQuery = Type.Object(
  {
    from: Type.Optional(DateOnly('dal giorno (AAAA-MM-GG, ora italiana, compreso)')),
    to: Type.Optional(DateOnly('al giorno (AAAA-MM-GG, ora italiana, compreso)')),
    tenant: Type.Optional(Uuid("solo gli accessi di questo ente (uno di quelli in `bodies`)")),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type AccessLogQuery = Static<typeof AccessLogQuery>;

export const AccessLogExportQuery = Type.Object(
  {
    from: AccessLogQuery.properties.from,
    to: AccessLogQuery.properties.to,
    tenant: AccessLogQuery.properties.tenant,
  },
  { additionalProperties: false },
);
export type AccessLogExportQuery = Static<typeof AccessLogExportQuery>;

const Body = Type.Object({ id: Uuid("l'ente"), name: Text(300, "il nome dell'ente") });

export const AccessLogEntry = Type.Object(
  {
    id: Uuid(),
    at: Type.String({ format: 'date-time', maxLength: 40, description: "quando è avvenuto l'accesso" }),
    body: Body,
    office: Type.Union([Text(300), Type.Null()], { description: "l'ufficio che ha consultato i dati; null se nessun ufficio" }),
    who: Type.Object({
      kind: Type.Union([Type.Literal('operator'), Type.Literal('token'), Type.Literal('system')], { description: 'operator: una persona; token: un sistema di un integratore; system: la piattaforma' }),
      name: Text(300, "il nome dell'operatore (dove l'ente ha scelto di mostrarlo), dell'integratore o «Sistema»"),
      named: Type.Boolean({ description: "false se l'ente mostra solo l'ufficio e non il nome dell'operatore" }),
    }),
    object: Type.Object({
      type: Text(60, 'che cosa: application (una pratica)…'),
      id: Uuid(),
      label: Text(500, 'i dati consultati, per esempio «Pratica CA-2026-ABC123 — Cambio di residenza»'),
    }),
    operation: Text(40, 'view | history | attachment | document | assignees | messages'),
    operationLabel: Text(200, "l'operazione in parole, per esempio «ha aperto la pratica»"),
    purpose: Text(1000, 'la finalità'),
    legalBasis: Text(1000, 'la base giuridica'),
    subject: Type.Object({
      self: Type.Boolean({ description: 'true se i dati sono tuoi; false se sono di un figlio minore o di un\'impresa che rappresenti' }),
      name: Text(300, 'di chi sono i dati'),
    }),
    hidden: Type.Union([
      Type.Object({
        until: Type.String({ format: 'date-time', maxLength: 40, description: 'fino a quando la notizia è stata differita' }),
        reason: Text(1000, 'perché (per esempio un\'indagine in corso)'),
      }),
      Type.Null(),
    ], { description: "la notizia dell'accesso è stata differita per un motivo previsto dalla legge, fino a questa data" }),
  },
  { $id: 'AccessLogEntry', description: 'Un accesso ai dati personali' },
);

export const AccessLogPage = Type.Object(
  {
    items: Type.Array(Type.Ref('AccessLogEntry'), { maxItems: 100 }),
    nextCursor: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    total: Type.Integer({ minimum: 0, format: 'int32', description: 'quanti accessi rispondono ai filtri' }),
    bodies: Type.Array(Body, { maxItems: 1000, description: 'gli enti che compaiono nel registro (per il filtro), in ordine di nome' }),
  },
  { description: 'Chi ha consultato i miei dati' },
);

export const AccessLogCsv = Type.String({ maxLength: 50_000_000, description: 'CSV (UTF-8 con BOM, separatore ";")' });
