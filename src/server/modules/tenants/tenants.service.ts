import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { TenantsRepository, type OfficeRow, type TenantRow } from './tenants.repository.ts';

export function tenantDto(t: TenantRow) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    type: t.type,
    fiscalCode: t.fiscal_code,
    ipaCode: t.ipa_code,
    aooCode: t.aoo_code,
    parentId: t.parent_id,
    ...(t.website ? { website: t.website } : {}),
    ...(t.email ? { email: t.email } : {}),
    ...(t.pec ? { pec: t.pec } : {}),
    ...(t.phone ? { phone: t.phone } : {}),
  };
}

export function officeDto(o: OfficeRow) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    ...(o.description ? { description: o.description } : {}),
    address: o.address,
    postalCode: o.postal_code,
    city: o.city,
    province: o.province,
    ...(o.email ? { email: o.email } : {}),
    ...(o.pec ? { pec: o.pec } : {}),
    ...(o.phone ? { phone: o.phone } : {}),
    openingHours: o.opening_hours,
  };
}

export type TenantDto = ReturnType<typeof tenantDto>;
export type OfficeDto = ReturnType<typeof officeDto>;

/** The directory of public bodies: who they are, their offices, addresses and opening hours. */
export class TenantsService {
  readonly repo: TenantsRepository;
  constructor(db: Kysely<DB>) {
    this.repo = new TenantsRepository(db);
  }

  async list() {
    return (await this.repo.list()).map(tenantDto);
  }

  async get(idOrSlug: string): Promise<TenantRow> {
    const t = await this.repo.findByIdOrSlug(idOrSlug);
    if (!t) throw notFound("L'ente richiesto");
    return t;
  }

  async getWithOffices(idOrSlug: string) {
    const t = await this.get(idOrSlug);
    return { ...tenantDto(t), offices: (await this.repo.offices(t.id)).map(officeDto) };
  }

  async offices(idOrSlug: string) {
    const t = await this.get(idOrSlug);
    return (await this.repo.offices(t.id)).map(officeDto);
  }
}
