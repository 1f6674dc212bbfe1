/**
 * TypeBox contracts of "I miei dati" (GET /api/v1/me/data, PATCH /api/v1/me/contacts, the citizen's reports of a
 * wrong item) and of the offices' list of those reports (/api/v1/data-reports). The shapes are those of
 * src/contracts/mydata.ts, which the service's answers are typed with.
 */
import { Type, type Static } from 'typebox';
import {
  CONTACT_FIELDS, DATA_REPORT_ACTIONS, DATA_REPORT_LIMITS, DATA_REPORT_STATUSES, DATA_SOURCE_KINDS, FAMILY_RELATIONS,
  REGISTRY_FIELDS, REPORTABLE_ITEMS,
  type DataReport, type DataReportCounts, type MyData, type MyDataReport,
} from '../../../contracts/mydata.ts';
import { Cursor, Limit } from '../../platform/schemas.ts';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const DateTime = (description: string) => Type.String({ format: 'date-time', maxLength: 40, description });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});
const OneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>(Type.String({ enum: [...values], maxLength: 40, description }));

const provenance = {
  source: Text(300, "da dove viene il dato, in parole: «Anagrafe del Comune di Castelrocca», «SPID o CIE, all'accesso», «Inserito da te»…"),
  sourceKind: OneOf(DATA_SOURCE_KINDS, "registry: l'anagrafe di un ente; login: l'identità digitale all'accesso; citizen: scritto da te; body: un documento dell'ente; delegation: una delega"),
  updatedAt: Nullable(DateTime("l'ultima modifica del dato")),
};
const BodyRef = Type.Object({ id: Uuid("l'ente"), name: Text(300, "il nome dell'ente") }, { additionalProperties: false });

const RegistryFieldItem = Type.Object({
  field: OneOf(REGISTRY_FIELDS, 'il dato della scheda anagrafica'),
  item: OneOf(REPORTABLE_ITEMS, 'il nome del dato da usare per segnalare un errore'),
  value: Nullable(Text(500), "il valore come lo tiene l'ente: M/F per il sesso, il codice dello stato civile, AAAA-MM-GG per le date; null se non registrato"),
  ...provenance,
}, { additionalProperties: false });

const FamilyMember = Type.Object({
  name: Text(300),
  relation: OneOf(FAMILY_RELATIONS, "la relazione con l'intestatario della scheda"),
  birthDate: Day('data di nascita'),
  minor: Type.Boolean({ description: 'minore di 18 anni' }),
  inYourCare: Type.Boolean({ description: 'figlio minore di cui sei genitore sulla stessa scheda' }),
  you: Type.Boolean({ description: 'sei tu' }),
}, { additionalProperties: false });

const RegistryRecord = Type.Object({
  tenant: Type.Object({ id: Uuid(), slug: Text(120), name: Text(300) }, { additionalProperties: false }),
  fields: Type.Array(RegistryFieldItem, { maxItems: 20 }),
  family: Type.Object({
    item: Type.Literal('registry.family'),
    number: Text(60, 'il numero della scheda di famiglia'),
    members: Type.Array(FamilyMember, { maxItems: 100 }),
    ...provenance,
  }, { additionalProperties: false }),
  ...provenance,
}, { additionalProperties: false });

const ContactItem = Type.Object({
  field: OneOf(CONTACT_FIELDS, 'email, phone (cellulare) o pec (domicilio digitale)'),
  value: Nullable(Text(254)),
  ...provenance,
}, { additionalProperties: false });

const IdCardItem = Type.Object({
  item: Type.Literal('document.id_card'),
  tenant: BodyRef,
  number: Text(40, 'il numero, coperto tranne le prime e le ultime due cifre'),
  expiresOn: Nullable(Day('scadenza')),
  state: OneOf(['valid', 'expiring', 'expired', 'unknown'], 'expiring: scade entro 90 giorni'),
  ...provenance,
}, { additionalProperties: false });

const DelegationItem = Type.Object({
  id: Uuid(),
  direction: OneOf(['received', 'given'], 'received: agisci tu per l\'altra persona; given: l\'altra persona agisce per te'),
  name: Text(300, "l'altra persona"),
  purpose: Text(1000),
  validUntil: Day('valida fino al'),
  status: OneOf(['active', 'expired', 'revoked'], 'stato della delega'),
  ...provenance,
}, { additionalProperties: false });

const IssuedDocumentItem = Type.Object({
  id: Uuid(),
  kind: Text(40, 'receipt (ricevuta), response (provvedimento), notice (comunicazione)'),
  title: Text(300),
  tenant: BodyRef,
  application: Type.Object({ id: Uuid(), code: Text(60), serviceTitle: Text(300) }, { additionalProperties: false }),
  issuedAt: DateTime('emesso il'),
  revoked: Type.Boolean(),
  href: Text(300, 'dove scaricarlo, con la tua sessione'),
  ...provenance,
}, { additionalProperties: false });

