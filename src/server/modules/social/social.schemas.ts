/**
 * The social services' HTTP contracts in TypeBox: the shapes of src/contracts/social.ts as the API validates and
 * describes them. Amounts are integers in cents, dates YYYY-MM-DD; unknown fields are refused.
 */
import { Type, type TSchema } from 'typebox';
import {
  CASE_ACTIONS, CASE_STATUSES, CLOSE_REASONS, CONTACT_ANSWERS, CONTACT_CHANNELS, DIARY_KINDS, INTERVENTION_STATUSES, NEEDS, REQUESTER_KINDS, SECTORS,
  TARGET_AREAS, WORKER_ROLES,
} from '../../../contracts/social.ts';

const Text = (max: number, min = 0, description?: string) => Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const DateOnly = Type.String({ format: 'date', maxLength: 10 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[], description?: string) => Type.String({ enum: [...values], maxLength: 40, ...(description ? { description } : {}) });
const Cents = Type.Integer({ minimum: 0, maximum: 999_999_999, format: 'int32' });
const Int = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max, format: 'int32' });
const Code = (pattern: string, max: number) => Type.String({ pattern, maxLength: max });
const FiscalCode = Type.String({ pattern: '^[A-Za-z0-9]{16}$', minLength: 16, maxLength: 16 });

const TargetArea = Enum(TARGET_AREAS, "area di intervento");
const Sector = Enum(SECTORS, 'servizio');
const CaseStatus = Enum(CASE_STATUSES, 'stato della cartella');

// ---- the worker ---------------------------------------------------------------------------------------------

export const SocialMe = Type.Object({
  socialWorker: Type.Boolean(),
  canExport: Type.Boolean(),
  reserved: Type.Boolean(),
  canFigures: Type.Boolean(),
  scope: Type.Object({
    comuni: Type.Array(Text(300), { maxItems: 500 }),
    sectors: Type.Array(Sector, { maxItems: SECTORS.length }),
    targetAreas: Type.Array(TargetArea, { maxItems: TARGET_AREAS.length }),
  }),
});

export const ComuniList = Type.Object({ items: Type.Array(Type.Object({ id: Uuid, name: Text(300), istatCode: Nullable(Text(6)) }), { maxItems: 500 }) });
export const WorkersList = Type.Object({ items: Type.Array(Type.Object({ operatorId: Uuid, name: Text(300) }), { maxItems: 1000 }) });

// ---- persons ------------------------------------------------------------------------------------------------

const PersonFields = {
  fiscalCode: Type.Optional(Nullable(FiscalCode)),
  givenName: Text(100, 1),
  familyName: Text(100, 1),
  birthDate: Type.Optional(Nullable(DateOnly)),
  sex: Type.Optional(Nullable(Type.String({ enum: ['M', 'F'], maxLength: 1 }))),
  birthPlaceCode: Type.Optional(Nullable(Code('^[A-Z][0-9]{3}$', 4))),
  citizenshipCode: Type.Optional(Nullable(Code('^[0-9]{3}$', 3))),
  comuneId: Uuid,
  address: Type.Optional(Nullable(Text(200))),
  phone: Type.Optional(Nullable(Text(40))),
  registryPersonId: Type.Optional(Nullable(Uuid)),
};
export const SocialPersonInputSchema = Type.Object(PersonFields, { additionalProperties: false });

const PersonCase = Type.Object({ id: Uuid, reference: Text(20), status: CaseStatus, targetArea: TargetArea });
export const SocialPersonSchema = Type.Object({
  id: Uuid,
  fiscalCode: Nullable(Text(16)),
  givenName: Text(100),
  familyName: Text(100),
  birthDate: Nullable(DateOnly),
  sex: Nullable(Text(1)),
  birthPlaceCode: Nullable(Text(4)),
  citizenshipCode: Nullable(Text(3)),
  comuneId: Uuid,
  comuneName: Text(300),
  address: Nullable(Text(200)),
  phone: Nullable(Text(40)),
  registryPersonId: Nullable(Uuid),
  cases: Type.Array(PersonCase, { maxItems: 200 }),
}, { $id: 'SocialPerson' });
export const PersonsList = Type.Object({ items: Type.Array(Type.Ref('SocialPerson'), { maxItems: 20 }) });
export const PersonsQuery = Type.Object({ q: Text(100, 2, 'codice fiscale o parte del nome (almeno 2 caratteri)') }, { additionalProperties: false });
export const RegistryLookupQuery = Type.Object({ fiscalCode: FiscalCode, comuneId: Uuid }, { additionalProperties: false });
export const RegistryLookupAnswer = Type.Object({
  fiscalCode: Nullable(Text(16)), givenName: Text(100), familyName: Text(100), birthDate: Nullable(DateOnly), sex: Nullable(Text(1)),
  birthPlaceCode: Nullable(Text(4)), citizenshipCode: Nullable(Text(3)), comuneId: Uuid, address: Nullable(Text(200)), phone: Nullable(Text(40)),
  registryPersonId: Nullable(Uuid),
});

