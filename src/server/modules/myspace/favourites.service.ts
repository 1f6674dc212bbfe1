import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor } from '../../platform/access.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import { FavouritesRepository, type FavouriteRow } from './favourites.repository.ts';
import { MAX_FAVOURITES, type FavouriteServiceView } from './favourites.schemas.ts';

/** The portal's address of a service card (see the web's ServicePage route). */
export const serviceCardPath = (tenantSlug: string, serviceSlug: string) =>
  `/enti/${encodeURIComponent(tenantSlug)}/servizi/${encodeURIComponent(serviceSlug)}`;

export function favouriteView(r: FavouriteRow): FavouriteServiceView {
  return {
    serviceId: r.id,
    slug: r.slug,
    title: r.title,
    ...(r.short_description ? { shortDescription: r.short_description } : {}),
    tenant: { id: r.tenant_id, slug: r.tenant_slug, name: r.tenant_name },
    status: r.status,
    href: serviceCardPath(r.tenant_slug, r.slug),
    starredAt: r.starred_at.toISOString(),
  };
}

/**
 * The services a citizen starred, to find them again on their home page. They belong to the person signed in,
 * whoever they are acting for at the moment: a parent's favourites do not change when they act for a child.
 */
export class FavouritesService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(actor: Actor | null): Promise<{ items: FavouriteServiceView[] }> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const rows = await inScope(this.db, { citizenId: citizen.id }, (trx) => new FavouritesRepository(trx).list(citizen.id, MAX_FAVOURITES));
    return { items: rows.map(favouriteView) };
  }

  /** Idempotent: a service already starred stays as it was. */
  async star(actor: Actor | null, serviceId: string): Promise<void> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    await inScope(this.db, { citizenId: citizen.id }, async (trx) => {
      const repo = new FavouritesRepository(trx);
      if (!(await repo.serviceExists(serviceId))) throw notFound('Il servizio richiesto');
      if (await repo.isStarred(citizen.id, serviceId)) return;
      if ((await repo.count(citizen.id)) >= MAX_FAVOURITES) {
        throw conflict(`Hai già ${MAX_FAVOURITES} servizi preferiti: togline uno per aggiungerne un altro. ` +
          `(You already have ${MAX_FAVOURITES} favourite services: remove one first.)`);
      }
      await repo.add(citizen.id, serviceId);
    });
  }

  /** Idempotent: a service that is not among the favourites is simply not there afterwards either. */
  async unstar(actor: Actor | null, serviceId: string): Promise<void> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    await inScope(this.db, { citizenId: citizen.id }, async (trx) => {
      const repo = new FavouritesRepository(trx);
      if (!(await repo.serviceExists(serviceId))) throw notFound('Il servizio richiesto');
      await repo.remove(citizen.id, serviceId);
    });
  }
}
