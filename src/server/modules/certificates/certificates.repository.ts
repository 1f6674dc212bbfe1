/**
 * Queries of the registry certificates. Every method runs in the caller's scope: the citizen's (their own),
 * the issuing body's, or the platform's (the public verification, the office's revocation after its check).
 */
import { sql, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CertificatesTable, DB } from '../../db/schema.ts';

export type CertificateRow = Selectable<CertificatesTable> & {
  tenant_name: string;
  tenant_fiscal_code: string;
  /** issued_at to the microsecond, for the list's cursor */
  at_key: string;
};

export interface CertificateCursor {
  at: string;
  id: string;
}

export class CertificatesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private selectRows() {
    return this.db
      .selectFrom('certificates as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .selectAll('c')
      .select([
        't.name as tenant_name', 't.fiscal_code as tenant_fiscal_code',
        sql<string>`to_char(c.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_key'),
      ]);
  }

  async insert(values: Insertable<CertificatesTable>): Promise<string> {
    const row = await this.db.insertInto('certificates').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** The certificates a citizen asked for, newest first; `after` continues from the previous page's last. */
  listOwn(citizenId: string, page: { after?: CertificateCursor; limit: number }): Promise<CertificateRow[]> {
    let q = this.selectRows().where('c.citizen_id', '=', citizenId);
    if (page.after) q = q.where(sql<SqlBool>`(c.issued_at, c.id) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`);
    return q.orderBy('c.issued_at', 'desc').orderBy('c.id', 'desc').limit(page.limit).execute();
  }

  /** One certificate the citizen asked for (locked when about to be revoked). */
  ownById(citizenId: string, id: string, lock = false): Promise<CertificateRow | undefined> {
    let q = this.selectRows().where('c.citizen_id', '=', citizenId).where('c.id', '=', id);
    if (lock) q = q.forUpdate('c');
    return q.executeTakeFirst();
  }

  /** By id or by verification code (already normalised), locked: the office's revocation. */
  findForRevocation(idOrCode: { id: string } | { code: string }): Promise<CertificateRow | undefined> {
    const q = this.selectRows();
    return ('id' in idOrCode ? q.where('c.id', '=', idOrCode.id) : q.where('c.verification_code', '=', idOrCode.code))
      .forUpdate('c').executeTakeFirst();
  }

  byVerificationCode(code: string): Promise<CertificateRow | undefined> {
    return this.selectRows().where('c.verification_code', '=', code).executeTakeFirst();
  }

  async revoke(id: string, revocation: { at: Date; reason: string | null; by: string }): Promise<void> {
    await this.db.updateTable('certificates')
      .set({ revoked_at: revocation.at, revoked_reason: revocation.reason, revoked_by: revocation.by })
      .where('id', '=', id).where('revoked_at', 'is', null)
      .execute();
  }
}
