import type { Kysely, Selectable } from 'kysely';
import type { DB, OfficesTable, TenantsTable } from '../../db/schema.ts';

export type TenantRow = Selectable<TenantsTable>;
export type OfficeRow = Selectable<OfficesTable>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Bodies and their offices. Public directory data: readable without a tenant context. */
export class TenantsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(): Promise<TenantRow[]> {
    return this.db.selectFrom('tenants').selectAll().orderBy('name').execute();
  }

  findByIdOrSlug(idOrSlug: string): Promise<TenantRow | undefined> {
    const q = this.db.selectFrom('tenants').selectAll();
    return (UUID_RE.test(idOrSlug) ? q.where('id', '=', idOrSlug) : q.where('slug', '=', idOrSlug)).executeTakeFirst();
  }

  offices(tenantId: string): Promise<OfficeRow[]> {
    return this.db.selectFrom('offices').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  officesByIds(ids: string[]): Promise<OfficeRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('offices').selectAll().where('id', 'in', ids).execute();
  }

  officeByCode(tenantId: string, code: string): Promise<OfficeRow | undefined> {
    return this.db
      .selectFrom('offices')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .executeTakeFirst();
  }
}
