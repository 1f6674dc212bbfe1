import { Type } from 'typebox';
import { ATTACHMENT_TYPES, PREFILL_SOURCES } from '../../../contracts/forms.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Id = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$', minLength: 1, maxLength: 60 });
/** A JSON document of the form's author (the schema itself, the UI schema): checked by meaning in the service. */
const JsonObject = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown());
const Pointer = Type.String({ pattern: '^(/[^/]+)+$', maxLength: 300 });

/** The online form of a service version (see src/contracts/forms.ts). */
export const ServiceFormSchema = Type.Object(
  {
    schema: JsonObject,
    uiSchema: JsonObject,
    steps: Type.Array(
      Type.Object({ id: Id, title: Text(200, 1), description: Type.Optional(Text(1000)) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 20 },
    ),
    prefill: Type.Record(Pointer, Type.Union(PREFILL_SOURCES.map((s) => Type.Literal(s)))),
    attachments: Type.Array(
      Type.Object(
        {
          id: Id,
          title: Text(200, 1),
          description: Type.Optional(Text(1000)),
          required: Type.Boolean(),
          requiredWhen: Type.Optional(Type.Object(
            { pointer: Pointer, equals: Type.Union([Type.String({ maxLength: 200 }), Type.Number({ format: 'double' }), Type.Boolean()]) },
            { additionalProperties: false },
          )),
          maxFiles: Type.Integer({ minimum: 1, maximum: 20, format: 'int32' }),
          maxSizeMb: Type.Integer({ minimum: 1, maximum: 20, format: 'int32' }),
          types: Type.Array(Type.Union(ATTACHMENT_TYPES.map((t) => Type.Literal(t))), { minItems: 1, maxItems: ATTACHMENT_TYPES.length }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    limits: Type.Object(
      { maxFiles: Type.Integer({ minimum: 1, maximum: 50, format: 'int32' }), maxTotalMb: Type.Integer({ minimum: 1, maximum: 100, format: 'int32' }) },
      { additionalProperties: false },
    ),
    window: Type.Optional(Type.Object(
      { opensAt: Type.String({ format: 'date-time', maxLength: 40 }), closesAt: Type.String({ format: 'date-time', maxLength: 40 }) },
      { additionalProperties: false },
    )),
    filedBy: Type.Optional(Type.Union([Type.Literal('anyone'), Type.Literal('representative')])),
  },
  { additionalProperties: false },
);
