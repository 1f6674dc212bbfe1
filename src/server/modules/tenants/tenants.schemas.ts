import { Type } from 'typebox';
import { TENANT_TYPES } from '../../../contracts/catalog.ts';
import { IdOrSlug, Slug, Uuid } from '../../platform/schemas.ts';

const Str = (max: number) => Type.String({ maxLength: max });

export const OpeningHoursSchema = Type.Object({
  days: Type.Array(Type.Integer({ minimum: 1, maximum: 7, format: 'int32' }), { maxItems: 7 }),
  opens: Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5 }),
  closes: Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5 }),
  note: Type.Optional(Str(200)),
});

export const Office = Type.Object(
  {
    id: Uuid,
    code: Str(60),
    name: Str(300),
    description: Type.Optional(Str(2000)),
    address: Str(300),
    postalCode: Str(10),
    city: Str(100),
    province: Str(10),
    email: Type.Optional(Str(200)),
    pec: Type.Optional(Str(200)),
    phone: Type.Optional(Str(50)),
    openingHours: Type.Array(OpeningHoursSchema, { maxItems: 30 }),
  },
  { $id: 'Office' },
);

export const Tenant = Type.Object(
  {
    id: Uuid,
    slug: Slug,
    name: Str(300),
    type: Type.String({ enum: [...TENANT_TYPES], maxLength: 30 }),
    fiscalCode: Str(16),
    ipaCode: Str(30),
    aooCode: Str(30),
    parentId: Type.Union([Uuid, Type.Null()]),
    website: Type.Optional(Str(300)),
    email: Type.Optional(Str(200)),
    pec: Type.Optional(Str(200)),
    phone: Type.Optional(Str(50)),
  },
  { $id: 'Tenant' },
);

export const TenantWithOffices = Type.Object({
  ...Tenant.properties,
  offices: Type.Array(Type.Ref('Office'), { maxItems: 500 }),
});

export const TenantList = Type.Object({ items: Type.Array(Type.Ref('Tenant'), { maxItems: 1000 }) });
export const OfficeList = Type.Object({ items: Type.Array(Type.Ref('Office'), { maxItems: 500 }) });
export const TenantParams = Type.Object({ tenantId: IdOrSlug }, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });
