/**
 * TypeBox contracts of the district's social figures (shapes: SocialFigures in src/contracts/social.ts). No
 * person's data: counts, sums and days, with small cells hidden outside the social workers' own view.
 */
import { Type } from 'typebox';
import { SMALL_CELL_THRESHOLD, TARGET_AREAS } from '../../../contracts/social.ts';

const Day = (description: string) => Type.String({ maxLength: 10, description });
const Count = (description: string) => Type.Integer({ minimum: 0, format: 'int32', description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });
const Days = (description: string) => Nullable(Type.Number({ minimum: 0, format: 'double' }), description);

const Filters = {
  // the dates are checked by the service, so that a wrong one gets a message that says how to write it
  from: Type.Optional(Day('primo giorno del periodo, AAAA-MM-GG (predefinito: il primo giorno del mese di 11 mesi fa: gli ultimi 12 mesi)')),
  to: Type.Optional(Day('ultimo giorno del periodo, AAAA-MM-GG (predefinito: oggi); al massimo 5 anni in tutto')),
  comuneId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: "un comune dell'ambito (per un assistente sociale: uno dei suoi)" })),
  targetArea: Type.Optional(Type.Union(TARGET_AREAS.map((a) => Type.Literal(a)), { description: "l'area di intervento" })),
};

export const FiguresQuery = Type.Object(Filters, { additionalProperties: false });
export const FiguresExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'csv (per Excel in italiano) o xlsx' }),
  ...Filters,
}, { additionalProperties: false });

const Cell = Type.Object({
  value: Nullable(Type.Integer({ minimum: 0, format: 'int32' }), `il conteggio; null se nascosto (da 1 a ${SMALL_CELL_THRESHOLD - 1} persone)`),
  suppressed: Type.Boolean({ description: `true se il valore è nascosto per tutelare le persone (meno di ${SMALL_CELL_THRESHOLD})` }),
}, { additionalProperties: false });

const FigureRow = Type.Object({
  key: Type.String({ maxLength: 60, description: 'id del comune, codice del bisogno o dell\'area, fascia d\'età (unknown: non nota), mese AAAA-MM' }),
  label: Type.String({ maxLength: 200 }),
  contacts: Cell,
  cases: Cell,
}, { additionalProperties: false });
const Rows = Type.Array(FigureRow, { maxItems: 500 });

export const SocialFiguresSchema = Type.Object({
  from: Day('primo giorno del periodo'),
  to: Day('ultimo giorno del periodo'),
  suppression: Type.Boolean({ description: `true se i valori di meno di ${SMALL_CELL_THRESHOLD} persone sono nascosti a chi chiede` }),
  totals: Type.Object({
    contacts: Cell,
    newCases: Cell,
    casesInCharge: Cell,
    people: Cell,
  }, { additionalProperties: false, description: 'primi contatti; persone con una nuova cartella; persone in carico alla fine del periodo; persone distinte con un primo contatto o una nuova cartella' }),
  byComune: Rows,
  byNeed: Rows,
  byTargetArea: Rows,
  byAgeBand: Rows,
  byMonth: Rows,
  interventions: Type.Array(Type.Object({
    code: Type.String({ maxLength: 10 }),
    name: Type.String({ maxLength: 200 }),
    people: Cell,
    interventions: Cell,
    spendingCents: Nullable(Type.Integer({ minimum: 0, format: 'int64' }), "la quota a carico dell'ente, in centesimi; null se nascosta"),
    suppressed: Type.Boolean(),
  }, { additionalProperties: false }), { maxItems: 200 }),
  waiting: Type.Object({
    cases: Count('cartelle prese in carico nel periodo (0 se nascosto)'),
    meanDays: Days('giorni in media dal primo contatto alla presa in carico'),
    medianDays: Days('mediana dei giorni'),
    p90Days: Days('90° percentile dei giorni (percentile_cont)'),
    suppressed: Type.Boolean(),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const CsvFile = Type.String({ maxLength: 10_000_000, description: 'CSV (UTF-8 con BOM, separatore ";"; "<5" per un valore nascosto)' });
export const XlsxFile = Type.String({ format: 'binary', maxLength: 10_000_000, description: 'cartella di lavoro Excel (XLSX)' });
