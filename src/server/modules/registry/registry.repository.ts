import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The population registry (anagrafe) of each body and the businesses register: queries only. */
export class RegistryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The other members of every family sheet the person is on, with both people's relation to its head. */
  familyOf(fiscalCode: string) {
    return this.db
      .selectFrom('registry_people as me')
      .innerJoin('registry_people as p', (j) => j.onRef('p.tenant_id', '=', 'me.tenant_id').onRef('p.family_id', '=', 'me.family_id'))
      .innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .select([
        'p.id', 'p.tenant_id', 't.name as tenant_name', 'p.fiscal_code', 'p.given_name', 'p.family_name', sql<string>`p.birth_date::text`.as('birth_date'), 'p.family_relation',
        'me.family_relation as my_relation',
        sql<number>`date_part('year', age(current_date, p.birth_date))::int`.as('age'),
      ])
      .where('me.fiscal_code', '=', fiscalCode)
      .where('p.fiscal_code', '<>', fiscalCode)
      .orderBy(sql`p.birth_date`)
      .execute();
  }

  personById(id: string) {
    return this.db.selectFrom('registry_people').selectAll().where('id', '=', id).executeTakeFirst();
  }

  personIn(tenantId: string, fiscalCode: string) {
    return this.db.selectFrom('registry_people').selectAll().where('tenant_id', '=', tenantId).where('fiscal_code', '=', fiscalCode).executeTakeFirst();
  }

  /** Everyone on a family sheet, the head first, then by birth date. */
  familySheet(tenantId: string, familyId: string) {
    return this.db.selectFrom('registry_people').selectAll().where('tenant_id', '=', tenantId).where('family_id', '=', familyId)
      .orderBy(sql`family_relation = 'intestatario'`, 'desc').orderBy('birth_date').execute();
  }

  company(id: string) {
    return this.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  companiesRepresentedBy(fiscalCode: string) {
    return this.db
      .selectFrom('company_representatives as r')
      .innerJoin('companies as c', 'c.id', 'r.company_id')
      .select(['c.id', 'c.fiscal_code', 'c.name', 'c.legal_form', 'r.role'])
      .where('r.fiscal_code', '=', fiscalCode)
      .orderBy('c.name')
      .execute();
  }

  /**
   * Every family sheet the person is on, in every body, with all its members (the person too) and the body's
   * name: one query for "I miei dati". By body, then the head of the sheet first, then by birth date.
   */
  sheetsOf(fiscalCode: string) {
    return this.db
      .selectFrom('registry_people as me')
      .innerJoin('registry_people as p', (j) => j.onRef('p.tenant_id', '=', 'me.tenant_id').onRef('p.family_id', '=', 'me.family_id'))
      .innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .selectAll('p')
      .select(['t.name as tenant_name', 't.slug as tenant_slug', sql<number>`date_part('year', age(current_date, p.birth_date))::int`.as('age')])
      .where('me.fiscal_code', '=', fiscalCode)
      .orderBy('t.name').orderBy('p.tenant_id')
      .orderBy(sql`p.family_relation = 'intestatario'`, 'desc').orderBy('p.birth_date').orderBy('p.id')
      .execute();
  }
}
