/**
 * TypeBox contracts of the desk manager's figures (shapes: DeskFigures in src/contracts/desk.ts). No person's data:
 * counts, times and shares of an office's queue.
 */
import { Type } from 'typebox';
import { DESK_FIGURES_MAX_DAYS } from './desk-analytics.service.ts';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Count = (description: string) => Type.Integer({ minimum: 0, format: 'int32', description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });
const Minutes = (description: string) => Nullable(Type.Number({ minimum: 0, format: 'double' }), description);
const Share = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, format: 'double' }), description);
const Day = (description: string) => Type.String({ maxLength: 10, description });

// the dates are checked by the service, so that a wrong one gets a message that says how to write it
export const FiguresQuery = Type.Object({
  office: Uuid("l'ufficio con la coda (dell'ente di chi chiede)"),
  from: Type.Optional(Day('primo giorno del periodo, AAAA-MM-GG (predefinito: 27 giorni prima di `to`, quattro settimane)')),
  to: Type.Optional(Day(`ultimo giorno del periodo, AAAA-MM-GG (predefinito: oggi); al massimo ${DESK_FIGURES_MAX_DAYS} giorni in tutto`)),
}, { additionalProperties: false });

export const FiguresOfficesQuery = Type.Object({}, { additionalProperties: false });

const CategoryFigures = Type.Object({
  categoryId: Uuid(),
  name: Type.String({ maxLength: 80 }),
  prefix: Type.String({ maxLength: 1 }),
  tickets: Count('biglietti emessi nel periodo nella categoria (quella in cui sono stati serviti, dopo un eventuale trasferimento)'),
  served: Count('serviti'),
  abandoned: Count('usciti senza essere serviti: assenti alla chiamata, annullati, o mai chiamati entro la fine della giornata'),
  waitMeanMinutes: Minutes('attesa media in minuti, dal biglietto alla prima chiamata'),
  waitP90Minutes: Minutes('attesa al 90° percentile (percentile_cont), in minuti'),
  serviceMeanMinutes: Minutes("durata media del servizio in minuti, dall'ultima chiamata alla conclusione, dei serviti"),
}, { additionalProperties: false });

const HourStaffing = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23, format: 'int32', description: "l'ora (8 = dalle 08:00 alle 09:00, ora italiana)" }),
  arrivalsPerHour: Type.Number({ minimum: 0, format: 'double', description: "arrivi all'ora, in media sui giorni in cui l'ufficio era aperto in quell'ora (per il tempo in cui era aperto)" }),
  meanServiceMinutes: Minutes("durata media del servizio dei biglietti emessi in quell'ora"),
  countersNeeded: Nullable(Type.Integer({ minimum: 0, format: 'int32' }), "sportelli necessari per chiamare l'80% entro 10 minuti a questi ritmi (Erlang C); null se non è arrivato nessuno"),
  countersOpen: Type.Number({ minimum: 0, format: 'double', description: "sportelli aperti in media nell'ora (dalle sessioni degli sportelli)" }),
  serviceLevelWithOpen: Share('quota (0-1) chiamata entro 10 minuti con gli sportelli aperti (Erlang C); null se non calcolabile'),
}, { additionalProperties: false });

export const DeskFiguresSchema = Type.Object({
  officeId: Uuid(),
  from: Day('primo giorno del periodo'),
  to: Day('ultimo giorno del periodo'),
  arrivals: Type.Object({
    byHour: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23, format: 'int32' }), count: Count('biglietti emessi in quell\'ora, in tutto il periodo') }, { additionalProperties: false }), { maxItems: 24 }),
    byDay: Type.Array(Type.Object({ day: Day('il giorno'), count: Count('biglietti emessi') }, { additionalProperties: false }), { maxItems: 400 }),
    byWeek: Type.Array(Type.Object({ week: Type.String({ maxLength: 8, description: 'settimana ISO, per esempio 2026-W47' }), count: Count('biglietti emessi') }, { additionalProperties: false }), { maxItems: 60 }),
  }, { additionalProperties: false }),
  totals: Type.Object({
    tickets: Count('biglietti emessi nel periodo'),
    served: Count('serviti'),
    abandoned: Count('usciti senza essere serviti'),
    abandonmentRate: Share('quota (0-1) dei biglietti usciti senza essere serviti'),
    waitMeanMinutes: Minutes('attesa media in minuti'),
    waitP90Minutes: Minutes('attesa al 90° percentile in minuti'),
    appointments: Count("appuntamenti nell'ufficio nel periodo (non annullati)"),
    noShowAppointments: Count('appuntamenti di giorni passati senza accettazione al totem'),
  }, { additionalProperties: false }),
  categories: Type.Array(CategoryFigures, { maxItems: 26 }),
  satisfaction: Type.Object({
    satisfied: Count('valutazioni "soddisfatto"'),
    neutral: Count('valutazioni "così così"'),
    unsatisfied: Count('valutazioni "insoddisfatto"'),
    score: Share('quota (0-1) di "soddisfatto" sul totale delle valutazioni'),
  }, { additionalProperties: false }),
  staffing: Type.Array(HourStaffing, { maxItems: 24 }),
}, { additionalProperties: false });

export const FiguresOfficeList = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid(), name: Type.String({ maxLength: 300 }) }, { additionalProperties: false }), { maxItems: 500 }),
}, { additionalProperties: false });

export const CsvFile = Type.String({ maxLength: 10_000_000, description: 'CSV (UTF-8 con BOM, separatore ";", decimali con la virgola)' });
export const XlsxFile = Type.String({ format: 'binary', maxLength: 10_000_000, description: 'cartella di lavoro Excel (XLSX)' });
