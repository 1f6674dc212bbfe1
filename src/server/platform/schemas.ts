import { Type, type TSchema } from 'typebox';

/** Shared contract pieces: problem+json, identifiers, pagination. */
export const Problem = Type.Object(
  {
    type: Type.String({ maxLength: 200 }),
    title: Type.String({ maxLength: 200 }),
    status: Type.Integer({ format: 'int32', minimum: 100, maximum: 599 }),
    detail: Type.String({ maxLength: 4000 }),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String({ maxLength: 300 }), message: Type.String({ maxLength: 500 }) }), { maxItems: 100 }),
    ),
  },
  { $id: 'Problem', description: 'RFC 7807 problem details' },
);

export const Uuid = Type.String({ format: 'uuid', maxLength: 36, description: 'identifier (UUID)' });
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 120 });
/** a UUID or a slug */
export const IdOrSlug = Type.String({ pattern: '^[a-z0-9-]{1,120}$', maxLength: 120 });
export const Cursor = Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'opaque cursor from nextCursor' });
export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, format: 'int32' });

export const problemResponses = {
  400: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

export function page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item, { maxItems: 100 }),
    nextCursor: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    total: Type.Optional(Type.Integer({ minimum: 0, format: 'int32' })),
  });
}
