import type { Kysely } from 'kysely';
import type { ServiceInput, TenantInput } from '../../../contracts/catalog.ts';
import type { Services } from '../../platform/context.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { DB } from '../schema.ts';
import { CASTELROCCA_SLUG, DEMO_TENANTS, DISTRICT_COMUNI } from './demo/tenants.ts';
import { seedDemoOperators } from './demo/operators.ts';
import { DEMO_SERVICES } from './demo/services.ts';
import { seedDemoPeople } from './demo/people.ts';
import { seedDemoRegister } from './demo/register.ts';
import { seedDemoIdentityCards } from './demo/identity-documents.ts';
import { seedDemoHistory, type HistoryReport } from './demo/history.ts';
import { seedDemoReplyTemplates } from './demo/reply-templates.ts';
import { seedDemoDesk } from './demo/desk.ts';
import { seedDemoPayments } from './demo/payments.ts';
import { seedDemoSocial } from './demo/social.ts';

export interface SeedReport {
  tenants: number;
  offices: number;
  services: { created: number; updated: number; unchanged: number };
  operators: number;
  /** applications of the demo history made now, by body; bodies that have one already are left alone */
  history: HistoryReport;
}

/** Creates or updates bodies and their offices (by slug and office code). Returns slug → id. */
export async function upsertTenants(db: Kysely<DB>, tenants: TenantInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await inScope(db, { platform: true }, async (trx) => {
    // parents first, so parent_id can be resolved
    const ordered = [...tenants].sort((a, b) => Number(!!a.parentSlug) - Number(!!b.parentSlug));
    for (const t of ordered) {
      const parentId = t.parentSlug ? (ids.get(t.parentSlug) ?? (await trx.selectFrom('tenants').select('id').where('slug', '=', t.parentSlug).executeTakeFirst())?.id) : null;
      const values = {
        slug: t.slug, name: t.name, type: t.type, fiscal_code: t.fiscalCode, ipa_code: t.ipaCode, aoo_code: t.aooCode,
        parent_id: parentId ?? null, website: t.website ?? null, email: t.email ?? null, pec: t.pec ?? null, phone: t.phone ?? null,
        // the Casellario's codes, when the input has them
        ...(t.istatCode ? { istat_code: t.istatCode } : {}),
        ...(t.cadastralCode ? { cadastral_code: t.cadastralCode } : {}),
        ...(t.regionCode ? { region_code: t.regionCode } : {}),
      };
      const { id } = await trx
        .insertInto('tenants')
        .values(values)
        .onConflict((oc) => oc.column('slug').doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(t.slug, id);
      for (const o of t.offices) {
        const office = {
          tenant_id: id, code: o.code, name: o.name, description: o.description ?? null, address: o.address,
          postal_code: o.postalCode, city: o.city, province: o.province, email: o.email ?? null, pec: o.pec ?? null,
          phone: o.phone ?? null, opening_hours: JSON.stringify(o.openingHours),
        };
        await trx
          .insertInto('offices')
          .values(office)
          .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet(office))
          .execute();
      }
    }
  });
  return ids;
}

export async function upsertServices(services: Services, tenantId: string, list: ServiceInput[], publishedBy: string) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const s of list) counts[await services.catalog.upsert({ platform: true }, tenantId, s, publishedBy)]++;
  return counts;
}

/**
 * The demo: three bodies, their offices, the catalogue, operators in every role, registry families and companies, and
 * six months of applications in the two comuni. Idempotent.
 */
export async function seedDemo(db: Kysely<DB>, services: Services): Promise<SeedReport> {
  // the Ambito's other three comuni (no services of their own) come before the operators, whose grants name them
  const ids = await upsertTenants(db, [...DEMO_TENANTS, ...DISTRICT_COMUNI]);
  // Castelrocca has decided that its citizens' access log names the operator; Valdoro shows the office only
  await inScope(db, { platform: true }, (trx) => trx.updateTable('tenants').set({ access_log_names_operators: true }).where('slug', '=', CASTELROCCA_SLUG).execute());
  const totals = { created: 0, updated: 0, unchanged: 0 };
  for (const group of DEMO_SERVICES) {
    const tenantId = ids.get(group.tenantSlug);
    if (!tenantId) throw new Error(`demo services name an unknown body "${group.tenantSlug}"`);
    const c = await upsertServices(services, tenantId, group.services, 'seed:demo');
    totals.created += c.created;
    totals.updated += c.updated;
    totals.unchanged += c.unchanged;
  }
  // administrators, managers, office and desk operators, social workers, the platform administrator, and the
  // Ambito's associated management of both comuni (demo/operators.ts)
  const operators = await seedDemoOperators(db, services, ids);
  // ready answers for the thread with the citizen (demo/reply-templates.ts)
  await seedDemoReplyTemplates(db, ids);
  // registry families and companies that match the bundled test identity provider's people
  await seedDemoPeople(db);
  // the rest of the two registers: synthetic residents (through the register's batched load), civil status (demo/register.ts)
  await seedDemoRegister(db, services);
  // the test identities' identity cards (Giulia Ferrari's expires 60 days after the first seed: "Per te" warns her)
  await seedDemoIdentityCards(db);
  // six months of applications in the two comuni, made once (demo/history.ts)
  const history = await seedDemoHistory(db, services.storage);
  // the one-stop desks: queue categories, counters, appointment calendars, simulated days of arrivals (demo/desk.ts)
  await seedDemoDesk(db, ids);
  // paid positions of the history's applications paid before sending, and Giulia Ferrari's TARI (demo/payments.ts)
  await seedDemoPayments(db, ids);
  // the Ambito's social services: first contacts, case files, interventions to export (demo/social.ts)
  await seedDemoSocial(db, services.fieldCipher, ids);
  return {
    tenants: ids.size,
    offices: DEMO_TENANTS.reduce((n, t) => n + t.offices.length, 0),
    services: totals,
    operators,
    history,
  };
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const r = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return !r;
}