export const MyDataSchema = Type.Object({
  fiscalCode: Text(16),
  name: Text(300),
  records: Type.Array(RegistryRecord, { maxItems: 20, description: "una scheda per ogni ente la cui anagrafe ti conosce" }),
  contacts: Type.Array(ContactItem, { maxItems: 3 }),
  documents: Type.Object({
    idCards: Type.Array(IdCardItem, { maxItems: 20 }),
    delegations: Type.Array(DelegationItem, { maxItems: 400 }),
    issued: Type.Array(IssuedDocumentItem, { maxItems: 100 }),
  }, { additionalProperties: false }),
}, { $id: 'MyData', additionalProperties: false });

// ---- contacts ------------------------------------------------------------------------------------------------

const ContactValue = (description: string) => Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()], { description }));
/** A JSON merge patch of the contacts: a field left out stays as it is; null or "" clears it. */
export const ContactsPatch = Type.Object({
  email: ContactValue("l'indirizzo e-mail; null o vuoto lo cancella"),
  phone: ContactValue('il numero di cellulare (italiano, o con il prefisso internazionale); null o vuoto lo cancella'),
  pec: ContactValue('il domicilio digitale (PEC); null o vuoto lo cancella'),
}, { additionalProperties: false });
export type ContactsPatch = Static<typeof ContactsPatch>;

export const ContactsSchema = Type.Object({ items: Type.Array(ContactItem, { maxItems: 3 }) }, { additionalProperties: false });

// ---- reports -------------------------------------------------------------------------------------------------

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'rende una POST ripetuta uguale alla prima (makes a retried POST return the first result)' })),
});

export const NewDataReport = Type.Object({
  tenantId: Uuid("l'ente che tiene il dato"),
  item: OneOf(REPORTABLE_ITEMS, 'il dato errato: registry.address, registry.family, document.id_card…'),
  correction: Type.String({ maxLength: DATA_REPORT_LIMITS.correctionMax, description: 'che cosa è giusto, in parole tue' }),
}, { additionalProperties: false });
export type NewDataReport = Static<typeof NewDataReport>;

const reportFields = {
  id: Uuid(),
  tenant: BodyRef,
  office: Nullable(Text(300), "l'ufficio che tratta la segnalazione"),
  item: OneOf(REPORTABLE_ITEMS, 'il dato segnalato'),
  shownValue: Text(4000, 'il valore che la pagina mostrava'),
  correction: Text(DATA_REPORT_LIMITS.correctionMax, 'che cosa è giusto secondo il cittadino'),
  status: OneOf(DATA_REPORT_STATUSES, 'open: ricevuta; in_progress: presa in carico; resolved: dato corretto; rejected: dato confermato'),
  answer: Nullable(Text(DATA_REPORT_LIMITS.answerMax), "la risposta dell'ufficio"),
  createdAt: DateTime('inviata il'),
  handledAt: Nullable(DateTime("l'ultima azione dell'ufficio")),
};

export const MyDataReportSchema = Type.Object(reportFields, { $id: 'MyDataReport', additionalProperties: false });
export const MyDataReportList = Type.Object({ items: Type.Array(Type.Ref('MyDataReport'), { maxItems: 200 }) }, { additionalProperties: false });

export const DataReportSchema = Type.Object({
  ...reportFields,
  subject: Type.Object({ fiscalCode: Text(16), name: Text(300) }, { additionalProperties: false }),
  handledBy: Nullable(Text(300), "l'operatore che l'ha trattata per ultimo"),
  actions: Type.Array(OneOf(DATA_REPORT_ACTIONS, 'azione'), { maxItems: 3, description: 'che cosa puoi fare ora' }),
}, { $id: 'DataReport', additionalProperties: false });

export const DataReportPage = Type.Object({
  items: Type.Array(Type.Ref('DataReport'), { maxItems: 100 }),
  nextCursor: Nullable(Text(500)),
}, { additionalProperties: false });

export const DataReportQuery = Type.Object({
  status: Type.Optional(OneOf(DATA_REPORT_STATUSES, 'solo in questo stato')),
  tenant: Type.Optional(Uuid("l'ente (per gli amministratori della piattaforma; gli altri vedono il proprio)")),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
}, { additionalProperties: false });
export type DataReportQuery = Static<typeof DataReportQuery>;

export const DataReportCountsQuery = Type.Object({ tenant: DataReportQuery.properties.tenant }, { additionalProperties: false });

export const DataReportCountsSchema = Type.Object({
  open: Type.Integer({ minimum: 0, format: 'int32' }),
  inProgress: Type.Integer({ minimum: 0, format: 'int32' }),
  handles: Type.Boolean({ description: "lavori sulle segnalazioni dell'ente (ufficio anagrafe, responsabili, amministratori)" }),
}, { additionalProperties: false });

export const DataReportTransitionParams = Type.Object({
  reportId: Uuid(),
  action: OneOf(DATA_REPORT_ACTIONS, 'take: prendi in carico; resolve: dato corretto; reject: dato confermato'),
}, { additionalProperties: false });
export const DataReportTransitionBody = Type.Object({
  answer: Type.Optional(Type.String({ maxLength: DATA_REPORT_LIMITS.answerMax, description: 'la risposta al cittadino: obbligatoria per resolve e reject' })),
}, { additionalProperties: false });

export type { DataReport, DataReportCounts, MyData, MyDataReport };
