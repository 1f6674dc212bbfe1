import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import { CatalogService } from './modules/catalog/catalog.service.ts';
import { IdentityService } from './modules/identity/identity.service.ts';
import { TenantsService } from './modules/tenants/tenants.service.ts';
import type { Services } from './platform/context.ts';

/** Every module's service on one database: used by the HTTP app, the CLI and tests alike. */
export function createServices(db: Kysely<DB>, opts: { searchCacheMs?: number } = {}): Services {
  return {
    catalog: new CatalogService(db, { cacheTtlMs: opts.searchCacheMs }),
    tenants: new TenantsService(db),
    identity: new IdentityService(db),
  };
}
