/** TypeBox contract of the published retention rules (GET /api/v1/retention-rules). */
import { Type } from 'typebox';

export const RetentionRuleSchema = Type.Object({
  kind: Type.String({ maxLength: 40, description: 'chiave stabile della regola' }),
  what: Type.String({ maxLength: 200, description: 'quali dati' }),
  days: Type.Union([Type.Integer({ minimum: 0, maximum: 36500, format: 'int32' }), Type.Null()], { description: "giorni di conservazione dall'ultima modifica o dalla fine; null = conservati" }),
  action: Type.String({ enum: ['delete', 'anonymise', 'keep'], maxLength: 20, description: 'cancellati, privati dei dati personali, o conservati' }),
  basis: Type.String({ maxLength: 1000, description: 'perché, in parole semplici' }),
}, { $id: 'RetentionRule', additionalProperties: false });

export const RetentionRuleList = Type.Object({
  items: Type.Array(Type.Ref('RetentionRule'), { maxItems: 100 }),
}, { additionalProperties: false });
