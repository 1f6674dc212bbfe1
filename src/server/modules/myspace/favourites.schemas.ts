import { Type, type Static } from 'typebox';
import { SERVICE_STATUSES } from '../../../contracts/catalog.ts';
import { Slug, Uuid } from '../../platform/schemas.ts';

/** How many services one citizen may keep as favourites: the home page lists them all. */
export const MAX_FAVOURITES = 100;

export const FavouriteParams = Type.Object({ serviceId: Uuid }, { additionalProperties: false });

export const FavouriteService = Type.Object(
  {
    serviceId: Uuid,
    slug: Slug,
    title: Type.String({ maxLength: 200 }),
    shortDescription: Type.Optional(Type.String({ maxLength: 300 })),
    tenant: Type.Object({ id: Uuid, slug: Slug, name: Type.String({ maxLength: 300 }) }),
    status: Type.String({ enum: [...SERVICE_STATUSES], maxLength: 20, description: 'inactive: the card is still published, the service is closed for now' }),
    href: Type.String({ maxLength: 300, description: "the card's address on the portal: /enti/{tenantSlug}/servizi/{serviceSlug}" }),
    starredAt: Type.String({ format: 'date-time', maxLength: 40 }),
  },
  { $id: 'FavouriteService', additionalProperties: false },
);
export type FavouriteServiceView = Static<typeof FavouriteService>;

export const FavouriteList = Type.Object(
  { items: Type.Array(Type.Ref('FavouriteService'), { maxItems: MAX_FAVOURITES }) },
  { additionalProperties: false },
);