// ---- first contacts -----------------------------------------------------------------------------------------

export const FirstContactBody = Type.Object({
  comuneId: Uuid,
  contactOn: DateOnly,
  channel: Enum(CONTACT_CHANNELS),
  requesterKind: Enum(REQUESTER_KINDS),
  requesterName: Type.Optional(Nullable(Text(200))),
  personId: Type.Optional(Nullable(Uuid)),
  person: Type.Optional(Nullable(SocialPersonInputSchema)),
  targetArea: TargetArea,
  sector: Sector,
  need: Enum(NEEDS),
  needText: Type.Optional(Nullable(Text(5000, 0, 'il bisogno con le parole della persona: cifrato'))),
  answer: Enum(CONTACT_ANSWERS),
  referralTo: Type.Optional(Nullable(Text(200))),
  privacyNoticeGiven: Type.Boolean(),
  case: Type.Optional(Type.Object({ nextReviewOn: Type.Optional(Nullable(DateOnly)) }, { additionalProperties: false })),
}, { additionalProperties: false });

export const FirstContactSchema = Type.Object({
  id: Uuid,
  comuneId: Uuid,
  comuneName: Text(300),
  contactOn: DateOnly,
  channel: Enum(CONTACT_CHANNELS),
  requesterKind: Enum(REQUESTER_KINDS),
  requesterName: Nullable(Text(200)),
  person: Nullable(Type.Object({ id: Uuid, name: Text(210), fiscalCode: Nullable(Text(16)) })),
  targetArea: TargetArea,
  sector: Sector,
  need: Enum(NEEDS),
  needText: Nullable(Text(5000)),
  answer: Enum(CONTACT_ANSWERS),
  referralTo: Nullable(Text(200)),
  privacyNoticeGiven: Type.Boolean(),
  caseId: Nullable(Uuid),
  createdAt: DateTime,
}, { $id: 'SocialFirstContact' });
export const ContactCreated = Type.Object({ contact: Type.Ref('SocialFirstContact'), caseId: Nullable(Uuid) });

const Cursor = Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'il cursore nextCursor della pagina precedente' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, format: 'int32', description: 'quanti per pagina (50 se manca)' });
const NextCursor = Nullable(Type.String({ maxLength: 500 }));

export const ContactsQuery = Type.Object({
  from: Type.Optional(DateOnly), to: Type.Optional(DateOnly), comuneId: Type.Optional(Uuid), targetArea: Type.Optional(TargetArea),
  cursor: Type.Optional(Cursor), limit: Type.Optional(Limit),
}, { additionalProperties: false });
export const ContactsList = Type.Object({ items: Type.Array(Type.Ref('SocialFirstContact'), { maxItems: 100 }), nextCursor: NextCursor });

// ---- cases --------------------------------------------------------------------------------------------------

const Alert = Type.Object({ kind: Enum(['review_due', 'intervention_expiring']), on: DateOnly, label: Text(300) });
const SummaryFields = {
  id: Uuid,
  reference: Text(20),
  person: Type.Object({ id: Uuid, name: Text(210), fiscalCode: Nullable(Text(16)), birthDate: Nullable(DateOnly) }),
  comuneId: Uuid,
  comuneName: Text(300),
  sector: Sector,
  targetArea: TargetArea,
  status: CaseStatus,
  openedOn: DateOnly,
  inChargeOn: Nullable(DateOnly),
  nextReviewOn: Nullable(DateOnly),
  caseManager: Nullable(Text(300)),
  alerts: Type.Array(Alert, { maxItems: 100 }),
};
export const CaseSummarySchema = Type.Object(SummaryFields, { $id: 'SocialCaseSummary' });
export const CasesQuery = Type.Object({
  q: Type.Optional(Text(100, 1, 'codice fiscale, nome o riferimento (2026/12)')),
  status: Type.Optional(CaseStatus),
  comuneId: Type.Optional(Uuid),
  targetArea: Type.Optional(TargetArea),
  alert: Type.Optional(Enum(['review_due', 'intervention_expiring'], 'review_due: verifica entro 14 giorni o scaduta; intervention_expiring: interventi che finiscono entro 30 giorni')),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
}, { additionalProperties: false });
export const CasesList = Type.Object({ items: Type.Array(Type.Ref('SocialCaseSummary'), { maxItems: 100 }), nextCursor: NextCursor });

