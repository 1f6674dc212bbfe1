/**
 * A registry certificate written straight into the database, with a stored file: for tests that need one owned by
 * a citizen the register does not hold (the authorisation matrix's citizen lives in no demo comune).
 */
import type { CertificateContent } from '../../src/contracts/certificates.ts';
import type { Database } from '../../src/server/db/connection.ts';
import { newVerificationCode } from '../../src/server/modules/documents/documents.service.ts';
import { findTestIdentity } from '../../src/server/modules/identity/test-idp/identities.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { inScope } from '../../src/server/platform/tenancy.ts';

export async function storedCertificate(
  t: { database: Database; ctx: AppContext },
  opts: { tenantId: string; officeId: string | null; identity: string },
): Promise<string> {
  const who = findTestIdentity(opts.identity);
  if (!who) throw new Error(`unknown test identity ${opts.identity}`);
  const pdf = Buffer.from(`%PDF-1.4\n% certificato di prova ${Math.random()}\n%%EOF\n`);
  const key = await t.ctx.services.storage.put(pdf);
  const content: CertificateContent = {
    kind: 'residence', title: 'Certificato di residenza', body: { name: 'Comune di prova', fiscalCode: '00000000000', office: null },
    issuedOn: '2026-01-10', validUntil: '2026-07-10',
    person: { givenName: who.givenName, familyName: who.familyName, fiscalCode: who.fiscalCode, sex: who.sex, birthDate: who.birthDate, birthPlace: who.birthPlace },
    residence: { address: 'Via di prova 1' },
  };
  return inScope(t.database.db, { platform: true }, async (trx) => {
    const citizen = await trx.selectFrom('citizens').select('id').where('fiscal_code', '=', who.fiscalCode).executeTakeFirstOrThrow();
    const row = await trx.insertInto('certificates').values({
      tenant_id: opts.tenantId, office_id: opts.officeId, citizen_id: citizen.id, subject_fiscal_code: who.fiscalCode, kind: 'residence',
      verification_code: newVerificationCode(), content: JSON.stringify(content), file_name: 'certificato-di-prova.pdf', storage_key: key, sha256: key,
      size: pdf.length, issued_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}
