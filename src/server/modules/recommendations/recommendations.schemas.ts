/**
 * TypeBox contracts of "Per te": the citizen's advice and their choice of kinds, and the rules an administrator
 * edits. The shapes are those of src/contracts/recommendations.ts. A rule's condition is checked against
 * ConditionSchema by the service (not by the route), so that a bad condition gets one clear message per field.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  RECOMMENDATION_KINDS, RULE_PLACEHOLDERS, type RecommendationConditionType, type RecommendationKind,
} from '../../../contracts/recommendations.ts';

const Text = (max: number, min = 0, description?: string) => Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Day = Type.String({ format: 'date', maxLength: 10 });
const Nullable = <T extends TSchema>(t: T, description?: string) => Type.Union([t, Type.Null()], description ? { description } : {});
const Int = (min: number, max: number, description: string) => Type.Integer({ minimum: min, maximum: max, format: 'int32', description });
const Kind = (description?: string) =>
  Type.Unsafe<RecommendationKind>(Type.String({ enum: [...RECOMMENDATION_KINDS], maxLength: 20, ...(description ? { description } : {}) }));
const ServiceSlug = (description: string) => Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 120, description });

// ---- conditions ------------------------------------------------------------------------------------------------

export const CONDITION_SCHEMAS = {
  child_age_at_window: Type.Object({
    type: Type.Literal('child_age_at_window'),
    serviceSlug: ServiceSlug('il servizio (nel comune del bambino) la cui finestra di domanda conta, per esempio iscrizione-asilo-nido'),
    minMonths: Int(0, 216, "età minima in mesi compiuti all'apertura"),
    maxMonths: Int(0, 216, "età massima in mesi compiuti all'apertura"),
    showDaysBefore: Int(0, 365, "da quanti giorni prima dell'apertura mostrare l'avviso"),
    minReachedBy: Type.Optional(Type.Unsafe<'opening' | 'closing'>(Type.String({ enum: ['opening', 'closing'], maxLength: 10,
      description: "closing: conta anche il bambino che raggiunge l'età minima mentre la finestra è aperta" }))),
  }, { additionalProperties: false }),
  id_card_expiring: Type.Object({
    type: Type.Literal('id_card_expiring'),
    withinDays: Int(1, 730, 'quanti giorni prima della scadenza avvisare'),
    includeExpired: Type.Boolean({ description: 'avvisare anche quando la carta è già scaduta' }),
    serviceSlug: ServiceSlug("il servizio del comune per rinnovare la carta, per esempio carta-identita-elettronica"),
  }, { additionalProperties: false }),
  favourite_changed: Type.Object({
    type: Type.Literal('favourite_changed'),
    withinDays: Int(1, 365, 'per quanti giorni dopo la pubblicazione della nuova versione mostrare l\'avviso'),
  }, { additionalProperties: false }),
  payment_due: Type.Object({
    type: Type.Literal('payment_due'),
    withinDays: Int(1, 365, 'quanti giorni prima della scadenza del pagamento avvisare'),
  }, { additionalProperties: false }),
} as const satisfies Record<RecommendationConditionType, TSchema>;

export const ConditionSchema = Type.Union(Object.values(CONDITION_SCHEMAS), {
  $id: 'RecommendationCondition',
  description: "La condizione della regola, per tipo: child_age_at_window (età di un figlio minore all'apertura delle domande di un servizio), " +
    "id_card_expiring (carta d'identità in scadenza), favourite_changed (un servizio preferito è cambiato), payment_due (un pagamento in scadenza: " +
    'i pagamenti arriveranno con la gestione dei pagamenti, fino ad allora la regola non scatta).',
});
export type ConditionInput = Static<typeof ConditionSchema>;

// ---- the citizen ----------------------------------------------------------------------------------------------

export const RecommendationSchema = Type.Object({
  id: Uuid,
  kind: Kind('il tipo di avviso'),
  title: Text(300),
  message: Text(2000),
  reason: Text(1000, 0, 'perché il cittadino lo vede'),
  link: Text(300, 0, 'dove agire: un indirizzo del portale'),
  about: Type.Object({
    self: Type.Boolean({ description: 'vero quando riguarda il cittadino stesso, falso per un figlio minore' }),
    name: Text(300),
  }, { additionalProperties: false }),
  body: Nullable(Type.Object({ id: Uuid, name: Text(300) }, { additionalProperties: false }), "l'ente del servizio a cui porta"),
  relevantFrom: Day,
  expiresAt: Nullable(DateTime),
  createdAt: DateTime,
}, { $id: 'Recommendation', additionalProperties: false });

export const RecommendationList = Type.Object({
  items: Type.Array(Type.Ref('Recommendation'), { maxItems: 100 }),
}, { additionalProperties: false });

export const RecommendationParams = Type.Object({ recommendationId: Uuid }, { additionalProperties: false });

const KindSwitches = Type.Object(
  Object.fromEntries(RECOMMENDATION_KINDS.map((k) => [k, Type.Boolean()])) as Record<RecommendationKind, ReturnType<typeof Type.Boolean>>,
  { additionalProperties: false, description: 'per tipo di avviso: vero se il cittadino vuole vederlo' },
);
export const RecommendationPreferencesSchema = Type.Object({ kinds: KindSwitches }, { $id: 'RecommendationPreferences', additionalProperties: false });
export const RecommendationPreferencesBody = Type.Object({ kinds: KindSwitches }, { additionalProperties: false });

// ---- rules ----------------------------------------------------------------------------------------------------

export const RuleSchema = Type.Object({
  id: Uuid,
  key: Text(60),
  tenantId: Nullable(Uuid, "null: regola della piattaforma, valida per ogni ente; altrimenti dell'ente"),
  kind: Kind('il tipo di avviso, dato dalla condizione'),
  condition: Type.Ref('RecommendationCondition'),
  title: Text(200),
  message: Text(1000),
  reason: Text(500),
  link: Text(300),
  active: Type.Boolean(),
  updatedAt: DateTime,
  replaced: Type.Boolean({ description: "una regola della piattaforma che l'ente ha sostituito con una sua con la stessa chiave" }),
}, { $id: 'RecommendationRule', additionalProperties: false });

export const RuleList = Type.Object({
  items: Type.Array(Type.Ref('RecommendationRule'), { maxItems: 200 }),
  placeholders: Type.Object(
    Object.fromEntries(Object.keys(RULE_PLACEHOLDERS).map((k) => [k, Type.Array(Text(40), { maxItems: 20 })])),
    { additionalProperties: false, description: 'per tipo di condizione, i segnaposto {{nome}} che i testi possono usare' },
  ),
}, { additionalProperties: false });

export const RuleParams = Type.Object({
  ruleKey: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 60, description: 'la chiave della regola, per esempio carta-identita' }),
}, { additionalProperties: false });

export const RuleBody = Type.Object({
  condition: Type.Object({
    type: Type.String({ enum: Object.keys(CONDITION_SCHEMAS), maxLength: 40 }),
  }, {
    additionalProperties: true, maxProperties: 10,
    description: 'la condizione (vedi RecommendationCondition); controllata per tipo, con un messaggio per ogni campo sbagliato',
  }),
  title: Text(200, 1, 'il titolo, con i segnaposto {{nome}}'),
  message: Text(1000, 1, 'il testo'),
  reason: Text(500, 1, '«Perché lo vedi»: che cosa della situazione del cittadino fa comparire l\'avviso'),
  link: Text(300, 1, "dove porta: un indirizzo del portale che comincia con / oppure {{link_servizio}}"),
  active: Type.Boolean(),
  platformWide: Type.Optional(Type.Boolean({ description: "solo per l'amministratore della piattaforma: la regola della piattaforma invece di quella del suo ente" })),
}, { additionalProperties: false });
export type RuleBodyT = Static<typeof RuleBody>;
