/** TypeBox contracts of the dashboard routes; the shapes and the definitions of each figure: contracts/analytics.ts. */
import { Type } from 'typebox';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Name = Type.String({ maxLength: 300 });
const Count = (description: string) => Type.Integer({ minimum: 0, format: 'int32', description });
const Share = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: 1, format: 'double' }), Type.Null()], { description });
const Days = (description: string) => Type.Union([Type.Number({ minimum: 0, format: 'double' }), Type.Null()], { description });
const DateOnly = (description = 'data AAAA-MM-GG (YYYY-MM-DD)') => Type.String({ maxLength: 10, description });

// Dates are checked by the service, so that a wrong one gets a message that says how to write it.
export const DashboardQuery = Type.Object(
  {
    tenant: Type.Optional(Uuid("l'ente (predefinito: il proprio; un ente capofila può indicare un ente associato)")),
    from: Type.Optional(DateOnly('primo giorno del periodo, AAAA-MM-GG (predefinito: 90 giorni prima di `to`)')),
    to: Type.Optional(DateOnly("ultimo giorno del periodo, AAAA-MM-GG (predefinito: oggi); al massimo 3 anni dopo `from`")),
    office: Type.Optional(Uuid("solo le pratiche che l'ufficio ha in carico")),
    service: Type.Optional(Uuid('solo le pratiche di questo servizio')),
  },
  { additionalProperties: false },
);

export const FiltersQuery = Type.Object(
  { tenant: Type.Optional(Uuid("l'ente (predefinito: il proprio)")) },
  { additionalProperties: false },
);

const figureProperties = {
  received: Count('presentate nel periodo'),
  inProgress: Count('oggi presentate, protocollate o in lavorazione'),
  waiting: Count('oggi in attesa del cittadino (termine sospeso)'),
  overdue: Count('oggi aperte con la scadenza già passata'),
  closed: Count('accolte o respinte nel periodo'),
  approved: Count('accolte nel periodo'),
  rejected: Count('respinte nel periodo'),
  avgDays: Days("giorni medi di lavorazione delle concluse nel periodo (dalla presentazione all'esito, meno i giorni di sospensione)"),
  p90Days: Days('giorni di lavorazione al 90° percentile (percentile_cont) delle concluse nel periodo'),
  maxDays: Type.Union([Type.Integer({ minimum: 0, format: 'int32' }), Type.Null()], { description: 'termine massimo di legge in giorni' }),
  onTimeShare: Share('quota (0-1) delle concluse nel periodo entro la scadenza'),
  integrationRate: Share('quota (0-1) delle ricevute nel periodo con almeno una richiesta di integrazione'),
  ratingAverage: Type.Union([Type.Number({ minimum: 1, maximum: 5, format: 'double' }), Type.Null()], { description: 'valutazione media (1-5) delle ricevute nel periodo' }),
  ratingCount: Count('valutazioni delle ricevute nel periodo'),
};

const Figures = Type.Object(figureProperties);
const Ref = Type.Object({ id: Uuid(), name: Name });

const Row = Type.Object({
  office: Type.Union([Ref, Type.Null()], { description: "l'ufficio che ha in carico le pratiche; null se nessuno" }),
  service: Type.Object({ id: Uuid(), title: Name }),
  ...figureProperties,
});

export const Dashboard = Type.Object(
  {
    tenant: Ref,
    from: DateOnly(),
    to: DateOnly(),
    generatedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    rows: Type.Array(Row, { maxItems: 100_000 }),
    totals: Figures,
  },
  { description: 'Cruscotto delle pratiche per ufficio e servizio' },
);

export const Filters = Type.Object(
  {
    tenant: Ref,
    tenants: Type.Array(Ref, { maxItems: 10_000 }),
    offices: Type.Array(Ref, { maxItems: 10_000 }),
    services: Type.Array(Type.Object({ id: Uuid(), title: Name }), { maxItems: 2000 }),
  },
  { description: 'Enti, uffici e servizi tra cui scegliere' },
);

/** The file downloads: a string for OpenAPI, with the media type named per response. */
export const CsvFile = Type.String({ maxLength: 50_000_000, description: 'CSV (UTF-8 con BOM, separatore ";", decimali con la virgola)' });
export const XlsxFile = Type.String({ format: 'binary', maxLength: 50_000_000, description: 'cartella di lavoro Excel (XLSX)' });