const HouseholdMember = Type.Object({ relation: Text(60, 1), name: Text(200, 1), birthYear: Type.Optional(Nullable(Int(1900, 2100))) }, { additionalProperties: false });
const Isee = Type.Object({
  dsuProtocol: Text(40, 1), dsuYear: Int(2000, 2100), dsuDate: DateOnly, valueCents: Cents, validUntil: DateOnly,
}, { additionalProperties: false });

const InterventionFields = {
  code: Text(10, 5, 'codice della prestazione (INTERVENTION_TYPES)'),
  status: Enum(INTERVENTION_STATUSES),
  requestedOn: DateOnly,
  authorisedOn: Nullable(DateOnly),
  startOn: Nullable(DateOnly),
  endOn: Nullable(DateOnly),
  requestProtocol: Nullable(Text(32)),
  meansTest: Enum(['1', '2', '3', '4'], 'PresenzaProvaMezzi'),
  periodicity: Enum(['1', '2'], 'CaratterePrestazione'),
  amountCents: Nullable(Cents),
  monthlyAmountCents: Nullable(Cents),
  periodMonths: Nullable(Int(1, 12)),
  shareBodyCents: Nullable(Cents),
  shareUserCents: Nullable(Cents),
  shareHealthCents: Nullable(Cents),
  hoursMonthly: Nullable(Int(0, 999)),
  note: Nullable(Text(1000)),
};
export const InterventionSchema = Type.Object({
  id: Uuid, name: Text(300), ...InterventionFields, exportedAt: Nullable(DateTime), changedSinceExport: Type.Boolean(),
}, { $id: 'SocialIntervention' });
const optionalAll = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };
const { code, requestedOn, meansTest, periodicity, ...optionalFields } = InterventionFields;
export const InterventionBody = Type.Object({ code, requestedOn, meansTest, periodicity, ...optionalAll(optionalFields) }, { additionalProperties: false });
export const InterventionPatchBody = Type.Object(optionalAll(InterventionFields), { additionalProperties: false, minProperties: 1 });

const SinaFields = {
  mobility: Enum(['1', '2', '3']),
  dailyLiving: Enum(['1', '2', '3']),
  cognitive: Type.Optional(Enum(['1', '2', '3'])),
  behavioural: Enum(['1', '2']),
  healthCare: Enum(['1', '2', '3']),
  income: Enum(['1', '2', '3']),
  support: Enum(['1', '2', '3']),
  source: Enum(['1', '2', '3', '4']),
  tool: Enum(['1', '2', '3', '4', '5', '6', '7']),
  neededInterventions: Type.Array(Text(10, 5), { minItems: 1, maxItems: 20 }),
  invalidity: Type.Array(Enum(['1', '2', '3', '4', '5', '6', '7', '8']), { minItems: 1, maxItems: 8 }),
  invaliditySource: Type.Optional(Enum(['1', '2'])),
  assessedOn: DateOnly,
};
// the answers leave out health (SINA) and court (SINBA) fields for a worker without the reserved permission
const Sina = Type.Object({ ...SinaFields, healthCare: Type.Optional(SinaFields.healthCare), invalidity: Type.Optional(SinaFields.invalidity) }, { $id: 'SocialSina' });
const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
const SinbaFields = {
  unaccompaniedForeignMinor: Enum(['1', '2']),
  condition: Enum(range(5)),
  livingPlace: Enum(range(8)),
  school: Enum(range(8)),
  work: Enum(range(4)),
  disability: Enum(['1', '2']),
  disabilityType: Type.Optional(Enum(range(4))),
  household: Type.Array(Enum(range(6)), { minItems: 1, maxItems: 6 }),
  reportSource: Enum(range(14)),
  firstReportMonth: Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{4}$', maxLength: 7, description: 'MM/AAAA' }),
  minorAssessment: Enum(range(13)),
  familyAssessment: Enum(range(13)),
  reportedToCourt: Enum(['1', '2']),
  courtMeasure: Enum(['1', '2']),
  courtMeasureType: Type.Optional(Enum(range(8))),
  courtAuthority: Type.Optional(Enum(range(4))),
  interventions: Type.Array(Text(10, 5), { minItems: 1, maxItems: 20 }),
};
const Sinba = Type.Object({ ...SinbaFields, reportedToCourt: Type.Optional(SinbaFields.reportedToCourt), courtMeasure: Type.Optional(SinbaFields.courtMeasure) },
  { $id: 'SocialSinba' });
