import { Type, type Static } from 'typebox';
import { AUDIENCES, SERVICE_STATUSES } from '../../../contracts/catalog.ts';
import { Cursor, IdOrSlug, Limit, Slug, Uuid } from '../../platform/schemas.ts';
import { ServiceFormSchema } from '../forms/forms.schemas.ts';
import { WorkflowDefinitionSchema } from '../workflow/workflow.schemas.ts';
import { Office } from '../tenants/tenants.schemas.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const TextList = (maxItems: number, max = 500) => Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems });
const Code = Type.String({ pattern: '^[a-z0-9_]+$', minLength: 1, maxLength: 60 });

export const ServiceCardSchema = Type.Object(
  {
    title: Text(200, 3),
    category: Code,
    status: Type.Union(SERVICE_STATUSES.map((s) => Type.Literal(s))),
    statusReason: Type.Optional(Text(500)),
    shortDescription: Text(160, 10),
    description: Text(5000),
    audienceDescription: Text(2000),
    audiences: Type.Array(Type.Union(AUDIENCES.map((a) => Type.Literal(a))), { maxItems: AUDIENCES.length, minItems: 1 }),
    lifeEvents: Type.Array(Code, { maxItems: 20 }),
    howTo: TextList(20, 1000),
    requirements: TextList(30, 1000),
    output: Text(2000),
    timeLimits: Text(2000),
    maxDays: Type.Integer({ minimum: 0, maximum: 3650, format: 'int32' }),
    access: Type.Object(
      {
        online: Type.Boolean(),
        onlineDescription: Type.Optional(Text(1000)),
        onlineUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
        authLevel: Type.Optional(Type.Union((['SpidL1', 'SpidL2', 'SpidL3'] as const).map((l) => Type.Literal(l)), { description: 'livello SPID/CIE richiesto per la domanda online' })),
        desk: Type.Boolean(),
        deskDescription: Type.Optional(Text(1000)),
        bookable: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    conditions: Text(5000),
    costs: Type.Array(
      Type.Object(
        { amountCents: Type.Integer({ minimum: 0, maximum: 100_000_000, format: 'int32' }), description: Text(500, 1) },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    legalBasis: TextList(30),
    keywords: TextList(30, 100),
    officeCode: Type.String({ pattern: '^[a-z0-9_-]+$', minLength: 1, maxLength: 60 }),
    form: Type.Optional(ServiceFormSchema),
    workflow: Type.Optional(WorkflowDefinitionSchema),
  },
  { additionalProperties: false, $id: 'ServiceCard' },
);
export type ServiceCardBody = Static<typeof ServiceCardSchema>;

export const NewServiceSchema = Type.Object(
  { slug: Slug, ...ServiceCardSchema.properties },
  { additionalProperties: false },
);

const TenantRef = Type.Object({ id: Uuid, slug: Slug, name: Text(300) });

export const ServiceSummary = Type.Object(
  {
    id: Uuid,
    slug: Slug,
    tenant: TenantRef,
    title: Text(200),
    shortDescription: Text(300),
    category: Code,
    lifeEvents: Type.Array(Code, { maxItems: 20 }),
    audiences: Type.Array(Text(40), { maxItems: 10 }),
    online: Type.Boolean(),
    status: Type.String({ enum: [...SERVICE_STATUSES], maxLength: 20 }),
    maxDays: Type.Integer({ format: 'int32', minimum: 0, maximum: 3650 }),
    version: Type.Integer({ format: 'int32', minimum: 1, maximum: 1_000_000 }),
  },
  { $id: 'ServiceSummary' },
);

export const ServiceDetail = Type.Object(
  {
    ...ServiceSummary.properties,
    card: Type.Ref('ServiceCard'),
    office: Type.Union([Type.Ref('Office'), Type.Null()]),
    publishedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    versions: Type.Array(
      Type.Object({ version: Type.Integer({ format: 'int32', minimum: 1, maximum: 1_000_000 }), publishedAt: Type.String({ format: 'date-time', maxLength: 40 }) }),
      { maxItems: 1000 },
    ),
  },
  { $id: 'ServiceDetail' },
);

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words to search, typing mistakes tolerated' })),
    tenant: Type.Optional(IdOrSlug),
    lifeEvent: Type.Optional(Code),
    category: Type.Optional(Code),
    audience: Type.Optional(Type.Union(AUDIENCES.map((a) => Type.Literal(a)))),
    online: Type.Optional(Type.Boolean()),
    includeInactive: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type SearchQueryT = Static<typeof SearchQuery>;

export const SearchResult = Type.Object({
  items: Type.Array(Type.Ref('ServiceSummary'), { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  total: Type.Integer({ minimum: 0, format: 'int32', description: 'how many services match (at most 1000)' }),
  totalCapped: Type.Optional(Type.Boolean({ description: 'true when more than `total` services match' })),
  didYouMean: Type.Optional(Type.String({ maxLength: 300 })),
});

export const ServiceParams = Type.Object({ serviceId: Uuid }, { additionalProperties: false });
export const ServiceBySlugParams = Type.Object({ tenantId: IdOrSlug, serviceSlug: Slug }, { additionalProperties: false });
export const VersionQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, format: 'int32' })) },
  { additionalProperties: false },
);
export const CatalogExportQuery = Type.Object({ tenant: Type.Optional(IdOrSlug) }, { additionalProperties: false });

export const catalogSchemas = [ServiceCardSchema, ServiceSummary, ServiceDetail, Office];
