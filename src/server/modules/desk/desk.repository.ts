/**
 * The lookups every part of the desk makes the same way: an office with its body (offices are public) and a
 * platform citizen account by fiscal code (platform scope). Run on the executor the caller chose.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** An office with its body's id and name, and the address the appointment messages print. */
export function officeOf(db: Kysely<DB>, officeId: string) {
  return db.selectFrom('offices as o').innerJoin('tenants as t', 't.id', 'o.tenant_id')
    .select(['o.id', 'o.tenant_id', 'o.name', 'o.address', 'o.postal_code', 'o.city', 't.name as tenant_name'])
    .where('o.id', '=', officeId).executeTakeFirst();
}

/** The platform's citizen account with this fiscal code, with the contacts an appointment defaults to. */
export function citizenByFiscalCode(db: Kysely<DB>, fiscalCode: string) {
  return db.selectFrom('citizens').select(['id', 'fiscal_code', 'given_name', 'family_name', 'email', 'phone'])
    .where('fiscal_code', '=', fiscalCode).executeTakeFirst();
}
