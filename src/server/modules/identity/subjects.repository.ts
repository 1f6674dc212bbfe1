import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const DELEGATION_COLUMNS = [
  'id', 'delegator_fiscal_code', 'delegator_given_name', 'delegator_family_name', 'purpose', 'valid_until', 'document_sha256',
  'document_name', 'document_type', 'document_size', 'created_at', 'revoked_at', 'revoke_reason', 'delegate_name', 'revoked_by',
] as const;

/** Delegations given to a citizen: queries only, always within the citizen's own scope. */
export class SubjectsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  delegationsOf(citizenId: string) {
    return this.db.selectFrom('delegations').select(DELEGATION_COLUMNS).where('delegate_citizen_id', '=', citizenId)
      .orderBy('created_at', 'desc').limit(200).execute();
  }

  activeDelegations(citizenId: string, today: string) {
    return this.db.selectFrom('delegations').select(DELEGATION_COLUMNS).where('delegate_citizen_id', '=', citizenId)
      .where('revoked_at', 'is', null).where('valid_until', '>=', today).orderBy('delegator_family_name').execute();
  }

  delegationById(id: string) {
    return this.db.selectFrom('delegations').select(DELEGATION_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Delegations that name this fiscal code as the person delegating (row-level security adds the same rule). */
  delegationsGivenBy(fiscalCode: string) {
    return this.db.selectFrom('delegations').select(DELEGATION_COLUMNS).where('delegator_fiscal_code', '=', fiscalCode)
      .orderBy('created_at', 'desc').limit(200).execute();
  }

  revokeGiven(id: string, fiscalCode: string, reason: string | null) {
    return this.db
      .updateTable('delegations')
      .set({ revoked_at: new Date(), revoke_reason: reason, revoked_by: 'delegator' })
      .where('id', '=', id)
      .where('delegator_fiscal_code', '=', fiscalCode)
      .where('revoked_at', 'is', null)
      .returning(DELEGATION_COLUMNS)
      .executeTakeFirst();
  }

  isActive(id: string, today: string) {
    return this.db.selectFrom('delegations').select('id').where('id', '=', id).where('revoked_at', 'is', null)
      .where('valid_until', '>=', today).executeTakeFirst();
  }

  insertDelegation(row: { delegateCitizenId: string; delegateName: string; delegatorFiscalCode: string; delegatorGivenName: string; delegatorFamilyName: string;
    purpose: string; validUntil: string; documentSha256: string; documentName: string; documentType: string; documentSize: number }) {
    return this.db
      .insertInto('delegations')
      .values({
        delegate_citizen_id: row.delegateCitizenId, delegator_fiscal_code: row.delegatorFiscalCode, delegator_given_name: row.delegatorGivenName,
        delegator_family_name: row.delegatorFamilyName, purpose: row.purpose, valid_until: row.validUntil, document_sha256: row.documentSha256,
        document_name: row.documentName, document_type: row.documentType, document_size: row.documentSize, delegate_name: row.delegateName,
      })
      .returning(DELEGATION_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  revokeDelegation(id: string, citizenId: string, reason: string | null) {
    return this.db
      .updateTable('delegations')
      .set({ revoked_at: new Date(), revoke_reason: reason, revoked_by: 'delegate' })
      .where('id', '=', id)
      .where('delegate_citizen_id', '=', citizenId)
      .where('revoked_at', 'is', null)
      .returning(DELEGATION_COLUMNS)
      .executeTakeFirst();
  }
}
