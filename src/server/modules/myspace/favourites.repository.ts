import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ServiceListRow } from '../catalog/catalog.repository.ts';

/** A favourite as the home page lists it: the catalogue's summary columns of the service, and when it was starred. */
export type FavouriteRow = Pick<ServiceListRow, 'id' | 'slug' | 'title' | 'short_description' | 'status' | 'tenant_id' | 'tenant_slug' | 'tenant_name'> & {
  starred_at: Date;
};

/** Favourite services of one citizen. Every method runs inside the citizen's scope (row-level security). */
export class FavouritesRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  /** Newest first; the join keeps only cards the catalogue still publishes. */
  list(citizenId: string, limit: number): Promise<FavouriteRow[]> {
    return this.db
      .selectFrom('favourite_services as f')
      .innerJoin('services as s', 's.id', 'f.service_id')
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select([
        's.id', 's.slug', 's.title', 's.short_description', 's.status', 's.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name',
        'f.created_at as starred_at',
      ])
      .where('f.citizen_id', '=', citizenId)
      .orderBy('f.created_at', 'desc')
      .orderBy('s.id')
      .limit(limit)
      .execute();
  }

  async serviceExists(serviceId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst());
  }

  async isStarred(citizenId: string, serviceId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('favourite_services').select('service_id')
      .where('citizen_id', '=', citizenId).where('service_id', '=', serviceId).executeTakeFirst());
  }

  async count(citizenId: string): Promise<number> {
    const r = await this.db.selectFrom('favourite_services').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('citizen_id', '=', citizenId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Starring again keeps the first time it was starred. */
  async add(citizenId: string, serviceId: string): Promise<void> {
    await this.db.insertInto('favourite_services').values({ citizen_id: citizenId, service_id: serviceId })
      .onConflict((oc) => oc.columns(['citizen_id', 'service_id']).doNothing())
      .execute();
  }

  async remove(citizenId: string, serviceId: string): Promise<void> {
    await this.db.deleteFrom('favourite_services').where('citizen_id', '=', citizenId).where('service_id', '=', serviceId).execute();
  }
}
