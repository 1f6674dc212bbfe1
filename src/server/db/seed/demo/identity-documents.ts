/**
 * The identity cards the demo comuni recorded for the test identities resident there: number and expiry date,
 * written onto their registry records after the people are seeded. Giulia Ferrari's card expires 60 days after the
 * day the demo is first seeded (by the platform's clock), so that "Per te" warns her at once; Giuseppe Bonetti's
 * expired three weeks before, to show the advice for a card already expired; everyone else's is years away.
 *
 * A record that already has an expiry date (an earlier seed, or a register loaded from the comune's export) is
 * left as it is: seeding again changes nothing.
 */
import type { Kysely } from 'kysely';
import { findTestIdentity } from '../../../modules/identity/test-idp/identities.ts';
import { clock } from '../../../platform/clock.ts';
import { addDays } from '../../../platform/legal-clock.ts';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';

interface DemoIdentityCard {
  /** the test identity (modules/identity/test-idp/identities.ts) */
  identity: string;
  /** carta d'identità elettronica: two letters, five digits, two letters */
  number: string;
  /** YYYY-MM-DD, or days from the seeding day */
  expires: string | { daysFromSeeding: number };
}

export const DEMO_IDENTITY_CARDS: readonly DemoIdentityCard[] = [
  { identity: 'giulia-ferrari', number: 'CA48213FG', expires: { daysFromSeeding: 60 } },
  { identity: 'marco-colombo', number: 'CA77102KM', expires: '2031-11-02' },
  { identity: 'alessandro-ricci', number: 'CB20931AR', expires: '2033-08-11' },
  { identity: 'davide-esposito', number: 'CA90214DE', expires: '2029-04-25' },
  { identity: 'elena-conti', number: 'CB11873EC', expires: '2032-07-07' },
  { identity: 'giuseppe-bonetti', number: 'AY4471023', expires: { daysFromSeeding: -21 } },
  { identity: 'maria-teresa-rota', number: 'CA30586MT', expires: '2030-10-27' },
  { identity: 'francesca-galli', number: 'CB55120FG', expires: '2034-01-19' },
  { identity: 'amina-el-idrissi', number: 'CA64391AE', expires: '2030-12-04' },
  { identity: 'paolo-rinaldi', number: 'CA28840PR', expires: '2032-09-18' },
  { identity: 'sara-villa', number: 'CB07716SV', expires: '2033-02-13' },
];

export interface SeedIdentityCardsReport {
  /** records that got their card now */
  updated: number;
}

/** Writes each test identity's card on their registry record in the comune where they live, when it has none. */
export async function seedDemoIdentityCards(db: Kysely<DB>): Promise<SeedIdentityCardsReport> {
  const today = clock.today();
  return inScope(db, { platform: true }, async (trx) => {
    let updated = 0;
    for (const card of DEMO_IDENTITY_CARDS) {
      const person = findTestIdentity(card.identity);
      if (!person?.residence) throw new Error(`seedDemoIdentityCards: ${card.identity} is not a test identity resident in a demo comune`);
      const expires = typeof card.expires === 'string' ? card.expires : addDays(today, card.expires.daysFromSeeding);
      const tenant = trx.selectFrom('tenants').select('id').where('slug', '=', person.residence);
      const result = await trx.updateTable('registry_people')
        .set({ id_card_number: card.number, id_card_expires_on: expires })
        .where('tenant_id', '=', tenant).where('fiscal_code', '=', person.fiscalCode).where('id_card_expires_on', 'is', null)
        .executeTakeFirst();
      updated += Number(result.numUpdatedRows);
    }
    return { updated };
  });
}
