import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What the public verification reads about one document: no person's name or fiscal code is selected. */
export interface VerificationRow {
  verification_code: string;
  kind: 'receipt' | 'response';
  sha256: string;
  created_at: Date;
  revoked_at: Date | null;
  application_code: string;
  submitted_at: Date | null;
  protocol_year: number | null;
  protocol_number: number | null;
  registered_at: Date | null;
  tenant_name: string;
  tenant_fiscal_code: string;
  service_title: string;
}

export class DocumentsRepository {
  /** A document by its verification code (already normalised to XXXX-XXXX-XXXX), under the platform scope. */
  async findByVerificationCode(trx: Transaction<DB> | Kysely<DB>, code: string): Promise<VerificationRow | undefined> {
    return trx
      .selectFrom('application_documents as d')
      .innerJoin('applications as a', (j) => j.onRef('a.id', '=', 'd.application_id').onRef('a.tenant_id', '=', 'd.tenant_id'))
      .innerJoin('tenants as t', 't.id', 'd.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select([
        'd.verification_code', 'd.kind', 'd.sha256', 'd.created_at', 'd.revoked_at',
        'a.code as application_code', 'a.submitted_at', 'a.protocol_year', 'a.protocol_number', 'a.registered_at',
        't.name as tenant_name', 't.fiscal_code as tenant_fiscal_code',
        's.title as service_title',
      ])
      .where('d.verification_code', '=', code)
      .executeTakeFirst() as Promise<VerificationRow | undefined>;
  }
}