export const SinaBody = Type.Object(SinaFields, { additionalProperties: false });
export const SinbaBody = Type.Object(SinbaFields, { additionalProperties: false });
export const SinaAnswer = Type.Object({ sina: Type.Ref('SocialSina') });
export const SinbaAnswer = Type.Object({ sinba: Type.Ref('SocialSinba') });

export const CaseDetailSchema = Type.Object({
  ...SummaryFields,
  person: Type.Object({ ...SocialPersonSchema.properties, name: Text(210) }),
  closeReason: Nullable(Enum(CLOSE_REASONS)),
  closeNote: Nullable(Text(1000)),
  closedOn: Nullable(DateOnly),
  firstContactOn: DateOnly,
  household: Type.Array(Type.Object({ relation: Text(60), name: Text(200), birthYear: Type.Optional(Nullable(Int(1900, 2100))) }), { maxItems: 50 }),
  isee: Nullable(Type.Object({ dsuProtocol: Text(40), dsuYear: Int(2000, 2100), dsuDate: DateOnly, valueCents: Cents, validUntil: DateOnly })),
  workers: Type.Array(Type.Object({ operatorId: Uuid, name: Text(300), role: Enum(WORKER_ROLES), since: DateOnly }), { maxItems: 50 }),
  interventions: Type.Array(Type.Ref('SocialIntervention'), { maxItems: 1000 }),
  sina: Nullable(Type.Ref('SocialSina')),
  sinba: Nullable(Type.Ref('SocialSinba')),
  withheldFromSubject: Type.Boolean(),
  can: Type.Object({ write: Type.Boolean(), reserved: Type.Boolean() }),
  contacts: Type.Array(Type.Ref('SocialFirstContact'), { maxItems: 100 }),
}, { $id: 'SocialCaseDetail' });

export const CaseParams = Type.Object({ caseId: Uuid });
export const InterventionParams = Type.Object({ caseId: Uuid, interventionId: Uuid });
export const TransitionParams = Type.Object({ caseId: Uuid, action: Enum(CASE_ACTIONS, 'take_charge | close | reopen') });

export const CasePatchBody = Type.Object({
  household: Type.Optional(Type.Array(HouseholdMember, { maxItems: 50 })),
  isee: Type.Optional(Nullable(Isee)),
  nextReviewOn: Type.Optional(Nullable(DateOnly)),
  workers: Type.Optional(Type.Array(Type.Object({ operatorId: Uuid, role: Enum(WORKER_ROLES) }, { additionalProperties: false }), { maxItems: 50 })),
  sector: Type.Optional(Sector),
  targetArea: Type.Optional(TargetArea),
  withheldFromSubject: Type.Optional(Type.Boolean()),
  withheldReason: Type.Optional(Nullable(Text(300))),
}, { additionalProperties: false, minProperties: 1 });

export const TransitionBody = Type.Object({
  note: Type.Optional(Text(1000)),
  on: Type.Optional(DateOnly),
  closeReason: Type.Optional(Enum(CLOSE_REASONS)),
}, { additionalProperties: false });

export const EventsList = Type.Object({
  items: Type.Array(Type.Object({ at: DateTime, actor: Text(300), kind: Text(60), fromStatus: Nullable(CaseStatus), toStatus: Nullable(CaseStatus), note: Nullable(Text(1000)) }),
    { maxItems: 10_000 }),
});

export const DiaryEntrySchema = Type.Object({
  id: Uuid, kind: Enum(DIARY_KINDS), occurredOn: DateOnly, reserved: Type.Boolean(), text: Text(20_000), author: Text(300), createdAt: DateTime,
}, { $id: 'SocialDiaryEntry' });
export const DiaryList = Type.Object({ items: Type.Array(Type.Ref('SocialDiaryEntry'), { maxItems: 10_000 }) });
export const DiaryBody = Type.Object({
  kind: Enum(DIARY_KINDS), occurredOn: DateOnly, text: Text(20_000, 1), reserved: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const ReservedSchema = Type.Object({ courtMeasures: Text(20_000), health: Text(20_000), updatedAt: Nullable(DateTime) });
export const ReservedBody = Type.Object({ courtMeasures: Text(20_000), health: Text(20_000) }, { additionalProperties: false });

export const SOCIAL_SCHEMAS = [SocialPersonSchema, FirstContactSchema, CaseSummarySchema, InterventionSchema, Sina, Sinba, CaseDetailSchema, DiaryEntrySchema];
