import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inScope } from '../../platform/tenancy.ts';
import { RegistryRepository } from './registry.repository.ts';

/** Relations to the head of the family sheet that make a person a parent of the sheet's children. */
const PARENT_RELATIONS = ['intestatario', 'coniuge', 'unito_civilmente'];

export interface MinorInCare {
  id: string;
  tenantId: string;
  tenantName: string;
  fiscalCode: string;
  name: string;
  birthDate: string;
}

/**
 * What the bodies' registries say about a person's family and the businesses they represent. These reads are
 * made for the person themselves (to offer whom they may act for), so they run in the platform scope.
 */
export class RegistryService {
  constructor(private readonly db: Kysely<DB>) {}

  private read<T>(fn: (repo: RegistryRepository) => Promise<T>) {
    return inScope(this.db, { platform: true }, (trx) => fn(new RegistryRepository(trx)));
  }

  /** The minor children on the same family sheet as a parent (head, spouse or civil partner). */
  async minorsInCareOf(fiscalCode: string): Promise<MinorInCare[]> {
    const family = await this.read((repo) => repo.familyOf(fiscalCode));
    return family
      .filter((p) => p.family_relation === 'figlio' && p.age < 18 && PARENT_RELATIONS.includes(p.my_relation))
      .map((p) => ({
        id: p.id, tenantId: p.tenant_id, tenantName: p.tenant_name, fiscalCode: p.fiscal_code,
        name: `${p.given_name} ${p.family_name}`, birthDate: p.birth_date,
      }));
  }

  companiesRepresentedBy(fiscalCode: string) {
    return this.read((repo) => repo.companiesRepresentedBy(fiscalCode));
  }

  /**
   * What a body's registry holds about a person, with their family sheet: read to fill in a form so the person
   * does not type again what the body already knows ("once only").
   */
  recordOf(tenantId: string, fiscalCode: string) {
    return this.read(async (repo) => {
      const person = await repo.personIn(tenantId, fiscalCode);
      if (!person) return null;
      return { person, family: await repo.familySheet(tenantId, person.family_id) };
    });
  }

  personById(id: string) {
    return this.read((repo) => repo.personById(id));
  }

  company(id: string) {
    return this.read((repo) => repo.company(id));
  }

  /**
   * What every body's registry holds about the person, for the person themselves ("I miei dati"): their record in
   * each body and the whole family sheet it is on, with which minors on it are in their care (the rule of
   * minorsInCareOf). Read in the platform scope like the person's other reads; not an office's read.
   */
  async recordsOf(fiscalCode: string) {
    const rows = await this.read((repo) => repo.sheetsOf(fiscalCode));
    const bodies = new Map<string, { tenant: { id: string; slug: string; name: string }; person: (typeof rows)[number]; family: ((typeof rows)[number] & { inCare: boolean })[] }>();
    for (const row of rows) {
      let body = bodies.get(row.tenant_id);
      if (!body) {
        const person = rows.find((r) => r.tenant_id === row.tenant_id && r.fiscal_code === fiscalCode)!;
        body = { tenant: { id: row.tenant_id, slug: row.tenant_slug, name: row.tenant_name }, person, family: [] };
        bodies.set(row.tenant_id, body);
      }
      const inCare = row.family_relation === 'figlio' && row.age < 18 && row.fiscal_code !== fiscalCode && PARENT_RELATIONS.includes(body.person.family_relation);
      body.family.push({ ...row, inCare });
    }
    return [...bodies.values()];
  }
}
